"""config: every path resolved when asked for, from STRATEGY_BRIEF_ROOT as it is at the call."""

import pytest

from strategy_brief import config
from strategy_brief.curated import classify, glossary
from strategy_brief.data import sources


def test_paths_follow_the_root_set_after_import(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_BRIEF_ROOT", str(tmp_path))
    root = tmp_path.resolve()
    assert config.project_root() == root
    assert config.processed_dir() == root / "data" / "processed"
    assert config.raw_dir() == root / "data" / "raw"
    assert config.build_file() == root / "briefs.yml"
    # The old constants, and the data modules' own, resolve the same way.
    assert config.processed_dir() == config.PROCESSED_DIR and root / "reports" == config.REPORTS_DIR
    assert root / "data" / "raw" / "classification" == classify.CLASSIFICATION_DIR
    assert root / "data" / "raw" / "glossary.csv" == glossary.GLOSSARY_FILE
    assert root / "data" / "sources" == sources.SOURCES_DIR


def test_without_the_variable_the_root_is_this_checkout(monkeypatch):
    monkeypatch.delenv("STRATEGY_BRIEF_ROOT", raising=False)
    assert (config.project_root() / "briefs.yml").exists()
    assert config.project_root() == config.PACKAGE_DIR.parent.parent


def test_a_replaced_path_function_moves_its_constant(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "processed_dir", lambda: tmp_path)
    assert tmp_path == config.PROCESSED_DIR


def test_the_interim_folder_is_gone():
    with pytest.raises(AttributeError, match="INTERIM_DIR"):
        config.INTERIM_DIR  # noqa: B018
