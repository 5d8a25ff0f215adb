"""Prints what scripts/benchmark.sh measured, from its JSON files: bench_summary.py [--pairs] OUT_DIR ROUNDS
(--pairs: only the concise epoch of this jar against BASELINE_JAR's).

Every ratio is the median over rounds of that round's ratio (both runs of a ratio come from the same round, so a
change in the machine's load between rounds falls on both)."""
import json
import os
import re
import statistics
import sys

pairs_only = sys.argv[1] == "--pairs"
out, rounds = sys.argv[1 + pairs_only], int(sys.argv[2 + pairs_only])
med = statistics.median


def load(name):
    return [json.load(open(f"{out}/{name}-{r}.json")) for r in range(1, rounds + 1)]


def epochs(runs):
    return [x["medianEpochSeconds"] for x in runs]


def ratio(a, b):
    """(median of per-round ratios a/b, their min, their max)."""
    rs = [x / y for x, y in zip(epochs(a), epochs(b))]
    return med(rs), min(rs), max(rs)


def fmt(name, a, b):
    m, lo, hi = ratio(a, b)
    return (f"{name:48} {med(epochs(a)):7.3f} s {med(epochs(b)):7.3f} s  {m:5.2f}x  (rounds {lo:.2f}-{hi:.2f}; "
            + " / ".join(f"{x:.3f}:{y:.3f}" for x, y in zip(epochs(a), epochs(b))) + ")")


if os.environ.get("BASELINE_JAR"):
    print(fmt("concise epoch, this jar / BASELINE_JAR (PASSIVE)", load("pair-now"), load("pair-baseline")))
if pairs_only:
    sys.exit()

runs = {k: load(k) for k in ("djl-ACTIVE", "pt2-ACTIVE", "djl-PASSIVE", "pt2-PASSIVE", "djl-native")}
best = {k: load(f"best-{k}") for k in ("djl-ACTIVE", "pt2-ACTIVE", "pt2default-ACTIVE", "djl-PASSIVE",
                                       "pt2-PASSIVE", "pt2default-PASSIVE")}
libtorch = re.search(r"<pytorch.version>([^<]+)<", open("pom.xml").read()).group(1)
print(f"{rounds} rounds; DJL's libtorch {libtorch}, PyTorch "
      f"{runs['pt2-PASSIVE'][0]['torch']} (pip's CPU wheel); both sides AVX2 kernels, 2 threads")
print(f"{'':48} {'DJL':>9} {'PyTorch':>9}  DJL/PyTorch")
print(fmt("concise epoch, both spinning (ACTIVE)", runs["djl-ACTIVE"], runs["pt2-ACTIVE"]))
print(fmt("concise epoch, both sleeping (PASSIVE)", runs["djl-PASSIVE"], runs["pt2-PASSIVE"]))
print(fmt("mlp-best epoch, both ACTIVE, fused Adam", best["djl-ACTIVE"], best["pt2-ACTIVE"]))
print(fmt("mlp-best epoch, both ACTIVE, default Adam", best["djl-ACTIVE"], best["pt2default-ACTIVE"]))
print(fmt("mlp-best epoch, both PASSIVE, fused Adam", best["djl-PASSIVE"], best["pt2-PASSIVE"]))
print(fmt("mlp-best epoch, both PASSIVE, default Adam", best["djl-PASSIVE"], best["pt2default-PASSIVE"]))
print(f"{'':48} {'this':>9} {'that':>9}  this/that")
print(fmt("DJL concise, PASSIVE (default) / ACTIVE", runs["djl-PASSIVE"], runs["djl-ACTIVE"]))
print(fmt("DJL concise, AVX2 pin / unpinned", runs["djl-PASSIVE"], runs["djl-native"]))
same = all(a["numbers"] == b["numbers"] for a, b in zip(runs["djl-PASSIVE"], runs["djl-ACTIVE"]))
print(f"DJL concise numbers identical under ACTIVE and PASSIVE: {same}")
gd, gp = load("gemm-djl"), load("gemm-pt2")
print(f"GEMM-only bound s/epoch: DJL {med(x['gemmSecondsPerEpoch'] for x in gd):.3f}, PyTorch "
      f"{med(x['gemmSecondsPerEpoch'] for x in gp):.3f}; concise PASSIVE epoch / bound: DJL "
      f"{med(epochs(runs['djl-PASSIVE'])) / med(x['gemmSecondsPerEpoch'] for x in gd):.2f}, PyTorch "
      f"{med(epochs(runs['pt2-PASSIVE'])) / med(x['gemmSecondsPerEpoch'] for x in gp):.2f}")

waits = sorted({f.split("-")[1] for f in os.listdir(out) if f.startswith("wait-")})
for w in waits:
    for order in ("quiet-busy", "busy-quiet"):
        q = json.load(open(f"{out}/wait-{w}-quiet-{order}.json"))
        b = json.load(open(f"{out}/wait-{w}-busy-{order}.json"))
        ref = json.load(open(f"{out}/wait-project-quiet-{order}.json"))
        same = q["numbers"] == b["numbers"] == ref["numbers"]
        print(f"wait {w:8} ({order}): quiet {q['medianEpochSeconds']:.3f} s, one core busy "
              f"{b['medianEpochSeconds']:.3f} s ({b['medianEpochSeconds'] / q['medianEpochSeconds']:.2f}x);"
              f" numbers identical: {same}")

if os.path.exists(f"{out}/all-times"):
    times = dict(line.split() for line in open(f"{out}/all-times"))
    for name, ms in times.items():
        done = dict(re.findall(r"^  (\S+) done in ([0-9.]+) s", open(f"{out}/{name}.log").read(), re.M))
        extra = ("distribution-shift", "mlp-best-sweep", "mlp-best")
        print(f"{name}: {int(ms) / 1000:.1f} s wall; the book's 15 "
              f"{sum(float(v) for k, v in done.items() if k not in extra):.1f} s, "
              + ", ".join(f"{k} {done.get(k, '?')} s" for k in extra))
    if "all-baseline-1" in times:
        this = int(times["all"]) + int(times["all-2"])
        base = int(times["all-baseline-1"]) + int(times["all-baseline-2"])
        print(f"all: this jar / baseline jar {this / base:.2f}")
    timing = re.compile(r"(?i).*(second|time|millis|duration|elapsed).*")

    def strip(v):
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if not timing.match(k)}
        return [strip(x) for x in v] if isinstance(v, list) else v

    names = [d for d in os.listdir(f"{out}/all") if os.path.exists(f"{out}/all/{d}/metrics.json")]
    diff = [k for k in sorted(names) if strip(json.load(open(f"{out}/all/{k}/metrics.json")).get("metrics"))
            != strip(json.load(open(f"results/{k}/metrics.json")).get("metrics"))]
    print("all: metrics identical to results/ except " + (", ".join(diff) if diff else "none"))
