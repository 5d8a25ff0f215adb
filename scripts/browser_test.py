"""The reader's path, in a real browser: scripts/notebooks.sh starts JupyterLab, headless Chromium opens notebooks in
the JupyterLab UI and runs all their cells from the Run menu.

A notebook passes when every code cell executed, no output is an error (or anything else written to stderr), every
image in the outputs loaded (naturalWidth > 0, and at least one where the committed notebook has images), and the
outputs under the section that checks the notebook against the library say that they agree. Screenshots and the
JupyterLab log go to target/browser/. JupyterLab and its kernels are stopped by PID at the end, also on failure.

Use: /usr/bin/python3 scripts/browser_test.py [NOTEBOOK.ipynb ...]   (default: 02-mlp-scratch and 10-kaggle-house)
Needs Debian's chromium, chromium-driver and python3-selenium (scripts/setup.sh --browser).
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "browser"
NOTEBOOKS = ["02-mlp-scratch.ipynb", "10-kaggle-house.ipynb"]
# what the library check prints when the notebook's numbers are the library's ("relu: same (160 values)", "... agree")
AGREES = re.compile(r"\b(same|agrees?|match(es)?|identical)\b", re.IGNORECASE)
START_TIMEOUT = 900  # may build the jar first
RUN_TIMEOUT = 1800

# JupyterLab settings for the test: no autosave (the committed notebooks stay as they are), every cell in the page
# (no windowing), no news prompt
SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
}

STATE_JS = """
const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')];
const code = cells.filter(c => c.classList.contains('jp-CodeCell'));
const prompts = code.map(c => (c.querySelector('.jp-InputArea-prompt') || {}).textContent || '');
const errors = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')]
  .filter(o => o.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr').map(o => o.textContent);
const images = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img')]
  .map(i => i.complete && i.naturalWidth > 0);
// the outputs after the last heading that names the library, up to the next heading
let inCheck = false, check = '', heading = '';
for (const c of cells) {
  const h = c.querySelector('h1, h2, h3');
  if (h) { inCheck = /library/i.test(h.textContent); if (inCheck) { heading = h.textContent; check = ''; } }
  if (inCheck && c.classList.contains('jp-CodeCell')) {
    check += [...c.querySelectorAll('.jp-OutputArea-output')].map(o => o.textContent).join('\\n') + '\\n';
  }
}
return {cells: code.length, prompts, errors, images, heading, check};
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid):
    """pid and every process below it, from /proc."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def stop(process):
    """Stops scripts/notebooks.sh, JupyterLab and the kernels by PID: TERM, then KILL what is left."""
    pids = descendants(process.pid)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
        process.poll()
        time.sleep(0.5)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
            print(f"browser test: killed process {pid}", file=sys.stderr)
        except ProcessLookupError:
            pass
    process.wait()


def api(base, token, method, path):
    request = urllib.request.Request(base + path, method=method, headers={"Authorization": "token " + token})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read()
    return json.loads(text) if text else None


def wait_for_idle_kernel(base, token, name, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for session in api(base, token, "GET", "/api/sessions"):
            if session["path"].endswith(name) and session["kernel"]["execution_state"] == "idle":
                return session
        time.sleep(1)
    raise AssertionError(f"{name}: the kernel did not start within {timeout} s")


def menu(driver, title, item):
    """Clicks a JupyterLab menu entry, as a reader does."""
    driver.find_element(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").click()
    driver.find_element(By.XPATH, f"//li[contains(@class,'lm-MenuBar-item')][.//*[text()='{title}']]").click()
    driver.find_element(By.XPATH, f"//li[contains(@class,'lm-Menu-item')]"
                                  f"[.//*[contains(@class,'lm-Menu-itemLabel') and text()='{item}']]").click()
    time.sleep(1)


def run_notebook(driver, base, token, name):
    stem = name.removesuffix(".ipynb")
    committed = json.loads((ROOT / "notebooks" / name).read_text())
    has_images = any("image/png" in o.get("data", {}) for c in committed["cells"] for o in c.get("outputs", []))
    driver.get(f"{base}/lab/tree/{name}?reset")
    deadline = time.monotonic() + 120
    while not driver.execute_script(STATE_JS)["cells"]:
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}: the notebook did not open")
        time.sleep(0.5)
    session = wait_for_idle_kernel(base, token, name, 120)
    try:
        # the committed outputs are cleared first, so that every execution count seen below comes from this run
        menu(driver, "Edit", "Clear Outputs of All Cells")
        if any(p.strip() != "[ ]:" for p in driver.execute_script(STATE_JS)["prompts"]):
            raise AssertionError(f"{name}: the outputs were not cleared")
        menu(driver, "Run", "Run All Cells")
        start = time.monotonic()
        while True:
            state = driver.execute_script(STATE_JS)
            if state["errors"]:
                raise AssertionError(f"{name}: error output: {state['errors'][0][:2000]}")
            if all(re.fullmatch(r"\[\d+\]:", p.strip()) for p in state["prompts"]):
                wait_for_idle_kernel(base, token, name, 60)
                break
            if time.monotonic() - start > RUN_TIMEOUT:
                raise AssertionError(f"{name}: not done after {RUN_TIMEOUT} s: prompts {state['prompts']}")
            time.sleep(2)
        deadline = time.monotonic() + 15  # images decode after their cell has finished
        while not all((state := driver.execute_script(STATE_JS))["images"]) and time.monotonic() < deadline:
            time.sleep(0.5)
        driver.save_screenshot(str(OUT / f"{stem}-end.png"))
        if state["errors"]:
            raise AssertionError(f"{name}: error output: {state['errors'][0][:2000]}")
        if not all(state["images"]) or (has_images and not state["images"]):
            raise AssertionError(f"{name}: images loaded: {state['images']}")
        if not state["heading"]:
            raise AssertionError(f"{name}: no section that checks against the library")
        if not AGREES.search(state["check"]):
            raise AssertionError(f"{name}: the library check printed no agreement: {state['check'][:1000]!r}")
        driver.execute_script("""const h = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) h2')]
            .filter(h => /library/i.test(h.textContent)).pop(); if (h) h.scrollIntoView();""")
        driver.save_screenshot(str(OUT / f"{stem}-library-check.png"))
        line = next(l for l in state["check"].splitlines() if AGREES.search(l))
        print(f"browser test {name}: {state['cells']} code cells executed, no error, "
              f"{len(state['images'])} images rendered; library check: {line.strip()!r}", flush=True)
    finally:
        api(base, token, "DELETE", f"/api/sessions/{session['id']}")


def main():
    names = sys.argv[1:] or NOTEBOOKS
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a killed test still stops what it started (finally)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    settings = Path(tempfile.mkdtemp(prefix="d2l-lab-settings-"))
    for path, values in SETTINGS.items():
        (settings / path).parent.mkdir(parents=True, exist_ok=True)
        (settings / path).write_text(json.dumps(values))
    before = {n: (ROOT / "notebooks" / n).read_bytes() for n in names}
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(settings / "ws"))
    log = open(OUT / "jupyterlab.log", "w")
    lab = subprocess.Popen([str(ROOT / "scripts" / "notebooks.sh"), "--port", str(free_port())], cwd=ROOT, env=env,
                           stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    driver = None
    failed = False
    try:
        deadline = time.monotonic() + START_TIMEOUT
        address = re.compile(r"JupyterLab: (http://\S+)/lab\?token=(\w+)")
        while not (found := address.search((OUT / "jupyterlab.log").read_text())):
            if lab.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("scripts/notebooks.sh did not start JupyterLab; see target/browser/jupyterlab.log")
            time.sleep(1)
        base, token = found.group(1), found.group(2)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", f"--user-data-dir={settings / 'chromium'}", "--window-size=1400,1800"]:
            options.add_argument(arg)
        driver = webdriver.Chrome(options=options,
                                  service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"))
        driver.get(f"{base}/lab?token={token}")  # logs in (a cookie) for the pages below
        for name in names:
            try:
                run_notebook(driver, base, token, name)
            except Exception as e:  # noqa: BLE001 - every notebook is tried, each failure reported
                failed = True
                driver.save_screenshot(str(OUT / f"{name.removesuffix('.ipynb')}-failed.png"))
                print(f"browser test {name}: FAILED: {e}", file=sys.stderr, flush=True)
    except Exception as e:  # noqa: BLE001
        failed = True
        print(f"browser test: FAILED: {e}", file=sys.stderr)
    finally:
        if driver:
            driver.quit()
        stop(lab)
        log.close()
        shutil.rmtree(settings, ignore_errors=True)
    changed = [n for n in names if (ROOT / "notebooks" / n).read_bytes() != before[n]]
    if changed:
        failed = True
        print(f"browser test: the run changed {changed}", file=sys.stderr)
    print(f"browser test: {'FAILED' if failed else 'passed'} ({len(names)} notebooks; screenshots in target/browser/)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
