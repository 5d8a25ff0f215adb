"""Runs every experiment that has a PyTorch twin on both sides, seed by seed, and writes the comparison.

    twin.py --python PY [--seeds N] [--epochs E] [--threads T] [--raw DIR] [--report FILE] [--report-only]
            [--side java|pytorch] [--reuse JSON]... [--timing DIR] [EXPERIMENT ...]

For each experiment and seed 1..N (N: --seeds, else SEEDS below, else 5) it runs
`java -jar target/d2l-mlp.jar run NAME --seed S` and then the twin `PY scripts/pytorch/NAME.py --seed S`
(alternating, so that a change in the machine's load falls on both), each as its own process with T libtorch
threads, and keeps both metrics.json files under DIR (default target/pytorch-twin/raw). `mlp-best` trains three seeds
per Java run (--seed S gives S, S+1, S+2), so the Java side runs it from seeds 1, 4, … and keeps seeds 1..N. The
report (default results/pytorch-twin.md, with a figure and a JSON of every value next to it) covers every experiment
found under DIR, and for a side with no runs there, the per-seed values of an earlier report's JSON (--reuse: for a
side whose code has not changed since); --report-only rewrites it without running. The comparison is compare.py's.
The deterministic twins (EXACT) run seed 1 only; for `backprop` and `numerical-stability` the Java run writes its
inputs and results as .npz (java -Dd2l.tensors=DIR) and the PyTorch side reads them (--java-tensors DIR).
"""
import argparse
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import compare

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "target" / "d2l-mlp.jar"


def classifier():
    return [("final train loss", lambda m: m["finalTrainLoss"], "final train loss"),
            ("final train acc", lambda m: m["finalTrainAcc"], "final train acc"),
            ("final test acc", lambda m: m["finalTestAcc"], "final test acc")]


def poly_fit(name, label, weights, book):
    q = [(f"{label} w[{i}]", lambda m, i=i: m[name]["weights"][i], book[i] if book else None) for i in range(weights)]
    return q + [(f"{label} final train loss", lambda m: m[name]["finalTrainLoss"],
                 f"{label} final train loss" if book else None),
                (f"{label} final test loss", lambda m: m[name]["finalTestLoss"],
                 f"{label} final test loss" if book else None)]


def weight_decay(kind, symbol, word):
    q = []
    for lam in ("0.0", "3.0"):
        short = lam.split(".")[0]
        key = f"lambda={lam}"
        q += [(f"‖w‖, {symbol} = {short}", lambda m, k=key: m[k]["normW"], f"{kind} ‖w‖ ({word} {short})"),
              (f"final train loss, {symbol} = {short}", lambda m, k=key: m[k]["finalTrainLoss"], None),
              (f"final test loss, {symbol} = {short}", lambda m, k=key: m[k]["finalTestLoss"], None)]
    return q


def house(book):
    return [("average train log rmse", lambda m: m["averageTrainLogRmse"],
             "average train log rmse, 5 folds" if book else None),
            ("average valid log rmse", lambda m: m["averageValidLogRmse"],
             "average valid log rmse, 5 folds" if book else None),
            ("all-data train log rmse", lambda m: m["fullTrainLogRmse"],
             "train log rmse, all training data" if book else None)]


def xavier_ratio(kind):
    """The sampled variance of the Xavier {kind} weight over the book's 2/(n_in + n_out)."""
    return lambda m: next(s["empirical"] / s["expected"] for s in m["samples"]
                          if s["name"].startswith(f"xavier {kind}"))


# name -> (book section, final numbers: (label, value from metrics, the Java side's book-spread entry or None))
EXPERIMENTS = {
    "mlp-scratch": ("4.2", classifier()),
    "mlp-concise": ("4.3", classifier()),
    "underfit-overfit": ("4.4", poly_fit("degree 3", "degree-3", 4, [
        "degree-3 w[0] (true 5)", "degree-3 w[1] (true 1.2)", "degree-3 w[2] (true -3.4)",
        "degree-3 w[3] (true 5.6)"])
        + [(f"degree-1 w[{i}]", lambda m, i=i: m["degree 1"]["weights"][i], f"degree-1 w[{i}]") for i in range(2)]
        + [("degree-1 final train loss", lambda m: m["degree 1"]["finalTrainLoss"], None),
           ("degree-1 final test loss", lambda m: m["degree 1"]["finalTestLoss"], None),
           ("degree-19 final train loss", lambda m: m["degree 19 (all 20 features)"]["finalTrainLoss"], None),
           ("degree-19 final test loss", lambda m: m["degree 19 (all 20 features)"]["finalTestLoss"], None)]),
    "model-selection": ("4.4", [("chosen degree", lambda m: m["chosenDegree"], None),
                                ("test loss of the chosen degree", lambda m: m["chosenTestLoss"], None),
                                ("validation loss, degree 3", lambda m: m["validLoss"][2], None),
                                ("validation loss, degree 19", lambda m: m["validLoss"][18], None)]),
    "weight-decay-scratch": ("4.5", weight_decay("scratch", "λ", "lambda")),
    "weight-decay-concise": ("4.5", weight_decay("concise", "wd", "wd")),
    "dropout-scratch": ("4.6", classifier()),
    "dropout-concise": ("4.6", classifier()),
    "xavier": ("4.8", [(f"Xavier {kind} Var(W)·(n_in+n_out)/2", xavier_ratio(kind),
                        f"Xavier {kind} Var(W)·(n_in+n_out)/2") for kind in ("uniform", "normal")]),
    "kaggle-house": ("4.10", house(True)),
    "kaggle-house-mlp": ("4.10+", house(False)),
    "mlp-best": ("4.6+", [("test acc after 20 epochs", lambda m: m["testAcc"], None)]),
}


