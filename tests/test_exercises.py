"""The exercise system: checking every answer kind, hints, solutions, the bank, teacher material.

Behaviour that must not depend on the lessons uses the test bank in tests/fixtures/bank
(one exercise of every kind). The tests over the real bank and the notebooks are
parametrised over what exists: they are skipped while there is nothing, and bite as
soon as lessons add exercises.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

import namlib
from namlib.__main__ import main
from namlib.exercises import (
    BANK_ENV,
    TEACHER_ENV,
    BankError,
    Exercise,
    Feedback,
    UnknownExerciseError,
    all_exercises,
    exercise,
    exercise_ids_in,
    kinds,
)
from namlib.exercises.bank import (
    KINDS,
    SECRET_KEYS,
    decode,
    dumps_toml,
    encode,
    encode_file,
    encode_table,
    get_spec,
    is_encoded,
    load_bank,
    plain_secrets,
    read_bank_file,
    spec_from_dict,
)
from namlib.exercises.checking import check, run_solution, standard_namespace
from namlib.exercises.describe import plain as plain_value
from namlib.exercises.describe import show, single
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds import Kind, Variant
from namlib.exercises.solutions import (
    SOLUTION_HEADER,
    answer_key,
    cell_source,
    notebook_paths,
    read_notebook,
    self_test,
    solution_notebook,
    write_notebook,
    write_solution_notebooks,
)
from namlib.exercises.spec import ExerciseSpec
from namlib.exercises.variants import prove

FIXTURE_BANK = REPO / "tests" / "fixtures" / "bank"
REAL_BANK = REPO / "namlib" / "exercises" / "bank"
NOTEBOOKS = REPO / "notebooks"
LABELS = ("✔ Correct", "✘ Not yet", "… Not attempted yet", "? Check the type", "✎ Discussion question")


@pytest.fixture(autouse=True)
def student_mode(monkeypatch):
    """Every test starts as a student with the real bank unless it says otherwise."""
    monkeypatch.delenv(TEACHER_ENV, raising=False)
    monkeypatch.delenv(BANK_ENV, raising=False)
    namlib.exercises.forget()  # as a fresh kernel: no feedback or quiz answer remembered
    yield
    namlib.exercises.forget()


def ex(exercise_id: str) -> Exercise:
    return exercise(exercise_id, bank=FIXTURE_BANK)


def fixture_namespace(exercise_id: str) -> dict:
    spec = ex(exercise_id).spec
    return standard_namespace(spec.setup, tables=[])


# --------------------------------------------------------------------------- registry


def test_fixture_bank_has_every_kind_in_order():
    ids = all_exercises(bank=FIXTURE_BANK)
    assert ids == [f"99.{k}" for k in range(1, 14)]  # 99.10 after 99.9, not after 99.1
    kinds = {ex(i).kind for i in ids}
    assert kinds == set(KINDS)


def test_environment_variable_points_the_registry_at_another_bank(monkeypatch):
    monkeypatch.setenv(BANK_ENV, str(FIXTURE_BANK))
    assert all_exercises()[0] == "99.1"
    assert namlib.exercise("99.3").title == "Host city"


def test_namlib_exercise_is_the_registry_function():
    import namlib.exercises

    assert namlib.exercise is namlib.exercises.exercise


def test_ids_are_forgiving_about_form():
    assert ex(" 99.3 ").id == "99.3"
    assert exercise(99.1, bank=FIXTURE_BANK).id == "99.1"


def test_unknown_id_is_a_friendly_error_with_the_closest_ids():
    with pytest.raises(UnknownExerciseError) as info:
        ex("99.19")
    assert isinstance(info.value, namlib.NamlibError)
    message = str(info.value)
    assert "There is no exercise '99.19'" in message and "'99.1'" in message
    with pytest.raises(UnknownExerciseError, match="is a string such as '03.2'; you gave an object"):
        exercise(object(), bank=FIXTURE_BANK)
    with pytest.raises(UnknownExerciseError, match="bank is empty"):
        exercise("01.1", bank=FIXTURE_BANK / "nowhere")


def test_importing_namlib_does_not_import_ipywidgets(tmp_path):
    code = (
        "import sys, namlib; namlib.exercise('99.5'); namlib.check('99.5', 'B'); namlib.hint('99.5'); "
        "assert 'ipywidgets' not in sys.modules, 'imported too early'; namlib.quiz('99.5'); "
        "assert 'ipywidgets' in sys.modules; print('ok')"
    )
    env = {"PATH": "/usr/bin:/bin", BANK_ENV: str(FIXTURE_BANK), "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "ok"


# --------------------------------------------------------------------------- the answer kinds


def test_every_kind_is_one_module_of_the_kinds_package_listed_in_the_registry():
    modules = {p.stem for p in Path(kinds.__file__).parent.glob("*.py")} - {"__init__", "base"}
    assert modules == set(kinds.KINDS)  # one module per kind, nothing unlisted
    for name, kind in kinds.KINDS.items():
        assert kind.name == name
        assert kind.__module__ == f"namlib.exercises.kinds.{name}"
        assert ">>>" in (sys.modules[kind.__module__].__doc__ or "")  # an example in its docstring
    assert KINDS == tuple(kinds.KINDS)  # the bank's list is the registry's


class YesNo(Kind):
    """A kind written the way CONTRIBUTING.md says: one class, added to the registry."""

    name = "yesno"
    phrase_text = "True or False, without quotes"

    def read(self, value: object) -> bool:
        value = plain_value(single(value))
        if not isinstance(value, bool):
            raise AnswerTypeError(f"Your answer is {show(value)}: answer True or False, without quotes.")
        return value

    def explain(self, got: object, expected: object) -> tuple[str, str]:
        return "incorrect", f"It is not {got}."

    @classmethod
    def schema(cls) -> dict:
        # What namlib/exercises/schemas/yesno.schema.json would hold (a test cannot add a file to the package).
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://namlib.example/exercises/bank/v1/yesno.schema.json",
            "description": "True or False.",
            "$ref": "graded.schema.json",
            "properties": {
                "kind": {"const": "yesno"},
                "answer": {"type": "boolean", "x-message": "a yesno answer is true or false."},
            },
            "unevaluatedProperties": False,
        }

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: object) -> list[Variant]:
        return [("a NumPy bool", np.bool_(value)), ("a one-element Series", pd.Series([value]))]


def test_a_new_kind_is_one_class_in_the_registry(monkeypatch):
    monkeypatch.setitem(kinds.KINDS, "yesno", YesNo)
    data = {
        "id": "00.1",
        "kind": "yesno",
        "title": "Capital",
        "question": "Is Baku the capital of Azerbaijan?",
        "answer": True,
        "solution": "answer = True",
        "explanation": "Baku has been the capital since 1920.",
        "hints": ["Look at the map."],
        "feedback": [{"answer": False, "message": "Baku is the capital: look at the summits table."}],
    }
    item = Exercise.from_dict(data)
    assert item.check(True).status == "correct"
    assert item.check(np.bool_(True)).status == "correct"
    assert item.check(False).message == "Baku is the capital: look at the summits table."
    assert item.check("yes").message == "Your answer is 'yes': answer True or False, without quotes."
    assert "Answer: True or False, without quotes." in repr(item)
    proof = prove(item.spec)
    assert (proof.failures, proof.variants, proof.refused) == ([], 3, 1)
    with pytest.raises(BankError, match="a yesno answer is true or false"):
        spec_from_dict({**data, "answer": 1})


# --------------------------------------------------------------------------- the card


def test_card_says_what_to_do_and_is_deterministic():
    card = repr(ex("99.1"))
    assert card == repr(ex("99.1"))
    assert card.startswith("Exercise 99.1 · Member states at the Baku summit")
    assert "How many member states" in card
    assert "Answer: a whole number" in card
    assert "answer cell below" in card and 'namlib.hint("99.1")' in card
    assert "ex." not in card  # no global `ex`: every call names its exercise
    assert "0x" not in card
    html = ex("99.1")._repr_html_()
    assert "Exercise 99.1" in html and "namlib.hint(&quot;99.1&quot;)" in html or 'namlib.hint("99.1")' in html


def test_choice_card_letters_the_options():
    card = repr(ex("99.5"))
    assert "  A. Venezuela\n  B. Azerbaijan" in card
    assert "use the buttons" in card and 'answer = "B"' in card
    assert '<ol type="A"' in ex("99.5")._repr_html_()


def test_card_shows_once_as_the_value_of_its_cell(capsys, monkeypatch, tmp_path):
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    monkeypatch.setenv("IPYTHONDIR", str(tmp_path))
    monkeypatch.setenv(BANK_ENV, str(FIXTURE_BANK))
    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    try:
        shell.run_cell('import namlib\nnamlib.exercise("99.1")')
        out = capsys.readouterr().out
        assert out.count("Exercise 99.1 ·") == 1, out  # shown by the cell, not a second time by the call
        shell.run_cell('card = namlib.exercise("99.1")')
        assert capsys.readouterr().out == ""
    finally:
        InteractiveShell.clear_instance()


def test_card_html_escapes_the_question():
    item = Exercise.from_dict(
        {
            "id": "00.1",
            "kind": "number",
            "title": "<b>x</b>",
            "question": "Is 1 < 2 & `len(df)`?",
            "answer": 1,
            "solution": "answer = 1",
            "explanation": "e",
        }
    )
    html = item._repr_html_()
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "1 &lt; 2 &amp; <code>len(df)</code>" in html


# --------------------------------------------------------------------------- every kind

CASES = [
    # number with direction and a known mistake
    ("99.1", 120, "correct", "observers take part"),
    ("99.1", np.int64(120), "correct", ""),
    ("99.1", np.float64(120.0), "correct", ""),
    ("99.1", 120.0, "correct", ""),
    ("99.1", np.array(120), "correct", ""),
    ("99.1", decimal.Decimal(120), "correct", ""),
    ("99.1", 121, "incorrect", "too high"),
    ("99.1", 100, "incorrect", "too low"),
    ("99.1", 138, "incorrect", "counts the 18 observer states as members"),
    ("99.1", "120", "invalid", "Write 120 without quotes"),
    ("99.1", " 120 ", "invalid", "Write 120 without quotes"),
    ("99.1", "many", "invalid", "without quotes"),
    ("99.1", True, "invalid", "yes/no value"),
    ("99.1", pd.DataFrame({"a": [1, 2]}), "invalid", "len(df)"),
    ("99.1", pd.Series([1, 2, 3]), "invalid", "s.sum()"),
    # a one-element selection (df.loc[mask, "col"]) holds the right value: it is right
    ("99.1", pd.Series([120]), "correct", ""),
    ("99.1", pd.DataFrame({"n": [120]}), "correct", ""),
    ("99.1", np.array([120]), "correct", ""),
    ("99.1", [120], "correct", ""),
    ("99.1", pd.Series([121]), "incorrect", "too high"),
    ("99.1", pd.Series([138]), "incorrect", "counts the 18 observer states as members"),
    ("99.1", pd.Timedelta(days=120), "invalid", "`.days`"),
    ("99.1", 120.5, "invalid", "whole number"),
    ("99.1", float("nan"), "invalid", "missing value"),
    ("99.1", pd.NA, "invalid", "missing value"),
    ("99.1", pd.Timestamp("2019-10-25"), "invalid", "a date"),
    ("99.1", 10**400, "incorrect", "too high"),
    # number with tolerance, expected value computed from the solution
    ("99.2", 2.3333, "correct", "total divided"),
    ("99.2", 7 / 3, "correct", ""),
    ("99.2", 2.34, "correct", ""),
    ("99.2", 2.36, "incorrect", "not the number asked for"),
    ("99.2", 7, "incorrect", "That is the total"),
    # text
    ("99.3", "Baku", "correct", "capital of Azerbaijan"),
    ("99.3", "  baku ", "correct", ""),
    ("99.3", "BAKU!", "correct", ""),
    ("99.3", "Bakı", "correct", ""),
    ("99.3", "Baki", "correct", ""),
    ("99.3", np.str_("Baku"), "correct", ""),
    ("99.3", "Azerbaijan", "incorrect", "host country; the question asks for the city"),
    ("99.3", "Bakku", "incorrect", "check the spelling"),
    ("99.3", "Baku, Azerbaijan", "incorrect", "more than the question asks"),
    ("99.3", "Kampala", "incorrect", "not the answer"),
    ("99.3", 120, "invalid", "in quotes"),
    ("99.3", ["Baku"], "correct", ""),
    ("99.3", pd.Series(["Baku"]), "correct", ""),
    ("99.3", ["Baku", "Havana"], "invalid", "list of 2 items"),
    # dates in any reasonable form
    ("99.4", "2019-10-25", "correct", "25-26 October 2019"),
    ("99.4", "25 October 2019", "correct", ""),
    ("99.4", "Oct 25, 2019", "correct", ""),
    ("99.4", "Friday, 25th of October 2019", "correct", ""),
    ("99.4", "25/10/2019", "correct", ""),
    ("99.4", "10/25/2019", "correct", ""),
    ("99.4", "25.10.2019", "correct", ""),
    ("99.4", "2019-10-25T10:30", "correct", ""),
    ("99.4", dt.date(2019, 10, 25), "correct", ""),
    ("99.4", dt.datetime(2019, 10, 25, 9, 0), "correct", ""),
    ("99.4", pd.Timestamp("2019-10-25"), "correct", ""),
    ("99.4", np.datetime64("2019-10-25"), "correct", ""),
    ("99.4", np.datetime64("2019-10-25T00:00:00.000000000"), "correct", ""),
    ("99.4", "2019-10-27", "incorrect", "27 October is the date one news report gives"),
    ("99.4", "2019-10-26", "incorrect", "too late"),
    ("99.4", "2019-10-24", "incorrect", "too early"),
    ("99.4", "2018-10-25", "incorrect", "Right day and month"),
    ("99.4", "2019-25-10", "invalid", "not a real date"),
    ("99.4", "10/11/2021", "invalid", "ambiguous"),
    ("99.4", "October 2019", "invalid", "no day"),
    ("99.4", "25-10-19", "invalid", "four digits"),
    ("99.4", 2019, "invalid", "a year"),
    ("99.4", pd.NaT, "invalid", "missing"),
    ("99.4", pd.Series(pd.to_datetime(["2019-10-25"])), "correct", ""),
    ("99.4", "01/09/1961", "invalid", "Write '1961-09-01' for 1 September, or '1961-01-09' for 9 January"),
    # choice: the letter or the option's text
    ("99.5", "B", "correct", "took over from Venezuela"),
    ("99.5", "b", "correct", ""),
    ("99.5", "(B)", "correct", ""),
    ("99.5", "b)", "correct", ""),
    ("99.5", "azerbaijan ", "correct", ""),
    ("99.5", "B. Azerbaijan", "correct", ""),
    ("99.5", "A", "incorrect", "Venezuela was the outgoing chair"),
    ("99.5", "Uganda", "incorrect", "Option C is not the answer"),
    ("99.5", 2, "invalid", "letter of the option"),
    ("99.5", "Z", "invalid", "no option Z"),
    ("99.5", ["B"], "correct", ""),
    ("99.5", ["A", "B"], "invalid", "not a list"),
    ("99.5", "Kenya", "invalid", "not one of the options"),
    # set: order and duplicates do not matter
    ("99.6", {"Havana", "Baku", "Kampala"}, "correct", "after 2000"),
    ("99.6", ["kampala", "HAVANA", "Baku"], "correct", ""),
    ("99.6", ("Baku", "Havana", "Kampala"), "correct", ""),
    ("99.6", pd.Series(["Havana", "Baku", "Kampala"]), "correct", ""),
    ("99.6", np.array(["Havana", "Baku", "Kampala"]), "correct", ""),
    ("99.6", iter(["Havana", "Baku", "Kampala"]), "correct", ""),
    ("99.6", ["Baku", "Kampala"], "incorrect", "After 2000 includes 2006"),
    ("99.6", ["Havana", "Baku"], "incorrect", "You have 2 of the 3 right; 1 is missing"),
    ("99.6", ["Havana", "Baku", "Kampala", "Cairo"], "incorrect", "'Cairo' does not belong"),
    ("99.6", "Baku", "invalid", "list of values"),
    ("99.6", pd.DataFrame({"city": ["Havana", "Baku", "Kampala"]}), "correct", ""),
    ("99.6", ["Havana", "Baku", "Kampala", "Baku"], "correct", ""),
    ("99.6", ["Havana", "Baku", "Baku"], "incorrect", "1 is missing"),
    ("99.6", pd.DataFrame({"city": ["Baku"], "n": [1]}), "invalid", "tolist()"),
    ("99.6", {"Baku": 1}, "invalid", "dict"),
    ("99.6", 5, "invalid", "one value"),
    # list: order matters
    ("99.7", ["Kampala", "Baku", "Havana", "Cairo", "Belgrade"], "correct", "largest year first"),
    ("99.7", ("kampala", "baku", "havana", "cairo", "belgrade"), "correct", ""),
    ("99.7", pd.Series(["Kampala", "Baku", "Havana", "Cairo", "Belgrade"], index=[4, 3, 2, 1, 0]), "correct", ""),
    ("99.7", ["Belgrade", "Cairo", "Havana", "Baku", "Kampala"], "incorrect", "That is oldest first"),
    ("99.7", ["Kampala", "Havana", "Baku", "Cairo", "Belgrade"], "incorrect", "not in the right order: position 2"),
    ("99.7", ["Kampala", "Baku", "Havana", "Cairo"], "incorrect", "Your list has 4 items; the answer has 5"),
    # order: letters or option texts
    ("99.8", "BDCA", "correct", "Bandung (1955)"),
    ("99.8", "b, d, c, a", "correct", ""),
    ("99.8", "B > D > C > A", "correct", ""),
    ("99.8", ["B", "D", "C", "A"], "correct", ""),
    (
        "99.8",
        ["Bandung conference", "First summit, in Belgrade", "Azerbaijan joins NAM", "Baku summit"],
        "correct",
        "",
    ),
    ("99.8", "DBCA", "incorrect", "came before the first summit"),
    ("99.8", "ABCD", "incorrect", "1 of 4 is in the right place; position 1"),
    ("99.8", "AABC", "invalid", "exactly once: you used A more than once; D is missing"),
    ("99.8", "BDC", "invalid", "A is missing"),
    ("99.8", "BDCAE", "invalid", "no option E"),
    ("99.8", 3, "invalid", "letters A to D"),
    # month: any form of the month, or any date inside it
    ("99.12", "October 2019", "correct", "25 October 2019"),
    ("99.12", "2019-10", "correct", ""),
    ("99.12", "25 October 2019", "correct", ""),
    ("99.12", "2019 Oct", "correct", ""),
    ("99.12", pd.Timestamp("2019-10-31"), "correct", ""),
    ("99.12", pd.Period("2019-10", freq="M"), "correct", ""),
    ("99.12", "November 2019", "incorrect", "November is the month after"),
    ("99.12", "October 2020", "incorrect", "Right month, but not the right year"),
    ("99.12", "March 2019", "incorrect", "Right year, but not the right month"),
    ("99.12", 2019, "invalid", "give the month too"),
    ("99.12", "sometime", "invalid", "like 'May 2012'"),
    # a count of days: a Timedelta is right, with a word about .days
    ("99.13", 1547, "correct", "1547 days"),
    ("99.13", pd.Timedelta(days=1547), "correct", "`.days` gives the number of days"),
    ("99.13", pd.Series([pd.Timestamp("2024-01-19") - pd.Timestamp("2019-10-25")]), "correct", ".days"),
    ("99.13", pd.Timedelta(days=1548), "incorrect", "counts both end days"),
    # open: never graded
    ("99.11", "Prefer the official record.", "open", "not graded"),
    ("99.11", 42, "open", "not graded"),
]


@pytest.mark.parametrize(
    ("exercise_id", "answer", "status", "fragment"),
    CASES,
    ids=[f"{c[0]}-{i}-{c[2]}" for i, c in enumerate(CASES)],
)
def test_answers_of_every_kind(exercise_id, answer, status, fragment):
    feedback = ex(exercise_id).check(answer)
    assert feedback.status == status, repr(feedback)
    assert fragment in feedback.message, repr(feedback)
    assert bool(feedback) is (status == "correct")


@pytest.mark.parametrize("exercise_id", [f"99.{k}" for k in range(1, 12)])
def test_ellipsis_and_none_are_not_attempted(exercise_id):
    for starter in (..., None):
        feedback = ex(exercise_id).check(starter)
        assert feedback.status == "not_attempted"
        assert repr(feedback).startswith("… Not attempted yet")
    assert ex(exercise_id).check().status == "not_attempted"  # check() with no answer at all


def test_declared_starter_is_not_attempted():
    assert ex("99.3").check("").status == "not_attempted"  # 99.3 declares starter = ""
    assert ex("99.1").check(0).status == "incorrect"  # no starter declared: 0 is an answer


def test_correct_shows_the_explanation_and_wrong_answers_hint_at_hints():
    explanation = "The 18th summit met in Baku, the capital of Azerbaijan, in October 2019."
    assert ex("99.3").check("Baku").message == explanation
    assert ex("99.3").check("Kampala").message.endswith('For a hint, run namlib.hint("99.3").')


def test_generic_feedback_never_reveals_the_answer():
    for exercise_id, answer, secret in [
        ("99.1", 7, "120"),
        ("99.3", "Paris", "Baku"),
        ("99.4", "2001-01-01", "25"),
        ("99.5", "C", "Azerbaijan"),
        ("99.6", ["Cairo"], "Havana"),
        ("99.8", "ADCB", "BDCA"),
    ]:
        feedback = ex(exercise_id).check(answer)
        assert feedback.status == "incorrect"
        assert secret not in repr(feedback) and secret not in feedback._repr_html_()


# -- Series and DataFrames


def test_series_answers():
    hosts = fixture_namespace("99.9")["hosts"]
    item = ex("99.9")
    right = [
        hosts["continent"].value_counts(),
        hosts.groupby("continent").size(),  # other name, other order: names and row order are ignored here
        hosts["continent"].value_counts().astype(float),  # check_dtype is off by default
    ]
    for answer in right:
        assert item.check(answer).status == "correct", repr(item.check(answer))
    expectations = [
        (hosts["country"].value_counts(), "incorrect", "counts summits per country"),
        (hosts["continent"].value_counts().reset_index(drop=True), "incorrect", "Your rows are numbered 0, 1, 2"),
        (hosts["continent"].value_counts().iloc[:3], "incorrect", "Your Series has 3 values; the answer has 4"),
        (hosts["continent"].value_counts() + 1, "incorrect", "first difference"),
        (hosts["continent"].value_counts().astype(str), "invalid", "holds text, not numbers"),
        (hosts["continent"].value_counts().to_frame(), "correct", ""),
        (hosts, "invalid", "expects a Series"),
        ([2, 1, 1, 1], "invalid", "expects a pandas Series"),
    ]
    for answer, status, fragment in expectations:
        feedback = item.check(answer)
        assert feedback.status == status and fragment in feedback.message, repr(feedback)


def test_frame_answers_and_the_text_dates_mistake():
    ns = fixture_namespace("99.10")
    raw = ns["meetings_raw"]
    meetings = raw.assign(start_date=pd.to_datetime(raw["start_date"]))
    good = meetings.loc[meetings["format"] == "in person", ["title", "start_date"]]
    item = ex("99.10")
    for answer in [good, good.reset_index(drop=True), good.astype({"title": "category"})]:
        assert item.check(answer).status == "correct", repr(item.check(answer))
    text_dates = raw.loc[raw["format"] == "in person", ["title", "start_date"]]
    feedback = item.check(text_dates)
    assert feedback.status == "invalid"
    assert "column start_date holds text, not dates: parse it with pd.to_datetime" in feedback.message
    expectations = [
        (meetings[["title", "start_date"]], "You kept every meeting"),
        (good[["start_date", "title"]], "Right columns, in a different order"),
        (good[["title"]], "missing column: start_date"),
        (good.assign(extra=1), "extra column (not in the answer): extra"),
        (good.assign(title=good["title"].str.upper()), "first difference is at row 0"),
        (good.iloc[::-1], "different order"),
        (good.set_index("title"), "Column title is in your index"),
    ]
    for answer, fragment in expectations:
        feedback = item.check(answer)
        assert feedback.status == "incorrect" and fragment in feedback.message, repr(feedback)
    assert item.check(good["title"]).status == "invalid"
    assert "double brackets" in item.check(good["title"]).message
    assert item.check(good.style).status == "invalid"


def test_frame_options_change_what_counts():
    base = {
        "id": "00.1",
        "kind": "frame",
        "title": "t",
        "question": "q",
        "explanation": "e",
        "setup": "df = pd.DataFrame({'a': [1, 2], 'b': ['x', 'y']}, index=[5, 6])",
        "solution": "answer = df",
    }
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=[5, 6])
    strict = Exercise.from_dict(base)
    assert strict.check(frame).status == "correct"
    assert "index" in strict.check(frame.reset_index(drop=True)).message
    assert strict.check(frame[["b", "a"]]).status == "incorrect"
    loose = Exercise.from_dict({**base, "ignore_index": True, "ignore_row_order": True, "ignore_column_order": True})
    assert loose.check(frame.iloc[::-1][["b", "a"]].reset_index(drop=True)).status == "correct"
    typed = Exercise.from_dict({**base, "check_dtype": True})
    feedback = typed.check(frame.astype({"a": float}))
    assert feedback.status == "incorrect" and "dtype" in feedback.message


def test_open_question_is_never_graded():
    feedback = ex("99.11").check("I would compare the sources.")
    assert feedback.status == "open" and not feedback
    assert repr(feedback).startswith("✎ Discussion question · 99.11")


# -- nothing escapes


class Hostile:
    """An object whose every protocol method fails."""

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __hash__(self):
        raise RuntimeError("hash")

    def __bool__(self):
        raise RuntimeError("bool")

    def __iter__(self):
        raise RuntimeError("iter")

    def __len__(self):
        raise RuntimeError("len")

    def __str__(self):
        raise RuntimeError("str")

    def __repr__(self):
        raise RuntimeError("repr")


def _odd_inputs():
    recursive: list = []
    recursive.append(recursive)
    multi = pd.DataFrame({"x": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["k", "n"]))
    multi_columns = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "b"), ("a", "c")]))
    return [
        object(),
        lambda x: x,
        10**400,
        -(10**5000),
        float("nan"),
        float("-inf"),
        [[1, [2, [3]]], 4],
        recursive,
        multi,
        multi_columns,
        pd.Series([1, 2], index=pd.MultiIndex.from_tuples([(1, 2), (3, 4)])),
        pd.DataFrame(),
        pd.Series([], dtype=float),
        np.array([[1, 2], [3, 4]]),
        {"a": 1},
        b"bytes",
        3 + 4j,
        Hostile(),
        type,
        pd.NaT,
        pd.NA,
        np.datetime64("NaT"),
        "x" * 10_000,
        "\x00\n\t",
        range(10**12),
    ]


@pytest.mark.parametrize("exercise_id", [f"99.{k}" for k in range(1, 12)])
def test_no_exception_escapes_for_odd_inputs(exercise_id):
    item = ex(exercise_id)
    for answer in _odd_inputs():
        feedback = item.check(answer)
        assert isinstance(feedback, Feedback)
        text = repr(feedback)
        assert text.startswith(LABELS), text
        assert "0x" not in text and "Traceback" not in text
        assert text == repr(item.check(answer)) or answer.__class__.__name__ == "list_iterator"
        feedback._repr_html_()


def test_a_broken_checker_becomes_a_friendly_message():
    broken = Exercise.from_dict(
        {
            "id": "00.1",
            "kind": "frame",
            "title": "t",
            "question": "q",
            "explanation": "e",
            "solution": "answer = 1 / 0",
        }
    )
    feedback = broken.check(pd.DataFrame({"a": [1]}))
    assert feedback.status == "invalid"
    assert "not your fault" in feedback.message and "ZeroDivisionError" in feedback.message


def test_solution_output_does_not_leak_into_the_cell(capsys):
    item = Exercise.from_dict(
        {
            "id": "00.1",
            "kind": "number",
            "title": "t",
            "question": "q",
            "explanation": "e",
            "solution": "print('the answer is 5')\nanswer = 5",
        }
    )
    assert item.check(4).status == "incorrect"
    assert capsys.readouterr().out == ""


# --------------------------------------------------------------------------- feedback display


@pytest.mark.parametrize(
    ("status", "label", "colour"),
    [
        ("correct", "✔ Correct", "#009e73"),
        ("incorrect", "✘ Not yet", "#d55e00"),
        ("not_attempted", "… Not attempted yet", "#7f7f7f"),
        ("invalid", "? Check the type", "#e69f00"),
        ("open", "✎ Discussion question", "#0072b2"),
    ],
)
def test_feedback_text_and_html(status, label, colour):
    feedback = Feedback(status, "A <message> with `code`.", "99.1")
    assert repr(feedback) == f"{label} · 99.1\nA <message> with `code`."
    assert str(feedback) == repr(feedback)
    html = feedback._repr_html_()
    assert f"border-left:6px solid {colour}" in html and label in html
    assert "&lt;message&gt;" in html and "<code>code</code>" in html
    assert bool(feedback) is (status == "correct")


# --------------------------------------------------------------------------- hints and solutions


def test_a_hint_is_chosen_by_number_and_the_same_call_shows_the_same_hint():
    item = ex("99.1")
    assert repr(item.hint()).startswith("Hint 1 of 3 · 99.1: Count members only, not observers.")
    assert repr(item.hint()).startswith("Hint 1 of 3 · 99.1")  # running the cell again does not move on
    assert 'The next hint: `namlib.hint("99.1", 2)`.' in repr(item.hint())
    assert repr(item.hint(2)).startswith("Hint 2 of 3 · 99.1: The Azerbaijani account")
    last = repr(item.hint(3))
    assert last.startswith("Hint 3 of 3 · 99.1: It is a round number") and "last hint" in last
    assert '`namlib.hint("99.1", 1)` to `namlib.hint("99.1", 3)`' in repr(item.hint(7))
    assert '`namlib.hint("99.1", 1)` to `namlib.hint("99.1", 3)`' in repr(item.hint("two"))
    assert "Hint 1 of 3" in item.hint(1)._repr_html_()
    bare = Exercise.from_dict(
        {"id": "00.1", "kind": "number", "title": "t", "question": "q", "explanation": "e", "solution": "answer = 1"}
    )
    assert "no hints" in repr(bare.hint())


def test_a_hint_shows_under_the_last_feedback_of_its_own_exercise(monkeypatch):
    monkeypatch.setenv(BANK_ENV, str(FIXTURE_BANK))
    namlib.exercises.forget()
    assert repr(namlib.hint("99.1")).startswith("Hint 1 of 3")  # nothing checked yet: the hint alone
    namlib.check("99.1", 138)
    namlib.check("99.3", "Kampala")  # another exercise in between
    note = namlib.hint("99.1")
    text = repr(note)
    assert text.startswith("✘ Not yet · 99.1\nThat counts the 18 observer states")
    assert "Hint 1 of 3 · 99.1" in text
    assert note._repr_html_().index("namlib-feedback") < note._repr_html_().index("Hint 1 of 3")
    assert repr(namlib.hint("99.3", 2)).startswith("✘ Not yet · 99.3")
    namlib.exercises.forget()


@pytest.mark.parametrize("value", [None, "0", "yes", "true", ""])
def test_solution_is_hidden_from_students_until_they_try(monkeypatch, value):
    namlib.exercises.forget()
    monkeypatch.setenv("NAMLIB_PROGRESS", "off")
    if value is not None:
        monkeypatch.setenv(TEACHER_ENV, value)
    for exercise_id, secret in [("99.1", "120"), ("99.3", "Baku")]:
        note = ex(exercise_id).solution()
        assert note.heading == f"Try it first · {exercise_id}"
        assert secret not in repr(note) and secret not in note._repr_html_()
    # an open question shows its example answer to a student, never the teacher's notes
    open_note = repr(ex("99.11").solution())
    assert "official record" in open_note and "news copy" not in open_note
    namlib.exercises.forget()


def test_solution_is_shown_to_teachers(monkeypatch):
    monkeypatch.setenv(TEACHER_ENV, "1")
    text = repr(ex("99.10").solution())
    assert text.startswith("Solution · 99.10")
    assert 'answer = meetings.loc[meetings["format"] == "in person"' in text
    open_note = repr(ex("99.11").solution())
    assert "Model answer" in open_note and "official record" in open_note
    assert "Notes for the discussion" in open_note and "news copy" in open_note


# --------------------------------------------------------------------------- encoding and the TOML emitter


@pytest.mark.parametrize(
    "value",
    [42, 2.5, "Bakı, Azərbaycan", ["Baku", 2019, None, True], {"a": [1, {"b": "c"}]}, "answer = 1\nprint('x')\n"],
)
def test_encode_decode_round_trip(value):
    secret = encode(value)
    assert secret.startswith("enc:") and is_encoded(secret)
    assert decode(secret) == value
    assert encode(value) == secret  # deterministic
    if isinstance(value, str):
        assert value not in secret


def test_broken_encoding_is_a_bank_error():
    with pytest.raises(BankError):
        decode("enc:not base64!")
    assert not is_encoded("enc:garbage")


TRICKY = {
    "lesson": "00",
    "title": 'Quotes " and \\ backslash and \t tab',
    "weird key": 1,
    "exercise": [
        {
            "id": "00.1",
            "kind": "text",
            "empty": "",
            "multi": 'line one\nline \'two\' with """ triple\n',
            "ends_with_quote": 'a\nb"',
            "ends_with_apostrophe": "a\nb'",
            "literal_breaker": "x\n'''\ny",
            "control": "bell \x07 and cr \r and del \x7f",
            "backslashes": "C:\\path\\n\nregex \\d+",
            "numbers": [0, -3, 10**18, 1.5, -0.25, 1e-07, 1e20],
            "flags": [True, False],
            "nested": [[1, 2], ["a", ["b"]], []],
            "inline": {"a": 1, "b": "two"},
            "when": dt.date(2019, 10, 25),
            "unicode": "Bakı — ✔ 👍",
            "long_list": [f"a long string number {i} that makes the list wrap over lines" for i in range(4)],
            "feedback": [{"answer": "x", "message": "m1"}, {"solution": "answer = 1\n", "message": "m2"}],
        },
        {"id": "00.9", "kind": "number"},
    ],
}


