"""What the data says about one country, set against its region and the world: the numbers of a country
brief. Every value comes from the indicator modules; what is missing is listed as a data gap with the
source that would fill it, never filled in."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from strategy_brief import config
from strategy_brief.analysis import scenario as model
from strategy_brief.analysis.indicators import deepseek, developers, infrastructure, reach, usage
from strategy_brief.analysis.indicators import trust as trust_mod
from strategy_brief.curated import facts as facts_mod
from strategy_brief.curated import regions
from strategy_brief.data import processed

COVERAGE = "country_coverage"
# The tables a country brief reads, for its source notes and its vintage line.
TABLES = (
    COVERAGE,
    usage.USER_SHARE,
    usage.CLAUDE,
    "cloud_regions_by_origin_country",
    "cloud_region_launches",
    "alibaba_cloud_openings",
    "gpu_clusters_by_country",
    "undp_trust_in_ai_by_country",
    "github_developers_by_economy",
    "github_collaboration_us_china",
)
# Which source would fill each core indicator where it is missing (a data-gap box names it).
FILLS_GAP = {
    "adoption": "a country estimate of its own in Microsoft's AI Diffusion Report (today a regional pool's "
    "value or nothing)",
    "us_reach": "Anthropic's Economic Index listing the country (Claude.ai is not offered there, or its use "
    "was not reported)",
    "cloud_compute": "a US or Chinese provider's region or a GPU cluster in the country (TeleGeography's "
    "cloud map, the providers' launch lists, Epoch's GPU clusters)",
    "trust": "a trust-in-AI survey covering the country (Edelman Trust Barometer or the UNDP HDR survey)",
    "developers": "GitHub's Innovation Graph reporting the economy (fewer than 100 developers go unreported)",
}
CORE_LABELS = {
    "adoption": "AI use (level and trend)",
    "us_reach": "a US closed product's reach (Claude)",
    "cloud_compute": "cloud regions and compute",
    "trust": "trust in AI",
    "developers": "developer base",
}


class CountryError(ValueError):
    """The country parameter names no economy the data covers."""


@dataclass(frozen=True)
class CountryView:
    """One country's numbers, its region's and the world's, and its data gaps."""

    iso3: str
    country: str
    region: str
    coverage: pd.Series
    adoption: pd.DataFrame  # usage.economy_profile rows of the country, oldest period first
    adoption_region: pd.DataFrame  # usage.user_share_by_region rows of its region and Global
    reach: pd.Series | None  # usage.claude_reach row; None when the country is not in Microsoft's list
    infrastructure: dict | None  # infrastructure.country_profile; None when no table lists the country
    infrastructure_all: pd.DataFrame  # country_profiles of every country (region and world sums)
    trust_undp: pd.Series | None  # trust.undp_confidence row (a third-party transcription)
    trust_edelman: pd.DataFrame  # Edelman trust-in-AI facts of the country (any wave)
    developers: pd.Series | None  # developers.developer_base row
    developers_region: pd.DataFrame  # developers.developer_base_by_region rows of its region and Global
    ties: pd.Series | None  # developers.collaboration_ties row
    deepseek: pd.DataFrame  # DeepSeek market-share facts of the country
    deepseek_region: pd.DataFrame  # statements about the country's region (e.g. Africa 2-4x)
    scenario: pd.DataFrame  # the region's scenario paths (Monte Carlo quantiles by year)
    scenario_start_regional: bool  # the region's Chinese-stack start is its own figure
    gaps: list[str] = field(default_factory=list)  # core indicators without data, as sentences

    @property
    def core(self) -> int:
        return int(self.coverage["core_indicators"])


def _tables(as_of: str) -> dict[str, pd.DataFrame]:
    """The tables as of a date, read once per project root (a kernel builds one brief; tests switch roots)."""
    return _read(as_of, str(config.processed_dir()))


@functools.cache
def _read(as_of: str, folder: str) -> dict[str, pd.DataFrame]:
    return {name: processed.read(name, folder, as_of=as_of or None) for name in TABLES}


def country_ids(as_of: str = "") -> list[str]:
    """ISO3 codes of the economies that get a brief (country_coverage.brief)."""
    table = _tables(as_of)[COVERAGE]
    return sorted(table.loc[table["brief"].astype(bool), "iso3"])


def resolve(country: str, as_of: str = "") -> pd.Series:
    """The coverage row of a country given by ISO3 code (the brief's id) or name; an unknown one is
    refused, naming the parameter and what it accepts."""
    table = _tables(as_of)[COVERAGE].set_index("iso3", drop=False)
    code = country.strip().upper() if country.strip().upper() in table.index else regions.iso3(country)
    if code is None or code not in table.index:
        raise CountryError(
            f"country={country!r}: not an economy the data covers; give an ISO 3166-1 alpha-3 code from "
            f"data/processed/{COVERAGE}.csv (e.g. {', '.join(country_ids(as_of)[:3])})"
        )
    return table.loc[code]


