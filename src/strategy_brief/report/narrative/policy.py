"""Prose and table cells of the policy, investment, chips and industry section, from the numbers the
indicators return."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import embodied
from strategy_brief.curated import policy as policy_events
from strategy_brief.curated.classify import CN, US
from strategy_brief.data import provenance
from strategy_brief.report import key_figures as figure_names
from strategy_brief.report.narrative import findings as findings_text

# The policy timeline: the events of data/raw/policy_events.csv with their status at the edition date. The
# short "Event id" header keeps its words together (a no-break space).
TIMELINE_COLUMNS = {
    "date": "Date",
    "jurisdiction": "Jurisdiction",
    "kind_shown": "Kind",
    "title": "Event",
    "status_shown": "Status at this edition",
    "figures_shown": "Figures (curated facts)",
    "source_site": "Source",
    "event_id": "Event\u00a0id",
}
TIMELINE_GAPS = (
    "The timeline lists only events with a quotable source in the curated material. Not covered, so not "
    "shown:"
)
_KIND_WORDS = {
    "rule": "Rule",
    "licence": "Licence",
    "rescission": "Rescission",
    "reversal": "Reversal",
    "measure": "Measure",
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
# A share computed from the counts within this many percentage points of the reported one is in line with it.
IN_LINE_POINTS = 1.0


def key_finding(inv: pd.Series, chips: pd.DataFrame, cn_share: pd.Series) -> str:
    """The section's key finding: the investment ratio (`inv`, a row of `investment_gap`), the chip ratio
    among chips released in the same year (`chips`, `investment.chip_comparison`) and China's share of new
    robots (`cn_share`, `latest_share`)."""
    same = chips.loc["same_year"]
    return (
        f"Private AI investment in the United States was {fmt.times(inv['us_to_china_ratio'])} "
        f"China's in {inv['year']}; among AI chips released in {same.loc[US, 'year']}, the best US one has "
        f"{fmt.times(same.loc[US, 'us_china_ratio'])} the throughput of the best Chinese one. Yet China "
        f"installed {fmt.percent(cn_share['value'])} of the world's new industrial robots in "
        f"{cn_share['year']}."
    )


def global_scope(region: str) -> str:
    """That the section's figures are national or worldwide, the same in every regional edition."""
    return (
        "All figures in this section are national or worldwide: they compare the two countries and are the "
        f"same in every regional edition, including this one ({region})."
    )


