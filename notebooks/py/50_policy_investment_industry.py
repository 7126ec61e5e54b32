# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (strategy-brief)
#     language: python
#     name: strategy-brief
# ---

# %% [markdown] tags=["analyst-only"]
# **Policy, investment, chips and industrial deployment** (analyst note, not published): US vs China private AI investment (`indicators.investment.investment_gap`, curated facts), the best AI chip each bloc has released (`indicators.investment.accelerators` on `hardware_by_maker`), industrial robots (`indicators.embodied.robot_installations` and `data_gaps`, curated facts) and the policy timeline: the events of `data/raw/policy_events.csv` (`curated.policy`, validated on load) dated up to `edition`, each with its status on that date and the curated figures it carries. Chips are compared by release year (`indicators.investment.chip_comparison`). Every figure is national or global: the section does not depend on `region`. `as_of` cuts the investment, chip and robot series; the policy timeline is cut at `edition`.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date of the investment, chip and robot data, YYYY-MM-DD; empty for all data; the policy timeline is cut at edition
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania

# %%
import pandas as pd

from strategy_brief import config
from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import embodied, investment
from strategy_brief.curated import facts
from strategy_brief.curated import policy as policy_events
from strategy_brief.curated.classify import CN
from strategy_brief.data import processed, provenance
from strategy_brief.report import record, style
from strategy_brief.report.charts import policy as charts
from strategy_brief.report.narrative import policy as narrative

style.apply()
record.reset_numbering()
curated = facts.load()
events = policy_events.load(fact_ids=curated["fact_id"])
not_found = pd.read_csv(config.raw_dir() / "facts_not_found.csv", dtype=str, keep_default_na=False)
# as_of cuts the investment, chip and robot data; the source notes read every fact, the timeline every event up to edition.
series = facts.cut(curated, as_of)
hardware = processed.read("hardware_by_maker", as_of=as_of)

money = investment.investment_gap(series)
chips = investment.accelerators(hardware)
robots = embodied.robot_installations(series)
gaps = embodied.data_gaps(robots)

inv = money.dropna(subset=["us_to_china_ratio"]).iloc[-1]
chip_cmp = investment.chip_comparison(chips)
cn_share = embodied.latest_share(robots, CN)

# %% [markdown]
# # Policy, investment, chips and industry

# %%
record.key_finding(narrative.key_finding(inv, chip_cmp, cn_share))
record.narrate(narrative.global_scope(region))
for figure in narrative.key_figures(inv, chip_cmp, cn_share):
    record.key_figure(**figure)

# %% [markdown]
# ## Private investment

# %%
tidy_money = investment.by_country(money)
charts.investment(
    money,
    tidy_money,
    source_note=provenance.source_note(facts=curated[curated["fact_id"].isin(tidy_money["fact_id"])]),
)

# %%
record.narrate(narrative.investment(money, series, not_found))

# %% [markdown]
# ## AI chips

# %%
tidy_chips = investment.frontier_series(chips)
charts.chips(tidy_chips, chip_cmp, source_note=provenance.source_note(["hardware_by_maker"]))

# %%
reporting = investment.reporting_makers(chips)
snapshot = findings.snapshot("hardware_by_maker")
record.narrate(narrative.chips(tidy_chips, chip_cmp, reporting, snapshot, hardware["year"].max()))

# %% [markdown]
# ## Industrial robots

# %%
robot_facts = curated[curated["fact_id"].isin(robots["fact_ids"].str.split(";").explode())]
record.show_table(
    narrative.robot_rows(robots),
    caption="Industrial robots: every figure the curated facts hold for the United States, China and the world",
    source_note=provenance.source_note(facts=robot_facts),
    columns=narrative.ROBOT_COLUMNS,
)

# %%
record.narrate(narrative.robots(robots, cn_share))
record.data_gap(narrative.ROBOT_GAPS, title="Data gaps.", points=narrative.robot_gap_points(gaps))

# %% [markdown]
# ## Policy timeline

# %%
timeline = narrative.timeline(events, curated, edition)
record.narrate(narrative.timeline_intro(timeline, edition))
record.show_table(
    timeline,
    caption=f"Export controls, licences, rescissions and plans: events to {edition}, with their status on that date",
    source_note=narrative.timeline_source_note(timeline, curated),
    columns=narrative.TIMELINE_COLUMNS,
)
record.data_gap(narrative.TIMELINE_GAPS, title="Data gaps.", points=narrative.timeline_gap_points(timeline))
