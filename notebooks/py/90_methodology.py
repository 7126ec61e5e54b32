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
# **Methods and sources** (analyst note, not published): everything below is generated from the source registry (`data/sources/`), the processed tables' metadata (`data/processed/*.meta.yml`) and the classification tables, so it cannot drift from the data.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # data cut-off shown to readers; empty for the newest snapshot of each source
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania

# %%
from strategy_brief import config
from strategy_brief.build import buildfile
from strategy_brief.curated import glossary
from strategy_brief.data import provenance
from strategy_brief.report import record, reference
from strategy_brief.report.narrative import methods

record.reset_numbering()
sources = methods.sources_with_vintage(edition)
tables = provenance.tables_table()
spec = buildfile.load(config.BUILD_FILE)

# %% [markdown]
# ## Methods and sources

# %%
record.narrate(methods.overview(len(sources), len(tables)))
record.show_table(
    sources,
    caption="Sources and data vintage",
    source_note=methods.REGISTRY_NOTE,
    columns=methods.SOURCE_COLUMNS,
)
record.narrate(methods.ages_note(edition))

# %% [markdown]
# ## How each table is computed

# %%
record.show_table(
    tables, caption="Processed tables", source_note=methods.METADATA_NOTE, columns=methods.TABLE_COLUMNS
)

# %% [markdown]
# ## Classifications

# %%
record.narrate(methods.BLOCS)
record.show_table(
    methods.classification("country_blocs.csv"),
    caption="Countries placed explicitly",
    source_note="Source: data/raw/classification/country_blocs.csv.",
    columns={"country": "Country", "bloc": "Bloc", "rationale": "Why"},
)
record.show_table(
    methods.classification("openness_classes.csv"),
    caption="Openness classes",
    source_note="Source: data/raw/classification/openness_classes.csv.",
    columns={"label": "Class", "definition": "Definition"},
)

# %% [markdown]
# ## Licences, attribution and how to cite

# %%
record.show_table(
    sources,
    caption="Attributions the sources require",
    source_note=methods.REGISTRY_NOTE,
    columns=methods.ATTRIBUTION_COLUMNS,
)
record.narrate(methods.how_to_cite(spec.citation(edition, "full report")))

# %% [markdown]
# ## Glossary

# %%
terms = glossary.load()
record.show_definitions(terms)

# %%
reference.show_developers()