def test_toml_emitter_round_trips_tricky_values():
    text = dumps_toml(TRICKY)
    assert tomllib.loads(text) == TRICKY


def test_toml_emitter_writes_special_floats():
    parsed = tomllib.loads(dumps_toml({"a": float("inf"), "b": float("-inf"), "c": float("nan")}))
    assert parsed["a"] == math.inf and parsed["b"] == -math.inf and math.isnan(parsed["c"])


def test_toml_emitter_round_trips_the_fixture_bank():
    data = tomllib.loads((FIXTURE_BANK / "99.toml").read_text(encoding="utf-8"))
    assert tomllib.loads(dumps_toml(data)) == data
    encoded = encode_table(data)
    assert tomllib.loads(dumps_toml(encoded)) == encoded
    assert plain_secrets(encoded) == []


@pytest.fixture
def encoded_bank(tmp_path) -> Path:
    folder = tmp_path / "bank"
    folder.mkdir()
    shutil.copy(FIXTURE_BANK / "99.toml", folder / "99.toml")
    assert main(["exercises", "encode", str(folder / "99.toml")]) == 0
    return folder


def test_encode_command_hides_every_secret_and_is_idempotent(encoded_bank):
    path = encoded_bank / "99.toml"
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert plain_secrets(data) == []
    for item in data["exercise"]:
        for key in SECRET_KEYS:
            if key in item:
                assert is_encoded(item[key])
    for plain in ("answer = 120", 'answer = "Baku"', 'answer = "2019-10-25"', "official record", 'meetings["format"]'):
        assert plain not in text
    assert "Member states at the Baku summit" in text  # titles, questions and hints stay readable
    assert encode_file(path) == []
    assert path.read_text(encoding="utf-8") == text


