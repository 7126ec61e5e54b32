"""Developers per economy and their collaboration with the United States and China (GitHub Innovation
Graph): the people who adopt open-weight models, and whose code ties them to one side or the other.

The Innovation Graph reports an economy, or a pair of economies, only when 100 or more developers are
behind it, so a missing pair means "not reported" (small), never zero; the weights are volumes of
activity (git pushes plus pull requests), not counts of people; location is by IP address, so VPNs
(more common among developers in China) shift activity to other economies.
"""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify, regions
from strategy_brief.data.steps import _io
from strategy_brief.data.table import DATE, TableSpec, column

SOURCE = "github_innovation_graph"
DEVELOPERS, REPOSITORIES, COLLABORATORS = "developers", "repositories", "economy_collaborators"
UNCLASSIFIED_REGION = "Unclassified"  # an economy outside the reporting regions (Antarctica)
QUARTER_END = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
KEPT = "kept"
AGGREGATE = "excluded: aggregate or unknown code"
SELF_PAIR = "excluded: economy paired with itself"
WEIGHTS = (
    "to_us",
    "from_us",
    "to_china",
    "from_china",
    "to_mainland_china",
    "from_mainland_china",
    "outbound_total",
    "inbound_total",
)


def family(filename: str) -> str:
    """Which Innovation Graph file a snapshot is, whatever date its name carries
    (developers.csv, developers_2026-03-26.csv → developers)."""
    stem = filename.rsplit(".", 1)[0]
    return re.sub(r"[_\-. ]+", "_", re.sub(r"\d{4}-\d{2}(-\d{2})?", "", stem)).strip("_")


def latest_file(snaps: list, name: str):
    """The newest snapshot of one of the source's files; a missing one is named with the fix."""
    own = [s for s in snaps if family(s.path.name) == name]
    if not own:
        raise FileNotFoundError(
            f"no snapshot of {SOURCE} file {name}.csv (a download fetches developers.csv only); run "
            f"`strategy-brief data refresh --source {SOURCE} --mirror ../shared/data`"
        )
    return _io.latest(own, SOURCE)


def _whole_numbers(frame: pd.DataFrame, columns: list[str], where: str) -> pd.DataFrame:
    """The named columns as integers; a value that is not a whole number >= 0 is refused by row."""
    out = frame.copy()
    for name in columns:
        if name not in frame.columns:
            raise ValueError(f"{where}: missing column {name!r}")
        bad = ~frame[name].astype(str).str.fullmatch(r"\d+")
        if bad.any():
            i = bad.idxmax()
            raise ValueError(
                f"{where}: row {i + 2}, column {name!r}: {frame.at[i, name]!r} is not a whole number"
            )
        out[name] = frame[name].astype(int)
    bad = ~out["quarter"].isin(QUARTER_END)
    if bad.any():
        i = bad.idxmax()
        raise ValueError(f"{where}: row {i + 2}, column 'quarter': {frame.at[i, 'quarter']!r} is not 1 to 4")
    return out


def economies(codes) -> pd.DataFrame:
    """Each ISO 3166-1 alpha-2 code of the source with its alpha-3 code (None for an aggregate such as EU),
    short name and reporting region."""
    rows = []
    for code in sorted(set(codes)):
        iso3 = regions.iso3(code) if code else None
        rows.append(
            {
                "code": code,
                "iso3": iso3,
                "economy": regions.country_name(iso3) if iso3 else None,
                "world_region": (regions.world_region(iso3) or UNCLASSIFIED_REGION) if iso3 else None,
            }
        )
    return pd.DataFrame(rows, columns=["code", "iso3", "economy", "world_region"])


def _quarter_end(frame: pd.DataFrame) -> pd.Series:
    return frame["year"].astype(str) + "-" + frame["quarter"].map(QUARTER_END)


