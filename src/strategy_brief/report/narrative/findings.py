"""The sentences and the reader-facing scorecard built on `analysis.findings`: the executive brief's key
finding, the implications for each side, and the scorecard table, shared by the executive briefs, the
overview and the implications section so that they cannot disagree."""

# Reader-facing sentences read better unbroken than wrapped mid-clause.
# ruff: noqa: E501

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis import uncertainty
from strategy_brief.analysis.findings import RegionView, Score, leads, show
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.data import vintage
from strategy_brief.report import key_figures
from strategy_brief.report.narrative import scenario as scenario_text

# The scorecard table's column headings (score_table's columns; `source` goes to the source note).
SCORE_COLUMNS = {
    "dimension": "Dimension",
    "measure": "Measure",
    "us": "United States",
    "china": "China",
    "favours": "Favours",
    "as_of": "As of",
}


# How a sentence names a side's share, and the other side's figures.
_SHARE_OF = {US: "the US share", CN: "China's share"}
_ADJECTIVE = {US: "US", CN: "Chinese"}


def newer_share(side: str, year: int | str, shown: str) -> str:
    """A side's share of a year newer than the one both sides are compared in, so the other side has no
    figure for it: "China's share was 54% in 2024 (no US figure for 2024)"."""
    other = CN if side == US else US
    return f"{_SHARE_OF[side]} was {shown} in {year} (no {_ADJECTIVE[other]} figure for {year})"


def newer_shares(score: Score) -> str:
    """Every newer figure of a score (`Score.newer`) as `newer_share` clauses joined by '; ', or ''."""
    return "; ".join(
        newer_share(side, year, show(value, score.unit)) for side, (year, value, _) in score.newer.items()
    )


def newer_key_figures(scores: list[Score]) -> list[dict]:
    """The key figures of the newer figures the scorecard states (record.key_figure's arguments): China's
    latest robot share, under the name and rounding the policy section records it with."""
    return [
        key_figures.china_robot_share_latest(value, year, source)
        for s in scores
        if s.key == "robot_share"
        for side, (year, value, source) in s.newer.items()
        if side == CN
    ]


def scenario_adjective(name: str) -> str:
    """A scenario named as a modifier: 'status-quo' for the reference, any other by its title in quotes."""
    return "status-quo" if name == "status_quo" else f'"{scenario_text.title(name)}"'


def month(day: str) -> str:
    """'2025-08-04' → 'August 2025'; a bare year stays a year."""
    return f"{date.fromisoformat(day):%B %Y}" if len(day) == 10 else day


def dated(sentence: str, newest: str, edition: str) -> str:
    """`sentence` opened with 'As of <Month YYYY>, ' when its newest data (`newest`, ISO) is more than
    vintage.STALE_MONTHS whole months older than the edition; unchanged otherwise or when either is ''."""
    if not (newest and edition) or not vintage.is_stale(newest, edition):
        return sentence
    return f"As of {month(newest[:10])}, {fmt.mid_sentence(sentence)}"


def leads_finding(scores: list[Score], newest: str = "", edition: str = "") -> str:
    """The implications' key finding: which dimensions each side leads on (dated when the data is old)."""
    us_leads, china_leads = leads(scores)
    return dated(
        f"The United States holds the edge on {fmt.listed(us_leads, empty='none of the measures')}, China on "
        f"{fmt.listed(china_leads, empty='none of them')}: each strategy plays to what its side has.",
        newest,
        edition,
    )


def cloud_share(view: RegionView) -> str:
    """China's share of the two sides' cloud regions in the view's region, with its 95% Wilson interval
    when it rests on fewer than 100 regions."""
    total = view.cloud_us + view.cloud_china
    shown = fmt.percent(100 * view.china_cloud_share)
    if not total or not bool(uncertainty.needs_interval(total)):
        return shown
    low, high = uncertainty.wilson_interval(view.cloud_china, total)
    return f"{shown} (95% interval {fmt.percent(100 * float(low))}–{fmt.percent(100 * float(high))})"