def test_encoded_bank_checks_exactly_like_the_plain_one(encoded_bank):
    for exercise_id in all_exercises(bank=encoded_bank):
        plain, coded = ex(exercise_id), exercise(exercise_id, bank=encoded_bank)
        assert self_test(coded.spec) == []
        for answer in ("Baku", 120, "B", "BDCA", ["Havana", "Baku", "Kampala"], "2019-10-25", 7, ...):
            assert repr(plain.check(answer)) == repr(coded.check(answer))


COMMENTED_BANK = """# Lesson 99 (a test): comments for other authors must survive `exercises encode`.
format = 1
lesson = "99"
title = "Test bank"

# ----- the first exercise
[[exercise]]
id = "99.1"  # keep this id: lesson 99 links to it
kind = "number"
title = "Members"
question = "How many?"
answer = 120  # the official count, not the press figure
solution = '''
# count the members
answer = 120
'''
explanation = "Observers are not members."

# A known wrong answer:
[[exercise.feedback]]
answer = 138
message = "That counts the observers."  # 18 observers

[[exercise]]
id = "99.2"
kind = "open"
title = "Discuss"
question = "Why?"
model_answer = "Because."
notes = "Ask for sources."   # trailing comment
"""


def test_encoding_keeps_the_authors_comments_and_layout_and_the_secrets_round_trip(tmp_path):
    path = tmp_path / "99.toml"
    path.write_text(COMMENTED_BANK, encoding="utf-8")
    assert encode_file(path) == [
        "99.1 answer",
        "99.1 solution",
        "99.1 feedback 1 answer",
        "99.2 model_answer",
        "99.2 notes",
    ]
    text = path.read_text(encoding="utf-8")
    for line in (
        "# Lesson 99 (a test): comments for other authors must survive `exercises encode`.",
        "# ----- the first exercise",
        'id = "99.1"  # keep this id: lesson 99 links to it',
        "# A known wrong answer:",
        'message = "That counts the observers."  # 18 observers',
    ):
        assert line in text.splitlines(), line
    assert "# the official count, not the press figure" in text and "# trailing comment" in text
    assert text.count("\n\n") == COMMENTED_BANK.count("\n\n")  # the blank lines between tables
    assert plain_secrets(tomllib.loads(text)) == []
    plain, coded = tomllib.loads(COMMENTED_BANK), tomllib.loads(text)
    for item, encoded_item in zip(plain["exercise"], coded["exercise"], strict=True):
        for key in SECRET_KEYS:
            if key in item:
                assert decode(encoded_item[key]) == item[key]
    assert decode(coded["exercise"][0]["feedback"][0]["answer"]) == 138
    assert encode_file(path) == [] and path.read_text(encoding="utf-8") == text  # idempotent
    assert [spec.id for spec in read_bank_file(path)] == ["99.1", "99.2"]


