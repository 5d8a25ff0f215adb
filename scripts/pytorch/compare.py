"""The twin's comparison rule (standard library only, so that its tests need no torch).

One final number, one value per seed from each side: the two sides *agree* when their medians differ by at most half
the pooled range (the largest minus the smallest of all values of both sides), otherwise they *differ*. The ratio
|Δmedian| / (½ pooled range) is the score: ≤ 1 agrees. The rule is made for 5 seeds a side: two samples of one
normal distribution then come out "differs" 4.6 % of the time (20,000 simulated pairs; the range of 10 draws is
about 3.1σ, the difference of two 5-value medians has a standard deviation of about 0.8σ), against 20 % at 3 seeds
and almost never at 15. With fewer than 3 values a side the pooled range says little about the seed-to-seed spread,
and the verdict is "too few seeds".
"""
import statistics

MIN_SEEDS = 3
AGREES, DIFFERS, TOO_FEW = "agrees", "differs", "too few seeds"


def score(a, b):
    """|median(a) − median(b)| / (½ pooled range); 0 when every value is the same."""
    pooled = list(a) + list(b)
    delta = abs(statistics.median(a) - statistics.median(b))
    half_range = (max(pooled) - min(pooled)) / 2
    return 0.0 if delta == 0 else delta / half_range


def verdict(a, b):
    """(verdict, score): AGREES when score ≤ 1, DIFFERS above; TOO_FEW (score still given) with fewer than
    MIN_SEEDS values on a side."""
    if not a or not b:
        raise ValueError("each side needs at least one value")
    s = score(a, b)
    if min(len(a), len(b)) < MIN_SEEDS:
        return TOO_FEW, s
    return (AGREES if s <= 1 else DIFFERS), s
