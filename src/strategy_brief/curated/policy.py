"""Policy events (data/raw/policy_events.csv): rules, licences, rescissions, reversals and measures, each
dated and quoted from its source; load, validate, and each event's status at an edition date.

One event a row. `date` is when it took effect or was issued (ISO); `amends` names the event a rule
modifies; a rule or measure that was withdrawn names the event that withdrew it in `rescinded_by` (a
rescission or reversal) and carries that event's date in `in_force_until`; `figures` lists the curated
facts (data/raw/facts.csv) that give its numbers; `curated_from` is the shared facts row
(../shared/facts/facts.csv) or seed article the source, URL, publication date and verbatim quote come from.
Events the curated sources do not document are left out, never filled in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pandas as pd

from strategy_brief import config

COLUMNS = [
    "event_id",
    "date",
    "jurisdiction",
    "kind",
    "title",
    "amends",
    "rescinded_by",
    "in_force_until",
    "figures",
    "curated_from",
    "source_title",
    "source_url",
    "publication_date",
    "quote",
    "notes",
]
REQUIRED = ["event_id", "date", "jurisdiction", "kind", "title", "curated_from", "source_title", "source_url"]
JURISDICTIONS = ("United States", "China", "other")
# A rule or a licence is in force until withdrawn; a measure (a plan, a guideline) is issued; a rescission or
# a reversal withdraws an earlier event.
KINDS = ("rule", "licence", "rescission", "reversal", "measure")
WITHDRAWING = ("rescission", "reversal")

_EVENT_ID = re.compile(r"P\d{2,3}")
_FACT_ID = re.compile(r"F\d{3}[a-z]?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# As the source dates itself: a day or a month, or undated ('n.d.') with the month it was read as.
_PUBLICATION = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)|n\.d\.(?: \((\d{4}-\d{2})\))?")
_CURATED_FROM = re.compile(r"F\d{3}|\d{3}_[0-9a-f]{16}\.txt")


class PolicyEventsError(ValueError):
    """A policy event that is malformed, undated, unsourced or inconsistent with the events it names."""


def load(path: Path | None = None, *, fact_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Read the policy events, validate every row and the links between rows, and return them by date.

    With `fact_ids` (the ids of data/raw/facts.csv), every id in `figures` must be one of them. Errors name
    the file, the row, the event and the column."""
    path = Path(path) if path else config.raw_dir() / "policy_events.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != COLUMNS:
        raise PolicyEventsError(f"{path.name}: expected the columns {', '.join(COLUMNS)} in that order")
    known_facts = None if fact_ids is None else set(fact_ids)
    first_row: dict[str, int] = {}
    for index, row in table.iterrows():
        where = f"{path.name} row {index + 2} ({row['event_id']})"
        if row["event_id"] in first_row:
            raise PolicyEventsError(
                f"{where}, column event_id: duplicate of row {first_row[row['event_id']]}"
            )
        first_row[row["event_id"]] = index + 2
        _check_row(row, where, known_facts)
    by_id = table.set_index("event_id")
    withdrawn: set[str] = set()
    for index, row in table.iterrows():
        where = f"{path.name} row {index + 2} ({row['event_id']})"
        _check_links(row, by_id, where)
        if row["rescinded_by"]:
            withdrawn.add(row["rescinded_by"])
    for index, row in table.iterrows():
        if row["kind"] in WITHDRAWING and row["event_id"] not in withdrawn:
            raise PolicyEventsError(
                f"{path.name} row {index + 2} ({row['event_id']}), column kind: a {row['kind']} that no "
                "event names in rescinded_by"
            )
    return table.sort_values(["date", "event_id"], kind="mergesort").reset_index(drop=True)


def _day(text: str, where: str, column: str) -> date:
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise PolicyEventsError(
            f"{where}, column {column}: expected a YYYY-MM-DD date, got {text!r}"
        ) from exc


