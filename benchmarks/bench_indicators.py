"""Benchmark: the full indicator set over the committed processed tables and facts.

Prints the wall time of each indicator call (best of a few runs) and the total.
Usage: python benchmarks/bench_indicators.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time

from strategy_brief.analysis.indicators import (
    adoption,
    capability,
    cost,
    embodied,
    investment,
    openness,
    reach,
    reconciliation,
)
from strategy_brief.curated import facts as facts_module
from strategy_brief.data import processed


def calls(t: dict, facts):
    """Every indicator of the library, as (name, thunk) pairs over loaded tables."""
    eci, prices = t["eci_by_model"], t["api_prices"]
    joined = cost.model_price_capability(prices, eci)
    arena = {"date_col": "leaderboard_version", "score_col": "best_score", "cumulative": False}
    trust = reach.trust_by_group(facts)
    presence = reach.cloud_presence(t["cloud_regions_by_origin_country"])
    robots = embodied.robot_installations(facts)
    return [
        (
            "openness.open_weight_share",
            lambda: openness.open_weight_share(t["models_by_bloc_year_accessibility"]),
        ),
        ("openness.licence_mix", lambda: openness.licence_mix(t["lmarena_top_mix"], by_bloc=True)),
        ("capability.gap ECI US-China", lambda: capability.gap(eci, "United States", "China")),
        (
            "capability.gap ECI closed-open",
            lambda: capability.gap(
                capability.by_openness(eci), capability.CLOSED, capability.OPEN, group_col="group"
            ),
        ),
        (
            "capability.gap LMArena US-China",
            lambda: capability.gap(t["lmarena_best_by_bloc"], "United States", "China", **arena),
        ),
        (
            "capability.gap Elo history US-China",
            lambda: capability.gap(
                t["lmarena_elo_best_by_bloc"],
                "United States",
                "China",
                date_col="leaderboard_date",
                score_col="best_elo",
                cumulative=False,
            ),
        ),
        ("cost.price_by_bloc", lambda: cost.price_by_bloc(prices)),
        ("cost.model_price_capability", lambda: cost.model_price_capability(prices, eci)),
        ("cost.cheapest_at_capability", lambda: cost.cheapest_at_capability(joined, [120, 130, 140, 150])),
        ("cost.pareto_frontier", lambda: cost.pareto_frontier(joined, by="bloc")),
        ("cost.price_ratio_at_parity", lambda: cost.price_ratio_at_parity(joined)),
        ("cost.price_decline", lambda: cost.price_decline(prices, eci, 130.0)),
        (
            "adoption.derivatives_by_family",
            lambda: adoption.derivatives_by_family(t["derivatives_by_family"]),
        ),
        (
            "adoption.growth",
            lambda: adoption.growth(adoption.adoption_series(facts, "openrouter_top10_open_inference_share")),
        ),
        ("reach.cloud_presence", lambda: reach.cloud_presence(t["cloud_regions_by_origin_country"])),
        ("reach.trust_by_group", lambda: reach.trust_by_group(facts)),
        ("reach.region_coverage", lambda: reach.region_coverage(trust, presence)),
        ("investment.investment_gap", lambda: investment.investment_gap(facts)),
        ("investment.accelerators", lambda: investment.accelerators(t["hardware_by_maker"])),
        ("embodied.robot_installations", lambda: embodied.robot_installations(facts)),
        ("embodied.data_gaps", lambda: embodied.data_gaps(robots)),
        (
            "reconciliation.reconcile",
            lambda: reconciliation.reconcile(facts, t["models_by_bloc_year_accessibility"], eci, prices),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    names = sorted(p.name.removesuffix(".csv") for p in processed.config.PROCESSED_DIR.glob("*.csv"))
    tables = {name: processed.read(name) for name in names}
    facts = facts_module.load()
    print(f"load {len(tables)} processed tables and the facts: {time.perf_counter() - start:.2f} s")
    total = 0.0
    for name, call in calls(tables, facts):
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            call()
            best = min(best, time.perf_counter() - t0)
        total += best
        print(f"  {name:<40} {1000 * best:8.1f} ms")
    print(f"full indicator set (best of {args.repeat} each): {total:.2f} s")


if __name__ == "__main__":
    main()