def gaps(coverage: pd.Series) -> list[str]:
    """Each core indicator the country lacks, with why and which source would fill it."""
    out = []
    if coverage["adoption"] != "own":
        why = "only a regional pool's value" if coverage["adoption"] == "pooled" else "no estimate"
        out.append(f"{CORE_LABELS['adoption']}: {why}; would be filled by {FILLS_GAP['adoption']}")
    for name in ("us_reach", "cloud_compute", "trust", "developers"):
        missing = {
            "us_reach": coverage["us_reach"] != "listed",
            "cloud_compute": not _true(coverage["cloud_compute"]),
            "trust": coverage["trust"] == "no data",
            "developers": not _true(coverage["developers"]),
        }[name]
        if missing:
            out.append(f"{CORE_LABELS[name]}: no data; would be filled by {FILLS_GAP[name]}")
    return out


def _true(value) -> bool:
    return str(value).strip().lower() == "true"


def _row(frame: pd.DataFrame, code: str) -> pd.Series | None:
    rows = frame[frame["iso3"] == code]
    return rows.iloc[0] if len(rows) else None


def view(country: str, *, as_of: str = "", horizon: int = 2030, draws: int = 1000, seed: int = 0):
    """Everything a country brief shows, for a country given by ISO3 code or name."""
    coverage = resolve(country, as_of)
    code, region = str(coverage["iso3"]), str(coverage["world_region"])
    t = _tables(as_of)
    share = t[usage.USER_SHARE]
    profile = usage.economy_profile(share) if len(share) else share
    by_region = usage.user_share_by_region(share) if len(share) else share
    reach_rows = usage.claude_reach(share, t[usage.CLAUDE]) if len(share) and len(t[usage.CLAUDE]) else None
    profiles = infrastructure.country_profiles(
        t["gpu_clusters_by_country"],
        t["alibaba_cloud_openings"],
        t["cloud_region_launches"],
        t["cloud_regions_by_origin_country"],
    )
    undp = trust_mod.undp_confidence(t["undp_trust_in_ai_by_country"])
    curated = facts_mod.load(as_of=as_of or None)
    edelman = _edelman(curated, code)
    devs = t["github_developers_by_economy"]
    base = developers.developer_base(devs) if len(devs) else None
    ties = t["github_collaboration_us_china"]
    tie_rows = developers.collaboration_ties(ties) if len(ties) else None
    shares = deepseek.deepseek_share_by_country(curated)
    statements = deepseek.deepseek_region_statements(curated)
    assumptions = model.load_assumptions()
    paths = model.monte_carlo(assumptions, draws=draws, seed=seed, regions=[region], horizon=horizon)
    own_start = bool(((assumptions["name"] == "share_start_china") & (assumptions["region"] == region)).any())
    return CountryView(
        iso3=code,
        country=str(coverage["country"]),
        region=region,
        coverage=coverage,
        adoption=profile[profile["iso3"] == code].sort_values("period_end").reset_index(drop=True),
        adoption_region=by_region[by_region["world_region"].isin([region, regions.GLOBAL])],
        reach=_row(reach_rows, code) if reach_rows is not None else None,
        infrastructure=_row(profiles, code).to_dict() if _row(profiles, code) is not None else None,
        infrastructure_all=profiles,
        trust_undp=_row(undp, code),
        trust_edelman=edelman.reset_index(drop=True),
        developers=_row(base, code) if base is not None else None,
        developers_region=developers.developer_base_by_region(base) if base is not None else pd.DataFrame(),
        ties=_row(tie_rows, code) if tie_rows is not None else None,
        deepseek=shares[shares["iso3"] == code].reset_index(drop=True),
        deepseek_region=_statements_for(statements, region),
        scenario=paths,
        scenario_start_regional=own_start,
        gaps=gaps(coverage),
    )


def _edelman(curated: pd.DataFrame, code: str) -> pd.DataFrame:
    """The country's Edelman Trust Barometer figure (a value, not a bound), if the wave has one."""
    try:
        rows = reach.survey_facts(curated, reach.BAROMETER, where="countries.view")
    except ValueError:  # no trust facts at this as_of: a data gap, said by the coverage
        return curated.iloc[0:0]
    rows = rows[rows["qualifier"].isin(["exact", "approx"])]
    return rows[[bool(c) and regions.iso3(c) == code for c in rows["country"]]].reset_index(drop=True)


def _statements_for(statements: pd.DataFrame, region: str) -> pd.DataFrame:
    """The region-level DeepSeek statements that bear on a region (e.g. Africa for Sub-Saharan Africa)."""
    if statements.empty:
        return statements
    keep = [region in str(r).split("; ") for r in statements["reporting_regions"]]
    return statements[keep].reset_index(drop=True)
