#!/usr/bin/env python3
"""Makes executed notebooks depend only on what their cells computed, so that executing a notebook twice on the
same machine gives the same file byte for byte: drops the execution timestamps that nbconvert writes into each
cell's metadata, and the wall time at the end of the training loop's epoch lines ("... test acc 0.8475 (0.4 s)").

usage: scripts/normalize_notebooks.py NOTEBOOK...
"""
import json
import re
import sys

EPOCH_TIME = re.compile(r"^(.* epoch \d+: loss .*) \(\d+\.\d+ s\)$", re.MULTILINE)


def normalize(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                text = "".join(out["text"]) if isinstance(out["text"], list) else out["text"]
                out["text"] = EPOCH_TIME.sub(r"\1", text).splitlines(keepends=True)
    # as nbformat writes a notebook
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(nb, sort_keys=True, indent=1, separators=(",", ": "), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    for notebook in sys.argv[1:]:
        normalize(notebook)