def curve(name, key):
    return lambda m: next(c for c in m["curves"] if c["name"] == name)[key]


RTOL, ATOL = 1e-6, 1e-7


def pointwise(quantities):
    """Rows of a twin whose metrics on both sides hold every point: equal when each agrees to float32 rounding,
    |Java − PyTorch| ≤ ATOL + RTOL·|PyTorch|."""
    def rows(java, pytorch):
        out = []
        for label, get in quantities:
            a, b = get(java), get(pytorch)
            same = len(a) == len(b)
            out.append({"quantity": label, "points": len(b),
                        "maxAbsDiff": max((abs(x - y) for x, y in zip(a, b)), default=math.inf) if same else math.inf,
                        "maxAbs": max(map(abs, b)),
                        "equal": same and all(abs(x - y) <= ATOL + RTOL * abs(y) for x, y in zip(a, b))})
        return out
    return [label for label, _ in quantities], rows


def against_java(labels, scale):
    """Rows of a twin whose PyTorch side read the Java run's tensors and wrote, per quantity, the largest
    |Java − PyTorch| and the largest |PyTorch value| (common.against_java): equal when the first is at most `scale`
    times the second. A quantity missing there is not equal."""
    def rows(java, pytorch):
        found = {r["quantity"]: r for r in pytorch["comparisons"]}
        return [dict(found[label], equal=found[label]["maxAbsDiff"] <= scale * found[label]["maxAbs"])
                if label in found else {"quantity": label, "points": 0, "maxAbsDiff": math.inf, "maxAbs": math.nan,
                                        "equal": False} for label in labels]
    return labels, rows


# float32 sums of up to 784 products, added in an order each library picks: 1e-5 of the largest |value| is about 170
# float32 roundings (2⁻²⁴ ≈ 6e-8) of it. The product runs through 100 such 4×4 products, each adding a few roundings
# of its size: 1e-4.
GRADIENT_SCALE, PRODUCT_SCALE = 1e-5, 1e-4

# Deterministic experiments, run once (seed 1) on each side and compared point by point: name -> (book section,
# (labels, rows from (Java metrics, PyTorch metrics)), the tolerance in words).
EXACT = {
    "activations": ("4.1", pointwise([(f"{n} {what}", curve(n, key)) for n in ("relu", "prelu", "sigmoid", "tanh")
                                      for what, key in (("on the grid", "x"), ("value", "y"), ("gradient", "grad"))]),
                    f"every point ≤ {ATOL:g} + {RTOL:g}·|PyTorch|"),
    "backprop": ("4.7", against_java([f"{phi}: {q}" for phi in ("relu", "sigmoid", "tanh")
                                      for q in ("L, s, J", "∂J/∂W1", "∂J/∂W2")], GRADIENT_SCALE),
                 f"largest ≤ {GRADIENT_SCALE:g}·largest |value|"),
    "numerical-stability": ("4.8", against_java(["M after 100 products"], PRODUCT_SCALE),
                            f"largest ≤ {PRODUCT_SCALE:g}·largest |value|"),
}
# The deterministic twins whose PyTorch side reads the Java run's tensors.
TENSORS = ("backprop", "numerical-stability")

# Seeds a side, by what one seed of both sides costs (the report's tables): 30 at about 10 s or less (weight decay,
# model selection, Xavier), 15 under a minute (the polynomial fits, the house prices, the Fashion-MNIST networks);
# mlp-best, about two minutes, stays at 5.
SEEDS = {"mlp-scratch": 15, "mlp-concise": 15, "underfit-overfit": 15, "model-selection": 30,
         "weight-decay-scratch": 30, "weight-decay-concise": 30, "dropout-scratch": 15, "dropout-concise": 15,
         "xavier": 30, "kaggle-house": 15, "kaggle-house-mlp": 15}

SIDES = ("java", "pytorch")

# Measured explanations of a "differs" verdict, shown under the table when the verdict is "differs": what was looked
# at, and a report of the same experiment on fresh seeds (results/pytorch-twin-checks/), whose row is quoted from it.
NOTES = {
    ("dropout-scratch", "final train loss"): (
        "the two sides' code, compared line by line, does the same (PyTorch's default init of every weight and bias, "
        "the mask U[0, 1) > p scaled by 1/(1 − p) in training only, SGD on the batch's mean loss). On fresh seeds "
        "the difference is not there",
        "pytorch-twin-checks/dropout-scratch-seeds-16-45.json"),
}


def note(row, report_dir):
    """The explanation of a "differs" row, with the same row of its fresh-seed report where there is one."""
    text, check = NOTES.get((row["experiment"], row["quantity"]), ("not yet explained", None))
    again = None
    if check and (report_dir / check).is_file():
        again = next((r for r in json.loads((report_dir / check).read_text())["rows"]
                      if r["experiment"] == row["experiment"] and r["quantity"] == row["quantity"]), None)
    if again is None:
        return text + "."
    seeds = again["seeds"]["java"]
    return (f"{text}: seeds {min(seeds)}–{max(seeds)} ({len(seeds)} a side, none used above) give "
            f"{fmt(statistics.median(again['java']))} (Java) against {fmt(statistics.median(again['pytorch']))} "
            f"(PyTorch), Δ/σ = {_k(again['shift'])}, p = {_p(again['p'])}, {again['verdict']} at a detectable "
            f"shift of {_k(again['detectable'])}σ ([{Path(check).stem}.md]({Path(check).with_suffix('.md')})). "
            f"With {{n}} numbers tested, about {{chance}} are expected to differ by chance alone when nothing does.")


