"""Headline findings, the data-vintage line, the glossary and the citation."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import yaml

from strategy_brief import fmt
from strategy_brief.analysis import findings
from strategy_brief.build import buildfile
from strategy_brief.curated import glossary, regions
from strategy_brief.data import vintage

US, CN = findings.US, findings.CN


def score(key: str, us: float, china: float, favours: str, unit: str = "percent", **kw) -> findings.Score:
    return findings.Score(key, "D", f"measure {key}", us, china, unit, "2025-08-04", "t", favours, **kw)


def scores(*, cap_us=150.0, cap_cn=140.0, price_us=2.0, price_cn=0.5) -> list[findings.Score]:
    cap_fav = US if cap_us > cap_cn else CN
    return [
        score(
            "eci_best",
            cap_us,
            cap_cn,
            cap_fav,
            "ECI points",
            note=f"{'China' if cap_fav == US else 'US'} 3 months behind",
        ),
        score("open_weight_share", 10, 80, CN),
        score("open_models_in_top", 0, 6, CN, "models"),
        score(
            "median_price", price_us, price_cn, CN if price_cn < price_us else US, "USD per million tokens"
        ),
        score("private_investment", 100, 10, US, "USD billion"),
        score("best_chip", 2000, 1000, US, "FP16 TFLOP/s"),
        score("robot_share", 7, 51, CN),
    ]


def view(region="Sub-Saharan Africa", trust=((("Nigeria", 76.0),))) -> findings.RegionView:
    table = pd.DataFrame(list(trust), columns=["country", "trust_pct"])
    return findings.RegionView(
        region=region,
        cloud_us=5,
        cloud_china=1,
        china_cloud_share=1 / 6,
        cloud_as_of="2025-01-01",
        trust=table,
        trust_mean=table["trust_pct"].mean() if len(table) else math.nan,
        trust_us=32.0,
        trust_china=72.0,
        trust_survey="Survey",
        trust_as_of="2025",
        scenario_start=0.14,
        scenario_median=0.11,
        scenario_p10=0.04,
        scenario_p90=0.23,
        scenario_years=(2026, 2030),
        scenario_name="status_quo",
        scenario_paths=pd.DataFrame(),
    )


def test_openness_chip_investment_and_robot_scores_from_small_tables():
    models = pd.DataFrame(
        [
            (2024, US, "api", 8),
            (2024, US, "open_unrestricted", 2),
            (2024, CN, "open_restricted", 3),
            (2024, CN, "api", 1),
            (2024, CN, "unknown", 9),
            (2025, CN, "api", 5),
        ],
        columns=["year", "bloc", "openness_class", "models"],
    )
    top = pd.DataFrame(
        [
            ("2025-01-01", CN, "open_unrestricted", 1, 20),
            ("2025-02-01", CN, "open_unrestricted", 4, 20),
            ("2025-02-01", US, "api", 12, 20),
            ("2025-02-01", US, "open_restricted", 1, 20),
        ],
        columns=["leaderboard_version", "bloc", "openness_class", "models", "top_n"],
    )
    share, in_top = findings.openness_scores(models, top, 2024)
    assert (share.us, share.china, share.favours, share.as_of) == (20.0, 75.0, CN, "2024")  # unknown left out
    assert (in_top.us, in_top.china, in_top.as_of) == (1.0, 4.0, "2025-02-01")  # newest version only
    assert "20 leading" in in_top.measure

    hardware = pd.DataFrame(
        [
            ("N", "United States", US, 2024, 1, 1000.0),
            ("H", "China", CN, 2024, 1, 250.0),
            ("N", "United States", US, 2025, 1, 800.0),
        ],
        columns=["manufacturer", "country", "bloc", "year", "chips", "best_fp16_tflops"],
    )
    chip = findings.chip_score(hardware)
    assert (chip.us, chip.china, chip.as_of, chip.favours, chip.ratio) == (1000.0, 250.0, "2024", US, 4.0)


def test_capability_score_names_who_is_behind_whichever_side_leads():
    eci = pd.DataFrame(
        {
            "release_date": ["2025-01-01", "2025-04-01", "2025-07-01"],
            "bloc": [US, CN, US],
            "eci_score": [140.0, 130.0, 150.0],
        }
    )
    cap, _ = findings.capability_score(eci)
    assert (cap.us, cap.china, cap.favours) == (150.0, 130.0, US) and cap.note.startswith("China ")
    flipped, _ = findings.capability_score(eci.assign(bloc=[CN, US, CN]))
    assert (flipped.us, flipped.china, flipped.favours) == (130.0, 150.0, CN) and flipped.note.startswith(
        "US "
    )


def test_scores_refuse_tables_without_a_comparable_pair():
    hardware = pd.DataFrame(
        [("N", "United States", US, 2024, 1, 1000.0)],
        columns=["manufacturer", "country", "bloc", "year", "chips", "best_fp16_tflops"],
    )
    with pytest.raises(ValueError, match="chip_score"):
        findings.chip_score(hardware)


def test_headline_and_implications_follow_the_numbers():
    base, v = scores(), view()
    text = findings.headline(base, v)
    assert text.startswith("The United States still builds the most capable models (best ECI 150 against 140")
    assert "in Sub-Saharan Africa Chinese providers run 17%" in text
    said = findings.implications(base, v)
    assert any("4× the median Chinese one" in p for p in said[US])
    assert any("76% in Nigeria, the region's only surveyed country" in p for p in said[US])
    assert any("median 11% of adopting organizations in Sub-Saharan Africa" in p for p in said[CN])
    # When China leads on capability and is dearer, the sentences turn round rather than repeat.
    turned = findings.implications(scores(cap_us=130, cap_cn=150, price_us=0.5, price_cn=2.0), v)
    assert not any("capability lead is real" in p for p in turned[US])
    assert not any("sold at a premium" in p for p in turned[US])
    assert "China now builds the most capable models" in findings.headline(scores(cap_us=130, cap_cn=150), v)
    # Global briefs carry no region paragraph; a region without survey data says trust is unknown.
    assert len(findings.implications(base, view(region=regions.GLOBAL))[CN]) < len(said[CN])
    unknown = findings.implications(base, view(region="Middle East & North Africa", trust=()))
    assert any(
        "the Middle East & North Africa is in the Survey, so trust is unknown" in p for p in unknown[US]
    )


def test_region_view_changes_with_the_region_on_the_committed_data():
    ssa, world = (
        findings.region_view("Sub-Saharan Africa", draws=200),
        findings.region_view("Global", draws=200),
    )
    assert ssa.cloud_us + ssa.cloud_china < world.cloud_us + world.cloud_china
    assert set(ssa.trust["country"]) < set(world.trust["country"])
    assert ssa.scenario_median != world.scenario_median
    assert 0 <= ssa.scenario_p10 <= ssa.scenario_median <= ssa.scenario_p90 <= 1
    with pytest.raises(ValueError, match="unknown region 'Atlantis'"):
        findings.region_view("Atlantis")


def test_show_formats_each_unit_and_says_no_data():
    assert findings.show(158.243, "ECI points") == fmt.number(158.243)
    assert findings.show(0.4821, "USD per million tokens") == "USD 0.48"
    assert findings.show(math.nan, "percent") == "no data"


def _meta(folder, table, sources, date_range=None):
    meta = {"table": table, "sources": sources}
    if date_range:
        meta["date_range"] = date_range
    (folder / f"{table}.meta.yml").write_text(yaml.safe_dump(meta))


def test_vintage_line_names_each_source_once_with_its_newest_data(tmp_path):
    arena = {"name": "arena", "title": "Arena", "snapshots": [{"date": "2025-08-01"}, {"date": "2025-08-04"}]}
    _meta(tmp_path, "a_best", [arena], ["2024-06-19", "2025-08-04"])
    _meta(tmp_path, "a_mix", [arena], ["2024-06-19", "2025-07-01"])
    _meta(tmp_path, "cloud", [{"name": "cloud", "title": "Cloud map", "snapshots": [{"date": "2025-01-01"}]}])
    _meta(
        tmp_path,
        "hw",
        [{"name": "hw", "title": "Chips", "snapshots": [{"date": "2026-07-19"}]}],
        ["2008", "2026"],
    )
    _meta(tmp_path, "pkg", [{"name": "pkg", "title": "Prices", "snapshots": [{"date": "0.2.3"}]}])
    line = vintage.line(processed_dir=tmp_path)
    assert line == (
        "Arena: data to 2025-08; Chips: data to 2026 (snapshot 2026-07); Cloud map: snapshot of 2025-01; "
        "Prices: package version 0.2.3"
    )
    assert vintage.line(["cloud"], processed_dir=tmp_path) == "Cloud map: snapshot of 2025-01"
    with pytest.raises(ValueError, match="no processed tables"):
        vintage.by_source(processed_dir=tmp_path / "empty")


def test_facts_span_ignores_targets_after_the_edition():
    facts = pd.DataFrame(
        {
            "as_of_start": ["2024-01-01", "", "2030-01-01"],
            "as_of_end": ["2024-12-31", "2025-06", "2030-12-31"],
        }
    )
    assert vintage.facts_span(facts, "2026-11-23") == "3 curated figures, the newest as of 2025-06"


def test_glossary_loads_sorted_and_rejects_bad_rows(tmp_path):
    terms = glossary.load()
    assert {"Open-weight model", "Open-source model", "Epoch Capabilities Index (ECI)"} <= set(terms["term"])
    assert list(terms["term"]) == sorted(terms["term"], key=str.lower)
    assert set(glossary.load(executive_only=True)["term"]) < set(terms["term"])
    bad = tmp_path / "g.csv"
    bad.write_text("term,definition,in_executive\nA,one,maybe\n")
    with pytest.raises(ValueError, match=r"row 2, column 'in_executive': expected yes or no, got 'maybe'"):
        glossary.load(bad)
    bad.write_text("term,definition,in_executive\nA,one,yes\na,two,no\n")
    with pytest.raises(ValueError, match="defined twice: a"):
        glossary.load(bad)


def test_build_file_carries_citation_and_rejects_unknown_top_level_keys(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "a.ipynb").write_text("{}")
    path = tmp_path / "briefs.yml"
    path.write_text(
        "title: T\npublisher: P\nlicence: CC BY 4.0\nbriefs:\n  - {id: a, title: A, notebooks: [a.ipynb]}\n"
    )
    spec = buildfile.load(path)
    assert spec.citation("2026-01-01", "A") == "P. T (A), edition 2026-01-01. Licence: CC BY 4.0."
    path.write_text("title: T\nlicense: x\nbriefs:\n  - {id: a, title: A, notebooks: [a.ipynb]}\n")
    with pytest.raises(buildfile.BuildFileError, match="unknown top-level key"):
        buildfile.load(path)


def test_headline_and_implications_for_a_region_without_clouds_or_a_cheaper_china():
    import dataclasses

    empty = dataclasses.replace(view(), cloud_us=0, cloud_china=0, china_cloud_share=math.nan)
    text = findings.headline(scores(), empty)
    assert (
        "nan" not in text
        and "in Sub-Saharan Africa neither country's providers list a public-cloud region" in text
    )
    assert any("open ground" in p for p in findings.implications(scores(), empty)[US])
    dearer = findings.headline(scores(price_us=0.5, price_cn=2.0), view())
    assert "China's models are the open ones (" in dearer and "open and cheap" not in dearer


def test_cloud_sentence_follows_which_side_runs_more_regions():
    import dataclasses

    def said(us, cn):
        v = dataclasses.replace(view(), cloud_us=us, cloud_china=cn, china_cloud_share=cn / (us + cn))
        return " ".join(findings.implications(scores(), v)[US])

    assert "US providers run most of the two countries' cloud regions (5 of 6)" in said(5, 1)
    assert "Chinese providers run most of the two countries' cloud regions (4 of 7)" in said(3, 4)
    assert "run as many cloud regions each (11)" in said(11, 11)


def test_cut_required_keeps_rows_up_to_as_of_and_names_the_earliest_date_that_works():
    frame = pd.DataFrame({"snapshot_date": ["2025-02-06", "2025-04-30"], "x": [1, 2]})
    assert list(findings.cut_required(frame, "snapshot_date", "2025-03-31", "api_prices")["x"]) == [1]
    assert len(findings.cut_required(frame, "snapshot_date", "", "api_prices")) == 2
    with pytest.raises(
        ValueError, match=r"as_of=2024-12-31 is before the first api_prices date.*as_of=2025-02-06"
    ):
        findings.cut_required(frame, "snapshot_date", "2024-12-31", "api_prices")


def test_fact_ids_and_leads_come_from_the_scores():
    def make(dimension, favours, ids=()):
        return findings.Score("k", dimension, "m", 1, 2, "percent", "2024", "s", favours, fact_ids=ids)

    base = [
        make("Chips", US),
        make("Investment", CN, ("F9", "F1")),
        make("Cost", CN, ("F1",)),
        make("Tie", ""),
    ]
    assert findings.fact_ids(base) == ["F1", "F9"]
    assert findings.leads(base) == (["chips"], ["cost", "investment"])


def test_points_and_definitions_render_escaped_html():
    from strategy_brief.report import record

    out = record.points_html({"For A & B": ["x < y", "z"]})
    assert out.count("<li>") == 2 and "<h3>For A &amp; B</h3>" in out and "x &lt; y" in out
    terms = pd.DataFrame({"term": ["Elo"], "definition": ["a <rating>"]})
    assert (
        record.definitions_html(terms) == '<dl class="sb-glossary"><dt>Elo</dt><dd>a &lt;rating&gt;</dd></dl>'
    )
