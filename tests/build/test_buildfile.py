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


COUNTRIES = """
briefs:
  - id: full
    title: Full report
    notebooks: [a.ipynb]
  - id: country-{country}
    title: "Country brief: {country_label}"
    set: countries
    notebooks: [b.ipynb]
    for_each:
      country: {table: coverage, column: iso3, label: name, where: brief}
"""


def coverage(tmp_path, rows):
    folder = tmp_path / "data" / "processed"
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["iso3,name,brief", *(",".join(r) for r in rows)]
    (folder / "coverage.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_for_each_from_a_processed_table_makes_a_named_set_of_briefs(tmp_path):
    path = write(tmp_path, COUNTRIES)
    coverage(
        tmp_path,
        [("NGA", "Nigeria", "True"), ("CIV", '"Côte d\'Ivoire"', "True"), ("TUV", "Tuvalu", "False")],
    )
    spec = buildfile.load(path)
    countries = spec.in_set("countries")
    assert [b.id for b in countries] == ["country-nga", "country-civ"]  # Tuvalu: not enough data
    assert countries[1].title == "Country brief: Côte d'Ivoire"
    assert countries[1].parameters == {"country": "CIV"}
    assert [b.id for b in spec.select(None)] == ["full"], "a plain build builds the default set only"
    assert len(spec.in_set("all")) == 3
    assert spec.select(["country-nga"])[0].set == "countries"
    with pytest.raises(
        buildfile.BuildFileError, match="no brief set named 'regions'; sets: default, countries"
    ):
        spec.in_set("regions")


@pytest.mark.parametrize(
    ("rows", "change", "message"),
    [
        (None, {}, r"data/processed/coverage\.csv not found"),
        ([("NGA", "Nigeria", "False")], {}, "gives no value"),
        ([("NGA", "Nigeria", "True")], {"label: name": "label: country_name"}, "has no column country_name"),
        ([("NGA", "Nigeria", "True")], {"where: brief": "sort: iso3"}, "give table and column"),
        ([("NGA", "Nigeria", "True")], {"set: countries": "set: All"}, "set 'All' must be lower-case"),
    ],
)
def test_bad_computed_for_each_is_named(tmp_path, rows, change, message):
    text = COUNTRIES
    for old, new in change.items():
        text = text.replace(old, new)
    path = write(tmp_path, text)
    if rows is not None:
        coverage(tmp_path, rows)
    with pytest.raises(buildfile.BuildFileError, match=message):
        buildfile.load(path)
