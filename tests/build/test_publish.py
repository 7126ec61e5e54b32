import hashlib
import json
import os
from pathlib import Path

import pytest

from strategy_brief.build import publish


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stage(reports: Path, edition: str, briefs: dict[str, str], keep: set[str] = frozenset()) -> Path:
    staging = publish.new_staging(reports, edition, set(keep))
    for brief, text in briefs.items():
        (staging / brief).mkdir(exist_ok=True)
        (staging / brief / "manifest.json").write_text(text)
    (staging / publish.EDITION_INDEX).write_text(json.dumps({"status": "complete"}))
    return staging


def test_publish_moves_the_edition_in_and_points_latest(tmp_path):
    target = publish.publish(stage(tmp_path, "2026-01-01", {"a": "1"}), tmp_path, "2026-01-01")
    assert (target / "a" / "manifest.json").read_text() == "1"
    assert (tmp_path / "latest").resolve() == target.resolve()
    assert not list(tmp_path.glob(".staging-*"))


def test_latest_points_at_the_newest_complete_edition(tmp_path):
    publish.publish(stage(tmp_path, "2026-02-01", {"a": "new"}), tmp_path, "2026-02-01")
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "old"}), tmp_path, "2026-01-01")
    assert (tmp_path / "latest").resolve().name == "2026-02-01"
    assert publish.previous_edition(tmp_path, "2026-02-01") == "2026-01-01"
    assert publish.previous_edition(tmp_path, "2026-01-01") is None


def test_republishing_an_edition_replaces_it_whole(tmp_path):
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "1", "b": "1"}), tmp_path, "2026-01-01")
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "2"}), tmp_path, "2026-01-01")
    assert sorted(p.name for p in (tmp_path / "2026-01-01").iterdir()) == sorted(
        ["SHA256SUMS", "a", publish.EDITION_INDEX]
    )
    assert not list(tmp_path.glob(".retired-*"))


def test_a_published_edition_carries_checksums_of_every_file_it_holds(tmp_path):
    from strategy_brief.build import checksums

    target = publish.publish(stage(tmp_path, "2026-01-01", {"a": "1", "b": "1"}), tmp_path, "2026-01-01")
    assert checksums.verify(target) == []
    (target / "a" / "manifest.json").write_text("tampered")
    assert checksums.verify(target), "a changed file is named"


def test_partial_rebuild_keeps_the_other_briefs(tmp_path):
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "1", "b": "1"}), tmp_path, "2026-01-01")
    staging = stage(tmp_path, "2026-01-01", {"a": "2"}, keep={"b"})
    publish.publish(staging, tmp_path, "2026-01-01")
    assert (tmp_path / "2026-01-01" / "a" / "manifest.json").read_text() == "2"
    assert (tmp_path / "2026-01-01" / "b" / "manifest.json").read_text() == "1"


def test_a_failed_build_goes_aside_and_leaves_editions_untouched(tmp_path):
    publish.publish(stage(tmp_path, "2026-01-01", {"a": "1"}), tmp_path, "2026-01-01")
    before = tree_digest(tmp_path / "2026-01-01")
    failed = publish.keep_failed(stage(tmp_path, "2026-01-01", {"a": "broken"}), tmp_path, "2026-01-01")
    assert failed.parent.name == publish.FAILED_DIR and "failed" in failed.name
    assert tree_digest(tmp_path / "2026-01-01") == before
    assert publish.complete_editions(tmp_path) == ["2026-01-01"]


@pytest.mark.parametrize("edition", ["2026-11-23", "2026-11-23-rc1"])
def test_valid_editions(edition):
    assert publish.check_edition(edition) == edition


@pytest.mark.parametrize("edition", ["latest", "2026-13-01", "23-11-2026", "2026-11-23/../x"])
def test_invalid_editions(edition):
    with pytest.raises(publish.EditionError):
        publish.check_edition(edition)


# Builds of the tiny project (tests/conftest.py) with the kernel and Chromium replaced by stand-ins: the
# executed notebook is the notebook with one Markdown output per code cell (so the real HTML export
# shows what each cell "computed"), and the "PDF" is a few bytes that depend on the page. What is tested
# here is what the build publishes: names, formats, edition.json and its revisions, `latest`, checksums.

EDITION = "2000-01-01"


