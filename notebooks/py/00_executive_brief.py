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
# **Executive brief** (analyst note, not published): the US and Chinese AI strategies in a few pages, for one region. The build passes `edition` and `region`; every number a reader sees comes from `strategy_brief.analysis.findings`, which computes the same figures as the full report's sections.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date of the global comparison data, YYYY-MM-DD; empty for all data
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania
horizon: int = 2030  # last year of the illustrative scenario
draws: int = 2000  # Monte Carlo draws of the scenario
seed: int = 0  # random seed of the draws

# %%
from strategy_brief import config
from strategy_brief.analysis import findings
from strategy_brief.build import buildfile
from strategy_brief.curated import facts, glossary
from strategy_brief.data import provenance, vintage
from strategy_brief.report import record, reference, style
from strategy_brief.report.charts import executive as charts
from strategy_brief.report.narrative import executive as narrative
from strategy_brief.report.narrative import findings as text

style.apply()
record.reset_numbering()
scores, _ = findings.scorecard(as_of)
view = findings.region_view(region, horizon=horizon, draws=draws, seed=seed)
curated = facts.load()
TABLES = [*findings.SCORE_TABLES, findings.CLOUD_TABLE, *findings.ADOPTION_TABLES]
fact_ids = findings.fact_ids(scores)
behind = curated[curated["fact_id"].isin(fact_ids)]
trust = charts.trust_by_country(curated, region)
spec = buildfile.load(config.BUILD_FILE)

# %%
newest = vintage.newest(list(findings.HEADLINE_TABLES), as_of)
record.key_finding(text.headline(scores, view, newest, edition))
record.note(
    f"{vintage.line(TABLES)}; {vintage.facts_span(behind, edition)} ({', '.join(fact_ids)}).",
    kind="vintage",
    title="Data vintage.",
)
for figure in narrative.key_figures(scores, view, edition):
    record.key_figure(**figure)

# %% [markdown]
# ## The race, measure by measure

# %%
record.narrate(narrative.scorecard_intro(scores))
record.show_table(
    text.score_table(scores),
    caption="The United States and China compared, newest data of each source",
    source_note=provenance.source_note(list(findings.SCORE_TABLES), facts=behind),
    columns=text.SCORE_COLUMNS,
)

# %% [markdown]
# ## Who uses AI here

# %%
record.narrate(narrative.adoption(view))
record.narrate(narrative.compute(view))
record.note(provenance.source_note(list(findings.ADOPTION_TABLES)), kind="vintage", title="Sources.")

# %%
record.narrate(narrative.reach_heading(region))
record.narrate(narrative.reach(view))
if undp := narrative.undp_trust(view):
    record.narrate(undp)
if no_trust := narrative.no_trust(view):
    record.data_gap(no_trust)

# %%
charts.show_trust(trust, region, curated)

# %%
record.narrate(narrative.scenario(view))
charts.show_scenario(view, draws=draws, seed=seed)

# %% [markdown]
# ## Implications

# %%
record.show_points(text.by_strategy(text.implications(scores, view)))
record.narrate("Each point restates a number from the table or charts above; none adds a figure of its own.")

# %%
record.narrate(narrative.gaps_heading(region))
record.show_list(narrative.gaps(view))

# %% [markdown]
# ## Glossary

# %%
terms = glossary.load(executive_only=True)
record.show_definitions(terms)

# %%
reference.show_developers()

# %% [markdown]
# ## About this brief

# %%
record.narrate(narrative.ABOUT)
record.narrate(f"**How to cite.** {spec.citation(edition, f'Executive brief: {region}')}")
