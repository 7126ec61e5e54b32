"""Embodied AI: industrial robots installed, each country's share of the world's, and robot density,
only as far as the curated facts go."""

from __future__ import annotations

import pandas as pd

from strategy_brief.analysis.indicators._checks import require

WORLD = "World"
# Measure → the fact indicator it is read from and its unit.
MEASURES = {
    "installations": ("industrial_robot_installations", "count"),
    "share_of_global": ("industrial_robot_installation_share", "percent"),
    "density": ("robot_density", "robots per 10,000 workers"),
}
FOCUS = ("United States", "China")  # the countries the brief compares: their missing figures are gaps


def robot_installations(facts: pd.DataFrame) -> pd.DataFrame:
    """Robot figures by country, year and measure as reported, plus world shares computed from the counts."""
    columns = [
        "fact_id",
        "indicator",
        "country",
        "value",
        "unit",
        "qualifier",
        "as_of_start",
        "as_of_end",
        "primary_source",
    ]
    require(facts, columns, "robot_installations")
    by_indicator = {indicator: measure for measure, (indicator, _) in MEASURES.items()}
    rows = facts[facts["indicator"].isin(by_indicator)]
    if rows.empty:
        raise ValueError(f"robot_installations: no facts for indicators {sorted(by_indicator)}")
    out = []
    for row in rows.itertuples(index=False):
        measure = by_indicator[row.indicator]
        if row.unit != MEASURES[measure][1]:
            raise ValueError(
                f"robot_installations: fact {row.fact_id} is in {row.unit!r}, not {MEASURES[measure][1]!r}"
            )
        start, end = row.as_of_start, row.as_of_end
        if not start or not end or start[:4] != end[:4]:
            raise ValueError(f"robot_installations: fact {row.fact_id} does not cover one calendar year")
        out.append(
            {
                "country": row.country,
                "year": int(start[:4]),
                "measure": measure,
                "value": float(row.value),
                "unit": row.unit,
                "qualifier": row.qualifier,
                "basis": "reported",
                "fact_ids": row.fact_id,
                "primary_source": row.primary_source,
            }
        )
    table = pd.DataFrame(out)
    twice = table.duplicated(["country", "year", "measure"], keep=False)
    if twice.any():
        raise ValueError(
            f"robot_installations: several figures for one country, year and measure: "
            f"{list(table.loc[twice, 'fact_ids'])}"
        )
    # Share of the world's installations from the counts, where a country and the world have one that year.
    counts = table[(table["measure"] == "installations") & (table["qualifier"].isin(["exact", "approx"]))]
    world = counts[counts["country"] == WORLD].set_index("year")
    computed = []
    for row in counts[counts["country"] != WORLD].itertuples(index=False):
        if row.year not in world.index:
            continue
        total = world.loc[row.year]
        computed.append(
            {
                "country": row.country,
                "year": row.year,
                "measure": "share_of_global",
                "value": 100 * row.value / total["value"],
                "unit": "percent",
                "qualifier": "approx" if "approx" in (row.qualifier, total["qualifier"]) else "exact",
                "basis": "computed",
                "fact_ids": f"{row.fact_ids};{total['fact_ids']}",
                "primary_source": row.primary_source
                if row.primary_source == total["primary_source"]
                else f"{row.primary_source}; {total['primary_source']}",
            }
        )
    table = pd.concat([table, pd.DataFrame(computed)], ignore_index=True) if computed else table
    order = {m: i for i, m in enumerate(MEASURES)}
    table = table.sort_values(
        ["country", "year", "measure", "basis"],
        key=lambda s: s.map(order) if s.name == "measure" else s,
        kind="mergesort",
    )
    return table.reset_index(drop=True)


def data_gaps(robots: pd.DataFrame, countries: tuple[str, ...] = FOCUS) -> pd.DataFrame:
    """What a robot_installations table lacks for the compared countries: one row per gap."""
    # A gap: a measure missing in a year with other figures, missing in every year, or given for one year.
    require(robots, {"country", "year", "measure", "basis"}, "data_gaps")
    if not countries:
        raise ValueError("data_gaps: no countries to check")
    reported = robots[robots["basis"] == "reported"]
    years = sorted(robots["year"].unique())
    gaps = []
    for country in countries:
        for measure in MEASURES:
            here = robots[(robots["country"] == country) & (robots["measure"] == measure)]
            have = sorted(here["year"].unique())
            if not have:
                gaps.append((country, None, measure, f"no {measure} figure in any year"))
                continue
            for year in years:
                if year not in have:
                    gaps.append((country, year, measure, f"no {measure} figure for {year}"))
            if len(have) == 1:
                gaps.append((country, have[0], measure, f"{measure} for {have[0]} only: no trend"))
            if measure == "share_of_global" and here["basis"].eq("computed").all():
                gaps.append((country, None, measure, "share not reported: computed from installation counts"))
    if WORLD not in set(reported["country"]):
        gaps.append((WORLD, None, "installations", "no world installations: shares cannot be computed"))
    out = pd.DataFrame(gaps, columns=["country", "year", "measure", "gap"])
    out["year"] = out["year"].astype("Int64")
    return out


def shares_of(robots: pd.DataFrame, country: str) -> pd.DataFrame:
    """A country's shares of the world's installations in a `robot_installations` table."""
    return robots[(robots["country"] == country) & (robots["measure"] == "share_of_global")]


def share_in(robots: pd.DataFrame, country: str, year: int) -> pd.Series:
    """A country's share of the world's installations in `year`, a reported share before one computed from
    counts (the one rule every sentence and score on robot shares picks by)."""
    shares = shares_of(robots, country)
    rows = shares[shares["year"] == year]
    if rows.empty:
        raise ValueError(f"embodied.share_in: no share of world installations for {country} in {year}")
    return rows.sort_values("basis", ascending=False).iloc[0]


def latest_share(robots: pd.DataFrame, country: str) -> pd.Series:
    """A country's share of the world's installations in its newest year, a reported share before one
    computed from counts."""
    shares = shares_of(robots, country)
    if shares.empty:
        raise ValueError(f"embodied.latest_share: no share of world installations for {country}")
    return share_in(robots, country, shares["year"].max())


def common_year(robots: pd.DataFrame, countries: tuple[str, ...] = FOCUS) -> int:
    """The newest year in which every one of `countries` has a share of the world's installations: the
    year their shares are compared in (a country's newer share, `latest_share`, has no counterpart)."""
    if not countries:
        raise ValueError("embodied.common_year: no countries to compare")
    years = set.intersection(*(set(shares_of(robots, c)["year"]) for c in countries))
    if not years:
        raise ValueError(
            f"embodied.common_year: no year with a share of world installations for each of {list(countries)}"
        )
    return int(max(years))


def cited(fact_ids: str, primary_source: str) -> str:
    """Robot figures' source as the briefs cite it: 'F207, F208 (IFR World Robotics 2024)'."""
    return f"{fact_ids.replace(';', ', ')} ({primary_source})"