def run(cmd, log, env):
    """(wall seconds, CPU seconds) of one process; CPU time depends less on the machine's other load."""
    start = time.perf_counter()
    cpu_start = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(log, "w") as f:
        rc = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    seconds = time.perf_counter() - start
    cpu_end = resource.getrusage(resource.RUSAGE_CHILDREN)
    if rc != 0:
        sys.exit(f"failed (exit {rc}): {' '.join(map(str, cmd))}; see {log}")
    return seconds, cpu_end.ru_utime + cpu_end.ru_stime - cpu_start.ru_utime - cpu_start.ru_stime


def fresh(out, name):
    """Makes an empty run directory; False (kept as it is) when it already holds a finished run (--keep)."""
    if (out / name / "metrics.json").is_file() and (out / "wall-seconds.txt").is_file():
        return False
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    return True


def java_seeds(name, seeds):
    """The --seed values of the Java runs that cover seeds 1..seeds."""
    step = 3 if name == "mlp-best" else 1
    return list(range(1, seeds + 1, step))


def run_experiment(name, seeds, args, raw):
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), TWIN_THREADS=str(args.threads))
    java = ["java", f"-Dai.djl.pytorch.num_threads={args.threads}", "-Dai.djl.pytorch.num_interop_threads=1",
            "-jar", str(JAR), "run", name, "--device", "cpu"]
    python = [args.python, str(ROOT / "scripts" / "pytorch" / (name.replace("-", "_") + ".py")),
              "--threads", str(args.threads)]
    extra = ["--epochs", str(args.epochs)] if args.epochs and name not in EXACT else []  # those take none
    if not args.keep:
        for side in args.sides:
            shutil.rmtree(raw / side / name, ignore_errors=True)
    java_at = [s for s in java_seeds(name, seeds) if s >= args.from_seed]
    load_file = raw / "java" / name / "load-average.json"
    loads = json.loads(load_file.read_text()) if args.keep and load_file.is_file() else []
    loads.append(os.getloadavg()[0])

    def one(side, command, seed):
        if side not in args.sides:
            return
        out = raw / side / name / f"from-seed-{seed}"
        if name in TENSORS:  # the Java run writes them beside its metrics, the PyTorch side reads them from there
            command = ([command[0], f"-Dd2l.tensors={out}"] + command[1:] if side == "java"
                       else command + ["--java-tensors", str(raw / "java" / name / f"from-seed-{seed}")])
        if fresh(out, name):
            s, cpu = run(command + ["--seed", str(seed), "--out", str(out)] + extra, out / "log.txt", env)
            (out / "cpu-seconds.txt").write_text(f"{cpu:.3f}\n")
            (out / "wall-seconds.txt").write_text(f"{s:.3f}\n")
            print(f"  {side:7} {name} seed {seed}: {s:.1f} s, CPU {cpu:.1f} s", flush=True)
            loads.append(os.getloadavg()[0])

    for seed in range(args.from_seed, seeds + 1):
        if seed in java_at:
            one("java", java, seed)
        one("pytorch", python, seed)
    load_file.parent.mkdir(parents=True, exist_ok=True)
    load_file.write_text(json.dumps(loads) + "\n")


def samples(raw, side, name, limit=None):
    """{seed: (metrics, CPU seconds or None)} of one side's runs under raw; mlp-best's runs split into their seeds."""
    found = {}
    for run_dir in sorted((raw / side / name).glob("from-seed-*")):
        if not (run_dir / "wall-seconds.txt").is_file():  # not finished
            continue
        doc = json.loads((run_dir / name / "metrics.json").read_text())
        cpu = run_dir / "cpu-seconds.txt"
        cpu = float(cpu.read_text()) if cpu.is_file() else None
        if name == "mlp-best":
            for entry in doc["metrics"]["seeds"]:
                found[entry["seed"]] = (entry, None)
        else:
            found[doc["config"]["seed"]] = (doc["metrics"], cpu)
    if limit:
        found = {s: v for s, v in found.items() if s <= limit}
    return dict(sorted(found.items()))


def book_spreads(raw, name):
    """The Java side's book entries of one experiment: quantity -> (lo, hi)."""
    for run_dir in sorted((raw / "java" / name).glob("from-seed-*")):
        if (run_dir / "wall-seconds.txt").is_file():
            doc = json.loads((run_dir / name / "metrics.json").read_text())
            return {b["quantity"]: (b["lo"], b["hi"]) for b in doc.get("book", [])}
    return {}


def fmt(v):
    if isinstance(v, int) or float(v).is_integer() and abs(v) < 1e6:
        return str(int(v))
    a = abs(v)
    if a != 0 and (a < 1e-3 or a >= 1e5):
        return f"{v:.3g}"
    return f"{v:.4f}" if a < 10 else f"{v:.2f}"


def spread(values):
    return f"{fmt(statistics.median(values))} ({fmt(min(values))} – {fmt(max(values))})"


