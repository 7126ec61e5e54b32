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
# **Claims ledger** (analyst note, not published): every quantitative or checkable claim in the seed articles, with its evidence and verdict, from `data/raw/claims.csv` (`strategy_brief.curated.claims`). The section shows the verdicts and the claims that do not hold in full; the cells tagged `annex` publish the whole ledger, claim by claim, at the end of the brief.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # not used: the ledger is curated as a whole
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania

# %%
from strategy_brief.curated import claims
from strategy_brief.report import record, style
from strategy_brief.report.charts import claims as claims_charts
from strategy_brief.report.narrative import claims as claims_text

style.apply()
record.reset_numbering()
ledger = claims_charts.readable(claims.load())
counts = claims.verdict_counts(ledger)
articles = ledger["seed_file"].nunique()
note = claims_charts.SOURCE_NOTE

# %% [markdown]
# # Checking the press: the claims ledger

# %%
record.key_finding(claims_text.key_finding(counts, articles))
record.narrate(claims_text.scope(counts, articles, excluded=len(claims.load_excluded())))
for figure in claims_text.key_figures(counts, edition):
    record.key_figure(**figure)

# %% [markdown]
# ## Verdicts

# %%
record.show_figure(**claims_charts.verdicts(ledger, counts), source_note=note)

# %% [markdown]
# ## Verdicts by dimension

# %%
record.show_table(**claims_charts.by_dimension(ledger), source_note=note)

# %% [markdown]
# ## Claims that do not hold

# %%
record.show_table(**claims_charts.disputed(ledger), source_note=note)
record.narrate(claims_text.others(counts))

# %% [markdown] tags=["annex"]
# # The claims ledger, claim by claim

# %% tags=["annex"]
record.narrate(claims_text.annex_intro(counts, articles))
for table in claims_charts.by_verdict(ledger):
    record.show_table(**table, source_note=note)
