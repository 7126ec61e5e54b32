"""Figures and tables of the reach-and-trust section: cloud regions by world region, trust in AI by
country and group, the two trust surveys side by side, where the figures run out, and confidence in AI
systems in the UNDP survey (a third-party transcription, shown on its own)."""

from __future__ import annotations

import pandas as pd

from strategy_brief import fmt
from strategy_brief.analysis.indicators import reach, trust
from strategy_brief.analysis.indicators.reach import ReachTrust
from strategy_brief.curated import regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.data import provenance
from strategy_brief.report import record, style
from strategy_brief.report.narrative.findings import month
from strategy_brief.report.narrative.reach import counted, per_side, share_interval

CLOUD_COLUMNS = {
    "world_region": "reporting world region (UN M49)",
    "china_share": "Chinese providers' share of the US and Chinese cloud regions in the world region",
    "china_share_low": "lower end of the 95% Wilson interval of china_share",
    "china_share_high": "upper end of the 95% Wilson interval of china_share",
    "bloc": "bloc of the cloud provider's home country",
}
TRUST_COLUMNS = {
    "country": "country, or World for the survey-wide figure",
    "group": "country group (strategy_brief.analysis.indicators.reach): West, Global South or China",
    "trust_pct": "share of respondents who trust AI (%)",
    "qualifier": "exact, or a bound (at_most: the survey gives only an upper bound)",
    "in_mean": "whether the figure is in its group's mean (bounds and aggregates are not)",
    "group_mean_pct": "mean of the group's exact figures (%)",
    "fact_id": "row in data/raw/facts.csv (source page and verbatim quote)",
    "survey": "survey wave",
}


def cloud_figure(shown: pd.DataFrame, region: str, *, title: str, subtitle: str, counted: str):
    """Paired horizontal bars of US and Chinese cloud regions per world region (`shown`, in drawing order,
    from ReachTrust.ranked), China's share and its 95% interval at the right, the selected region shaded
    and marked ◆."""
    fig, ax = style.new_figure(title, subtitle, height=0.44 * len(shown) + 1.2)
    bar = 0.38
    for y, row in enumerate(shown.itertuples()):
        selected = row.world_region == region
        if selected:
            ax.axhspan(y - 0.5, y + 0.5, color="#EDEDED", zorder=0)
        for offset, bloc, n in ((bar / 2, US, row.us_regions), (-bar / 2, CN, row.china_regions)):
            ax.barh(
                y + offset,
                n,
                height=bar,
                color=style.bloc_colour(bloc),
                hatch=style.BLOC_HATCHES[bloc],
                edgecolor=style.INK if selected else "white",
                linewidth=1.2 if selected else 0.5,
                zorder=2,
            )
            name = (" US providers" if bloc == US else " Chinese providers") if y == len(shown) - 1 else ""
            ax.text(n + 0.6, y + offset, f"{n}{name}", va="center", fontsize=8, color=style.bloc_colour(bloc))
        ax.text(
            1.01,
            y,
            "–"
            if pd.isna(row.china_share)
            else f"{fmt.share(row.china_share)} ({fmt.number(100 * row.china_share_low, 0)}–"
            f"{fmt.share(row.china_share_high)})",
            transform=ax.get_yaxis_transform(),
            va="center",
            fontsize=9,
            fontweight="bold" if selected else "normal",
            color=style.INK,
        )
    ax.text(
        1.01,
        len(shown) - 0.35,
        "China's share\n(95% interval)",
        transform=ax.get_yaxis_transform(),
        fontsize=8,
        color=style.MUTED,
        va="bottom",
    )
    ax.set_yticks(range(len(shown)), [f"{r} ◆" if r == region else r for r in shown["world_region"]])
    for label, name in zip(ax.get_yticklabels(), shown["world_region"], strict=True):
        if name == region:
            label.set_fontweight("bold")
    ax.set_ylim(-0.6, len(shown) - 0.4)
    ax.set_xlim(0, shown[["us_regions", "china_regions"]].to_numpy().max() * 1.15)
    ax.set_xlabel(f"Cloud regions ({counted})")
    ax.grid(axis="y", visible=False)
    return fig


