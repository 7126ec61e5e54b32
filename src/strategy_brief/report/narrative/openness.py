"""Prose and table cells of the openness and adoption section, from the numbers the indicators return."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis import uncertainty
from strategy_brief.analysis.indicators import adoption
from strategy_brief.curated.classify import CN, US

# The platforms' adoption measures (fact indicators) as the tables name them, platform by platform.
PLATFORMS = {
    "OpenRouter": {
        "openrouter_top10_open_inference_share": "Share of inference among the 10 leading open models",
        "openrouter_token_share": "Share of all tokens",
        "openrouter_token_share_average": "Average weekly share of all tokens",
        "openrouter_weekly_tokens": "Tokens processed in one week",
    },
    "Hugging Face": {
        "hf_derivative_share_chinese_base": "Share of derivative models built on Chinese bases",
        "hf_download_share": "Share of downloads, by developer country",
        "hf_cumulative_downloads": "Downloads to date",
    },
}
# Every measure named with its platform, in the order the tables show them.
MEASURES = {
    ind: f"{platform}: {label[0].lower()}{label[1:]}"
    for platform, labels in PLATFORMS.items()
    for ind, label in labels.items()
}
USER_MEASURES = ("app_monthly_active_users", "app_weekly_active_users_peak")
USERS_OF = "DeepSeek"  # the product whose user figures the users table is about
USER_COLUMNS = {
    "fact_id": "Fact",
    "actor": "Product",
    "definition": "Definition",
    "period": "Period",
    "shown": "Value",
    "primary_source": "Tracker",
}
# How the leaderboard's closed classes read in a sentence.
CLOSED_WORDS = {
    "api": "served only through an API",
    "unreleased": "unreleased",
    "unknown": "of unknown openness",
}


def _at(shares: pd.DataFrame, year: int) -> pd.DataFrame:
    """One year's rows of `open_weight_share` (open_share in percent), indexed by bloc."""
    return shares[shares["year"] == year].set_index("bloc")


def with_interval(share: float, low: float, high: float, n: int, noun: str = "models") -> str:
    """A share in percent as read, with its 95% interval and count when fewer than
    `uncertainty.SMALL_N` items stand behind it: '79% (95% interval 62–89%, 33 models)'."""
    if not uncertainty.needs_interval(n):
        return fmt.percent(share)
    return f"{fmt.percent(share)} (95% interval {fmt.number(low, 0)}–{fmt.percent(high)}, {int(n)} {noun})"


def share_of(row: pd.Series, noun: str = "models") -> str:
    """`with_interval` of one row of `openness.as_percent(open_weight_share(...))`."""
    return with_interval(
        row["open_share"], row["open_share_low"], row["open_share_high"], row["known_models"], noun
    )


def key_finding(shares: pd.DataFrame, places: pd.DataFrame, year: int, top_n: int) -> str:
    """The section's key finding: the open-weight shares of `year` (with their intervals) and the open models
    in the latest top (`shares`: `openness.as_percent(open_weight_share(...))`)."""
    at = _at(shares, year)
    version = places.index.max()
    latest = places.loc[version]
    return (
        f"In {year}, {share_of(at.loc[CN])} of China's notable "
        f"models were released with open weights against {share_of(at.loc[US])} of American "
        f"ones; on the latest LMArena leaderboard ({fmt.long_date(version)}) {latest['all_open']} of the "
        f"{top_n} highest-rated models have open weights, {latest[CN] or 'none'} of them Chinese and "
        f"{latest[US] or 'none'} American."
    )


def global_scope(region: str) -> str:
    """That the section is the same in every regional edition (naming the region when it is not Global)."""
    return (
        "Everything in this section is global: models, leaderboards and usage figures are counted worldwide, "
        "so the figures are the same in every regional edition"
        f"{'' if region == 'Global' else f', including {region}'}."
    )


