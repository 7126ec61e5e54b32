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
# **Country brief** (analyst note, not published): one economy against its region and the world. The build passes `edition` and `country` (ISO 3166-1 alpha-3, from `data/processed/country_coverage.csv`); every number comes from `strategy_brief.analysis.countries`, and every missing measure is listed as a data gap with the source that would fill it.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date of the data, YYYY-MM-DD; empty for all data
country: str = "NGA"  # ISO 3166-1 alpha-3 code of an economy in data/processed/country_coverage.csv
horizon: int = 2030  # last year of the region's illustrative scenario line
draws: int = 1000  # Monte Carlo draws of the region's scenario
seed: int = 0  # random seed of the draws

# %%
from strategy_brief import config
from strategy_brief.analysis import countries
from strategy_brief.build import buildfile
from strategy_brief.curated import facts
from strategy_brief.data import provenance, vintage
from strategy_brief.report import record, style
from strategy_brief.report.charts import country as charts
from strategy_brief.report.narrative import country as narrative

style.apply()
record.reset_numbering()
view = countries.view(country, as_of=as_of, horizon=horizon, draws=draws, seed=seed)
behind = facts.load()
behind = behind[behind["fact_id"].isin([*view.trust_edelman["fact_id"], *view.deepseek["fact_id"]])]
spec = buildfile.load(config.BUILD_FILE)
note = provenance.source_note(list(countries.TABLES[1:]), facts=behind)

# %%
record.key_finding(narrative.headline(view))
record.note(f"{vintage.line(list(countries.TABLES[1:]))}.", kind="vintage", title="Data vintage.")
for figure in narrative.key_figures(view, edition):
    record.key_figure(**figure)

# %% [markdown]
# ## Who uses AI, and whose

# %%
record.narrate(narrative.adoption(view))
if not view.adoption.empty:
    record.show_figure(
        **charts.adoption_chart(view), source_note=provenance.source_note(["ai_user_share_by_economy"])
    )
record.narrate(narrative.us_reach(view))
if deepseek := narrative.deepseek(view):
    record.narrate(deepseek)

# %% [markdown]
# ## Whose clouds, compute and developers

# %%
record.narrate(narrative.infrastructure(view))
record.narrate(narrative.developers(view))
record.show_table(
    narrative.comparison_rows(view),
    caption=f"{view.country} against {view.region} and the world",
    source_note=note,
    columns={"measure": "Measure", "country": view.country, "region": view.region, "world": "World"},
)

# %% [markdown]
# ## Trust and the region's outlook

# %%
record.narrate(narrative.trust(view))
record.narrate(narrative.scenario(view))

# %% [markdown]
# ## Data gaps

# %%
record.show_list(narrative.gaps(view))

# %% [markdown]
# ## About this brief

# %%
record.narrate(
    "Every figure comes from the project's processed tables and curated facts, named in each source note; "
    "the full report's methods section describes each source, its licence and its caveats."
)
record.narrate(f"**How to cite.** {spec.citation(edition, f'Country brief: {view.country}')}")