def headline(scores: list[Score], view: RegionView, newest: str = "", edition: str = "") -> str:
    """The executive brief's one-sentence key finding for a region. With the newest day of the data behind
    it (`newest`: vintage.newest of findings.HEADLINE_TABLES) and the edition, a headline on data more than
    vintage.STALE_MONTHS months old opens 'As of <Month YYYY>', and a cloud map that old is dated."""
    by = {s.key: s for s in scores}
    cap, price, open_share = by["eci_best"], by["median_price"], by["open_weight_share"]
    where = "worldwide" if view.region == regions.GLOBAL else f"in {fmt.region(view.region)}"
    lead = (
        f"the United States still builds the most capable models (best ECI {cap.shown(US)} against "
        f"{cap.shown(CN)}; {cap.note})"
        if cap.favours == US
        else f"China now builds the most capable models (best ECI {cap.shown(CN)} against {cap.shown(US)})"
    )
    evidence = (
        f"{open_share.shown(CN)} of its notable models of {open_share.as_of} had open weights against "
        f"{open_share.shown(US)} of America's; median list price {price.shown(CN)} against {price.shown(US)}"
    )
    traits = [t for t, side in (("open", open_share.favours), ("cheap", price.favours)) if side == CN]
    contrast = (
        f"but China's models are the {' and '.join(traits)} ones ({evidence}), "
        if traits
        else f"and China's models are neither the more open nor the cheaper ones ({evidence}), "
    )
    old_map = bool(edition) and vintage.is_stale(view.cloud_as_of[:10], edition)
    in_map = f" in the {month(view.cloud_as_of[:10])} map" if old_map else ""
    sentence = f"{lead[0].upper()}{lead[1:]}, {contrast}" + (
        f"and {where} Chinese providers run {cloud_share(view)} of the two countries' "
        f"public-cloud regions{in_map}."
        if view.cloud_us + view.cloud_china
        else f"and {where} neither country's providers list a public-cloud region{in_map}."
    )
    return dated(sentence, newest, edition)


def trust_in(view: RegionView) -> str:
    """'76% in Nigeria, the only country of the region surveyed' or 'an average 61% across 3 countries'."""
    rows = view.trust
    if len(rows) == 1:
        row = rows.iloc[0]
        return f"{fmt.percent(row['trust_pct'])} in {fmt.country(row['country'])}, the region's only surveyed country"
    listed = ", ".join(f"{fmt.country(r.country)} {fmt.percent(r.trust_pct)}" for r in rows.itertuples())
    return f"an average {fmt.percent(view.trust_mean)} across {len(rows)} surveyed countries ({listed})"