def _check_row(row: pd.Series, where: str, known_facts: set[str] | None) -> None:
    if not _EVENT_ID.fullmatch(row["event_id"]):
        raise PolicyEventsError(f"{where}, column event_id: expected P + two or three digits")
    for column in (*REQUIRED, "quote"):
        if not row[column].strip():
            raise PolicyEventsError(f"{where}, column {column}: empty")
    day = _day(row["date"], where, "date")
    if row["jurisdiction"] not in JURISDICTIONS:
        raise PolicyEventsError(
            f"{where}, column jurisdiction: expected one of {', '.join(JURISDICTIONS)}, "
            f"got {row['jurisdiction']!r}"
        )
    if row["kind"] not in KINDS:
        raise PolicyEventsError(
            f"{where}, column kind: expected one of {', '.join(KINDS)}, got {row['kind']!r}"
        )
    if not row["source_url"].startswith(("http://", "https://")):
        raise PolicyEventsError(f"{where}, column source_url: expected an http(s) URL")
    if not _CURATED_FROM.fullmatch(row["curated_from"]):
        raise PolicyEventsError(
            f"{where}, column curated_from: expected a shared facts id (F + three digits) or a seed file name"
        )
    published = _PUBLICATION.fullmatch(row["publication_date"])
    if not published:
        raise PolicyEventsError(
            f"{where}, column publication_date: expected YYYY-MM-DD, YYYY-MM, 'n.d.' or 'n.d. (YYYY-MM)', "
            f"got {row['publication_date']!r}"
        )
    month_or_day = published.group(1) or published.group(2)
    if month_or_day and row["date"][: len(month_or_day)] > month_or_day:
        raise PolicyEventsError(
            f"{where}, column publication_date: the source ({month_or_day}) predates the event "
            f"({row['date']})"
        )
    if row["in_force_until"] and _day(row["in_force_until"], where, "in_force_until") < day:
        raise PolicyEventsError(
            f"{where}, column in_force_until: {row['in_force_until']} is before {row['date']}"
        )
    if row["kind"] in WITHDRAWING and (row["rescinded_by"] or row["in_force_until"]):
        raise PolicyEventsError(f"{where}, column rescinded_by: a {row['kind']} is not itself withdrawn here")
    if row["rescinded_by"] and not row["in_force_until"]:
        raise PolicyEventsError(f"{where}, column in_force_until: empty, but the event is rescinded")
    figures = [f for f in row["figures"].split(";") if f]
    for fact_id in figures:
        if not _FACT_ID.fullmatch(fact_id):
            raise PolicyEventsError(f"{where}, column figures: {fact_id!r} is not a fact id")
        if known_facts is not None and fact_id not in known_facts:
            raise PolicyEventsError(f"{where}, column figures: {fact_id} is not in data/raw/facts.csv")


def _check_links(row: pd.Series, by_id: pd.DataFrame, where: str) -> None:
    for column in ("amends", "rescinded_by"):
        other = row[column]
        if not other:
            continue
        if other not in by_id.index:
            raise PolicyEventsError(f"{where}, column {column}: unknown event_id {other}")
        if other == row["event_id"]:
            raise PolicyEventsError(f"{where}, column {column}: an event cannot name itself")
        if column == "amends" and by_id.loc[other, "date"] > row["date"]:
            raise PolicyEventsError(f"{where}, column amends: {other} ({by_id.loc[other, 'date']}) is later")
    other = row["rescinded_by"]
    if not other:
        return
    withdrawer = by_id.loc[other]
    if withdrawer["kind"] not in WITHDRAWING:
        raise PolicyEventsError(
            f"{where}, column rescinded_by: {other} is a {withdrawer['kind']}, not a rescission or reversal"
        )
    if withdrawer["date"] < row["date"]:
        raise PolicyEventsError(
            f"{where}, column rescinded_by: {other} ({withdrawer['date']}) predates the event"
        )
    if row["in_force_until"] != withdrawer["date"]:
        raise PolicyEventsError(
            f"{where}, column in_force_until: {row['in_force_until']!r} is not the date of {other} "
            f"({withdrawer['date']})"
        )


def status_at(events: pd.DataFrame, edition: str) -> pd.DataFrame:
    """The events dated on or before `edition` (YYYY-MM-DD), each with its status on that date.

    `status`: 'rescinded' (withdrawn by `status_by` on `status_date`, on or before the edition), 'expired'
    (in force until a date passed without a withdrawing event), 'in force' (a rule or licence not withdrawn
    by the edition), 'issued' (a measure not withdrawn), or 'rescinds' / 'reverses' (a withdrawing event;
    `status_by` is the event it withdraws). `in_force` is True only for 'in force'. `amended_by` lists the
    events dated by the edition that amend it. A withdrawal dated after the edition does not count yet."""
    if not _ISO_DATE.fullmatch(str(edition)):
        raise PolicyEventsError(f"edition={edition!r}: expected a YYYY-MM-DD date")
    known = events[events["date"] <= edition]
    dates = known.set_index("event_id")["date"]
    withdraws = known[known["rescinded_by"] != ""].groupby("rescinded_by")["event_id"].agg(";".join).to_dict()
    amended_by = known[known["amends"] != ""].groupby("amends")["event_id"].agg(";".join)
    rows = []
    for row in known.itertuples():
        status, when, by = _status(row, dates, withdraws, edition)
        rows.append({"status": status, "status_date": when, "status_by": by})
    out = known.reset_index(drop=True).join(
        pd.DataFrame(rows, columns=["status", "status_date", "status_by"])
    )
    out["in_force"] = out["status"] == "in force"
    out["amended_by"] = out["event_id"].map(amended_by).fillna("")
    return out


def _status(row, dates: pd.Series, withdraws: dict[str, str], edition: str) -> tuple[str, str, str]:
    """(status, its date, the event behind it) of one event on the edition date."""
    if row.kind in WITHDRAWING:
        target = withdraws.get(row.event_id, "")
        return ("rescinds" if row.kind == "rescission" else "reverses"), row.date, target
    if row.rescinded_by and row.rescinded_by in dates.index:
        return "rescinded", dates[row.rescinded_by], row.rescinded_by
    if row.in_force_until and not row.rescinded_by and row.in_force_until <= edition:
        return "expired", row.in_force_until, ""
    return ("issued" if row.kind == "measure" else "in force"), "", ""