def show_cloud(rt: ReachTrust, snapshot: str) -> None:
    """The cloud-regions chart with its headline, alt text, source note and data."""
    shown, world, here, region = rt.ranked, rt.world, rt.here, rt.region
    top, when = shown.iloc[-1], month(snapshot)
    fig = cloud_figure(
        shown,
        region,
        title=f"China's clouds hold {fmt.percent(100 * world['china_share'])} of the two blocs' regions, "
        f"{fmt.percent(100 * top['china_share'])} in {top['world_region']}"
        if region == regions.GLOBAL
        else f"{region}: China runs {fmt.percent(100 * here['china_share'])} of US and Chinese cloud regions",
        subtitle=f"Public-cloud regions of US and Chinese providers "
        f"({'in service' if rt.in_service_only else 'all listed: in service or announced'}), {when}"
        + ("; right: China's share, 95% interval" if region == regions.GLOBAL else f"; ◆ = {region}"),
        counted=counted(rt),
    )
    tidy = shown.melt(
        id_vars=["world_region", "china_share", "china_share_low", "china_share_high"],
        value_vars=["us_regions", "china_regions"],
        var_name="bloc",
        value_name="cloud_regions",
    ).replace({"bloc": {"us_regions": US, "china_regions": CN}})
    record.show_figure(
        fig,
        alt=f"Paired horizontal bars of US and Chinese public-cloud {counted(rt)} per world region, {when}: "
        + "; ".join(
            f"{r.world_region} US {r.us_regions}, China {r.china_regions}"
            + (
                f" ({share_interval(pd.Series(r._asdict()), inside=True)} Chinese)"
                if pd.notna(r.china_share)
                else " (no share)"
            )
            for r in shown.iloc[::-1].itertuples()
        )
        + f". Worldwide US {world['us_regions']}, China {world['china_regions']} "
        f"({share_interval(world, inside=True)} Chinese).",
        source_note=provenance.source_note([reach.CLOUD_TABLE]),
        data=tidy,
        columns={**CLOUD_COLUMNS, "cloud_regions": f"count of public-cloud regions ({counted(rt)})"},
    )


def trust_layout(trust: pd.DataFrame, region: str) -> pd.DataFrame:
    """The trust chart's rows (reach.trust_countries) with a `y` position: one step between countries of
    a group, a wider gap between groups."""
    countries = reach.trust_countries(trust, region)
    y_positions, y, previous = [], 0.0, None
    for group in countries["group"]:
        y += 0.0 if previous is None else (1.0 if group == previous else 1.6)
        y_positions.append(y)
        previous = group
    return countries.assign(y=y_positions)


def trust_figure(
    countries: pd.DataFrame,
    survey_wide: pd.DataFrame,
    means: pd.DataFrame,
    *,
    marked: bool,
    title: str,
    subtitle: str,
):
    """Trust in AI by country, grouped: bars for exact figures (US and China in their bloc colours),
    dashed outlines for bounds, each group's mean as a bar across its countries (China alone has none),
    the survey-wide figure as a dotted line; the region's countries outlined and marked ◆ when `marked`."""
    fig, ax = style.new_figure(title, subtitle, height=0.34 * len(countries) + 1.6)
    for row in countries.itertuples():
        colour = style.bloc_colour(row.country) if row.country in (US, CN) else style.NEUTRAL
        outlined = row.in_region and marked
        label_x = max(row.trust_pct, means.loc[row.group, "mean_trust_pct"]) + 1.5
        if row.in_mean:
            ax.barh(
                row.y,
                row.trust_pct,
                height=0.7,
                color=colour,
                hatch=style.BLOC_HATCHES.get(row.country, ""),
                edgecolor=style.INK if outlined else "white",
                linewidth=1.4 if outlined else 0.5,
                zorder=2,
            )
            ax.text(label_x, row.y, fmt.percent(row.trust_pct), va="center", fontsize=9, color=style.INK)
        else:
            ax.barh(
                row.y,
                row.trust_pct,
                height=0.7,
                facecolor="none",
                edgecolor=style.INK if outlined else style.MUTED,
                linestyle="--",
                linewidth=1.2,
                zorder=2,
            )
            ax.text(
                label_x,
                row.y,
                fmt.fact_value(row.trust_pct, "percent", row.qualifier),
                va="center",
                fontsize=8,
                color=style.MUTED,
            )
    for group, rows in countries.groupby("group", sort=False):
        mean = means.loc[group, "mean_trust_pct"]
        used = rows[rows["in_mean"]]
        if group != reach.CHINA and not used.empty:
            ax.plot(
                [mean, mean],
                [used["y"].min() - 0.45, used["y"].max() + 0.45],
                color=style.INK,
                linewidth=2,
                zorder=3,
            )
        n = int(means.loc[group, "countries"])
        label = (
            f"{group}: mean {fmt.percent(mean, 1)} ({n} {'country' if n == 1 else 'countries'})"
            if group != reach.CHINA
            else "China, on its own"
        )
        ax.text(
            max(rows["trust_pct"].max(), mean) + 10,
            used["y"].mean() if not used.empty else rows["y"].mean(),
            label,
            va="center",
            fontsize=8.5,
            fontweight="bold",
            color=style.INK,
        )
    for row in survey_wide.itertuples():
        ax.axvline(row.trust_pct, color=style.MUTED, linestyle=":", linewidth=1, zorder=1)
        ax.text(
            row.trust_pct + 0.8,
            -0.55,
            f"{row.actor}: {fmt.percent(row.trust_pct)}",
            fontsize=8,
            color=style.MUTED,
            va="bottom",
        )
    ax.set_yticks(
        countries["y"],
        [
            f"{c} ◆" if r and marked else c
            for c, r in zip(countries["country"], countries["in_region"], strict=True)
        ],
    )
    ax.set_ylim(countries["y"].max() + 0.7, -1.3)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of respondents who trust AI (%)")
    ax.grid(axis="y", visible=False)
    return fig