def test_encoding_the_fixture_bank_keeps_its_header_comment(tmp_path):
    path = tmp_path / "99.toml"
    shutil.copy(FIXTURE_BANK / "99.toml", path)
    assert encode_file(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Test-only exercise bank")
    assert plain_secrets(tomllib.loads(text)) == []
    assert tomllib.loads(text) == encode_table(tomllib.loads((FIXTURE_BANK / "99.toml").read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- writing the bank


def _minimal(**fields) -> dict:
    return {
        "id": "00.1",
        "kind": "number",
        "title": "t",
        "question": "q",
        "explanation": "e",
        "solution": "answer = 1",
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"tolerence": 1}, "Did you mean 'tolerance'?"),
        ({"id": "3.2"}, "id must be a string like '03.2'"),
        ({"kind": "essay"}, "kind must be one of"),
        ({"solution": None}, "graded exercise needs a worked `solution`"),
        ({"solution": "x = 1"}, "assigns `answer = ...`"),
        ({"explanation": ""}, "needs an `explanation`"),
        ({"kind": "choice", "options": ["x", "y"], "answer": "C"}, "does not name the options"),
        ({"kind": "order", "options": ["x", "y"], "answer": ["A", "A"]}, "does not name the options"),
        ({"kind": "frame", "answer": 1}, "has no `answer`"),
        ({"kind": "date", "answer": "25 Oct 2019"}, "'YYYY-MM-DD'"),
        ({"kind": "open", "solution": None}, "needs a `model_answer`"),
        ({"feedback": [{"message": "m"}]}, "either an `answer` or a `solution`"),
        ({"feedback": [{"answer": 2}]}, "needs a message"),
        ({"tolerance": -1}, "tolerance must be a number >= 0"),
    ],
)
def test_bank_mistakes_are_reported_to_authors(fields, fragment):
    data = {k: v for k, v in _minimal(**fields).items() if v is not None}
    with pytest.raises(BankError) as info:
        spec_from_dict(data, file="00.toml")
    assert fragment in str(info.value)
    assert "00.toml" in str(info.value)


