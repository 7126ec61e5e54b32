"""The cost section's charts and tables, drawn from a cost_view.PriceView (US as leader, China as follower).

Each function returns the keyword arguments of record.show_figure (figure, alt text, the data behind it
and its column descriptions) or record.show_table (frame, caption, columns); the notebook adds the source
note. `blend` is the blend as text (narrative.cost.blend_text)."""

from __future__ import annotations

import math

import matplotlib.ticker as mticker
import pandas as pd
from matplotlib.lines import Line2D

from strategy_brief import fmt
from strategy_brief.analysis.indicators import cost_openness
from strategy_brief.analysis.indicators.cost import PRICE
from strategy_brief.analysis.indicators.cost_view import PriceView
from strategy_brief.curated.classify import CN, US
from strategy_brief.report import style
from strategy_brief.report.narrative.cost import fold, fold_range

BLOCS_SHOWN = (US, CN, "Europe", "Rest of world")


def _log_prices(ax) -> None:
    """A log price axis labelled at 1, 2 and 5 of each decade."""
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(mticker.LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: fmt.number(v, 2)))
    ax.yaxis.set_minor_formatter(mticker.NullFormatter())
    ax.set_ylabel("USD per million tokens")


def median_prices(view: PriceView, blend: str) -> dict:
    """Median blended price of US and Chinese models per snapshot, as lines on a log scale."""
    price = "median_blended_usd_per_mtok"
    tidy = view.by_bloc[view.by_bloc["bloc"].isin([US, CN])][
        ["snapshot_date", "bloc", "n_models", price, "min_blended_usd_per_mtok", "cheapest_model_id"]
    ]
    plot = tidy.assign(date=pd.to_datetime(tidy["snapshot_date"]))
    start = plot[plot["snapshot_date"] == view.first].set_index("bloc")[price]
    end = view.medians[price]
    fig, ax = style.new_figure(
        f"The median US model lists at {fmt.times(view.median_ratio)} the price of the median Chinese model",
        f"Median blended list price per million tokens ({blend}), each model at its cheapest host; log scale",
    )
    style.bloc_lines(ax, plot, x="date", y=price, step=False)
    _log_prices(ax)
    style.month_ticks(ax, plot["date"])
    ax.set_xlim(plot["date"].min() - pd.Timedelta(days=15), plot["date"].max() + pd.Timedelta(days=110))
    alt = (
        f"Lines of the median blended list price per million tokens of US and Chinese models in "
        f"{plot['snapshot_date'].nunique()} price-list snapshots from {pd.Timestamp(view.first):%B %Y} to "
        f"{pd.Timestamp(view.latest):%B %Y}, on a log scale: the US median moves from "
        f"{fmt.usd_price(start[US])} to {fmt.usd_price(end[US])}, the Chinese median from "
        f"{fmt.usd_price(start[CN])} to {fmt.usd_price(end[CN])}."
    )
    columns = {
        "snapshot_date": "date of the price-list snapshot",
        "bloc": "bloc of the model developer",
        "n_models": "priced models of the bloc in the snapshot",
        price: "median over models of the blended USD per million tokens, each model at its cheapest host",
        "min_blended_usd_per_mtok": "cheapest model of the bloc, USD per million tokens",
        "cheapest_model_id": "the cheapest model",
        "blend_input_share": "share of input tokens in the blend",
    }
    data = tidy.assign(blend_input_share=view.blend_input_share)
    return {"fig": fig, "alt": alt, "data": data, "columns": columns}


_SIDE = {cost_openness.ALL_MODELS: "all", cost_openness.CLOSED: "closed", cost_openness.OPEN: "open-weight"}


def _group_cell(n: int, median: float) -> str:
    """'110 models, USD 3.44', or the data gap when the group has no priced model."""
    if n == 0:
        return "no priced model (data gap)"
    return f"{n} model{'s' if n != 1 else ''}, {fmt.usd_price(median)}"


