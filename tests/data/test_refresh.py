"""Refresh end to end: atomicity on synthetic inputs; with ../shared/data, the full mirror."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from strategy_brief import config
from strategy_brief.data import processed, refresh
from tests.data.test_snapshot import CSV

SHARED = config.PROJECT_ROOT.parent / "shared" / "data"


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def count_models(inputs):
    """Rows of the newest notable-models snapshot (a stand-in step)."""
    [snap] = inputs["epoch_notable_models"][-1:]
    return pd.DataFrame({"rows": [len(pd.read_csv(snap.path))]})


def failing_step(inputs):
    raise ValueError("step broke")


@pytest.fixture
def mirror(tmp_path):
    folder = tmp_path / "mirror" / "epoch_models"
    folder.mkdir(parents=True)
    (folder / "notable_ai_models_2026-01-01.csv").write_bytes(CSV)
    return tmp_path / "mirror"


def use_tables(monkeypatch, compute):
    spec = processed.TableSpec(
        name="models_by_bloc_year_accessibility",  # any name with a schema; validation is stubbed
        title="t",
        description="d",
        sources=("epoch_notable_models",),
        compute=compute,
        key=("rows",),
    )
    monkeypatch.setattr(refresh, "TABLES", (spec,))
    monkeypatch.setattr(refresh.schemas, "validate", lambda name, frame, where: frame)


def test_refresh_keeps_snapshot_and_writes_table_with_metadata(tmp_path, mirror, monkeypatch):
    use_tables(monkeypatch, count_models)
    ext, proc = tmp_path / "external", tmp_path / "processed"
    report = refresh.refresh(["epoch_notable_models"], mirror=mirror, external_dir=ext, processed_dir=proc)
    assert report.tables == {"models_by_bloc_year_accessibility": 1}
    assert (ext / "epoch_notable_models" / "2026-01-01" / "notable_ai_models_2026-01-01.csv").exists()
    meta = processed.read_meta("models_by_bloc_year_accessibility", proc)
    assert meta["rows"] == 1 and meta["sources"][0]["licence"] == "CC BY 4.0"
    assert meta["sources"][0]["snapshots"][0]["date"] == "2026-01-01"
    assert meta["computed_by"].endswith("count_models")


def test_failed_processing_changes_nothing(tmp_path, mirror, monkeypatch):
    use_tables(monkeypatch, count_models)
    ext, proc = tmp_path / "external", tmp_path / "processed"
    refresh.refresh(["epoch_notable_models"], mirror=mirror, external_dir=ext, processed_dir=proc)
    before_ext, before_proc = digest(ext), digest(proc)
    (mirror / "epoch_models" / "notable_ai_models_2026-02-01.csv").write_bytes(CSV)  # a new snapshot
    use_tables(monkeypatch, failing_step)
    with pytest.raises(RuntimeError, match=r"processing models_by_bloc_year_accessibility.*step broke"):
        refresh.refresh(["epoch_notable_models"], mirror=mirror, external_dir=ext, processed_dir=proc)
    assert digest(ext) == before_ext and digest(proc) == before_proc
    assert not list(ext.glob(".staging-*"))


# ---- the real mirror ------------------------------------------------------------------------

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present")


@pytest.mark.slow
@needs_shared
def test_full_refresh_reproduces_the_committed_tables(tmp_path):
    ext, proc = tmp_path / "external", tmp_path / "processed"
    refresh.refresh(mirror=SHARED, external_dir=ext, processed_dir=proc)
    produced = digest(proc)
    committed = {k: v for k, v in digest(config.PROCESSED_DIR).items() if not k.startswith(".")}
    assert produced == committed, "run `strategy-brief data refresh --mirror ../shared/data` and commit"


def corrupt(mirror: Path, relative: str, transform) -> None:
    target = mirror / relative
    data = target.read_bytes()
    target.unlink()
    target.write_bytes(transform(data))


@needs_shared
@pytest.mark.parametrize(
    ("relative", "transform", "message"),
    [
        (
            "benchmarks/epoch_capabilities_index_2026-03-09.csv",
            lambda b: b.replace(b"ECI Score", b"ECI_Score", 1),
            r"missing column\(s\) 'ECI Score'",
        ),
        (
            "epoch_models/notable_ai_models_2026-07-19.csv",
            lambda b: b[: len(b) // 2],
            "truncated CSV",
        ),
        (
            "api_prices/model_prices_and_context_window_2026-07-24.json",
            lambda b: json.dumps(
                {**json.loads(b), "gpt-4o": {**json.loads(b)["gpt-4o"], "input_cost_per_token": "cheap"}}
            ).encode(),
            r"key 'gpt-4o': non-numeric price",
        ),
        (
            "benchmarks/epoch_capabilities_index_2026-03-09.csv",
            lambda b: b + b.splitlines(keepends=True)[1],
            r"index_2026-03-09\.csv: 2 problem\(s\)\n  row \d+, column 'Model version'.*uniqueness",
        ),
    ],
    ids=["renamed-column", "truncated", "non-numeric-price", "duplicate-key"],
)
def test_corrupted_input_is_named_and_changes_nothing(tmp_path, relative, transform, message):
    mirror = tmp_path / "mirror"
    shutil.copytree(SHARED, mirror)
    corrupt(mirror, relative, transform)
    ext, proc = tmp_path / "external", tmp_path / "processed"
    shutil.copytree(config.PROCESSED_DIR, proc)
    before = digest(proc)
    with pytest.raises(Exception, match=message) as err:
        refresh.refresh(mirror=mirror, external_dir=ext, processed_dir=proc)
    assert (
        relative.split("/")[-1] in str(err.value)
        or "gpt-4o" in str(err.value)
        or "duplicate" in str(err.value)
    )
    assert digest(proc) == before
    assert not [p for p in ext.rglob("*") if p.is_file()]


@pytest.mark.slow
@needs_shared
def test_one_source_on_a_fresh_checkout_carries_the_other_tables(tmp_path):
    ext, proc = tmp_path / "external", tmp_path / "processed"
    shutil.copytree(config.PROCESSED_DIR, proc)
    report = refresh.refresh(["lmarena_text"], mirror=SHARED, external_dir=ext, processed_dir=proc)
    assert digest(proc) == digest(config.PROCESSED_DIR)
    assert report.tables["eci_by_model"] == len(pd.read_csv(config.PROCESSED_DIR / "eci_by_model.csv"))
    assert [p.name for p in ext.iterdir()] == ["lmarena_text"]


def test_a_table_without_snapshot_or_committed_copy_is_an_error(tmp_path, mirror, monkeypatch):
    use_tables(monkeypatch, count_models)
    with pytest.raises(RuntimeError, match="no snapshot of epoch_notable_models and no committed table"):
        refresh.refresh(
            ["genai_prices"], mirror=mirror, external_dir=tmp_path / "e", processed_dir=tmp_path / "p"
        )


def test_data_check_names_a_claim_whose_cited_fact_does_not_resolve(tmp_path, monkeypatch):
    """`data check` runs the ledger's citation check: a cited id with no curated row is named."""
    shutil.copytree(config.raw_dir(), tmp_path / "data" / "raw")
    shutil.copytree(config.project_root() / "data" / "sources", tmp_path / "data" / "sources")
    monkeypatch.setenv("STRATEGY_BRIEF_ROOT", str(tmp_path))
    assert not [p for p in refresh.check_raw() if "cited fact" in p]
    claims_csv = tmp_path / "data" / "raw" / "claims.csv"
    table = pd.read_csv(claims_csv, dtype=str, keep_default_na=False)
    first = table.loc[0, "claim_id"]
    table.loc[0, "evidence_facts"] = table.loc[0, "evidence_facts"] + ";F999"
    table.to_csv(claims_csv, index=False, lineterminator="\n")
    problems = [p for p in refresh.check_raw() if "cited fact" in p]
    assert problems and f"{first} cites F999" in problems[0]
