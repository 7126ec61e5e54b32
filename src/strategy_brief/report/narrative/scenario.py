"""Prose of the scenario section: reader-facing names of parameters and scenarios, the sentences, the
source notes and the assumption annex, each computed from an analysis.scenario.Outlook."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis import scenario as model
from strategy_brief.analysis.indicators import usage
from strategy_brief.curated import facts
from strategy_brief.data import provenance

TOP = 10  # swings the sensitivity chart and its text show

# The named scenarios of scenarios.yml as readers read them.
TITLES = {
    "status_quo": "Status quo",
    "us_opens_up": "US opens up",
    "controls_tighten": "Export controls tighten",
    "controls_loosen": "Export controls loosen",
    "gap_closes": "Capability gap closes",
    "china_cloud_expands": "Chinese clouds expand",
}
# Every parameter (model.PARAMETERS) as readers read it.
LABELS = {
    "start_year": "Start year",
    "adoption_start": "People using generative AI at the start",
    "adoption_ceiling": "Adoption ceiling",
    "adoption_growth": "Adoption growth rate",
    "trust_in_ai": "Public trust in AI",
    "trust_reference": "Reference level of trust",
    "trust_adoption_elasticity": "Effect of trust on adoption speed",
    "inertia": "Adopters keeping their stack each year",
    "share_start_china": "Chinese stack's starting share",
    "share_start_other": "Other stacks' starting share",
    "price_us": "US stack's price",
    "price_china": "Chinese stack's price",
    "price_other": "Other stacks' price",
    "openness_us": "US stack's open-weight share",
    "openness_china": "Chinese stack's open-weight share",
    "openness_other": "Other stacks' open-weight share",
    "capability_gap_us": "US stack's capability gap",
    "capability_gap_china": "Chinese stack's capability gap",
    "capability_gap_other": "Other stacks' capability gap",
    "trust_us": "Trust in the US stack",
    "trust_china": "Trust in the Chinese stack",
    "trust_other": "Trust in other stacks",
    "cloud_regions_us": "US providers' cloud regions",
    "cloud_regions_china": "Chinese providers' cloud regions",
    "cloud_expansion_us": "US cloud expansion (multiplier)",
    "cloud_expansion_china": "Chinese cloud expansion (multiplier)",
    "cloud_presence_other": "Other stacks' cloud presence",
    "b_price": "Weight on price",
    "b_open": "Weight on open weights",
    "b_cap": "Weight on capability",
    "b_trust": "Weight on trust in the stack",
    "b_cloud": "Weight on local cloud presence",
}


def title(scenario: str) -> str:
    """A named scenario's title ('Status quo'); an unnamed one from its key ('new_case' → 'New case')."""
    return TITLES.get(scenario, scenario.replace("_", " ").capitalize())


def label(parameter: str) -> str:
    """A parameter's reader-facing name ('b_price' → 'Weight on price'); an unknown one as it is."""
    return LABELS.get(parameter, parameter)


def assumption_value(parameter: str, value: float, low: float, high: float) -> str:
    """An assumption's central value and range as the annex prints it: '0.5 (0.3 to 0.7)'; '0.8' if fixed."""
    if parameter == "start_year":
        return str(int(value))
    central, lo, hi = (fmt.number(v, 3) for v in (value, low, high))
    return central if lo == hi == central else f"{central} ({lo} to {hi})"


def where(o: model.Outlook) -> str:
    """What the headline numbers are for: the region, or Global's unweighted mean over the regions."""
    return f"the {len(o.regions)} regions (unweighted mean)" if o.is_global else o.region


def scenario_line(o: model.Outlook) -> str:
    """The line that ends a chart's subtitle: draws, scenario and the label."""
    return f'\n{o.draws:,} draws · scenario "{title(o.scenario)}" · {model.LABEL}'


def draws_line(o: model.Outlook) -> str:
    """The same without the scenario, for a chart of every scenario."""
    return f"\n{o.draws:,} draws · {model.LABEL}"


# ------------------------------------------------------------------------------------------------ sources


@dataclass(frozen=True, eq=False)
class Sources:
    """Source notes of the section: the model line, the charts' note, the annex's note naming every fact."""

    model: str
    chart: str
    full: str
    tables: list[str]
    curated: pd.DataFrame