def show_trust(rt: ReachTrust, facts: pd.DataFrame) -> None:
    """The trust-by-group chart with its headline, alt text, source note and data."""
    countries, region = trust_layout(rt.trust, rt.region), rt.region
    survey_wide = rt.trust[rt.trust["group"].isna()]
    marked = region != regions.GLOBAL and countries["in_region"].any()
    south, west = fmt.percent(rt.south["mean_trust_pct"], 1), fmt.percent(rt.west["mean_trust_pct"], 1)
    span = {
        g: f"{fmt.number(row['min_trust_pct'], 0)}–{fmt.percent(row['max_trust_pct'])}"
        for g, row in rt.means.loc[[reach.GLOBAL_SOUTH, reach.WEST]].iterrows()
    }
    fig = trust_figure(
        countries,
        survey_wide,
        rt.means,
        marked=marked,
        title=f"Trust in AI: {span[reach.GLOBAL_SOUTH]} in the Global South countries surveyed, "
        f"{span[reach.WEST]} in the Western ones ({per_side(rt)}: an indication)"
        if rt.trust_gap_is_indication
        else f"Trust in AI averages {south} in the Global South, {west} in the West",
        subtitle=f"Share who trust AI, {reach.BAROMETER}; dashed: a bound, not in the mean"
        + (f"; ◆ = {region}" if marked else ""),
    )
    tidy = pd.concat([countries, survey_wide])[
        ["country", "group", "trust_pct", "qualifier", "in_mean", "group_mean_pct", "fact_id", "survey"]
    ]
    record.show_figure(
        fig,
        alt=f"Horizontal bars of trust in AI by country in the {reach.BAROMETER}: "
        + ", ".join(
            f"{r.country} {fmt.fact_value(r.trust_pct, 'percent', r.qualifier)} ({r.group})"
            for r in countries.itertuples()
        )
        + f". Group means: Global South {south}, West {west}; China {fmt.percent(rt.china_trust)}"
        + "".join(f"; {r.actor} {fmt.percent(r.trust_pct)}" for r in survey_wide.itertuples())
        + ".",
        source_note=provenance.source_note(facts=facts[facts["fact_id"].isin(rt.trust["fact_id"])]),
        data=tidy,
        columns=TRUST_COLUMNS,
    )


def _figure(values: pd.Series, qualifiers: pd.Series, ids: pd.Series) -> list[str]:
    return [
        "no figure" if pd.isna(v) else f"{fmt.fact_value(v, 'percent', q)} ({f})"
        for v, q, f in zip(values, qualifiers, ids, strict=True)
    ]


def show_two_surveys(rt: ReachTrust, facts: pd.DataFrame) -> None:
    """Table: each country's figure in the Barometer and in the flash poll, side by side, never combined."""
    trust, poll, region = rt.trust, rt.flash, rt.region
    pair = trust[trust["group"].notna()].merge(
        poll[poll["group"].notna()], on="country", how="outer", suffixes=("_b", "_f")
    )
    side = pd.DataFrame(
        {
            "country": pair["country"],
            "barometer": _figure(pair["trust_pct_b"], pair["qualifier_b"], pair["fact_id_b"]),
            "flash": _figure(pair["trust_pct_f"], pair["qualifier_f"], pair["fact_id_f"]),
        }
    ).sort_values("country")
    marked = [regions.world_region(c) == region for c in side["country"]]
    side["country"] = [f"{c} ◆" if m else c for c, m in zip(side["country"], marked, strict=True)]
    record.show_table(
        side,
        caption="Trust in AI in two Edelman surveys, by country; they are not combined"
        + (f" (◆ = {region})" if any(marked) else ""),
        source_note=provenance.source_note(
            facts=facts[facts["fact_id"].isin(list(trust["fact_id"]) + list(poll["fact_id"]))]
        ),
        columns={
            "country": "Country",
            "barometer": f"{reach.BAROMETER} (fact)",
            "flash": f"{reach.FLASH_POLL}, {rt.flash_wave} (fact)",
        },
    )


