"""Validation: the shipped data passes; each kind of error in a broken copy is caught and located."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from conftest import REPO, edit_csv, line_of

import namlib
from namlib.descriptor import facts_in, tables_in
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


def where(found) -> list[tuple]:
    """(file, line, field) of each problem, in order: what the tests compare."""
    return [(p.file, p.line, p.field) for p in found]


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
    located = set(where(report.problems))
    assert ("summits.csv", line, "end_date") in located, str(report)


def test_wrong_enum_is_located(data_copy):
    edit_csv(data_copy, "events", ",virtual,", ",online,")
    line = line_of(data_copy, "events", ",online,")
    report = validate(data_copy)
    assert ("events.csv", line, "format") in set(where(report.problems)), str(report)


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
    assert run.returncode == 1
    assert "No datapackage.json" in run.stdout
    assert "Traceback" not in run.stderr + run.stdout


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


# --------------------------------------------------------------------------- files as teachers save them


def test_a_csv_saved_as_excel_csv_utf8_with_a_byte_order_mark_is_accepted(data_copy):
    path = data_copy / "summits.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert namlib.load("summits", path=data_copy)["number"].max() == 19
    report = validate(data_copy)
    assert report.ok, str(report)


def test_a_bad_byte_is_one_problem_in_its_own_file_with_its_line(data_copy):
    path = data_copy / "summits.csv"
    lines = path.read_bytes().split(b"\n")
    lines[5] = lines[5].replace(b"a", b"\xe9", 1)
    path.write_bytes(b"\n".join(lines))
    report = validate(data_copy)
    assert len(report.problems) == 1, str(report)
    (problem,) = report.problems
    assert (problem.file, problem.line) == ("summits.csv", 6)
    assert problem.reason.startswith("A byte (0xE9) on this line is not UTF-8 text")
    assert "CSV UTF-8" in problem.reason and "position" not in problem.reason
    assert "Fix these first" in str(report)


def test_an_unclosed_quote_is_one_problem_at_the_line_where_the_quote_opens(data_copy):
    path = data_copy / "summits.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[4] = lines[4].replace(",", ',"', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    report = validate(data_copy)
    assert [(p.file, p.line) for p in report.problems] == [("summits.csv", 5)], str(report)
    assert report.problems[0].reason.startswith('A quote (") opens a cell that is never closed')


def test_each_problem_is_reported_once_in_plain_words(data_copy):
    edit_csv(data_copy, "summits", "1961-09-01", "1961-13-40")
    edit_csv(data_copy, "members", ",member,Africa", ",membre,Africa")
    report = validate(data_copy)
    assert [(p.file, p.field) for p in report.problems] == [("summits.csv", "start_date"), ("members.csv", "status")]
    reasons = [p.reason for p in report.problems]
    assert reasons[0] == "'1961-13-40' is not a date written YYYY-MM-DD."
    assert reasons[1].startswith("'membre' is not one of the allowed values: member, observer_state")


def test_a_row_with_missing_cells_is_one_problem(data_copy):
    path = data_copy / "summits.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = ",".join(lines[3].split(",")[:5])
    path.write_text("\n".join(lines), encoding="utf-8")
    report = validate(data_copy)
    assert [str(p) for p in report.problems] == ["summits.csv, line 4: The row has 5 cells; the header has 16. [read]"]


def _mistype_start_date(folder):
    path = folder / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    at = text.index('"name": "start_date"')
    cut = text.index('"date"', at)
    path.write_text(text[:cut] + '"dat"' + text[cut + 6 :], encoding="utf-8")
    return text[:cut].count("\n") + 1


def test_a_mistyped_field_type_in_the_descriptor_is_named_with_its_line(data_copy):
    line = _mistype_start_date(data_copy)
    report = validate(data_copy)
    (problem,) = report.problems
    assert (problem.file, problem.line, problem.field) == ("datapackage.json", line, "start_date")
    assert "'dat'" in problem.reason and "Did you mean 'date'?" in problem.reason
    with pytest.raises(namlib.DataError, match="not a Table Schema type"):
        namlib.load("summits", path=data_copy)  # never a column of text without a word


def test_import_namlib_and_the_validate_command_survive_a_broken_descriptor(data_copy):
    _mistype_start_date(data_copy)
    env = {**os.environ, "NAMLIB_DATA": str(data_copy)}
    code = "import namlib; print(namlib.__version__)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([sys.executable, "-m", "namlib", "validate"], capture_output=True, text=True, env=env)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "datapackage.json, line" in run.stdout and "field start_date" in run.stdout
    (data_copy / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "namlib", "validate"], capture_output=True, text=True, env=env)
    assert "Traceback" not in run.stdout + run.stderr and "datapackage.json, line 1" in run.stdout


# --------------------------------------------------------------------------- member counts, sources, balance


def drop_line(folder, table: str, needle: str) -> None:
    """Remove the line of ``table``.csv that contains ``needle``."""
    path = folder / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if needle not in line]
    assert len(kept) == len(lines) - 1, f"{needle!r} is not on exactly one line of {path.name}"
    path.write_text("".join(kept), encoding="utf-8")


@pytest.mark.parametrize("schema", [True, False])
def test_a_conflict_event_resting_only_on_party_sources_fails_with_its_line(data_copy, schema):
    event = "2020-07-16-tovuz-extraordinary-bureau"  # AZERTAC, News.az and AzerNews, plus Sputnik Italia
    drop_line(data_copy, "row_sources", f"events,{event},sputnik-it-2020-07-16,")
    report = validate(data_copy, schema=schema)
    found = problems(report, "conflict-balance")
    line = line_of(data_copy, "events", event)
    assert where(found) == [("events.csv", line, "source_id")]
    assert event in found[0].reason and "azertag-2020-07-17-tovuz (party_media_azerbaijan)" in found[0].reason
    assert "row_sources.csv" in found[0].reason


def test_a_conflict_document_needs_a_source_outside_the_parties(data_copy):
    edit_csv(data_copy, "documents", ",jamnews-2019-baku,¶6,", ",mfa-az-nam,¶6,")
    report = validate(data_copy, schema=False)
    found = problems(report, "conflict-balance")
    line = line_of(data_copy, "documents", "2019-baku-declaration")
    assert [(p.file, p.line) for p in found] == [("documents.csv", line)]
    assert "2019-baku-declaration" in found[0].reason and "party_government_azerbaijan" in found[0].reason


def test_the_balance_check_applies_only_to_conflict_rows(data_copy):
    edit_csv(data_copy, "documents", ",jamnews-2019-baku,¶6,", ",mfa-az-nam,¶6,")
    text = (data_copy / "documents.csv").read_text(encoding="utf-8").splitlines()
    number = line_of(data_copy, "documents", "2019-baku-declaration") - 1
    assert text[number].endswith(",true")
    text[number] = text[number][: -len("true")] + "false"
    (data_copy / "documents.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    report = validate(data_copy, schema=False)
    assert not problems(report, "conflict-balance"), str(report)


def test_a_reproduced_member_count_that_no_longer_matches_fails(data_copy):
    edit_csv(data_copy, "member_counts", "\n1998,member,113,", "\n1998,member,114,")
    report = validate(data_copy, schema=False)
    found = problems(report, "member-counts")
    assert where(found) == [("member_counts.csv", line_of(data_copy, "member_counts", "1998,member,114,"), "count")], (
        str(report)
    )
    assert found[0].reason == "bbc-1998-09-01-durban gives 114 member rows in 1998, but members.csv gives 113."


def test_a_member_change_breaks_a_reproduced_count(data_copy):
    edit_csv(data_copy, "members", "Gambia,GMB,member,Africa,Africa,1970,", "Gambia,GMB,member,Africa,Africa,1974,")
    report = validate(data_copy, schema=False)
    reasons = [p.reason for p in problems(report, "member-counts")]
    assert "sirimavo-net-1973-algiers gives 75 member rows in 1973, but members.csv gives 74." in reasons, str(report)


def test_counts_not_reproduced_are_known_gaps_not_failures(shipped_report, data_copy):
    assert shipped_report.ok
    gaps = {p.line: p for p in shipped_report.gaps}
    lusaka = line_of(data_copy, "member_counts", "1970,member,55,")
    assert lusaka in gaps and gaps[lusaka].file == "member_counts.csv"
    assert "saiia-1971-lusaka gives 55 member rows, members.csv gives 60" in gaps[lusaka].reason
    assert "Known gaps, not failures" in str(shipped_report) and "1970, summit 3" in str(shipped_report)
    counts = namlib.load("member_counts")
    assert len(shipped_report.gaps) == int((~counts["reproduced"]).sum())
    # Marked reproduced, the same count is a failure.
    text = (data_copy / "member_counts.csv").read_text(encoding="utf-8").splitlines()
    assert text[lusaka - 1].endswith(",false,3")
    text[lusaka - 1] = text[lusaka - 1][: -len("false,3")] + "true,3"
    (data_copy / "member_counts.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    report = validate(data_copy, schema=False)
    assert [p.line for p in problems(report, "member-counts")] == [lusaka]
    assert lusaka not in {p.line for p in report.gaps}


def _origins():
    (field,) = [f for f in namlib.loading.tables_in(namlib.data_dir())["sources"].fields if f.name == "origin"]
    return list(field.enum)


def test_the_balance_report_shares_add_up_to_one_and_name_each_origin(shipped_report):
    balance = shipped_report.balance
    origins = _origins()
    assert len(origins) == 9 and "party_media_azerbaijan" in origins and "nam_document" in origins
    for scope in ("all", "chairmanship"):
        shares = balance.shares(scope)
        assert list(shares) == origins
        assert sum(shares.values()) == pytest.approx(1.0)
        assert balance.total(scope) > 0
    cited = [namlib.load(name) for name in namlib.table_names() if name not in ("sources", "row_sources")]
    assert balance.total("all") == sum(len(frame) for frame in cited if "source_id" in frame)
    lines = str(shipped_report).splitlines()
    assert lines[0].startswith("The dataset is valid: ") and lines[0].endswith(" checks passed.")
    (all_rows,) = [line for line in lines if line.startswith("Sources by origin, all ")]
    (chair,) = [line for line in lines if line.startswith("Sources by origin, events and documents of the chairman")]
    assert "2019-10-25 to 2024-01-19" in chair
    for line in (all_rows, chair):
        assert all(f"{origin} " in line for origin in origins), line
    frame = balance.to_frame()
    assert frame["share_all"].sum() == pytest.approx(1.0) and frame["share_chairmanship"].sum() == pytest.approx(1.0)


def test_the_validate_command_prints_the_balance_after_the_ok_line():
    run = subprocess.run(
        [sys.executable, "-m", "namlib", "validate", "--no-schema"], capture_output=True, text=True, cwd=REPO
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("The dataset is valid: ")
    assert any(line.startswith("Sources by origin, all ") for line in lines[1:])
    assert any(line.startswith("Known gaps, not failures") for line in lines[1:])


def test_the_new_enum_and_table_load_typed():
    sources = namlib.load("sources")
    assert isinstance(sources["origin"].dtype, pd.CategoricalDtype)
    assert sources["origin"].cat.categories.tolist() == _origins()
    assert sources["origin"].notna().all()
    events = namlib.load("events")
    assert "conflict" in events["kind"].cat.categories
    assert str(events["conflict"].dtype) == "boolean"
    assert events.loc[events["kind"] == "conflict", "conflict"].all()
    assert str(namlib.load("documents")["conflict"].dtype) == "boolean"
    counts = namlib.load("member_counts")
    assert str(counts["reproduced"].dtype) == "boolean" and str(counts["summit_number"].dtype) == "Int64"
    links = namlib.load("row_sources")
    assert links.columns.tolist() == ["table", "key", "source_id", "locator"]
    assert isinstance(links["table"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_string_dtype(links["key"]) and links["locator"].notna().all()
    assert links.attrs["primary_key"] == ["table", "key", "source_id"]
    assert set(links["source_id"]) <= set(sources["source_id"])
    assert namlib.load_row_sources().equals(links)


def test_a_row_source_must_name_an_existing_row(data_copy):
    edit_csv(data_copy, "row_sources", "events,2020-07-16-tovuz-extraordinary-bureau,", "events,2020-07-17-tovuz,")
    report = validate(data_copy, schema=False)
    found = problems(report, "row-sources")
    assert where(found) == [("row_sources.csv", line_of(data_copy, "row_sources", "events,2020-07-17-tovuz,"), "key")]
    assert "events has no row with event_id = '2020-07-17-tovuz'" in found[0].reason


def test_a_row_source_with_an_unknown_source_is_located(data_copy):
    edit_csv(data_copy, "row_sources", ",sputnik-it-2020-07-16,", ",no-such-source,")
    for schema in (True, False):
        report = validate(data_copy, schema=schema)
        found = [p for p in report.problems if p.file == "row_sources.csv" and "no-such-source" in p.reason]
        assert found and found[0].line == line_of(data_copy, "row_sources", "no-such-source"), str(report)
        assert found[0].field == "source_id"


def test_a_summit_without_its_event_is_named_at_its_line_in_summits(data_copy):
    path = data_copy / "events.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    baku = next(row for row in rows if row["summit_number"] == "18")
    baku["summit_number"] = ""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    found = problems(validate(data_copy, schema=False), "summit-events")
    assert where(found) == [("summits.csv", line_of(data_copy, "summits", "18,Baku"), "number")]
    assert "summit_number 18 (Baku)" in found[0].reason


def test_a_discrepancy_pointing_at_a_missing_row_is_located(data_copy):
    edit_csv(data_copy, "discrepancies", ",events,2019-10-25-baku-summit,high", ",events,2019-10-27-baku-summit,high")
    found = problems(validate(data_copy, schema=False), "discrepancy-links")
    line = line_of(data_copy, "discrepancies", ",events,2019-10-27-baku-summit,")
    assert where(found) == [("discrepancies.csv", line, "related_key")]
    assert "events has no row with event_id = '2019-10-27-baku-summit'" in found[0].reason


def test_a_discrepancy_pointing_at_a_composite_key_is_checked(data_copy):
    edit_csv(data_copy, "discrepancies", ",members,Gambia|member,", ",members,Gambia|observer_state,")
    report = validate(data_copy, schema=False)
    found = problems(report, "discrepancy-links")
    line = line_of(data_copy, "discrepancies", "Gambia|observer_state")
    assert [(p.line, p.field) for p in found] == [(line, "related_key")]
    assert "members has no row with name|status = 'Gambia|observer_state'" in found[0].reason


# --- UN membership: un_members and un_counts --------------------------------------------------------------


def test_un_tables_load_typed_with_their_keys():
    un = namlib.load("un_members")
    assert un.attrs["primary_key"] == ["iso3"] and un["iso3"].is_unique
    assert str(un["admitted"].dtype) == "datetime64[ns]" and un["admitted"].notna().all()
    counts = namlib.load("un_counts")
    assert counts.attrs["primary_key"] == ["date", "source_id"]
    assert str(counts["reproduced"].dtype) == "boolean" and str(counts["count"].dtype) == "Int64"
    assert set(un["source_id"]) | set(counts["source_id"]) <= set(namlib.load("sources")["source_id"])
    summits = namlib.load("summits")
    assert summits["main_themes"].notna().all() and summits["main_themes_source_id"].notna().all()
    assert (summits["main_themes"] != summits["theme"]).all()


@pytest.mark.parametrize("schema", [True, False])
def test_a_duplicate_un_member_code_fails(data_copy, schema):
    edit_csv(data_copy, "un_members", "\nKEN,Kenya,", "\nKWT,Kenya,")
    second = line_of(data_copy, "un_members", "KWT,Kuwait,")  # the later of the two rows is the duplicate
    report = validate(data_copy, schema=schema)
    assert not report.ok
    assert any(p.file == "un_members.csv" and p.field in ("iso3", None) for p in report.problems), str(report)
    if not schema:
        assert where(problems(report, "un-members")) == [("un_members.csv", second, "iso3")], str(report)


def test_an_un_member_code_must_be_three_capitals(data_copy):
    edit_csv(data_copy, "un_members", "\nKEN,Kenya,", "\nKen,Kenya,")
    line = line_of(data_copy, "un_members", "Ken,Kenya,")
    report = validate(data_copy, schema=False)
    found = problems(report, "un-members")
    assert ("un_members.csv", line, "iso3") in where(found), str(report)
    assert "three capital letters" in found[0].reason
    assert not validate(data_copy).ok  # the schema's pattern says so too


def test_an_un_member_that_leaves_before_it_was_admitted_fails(data_copy):
    edit_csv(data_copy, "un_members", ",1973-09-18,1990-10-03,", ",1973-09-18,1970-10-03,")
    line = line_of(data_copy, "un_members", "1970-10-03")
    report = validate(data_copy, schema=False)
    assert where(problems(report, "dates-forward")) == [("un_members.csv", line, "left")], str(report)


def test_a_gap_needs_both_ends_inside_the_membership(data_copy):
    edit_csv(data_copy, "un_members", ",1965-03-01,1966-09-28,", ",1965-03-01,,")
    line = line_of(data_copy, "un_members", "IDN,Indonesia")
    report = validate(data_copy, schema=False)
    assert ("un_members.csv", line, "gap_end") in where(problems(report, "un-members")), str(report)


def test_a_continued_seat_must_start_the_day_the_predecessor_left(data_copy):
    edit_csv(data_copy, "un_members", "RUS,Russian Federation,1991-12-24,", "RUS,Russian Federation,1991-12-25,")
    line = line_of(data_copy, "un_members", "RUS,Russian Federation")
    report = validate(data_copy, schema=False)
    found = problems(report, "un-members")
    assert where(found) == [("un_members.csv", line, "admitted")], str(report)
    assert "counted twice" in found[0].reason


def test_every_nam_state_that_is_a_un_member_has_a_un_row(data_copy):
    drop_line(data_copy, "un_members", "KEN,Kenya,")
    report = validate(data_copy, schema=False)
    found = problems(report, "members-in-un")
    assert where(found) == [("members.csv", line_of(data_copy, "members", "Kenya,KEN,"), "iso3")], str(report)
    assert "Kenya (KEN) has no row in un_members.csv" in found[0].reason


def test_palestine_and_the_holy_see_are_known_non_members(shipped_report):
    from namlib.validation import NOT_UN_MEMBERS

    assert not problems(shipped_report, "members-in-un")
    un = set(namlib.load("un_members")["iso3"])
    assert set(NOT_UN_MEMBERS) == {"PSE", "VAT"} and not set(NOT_UN_MEMBERS) & un


def test_a_reproduced_un_total_that_no_longer_matches_fails(data_copy):
    edit_csv(data_copy, "un_counts", "2006-06-28,192,", "2006-06-28,193,")
    line = line_of(data_copy, "un_counts", "2006-06-28,193,")
    report = validate(data_copy, schema=False)
    found = problems(report, "un-counts")
    assert where(found) == [("un_counts.csv", line, "count")], str(report)
    assert "unis-ga10479 gives 193 UN member states on 2006-06-28, but un_members.csv gives 192." in found[0].reason


def test_a_un_member_change_breaks_a_reproduced_total(data_copy):
    edit_csv(data_copy, "un_members", "MNE,Montenegro,2006-06-28,", "MNE,Montenegro,2006-06-29,")
    report = validate(data_copy, schema=False)
    reasons = [p.reason for p in problems(report, "un-counts")]
    assert any(r.startswith("unis-ga10479 gives 192") for r in reasons), str(report)


def test_un_totals_not_reproduced_are_known_gaps_not_failures(shipped_report, data_copy):
    assert shipped_report.ok
    counts = namlib.load("un_counts")
    assert len(shipped_report.un_gaps) == int((~counts["reproduced"]).sum()) > 0
    assert {p.file for p in shipped_report.un_gaps} == {"un_counts.csv"}
    assert "UN membership totals that un_members.csv does not reproduce" in str(shipped_report)
    gaps = {p.line: p for p in shipped_report.un_gaps}
    line = line_of(data_copy, "un_counts", "1989-01-01,157,")
    assert "filaw-un-members gives 157 UN member states, un_members.csv gives 159" in gaps[line].reason
    # Marked reproduced, the same total is a failure.
    text = (data_copy / "un_counts.csv").read_text(encoding="utf-8").splitlines()
    assert text[line - 1].endswith(",false")
    text[line - 1] = text[line - 1][: -len("false")] + "true"
    (data_copy / "un_counts.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    report = validate(data_copy, schema=False)
    assert [p.line for p in problems(report, "un-counts")] == [line]
    assert line not in {p.line for p in report.un_gaps}


def test_a_summit_theme_source_must_exist(data_copy):
    edit_csv(data_copy, "summits", ",latimes-1986-09-08,", ",no-such-source,")
    for schema in (True, False):
        report = validate(data_copy, schema=schema)
        found = [p for p in report.problems if p.file == "summits.csv" and "no-such-source" in p.reason]
        assert found and found[0].field == "main_themes_source_id", str(report)


# --------------------------------------------------------------------------- chair handovers, the dataset's facts


def test_a_gap_between_chairs_before_1998_is_found(data_copy):
    # The check once started in 1998; the table holds every chair since 1961, so every handover counts.
    edit_csv(data_copy, "chairmanships", "1964-10-05,1970-09-08", "1964-10-10,1970-09-08")
    line = line_of(data_copy, "chairmanships", "1964-10-10,1970-09-08")
    report = validate(data_copy, schema=False)
    found = problems(report, "chair-periods")
    assert where(found) == [("chairmanships.csv", line, "start_date")], str(report)
    assert found[0].reason == "Gap of 5 days after Josip Broz Tito (Yugoslavia)."


def set_fact(folder, name: str, value=None, *, drop: bool = False, key: str = "value") -> None:
    """Change (or with ``drop``, remove) one property of datapackage.json's "namlib" object in a copy."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    if drop:
        del descriptor["namlib"][name]
    else:
        descriptor["namlib"][name][key] = value
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")


