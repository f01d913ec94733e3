"""Loading: every table, typed from the schema, with clear errors for bad input."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from conftest import edit_csv, line_of

import namlib
from namlib.loading import tables_in

DESCRIPTOR = json.loads((namlib.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}


def csv_rows(name: str) -> int:
    with (namlib.data_dir() / RESOURCES[name]["path"]).open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@pytest.mark.parametrize("name", list(RESOURCES))
def test_every_table_loads_with_schema_types(name):
    frame = namlib.load(name)
    assert len(frame) == csv_rows(name)
    assert len(frame) > 0, f"{name} is empty"
    for field in RESOURCES[name]["schema"]["fields"]:
        dtype = frame[field["name"]].dtype
        enum = field.get("constraints", {}).get("enum")
        if enum:
            assert isinstance(dtype, pd.CategoricalDtype) and dtype.ordered
            assert list(dtype.categories) == enum
        elif field["type"] == "date":
            assert str(dtype) == "datetime64[ns]", field["name"]
        elif field["type"] in ("integer", "year"):
            assert str(dtype) == "Int64", field["name"]
        elif field["type"] == "boolean":
            assert str(dtype) == "boolean", field["name"]
        else:
            assert pd.api.types.is_string_dtype(dtype), field["name"]


@pytest.mark.parametrize("name", list(RESOURCES))
def test_attrs_carry_descriptions(name):
    frame = namlib.load(name)
    assert frame.attrs["title"] == RESOURCES[name]["title"]
    assert frame.attrs["description"] == RESOURCES[name]["description"]
    assert set(frame.attrs["fields"]) == set(frame.columns)
    assert all(frame.attrs["fields"].values()), "every field needs a description"


@pytest.mark.parametrize("name", list(RESOURCES))
def test_shortcut_for_every_table(name):
    shortcut = getattr(namlib, f"load_{name}")
    pd.testing.assert_frame_equal(shortcut(), namlib.load(name))


def test_known_sizes():
    assert len(namlib.load("summits")) == 19
    assert len(namlib.load("principles")) == 10
    assert namlib.load("summits")["number"].tolist() == list(range(1, 20))


def test_load_returns_a_fresh_copy():
    first = namlib.load("summits")
    first.loc[0, "city"] = "Nowhere"
    assert namlib.load("summits").loc[0, "city"] == "Belgrade"


def test_describe_lists_fields_with_meaning():
    fields = namlib.describe("members")
    assert fields["field"].tolist() == [f["name"] for f in RESOURCES["members"]["schema"]["fields"]]
    status = fields.set_index("field").loc["status"]
    assert status["allowed values"] == "member, observer_state, observer_organization"
    assert status["required"]


def test_list_tables_counts_rows():
    tables = namlib.list_tables().set_index("table")
    assert list(tables.index) == list(RESOURCES)
    assert tables.loc["summits", "rows"] == 19


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Summit", "summits"), (" members ", "members"), ("UN-resolutions", "un_resolutions"), ("events.csv", "events")],
)
def test_forgiving_names(typed, meant):
    assert namlib.loading.resolve_name(typed) == meant


def test_unknown_table_suggests_the_closest():
    with pytest.raises(namlib.UnknownTableError) as info:
        namlib.load("sumits")
    message = str(info.value)
    assert "Did you mean 'summits'?" in message
    assert "un_resolutions" in message  # lists the tables
    assert isinstance(info.value, KeyError)


def test_non_string_table_name_is_explained():
    with pytest.raises(namlib.UnknownTableError, match="string"):
        namlib.load(3)


def test_a_table_is_read_once_and_each_caller_gets_its_own_copy(monkeypatch):
    """Speed comes from the cache (make bench times it); here: the second load reads no file."""
    from namlib import csv_files

    reads = []
    real = csv_files.read_rows
    monkeypatch.setattr(csv_files, "read_rows", lambda file: reads.append(file.name) or real(file))
    namlib.loading._load_cached.cache_clear()
    first = namlib.load("summits")
    second = namlib.load("summits")
    assert reads == ["summits.csv"]
    second.loc[0, "city"] = "changed"
    assert namlib.load("summits").loc[0, "city"] == first.loc[0, "city"] != "changed"


# --- broken files: the message names file, line and field --------------------------------


def test_bad_date_names_file_line_field(data_copy):
    edit_csv(data_copy, "summits", "1961-09-01", "1961-13-01")
    line = line_of(data_copy, "summits", "1961-13-01")
    with pytest.raises(namlib.DataError) as info:
        namlib.load("summits", path=data_copy)
    err = info.value
    assert (err.file, err.line, err.field) == ("summits.csv", line, "start_date")
    assert "'1961-13-01' is not a date written YYYY-MM-DD" in str(err)


def test_bad_enum_names_allowed_values(data_copy):
    edit_csv(data_copy, "members", ",member,", ",memberr,")
    with pytest.raises(namlib.DataError, match=r"members\.csv, line \d+, field status: 'memberr' is not one of"):
        namlib.load("members", path=data_copy)


def test_missing_required_value(data_copy):
    edit_csv(data_copy, "summits", ",Belgrade,", ",,")
    with pytest.raises(namlib.DataError, match=r"summits\.csv, line 2, field city: A required value is empty"):
        namlib.load("summits", path=data_copy)


def test_not_a_whole_number(data_copy):
    text = (data_copy / "summits.csv").read_text(encoding="utf-8").splitlines()
    text[3] = "3.5" + text[3][text[3].index(",") :]
    (data_copy / "summits.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(namlib.DataError, match=r"line 4, field number: '3.5' is not a whole number"):
        namlib.load("summits", path=data_copy)


def test_renamed_column(data_copy):
    edit_csv(data_copy, "summits", "start_date", "start")
    with pytest.raises(namlib.DataError, match=r"summits\.csv, line 1, field start_date: The header has no column"):
        namlib.load("summits", path=data_copy)


def test_row_with_too_many_cells(data_copy):
    with (data_copy / "glossary.csv").open("a", encoding="utf-8") as handle:
        handle.write("a,b,c,d,e,f,g\n")
    with pytest.raises(namlib.DataError, match=r"glossary\.csv, line \d+: The row has 7 cells; the header has 5"):
        namlib.load("glossary", path=data_copy)


def test_not_utf8(data_copy):
    (data_copy / "glossary.csv").write_bytes("term,definition\nBandung,caf\xe9\n".encode("latin-1"))
    with pytest.raises(namlib.DataError, match=r"glossary\.csv, line 2: A byte \(0xE9\) on this line is not UTF-8"):
        namlib.load("glossary", path=data_copy)


def test_missing_file(data_copy):
    (data_copy / "glossary.csv").unlink()
    with pytest.raises(namlib.DataError, match=r"glossary\.csv: The file is missing"):
        namlib.load("glossary", path=data_copy)


def test_env_variable_points_at_another_copy(data_copy, monkeypatch):
    edit_csv(data_copy, "summits", ",Belgrade,", ",Beograd,")
    monkeypatch.setenv("NAMLIB_DATA", str(data_copy))
    assert namlib.load("summits").loc[0, "city"] == "Beograd"


def test_descriptor_parses():
    tables = tables_in(namlib.data_dir())
    assert all(t.primary_key for t in tables.values())
    assert all(t.description for t in tables.values())


def test_empty_text_cells_stay_missing():
    summits = namlib.load("summits")
    assert summits["handover_date"].isna().any() and summits["theme"].isna().any()
    for name in namlib.table_names():
        frame = namlib.load(name)
        for column in frame.select_dtypes(include="str"):
            assert not frame[column].isin(["None", "nan", ""]).any(), f"{name}.{column}"


@pytest.mark.parametrize("shown", [lambda: namlib.describe("summits"), lambda: namlib.list_tables()])
def test_descriptions_are_shown_whole_left_aligned_and_wrapped(shown):
    table = shown()
    longest = max(table["description"], key=len)
    assert len(longest) > 50
    html = table._repr_html_()
    assert longest.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in html, "the whole text, not cut"
    assert "text-align: left" in html and "white-space: normal" in html
    assert html == shown()._repr_html_(), "the same HTML on every run (nbval compares it)"
    assert longest in repr(table) and "..." not in repr(table)
    assert type(table[["description"]]) is pd.DataFrame  # what is computed from it is a plain DataFrame


# --- the dataset's facts (datapackage.json, "namlib"): read from the data namlib points at ---


def _write_descriptor(folder, change) -> None:
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")


def test_the_reference_date_is_where_an_open_term_ends(data_copy, monkeypatch):
    from namlib import plots

    assert plots.AS_OF == plots.reference_date() == pd.Timestamp(DESCRIPTOR["namlib"]["reference_date"]["value"])
    _write_descriptor(data_copy, lambda d: d["namlib"]["reference_date"].update(value="2026-06-30"))
    monkeypatch.setenv("NAMLIB_DATA", str(data_copy))
    assert plots.AS_OF == pd.Timestamp("2026-06-30")
    table, text = plots.describe_chair_periods(start=2024)
    assert table.loc[table["open"], "drawn_end"].tolist() == [pd.Timestamp("2026-06-30")]
    assert "drawn to 30 Jun 2026" in text
    assert "30 Jun 2026" in plots.chair_periods(start=2024).get_xlabel()


def test_a_descriptor_without_its_facts_still_imports_and_says_what_is_missing(data_copy):
    _write_descriptor(data_copy, lambda d: d.pop("namlib"))
    env = {**os.environ, "NAMLIB_DATA": str(data_copy), "MPLBACKEND": "Agg"}
    code = (
        "import namlib, namlib.plots, namlib.validation\n"
        "print(len(namlib.load('summits')))\n"
        "try:\n    namlib.plots.AS_OF\nexcept namlib.DataError as err:\n    print(err)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    count, message = run.stdout.splitlines()
    assert count == "19"
    assert message.startswith(f'{data_copy / "datapackage.json"}: datapackage.json has no "namlib" object')
    assert "reference_date" in message and "data/README.md" in message
