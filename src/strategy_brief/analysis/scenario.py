"""Scenario model: how AI adoption and the origin of organizations' model stacks could evolve by region.

Illustrative scenario, not a forecast (LABEL): every result carries it, and every number behind a result
is in data/raw/scenario_assumptions.csv with its source or, for a judgement, its rationale.

Outcome (OUTCOME), for each world region r and year t from the start year to the horizon (default 2030):
the adopting fraction A[r,t] of organizations using AI, and the shares s[r,t,k] of adopting organizations
whose primary model stack is of US, Chinese or other origin (k = us, china, other; the three sum to 1).

Model, with every parameter from the assumptions table:

    A[t]     = K / (1 + (K - A0)/A0 · exp(-g·(t - t0))),   K = max(ceiling, A0),
               g = growth · (trust_r / trust_reference) ** elasticity             (logistic diffusion)
    u[k]     = b_price·(-log price_k) + b_open·openness_k + b_cap·(-capability_gap_k)
               + b_trust·trust_k + b_cloud·cloud_presence_k[r]                    (attraction = exp(u))
    λ[t]     = 1 - inertia · A[t]/A[t+1]      the fraction of year t+1's adopters who choose a stack:
                                              those reconsidering plus the newcomers
    s[t+1,k] ∝ s[t,k] · exp(u[k]) ** λ[t]     so  s[t,k] = softmax_k(log s0[k] + Λ[t]·u[k]),  Λ[t] = Σ λ

Choosers pick in proportion to the installed base times the attraction (a multinomial logit with the log
of the installed base as each stack's constant). Stacks of equal attraction therefore keep their shares,
and the fact-anchored starting shares are not forgotten; the more common `s[t]**inertia · attraction`
would pull equally attractive stacks towards equal shares. Since s[t] is a softmax with a non-negative
weight on u, a lower price, a smaller capability gap, or more openness, trust or cloud presence, never
lowers a stack's share, and the shares stay in [0, 1] and sum to 1. There is no interior equilibrium:
over long horizons the most attractive stack keeps gaining, so keep horizons short. Cloud presence of the
US and Chinese stacks is their providers' share of the two blocs' cloud regions in the region; attributes
are held at their (scenario) level for the whole horizon; in the Monte Carlo every parameter is drawn
independently from a triangular distribution on [low, high] with its central value as mode.
"""

from __future__ import annotations

import ast
import functools
import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from strategy_brief import config, fmt
from strategy_brief.curated import facts
from strategy_brief.curated import regions as world
from strategy_brief.data import processed

LABEL = "Illustrative scenario, not a forecast"
OUTCOME = (
    "For each world region and year to the horizon: the adopting fraction of organizations using AI, and "
    "the shares of adopting organizations whose primary model stack is of US, Chinese or other origin "
    "(the three sum to 1)."
)
STACKS = ("us", "china", "other")
ASSUMPTIONS_FILE = config.RAW_DIR / "scenario_assumptions.csv"
SCENARIOS_FILE = config.RAW_DIR / "scenarios.yml"
COLUMNS = ("name", "region", "value", "low", "high", "unit", "source", "rationale")
DEFAULT_HORIZON = 2030
QUANTILES = {"p10": 0.1, "median": 0.5, "p90": 0.9}

