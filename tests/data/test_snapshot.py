"""Snapshots: the download path against a real HTTP server on loopback, failures included."""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.server
import json
import threading
import time
import typing

import pytest

from strategy_brief.data import genai_export, snapshot, sources

CSV = (
    b"Model,Organization,Publication date,Country (of organization),Model accessibility\n"
    b"A,OpenAI,2024-01-01,USA,API access\n"
)


class Handler(http.server.BaseHTTPRequestHandler):
    hits: typing.ClassVar[dict[str, int]] = {}

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        n = Handler.hits[self.path]
        if self.path == "/ok.csv":
            self._send(200, CSV)
        elif self.path == "/flaky.csv":  # two 503s, then the file
            self._send(503, b"busy") if n <= 2 else self._send(200, CSV)
        elif self.path == "/missing.csv":
            self._send(404, b"not here")
        elif self.path == "/slow.csv":
            time.sleep(1.0)
            self._send(200, CSV)
        elif self.path == "/truncated.csv":
            self.send_response(200)
            self.send_header("Content-Length", str(len(CSV) + 100))
            self.end_headers()
            self.wfile.write(CSV)
            self.wfile.flush()
            self.close_connection = True
        elif self.path == "/malformed.json":
            self._send(200, b'{"cloud_regions": [')
        else:
            self._send(404, b"")

    def _send(self, status, body):
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


FAST = {"timeout": 0.3, "retries": 2, "backoff": 0.01}


def test_download_returns_the_file(server):
    assert snapshot.download(f"{server}/ok.csv", **FAST) == CSV


def test_download_retries_server_errors_then_succeeds(server):
    assert snapshot.download(f"{server}/flaky.csv", **FAST) == CSV
    assert Handler.hits["/flaky.csv"] == 3


def test_http_404_fails_at_once_naming_the_url(server):
    with pytest.raises(snapshot.SnapshotError, match=r"missing.csv: HTTP 404"):
        snapshot.download(f"{server}/missing.csv", **FAST)
    assert Handler.hits["/missing.csv"] == 1


def test_timeout_is_retried_then_reported(server):
    with pytest.raises(snapshot.SnapshotError, match=r"slow.csv: failed after 3 attempts"):
        snapshot.download(f"{server}/slow.csv", **FAST)


def test_truncated_download_is_refused(server):
    with pytest.raises(snapshot.SnapshotError, match=r"truncated download"):
        snapshot.download(f"{server}/truncated.csv", **FAST)


def source(name="epoch_notable_models", **changes) -> sources.Source:
    return dataclasses.replace(sources.load(name), **changes)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("epoch_notable_models", CSV.replace(b"Organization", b"Org"), "missing column.*'Organization'"),
        ("epoch_notable_models", CSV[:-5], "truncated CSV"),
        ("epoch_notable_models", b"", "empty file"),
        ("cloud_regions", b'{"cloud_regions": [', "malformed or truncated JSON"),
        ("cloud_regions", b'{"regions": []}', "missing key"),
        ("litellm_prices", b'{"gpt-x": {"mode": "chat"}}', "no entry has input_cost_per_token"),
    ],
)
def test_bad_content_is_named(name, data, message):
    with pytest.raises(snapshot.SnapshotError, match=message):
        snapshot.check_content(source(name), data, "where.file")


def test_acquire_download_stages_then_commit_keeps_a_dated_snapshot(server, tmp_path):
    src = source(url=f"{server}/ok.csv")
    staging = snapshot.Staging(tmp_path)
    [snap] = snapshot.acquire(src, staging, today=dt.date(2026, 11, 23), **FAST)
    assert not (tmp_path / src.name).exists(), "nothing is kept before commit"
    staging.commit()
    kept = tmp_path / src.name / "2026-11-23" / "ok.csv"
    assert kept.read_bytes() == CSV
    meta = json.loads((tmp_path / src.name / "2026-11-23" / "ok.csv.snapshot.json").read_text())
    assert meta["sha256"] == snap.sha256 and meta["bytes"] == len(CSV) and meta["origin"].endswith("/ok.csv")
    assert [s.path for s in snapshot.present(src, [tmp_path])] == [kept]
    assert not list(tmp_path.glob(".staging-*"))


def test_failed_download_leaves_existing_snapshots_untouched(server, tmp_path):
    good = source(url=f"{server}/ok.csv")
    staging = snapshot.Staging(tmp_path)
    snapshot.acquire(good, staging, today=dt.date(2026, 1, 1), **FAST)
    staging.commit()
    before = sorted(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    staging = snapshot.Staging(tmp_path)
    with pytest.raises(snapshot.SnapshotError):
        snapshot.acquire(source(url=f"{server}/missing.csv"), staging, **FAST)
    staging.discard()
    assert sorted(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()) == before


def test_mirror_files_keep_the_date_in_their_names(tmp_path):
    mirror = tmp_path / "mirror" / "epoch_models"
    mirror.mkdir(parents=True)
    (mirror / "notable_ai_models_2025-12-02.csv").write_bytes(CSV)
    (mirror / "notable_ai_models_2026-07-19.csv").write_bytes(
        CSV + b"B,DeepSeek,2025-01-20,China,Open weights\n"
    )
    external = tmp_path / "external"
    staging = snapshot.Staging(external)
    synthetic = source(files={})  # the registry states the real files of these names
    snaps = snapshot.acquire(synthetic, staging, mirror=tmp_path / "mirror")
    staging.commit()
    assert [s.date for s in snaps] == ["2025-12-02", "2026-07-19"]
    assert [s.date for s in snapshot.present(synthetic, [external])] == ["2025-12-02", "2026-07-19"]
    # The same files again add nothing.
    staging = snapshot.Staging(external)
    snapshot.acquire(synthetic, staging, mirror=tmp_path / "mirror")
    assert staging.added == []
    staging.discard()


def test_mirror_without_matching_files_is_an_error(tmp_path):
    staging = snapshot.Staging(tmp_path / "external")
    with pytest.raises(snapshot.SnapshotError, match="no file in mirror"):
        snapshot.acquire(source(), staging, mirror=tmp_path)
    staging.discard()


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("notable_ai_models_2026-07-19.csv", "2026-07-19"),
        ("lmarena_overall_elo_history_2023-05_2025-02.csv", "2025-02-01"),
        ("result.csv", "2030-01-02"),
    ],
)
def test_snapshot_date(name, date):
    assert snapshot.snapshot_date(name, dt.date(2030, 1, 2)) == date


