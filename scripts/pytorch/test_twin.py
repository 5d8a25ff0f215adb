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
