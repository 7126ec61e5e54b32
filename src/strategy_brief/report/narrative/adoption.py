"""Sentences and table cells of "Who uses AI, where" (the openness and adoption section): AI user shares by
region and the Global South–North gap, a US closed product's reach beside all AI use, Chinese developers'
share of OpenRouter's weekly top 10, DeepSeek's market-share facts, and the developer base with its
collaboration ties. Every number comes from `analysis.indicators.usage`, `deepseek` and `developers`."""

# Reader-facing sentences read better unbroken than wrapped mid-clause.
# ruff: noqa: E501

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis import uncertainty
from strategy_brief.analysis.indicators import developers as dev
from strategy_brief.analysis.indicators import usage
from strategy_brief.curated import regions

SOURCES = {
    usage.USER_SHARE: "Microsoft's AI diffusion series (AI user share by economy)",
    usage.CLAUDE: "the Anthropic Economic Index (Claude.ai use by country)",
    usage.OPENROUTER: "OpenRouter's weekly top-10 models by tokens",
    "deepseek": "Microsoft's AI Diffusion Report (DeepSeek market share by economy)",
    dev.DEVELOPERS: "the GitHub Innovation Graph (developers and collaboration by economy)",
}
# A week where free promotional variants hold more than this share of the top-10 tokens is named.
FREE_HEAVY = 0.2
STATUS_ORDER = (usage.UNDER_REACH, usage.IN_LINE, usage.OVER_REACH, usage.NO_RATIO, usage.NOT_LISTED)


def _last(by_region: pd.DataFrame) -> pd.DataFrame:
    """The newest period's rows of `usage.user_share_by_region`, indexed by world_region."""
    newest = by_region.sort_values("period_end")["period"].iloc[-1]
    return by_region[by_region["period"] == newest].set_index("world_region")


def _first(by_region: pd.DataFrame) -> pd.DataFrame:
    oldest = by_region.sort_values("period_end")["period"].iloc[0]
    return by_region[by_region["period"] == oldest].set_index("world_region")


def no_data(what: str, as_of: str) -> str:
    """The data-gap text of a part of the section whose table has no row at `as_of`."""
    when = f"on or before {fmt.long_date(as_of)}" if as_of else "in this edition"
    return f"No figure from {SOURCES[what]} is dated {when}, so this part of the section has nothing to show yet."


# ------------------------------------------------------------------------------------ AI user share


def user_share(by_region: pd.DataFrame, gap: pd.DataFrame, trend: usage.GapTrend | None, region: str) -> str:
    """The South–North gap in the newest period and how it moved; the regions' range; how pools count;
    the selected region's own median (`by_region`: `usage.user_share_by_region`; `gap`:
    `usage.south_north_gap`; `trend`: `usage.gap_trend`, None with one period)."""
    last = gap.sort_values("period_end").iloc[-1]
    text = (
        f"In {last['period']}, a median {fmt.share(last['south_median'], 1)} of working-age people used "
        f"generative AI in the economies of the Global South, against {fmt.share(last['north_median'], 1)} in "
        f"the Global North: {fmt.points(last['gap_pp'], 1)} apart"
    )
    if trend is None:
        text += ". With one period only, the data show no trend yet."
    else:
        direction = (
            "wider" if trend.gap_change_pp > 0 else "narrower" if trend.gap_change_pp < 0 else "as wide"
        )
        text += (
            f", {direction} than in {trend.first_period} ({fmt.points(trend.gap_first_pp, 1)}): the North's "
            f"median rose {fmt.points(trend.north_change_pp, 1)} and the South's "
            f"{fmt.points(trend.south_change_pp, 1)}."
        )
    here = _last(by_region).drop(index=regions.GLOBAL, errors="ignore")
    low, high = here["median_user_share"].idxmin(), here["median_user_share"].idxmax()
    text += (
        f" By region, the {last['period']} median runs from {fmt.share(here.loc[low, 'median_user_share'], 1)} "
        f"in {fmt.region(low)} to {fmt.share(here.loc[high, 'median_user_share'], 1)} in {fmt.region(high)}"
    )
    if trend is not None:
        change = (here["median_user_share"] - _first(by_region)["median_user_share"]).dropna() * 100
        rose = int((change > 0).sum())
        text += (
            f"; between {trend.first_period} and {last['period']} it rose in "
            + (f"all {rose}" if rose == len(change) else f"{rose} of the {len(change)}")
            + " regions, "
            f"most in {fmt.region(change.idxmax())} ({fmt.points(change.max(), 1)})"
        )
    text += "."
    if region != regions.GLOBAL and region in here.index:
        row, world = here.loc[region], _last(by_region).loc[regions.GLOBAL]
        text += (
            f" In {fmt.region(region)} it was {fmt.share(row['median_user_share'], 1)}, against "
            f"{fmt.share(world['median_user_share'], 1)} across all economies"
            + (f" ({int(row['estimates'])} estimates: an indication)." if row["indication"] else ".")
        )
    return text


