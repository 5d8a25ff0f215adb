"""Starts the Java kernel N times through a Jupyter server, the way a browser does, and times each start.

It starts a Jupyter server of the project's Python environment on a free loopback port (kernels from the project's
Jupyter folder .jupyter/, which scripts/setup.sh fills), and stops it at the end. Each start: POST /api/kernels,
open the kernel's websocket, send a kernel_info_request on the shell channel and wait for its reply; then DELETE the
kernel. Prints one line per start and a summary that tells starts answered within --timeout (15 s) from later ones
(a slow machine) and from those not answered within --give-up (60 s: a kernel that will never answer); exits 1
unless every start answered within --timeout.

Use: .venv/bin/python scripts/kernel_starts.py [-n 50] [--kernel java] [--timeout 15] [--give-up 60]
"""
import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import websocket  # websocket-client, a dependency of jupyter_server


def api(url, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, method=method, data=data,
                                     headers={"Authorization": "token " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
    return json.loads(text) if text else None


def kernel_info(url, token, kernel_id, timeout):
    ws = websocket.create_connection(url.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels",
                                     header=["Authorization: token " + token], timeout=timeout)
    try:
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({"channel": "shell", "header": {"msg_id": msg_id, "msg_type": "kernel_info_request",
                                                            "username": "", "session": uuid.uuid4().hex,
                                                            "version": "5.3", "date": ""},
                            "parent_header": {}, "metadata": {}, "content": {}, "buffers": []}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                reply = json.loads(ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            if reply.get("parent_header", {}).get("msg_id") == msg_id and reply["msg_type"] == "kernel_info_reply":
                return reply["content"].get("status", "ok") == "ok"
        return False
    finally:
        ws.close()


def start_server(root):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_PATH=os.pathsep.join(filter(None, [str(root / ".jupyter"),
                                                                      os.environ.get("JUPYTER_PATH")])))
    server = subprocess.Popen([sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root", "--ip=127.0.0.1",
                               f"--port={port}", f"--IdentityProvider.token={token}", "--log-level=WARN"],
                              cwd=root / "notebooks", env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            api(url, token, "GET", "/api/status")
            return server, url, token
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                sys.exit("the Jupyter server did not start")
            time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--kernel", default="java")
    parser.add_argument("--timeout", type=float, default=15.0, help="a start passes when it answers within this")
    parser.add_argument("--give-up", type=float, default=60.0, help="a start that has not answered by then never will")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that the server is stopped below
    server, url, token = start_server(Path(__file__).resolve().parent.parent)
    times, late, never = [], [], 0
    load = os.getloadavg()[0]
    try:
        for i in range(1, args.n + 1):
            start = time.monotonic()
            kernel_id = api(url, token, "POST", "/api/kernels", {"name": args.kernel})["id"]
            try:
                ok = kernel_info(url, token, kernel_id, args.give_up - (time.monotonic() - start))
            except (OSError, websocket.WebSocketException) as e:
                ok = False
                print(f"start {i}: {e}", file=sys.stderr)
            elapsed = time.monotonic() - start
            api(url, token, "DELETE", f"/api/kernels/{kernel_id}")
            if not ok:
                never += 1
            elif elapsed <= args.timeout:
                times.append(elapsed)
            else:
                late.append(elapsed)
            print(f"start {i}: {'answered' if ok else 'NO ANSWER'} after {elapsed:.1f} s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    times.sort()
    median = f" (median {times[len(times) // 2]:.1f} s)" if times else ""
    print(f"{len(times)} of {args.n} starts answered within {args.timeout:.0f} s{median}, {len(late)} later "
          f"({', '.join(f'{t:.1f}' for t in sorted(late)) or '-'} s), {never} not within {args.give_up:.0f} s; "
          f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores")
    sys.exit(0 if len(times) == args.n else 1)


if __name__ == "__main__":
    main()