def openness_table(
    view: PriceView, genai: pd.DataFrame | None = None, *, genai_version: str = "", blend: str
) -> dict:
    """The US ÷ China median price for all models and like for like by openness (view.comparisons), with
    the models behind each median, the range when any one model is left out and the 95% bootstrap
    interval over models; and, when given, the same ratio from genai-prices (`genai`,
    cost_view.openness_comparisons of cost_openness.model_prices_in_force)."""
    other = None if genai is None else genai.set_index(["leader_openness", "follower_openness"])
    rows = []
    for row in view.comparisons.itertuples():
        lead, follow = row.leader_openness, row.follower_openness
        name = f"{_SIDE[lead]} US ÷ {_SIDE[follow]} Chinese"
        cells = {
            "comparison": name[0].upper() + name[1:],
            "us": _group_cell(row.n_leader, row.leader_median),
            "china": _group_cell(row.n_follower, row.follower_median),
            "ratio": fold(row.ratio),
            "loo": fold_range(row.loo_low, row.loo_high, missing="too few models"),
            "boot": fold_range(row.boot_low, row.boot_high),
        }
        if other is not None:
            g = other.loc[(lead, follow)]
            cells["genai"] = f"{fold(g['ratio'])} ({g['n_leader']} US, {g['n_follower']} Chinese models)"
        rows.append(cells)
    columns = {
        "comparison": "Models compared",
        "us": "US: models, median",
        "china": "China: models, median",
        "ratio": "US ÷ China",
        "loo": "Any one model left out",
        "boot": "95% bootstrap over models",
    }
    if other is not None:
        columns["genai"] = f"genai-prices{f' {genai_version}' if genai_version else ''}, own APIs"
    return {
        "frame": pd.DataFrame(rows),
        "caption": "Median blended list price, US ÷ China, by openness of the weights, "
        f"{pd.Timestamp(view.latest):%B %Y} (USD per million tokens, {blend}; each model at its cheapest "
        "host; closed = API only)",
        "columns": columns,
    }


def _label_frontier(ax, labels: pd.DataFrame) -> None:
    """Model names left of their points (cheaper and more capable is empty there), stacked upwards."""
    label_y = -math.inf
    for row in labels.sort_values("eci_score").itertuples():
        label_y = max(row.eci_score, label_y + 2.3)
        ax.annotate(
            row.model_id,
            (getattr(row, PRICE), row.eci_score),
            xytext=(getattr(row, PRICE) / 1.25, label_y),
            textcoords="data",
            ha="right",
            va="center",
            fontsize=7,
            color=style.bloc_colour(row.bloc),
            arrowprops={
                "arrowstyle": "-",
                "color": style.MUTED,
                "linewidth": 0.5,
                "shrinkA": 0,
                "shrinkB": 4,
            },
        )


def price_capability(view: PriceView, blend: str) -> dict:
    """Every priced, scored model of the latest snapshot: price (log) against ECI score, with the Pareto
    frontier ringed, joined and labelled."""
    joined, frontier = view.joined, view.frontier
    blocs_shown = [b for b in BLOCS_SHOWN if b in set(joined["bloc"])]
    labels = frontier.drop_duplicates([PRICE, "eci_score"])
    top = view.frontier_top
    latest = pd.Timestamp(view.latest)
    fig, ax = style.new_figure(
        f"{int((frontier['bloc'] == CN).sum())} of the {len(frontier)} models on the price–capability "
        f"frontier are Chinese; {top['model_id']} tops it",
        f"Each model with an ECI score at its cheapest host, {latest:%B %Y} price list; "
        "ringed and joined = no model is cheaper and at least as capable",
        height=4.6,
    )
    for bloc in blocs_shown:
        rows = joined[joined["bloc"] == bloc]
        ax.scatter(
            rows[PRICE],
            rows["eci_score"],
            s=26 if bloc in (US, CN) else 18,
            marker=style.BLOC_MARKERS[bloc],
            color=style.bloc_colour(bloc),
            alpha=0.85 if bloc in (US, CN) else 0.6,
            label=f"{bloc} ({len(rows)})",
            zorder=3,
        )
    ax.step(
        frontier[PRICE],
        frontier["eci_score"],
        where="post",
        color=style.INK,
        linewidth=1,
        linestyle="--",
        zorder=2,
    )
    ax.scatter(
        labels[PRICE],
        labels["eci_score"],
        s=70,
        facecolors="none",
        edgecolors=style.INK,
        linewidths=0.9,
        zorder=4,
    )
    _label_frontier(ax, labels)
    ax.set_xscale("log")
    ax.set_xlim(left=frontier[PRICE].min() / 8)  # room for the labels left of the cheapest models
    ax.xaxis.set_major_locator(mticker.LogLocator(subs=(1.0,)))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: fmt.number(v, 3)))
    ax.set_xlabel(f"USD per million tokens, blended ({blend}), log scale")
    ax.set_ylabel("ECI score")
    ax.grid(axis="y", visible=True)
    ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=len(blocs_shown), fontsize=8, frameon=False
    )
    alt = (
        f"Scatter of blended price (log scale) against ECI score for {len(joined)} models in the "
        f"{latest:%B %Y} price list ("
        + ", ".join(f"{(joined['bloc'] == b).sum()} {b}" for b in blocs_shown)
        + "). The frontier runs through "
        + "; ".join(
            f"{r.model_id} ({r.bloc}, ECI {fmt.number(r.eci_score)}, {fmt.usd_price(getattr(r, PRICE))})"
            for r in frontier.itertuples()
        )
        + "."
    )
    columns = {
        "model_id": "canonical model id",
        "developer": "model developer",
        "bloc": "bloc of the developer",
        "openness_class": "openness of the weights",
        "eci_score": "Epoch Capabilities Index score (best of the model's versions)",
        PRICE: f"blended USD per million tokens ({blend}) at the cheapest host",
        "host_provider": "the cheapest host (litellm provider)",
        "snapshot_date": "price-list snapshot",
        "on_frontier": "on the price-capability Pareto frontier",
    }
    data = joined.assign(on_frontier=joined["model_id"].isin(frontier["model_id"]))[list(columns)]
    return {"fig": fig, "alt": alt, "data": data, "columns": columns}


