"""Adoption: whose open models others build on and use, and how fast the dated adoption figures grow."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated import facts

# Qualifiers that make a value a bound rather than an estimate: no growth rate can be read from them.
BOUNDS = ("at_least", "at_most", "range_low", "range_high")

# Families whose derivative count is an upper bound, with the reason (derivatives_by_family.meta.yml: the
# leaderboard attributes a model to a family by its weights' architecture, and other families reuse Llama's).
UPPER_BOUND_FAMILIES = {
    "Llama": "upper bound: Llama-architecture models include other families that reuse the architecture",
}
DAYS_PER_YEAR = 365.25


def derivatives_by_family(table: pd.DataFrame) -> pd.DataFrame:
    """Each family's share of all derivatives and of its bloc's, the bloc's share; Llama an upper bound."""
    require(table, {"family", "bloc", "derivative_models"}, "derivatives_by_family")
    duplicated = table.duplicated(["family", "bloc"])
    if duplicated.any():
        raise ValueError(
            f"derivatives_by_family: family listed twice: {sorted(table.loc[duplicated, 'family'])}"
        )
    counts = table["derivative_models"].astype(float)
    if counts.isna().any() or (counts < 0).any():
        raise ValueError("derivatives_by_family: derivative_models must be counts (no missing or negative)")
    total = counts.sum()
    if total == 0:
        raise ValueError("derivatives_by_family: no derivative models at all")
    out = table[["family", "bloc", "derivative_models"]].copy()
    bloc_total = counts.groupby(out["bloc"]).transform("sum")
    out["share"] = counts / total
    out["share_in_bloc"] = (counts / bloc_total.where(bloc_total > 0)).fillna(0.0)
    out["bloc_models"] = bloc_total.astype(out["derivative_models"].dtype)
    out["bloc_share"] = bloc_total / total
    out["upper_bound"] = out["family"].isin(UPPER_BOUND_FAMILIES)
    # A bloc total that contains an upper-bound count is itself an upper bound.
    out["bloc_upper_bound"] = out.groupby("bloc")["upper_bound"].transform("any")
    out["caveat"] = out["family"].map(UPPER_BOUND_FAMILIES).fillna("")
    out = out.sort_values(["derivative_models", "family"], ascending=[False, True], kind="mergesort")
    return out.reset_index(drop=True)


def _midpoint(start: str, end: str, fact_id: str) -> pd.Timestamp:
    """The middle of a fact's as_of period; an open-ended period is dated by the bound it has."""
    bounds = [pd.Timestamp(d) for d in (start, end) if d]
    if not bounds:
        raise ValueError(f"adoption_series: fact {fact_id} has neither as_of_start nor as_of_end")
    return (bounds[0] + (bounds[-1] - bounds[0]) / 2).normalize()


def adoption_series(facts: pd.DataFrame, indicator: str, actor: str | None = None) -> pd.DataFrame:
    """The dated values of one indicator (optionally one actor), a figure repeated by its source kept once."""
    columns = [
        "fact_id",
        "indicator",
        "actor",
        "value",
        "unit",
        "qualifier",
        "as_of",
        "as_of_start",
        "as_of_end",
        "primary_source",
        "conflicts_with",
    ]
    require(facts, columns, "adoption_series")
    rows = facts[facts["indicator"] == indicator]
    if rows.empty:
        raise ValueError(f"adoption_series: no facts for indicator {indicator!r}")
    if actor is not None:
        actors = sorted(rows["actor"].unique())
        rows = rows[rows["actor"] == actor]
        if rows.empty:
            raise ValueError(f"adoption_series: no {indicator!r} facts for actor {actor!r}; actors: {actors}")
    rows = rows[columns].copy()
    rows["date"] = [
        _midpoint(s, e, f)
        for s, e, f in zip(rows["as_of_start"], rows["as_of_end"], rows["fact_id"], strict=True)
    ]
    start = pd.to_datetime(rows["as_of_start"].where(rows["as_of_start"] != "", rows["as_of_end"]))
    end = pd.to_datetime(rows["as_of_end"].where(rows["as_of_end"] != "", rows["as_of_start"]))
    rows["_days"] = (end - start).dt.days
    # The same figure from the same source for overlapping periods (e.g. one slide cited twice) is one
    # observation: keep the row with the narrowest period (then the lowest fact_id), name the others.
    rows = rows.assign(_start=start, _end=end).sort_values(["_days", "fact_id"], kind="mergesort")
    same = ["actor", "value", "unit", "qualifier", "primary_source"]
    kept: list[int] = []
    also: dict[int, list[str]] = {}
    for index, row in rows.iterrows():
        for k in kept:
            other = rows.loc[k]
            if (
                all(row[c] == other[c] for c in same)
                and row["_start"] <= other["_end"]
                and (other["_start"] <= row["_end"])
            ):
                also[k].append(row["fact_id"])
                break
        else:
            kept.append(index)
            also[index] = []
    out = rows.loc[kept].copy()
    out["same_figure_as"] = [";".join(sorted(also[k])) for k in kept]
    order = ["indicator", "actor", "date", "value", "unit", "qualifier", "fact_id", "same_figure_as"]
    out = out[[*order, "as_of", "as_of_start", "as_of_end", "primary_source", "conflicts_with"]]
    return out.sort_values(["actor", "date", "fact_id"], kind="mergesort").reset_index(drop=True)


