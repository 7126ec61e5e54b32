"""Reconciliation: published headline figures recomputed from the project's data, side by side,
with the reason they differ."""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import capability, openness
from strategy_brief.curated import classify
from strategy_brief.curated import facts as curated_facts
from strategy_brief.curated import reconciliation as mapping_table
from strategy_brief.data import processed

COLUMNS = [
    "fact_id",
    "figure",
    "published",
    "recomputed",
    "unit",
    "published_as_of",
    "recomputed_from",
    "why_they_differ",
]


def _fact(facts: pd.DataFrame, fact_id: str) -> pd.Series:
    rows = facts[facts["fact_id"] == fact_id]
    if rows.empty:
        raise ValueError(f"reconciliation: fact {fact_id} not in facts.csv")
    return rows.iloc[0]


def open_share_of_new_models(facts: pd.DataFrame, models: pd.DataFrame) -> dict:
    """AI Index: share of new foundation models released open (2023) vs Epoch notable models."""
    fact = _fact(facts, "F029")
    year = int(fact["as_of_start"][:4])
    share = openness.open_weight_share(models)
    year_rows = share[share["year"] == year]
    if year_rows.empty:
        raise ValueError(f"reconciliation: no notable models in {year}")
    recomputed = 100 * year_rows["open_models"].sum() / year_rows["known_models"].sum()
    return {
        "fact_id": fact["fact_id"],
        "figure": f"Share of new models released with open weights, {year}",
        "published": fact["value"],
        "recomputed": round(recomputed, 1),
        "unit": "percent",
        "published_as_of": fact["as_of"],
        "recomputed_from": f"models_by_bloc_year_accessibility ({int(year_rows['known_models'].sum())})",
        "why_they_differ": (
            "inclusion rules: the AI Index counts foundation models (many small releases); "
            "Epoch counts notable models (state of the art, highly cited or widely used), "
            "which skews to large closed models"
        ),
    }


def china_share_of_models(facts: pd.DataFrame, models: pd.DataFrame) -> dict:
    """CAICT: China's share of the world's large models (cumulative, mid-2025) vs Epoch notable models."""
    china, world = _fact(facts, "F173"), _fact(facts, "F174")
    last_year = int(china["as_of_end"][:4])
    upto = models[models["year"] <= last_year]
    recomputed = 100 * upto.loc[upto["bloc"] == "China", "models"].sum() / upto["models"].sum()
    return {
        "fact_id": f"{china['fact_id']};{world['fact_id']}",
        "figure": "China's share of AI models released (cumulative)",
        "published": round(100 * china["value"] / world["value"], 1),
        "recomputed": round(recomputed, 1),
        "unit": "percent",
        "published_as_of": china["as_of"],
        "recomputed_from": f"models_by_bloc_year_accessibility, all years to {last_year}",
        "why_they_differ": (
            "the published count includes every registered large model in China; Epoch's notable models "
            "start in 1950 and select for influence, so decades of US research models weigh in; "
            "multi-country models count for their first-listed organization"
        ),
    }


def closed_open_gap(facts: pd.DataFrame, eci: pd.DataFrame) -> dict:
    """AI Index: closed vs open performance gap (2023) vs the ECI gap at the end of that year."""
    fact = _fact(facts, "F028")
    end = pd.Timestamp(fact["as_of_end"])
    gaps = capability.gap(capability.by_openness(eci), capability.CLOSED, capability.OPEN, group_col="group")
    at_end = gaps[gaps["date"] <= end]
    if at_end.empty:
        recomputed, source = float("nan"), f"eci_by_model has no open and closed scores by {end.date()}"
    else:
        recomputed = round(float(at_end.iloc[-1]["gap_percent"]), 1)
        source = f"eci_by_model, best closed vs best open model released by {end.date()}"
    return {
        "fact_id": fact["fact_id"],
        "figure": "Closed vs open model performance gap",
        "published": fact["value"],
        "recomputed": recomputed,
        "unit": "percent",
        "published_as_of": fact["as_of"],
        "recomputed_from": source,
        "why_they_differ": (
            "metric: the AI Index takes the median gap across individual benchmarks; the ECI combines "
            "benchmarks into one scale and compares the two best models"
        ),
    }


