"""curated.policy: the policy events file is validated on load (dates, URLs, kinds, links between events),
and each event's status at an edition date never shows a withdrawn rule in force."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from strategy_brief import config
from strategy_brief.curated import facts as facts_module
from strategy_brief.curated import policy


def event(event_id: str, day: str, kind: str = "rule", **extra) -> dict:
    return (
        {c: "" for c in policy.COLUMNS}
        | {
            "event_id": event_id,
            "date": day,
            "jurisdiction": "United States",
            "kind": kind,
            "title": f"Event {event_id}",
            "curated_from": "F131",
            "source_title": "A source",
            "source_url": "https://example.org/page",
            "publication_date": day,
            "quote": f"On {day} something happened",
        }
        | extra
    )


def write(tmp_path: Path, *rows: dict) -> Path:
    path = tmp_path / "policy_events.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=policy.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def rescinded_pair() -> list[dict]:
    """A rule of 2025-01-13 with caps, rescinded on 2025-05-13, and an unrelated measure in between."""
    return [
        event("P07", "2025-05-13", "rescission"),
        event("P05", "2025-01-13", rescinded_by="P07", in_force_until="2025-05-13", figures="F128;F130"),
        event("P06", "2025-03-01", "measure", jurisdiction="China"),
    ]


def test_load_sorts_by_date_and_checks_figures_against_the_facts(tmp_path):
    path = write(tmp_path, *rescinded_pair())
    events = policy.load(path, fact_ids=["F128", "F130"])
    assert events["event_id"].tolist() == ["P05", "P06", "P07"]
    with pytest.raises(policy.PolicyEventsError, match=r"row 3 \(P05\), column figures: F130 is not in"):
        policy.load(path, fact_ids=["F128"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "13/01/2025"}, "column date: expected a YYYY-MM-DD date"),
        ({"date": "2025-02-30"}, "column date: expected a YYYY-MM-DD date"),
        ({"source_url": "ftp://example.org"}, "column source_url: expected an http"),
        ({"source_url": "javascript:alert(1)"}, "column source_url: expected an http"),
        ({"jurisdiction": "EU"}, "column jurisdiction: expected one of"),
        ({"kind": "law"}, "column kind: expected one of"),
        ({"quote": " "}, "column quote: empty"),
        ({"publication_date": "Jan 2025"}, "column publication_date: expected"),
        ({"publication_date": "2024-12"}, "the source \\(2024-12\\) predates the event"),
        ({"curated_from": "somewhere"}, "column curated_from"),
        ({"event_id": "E1"}, "column event_id: expected P"),
        ({"figures": "F12x"}, "column figures: 'F12x' is not a fact id"),
        ({"in_force_until": "2024-01-01"}, "column in_force_until: 2024-01-01 is before 2025-01-13"),
    ],
)
def test_load_refuses_a_malformed_row_and_names_it(tmp_path, change, message):
    rows = [event("P01", "2025-01-13") | change]
    with pytest.raises(policy.PolicyEventsError, match=message):
        policy.load(write(tmp_path, *rows))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        # rescinded_by must resolve, to a rescission or reversal, dated on or after the rule, with its date.
        (
            [event("P01", "2025-01-13", rescinded_by="P09", in_force_until="2025-05-13")],
            "unknown event_id P09",
        ),
        (
            [
                event("P01", "2025-01-13", rescinded_by="P02", in_force_until="2025-05-13"),
                event("P02", "2025-05-13", "measure"),
            ],
            "P02 is a measure, not a rescission",
        ),
        (
            [
                event(
                    "P01",
                    "2025-06-01",
                    rescinded_by="P02",
                    in_force_until="2025-06-01",
                    publication_date="n.d.",
                ),
                event("P02", "2025-05-13", "rescission"),
            ],
            "P02 \\(2025-05-13\\) predates the event",
        ),
        (
            [
                event("P01", "2025-01-13", rescinded_by="P02", in_force_until="2025-05-15"),
                event("P02", "2025-05-13", "rescission"),
            ],
            "column in_force_until: '2025-05-15' is not the date of P02",
        ),
        ([event("P01", "2025-01-13", rescinded_by="P02"), event("P02", "2025-05-13", "rescission")], "empty"),
        ([event("P01", "2025-01-13", rescinded_by="P01", in_force_until="2025-01-13")], "cannot name itself"),
        # A rescission that rescinds nothing in the file; an amendment of a later event; a duplicate id.
        ([event("P02", "2025-05-13", "rescission")], "a rescission that no event names in rescinded_by"),
        ([event("P01", "2025-01-13", amends="P02"), event("P02", "2025-05-13")], "column amends: P02"),
        ([event("P01", "2025-01-13"), event("P01", "2025-05-13")], "duplicate of row 2"),
    ],
)
def test_load_refuses_links_that_do_not_resolve_or_are_out_of_order(tmp_path, rows, message):
    with pytest.raises(policy.PolicyEventsError, match=message):
        policy.load(write(tmp_path, *rows))


def test_load_refuses_columns_out_of_order(tmp_path):
    path = write(tmp_path, event("P01", "2025-01-13"))
    text = path.read_text().splitlines()
    path.write_text("\n".join([text[0].replace("date,jurisdiction", "jurisdiction,date"), *text[1:]]) + "\n")
    with pytest.raises(policy.PolicyEventsError, match="expected the columns"):
        policy.load(path)


def test_a_rescinded_rule_is_never_shown_in_force_after_its_rescission(tmp_path):
    events = policy.load(write(tmp_path, *rescinded_pair()))
    after = policy.status_at(events, "2026-12-01").set_index("event_id")
    assert not after.loc["P05", "in_force"]
    assert tuple(after.loc["P05", ["status", "status_date", "status_by"]]) == (
        "rescinded",
        "2025-05-13",
        "P07",
    )
    assert tuple(after.loc["P07", ["status", "status_by"]]) == ("rescinds", "P05")
    assert after.loc["P06", "status"] == "issued" and not after["in_force"].any()
    # On the day of the rescission the rule is already withdrawn; the day before it is in force and the
    # rescission, not yet dated, is not listed.
    assert not policy.status_at(events, "2025-05-13").set_index("event_id").loc["P05", "in_force"]
    before = policy.status_at(events, "2025-05-12")
    assert before["event_id"].tolist() == ["P05", "P06"]
    assert before.set_index("event_id").loc["P05", "status"] == "in force"
    assert policy.status_at(events, "2024-12-31").empty


def test_status_reads_amendments_and_expiry_and_refuses_a_bad_edition(tmp_path):
    events = policy.load(
        write(
            tmp_path,
            event("P01", "2022-10-07"),
            event("P02", "2023-10-17", amends="P01"),
            event("P03", "2024-01-01", "licence", in_force_until="2024-06-30"),
        )
    )
    status = policy.status_at(events, "2025-01-01").set_index("event_id")
    assert status.loc["P01", "amended_by"] == "P02" and status.loc["P01", "in_force"]
    assert tuple(status.loc["P03", ["status", "status_date", "in_force"]]) == ("expired", "2024-06-30", False)
    with pytest.raises(policy.PolicyEventsError, match="edition='2025'"):
        policy.status_at(events, "2025")


# --- the committed file -----------------------------------------------------------------------------------


def test_the_committed_events_load_and_the_diffusion_rule_is_rescinded():
    events = policy.load(fact_ids=facts_module.load()["fact_id"])
    status = policy.status_at(events, "2026-12-01")
    rescinded = status[status["status"] == "rescinded"]
    assert not rescinded.empty and not rescinded["in_force"].any()
    assert set(status["kind"]) <= set(policy.KINDS) and set(status["jurisdiction"]) <= set(
        policy.JURISDICTIONS
    )


SHARED_FACTS = config.PROJECT_ROOT.parent / "shared" / "facts" / "facts.csv"


@pytest.mark.skipif(not SHARED_FACTS.exists(), reason="the shared facts are not on this machine")
def test_every_committed_event_quotes_its_shared_facts_row_verbatim():
    with SHARED_FACTS.open(encoding="utf-8") as f:
        shared = {row["id"]: row for row in csv.DictReader(f)}
    events = policy.load()
    for row in events[events["curated_from"].str.fullmatch(r"F\d{3}")].itertuples():
        source = shared[row.curated_from]
        assert (row.quote, row.source_url, row.source_title) == (
            source["quote"],
            source["source_url"],
            source["source_title"],
        ), row.event_id
