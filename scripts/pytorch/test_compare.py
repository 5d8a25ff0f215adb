"""Tests of the twin's comparison: python3 -m unittest discover -s scripts/pytorch (standard library only)."""
import itertools
import math
import random
import statistics
import unittest

import compare


class PValueTest(unittest.TestCase):

    def test_exact_p_on_a_tiny_case(self):
        # 20 ways to pick 3 of {1..6} as side a; |Δmedian| reaches the observed |2 − 5| = 3 for a = {1,2,3},
        # {1,2,4} (medians 2 and 5), {3,5,6} and {4,5,6}: p = 4/20
        self.assertEqual(0.2, compare.p_value([1, 2, 3], [4, 5, 6]))
        self.assertEqual(0.2, compare.p_value([4, 5, 6], [1, 2, 3]))

    def test_exact_p_of_identical_samples_is_one(self):
        self.assertEqual(1.0, compare.p_value([0.85, 0.86, 0.84, 0.85, 0.87], [0.85, 0.86, 0.84, 0.85, 0.87]))

    def test_exact_p_is_the_share_of_all_relabellings(self):
        # an independent count over every relabelling, with statistics.median
        def brute(a, b):
            pooled = a + b
            observed = abs(statistics.median(a) - statistics.median(b))
            splits = list(itertools.combinations(range(len(pooled)), len(a)))
            hits = sum(abs(statistics.median([pooled[i] for i in s])
                           - statistics.median([pooled[i] for i in range(len(pooled)) if i not in s])) >= observed
                       for s in splits)
            return hits / len(splits)
        rng = random.Random(5)
        for n_a, n_b in ((5, 5), (4, 6), (6, 3)):
            a = [rng.gauss(0, 1) for _ in range(n_a)]
            b = [rng.gauss(1, 1) for _ in range(n_b)]
            self.assertAlmostEqual(brute(a, b), compare.p_value(a, b))
        # fully separated groups of five: the two separating splits and ten that swap values neither median sees
        self.assertAlmostEqual(12 / 252, compare.p_value([1, 2, 3, 4, 5], [11, 12, 13, 14, 15]))

    def test_monte_carlo_p_is_deterministic(self):
        a, b = list(range(10)), [x + 100 for x in range(10)]  # C(20, 10) > EXACT_LIMIT: Monte-Carlo
        p = compare.p_value(a, b, resamples=999)
        self.assertEqual(p, compare.p_value(a, b, resamples=999))
        self.assertLess(p, 0.01)
        self.assertGreater(compare.p_value(a, a[::-1], resamples=999), 0.99)

    def test_empty_side_is_an_error(self):
        with self.assertRaises(ValueError):
            compare.p_value([], [1.0])


class VerdictTest(unittest.TestCase):

    def test_a_planted_shift_is_detected(self):
        rng = random.Random(7)
        a = [rng.gauss(0, 1) for _ in range(15)]
        b = [rng.gauss(3, 1) for _ in range(15)]
        r = compare.compare(a, b)
        self.assertEqual(compare.DIFFERS, r["verdict"])
        self.assertLess(r["p"], 0.001)
        self.assertAlmostEqual((statistics.median(b) - statistics.median(a)) / compare.pooled_sd(a, b), r["shift"])

    def test_samples_of_one_distribution_are_flagged_about_alpha_of_the_time(self):
        rng = random.Random(3)
        draws = 300
        flagged = sum(compare.p_value([rng.gauss(0, 1) for _ in range(5)], [rng.gauss(0, 1) for _ in range(5)])
                      < compare.ALPHA for _ in range(draws))
        # the exact test is at most at its level; 300 draws: ±0.025 is two standard errors
        self.assertLess(flagged / draws, compare.ALPHA + 0.025)

    def test_too_few_seeds(self):
        self.assertEqual(compare.TOO_FEW, compare.verdict([0.1], [0.9]))
        self.assertEqual(compare.TOO_FEW, compare.verdict([1, 2, 3], [7, 8, 9]))  # smallest p: 2/20 > ALPHA
        self.assertEqual(compare.DIFFERS, compare.verdict([1, 2, 3, 4, 5], [7, 8, 9, 10, 11]))

    def test_pooled_sd(self):
        # variances 2.5 and 10, 4 degrees of freedom each
        self.assertAlmostEqual(math.sqrt(6.25), compare.pooled_sd([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]))


class DetectableShiftTest(unittest.TestCase):

    def test_the_detectable_shift_at_five_seeds_has_the_power_it_claims(self):
        k = compare.detectable_shift(5, 5, sims=200, tolerance=0.1)
        # a t-test needs 1.9 sd for 80 % at 5 + 5; the median is less efficient on normal data
        self.assertTrue(1.8 < k < 3.0, k)
        # fresh draws (another seed) at that shift: power near POWER; half a sd less: clearly lower
        self.assertGreater(compare.power(5, 5, k, 300, seed=99), compare.POWER - 0.08)
        self.assertLess(compare.power(5, 5, k - 0.5, 300, seed=99), compare.POWER - 0.05)

    def test_no_shift_is_detectable_when_no_outcome_reaches_alpha(self):
        self.assertEqual(math.inf, compare.detectable_shift(3, 3))
        self.assertEqual(math.inf, compare.detectable_shift(1, 1))
        self.assertFalse(compare.can_reject(3, 3))
        self.assertTrue(compare.can_reject(5, 5))


if __name__ == "__main__":
    unittest.main()