@pytest.fixture
def stand_ins(monkeypatch, tmp_path):
    """Kernel, Chromium and PDF printer stand-ins; the cache keys the package as it is now (a copy)."""
    import shutil

    import nbformat

    from strategy_brief.build import cache, execute
    from strategy_brief.report import export

    def run_notebook(notebook, output, parameters, kernel_name, cwd, *, cell_timeout=None, warm=None):
        nb = nbformat.read(notebook, as_version=4)
        for position, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
            text = f"{notebook.stem} cell {position} for {parameters.get('region')}, {parameters['edition']}"
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": text})]
        output.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, output)
        return execute.NotebookRun(notebook, output, parameters, 0.01, "ok")

    def export_pdf(merged, printer=None, html=None):
        page = hashlib.sha256(nbformat.writes(merged).encode()).hexdigest()
        return f"%PDF-1.4 stand-in /Type /Page {page}\n".encode()

    frozen = tmp_path / "frozen-package"
    shutil.copytree(cache.PACKAGE_DIR, frozen, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", frozen)
    monkeypatch.setattr(cache, "TEMPLATES_DIR", frozen / "report" / "templates")
    monkeypatch.setattr(execute, "run_notebook", run_notebook)
    monkeypatch.setattr(export, "find_chromium", lambda: shutil.which("true"))
    monkeypatch.setattr(export, "export_pdf", export_pdf)


def build_tiny(root: Path, edition: str = EDITION, **kwargs):
    import io

    from strategy_brief.build import edition as build

    out = io.StringIO()
    result = build.build(
        build_file=root / "briefs.yml",
        edition=edition,
        reports_dir=root / "reports",
        root=root,
        out=out,
        **kwargs,
    )
    assert result.ok, out.getvalue()
    return result, out.getvalue()


def index_of(root: Path, edition: str = EDITION) -> dict:
    return json.loads((root / "reports" / edition / publish.EDITION_INDEX).read_text())


def manifest_of(root: Path, brief: str, edition: str = EDITION) -> dict:
    return json.loads((root / "reports" / edition / brief / "manifest.json").read_text())


def add_cell(notebook: Path, source: str = "print('one more cell')") -> None:
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(source))
    nbformat.write(nb, notebook)


def test_file_names_carry_the_edition_and_latest_gives_stable_paths(tiny_project, stand_ins):
    from strategy_brief.build import checksums

    build_tiny(tiny_project)
    brief = tiny_project / "reports" / EDITION / "hello-global"
    for fmt in ("html", "pdf"):
        dated = brief / f"hello-global_{EDITION}.{fmt}"
        assert dated.is_file() and not dated.is_symlink()
        stable = tiny_project / "reports" / "latest" / "hello-global" / f"hello-global.{fmt}"
        assert stable.is_symlink() and os.readlink(stable) == dated.name
        assert stable.read_bytes() == dated.read_bytes()
    assert checksums.verify(brief.parent) == []
    listed, _ = checksums.read_sums(brief.parent)
    assert (
        f"hello-global/hello-global_{EDITION}.pdf" in listed and "hello-global/hello-global.pdf" not in listed
    )
    manifest = manifest_of(tiny_project, "hello-global")
    assert manifest["formats"] == ["html", "pdf"] and manifest["html_only"] is None
    assert manifest["files"]["pdf"]["name"] == f"hello-global_{EDITION}.pdf"
    assert manifest["files"]["pdf"]["html_sha256"] == manifest["files"]["html"]["sha256"]
    document = index_of(tiny_project)["documents"]["hello-global"]
    assert document["html"] == f"hello-global/hello-global_{EDITION}.html"
    assert (
        document["pdf"] == f"hello-global/hello-global_{EDITION}.pdf" and document["title"] == "Hello: Global"
    )


def test_a_partial_html_only_build_of_changed_content_drops_the_pdf_and_says_so(tiny_project, stand_ins):
    from strategy_brief.build import checksums

    build_tiny(tiny_project, edition="1999-12-31")
    build_tiny(tiny_project)
    assert os.readlink(tiny_project / "reports" / "latest") == EDITION
    europe = tree_digest(tiny_project / "reports" / EDITION / "hello-europe")
    add_cell(tiny_project / "notebooks" / "ok.ipynb")  # the content changes
    _, log = build_tiny(tiny_project, brief_ids=["hello-global"], pdf=False)
    brief = tiny_project / "reports" / EDITION / "hello-global"
    assert not (brief / f"hello-global_{EDITION}.pdf").exists()
    assert not (brief / "hello-global.pdf").is_symlink(), "no dangling stable link"
    manifest = manifest_of(tiny_project, "hello-global")
    assert manifest["formats"] == ["html"]
    assert "--no-pdf" in manifest["html_only"] and "other content" in manifest["html_only"]
    index = index_of(tiny_project)
    assert index["status"] == "incomplete" and list(index["html_only"]) == ["hello-global"]
    assert index["documents"]["hello-global"]["pdf"] is None
    assert index["documents"]["hello-europe"]["formats"] == ["html", "pdf"]
    assert tree_digest(tiny_project / "reports" / EDITION / "hello-europe") == europe, "the other brief kept"
    # `latest` keeps every PDF: it goes back to the newest complete final edition, and says so.
    assert os.readlink(tiny_project / "reports" / "latest") == "1999-12-31"
    assert "incomplete, HTML only: hello-global; latest → 1999-12-31" in log
    assert checksums.verify(tiny_project / "reports" / EDITION) == []
    # A full build makes the edition complete again, and `latest` comes back.
    build_tiny(tiny_project, brief_ids=["hello-global"])
    assert index_of(tiny_project)["status"] == "complete" and index_of(tiny_project)["html_only"] == {}
    assert os.readlink(tiny_project / "reports" / "latest") == EDITION