def parity_table(
    view: PriceView, genai_parity: pd.Series, *, genai_version: str, reference: str, blend: str
) -> dict:
    """The same pair of models (cheapest US and Chinese at China's best ECI level) priced three ways: any
    host and the developers' own APIs in litellm, and the own APIs in genai-prices (`genai_parity`,
    cost.reprice_parity, in force on `reference`). litellm names each offer's host, genai-prices has none.
    Without a Chinese model with a first-party price and a score, only the first way."""
    bases = {"Any host (litellm)": (view.parity, view.hosts())}
    if not view.first_party_gap:
        bases["Developer's own API (litellm)"] = (view.parity_fp, view.hosts(first_party_only=True))
        bases[f"Developer's own API (genai-prices {genai_version}, in force {reference})"] = (
            genai_parity,
            None,
        )
    rows = []
    for basis, (row, hosts) in bases.items():
        cells = {"basis": basis, "level": fmt.number(row["level"]), "ratio": fmt.ratio(row["ratio"])}
        for side, bloc in (("leader", "us"), ("follower", "china")):
            model, offer = row[f"{side}_model_id"], row[f"{side}_usd_per_mtok"]
            host = "" if hosts is None else f" on {hosts.get(model, '?')}"
            cells[bloc] = (
                "none" if pd.isna(model) else f"{model}{host}: {fmt.usd_price(offer, missing='not listed')}"
            )
        rows.append(cells)
    return {
        "frame": pd.DataFrame(rows),
        "caption": f"Cheapest US and Chinese model at the ECI score of China's best priced model, "
        f"{pd.Timestamp(view.latest):%B %Y} (blended USD per million tokens, {blend})",
        "columns": {
            "basis": "Prices from",
            "level": "ECI level",
            "us": "Cheapest US model",
            "china": "Cheapest Chinese model",
            "ratio": "US ÷ China",
        },
    }


def _pick(row: pd.Series) -> str:
    return (
        "none in the list"
        if pd.isna(row["model_id"])
        else f"{row['model_id']} ({fmt.number(row['eci_score'])})"
    )


def levels_table(view: PriceView, blend: str) -> dict:
    """The cheapest US and Chinese model scoring at least each requested ECI level, and the price ratio."""
    rows = []
    for level, group in view.cheapest.groupby("level", sort=True):
        pick = group.set_index("bloc")
        us_row, cn_row = pick.loc[US], pick.loc[CN]
        rows.append(
            {
                "level": f"ECI ≥ {fmt.number(level)}",
                "us": _pick(us_row),
                "us_price": fmt.price(us_row[PRICE]),
                "china": _pick(cn_row),
                "china_price": fmt.price(cn_row[PRICE]),
                "ratio": fmt.ratio(us_row[PRICE] / cn_row[PRICE]),
            }
        )
    return {
        "frame": pd.DataFrame(rows),
        "caption": "Cheapest model scoring at least each ECI level, by bloc, "
        f"{pd.Timestamp(view.latest):%B %Y} price list (blended USD per million tokens, {blend}, any host)",
        "columns": {
            "level": "Capability",
            "us": "US model (ECI)",
            "us_price": "US price",
            "china": "Chinese model (ECI)",
            "china_price": "Chinese price",
            "ratio": "US ÷ China",
        },
    }


