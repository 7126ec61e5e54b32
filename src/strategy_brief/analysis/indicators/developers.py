"""Developers: the base of people who build with AI models per economy and region, its growth over one
year, and how their collaboration on GitHub ties them to the United States or to China.

From the GitHub Innovation Graph, with its limits kept beside the numbers:
- an economy or a pair of economies is reported only when 100 or more developers are behind it, so a
  missing tie is "not reported", never zero: the views count how many ties were reported;
- collaboration weights are volumes of activity (git pushes plus pull requests), not counts of people or
  projects, so a share of them is a share of activity and carries no Wilson interval (that interval is
  for a share of counted items);
- location is by IP address; VPN use, common among developers in China, moves some Chinese activity to
  other economies, so ties with China are likely understated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategy_brief.analysis.indicators._checks import require
from strategy_brief.curated import classify, regions
from strategy_brief.curated.classify import CN, US
from strategy_brief.data import processed
from strategy_brief.data.steps import developers as steps

DEVELOPERS = "github_developers_by_economy"
COLLABORATION = "github_collaboration_us_china"
GLOBAL_SOUTH = regions.SOUTH
SHARE_KIND = "share of collaboration activity (pushes + pull requests), not of counts: no Wilson interval"
WEIGHTS = steps.WEIGHTS  # the collaboration table's weight columns, as its step writes them


def _latest(frame: pd.DataFrame, quarter_end: str | None, caller: str) -> str:
    """The quarter a view reads: `quarter_end` if the table has it, else the table's newest."""
    quarters = sorted(set(frame["quarter_end"].astype(str)))
    if quarter_end is None:
        return quarters[-1]
    if quarter_end not in quarters:
        raise ValueError(
            f"{caller}: quarter_end {quarter_end!r} not in the table (it has {quarters[0]} to {quarters[-1]})"
        )
    return quarter_end


def _year_earlier(quarter_end: str) -> str:
    return f"{int(quarter_end[:4]) - 1}{quarter_end[4:]}"


def developer_base(devs: pd.DataFrame, *, quarter_end: str | None = None) -> pd.DataFrame:
    """Per economy: developers in the newest quarter (or `quarter_end`), in the same quarter a year
    earlier, and the growth between them (empty where either is not reported)."""
    require(
        devs,
        {"iso3", "economy", "world_region", "quarter_end", "developers", "repositories"},
        "developer_base",
    )
    now = _latest(devs, quarter_end, "developer_base")
    before = _year_earlier(now)
    current = devs[devs["quarter_end"].astype(str) == now]
    earlier = devs[devs["quarter_end"].astype(str) == before].set_index("iso3")["developers"]
    out = current[["iso3", "economy", "world_region", "developers", "repositories"]].copy()
    out["developers_year_earlier"] = out["iso3"].map(earlier)
    out["growth"] = out["developers"] / out["developers_year_earlier"] - 1
    out["quarter_end"], out["year_earlier"] = now, before
    return out.sort_values("developers", ascending=False, kind="mergesort").reset_index(drop=True)


def developer_base_by_region(base: pd.DataFrame) -> pd.DataFrame:
    """Per area (reporting regions, the Global South, Global): economies reported, developers, their share
    of the global count, and growth over one year counted on the economies reported both times."""
    require(
        base, {"iso3", "world_region", "developers", "developers_year_earlier"}, "developer_base_by_region"
    )
    reported = base[base["developers"].notna()]
    world = float(reported["developers"].sum())
    out = []
    for area, members in regions.areas():
        here = regions.in_area(reported, members)
        both = here[here["developers_year_earlier"].notna()]
        earlier = float(both["developers_year_earlier"].sum())
        out.append(
            {
                "area": area,
                "economies": len(here),
                "developers": int(here["developers"].sum()),
                "share_of_global": float(here["developers"].sum()) / world if world else np.nan,
                "economies_both_years": len(both),
                "developers_year_earlier": int(earlier),
                "growth": float(both["developers"].sum()) / earlier - 1 if earlier else np.nan,
            }
        )
    quarter = base["quarter_end"].iloc[0] if "quarter_end" in base and len(base) else None
    return pd.DataFrame(out).assign(quarter_end=quarter)


def is_side(iso3: str) -> bool:
    """The United States and the China bloc (mainland, Hong Kong, Macao): the two sides, not third parties."""
    return classify.bloc_of_country(iso3) in (US, CN)


