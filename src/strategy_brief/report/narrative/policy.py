"""Prose and table cells of the policy, investment, chips and industry section, from the numbers the
indicators return."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import embodied
from strategy_brief.curated.classify import CN, US

# Dated policy figures: US export controls and plans, China's plans and governance initiative.
TIMELINE = (
    "F122",
    "F124",
    "F125",
    "F126",
    "F128",
    "F129",
    "F130",
    "F132",
    "F133",
    "F134",
    "F135",
    "F136a",
    "F136b",
    "F137",
    "F150",
)
# The two short headers keep their words together (no-break spaces).
TIMELINE_COLUMNS = {
    "as_of_start": "Date of figure",
    "actor": "Actor",
    "indicator_label": "What",
    "shown": "Figure",
    "as_stated": "Source's dating, where different",
    "fact_id": "Fact id",
}
ROBOT_COLUMNS = {
    "year": "Year",
    "country": "Country",
    "what": "Measure",
    "shown": "Value",
    "how": "Basis",
    "facts_cited": "Facts",
}
ROBOT_GAPS = (
    "The robot figures cover one year per measure, so no series here shows a trend. Missing for the two "
    "countries compared:"
)
_MEASURE_ORDER = {"installations": 0, "share_of_global": 1, "density": 2}


def key_finding(inv: pd.Series, chip: pd.DataFrame, cn_share: pd.Series) -> str:
    """The section's key finding: the investment ratio (`inv`, a row of `investment_gap`), the chip ratio
    (`chip`, `latest_comparable`'s rows) and China's share of new robots (`cn_share`, `latest_share`)."""
    return (
        f"Private AI investment in the United States was {fmt.times(inv['us_to_china_ratio'])} "
        f"China's in {inv['year']} and the best US AI chip has "
        f"{fmt.times(chip.loc[US, 'us_china_frontier_ratio'])} the throughput of the best Chinese one, yet "
        f"China installed {fmt.percent(cn_share['value'])} of the world's new industrial robots in "
        f"{cn_share['year']}."
    )


def global_scope(region: str) -> str:
    """That the section's figures are national or worldwide, the same in every regional edition."""
    return (
        "All figures in this section are national or worldwide: they compare the two countries and are the "
        f"same in every regional edition, including this one ({region})."
    )


def key_figures(inv: pd.Series, chip: pd.DataFrame, chip_year: int, cn_share: pd.Series) -> list[dict]:
    """The section's key figures, as keyword arguments of `record.key_figure`."""
    return [
        {
            "name": "us_china_investment_ratio_latest",
            "value": round(float(inv["us_to_china_ratio"]), 2),
            "unit": "ratio",
            "label": "US ÷ China private AI investment, latest year",
            "as_of": str(inv["year"]),
            "source": f"{inv['us_fact']}, {inv['china_fact']} ({inv['primary_source']})",
        },
        {
            "name": "us_china_accelerator_ratio_latest",
            "value": round(float(chip.loc[US, "us_china_frontier_ratio"]), 2),
            "unit": "ratio",
            "label": "US ÷ China best AI-chip FP16 TFLOP/s released so far",
            "as_of": str(chip_year),
            "source": "hardware_by_maker",
        },
        {
            "name": "china_robot_share_latest",
            "value": round(float(cn_share["value"]), 1),
            "unit": "percent",
            "label": "China's share of the world's industrial robot installations",
            "as_of": str(cn_share["year"]),
            "source": f"{cn_share['fact_ids'].replace(';', ', ')} ({cn_share['primary_source']})",
        },
    ]


def investment(money: pd.DataFrame, facts: pd.DataFrame, not_found: pd.DataFrame) -> str:
    """How the investment ratio moved and what it leaves out: state funding, the official Chinese figure
    looked for in vain (`not_found`, data/raw/facts_not_found.csv) and the nearest forecast in `facts`."""
    ratios = money.dropna(subset=["us_to_china_ratio"])
    first, last = ratios.iloc[0], ratios.iloc[-1]
    forecast = facts[(facts["indicator"] == "ai_capex_forecast") & (facts["unit"] == "USD billion")]
    low = forecast[forecast["qualifier"] == "range_low"]
    high = forecast[forecast["qualifier"] == "range_high"]
    gov_spending = not_found[
        not_found["indicator_label"].str.startswith("Official Chinese government AI spending")
    ]
    text = (
        f"The ratio went from {fmt.times(first['us_to_china_ratio'])} in {first['year']} to "
        f"{fmt.times(last['us_to_china_ratio'])} in {last['year']}. Each year's two figures come from the "
        "same AI Index edition, so a ratio never mixes editions; the editions can revise earlier years. "
        "These are private investment figures only: state funding is not included. "
    )
    if not gov_spending.empty:
        text += (
            "An official figure for Chinese government AI spending was looked for and not found (entry "
            f"{gov_spending['fact_id'].iloc[0]} in data/raw/facts_not_found.csv)"
        )
        if not low.empty and not high.empty:
            lo, hi = low.iloc[0], high.iloc[0]
            text += (
                "; the nearest figure found is a forecast of China's total AI capital expenditure in "
                f"{lo['as_of']} of {fmt.usd_billion(lo['value'], 0)} to {fmt.usd_billion(hi['value'], 0)} "
                f"({lo['primary_source']}; facts {lo['fact_id']}, {hi['fact_id']}), a bank's estimate and "
                "not an official budget"
            )
        text += "."
    return text


def chips(
    series: pd.DataFrame,
    chip: pd.DataFrame,
    chip_year: int,
    cn_best: pd.Series,
    reporting: pd.DataFrame,
    snapshot: str,
    last_year: int,
) -> str:
    """How to read the chip comparison: where China's line starts (`series`, `frontier_series`), the gap
    among chips of `chip_year` alone, how many makers publish figures (`reporting`, `reporting_makers`) and,
    when the data's `last_year` is the `snapshot`'s, that the year is incomplete."""
    us_now, cn_now = chip.loc[US], chip.loc[CN]
    return (
        f"China's line starts in {series.loc[series['bloc'] == CN, 'year'].min()}, the first year a Chinese "
        f"chip in the data has a reported figure, and its best chip is still {cn_best['best_maker']}'s from "
        f"{cn_best['year']} ({fmt.number(cn_best['best_fp16_tflops'], 0)} TFLOP/s). Counting only chips "
        f"released in {chip_year}, the gap is {fmt.times(us_now['us_china_best_ratio'])}: "
        f"{us_now['best_maker']} ({fmt.number(us_now['best_fp16_tflops'], 0)} TFLOP/s) against "
        f"{cn_now['best_maker']} ({fmt.number(cn_now['best_fp16_tflops'], 0)} TFLOP/s). The comparison rests "
        "on published peak figures, and Chinese makers publish fewer: "
        f"{reporting.loc[CN, 'makers_with_fp16']:.0f} of {reporting.loc[CN, 'makers']:.0f} Chinese "
        "maker-years in the data report an FP16 figure, against "
        f"{reporting.loc[US, 'makers_with_fp16']:.0f} of {reporting.loc[US, 'makers']:.0f} for US makers. "
        "Peak throughput says nothing about how many chips each side can make or buy."
        + (
            f" The data end at the snapshot of {snapshot}, so {last_year} is incomplete."
            if last_year == int(snapshot[:4])
            else ""
        )
    )


def robot_rows(robots: pd.DataFrame) -> pd.DataFrame:
    """The rows of a `robot_installations` table for the US, China and the world, with the cells the
    robots table shows, by year and measure."""
    rows = robots[robots["country"].isin([US, CN, embodied.WORLD])]
    return rows.assign(
        # Shares computed from counts are rounded to one decimal.
        shown=[
            fmt.fact_value(v, u, q, digits=1)
            for v, u, q in zip(rows["value"], rows["unit"], rows["qualifier"], strict=True)
        ],
        what=rows["measure"].map(
            {
                "installations": "Robots installed",
                "share_of_global": "Share of world installations",
                "density": "Robot density",
            }
        ),
        how=rows["basis"].map({"reported": "reported", "computed": "computed from counts"}),
        facts_cited=rows["fact_ids"].str.replace(";", ", "),
    ).sort_values(
        ["year", "measure", "country"],
        key=lambda s: s.map(_MEASURE_ORDER) if s.name == "measure" else s,
    )


def robots(robots: pd.DataFrame, cn_share: pd.Series) -> str:
    """The two countries' shares of new robots in the newest year the US has one, against China's latest
    (`cn_share`, `latest_share`), and what installations measure."""
    us_share = embodied.shares_of(robots, US).iloc[-1]
    china = embodied.shares_of(robots, CN)
    same_year = china[china["year"] == us_share["year"]].set_index("basis")["value"]
    text = (
        f"In {us_share['year']} the United States installed {fmt.percent(us_share['value'], 1)} of the "
        "world's new industrial robots (computed from the counts) and China "
        f"{fmt.percent(same_year['computed'], 1)}, in line with the {fmt.percent(same_year['reported'])} "
        "the source reports. "
    )
    if cn_share["year"] != us_share["year"]:
        text += (
            f"China's {cn_share['year']} share, {fmt.percent(cn_share['value'])}, comes from a different "
            f"source ({cn_share['primary_source']}) than the {us_share['year']} counts, so the two years are "
            "not a like-for-like trend. "
        )
    return text + "Installations measure robots deployed, not the AI in them."


def robot_gap_points(gaps: pd.DataFrame) -> list[tuple[str, str]]:
    """The robot data gaps (`embodied.data_gaps`) as one (country, gaps) point per country."""
    return [
        (country, "; ".join(group["gap"]) + ".") for country, group in gaps.groupby("country", sort=False)
    ]


def timeline(facts: pd.DataFrame) -> pd.DataFrame:
    """The TIMELINE facts by date, with the cells the policy table shows."""
    rows = facts[facts["fact_id"].isin(TIMELINE)].sort_values(["as_of_start", "fact_id"])
    return rows.assign(
        shown=[
            fmt.fact_value(v, u, q)
            for v, u, q in zip(rows["value"], rows["unit"], rows["qualifier"], strict=True)
        ],
        as_stated=rows["as_of"].where(rows["as_of"] != rows["as_of_start"], ""),
        actor=rows["actor"].str.replace("/", " / "),
    )


def timeline_intro(timeline: pd.DataFrame) -> str:
    """What the policy table lists, and how its rows are dated."""
    targets = timeline[timeline["as_of"].str.contains("target|issued")]
    return (
        f"The table lists the {len(timeline)} dated policy figures in the curated facts: US export controls "
        "and plans and China's plans and governance initiative. It lists dated figures only; policy events "
        "that carry no figure, such as the withdrawal or replacement of a rule, are not in the facts file "
        f"and are not shown. China's {len(targets)} plan rows are dated by the year their target refers to, "
        "and a figure dated by month by the month's first day; where the source dates a figure otherwise, "
        "including when a plan was issued, the table says so."
    )