def price_decline(view: PriceView, blend: str) -> dict:
    """The cheapest price of the capability of China's best priced model of the first snapshot, per
    snapshot: one line with any host, one on the developers' own APIs, markers by the bloc of the model."""
    first_best, first_dt, latest_dt = view.first_best, pd.Timestamp(view.first), pd.Timestamp(view.latest)
    tidy = pd.concat(
        [view.decline.assign(basis="any host"), view.decline_fp.assign(basis="developer's own API")]
    )[
        [
            "snapshot_date",
            "basis",
            "level",
            "model_id",
            "bloc",
            "eci_score",
            PRICE,
            "host_provider",
            "fold_decline",
        ]
    ]
    plot = tidy.dropna(subset=[PRICE]).assign(date=lambda f: pd.to_datetime(f["snapshot_date"]))
    offered = view.decline.dropna(subset=[PRICE])
    base, end = offered.iloc[0], offered.iloc[-1]
    end_fp = view.decline_fp.dropna(subset=[PRICE]).iloc[-1]
    months = round((pd.Timestamp(end["snapshot_date"]) - pd.Timestamp(base["snapshot_date"])).days / 30.44)
    fig, ax = style.new_figure(
        f"Capability matching {first_best['model_id']} got {fmt.times(end['fold_decline'])} cheaper in "
        f"{months} months",
        f"Cheapest blended list price of any model scoring ECI ≥ {fmt.number(first_best['eci_score'])} "
        f"(China's best priced model in {first_dt:%B %Y}); marker = bloc of that model; log scale",
    )
    for basis, dash in (("any host", "-"), ("developer's own API", "--")):
        rows = plot[plot["basis"] == basis]
        ax.plot(rows["date"], rows[PRICE], color=style.MUTED, linestyle=dash, linewidth=1.3, zorder=2)
        for bloc, part in rows.groupby("bloc"):
            ax.scatter(
                part["date"],
                part[PRICE],
                marker=style.BLOC_MARKERS.get(bloc, "D"),
                s=40,
                color=style.bloc_colour(bloc),
                zorder=3,
            )
    _log_prices(ax)
    ax.grid(axis="y", visible=True)
    style.month_ticks(ax, plot["date"])
    handles = [
        Line2D([], [], color=style.MUTED, linestyle="-", label="any host"),
        Line2D([], [], color=style.MUTED, linestyle="--", label="developer's own API"),
    ] + [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=style.BLOC_MARKERS.get(b, "D"),
            color=style.bloc_colour(b),
            label=b,
        )
        for b in BLOCS_SHOWN
        if b in set(plot["bloc"])
    ]
    ax.legend(handles=handles, loc="upper right", fontsize=8, frameon=False)
    alt = (
        f"Two lines, log scale, of the cheapest price of a model scoring at least ECI "
        f"{fmt.number(first_best['eci_score'])} per price-list snapshot from {first_dt:%B %Y} to "
        f"{latest_dt:%B %Y}. With any host: "
        + "; ".join(
            f"{pd.Timestamp(r.snapshot_date):%b %Y} {r.model_id} ({r.bloc}) "
            f"{fmt.usd_price(getattr(r, PRICE))}"
            for r in offered.itertuples()
        )
        + f". With the developer's own API only the price ends at {fmt.usd_price(end_fp[PRICE])}."
    )
    columns = {
        "snapshot_date": "price-list snapshot",
        "basis": "any host, or the developer's own API only",
        "level": "ECI level: China's best priced model in the first snapshot",
        "model_id": "cheapest model scoring at least the level",
        "bloc": "bloc of that model's developer",
        "eci_score": "its ECI score",
        PRICE: f"blended USD per million tokens ({blend})",
        "host_provider": "the host listing that price",
        "fold_decline": "price in the first snapshot offering the level ÷ price in this snapshot",
    }
    return {"fig": fig, "alt": alt, "data": tidy, "columns": columns}
