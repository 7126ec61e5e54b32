"""analysis.uncertainty: the Wilson interval against values derived independently in the test and
against published examples."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pytest

from strategy_brief.analysis import uncertainty


def score_test_bounds(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """The Wilson interval as the set of p the score test does not reject: the roots of
    (n + z²) p² - (2k + z²) p + k²/n = 0, i.e. (k/n - p)² = z² p (1 - p) / n."""
    z = NormalDist().inv_cdf(0.5 + level / 2)
    roots = np.sort(np.roots([n + z**2, -(2 * k + z**2), k**2 / n]).real)
    return float(roots[0]), float(roots[1])


@pytest.mark.parametrize(("k", "n"), [(26, 33), (9, 58), (3, 7), (1, 29), (50, 99), (81, 263)])
def test_wilson_interval_inverts_the_score_test(k, n):
    low, high = uncertainty.wilson_interval(k, n)
    assert (float(low), float(high)) == pytest.approx(score_test_bounds(k, n), abs=1e-12)


def test_wilson_interval_matches_newcombes_published_examples():
    # Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (score, no continuity correction).
    low, high = uncertainty.wilson_interval([81, 15, 0, 1], [263, 148, 20, 29])
    assert np.round(low, 4).tolist() == [0.2553, 0.0624, 0.0, 0.0061]
    assert np.round(high, 4).tolist() == [0.3662, 0.1605, 0.1611, 0.1718]


def test_wilson_interval_is_vectorised_bounded_and_widens_with_the_level():
    low, high = uncertainty.wilson_interval(np.array([0, 5, 10]), np.array([10, 10, 10]))
    assert low[0] == 0.0 and high[2] == 1.0
    assert np.all(low <= np.array([0, 0.5, 1])) and np.all(high >= np.array([0, 0.5, 1]))
    assert high[1] - 0.5 == pytest.approx(0.5 - low[1])  # symmetric at one half
    low90, high90 = uncertainty.wilson_interval(5, 10, level=0.90)
    assert low90 > low[1] and high90 < high[1]


def test_wilson_interval_of_no_items_is_nan_and_bad_counts_are_refused():
    low, high = uncertainty.wilson_interval(0, 0)
    assert np.isnan(low) and np.isnan(high)
    with pytest.raises(ValueError, match="between 0 and n"):
        uncertainty.wilson_interval(4, 3)
    with pytest.raises(ValueError, match="level"):
        uncertainty.wilson_interval(1, 3, level=95)


def test_needs_interval_below_one_hundred_items():
    assert uncertainty.needs_interval([1, 99, 100, 250]).tolist() == [True, True, False, False]
    assert bool(uncertainty.needs_interval(33)) and not uncertainty.needs_interval(30, small_n=20)
