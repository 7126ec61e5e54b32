"""data.table: each processed table is defined once, by its spec in data.steps."""

import pandas as pd
import pandera.pandas as pa
import pytest

from strategy_brief.data import schemas, table
from strategy_brief.data.steps import TABLES


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.name)
def test_a_spec_carries_the_schema_of_every_column_it_names(spec):
    assert spec.schema is not None
    columns = set(spec.schema.columns)
    assert set(spec.key) <= columns
    assert set(spec.units) <= columns
    assert spec.date_column is None or spec.date_column in columns


def test_the_schemas_validated_are_the_specs_own():
    assert {spec.name: spec.schema for spec in TABLES} == schemas.PROCESSED
    assert len({spec.name for spec in TABLES}) == len(TABLES)


@pytest.mark.parametrize("value", ["nan", "None", " n/a "])
def test_a_text_column_refuses_a_lost_value_written_as_text(value):
    frame = pd.DataFrame({"name": ["ok", value]})
    schema = pa.DataFrameSchema({"name": table.column(str, nullable=True)})
    with pytest.raises(pa.errors.SchemaError):
        schema.validate(frame)


def test_blank_is_refused_only_where_the_column_is_required():
    frame = pd.DataFrame({"name": ["ok", ""]})
    pa.DataFrameSchema({"name": table.column(str, nullable=True)}).validate(frame)
    with pytest.raises(pa.errors.SchemaError):
        pa.DataFrameSchema({"name": table.column(str)}).validate(frame)
