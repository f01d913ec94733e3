"""Validation: the shipped data passes; each kind of error in a broken copy is caught and located."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, edit_csv, line_of

import namlib
from namlib.validation import validate


@pytest.fixture(scope="module")
def shipped_report():
    return validate()


def test_shipped_data_is_valid(shipped_report):
    assert shipped_report.ok, str(shipped_report)
    assert shipped_report.tables == len(namlib.table_names())
    assert shipped_report.checks > shipped_report.tables  # schema tasks plus domain checks


def test_domain_checks_alone_pass():
    report = validate(schema=False)
    assert report.ok, str(report)


def problems(report, check):
    return [p for p in report.problems if p.check == check]


@pytest.mark.parametrize("schema", [True, False])
def test_unknown_source_id(data_copy, schema):
    line = line_of(data_copy, "glossary", ",")  # header
    edit_csv(data_copy, "principles", ",mfa-az-nam,", ",no-such-source,")
    line = line_of(data_copy, "principles", "no-such-source")
    report = validate(data_copy, schema=schema)
    found = [p for p in report.problems if p.file == "principles.csv" and "no-such-source" in p.reason]
    assert found, str(report)
    assert found[0].line == line
    assert "source_id" in (found[0].field or "")


def test_bad_date_is_located(data_copy):
    edit_csv(data_copy, "summits", "1961-09-06", "1961-09-31")
    line = line_of(data_copy, "summits", "1961-09-31")
    report = validate(data_copy)
    located = {(p.file, p.line, p.field) for p in report.problems}
    assert ("summits.csv", line, "end_date") in located, str(report)


def test_wrong_enum_is_located(data_copy):
    edit_csv(data_copy, "events", ",virtual,", ",online,")
    line = line_of(data_copy, "events", ",online,")
    report = validate(data_copy)
    assert ("events.csv", line, "format") in {(p.file, p.line, p.field) for p in report.problems}, str(report)


def test_missing_primary_key_value(data_copy):
    edit_csv(data_copy, "summits", "\n19,", "\n,")
    report = validate(data_copy)
    assert any(p.file == "summits.csv" and p.field == "number" for p in report.problems), str(report)


def test_duplicate_primary_key(data_copy):
    edit_csv(data_copy, "summits", "\n19,", "\n18,")
    report = validate(data_copy)
    assert any(p.file == "summits.csv" and "primary-key" in p.check for p in report.problems), str(report)
    assert problems(report, "summit-numbers"), "a summit number gap must also be reported"


def test_end_before_start(data_copy):
    edit_csv(data_copy, "summits", "1961-09-06", "1961-08-06")
    report = validate(data_copy, schema=False)
    found = problems(report, "dates-forward")
    assert found and found[0].file == "summits.csv" and found[0].field == "end_date"


def test_chair_gap(data_copy):
    edit_csv(data_copy, "chairmanships", "2019-10-25,2024-01-19", "2019-10-25,2023-12-31")
    report = validate(data_copy, schema=False)
    assert any("Gap of 19 days" in p.reason for p in problems(report, "chair-periods")), str(report)


def test_member_count_drift(data_copy):
    edit_csv(
        data_copy, "members", "South Sudan,SSD,member,Africa,Africa,2024", "South Sudan,SSD,member,Africa,Africa,2023"
    )
    report = validate(data_copy, schema=False)
    drift = problems(report, "member-counts")
    assert drift and "members.csv gives 121" in drift[0].reason, str(report)


def test_cli_exit_codes(data_copy):
    ok = subprocess.run(
        [sys.executable, "-m", "namlib", "validate", "--no-schema"], capture_output=True, text=True, cwd=REPO
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.startswith("The dataset is valid")
    edit_csv(data_copy, "summits", "1961-09-06", "1961-08-06")
    bad = subprocess.run([sys.executable, "-m", "namlib", "validate", str(data_copy)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "summits.csv, line 2, field end_date" in bad.stdout


def test_cli_on_unreadable_folder(tmp_path):
    run = subprocess.run([sys.executable, "-m", "namlib", "validate", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 2
    assert "No datapackage.json" in run.stderr
    assert "Traceback" not in run.stderr


def test_chair_overlap(data_copy):
    edit_csv(data_copy, "chairmanships", "2019-10-25,2024-01-19", "2019-10-20,2024-01-19")
    report = validate(data_copy, schema=False)
    reasons = [p.reason for p in problems(report, "chair-periods")]
    assert "Overlaps Nicolás Maduro (Venezuela) by 5 days." in reasons, str(report)


def test_only_the_current_chair_is_open(data_copy):
    edit_csv(data_copy, "chairmanships", "2019-10-25,2024-01-19", "2019-10-25,")
    report = validate(data_copy, schema=False)
    found = problems(report, "chair-periods")
    assert [(p.field, p.reason) for p in found][:1] == [
        ("end_date", "Only the current (latest) chair may have no end date.")
    ], str(report)
