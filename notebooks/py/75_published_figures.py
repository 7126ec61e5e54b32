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
# **Published figures** (analyst note, not published): every published figure of `data/raw/facts.csv` that `data/raw/reconciliation.csv` maps (by fact or by indicator) is recomputed from the processed tables by `strategy_brief.analysis.indicators.reconciliation.published_figures`, at the publication's vintage where a snapshot of it is held and from today's, with the reason they differ; a figure no dataset can recompute is a data gap.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date to include, YYYY-MM-DD; empty for all data
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania

# %%
from strategy_brief.analysis.indicators import reconciliation
from strategy_brief.report import record, style
from strategy_brief.report.charts import reconciliation as reconciliation_charts
from strategy_brief.report.narrative import reconciliation as reconciliation_text

style.apply()
record.reset_numbering()
table = reconciliation.published_figures(as_of=as_of)
gaps = reconciliation_text.gap_points(table)

# %% [markdown]
# ## How our numbers compare with published ones

# %%
record.key_finding(reconciliation_text.key_finding(table))
record.narrate(reconciliation_text.scope(table))
record.show_table(
    **reconciliation_charts.comparison(table), source_note=reconciliation_charts.source_note(table)
)

# %%
if gaps:
    record.data_gap(reconciliation_text.gap_text(table), points=gaps)