def test_the_facts_are_read_from_the_descriptor(shipped_report):
    facts = facts_in(namlib.data_dir())
    origins = next(f for f in tables_in(namlib.data_dir())["sources"].fields if f.name == "origin").enum or ()
    assert facts.party_origins == {o for o in origins if o.startswith("party_")}
    assert facts.chairmanship == "AZE-2019" and not problems(shipped_report, "descriptor-facts")
    assert shipped_report.balance is not None and shipped_report.balance.period == (
        pd.Timestamp("2019-10-25"),
        pd.Timestamp("2024-01-19"),
    )


def test_a_missing_fact_is_named_with_its_file_and_no_traceback(data_copy):
    set_fact(data_copy, "party_origins", drop=True)
    report = validate(data_copy)
    (problem,) = report.problems
    assert problem.file.endswith("datapackage.json") and problem.check == "descriptor"
    assert problem.reason.startswith("namlib.party_origins is missing")
    assert "a list of values of sources.origin" in problem.reason
    run = subprocess.run([sys.executable, "-m", "namlib", "validate", str(data_copy)], capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert "namlib.party_origins is missing" in run.stdout


def test_an_ill_typed_fact_says_what_its_value_must_be(data_copy):
    set_fact(data_copy, "observers_known_from", "2011")
    (problem,) = validate(data_copy).problems
    assert problem.reason == (
        "the value of namlib.observers_known_from is '2011'; "
        "it must be a year, such as 2011 (a number, without quotes)."
    )
    text = (data_copy / "datapackage.json").read_text(encoding="utf-8")
    assert problem.line == text[: text.index('"observers_known_from"')].count("\n") + 1


def test_a_party_origin_the_schema_does_not_allow_is_refused(data_copy):
    set_fact(data_copy, "party_origins", ["party_government_armenia", "party_media_azerbaijn"])
    (problem,) = validate(data_copy).problems
    assert "'party_media_azerbaijn', which sources.origin does not allow" in problem.reason
    assert "party_media_azerbaijan" in problem.reason  # the allowed values, to correct the typo


def test_the_party_origins_decide_which_conflict_rows_are_one_sided(data_copy):
    assert not problems(validate(data_copy, schema=False), "conflict-balance")
    set_fact(data_copy, "party_origins", sorted(facts_in(data_copy).party_origins | {"independent_press"}))
    found = problems(validate(data_copy, schema=False), "conflict-balance")
    assert found and all("rests only on party sources" in p.reason for p in found)


def test_the_chairmanship_period_is_read_from_its_row(data_copy):
    set_fact(data_copy, "chairmanship", "VEN-2016")
    report = validate(data_copy, schema=False)
    assert report.ok, str(report)
    assert "of the chairmanship, 2016-09-17 to 2019-10-25 (" in str(report)
    set_fact(data_copy, "chairmanship", "UGA-2024")  # open: no end date, so no period
    report = validate(data_copy, schema=False)
    (problem,) = problems(report, "descriptor-facts")
    assert problem.file == "datapackage.json" and "'UGA-2024', which is not a chair_id" in problem.reason


def test_a_fact_needs_its_source(data_copy):
    set_fact(data_copy, "not_un_members", "no-such-source", key="source_id")
    (problem,) = problems(validate(data_copy, schema=False), "descriptor-facts")
    assert "namlib.not_un_members cites source_id 'no-such-source', which is not in sources.csv" in problem.reason


def test_a_nam_state_outside_the_un_must_be_listed_in_the_descriptor(data_copy):
    set_fact(data_copy, "not_un_members", {"VAT": "Holy See (Vatican City)"})
    found = problems(validate(data_copy, schema=False), "members-in-un")
    assert where(found) == [("members.csv", line_of(data_copy, "members", "Palestine,PSE,"), "iso3")]
    assert "add it to namlib.not_un_members in datapackage.json" in found[0].reason
