"""What the scenario model is: its stacks, its parameters and what each may be, and the table check."""

from __future__ import annotations

import math

import pandas as pd

from strategy_brief.curated import regions as world

# Every result carries this label (in its attrs); the assumption table's title repeats it.
LABEL = "Illustrative scenario, not a forecast"
OUTCOME = (
    "For each world region and year to the horizon: the fraction of working-age people using generative "
    "AI, and the shares of AI users whose primary model stack is of US, Chinese or other origin "
    "(the three sum to 1)."
)
STACKS = ("us", "china", "other")
DEFAULT_HORIZON = 2030

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
# The bloc whose stack a parameter describes, by its suffix.
STACK_BLOCS = {"us": "United States", "china": "China"}


def stack_of(parameter: str) -> str:
    """The bloc of the stack a parameter is about ('price_china' → 'China'), or '' (weights, other stacks)."""
    suffix = parameter.rsplit("_", 1)[-1]
    return STACK_BLOCS.get(suffix, "") if "_" in parameter else ""


def validate(table: pd.DataFrame, where: str = "assumptions") -> None:
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


def checked(assumptions: pd.DataFrame) -> pd.DataFrame:
    """The assumptions as the model reads them, refusing an empty or malformed table."""
    if not isinstance(assumptions, pd.DataFrame) or assumptions.empty:
        raise ValueError("assumptions: empty; load them with load_assumptions()")
    missing = [c for c in ("name", "region", "value", "low", "high") if c not in assumptions.columns]
    if missing:
        raise ValueError(f"assumptions: missing column(s) {', '.join(missing)}")
    table = assumptions.reset_index(drop=True)
    table = table.assign(**{c: table[c].astype(float) for c in ("value", "low", "high")})
    validate(table)
    return table
