"""Charts of the policy, investment, chips and industry section: private AI investment by year and the best
AI chip each side has released, compared by release year."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from strategy_brief import fmt
from strategy_brief.curated.classify import CN, US
from strategy_brief.report import record, style

BAR_WIDTH = 0.38


def investment(money: pd.DataFrame, tidy: pd.DataFrame, *, source_note: str) -> None:
    """Show US and Chinese private AI investment as paired bars by year, each year's US/China ratio above
    its pair (`money`: `investment.investment_gap`; `tidy`: `investment.by_country` of it)."""
    last = money.dropna(subset=["us_to_china_ratio"]).iloc[-1]
    years = sorted(tidy["year"].unique())
    fig, ax = style.new_figure(
        f"US private AI investment was {fmt.times(last['us_to_china_ratio'])} China's in {last['year']}",
        "Private AI investment by year, USD billion; each year as reported by one AI Index edition",
        height=3.0,
    )
    for offset, bloc in ((-BAR_WIDTH / 2, US), (BAR_WIDTH / 2, CN)):
        rows = tidy[tidy["bloc"] == bloc].set_index("year").reindex(years)
        xs = [i + offset for i in range(len(years))]
        ax.bar(
            xs,
            rows["usd_bn"],
            width=BAR_WIDTH,
            color=style.bloc_colour(bloc),
            hatch=style.BLOC_HATCHES[bloc],
            edgecolor="white",
            label=bloc,
        )
        for x, value in zip(xs, rows["usd_bn"], strict=True):
            if pd.notna(value):
                ax.text(x, value, fmt.number(value), ha="center", va="bottom", fontsize=9)
    for i, row in enumerate(money.set_index("year").reindex(years).itertuples()):
        if pd.notna(row.us_to_china_ratio):
            ax.text(
                i,
                row.us_usd_bn + 0.1 * tidy["usd_bn"].max(),
                f"US = {fmt.times(row.us_to_china_ratio)} China",
                ha="center",
                fontsize=9,
                fontweight="bold",
                color=style.INK,
            )
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_ylim(0, tidy["usd_bn"].max() * 1.25)
    ax.set_ylabel("USD billion")
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)
    ax.legend(frameon=False, loc="upper left")
    record.show_figure(
        fig,
        alt="Paired bars of private AI investment by year: "
        + "; ".join(
            f"{r.year}: United States {fmt.usd_billion(r.us_usd_bn)}, China {fmt.usd_billion(r.china_usd_bn)}"
            + (f" ({fmt.times(r.us_to_china_ratio)})" if pd.notna(r.us_to_china_ratio) else "")
            for r in money.itertuples()
        )
        + ".",
        source_note=source_note,
        data=tidy,
        columns={
            "year": "calendar year of the investment",
            "bloc": "country",
            "usd_bn": "private AI investment, USD billion",
            "primary_source": "AI Index edition that reports it",
            "fact_id": "row in data/raw/facts.csv (source page and verbatim quote)",
        },
    )


def _tflops(chip: pd.Series, *, year: bool = False) -> str:
    """'2,517 TFLOP/s (AMD)' or, with `year`, '2,517 TFLOP/s (AMD, 2025)'."""
    where = f"{chip['maker']}, {chip['year']}" if year else chip["maker"]
    return f"{fmt.number(chip['fp16_tflops'], 0)} TFLOP/s ({where})"


def chips(series: pd.DataFrame, comparison: pd.DataFrame, *, source_note: str) -> None:
    """Show the best AI chip released so far by US and Chinese makers as step lines by year, each year's
    fastest release as an open marker, titled with the like-for-like ratio among chips of one release year
    (`series`: `investment.frontier_series`; `comparison`: `investment.chip_comparison`)."""
    same, best = comparison.loc["same_year"], comparison.loc["best_so_far"]
    fig, ax = style.new_figure(
        f"Among AI chips released in {same.loc[US, 'year']}, the best US one has "
        f"{fmt.times(same.loc[US, 'us_china_ratio'])} the throughput of China's best",
        "Lines: highest dense FP16/BF16 TFLOP/s of any chip released by that year; open markers: the "
        f"fastest released that year. China's fastest so far is {best.loc[CN, 'maker']}'s from "
        f"{best.loc[CN, 'year']}",
    )
    style.bloc_lines(ax, series, x="year", y="frontier_fp16_tflops")
    for bloc in (US, CN):
        rows = series[series["bloc"] == bloc].dropna(subset=["best_fp16_tflops"])
        ax.plot(
            rows["year"],
            rows["best_fp16_tflops"],
            linestyle="none",
            marker=style.BLOC_MARKERS[bloc],
            markersize=6,
            markerfacecolor="white",
            markeredgecolor=style.bloc_colour(bloc),
        )
    ax.set_ylabel("TFLOP/s (FP16/BF16)")
    ax.set_xlim(series["year"].min() - 0.5, series["year"].max() + 1.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    record.show_figure(
        fig,
        alt="Step lines of the fastest AI chip released so far by US and Chinese makers, "
        f"{series['year'].min()} to {series['year'].max()}, with each year's fastest release marked. Among "
        f"chips released in {same.loc[US, 'year']}: US {_tflops(same.loc[US])}, China "
        f"{_tflops(same.loc[CN])}. Fastest so far: US {_tflops(best.loc[US], year=True)}, China "
        f"{_tflops(best.loc[CN], year=True)}.",
        source_note=source_note,
        data=series,
        columns={
            "year": "release year",
            "bloc": "bloc of the chip maker",
            "frontier_fp16_tflops": "highest dense FP16/BF16 TFLOP/s of any chip released by that year",
            "best_fp16_tflops": "highest dense FP16/BF16 TFLOP/s of a chip released that year "
            "(empty: none reported)",
            "best_maker": "maker of that year's fastest chip",
        },
    )
