"""LMArena text leaderboard: best score by bloc and by openness, per leaderboard version."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from strategy_brief.curated import classify
from strategy_brief.data.steps import _io
from strategy_brief.data.table import BLOCS, DATE, OPENNESS, TableSpec, column


def stack_versions(snaps) -> pd.DataFrame:
    """All leaderboard versions present: a stacked panel carries leaderboard_version; a single
    export is the version of its snapshot date. A version seen twice keeps its last copy."""
    frames = []
    for snap in sorted(snaps, key=lambda s: (s.date, s.path.name)):
        frame = _io.read_csv(snap)
        if "leaderboard_version" not in frame.columns:
            frame["leaderboard_version"] = snap.date
        frames.append(frame[["leaderboard_version", "model", "arena_score", "organization", "license"]])
    if not frames:
        raise FileNotFoundError("no snapshot of lmarena_text")
    stacked = pd.concat(frames, ignore_index=True)
    return stacked.drop_duplicates(["leaderboard_version", "model"], keep="last")


def classify_rows(panel: pd.DataFrame) -> pd.DataFrame:
    out = panel.copy()
    out["arena_score"] = pd.to_numeric(out["arena_score"], errors="raise")
    lead = [classify.organization(o) for o in out["organization"]]
    out["developer"] = [o for o, _ in lead]
    out["bloc"] = [classify.bloc_of_country(c) for _, c in lead]
    # The crosswalk decides per model; the leaderboard's own licence text fills models it does not list.
    walk = classify.crosswalk()
    ids = [classify.model_id("lmarena", m) for m in out["model"]]
    out["openness_class"] = [
        walk.at[i, "openness_class"] if i in walk.index else classify.openness("lmarena", lic)
        for i, lic in zip(ids, out["license"], strict=True)
    ]
    out["open_weights"] = out["openness_class"].isin(classify.OPEN_CLASSES)
    return out


def best_by(panel: pd.DataFrame, group: str) -> pd.DataFrame:
    """Highest arena score per leaderboard version and group, with the model that holds it."""
    ranked = panel.sort_values(
        ["leaderboard_version", group, "arena_score", "model"], ascending=[True, True, False, True]
    )
    best = ranked.groupby(["leaderboard_version", group], sort=True).head(1)
    return best.reset_index(drop=True)


def best_by_bloc(panel: pd.DataFrame) -> pd.DataFrame:
    best = best_by(panel, "bloc")
    return best[
        ["leaderboard_version", "bloc", "arena_score", "model", "developer", "openness_class"]
    ].rename(columns={"arena_score": "best_score", "model": "best_model"})


def best_by_licence(panel: pd.DataFrame) -> pd.DataFrame:
    best = best_by(panel, "openness_class")
    best = best.assign(open_weights=best["openness_class"].isin(classify.OPEN_CLASSES))
    return best[
        ["leaderboard_version", "openness_class", "open_weights", "arena_score", "model", "developer", "bloc"]
    ].rename(columns={"arena_score": "best_score", "model": "best_model"})


TOP_N = 20


def top_mix(panel: pd.DataFrame, top_n: int = TOP_N) -> pd.DataFrame:
    """How many of each version's `top_n` highest-scoring models fall in each bloc and openness class."""
    ranked = panel.sort_values(["leaderboard_version", "arena_score", "model"], ascending=[True, False, True])
    top = ranked.groupby("leaderboard_version", sort=True).head(top_n)
    counts = (
        top.groupby(["leaderboard_version", "bloc", "openness_class"]).size().rename("models").reset_index()
    )
    return counts.assign(top_n=top_n)


def _top_mix(inputs) -> pd.DataFrame:
    """Every LMArena text leaderboard version present; the 20 highest arena scores of each version,
    counted by the developer's bloc and the model's openness class (crosswalk first)."""
    return top_mix(classify_rows(stack_versions(inputs["lmarena_text"])))


def _by_bloc(inputs) -> pd.DataFrame:
    """Every LMArena text leaderboard version present; organization → organizations.csv → bloc;
    the highest arena score of each bloc at each version."""
    return best_by_bloc(classify_rows(stack_versions(inputs["lmarena_text"])))


def _by_licence(inputs) -> pd.DataFrame:
    """Every LMArena text leaderboard version present; openness class from the crosswalk, else the
    licence text through openness_map.csv; the highest arena score of each class at each version."""
    return best_by_licence(classify_rows(stack_versions(inputs["lmarena_text"])))