def implications(scores: list[Score], view: RegionView) -> dict[str, list[str]]:
    """What the findings imply for each side, as sentences whose framing follows the numbers' signs."""
    by = {s.key: s for s in scores}
    cap, price, chips = by["eci_best"], by["median_price"], by["best_chip"]
    open_share, top = by["open_weight_share"], by["open_models_in_top"]
    money, robots = by["private_investment"], by["robot_share"]
    where = "across regions" if view.region == regions.GLOBAL else f"in {fmt.region(view.region)}"
    us, cn = [], []

    if cap.favours == US:
        us.append(
            f"The capability lead is real but short ({cap.note} on the ECI, {month(cap.as_of)}): it has to be "
            "renewed with every model generation, and it is the main thing the closed, paid-API model sells."
        )
        cn.append(
            f'"Good enough" holds while the gap stays small ({cap.note}, {month(cap.as_of)}); a widening '
            "gap would make the open stack the second choice for demanding uses."
        )
    else:
        us.append(
            f"China's best model matches or beats America's on the ECI ({month(cap.as_of)}): the closed "
            "model's main selling point, the capability lead, is not visible in this index."
        )
        cn.append(f"China's best model is level with or ahead of America's on the ECI ({month(cap.as_of)}).")
    if price.favours == CN:
        us.append(
            f"The lead is sold at a premium: the median US model lists at {fmt.times(price.ratio)} the "
            f"median Chinese one ({month(price.as_of)} price list), which is what price-sensitive buyers "
            f"{where} compare first."
        )
    if open_share.favours == CN:
        cn.append(
            f"Open weights are the distribution channel: {open_share.shown(CN)} of China's notable models of "
            f"{open_share.as_of} were open against {open_share.shown(US)} of America's, and "
            f"{top.shown(CN)} Chinese against {top.shown(US)} US open-weight models sit among the leading "
            f"LMArena models ({month(top.as_of)})."
        )
    if chips.favours == US:
        us.append(
            f"Hardware is the strongest lever: among AI chips released in {chips.as_of}, the best US-designed one "
            f"has {fmt.times(chips.ratio)} the throughput of the best Chinese one, the margin export controls are "
            "meant to keep."
        )
        cn.append(
            f"Compute is the binding constraint: its best AI chip of {chips.as_of} delivers a fraction of the best "
            f"American one of that year ({chips.shown(CN)} against {chips.shown(US)} FP16 TFLOP/s)."
        )
    if money.favours == US:
        us.append(
            f"Private money is on its side ({money.shown(US)} against {money.shown(CN)} in {money.as_of}); "
            "Chinese state funding is not in these figures."
        )
    if robots.favours == CN:
        later = newer_shares(robots)
        cn.append(
            f"Factories are a data source the US lacks at the same scale: China installed {robots.shown(CN)} of "
            f"the world's new industrial robots in {robots.as_of}, against {robots.shown(US)} for the US"
            + (f", the newest year with figures for both; {later}." if later else ".")
        )

    if view.region != regions.GLOBAL:
        if np.isnan(view.trust_mean):
            trust_clause = (
                f"no country of {fmt.region(view.region)} is in the {view.trust_survey}, so trust is unknown"
            )
        else:
            trust_clause = (
                f"trust in AI stands at {trust_in(view)}, against {fmt.percent(view.trust_us)} in the "
                "United States"
            )
        if not view.cloud_us + view.cloud_china:
            us.append(
                f"In {fmt.region(view.region)}, neither country's providers list a public-cloud region and "
                f"{trust_clause}: local capacity is open ground for whichever side builds it first."
            )
        elif view.cloud_china > view.cloud_us:
            us.append(
                f"In {fmt.region(view.region)}, Chinese providers run most of the two countries' cloud regions "
                f"({fmt.number(view.cloud_china, 0)} of {fmt.number(view.cloud_us + view.cloud_china, 0)}) and "
                f"{trust_clause}: local presence is where the closed stack has the most ground to make up."
            )
        elif view.cloud_china == view.cloud_us:
            us.append(
                f"In {fmt.region(view.region)}, US and Chinese providers run as many cloud regions each "
                f"({fmt.number(view.cloud_us, 0)}) and {trust_clause}: local presence is contested ground."
            )
        else:
            us.append(
                f"In {fmt.region(view.region)}, US providers run most of the two countries' cloud regions "
                f"({fmt.number(view.cloud_us, 0)} of {fmt.number(view.cloud_us + view.cloud_china, 0)}) and "
                f"{trust_clause}: local presence is an asset to keep."
            )
        cn.append(
            f"The illustrative {scenario_adjective(view.scenario_name)} scenario puts a median {fmt.percent(100 * view.scenario_median)} of "
            f"AI users in {fmt.region(view.region)} on a Chinese stack by {view.scenario_years[1]} (80% interval "
            f"{fmt.percent(100 * view.scenario_p10)} to {fmt.percent(100 * view.scenario_p90)}): an illustration "
            "of the assumptions, not a forecast."
        )
    return {US: us, CN: cn}


def score_table(scores: list[Score]) -> pd.DataFrame:
    """The scorecard as a reader-facing table."""
    names = {US: "United States", CN: "China", "": "neither"}
    return pd.DataFrame(
        [
            {
                "dimension": s.dimension,
                "measure": s.measure,
                "us": _with_newer(s, US),
                "china": _with_newer(s, CN),
                "favours": names[s.favours] + (f" ({s.note})" if s.note else ""),
                "as_of": s.as_of,
                "source": s.source,
            }
            for s in scores
        ]
    )


def _with_newer(score: Score, side: str) -> str:
    """A side's scorecard cell: its value, and its newer figure where the other side has none
    ('51% (54% in 2024; no US figure)')."""
    if side not in score.newer:
        return score.shown(side)
    year, value, _ = score.newer[side]
    other = _ADJECTIVE[CN if side == US else US]
    return f"{score.shown(side)} ({show(value, score.unit)} in {year}; no {other} figure)"


def by_strategy(sides: dict[str, list[str]]) -> dict[str, list[str]]:
    """The implications (implications' output) under a heading per side, for record.show_points."""
    return {
        f"For the {'United States' if side == US else 'Chinese'} strategy": p for side, p in sides.items()
    }