def test_installed_package_source_is_versioned_not_dated(tmp_path):
    source = sources.load("genai_prices")
    staging = snapshot.Staging(tmp_path)
    [snap] = snapshot.acquire(source, staging)
    staging.commit()
    assert snap.date == genai_export.version() and snap.origin.startswith("installed:genai-prices==")


def test_gzip_file_is_checked_unpacked_and_a_cut_one_is_named():
    import gzip

    doc = b'{"cloud_regions": [{"a": 1}, {"a": 2}]}'
    assert snapshot.check_content(source("cloud_regions"), gzip.compress(doc), "x.json.gz") == 2
    with pytest.raises(snapshot.SnapshotError, match=r"x\.json\.gz: truncated or corrupt gzip"):
        snapshot.check_content(source("cloud_regions"), gzip.compress(doc)[:-12], "x.json.gz")


def test_json_list_counts_its_items_unless_keys_are_required():
    listed = source("cloud_regions", required_keys=())
    assert snapshot.check_content(listed, b'[{"a": 1}, {"a": 2}, {"a": 3}]', "w") == 3
    with pytest.raises(snapshot.SnapshotError, match="expected a JSON object"):
        snapshot.check_content(source("cloud_regions"), b"[1, 2]", "w")


def test_csv_in_its_stated_encoding_and_without_final_newline_when_the_sha256_is_stated(tmp_path):
    import hashlib

    data = CSV.rstrip(b"\n").replace(b"DeepSeek", "Türkiye".encode("mac_roman"))
    stated = {"f_2026-01-01.csv": {"sha256": hashlib.sha256(data).hexdigest()}}
    mac = source(encoding="mac_roman", files=stated)
    folder = tmp_path / "mirror" / "epoch_models"
    folder.mkdir(parents=True)
    (folder / "f_2026-01-01.csv").write_bytes(data)
    staging = snapshot.Staging(tmp_path / "external")
    [snap] = snapshot.acquire(
        dataclasses.replace(mac, mirror=("epoch_models/f_*.csv",)), staging, mirror=tmp_path / "mirror"
    )
    staging.discard()
    assert snap.sha256 == stated["f_2026-01-01.csv"]["sha256"]
    # The same bytes without a stated sha256 could be a cut file: refused.
    with pytest.raises(snapshot.SnapshotError, match="truncated CSV"):
        snapshot.check_content(source(encoding="mac_roman", files={}), data, "f.csv")


def test_a_file_without_a_date_in_its_name_takes_the_date_its_registry_entry_states(tmp_path):
    folder = tmp_path / "mirror" / "epoch_models"
    folder.mkdir(parents=True)
    (folder / "undated.csv").write_bytes(CSV)
    dated = source(mirror=("epoch_models/undated.csv",), files={"undated.csv": {"date": "2026-05-27"}})
    staging = snapshot.Staging(tmp_path / "external")
    [snap] = snapshot.acquire(dated, staging, mirror=tmp_path / "mirror", today=dt.date(2030, 1, 1))
    staging.discard()
    assert snap.date == "2026-05-27", "not the day of the refresh"
    undated = source(mirror=("epoch_models/undated.csv",), files={})
    staging = snapshot.Staging(tmp_path / "external")
    [snap] = snapshot.acquire(undated, staging, mirror=tmp_path / "mirror", today=dt.date(2030, 1, 1))
    staging.discard()
    assert snap.date == "2030-01-01"


def test_newest_per_file_keeps_one_snapshot_of_each_upstream_file(tmp_path):
    def snap(name, date):
        return snapshot.Snapshot("s", date, tmp_path / name, "0" * 64, 1, "test")

    snaps = [
        snap("developers.csv", "2026-01-01"),
        snap("developers.csv", "2026-03-26"),
        snap("repositories.csv", "2026-03-26"),
        snap("notable_ai_models_2025-12-02.csv", "2025-12-02"),
        snap("notable_ai_models_2026-07-19.csv", "2026-07-19"),
    ]
    kept = snapshot.newest_per_file(snaps)
    assert [(s.path.name, s.date) for s in kept] == [
        ("developers.csv", "2026-03-26"),
        ("repositories.csv", "2026-03-26"),
        ("notable_ai_models_2026-07-19.csv", "2026-07-19"),
    ]