def test_bank_file_level_checks(tmp_path):
    (tmp_path / "06.toml").write_text(dumps_toml({"exercise": [_minimal(id="07.1")]}), encoding="utf-8")
    with pytest.raises(BankError, match="starts with '06'"):
        load_bank(tmp_path)
    (tmp_path / "06.toml").write_text(dumps_toml({"exercise": [_minimal(id="06.1"), _minimal(id="06.1")]}))
    with pytest.raises(BankError, match="defined twice"):
        load_bank(tmp_path)
    (tmp_path / "06.toml").write_text("[[exercise]\nid = ", encoding="utf-8")
    with pytest.raises(BankError, match="not valid TOML"):
        load_bank(tmp_path)


def test_an_exercise_card_reads_only_its_own_lesson_of_the_bank(tmp_path):
    """A broken file of another lesson does not stop a lesson's cards; a bank-wide look-up still reports it."""
    (tmp_path / "06.toml").write_text(dumps_toml({"exercise": [_minimal(id="06.1")]}), encoding="utf-8")
    (tmp_path / "extra.toml").write_text(dumps_toml({"exercise": [_minimal(id="06.2")]}), encoding="utf-8")
    (tmp_path / "05.toml").write_text("[[exercise]\nid = ", encoding="utf-8")
    assert get_spec("6.1", tmp_path).id == "06.1"
    assert get_spec("06.2", tmp_path).file == "extra.toml"  # a file not named for a lesson can hold any id
    with pytest.raises(BankError, match="05.toml is not valid TOML"):
        load_bank(tmp_path)
    with pytest.raises(BankError, match="05.toml is not valid TOML"):
        get_spec("06.3", tmp_path)  # not found: the message lists the whole bank, which is broken
    (tmp_path / "05.toml").unlink()
    with pytest.raises(UnknownExerciseError, match="06.1"):
        get_spec("06.3", tmp_path)
    (tmp_path / "extra.toml").write_text(dumps_toml({"exercise": [_minimal(id="06.1")]}), encoding="utf-8")
    with pytest.raises(BankError, match="defined twice"):
        get_spec("06.1", tmp_path)