def pools(by_region: pd.DataFrame, gap: pd.DataFrame) -> str:
    """How pooled economies are counted, with the counts behind the medians, and which medians are
    indications (fewer than usage.FEW_ESTIMATES estimates)."""
    last = _last(by_region)
    world = last.loc[regions.GLOBAL]
    here = last.drop(index=regions.GLOBAL, errors="ignore")
    most = here["pooled_economies"].idxmax()
    newest = gap.sort_values("period_end").iloc[-1]
    thin = here[here["indication"]]
    north = fmt.listed(regions.GLOBAL_NORTH)
    text = (
        f"**How the economies are counted.** Microsoft gives {int(world['pooled_economies'])} of its "
        f"{int(world['economies_listed'])} economies only the shared estimate of a regional pool, not one of "
        "their own. A pool counts once wherever economies are summarised, so the medians rest on "
        f"{int(world['estimates'])} independent estimates ({int(newest['south_estimates'])} in the Global South, "
        f"{int(newest['north_estimates'])} in the Global North), and no brief shows a pool's value as a "
        f"member's own. Pools weigh most in {fmt.region(most)}: {int(here.loc[most, 'pooled_economies'])} of its "
        f"{int(here.loc[most, 'economies_listed'])} economies are pooled, leaving {int(here.loc[most, 'estimates'])} "
        f"estimates. The Global North is {north} (China included); the Global South the other five regions."
    )
    if not thin.empty:
        text += (
            f" A median of fewer than {usage.FEW_ESTIMATES} estimates is an indication, not a regional figure: "
            + fmt.listed(f"{fmt.region(r)} ({int(row['estimates'])})" for r, row in thin.iterrows())
            + "."
        )
    return text


def user_share_figures(gap: pd.DataFrame, trend: usage.GapTrend | None) -> list[dict]:
    """Key figures: the newest South–North gap and South median, and the gap's change when there is a trend."""
    last = gap.sort_values("period_end").iloc[-1]
    source = usage.USER_SHARE
    figures = [
        {
            "name": "ai_user_share_gap_north_minus_south_pp",
            "value": round(float(last["gap_pp"]), 2),
            "unit": "percentage points",
            "label": f"Median AI user share, Global North minus Global South, {last['period']} (a pool counted once)",
            "as_of": str(last["period_end"]),
            "source": source,
        },
        {
            "name": "ai_user_share_south_median",
            "value": round(float(last["south_median"]), 4),
            "unit": "fraction of working-age people",
            "label": f"Median AI user share of Global South economies, {last['period']}",
            "as_of": str(last["period_end"]),
            "source": source,
        },
    ]
    if trend is not None:
        figures.append(
            {
                "name": "ai_user_share_gap_change_pp",
                "value": round(float(trend.gap_change_pp), 2),
                "unit": "percentage points",
                "label": f"Change of the North–South AI user share gap, {trend.first_period} to {trend.last_period}",
                "as_of": str(last["period_end"]),
                "source": source,
            }
        )
    return figures


# ------------------------------------------------------------------------------ a US closed product


def _interval(k: int, n: int) -> str:
    """'8 of 21 (38%; 95% interval 21–59%)'; the interval only under uncertainty.SMALL_N."""
    if n == 0:
        return f"{k} of {n}"
    text = f"{k} of {n} ({fmt.share(k / n)}"
    if uncertainty.needs_interval(n):
        low, high = uncertainty.wilson_interval(k, n)
        text += f"; 95% interval {fmt.number(100 * float(low), 0)}–{fmt.share(float(high))}"
    return text + ")"


