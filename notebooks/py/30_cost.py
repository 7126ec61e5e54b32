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
# **Cost** (analyst note, not published): what US and Chinese models charge per million tokens and what a given capability costs. Median blended list price by bloc over the litellm price snapshots, the same medians by openness (closed = API only, against open weights) with the like-for-like US ÷ China ratios and how much each depends on the model set (leave one model out; a seeded bootstrap over models), price against Epoch Capabilities Index (ECI) score in the latest snapshot with the Pareto frontier, the US ÷ China price ratio at the level of China's best priced model (any host and first-party APIs, with genai-prices as a cross-check), the cheapest model at a few ECI levels, and the price decline at the level of China's best model of the first snapshot. Parameters: `blend_input_share` (share of input tokens in the blended price; 0.75 = 3 input : 1 output) and `capability_levels` (ECI levels for the table). All numbers come from `strategy_brief.analysis.indicators.cost`.

# %% tags=["parameters"]
edition: str = "2026-11-23"  # edition date, YYYY-MM-DD
as_of: str = ""  # last date to include, YYYY-MM-DD; empty for all data
region: str = "Global"  # one of: Global | Sub-Saharan Africa | Latin America & Caribbean | Southern Asia | South-eastern Asia | Middle East & North Africa | Europe | Northern America | Eastern Asia & Oceania
blend_input_share: float = 0.75  # share of input tokens in the blended price; 0.75 is 3 input : 1 output
capability_levels: list = [120.0, 130.0, 140.0, 145.0, 150.0]  # ECI levels for the cheapest-model table

# %%
from strategy_brief.analysis import findings
from strategy_brief.analysis.indicators import cost, cost_view
from strategy_brief.curated import regions
from strategy_brief.data import processed, provenance
from strategy_brief.report import record, style
from strategy_brief.report.charts import cost as cost_charts
from strategy_brief.report.narrative import cost as cost_text
from strategy_brief.report.narrative import cost_openness as cost_openness_text

style.apply()
record.reset_numbering()
# A cut before the first price list fails, naming the earliest as_of that works.
prices = findings.cut_required(processed.read("api_prices"), "snapshot_date", as_of, "api_prices")
eci = processed.read("eci_by_model", as_of=as_of)
view = cost_view.price_view(
    prices, eci, blend_input_share=blend_input_share, capability_levels=capability_levels
)
blend = cost_text.blend_text(blend_input_share)

# %% [markdown]
# # Cost: the price of capability

# %%
record.key_finding(cost_text.key_finding(view))
for figure in cost_text.key_figures(view):
    record.key_figure(**figure)

# %% [markdown]
# ## Median price by bloc

# %%
record.show_figure(
    **cost_charts.median_prices(view, blend), source_note=provenance.source_note(["api_prices"])
)
record.narrate(cost_text.medians(view))

# %% [markdown]
# ## Closed and open-weight models, like for like

# %%
# genai-prices: each price key at the price in force on the reference date, recomputed at the blend.
reference = as_of or edition
genai_prices = processed.read("api_prices_genai")
genai_version = processed.read_meta("api_prices_genai")["sources"][0]["snapshots"][-1]["date"]
genai_compared = cost_view.price_list_comparisons(
    genai_prices, reference, blend_input_share=blend_input_share
)
if cost_openness_text.openness_gaps(view):
    record.data_gap(cost_openness_text.openness_gaps(view))
record.show_table(
    **cost_charts.openness_table(view, genai_compared, genai_version=genai_version, blend=blend),
    source_note=provenance.source_note(["api_prices", "api_prices_genai"]),
)
record.narrate(cost_openness_text.by_openness(view, genai_compared, genai_version))

# %% [markdown]
# ## Price against capability

# %%
record.show_figure(
    **cost_charts.price_capability(view, blend),
    source_note=provenance.source_note(["api_prices", "eci_by_model"]),
)
record.narrate(cost_text.frontier(view, cost_view.unscored_priced(prices, eci, as_of or edition)))

# %% [markdown]
# ## The price of parity

# %%
genai = cost.prices_in_force(genai_prices, reference, blend_input_share=blend_input_share)
if view.first_party_gap:
    record.data_gap(cost_text.first_party_gap(as_of or view.latest))
record.show_table(
    **cost_charts.parity_table(
        view,
        cost.reprice_parity(view.parity_fp, genai),
        genai_version=genai_version,
        reference=reference,
        blend=blend,
    ),
    source_note=provenance.source_note(["api_prices", "api_prices_genai", "eci_by_model"]),
)
record.narrate(cost_text.parity(view))

# %% [markdown]
# ## The cheapest model at each capability level

# %%
record.show_table(
    **cost_charts.levels_table(view, blend),
    source_note=provenance.source_note(["api_prices", "eci_by_model"]),
)
record.narrate(cost_text.levels(view))

# %% [markdown]
# ## How fast capability gets cheaper

# %%
record.show_figure(
    **cost_charts.price_decline(view, blend),
    source_note=provenance.source_note(["api_prices", "eci_by_model"]),
)
record.narrate(cost_text.decline(view))

# %% [markdown]
# ## About these prices

# %%
eci_snapshot = processed.read_meta("eci_by_model")["sources"][0]["snapshots"][-1]["date"]
record.narrate(cost_text.about_prices(view, eci_snapshot))
if region == regions.GLOBAL:
    record.narrate(cost_text.GLOBAL_PRICES)
else:
    record.data_gap(cost_text.no_regional_prices(region))
