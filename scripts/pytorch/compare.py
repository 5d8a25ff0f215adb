"""The twin's comparison (standard library only, so that its tests need no torch).

One final number, one value per seed from each side. The test is a two-sided permutation test of the difference of
the medians at ALPHA, fixed before any data: p is the share of the relabellings of the pooled values (all of them
when there are at most EXACT_LIMIT, else RESAMPLES drawn with a fixed seed) whose |Δmedian| is at least the
observed one. The verdict is DIFFERS when p < ALPHA, AGREES otherwise, TOO_FEW when the sizes are too small for the test to
detect any shift (with 4 or fewer seeds a side the smallest reachable p is above ALPHA). Medians, not means: some rows have a seed that diverged or jumped (one
such value moves a mean and not a median), and the report shows medians.

What "agrees" rules out is the detectable shift: the smallest true shift, in seed standard deviations, that the test
flags with probability POWER at the row's sample sizes, found by simulation from normal samples.
"""
import functools
import itertools
import math
import random
import statistics

ALPHA = 0.05
POWER = 0.8
EXACT_LIMIT = 5000  # C(n_a + n_b, n_a) up to this: every relabelling (5 + 5 seeds: 252)
RESAMPLES = 9999  # otherwise: p = (1 + hits) / (1 + RESAMPLES), an exact-level Monte-Carlo test
SEED = 20261206
AGREES, DIFFERS, TOO_FEW = "agrees", "differs", "too few seeds"


def _splits(n_a, n_b):
    """Every way to relabel n_a of the n_a + n_b pooled values as side a: (indices of a, indices of b)."""
    everyone = range(n_a + n_b)
    return [(a, tuple(i for i in everyone if i not in a)) for a in itertools.combinations(everyone, n_a)]


_exact_splits = functools.lru_cache(maxsize=None)(_splits)


def _median(values):
    """statistics.median without its checks: the permutation loops call it millions of times."""
    s = sorted(values)
    h = len(s) // 2
    return s[h] if len(s) % 2 else (s[h - 1] + s[h]) / 2


def _delta(pooled, a_idx, b_idx):
    return _median([pooled[i] for i in a_idx]) - _median([pooled[i] for i in b_idx])


def p_value(a, b, resamples=RESAMPLES, rng=None):
    """Two-sided permutation p-value of median(a) − median(b): exact when there are at most EXACT_LIMIT
    relabellings, else Monte-Carlo with `resamples` draws from `rng` (default: seeded with SEED)."""
    if not a or not b:
        raise ValueError("each side needs at least one value")
    pooled = list(a) + list(b)
    n_a, n = len(a), len(pooled)
    observed = abs(_median(a) - _median(b))
    bar = observed - 1e-12 * max(1.0, abs(observed))  # the same difference in another order of summation counts
    if math.comb(n, n_a) <= EXACT_LIMIT:
        splits = _exact_splits(n_a, n - n_a)
        return sum(abs(_delta(pooled, s_a, s_b)) >= bar for s_a, s_b in splits) / len(splits)
    rng = rng or random.Random(SEED)
    values = pooled[:]
    hits = 0
    for _ in range(resamples):
        rng.shuffle(values)
        hits += abs(_median(values[:n_a]) - _median(values[n_a:])) >= bar
    return (1 + hits) / (1 + resamples)


def can_reject(n_a, n_b):
    """Whether any outcome of the test at these sizes gives p < ALPHA (the smallest two-sided p is 2 / C)."""
    return n_a > 0 and n_b > 0 and 2 / math.comb(n_a + n_b, n_a) < ALPHA


def pooled_sd(a, b):
    """The seed standard deviation of both sides together: √(((n_a − 1)·s_a² + (n_b − 1)·s_b²) / (n_a + n_b − 2))."""
    if len(a) + len(b) < 3:
        return 0.0
    ss = sum((len(x) - 1) * statistics.variance(x) for x in (a, b) if len(x) > 1)
    return math.sqrt(ss / (len(a) + len(b) - 2))


def power(n_a, n_b, shift, sims, resamples=199, seed=SEED):
    """Share of `sims` pairs of normal samples, N(0, 1) of size n_a and N(shift, 1) of size n_b, that the test flags.
    The same draws serve every shift (common random numbers), so that power rises smoothly with the shift. Above
    EXACT_LIMIT each pair gets `resamples` relabellings: a slightly weaker test than the report's, so the shift found
    errs on the large side."""
    return sum(p < ALPHA for p in _simulated_p(n_a, n_b, shift, sims, resamples, seed)) / sims


def _simulated_p(n_a, n_b, shift, sims, resamples, seed):
    rng = random.Random(seed)
    for _ in range(sims):
        a = [rng.gauss(0, 1) for _ in range(n_a)]
        b = [rng.gauss(shift, 1) for _ in range(n_b)]
        yield p_value(a, b, resamples, random.Random(rng.random()))


@functools.lru_cache(maxsize=None)
def detectable_shift(n_a, n_b, sims=400, resamples=199, seed=SEED, tolerance=0.05):
    """The smallest shift, in units of the common standard deviation, that the test detects with probability POWER
    between two normal samples of sizes n_a and n_b (bisection to `tolerance`); math.inf when it cannot reject."""
    if not can_reject(n_a, n_b):
        return math.inf
    lo, hi = 0.0, 1.0
    while power(n_a, n_b, hi, sims, resamples, seed) < POWER:
        lo, hi = hi, 2 * hi
        if hi > 64:
            return math.inf
    while hi - lo > tolerance:
        mid = (lo + hi) / 2
        if power(n_a, n_b, mid, sims, resamples, seed) < POWER:
            lo = mid
        else:
            hi = mid
    return hi


def compare(a, b):
    """Everything the report shows of one row: verdict, p, the seed standard deviation of both sides, the shift of
    the PyTorch median from the Java median in those units, and the detectable shift."""
    if not a or not b:
        raise ValueError("each side needs at least one value")
    sd = pooled_sd(a, b)
    delta = _median(b) - _median(a)
    shift = delta / sd if sd > 0 else (0.0 if delta == 0 else math.copysign(math.inf, delta))
    detectable = detectable_shift(len(a), len(b))
    if detectable == math.inf:
        return {"verdict": TOO_FEW, "p": None, "sd": sd, "shift": shift, "detectable": None}
    p = p_value(a, b)
    return {"verdict": DIFFERS if p < ALPHA else AGREES, "p": p, "sd": sd, "shift": shift, "detectable": detectable}


def verdict(a, b):
    return compare(a, b)["verdict"]