def _ids(text: object) -> set[str]:
    return {part.strip() for part in str(text or "").split(";") if part.strip()}


def growth(series: pd.DataFrame) -> pd.DataFrame:
    """Growth between consecutive dated points of each series: per-year rate (CAGR) and doubling months."""
    require(series, {"date", "value", "unit", "qualifier", "fact_id"}, "growth")
    keys = [c for c in ("indicator", "actor") if c in series.columns]
    bounded = series[series["qualifier"].isin(BOUNDS)]
    if not bounded.empty:
        listed = ", ".join(
            f"{f} ({q})" for f, q in zip(bounded["fact_id"], bounded["qualifier"], strict=True)
        )
        raise ValueError(f"growth: values that are bounds give no growth rate: {listed}")
    values = series["value"].astype(float)
    if values.isna().any() or (values <= 0).any():
        raise ValueError("growth: needs positive values")
    data = series.assign(value=values, date=pd.to_datetime(series["date"]))
    if "conflicts_with" not in data.columns:
        data = data.assign(conflicts_with="")
    rows = []
    groups = data.groupby(keys, sort=True, dropna=False) if keys else [((), data)]
    for key, group in groups:
        units = sorted(group["unit"].unique())
        if len(units) > 1:
            raise ValueError(f"growth: mixed units {units} in series {key}")
        group = group.sort_values(["date", "fact_id"], kind="mergesort")
        same_date = group[group["date"].duplicated(keep=False)]
        if not same_date.empty:
            raise ValueError(
                f"growth: several values on one date ({', '.join(same_date['fact_id'])}); pick one"
            )
        points = list(group.itertuples(index=False))
        for a, b in itertools.pairwise(points):
            years = (b.date - a.date).days / DAYS_PER_YEAR
            factor = b.value / a.value
            conflict = b.fact_id in _ids(a.conflicts_with) or a.fact_id in _ids(b.conflicts_with)
            others = (_ids(a.conflicts_with) | _ids(b.conflicts_with)) - {a.fact_id, b.fact_id}
            # Two facts that conflict measure different things: the rate between them is withheld.
            # In logs: a steep rise over a few days would overflow a float as factor ** (1 / years).
            cagr = np.nan if conflict else float(np.expm1(np.minimum(math.log(factor) / years, 700.0)))
            doubling = 12 * years * math.log(2) / math.log(factor) if factor > 1 and not conflict else np.nan
            row = dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True))
            row.update(
                from_fact=a.fact_id,
                to_fact=b.fact_id,
                from_date=a.date,
                to_date=b.date,
                from_value=a.value,
                to_value=b.value,
                unit=a.unit,
                years=years,
                growth_factor=factor,
                cagr=cagr,
                doubling_months=doubling,
                conflict=conflict,
                other_conflicts=";".join(sorted(others)),
            )
            if "primary_source" in group.columns:
                row["same_source"] = a.primary_source == b.primary_source
            rows.append(row)
    if not rows:
        raise ValueError("growth: needs at least two dated points in one series")
    return pd.DataFrame(rows)