def reach_counts(reach: pd.DataFrame) -> pd.DataFrame:
    """Per reporting region and Global: economies of `usage.claude_reach` by status ('not listed' counted as
    its own status, never as zero use), the economies with a ratio, and the under-reach share of them
    with its 95% Wilson interval (fewer than uncertainty.SMALL_N economies)."""
    rows = []
    for area in (*regions.REPORTING_REGIONS, regions.GLOBAL):
        here = reach if area == regions.GLOBAL else reach[reach["world_region"] == area]
        if here.empty:
            continue
        counts = here["status"].value_counts()
        n = {status: int(counts.get(status, 0)) for status in STATUS_ORDER}
        rated = n[usage.UNDER_REACH] + n[usage.IN_LINE] + n[usage.OVER_REACH]
        low, high = uncertainty.wilson_interval(n[usage.UNDER_REACH], rated) if rated else (float("nan"),) * 2
        rows.append(
            {
                "world_region": area,
                "economies": len(here),
                **{status: n[status] for status in STATUS_ORDER},
                "rated": rated,
                "pooled": int(here["pooled"].astype(bool).sum()),
                "under_share": n[usage.UNDER_REACH] / rated if rated else float("nan"),
                "under_share_low": float(low),
                "under_share_high": float(high),
                "under_cell": _interval(n[usage.UNDER_REACH], rated) if rated else "no economy listed",
            }
        )
    return pd.DataFrame(rows)


def reach_table(reach: pd.DataFrame, source_note: str) -> dict:
    """`record.show_table`'s arguments: the reach statuses by region (`reach`: `usage.claude_reach`)."""
    counts = reach_counts(reach)
    month = f"{pd.Timestamp(reach['claude_month'].iloc[0]):%B %Y}"
    return {
        "frame": counts,
        "caption": f"Claude.ai's reach beside all AI use by region: economies by status, {month} "
        f"(Claude) and {reach['period'].iloc[0]} (AI user share)",
        "source_note": source_note,
        "columns": {
            "world_region": "Region",
            "economies": "Economies",
            usage.UNDER_REACH: "Under-reach (ratio < 0.5)",
            usage.IN_LINE: "In line",
            usage.OVER_REACH: "Over-reach (ratio > 2)",
            usage.NOT_LISTED: "Not listed (no figure)",
            "under_cell": "Under-reach among economies with a ratio (95% interval)",
        },
    }


def claude(reach: pd.DataFrame) -> str:
    """A US closed product's reach beside all AI use: how it is measured, the counts by status, where
    under-reach and 'not listed' concentrate (`reach`: `usage.claude_reach`)."""
    counts = reach_counts(reach).set_index("world_region")
    world = counts.loc[regions.GLOBAL]
    here = counts.drop(index=regions.GLOBAL)
    month = f"{pd.Timestamp(reach['claude_month'].iloc[0]):%B %Y}"
    listed = int(world["economies"] - world[usage.NOT_LISTED])
    text = (
        "Claude.ai, Anthropic's chatbot, stands here for a US closed product: its use can be set beside all AI use. "
        f"Anthropic's index for {month} lists {listed} of the {int(world['economies'])} economies that have an "
        f"AI user share; the other {int(world[usage.NOT_LISTED])} are not listed (Claude is not offered there, "
        "or Anthropic did not report them that month), which is no figure, never zero use. Both measures are "
        "taken relative to the median economy, and their ratio compared: where Claude's per-capita use is "
        "less than half of what the economy's overall AI use suggests, the US product under-reaches; above "
        f"twice, it over-reaches. It under-reaches in {_interval(int(world[usage.UNDER_REACH]), int(world['rated']))} "
        f"economies with a ratio and over-reaches in {int(world[usage.OVER_REACH])}."
    )
    under = here[here[usage.UNDER_REACH] > 0].sort_values(
        usage.UNDER_REACH, ascending=False, kind="mergesort"
    )
    if not under.empty:
        top = under.index[0]
        text += (
            f" Under-reach is most common in {fmt.region(top)}: "
            f"{_interval(int(under.loc[top, usage.UNDER_REACH]), int(under.loc[top, 'rated']))} of its "
            "economies with a ratio."
        )
    over = here[here[usage.OVER_REACH] > 0].sort_values(usage.OVER_REACH, ascending=False, kind="mergesort")
    if not over.empty:
        text += (
            " Over-reach is concentrated in "
            + fmt.listed(
                f"{fmt.region(r)} ({int(row[usage.OVER_REACH])})" for r, row in over.head(2).iterrows()
            )
            + "."
        )
    missing = here[here[usage.NOT_LISTED] > 0].sort_values(
        usage.NOT_LISTED, ascending=False, kind="mergesort"
    )
    if not missing.empty:
        top = missing.index[0]
        text += (
            f" {int(missing.loc[top, usage.NOT_LISTED])} of the {int(world[usage.NOT_LISTED])} economies "
            f"not listed are in {fmt.region(top)}."
        )
    if world["pooled"]:
        text += (
            f" For the {int(world['pooled'])} pooled economies the ratio sets each one's own Claude figure "
            "beside its pool's shared AI estimate."
        )
    return text


