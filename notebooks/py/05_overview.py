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
# **Overview** (analyst note, not published): the opening of the full report: the key finding, the US-vs-China scorecard and the data vintage, all from `strategy_brief.analysis.findings` and the processed tables' metadata.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date of the comparison data, YYYY-MM-DD; empty for all data
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania

# %%
from strategy_brief import fmt
from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import reconciliation
from strategy_brief.curated import facts
from strategy_brief.data import provenance, vintage
from strategy_brief.report import record
from strategy_brief.report.narrative import findings as text
from strategy_brief.report.narrative import reconciliation as reconciliation_text

record.reset_numbering()
scores, _ = findings.scorecard(as_of)
view = findings.region_view(region)
curated = facts.load()
fact_ids = findings.fact_ids(scores)
sources = vintage.by_source()

# %% [markdown]
# ## Key findings

# %%
newest = vintage.newest(list(findings.HEADLINE_TABLES), as_of)
record.key_finding(text.headline(scores, view, newest, edition))
us_leads, china_leads = findings.leads(scores)
record.narrate(
    "This report compares two ways of spreading AI: closed frontier models sold through paid APIs under a "
    "security-first policy (the United States) and open-weight, low-cost models that anyone can download and adapt "
    f"(China). On the measures below the United States leads on {fmt.listed(us_leads, empty='none')} and China on "
    f"{fmt.listed(china_leads, empty='none')}. Each section opens with its key finding; the scenario section is "
    "illustrative; the claims ledger checks what the press has said against the same data."
)
record.show_table(
    text.score_table(scores),
    caption="The United States and China compared, newest data of each source",
    source_note=provenance.source_note(
        list(findings.SCORE_TABLES), facts=curated[curated["fact_id"].isin(fact_ids)]
    ),
    columns=text.SCORE_COLUMNS,
)
record.narrate(reconciliation_text.overview_line(reconciliation.published_figures(as_of=as_of)))

# %% [markdown]
# ## How recent the data is

# %%
record.narrate(
    f"The report rests on {len(sources)} public datasets, each kept as a dated snapshot, and on "
    f"{vintage.facts_span(curated, edition)} from published sources (data/raw/facts.csv). Sources move at different "
    "speeds, so a comparison across sections can mix vintages; each chart's source note gives its snapshot."
)
record.show_list([vintage.describe(r) for _, r in sources.iterrows()])

# %% [markdown]
# ## How to read this report
#
# Every number in the text is computed from the data by the project's code, and every chart carries a source note generated from the metadata of the tables it uses. The data behind each chart is published beside the report as a CSV with a short data dictionary, with a PNG of the chart for slides. Where the data is thin (one survey wave, one snapshot, a handful of countries) the report says so as a data gap instead of estimating. Terms such as open-weight, the Epoch Capabilities Index and Elo ratings are defined in the glossary at the end.
