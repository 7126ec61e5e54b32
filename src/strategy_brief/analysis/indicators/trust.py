"""Trust in AI from the UNDP HDR 2025 survey (a third-party transcription), beside Edelman's, never mixed.

The UNDP survey asks how confident people are in AI systems; Edelman's Trust Barometer whether they trust
AI. Different questions, populations and scales: this module reports UNDP shares on their own, and
compares the two sources only by which countries and regions each covers (`trust_source_coverage`), so a
region brief can say which source it shows and where neither reaches. The Edelman facts are read with
reach.trust_by_group, the one reader of a survey wave.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators import reach
from strategy_brief.curated import facts as facts_mod
from strategy_brief.curated import regions
from strategy_brief.data import processed
from strategy_brief.data.steps import trust as steps

UNDP_TABLE = "undp_trust_in_ai_by_country"
UNDP = steps.SURVEY  # 'UNDP HDR 2025 survey (third-party transcription)': every use names the transcription
EDELMAN = reach.BAROMETER
NO_SOURCE = "none"
CONFIDENCE = ("very_confident", "somewhat_confident", "not_very_confident", "not_at_all_confident")
CONFIDENT = steps.CONFIDENT
ROWS = (*regions.REPORTING_REGIONS, regions.GLOBAL)


def _columns(frame: pd.DataFrame, columns: set[str], caller: str) -> None:
    """Refuse a frame without the columns (an empty one is a data gap, not an error)."""
    missing = sorted(columns - set(frame.columns))
    if missing:
        raise ValueError(f"{caller}: input lacks column(s) {missing}")


def _undp_rows(table: pd.DataFrame, caller: str) -> pd.DataFrame:
    """The processed UNDP table, refused if any row is of another survey (no scale is ever mixed); it may
    have no rows (an as_of before the report)."""
    _columns(table, {"iso3", "country", "world_region", "measure", "share", "survey"}, caller)
    others = sorted(set(table["survey"]) - {UNDP})
    if others:
        raise ValueError(f"{caller}: rows of another survey than {UNDP!r}: {others}")
    return table


def undp_confidence(table: pd.DataFrame) -> pd.DataFrame:
    """One row per country: the shares (fractions) very, somewhat, not very and not at all confident in AI
    systems and `confident` (very + somewhat), with the survey's transcription label; most confident first.
    No rows when the table has none (a data gap the caller states)."""
    rows = _undp_rows(table, "undp_confidence")
    rows = rows[rows["measure"].isin((*CONFIDENCE, CONFIDENT))]
    if rows.empty:
        return pd.DataFrame(columns=["iso3", "country", "world_region", *CONFIDENCE, CONFIDENT, "survey"])
    wide = rows.pivot(index=["iso3", "country", "world_region"], columns="measure", values="share")
    lacking = sorted(set((*CONFIDENCE, CONFIDENT)) - set(wide.columns))
    if lacking:
        raise ValueError(f"undp_confidence: no rows for the measure(s) {lacking}")
    incomplete = wide[wide.isna().any(axis=1)]
    if not incomplete.empty:
        lacking_countries = list(incomplete.index.get_level_values("iso3"))
        raise ValueError(f"undp_confidence: countries lacking a measure: {lacking_countries}")
    out = wide[[*CONFIDENCE, CONFIDENT]].reset_index().assign(survey=UNDP)
    out.columns.name = None
    out = out.sort_values([CONFIDENT, "iso3"], ascending=[False, True], kind="mergesort")
    return out.reset_index(drop=True)


def undp_by_region(confidence: pd.DataFrame) -> pd.DataFrame:
    """Per reporting region and Global: how many countries the UNDP transcription covers, the median,
    lowest and highest share confident in AI among them (NaN where none), and which countries. A median of
    fewer than reach.FEW_COUNTRIES countries is an `indication`: show the countries beside it."""
    _columns(confidence, {"country", "world_region", CONFIDENT}, "undp_by_region")
    out = []
    for region in ROWS:
        here = confidence if region == regions.GLOBAL else confidence[confidence["world_region"] == region]
        shares = here[CONFIDENT].astype(float)
        out.append(
            {
                "world_region": region,
                "global_south": region in regions.GLOBAL_SOUTH,
                "undp_countries": len(here),
                "median_confident": float(shares.median()) if len(here) else np.nan,
                "min_confident": float(shares.min()) if len(here) else np.nan,
                "max_confident": float(shares.max()) if len(here) else np.nan,
                "indication": len(here) < reach.FEW_COUNTRIES,
                "countries": "; ".join(sorted(here["country"])),
                "survey": UNDP,
            }
        )
    return pd.DataFrame(out)


def _edelman(facts: pd.DataFrame, survey: str) -> pd.DataFrame:
    """reach.trust_by_group of one Edelman survey; no rows when the facts (before its wave) have none."""
    present = facts[(facts["indicator"] == reach.TRUST) & (facts["primary_source"] == survey)]
    if present.empty:
        return pd.DataFrame(columns=["country", "world_region", "in_mean", "group"])
    return reach.trust_by_group(facts, survey)


def trust_source_coverage(confidence: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Per reporting region and Global, the two trust sources side by side by coverage only (no values, so
    no scale is mixed): countries with an exact Edelman Barometer figure (and those only as a bound), with a
    figure only in Edelman's flash poll, covered by the UNDP transcription, and `source_for_region`: the
    Barometer where it has a country (what the region briefs show today), else the UNDP transcription where
    it covers one, else 'none' (a data gap)."""
    _columns(confidence, {"country", "world_region"}, "trust_source_coverage (UNDP)")
    barometer = _edelman(facts, EDELMAN).dropna(subset=["world_region"])
    flash = _edelman(facts, reach.FLASH_POLL).dropna(subset=["world_region"])
    out = []
    for region in ROWS:

        def here(frame: pd.DataFrame, region: str = region) -> pd.DataFrame:
            return frame if region == regions.GLOBAL else frame[frame["world_region"] == region]

        exact = here(barometer)[here(barometer)["in_mean"].astype(bool)]
        bounded = here(barometer)[~here(barometer)["in_mean"].astype(bool)]
        flash_only = sorted(set(here(flash)["country"]) - set(here(barometer)["country"]))
        undp = here(confidence)
        source = EDELMAN if len(exact) else UNDP if len(undp) else NO_SOURCE
        out.append(
            {
                "world_region": region,
                "global_south": region in regions.GLOBAL_SOUTH,
                "edelman_countries": len(exact),
                "edelman_bounded": len(bounded),
                "edelman_flash_only_countries": len(flash_only),
                "undp_countries": len(undp),
                "source_for_region": source,
                "edelman_listed": "; ".join(sorted(exact["country"])),
                "edelman_flash_only_listed": "; ".join(flash_only),
                "undp_listed": "; ".join(sorted(undp["country"])),
            }
        )
    return pd.DataFrame(out)


@dataclass(frozen=True)
class UndpTrust:
    """The UNDP transcription's confidence in AI per country and region, and both sources' coverage."""

    by_country: pd.DataFrame  # undp_confidence
    by_region: pd.DataFrame  # undp_by_region, indexed by world_region
    coverage: pd.DataFrame  # trust_source_coverage, indexed by world_region
    survey: str = UNDP


def undp_trust(as_of: str | None = None) -> UndpTrust:
    """The tables above from the processed UNDP table and the curated facts known at `as_of`."""
    confidence = undp_confidence(processed.read(UNDP_TABLE, as_of=as_of or None))
    facts = facts_mod.load(as_of=as_of or None)
    return UndpTrust(
        by_country=confidence,
        by_region=undp_by_region(confidence).set_index("world_region"),
        coverage=trust_source_coverage(confidence, facts).set_index("world_region"),
    )