def test_an_edited_bank_file_is_read_again(tmp_path):
    path = tmp_path / "06.toml"
    path.write_text(dumps_toml({"exercise": [_minimal(id="06.1", title="first")]}), encoding="utf-8")
    assert get_spec("06.1", tmp_path).title == "first"
    path.write_text(dumps_toml({"exercise": [_minimal(id="06.1", title="second, longer")]}), encoding="utf-8")
    assert get_spec("06.1", tmp_path).title == "second, longer"


def test_reading_the_bank_loads_no_format_checking_library():
    """jsonschema imports every installed format checker (seconds of CPU for rfc3987_syntax); the bank uses none."""
    code = (
        "import sys, namlib\n"
        "from namlib.exercises import bank_schema\n"
        "namlib.exercise('03.1')\n"
        "assert 'jsonschema' in sys.modules\n"
        "loaded = [n for n in bank_schema._FORMAT_LIBRARIES if n in sys.modules]\n"
        "print(loaded)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_cli_check_fails_on_a_wrong_feedback_entry(tmp_path, capsys):
    data = tomllib.loads((FIXTURE_BANK / "99.toml").read_text(encoding="utf-8"))
    data["exercise"][0]["feedback"][0]["answer"] = 120  # the "wrong" answer is the right one
    (tmp_path / "99.toml").write_text(dumps_toml(data), encoding="utf-8")
    assert main(["exercises", "check", "--bank", str(tmp_path)]) == 1
    assert "99.1: feedback 1 is not rejected" in capsys.readouterr().out
    assert main(["exercises", "check", "--bank", str(FIXTURE_BANK)]) == 0


def test_cli_list_and_validate_still_work(capsys):
    assert main(["exercises", "list", "--bank", str(FIXTURE_BANK)]) == 0
    out = capsys.readouterr().out
    assert "99.10  frame" in out and f"{len(all_exercises(bank=FIXTURE_BANK))} exercises" in out
    assert main(["tables"]) == 0


# --------------------------------------------------------------------------- the answer key


def test_answer_key_has_every_exercise(tmp_path):
    out = tmp_path / "key.md"
    assert main(["exercises", "key", "--bank", str(FIXTURE_BANK), "--out", str(out)]) == 0
    key = out.read_text(encoding="utf-8")
    assert key == answer_key(FIXTURE_BANK)
    for exercise_id in all_exercises(bank=FIXTURE_BANK):
        assert f"### {exercise_id} · " in key
    assert "**Answer.** 120" in key
    assert "**Answer.** B. Azerbaijan" in key
    assert "B. Bandung conference, D. First summit, in Belgrade" in key
    assert "**Also accepted.** 'Baki'" in key
    assert "Baku summit 2019-10-25" in key  # the frame computed by its solution
    assert "**Model answer.** Prefer the official record" in key
    assert "**Notes for the discussion.** Point out" in key
    assert "- 138: That counts the 18 observer states" in key


# --------------------------------------------------------------------------- teacher's edition notebooks


_CELL_IDS = iter(range(10**9))


def _code(source: str) -> dict:
    return {
        "cell_type": "code",
        "id": f"cell-{next(_CELL_IDS)}",
        "metadata": {},
        "source": source,
        "outputs": [],
        "execution_count": None,
    }


def _markdown(source: str) -> dict:
    return {"cell_type": "markdown", "id": f"cell-{next(_CELL_IDS)}", "metadata": {}, "source": source}


def _lesson_notebook() -> dict:
    """A lesson in the shape the notebooks use, with the fixture bank's exercises (a plain nbformat 4.5 dict)."""
    cells = [_markdown("# Lesson 99"), _code("import namlib\nimport pandas as pd")]
    setups = {
        "99.2": "durations = [2, 2, 3]",
        "99.6": fixture_namespace_source("99.6"),
        "99.9": fixture_namespace_source("99.9"),
        "99.10": fixture_namespace_source("99.10"),
    }
    for exercise_id in all_exercises(bank=FIXTURE_BANK):
        if exercise_id in setups:
            cells.append(_code(setups[exercise_id]))
        cells.append(_code(f'namlib.exercise("{exercise_id}")'))
        if exercise_id in ("99.5", "99.8"):
            cells.append(_code(f'namlib.quiz("{exercise_id}")'))
        answer_cell = f'answer = ...  # your answer here\nnamlib.check("{exercise_id}", answer)'
        cells.append(_code(f'{answer_cell}\n# namlib.hint("{exercise_id}")'))
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": kernelspec}, "cells": cells}


def fixture_namespace_source(exercise_id: str) -> str:
    return ex(exercise_id).spec.setup.strip()


def test_exercise_ids_in_a_notebook(tmp_path):
    nb = _lesson_notebook()
    nb["cells"].insert(1, _code("# ex = namlib.exercise('01.1')  (commented out: does not count)"))
    nb["cells"].append(_code("ex = namlib.exercises.exercise('99.3')  # used again: listed once"))
    path = tmp_path / "99-test.ipynb"
    write_notebook(nb, path)
    assert exercise_ids_in(path) == all_exercises(bank=FIXTURE_BANK)
    assert exercise_ids_in(read_notebook(path)) == exercise_ids_in(path)


def test_solution_notebook_fills_in_answers_and_adds_teacher_notes():
    nb = _lesson_notebook()
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "old output"}]
    nb["cells"][1]["execution_count"] = 3
    original = json.dumps(nb)
    teacher = solution_notebook(nb, bank=FIXTURE_BANK, name="99-test.ipynb")
    assert json.dumps(nb) == original  # the lesson itself is not changed
    cells = teacher["cells"]
    assert cells[0]["cell_type"] == "markdown" and "Teacher's edition" in cell_source(cells[0])
    code_cells = [c for c in cells if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code_cells)
    sources = [cell_source(c) for c in cells]
    check_cells = [s for s in sources if "namlib.check(" in s]
    assert len(check_cells) == len(all_exercises(bank=FIXTURE_BANK))
    assert not any("answer = ...  # your answer here" in s for s in check_cells)
    assert all(s.startswith(SOLUTION_HEADER) for s in check_cells)
    solution_line = 'answer = meetings.loc[meetings["format"] == "in person", ["title", "start_date"]]'
    assert any(solution_line in s for s in sources)
    assert any(s.startswith(SOLUTION_HEADER + "\nanswer = 120") for s in sources)
    notes = [i for i, s in enumerate(sources) if s.startswith("### Teacher notes · 99.11")]
    assert len(notes) == 1 and 'namlib.exercise("99.11")' in sources[notes[0] - 1]
    assert "**Notes for the discussion.**" in sources[notes[0]]
    assert len({c["id"] for c in cells}) == len(cells)  # cell ids stay unique
    import nbformat

    nbformat.validate(nbformat.from_dict(teacher))


