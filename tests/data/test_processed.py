"""data.processed: reading processed tables, and the one as_of rule every table is cut by."""

import pandas as pd
import pytest

from strategy_brief import config
from strategy_brief.data import processed
from strategy_brief.data.steps import TABLES


def write(folder, name, frame):
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / f"{name}.csv", index=False)


@pytest.fixture
def folder(tmp_path):
    write(
        tmp_path,
        "eci_by_model",
        pd.DataFrame(
            {
                "model_version": ["a", "b", "c", "d"],
                "release_date": ["2024-05-31", "2024-06-30", "2024-07-01", ""],
                "eci_score": [1.0, 2.0, 3.0, 4.0],
            }
        ),
    )
    write(
        tmp_path, "hardware_by_maker", pd.DataFrame({"manufacturer": ["x"] * 3, "year": [2023, 2024, 2025]})
    )
    write(tmp_path, "cloud_regions_by_origin_country", pd.DataFrame({"provider": ["p"], "regions": [3]}))
    return tmp_path


def test_a_dated_row_is_kept_when_it_is_on_or_before_as_of(folder):
    cut = processed.read("eci_by_model", folder, as_of="2024-06-30")
    assert list(cut["model_version"]) == ["a", "b"]  # the undated row "d" is left out too


def test_a_year_is_kept_when_it_is_on_or_before_the_year_of_as_of(folder):
    assert list(processed.read("hardware_by_maker", folder, as_of="2024-01-01")["year"]) == [2023, 2024]


def test_a_table_without_a_date_column_is_returned_whole(folder):
    whole = processed.read("cloud_regions_by_origin_country", folder)
    pd.testing.assert_frame_equal(
        processed.read("cloud_regions_by_origin_country", folder, as_of="1900-01-01"), whole
    )


@pytest.mark.parametrize("as_of", [None, ""])
def test_no_as_of_keeps_every_row(folder, as_of):
    assert len(processed.read("eci_by_model", folder, as_of=as_of)) == 4


def test_an_as_of_that_is_not_a_date_is_refused(folder):
    with pytest.raises(ValueError, match="as_of='2024'"):
        processed.read("eci_by_model", folder, as_of="2024")


def test_the_cut_is_by_the_column_the_spec_declares():
    declared = {spec.name: spec.date_column for spec in TABLES}
    assert all(processed.date_column(name) == column for name, column in declared.items())
    with pytest.raises(KeyError, match="no_such_table"):
        processed.date_column("no_such_table")


def test_the_processed_folder_follows_the_project_root_when_called(folder, monkeypatch):
    write(
        folder / "data" / "processed",
        "hardware_by_maker",
        pd.DataFrame({"manufacturer": ["y"], "year": [2020]}),
    )
    monkeypatch.setenv("STRATEGY_BRIEF_ROOT", str(folder))
    assert config.processed_dir() == folder.resolve() / "data" / "processed"
    assert list(processed.read("hardware_by_maker")["manufacturer"]) == ["y"]


def test_a_missing_table_names_the_refresh_command(tmp_path):
    with pytest.raises(FileNotFoundError, match="strategy-brief data refresh"):
        processed.read("eci_by_model", tmp_path)


def test_tidy_sorts_and_refuses_duplicate_keys():
    frame = pd.DataFrame({"k": ["b", "a"], "v": [1, 2]})
    assert list(processed.tidy(frame, ("k",))["k"]) == ["a", "b"]
    with pytest.raises(ValueError, match="duplicate key"):
        processed.tidy(pd.DataFrame({"k": ["a", "a"]}), ("k",))


def test_write_all_swaps_the_folder_and_keeps_other_files(tmp_path):
    target = tmp_path / "processed"
    target.mkdir()
    (target / ".gitkeep").write_text("")
    (target / "old.csv").write_text("stale\n")
    processed.write_all({"t": (pd.DataFrame({"a": [1]}), {"table": "t"})}, target)
    assert sorted(p.name for p in target.iterdir()) == [".gitkeep", "t.csv", "t.meta.yml"]
    assert (target / "t.csv").read_text() == "a\n1\n"
    assert not list(tmp_path.glob(".processed-*"))
