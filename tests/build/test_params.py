from pathlib import Path

import pytest

from strategy_brief.build import params
from tests.conftest import make_notebook

SIGNATURE = """
edition: str = "2026-01-01"  # edition date
region: str = "Global"  # one of: Global | Sub-Saharan Africa
draws: int = 100
ratio: float = 0.5
verbose: bool = False
"""


@pytest.fixture
def signature(tmp_path: Path) -> params.Signature:
    return params.read_signature(make_notebook(tmp_path / "nb.ipynb", SIGNATURE))


def test_reads_types_defaults_and_choices(signature):
    p = signature.parameters
    assert list(p) == ["edition", "region", "draws", "ratio", "verbose"]
    assert (p["draws"].type_name, p["draws"].default) == ("int", 100)
    assert p["region"].choices == ("Global", "Sub-Saharan Africa")
    assert p["edition"].choices == ()


def test_unknown_parameter_names_notebook_parameter_and_accepted(signature):
    with pytest.raises(params.ParameterError) as err:
        params.validate(signature, {"regoin": "x"})
    message = str(err.value)
    assert "nb.ipynb" in message and "'regoin'" in message
    assert "region: str" in message and "draws: int" in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("draws", "100"),
        ("draws", 1.5),
        ("draws", True),
        ("ratio", "x"),
        ("verbose", 1),
        ("edition", 3),
    ],
)
def test_wrong_type_is_rejected(signature, name, value):
    with pytest.raises(params.ParameterError, match=f"'{name}' expects"):
        params.validate(signature, {name: value})


def test_value_outside_choices_is_rejected(signature):
    with pytest.raises(params.ParameterError, match=r"one of: Global \| Sub-Saharan Africa"):
        params.validate(signature, {"region": "Atlantis"})


def test_valid_values_pass_and_ints_become_floats(signature):
    checked = params.validate(signature, {"ratio": 1, "region": "Sub-Saharan Africa", "draws": 5})
    assert checked == {"ratio": 1.0, "region": "Sub-Saharan Africa", "draws": 5}
    assert isinstance(checked["ratio"], float)


def test_cli_values_are_typed_by_the_signature(signature):
    p = signature.parameters
    nb = signature.notebook
    assert params.coerce_cli_value(p["draws"], "7", nb) == 7
    assert params.coerce_cli_value(p["ratio"], "0.25", nb) == 0.25
    assert params.coerce_cli_value(p["verbose"], "true", nb) is True
    assert params.coerce_cli_value(p["edition"], "2026-11-23", nb) == "2026-11-23"
    with pytest.raises(params.ParameterError, match="'draws' expects int, got 'seven'"):
        params.coerce_cli_value(p["draws"], "seven", nb)


def test_untyped_parameter_is_an_error(tmp_path):
    nb = make_notebook(tmp_path / "untyped.ipynb", "region = 'Global'")
    with pytest.raises(params.ParameterError, match="'region' needs a type annotation"):
        params.read_signature(nb)


def test_notebook_without_parameters_cell_is_an_error(tmp_path):
    nb = make_notebook(tmp_path / "n.ipynb", "x: int = 1")
    import nbformat

    doc = nbformat.read(nb, as_version=4)
    doc.cells[0].metadata["tags"] = []
    nbformat.write(doc, nb)
    with pytest.raises(params.ParameterError, match="no cell tagged 'parameters'"):
        params.read_signature(nb)


def test_parse_cli_overrides():
    assert params.parse_cli_overrides(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    with pytest.raises(params.ParameterError, match="name=value"):
        params.parse_cli_overrides(["novalue"])


def test_unknown_parameter_suggests_the_closest_name(signature):
    with pytest.raises(params.ParameterError, match="did you mean 'region' for 'regoin'"):
        params.validate(signature, {"regoin": "Global"})


def test_a_line_papermill_cannot_read_is_an_error_not_a_silent_skip(tmp_path):
    nb = make_notebook(tmp_path / "eq.ipynb", 'edition: str = "x"\nas_of: str = ""  # empty = all data')
    with pytest.raises(params.ParameterError, match="cannot read parameter\\(s\\) as_of"):
        params.read_signature(nb)