_INF = math.inf
_FRACTION = (0.0, 1.0, False)
_POSITIVE = (0.0, _INF, True)
_NON_NEGATIVE = (0.0, _INF, False)
# What each parameter may be: (lowest, highest, lowest excluded). Structure, not defaults: outside these
# a draw has no meaning (a zero price has no log, a zero start never diffuses).
PARAMETERS: dict[str, tuple[float, float, bool]] = {
    "start_year": (1900.0, 2200.0, False),
    "adoption_start": (0.0, 1.0, True),
    "adoption_ceiling": (0.0, 1.0, True),
    "adoption_growth": _NON_NEGATIVE,
    "trust_in_ai": _FRACTION,
    "trust_reference": (0.0, 1.0, True),
    "trust_adoption_elasticity": _NON_NEGATIVE,
    "inertia": _FRACTION,
    "share_start_china": (0.0, 1.0, True),
    "share_start_other": (0.0, 1.0, True),
    **{f"price_{k}": _POSITIVE for k in STACKS},
    **{f"openness_{k}": _FRACTION for k in STACKS},
    **{f"capability_gap_{k}": _NON_NEGATIVE for k in STACKS},
    **{f"trust_{k}": _FRACTION for k in STACKS},
    "cloud_regions_us": _NON_NEGATIVE,
    "cloud_regions_china": _NON_NEGATIVE,
    "cloud_expansion_us": _POSITIVE,
    "cloud_expansion_china": _POSITIVE,
    "cloud_presence_other": _FRACTION,
    "b_price": _NON_NEGATIVE,
    "b_open": _NON_NEGATIVE,
    "b_cap": _NON_NEGATIVE,
    "b_trust": _NON_NEGATIVE,
    "b_cloud": _NON_NEGATIVE,
}
_FACT_ID = re.compile(r"F\d{3}[a-z]?")
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_OVERRIDE_KEYS = ({"value", "low", "high"}, {"scale"}, {"shift"})


# ---------------------------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Derived:
    """One row a derivation computes: a region's value and range, and what it rests on."""

    region: str
    value: float
    low: float
    high: float
    detail: str
    data_gap: bool = False


class _Inputs:
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


def load_assumptions(path: Path | str | None = None) -> pd.DataFrame:
    """The model's assumptions, one row per parameter and region, computed values filled in and checked."""
    path = Path(path) if path else ASSUMPTIONS_FILE
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(raw.columns) != list(COLUMNS):
        raise ValueError(f"{path.name}: expected the columns {', '.join(COLUMNS)} in that order")
    if raw.empty:
        raise ValueError(f"{path.name}: no assumptions")
    inputs = _Inputs()
    rows = []
    for index, row in raw.iterrows():
        rows += _expand(row, inputs, f"{path.name} row {index + 2} ({row['name']})")
    table = pd.DataFrame(rows)
    _validate(table, path.name)
    return table


def _expand(row: pd.Series, inputs: _Inputs, where: str) -> list[dict]:
    """A CSV row as table rows: a derivation ('@kind:args') gives one row per region it computes."""
    name = row["name"].strip()
    if not (row["source"].strip() or row["rationale"].strip()):
        raise ValueError(f"{where}: give a source or, for a judgement, a rationale")
    base = {k: row[k].strip() for k in ("unit", "source", "rationale")}
    base |= {"name": name, "formula": "", "detail": "", "data_gap": "data gap" in row["rationale"].lower()}
    if row["value"].startswith("@"):
        if row["low"].strip() or row["high"].strip() or row["region"].strip():
            raise ValueError(f"{where}: a derived value ({row['value']}) fills region, low and high itself")
        out = []
        for derived in _derive(row["value"], inputs, where):
            out.append(
                base
                | {
                    "region": derived.region,
                    "value": derived.value,
                    "low": derived.low,
                    "high": derived.high,
                    "formula": row["value"],
                    "detail": derived.detail,
                    "data_gap": base["data_gap"] or derived.data_gap,
                }
            )
        return out
    numbers = {c: _number(row[c], inputs, f"{where}, column {c}") for c in ("value", "low", "high")}
    formulas = "; ".join(f"{c} {row[c].strip()}" for c in ("value", "low", "high") if row[c].startswith("="))
    return [base | numbers | {"region": row["region"].strip(), "formula": formulas}]


def _number(cell: str, inputs: _Inputs, where: str) -> float:
    """A cell as a number: a literal, or '=' and a formula over fact ids."""
    text = cell.strip()
    if not text:
        raise ValueError(f"{where}: empty")
    if text.startswith("="):
        return _formula(text[1:], inputs.fact_values, where)
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{where}: expected a number, '=formula' or '@derivation', got {text!r}") from None