def test_solution_notebook_refuses_cells_it_cannot_fill():
    nb = _lesson_notebook()
    nb["cells"].append(_code('namlib.exercise("99.77")'))
    nb["cells"].append(_code('answer = ...\nnamlib.check("99.77", answer)'))
    with pytest.raises(namlib.NamlibError, match="'99.77' is not in the bank"):
        solution_notebook(nb, bank=FIXTURE_BANK)
    nb = _lesson_notebook()
    nb["cells"].append(_code('namlib.check("99.1", answer)'))
    with pytest.raises(namlib.NamlibError, match="no `answer = ...` line"):
        solution_notebook(nb, bank=FIXTURE_BANK)


def test_solutions_command_writes_every_lesson(tmp_path, capsys):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    write_notebook(_lesson_notebook(), folder / "99-test.ipynb")
    write_notebook(_lesson_notebook(), folder / "notes.ipynb")  # not a lesson: NN-*.ipynb only
    out = tmp_path / "solutions"
    args = ["exercises", "solutions", "--notebooks", str(folder), "--out", str(out), "--bank", str(FIXTURE_BANK)]
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == ["99-test.ipynb"]
    assert "1 teacher's edition notebook" in capsys.readouterr().out


def _execute(path: Path, workdir: Path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}, record_timing=False
    )
    client.execute()
    return nb


def _check_outputs(nb) -> list[str]:
    """The text/plain result of every cell that runs namlib.check("ID", answer)."""
    results = []
    for cell in nb.cells:
        if cell.cell_type == "code" and "namlib.check(" in cell.source:
            texts = [o["data"]["text/plain"] for o in cell.outputs if o.get("output_type") == "execute_result"]
            errors = [o.get("ename") for o in cell.outputs if o.get("output_type") == "error"]
            assert not errors, errors
            assert len(texts) == 1, cell.outputs
            results.append(texts[0])
    return results