def claude_figures(reach: pd.DataFrame) -> list[dict]:
    """Key figures: economies where the US closed product under-reaches, and those not listed."""
    world = reach_counts(reach).set_index("world_region").loc[regions.GLOBAL]
    month = str(reach["claude_month"].iloc[0])
    named = f"{pd.Timestamp(month):%B %Y}"
    return [
        {
            "name": f"claude_{key}_economies",
            "value": int(world[status]),
            "unit": "economies",
            "label": f"Economies where Claude.ai is {label}, {named}",
            "as_of": month,
            "source": f"{usage.CLAUDE}; {usage.USER_SHARE}",
        }
        for key, status, label in (
            ("under_reach", usage.UNDER_REACH, "used per head less than half as much as all AI use suggests"),
            ("not_listed", usage.NOT_LISTED, "not listed (not offered or not reported)"),
        )
    ]


# ------------------------------------------------------------------------------- OpenRouter top 10


def openrouter(top10: pd.DataFrame, summary: usage.ShareSummary) -> str:
    """Chinese developers' share of the weekly top-10 tokens, first and last week, mean and peak, with and
    without free variants, and what the measure is not (`top10`: `usage.bloc_top10_share`)."""
    peak = top10.loc[top10["share"].idxmax()]
    free_heavy = int((top10["free_share_of_top10"] > FREE_HEAVY).sum())
    short = int((top10["rows_in_week"] < 10).sum())
    text = (
        f"In the week to {fmt.long_date(summary.first_week)}, models of Chinese developers had "
        f"{fmt.share(summary.first_share)} of the tokens of OpenRouter's ten most-used models; in the week to "
        f"{fmt.long_date(summary.last_week)}, {fmt.share(summary.last_share)}, or "
        f"{fmt.share(summary.last_paid_share)} without free promotional variants. Over the {summary.weeks} weeks "
        f"the weekly share averaged {fmt.share(summary.mean_share)} ({fmt.share(summary.mean_paid_share)} "
        f"without free variants) and peaked at {fmt.share(peak['share'])} in the week to "
        f"{fmt.long_date(str(peak['week_ending']))}."
    )
    text += (
        " **Caveats.** These are shares of tokens among the ten most-used models only, not of all OpenRouter "
        "traffic, and OpenRouter's users are developers routing API calls, not the public."
        + (
            f" Free promotional variants held more than {fmt.share(FREE_HEAVY)} of the top-10 tokens in "
            f"{free_heavy} of the {summary.weeks} weeks; they can carry a model into the top 10 for a few "
            "weeks, which is why the share is shown with and without them."
            if free_heavy
            else ""
        )
        + (
            f" In {short} {'week' if short == 1 else 'weeks'} the list names fewer than 10 models."
            if short
            else ""
        )
    )
    return text


def openrouter_figures(summary: usage.ShareSummary) -> list[dict]:
    """Key figures: the newest week's Chinese share of the top-10 tokens, with and without free variants."""
    return [
        {
            "name": f"china_openrouter_top10_{key}_latest",
            "value": round(float(value), 4),
            "unit": "share of top-10 tokens",
            "label": f"Chinese developers' share of OpenRouter's weekly top-10 tokens{label}, week to {summary.last_week}",
            "as_of": summary.last_week,
            "source": usage.OPENROUTER,
        }
        for key, value, label in (
            ("share", summary.last_share, ""),
            ("paid_share", summary.last_paid_share, " without free variants"),
        )
    ]


# ------------------------------------------------------------------------------------------ DeepSeek


def deepseek_table(shares: pd.DataFrame, source_note: str) -> dict:
    """`record.show_table`'s arguments: DeepSeek's labelled market shares with fact id and quote."""
    cells = shares.assign(
        shown=[
            fmt.fact_value(v, "percent", q)
            for v, q in zip(shares["share_pct"], shares["qualifier"], strict=True)
        ]
    )
    return {
        "frame": cells,
        "caption": "DeepSeek's market share in the economies Microsoft's AI Diffusion Report labels (each row a curated fact)",
        "source_note": source_note,
        "columns": {
            "country": "Economy",
            "world_region": "Region",
            "shown": "DeepSeek's market share",
            "period": "Period",
            "fact_id": "Fact",
            "quote": "Quote",
        },
    }