def _formula(text: str, values: Mapping[str, float], where: str) -> float:
    """Evaluate fact ids, numbers, + - * / and brackets; nothing else is allowed."""

    def evaluate(node: ast.AST) -> float:
        match node:
            case ast.BinOp(left, op, right) if type(op) in _OPERATORS:
                return _OPERATORS[type(op)](evaluate(left), evaluate(right))
            case ast.UnaryOp(ast.USub(), operand):
                return -evaluate(operand)
            case ast.Constant(value) if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            case ast.Name(name) if _FACT_ID.fullmatch(name):
                if name not in values:
                    raise ValueError(f"{where}: unknown fact {name}")
                return values[name]
        raise ValueError(f"{where}: {text!r} may hold only fact ids, numbers, + - * / and brackets")

    try:
        return evaluate(ast.parse(text, mode="eval").body)
    except SyntaxError as exc:
        raise ValueError(f"{where}: cannot parse {text!r}") from exc
    except ZeroDivisionError as exc:
        raise ValueError(f"{where}: {text!r} divides by zero") from exc


def formula_facts(formula: str) -> set[str]:
    """The fact ids a formula (or a row's `formula` column) refers to."""
    return set(_FACT_ID.findall(formula))


# -------------------------------------------------------------------------------------------- derivations


def _derive(spec: str, inputs: _Inputs, where: str) -> list[Derived]:
    """Run the derivation a cell names ('@kind:arg:arg')."""
    kind, *args = spec[1:].split(":")
    if kind not in DERIVATIONS:
        raise ValueError(f"{where}: unknown derivation {kind!r}; expected one of {sorted(DERIVATIONS)}")
    try:
        return DERIVATIONS[kind](inputs, *args)
    except (TypeError, ValueError, LookupError) as exc:
        raise ValueError(f"{where}: {spec}: {exc}") from exc


def _trust(inputs: _Inputs, survey: str) -> list[Derived]:
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


def _cloud_regions(inputs: _Inputs, bloc: str) -> list[Derived]:
    """Cloud regions of one bloc's providers per world region: in service (central, low) and listed (high)."""
    table = inputs.table("cloud_regions_by_origin_country")
    rows = table[table["provider_bloc"] == bloc]
    if rows.empty:
        raise LookupError(f"no cloud regions of {bloc!r} providers")
    sums = rows.groupby("world_region")[["in_service", "regions"]].sum()
    out = []
    for region in world.REPORTING_REGIONS:
        in_service, listed = (float(sums.at[region, c]) if region in sums.index else 0.0 for c in sums)
        providers = ", ".join(sorted(set(rows.loc[rows["world_region"] == region, "provider"]))) or "none"
        out.append(Derived(region, in_service, in_service, listed, f"providers: {providers}"))
    return out


def _open_share(inputs: _Inputs, blocs: str, years: str) -> list[Derived]:
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


def _arena_gap(inputs: _Inputs, blocs: str, days: str) -> list[Derived]:
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


def _price_quartiles(inputs: _Inputs, host: str) -> list[Derived]:
    """Median and quartiles of one host's blended prices in the newest price snapshot."""
    table = inputs.table("api_prices")
    newest = table[table["snapshot_date"] == table["snapshot_date"].max()]
    prices = newest.loc[newest["host_provider"] == host, "blended_usd_per_mtok"].dropna()
    if prices.empty:
        raise LookupError(f"no prices from host {host!r}")
    low, mid, high = prices.quantile([0.25, 0.5, 0.75])
    return [Derived("", mid, low, high, f"{len(prices)} prices, snapshot {newest['snapshot_date'].iloc[0]}")]


DERIVATIONS: dict[str, Callable[..., list[Derived]]] = {
    "trust": _trust,
    "cloud_regions": _cloud_regions,
    "open_share": _open_share,
    "arena_gap": _arena_gap,
    "price_quartiles": _price_quartiles,
}


# ------------------------------------------------------------------------------------------- validation


