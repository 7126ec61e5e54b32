"""The full indicator set runs on the committed processed tables and facts (what the briefs call)."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from strategy_brief import config
from strategy_brief.curated import facts
from strategy_brief.data import processed

spec = importlib.util.spec_from_file_location(
    "bench_indicators", config.PROJECT_ROOT / "benchmarks" / "bench_indicators.py"
)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


@pytest.fixture(scope="module")
def results():
    names = sorted(p.name.removesuffix(".csv") for p in config.PROCESSED_DIR.glob("*.csv"))
    tables = {name: processed.read(name) for name in names}
    return {name: call() for name, call in bench.calls(tables, facts.load())}


def test_every_indicator_returns_a_non_empty_table(results):
    assert len(results) >= 20
    for name, frame in results.items():
        assert isinstance(frame, pd.DataFrame) and not frame.empty, name


def test_headline_gaps_are_consistent_across_views(results):
    eci = results["capability.gap ECI US-China"]
    assert (eci["gap_percent"] == 100 * eci["gap_points"] / eci["follower_best"]).all()
    parity = results["cost.price_ratio_at_parity"].iloc[0]
    assert parity["ratio"] > 0 or pd.isna(parity["ratio"])
