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
# **Reach and trust** (analyst note, not published): where US and Chinese providers run public-cloud regions (TeleGeography Cloud Infrastructure Map, one snapshot, counts only: the source has no licence, so its rows are never published; a region is every listed one, in service or announced, a region without a code told apart by its name; China's share with its 95% Wilson interval) and how far publics trust AI (Edelman Trust Barometer 2025: Global South vs West, country by country and called an indication where a mean rests on few countries, China on its own, bounds left out), with the selected region's numbers and an explicit data-gap box where the region has no trust figure. All numbers come from `strategy_brief.analysis.indicators.reach`.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # not used: the cloud map is one snapshot and trust one survey wave
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania
in_service_only: bool = False  # count only cloud regions marked in service (default: every listed region, in service or announced)

# %%
from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import reach
from strategy_brief.curated import facts
from strategy_brief.data import processed
from strategy_brief.report import record, style
from strategy_brief.report.charts import reach as charts
from strategy_brief.report.narrative import reach as narrative

style.apply()
record.reset_numbering()
curated = facts.load()
rt = reach.reach_and_trust(
    processed.read(reach.CLOUD_TABLE), curated, region, in_service_only=in_service_only
)
snapshot = findings.snapshot(reach.CLOUD_TABLE)

# %% [markdown]
# # Reach and trust

# %%
record.key_finding(narrative.key_finding(rt))
for figure in narrative.key_figures(rt, snapshot):
    record.key_figure(**figure)

# %% [markdown]
# ## Where US and Chinese clouds operate

# %%
charts.show_cloud(rt, snapshot)

# %%
record.narrate(narrative.cloud(rt))
record.narrate(narrative.cloud_caveats(snapshot))

# %% [markdown]
# ## Public trust in AI

# %%
charts.show_trust(rt, curated)

# %%
record.narrate(narrative.trust_means(rt))
if narrative.has_trust(rt):
    record.narrate(narrative.region_trust(rt))
else:
    record.data_gap(narrative.no_trust(rt))
if no_cloud := narrative.no_cloud(rt):
    record.data_gap(no_cloud)

# %% [markdown]
# ## A second survey, side by side

# %%
charts.show_two_surveys(rt, curated)
record.narrate(narrative.flash(rt, curated))

# %% [markdown]
# ## Where the figures run out

# %%
charts.show_gaps(rt, curated)