def _validate(table: pd.DataFrame, where: str = "assumptions") -> None:
    """Known names, no duplicates, known regions, low <= value <= high, each within its parameter's domain."""
    unknown = sorted(set(table["name"]) - set(PARAMETERS))
    if unknown:
        raise ValueError(f"{where}: unknown assumption(s) {', '.join(unknown)}")
    missing = sorted(set(PARAMETERS) - set(table["name"]))
    if missing:
        raise ValueError(f"{where}: missing assumption(s) {', '.join(missing)}")
    bad_regions = sorted(set(table["region"]) - {""} - set(world.REPORTING_REGIONS))
    if bad_regions:
        raise ValueError(f"{where}: unknown region(s) {bad_regions}; expected {world.REPORTING_REGIONS}")
    duplicated = table.duplicated(["name", "region"])
    if duplicated.any():
        row = table[duplicated].iloc[0]
        raise ValueError(f"{where}: {row['name']} given twice for region {row['region'] or '(all)'}")
    for row in table.itertuples():
        label = f"{where}: {row.name}" + (f" ({row.region})" if row.region else "")
        if not row.low <= row.value <= row.high:
            raise ValueError(
                f"{label}: expected low <= value <= high, got {row.low}, {row.value}, {row.high}"
            )
        lowest, highest, open_low = PARAMETERS[row.name]
        for column in ("low", "high"):
            x = getattr(row, column)
            if not (lowest < x if open_low else lowest <= x) or not x <= highest or math.isnan(x):
                side = "(" if open_low else "["
                raise ValueError(f"{label}: {column} {x} is outside {side}{lowest}, {highest}]")
    year = table[table["name"] == "start_year"]
    if len(year) != 1 or year.iloc[0]["region"] or len({*year.iloc[0][["value", "low", "high"]]}) != 1:
        raise ValueError(f"{where}: start_year needs one row for all regions with value = low = high")
    if not float(year.iloc[0]["value"]).is_integer():
        raise ValueError(f"{where}: start_year must be a whole year")


def _checked(assumptions: pd.DataFrame) -> pd.DataFrame:
    """The assumptions as the model reads them, refusing an empty or malformed table."""
    if not isinstance(assumptions, pd.DataFrame) or assumptions.empty:
        raise ValueError("assumptions: empty; load them with load_assumptions()")
    missing = [c for c in ("name", "region", "value", "low", "high") if c not in assumptions.columns]
    if missing:
        raise ValueError(f"assumptions: missing column(s) {', '.join(missing)}")
    table = assumptions.reset_index(drop=True)
    table = table.assign(**{c: table[c].astype(float) for c in ("value", "low", "high")})
    _validate(table)
    return table


# -------------------------------------------------------------------------------------------- scenarios


def load_scenarios(path: Path | str | None = None) -> dict[str, dict]:
    """Named scenarios (description and overrides), each override checked against the model's parameters."""
    path = Path(path) if path else SCENARIOS_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path.name}: expected a mapping of scenario names")
    out = {}
    for name, spec in data.items():
        where = f"{path.name}: scenario {name!r}"
        if not isinstance(spec, dict) or set(spec) != {"description", "overrides"}:
            raise ValueError(f"{where}: expected exactly the keys description and overrides")
        if not isinstance(spec["description"], str) or not spec["description"].strip():
            raise ValueError(f"{where}: empty description")
        overrides = spec["overrides"] or {}
        if not isinstance(overrides, dict):
            raise ValueError(f"{where}: overrides must be a mapping of assumption names")
        for key, change in overrides.items():
            if key not in PARAMETERS:
                raise ValueError(f"{where}: unknown assumption {key!r}")
            _check_override(change, f"{where}, {key}")
        out[name] = {"description": spec["description"].strip(), "overrides": overrides}
    return out


