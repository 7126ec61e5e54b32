"""Figures for the executive brief, computed from the curated facts."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import regions, style

TRUST = "trust_in_ai"
TRUST_SURVEY = "Edelman Trust Barometer 2025"  # 28 markets; the 2025 flash poll is a different survey
INVESTMENT = "private_ai_investment"
US, CN = "United States", "China"


@dataclass(frozen=True)
class Gap:
    us: float
    china: float
    ratio: float
    as_of: str
    unit: str
    rows: pd.DataFrame


def _one(facts: pd.DataFrame, indicator: str, country: str, as_of: str | None) -> pd.Series:
    rows = facts[(facts["indicator"] == indicator) & (facts["country"] == country)]
    if as_of is not None:
        rows = rows[rows["as_of"] == as_of]
    if rows.empty:
        raise LookupError(f"facts: no {indicator} row for {country}" + (f" in {as_of}" if as_of else ""))
    return rows.sort_values("as_of").iloc[-1]


def investment_gap(facts: pd.DataFrame, as_of: str | None = None) -> Gap:
    """US vs China private AI investment in the latest (or given) year both are reported."""
    rows = facts[facts["indicator"] == INVESTMENT]
    years = sorted(
        set(rows.loc[rows["country"] == US, "as_of"]) & set(rows.loc[rows["country"] == CN, "as_of"])
    )
    if not years:
        raise LookupError("facts: no year with private AI investment for both the US and China")
    year = as_of or years[-1]
    us, cn = _one(facts, INVESTMENT, US, year), _one(facts, INVESTMENT, CN, year)
    if cn["unit"] != us["unit"]:
        raise ValueError(f"facts {us['fact_id']} and {cn['fact_id']}: units differ")
    return Gap(
        us["value"],
        cn["value"],
        us["value"] / cn["value"],
        year,
        us["unit"],
        pd.DataFrame([us, cn]),
    )


def trust_by_country(facts: pd.DataFrame, region: str, survey: str = TRUST_SURVEY) -> pd.DataFrame:
    """Trust in AI by country in one survey wave, flagged by bloc and by membership of `region`.
    Bounds such as "under 30%" are left out: a bar needs a value, not a bound."""
    rows = facts[(facts["indicator"] == TRUST) & (facts["primary_source"] == survey)].copy()
    if "qualifier" in rows.columns:
        rows = rows[rows["qualifier"].isin(["exact", "approx"])]
    if rows.empty:
        raise LookupError(f"facts: no trust_in_ai rows from {survey!r}")
    rows["world_region"] = [regions.world_region(c) for c in rows["country"]]
    rows["is_aggregate"] = rows["world_region"].isna()
    rows["in_region"] = [
        (not agg) and regions.in_region(c, region)
        for c, agg in zip(rows["country"], rows["is_aggregate"], strict=True)
    ]
    rows["bloc"] = rows["country"].where(rows["country"].isin([US, CN]), "Rest of world")
    return rows.sort_values(["value", "country"], ascending=[False, True]).reset_index(drop=True)


def trust_chart(table: pd.DataFrame, region: str, title: str, subtitle: str):
    """Horizontal bars: the US and China in their bloc colours and patterns, the region's countries
    outlined and labelled, the survey-wide average as a reference line."""
    countries = table[~table["is_aggregate"]].iloc[::-1]
    average = table[table["is_aggregate"]]
    fig, ax = style.new_figure(title, subtitle, height=0.42 * len(countries) + 1.4)
    for y, row in enumerate(countries.itertuples()):
        ax.barh(
            y,
            row.value,
            color=style.bloc_colour(row.bloc),
            hatch=style.BLOC_HATCHES.get(row.bloc, ""),
            edgecolor=style.INK if row.in_region and region != regions.GLOBAL else "white",
            linewidth=1.6 if row.in_region and region != regions.GLOBAL else 0.5,
        )
        ax.text(row.value + 1, y, f"{row.value:.0f}%", va="center", fontsize=9, color=style.INK)
    labels = [
        f"{c} ◆" if r and region != regions.GLOBAL else c
        for c, r in zip(countries["country"], countries["in_region"], strict=True)
    ]
    ax.set_yticks(range(len(countries)), labels)
    for row in average.itertuples():
        ax.axvline(row.value, color=style.MUTED, linestyle="--", linewidth=1)
        ax.text(
            row.value,
            len(countries) - 0.4,
            f" survey average {row.value:.0f}%",
            fontsize=8,
            color=style.MUTED,
            va="bottom",
        )
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of respondents who trust AI (%)")
    ax.grid(axis="y", visible=False)
    return fig
