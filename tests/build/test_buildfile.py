import textwrap

import pytest

from strategy_brief.build import buildfile


def write(tmp_path, text):
    (tmp_path / "notebooks").mkdir(exist_ok=True)
    (tmp_path / "notebooks" / "a.ipynb").write_text("{}")
    (tmp_path / "notebooks" / "b.ipynb").write_text("{}")
    path = tmp_path / "briefs.yml"
    path.write_text(textwrap.dedent(text))
    return path


def test_for_each_expands_one_brief_per_value_with_slugged_ids(tmp_path):
    path = write(
        tmp_path,
        """
        title: Series
        briefs:
          - id: full
            title: Full report
            notebooks: [a.ipynb, b.ipynb]
            parameters: {as_of: 2025-08-01}
          - id: exec-{region}
            title: "Executive brief: {region}"
            notebooks: [a.ipynb]
            for_each: {region: [Global, Latin America & Caribbean]}
        """,
    )
    spec = buildfile.load(path)
    assert [b.id for b in spec.briefs] == ["full", "exec-global", "exec-latin-america-caribbean"]
    full = spec.briefs[0]
    assert [p.name for p in full.notebooks] == ["a.ipynb", "b.ipynb"]
    assert full.parameters == {"as_of": "2025-08-01"}  # dates stay text
    assert spec.briefs[2].title == "Executive brief: Latin America & Caribbean"
    assert spec.briefs[2].parameters == {"region": "Latin America & Caribbean"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("briefs:\n  - {id: x, title: X}\n", r"briefs\[0\]: missing 'notebooks'"),
        ("briefs:\n  - {id: x, title: X, notebooks: [zz.ipynb]}\n", "notebook zz.ipynb not found"),
        ("briefs:\n  - {id: x, title: X, notebooks: [a.ipynb], tint: red}\n", "unknown key"),
        (
            "briefs:\n  - {id: x, title: X, notebooks: [a.ipynb]}\n"
            "  - {id: x, title: Y, notebooks: [a.ipynb]}\n",
            "duplicate brief id",
        ),
        ("briefs:\n  - {id: 'Bad Id', title: X, notebooks: [a.ipynb]}\n", "must be lower-case"),
        ("briefs: [\n", "not valid YAML"),
        ("title: no briefs\n", "'briefs' list"),
    ],
)
def test_malformed_build_files_name_the_problem(tmp_path, text, message):
    with pytest.raises(buildfile.BuildFileError, match=message):
        buildfile.load(write(tmp_path, text))


def test_select_unknown_brief_lists_the_known_ones(tmp_path):
    spec = buildfile.load(write(tmp_path, "briefs:\n  - {id: x, title: X, notebooks: [a.ipynb]}\n"))
    assert spec.select(None) == spec.briefs
    with pytest.raises(buildfile.BuildFileError, match="known briefs: x"):
        spec.select(["y"])


def test_repository_build_file_is_valid():
    spec = buildfile.load()
    assert spec.briefs, "briefs.yml defines no brief"
    assert any(b.parameters.get("region") == "Global" for b in spec.briefs)
