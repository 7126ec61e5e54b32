"""curated.reconciliation: the mapping of published figures to the functions that recompute them."""

from __future__ import annotations

import pandas as pd
import pytest

from strategy_brief.curated import reconciliation

HEADER = "fact_id,indicator,method,function,args,reason\n"


def write(tmp_path, *rows):
    path = tmp_path / "reconciliation.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_project_mapping_loads_and_names_known_functions():
    from strategy_brief.analysis.indicators.reconciliation import FUNCTIONS

    table = reconciliation.load(functions=FUNCTIONS)
    assert not table.empty
    assert all(isinstance(a, dict) for a in table["args"])


def test_args_are_parsed_and_rows_for_prefers_the_facts_own_rows(tmp_path):
    path = write(
        tmp_path,
        ',models,any,notable_models,"{""rule"": ""any_organization""}",rule {rule}; {vintage}',
        'F005,,own,notable_models,"{""bloc"": ""Europe""}",EU vs Europe',
    )
    table = reconciliation.load(path, functions={"notable_models"})
    assert table.loc[0, "args"] == {"rule": "any_organization"}
    assert list(reconciliation.rows_for(table, "F005", "models")["method"]) == ["own"]
    assert list(reconciliation.rows_for(table, "F001", "models")["method"]) == ["any"]
    assert reconciliation.rows_for(table, "F001", "other").empty
    assert reconciliation.fields(table.loc[0, "reason"]) == ["rule", "vintage"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("F001,models,m,f,{},r", r"row 2, columns fact_id/indicator: fill exactly one"),
        (",,m,f,{},r", r"fill exactly one"),
        ("X1,,m,f,{},r", r"column fact_id: expected F"),
        (",models,m,f,[1],r", r"column args: expected a JSON object"),
        (",models,m,f,{bad,r", r"column args: not JSON"),
        (",models,m,unknown,{},r", r"column function: unknown function 'unknown'"),
        (",models,,f,{},r", r"column method: empty"),
        (",models,m,f,{},why {0}", r"column reason: fields must be plain names"),
        (",models,m,f,{},why {oops", r"column reason: bad template"),
    ],
)
def test_bad_rows_are_refused_with_their_place(tmp_path, row, message):
    with pytest.raises(reconciliation.ReconciliationError, match=message):
        reconciliation.load(write(tmp_path, row), functions={"f"})


def test_duplicate_method_and_wrong_columns_are_refused(tmp_path):
    with pytest.raises(reconciliation.ReconciliationError, match=r"row 3, column method: same figure"):
        reconciliation.load(write(tmp_path, ",models,m,f,{},r", ",models,m,f,{},r2"))
    path = tmp_path / "bad.csv"
    pd.DataFrame({"fact_id": ["F001"]}).to_csv(path, index=False)
    with pytest.raises(reconciliation.ReconciliationError, match="expected the columns"):
        reconciliation.load(path)
