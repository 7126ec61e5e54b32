"""One run of the scenario section: a named scenario against the status quo, every number it shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from strategy_brief.analysis.scenario.assumptions import assumption_table, load_assumptions
from strategy_brief.analysis.scenario.model import monte_carlo, simulate, tornado
from strategy_brief.analysis.scenario.parameters import DEFAULT_HORIZON
from strategy_brief.analysis.scenario.scenarios import apply_scenario, load_scenarios
from strategy_brief.curated import regions as world

REFERENCE = "status_quo"  # the scenario every other one is compared with
_ENDS = ["share_china_p10", "share_china_median", "share_china_p90"]


@dataclass(frozen=True, eq=False)
class Outlook:
    """A scenario's results for one region (or Global: every region), with the status quo beside them."""

    scenario: str
    region: str
    horizon: int
    draws: int
    seed: int
    regions: list[str]  # every reporting region, in order
    scenarios: dict[str, dict]
    base: pd.DataFrame  # the assumptions without any scenario
    assumptions: pd.DataFrame  # with the scenario's overrides
    paths: pd.DataFrame  # Monte Carlo quantiles by region and year
    reference_paths: pd.DataFrame  # the same for the status quo (same draws)
    central_end: pd.DataFrame  # central path at the horizon, by region
    end: pd.DataFrame  # Monte Carlo quantiles at the horizon, by region
    reference_end: pd.DataFrame
    focus: str  # the region of the sensitivity analysis: the region, or Global's highest median
    swings: pd.DataFrame  # tornado for the focus region at the horizon
    table: pd.DataFrame  # assumption_table of the scenario
    start_year: int
    start_share: float  # median Chinese-stack share in the start year: the region's (Global: mean of regions)
    start_regional: bool  # the region starts from a figure of its own, not from the global starting share
    headline: pd.Series  # share_china p10/median/p90 at the horizon: the region's, or Global's mean
    adopting: float  # median adopting fraction at the horizon (Global: mean over regions)
    chinese_cloud: pd.Series  # Chinese providers' share of the two blocs' cloud regions, by region

    @property
    def is_global(self) -> bool:
        return self.region == world.GLOBAL

    @property
    def is_reference(self) -> bool:
        return self.scenario == REFERENCE


def run(
    *,
    scenario: str,
    region: str,
    horizon: int = DEFAULT_HORIZON,
    draws: int = 10_000,
    seed: int = 0,
    base: pd.DataFrame | None = None,
    scenarios: Mapping[str, dict] | None = None,
) -> Outlook:
    """Run a named scenario and the status quo over every region with the same draws, and the tornado."""
    every = list(world.REPORTING_REGIONS)
    if region != world.GLOBAL and region not in every:
        raise ValueError(f"region: unknown region {region!r}; expected {world.GLOBAL} or one of {every}")
    base = load_assumptions() if base is None else base
    scenarios = dict(load_scenarios() if scenarios is None else scenarios)
    assumptions = apply_scenario(base, scenario, scenarios)
    reference = apply_scenario(base, REFERENCE, scenarios)
    paths = monte_carlo(assumptions, draws=draws, seed=seed, regions=every, horizon=horizon)
    reference_paths = monte_carlo(reference, draws=draws, seed=seed, regions=every, horizon=horizon)
    start_year = int(paths["year"].min())
    if horizon <= start_year:
        raise ValueError(f"horizon ({horizon}) must be after the model's start year ({start_year})")
    central_path = simulate(assumptions, regions=every, horizon=horizon)
    end = paths[paths["year"] == horizon].set_index("region")
    focus = end["share_china_median"].idxmax() if region == world.GLOBAL else region
    if region == world.GLOBAL:
        headline = end[_ENDS].mean()
        adopting = end["adopting_fraction_median"].mean()
    else:
        headline = end.loc[region]
        adopting = headline["adopting_fraction_median"]
    clouds = assumptions[assumptions["name"].str.startswith("cloud_regions_")].pivot(
        index="region", columns="name", values="value"
    )
    return Outlook(
        scenario=scenario,
        region=region,
        horizon=horizon,
        draws=draws,
        seed=seed,
        regions=every,
        scenarios=scenarios,
        base=base,
        assumptions=assumptions,
        paths=paths,
        reference_paths=reference_paths,
        central_end=central_path[central_path["year"] == horizon].set_index("region"),
        end=end,
        reference_end=reference_paths[reference_paths["year"] == horizon].set_index("region"),
        focus=focus,
        swings=tornado(assumptions, region=focus, year=horizon, seed=seed),
        table=assumption_table(assumptions, scenario),
        start_year=start_year,
        start_share=_start_share(paths, region, start_year),
        start_regional=_has_own_row(assumptions, "share_start_china", region),
        headline=headline,
        adopting=adopting,
        chinese_cloud=clouds["cloud_regions_china"] / clouds.sum(axis=1),
    )


def _start_share(paths: pd.DataFrame, region: str, start_year: int) -> float:
    """The Chinese-stack share a region's paths start from; Global: the unweighted mean over regions (the
    model has no regional weights to do better)."""
    start = paths[paths["year"] == start_year].set_index("region")["share_china_median"]
    return float(start.mean() if region == world.GLOBAL else start[region])


def _has_own_row(assumptions: pd.DataFrame, name: str, region: str) -> bool:
    """True when the assumptions give `region` its own row of `name` (Global: any region has one)."""
    rows = assumptions[assumptions["name"] == name]
    own = rows["region"] != ""
    return bool(own.any() if region == world.GLOBAL else (rows["region"] == region).any())


def against_reference(outlook: Outlook) -> pd.DataFrame:
    """Each region's median Chinese-stack share at the horizon: status quo, scenario (sorted)."""
    every = outlook.regions
    compare = (
        pd.DataFrame(
            {
                "region": every,
                "status_quo_median": outlook.reference_end.loc[every, "share_china_median"].to_numpy(),
                "scenario_median": outlook.end.loc[every, "share_china_median"].to_numpy(),
            }
        )
        .sort_values("scenario_median")
        .reset_index(drop=True)
    )
    compare["change"] = compare["scenario_median"] - compare["status_quo_median"]
    return compare


def across_scenarios(outlook: Outlook) -> pd.DataFrame:
    """Every named scenario's Chinese-stack quantiles at the horizon in the focus region (same draws)."""
    rows = []
    for other in outlook.scenarios:
        run_ = monte_carlo(
            apply_scenario(outlook.base, other, outlook.scenarios),
            draws=outlook.draws,
            seed=outlook.seed,
            regions=[outlook.focus],
            horizon=outlook.horizon,
        )
        rows.append(run_[run_["year"] == outlook.horizon].assign(scenario=other))
    return pd.concat(rows).sort_values("share_china_median").reset_index(drop=True)
