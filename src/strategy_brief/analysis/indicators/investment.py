"""Investment and hardware: private AI money and the AI chips each bloc designs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated.classify import CN, US
from strategy_brief.curated.facts import UNITS

BOUNDS = ("at_least", "at_most", "range_low", "range_high")


def _calendar_year(start: str, end: str, fact_id: str) -> int:
    if not start or not end or start[:4] != end[:4]:
        raise ValueError(
            f"investment_gap: fact {fact_id} does not cover one calendar year ({start} to {end})"
        )
    return int(start[:4])


def investment_gap(facts: pd.DataFrame, *, indicator: str = "private_ai_investment") -> pd.DataFrame:
    """US vs China private AI investment (USD billion) per year and source, the US/China ratio, the facts."""
    # The two countries are compared only within one source, so editions that revise a year are not mixed.
    columns = ["fact_id", "indicator", "country", "value", "unit", "qualifier", "as_of_start", "as_of_end"]
    require(facts, [*columns, "primary_source"], "investment_gap")
    rows = facts[(facts["indicator"] == indicator) & facts["country"].isin([US, CN])]
    if rows.empty:
        raise ValueError(f"investment_gap: no US or China facts for indicator {indicator!r}")
    units = set(rows["unit"])
    if not units <= {"USD", "USD million", "USD billion"}:
        raise ValueError(f"investment_gap: expected USD amounts, got units {sorted(units)}")
    rows = rows.assign(
        year=[
            _calendar_year(*r)
            for r in zip(rows["as_of_start"], rows["as_of_end"], rows["fact_id"], strict=True)
        ],
        usd_bn=rows["value"].astype(float) * [10.0 ** (UNITS[u] - 9) for u in rows["unit"]],
    )
    out = []
    for (year, source), group in rows.groupby(["year", "primary_source"], sort=True):
        by_country = {}
        for country in (US, CN):
            here = group[group["country"] == country]
            if len(here) > 1:
                ids = list(here["fact_id"])
                raise ValueError(f"investment_gap: several {country} figures for {year} from {source}: {ids}")
            by_country[country] = here.iloc[0] if len(here) else None
        us, cn = by_country[US], by_country[CN]
        comparable = us is not None and cn is not None
        bounded = comparable and (us["qualifier"] in BOUNDS or cn["qualifier"] in BOUNDS)
        out.append(
            {
                "year": year,
                "primary_source": source,
                "us_usd_bn": us["usd_bn"] if us is not None else np.nan,
                "china_usd_bn": cn["usd_bn"] if cn is not None else np.nan,
                "us_to_china_ratio": us["usd_bn"] / cn["usd_bn"] if comparable and not bounded else np.nan,
                "us_fact": us["fact_id"] if us is not None else "",
                "china_fact": cn["fact_id"] if cn is not None else "",
                "note": ""
                if comparable and not bounded
                else ("a bound, not a value: no ratio" if bounded else "one country only in this source"),
            }
        )
    return pd.DataFrame(out)


def accelerators(hardware: pd.DataFrame) -> pd.DataFrame:
    """Per bloc and year: chips released, best FP16 TFLOP/s that year and so far, and the US/China ratios."""
    # The ratios are year-level: the same on every row of a year, empty unless both blocs have a figure.
    require(hardware, {"manufacturer", "bloc", "year", "chips", "best_fp16_tflops"}, "accelerators")
    data = hardware.assign(best_fp16_tflops=pd.to_numeric(hardware["best_fp16_tflops"], errors="raise"))
    reported = data.assign(_reported=data["best_fp16_tflops"].notna())
    out = (
        reported.groupby(["bloc", "year"], as_index=False)
        .agg(
            makers=("manufacturer", "nunique"),
            chips=("chips", "sum"),
            makers_with_fp16=("_reported", "sum"),
            best_fp16_tflops=("best_fp16_tflops", "max"),
        )
        .sort_values(["bloc", "year"], kind="mergesort")
    )
    best_maker = data.dropna(subset=["best_fp16_tflops"]).sort_values("best_fp16_tflops", kind="mergesort")
    best_maker = best_maker.groupby(["bloc", "year"])["manufacturer"].last()
    out["best_maker"] = [best_maker.get((b, y), "") for b, y in zip(out["bloc"], out["year"], strict=True)]
    # Best available so far: the running maximum over the bloc's years (a year without a figure keeps it).
    out["frontier_fp16_tflops"] = out.groupby("bloc")["best_fp16_tflops"].cummax()
    out["frontier_fp16_tflops"] = out.groupby("bloc")["frontier_fp16_tflops"].ffill()
    for column, ratio in (
        ("best_fp16_tflops", "us_china_best_ratio"),
        ("frontier_fp16_tflops", "us_china_frontier_ratio"),
    ):
        wide = out.pivot(index="year", columns="bloc", values=column)
        if {US, CN} <= set(wide.columns):
            out[ratio] = out["year"].map(wide[US] / wide[CN])
        else:
            out[ratio] = np.nan
    return out.sort_values(["year", "bloc"], kind="mergesort").reset_index(drop=True)


def by_country(money: pd.DataFrame) -> pd.DataFrame:
    """An `investment_gap` table in long form: one row per year and country with a figure (year, bloc,
    usd_bn, primary_source, fact_id), the US rows first."""
    sides = [
        money[["year", "primary_source", f"{prefix}_usd_bn", f"{prefix}_fact"]]
        .rename(columns={f"{prefix}_usd_bn": "usd_bn", f"{prefix}_fact": "fact_id"})
        .assign(bloc=bloc)
        for prefix, bloc in (("us", US), ("china", CN))
    ]
    return pd.concat(sides).dropna(subset=["usd_bn"])[["year", "bloc", "usd_bn", "primary_source", "fact_id"]]


def latest_comparable(chips: pd.DataFrame) -> tuple[int, pd.DataFrame]:
    """The newest year of an `accelerators` table where both the US and China have a best chip so far, and
    that year's US and China rows, indexed by bloc."""
    both = chips[chips["bloc"].isin([US, CN])].dropna(subset=["us_china_frontier_ratio"])
    year = both["year"].max()
    return year, both[both["year"] == year].set_index("bloc")


