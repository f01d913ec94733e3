"""namlib.quiz("ID"): the ipywidgets UI, built headless, and its plain-text fallback."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

import namlib
from namlib.exercises import BANK_ENV, TEACHER_ENV, exercise
from namlib.exercises.quizzes import WIDGET_MIME, Quiz

FIXTURE_BANK = REPO / "tests" / "fixtures" / "bank"


@pytest.fixture(autouse=True)
def student(monkeypatch):
    monkeypatch.delenv(TEACHER_ENV, raising=False)


def make_quiz(exercise_id: str) -> Quiz:
    return exercise(exercise_id, bank=FIXTURE_BANK).quiz()


def test_choice_quiz_widget_gives_instant_feedback():
    import ipywidgets

    quiz = make_quiz("99.5")
    assert isinstance(quiz.widget, ipywidgets.VBox)
    assert isinstance(quiz.selector, ipywidgets.RadioButtons)
    assert [label for label, _ in quiz.selector.options] == [
        "A. Venezuela",
        "B. Azerbaijan",
        "C. Uganda",
        "D. Serbia",
    ]
    assert quiz.selector.value is None and quiz.feedback.value == ""

    quiz.button.click()  # nothing chosen yet
    assert "Not attempted yet" in quiz.feedback.value

    quiz.selector.value = "B"
    assert quiz.feedback.value == ""  # a new choice clears the old feedback
    quiz.button.click()
    assert "✔ Correct" in quiz.feedback.value and "took over from Venezuela" in quiz.feedback.value
    assert quiz.last_feedback.status == "correct"

    quiz.selector.value = "A"
    quiz.button.click()
    assert "✘ Not yet" in quiz.feedback.value
    assert "Venezuela was the outgoing chair" in quiz.feedback.value  # the bank's feedback for A
    assert quiz.last_feedback.status == "incorrect"


def test_order_quiz_has_one_dropdown_per_position():
    import ipywidgets

    quiz = make_quiz("99.8")
    assert len(quiz.dropdowns) == 4
    assert all(isinstance(d, ipywidgets.Dropdown) and d.value is None for d in quiz.dropdowns)
    assert [d.description for d in quiz.dropdowns] == ["1.", "2.", "3.", "4."]

    for dropdown, chosen in zip(quiz.dropdowns, "BDC", strict=False):
        dropdown.value = chosen
    quiz.button.click()
    assert "Not attempted yet" in quiz.feedback.value  # position 4 still empty

    quiz.dropdowns[3].value = "A"
    quiz.button.click()
    assert "✔ Correct" in quiz.feedback.value

    for dropdown, chosen in zip(quiz.dropdowns, "DBCA", strict=True):
        dropdown.value = chosen
    quiz.button.click()
    assert "✘ Not yet" in quiz.feedback.value and "Bandung conference (1955)" in quiz.feedback.value

    for dropdown, chosen in zip(quiz.dropdowns, "BBCA", strict=True):
        dropdown.value = chosen
    quiz.button.click()
    assert "? Check the type" in quiz.feedback.value and "more than once" in quiz.feedback.value


def test_select_sets_the_widget_and_presses_check():
    quiz = make_quiz("99.8")
    assert quiz.select(list("BDCA")).status == "correct"
    assert [d.value for d in quiz.dropdowns] == list("BDCA")
    assert "✔ Correct" in quiz.feedback.value


def test_widget_callbacks_use_the_exercises_own_check(monkeypatch):
    ex = exercise("99.5", bank=FIXTURE_BANK)
    seen = []
    original = ex.check

    def spy(answer):
        seen.append(answer)
        return original(answer)

    monkeypatch.setattr(ex, "check", spy)
    quiz = ex.quiz()
    quiz.selector.value = "C"
    quiz.button.click()
    assert seen == ["C"]
    assert repr(quiz.last_feedback) == repr(original("C"))


@pytest.mark.parametrize("exercise_id", ["99.5", "99.8"])
def test_mimebundle_has_the_widget_view_and_a_text_fallback(exercise_id):
    quiz = make_quiz(exercise_id)
    bundle = quiz._repr_mimebundle_()
    assert bundle[WIDGET_MIME]["model_id"] == quiz.widget.model_id
    text = bundle["text/plain"]
    assert text.startswith(f"Quiz {exercise_id} · ")
    assert "  A. " not in text and "on the card above" in text  # the question is not shown twice in a row
    assert "Or answer in the answer cell below" in text and "ex." not in text
    assert "0x" not in text and "Widget" not in text
    assert text == make_quiz(exercise_id)._repr_mimebundle_()["text/plain"]  # deterministic
    assert '<ol type="A"' not in bundle["text/html"]


def test_choice_fallback_text():
    text = make_quiz("99.5")._repr_mimebundle_()["text/plain"]
    assert text == (
        "Quiz 99.5 · The new chair: the buttons appear when you run this cell in JupyterLab; the question and "
        "its options are on the card above.\n"
        'Or answer in the answer cell below: answer = "B" (the letter of your choice).'
    )
    assert repr(make_quiz("99.5")) == text


def test_the_widget_does_not_repeat_the_question_of_the_card_above():
    quiz = make_quiz("99.5")
    header = quiz.widget.children[0].value
    assert "Which country took over" not in header and "Answer 99.5 with the buttons" in header


def test_without_ipywidgets_the_quiz_is_text_only(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import ipywidgets now raises ImportError
    quiz = make_quiz("99.5")
    assert quiz.widget is None and quiz.selector is None
    bundle = quiz._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert bundle["text/plain"].startswith("Quiz 99.5")
    assert quiz.select("B").status == "correct"
    assert quiz.select("A").status == "incorrect"


def test_quiz_is_only_for_choice_and_order():
    note = exercise("99.1", bank=FIXTURE_BANK).quiz()
    assert not isinstance(note, Quiz)
    assert 'namlib.check("99.1", answer)' in repr(note)


def test_a_click_is_remembered_as_the_answer_of_its_own_exercise(monkeypatch):
    monkeypatch.setenv(BANK_ENV, str(FIXTURE_BANK))
    namlib.exercises.forget()
    assert namlib.check("99.5", ...).status == "not_attempted"
    quiz = namlib.quiz("99.5")
    assert quiz.select("B").status == "correct"
    after = namlib.check("99.5", ...)  # the answer cell, run again with its ... after the click
    assert after.status == "correct" and "Your answer with the buttons: B" in after.message
    assert namlib.check("99.8", ...).status == "not_attempted"  # another exercise is not touched
    assert namlib.check("99.5", "A").status == "incorrect"  # a typed answer still counts as typed
    namlib.exercises.forget()
