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
# **Openness and adoption** (analyst note, not published): how much of each bloc's output is released with open weights (Epoch notable models by year; the 20 leading LMArena models per leaderboard version), whose open models others build on (Open LLM Leaderboard v2 derivatives by base family) and the dated adoption figures from the curated facts, with growth and doubling times where two comparable points exist. All numbers come from `strategy_brief.analysis.indicators.openness` and `strategy_brief.analysis.indicators.adoption`. The section is global: `region` only changes one sentence. `few_models` sets the sample size under which a year's share is flagged as small.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date to include, YYYY-MM-DD; empty for all data
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania
first_year: int = 2018  # first publication year in the open-weight share chart
few_models: int = 10  # a bloc-year with fewer notable models of known openness is flagged as a small sample

# %%
from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import adoption, openness
from strategy_brief.curated import facts
from strategy_brief.data import processed, provenance
from strategy_brief.report import record, style
from strategy_brief.report.charts import openness as charts
from strategy_brief.report.narrative import openness as narrative

style.apply()
record.reset_numbering()
NOTABLE, TOP, DERIVED = "models_by_bloc_year_accessibility", "lmarena_top_mix", "derivatives_by_family"

# Notable models: the last full calendar year is the one before the newest snapshot (or as_of).
models, cutoff, last_full_year = openness.through_cutoff(
    processed.read(NOTABLE), findings.snapshot(NOTABLE), as_of
)
shares = openness.as_percent(openness.open_weight_share(models))  # with 95% intervals, in percent
tidy = openness.bloc_share_series(shares, first_year, last_full_year, few_models)
# The 20 leading LMArena models at each leaderboard version.
top_mix = processed.read(TOP, as_of=as_of)
mix = openness.licence_mix(top_mix, by_bloc=True)
places = openness.open_places(mix)
top_n = int(top_mix["top_n"].iloc[0])
# Derivative ecosystems (Open LLM Leaderboard v2) and the curated adoption facts.
derivatives = adoption.derivatives_by_family(processed.read(DERIVED))
curated = facts.load(as_of=as_of)

# %% [markdown]
# # Openness and adoption

# %%
record.key_finding(narrative.key_finding(shares, places, last_full_year, top_n))
record.narrate(narrative.global_scope(region))
for figure in narrative.key_figures(shares, places, last_full_year, top_n):
    record.key_figure(**figure)

# %% [markdown]
# ## Open weights in each bloc's notable models

# %%
charts.open_share(
    tidy,
    first_year=first_year,
    last_year=last_full_year,
    few_models=few_models,
    source_note=provenance.source_note([NOTABLE]),
)

# %%
unknown = openness.unknown_models(models, first_year, last_full_year)
record.narrate(
    narrative.open_share_caveats(
        tidy,
        shares,
        unknown,
        first_year=first_year,
        last_year=last_full_year,
        few_models=few_models,
        cutoff=cutoff,
    )
)

# %% [markdown]
# ## Open weights among the leading models

# %%
charts.open_places(places, top_n=top_n, source_note=provenance.source_note([TOP]))

# %%
record.narrate(narrative.leaders(places, mix, top_n))

# %% [markdown]
# ## Who builds on whose models

# %%
charts.derivatives(derivatives, source_note=provenance.source_note([DERIVED]))

# %%
hub = adoption.latest_per_actor(curated, "hf_derivative_models")
record.narrate(narrative.derivatives(derivatives, hub, findings.snapshot(DERIVED)))

# %% [markdown]
# ## Adoption of open models: dated figures

# %%
series = narrative.fact_cells(adoption.dated_figures(curated, narrative.MEASURES))
rates = adoption.comparable_growth(series, narrative.MEASURES)

# %%
for platform, labels in narrative.PLATFORMS.items():
    rows = narrative.platform_rows(series, labels)
    if rows.empty:
        continue
    record.show_table(
        rows,
        caption=f"Use of open models on {platform}: dated figures (each row a curated fact)",
        source_note=provenance.source_note(facts=curated[curated["fact_id"].isin(rows["fact_id"])]),
        columns=narrative.platform_columns(rows),
    )
    if growth := narrative.platform_growth(platform, rates, series, labels):
        record.narrate(growth)

# %%
users = narrative.fact_cells(adoption.user_figures(curated, narrative.USER_MEASURES, narrative.USERS_OF))
record.show_table(
    users,
    caption=narrative.users_caption(users),
    source_note=provenance.source_note(facts=curated[curated["fact_id"].isin(users["fact_id"])]),
    columns=narrative.USER_COLUMNS,
)
record.narrate(narrative.users(users))
