#!/usr/bin/env bash
# Prints, one per line, the arguments that point PIP (a virtual environment's pip) at an index that answers: nothing
# when pip's default index answers within 5 s or pip is configured with an index of its own; where the default cannot
# be reached and pip is configured with extra indexes only (a machine with a local mirror), --index-url and the first
# of them, so that pip does not spend minutes retrying the default for every package.
#   scripts/pip-index.sh PIP
set -euo pipefail
pip=${1:?usage: scripts/pip-index.sh PIP}
if [ -n "${PIP_INDEX_URL:-}" ] || [ -n "$("$pip" config get global.index-url 2>/dev/null || true)" ]; then
  exit 0
fi
# pip without configuration files (PIP_CONFIG_FILE=/dev/null) or PIP_* variables (--isolated) asks its default index
# only
if PIP_CONFIG_FILE=/dev/null "$pip" index versions pip --isolated --timeout 5 --retries 0 >/dev/null 2>&1; then
  exit 0
fi
local_index=$("$pip" config get global.extra-index-url 2>/dev/null | awk '{print $1}' || true)
if [ -n "$local_index" ]; then
  printf '%s\n' --index-url "$local_index"
fi
