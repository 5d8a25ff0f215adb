"""The polynomial data of book 4.4 as each side draws it, without any training: java.util.Random's nextGaussian
(the Java side, seed S) against numpy's legacy normal (the twin, np.random.seed(S)), summarised per seed by the
least-squares fit of a line to the 100 training rows (the degree-1 model's end point, whose loss measures how far
the sample's x spreads: the x² and x³ terms it cannot fit).

    poly_draws.py [--seeds N] [--show K]

Prints, for seeds 1..K, both sides' least-squares train loss, and over seeds 1..N the medians and a permutation test
(compare.py) of the two generators' outcomes."""
import argparse
import math

import numpy as np

import compare

MASK = (1 << 48) - 1


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator and its polar-method nextGaussian."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & MASK
        self.spare = None

    def _next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & MASK
        return self.seed >> (48 - bits)

    def next_double(self):
        return ((self._next(26) << 27) + self._next(27)) * 2.0 ** -53

    def next_gaussian(self):
        if self.spare is not None:
            g, self.spare = self.spare, None
            return g
        while True:
            v1, v2 = 2 * self.next_double() - 1, 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        m = math.sqrt(-2 * math.log(s) / s)
        self.spare = v2 * m
        return v1 * m


TRUE_W = [5, 1.2, -3.4 / 2, 5.6 / 6]


def labels(x, noise):
    return TRUE_W[0] + TRUE_W[1] * x + TRUE_W[2] * x ** 2 + TRUE_W[3] * x ** 3 + 0.1 * noise


def line_loss(x, y):
    """Mean squared residual of the least-squares line through the first 100 rows."""
    a = np.stack([np.ones(100), x[:100]], axis=1)
    w, *_ = np.linalg.lstsq(a, y[:100], rcond=None)
    return float(np.mean((a @ w - y[:100]) ** 2))


def java_side(seed):
    rng = JavaRandom(seed)
    x = np.array([rng.next_gaussian() for _ in range(200)])
    noise = np.array([rng.next_gaussian() for _ in range(200)])
    return line_loss(x, labels(x, noise))


def twin_side(seed):
    np.random.seed(seed)
    x = np.random.normal(size=(200, 1))
    np.random.shuffle(x)
    x = x.reshape(-1)
    return line_loss(x, labels(x, np.random.normal(size=200)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seeds", type=int, default=1000)
    p.add_argument("--show", type=int, default=15)
    args = p.parse_args()
    java = [java_side(s) for s in range(1, args.seeds + 1)]
    twin = [twin_side(s) for s in range(1, args.seeds + 1)]
    print("seed | Java draw | twin draw")
    for s in range(args.show):
        print(f"{s + 1} | {java[s]:.2f} | {twin[s]:.2f}")
    for n in (args.show, args.seeds):
        a, b = java[:n], twin[:n]
        print(f"seeds 1..{n}: medians {np.median(a):.2f} (Java) and {np.median(b):.2f} (twin), "
              f"permutation p = {compare.p_value(a, b):.3f}")


if __name__ == "__main__":
    main()