def _check_override(change: object, where: str) -> None:
    """An override is a number or one of {value, low, high}, {scale}, {shift}, all numbers."""
    if _is_number(change):
        return
    if not isinstance(change, dict) or set(change) not in _OVERRIDE_KEYS:
        raise ValueError(f"{where}: expected a number, {{value, low, high}}, {{scale}} or {{shift}}")
    if not all(_is_number(v) for v in change.values()):
        raise ValueError(f"{where}: override values must be numbers")


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def apply_scenario(assumptions: pd.DataFrame, name: str, scenarios: Mapping[str, dict]) -> pd.DataFrame:
    """The assumptions with one scenario's overrides applied, marked in an `override` column and checked."""
    if name not in scenarios:
        raise ValueError(f"scenario {name!r}: unknown; expected one of {sorted(scenarios)}")
    table = _checked(assumptions).copy()
    # Scenarios stack: a second one applies on top of the first and both stay on record.
    table["override"] = table.get("override", "")
    applied = [x for x in (assumptions.attrs.get("scenario"), name) if x]
    for key, change in (scenarios[name].get("overrides") or {}).items():
        rows = table["name"] == key
        if not rows.any():
            raise ValueError(f"scenario {name!r}: unknown assumption {key!r}")
        _check_override(change, f"scenario {name!r}, {key}")
        value, low, high = (table.loc[rows, c] for c in ("value", "low", "high"))
        if _is_number(change):
            value, low, high = change, low + (change - value), high + (change - value)
            note = f"set to {change:g}, range moved with it"
        elif "scale" in change:
            k = change["scale"]
            value, low, high = value * k, low * k, high * k
            note = f"×{k:g}"
        elif "shift" in change:
            d = change["shift"]
            value, low, high = value + d, low + d, high + d
            note = f"{d:+g}"
        else:
            value, low, high = change["value"], change["low"], change["high"]
            note = f"set to {value:g} ({low:g} to {high:g})"
        table.loc[rows, ["value", "low", "high"]] = np.column_stack(
            [np.broadcast_to(np.asarray(x, dtype=float), rows.sum()) for x in (value, low, high)]
        )
        earlier = table.loc[rows, "override"]
        table.loc[rows, "override"] = earlier.where(earlier == "", earlier + "; ") + f"{name}: {note}"
    try:
        _validate(table, f"scenario {name!r}")
    except ValueError as exc:
        raise ValueError(f"{exc} after the overrides") from None
    table.attrs = {"scenario": " + ".join(applied), "label": LABEL}
    return table


def assumption_table(assumptions: pd.DataFrame, scenario: str | None = None) -> pd.DataFrame:
    """The assumptions behind a result, to print beside it: values, ranges, sources or rationales, gaps."""
    carried = assumptions.attrs.get("scenario")
    if scenario is not None and carried is not None and scenario != carried:
        raise ValueError(f"scenario {scenario!r}: the assumptions carry scenario {carried!r}")
    table = _checked(assumptions)
    name = scenario or carried or "defaults (status_quo)"
    column = functools.partial(_column, table)
    basis = column("source").where(column("source") != "", "judgement")
    note = column("rationale") + np.where(column("detail") != "", " [" + column("detail") + "]", "")
    out = pd.DataFrame(
        {
            "parameter": table["name"],
            "region": table["region"].where(table["region"] != "", "all"),
            "value": table["value"],
            "low": table["low"],
            "high": table["high"],
            "unit": column("unit"),
            "source": basis,
            "note": note,
            "data_gap": column("data_gap", False).astype(bool),
            "scenario_change": column("override"),
        }
    )
    out.attrs = {"label": LABEL, "scenario": name, "title": f"Assumptions, scenario {name}. {LABEL}."}
    return out


def _column(table: pd.DataFrame, name: str, missing: object = "") -> pd.Series:
    """A column, or `missing` everywhere for a table built by hand without it."""
    return table[name] if name in table else pd.Series(missing, index=table.index)


# ------------------------------------------------------------------------------------ reader-facing names