def reused(files, name, side, limit):
    """Where one experiment's side comes from in the earlier report among `files` that has the most seeds of it (the
    first of those), or None: {"file", "from" (that report's own account, its "this run" named by the file), "perSeed":
    {seed: {quantity: value}}, "book": {quantity: book spread}, "cpuSeconds"}."""
    best = None
    for f in files:
        doc = json.loads(f.read_text())
        rows = [r for r in doc["rows"] if r["experiment"] == name]
        if not rows:
            continue
        per_seed = {seed: {r["quantity"]: r[side][i] for r in rows}
                    for i, seed in enumerate(rows[0]["seeds"][side]) if not limit or seed <= limit}
        told = next((o[side] for o in doc.get("perExperiment", []) if o.get("experiment") == name
                     and isinstance(o.get(side), dict)), {"from": "this run", "cpuSeconds": None})
        own = told["from"] == "this run"
        if best is None or len(per_seed) > len(best["perSeed"]):
            best = {"file": f.name, "perSeed": per_seed, "book": {r["quantity"]: r["book"] for r in rows},
                    "from": None if own else told["from"].replace("this run", f.name),
                    "cpuSeconds": told["cpuSeconds"], "allSeeds": len(per_seed) == len(rows[0]["seeds"][side])}
    return best


def reused_rows(files, key, name):
    """An experiment's rows under `key` ("exact", "predictions") in the first of the earlier reports `files` that
    has them, each marked with the file it came from; [] when none has."""
    for f in files:
        rows = [dict(r, source=r.get("source") or f.name) for r in json.loads(f.read_text()).get(key, [])
                if r["experiment"] == name]
        if rows:
            return rows
    return []


def _seed_list(seeds):
    """1, 2, 3, 7, 9, 10 -> "1–3, 7, 9–10"."""
    runs = []
    for seed in sorted(seeds):
        if runs and seed == runs[-1][1] + 1:
            runs[-1][1] = seed
        else:
            runs.append([seed, seed])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def collect(raw, limit, reuse):
    """The rows of the report, and per experiment where each side's values came from and their CPU seconds. A side's
    seeds run under raw are taken from there; its other seeds from the earlier report that has the most of them."""
    rows, origins = [], []
    for name, (section, quantities) in EXPERIMENTS.items():
        per_seed, books, origin = {}, {}, {"experiment": name}
        for side in SIDES:
            data = samples(raw, side, name, limit)
            old = reused(reuse, name, side, limit)
            ran = {seed: {label: get(m) for label, get, _ in quantities} for seed, (m, _) in data.items()}
            kept = {seed: v for seed, v in (old["perSeed"] if old else {}).items() if seed not in ran}
            if not ran and not kept:
                continue
            per_seed[side] = dict(sorted({**kept, **ran}.items()))
            cpu = [c for _, c in data.values() if c is not None]
            # all of an earlier report's values, as it accounted for them; else seed by seed
            whole = not ran and old["allSeeds"] and old["from"]
            # an earlier report's seeds taken whole keep its account of them
            earlier = (old["from"] if old and old["allSeeds"] and old["from"] and kept.keys() == old["perSeed"].keys()
                       else f"{old['file']} (seeds {_seed_list(kept)})" if kept else None)
            sources = [old["from"]] if whole else ([f"this run (seeds {_seed_list(ran)})"] if ran else []) + (
                [earlier] if kept else [])
            origin[side] = {"from": "this run" if not kept else "; ".join(sources),
                            "cpuSeconds": statistics.median(cpu) if cpu else None if ran else old["cpuSeconds"]}
            if side == "java":
                spreads = book_spreads(raw, name) if ran else {}
                books = ({label: spreads.get(key) if key else None for label, _, key in quantities} if spreads
                         else old["book"] if old else {})
        if len(per_seed) < 2:
            continue
        origins.append(origin)
        for label, _, _ in quantities:
            a, b = ([v[label] for v in per_seed[side].values()] for side in SIDES)
            row = {"experiment": name, "section": section, "quantity": label, "java": a, "pytorch": b,
                   "book": books.get(label), "seeds": {side: list(per_seed[side]) for side in SIDES}}
            row.update(compare.compare(a, b))
            rows.append(row)
    return rows, origins


def collect_exact(raw, reuse=()):
    """Per deterministic experiment and quantity: the largest |Java − PyTorch|, the largest |value| and whether they
    are equal; an experiment with no runs of both sides under raw takes its rows from an earlier report (`reuse`)."""
    rows = []
    for name, (section, (_, compare_rows), tolerance) in EXACT.items():
        data = {side: samples(raw, side, name, 1) for side in SIDES}
        if all(1 in d for d in data.values()):
            rows += [dict(r, experiment=name, section=section, tolerance=tolerance)
                     for r in compare_rows(*(data[side][1][0] for side in SIDES))]
        else:
            rows += reused_rows(reuse, "exact", name)
    return rows


def submissions(raw, side, name):
    """{seed: {house id: predicted price}} of one side's finished runs that wrote a submission.csv."""
    found = {}
    for run_dir in (raw / side / name).glob("from-seed-*"):
        f = run_dir / name / "submission.csv"
        if (run_dir / "wall-seconds.txt").is_file() and f.is_file():
            seed = json.loads((run_dir / name / "metrics.json").read_text())["config"]["seed"]
            found[seed] = {int(i): float(v) for i, v in (line.split(",") for line in f.read_text().split()[1:])}
    return found