def developers_by_economy(developers: pd.DataFrame, repositories: pd.DataFrame) -> pd.DataFrame:
    """Developers and repositories per economy and quarter (either may be unreported: fewer than 100
    developers behind it); aggregates (EU) are left out."""
    places = economies([*developers["iso2_code"], *repositories["iso2_code"]])
    keys = ["iso2_code", "year", "quarter"]
    merged = developers[[*keys, "developers"]].merge(
        repositories[[*keys, "repositories"]], on=keys, how="outer"
    )
    merged = merged.merge(places, left_on="iso2_code", right_on="code", how="left")
    merged = merged[merged["iso3"].notna()]
    out = merged.assign(quarter_end=_quarter_end(merged))
    for name in ("developers", "repositories", "year", "quarter"):
        out[name] = out[name].astype("Int64")
    columns = [
        "iso3",
        "economy",
        "world_region",
        "year",
        "quarter",
        "quarter_end",
        "developers",
        "repositories",
    ]
    return out[columns].sort_values(["iso3", "quarter_end"]).reset_index(drop=True)


def collaboration_us_china(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per economy and quarter: collaboration weight sent to and received from the United States and the
    China bloc (mainland, Hong Kong, Macao: classify.bloc_of_country), each the sum of the reported pairs
    (empty when none is reported), mainland China alone (Hong Kong carries much of the bloc's ties), and
    the totals over every reported pair with another economy (not an aggregate such as EU, not itself):
    totals of what is reported, so lower bounds."""
    places = economies([*pairs["source"], *pairs["destination"]])
    iso3 = dict(zip(places["code"], places["iso3"], strict=True))
    frame = pairs.assign(
        source_iso3=pairs["source"].map(iso3),
        destination_iso3=pairs["destination"].map(iso3),
    )
    frame = frame[frame["source_iso3"].notna() & frame["destination_iso3"].notna()]
    frame = frame[frame["source_iso3"] != frame["destination_iso3"]]
    blocs = {
        c: classify.bloc_of_country(c) for c in set(frame["source_iso3"]) | set(frame["destination_iso3"])
    }
    frame = frame.assign(
        source_bloc=frame["source_iso3"].map(blocs), destination_bloc=frame["destination_iso3"].map(blocs)
    )
    period = ["year", "quarter"]

    def summed(rows: pd.DataFrame, by: str, name: str) -> pd.Series:
        return rows.groupby([by, *period])["weight"].sum().rename(name).rename_axis(["iso3", *period])

    parts = [
        summed(frame[frame["destination_iso3"] == "USA"], "source_iso3", "to_us"),
        summed(frame[frame["source_iso3"] == "USA"], "destination_iso3", "from_us"),
        summed(frame[frame["destination_bloc"] == classify.CN], "source_iso3", "to_china"),
        summed(frame[frame["source_bloc"] == classify.CN], "destination_iso3", "from_china"),
        summed(frame[frame["destination_iso3"] == "CHN"], "source_iso3", "to_mainland_china"),
        summed(frame[frame["source_iso3"] == "CHN"], "destination_iso3", "from_mainland_china"),
        summed(frame, "source_iso3", "outbound_total"),
        summed(frame, "destination_iso3", "inbound_total"),
    ]
    out = pd.concat(parts, axis=1).reset_index()
    for name in WEIGHTS:
        out[name] = out[name].astype("Int64")
    names = places.dropna(subset=["iso3"]).drop_duplicates("iso3").set_index("iso3")
    out["economy"] = out["iso3"].map(names["economy"])
    out["world_region"] = out["iso3"].map(names["world_region"])
    out["quarter_end"] = _quarter_end(out)
    columns = [
        "iso3",
        "economy",
        "world_region",
        "year",
        "quarter",
        "quarter_end",
        "to_us",
        "from_us",
        "to_china",
        "from_china",
        "to_mainland_china",
        "from_mainland_china",
        "outbound_total",
        "inbound_total",
    ]
    return out[columns].sort_values(["iso3", "quarter_end"]).reset_index(drop=True)


def coverage(developers: pd.DataFrame, repositories: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Rows of each file kept or left out, and why (which codes are aggregates)."""
    rows = []
    for name, frame, code_columns in (
        (DEVELOPERS, developers, ["iso2_code"]),
        (REPOSITORIES, repositories, ["iso2_code"]),
        (COLLABORATORS, pairs, ["source", "destination"]),
    ):
        codes = pd.concat([frame[c] for c in code_columns])
        places = economies(codes)
        aggregate = set(places.loc[places["iso3"].isna(), "code"])
        is_aggregate = frame[code_columns].isin(aggregate).any(axis=1)
        is_self = (frame[code_columns[0]] == frame[code_columns[-1]]) & (len(code_columns) > 1)
        for reason, mask, which in (
            (AGGREGATE, is_aggregate, sorted(aggregate)),
            (SELF_PAIR, is_self & ~is_aggregate, []),
            (KEPT, ~is_aggregate & ~is_self, []),
        ):
            if mask.any() or reason == KEPT:
                rows.append(
                    {
                        "file": f"{name}.csv",
                        "reason": reason,
                        "codes": " ".join(which) or None,
                        "rows": int(mask.sum()),
                    }
                )
    return pd.DataFrame(rows)


def _read(inputs, name: str, numbers: list[str]) -> pd.DataFrame:
    snap = latest_file(inputs[SOURCE], name)
    return _whole_numbers(_io.read_csv(snap), [*numbers, "year", "quarter"], snap.path.name)


def _developers(inputs) -> pd.DataFrame:
    """GitHub Innovation Graph developers.csv and repositories.csv (newest snapshots), joined per economy
    and quarter; ISO 3166-1 alpha-2 → alpha-3 and reporting region (UN M49) via country_converter; the EU
    aggregate is left out (github_innovation_graph_coverage counts it); quarter_end is the quarter's last
    day. A value is empty where the source does not report it (fewer than 100 developers)."""
    return developers_by_economy(
        _read(inputs, DEVELOPERS, ["developers"]), _read(inputs, REPOSITORIES, ["repositories"])
    )


def _collaboration(inputs) -> pd.DataFrame:
    """GitHub Innovation Graph economy_collaborators.csv (newest snapshot): per economy and quarter, the
    weights of the reported pairs with the United States and with the China bloc (mainland, Hong Kong,
    Macao) and with mainland China alone, each direction apart, and the totals over all reported pairs; pairs with an aggregate (EU) or
    with itself are left out. A pair is reported only with 100 or more developers behind it, so an empty
    weight is 'not reported', never zero, and the totals are lower bounds."""
    return collaboration_us_china(_read(inputs, COLLABORATORS, ["weight"]))


def _coverage(inputs) -> pd.DataFrame:
    """Rows of each GitHub Innovation Graph file kept in the developer tables or left out, and why."""
    return coverage(
        _read(inputs, DEVELOPERS, ["developers"]),
        _read(inputs, REPOSITORIES, ["repositories"]),
        _read(inputs, COLLABORATORS, ["weight"]),
    )


_PLACE = {
    "iso3": column(str, pa.Check.str_matches(r"^[A-Z]{3}$")),
    "economy": column(str),
    "world_region": column(str),
    "year": column(int, pa.Check.in_range(2000, 2100)),
    "quarter": column(int, pa.Check.isin([1, 2, 3, 4])),
    "quarter_end": column(str, pa.Check.str_matches(DATE)),
}


def _weight(nullable: bool = True) -> pa.Column:
    return column("Int64", pa.Check.ge(0), nullable=nullable)


_NOT_REPORTED = "empty: not reported (fewer than 100 developers behind it)"
# What the columns every table of this source starts with (_PLACE) mean.
_PLACE_UNITS = {
    "iso3": "ISO 3166-1 alpha-3 code of the economy",
    "economy": "economy (short English name)",
    "year": "calendar year of the quarter",
    "quarter": "quarter of the year (1 to 4)",
    "quarter_end": "last day of the quarter",
}

TABLES = (
    TableSpec(
        name="github_developers_by_economy",
        title="GitHub developers and repositories per economy and quarter",
        description="Developer accounts and public repositories located in each economy per quarter "
        "(GitHub Innovation Graph), every quarter the source reports.",
        sources=(SOURCE,),
        compute=_developers,
        key=("iso3", "quarter_end"),
        date_column="quarter_end",
        units={
            **_PLACE_UNITS,
            "developers": f"count of developer accounts located in the economy (by IP address); {_NOT_REPORTED}",
            "repositories": f"count of public repositories located in the economy; {_NOT_REPORTED}",
        },
        schema=pa.DataFrameSchema(
            {**_PLACE, "developers": _weight(), "repositories": _weight()},
            strict=True,
            checks=[
                pa.Check(
                    lambda df: df["developers"].notna() | df["repositories"].notna(),
                    error="developers or repositories is reported",
                )
            ],
        ),
    ),
    TableSpec(
        name="github_collaboration_us_china",
        title="GitHub collaboration with the United States and China per economy and quarter",
        description="Cross-economy collaboration weights (git pushes sent plus pull requests opened to "
        "repositories owned in the other economy) with the United States and the China bloc, each "
        "direction apart, and the totals over every reported pair (GitHub Innovation Graph).",
        sources=(SOURCE,),
        compute=_collaboration,
        key=("iso3", "quarter_end"),
        date_column="quarter_end",
        units={
            **_PLACE_UNITS,
            "to_us": "weight sent by the economy's developers to repositories owned in the United States "
            f"(pushes + pull requests, not people); {_NOT_REPORTED}",
            "from_us": f"weight sent by United States developers to the economy's repositories; {_NOT_REPORTED}",
            "to_china": "weight sent to repositories owned in the China bloc (mainland, Hong Kong, Macao), sum of "
            f"the reported pairs; {_NOT_REPORTED}; VPN use in China moves some Chinese activity elsewhere",
            "from_china": f"weight sent by China-bloc developers to the economy's repositories; {_NOT_REPORTED}",
            "to_mainland_china": f"weight sent to repositories owned in mainland China alone; {_NOT_REPORTED}",
            "from_mainland_china": f"weight sent by mainland China developers to the economy's repositories; {_NOT_REPORTED}",
            "outbound_total": "weight sent to every other economy, sum of the reported pairs (a lower bound)",
            "inbound_total": "weight received from every other economy, sum of the reported pairs (a lower bound)",
        },
        schema=pa.DataFrameSchema(
            {
                **_PLACE,
                "to_us": _weight(),
                "from_us": _weight(),
                "to_china": _weight(),
                "from_china": _weight(),
                "to_mainland_china": _weight(),
                "from_mainland_china": _weight(),
                "outbound_total": _weight(),
                "inbound_total": _weight(),
            },
            strict=True,
            checks=[
                pa.Check(
                    lambda df: (
                        (df["to_us"].fillna(0) + df["to_china"].fillna(0)) <= df["outbound_total"].fillna(0)
                    ),
                    error="to_us + to_china <= outbound_total",
                ),
                pa.Check(
                    lambda df: (
                        (df["from_us"].fillna(0) + df["from_china"].fillna(0))
                        <= df["inbound_total"].fillna(0)
                    ),
                    error="from_us + from_china <= inbound_total",
                ),
            ],
        ),
    ),
    TableSpec(
        name="github_innovation_graph_coverage",
        title="GitHub Innovation Graph: rows kept and left out",
        description="Rows of each Innovation Graph file the developer tables keep or leave out, and why "
        "(aggregates such as the EU; pairs of an economy with itself).",
        sources=(SOURCE,),
        compute=_coverage,
        key=("file", "reason"),
        units={
            "file": "the Innovation Graph file",
            "reason": "kept, or excluded: why",
            "codes": "the ISO 3166-1 alpha-2 codes left out as aggregates or unknown",
            "rows": "count of rows of the file",
        },
        schema=pa.DataFrameSchema(
            {
                "file": column(str),
                "reason": column(str, pa.Check.isin([KEPT, AGGREGATE, SELF_PAIR])),
                "codes": column(str, nullable=True),
                "rows": column(int, pa.Check.ge(0)),
            },
            strict=True,
        ),
    ),
)