@pytest.fixture
def kernel_env(monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def test_fixture_lesson_runs_in_a_kernel_as_student_and_as_teacher(tmp_path, monkeypatch, kernel_env):
    monkeypatch.setenv(BANK_ENV, str(FIXTURE_BANK))
    student = tmp_path / "99-test.ipynb"
    write_notebook(_lesson_notebook(), student)
    ran = _execute(student, tmp_path)
    assert all(text.startswith("… Not attempted yet") for text in _check_outputs(ran))
    cards = [o for c in ran.cells for o in c.get("outputs", []) if o.get("output_type") == "execute_result"]
    assert any(o["data"]["text/plain"].startswith("Exercise 99.1 ·") and "text/html" in o["data"] for o in cards)
    quizzes = [o for c in ran.cells if c.source.startswith("namlib.quiz(") for o in c.get("outputs", [])]
    assert len(quizzes) == 2
    for output in quizzes:
        assert output["data"]["text/plain"].startswith("Quiz 99.")
        assert "application/vnd.jupyter.widget-view+json" in output["data"]

    teacher_dir = tmp_path / "teacher"
    written = write_solution_notebooks(tmp_path, teacher_dir, bank=FIXTURE_BANK)
    assert [p.name for p in written] == ["99-test.ipynb"]
    results = _check_outputs(_execute(written[0], tmp_path))
    assert len(results) == len(all_exercises(bank=FIXTURE_BANK))
    assert sum(text.startswith("✔ Correct") for text in results) == len(results) - 1
    assert sum(text.startswith("✎ Discussion question") for text in results) == 1


# --------------------------------------------------------------------------- the real bank and the lessons


def _real_ids() -> list[str]:
    try:
        return all_exercises(bank=REAL_BANK)
    except Exception:  # the tests below then report the bank's error
        return ["unreadable-bank"]


REAL_IDS = _real_ids()


def _graded_ids() -> list[str]:
    """The ids of exercises with a right and wrong answers: not the open questions."""
    try:
        specs = load_bank(REAL_BANK)
    except Exception:  # reported by the tests below
        return REAL_IDS
    return [i for i in REAL_IDS if specs[i].kind != "open"]


GRADED_IDS = _graded_ids()
LESSONS = notebook_paths(NOTEBOOKS)


def _real_spec(exercise_id: str):
    return load_bank(REAL_BANK)[exercise_id]


def test_real_bank_loads_and_holds_no_plain_answers():
    load_bank(REAL_BANK)  # raises BankError naming the file and field at fault
    for path in sorted(REAL_BANK.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert plain_secrets(data) == [], f"{path.name}: run python -m namlib exercises encode {path}"


@pytest.mark.parametrize("exercise_id", REAL_IDS)
def test_real_exercise_solution_passes(exercise_id):
    spec = _real_spec(exercise_id)
    if spec.kind == "open":
        assert str(spec.secret("model_answer")).strip(), "an open question needs a model answer"
        assert check(spec, "My own view.").status == "open"
        return
    feedback = check(spec, run_solution(spec))
    assert feedback.status == "correct", repr(feedback)


@pytest.mark.parametrize("exercise_id", GRADED_IDS)
def test_real_exercise_rejects_its_known_wrong_answers(exercise_id):
    spec = _real_spec(exercise_id)
    assert spec.feedback, f"{exercise_id} needs at least one [[exercise.feedback]] wrong answer"
    for entry in spec.feedback:
        if "solution" in entry:
            wrong = run_solution(spec, decode(entry["solution"]))
        else:
            wrong = decode(entry["answer"])
        feedback = check(spec, wrong)
        assert feedback.status == "incorrect", repr(feedback)
        assert feedback.message == entry["message"].strip()


@pytest.mark.parametrize("exercise_id", REAL_IDS)
def test_real_exercise_starter_is_not_attempted(exercise_id):
    assert check(_real_spec(exercise_id), ...).status == "not_attempted"


def test_every_exercise_is_used_by_exactly_one_lesson_and_every_used_id_exists():
    bank_ids = set(all_exercises(bank=REAL_BANK))
    used: dict[str, list[str]] = {}
    for path in LESSONS:
        for exercise_id in exercise_ids_in(path):
            used.setdefault(exercise_id, []).append(path.name)
    unknown = {i: names for i, names in used.items() if i not in bank_ids}
    unused = sorted(bank_ids - set(used))
    twice = {i: names for i, names in used.items() if len(names) > 1}
    elsewhere = {i: names for i, names in used.items() if not names[0].startswith(i.split(".")[0] + "-")}
    assert not unknown, f"notebooks use ids that are not in the bank: {unknown}"
    assert not unused, f"exercises in the bank that no notebook uses: {unused}"
    assert not twice, f"exercises used by more than one notebook: {twice}"
    assert not elsewhere, f"exercise NN.k belongs in notebook NN-*.ipynb: {elsewhere}"


@pytest.mark.parametrize("notebook", LESSONS, ids=[p.name for p in LESSONS])
def test_teacher_edition_of_lesson_runs_and_every_check_passes(notebook, tmp_path, kernel_env):
    nb = solution_notebook(read_notebook(notebook), bank=REAL_BANK, name=notebook.name)
    path = tmp_path / notebook.name
    write_notebook(nb, path)
    results = _check_outputs(_execute(path, NOTEBOOKS))
    for text in results:
        assert not text.startswith(("✘ Not yet", "… Not attempted yet", "? Check the type")), text
        assert text.startswith(("✔ Correct", "✎ Discussion question")), text
    specs = load_bank(REAL_BANK)
    graded = {i for i in exercise_ids_in(notebook) if specs[i].kind != "open"}
    passed = {text.split("\n")[0].split(" · ")[-1] for text in results if text.startswith("✔ Correct")}
    assert graded <= passed, f"graded exercises without a passing answer cell: {sorted(graded - passed)}"


# --------------------------------------------------------------------------- the unfair verdicts reported in use


def _lesson_value(code: str):
    namespace = standard_namespace()
    exec(compile(code, "<student>", "exec"), namespace)  # noqa: S102 - test code
    return namespace["answer"]


REPORTED = [
    # a one-element Series, what df.loc[mask, "col"] gives, where one value is asked
    ("03.1", 'answer = summits.loc[summits["number"] == 18, "chair_country"]', "correct"),
    ("00.13", 'answer = summits.loc[summits["number"] == 7, "city"]', "correct"),
    ("06.1", 'answer = summits.loc[summits["number"] == 18, "start_date"]', "correct"),
    ("01.5", 'answer = events.loc[events["start_date"] < "1962-01-01", ["event_id"]]', "correct"),
    # decades typed as text label the same rows as the answer's numbers
    ("04.1", 'rows = members[members["status"] == "member"]\n'
     'answer = rows.groupby((rows["joined"] // 10 * 10).astype(str)).size()', "correct"),
    ("04.1", 'rows = members[members["status"] == "member"]\n'
     'answer = rows.groupby((rows["joined"] // 10).astype(str)).size()', "incorrect"),
    # labels as plain text
    ("02.6", "answer = principles['theme'].value_counts()\nanswer.index = answer.index.astype(str)", "correct"),
    ("02.6", "import collections\nanswer = pd.Series(collections.Counter(principles['theme']))", "correct"),
    # a Timedelta where days are asked
    ("06.3", 'row = chairmanships[chairmanships["chair_id"] == "AZE-2019"].iloc[0]\n'
             'answer = row["end_date"] - row["start_date"]', "correct"),
    ("10.7", 'aze = chairmanships[chairmanships["country"] == "Azerbaijan"]\n'
             'answer = aze["end_date"] - aze["start_date"]', "correct"),
    # month and year in any form, and a date inside the month
    ("05.3", 'answer = "9 May 2012"', "correct"),
    ("05.3", 'answer = "2012-05-09"', "correct"),
    ("05.3", 'answer = "2012 May"', "correct"),
    ("05.3", 'answer = pd.Timestamp("2012-05-09")', "correct"),
    # the official long name, in both exercises that ask for the chair
    ("03.1", 'answer = "Republic of Azerbaijan"', "correct"),
    ("10.6", 'answer = "Republic of Azerbaijan"', "correct"),
    # 08.5: the count without the date condition is now a different, named mistake
    ("08.7", 'answer = int((events["format"] == "virtual").sum())', "incorrect"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("exercise_id", "code", "status"), REPORTED, ids=[f"{r[0]}-{i}" for i, r in enumerate(REPORTED)]
)
def test_answers_reported_as_unfairly_judged(exercise_id, code, status):
    feedback = check(load_bank(REAL_BANK)[exercise_id], _lesson_value(code))
    assert feedback.status == status, repr(feedback)
    if exercise_id in ("06.3", "10.7"):
        assert "`.days` gives" in feedback.message


def test_a_forgotten_index_is_named_before_any_value():
    code = (
        'recent = chairmanships[chairmanships["start_date"] >= "1998-01-01"]\n'
        'answer = (recent["end_date"].fillna(pd.Timestamp("2025-12-31")) - recent["start_date"]).dt.days'
    )
    feedback = check(load_bank(REAL_BANK)["06.4"], _lesson_value(code))
    assert feedback.status == "incorrect"
    assert feedback.message.startswith(
        "Your rows are numbered 0, 1, 2, …, but the answer's rows are labelled by `chair_id`"
    )
    assert "set_index('chair_id')" in feedback.message and "first difference" not in feedback.message


def test_the_solutions_command_finds_the_lessons_from_any_folder_or_says_why_not(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside the repository
    out = tmp_path / "teacher"
    run = subprocess.run(
        [sys.executable, "-m", "namlib", "exercises", "solutions", "--out", str(out)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert len(list(out.glob("[0-9][0-9]-*.ipynb"))) == len(LESSONS)
    run = subprocess.run(
        [sys.executable, "-m", "namlib", "exercises", "solutions", "--notebooks", "nothere"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "no lesson notebooks (NN-*.ipynb) in 'nothere'" in run.stderr and "--notebooks PATH" in run.stderr