def undp_layout(by_country: pd.DataFrame) -> pd.DataFrame:
    """The UNDP chart's rows: countries grouped by reporting region (Global South regions first), most
    confident first within a region, with a `y` position and a wider gap between regions."""
    order = {r: i for i, r in enumerate(regions.REPORTING_REGIONS)}
    rows = by_country.assign(_order=by_country["world_region"].map(order)).sort_values(
        ["_order", trust.CONFIDENT], ascending=[True, False], kind="mergesort"
    )
    y_positions, y, previous = [], 0.0, None
    for region in rows["world_region"]:
        y += 0.0 if previous is None else (1.0 if region == previous else 1.6)
        y_positions.append(y)
        previous = region
    return rows.drop(columns="_order").assign(y=y_positions)


def show_undp(undp: trust.UndpTrust, region: str, source_note: str) -> None:
    """Confidence in AI systems by country in the UNDP transcription, grouped by region: the share very
    confident and the share somewhat confident stacked (US and China in their bloc colours), the
    region's countries marked ◆; never drawn beside an Edelman figure on one axis."""
    rows = undp_layout(undp.by_country)
    top, bottom = undp.by_country.iloc[0], undp.by_country.iloc[-1]
    marked = region != regions.GLOBAL and rows["world_region"].eq(region).any()
    fig, ax = style.new_figure(
        f"Confidence in AI systems runs from {fmt.share(bottom[trust.CONFIDENT])} in {bottom['country']} to "
        f"{fmt.share(top[trust.CONFIDENT])} in {top['country']} (UNDP survey, third-party transcription)",
        "Share very (dark) or somewhat (light) confident in AI systems, by country and region; a different "
        "question and scale from Edelman's 'trust AI'" + (f"; ◆ = {region}" if marked else ""),
        height=0.3 * rows["y"].max() + 1.9,
    )
    for row in rows.itertuples():
        colour = style.bloc_colour(row.country) if row.country in (US, CN) else style.MUTED
        outlined = marked and row.world_region == region
        ax.barh(row.y, 100 * row.very_confident, height=0.7, color=colour, edgecolor="white", linewidth=0.5)
        ax.barh(
            row.y,
            100 * row.somewhat_confident,
            left=100 * row.very_confident,
            height=0.7,
            color=colour,
            alpha=0.45,
            hatch=style.BLOC_HATCHES.get(row.country, ""),
            edgecolor=style.INK if outlined else "white",
            linewidth=1.2 if outlined else 0.5,
        )
        ax.text(
            100 * getattr(row, trust.CONFIDENT) + 1.2,
            row.y,
            fmt.share(getattr(row, trust.CONFIDENT)),
            va="center",
            fontsize=8,
            color=style.INK,
        )
    for name, own in rows.groupby("world_region", sort=False):
        ax.text(101, own["y"].mean(), name, va="center", fontsize=8, color=style.MUTED)
    ax.set_yticks(
        rows["y"],
        [
            f"{c} ◆" if marked and r == region else c
            for c, r in zip(rows["country"], rows["world_region"], strict=True)
        ],
        fontsize=8.5,
    )
    ax.set_ylim(rows["y"].max() + 0.7, -0.7)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of respondents confident in AI systems (%)")
    ax.grid(axis="y", visible=False)
    data = rows[["country", "world_region", *trust.CONFIDENCE, trust.CONFIDENT, "survey"]]
    record.show_figure(
        fig,
        alt="Horizontal stacked bars of the share very and somewhat confident in AI systems by country, "
        f"{trust.UNDP}: "
        + "; ".join(
            f"{r.country} ({r.world_region}) {fmt.share(getattr(r, trust.CONFIDENT))}, "
            f"very {fmt.share(r.very_confident)}"
            for r in rows.itertuples()
        )
        + ".",
        source_note=source_note,
        data=data,
        columns={
            "country": "country",
            "world_region": "reporting region",
            "very_confident": "share very confident in AI systems (fraction)",
            "somewhat_confident": "share somewhat confident",
            "not_very_confident": "share not very confident",
            "not_at_all_confident": "share not at all confident",
            trust.CONFIDENT: "very + somewhat confident",
            "survey": "the survey, as transcribed by a third party (never mixed with Edelman's figures)",
        },
    )
