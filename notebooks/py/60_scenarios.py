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
# **Scenarios (illustrative)** (analyst note, not published): how the share of AI-adopting organizations whose primary model stack is Chinese could evolve by region to the horizon, under one named scenario from `data/raw/scenarios.yml`. Every number comes from `strategy_brief.analysis.scenario` (logistic adoption, multinomial-logit stack choice, Monte Carlo over the ranges in `data/raw/scenario_assumptions.csv`). A backtest starts the model's adoption curve from the H1 2025 regional AI user shares and sets its Q1 2026 projection beside the observed medians (`strategy_brief.analysis.scenario.backtest`). Parameters: `scenario`, `horizon`, `draws`, `seed`; `region` selects the region (Global: all regions, with the sensitivity analysis for the region with the largest Chinese-stack share). Illustrative scenario, not a forecast.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # not used: the assumptions are read as committed in data/raw/scenario_assumptions.csv
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania
scenario: str = "status_quo"  # one of: status_quo | us_opens_up | controls_tighten | controls_loosen | gap_closes | china_cloud_expands
horizon: int = 2030  # last year of the paths; keep it short (the model has no equilibrium)
draws: int = 2000  # Monte Carlo draws
seed: int = 0  # random seed of the draws

# %%
from strategy_brief.analysis import scenario as model
from strategy_brief.analysis.scenario import backtest
from strategy_brief.report import record, style
from strategy_brief.report.charts import scenario as charts
from strategy_brief.report.narrative import scenario as story
from strategy_brief.report.narrative import scenario_annex as annex

style.apply()
record.reset_numbering()
outlook = model.run(scenario=scenario, region=region, horizon=horizon, draws=draws, seed=seed)
notes = story.sources(outlook)

# %% [markdown]
# # Scenarios (illustrative, not forecasts)

# %%
record.key_finding(story.key_finding(outlook))
for figure in story.key_figures(outlook, edition):
    record.key_figure(**figure)

# %% [markdown]
# ## The scenario

# %%
record.narrate(story.scenario_text(outlook))

# %% [markdown]
# ## The Chinese stack's share to the horizon

# %%
charts.show(charts.share_paths(outlook), notes.chart)

# %%
record.narrate(story.outcome_text(outlook))

# %% [markdown]
# ## What moves the result

# %%
charts.show(charts.swings(outlook), notes.chart)

# %%
record.narrate(story.swings_text(outlook))

# %% [markdown]
# ## Against the status quo

# %%
if outlook.is_reference:  # the status quo: every named scenario in the focus region
    compare = model.across_scenarios(outlook)
    chart, text = charts.across_scenarios(outlook, compare), story.across_scenarios_text(outlook, compare)
else:
    compare = model.against_reference(outlook)
    chart, text = charts.against_reference(outlook, compare), story.against_reference_text(outlook, compare)
charts.show(chart, notes.chart)
record.narrate(text)

# %% [markdown]
# ## Backtest: the adoption curve against what happened

# %%
checked = backtest.run(outlook.base)
checked_summary = backtest.summarise(checked)
record.show_table(**story.backtest_table(checked, outlook, notes))
record.narrate(story.backtest_text(checked, checked_summary, outlook))
for figure in story.backtest_figures(checked_summary, edition):
    record.key_figure(**figure)

# %% [markdown]
# ## Data gaps and caveats

# %%
record.data_gap(story.data_gaps(outlook), title="Data gaps.")

# %% [markdown] tags=["annex"]
# # Scenario assumptions

# %% tags=["annex"]
record.narrate(annex.intro(outlook))
record.show_table(**annex.assumptions_table(outlook, notes))
if outlook.is_global:
    record.show_table(**annex.regional_table(outlook, notes))
