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
# **Reach and trust** (analyst note, not published): where US and Chinese providers run public-cloud regions (TeleGeography Cloud Infrastructure Map, one snapshot, counts only: the source has no licence, so its rows are never published; a region is every listed one, in service or announced, a region without a code told apart by its name; China's share with its 95% Wilson interval) and how far publics trust AI (Edelman Trust Barometer 2025: Global South vs West, country by country and called an indication where a mean rests on few countries, China on its own, bounds left out), with the selected region's numbers; when US providers and Alibaba Cloud opened cloud regions, region by region (launch dates; Epoch's Alibaba openings; Huawei and Tencent undated); whose AI compute sits where (Epoch GPU clusters by host region and owner bloc, Chinese owners anonymized); confidence in AI systems in the UNDP survey (a third-party transcription, beside and never mixed with Edelman, `trust.trust_source_coverage` deciding which region shows which); and a coverage table and data-gap box computed from the coverage tables, each gap naming the source that would fill it. All numbers come from `strategy_brief.analysis.indicators` (`reach`, `infrastructure`, `trust`).

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date of the dated infrastructure tables (cloud launches and openings), YYYY-MM-DD; empty for all data (the cloud map, clusters and trust surveys are single snapshots)
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania
in_service_only: bool = False  # count only cloud regions marked in service (default: every listed region, in service or announced)

# %%
import pandas as pd

from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import infrastructure, reach, trust
from strategy_brief.curated import facts, regions
from strategy_brief.data import processed, provenance
from strategy_brief.report import record, style
from strategy_brief.report.charts import infrastructure as infra_charts
from strategy_brief.report.charts import reach as charts
from strategy_brief.report.narrative import infrastructure as infra_text
from strategy_brief.report.narrative import reach as narrative

style.apply()
record.reset_numbering()
curated = facts.load()
rt = reach.reach_and_trust(
    processed.read(reach.CLOUD_TABLE), curated, region, in_service_only=in_service_only
)
snapshot = findings.snapshot(reach.CLOUD_TABLE)
infra = infrastructure.load_tables(as_of or None)
compute_reach = infrastructure.compute_reach(infra[infrastructure.CLUSTERS])
compute_owners = infrastructure.compute_by_region(infra[infrastructure.CLUSTERS])
launch_args = [
    infra[t] for t in (infrastructure.LAUNCHES, infrastructure.OPENINGS, infrastructure.LAUNCH_COVERAGE)
]
areas = [*regions.REPORTING_REGIONS, infrastructure.GLOBAL_SOUTH, regions.GLOBAL]
until = int(as_of[:4]) if as_of else None
timeline = pd.concat(
    [infrastructure.cloud_opening_timeline(*launch_args, region=a, until_year=until) for a in areas]
)
launch_gaps = infrastructure.launch_gaps(infra[infrastructure.LAUNCH_COVERAGE])
undp = trust.undp_trust()

# %% [markdown]
# # Reach and trust

# %%
record.key_finding(narrative.key_finding(rt))
for figure in [
    *narrative.key_figures(rt, snapshot),
    *infra_text.key_figures(compute_reach, findings.snapshot(infrastructure.CLUSTERS)),
]:
    record.key_figure(**figure)

# %% [markdown]
# ## Where US and Chinese clouds operate

# %%
charts.show_cloud(rt, snapshot)

# %%
record.narrate(narrative.cloud(rt))
record.narrate(narrative.cloud_caveats(snapshot))
if no_cloud := narrative.no_cloud(rt):
    record.data_gap(no_cloud)

# %% [markdown]
# ## When cloud regions opened: US providers against Alibaba Cloud

# %%
if timeline.empty:
    record.data_gap(infra_text.no_openings(as_of))
else:
    note = provenance.source_note([infrastructure.LAUNCHES, infrastructure.OPENINGS])
    infra_charts.opening_timeline(timeline, source_note=note)
    record.narrate(infra_text.openings(timeline, infra[infrastructure.LAUNCH_COVERAGE]))
if launch_gap := infra_text.launch_gap(launch_gaps):
    record.data_gap(launch_gap)

# %% [markdown]
# ## AI compute: whose clusters, where

# %%
infra_charts.clusters(
    compute_owners, compute_reach, source_note=provenance.source_note([infrastructure.CLUSTERS])
)
record.narrate(infra_text.compute(compute_reach, compute_owners, region))
record.narrate(infra_text.compute_caveats(compute_owners, processed.read(infra_text.CLUSTER_COVERAGE)))

# %% [markdown]
# ## Public trust in AI

# %%
charts.show_trust(rt, curated)

# %%
record.narrate(narrative.trust_means(rt))
record.narrate(narrative.trust_sources(rt, undp))
if trust_gap := narrative.trust_gap(rt, undp):
    record.data_gap(trust_gap)

# %% [markdown]
# ## A second survey, side by side

# %%
charts.show_two_surveys(rt, curated)
record.narrate(narrative.flash(rt, curated))

# %% [markdown]
# ## Confidence in AI systems: the UNDP survey, in a third-party transcription

# %%
if undp.by_country.empty:
    record.data_gap(narrative.no_undp())
else:
    charts.show_undp(undp, region, provenance.source_note([trust.UNDP_TABLE]))
    record.narrate(narrative.undp(undp))

# %% [markdown]
# ## Where the figures run out

# %%
tables = [
    reach.CLOUD_TABLE,
    infrastructure.LAUNCHES,
    infrastructure.OPENINGS,
    infrastructure.CLUSTERS,
    trust.UNDP_TABLE,
]
note = provenance.source_note(tables, facts=curated[curated["fact_id"].isin(rt.trust["fact_id"])])
record.show_table(
    **infra_text.coverage_table(rt.coverage, undp.coverage, compute_reach, timeline, region, note)
)
points = infra_text.gap_points(undp.coverage, rt.coverage, compute_reach, compute_owners, launch_gaps)
record.data_gap(infra_text.GAP_INTRO, points=points, title="Where data is still missing.")