def elo_history_long(wide: pd.DataFrame) -> pd.DataFrame:
    """The wide Elo history (one row per date, one column per model, 0 = not yet listed) as
    rows of listed models with their developer's bloc; names without a crosswalk id must be
    explained in elo_history_unmapped.csv."""
    date_column = wide.columns[0]
    long = wide.melt(id_vars=[date_column], var_name="model", value_name="elo")
    long["elo"] = pd.to_numeric(long["elo"], errors="raise")
    long = long[long["elo"] > 0]
    explained = set(
        pd.read_csv(classify.classification_dir() / "elo_history_unmapped.csv", dtype=str)["name_in_source"]
    )
    ids = {m: classify.model_id("lmarena_elo_history", m) for m in long["model"].unique()}
    unexplained = sorted(m for m, i in ids.items() if i is None and m not in explained)
    if unexplained:
        raise LookupError(f"model_aliases.csv: no lmarena_elo_history alias for {unexplained}")
    long = long[long["model"].map(ids).notna()].copy()
    walk = classify.crosswalk()
    long["model_id"] = long["model"].map(ids)
    long["developer"] = long["model_id"].map(walk["developer"])
    long["bloc"] = long["model_id"].map(walk["bloc"])
    long["openness_class"] = long["model_id"].map(walk["openness_class"])
    dates = pd.to_datetime(long[date_column].astype(str), format="%Y%m%d")
    long["leaderboard_date"] = dates.dt.strftime("%Y-%m-%d")
    long = long.rename(columns={"elo": "arena_score"})
    return long[["leaderboard_date", "model", "arena_score", "developer", "bloc", "openness_class"]]


def _elo_by_bloc(inputs) -> pd.DataFrame:
    """LMArena overall Elo history (newest snapshot), 2023-05 to 2025-02; each listed model's
    developer and bloc through the crosswalk; the highest Elo of each bloc at each date."""
    long = elo_history_long(
        pd.read_csv(_io.latest(inputs["lmarena_elo_history"], "lmarena_elo_history").path)
    )
    long = long.rename(columns={"leaderboard_date": "leaderboard_version"})
    best = best_by(long, "bloc")
    return (
        best[["leaderboard_version", "bloc", "arena_score", "model", "developer", "openness_class"]]
        .rename(
            columns={
                "leaderboard_version": "leaderboard_date",
                "arena_score": "best_elo",
                "model": "best_model",
            }
        )
        .assign(best_elo=lambda f: f["best_elo"].round(1))
    )


_UNITS = {"best_score": "arena score (Elo-style rating)", "leaderboard_version": "date"}
TABLES = (
    TableSpec(
        name="lmarena_best_by_bloc",
        title="Best LMArena text score by bloc",
        description="The highest arena score of any model from each bloc at each leaderboard version.",
        sources=("lmarena_text",),
        compute=_by_bloc,
        key=("leaderboard_version", "bloc"),
        units=_UNITS,
        date_column="leaderboard_version",
        schema=pa.DataFrameSchema(
            {
                "leaderboard_version": column(str, pa.Check.str_matches(DATE)),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "best_score": column(float, pa.Check.in_range(500, 2500)),
                "best_model": column(str),
                "developer": column(str),
                "openness_class": column(str, pa.Check.isin(OPENNESS)),
            },
            strict=True,
        ),
    ),
    TableSpec(
        name="lmarena_best_by_licence",
        title="Best LMArena text score by openness class",
        description="The highest arena score of models of each openness class (open weights unrestricted, restricted, non-commercial; API; …) at each leaderboard version.",
        sources=("lmarena_text",),
        compute=_by_licence,
        key=("leaderboard_version", "openness_class"),
        units=_UNITS,
        date_column="leaderboard_version",
        schema=pa.DataFrameSchema(
            {
                "leaderboard_version": column(str, pa.Check.str_matches(DATE)),
                "openness_class": column(str, pa.Check.isin(OPENNESS)),
                "open_weights": column(bool),
                "best_score": column(float, pa.Check.in_range(500, 2500)),
                "best_model": column(str),
                "developer": column(str),
                "bloc": column(str, pa.Check.isin(BLOCS)),
            },
            strict=True,
        ),
    ),
    TableSpec(
        name="lmarena_elo_best_by_bloc",
        title="Best LMArena overall Elo by bloc, 2023-2025",
        description="The highest overall text Elo of any model from each bloc at each date of the LMArena Elo history (May 2023 to February 2025).",
        sources=("lmarena_elo_history",),
        compute=_elo_by_bloc,
        key=("leaderboard_date", "bloc"),
        units={"best_elo": "Elo rating", "leaderboard_date": "date"},
        date_column="leaderboard_date",
        schema=pa.DataFrameSchema(
            {
                "leaderboard_date": column(str, pa.Check.str_matches(DATE)),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "best_elo": column(float, pa.Check.in_range(500, 2500)),
                "best_model": column(str),
                "developer": column(str),
                "openness_class": column(str, pa.Check.isin(OPENNESS)),
            },
            strict=True,
        ),
    ),
    TableSpec(
        name="lmarena_top_mix",
        title="Leading LMArena models by bloc and openness",
        description="Of the 20 highest-rated models at each leaderboard version, how many come from each bloc and openness class.",
        sources=("lmarena_text",),
        compute=_top_mix,
        key=("leaderboard_version", "bloc", "openness_class"),
        units={"models": "count of models among the top 20", "leaderboard_version": "date"},
        date_column="leaderboard_version",
        schema=pa.DataFrameSchema(
            {
                "leaderboard_version": column(str, pa.Check.str_matches(DATE)),
                "bloc": column(str, pa.Check.isin(BLOCS)),
                "openness_class": column(str, pa.Check.isin(OPENNESS)),
                "models": column(int, pa.Check.gt(0)),
                "top_n": column(int, pa.Check.gt(0)),
            },
            strict=True,
            checks=[
                pa.Check(lambda df: df.groupby("leaderboard_version")["models"].sum() <= df["top_n"].max())
            ],
        ),
    ),
)
