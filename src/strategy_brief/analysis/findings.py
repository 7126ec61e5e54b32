"""The headline findings of an edition, computed once for the executive briefs, the overview and the
implications: a US-vs-China scorecard and the numbers that depend on a region.

Every value comes from an indicator function over the processed tables or the curated facts, so that no
notebook types a number or re-derives a headline; the sentences built on them are in
`strategy_brief.report.narrative.findings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis import scenario as model
from strategy_brief.analysis.indicators import capability, cost, embodied, investment, openness, reach
from strategy_brief.curated import facts as facts_mod
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.data import processed

TRUST_SURVEY = reach.BAROMETER
CLOUD_TABLE = reach.CLOUD_TABLE
# The adoption-by-country tables a region view reads (adoption_by_region), for its vintage line.
ADOPTION_TABLES = (
    "ai_user_share_by_economy",
    "claude_usage_by_country",
    "gpu_clusters_by_country",
    "github_developers_by_economy",
    "undp_trust_in_ai_by_country",
)
# The processed tables behind the key-finding sentence (capability, openness, price, cloud reach): their
# newest data dates the headline (data.vintage.newest) when it is older than the edition allows.
HEADLINE_TABLES = ("eci_by_model", "models_by_bloc_year_accessibility", "api_prices", CLOUD_TABLE)


@dataclass(frozen=True)
class Score:
    """One line of the scorecard: a measure for the US and China, and which side it favours."""

    key: str
    dimension: str
    measure: str
    us: float
    china: float
    unit: str
    as_of: str
    source: str
    favours: str  # US, CN or "" when neither side is better off by the measure
    note: str = ""
    fact_ids: tuple[str, ...] = ()  # the curated facts behind it, when it rests on facts
    # A share from few items: side → (low, high, items), its 95% Wilson interval in the unit's scale.
    interval: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    # A side's figure newer than `as_of` that the other side has no counterpart for: side → (as_of, value,
    # source), stated beside the comparison so that no reader meets it elsewhere as a second number.
    newer: dict[str, tuple[str, float, str]] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        """US value ÷ China value."""
        return self.us / self.china if self.china else float("nan")

    def shown(self, side: str) -> str:
        """The value as a reader reads it, with its interval when it is a share of few items."""
        value = self.us if side == US else self.china
        if side in self.interval:
            low, high, items = self.interval[side]
            return (
                f"{show(value, self.unit)} ({show(low, self.unit)}–{show(high, self.unit)}, {items} models)"
            )
        return show(value, self.unit)

    def value(self, side: str) -> str:
        """The value alone, without its interval."""
        return show(self.us if side == US else self.china, self.unit)


@dataclass(frozen=True)
class RegionView:
    """What the data says about one region: cloud reach, trust, the scenario, and what is missing."""

    region: str
    cloud_us: int
    cloud_china: int
    china_cloud_share: float
    cloud_as_of: str
    trust: pd.DataFrame  # the region's countries in the trust survey (all countries for Global)
    trust_mean: float  # NaN when no country of the region is in the survey
    trust_us: float
    trust_china: float
    trust_survey: str
    trust_as_of: str
    scenario_start: (
        float  # the Chinese-stack share the region's scenario starts from (Global: mean of regions)
    )
    scenario_start_regional: (
        bool  # from a regional figure (else the global starting share; Global: any region)
    )
    scenario_median: float
    scenario_p10: float
    scenario_p90: float
    scenario_years: tuple[int, int]
    scenario_name: str
    scenario_paths: pd.DataFrame  # every region's Monte Carlo quantiles by year (scenario.monte_carlo)
    gaps: list[str] = field(default_factory=list)
    # reach.region_coverage for every reporting region and Global, indexed by world_region: the one table
    # the gaps above, the reach section's coverage chart and its data-gap sentences are read from.
    coverage: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Adoption by country, aggregated to the region (Global: the world), from the indicator modules.
    undp: pd.DataFrame = field(default_factory=pd.DataFrame)  # the region's UNDP countries (transcription)
    adoption: pd.DataFrame = field(default_factory=pd.DataFrame)  # usage.user_share_by_region: region, Global
    reach_counts: dict = field(default_factory=dict)  # Claude reach status → economies of the region
    compute: pd.Series | None = None  # infrastructure.compute_reach row of the region
    developers: pd.Series | None = None  # developers.developer_base_by_region row of the region
    collaboration: pd.Series | None = None  # developers.collaboration_by_region row of the region
    country_briefs: int = 0  # economies of the region with a country brief


def show(value: float, unit: str) -> str:
    """A scorecard value as a reader reads it."""
    if pd.isna(value):
        return "no data"
    return {
        "ECI points": lambda v: fmt.number(v),
        "percent": lambda v: fmt.percent(v),
        "models": lambda v: fmt.number(v, 0),
        "USD per million tokens": lambda v: f"USD {fmt.number(v, 2)}",
        "USD billion": lambda v: fmt.usd_billion(v),
        "FP16 TFLOP/s": lambda v: fmt.number(v, 0),
        "cloud regions": lambda v: fmt.number(v, 0),
    }[unit](value)


def _cut(frame: pd.DataFrame, column: str, as_of: str) -> pd.DataFrame:
    return frame[frame[column].astype(str) <= as_of] if as_of else frame


def cut_required(frame: pd.DataFrame, column: str, as_of: str, table: str) -> pd.DataFrame:
    """`frame` up to `as_of` (inclusive); a ValueError naming `as_of` and the earliest date that works when
    the cut leaves no row (as_of before the table's first date)."""
    out = _cut(frame, column, as_of)
    if out.empty and not frame.empty:
        first = str(frame[column].astype(str).min())
        raise ValueError(
            f"as_of={as_of} is before the first {table} date ({first}): no {table} data for this cut; "
            f"use as_of={first} or later"
        )
    return out


def last_full_year(snapshot: str, as_of: str = "") -> int:
    """The last calendar year a snapshot (or the as-of cut) covers in full."""
    cutoff = min(snapshot, as_of) if as_of else snapshot
    return int(cutoff[:4]) - (0 if cutoff[5:] == "12-31" else 1)


def snapshot(table: str) -> str:
    """The newest snapshot date behind a processed table (its metadata's sources)."""
    return max(s["date"] for src in processed.read_meta(table)["sources"] for s in src["snapshots"])


def capability_score(eci: pd.DataFrame) -> tuple[Score, pd.Series]:
    """Best ECI score released so far by each side, and the latest gap row (with the lag in months)."""
    latest = capability.latest(capability.gap(eci, US, CN))  # leader_best is the US, whoever leads
    us, cn = float(latest["leader_best"]), float(latest["follower_best"])
    behind = "China" if us >= cn else "US"
    score = Score(
        "eci_best",
        "Capability",
        "Best model on the Epoch Capabilities Index",
        us,
        cn,
        "ECI points",
        f"{latest['date']:%Y-%m-%d}",
        "eci_by_model",
        US if us > cn else CN if cn > us else "",
        note=_lag_note(eci, latest, behind) if us != cn else "level",
    )
    return score, latest


def _lag_note(eci: pd.DataFrame, latest: pd.Series, behind: str) -> str:
    """'China 8.8 months behind, 6.9–10.6 with the threshold ±1 point': the lag with its range when the
    level to reach moves by capability.LAG_MARGIN points either way (left out where a threshold was never
    reached). No parentheses: the note is quoted inside parentheses."""
    note = f"{behind} {fmt.number(abs(latest['lag_months']))} months behind"
    try:
        moved = capability.lag_sensitivity(eci, US, CN)
    except ValueError:
        return note
    low, high = sorted(abs(float(moved[k])) for k in ("lag_shorter", "lag_longer"))
    if pd.isna(low) or pd.isna(high):
        return note
    margin = float(moved["margin"])
    unit = "point" if margin == 1 else "points"  # ECI points, not percentage points
    return f"{note}, {fmt.number(low)}–{fmt.number(high)} with the threshold ±{fmt.number(margin)} {unit}"


def openness_scores(models: pd.DataFrame, top_mix: pd.DataFrame, year: int) -> list[Score]:
    """Open-weight share of notable models in a year, and open-weight models among the leaderboard's top."""
    shares = openness.open_weight_share(models[models["year"] <= year]).set_index(["year", "bloc"])
    us, cn = 100 * shares.loc[(year, US), "open_share"], 100 * shares.loc[(year, CN), "open_share"]
    interval = {
        side: (
            100 * float(row["open_share_low"]),
            100 * float(row["open_share_high"]),
            int(row["known_models"]),
        )
        for side in (US, CN)
        if (row := shares.loc[(year, side)])["needs_interval"]
    }
    mix = openness.licence_mix(top_mix, by_bloc=True)
    version = mix["leaderboard_version"].max()
    newest = (
        mix[(mix["leaderboard_version"] == version) & mix["open_weights"]].groupby("bloc")["models"].sum()
    )
    top_n = int(top_mix["top_n"].iloc[0])
    return [
        Score(
            "open_weight_share",
            "Openness",
            f"Notable models released with open weights, {year}",
            float(us),
            float(cn),
            "percent",
            str(year),
            "models_by_bloc_year_accessibility",
            CN if cn > us else US if us > cn else "",
            interval=interval,
        ),
        Score(
            "open_models_in_top",
            "Openness",
            f"Open-weight models among the {top_n} leading LMArena models",
            float(newest.get(US, 0)),
            float(newest.get(CN, 0)),
            "models",
            str(version),
            "lmarena_top_mix",
            CN
            if newest.get(CN, 0) > newest.get(US, 0)
            else US
            if newest.get(US, 0) > newest.get(CN, 0)
            else "",
        ),
    ]


def price_score(prices: pd.DataFrame, blend_input_share: float = 0.75) -> Score:
    """Median blended list price of each side's models in the newest price list (lower favours)."""
    by_bloc = cost.price_by_bloc(prices, blend_input_share=blend_input_share)
    newest = by_bloc["snapshot_date"].max()
    med = by_bloc[by_bloc["snapshot_date"] == newest].set_index("bloc")["median_blended_usd_per_mtok"]
    us, cn = float(med[US]), float(med[CN])
    return Score(
        "median_price",
        "Cost",
        "Median API list price (blended, per million tokens)",
        us,
        cn,
        "USD per million tokens",
        str(newest),
        "api_prices",
        CN if cn < us else US if us < cn else "",
        note=f"US models {fmt.times(us / cn)} the price" if cn else "",
    )


def investment_score(curated: pd.DataFrame) -> Score:
    """Private AI investment in the newest year both countries are reported by one source."""
    money = investment.investment_gap(curated).dropna(subset=["us_to_china_ratio"])
    if money.empty:
        raise ValueError("findings.investment_score: no year with comparable US and China investment facts")
    row = money.iloc[-1]
    return Score(
        "private_investment",
        "Investment",
        "Private AI investment",
        float(row["us_usd_bn"]),
        float(row["china_usd_bn"]),
        "USD billion",
        str(row["year"]),
        f"{row['us_fact']}, {row['china_fact']} ({row['primary_source']})",
        US if row["us_usd_bn"] > row["china_usd_bn"] else CN,
        note=f"US {fmt.times(row['us_to_china_ratio'])} China",
        fact_ids=(row["us_fact"], row["china_fact"]),
    )


def chip_score(hardware: pd.DataFrame) -> Score:
    """The best US and Chinese AI chips released in the same year (the newest year in which both
    sides released one with a reported FP16 figure): like for like, as the chips section compares."""
    try:
        same = investment.chip_comparison(investment.accelerators(hardware)).loc["same_year"]
    except ValueError as exc:
        raise ValueError(f"findings.chip_score: {exc}") from exc
    us, cn = same.loc[US], same.loc[CN]
    return Score(
        "best_chip",
        "Chips",
        f"Best AI chip released in {us['year']}, the newest year both sides released one (FP16 TFLOP/s)",
        float(us["fp16_tflops"]),
        float(cn["fp16_tflops"]),
        "FP16 TFLOP/s",
        str(us["year"]),
        "hardware_by_maker",
        US if us["fp16_tflops"] > cn["fp16_tflops"] else CN,
        note=f"US {fmt.times(us['fp16_tflops'] / cn['fp16_tflops'])} China",
    )


def robot_score(curated: pd.DataFrame) -> Score:
    """Each country's share of the world's new industrial robots in the newest year both have one
    (`embodied.common_year`), with a side's share of a later year (`embodied.latest_share`) as `newer`."""

    robots = embodied.robot_installations(curated)
    try:
        year = embodied.common_year(robots, (US, CN))
    except ValueError as exc:
        raise ValueError(f"findings.robot_score: {exc}") from exc
    # The one pick of embodied: a reported share before one computed from counts.
    pick = {side: embodied.share_in(robots, side, year) for side in (US, CN)}
    latest = {side: embodied.latest_share(robots, side) for side in (US, CN)}
    newer = {side: row for side, row in latest.items() if row["year"] > year}
    behind = [*pick.values(), *newer.values()]
    ids = tuple(sorted({f for row in behind for f in row["fact_ids"].split(";")}))
    by_source: dict[str, set[str]] = {}
    for row in behind:
        by_source.setdefault(row["primary_source"], set()).update(row["fact_ids"].split(";"))
    source = "; ".join(embodied.cited(";".join(sorted(f)), where) for where, f in by_source.items())
    return Score(
        "robot_share",
        "Industrial robots",
        "Share of the world's new industrial robots",
        float(pick[US]["value"]),
        float(pick[CN]["value"]),
        "percent",
        str(year),
        source,
        CN if pick[CN]["value"] > pick[US]["value"] else US,
        fact_ids=ids,
        newer={
            side: (
                str(row["year"]),
                float(row["value"]),
                embodied.cited(row["fact_ids"], row["primary_source"]),
            )
            for side, row in newer.items()
        },
    )


# The processed tables the scorecard reads; its curated facts are in each Score's fact_ids.
SCORE_TABLES = (
    "eci_by_model",
    "models_by_bloc_year_accessibility",
    "lmarena_top_mix",
    "api_prices",
    "hardware_by_maker",
)


def fact_ids(scores: list[Score]) -> list[str]:
    """Every curated fact the scores rest on, sorted."""
    return sorted({f for s in scores for f in s.fact_ids})


def leads(scores: list[Score]) -> tuple[list[str], list[str]]:
    """The dimensions (lower case, sorted) on which a measure favours the US, and those favouring China."""
    us, cn = ({s.dimension.lower() for s in scores if s.favours == side} for side in (US, CN))
    return sorted(us), sorted(cn)


def scorecard(as_of: str = "", blend_input_share: float = 0.75) -> tuple[list[Score], dict]:
    """Every global score of the edition, and the details the narrative needs (capability lag, years)."""
    eci = _cut(processed.read("eci_by_model"), "release_date", as_of)
    models = processed.read("models_by_bloc_year_accessibility")
    year = last_full_year(snapshot("models_by_bloc_year_accessibility"), as_of)
    top_mix = _cut(processed.read("lmarena_top_mix"), "leaderboard_version", as_of)
    prices = cut_required(processed.read("api_prices"), "snapshot_date", as_of, "api_prices")
    hardware = processed.read("hardware_by_maker")
    if as_of:
        hardware = hardware[hardware["year"] <= int(as_of[:4])]
    curated = facts_mod.load()
    if as_of:
        curated = curated[curated["as_of_end"] <= as_of]
    cap, gap_row = capability_score(eci)
    scores = [
        cap,
        *openness_scores(models, top_mix, year),
        price_score(prices, blend_input_share),
        investment_score(curated),
        chip_score(hardware),
        robot_score(curated),
    ]
    return scores, {"capability": gap_row, "open_year": year}


def region_view(
    region: str,
    *,
    scenario: str = "status_quo",
    horizon: int = model.DEFAULT_HORIZON,
    draws: int = 2000,
    seed: int = 0,
) -> RegionView:
    """Cloud reach, trust and the scenario's China-stack share for one region (Global: all regions)."""
    if region not in (regions.GLOBAL, *regions.REPORTING_REGIONS):
        raise ValueError(
            f"findings.region_view: unknown region {region!r}; expected one of {regions.REPORTING_REGIONS}"
        )
    presence = reach.cloud_presence(processed.read(CLOUD_TABLE)).set_index("world_region")
    here = presence.loc[region]
    curated = facts_mod.load()
    trust = reach.trust_by_group(curated, TRUST_SURVEY)
    countries = trust[trust["in_mean"]]
    in_region = countries if region == regions.GLOBAL else countries[countries["world_region"] == region]
    by_country = countries.set_index("country")["trust_pct"]
    wave = curated.loc[curated["fact_id"].isin(trust["fact_id"]), "as_of"].iloc[0]
    undp = reach.undp_countries()
    coverage = reach.region_coverage(trust, presence.reset_index(), undp).set_index("world_region")
    # The scenario section's own run (scenario.run): one function for the numbers both sections show.
    # Global is the unweighted mean over regions: the model has no regional weights to do better.
    outlook = model.run(scenario=scenario, region=region, horizon=horizon, draws=draws, seed=seed)
    end = outlook.headline
    gaps = region_gaps(coverage, region)
    if region != regions.GLOBAL and len(in_region) == 1:
        others = int((undp["world_region"] == region).sum())
        extra = f" (the UNDP transcription adds {others}, on its own scale)" if others else ""
        gaps.append(f"trust from one country only in the {TRUST_SURVEY}{extra}")
    return RegionView(
        region=region,
        cloud_us=int(here["us_regions"]),
        cloud_china=int(here["china_regions"]),
        china_cloud_share=float(here["china_share"]),
        cloud_as_of=snapshot(CLOUD_TABLE),
        trust=in_region.sort_values(["trust_pct", "country"], ascending=[False, True]).reset_index(drop=True),
        trust_mean=float(in_region["trust_pct"].mean()) if len(in_region) else float("nan"),
        trust_us=float(by_country[US]),
        trust_china=float(by_country[CN]),
        trust_survey=TRUST_SURVEY,
        trust_as_of=str(wave),
        scenario_start=float(outlook.start_share),
        scenario_start_regional=outlook.start_regional,
        scenario_median=float(end["share_china_median"]),
        scenario_p10=float(end["share_china_p10"]),
        scenario_p90=float(end["share_china_p90"]),
        scenario_years=(outlook.start_year, horizon),
        scenario_name=scenario,
        scenario_paths=outlook.paths,
        gaps=gaps,
        coverage=coverage,
        **adoption_by_region(region, undp),
    )


def adoption_by_region(region: str, undp: pd.DataFrame) -> dict:
    """The region's adoption-by-country numbers (Global: the world's): AI user share against the world,
    the US closed product's reach counts, compute, developers and their ties, the country briefs."""
    from strategy_brief.analysis.indicators import developers, infrastructure, usage

    area = regions.GLOBAL if region == regions.GLOBAL else region
    share = processed.read(usage.USER_SHARE)
    by_region = usage.user_share_by_region(share)
    reach_rows = usage.claude_reach(share, processed.read(usage.CLAUDE))
    if region != regions.GLOBAL:
        reach_rows = reach_rows[reach_rows["world_region"] == region]
    compute = infrastructure.compute_reach(processed.read("gpu_clusters_by_country")).set_index("area")
    base = developers.developer_base(processed.read(developers.DEVELOPERS))
    by_dev = developers.developer_base_by_region(base).set_index("area")
    ties = developers.collaboration_by_region(
        developers.collaboration_ties(processed.read(developers.COLLABORATION))
    ).set_index("area")
    coverage = processed.read("country_coverage")
    briefs = coverage[coverage["brief"].astype(bool)]
    return {
        "undp": undp if region == regions.GLOBAL else undp[undp["world_region"] == region],
        "adoption": by_region[by_region["world_region"].isin([region, regions.GLOBAL])],
        "reach_counts": reach_rows["status"].value_counts().to_dict(),
        "compute": compute.loc[area] if area in compute.index else None,
        "developers": by_dev.loc[area] if area in by_dev.index else None,
        "collaboration": ties.loc[area] if area in ties.index else None,
        "country_briefs": int(
            len(briefs) if region == regions.GLOBAL else (briefs["world_region"] == region).sum()
        ),
    }


def region_gaps(coverage: pd.DataFrame, region: str) -> list[str]:
    """What the reach and trust data lack for a region, read from its row of the coverage table
    (reach.region_coverage, indexed by world_region). For Global: which reporting regions lack a trust
    figure, cloud data, or a US or Chinese cloud region, counted over the reporting regions."""
    if region != regions.GLOBAL:
        return [g for g in str(coverage.loc[region, "gaps"]).split("; ") if g]
    rows = coverage.loc[[r for r in regions.REPORTING_REGIONS if r in coverage.index]]
    total = len(regions.REPORTING_REGIONS)
    missing = [
        ("no trust figure", ~rows["has_trust"]),
        ("no US or Chinese cloud region", ~rows["has_cloud"]),
        ("no US cloud region", rows["has_cloud"] & (rows["us_cloud_regions"] == 0)),
        ("no Chinese cloud region", rows["has_cloud"] & (rows["china_cloud_regions"] == 0)),
    ]
    out = []
    for what, flags in missing:
        names = [r for r in rows.index[flags.to_numpy(dtype=bool)]]
        if names:
            out.append(f"{what} for {len(names)} of the {total} regions ({fmt.listed(names)})")
    return out
