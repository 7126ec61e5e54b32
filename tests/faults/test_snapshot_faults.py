"""A mirror file cut exactly at a line boundary (issue item 13): it parses, so only its row count
or checksum can tell. A stated sha256 or row count is checked; otherwise a file that lost more
than its source's `max_shrink` of the previous snapshot's rows is refused without --allow-shrink.

Every upstream file here is synthetic, written by the test."""

from __future__ import annotations

import dataclasses
import json

import pytest

from strategy_brief import config
from strategy_brief.data import refresh, snapshot, sources
from strategy_brief.data.steps import TABLES
from tests.faults.conftest import run_cli, tree_hash

HEADER = "Model,Organization,Publication date,Country (of organization),Model accessibility\n"
COUNTRY = "United States of America"
FOLDER = "epoch_models"  # where the registry's mirror glob looks for notable_ai_models_*.csv


def notable(rows: int) -> bytes:
    """A synthetic notable-models file of `rows` rows, one model per line."""
    lines = [
        f"Synthetic model {i},OpenAI,2024-{1 + i % 12:02d}-{1 + i % 28:02d},{COUNTRY},API access\n"
        for i in range(rows)
    ]
    return (HEADER + "".join(lines)).encode()


def cut_at_line(data: bytes, rows: int) -> bytes:
    """The first `rows` rows: a file cut exactly at a line boundary (still ends with a newline)."""
    return b"".join(data.splitlines(keepends=True)[: rows + 1])


@pytest.fixture
def project(tmp_path, monkeypatch):
    """data/external and data/processed in tmp_path, one processed table (models by bloc, year and
    accessibility, the real step), and a previous snapshot of 100 rows already kept."""
    monkeypatch.setattr(config, "external_dir", lambda: tmp_path / "data" / "external")
    monkeypatch.setattr(config, "processed_dir", lambda: tmp_path / "data" / "processed")
    monkeypatch.setattr(refresh, "TABLES", tuple(t for t in TABLES if t.sources == ("epoch_notable_models",)))
    first = tmp_path / "mirror-1" / FOLDER
    first.mkdir(parents=True)
    (first / "notable_ai_models_2026-01-01.csv").write_bytes(notable(100))
    assert refresh_from(first.parent).code == 0
    return tmp_path


def refresh_from(mirror, *flags):
    return run_cli("data", "refresh", "--source", "epoch_notable_models", "--mirror", mirror, *flags)


def mirror_with(tmp_path, name: str, data: bytes):
    folder = tmp_path / "mirror-2" / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder.parent


def data_dirs(root):
    return root / "data" / "external", root / "data" / "processed"


def test_a_file_cut_to_half_at_a_line_boundary_is_refused(project):
    mirror = mirror_with(project, "notable_ai_models_2026-02-01.csv", cut_at_line(notable(100), 50))
    before = tree_hash(*data_dirs(project))
    result = refresh_from(mirror)
    assert result.code == 1
    assert "Traceback" not in result.text
    assert "notable_ai_models_2026-02-01.csv: 50 rows, against 100" in result.err
    assert "epoch_notable_models/2026-01-01/notable_ai_models_2026-01-01.csv" in result.err  # the previous
    assert "--allow-shrink" in result.err and "max_shrink" in result.err
    assert "Nothing was changed" in result.err
    assert tree_hash(*data_dirs(project)) == before
    assert not list((project / "data" / "external").glob(".staging-*"))


def test_allow_shrink_accepts_the_cut_file(project):
    mirror = mirror_with(project, "notable_ai_models_2026-02-01.csv", cut_at_line(notable(100), 50))
    result = refresh_from(mirror, "--allow-shrink")
    assert result.code == 0, result.err
    kept = project / "data" / "external" / "epoch_notable_models" / "2026-02-01"
    assert (kept / "notable_ai_models_2026-02-01.csv").read_bytes() == cut_at_line(notable(100), 50)
    meta = (project / "data" / "processed" / "models_by_bloc_year_accessibility.meta.yml").read_text()
    assert "rows: 1\n" in meta and "2026-02-01" in meta  # rebuilt from the new, smaller snapshot


def test_a_file_cut_in_place_under_its_old_name_is_refused(project):
    mirror = mirror_with(project, "notable_ai_models_2026-01-01.csv", cut_at_line(notable(100), 50))
    before = tree_hash(*data_dirs(project))
    result = refresh_from(mirror)
    assert result.code == 1
    assert "50 rows, against 100" in result.err
    assert tree_hash(*data_dirs(project)) == before