def sources(o: model.Outlook) -> Sources:
    """The processed tables and curated facts the assumptions rest on, as source notes."""
    fact_ids = model.facts_behind(o.assumptions)
    curated = facts.load()
    tables = [
        t
        for t in provenance.tables_table()["table"]
        if o.assumptions["source"].str.contains(t, regex=False).any()
    ]
    line = (
        f"Model: strategy_brief.analysis.scenario ({model.LABEL.lower()}), {o.draws:,} draws (seed {o.seed})."
    )
    # Charts name the datasets and the fact ids; the assumptions annex names every fact's source too.
    chart = (
        f"{line} {provenance.source_note(tables)} And {len(fact_ids)} curated facts: their ids and "
        "sources with the scenario assumptions (annex)."
    )
    full = f"{line} {provenance.source_note(tables, facts=curated[curated['fact_id'].isin(fact_ids)])}"
    return Sources(line, chart, full, tables, curated)


# ------------------------------------------------------------------------------------------------- prose


def key_finding(o: model.Outlook) -> str:
    """The section's key finding: the headline share at the horizon against the start."""
    h = o.headline
    return (
        f'{model.LABEL}. Under the "{title(o.scenario)}" scenario, a median '
        f"{fmt.share(h['share_china_median'])} of AI users in {where(o)} would run "
        f"primarily on a Chinese model stack by {o.horizon} (80% interval "
        f"{fmt.share(h['share_china_p10'])} to "
        f"{fmt.share(h['share_china_p90'])}{', regional bounds averaged' if o.is_global else ''}), against "
        f"{fmt.share(o.start_share)} in {o.start_year}."
    )


def key_figures(o: model.Outlook, edition: str) -> list[dict]:
    """The headline's median and 80% bounds as record.key_figure arguments."""
    return [
        {
            "name": f"china_stack_share_horizon_{stat}",
            "value": round(float(o.headline[f"share_china_{stat}"]), 4),
            "unit": "share of AI users",
            "label": f"Chinese-stack share of AI users, {o.horizon} {stat}, {where(o)}, "
            f"scenario {o.scenario} ({model.LABEL.lower()})",
            "as_of": edition,
            "source": "scenario_assumptions.csv; scenarios.yml; strategy_brief.analysis.scenario",
        }
        for stat in ("median", "p10", "p90")
    ]


def scenario_text(o: model.Outlook) -> str:
    """The scenario's description and what it changes against the status quo."""
    changed = o.table[o.table["scenario_change"] != ""]
    if changed.empty:
        changes = "It changes no assumption."
    else:
        parts = sorted(
            {
                f"{fmt.mid_sentence(label(r.parameter))}: {r.scenario_change.split(': ', 1)[1]}"
                for r in changed.itertuples()
            }
        )
        changes = "Relative to the status quo it changes " + "; ".join(parts) + "."
    return (
        f"**{title(o.scenario)}.** {o.scenarios[o.scenario]['description']} {changes} Every assumption is "
        f"drawn {o.draws:,} times from its range; the charts show the median and the 80% interval (10th to "
        f"90th percentile) of the results from {o.start_year} to {o.horizon}: what the assumptions imply, "
        "not what will happen."
    )


def change_digits(start: float, end: float) -> int:
    """Decimals that tell two shares apart in print: 0, or 1 where both would round to one whole percent."""
    return 1 if fmt.share(start) == fmt.share(end) and start != end else 0


def outcome_text(o: model.Outlook) -> str:
    """How to read the share, the central path's split between stacks, and why regions differ."""
    h, cloud, horizon = o.headline, o.chinese_cloud, o.horizon
    rise = h["share_china_median"] - o.start_share
    digits = change_digits(o.start_share, h["share_china_median"])
    shares = ["share_us", "share_china", "share_other"]
    stacks = o.central_end[shares].mean() if o.is_global else o.central_end.loc[o.region]
    if o.is_global:
        most, least = cloud.idxmax(), cloud.idxmin()
        low_region = o.end["share_china_median"].idxmin()
        spread = (
            f"The regions differ mainly through where US and Chinese providers have cloud regions (Chinese "
            f"providers hold {fmt.share(cloud[most])} of the two blocs' regions today in {most}, "
            f"{fmt.share(cloud[least])} in {least}) and a little through how fast they adopt: {o.focus} ends "
            f"highest and {low_region} lowest."
        )
    else:
        rank = int(o.end["share_china_median"].rank(ascending=False)[o.region])
        spread = (
            f"{o.region} has the {'highest' if rank == 1 else fmt.ordinal(rank) + '-highest'} median of the "
            f"{len(o.end)} regions. The regions differ mainly through where US and Chinese providers have "
            f"cloud regions: Chinese providers hold today {fmt.share(cloud[o.region])} of the two blocs' "
            f"regions in {o.region}, against {fmt.share(cloud.min())} to {fmt.share(cloud.max())} across the "
            "regions."
        )
    return (
        f"Read the outcome as the share of people who use AI, not of all people, whose main "
        f"model stack is Chinese: in {where(o)} it moves {'up' if rise >= 0 else 'down'} by "
        f"{fmt.points(round(100 * abs(rise), digits), digits)} in the median path, from "
        f"{fmt.share(o.start_share, digits)} in {o.start_year} to "
        f"{fmt.share(h['share_china_median'], digits)} in {horizon}. With a median "
        f"{fmt.share(o.adopting)} of working-age people using AI by {horizon}, that is roughly "
        f"{fmt.share(o.adopting * h['share_china_median'])} of all working-age people. On the central path "
        f"(every assumption at its central value) the US stack holds {fmt.share(stacks['share_us'])} of "
        f"adopters in {horizon}, the Chinese {fmt.share(stacks['share_china'])} and other origins "
        f"{fmt.share(stacks['share_other'])}. {spread}"
    )


