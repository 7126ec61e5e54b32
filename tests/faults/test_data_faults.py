"""Bad processed tables (issue item 8): the build refuses them before any kernel starts, and
`data check` names each one without a traceback.

Every table here is a few synthetic rows written by the test; no upstream data."""

from __future__ import annotations

import time

import pytest

from strategy_brief import config
from strategy_brief.data import refresh
from tests.faults.conftest import run_cli, tree_hash

# Valid synthetic tables: header, then rows (row 2 of the file is the first data row).
TABLES = {
    "api_prices": [
        "snapshot_date,price_key,host_provider,model_id,developer,bloc,openness_class,"
        "input_usd_per_mtok,output_usd_per_mtok,blended_usd_per_mtok",
        "2025-01-01,acme/model-a,acme,model-a,Acme,United States,api,1.0,4.0,1.75",
        "2025-01-01,acme/model-b,acme,model-b,Acme,China,open_unrestricted,0.5,2.0,0.875",
    ],
    "eci_by_model": [
        "model_version,model_id,display_name,release_date,eci_score,organization,bloc,openness_class",
        "model-a-2025,model-a,,2025-01-02,120.5,Acme,United States,api",
        "model-b-2025,model-b,Model B,2025-02-03,118.25,Acme,China,open_restricted",
    ],
    "models_by_bloc_year_accessibility": [
        "year,bloc,openness_class,models",
        "2024,United States,api,3",
        "2024,China,open_unrestricted,2",
    ],
    "lmarena_best_by_licence": [
        "leaderboard_version,openness_class,open_weights,best_score,best_model,developer,bloc",
        "2025-01-01,api,False,1300.0,Model A,Acme,United States",
        "2025-01-01,open_unrestricted,True,1280.0,Model B,Acme,China",
    ],
    "hardware_by_maker": [
        "manufacturer,country,bloc,year,chips,best_fp16_tflops",
        "Acme Chips,United States,United States,2024,2,900.0",
        "Acme Chips,United States,United States,2025,1,",
    ],
}


def write_tables(root, **changed: list[str] | bytes) -> None:
    """The valid synthetic tables under root/data/processed, with some replaced."""
    folder = root / "data" / "processed"
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in {**TABLES, **changed}.items():
        path = folder / f"{name}.csv"
        if isinstance(lines, bytes):
            path.write_bytes(lines)
        else:
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def with_cell(name: str, row: int, column: str, value: str) -> list[str]:
    """TABLES[name] with one cell replaced (row 0 is the first data row)."""
    lines = list(TABLES[name])
    header = lines[0].split(",")
    cells = lines[1 + row].split(",")
    cells[header.index(column)] = value
    lines[1 + row] = ",".join(cells)
    return lines


def build(root):
    return run_cli(
        "build", "--build-file", root / "briefs.yml", "--reports-dir", root / "reports", "--no-pdf"
    )


def test_valid_synthetic_tables_pass(tmp_path):
    """The control: the tables the other tests break are valid as written."""
    write_tables(tmp_path)
    assert refresh.validate_for_build(tmp_path) == []


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "rule"),
    [
        ("api_prices", 1, "blended_usd_per_mtok", "-5", "greater_than(0)"),
        ("eci_by_model", 0, "eci_score", "NaN", "not_nullable"),
        ("eci_by_model", 1, "organization", "nan", "not a placeholder"),
        ("models_by_bloc_year_accessibility", 0, "models", "2.5", "whole number"),
        ("models_by_bloc_year_accessibility", 1, "models", "-2", "greater_than(0)"),
        ("lmarena_best_by_licence", 0, "open_weights", "maybe", "True or False"),
        ("hardware_by_maker", 0, "best_fp16_tflops", "inf", "less_than(100000)"),
    ],
    ids=["negative-price", "nan-score", "nan-text", "fractional-count", "negative-count", "bad-flag", "inf"],
)
def test_build_refuses_a_bad_value_before_any_kernel(published, table, row, column, value, rule):
    write_tables(published, **{table: with_cell(table, row, column, value)})
    before = tree_hash(published / "reports", published / "data")
    result = build(published)
    assert result.code == 2, result.text
    assert f"{table}.csv" in result.err and f"row {row + 2}" in result.err
    assert repr(column) in result.err and rule in result.err
    assert value.lower() in result.err.lower()  # pandas prints NaN as nan
    assert "data refresh" in result.err  # says what to do
    assert "Traceback" not in result.text and "[1/" not in result.out  # no notebook ran
    assert tree_hash(published / "reports", published / "data") == before


def test_build_refuses_duplicated_rows(published):
    lines = TABLES["api_prices"]
    write_tables(published, api_prices=[*lines, lines[1]])
    before = tree_hash(published / "reports", published / "data")
    result = build(published)
    assert result.code == 2
    assert "api_prices.csv" in result.err and "row 2" in result.err and "row 4" in result.err
    assert "key (snapshot_date, price_key) appears once" in result.err
    assert tree_hash(published / "reports", published / "data") == before


def test_build_refuses_a_header_only_table(published):
    write_tables(published, eci_by_model=TABLES["eci_by_model"][:1])
    result = build(published)
    assert result.code == 2
    assert "eci_by_model.csv: no rows (header only)" in result.err


@pytest.fixture
def check_on(monkeypatch, tmp_path):
    """`data check` on synthetic tables in tmp_path (the raw inputs stay the project's own)."""
    monkeypatch.setattr(config, "processed_dir", lambda: tmp_path / "data" / "processed")

    def run(**changed):
        write_tables(tmp_path, **changed)
        return run_cli("data", "check")

    return run


UNREADABLE = {
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 8, "binary data"),
    "latin-1": (
        "\n".join(TABLES["api_prices"]).replace("Acme", "Ac\u00e9me").encode("latin-1") + b"\n",
        "not UTF-8",
    ),
    "ragged": (("\n".join([*TABLES["api_prices"], "2025-01-02,x,y"]) + "\n").encode(), "line 4 has 3 fields"),
    "empty": (b"", "empty file"),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_data_check_names_an_unreadable_table_in_one_line(check_on, tmp_path, case):
    data, reason = UNREADABLE[case]
    result = check_on(api_prices=data)
    assert result.code == 1
    assert "Traceback" not in result.text
    lines = [line for line in result.err.splitlines() if "api_prices.csv" in line]
    assert len(lines) == 1, result.err
    assert reason in lines[0] and "data refresh" in lines[0]
    assert str(tmp_path / "data" / "processed" / "api_prices.csv") in lines[0]


def test_data_check_names_duplicated_keys_and_header_only_tables(check_on):
    rows = TABLES["eci_by_model"]
    result = check_on(eci_by_model=[*rows, rows[2]], hardware_by_maker=TABLES["hardware_by_maker"][:1])
    assert result.code == 1 and "Traceback" not in result.text
    assert "eci_by_model.csv: 2 problem(s)" in result.err
    assert "row 3, column 'model_version', value 'model-b-2025'" in result.err
    assert "hardware_by_maker.csv: no rows (header only)" in result.err


def test_validating_the_committed_tables_takes_well_under_a_second():
    refresh.validate_for_build(config.PROJECT_ROOT)  # warm: imports, pandera's first schema build
    started = time.perf_counter()
    refresh.validate_for_build(config.PROJECT_ROOT)
    assert time.perf_counter() - started < 1.0