def price_decline_at_gpt35_level(facts: pd.DataFrame, eci: pd.DataFrame, prices: pd.DataFrame) -> dict:
    """AI Index: 280-fold fall in the price of GPT-3.5-level inference; recomputed only where the data
    reaches back to the published window and scores a GPT-3.5 model."""
    fact = _fact(facts, "F034")
    first_snapshot = str(prices["snapshot_date"].min())
    gpt35 = eci[eci["model_version"].str.contains("gpt-3.5", case=False, na=False)]
    missing = []
    if first_snapshot > fact["as_of_start"]:
        missing.append(f"the price snapshots start {first_snapshot}, after {fact['as_of_start']}")
    if gpt35.empty:
        missing.append("the capabilities index scores no GPT-3.5 model, so the level is undefined")
    return {
        "fact_id": fact["fact_id"],
        "figure": "Fall in the price of GPT-3.5-level inference",
        "published": fact["value"],
        "recomputed": float("nan"),
        "unit": "fold",
        "published_as_of": fact["as_of"],
        "recomputed_from": "api_prices, eci_by_model" if not missing else "not recomputable",
        "why_they_differ": "; ".join(missing) if missing else "window and model set differ",
    }


def reconcile(
    facts: pd.DataFrame, models: pd.DataFrame, eci: pd.DataFrame, prices: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every published figure the data can recompute (or says why not), side by side."""
    rows = [
        open_share_of_new_models(facts, models),
        china_share_of_models(facts, models),
        closed_open_gap(facts, eci),
    ]
    if prices is not None:
        rows.append(price_decline_at_gpt35_level(facts, eci, prices))
    return pd.DataFrame(rows, columns=COLUMNS)


# ── Published figures, recomputed through data/raw/reconciliation.csv ─────────────────────────────────
# Every fact a mapping row names (by fact_id, or by indicator for all its facts) is recomputed by the
# row's function from the row's processed table, at the publication's vintage where a snapshot of that
# vintage is held and from today's snapshot, with the reason the numbers differ. A function takes the fact,
# the table cut to one snapshot and the row's args, and returns a Recomputed.

SNAPSHOT_COLUMN = "snapshot_date"  # a table that keeps several snapshots apart carries this column
RECOMPUTED = "recomputed"
DATA_GAP = "data gap"

PUBLISHED_COLUMNS = [
    "fact_id",
    "figure",
    "method",
    "published",
    "unit",
    "qualifier",
    "published_on",
    "recomputed_at_vintage",
    "vintage_snapshot",
    "recomputed_today",
    "today_snapshot",
    "difference",
    "status",
    "reason",
    "basis",
    "table",
]


@dataclass(frozen=True)
class Recomputed:
    """One recomputation: the value (NaN with `gap` saying why when it cannot be), what it was computed
    from, and the fields a reason template may use."""

    value: float
    basis: str
    fields: dict = field(default_factory=dict)
    gap: str = ""


def _gap(why: str) -> Recomputed:
    return Recomputed(float("nan"), "not recomputable", {}, why)


def _year_of_fact(fact: pd.Series) -> int | None:
    start, end = str(fact["as_of_start"]), str(fact["as_of_end"])
    if not start or not end or start[:4] != end[:4]:
        return None
    return int(start[:4])


def notable_models(fact: pd.Series, frame: pd.DataFrame, *, rule: str, bloc: str | None = None) -> Recomputed:
    """Notable models of the fact's year and bloc (the fact's country, else its actor, unless `bloc` is
    given) under a counting rule of notable_models_by_rule. Fields: year, bloc, rule, snapshot."""
    year = _year_of_fact(fact)
    if year is None:
        return _gap(f"the figure covers {fact['as_of']}, not one calendar year")
    bloc = bloc or fact["country"] or fact["actor"]
    if bloc not in classify.BLOCS:
        return _gap(f"{bloc!r} is not a bloc the data counts ({', '.join(classify.BLOCS)})")
    rows = frame[(frame["counting_rule"] == rule) & (frame["year"] == year)]
    if rows.empty:
        return _gap(f"the notable-models data has no models of {year}")
    snapshot = str(rows[SNAPSHOT_COLUMN].iloc[0]) if SNAPSHOT_COLUMN in rows else ""
    value = float(rows.loc[rows["bloc"] == bloc, "models"].sum())
    return Recomputed(
        value,
        f"Epoch notable models published in {year}, {bloc}, {rule.replace('_', ' ')}",
        {"year": year, "bloc": bloc, "rule": rule.replace("_", " "), "snapshot": snapshot},
    )


def score_lead(
    fact: pd.Series,
    frame: pd.DataFrame,
    *,
    date: str,
    group: str,
    score: str,
    model: str,
    leader,
    rival,
    measure: str = "percent",
) -> Recomputed:
    """The lead of the best `leader` over the best `rival` (values of `group`), day by day at every date
    of the table in the fact's period: in percent of the rival's score, or in points. The value is the
    lead at the last date of the period. Fields: date, dates (how many), low, high, leader_model,
    rival_model, leader_score, rival_score."""
    if measure not in ("percent", "points"):
        raise ValueError(f"score_lead: measure must be percent or points, got {measure!r}")
    days = frame.assign(_group=frame[group].astype(str), _date=frame[date].astype(str))
    days = days[days["_group"].isin([str(leader), str(rival)])]
    best = days.sort_values(score, ascending=False).groupby(["_date", "_group"]).head(1)
    wide = best.pivot(index="_date", columns="_group", values=[score, model]).dropna()
    start, end = str(fact["as_of_start"]), str(fact["as_of_end"])
    if wide.empty:
        return _gap(f"the table has no date with both a {leader} and a {rival} model")
    covered = f"{wide.index.min()} to {wide.index.max()}"
    wide = wide[(wide.index >= start) & (wide.index <= end)]
    if wide.empty:
        return _gap(f"the table covers {covered}, not {fact['as_of']}")
    top, other = wide[(score, str(leader))].astype(float), wide[(score, str(rival))].astype(float)
    lead = 100 * (top - other) / other if measure == "percent" else top - other
    last = wide.index[-1]
    return Recomputed(
        round(float(lead.iloc[-1]), 2),
        f"best {leader} vs best {rival} on {last}, day by day over {fact['as_of']}",
        {
            "date": last,
            "dates": len(lead),
            "low": round(float(lead.min()), 2),
            "high": round(float(lead.max()), 2),
            "leader_model": wide[(model, str(leader))].iloc[-1],
            "rival_model": wide[(model, str(rival))].iloc[-1],
            "leader_score": round(float(top.iloc[-1]), 1),
            "rival_score": round(float(other.iloc[-1]), 1),
        },
    )


def no_dataset(fact: pd.Series, frame: pd.DataFrame | None, *, need: str) -> Recomputed:
    """A figure no dataset of the project can recompute; `need` says what data it would take."""
    return _gap(f"no dataset ({need})")


FUNCTIONS: dict[str, Callable[..., Recomputed]] = {
    "notable_models": notable_models,
    "score_lead": score_lead,
    "no_dataset": no_dataset,
}


def published_on(fact: pd.Series) -> str | None:
    """The day a figure was published, from its publication_date ('2025-04-12', or a month: its last
    day); None when the source is undated."""
    found = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(fact.get("publication_date", "")).strip())
    if not found:
        return None
    year, month, day = found.groups()
    return f"{year}-{month}-{day or calendar.monthrange(int(year), int(month))[1]:0>2}"


def _snapshots(frame: pd.DataFrame, dated: str | None) -> list[str]:
    if SNAPSHOT_COLUMN in frame.columns:
        return sorted(frame[SNAPSHOT_COLUMN].astype(str).unique())
    return [dated] if dated else []


def _at(frame: pd.DataFrame, snapshot: str) -> pd.DataFrame:
    if SNAPSHOT_COLUMN in frame.columns:
        return frame[frame[SNAPSHOT_COLUMN].astype(str) == snapshot]
    return frame


def _shown(value: float, unit: str) -> str:
    if isinstance(value, float) and math.isnan(value):
        return "no figure"
    return fmt.fact_value(value, unit, digits=0 if unit == "models" else 2)


def _vintage_text(on: str | None, held: list[str], results: dict[str, Recomputed], unit: str) -> str:
    today = held[-1]
    now = _shown(results[today].value, unit)
    before = [s for s in held if on and s <= on]
    if before and before[-1] == today:
        return f"vintage: the snapshot used ({today}) predates the publication ({on})"
    if before:
        then = _shown(results[before[-1]].value, unit)
        return f"vintage: at the publication's vintage (snapshot {before[-1]}) {then}, today ({today}) {now}"
    what = "the publication is undated" if on is None else f"no snapshot predates the publication ({on})"
    if held[0] == today:
        return f"vintage: {what}; the only snapshot held is of {today}"
    first = _shown(results[held[0]].value, unit)
    return f"vintage: {what}; the earliest snapshot held ({held[0]}) gives {first}, today's ({today}) {now}"


def _recompute_row(
    fact: pd.Series, row: pd.Series, tables: Mapping[str, pd.DataFrame], dated: Mapping[str, str]
) -> dict:
    if row["function"] not in FUNCTIONS:
        raise ValueError(f"reconciliation.csv: unknown function {row['function']!r} for {fact['fact_id']}")
    function = FUNCTIONS[row["function"]]
    args = dict(row["args"])
    name = args.pop("table", None)
    on = published_on(fact)
    vintage_snapshot = today_snapshot = ""
    at_vintage = float("nan")
    if name is None:
        today = function(fact, None, **args)
        vintage = ""
    elif name not in tables:
        today, vintage = _gap(f"the processed table {name} is not available"), ""
    else:
        frame = tables[name]
        held = _snapshots(frame, dated.get(name))
        if not held:
            today, vintage = _gap(f"{name} has no snapshot"), ""
        else:
            before = [s for s in held if on and s <= on]
            wanted = {held[0], held[-1], *(before[-1:])}
            results = {s: function(fact, _at(frame, s), **args) for s in sorted(wanted)}
            today, today_snapshot = results[held[-1]], held[-1]
            if before:
                vintage_snapshot = before[-1]
                at_vintage = results[vintage_snapshot].value
            vintage = _vintage_text(on, held, results, fact["unit"])
    if today.gap:
        status, reason = DATA_GAP, f"not recomputable: {today.gap}"
    else:
        status = RECOMPUTED
        reason = row["reason"].format(vintage=vintage, **today.fields)
    published = float(fact["value"])
    return {
        "fact_id": fact["fact_id"],
        "figure": f"{fact['indicator_label']}, {fact['actor']}, {fact['as_of']}",
        "method": row["method"],
        "published": published,
        "unit": fact["unit"],
        "qualifier": fact["qualifier"],
        "published_on": on or "",
        "recomputed_at_vintage": at_vintage,
        "vintage_snapshot": vintage_snapshot,
        "recomputed_today": today.value,
        "today_snapshot": today_snapshot,
        "difference": today.value - published,
        "status": status,
        "reason": reason,
        "basis": today.basis,
        "table": name if name in tables else "",
    }


def reconcile_published(
    facts: pd.DataFrame,
    mapping: pd.DataFrame,
    tables: Mapping[str, pd.DataFrame],
    dated: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every fact the mapping covers, recomputed: one row per fact and mapping row, in fact order.

    `tables` holds the processed tables by name (a table the mapping names but `tables` lacks gives a
    data-gap row); `dated` the snapshot date of a table that keeps no snapshot_date column."""
    rows = []
    for _, fact in facts.iterrows():
        for _, row in mapping_table.rows_for(mapping, fact["fact_id"], fact["indicator"]).iterrows():
            rows.append(_recompute_row(fact, row, tables, dated or {}))
    return pd.DataFrame(rows, columns=PUBLISHED_COLUMNS)


def published_figures(as_of: str | None = None) -> pd.DataFrame:
    """The reconciliation of the project's curated published figures against its processed tables, as
    of a date (facts and tables cut by the one as_of rule)."""
    mapping = mapping_table.load(functions=FUNCTIONS)
    names = sorted({a["table"] for a in mapping["args"] if "table" in a})
    tables, dated = {}, {}
    for name in names:  # a table not built (no snapshot of its source) is left out: a data gap
        try:
            meta = processed.read_meta(name)
        except FileNotFoundError:
            continue
        tables[name] = processed.read(name, as_of=as_of or None)
        dated[name] = max(str(s["date"]) for src in meta["sources"] for s in src["snapshots"])
    return reconcile_published(curated_facts.load(as_of=as_of or None), mapping, tables, dated)
