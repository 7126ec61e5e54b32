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
# **Capability gap** (analyst note, not published): best US vs best Chinese model over time on the Epoch Capabilities Index (release-dated, cumulative frontier) and on LMArena (ratings per leaderboard version), with the gap in points, percent and months of lag. All numbers come from `strategy_brief.analysis.indicators.capability`.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date to include, YYYY-MM-DD; empty for all data
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania

# %%
from strategy_brief.analysis.indicators import arena as arena_gap
from strategy_brief.analysis.indicators import capability
from strategy_brief.curated import classify, facts
from strategy_brief.curated.classify import CN, US
from strategy_brief.data import processed, provenance
from strategy_brief.report import record, style
from strategy_brief.report.charts import arena as arena_charts
from strategy_brief.report.charts import capability as capability_charts
from strategy_brief.report.narrative import arena as arena_text
from strategy_brief.report.narrative import capability as capability_text

style.apply()
record.reset_numbering()
eci = processed.read("eci_by_model", as_of=as_of)
arena = processed.read("lmarena_best_by_bloc", as_of=as_of)
catalog = processed.read("lmarena_catalog_best_by_bloc", as_of=as_of)
e = capability.latest(capability.gap(eci, US, CN))
a = capability.latest(capability.arena_gap(arena, US, CN))
o = capability.latest(capability.openness_gap(eci))
# The lag with the level to reach 1 point higher or lower, and the models the index has not scored yet.
lag = capability.lag_sensitivity(eci, US, CN)
o_lag = capability.openness_lag_sensitivity(eci)
newer = capability.unscored_since(eci, classify.crosswalk().reset_index(), as_of)

# %% [markdown]
# # Capability: the frontier gap

# %%
record.key_finding(capability_text.key_finding(e, lag))
for figure in capability_text.key_figures(e, a):
    record.key_figure(**figure)

# %% [markdown]
# ## The frontier on the Epoch Capabilities Index

# %%
record.show_figure(
    **capability_charts.eci_frontier(eci, e, lag), source_note=provenance.source_note(["eci_by_model"])
)
record.narrate(capability_text.lag_method(lag))
record.narrate(capability_text.unscored(newer, eci["release_date"].dropna().max()))

# %% [markdown]
# ## Head-to-head ratings on LMArena

# %%
record.show_figure(
    **capability_charts.arena_ratings(arena, a), source_note=provenance.source_note(["lmarena_best_by_bloc"])
)
record.narrate(
    capability_text.two_measures(
        e, a, arena_end=arena["leaderboard_version"].max(), eci_end=eci["release_date"].dropna().max()
    )
)

# %% [markdown]
# ## LMArena's own files: the gap with its 95% intervals, and by language

# %%
if catalog.empty:
    record.data_gap(arena_text.no_versions(as_of))
else:
    gaps = arena_gap.gap(catalog)
    g = arena_gap.newest(gaps, "text-style-control")
    by_language = arena_gap.language_gap(gaps)
    catalog_note = provenance.source_note(["lmarena_catalog_best_by_bloc"])
    record.show_figure(**arena_charts.gap_over_time(gaps, "text-style-control"), source_note=catalog_note)
    record.narrate(arena_text.newest_gap(g))
    record.narrate(arena_text.newest_gap(arena_gap.newest(gaps, "text")))
    record.show_figure(**arena_charts.language_gaps(gaps), source_note=catalog_note)
    record.narrate(arena_text.languages(by_language))
    published = arena_gap.published_lead(facts.load(as_of=as_of or None))
    record.narrate(arena_text.percent_measure(g, published))
    record.narrate(arena_text.method(catalog))
    for figure in arena_text.key_figures(g, by_language):
        record.key_figure(**figure)

# %% [markdown]
# ## Closed against open weights

# %%
record.narrate(capability_text.open_weights(o, region, o_lag))