COMPARISONS = ("same_year", "newest", "best_so_far")


def chip_comparison(chips: pd.DataFrame) -> pd.DataFrame:
    """The best US AI chip against the best Chinese one, three ways, from an `accelerators` table: one row
    per comparison and bloc (index: comparison, bloc) with the chip's release year, maker, FP16 TFLOP/s, the
    US/China ratio and how many years the US chip is newer (`years_apart`; negative: older).

    - 'same_year': the newest release year in which both blocs released a chip with a reported figure,
      and each bloc's fastest chip of that year: like for like, `years_apart` 0;
    - 'newest': each bloc's newest release year with a reported figure and its fastest chip of that year;
    - 'best_so_far': each bloc's fastest chip in the table (the earliest year if tied), whatever its year.
    The last two may set chips of different years against each other; `years_apart` says so."""
    require(chips, {"bloc", "year", "best_fp16_tflops", "best_maker"}, "chip_comparison")
    rows = chips[chips["bloc"].isin([US, CN])].dropna(subset=["best_fp16_tflops"])
    if set(rows["bloc"]) != {US, CN}:
        raise ValueError("chip_comparison: needs US and Chinese chips with a reported FP16 figure")
    both = set(rows.loc[rows["bloc"] == US, "year"]) & set(rows.loc[rows["bloc"] == CN, "year"])
    if not both:
        raise ValueError("chip_comparison: no release year in which both blocs have a chip with a figure")
    picks = {
        "same_year": rows[rows["year"] == max(both)],
        "newest": rows.sort_values("year", kind="mergesort").groupby("bloc").tail(1),
        "best_so_far": rows.sort_values(
            ["best_fp16_tflops", "year"], ascending=[False, True], kind="mergesort"
        )
        .groupby("bloc")
        .head(1),
    }
    out = []
    for comparison in COMPARISONS:
        pick = picks[comparison].set_index("bloc")
        us, cn = pick.loc[US], pick.loc[CN]
        for bloc in (US, CN):
            out.append(
                {
                    "comparison": comparison,
                    "bloc": bloc,
                    "year": int(pick.loc[bloc, "year"]),
                    "maker": pick.loc[bloc, "best_maker"],
                    "fp16_tflops": float(pick.loc[bloc, "best_fp16_tflops"]),
                    "us_china_ratio": float(us["best_fp16_tflops"] / cn["best_fp16_tflops"]),
                    "years_apart": int(us["year"] - cn["year"]),
                }
            )
    return pd.DataFrame(out).set_index(["comparison", "bloc"])


def frontier_series(chips: pd.DataFrame) -> pd.DataFrame:
    """The US and China rows of an `accelerators` table with a best chip so far: year, bloc, the best so
    far and that year's best, and the maker of that year's best."""
    rows = chips[chips["bloc"].isin([US, CN])].dropna(subset=["frontier_fp16_tflops"])
    return rows[["year", "bloc", "frontier_fp16_tflops", "best_fp16_tflops", "best_maker"]]


def best_chip(series: pd.DataFrame, bloc: str) -> pd.Series:
    """The year row of a `frontier_series` in which `bloc`'s best chip so far was released."""
    rows = series[series["bloc"] == bloc]
    return rows[rows["best_fp16_tflops"] == rows["frontier_fp16_tflops"].max()].iloc[0]


def reporting_makers(chips: pd.DataFrame) -> pd.DataFrame:
    """Maker-years of the US and China in an `accelerators` table, and how many report an FP16 figure."""
    return chips[chips["bloc"].isin([US, CN])].groupby("bloc")[["makers", "makers_with_fp16"]].sum()