def deepseek_fact_ids(shares: pd.DataFrame, statements: pd.DataFrame) -> list[str]:
    """The fact ids behind the DeepSeek table and sentences, for their source note."""
    return sorted({*shares["fact_id"], *(f for ids in statements["fact_ids"] for f in ids.split("; "))})


def deepseek(shares: pd.DataFrame, by_region: pd.DataFrame, statements: pd.DataFrame) -> str:
    """The labelled shares with their fact ids, the regions without one (a gap, not zero), and the
    regional statements with their quotes (`deepseek.deepseek_facts`)."""
    named = fmt.listed(
        f"{fmt.country(r.country)} {fmt.fact_value(r.share_pct, 'percent', r.qualifier)} ({r.fact_id})"
        for r in shares.itertuples()
    )
    source = shares["primary_source"].iloc[0]
    none = by_region.loc[by_region["share_countries"] == 0, "world_region"]
    text = (
        f"The {source} labels DeepSeek's market share on its map for {len(shares)} economies: {named}. "
        "These are the economies the map labels, not a table of every country: an economy without a label has "
        f"no figure, not a share of zero, and {len(none)} of the {len(by_region)} regions have none "
        f"({fmt.listed(fmt.region(r) for r in none)})."
    )
    for r in statements.itertuples():
        size = (
            f"{fmt.number(r.low, 0)} to {fmt.number(r.high, 0)}" if r.low != r.high else fmt.number(r.low, 0)
        )
        overlaps = fmt.listed(fmt.region(x) for x in r.reporting_regions.split("; "))
        text += (
            f" For {r.area} it states that DeepSeek's usage is {size} times that in other regions (facts "
            f"{r.fact_ids.replace('; ', ', ')}): “{r.quote}” {r.area} as the report names it overlaps "
            f"{overlaps}, wholly or in part; the statement gives no figure for any one country."
        )
    return text


# ---------------------------------------------------------------------------------------- developers


def developers(base_by_region: pd.DataFrame, ties_by_region: pd.DataFrame) -> str:
    """The developer base by region and its collaboration with the United States and the China bloc
    (`developers.developer_base_by_region`, `developers.collaboration_by_region`)."""
    base = base_by_region.set_index("area")
    ties = ties_by_region.set_index("area")
    world, south = base.loc[regions.GLOBAL], base.loc[dev.GLOBAL_SOUTH]
    quarter = str(base_by_region["quarter_end"].iloc[0])
    gs = ties.loc[dev.GLOBAL_SOUTH]
    own = ties.drop(index=[dev.GLOBAL_SOUTH, regions.GLOBAL]).dropna(subset=["china_share_of_ties"])
    top = own["china_share_of_ties"].idxmax() if not own.empty else None
    text = (
        f"GitHub counts {fmt.number(world['developers'] / 1e6, 1)} million developers in the quarter to "
        f"{fmt.long_date(quarter)}; {fmt.share(south['share_of_global'])} of them "
        f"({fmt.number(south['developers'] / 1e6, 1)} million) in the Global South"
        + (
            f", whose count grew {fmt.share(south['growth'])} in a year against {fmt.share(world['growth'])} "
            "worldwide (economies reported both years)."
            if pd.notna(south["growth"]) and pd.notna(world["growth"])
            else "; no count of the same quarter a year earlier gives their growth."
        )
    )
    if pd.notna(gs["china_share_of_ties"]):
        text += (
            f" In the four quarters to {fmt.long_date(str(gs['period_end']))}, the China bloc (mainland China, "
            f"Hong Kong and Macao) had {fmt.share(gs['china_share_of_ties'], 1)} of the Global South economies' "
            f"collaboration with the two sides, the United States the rest (mainland China alone: "
            f"{fmt.share(gs['mainland_share_of_ties'], 1)} of the mainland's and the US's together)"
        )
        if top is not None:
            text += (
                f"; the China bloc's part is largest in {fmt.region(top)} "
                f"({fmt.share(own.loc[top, 'china_share_of_ties'])})"
            )
        text += (
            f". {int(gs['economies_china_reported'])} of the {int(gs['economies'])} Global South economies have "
            "any reported tie with China."
        )
    text += (
        " **Weights, not counts.** A collaboration tie is a volume of activity (git pushes and pull requests "
        "between economies), not a number of developers or projects, so its shares carry no Wilson interval. "
        "GitHub reports a pair of economies only when 100 or more developers stand behind it, so an unreported "
        "tie is unknown, not zero, and the China figures are lower bounds; location is by IP address, and "
        "VPN use moves some Chinese activity to other economies."
    )
    return text