# The named scenarios of scenarios.yml as readers read them.
TITLES = {
    "status_quo": "Status quo",
    "us_opens_up": "US opens up",
    "controls_tighten": "Export controls tighten",
    "controls_loosen": "Export controls loosen",
    "gap_closes": "Capability gap closes",
    "china_cloud_expands": "Chinese clouds expand",
}
# Every parameter (PARAMETERS) as readers read it.
LABELS = {
    "start_year": "Start year",
    "adoption_start": "Organizations using AI at the start",
    "adoption_ceiling": "Adoption ceiling",
    "adoption_growth": "Adoption growth rate",
    "trust_in_ai": "Public trust in AI",
    "trust_reference": "Reference level of trust",
    "trust_adoption_elasticity": "Effect of trust on adoption speed",
    "inertia": "Adopters keeping their stack each year",
    "share_start_china": "Chinese stack's starting share",
    "share_start_other": "Other stacks' starting share",
    "price_us": "US stack's price",
    "price_china": "Chinese stack's price",
    "price_other": "Other stacks' price",
    "openness_us": "US stack's open-weight share",
    "openness_china": "Chinese stack's open-weight share",
    "openness_other": "Other stacks' open-weight share",
    "capability_gap_us": "US stack's capability gap",
    "capability_gap_china": "Chinese stack's capability gap",
    "capability_gap_other": "Other stacks' capability gap",
    "trust_us": "Trust in the US stack",
    "trust_china": "Trust in the Chinese stack",
    "trust_other": "Trust in other stacks",
    "cloud_regions_us": "US providers' cloud regions",
    "cloud_regions_china": "Chinese providers' cloud regions",
    "cloud_expansion_us": "US cloud expansion (multiplier)",
    "cloud_expansion_china": "Chinese cloud expansion (multiplier)",
    "cloud_presence_other": "Other stacks' cloud presence",
    "b_price": "Weight on price",
    "b_open": "Weight on open weights",
    "b_cap": "Weight on capability",
    "b_trust": "Weight on trust in the stack",
    "b_cloud": "Weight on local cloud presence",
}
# The bloc whose stack a parameter describes, by its suffix.
STACK_BLOCS = {"us": "United States", "china": "China"}


def title(scenario: str) -> str:
    """A named scenario's title ('Status quo'); an unnamed one from its key ('new_case' → 'New case')."""
    return TITLES.get(scenario, scenario.replace("_", " ").capitalize())


def label(parameter: str) -> str:
    """A parameter's reader-facing name ('b_price' → 'Weight on price'); an unknown one as it is."""
    return LABELS.get(parameter, parameter)


def stack_of(parameter: str) -> str:
    """The bloc of the stack a parameter is about ('price_china' → 'China'), or '' (weights, other stacks)."""
    suffix = parameter.rsplit("_", 1)[-1]
    return STACK_BLOCS.get(suffix, "") if "_" in parameter else ""


def assumption_value(parameter: str, value: float, low: float, high: float) -> str:
    """An assumption's central value and range as the annex prints it: '0.5 (0.3 to 0.7)'; '0.8' if fixed."""
    if parameter == "start_year":
        return str(int(value))
    central, lo, hi = (fmt.number(v, 3) for v in (value, low, high))
    return central if lo == hi == central else f"{central} ({lo} to {hi})"


# ---------------------------------------------------------------------------------------------- the model


def simulate(
    assumptions: pd.DataFrame,
    *,
    regions: Iterable[str] | str,
    start_year: int | None = None,
    horizon: int = DEFAULT_HORIZON,
) -> pd.DataFrame:
    """The deterministic central path: adopting fraction and stack shares per region and year."""
    table = _checked(assumptions)
    names, years = _span(table, regions, start_year, horizon)
    adopt, shares = _paths(table["value"].to_numpy(float)[None, :], table, names, years)
    out = _grid(names, years)
    out["adopting_fraction"] = adopt[0].ravel()
    for i, stack in enumerate(STACKS):
        out[f"share_{stack}"] = shares[0, ..., i].ravel()
    out.attrs = {"label": LABEL, "scenario": assumptions.attrs.get("scenario", "")}
    return out