def key_figures(shares: pd.DataFrame, places: pd.DataFrame, year: int, top_n: int) -> list[dict]:
    """The section's key figures, as keyword arguments of `record.key_figure`."""
    at = _at(shares, year)
    version = places.index.max()
    notable = "models_by_bloc_year_accessibility"
    return [
        {
            # The scorecard's measure (findings.openness_scores): one name, so the consistency test
            # holds the section and the executive briefs to one value.
            "name": "open_weight_share_china",
            "value": round(float(at.loc[CN, "open_share"]), 4),
            "unit": "percent",
            "label": f"Share of China's notable models with open weights, {year}",
            "as_of": str(year),
            "source": notable,
        },
        {
            "name": "open_weight_share_us",
            "value": round(float(at.loc[US, "open_share"]), 4),
            "unit": "percent",
            "label": f"Share of US notable models with open weights, {year}",
            "as_of": str(year),
            "source": notable,
        },
        {
            "name": "open_share_top20_latest",
            "value": round(float(100 * places.loc[version, "all_open"] / top_n), 1),
            "unit": "percent",
            "label": f"Open-weight models among the {top_n} leading LMArena models",
            "as_of": version,
            "source": "lmarena_top_mix",
        },
    ]


def open_share_caveats(
    tidy: pd.DataFrame,
    shares: pd.DataFrame,
    unknown: int,
    *,
    first_year: int,
    last_year: int,
    few_models: int,
    cutoff: str,
) -> str:
    """How to read the open-weight share chart: the models left out, China's small counts, the small samples
    in `tidy` (`bloc_share_series`) and the part year after `last_year` in `shares`, if any."""
    at = _at(shares, last_year)
    small = tidy[tidy["small_sample"]]
    wide = tidy[tidy["needs_interval"]]
    text = (
        f"The share is counted among models whose openness is known: {unknown} US or Chinese "
        f"notable models of {first_year}-{last_year} with unknown openness are left out. "
        "China publishes far fewer notable models than the United States "
        f"({int(at.loc[CN, 'known_models'])} against {int(at.loc[US, 'known_models'])} in {last_year}), "
        "so its share moves by large steps from year to year."
    )
    if not small.empty:
        small_years = "; ".join(f"{r.bloc} {r.year} ({r.known_models})" for r in small.itertuples())
        text += f" Years with fewer than {few_models} models are too small to read as a trend: {small_years}."
    if not wide.empty:
        text += (
            f" Every share counted from fewer than {uncertainty.SMALL_N} models is charted with its 95% "
            "interval (Wilson), the range of rates of release with open weights that the counts are "
            f"consistent with: in {last_year}, {fmt.number(at.loc[CN, 'open_share_low'], 0)}–"
            f"{fmt.percent(at.loc[CN, 'open_share_high'])} for China and "
            f"{fmt.number(at.loc[US, 'open_share_low'], 0)}–{fmt.percent(at.loc[US, 'open_share_high'])} for "
            "the United States"
            + (
                ", which do not overlap."
                if at.loc[CN, "open_share_low"] > at.loc[US, "open_share_high"]
                or at.loc[US, "open_share_low"] > at.loc[CN, "open_share_high"]
                else ", which overlap: the two shares are not clearly different."
            )
        )
    partial = _at(shares, last_year + 1)
    if US in partial.index and CN in partial.index:
        text += (
            f" The data run to {fmt.long_date(cutoff)}; so far in {last_year + 1}, "
            f"{int(partial.loc[CN, 'open_models'])} of {int(partial.loc[CN, 'known_models'])} Chinese"
            f"{_part_interval(partial.loc[CN])} and "
            f"{int(partial.loc[US, 'open_models'])} of {int(partial.loc[US, 'known_models'])} US notable "
            f"models{_part_interval(partial.loc[US])} have open weights (a part year, not charted)."
        )
    return text


def _part_interval(row: pd.Series) -> str:
    """' (67%, 95% interval 42–85%)' after a part year's count, when the count is under SMALL_N."""
    if not uncertainty.needs_interval(row["known_models"]):
        return ""
    return (
        f" ({fmt.percent(row['open_share'])}, 95% interval {fmt.number(row['open_share_low'], 0)}–"
        f"{fmt.percent(row['open_share_high'])})"
    )


