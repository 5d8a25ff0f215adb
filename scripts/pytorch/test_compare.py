"""Tests of the twin's comparison rule on fixed inputs: python3 -m unittest discover -s scripts/pytorch."""
import random
import unittest

import compare


class VerdictTest(unittest.TestCase):

    def test_identical_samples_agree(self):
        self.assertEqual((compare.AGREES, 0.0),
                         compare.verdict([0.85, 0.86, 0.84, 0.85, 0.87], [0.85, 0.86, 0.84, 0.85, 0.87]))

    def test_interleaved_samples_agree(self):
        v, s = compare.verdict([0.381, 0.383, 0.385, 0.387, 0.389], [0.382, 0.384, 0.386, 0.388, 0.390])
        self.assertEqual(compare.AGREES, v)
        self.assertAlmostEqual(0.001 / 0.0045, s)

    def test_separated_samples_differ(self):
        # every Java value below every PyTorch value, each side's spread small against the gap
        v, s = compare.verdict([0.340, 0.341, 0.342, 0.343, 0.344], [0.350, 0.351, 0.352, 0.353, 0.354])
        self.assertEqual(compare.DIFFERS, v)
        self.assertAlmostEqual(0.010 / 0.007, s)

    def test_one_outlier_does_not_make_a_difference(self):
        self.assertEqual(compare.AGREES,
                         compare.verdict([0.90, 0.91, 0.92, 0.93, 0.99], [0.905, 0.915, 0.925, 0.935, 0.80])[0])

    def test_a_shift_within_the_seed_spread_agrees_and_a_larger_one_differs(self):
        base = [1.0, 2.0, 3.0, 4.0, 5.0]
        self.assertEqual(compare.AGREES, compare.verdict(base, [x + 1 for x in base])[0])
        self.assertEqual(compare.AGREES, compare.verdict(base, [x + 4 for x in base])[0])  # 4 ≤ (9 − 1) / 2
        self.assertEqual(compare.DIFFERS, compare.verdict(base, [x + 4.5 for x in base])[0])

    def test_constant_values(self):
        self.assertEqual((compare.AGREES, 0.0), compare.verdict([3] * 5, [3] * 5))
        self.assertEqual((compare.DIFFERS, 2.0), compare.verdict([3] * 5, [4] * 5))

    def test_too_few_seeds(self):
        self.assertEqual(compare.TOO_FEW, compare.verdict([0.1], [0.9])[0])
        self.assertEqual(compare.TOO_FEW, compare.verdict([1, 2], [7, 8, 9])[0])
        self.assertEqual(compare.DIFFERS, compare.verdict([1, 2, 3], [7, 8, 9])[0])

    def test_unequal_sizes(self):
        self.assertEqual(compare.DIFFERS, compare.verdict([1, 2, 3, 4, 5, 6], [10, 11, 12, 13, 14])[0])

    def test_two_samples_of_one_distribution_differ_about_one_time_in_twenty_at_five_seeds(self):
        rng = random.Random(1)
        draws = 4000
        differs = sum(compare.verdict([rng.gauss(0, 1) for _ in range(5)], [rng.gauss(0, 1) for _ in range(5)])[0]
                      == compare.DIFFERS for _ in range(draws))
        self.assertTrue(0.03 < differs / draws < 0.065, differs / draws)

    def test_empty_side_is_an_error(self):
        with self.assertRaises(ValueError):
            compare.verdict([], [1.0])


if __name__ == "__main__":
    unittest.main()