def monte_carlo(
    assumptions: pd.DataFrame,
    *,
    draws: int = 10_000,
    seed: int = 0,
    regions: Iterable[str] | str,
    start_year: int | None = None,
    horizon: int = DEFAULT_HORIZON,
) -> pd.DataFrame:
    """Median and 10th/90th percentiles of China-stack share and adopting fraction over drawn parameters."""
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 1:
        raise ValueError(f"draws must be a whole number of at least 1, got {draws!r}")
    table = _checked(assumptions)
    names, years = _span(table, regions, start_year, horizon)
    values = _sample(table, int(draws), np.random.default_rng(seed))
    adopt, shares = _paths(values, table, names, years)
    out = _grid(names, years)
    for label, series in (("share_china", shares[..., STACKS.index("china")]), ("adopting_fraction", adopt)):
        quantiles = np.quantile(series, list(QUANTILES.values()), axis=0)
        for q, stat in zip(quantiles, QUANTILES, strict=True):
            out[f"{label}_{stat}"] = q.ravel()
    order = ["region", "year"] + [f"{s}_{q}" for s in ("share_china", "adopting_fraction") for q in QUANTILES]
    out = out[order]
    out.attrs = {
        "label": LABEL,
        "draws": int(draws),
        "seed": seed,
        "scenario": assumptions.attrs.get("scenario", ""),
    }
    return out


def tornado(
    assumptions: pd.DataFrame, *, region: str, year: int, start_year: int | None = None, seed: int = 0
) -> pd.DataFrame:
    """China-stack share in a region and year with each parameter at its low and high; sorted by swing."""
    # Nothing is drawn: `seed` is accepted so that calls look like monte_carlo's.
    table = _checked(assumptions)
    names, years = _span(table, [region], start_year, year, labels=("region", "year"))
    read = {name: int(rows[0]) for name, rows in _columns(table, names).items() if name != "start_year"}
    used = sorted(read.values())
    central = table["value"].to_numpy(float)
    matrix = np.tile(central, (2 * len(used) + 1, 1))
    steps = np.arange(len(used))
    matrix[2 * steps, used] = table["low"].to_numpy(float)[used]
    matrix[2 * steps + 1, used] = table["high"].to_numpy(float)[used]
    _, shares = _paths(matrix, table, names, years)
    china = shares[:, 0, -1, STACKS.index("china")]
    rows = table.loc[used]
    out = pd.DataFrame(
        {
            "parameter": rows["name"].to_numpy(),
            "region": rows["region"].where(rows["region"] != "", "all").to_numpy(),
            "low": rows["low"].to_numpy(),
            "value": rows["value"].to_numpy(),
            "high": rows["high"].to_numpy(),
            "share_china_at_low": china[2 * steps],
            "share_china_at_high": china[2 * steps + 1],
        }
    )
    out["swing"] = (out["share_china_at_high"] - out["share_china_at_low"]).abs()
    out = out.sort_values(["swing", "parameter"], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )
    out.attrs = {
        "label": LABEL,
        "region": region,
        "year": year,
        "central_share_china": float(china[-1]),
        "scenario": assumptions.attrs.get("scenario", ""),
    }
    return out


def step_shares(shares: np.ndarray, utility: np.ndarray, chosen: float | np.ndarray) -> np.ndarray:
    """One year's update: s' ∝ s · exp(utility) ** chosen, over the last axis (stacks)."""
    logits = np.log(shares) + np.asarray(chosen)[..., None] * utility
    return _softmax(logits)


def _span(
    table: pd.DataFrame,
    names: Iterable[str] | str,
    start_year: int | None,
    horizon: int,
    *,
    labels: tuple[str, str] = ("regions", "horizon"),
) -> tuple[list[str], np.ndarray]:
    """Checked regions and the years from the start year to the horizon; errors use the caller's names."""
    names = [names] if isinstance(names, str) else list(dict.fromkeys(names))
    if not names:
        raise ValueError(f"{labels[0]}: empty; give one or more of {', '.join(world.REPORTING_REGIONS)}")
    unknown = [r for r in names if r not in world.REPORTING_REGIONS]
    if unknown:
        raise ValueError(
            f"{labels[0]}: unknown region(s) {unknown}; expected one of {world.REPORTING_REGIONS}"
        )
    if start_year is None:
        start_year = int(table.loc[table["name"] == "start_year", "value"].iloc[0])
    if int(horizon) < int(start_year):
        raise ValueError(f"{labels[1]} ({horizon}) is before start_year ({start_year})")
    return names, np.arange(int(start_year), int(horizon) + 1)


