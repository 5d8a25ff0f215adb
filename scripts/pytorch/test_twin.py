"""Tests of the twin report's point-by-point comparisons on made-up runs (standard library only)."""
import json
import math
import tempfile
import unittest
from pathlib import Path

import twin


def fake_run(raw, side, name, seed, metrics, submission=None):
    out = raw / side / name / f"from-seed-{seed}"
    (out / name).mkdir(parents=True)
    (out / name / "metrics.json").write_text(json.dumps({"config": {"seed": seed}, "metrics": metrics}))
    if submission:
        (out / name / "submission.csv").write_text(
            "Id,SalePrice\n" + "".join(f"{i},{p:.2f}\n" for i, p in submission.items()))
    (out / "wall-seconds.txt").write_text("1.0\n")


def curves(scale=1.0, shift_at=None):
    grid = [x / 10 for x in range(-80, 80)]
    out = []
    for name in ("relu", "prelu", "sigmoid", "tanh"):
        y = [scale * math.tanh(x) for x in grid]
        if shift_at is not None and name == "tanh":
            y[shift_at] += 1e-4
        out.append({"name": name, "x": grid, "y": y, "grad": [1 - math.tanh(x) ** 2 for x in grid]})
    return {"points": len(grid), "curves": out}


class ExactTest(unittest.TestCase):

    def test_equal_curves_are_equal_and_a_moved_point_differs(self):
        with tempfile.TemporaryDirectory() as d:
            raw = Path(d)
            fake_run(raw, "java", "activations", 1, curves())
            fake_run(raw, "pytorch", "activations", 1, curves(shift_at=100))
            rows = {r["quantity"]: r for r in twin.collect_exact(raw)}
        self.assertEqual(12, len(rows))
        self.assertTrue(rows["sigmoid value"]["equal"])
        self.assertFalse(rows["tanh value"]["equal"])
        self.assertAlmostEqual(1e-4, rows["tanh value"]["maxAbsDiff"])

    def test_float32_rounding_is_equal(self):
        with tempfile.TemporaryDirectory() as d:
            raw = Path(d)
            fake_run(raw, "java", "activations", 1, curves())
            fake_run(raw, "pytorch", "activations", 1, curves(scale=1 + 2e-7))
            self.assertTrue(all(r["equal"] for r in twin.collect_exact(raw)))


def comparisons(labels, worst=None):
    """A PyTorch side that measured every label 1e-7 of its largest value apart, `worst` 2e-4 apart."""
    return {"comparisons": [{"quantity": q, "points": 16, "maxAbs": 5e22, "maxAbsDiff": 5e22 * (2e-4 if q == worst
                                                                                                 else 1e-7)}
                            for q in labels]}


class TensorTwinTest(unittest.TestCase):
    """backprop and numerical-stability: the PyTorch side measured the differences, twin.py judges them."""

    BACKPROP = twin.EXACT["backprop"][1][0]

    def judged(self, name, pytorch):
        with tempfile.TemporaryDirectory() as d:
            raw = Path(d)
            fake_run(raw, "java", name, 1, {})
            fake_run(raw, "pytorch", name, 1, pytorch)
            return {r["quantity"]: r for r in twin.collect_exact(raw)}

    def test_within_the_tolerance_is_equal_and_a_larger_difference_differs(self):
        rows = self.judged("backprop", comparisons(self.BACKPROP, worst="tanh: ∂J/∂W1"))
        self.assertEqual(9, len(rows))
        self.assertTrue(rows["relu: ∂J/∂W1"]["equal"])
        self.assertTrue(rows["sigmoid: L, s, J"]["equal"])
        self.assertFalse(rows["tanh: ∂J/∂W1"]["equal"])  # 2e-4 of the largest value, the tolerance is 1e-5
        product = self.judged("numerical-stability", comparisons(["M after 100 products"]))
        self.assertTrue(product["M after 100 products"]["equal"])
        product = self.judged("numerical-stability", comparisons(["M after 100 products"], "M after 100 products"))
        self.assertFalse(product["M after 100 products"]["equal"])  # 2e-4, the tolerance is 1e-4

    def test_a_quantity_the_pytorch_side_left_out_is_not_equal(self):
        rows = self.judged("backprop", comparisons(self.BACKPROP[:-1]))
        self.assertEqual(9, len(rows))
        self.assertFalse(rows[self.BACKPROP[-1]]["equal"])
        self.assertEqual(8, sum(r["equal"] for r in rows.values()))


