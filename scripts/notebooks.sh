#!/usr/bin/env bash
# Opens the notebooks in JupyterLab: installs what is missing (scripts/setup.sh --notebooks: the Java kernel and
# JupyterLab 4 in the project's Python environment .venv), builds target/d2l-mlp.jar when it is missing or older than
# the sources, and starts JupyterLab on 127.0.0.1 in notebooks/ with a fresh token. Prints the address to open;
# Ctrl-C stops JupyterLab and its kernels.
#   scripts/notebooks.sh [--port N]    (default: a free port from 8888 up)
set -euo pipefail
cd "$(dirname "$0")/.."
port=
if [ "${1:-}" = --port ] && [ -n "${2:-}" ]; then
  port=$2
elif [ -n "${1:-}" ]; then
  echo "usage: scripts/notebooks.sh [--port N]" >&2
  exit 2
fi

scripts/setup.sh --notebooks
if [ ! -f target/d2l-mlp.jar ] || [ -n "$(find pom.xml src/main -newer target/d2l-mlp.jar -print -quit)" ]; then
  echo "notebooks: building target/d2l-mlp.jar" >&2
  mvn -q -B -DskipTests package
fi

export JUPYTER_PATH="$PWD/.jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
read -r port token < <(.venv/bin/python - "$port" <<'EOF'
import secrets, socket, sys
port = int(sys.argv[1]) if sys.argv[1] else None
for candidate in [port] if port else range(8888, 8988):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", candidate))
        except OSError:
            continue
    print(candidate, secrets.token_hex(24))
    break
else:
    sys.exit(f"notebooks: port {port} is taken" if port else "notebooks: no free port in 8888-8987")
EOF
)

# JupyterLab gets its own session so that Ctrl-C reaches this script only, which stops it (and with it its kernels)
# instead of JupyterLab asking whether to shut down
setsid .venv/bin/jupyter lab --no-browser --allow-root --ip=127.0.0.1 --port="$port" --ServerApp.port_retries=0 \
  --IdentityProvider.token="$token" --ServerApp.root_dir=notebooks &
lab=$!
trap 'kill -TERM $lab 2>/dev/null; wait $lab; exit 0' INT TERM
trap 'kill -TERM $lab 2>/dev/null || true' EXIT
until .venv/bin/python -c 'import sys, urllib.request as u; u.urlopen(sys.argv[1], timeout=2)' \
    "http://127.0.0.1:$port/api/status?token=$token" 2>/dev/null; do
  kill -0 $lab 2>/dev/null || { wait $lab; exit 1; }
  sleep 0.5
done
echo
echo "JupyterLab: http://127.0.0.1:$port/lab?token=$token"
echo "(kernel: Java; Ctrl-C stops JupyterLab)"
echo
wait $lab
