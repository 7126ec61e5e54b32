"""Benchmark: wall time of the scenario model's Monte Carlo and tornado on the default assumptions.

Prints the time to load the assumptions (facts and processed tables), a 10,000-draw Monte Carlo for all
reporting regions to the horizon (target: well under 10 s on 2 cores) and a tornado for one region, each
the best of a few runs, plus the status-quo China-stack share at the horizon.
Usage: python benchmarks/bench_scenario.py [--draws N] [--repeat N] [--region NAME]
"""

from __future__ import annotations

import argparse
import time

from strategy_brief.analysis import scenario
from strategy_brief.curated import regions


def best_of(repeat: int, call) -> tuple[float, object]:
    """The shortest wall time of `repeat` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--region", default="South-eastern Asia", choices=regions.REPORTING_REGIONS)
    args = parser.parse_args()

    load_time, assumptions = best_of(1, scenario.load_assumptions)
    assumptions = scenario.apply_scenario(assumptions, "status_quo", scenario.load_scenarios())
    every = list(regions.REPORTING_REGIONS)
    mc_time, mc = best_of(
        args.repeat, lambda: scenario.monte_carlo(assumptions, draws=args.draws, regions=every)
    )
    horizon = int(mc["year"].max())
    tornado_time, _ = best_of(
        args.repeat, lambda: scenario.tornado(assumptions, region=args.region, year=horizon)
    )

    print(f"{scenario.LABEL}.")
    print(f"load assumptions (facts + processed tables): {load_time:6.2f} s")
    print(
        f"Monte Carlo, {args.draws:,} draws x {len(every)} regions x {mc['year'].nunique()} years: "
        f"{mc_time:6.3f} s (best of {args.repeat})"
    )
    print(f"tornado, {args.region}, {horizon}: {tornado_time:6.3f} s (best of {args.repeat})")
    print(f"\nstatus_quo China-stack share of adopting organizations in {horizon} (median, 80% interval):")
    for row in mc[mc["year"] == horizon].itertuples():
        print(
            f"  {row.region:<28} {row.share_china_median:6.1%}  "
            f"({row.share_china_p10:.1%} to {row.share_china_p90:.1%})"
        )


if __name__ == "__main__":
    main()