def _grid(names: list[str], years: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"region": np.repeat(names, len(years)), "year": np.tile(years, len(names))})


def _sample(table: pd.DataFrame, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Independent triangular draws on [low, high] with the central value as mode (inverse CDF, one call)."""
    low, mode, high = (table[c].to_numpy(float) for c in ("low", "value", "high"))
    u = rng.random((draws, len(table)))
    width = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        cut = np.where(width > 0, (mode - low) / width, 1.0)
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(u < cut, left, right)


def _columns(table: pd.DataFrame, names: list[str]) -> dict[str, np.ndarray]:
    """For each parameter, the table row every region reads: its own row, else the all-regions row."""
    index = {(n, r): i for i, (n, r) in enumerate(zip(table["name"], table["region"], strict=True))}
    out = {}
    for name in PARAMETERS:
        rows = []
        for region in names:
            i = index.get((name, region), index.get((name, "")))
            if i is None:
                raise ValueError(f"assumptions: {name} has no row for {region} and no row for all regions")
            rows.append(i)
        out[name] = np.array(rows)
    return out


def _paths(values: np.ndarray, table: pd.DataFrame, names: list[str], years: np.ndarray):
    """Adopting fraction (draws, regions, years) and stack shares (draws, regions, years, stacks)."""
    p = {name: values[:, rows] for name, rows in _columns(table, names).items()}
    adopt = _adoption(p, years - years[0])
    chosen = 1 - p["inertia"][..., None] * adopt[..., :-1] / adopt[..., 1:]
    weight = np.concatenate([np.zeros((*adopt.shape[:-1], 1)), np.cumsum(chosen, axis=-1)], axis=-1)
    start = _start_shares(p)
    logits = np.log(start)[..., None, :] + weight[..., None] * _utility(p)[..., None, :]
    return adopt, _softmax(logits)


def _adoption(p: dict[str, np.ndarray], elapsed: np.ndarray) -> np.ndarray:
    """Logistic diffusion from the starting fraction towards the ceiling, faster where trust is higher."""
    start = p["adoption_start"]
    ceiling = np.maximum(p["adoption_ceiling"], start)  # a start above the ceiling stays put, never falls
    rate = p["adoption_growth"] * (p["trust_in_ai"] / p["trust_reference"]) ** p["trust_adoption_elasticity"]
    return ceiling[..., None] / (
        1 + ((ceiling - start) / start)[..., None] * np.exp(-rate[..., None] * elapsed)
    )


def _start_shares(p: dict[str, np.ndarray]) -> np.ndarray:
    """Starting shares (us, china, other); the US stack holds the remainder."""
    china, other = p["share_start_china"], p["share_start_other"]
    us = 1 - china - other
    if (us <= 0).any():
        raise ValueError("share_start_china + share_start_other must stay below 1 (the US stack's share)")
    return np.stack([us, china, other], axis=-1)


def _cloud_presence(p: dict[str, np.ndarray]) -> np.ndarray:
    """Each stack's share of a region's cloud regions: US and Chinese providers' split, other as assumed."""
    us = p["cloud_regions_us"] * p["cloud_expansion_us"]
    china = p["cloud_regions_china"] * p["cloud_expansion_china"]
    total = us + china
    if (total <= 0).any():
        raise ValueError("cloud_regions_us + cloud_regions_china is 0 in a region: cloud presence undefined")
    return np.stack([us / total, china / total, p["cloud_presence_other"]], axis=-1)


def _utility(p: dict[str, np.ndarray]) -> np.ndarray:
    """log attraction of each stack (draws, regions, stacks)."""
    cloud = _cloud_presence(p)
    return np.stack(
        [
            -p["b_price"] * np.log(p[f"price_{k}"])
            + p["b_open"] * p[f"openness_{k}"]
            - p["b_cap"] * p[f"capability_gap_{k}"]
            + p["b_trust"] * p[f"trust_{k}"]
            + p["b_cloud"] * cloud[..., i]
            for i, k in enumerate(STACKS)
        ],
        axis=-1,
    )


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)
