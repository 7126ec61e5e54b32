"""LMArena text leaderboard: best score by bloc and by openness, per leaderboard version."""

from __future__ import annotations

import pandas as pd

from .. import classify
from ..processed import TableSpec
from . import _io


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


def _by_bloc(inputs) -> pd.DataFrame:
    """Every LMArena text leaderboard version present; organization → organizations.csv → bloc;
    the highest arena score of each bloc at each version."""
    return best_by_bloc(classify_rows(stack_versions(inputs["lmarena_text"])))


def _by_licence(inputs) -> pd.DataFrame:
    """Every LMArena text leaderboard version present; openness class from the crosswalk, else the
    licence text through openness_map.csv; the highest arena score of each class at each version."""
    return best_by_licence(classify_rows(stack_versions(inputs["lmarena_text"])))


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
    ),
)