def test_a_partial_html_only_build_of_the_same_content_keeps_the_published_pdf(tiny_project, stand_ins):
    build_tiny(tiny_project)
    brief = tiny_project / "reports" / EDITION / "hello-global"
    pdf = (brief / f"hello-global_{EDITION}.pdf").read_bytes()
    built = manifest_of(tiny_project, "hello-global")
    result, _ = build_tiny(tiny_project, brief_ids=["hello-global"], pdf=False)
    assert result.rebuilt == ["hello-global"], "the PDF option is part of the key"
    assert (brief / f"hello-global_{EDITION}.pdf").read_bytes() == pdf
    manifest = manifest_of(tiny_project, "hello-global")
    assert manifest["formats"] == ["html", "pdf"] and manifest["html_only"] is None
    assert manifest["files"]["pdf"]["kept_from"] == {"edition": EDITION, "built_at": built["built_at"]}
    assert manifest["pdf_pages"] == built["pdf_pages"] == 1
    assert index_of(tiny_project)["status"] == "complete"


def test_an_edition_built_without_pdfs_is_incomplete_and_still_latest_when_none_is_complete(
    tiny_project, stand_ins
):
    build_tiny(tiny_project, pdf=False)
    index = index_of(tiny_project)
    assert index["status"] == "incomplete" and sorted(index["html_only"]) == ["hello-europe", "hello-global"]
    assert index["html_only"]["hello-global"] == "built with --no-pdf"
    assert os.readlink(tiny_project / "reports" / "latest") == EDITION
    assert publish.complete_editions(tiny_project / "reports") == []
    assert publish.published_editions(tiny_project / "reports") == [EDITION]
    assert publish.previous_edition(tiny_project / "reports", "2000-01-02") == EDITION


def test_every_republication_is_a_revision_with_its_reason_and_checksums_stay_valid(tiny_project, stand_ins):
    from strategy_brief.build import checksums

    def revisions() -> list[dict]:
        assert checksums.verify(tiny_project / "reports" / EDITION) == []
        return index_of(tiny_project)["revisions"]

    (tiny_project / "briefs.yml").write_text(
        (tiny_project / "briefs.yml").read_text().replace("[Global, Europe]", "[Global]")
    )
    build_tiny(tiny_project)
    [first] = revisions()
    assert first["number"] == 1 and first["reason"] == "first build" and first["time"].endswith("Z")
    build_tiny(tiny_project)
    assert revisions()[-1]["reason"] == "republished unchanged (every brief reused)"
    (tiny_project / "briefs.yml").write_text(
        (tiny_project / "briefs.yml").read_text().replace("[Global]", "[Global, Europe]")
    )
    build_tiny(tiny_project, brief_ids=["hello-europe"])
    assert revisions()[-1]["reason"] == "briefs added: hello-europe"
    assert revisions()[-1]["added"] == ["hello-europe"]
    add_cell(tiny_project / "notebooks" / "second.ipynb")
    build_tiny(tiny_project)
    assert revisions()[-1]["reason"] == "rebuilt briefs hello-global, hello-europe"  # build-file order
    build_tiny(tiny_project, brief_ids=["hello-global"], force=True)
    assert revisions()[-1]["reason"] == "--force; rebuilt briefs hello-global"
    (tiny_project / "briefs.yml").write_text(
        (tiny_project / "briefs.yml").read_text().replace("[Global, Europe]", "[Global]")
    )
    build_tiny(tiny_project, remove_briefs=["hello-europe"])
    every = revisions()
    assert every[-1]["reason"] == "briefs removed: hello-europe" and every[-1]["removed"] == ["hello-europe"]
    assert [r["number"] for r in every] == [1, 2, 3, 4, 5, 6]
    assert index_of(tiny_project)["revision"] == 6
    assert index_of(tiny_project)["published_at"] == every[-1]["time"]
    assert [r["time"] for r in every] == sorted(r["time"] for r in every)


def test_an_edition_published_before_dated_names_is_carried_over(tiny_project, stand_ins):
    """An edition from before this layout: `<brief>.html` files and no revisions. A partial build renames
    the other brief's files to their dated names and starts the revisions with the earlier build."""
    build_tiny(tiny_project)
    edition = tiny_project / "reports" / EDITION
    old = edition / "hello-europe"
    for fmt in ("html", "pdf"):
        (old / f"hello-europe.{fmt}").unlink()
        os.replace(old / f"hello-europe_{EDITION}.{fmt}", old / f"hello-europe.{fmt}")
    index = json.loads((edition / publish.EDITION_INDEX).read_text())
    (edition / publish.EDITION_INDEX).write_text(
        json.dumps({k: index[k] for k in ("edition", "status", "series", "briefs", "rebuilt", "reused")})
    )
    build_tiny(tiny_project, brief_ids=["hello-global"], force=True)
    assert (old / f"hello-europe_{EDITION}.pdf").is_file() and os.readlink(old / "hello-europe.pdf")
    index = index_of(tiny_project)
    assert index["status"] == "complete"
    assert [r["number"] for r in index["revisions"]] == [1, 2] and index["revisions"][0]["time"] is None
