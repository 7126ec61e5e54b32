"""data.steps.compute: GPU clusters by host country and owner, Chinese cloud openings, cloud-region
launch years and the launch-date coverage per provider, on synthetic inputs."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from strategy_brief.curated import classify
from strategy_brief.data import processed, refresh, schemas
from strategy_brief.data.steps import compute
from tests.fixtures import mirror_compute

COLUMNS = ["Name", "Status", "Certainty", "H100 equivalents", "Country", "Owner", "First Operational Date"]


def epoch(*rows) -> pd.DataFrame:
    """An Epoch-like frame read as text; each row (name, status, certainty, h100, country, owner, date)."""
    frame = pd.DataFrame([list(r) for r in rows], columns=COLUMNS, dtype=str)
    frame["Possible Duplicate"] = ""
    return frame


ROWS = [
    ("US one", "Existing", "Confirmed", "1000", "United States of America", "Google", "2022-01-10"),
    ("US two", "Existing", "Likely", "", "United States of America", "Microsoft,OpenAI", "2024-05-01"),
    ("US planned", "Planned", "Likely", "5000", "United States of America", "Meta AI", "2027-01-01"),
    ("Anonymized Chinese System", "Existing", "Confirmed", "300", "China", "", "2023-03-15"),
    ("Anonymized Chinese System", "Decommissioned", "Confirmed", "200", "China", "", "2019-03-15"),
    ("Kenya blank owner", "Existing", "Confirmed", "50", "Kenya", "", "2025-02-02"),
    ("Brazil co-op", "Existing", "Confirmed", "70", "Brazil", "Synthetic Nobody Co", "2021-06-01"),
    ("Alibaba Cloud in Indonesia", "Existing", "Confirmed", "", "Indonesia", "Alibaba", "2018-07-01"),
    ("Alibaba Cloud in Egypt Phase 2", "Planned", "Likely", "", "Egypt", "Alibaba", "2026-03-09"),
    ("Google Cloud in Brazil", "Existing", "Confirmed", "10", "Brazil", "Google", "2020-01-01"),
    ("No country", "Existing", "Confirmed", "80", "", "Google", "2020-01-01"),
    ("Rumour", "Planned", "Unlikely", "999999", "United States of America", "Meta AI", ""),
]


def test_owners_are_classified_or_say_why_not():
    frame = compute.clusters_frame(epoch(*ROWS))
    status = dict(
        zip(frame["name"], zip(frame["owner_status"], frame["owner_bloc"], strict=True), strict=True)
    )
    assert status["US one"] == ("classified", "United States")
    assert status["US two"] == ("classified", "United States")  # the first listed owner leads
    assert status["Kenya blank owner"] == ("not_stated", None)
    assert status["Brazil co-op"] == ("unclassified", None)
    assert status["Alibaba Cloud in Indonesia"] == ("classified", "China")
    assert set(frame.loc[frame["name"] == "Anonymized Chinese System", "owner_status"]) == {"anonymized"}


def test_unlikely_and_placeless_clusters_are_left_out_and_counted():
    frame = compute.clusters_frame(epoch(*ROWS))
    reasons = dict(zip(frame["name"], frame["coverage"], strict=True))
    assert reasons["Rumour"] == compute.EXCLUDED_UNLIKELY
    assert reasons["No country"] == compute.EXCLUDED_NO_COUNTRY
    coverage = compute.clusters_coverage(frame).set_index("reason")
    assert coverage["clusters"].sum() == len(ROWS)
    assert coverage.at[compute.EXCLUDED_UNLIKELY, "clusters"] == 1
    assert coverage.at["counted: owner anonymized", "clusters"] == 2
    assert coverage.at["counted: owner anonymized", "h100_equivalents"] == 500
    table = compute.clusters_by_country(frame)
    assert table["clusters"].sum() == len(ROWS) - 2
    schemas.validate("gpu_clusters_coverage", compute.clusters_coverage(frame), "synthetic")


def test_clusters_by_country_counts_by_status_and_sums_known_h100_of_existing_ones():
    table = compute.clusters_by_country(compute.clusters_frame(epoch(*ROWS)))
    schemas.validate("gpu_clusters_by_country", table, "synthetic")
    us = table[(table["iso3"] == "USA") & (table["owner_bloc"] == "United States")].iloc[0]
    assert (us["clusters"], us["existing"], us["planned"]) == (3, 2, 1)
    assert us["h100_equivalents"] == 1000 and us["h100_known"] == 1  # one existing has no value
    assert us["planned_h100_equivalents"] == 5000 and us["planned_h100_known"] == 1
    # The planned cluster's date is not an operational date.
    assert (us["first_operational"], us["latest_operational"]) == ("2022-01-10", "2024-05-01")
    china = table[table["iso3"] == "CHN"].iloc[0]
    assert pd.isna(china["owner_bloc"]) and china["decommissioned"] == 1
    assert china["first_operational"] == "2019-03-15"
    brazil = table[(table["iso3"] == "BRA")].set_index("owner_status")
    assert brazil.at["classified", "cloud_openings"] == 0  # a US cloud's row is not a Chinese opening
    indonesia = table[table["iso3"] == "IDN"].iloc[0]
    assert (indonesia["owner_bloc"], indonesia["cloud_openings"], indonesia["existing_cloud_openings"]) == (
        "China",
        1,
        1,
    )


def test_chinese_cloud_openings_are_listed_with_their_date_precision():
    openings = compute.cloud_openings(compute.clusters_frame(epoch(*ROWS)))
    schemas.validate("alibaba_cloud_openings", openings, "synthetic")
    rows = openings.set_index("site")
    assert list(rows.index) == ["Indonesia", "Egypt Phase 2"]
    assert set(rows["provider"]) == {"Alibaba Cloud"}
    assert rows.at["Indonesia", "date_may_be_year_only"]  # written YYYY-07-01
    assert not rows.at["Egypt Phase 2", "date_may_be_year_only"]
    assert rows.at["Egypt Phase 2", "iso3"] == "EGY"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("H100 equivalents", "lots", r"row 3, column 'H100 equivalents': 'lots'"),
        ("Status", "Rumoured", r"row 3, column 'Status': 'Rumoured' is not one of"),
        ("Country", "Atlantis", r"row 3, column 'Country': 'Atlantis'"),
        ("First Operational Date", "2024/01/02", r"row 3, column 'First Operational Date'"),
    ],
)
def test_bad_cluster_rows_are_refused_naming_row_and_column(column, value, message):
    raw = epoch(*ROWS[:3])
    raw.loc[1, column] = value
    with pytest.raises(ValueError, match=rf"clusters.csv: {message}"):
        compute.clusters_frame(raw, "clusters.csv")


def launch_doc(*regions_) -> dict:
    providers = [
        {"id": "aws", "name": "Amazon Web Services"},
        {"id": "gcp", "name": "Google Cloud Platform"},
        {"id": "oci", "name": "Oracle Cloud Infrastructure"},
    ]
    return {
        "providers": providers,
        "regions": [
            {
                "id": f"{p}-{i}",
                "provider": p,
                "regionType": kind,
                "location": {"country": country},
                **({"launchedDate": date} if date else {}),
            }
            for i, (p, country, date, kind) in enumerate(regions_)
        ],
    }


LAUNCH_ROWS = [
    ("aws", "Nigeria", "2024-01-01", "commercial"),
    ("aws", "Nigeria", "2024-09-10", "government"),
    ("aws", "Brazil", "2011-12-14", "commercial"),
    ("gcp", "India", "2017-10-31", "commercial"),
    ("oci", "India", None, "commercial"),
]


def test_launches_are_counted_per_provider_country_and_year_and_undated_ones_left_out():
    flat = compute.flatten_launches(launch_doc(*LAUNCH_ROWS))
    table = compute.launches_by_year(flat)
    schemas.validate("cloud_region_launches", table, "synthetic")
    rows = {
        (r.provider, r.iso3, r.launch_year): (r.regions, r.commercial_regions) for r in table.itertuples()
    }
    assert rows == {
        ("Amazon Web Services", "NGA", 2024): (2, 1),
        ("Amazon Web Services", "BRA", 2011): (1, 1),
        ("Google Cloud Platform", "IND", 2017): (1, 1),
    }
    assert set(table["provider_bloc"]) == {"United States"}
    assert set(table.loc[table["iso3"] == "NGA", "world_region"]) == {"Sub-Saharan Africa"}


def test_launch_coverage_states_the_missing_chinese_providers_as_data():
    flat = compute.flatten_launches(launch_doc(*LAUNCH_ROWS))
    openings = compute.cloud_openings(compute.clusters_frame(epoch(*ROWS)))
    coverage = compute.launch_coverage(flat, openings)
    schemas.validate("cloud_launch_coverage", coverage, "synthetic")
    rows = coverage.set_index("provider")
    assert (rows.at["Amazon Web Services", "listed"], rows.at["Amazon Web Services", "dated"]) == (3, 3)
    assert rows.at["Oracle Cloud Infrastructure", "coverage"] == "undated"
    chinese = [p for p in rows.index if rows.at[p, "provider_bloc"] == classify.CN]
    expected = [
        p
        for p in pd.read_csv(classify.classification_dir() / "cloud_providers.csv")["provider"]
        if classify.bloc_of_country(classify.cloud_provider_country(p)) == classify.CN
    ]
    assert sorted(chinese) == sorted(expected)
    assert rows.at["Alibaba Cloud", "date_source"] == compute.EPOCH
    assert (rows.at["Alibaba Cloud", "listed"], rows.at["Alibaba Cloud", "coverage"]) == (
        2,
        "dated elsewhere",
    )
    for provider in set(chinese) - {"Alibaba Cloud"}:
        assert rows.at[provider, "coverage"] == "not covered" and rows.at[provider, "listed"] == 0
    assert all("not in the launch-date source" in rows.at[p, "note"] for p in chinese)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"provider": "ibm"}, r"regions\[0\] \(aws-0\): provider 'ibm' is not in providers"),
        ({"launchedDate": "2024-13"}, r"launchedDate '2024-13' is not YYYY-MM-DD"),
        ({"location": {"country": "Atlantis"}}, r"location.country 'Atlantis'"),
    ],
)
def test_bad_launch_regions_are_refused_naming_the_region(change, message):
    doc = launch_doc(*LAUNCH_ROWS)
    doc["regions"][0].update(change)
    with pytest.raises(ValueError, match=message):
        compute.flatten_launches(doc)


def test_a_provider_no_classification_table_knows_is_refused():
    doc = launch_doc(*LAUNCH_ROWS)
    doc["providers"][0]["name"] = "Synthetic Sky Cloud"
    message = r"cloud_launch_providers\.csv: no row for provider"
    with pytest.raises(classify.ClassificationError, match=message):
        compute.flatten_launches(doc)


def test_the_fixture_mirror_refreshes_into_valid_identical_tables(tmp_path, monkeypatch):
    """The fixture's synthetic files go through the real refresh (snapshot checks, steps, schemas,
    metadata); a second refresh writes the same bytes."""
    mirror = tmp_path / "mirror"
    for relative, make in mirror_compute.MIRROR_FILES.items():
        (mirror / relative).parent.mkdir(parents=True, exist_ok=True)
        (mirror / relative).write_bytes(make())
    monkeypatch.setattr(refresh, "TABLES", compute.TABLES)
    names = ["epoch_gpu_clusters", "cloud_region_launches"]
    outputs = []
    for run in ("a", "b"):
        proc = tmp_path / f"processed-{run}"
        refresh.refresh(names, mirror=mirror, external_dir=tmp_path / f"ext-{run}", processed_dir=proc)
        outputs.append({p.name: p.read_bytes() for p in sorted(proc.iterdir())})
    assert outputs[0] == outputs[1]
    proc = tmp_path / "processed-a"
    clusters = processed.read("gpu_clusters_by_country", proc)
    listed = [r for r in mirror_compute.CLUSTERS if r[2] != "Unlikely" and r[4]]
    assert clusters["clusters"].sum() == len(listed)
    launches = processed.read("cloud_region_launches", proc)
    dated = [r for r in mirror_compute.LAUNCHES if r[3]]
    assert launches["regions"].sum() == len(dated)
    openings = processed.read("alibaba_cloud_openings", proc, as_of="2025-12-31")
    assert "Egypt" not in set(openings["site"])  # opens after the cut
    doc = json.loads(mirror_compute.region_launches())
    assert len(doc["regions"]) == len(mirror_compute.LAUNCHES)