def collaboration_ties(
    collab: pd.DataFrame, *, quarter_end: str | None = None, quarters: int = 4
) -> pd.DataFrame:
    """Per economy, over the `quarters` quarters ending at `quarter_end` (default: the table's newest; four
    quarters smooth the ties that are reported only some quarters): collaboration with the United States and
    with the China bloc (both directions, sums of the reported weights), how many of the direction-quarters
    were reported, China's share of the two ties (and mainland China's alone: Hong Kong carries much of
    the bloc's ties), and each side's share of all the economy's reported
    collaboration. A side with no reported tie in the window has its tie and shares empty: not reported
    (fewer than 100 developers behind each pair), not zero. Shares of activity, not of counts (SHARE_KIND)."""
    require(collab, {"iso3", "economy", "world_region", "quarter_end", *WEIGHTS}, "collaboration_ties")
    if quarters < 1:
        raise ValueError(f"collaboration_ties: quarters must be at least 1, not {quarters!r}")
    end = _latest(collab, quarter_end, "collaboration_ties")
    window = [q for q in sorted(set(collab["quarter_end"].astype(str))) if q <= end][-quarters:]
    rows = collab[collab["quarter_end"].astype(str).isin(window)]
    grouped = rows.groupby(["iso3", "economy", "world_region"], sort=True)
    sums = grouped[list(WEIGHTS)].sum(min_count=1)
    reported = (
        rows.assign(
            us_reported=rows[["to_us", "from_us"]].notna().sum(axis=1),
            china_reported=rows[["to_china", "from_china"]].notna().sum(axis=1),
            mainland_reported=rows[["to_mainland_china", "from_mainland_china"]].notna().sum(axis=1),
        )
        .groupby(["iso3", "economy", "world_region"], sort=True)[
            ["us_reported", "china_reported", "mainland_reported"]
        ]
        .sum()
    )
    out = pd.concat([sums, reported], axis=1).reset_index()
    # A side with no reported tie is unknown (small), never zero: its tie and shares stay empty.
    us_known, china_known = out["us_reported"] > 0, out["china_reported"] > 0
    out["with_us"] = (out["to_us"].fillna(0) + out["from_us"].fillna(0)).astype(float).where(us_known)
    out["with_china"] = (
        (out["to_china"].fillna(0) + out["from_china"].fillna(0)).astype(float).where(china_known)
    )
    mainland = out["to_mainland_china"].fillna(0) + out["from_mainland_china"].fillna(0)
    out["with_mainland_china"] = mainland.astype(float).where(out["mainland_reported"] > 0)
    out["total"] = (out["outbound_total"].fillna(0) + out["inbound_total"].fillna(0)).astype(float)
    pair = out["with_us"] + out["with_china"]
    out["china_share_of_ties"] = (out["with_china"] / pair).where(pair > 0)
    out["us_share_of_total"] = (out["with_us"] / out["total"]).where(out["total"] > 0)
    out["china_share_of_total"] = (out["with_china"] / out["total"]).where(out["total"] > 0)
    mainland_pair = out["with_us"] + out["with_mainland_china"]
    out["mainland_share_of_ties"] = (out["with_mainland_china"] / mainland_pair).where(mainland_pair > 0)
    out["directions_possible"] = 2 * len(window)
    out["is_side"] = [is_side(c) for c in out["iso3"]]
    out["period_start"], out["period_end"] = window[0], window[-1]
    out["share_kind"] = SHARE_KIND
    return out


def collaboration_by_region(ties: pd.DataFrame) -> pd.DataFrame:
    """Per area (reporting regions, the Global South, Global), the third economies' collaboration with the
    United States and the China bloc summed over the reported ties (an unreported tie adds nothing, so the
    China sums are lower bounds), China's share of the two ties, each side's share of their total reported
    collaboration, and how many economies have any reported tie with China."""
    require(
        ties,
        {
            "iso3",
            "world_region",
            "with_us",
            "with_china",
            "with_mainland_china",
            "total",
            "china_reported",
            "is_side",
        },
        "collaboration_by_region",
    )
    third = ties[~ties["is_side"]]
    out = []
    for area, members in regions.areas():
        here = regions.in_area(third, members)
        us, cn, total = (float(here[c].sum()) for c in ("with_us", "with_china", "total"))
        mainland = float(here["with_mainland_china"].sum())
        out.append(
            {
                "area": area,
                "economies": len(here),
                "economies_china_reported": int((here["china_reported"] > 0).sum()),
                "with_us": us,
                "with_china": cn,
                "china_share_of_ties": cn / (us + cn) if us + cn else np.nan,
                "with_mainland_china": mainland,
                "mainland_share_of_ties": mainland / (us + mainland) if us + mainland else np.nan,
                "us_share_of_total": us / total if total else np.nan,
                "china_share_of_total": cn / total if total else np.nan,
            }
        )
    period = (ties["period_start"].iloc[0], ties["period_end"].iloc[0]) if len(ties) else (None, None)
    return pd.DataFrame(out).assign(period_start=period[0], period_end=period[1], share_kind=SHARE_KIND)


def economy_ties(ties: pd.DataFrame, country: str) -> dict:
    """One economy's row of `collaboration_ties`, by name or ISO 3166-1 alpha-3 code; an economy without
    any reported collaboration is refused (a data gap, not zeros)."""
    require(ties, {"iso3"}, "economy_ties")
    code = country if country in set(ties["iso3"]) else regions.iso3(country)
    rows = ties[ties["iso3"] == code]
    if rows.empty:
        raise ValueError(f"economy_ties: no reported collaboration for {country!r}")
    return rows.iloc[0].to_dict()


def load_tables(as_of: str | None = None) -> dict[str, pd.DataFrame]:
    """The processed tables these indicators read, cut at `as_of` (by quarter end)."""
    return {name: processed.read(name, as_of=as_of) for name in (DEVELOPERS, COLLABORATION)}


def developer_view(as_of: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`developer_base`, `developer_base_by_region`) of the processed table as of a date."""
    base = developer_base(load_tables(as_of)[DEVELOPERS])
    return base, developer_base_by_region(base)


def collaboration_view(as_of: str | None = None, *, quarters: int = 4) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`collaboration_ties`, `collaboration_by_region`) of the processed table as of a date."""
    ties = collaboration_ties(load_tables(as_of)[COLLABORATION], quarters=quarters)
    return ties, collaboration_by_region(ties)