def growth_sentences(rates: pd.DataFrame, series: pd.DataFrame, labels: Mapping[str, str]) -> list[str]:
    """One sentence per pair of dated points of `growth`: the doubling time, or why no rate is read.

    `series` holds the facts the pairs come from (adoption_series rows), each cited with its value,
    period and id; `labels` names each indicator. A rate is read only between two points of the same
    source that do not conflict; the others are set side by side.
    """
    if rates.empty:
        return []
    columns = ("indicator", "actor", "from_fact", "to_fact", "doubling_months", "conflict", "same_source")
    require(rates, columns, "growth_sentences", "rates (growth of a series with primary_source)")
    require(series, facts.CITED, "growth_sentences", "series")
    fact = series.set_index("fact_id")

    def cite(fact_id: str, source: bool = False) -> str:
        return facts.cite(fact.loc[fact_id].to_dict() | {"fact_id": fact_id}, source=source)

    computed = rates[rates["doubling_months"].notna() & rates["same_source"]]
    withheld = rates.drop(computed.index)
    out = [
        f"{labels[r.indicator]} ({r.actor}): from {cite(r.from_fact)} to {cite(r.to_fact)}, "
        f"{fmt.times(r.growth_factor, 0)} in {fmt.number(12 * r.years, 0)} months, a doubling about every "
        f"{fmt.number(r.doubling_months, 1)} months."
        for r in computed.itertuples()
    ]
    out += [
        f"{labels[r.indicator]} ({r.actor}): {cite(r.from_fact, source=True)} against "
        f"{cite(r.to_fact, source=True)}. "
        + (
            "The two figures conflict: they come from different methods and windows, so they are shown "
            "side by side and no rate is read from them."
            if r.conflict
            else "The two points come from different sources, so no rate is read from them."
        )
        for r in withheld.itertuples()
    ]
    if (computed["unit"] == "percent").any():
        out.append(
            "A share cannot exceed 100%: the doubling time of a share describes the past pace and cannot "
            "continue."
        )
    return out


def dated_figures(facts: pd.DataFrame, indicators: Iterable[str]) -> pd.DataFrame:
    """`adoption_series` of every one of `indicators` the facts hold, in the order given."""
    present = set(facts["indicator"])
    return pd.concat([adoption_series(facts, ind) for ind in indicators if ind in present])


def comparable_growth(series: pd.DataFrame, order: Iterable[str]) -> pd.DataFrame:
    """`growth` of every indicator and actor of `series` with at least two values that are not bounds,
    sorted by indicator in `order` (empty, with columns indicator and doubling_months, when none has)."""
    growable = series[~series["qualifier"].isin(BOUNDS)]
    counts = growable.groupby(["indicator", "actor"])["fact_id"].transform("count")
    pairs = growable[counts >= 2]
    rates = growth(pairs) if not pairs.empty else pd.DataFrame(columns=["indicator", "doubling_months"])
    order = list(order)
    return rates.sort_values("indicator", key=lambda c: c.map(order.index), kind="mergesort")


def latest_per_actor(facts: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The newest fact of `indicator` for each actor (by as_of_end, then fact_id), indexed by actor."""
    rows = facts[facts["indicator"] == indicator].sort_values(["as_of_end", "fact_id"])
    return rows.groupby("actor").tail(1).set_index("actor")


def user_figures(facts: pd.DataFrame, indicators: Iterable[str], first: str) -> pd.DataFrame:
    """`dated_figures` of the user counts, each with its fact's `definition` (indicator_label), the
    actor `first` first and each actor's figures in date order."""
    users = dated_figures(facts, indicators)
    users["definition"] = users["fact_id"].map(facts.set_index("fact_id")["indicator_label"])
    return users.sort_values(["actor", "date"], key=lambda c: c.ne(first) if c.name == "actor" else c)
