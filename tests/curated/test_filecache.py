"""Parsing a file once per process (strategy_brief.curated.filecache): a changed file is parsed again at
once, and what a caller gets is its own copy."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.curated import filecache


@pytest.fixture
def counted():
    filecache.clear()
    calls = []

    def parse(path, data):
        calls.append(path.name)
        return pd.read_csv(path)

    yield parse, calls
    filecache.clear()


def test_an_unchanged_file_is_parsed_once(tmp_path, counted):
    parse, calls = counted
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n")
    first = filecache.parsed(path, parse, "csv")
    second = filecache.parsed(path, parse, "csv")
    assert calls == ["t.csv"] and first.equals(second)


def test_a_file_rewritten_at_once_with_the_same_size_is_parsed_again(tmp_path, counted):
    parse, calls = counted
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n")
    assert filecache.parsed(path, parse, "csv")["b"].tolist() == [2]
    path.write_text("a,b\n1,3\n")  # same size, same clock tick
    assert filecache.parsed(path, parse, "csv")["b"].tolist() == [3]
    assert len(calls) == 2


def test_a_caller_changing_its_frame_or_dict_does_not_change_the_next_read(tmp_path):
    filecache.clear()
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n")
    frame = filecache.parsed(path, lambda p, d: pd.read_csv(p), "csv")
    frame.loc[0, "b"] = 99
    assert filecache.parsed(path, lambda p, d: pd.read_csv(p), "csv").loc[0, "b"] == 2
    meta = filecache.parsed(path, lambda p, d: {"rows": [1, 2]}, "dict")
    meta["rows"].append(3)
    assert filecache.parsed(path, lambda p, d: {"rows": []}, "dict") == {"rows": [1, 2]}


def test_a_parse_that_fails_is_not_remembered(tmp_path):
    filecache.clear()
    path = tmp_path / "t.csv"
    path.write_text("x")

    def broken(p, d):
        raise ValueError(f"{p.name}: bad")

    with pytest.raises(ValueError, match=r"t\.csv: bad"):
        filecache.parsed(path, broken, "csv")
    assert filecache.parsed(path, lambda p, d: d.decode(), "csv") == "x"
