"""Derived assumptions ('@kind:args' in scenario_assumptions.csv): values computed per region from the
curated facts and the processed tables, each with its range and what it rests on."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from strategy_brief.curated import facts
from strategy_brief.curated import regions as world
from strategy_brief.data import processed


@dataclass(frozen=True)
class Derived:
    """One row a derivation computes: a region's value and range, and what it rests on."""

    region: str
    value: float
    low: float
    high: float
    detail: str
    data_gap: bool = False


class Inputs:
    """The facts and processed tables derivations read, each loaded once."""

    def __init__(self) -> None:
        self._tables: dict[str, pd.DataFrame] = {}

    @functools.cached_property
    def facts(self) -> pd.DataFrame:
        return facts.load()

    @functools.cached_property
    def fact_values(self) -> dict[str, float]:
        return dict(zip(self.facts["fact_id"], self.facts["value"], strict=True))

    def table(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            self._tables[name] = processed.read(name)
        return self._tables[name]


def derive(spec: str, inputs: Inputs, where: str) -> list[Derived]:
    """Run the derivation a cell names ('@kind:arg:arg')."""
    kind, *args = spec[1:].split(":")
    if kind not in DERIVATIONS:
        raise ValueError(f"{where}: unknown derivation {kind!r}; expected one of {sorted(DERIVATIONS)}")
    try:
        return DERIVATIONS[kind](inputs, *args)
    except (TypeError, ValueError, LookupError) as exc:
        raise ValueError(f"{where}: {spec}: {exc}") from exc


def _trust(inputs: Inputs, survey: str) -> list[Derived]:
    """Trust in AI per region from one survey wave; the survey-wide figure where a region has no country."""
    rows = inputs.facts
    rows = rows[(rows["indicator"] == "trust_in_ai") & (rows["primary_source"] == survey)]
    rows = rows[rows["qualifier"].isin(["exact", "approx"])]  # a bound such as "under 30%" is no value
    if rows.empty:
        raise LookupError(f"no trust_in_ai facts from {survey!r}")
    rows = rows.assign(world_region=[world.world_region(c) if c else None for c in rows["country"]])
    overall = rows[rows["world_region"].isna()]
    if len(overall) != 1:
        raise LookupError(f"expected one survey-wide trust_in_ai fact from {survey!r}, found {len(overall)}")
    countries = rows[rows["world_region"].notna()]
    wide = overall.iloc[0]
    out = []
    for region in world.REPORTING_REGIONS:
        here = countries[countries["world_region"] == region]
        if here.empty:
            detail = (
                f"no country of the region in the survey: survey-wide {wide['fact_id']}, "
                f"range the survey's countries ({', '.join(countries['fact_id'])})"
            )
            out.append(
                Derived(
                    region,
                    wide["value"] / 100,
                    countries["value"].min() / 100,
                    countries["value"].max() / 100,
                    detail,
                    data_gap=True,
                )
            )
            continue
        detail = ", ".join(f"{c} ({f})" for c, f in zip(here["country"], here["fact_id"], strict=True))
        values = here["value"] / 100
        out.append(Derived(region, values.mean(), values.min(), values.max(), detail))
    return out


def _cloud_regions(inputs: Inputs, bloc: str) -> list[Derived]:
    """Cloud regions of one bloc's providers per world region, counted as the reach section and the briefs
    count them: every listed region, in service or announced (central and high); only those in service
    (low)."""
    table = inputs.table("cloud_regions_by_origin_country")
    rows = table[table["provider_bloc"] == bloc]
    if rows.empty:
        raise LookupError(f"no cloud regions of {bloc!r} providers")
    sums = rows.groupby("world_region")[["regions", "in_service"]].sum()
    out = []
    for region in world.REPORTING_REGIONS:
        listed, in_service = (float(sums.at[region, c]) if region in sums.index else 0.0 for c in sums)
        providers = ", ".join(sorted(set(rows.loc[rows["world_region"] == region, "provider"]))) or "none"
        counted = "listed regions, in service or announced (central, high), in service (low)"
        out.append(Derived(region, listed, in_service, listed, f"providers: {providers}; {counted}"))
    return out


def _open_share(inputs: Inputs, blocs: str, years: str) -> list[Derived]:
    """Open-weight share of the blocs' notable models, pooled over the latest years; single years as range."""
    from strategy_brief.analysis.indicators.openness import open_weight_share

    shares = open_weight_share(inputs.table("models_by_bloc_year_accessibility"))
    latest = [int(y) for y in sorted(shares["year"].unique())[-int(years) :]]
    rows = shares[shares["bloc"].isin(blocs.split("+")) & shares["year"].isin(latest)]
    if rows.empty:
        raise LookupError(f"no notable models of {blocs!r} in {latest}")
    by_year = rows.groupby("year")[["open_models", "known_models"]].sum()
    single = by_year["open_models"] / by_year["known_models"]
    pooled = by_year["open_models"].sum() / by_year["known_models"].sum()
    detail = f"{int(by_year['open_models'].sum())} of {int(by_year['known_models'].sum())} models, {latest}"
    return [Derived("", pooled, min(pooled, single.min()), max(pooled, single.max()), detail)]


def _arena_gap(inputs: Inputs, blocs: str, days: str) -> list[Derived]:
    """Hundreds of arena points from the best bloc to the blocs' best model: newest version, window range."""
    table = inputs.table("lmarena_best_by_bloc")
    wide = table.pivot_table(index="leaderboard_version", columns="bloc", values="best_score", aggfunc="max")
    members = [b for b in blocs.split("+") if b in wide.columns]
    if not members:
        raise LookupError(f"no arena scores for {blocs!r}")
    gap = ((wide.max(axis=1) - wide[members].max(axis=1)) / 100).dropna()
    dates = pd.to_datetime(gap.index)
    window = gap[dates >= dates.max() - pd.Timedelta(days=int(days))]
    detail = f"version {gap.index[-1]}; range over {window.index[0]} to {window.index[-1]}"
    return [Derived("", gap.iloc[-1], window.min(), window.max(), detail)]


def _price_quartiles(inputs: Inputs, host: str) -> list[Derived]:
    """Median and quartiles of one host's blended prices in the newest price snapshot."""
    table = inputs.table("api_prices")
    newest = table[table["snapshot_date"] == table["snapshot_date"].max()]
    prices = newest.loc[newest["host_provider"] == host, "blended_usd_per_mtok"].dropna()
    if prices.empty:
        raise LookupError(f"no prices from host {host!r}")
    low, mid, high = prices.quantile([0.25, 0.5, 0.75])
    return [Derived("", mid, low, high, f"{len(prices)} prices, snapshot {newest['snapshot_date'].iloc[0]}")]


def _user_share(inputs: Inputs, period: str) -> list[Derived]:
    """Share of the working-age population using generative AI per region (Microsoft AI diffusion): the
    median of the region's estimates in `period` ('latest': the newest), a pooled series counted once,
    the range their middle half; a region with no estimate takes the world median and range, flagged."""
    from strategy_brief.analysis.indicators import usage

    by_region = usage.user_share_by_region(inputs.table(usage.USER_SHARE))
    if period == "latest":
        period = by_region.sort_values("period_end")["period"].iloc[-1]
    rows = by_region[by_region["period"] == period].set_index("world_region")
    if rows.empty:
        raise LookupError(f"no AI user share estimates for period {period!r}")
    world_row = rows.loc[world.GLOBAL]
    out = []
    for region in world.REPORTING_REGIONS:
        if region not in rows.index:
            detail = f"{period}: no estimate in the region; world median of {int(world_row['estimates'])}"
            out.append(
                Derived(
                    region,
                    world_row["median_user_share"],
                    world_row["q1_user_share"],
                    world_row["q3_user_share"],
                    detail,
                    data_gap=True,
                )
            )
            continue
        row = rows.loc[region]
        pooled = f", {int(row['pooled_economies'])} of them in pools" if row["pooled_economies"] else ""
        detail = (
            f"{period}: median of {int(row['estimates'])} estimates ({int(row['economies_listed'])} economies"
            f"{pooled}); range the middle half"
        )
        out.append(
            Derived(region, row["median_user_share"], row["q1_user_share"], row["q3_user_share"], detail)
        )
    return out


DERIVATIONS: dict[str, Callable[..., list[Derived]]] = {
    "user_share": _user_share,
    "trust": _trust,
    "cloud_regions": _cloud_regions,
    "open_share": _open_share,
    "arena_gap": _arena_gap,
    "price_quartiles": _price_quartiles,
}
