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
# **Policy, investment, chips and industrial deployment** (analyst note, not published): US vs China private AI investment (`indicators.investment.investment_gap`, curated facts), the best AI chip each bloc has released (`indicators.investment.accelerators` on `hardware_by_maker`), industrial robots (`indicators.embodied.robot_installations` and `data_gaps`, curated facts) and a dated table of policy figures selected from `data/raw/facts.csv` by fact id. Every figure is national or global: the section does not depend on `region`. `as_of` cuts the investment, chip and robot series; the policy table is not cut.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date of the investment, chip and robot data, YYYY-MM-DD; empty for all data; the policy timeline is not cut
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania

# %%
import pandas as pd

from strategy_brief import config
from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import embodied, investment
from strategy_brief.curated import facts
from strategy_brief.curated.classify import CN
from strategy_brief.data import processed, provenance
from strategy_brief.report import record, style
from strategy_brief.report.charts import policy as charts
from strategy_brief.report.narrative import policy as narrative

style.apply()
record.reset_numbering()
curated = facts.load()
not_found = pd.read_csv(config.raw_dir() / "facts_not_found.csv", dtype=str, keep_default_na=False)
# as_of cuts the investment, chip and robot data; the policy timeline and the source notes read every fact.
series = facts.cut(curated, as_of)
hardware = processed.read("hardware_by_maker", as_of=as_of)

money = investment.investment_gap(series)
chips = investment.accelerators(hardware)
robots = embodied.robot_installations(series)
gaps = embodied.data_gaps(robots)

inv = money.dropna(subset=["us_to_china_ratio"]).iloc[-1]
chip_year, chip = investment.latest_comparable(chips)
cn_share = embodied.latest_share(robots, CN)

# %% [markdown]
# # Policy, investment, chips and industry

# %%
record.key_finding(narrative.key_finding(inv, chip, cn_share))
record.narrate(narrative.global_scope(region))
for figure in narrative.key_figures(inv, chip, chip_year, cn_share):
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
cn_best = investment.best_chip(tidy_chips, CN)
charts.chips(tidy_chips, chip, cn_best, source_note=provenance.source_note(["hardware_by_maker"]))

# %%
reporting = investment.reporting_makers(chips)
snapshot = findings.snapshot("hardware_by_maker")
record.narrate(
    narrative.chips(tidy_chips, chip, chip_year, cn_best, reporting, snapshot, hardware["year"].max())
)

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
timeline = narrative.timeline(curated)
record.narrate(narrative.timeline_intro(timeline))
record.show_table(
    timeline,
    caption="Export controls, action plans and governance initiatives: dated figures",
    source_note=provenance.source_note(facts=timeline),
    columns=narrative.TIMELINE_COLUMNS,
)