def test_a_drop_within_max_shrink_is_accepted(project):
    """The control: 100 → 85 rows loses 15%, under the default 20%."""
    mirror = mirror_with(project, "notable_ai_models_2026-02-01.csv", cut_at_line(notable(100), 85))
    assert refresh_from(mirror).code == 0


def test_a_stated_checksum_mismatch_is_refused_even_with_allow_shrink(project):
    """The registry states the sha256 of the real notable_ai_models_2026-07-19.csv (from the
    mirror's SOURCE.txt); a different file of that name is not it."""
    assert "notable_ai_models_2026-07-19.csv" in sources.load("epoch_notable_models").files
    mirror = mirror_with(project, "notable_ai_models_2026-07-19.csv", notable(120))
    before = tree_hash(*data_dirs(project))
    result = refresh_from(mirror, "--allow-shrink")
    assert result.code == 1
    assert "notable_ai_models_2026-07-19.csv: sha256" in result.err
    assert "epoch_notable_models.yml" in result.err and "restore the stated file" in result.err
    assert tree_hash(*data_dirs(project)) == before


def acquire(tmp_path, source, name: str, *contents: bytes, **options):
    """Stage each content in turn as the mirror file `name` of `source` (the earlier ones kept)."""
    external = tmp_path / "external"
    for n, data in enumerate(contents):
        folder = tmp_path / f"mirror-{n}"
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        staging = snapshot.Staging(external)
        try:
            snapshot.acquire(source, staging, mirror=folder, **options)
        except BaseException:
            staging.discard()
            raise
        staging.commit()
    return external


def test_a_stated_row_count_is_checked(tmp_path):
    name = "notable_ai_models_2026-03-01.csv"
    source = dataclasses.replace(sources.load("epoch_notable_models"), files={name: {"rows": 40}})
    with pytest.raises(snapshot.SnapshotError, match=r"2026-03-01\.csv: 39 rows, but .* states 40"):
        acquire(tmp_path, source, f"{FOLDER}/{name}", notable(39))
    acquire(tmp_path / "ok", source, f"{FOLDER}/{name}", notable(40))


def test_max_shrink_comes_from_the_registry(tmp_path):
    base = sources.load("epoch_notable_models")
    halves = (notable(100), cut_at_line(notable(100), 50))
    lenient = dataclasses.replace(base, max_shrink=0.6)
    acquire(tmp_path / "lenient", lenient, f"{FOLDER}/notable_ai_models_2026-01-01.csv", *halves)
    strict = dataclasses.replace(base, max_shrink=0.0)
    with pytest.raises(snapshot.SnapshotError, match=r"99 rows, against 100 .*more than the 0% allowed"):
        acquire(
            tmp_path / "strict",
            strict,
            f"{FOLDER}/notable_ai_models_2026-01-01.csv",
            notable(100),
            cut_at_line(notable(100), 99),
        )


def test_a_json_source_that_lost_entries_is_refused(tmp_path):
    """For JSON the rows are the entries of its longest list (cloud regions: metro areas)."""
    source = sources.load("cloud_regions")
    name = "cloud_regions/cloudinfrastructuremap_regions_2026-01.json"

    def regions(n: int) -> bytes:
        metros = [
            {"metro_area": f"Metro {i}", "country": "Chile", "cloud_service_providers": []} for i in range(n)
        ]
        return json.dumps({"cloud_regions": metros}).encode() + b"\n"

    with pytest.raises(snapshot.SnapshotError, match=r"2026-01\.json: 10 rows, against 30"):
        acquire(tmp_path, source, name, regions(30), regions(10))


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("max_shrink: 1.5", "max_shrink must be a share from 0 to 1"),
        ("files: {x.csv: {sha256: abc}}", "x.csv: sha256 must be 64 lowercase hex digits"),
        ("files: {x.csv: {rows: many}}", "x.csv: rows must be a whole number"),
    ],
)
def test_a_bad_registry_field_is_named(tmp_path, field, message):
    original = sources.load("epoch_notable_models").path
    (tmp_path / original.name).write_text(original.read_text() + field + "\n")
    with pytest.raises(sources.SourceError, match=rf"epoch_notable_models\.yml: .*{message}"):
        sources.load("epoch_notable_models", tmp_path)
