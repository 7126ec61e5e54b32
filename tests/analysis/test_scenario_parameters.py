"""What the scenario model is (analysis.scenario.parameters): the stack each parameter describes, and
the check every assumptions table passes."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.analysis import scenario
from strategy_brief.analysis.scenario import parameters


@pytest.mark.parametrize(
    ("parameter", "bloc"),
    [
        ("price_us", "United States"),
        ("capability_gap_china", "China"),
        ("cloud_expansion_china", "China"),
        ("price_other", ""),
        ("b_price", ""),
        ("trust_in_ai", ""),
        ("inertia", ""),
    ],
)
def test_stack_of(parameter, bloc):
    assert scenario.stack_of(parameter) == bloc


def test_every_stack_parameter_names_its_bloc():
    for parameter in scenario.PARAMETERS:
        stack = parameter.rsplit("_", 1)[-1]
        expected = scenario.STACK_BLOCS.get(stack, "") if stack in scenario.STACKS else ""
        assert scenario.stack_of(parameter) == expected, parameter


@pytest.fixture(scope="module")
def defaults() -> pd.DataFrame:
    return scenario.load_assumptions()


def test_the_default_assumptions_pass_the_check(defaults):
    parameters.validate(defaults)
    assert set(defaults["name"]) == set(scenario.PARAMETERS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: pd.concat([t, t.iloc[[1]]]), "given twice for region"),
        (lambda t: t.assign(region=t["region"].where(t["name"] != "inertia", "Atlantis")), "unknown region"),
        (lambda t: t[t["name"] != "b_cloud"], "missing assumption.*b_cloud"),
        (lambda t: pd.concat([t, t.iloc[[1]].assign(name="b_typo")]), "unknown assumption.*b_typo"),
        (lambda t: _set(t, "start_year", high=2030.0), "start_year needs one row"),
        (lambda t: _set(t, "start_year", value=2026.5, low=2026.5, high=2026.5), "whole year"),
        (
            lambda t: _set(t, "inertia", value=0.5, low=0.2, high=1.5),
            r"inertia: high 1\.5 is outside \[0\.0, 1\.0\]",
        ),
        (
            lambda t: _set(t, "adoption_start", value=0.1, low=0.0),
            r"adoption_start \(Sub-Saharan Africa\): low 0\.0 is outside \(0\.0",
        ),
    ],
)
def test_the_check_refuses_a_malformed_table(defaults, change, message):
    with pytest.raises(ValueError, match=message):
        parameters.validate(change(defaults.copy()).reset_index(drop=True))


def _set(table: pd.DataFrame, name: str, **values: float) -> pd.DataFrame:
    rows = table["name"] == name
    for column, value in values.items():
        table.loc[rows, column] = value
    return table


def test_checked_reads_numbers_written_as_text_and_refuses_missing_columns(defaults):
    as_text = defaults.assign(**{c: defaults[c].astype(str) for c in ("value", "low", "high")})
    out = parameters.checked(as_text)
    assert out["value"].dtype == float
    assert out["value"].tolist() == pytest.approx(defaults["value"].tolist())
    with pytest.raises(ValueError, match=r"missing column\(s\) low"):
        parameters.checked(defaults.drop(columns="low"))
    with pytest.raises(ValueError, match="assumptions: empty"):
        parameters.checked(defaults.iloc[0:0])
