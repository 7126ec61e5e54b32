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
# **Openness and adoption** (analyst note, not published): how much of each bloc's output is released with open weights (Epoch notable models by year; the 20 leading LMArena models per leaderboard version), whose open models others build on (Open LLM Leaderboard v2 derivatives by base family) and the dated adoption figures from the curated facts, with growth and doubling times where two comparable points exist; then who uses AI where: AI user share by region (Microsoft AI diffusion, a pool counted once), Claude.ai's reach beside it (Anthropic Economic Index, 'not listed' never 0), Chinese developers' share of OpenRouter's weekly top 10, DeepSeek's market-share facts and the GitHub developer base with its ties. All numbers come from `strategy_brief.analysis.indicators` (`openness`, `adoption`, `usage`, `deepseek`, `developers`). The section is global: `region` only changes one sentence. `few_models` sets the sample size under which a year's share is flagged as small.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date to include, YYYY-MM-DD; empty for all data
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania
first_year: int = 2018  # first publication year in the open-weight share chart
few_models: int = 10  # a bloc-year with fewer notable models of known openness is flagged as a small sample

# %%
from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import adoption, deepseek, developers, openness, usage
from strategy_brief.analysis.indicators import catalogue as open_catalogue
from strategy_brief.curated import facts
from strategy_brief.data import processed, provenance
from strategy_brief.report import record, style
from strategy_brief.report.charts import adoption as adoption_charts
from strategy_brief.report.charts import openness as charts
from strategy_brief.report.narrative import adoption as adoption_text
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
catalogue = processed.read("models_dev_open_weights_by_bloc")
record.narrate(
    narrative.catalogue_cross_check(
        open_catalogue.catalogue_open_weight_share(as_of=as_of or edition),
        catalogue["package_version"].iloc[0],
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

# %% [markdown]
# ## Who uses AI, where

# %%
usage_tables = usage.load(as_of or None)
user_shares = usage_tables[usage.USER_SHARE]
if user_shares.empty:
    record.data_gap(adoption_text.no_data(usage.USER_SHARE, as_of))
else:
    by_region = usage.user_share_by_region(user_shares)
    gap = usage.south_north_gap(user_shares)
    trend = usage.gap_trend(gap) if len(gap) > 1 else None
    adoption_charts.user_share(by_region, gap, source_note=provenance.source_note([usage.USER_SHARE]))
    record.narrate(adoption_text.user_share(by_region, gap, trend, region))
    record.narrate(adoption_text.pools(by_region, gap))
    for figure in adoption_text.user_share_figures(gap, trend):
        record.key_figure(**figure)

# %% [markdown]
# ### A US closed product's reach beside all AI use

# %%
claude = usage_tables[usage.CLAUDE]
if user_shares.empty or claude.empty:
    record.data_gap(adoption_text.no_data(usage.CLAUDE, as_of))
else:
    reach_by_economy = usage.claude_reach(user_shares, claude)
    note = provenance.source_note([usage.CLAUDE, usage.USER_SHARE])
    record.show_table(**adoption_text.reach_table(reach_by_economy, note))
    record.narrate(adoption_text.claude(reach_by_economy))
    for figure in adoption_text.claude_figures(reach_by_economy):
        record.key_figure(**figure)

# %% [markdown]
# ### Chinese models in OpenRouter's weekly top 10

# %%
weekly = usage_tables[usage.OPENROUTER]
if weekly.empty:
    record.data_gap(adoption_text.no_data(usage.OPENROUTER, as_of))
else:
    top10 = usage.bloc_top10_share(weekly)
    top10_summary = usage.summarise_share(top10)
    adoption_charts.openrouter(top10, top10_summary, source_note=provenance.source_note([usage.OPENROUTER]))
    record.narrate(adoption_text.openrouter(top10, top10_summary))
    for figure in adoption_text.openrouter_figures(top10_summary):
        record.key_figure(**figure)

# %% [markdown]
# ### DeepSeek's market share

# %%
ds_shares, ds_regions, ds_statements = deepseek.deepseek_facts(as_of)
if ds_shares.empty:
    record.data_gap(adoption_text.no_data("deepseek", as_of))
else:
    ds_facts = curated[curated["fact_id"].isin(adoption_text.deepseek_fact_ids(ds_shares, ds_statements))]
    record.show_table(**adoption_text.deepseek_table(ds_shares, provenance.source_note(facts=ds_facts)))
    record.narrate(adoption_text.deepseek(ds_shares, ds_regions, ds_statements))

# %% [markdown]
# ### Developers and their ties to the two sides

# %%
dev_tables = developers.load_tables(as_of or None)
if any(table.empty for table in dev_tables.values()):
    record.data_gap(adoption_text.no_data(developers.DEVELOPERS, as_of))
else:
    dev_base = developers.developer_base_by_region(
        developers.developer_base(dev_tables[developers.DEVELOPERS])
    )
    ties = developers.collaboration_ties(dev_tables[developers.COLLABORATION])
    dev_ties = developers.collaboration_by_region(ties)
    adoption_charts.developers(dev_base, dev_ties, source_note=provenance.source_note(list(dev_tables)))
    record.narrate(adoption_text.developers(dev_base, dev_ties))