def swings_text(o: model.Outlook, top: int = TOP) -> str:
    """What the sensitivity chart shows: the central path against the median, and how much the judged
    weights move the result."""
    swings = o.swings
    central = swings.attrs["central_share_china"]
    median_focus = o.end.loc[o.focus, "share_china_median"]
    why = (
        f"{o.focus} is shown because it has the largest median Chinese-stack share of the {len(o.regions)} "
        "regions. "
        if o.is_global
        else ""
    )
    below = swings.iloc[top]["swing"] if len(swings) > top else 0.0
    weights = sum(model.stack_of(p) == "" and p.startswith("b_") for p in swings.head(top)["parameter"])
    return (
        f"{why}The bars swing around the central path, where every assumption sits at its central value: "
        f"{fmt.share(central)} in {o.horizon}, {'above' if central > median_focus else 'below'} the median "
        f"of the draws ({fmt.share(median_focus)}) because many ranges are lopsided around their central "
        "values. The weights that translate price, openness, capability and cloud presence into choices are "
        f"judgements, and {weights} of the {top} largest swings come from them; every other assumption moves "
        f"the share by less than {fmt.points(100 * below, 1)}."
    )


def against_reference_text(o: model.Outlook, compare: pd.DataFrame) -> str:
    """Where the scenario moves the horizon's median most, and (for a region) how much there."""
    biggest = compare.loc[compare["change"].abs().idxmax()]
    here = compare.set_index("region").loc[o.region] if not o.is_global else None
    there = (
        "."
        if o.is_global or biggest["region"] == o.region
        else f"; in {o.region} it moves it {fmt.points_change(100 * here['change'])}, from "
        f"{fmt.share(here['status_quo_median'])} to {fmt.share(here['scenario_median'])}."
    )
    return (
        f"The scenario moves the {o.horizon} median most in {biggest['region']}"
        + (" itself" if biggest["region"] == o.region else "")
        + f" ({fmt.points_change(100 * biggest['change'])}, from "
        f"{fmt.share(biggest['status_quo_median'])} to {fmt.share(biggest['scenario_median'])})"
        + there
        + " Both runs use the same draws (same seed), so the difference comes from the scenario's changes "
        "alone."
    )


def across_scenarios_text(o: model.Outlook, compare: pd.DataFrame) -> str:
    """The range of the named scenarios' medians in the focus region, and whether their intervals overlap."""
    hi, lo = compare.iloc[-1], compare.iloc[0]
    text = (
        f"This edition shows the status quo. Across the {len(compare)} named scenarios, the {o.horizon} "
        f"median in {o.focus} ranges from {fmt.share(lo['share_china_median'])} "
        f'("{title(lo["scenario"])}") to '
        f'{fmt.share(hi["share_china_median"])} ("{title(hi["scenario"])}")'
    )
    if compare["share_china_p10"].max() < compare["share_china_p90"].min():
        spread = fmt.points(round(100 * (hi["share_china_median"] - lo["share_china_median"])))
        return (
            f"{text}, a spread of {spread}; the 80% intervals of all {len(compare)} overlap, so the "
            "uncertainty within each scenario is as large as the differences between them."
        )
    return f"{text}."


