"""Uncertainty of the numbers the briefs show: the Wilson score interval of a share counted from few items.

A share such as "26 of China's 33 notable models had open weights" is read as the rate at which a bloc
releases open weights; with few items that rate is uncertain, and the briefs show the interval with
the share whenever fewer than `SMALL_N` items stand behind it."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

SMALL_N = 100  # a share counted from fewer items than this carries its interval


def wilson_interval(successes, n, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval (low, high) of the proportion `successes` / `n`, as proportions.

    Vectorised: `successes` and `n` may be numbers or arrays (broadcast together); a scalar pair gives
    0-d arrays, which `float()` reads. Where `n` is 0 the interval is NaN."""
    if not 0 < level < 1:
        raise ValueError(f"wilson_interval: level must be between 0 and 1, not {level!r}")
    k = np.asarray(successes, dtype=float)
    total = np.asarray(n, dtype=float)
    if np.any(k < 0) or np.any(total < 0) or np.any(k > total):
        raise ValueError("wilson_interval: successes must lie between 0 and n")
    z = NormalDist().inv_cdf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / total
        denominator = 1 + z**2 / total
        centre = (p + z**2 / (2 * total)) / denominator
        half = z * np.sqrt(p * (1 - p) / total + z**2 / (4 * total**2)) / denominator
        # At 0 of n and n of n the bound is exactly 0 or 1 (the formula leaves a rounding error).
        low = np.where(total > 0, np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0)), np.nan)
        high = np.where(total > 0, np.where(k == total, 1.0, np.clip(centre + half, 0.0, 1.0)), np.nan)
    return low, high


def needs_interval(n, small_n: int = SMALL_N):
    """Whether a share counted from `n` items carries its interval (fewer than `small_n`); vectorised."""
    return np.asarray(n) < small_n