def key_figures(inv: pd.Series, chips: pd.DataFrame, cn_share: pd.Series) -> list[dict]:
    """The section's key figures, as keyword arguments of `record.key_figure`."""
    same = chips.loc["same_year"]
    return [
        {
            "name": "us_china_investment_ratio",
            "value": round(float(inv["us_to_china_ratio"]), 2),
            "unit": "ratio",
            "label": "US ÷ China private AI investment, latest year",
            "as_of": str(inv["year"]),
            "source": f"{inv['us_fact']}, {inv['china_fact']} ({inv['primary_source']})",
        },
        {
            "name": "us_china_accelerator_ratio_same_year",
            "value": round(float(same.loc[US, "us_china_ratio"]), 2),
            "unit": "ratio",
            "label": "US ÷ China best AI-chip FP16 TFLOP/s among chips released in the same year",
            "as_of": str(same.loc[US, "year"]),
            "source": "hardware_by_maker",
        },
        figure_names.china_robot_share_latest(
            cn_share["value"],
            cn_share["year"],
            embodied.cited(cn_share["fact_ids"], cn_share["primary_source"]),
        ),
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


def _years(n: int) -> str:
    return f"{n} year{'' if n == 1 else 's'}"


def _chip(row: pd.Series) -> str:
    """ "AMD's from 2025 (2,517 TFLOP/s)"."""
    return f"{row['maker']}'s from {row['year']} ({fmt.number(row['fp16_tflops'], 0)} TFLOP/s)"


def chips(
    series: pd.DataFrame,
    chips: pd.DataFrame,
    reporting: pd.DataFrame,
    snapshot: str,
    last_year: int,
) -> str:
    """How to read the chip comparison (`chips`, `investment.chip_comparison`): the like-for-like gap among
    chips of one release year, each side's fastest chip with its year (saying how much older China's is),
    each side's newest chip with its year, where China's line starts (`series`, `frontier_series`), how many
    makers publish figures (`reporting`, `reporting_makers`) and, when the data's `last_year` is the
    `snapshot`'s, that the year is incomplete."""
    same, best, newest = chips.loc["same_year"], chips.loc["best_so_far"], chips.loc["newest"]
    apart = int(best.loc[US, "years_apart"])
    if apart > 0:
        older = f", {_years(apart)} older than the fastest US chip"
    elif apart < 0:
        older = f", {_years(-apart)} newer than the fastest US chip"
    else:
        older = ", from the same year as the fastest US chip"
    newest_apart = int(newest.loc[US, "years_apart"])
    newest_text = (
        f"The newest chips with a reported figure are {_chip(newest.loc[US])} for the United States and "
        f"{_chip(newest.loc[CN])} for China"
        + (f": China's newest is {_years(newest_apart)} older. " if newest_apart > 0 else ". ")
    )
    return (
        f"Like for like, among chips released in {same.loc[US, 'year']}, the best US chip "
        f"({same.loc[US, 'maker']}, {fmt.number(same.loc[US, 'fp16_tflops'], 0)} TFLOP/s) has "
        f"{fmt.times(same.loc[US, 'us_china_ratio'])} the throughput of the best Chinese one "
        f"({same.loc[CN, 'maker']}, {fmt.number(same.loc[CN, 'fp16_tflops'], 0)} TFLOP/s). China's fastest "
        f"chip in the data is {_chip(best.loc[CN])}{older}, {_chip(best.loc[US])}, which has "
        f"{fmt.times(best.loc[US, 'us_china_ratio'])} its throughput. "
        + newest_text
        + f"China's line starts in {series.loc[series['bloc'] == CN, 'year'].min()}, the first year a "
        "Chinese chip in the data has a reported figure. The comparison rests on published peak figures, and "
        "Chinese makers publish fewer: "
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
    """The two countries' shares of new robots in the newest year both have one (`embodied.common_year`),
    China's newer share beside them when it has one (`cn_share`, `latest_share`), and what installations
    measure."""
    year = embodied.common_year(robots, (US, CN))
    us_share = embodied.share_in(robots, US, year)
    china = embodied.shares_of(robots, CN)
    china = china[china["year"] == year].set_index("basis")
    text = (
        f"In {year} the United States installed {fmt.percent(us_share['value'], 1)} of the world's new "
        f"industrial robots{' (computed from the counts)' if us_share['basis'] == 'computed' else ''} and "
        f"China {_china_share(china)}"
    )
    if int(cn_share["year"]) > year:
        text += f"; {findings_text.newer_share(CN, cn_share['year'], fmt.percent(cn_share['value']))}"
        if cn_share["primary_source"] != embodied.share_in(robots, CN, year)["primary_source"]:
            text += (
                f", from a different source ({cn_share['primary_source']}) than the {year} figures, so the "
                "two years are not a like-for-like trend"
            )
    return text + ". Installations measure robots deployed, not the AI in them."


def _china_share(china: pd.DataFrame) -> str:
    """China's share of one year (rows by basis): computed from the counts beside the one the source
    reports, when both are there."""
    if "computed" not in china.index:
        return fmt.percent(china.loc["reported", "value"])
    computed = fmt.percent(china.loc["computed", "value"], 1)
    if "reported" not in china.index:
        return f"{computed} (computed from the counts)"
    reported = china.loc["reported", "value"]
    agree = abs(china.loc["computed", "value"] - reported) <= IN_LINE_POINTS
    return (
        f"{computed}, {'in line with' if agree else 'against'} the {fmt.percent(reported)} the source reports"
    )


def robot_gap_points(gaps: pd.DataFrame) -> list[tuple[str, str]]:
    """The robot data gaps (`embodied.data_gaps`) as one (country, gaps) point per country."""
    return [
        (country, "; ".join(group["gap"]) + ".") for country, group in gaps.groupby("country", sort=False)
    ]


def _status(row: pd.Series, dates: dict[str, str]) -> str:
    """A timeline row's status cell: 'In force', 'Rescinded on 13 May 2025 by P07', 'Rescinds P05'..."""
    status = row["status"]
    if status == "rescinded":
        return f"Rescinded on {fmt.long_date(row['status_date'])} by {row['status_by']}"
    if status == "expired":
        return f"Expired on {fmt.long_date(row['status_date'])}"
    if status in ("rescinds", "reverses"):
        return f"{status.capitalize()} {row['status_by'].replace(';', ', ')}"
    text = "In force" if status == "in force" else "Issued"
    amended = [e for e in row["amended_by"].split(";") if e]
    if amended:
        text += "; amended by " + ", ".join(f"{e} ({fmt.long_date(dates[e])})" for e in amended)
    return text


def _figure(fact: pd.Series) -> str:
    """'AI Diffusion Rule: close allies exempted (Tier 1): 18 (F128)'."""
    value = fmt.fact_value(fact["value"], fact["unit"], fact["qualifier"])
    return f"{fact['indicator_label']}: {value} ({fact['fact_id']})"


def timeline(events: pd.DataFrame, facts: pd.DataFrame, edition: str) -> pd.DataFrame:
    """The policy events (`events`, `curated.policy.load`) dated up to `edition`, by date, with their status
    on that date and the cells the policy table shows: each event's curated figures from `facts`, worded
    with their labels and fact ids."""
    rows = policy_events.status_at(events, edition)
    by_fact = {row["fact_id"]: row for _, row in facts.iterrows()}
    wanted = {f for ids in rows["figures"] for f in ids.split(";") if f}
    missing = sorted(wanted - set(by_fact))
    if missing:
        raise ValueError(f"policy timeline: figures not in the curated facts: {', '.join(missing)}")
    dates = dict(zip(rows["event_id"], rows["date"], strict=True))
    return rows.assign(
        kind_shown=rows["kind"].map(_KIND_WORDS),
        status_shown=[_status(row, dates) for _, row in rows.iterrows()],
        figures_shown=[
            "; ".join(_figure(by_fact[f]) for f in ids.split(";") if f) for ids in rows["figures"]
        ],
        source_site=[urlsplit(url).netloc.removeprefix("www.") for url in rows["source_url"]],
    )


def timeline_intro(timeline: pd.DataFrame, edition: str) -> str:
    """What the policy table lists, how its status column reads, and which rules no longer apply."""
    by_side = timeline["jurisdiction"].value_counts()
    text = (
        f"The table lists the {len(timeline)} policy events dated up to this edition "
        f"({fmt.long_date(edition)}) in the curated events file, {by_side.get(US, 0)} of the United States "
        f"and {by_side.get(CN, 0)} of China, each with its source and a verbatim quote in "
        "data/raw/policy_events.csv. The status column reads the file on the edition date: a rule or "
        "licence is shown in force unless a rescission or reversal in the file, dated by the edition, "
        "withdrew it, so a later change that no curated source records is not known here. "
    )
    titles = dict(zip(timeline["event_id"], timeline["title"], strict=True))
    for row in timeline[timeline["status"] == "rescinded"].itertuples():
        text += (
            f"{row.event_id}, dated {fmt.long_date(row.date)}, was rescinded on "
            f"{fmt.long_date(row.status_date)} by {row.status_by} ({titles[row.status_by]}): the figures it "
            "set no longer apply. "
        )
    return text + f"The newest event in the file is dated {fmt.long_date(timeline['date'].max())}."


def timeline_gap_points(timeline: pd.DataFrame) -> list[tuple[str, str]]:
    """The timeline's data gaps, one point per side, from the events it lists."""
    us = timeline[timeline["jurisdiction"] == US]
    rules = us[us["kind"] != "measure"]
    licences = us[us["kind"] == "licence"]
    us_text = "No US rule, licence, rescission or reversal"
    if not rules.empty:
        us_text += f" dated after {fmt.long_date(rules['date'].max())}"
    us_text += " has a quotable source in the curated material"
    if not licences.empty:
        listed = ", ".join(
            f"{e} ({fmt.long_date(d)})" for e, d in zip(licences["event_id"], licences["date"], strict=True)
        )
        us_text += f"; later licence decisions after {listed}, including any reversal, are not covered"
    measures = timeline[(timeline["jurisdiction"] == CN) & (timeline["kind"] == "measure")]
    cn_text = (
        f"The curated sources record {len(measures)} Chinese plans, guidelines and initiatives but no dated "
        "Chinese rule on chips or trade; a seed article says Beijing banned imports from US suppliers such "
        "as Micron Technology, without a date or a source link, so it is not listed"
    )
    return [(US, us_text + "."), (CN, cn_text + ".")]


def timeline_source_note(timeline: pd.DataFrame, facts: pd.DataFrame) -> str:
    """The policy table's source note: the events file and the sites of its sources, then the sources of
    the curated figures the table shows."""
    ids = provenance.id_ranges(list(timeline["event_id"]))
    sites = ", ".join(sorted(set(timeline["source_site"])))
    cited = {f for ids in timeline["figures"] for f in ids.split(";") if f}
    note = (
        f"Source: policy events in data/raw/policy_events.csv ({ids}), each with its source page, URL, "
        f"publication date and a verbatim quote; read on {sites}."
    )
    if cited:
        figures = provenance.source_note(facts=facts[facts["fact_id"].isin(cited)])
        note += " Figures: " + figures.removeprefix("Source: ")
    return note
