"""The bank format as JSON Schemas (namlib/exercises/schemas/): valid, versioned, one per kind, and what they refuse.

The messages are what an author reads: the file, the exercise, then the field and the cause.
"""

from __future__ import annotations

import json
import tomllib

import pytest
from conftest import REPO

from namlib.exercises import kinds
from namlib.exercises.bank import load_bank, read_bank_file, spec_from_dict
from namlib.exercises.bank_schema import BANK_FORMAT, fields, first_problem, load_schema, schema_names, validator
from namlib.exercises.encoding import SECRET_KEYS, decode, encode
from namlib.exercises.errors import BankError
from namlib.exercises.schema_docs import END, START, fields_reference, main, update
from namlib.exercises.spec import ID_PATTERN

SCHEMAS = REPO / "namlib" / "exercises" / "schemas"
REAL_BANK = REPO / "namlib" / "exercises" / "bank"
FIXTURE = REPO / "tests" / "fixtures" / "bank" / "99.toml"
SHARED = {"bank.schema.json", "common.schema.json", "graded.schema.json"}


def fixture_table(kind: str) -> dict:
    """The fixture bank's exercise of ``kind`` (plain values)."""
    data = tomllib.loads(FIXTURE.read_text(encoding="utf-8"))
    return next(item for item in data["exercise"] if item["kind"] == kind)


def decoded(table: dict) -> dict:
    return {key: decode(value) if key in SECRET_KEYS else value for key, value in table.items()}


def problem(table: dict) -> str:
    with pytest.raises(BankError) as info:
        spec_from_dict(table, file="99.toml")
    return str(info.value)


# --------------------------------------------------------------------------- the schema files


@pytest.mark.parametrize("name", schema_names())
def test_every_schema_is_valid_draft_2020_12_with_a_versioned_id(name):
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://namlib.example/exercises/bank/v{BANK_FORMAT}/{name}"
    assert schema["description"].strip()
    for field, subs in fields(schema, inherited=False).items():
        if field != "kind":
            assert any(sub.get("description") for sub in subs), f"{name}: {field} has no description"


def test_one_schema_per_kind_and_nothing_else():
    assert set(schema_names()) == SHARED | {f"{name}.schema.json" for name in kinds.KINDS}
    for name, kind in kinds.KINDS.items():
        schema = kind.schema()
        assert schema["properties"]["kind"] == {"const": name}
        assert schema["unevaluatedProperties"] is False  # no field the schema does not name
        # The graded flag of the class and the schema say the same thing.
        assert schema["$ref"] == ("graded.schema.json" if kind.graded else "common.schema.json")
        assert ("solution" in fields(schema)) == kind.graded


def test_the_schema_id_pattern_is_the_one_the_code_reads_ids_with():
    assert load_schema("common.schema.json")["properties"]["id"]["pattern"] == ID_PATTERN.pattern.replace(
        "(", ""
    ).replace(")", "")


def test_a_kind_without_a_schema_file_is_a_clear_error(monkeypatch):
    class Nameless(kinds.Kind):
        name = "nameless"

    monkeypatch.setitem(kinds.KINDS, "nameless", Nameless)
    with pytest.raises(BankError, match=r"There is no schema nameless.schema.json .*Adding an answer kind"):
        spec_from_dict({"id": "00.1", "kind": "nameless", "title": "t", "question": "q"})


# --------------------------------------------------------------------------- every bank validates