def leaders(places: pd.DataFrame, mix: pd.DataFrame, top_n: int) -> str:
    """The open-weight models among the leaderboard's leaders, first and last version, and what the other
    leading models are (`places`: `openness.open_places`; `mix`: `openness.licence_mix(by_bloc=True)`)."""
    first_version, latest_version = places.index.min(), places.index.max()
    first, latest = places.loc[first_version], places.loc[latest_version]
    classes = mix[mix["leaderboard_version"] == latest_version].groupby("openness_class")["models"].sum()
    closed = ", ".join(f"{n} {CLOSED_WORDS.get(c, c)}" for c, n in classes.items() if c in CLOSED_WORDS)
    us_open_last = places[places[US] > 0].index.max()
    return (
        f"Open-weight models held between {places['all_open'].min()} and {places['all_open'].max()} of the "
        f"{top_n} leading places over the {len(places)} leaderboard versions. At the first version "
        f"({pd.Timestamp(first_version):%B %Y}) {first[US] or 'none'} of them "
        f"{'was' if first[US] == 1 else 'were'} American and {first[CN] or 'none'} "
        f"Chinese; at the last, {latest[US] or 'none'} American and {latest[CN] or 'none'} Chinese"
        + (
            f" (the last American open-weight model in the top {top_n} was on the "
            f"{fmt.long_date(us_open_last)} version)"
            if latest[US] == 0 and pd.notna(us_open_last)
            else ""
        )
        + f". The other models of the latest top {top_n} are closed: {closed}. The leaderboard export ends "
        f"on {fmt.long_date(latest_version)}: later releases are not counted, and ratings are re-estimated "
        "at every version, so a model can enter or leave the top group without any new release."
    )


def derivatives(derivatives: pd.DataFrame, hub: pd.DataFrame, snapshot: str) -> str:
    """Who builds on whose models: the blocs' shares of the leaderboard's derivatives, the upper bounds,
    the leaderboard's limits, and the Hub-wide Qwen and Llama counts when `hub` (`adoption.latest_per_actor`
    of hf_derivative_models) has both of one date."""
    by_bloc = derivatives.drop_duplicates("bloc").set_index("bloc")
    bloc_text = "; ".join(
        f"{b} {'at most ' if by_bloc.loc[b, 'bloc_upper_bound'] else ''}"
        f"{fmt.percent(100 * by_bloc.loc[b, 'bloc_share'])}"
        for b in (US, CN, "Europe")
        if b in by_bloc.index
    )
    caveats = derivatives[derivatives["upper_bound"]]
    text = f"By bloc of the base family, the evaluated derivatives split {bloc_text}."
    if not caveats.empty:
        text += (
            " "
            + " ".join(f"The {r.family} count is an {r.caveat}." for r in caveats.itertuples())
            + " The US total is therefore an upper bound too, and the families that reuse the architecture "
            "are undercounted by as much."
        )
    text += (
        " The leaderboard counts only the models submitted to it for evaluation, and its final snapshot is "
        f"dated {fmt.long_date(snapshot)}: derivatives published since are not counted."
    )
    if {"Alibaba Qwen", "Meta Llama"} <= set(hub.index) and (
        hub.loc["Alibaba Qwen", "as_of"] == hub.loc["Meta Llama", "as_of"]
    ):
        q, m = hub.loc["Alibaba Qwen"], hub.loc["Meta Llama"]
        text += (
            " Counted on the Hugging Face Hub as a whole, the order reverses: "
            f"{fmt.qualifier_prefix(q['qualifier'])}{fmt.number(q['value'], 0)} Qwen derivatives against "
            f"{fmt.qualifier_prefix(m['qualifier'])}{fmt.number(m['value'], 0)} for Llama in {q['as_of']} "
            f"(facts {q['fact_id']}, {m['fact_id']}; other counts of Qwen derivatives, "
            f"{q['conflicts_with'].replace(';', ', ')}, differ in date and method)."
        )
    return text


def fact_cells(series: pd.DataFrame) -> pd.DataFrame:
    """`series` (adoption_series rows) with the cells a table of dated figures shows: the value as read
    (`shown`), the `period` and a `note` on conflicts and undated figures."""
    out = series.copy()
    out["shown"] = [
        fmt.fact_value(v, u, q) for v, u, q in zip(out["value"], out["unit"], out["qualifier"], strict=True)
    ]
    out["period"] = [fmt.period(s, e) for s, e in zip(out["as_of_start"], out["as_of_end"], strict=True)]
    out["note"] = [
        "; ".join(
            part
            for part in (
                f"conflicts with {other.replace(';', ', ')}" if other else "",
                "date not stated by the source" if "not stated" in as_of_text else "",
            )
            if part
        )
        for other, as_of_text in zip(out["conflicts_with"], out["as_of"], strict=True)
    ]
    return out