class ReuseTest(unittest.TestCase):
    """A report rewritten from an earlier one's JSON keeps every row and says where each came from."""

    def earlier(self, d):
        rows = [{"experiment": "xavier", "section": "4.8", "quantity": label, "java": [1.0, 1.001, 0.999],
                 "pytorch": [1.0, 1.002, 0.998], "book": [0.99, 1.01] if i == 0 else None,
                 "seeds": {"java": [1, 2, 3], "pytorch": [1, 2, 3]}} for i, (label, _, _) in
                enumerate(twin.EXPERIMENTS["xavier"][1])]
        doc = {"rows": rows,
               "exact": [{"experiment": "activations", "section": "4.1", "quantity": "relu value", "points": 160,
                          "maxAbsDiff": 0, "maxAbs": 7.9, "equal": True}],
               "predictions": [{"experiment": "kaggle-house", "houses": 1459, "medianAbsDiff": 3e-4}],
               "perExperiment": [{"experiment": "xavier",
                                  "java": {"from": "this run (seeds 1, 3); older.json (seeds 2)", "cpuSeconds": 2.5},
                                  "pytorch": {"from": "this run", "cpuSeconds": 1.5}}]}
        f = Path(d) / "report-1.json"
        f.write_text(json.dumps(doc))
        return f

    def test_rows_origins_and_costs_carry_over(self):
        with tempfile.TemporaryDirectory() as d:
            f = self.earlier(d)
            raw = Path(d) / "raw"
            rows, origins = twin.collect(raw, None, [f])
            exact = twin.collect_exact(raw, [f])
            predictions = twin.collect_predictions(raw, [f])
        self.assertEqual(["xavier", "xavier"], [r["experiment"] for r in rows])
        self.assertEqual([1.0, 1.002, 0.998], rows[0]["pytorch"])
        self.assertEqual([0.99, 1.01], rows[0]["book"])
        (o,) = origins
        self.assertEqual("report-1.json (seeds 1, 3); older.json (seeds 2)", o["java"]["from"])
        self.assertEqual("report-1.json (seeds 1–3)", o["pytorch"]["from"])
        self.assertEqual((2.5, 1.5), (o["java"]["cpuSeconds"], o["pytorch"]["cpuSeconds"]))
        self.assertEqual(["report-1.json"], [r["source"] for r in exact])
        self.assertEqual(["report-1.json"], [r["source"] for r in predictions])

    def test_the_xavier_ratio_is_the_variance_over_the_formula(self):
        m = {"samples": [{"name": "djl default", "empirical": 9.0, "expected": 1.0},
                         {"name": "xavier uniform (UNIFORM, AVG, 3)", "empirical": 0.0008008, "expected": 0.0008}]}
        self.assertAlmostEqual(1.001, twin.EXPERIMENTS["xavier"][1][0][1](m))


class PredictionsTest(unittest.TestCase):

    def test_row_by_row_differences_of_the_medians(self):
        with tempfile.TemporaryDirectory() as d:
            raw = Path(d)
            for seed, factor in ((1, 1.0), (2, 1.1), (3, 0.9)):
                fake_run(raw, "java", "kaggle-house", seed, {}, {1: 100000 * factor, 2: 200000 * factor})
                fake_run(raw, "pytorch", "kaggle-house", seed, {}, {1: 100000 * factor * 1.5, 2: 200000 * factor})
            (r,) = twin.collect_predictions(raw)
        self.assertEqual(2, r["houses"])
        self.assertAlmostEqual(math.log(1.5), r["maxAbsDiff"], places=6)
        self.assertAlmostEqual(math.log(1.5) / 2, r["medianAbsDiff"], places=6)  # houses 1 and 2: log 1.5 and 0


if __name__ == "__main__":
    unittest.main()


class WallTimeTest(unittest.TestCase):

    def test_one_seed_costs_the_median_run_and_mlp_best_counts_three_seeds(self):
        with tempfile.TemporaryDirectory() as d:
            timing = Path(d)
            for side, name, seconds in (("java", "mlp-concise", [10.0, 14.0, 11.0]), ("pytorch", "mlp-concise", [8.0]),
                                        ("java", "mlp-best", [300.0]), ("pytorch", "mlp-best", [90.0, 110.0]),
                                        ("java", "model-selection", [3.0])):  # one side only: left out
                for i, sec in enumerate(seconds):
                    out = timing / side / name / f"from-seed-{i + 1}"
                    out.mkdir(parents=True)
                    (out / "wall-seconds.txt").write_text(f"{sec}\n")
            (timing / "java" / "mlp-concise" / "load-average.json").write_text("[0.4, 1.1]")
            (timing / "java" / "mlp-best" / "load-average.json").write_text("[1.3]")
            walls = twin.wall_times(timing, [])
            self.assertEqual(["mlp-concise", "mlp-best"], [w["experiment"] for w in walls["rows"]])
            concise, best = walls["rows"]
            self.assertEqual({"java": 11.0, "pytorch": 8.0}, concise["seconds"])
            self.assertEqual({"java": 3, "pytorch": 1}, concise["runs"])
            self.assertEqual({"java": 100.0, "pytorch": 100.0}, best["seconds"])
            self.assertEqual([0.4, 1.3], walls["loads"])
            # a report written without --timing takes them from an earlier report's JSON, and names it
            old = timing / "old.json"
            old.write_text(json.dumps({"wallTimes": walls}))
            self.assertEqual("old.json", twin.wall_times(None, [old])["source"])
            self.assertIsNone(twin.wall_times(None, []))


class NoteTest(unittest.TestCase):

    def test_a_differs_row_quotes_its_fresh_seed_report_or_says_it_is_unexplained(self):
        row = {"experiment": "dropout-scratch", "quantity": "final train loss"}
        with tempfile.TemporaryDirectory() as d:
            report_dir = Path(d)
            _, check = twin.NOTES[("dropout-scratch", "final train loss")]
            self.assertTrue(twin.note(row, report_dir).endswith("the difference is not there."))
            (report_dir / check).parent.mkdir(parents=True)
            again = dict(row, seeds={"java": list(range(16, 46)), "pytorch": list(range(16, 46))},
                         java=[0.3] * 29 + [0.5], pytorch=[0.31] * 30, shift=0.12, p=0.5, verdict="agrees",
                         detectable=0.84)
            (report_dir / check).write_text(json.dumps({"rows": [again]}))
            text = twin.note(row, report_dir)
        self.assertIn("seeds 16–45 (30 a side, none used above) give 0.3000 (Java) against 0.3100 (PyTorch)", text)
        self.assertIn("p = 0.500, agrees", text)
        self.assertEqual("not yet explained.", twin.note({"experiment": "x", "quantity": "y"}, Path(".")))