def data_gaps(o: model.Outlook) -> list[str]:
    """The data-gap box: the global starting share, trust (survey-wide fallback), and the judgements."""
    table, assumptions = o.table, o.assumptions
    start = table.set_index(["parameter", "region"]).loc[("share_start_china", "all")]
    trust = assumptions[assumptions["name"] == "trust_in_ai"]
    fallback = trust.loc[trust["data_gap"], "region"].tolist()
    if o.is_global:
        countries = trust.loc[~trust["data_gap"], "detail"].str.count(r"\(F")
        gap = trust[trust["data_gap"]].iloc[0]
        trust_text = (
            f"{fmt.listed(fallback)} have no country in the trust survey and take its survey-wide figure "
            f"({fmt.share(gap['value'])}, range {fmt.share(gap['low'])} to {fmt.share(gap['high'])}); each "
            f"of the other {int((~trust['data_gap']).sum())} regions "
            + (
                "rests on a single country."
                if countries.max() == 1
                else f"rests on {countries.min()} to {countries.max()} countries."
            )
        )
    else:
        here = trust[trust["region"] == o.region].iloc[0]
        if o.region in fallback:
            trust_text = (
                f"No country of {o.region} is in the trust survey: the region takes its survey-wide figure "
                f"({fmt.share(here['value'])}) with the range of the surveyed countries "
                f"({fmt.share(here['low'])} to {fmt.share(here['high'])})."
            )
        else:
            trust_text = (
                f"Trust in AI in {o.region} ({fmt.share(here['value'])}) rests on the survey's figure for "
                f"{here['detail']}"
                + (": one country stands for the region." if here["detail"].count("(F") == 1 else ".")
            )
    at_focus = o.swings[o.swings["parameter"] == "trust_in_ai"].iloc[0]
    trust_effect = (
        f" (in {o.focus}, trust across that range moves the {o.horizon} share by "
        f"{fmt.points(100 * at_focus['swing'], 1)})"
        if o.focus in fallback
        else ""
    )
    gaps = sorted(
        {label(p) for p in table.loc[table["data_gap"], "parameter"]}
        - {label("trust_in_ai"), label("share_start_china")}
    )
    judged = table.drop_duplicates("parameter")
    own = table[(table["parameter"] == "share_start_china") & (table["region"] != "all")]
    return [
        f"The starting share of the Chinese stack ({fmt.share(start['value'], 1)}, range "
        f"{fmt.share(start['low'], 1)} to {fmt.share(start['high'], 1)}) is one global figure: its anchors, "
        "OpenRouter tokens and Hugging Face downloads, are global platforms with no regional breakdown"
        + (
            "; only "
            + fmt.listed(
                f"{r.region} has a row of its own ({fmt.share(r.value, 1)}, range {fmt.share(r.low, 1)} to "
                f"{fmt.share(r.high, 1)})"
                for r in own.itertuples()
            )
            if len(own)
            else ", the same in every region"
        )
        + ". Regions otherwise differ mainly through the cloud footprint of US and Chinese providers and "
        f"their observed adoption. {trust_text} Trust in AI sets how fast people adopt, not which stack they "
        "choose: the gap "
        "moves the adopting fraction, and the Chinese-stack share only through the pace of new adoption"
        f"{trust_effect}.",
        f"No fact measures {fmt.listed([fmt.mid_sentence(g) for g in gaps])}: these are judgements, flagged "
        f"in the scenario assumptions (annex). In all, {int((judged['source'] == 'judgement').sum())} of the "
        f"{len(judged)} assumptions are judgements without a source, and the draws treat every range as "
        "independent of the others, so the 80% intervals describe the stated ranges, not the odds of an "
        "outcome. Attributes stay at their scenario level for the whole horizon.",
    ]


# ------------------------------------------------------------------------------------------- backtest


def _growth(o: model.Outlook) -> pd.Series:
    """The adoption growth rate's central value, low and high in the base assumptions (all regions)."""
    rows = o.base[o.base["name"] == "adoption_growth"]
    return rows[rows["region"] == ""].iloc[0] if (rows["region"] == "").any() else rows.iloc[0]


def backtest_table(result: pd.DataFrame, o: model.Outlook, notes: Sources) -> dict:
    """`record.show_table`'s arguments: per region, the observed start and end, the projection with its
    range over the growth rate's low to high, the error and whether the observation lies in the range
    (`result`: analysis.scenario.backtest.backtest)."""
    start, end = result["start_period"].iloc[0], result["end_period"].iloc[0]
    growth = _growth(o)
    cells = pd.DataFrame(
        {
            "region": [f"{r.region} (indication)" if r.indication else r.region for r in result.itertuples()],
            "start": [fmt.share(v, 1) for v in result["start_share"]],
            "projected": [fmt.share(v, 1) for v in result["projected"]],
            "range": [
                f"{fmt.share(lo, 1)} to {fmt.share(hi, 1)}"
                for lo, hi in zip(result["projected_low"], result["projected_high"], strict=True)
            ],
            "observed": [fmt.share(v, 1) for v in result["observed"]],
            "error": [f"{'+' if e > 0 else ''}{fmt.number(e, 1)} pp" for e in result["error_pp"]],
            "in_range": ["yes" if x else "no" for x in result["in_range"]],
        }
    )
    return {
        "frame": cells,
        "caption": f"Backtest of the adoption curve: from the observed {start} medians to {end}, by region "
        f"({model.LABEL.lower()})",
        "source_note": f"{notes.model} {provenance.source_note([usage.USER_SHARE])}",
        "columns": {
            "region": "Region",
            "start": f"Observed, {start}",
            "projected": f"Projected, {end} (growth {fmt.number(growth['value'], 2)})",
            "range": f"Range, growth {fmt.number(growth['low'], 2)} to {fmt.number(growth['high'], 2)}",
            "observed": f"Observed, {end}",
            "error": "Error (projected minus observed)",
            "in_range": "Observed in range",
        },
    }