@pytest.mark.parametrize("path", sorted(REAL_BANK.glob("*.toml")) + [FIXTURE], ids=lambda p: p.name)
def test_every_bank_file_validates_against_the_schemas(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert list(validator(load_schema("bank.schema.json")).iter_errors(data)) == []
    for item in data["exercise"]:
        plain = decoded(item)
        if "feedback" in item:
            plain["feedback"] = [decoded(entry) for entry in item["feedback"]]
        errors = list(validator(kinds.kind_of(item["kind"]).schema()).iter_errors(plain))
        assert errors == [], f"{path.name} {item['id']}: {[e.message for e in errors]}"
    assert read_bank_file(path)


def test_the_whole_real_bank_loads():
    assert len(load_bank(REAL_BANK)) >= 100


# --------------------------------------------------------------------------- what each kind's schema refuses

WRONG_TYPE = {
    "number": ("answer", "120", "a number answer must be a number."),
    "text": ("answer", 5, "a text answer must be a string."),
    "date": ("answer", 20191025, "a date answer is written 'YYYY-MM-DD'."),
    "month": ("answer", 201205, "a month answer is written 'YYYY-MM'."),
    "choice": ("options", "Cairo, Belgrade", "options must be a list of non-empty strings."),
    "set": ("answer", "Baku", "a set answer must be a list."),
    "list": ("answer", "Baku", "a list answer must be a list."),
    "order": ("answer", 3, 'an order answer is a list of letters such as ["B", "C", "A"] (or of the options\' texts).'),
    "series": ("ignore_index", "yes", "ignore_index must be true or false."),
    "frame": ("ignore_column_order", 1, "ignore_column_order must be true or false."),
    "open": ("criteria", "both sides", "criteria must be a list of short texts (what a good answer covers)."),
}


def test_every_kind_has_a_wrong_type_case():
    assert set(WRONG_TYPE) == set(kinds.KINDS)


@pytest.mark.parametrize("kind", list(WRONG_TYPE))
def test_each_kind_refuses_a_wrong_type_naming_file_exercise_and_field(kind):
    table = fixture_table(kind)
    spec_from_dict(table)  # the fixture itself is fine
    field, value, message = WRONG_TYPE[kind]
    assert problem({**table, field: value}) == f"99.toml, exercise {table['id']!r}: {message}"
    assert field in message


@pytest.mark.parametrize("kind", list(WRONG_TYPE))
def test_each_kind_refuses_an_unknown_field_with_a_did_you_mean(kind):
    table = fixture_table(kind)
    text = problem({**table, "qestion": "?"})
    assert text == f"99.toml, exercise {table['id']!r}: unknown field 'qestion'. Did you mean 'question'?"


def test_a_field_of_another_kind_says_which_kinds_have_it():
    assert problem({**fixture_table("text"), "tolerance": 1}).endswith(
        "'tolerance' is not a field of a text exercise: only number exercises have it."
    )
    assert "only choice and order exercises have it" in problem({**fixture_table("set"), "options": ["a", "b"]})
    assert "'criteria' is not a field of a number exercise: only open exercises have it" in problem(
        {**fixture_table("number"), "criteria": ["x"]}
    )


def test_a_misspelt_kind_gets_a_did_you_mean():
    assert problem({**fixture_table("number"), "kind": "nmber"}).endswith(
        "kind must be one of number, text, date, month, choice, set, list, order, series, frame, open; "
        "it is 'nmber'. Did you mean 'number'?"
    )


def test_encoded_values_are_checked_after_decoding():
    table = fixture_table("number")
    assert "a number answer must be a number." in problem({**table, "answer": encode("120")})
    assert "could not be decoded" in problem({**table, "answer": "enc:broken"})
    feedback = [{"answer": "enc:broken", "message": "m"}]
    assert "feedback 1: A value starting with 'enc:' could not be decoded" in problem({**table, "feedback": feedback})


@pytest.mark.parametrize(
    ("feedback", "message"),
    [
        ([{"answer": 1, "mesage": "m"}], "feedback 1: unknown field 'mesage'. Did you mean 'message'?"),
        ([{"answer": 1, "message": "m"}, 3], "feedback 2 must be a table."),
        ([{"answer": 1, "solution": "answer = 1", "message": "m"}], "feedback 1 needs either an `answer` or a"),
        ([{"answer": 1, "message": " "}], "feedback 1 needs a message."),
        ({"answer": 1}, "feedback must be [[exercise.feedback]] tables."),
    ],
)
def test_feedback_entries(feedback, message):
    assert message in problem({**fixture_table("number"), "feedback": feedback})


def test_the_first_problem_is_reported_in_field_order():
    table = {**fixture_table("number"), "title": "", "tolerance": -1, "hints": [""]}
    assert problem(table).endswith("title must be a non-empty string.")
    schema = kinds.kind_of("number").schema()
    assert first_problem(schema, {**table, "title": "t"}) == "hints must be a list of non-empty strings."
    assert first_problem(schema, {**table, "title": "t", "hints": []}) == "tolerance must be a number >= 0."


def test_settings_are_the_fields_the_kind_adds():
    spec = spec_from_dict({**fixture_table("number"), "tolerance": 0.5, "unit": "days"})
    assert spec.settings == {"direction": True, "tolerance": 0.5, "unit": "days"}
    assert spec_from_dict(fixture_table("frame")).settings.keys() <= set(fields(kinds.kind_of("frame").schema()))


# --------------------------------------------------------------------------- the file


@pytest.mark.parametrize(
    ("top", "message"),
    [
        ("format = 2\n", "99.toml: format must be 1, the bank format this namlib reads; it is 2."),
        ('lesons = "99"\n', "99.toml: unknown field 'lesons'. Did you mean 'lesson'?"),
        ('exercise = "x"\n', "99.toml: exercises are written as [[exercise]] tables."),
        ('lesson = "98"\n', "99.toml: lesson is '98', but the file is lesson '99'."),
    ],
)
def test_file_level_problems(tmp_path, top, message):
    path = tmp_path / "99.toml"
    path.write_text(top, encoding="utf-8")
    with pytest.raises(BankError) as info:
        read_bank_file(path)
    assert str(info.value) == message


def test_format_1_and_no_format_are_read_alike(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    assert "format = 1" in text
    path = tmp_path / "99.toml"
    path.write_text(text.replace("format = 1", ""), encoding="utf-8")
    assert [s.id for s in read_bank_file(path)] == [s.id for s in read_bank_file(FIXTURE)]


# --------------------------------------------------------------------------- the doc made from the schemas


def test_the_field_reference_in_the_doc_is_the_one_the_schemas_make():
    doc = (REPO / "docs" / "exercises.md").read_text(encoding="utf-8")
    assert doc.count(START) == 1 and doc.count(END) == 1
    assert fields_reference() in doc, "run python -m namlib.exercises.schema_docs"
    assert update(doc) == doc


def test_the_field_reference_says_what_the_schemas_say(tmp_path, capsys):
    reference = fields_reference()
    for name in kinds.KINDS:
        assert f"#### `{name}`" in reference
    assert "| `tolerance` | number ≥ 0 (default `0`) |  | How far from the answer" in reference
    assert "| `answer` | not allowed |" in reference  # series and frame
    assert "| `model_answer` | non-empty text, encoded | yes |" in reference
    stale = tmp_path / "doc.md"
    stale.write_text(f"# Doc\n\n{START}\nold\n{END}\n\nafter\n", encoding="utf-8")
    assert main(["--check", str(stale)]) == 1
    assert main([str(stale)]) == 0 and main(["--check", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8").endswith(f"{END}\n\nafter\n")
    assert "out of date" in capsys.readouterr().out
    with pytest.raises(ValueError, match="no section"):
        update("no markers here")