def collect_predictions(raw, reuse=()):
    """The house prices' test predictions row by row: per house, each side's median log price over its seeds; the
    largest and the median |difference| over the houses, against the seed-to-seed spread of a house's log price. An
    experiment with too few submissions under raw takes its row from an earlier report (`reuse`)."""
    out = []
    for name in ("kaggle-house", "kaggle-house-mlp"):
        subs = {side: submissions(raw, side, name) for side in SIDES}
        if min(len(subs[side]) for side in SIDES) < 2:
            out += reused_rows(reuse, "predictions", name)
            continue
        ids = sorted(next(iter(subs["java"].values())))
        logs = {side: {i: [math.log(max(sub[i], 1.0)) for sub in subs[side].values()] for i in ids} for side in SIDES}
        diffs = sorted(abs(statistics.median(logs["java"][i]) - statistics.median(logs["pytorch"][i])) for i in ids)
        spread = sorted(compare.pooled_sd(logs["java"][i], logs["pytorch"][i]) for i in ids)
        out.append({"experiment": name, "houses": len(ids), "seeds": {side: sorted(subs[side]) for side in SIDES},
                    "medianAbsDiff": statistics.median(diffs), "maxAbsDiff": diffs[-1],
                    "medianSeedSd": statistics.median(spread)})
    return out