def backtest_text(result: pd.DataFrame, summary, o: model.Outlook) -> str:
    """What the backtest says about the central growth rate, where it misses most, which regions are
    indications, and that the model now starts every region from its own observed adoption
    (`summary`: backtest.summarise)."""
    growth = _growth(o)
    n = summary.regions
    if summary.over >= summary.under:
        verdict = f"over-predicts the observed median in {summary.over} of {n} regions"
        other = f" (under-predicts in {summary.under})" if summary.under else ""
    else:
        verdict = f"under-predicts the observed median in {summary.under} of {n} regions"
        other = f" (over-predicts in {summary.over})" if summary.over else ""
    outside = result[~result["in_range"]]
    thin = result[result["indication"]]
    starts = o.table[o.table["parameter"] == "adoption_start"]
    text = (
        f"Started from each region's median AI user share in {summary.start_period} and run over the "
        f"{fmt.number(summary.elapsed_years, 2)} years to {summary.end_period} (between the periods' end "
        "dates) with the model's logistic adoption and its trust adjustment, the model's central growth rate "
        f"({fmt.number(growth['value'], 2)} a year) {verdict}{other}, by "
        f"{fmt.points(summary.mean_abs_error_pp, 1)} on average and most in "
        f"{fmt.region(summary.largest_error_region)} ({fmt.points(abs(summary.largest_error_pp), 1)} "
        f"{'too high' if summary.largest_error_pp > 0 else 'too low'}). The observed median lies within the "
        f"projections for growth rates from {fmt.number(growth['low'], 2)} to "
        f"{fmt.number(growth['high'], 2)} in "
        f"{summary.in_range} of {n} regions"
    )
    if len(outside):
        text += "; " + fmt.listed(
            f"in {fmt.region(r.region)} it lies {'below' if r.observed < r.projected_low else 'above'} the "
            f"{'low' if r.observed < r.projected_low else 'high'}-growth projection"
            for r in outside.itertuples()
        )
    text += "."
    if len(thin):
        text += (
            f" A median of fewer than {usage.FEW_ESTIMATES} estimates is an indication: "
            + fmt.listed(f"{fmt.region(r.region)} ({int(r.estimates)})" for r in thin.itertuples())
            + "."
        )
    own = starts[starts["region"] != "all"]
    if len(own):
        rows = o.assumptions[o.assumptions["name"] == "adoption_start"]
        details = rows["detail"] if "detail" in rows else pd.Series(dtype=str)
        periods = sorted({d.split(":")[0] for d in details if d})
        text += (
            " The scenario's paths do not start from one global adoption figure: the assumption table's "
            "adoption start is each region's own observed median"
            + (f" ({fmt.listed(periods)})" if periods else "")
            + f", from {fmt.share(own['value'].min(), 1)} to {fmt.share(own['value'].max(), 1)} across the "
            f"{len(own)} regions, so a growth rate that misses here makes the paths' pace of adoption, not "
            "their starting points, too fast or too slow."
        )
    return text


def backtest_figures(summary, edition: str) -> list[dict]:
    """Key figure: the backtest's mean absolute error of the central growth rate (percentage points)."""
    return [
        {
            "name": "adoption_backtest_mean_abs_error_pp",
            "value": round(float(summary.mean_abs_error_pp), 2),
            "unit": "percentage points",
            "label": f"Adoption curve backtest, {summary.start_period} to {summary.end_period}: mean "
            f"absolute error of the central growth rate over {summary.regions} regions "
            f"({model.LABEL.lower()})",
            "as_of": edition,
            "source": "ai_user_share_by_economy; scenario_assumptions.csv; strategy_brief.analysis.scenario",
        }
    ]
