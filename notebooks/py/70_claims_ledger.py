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
# **Claims ledger** (analyst note, not published): every quantitative or checkable claim in the seed articles, with its evidence and verdict, from `data/raw/claims.csv` (`strategy_brief.curated.claims`); evidence ids resolve to `data/raw/facts.csv`, `data/raw/text_facts.csv` or `data/raw/facts_not_found.csv`. The 'fraction of the cost' claim takes its verdict from the cost section's parity ratio (`strategy_brief.analysis.claims_checks`), computed on the full price lists. The section shows the verdicts and, in full, the claims that do not hold, those contested or overtaken, and those with no source found; the cells tagged `annex` publish the whole ledger, claim by claim, at the end of the brief.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # not used: the ledger is curated as a whole
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania

# %%
from strategy_brief.analysis import claims_checks
from strategy_brief.analysis.indicators import cost_view
from strategy_brief.curated import claims
from strategy_brief.data import processed
from strategy_brief.report import record, style
from strategy_brief.report.charts import claims as claims_charts
from strategy_brief.report.narrative import claims as claims_text

style.apply()
record.reset_numbering()
prices, eci = processed.read("api_prices"), processed.read("eci_by_model")
parity = claims_checks.cost_parity(cost_view.price_view(prices, eci), prices, eci)
ledger = claims_charts.readable(claims_text.computed(claims.load(), parity))
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
record.narrate(claims_text.do_not_hold(counts))
for table in filter(None, [claims_charts.in_full(ledger, claims_text.DO_NOT_HOLD)]):
    record.show_table(**table, source_note=note)

# %% [markdown]
# ## Contested or overtaken claims

# %%
for table in filter(None, [claims_charts.in_full(ledger, claims_text.CONTESTED_OR_DATED)]):
    record.show_table(**table, source_note=note)

# %% [markdown]
# ## No source found

# %%
record.narrate(claims_text.no_source(counts))
for table in filter(None, [claims_charts.in_full(ledger, claims_text.NO_SOURCE)]):
    record.show_table(**table, source_note=note)
record.narrate(claims_text.others(counts))

# %% [markdown] tags=["annex"]
# # The claims ledger, claim by claim

# %% tags=["annex"]
record.narrate(claims_text.annex_intro(counts, articles))
for table in claims_charts.by_verdict(ledger):
    record.show_table(**table, source_note=note)