def figure(rows, path):
    """One row per final number: every seed's value as (v − Java median) / pooled seed sd, so the Java median sits
    at 0; the shaded band is ± the row's detectable shift."""
    left, width, row_h, top = 330, 420, 16, 40
    height = top + row_h * len(rows) + 40
    lo, hi = -4.0, 4.0

    def x(u):
        return left + (min(max(u, lo), hi) - lo) / (hi - lo) * width

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" height="{height}" '
           'font-family="sans-serif" font-size="11">',
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="18" font-size="13">PyTorch twin: each seed against the Java median, in pooled seed '
           'standard deviations (band: ± the shift the test detects 80 % of the time)</text>']
    for u in range(int(lo), int(hi) + 1):
        out.append(f'<line x1="{x(u)}" x2="{x(u)}" y1="{top - 6}" y2="{top - 6 + row_h * len(rows)}" '
                   f'stroke="{"#888" if u == 0 else "#ddd"}"/>')
        out.append(f'<text x="{x(u)}" y="{top + row_h * len(rows) + 10}" text-anchor="middle">{u}</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h + 4
        if r["detectable"]:
            out.insert(4, f'<rect x="{x(-r["detectable"]):.1f}" y="{y - 8}" '
                       f'width="{x(r["detectable"]) - x(-r["detectable"]):.1f}" height="{row_h}" fill="#eef5ee"/>')
        label = f'{r["experiment"]}: {r["quantity"]}'
        colour = "#b00" if r["verdict"] == compare.DIFFERS else "#222"
        out.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" fill="{colour}">{label}</text>')
        centre = statistics.median(r["java"])
        sd = r["sd"] or 1.0
        for side, colour, dy in (("java", "#1f77b4", -3), ("pytorch", "#ff7f0e", 3)):
            for v in r[side]:
                out.append(f'<circle cx="{x((v - centre) / sd):.1f}" cy="{y + dy}" r="2.5" fill="{colour}" '
                           'fill-opacity="0.7"/>')
            m = (statistics.median(r[side]) - centre) / sd
            out.append(f'<line x1="{x(m):.1f}" x2="{x(m):.1f}" y1="{y + dy - 5}" y2="{y + dy + 5}" '
                       f'stroke="{colour}" stroke-width="2"/>')
    legend_y = top + row_h * len(rows) + 28
    out.append(f'<circle cx="{left}" cy="{legend_y - 4}" r="3" fill="#1f77b4"/><text x="{left + 8}" '
               f'y="{legend_y}">Java (DJL) seeds, bar: median</text>')
    out.append(f'<circle cx="{left + 200}" cy="{legend_y - 4}" r="3" fill="#ff7f0e"/><text x="{left + 208}" '
               f'y="{legend_y}">PyTorch seeds, bar: median</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n")


def versions(raw, reuse):
    torch_version = "?"
    for f in (raw / "pytorch").glob("*/from-seed-*/*/metrics.json"):
        torch_version = json.loads(f.read_text()).get("torch", "?")
        break
    else:
        for f in reuse:
            torch_version = json.loads(f.read_text()).get("torch", "?")
            break
    pom = (ROOT / "pom.xml").read_text()

    def prop(name):
        start = pom.index(f"<{name}>") + len(name) + 2
        return pom[start:pom.index(f"</{name}>")]
    return torch_version, prop("djl.version"), prop("pytorch.version")


def _p(p):
    return "" if p is None else (f"{p:.3f}" if p >= 0.001 else f"{p:.1e}")


def _cell(text):
    """`text` inside a Markdown table cell, whose | would end the cell."""
    return text.replace("|", "\\|")


def _source(row):
    """A reused row's table cell suffix naming the report its values came from."""
    return f" (values from {row['source']})" if row.get("source") else ""


def _k(v):
    return "" if v is None else f"{v:.2f}"


def wall_times(timing, reuse):
    """Per experiment, the median wall seconds of one seed on each side from the runs under `timing` (a raw folder
    of a separate run for the timing; mlp-best's Java run trains 3 seeds and counts as 3), and the 1-minute load
    averages sampled during those runs; without `timing`, what the first earlier report that has them recorded."""
    if timing is None:
        for f in reuse:
            old = json.loads(f.read_text()).get("wallTimes")
            if old:
                return dict(old, source=old.get("source") or f.name)
        return None
    rows, loads = [], []
    for name in [*EXPERIMENTS, *EXACT]:
        per_seed = {}
        for side in SIDES:
            runs = [float((d / "wall-seconds.txt").read_text()) / (3 if side == "java" and name == "mlp-best" else 1)
                    for d in sorted((timing / side / name).glob("from-seed-*")) if (d / "wall-seconds.txt").is_file()]
            if runs:
                per_seed[side] = (len(runs), statistics.median(runs))
        if len(per_seed) == 2:
            rows.append({"experiment": name, "runs": {k: v[0] for k, v in per_seed.items()},
                         "seconds": {k: v[1] for k, v in per_seed.items()}})
            f = timing / "java" / name / "load-average.json"
            loads += json.loads(f.read_text()) if f.is_file() else []
    note = timing / "run-note.txt"
    return {"rows": rows, "loads": [min(loads), max(loads)] if loads else None, "source": None,
            "note": note.read_text().strip() if note.is_file() else ""} if rows else None


def report(raw, path, threads, limit, command, reuse, timing=None):
    rows, origins = collect(raw, limit, reuse)
    exact = collect_exact(raw, reuse)
    walls = wall_times(timing, reuse)
    if not rows and not exact:
        sys.exit(f"no results under {raw}")
    torch_version, djl, libtorch = versions(raw, reuse)
    load_files = [raw / "java" / o["experiment"] / "load-average.json" for o in origins]
    loads = [v for f in load_files if f.is_file() for v in json.loads(f.read_text())]
    run_note = raw / "run-note.txt"
    run_note = " " + run_note.read_text().strip() if run_note.is_file() else ""
    agree = sum(r["verdict"] == compare.AGREES for r in rows)
    differ = [r for r in rows if r["verdict"] == compare.DIFFERS]
    too_few = len(rows) - agree - len(differ)
    by_n = {}
    for r in rows:
        if r["detectable"]:
            by_n.setdefault((len(r["java"]), len(r["pytorch"])), []).append(r)
    strength = "; ".join(
        f"{rs[0]['detectable']:.2f} at " + (f"{na} seeds a side" if na == nb else f"{na} Java and {nb} PyTorch seeds")
        + f" ({len(rs)} number{'s' if len(rs) > 1 else ''})"
        for (na, nb), rs in sorted(by_n.items(), key=lambda kv: (-min(kv[0]), -max(kv[0]))))
    fig = path.with_suffix(".svg")
    lines = [
        "# The PyTorch twin: our Java experiments beside PyTorch code written after the book's",
        "",
        f"**Outcome: {agree} of {len(rows)} final numbers agree"
        + (f"; {len(differ)} differ{'s' if len(differ) == 1 else ''} (below)" if differ else "")
        + (f"; {too_few} {'has' if too_few == 1 else 'have'} too few seeds for the test" if too_few else "")
        + ".**" + (f" What an *agrees* rules out: a true difference of k seed standard deviations or more, which "
                   f"the test flags with probability {compare.POWER:.0%} at the {compare.ALPHA:.0%} level; "
                   f"k = {strength}." if strength else "")
        + f" When nothing differs, about {compare.ALPHA * len(rows):.1f} of {len(rows)} numbers are expected to come "
        "out *differs* by chance alone."
        + (f" Deterministic twins (same inputs, no seeds): {sum(r['equal'] for r in exact)} of {len(exact)} "
           "compared quantities equal within their float32 tolerance (below)." if exact else ""),
        "",
        f"**Rule, fixed before the data** ([compare.py](../scripts/pytorch/compare.py), tested in "
        "[test_compare.py](../scripts/pytorch/test_compare.py)): for each final number, a two-sided permutation test "
        f"of the difference of the medians over the seeds, α = {compare.ALPHA}. p is the share of relabellings of "
        f"the pooled values whose |Δmedian| reaches the observed one: all of them when there are at most "
        f"{compare.EXACT_LIMIT:,} (5 + 5 seeds: 252), else {compare.RESAMPLES:,} drawn with a fixed seed "
        f"(p = (1 + hits) / {compare.RESAMPLES + 1:,}). *differs* when p < {compare.ALPHA}, *agrees* otherwise. "
        "Δ/σ is the PyTorch median minus the Java median in pooled seed standard deviations σ; *detectable* is "
        f"the true shift, in σ, that the test flags with probability {compare.POWER:.0%} at the row's numbers "
        "of seeds, simulated from normal samples (400 pairs per shift, seeded). Every row is judged the same way, "
        "with no second look.",
        "",
        f"Written by `{command}` ({time.strftime('%Y-%m-%d', time.gmtime())}). Each experiment ran as a Java process "
        f"(`java -jar target/d2l-mlp.jar run NAME --seed S`, DJL {djl}, libtorch {libtorch}) and as its PyTorch twin "
        f"(`scripts/pytorch/NAME.py --seed S`, PyTorch {torch_version} for the CPU, written after the book's code "
        f"and protocol), the two sides of a run on the same machine (this report's: {os.cpu_count()} cores, "
        f"{platform.machine()}"
        + ("; values taken from an earlier report ran where that report was made" if reuse else "")
        + f"), with {threads} libtorch thread{'s' if threads > 1 else ''} on both sides.{run_note} The two sides "
        "draw their random numbers from different generators, so seed S is not the same draw on both: what is compared is the spread of outcomes "
        "over seeds.",
        "",
        f"![each seed against the Java median]({fig.name})",
        "",
        "| experiment | final number | seeds (Java / PyTorch) | Java median (min – max) | PyTorch median (min – max) "
        "| book spread | Δ/σ | p | detectable (σ) | verdict |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        book = f"{fmt(r['book'][0])} – {fmt(r['book'][1])}" if r["book"] else ""
        verdict = f"**{r['verdict']}**" if r["verdict"] == compare.DIFFERS else r["verdict"]
        lines.append(f"| {r['experiment']} ({r['section']}) | {r['quantity']} | {len(r['java'])} / "
                     f"{len(r['pytorch'])} | {spread(r['java'])} | {spread(r['pytorch'])} | {book} | "
                     f"{_k(r['shift'])} | {_p(r['p'])} | {_k(r['detectable'])} | {verdict} |")
    lines += ["", "## What differs, and why", ""]
    if not differ:
        lines.append("Nothing differs by the test.")
    for r in differ:
        explained = note(r, path.parent).format(n=len(rows), chance=f"{compare.ALPHA * len(rows):.1f}")
        lines.append(f"- **{r['experiment']}, {r['quantity']}** (p = {_p(r['p'])}, Δ/σ = {_k(r['shift'])}): "
                     f"{explained}")
    if exact:
        lines += ["", "## Deterministic twins: the same inputs on both sides", "",
                  "Run once on each side (seed 1) and compared point by point. `activations`: both sides compute "
                  "the same grid, each point *equal* when it agrees to float32 rounding. `backprop` and "
                  "`numerical-stability`: the Java run writes its inputs, weights and results (java "
                  "-Dd2l.tensors=DIR), the PyTorch side computes the forward pass on those inputs and its "
                  "gradients with autograd (the 100-matrix product with @) and measures the largest "
                  "|Java − PyTorch| over the points: "
                  f"*equal* when it is at most {GRADIENT_SCALE:g} (gradients, L, s, J: float32 sums of up to 784 "
                  f"products, added in the order each library picks) or {PRODUCT_SCALE:g} (100 chained 4×4 float32 "
                  "products) of the largest |value|. The sigmoid's gradient of 4.8 is the `activations` row; the "
                  "deep MLP's layer gradient norms of `numerical-stability` are not the book's code and have no twin.",
                  "",
                  "| experiment | quantity | points | largest \\|Java − PyTorch\\| | largest \\|value\\| | tolerance "
                  "| verdict |",
                  "|---|---|---|---|---|---|---|"]
        for r in exact:
            verdict = "equal" if r["equal"] else "**differs**"
            lines.append(f"| {r['experiment']} ({r['section']}){_source(r)} | {r['quantity']} | {r['points']} | "
                         f"{r['maxAbsDiff']:.3g} | {fmt(r['maxAbs'])} | {_cell(r['tolerance'])} | "
                         f"{verdict} |")
    predictions = collect_predictions(raw, reuse)
    if predictions:
        lines += ["", "## House prices: the test predictions row by row", "",
                  "Each side's submission.csv from every seed that wrote one; per house, the median over the seeds "
                  "of the log predicted price on each side. |Δ| is the difference of the two medians; the seed "
                  "spread is the pooled standard deviation over seeds of one house's log price (median over the "
                  "houses): the scale on which the two sides could differ by chance.", "",
                  "| experiment | houses | seeds (Java / PyTorch) | median \\|Δ log price\\| "
                  "| largest \\|Δ log price\\| | seed spread of a house's log price |",
                  "|---|---|---|---|---|---|"]
        for r in predictions:
            lines.append(f"| {r['experiment']}{_source(r)} | {r['houses']} | {len(r['seeds']['java'])} / "
                         f"{len(r['seeds']['pytorch'])} | {r['medianAbsDiff']:.4f} | {r['maxAbsDiff']:.4f} | "
                         f"{r['medianSeedSd']:.4f} |")
    lines += ["", "## Where the values come from, and what one seed costs", "",
              "CPU seconds per seed (user + system time of the process, median over the seeds that the report named "
              "in the table ran). What one seed costs sets the default number of seeds (SEEDS in twin.py): 30 or "
              "more a side where one seed of both sides costs under about 10 s, 15 or more under a minute (the "
              "Fashion-MNIST networks among them), 5 for `mlp-best` (more than a minute a seed). CPU time, not wall "
              "time, because this report's runs shared the machine"
              + (" (the wall time of one seed, from a separate run for the timing, is the next table)" if walls
                 else "") + ": "
              + (f"during this report's runs its 1-minute load average, sampled before each experiment and after "
                 f"every seed, ran from {min(loads):.1f} to {max(loads):.1f} on {os.cpu_count()} cores. "
                 if loads else "")
              + ("Values marked with a file name come from the earlier report of that name, not from this run: "
                 "what that side computes has not changed since, apart from the CPU kernel pin where the opening "
                 "paragraph says the values predate it." if any(o[side]["from"] != "this run" for o in origins
                                                               for side in SIDES if side in o) else ""),
              "",
              "| experiment | seeds | Java side | PyTorch side | CPU seconds per seed: Java, PyTorch, both |",
              "|---|---|---|---|---|"]
    for o in origins:
        r = next(r for r in rows if r["experiment"] == o["experiment"])
        cpu = [o[side]["cpuSeconds"] for side in SIDES]
        cost = ", ".join("–" if c is None else f"{c:.1f}" for c in cpu) + (
            f", {sum(cpu):.1f}" if None not in cpu else ", –")
        lines.append(f"| {o['experiment']} | {len(r['java'])} / {len(r['pytorch'])} | {o['java']['from']} | "
                     f"{o['pytorch']['from']} | {cost} |")
    if walls:
        lines += ["", "## Wall time of one seed, from a separate timing run", "",
                  "From a separate run for the timing"
                  + (f" (recorded in {walls['source']})" if walls["source"] else "")
                  + ": every experiment at a few seeds, the two sides alternating seed by seed"
                  + (f" (1-minute load average, sampled before each experiment and after every seed: "
                     f"{walls['loads'][0]:.1f} to "
                     f"{walls['loads'][1]:.1f} on {os.cpu_count()} cores)" if walls["loads"] else "")
                  + f", {threads} libtorch thread{'s' if threads > 1 else ''} a side. Median seconds of one seed "
                  "(process start to exit); `mlp-best`'s Java run trains three seeds and counts as three."
                  + (" " + walls["note"] if walls.get("note") else ""), "",
                  "| experiment | runs (Java / PyTorch) | Java s | PyTorch s | both s |", "|---|---|---|---|---|"]
        for w in walls["rows"]:
            j, t = (w["seconds"][side] for side in SIDES)
            lines.append(f"| {w['experiment']} | {w['runs']['java']} / {w['runs']['pytorch']} | {j:.1f} | "
                         f"{t:.1f} | {j + t:.1f} |")
    lines += ["", f"Every value: [{path.with_suffix('.json').name}]({path.with_suffix('.json').name}).", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))
    figure(rows, fig)
    path.with_suffix(".json").write_text(json.dumps(
        {"threads": threads, "torch": torch_version, "djl": djl, "libtorch": libtorch, "alpha": compare.ALPHA,
         "power": compare.POWER, "rows": rows, "exact": exact, "predictions": predictions,
         "perExperiment": origins, "wallTimes": walls}, indent=1) + "\n")
    print(f"wrote {path}, {fig.name} and {path.with_suffix('.json').name}: {agree} of {len(rows)} agree"
          + (f" ({too_few} with too few seeds for the test)" if too_few else "") + ", "
          f"{sum(r['equal'] for r in exact)} of {len(exact)} deterministic quantities equal")
    return rows, exact


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--python", default=sys.executable, help="the Python that has torch, numpy and pandas")
    p.add_argument("--seeds", type=int, help="seeds 1..SEEDS for every experiment (default: SEEDS per experiment, "
                   "and the report takes every seed it finds)")
    p.add_argument("--epochs", type=int, help="override every experiment's epochs on both sides")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--raw", type=Path, default=ROOT / "target" / "pytorch-twin" / "raw")
    p.add_argument("--report", type=Path, default=ROOT / "results" / "pytorch-twin.md")
    p.add_argument("--report-only", action="store_true")
    p.add_argument("--from-seed", type=int, default=1, help="run seeds FROM_SEED..SEEDS only (with --keep, to "
                   "split one experiment's seeds over several runs)")
    p.add_argument("--keep", action="store_true", help="keep the finished runs under --raw, run only the missing")
    p.add_argument("--side", choices=SIDES, help="run this side only (the other keeps what --raw or --reuse has)")
    p.add_argument("--reuse", type=Path, action="append", default=[],
                   help="an earlier report's JSON (repeatable): an experiment's side with no runs under --raw takes "
                   "its per-seed values from the first of them that has the most seeds of it")
    p.add_argument("--check", action="store_true",
                   help="exit 1 unless every final number came out finite on both sides")
    p.add_argument("--command", default="scripts/pytorch-twin.sh", help="how the report says it was written")
    p.add_argument("--timing", type=Path, help="the --raw folder of a separate run for the timing: the report "
                   "states one seed's wall time from it (else from the first --reuse report that has them)")
    p.add_argument("experiments", nargs="*")
    args = p.parse_args()
    args.sides = (args.side,) if args.side else SIDES
    unknown = [e for e in args.experiments if e not in EXPERIMENTS and e not in EXACT]
    if unknown or (args.seeds is not None and args.seeds < 1) or args.threads < 1:
        p.error(f"unknown experiment(s) {unknown}; known: {', '.join([*EXPERIMENTS, *EXACT])}" if unknown
                else "--seeds and --threads must be >= 1")
    if not args.report_only:
        if not JAR.is_file():
            sys.exit(f"{JAR} is missing: build it with 'mvn -B -DskipTests package'")
        for name in args.experiments or list(EXPERIMENTS) + list(EXACT):
            seeds = 1 if name in EXACT else args.seeds or SEEDS.get(name, 5)
            print(f"{name}: seeds 1..{seeds}", flush=True)
            run_experiment(name, seeds, args, args.raw)
    rows, exact = report(args.raw, args.report, args.threads, args.seeds, args.command,
                         [f.resolve() for f in args.reuse], args.timing)
    if args.check:
        expected = sum(len(EXPERIMENTS[e][1]) for e in args.experiments or EXPERIMENTS if e in EXPERIMENTS)
        bad = [f"{r['experiment']}: {r['quantity']}" for r in rows
               if not all(math.isfinite(v) for v in r["java"] + r["pytorch"])]
        if bad or len(rows) != expected:
            sys.exit(f"check failed: {len(rows)} of {expected} final numbers, not finite: {bad}")
        expected = sum(len(EXACT[e][1][0]) for e in args.experiments or EXACT if e in EXACT)
        exact = [r for r in exact if not args.experiments or r["experiment"] in args.experiments]
        unequal = [f"{r['experiment']}: {r['quantity']}" for r in exact if not r["equal"]]
        if unequal or len(exact) != expected:
            sys.exit(f"check failed: {len(exact)} of {expected} deterministic quantities, not equal: {unequal}")


if __name__ == "__main__":
    main()