def platform_rows(series: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """One platform's rows of `fact_cells(series)`, each measure named on its first row only."""
    rows = series[series["indicator"].isin(list(labels))].copy()
    rows["measure"] = rows["indicator"].map(labels).where(~rows["indicator"].duplicated(), "")
    return rows


def platform_columns(rows: pd.DataFrame) -> dict[str, str]:
    """The columns of a platform's table; the note column only when a row has a note."""
    columns = {
        "measure": "Measure",
        "fact_id": "Fact",
        "actor": "Of",
        "period": "Period",
        "shown": "Value",
        "primary_source": "Primary source",
    }
    if rows["note"].ne("").any():
        columns["note"] = "Note"
    return columns


def platform_growth(platform: str, rates: pd.DataFrame, series: pd.DataFrame, labels: dict[str, str]) -> str:
    """The growth read from a platform's comparable dated points, as a list ('' when there is none)."""
    sentences = adoption.growth_sentences(rates[rates["indicator"].isin(list(labels))], series, labels)
    if not sentences:
        return ""
    return f"Growth on {platform}, where two comparable dated points exist:\n\n" + "\n".join(
        f"- {s}" for s in sentences
    )


def _users_of(users: pd.DataFrame) -> pd.DataFrame:
    return users[users["actor"] == USERS_OF]


def users_caption(users: pd.DataFrame) -> str:
    """The users table's caption: how many DeepSeek figures, which of them conflict."""
    ds = _users_of(users)
    conflicting = sorted(set(ds["fact_id"]) & {i for text in ds["conflicts_with"] for i in text.split(";")})
    return (
        f"DeepSeek's users: {len(ds)} figures with different definitions"
        + (f" ({', '.join(conflicting)} conflict with one another)" if conflicting else "")
        + ", and ChatGPT for scale"
    )


def users(users: pd.DataFrame) -> str:
    """Why DeepSeek's user figures are not a series (`users`: `adoption.user_figures`)."""
    ds = _users_of(users)
    return (
        f"The {len(ds)} DeepSeek figures range from {fmt.number(ds['value'].min())} to "
        f"{fmt.number(ds['value'].max())} million users within "
        f"{ds['date'].dt.to_period('M').nunique()} months, "
        "and they are not a series: they count different things (monthly against peak weekly users), on "
        "different markets (the app worldwide against China only) with different trackers. None is a growth "
        "figure, and none should be compared with the others."
    )


def catalogue_cross_check(shares: pd.DataFrame, version: str) -> str:
    """The models.dev catalogue's open-weight shares by bloc (analysis.indicators.catalogue), set beside
    Epoch's notable models as a cross-check, with the share of the catalogue no developer is known for."""
    rows = shares.set_index("developer_bloc")
    year = int(shares["release_year"].iloc[0])
    said = [
        f"{share_of_bloc(rows.loc[bloc])} of {adjective} models"
        for bloc, adjective in ((CN, "Chinese"), (US, "US"))
        if bloc in rows.index
    ]
    unclassified = rows.loc["Unclassified", "coverage"] if "Unclassified" in rows.index else 0.0
    return (
        f"As a cross-check on Epoch's notable models, the models.dev catalogue (package version {version}) "
        f"lists {fmt.listed(said)} released in {year} with open weights. It names no developer: "
        f"{fmt.share(unclassified)} of its {year} models could not be placed in a bloc and are left out, "
        "so it is a second view, not a census."
    )


def share_of_bloc(row: pd.Series) -> str:
    """'76% (108 of 143)', with the Wilson interval where fewer than 100 models stand behind it."""
    n, k = int(row["models"]), int(row["open_weight_models"])
    if pd.notna(row["share_low"]):
        return with_interval(100 * row["share"], 100 * row["share_low"], 100 * row["share_high"], n)
    return f"{fmt.share(row['share'])} ({k} of {n})"
