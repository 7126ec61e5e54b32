"""Which economies the data covers, indicator by indicator: the table the country briefs are listed from.

A derived table (computed from the other processed tables after them, `TableSpec.derived_from`), so the
list of country briefs is decided by the data, never kept by hand, and keyed by the stable ISO 3166-1
alpha-3 code."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import facts, regions
from strategy_brief.data.table import TableSpec, column

# The five core indicators of a country brief, and how many a country needs for a brief of its own.
CORE = ("adoption", "us_reach", "cloud_compute", "trust", "developers")
MIN_CORE = 3
NO_DATA = "no data"  # never "none": a processed text column refuses placeholders
ADOPTION = ("own", "pooled", NO_DATA)  # own estimate; a regional pool's value (not the country's own)
TRUST = ("both", "edelman", "undp", NO_DATA)


def _adoption(user_share: pd.DataFrame) -> pd.Series:
    """'own' for an economy with its own estimate in at least two periods (a level and a trend), 'pooled'
    for a member of a regional pool (never its own estimate), per ISO3."""
    periods = user_share.groupby("iso3")["period"].nunique()
    pooled = user_share.groupby("iso3")["pooled"].agg(lambda s: s.astype(str).str.lower().eq("true").any())
    status = pd.Series(NO_DATA, index=periods.index)
    status[periods >= 2] = "own"
    status[pooled] = "pooled"
    return status


def _edelman_countries() -> set[str]:
    """ISO3 of the countries with an Edelman trust-in-AI figure (any wave) in the curated facts."""
    rows = facts.load()
    rows = rows[(rows["indicator"] == "trust_in_ai") & rows["qualifier"].isin(["exact", "approx"])]
    codes = {regions.iso3(c) for c in rows["country"] if c}
    return {c for c in codes if c}


def _cloud_countries(cloud_map: pd.DataFrame) -> set[str]:
    """ISO3 of the countries with a listed region of a US or Chinese provider in the cloud map."""
    codes = {regions.iso3(c) for c in cloud_map["country"].dropna().unique()}
    return {c for c in codes if c}


def country_coverage(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per economy any adoption-by-country table lists: the state of each core indicator, how many
    the economy has, and `brief`: at least MIN_CORE of them. A pooled adoption value is not the economy's
    own and does not count; a country Anthropic does not list is not offered (or not reported), not zero,
    and does not count either; cloud and compute presence counts a listed region of a US or Chinese
    provider, a dated US-provider region, an Alibaba Cloud opening or a GPU cluster in the country."""
    user_share, claude = tables["ai_user_share_by_economy"], tables["claude_usage_by_country"]
    devs = tables["github_developers_by_economy"]
    devs = devs[devs["developers"].notna()]
    trust = tables["undp_trust_in_ai_by_country"]
    cloud = (
        _cloud_countries(tables["cloud_regions_by_origin_country"])
        | set(tables["cloud_region_launches"]["iso3"])
        | set(tables["alibaba_cloud_openings"]["iso3"])
        | set(tables["gpu_clusters_by_country"]["iso3"])
    )
    edelman, undp = _edelman_countries(), set(trust["iso3"])
    newest_month = claude["month"].max()
    listed = set(claude.loc[claude["month"] == newest_month, "iso3"])
    adoption = _adoption(user_share)
    universe = sorted(set(user_share["iso3"]) | set(claude["iso3"]) | set(devs["iso3"]) | undp | cloud)
    rows = []
    for code in universe:
        name, region = regions.country_name(code), regions.world_region(code)
        if name is None or region is None:
            continue  # not a country the reporting regions place (e.g. a code only one source uses)
        state = {
            "adoption": adoption.get(code, NO_DATA),
            "us_reach": "listed" if code in listed else "not listed",
            "cloud_compute": code in cloud,
            "trust": "both"
            if code in edelman and code in undp
            else "edelman"
            if code in edelman
            else "undp"
            if code in undp
            else NO_DATA,
            "developers": code in set(devs["iso3"]),
        }
        core = [
            state["adoption"] == "own",
            state["us_reach"] == "listed",
            state["cloud_compute"],
            state["trust"] != NO_DATA,
            state["developers"],
        ]
        rows.append(
            {"iso3": code, "country": name, "world_region": region, **state, "core_indicators": sum(core)}
        )
    out = pd.DataFrame(rows)
    return out.assign(brief=out["core_indicators"] >= MIN_CORE)


TABLES = (
    TableSpec(
        name="country_coverage",
        title="Coverage of the core indicators by economy",
        description="Per economy (ISO 3166-1 alpha-3): whether each core indicator of a country brief has "
        "data, how many do, and whether the economy gets a brief (at least 3 of 5). Computed from the other "
        "processed tables; the build file lists the country briefs from it.",
        sources=(
            "microsoft_ai_diffusion",
            "anthropic_economic_index",
            "cloud_regions",
            "cloud_region_launches",
            "epoch_gpu_clusters",
            "undp_ai_survey",
            "github_innovation_graph",
        ),
        derived_from=(
            "ai_user_share_by_economy",
            "claude_usage_by_country",
            "cloud_regions_by_origin_country",
            "cloud_region_launches",
            "alibaba_cloud_openings",
            "gpu_clusters_by_country",
            "undp_trust_in_ai_by_country",
            "github_developers_by_economy",
        ),
        compute=country_coverage,
        key=("iso3",),
        units={
            "iso3": "ISO 3166-1 alpha-3 code: the country brief's stable id",
            "country": "short English name (country_converter)",
            "adoption": "own: the economy's own AI user share in 2 or more periods; pooled: only a regional "
            "pool's value (not the country's own); no data",
            "us_reach": "listed: in Anthropic's newest month of Claude.ai use; not listed: not offered or "
            "not reported (never zero use)",
            "cloud_compute": "a US or Chinese provider's cloud region, an Alibaba Cloud opening or a GPU "
            "cluster is listed in the country",
            "trust": "which trust survey covers it: Edelman Trust Barometer (curated facts), the UNDP survey "
            "(third-party transcription), both, or no data; the two scales are never mixed",
            "developers": "GitHub reports a developer count for the economy",
            "core_indicators": "how many of the five core indicators have data (a pooled value and 'not "
            "listed' do not count)",
            "brief": "the economy gets a country brief: at least 3 core indicators",
        },
        schema=pa.DataFrameSchema(
            {
                "iso3": column(str, pa.Check.str_matches(r"^[A-Z]{3}$"), unique=True),
                "country": column(str),
                "world_region": column(str, pa.Check.isin(list(regions.REPORTING_REGIONS))),
                "adoption": column(str, pa.Check.isin(list(ADOPTION))),
                "us_reach": column(str, pa.Check.isin(["listed", "not listed"])),
                "cloud_compute": column(bool),
                "trust": column(str, pa.Check.isin(list(TRUST))),
                "developers": column(bool),
                "core_indicators": column(int, pa.Check.in_range(0, len(CORE))),
                "brief": column(bool),
            },
            strict=True,
            checks=[
                pa.Check(
                    lambda df: df["brief"] == (df["core_indicators"] >= MIN_CORE),
                    error=f"brief is true exactly when core_indicators >= {MIN_CORE}",
                )
            ],
        ),
    ),
)
