"""Check a student's answer against an exercise and say what is off.

:func:`check` never raises: whatever the student passes (a DataFrame where a
number was expected, a string ``"120"``, ``object()``...), it returns a
:class:`~namlib.exercises.feedback.Feedback` with one of five statuses (``correct``,
``incorrect``, ``not_attempted``, ``invalid``, ``open``). How an answer is read and
compared, and what is said about it, belongs to its kind (``namlib/exercises/kinds/``);
this module runs the steps every kind shares: not attempted, the expected values, the
recorded wrong answers, the hint suggestion.

The names that used to live here (``show``, ``option_letter``, ``run_solution``...) are
still importable from this module.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "number", "title": "Product", "question": "What is 6 x 7?",
    ...                        "answer": 42, "direction": True, "solution": "answer = 6 * 7",
    ...                        "explanation": "Six sevens are forty-two."})
    >>> check(spec, 42)
    ✔ Correct · 00.1
    Six sevens are forty-two.
    >>> print(check(spec, 40).message)
    Your number is too low.
    >>> check(spec, "42").status
    'invalid'
    >>> bool(check(spec, ...)), check(spec, ...).status
    (False, 'not_attempted')
"""

from __future__ import annotations

from typing import Any

from namlib.exercises.dates import MONTH_NAMES, parse_date_text
from namlib.exercises.describe import article, is_missing, letter, plain, show, single
from namlib.exercises.errors import AnswerTypeError, ExerciseBroken
from namlib.exercises.feedback import STATUSES, Feedback, inline_html
from namlib.exercises.kinds import KINDS, Kind, kind_of
from namlib.exercises.kinds.choice import option_letter
from namlib.exercises.kinds.date import as_date
from namlib.exercises.kinds.frame import as_frame
from namlib.exercises.kinds.month import as_month
from namlib.exercises.kinds.number import as_number
from namlib.exercises.kinds.open import OPEN_NOTE
from namlib.exercises.kinds.order import order_letters
from namlib.exercises.kinds.series import as_series
from namlib.exercises.kinds.set import MAX_ITEMS, as_items, item_key
from namlib.exercises.kinds.text import ALIASES, as_text
from namlib.exercises.pandas_compare import compare_pandas, plain_pandas, plain_values
from namlib.exercises.solving import (
    cached,
    decode_entry,
    expected_value,
    run_solution,
    standard_namespace,
    tables_used,
)
from namlib.exercises.spec import ExerciseSpec
from namlib.exercises.textnorm import normalise_text

NOT_ATTEMPTED = "Replace the ... with your answer, then run the cell again."


def _prepared(spec: ExerciseSpec, kind: Kind) -> list:
    def compute() -> list:
        values = [kind.read_expected(expected_value(spec))]
        for alternative in spec.secret("accept", []) or []:
            values.append(kind.read_expected(alternative))
        return values + [v for v in kind.aliases(values) if v not in values]

    try:
        prepared: list = cached(spec, "prepared", compute)
    except AnswerTypeError as err:
        raise ExerciseBroken(f"the expected answer of exercise {spec.id} is not {kind.wanted}: {err}") from err
    return prepared


def _wrong_answers(spec: ExerciseSpec, kind: Kind) -> list[tuple[Any, str]]:
    def compute() -> list[tuple[Any, str]]:
        out = []
        for entry in spec.feedback:
            try:
                if "solution" in entry:
                    value = run_solution(spec, decode_entry(entry, "solution"))
                else:
                    value = decode_entry(entry, "answer")
                out.append((kind.read_expected(value), entry["message"].strip()))
            except (AnswerTypeError, ExerciseBroken):
                continue  # a known wrong answer of another type is caught by the type checks
        return out

    wrong: list[tuple[Any, str]] = cached(spec, "wrong", compute)
    return wrong


def is_starter(spec: ExerciseSpec, answer: Any) -> bool:
    """True when the answer is ``...``, ``None`` or the exercise's declared starter."""
    if answer is ... or answer is None:
        return True
    if spec.has_starter and type(answer) in (str, int, float, list, tuple, bool):
        try:
            return (answer == spec.starter) is True
        except Exception:
            return False
    return False


def check(spec: ExerciseSpec, answer: Any) -> Feedback:
    """Check ``answer`` against the exercise ``spec``; never raises."""
    try:
        return _check(spec, answer)
    except ExerciseBroken as err:
        return Feedback(
            "invalid",
            f"This exercise could not be checked: {err}. This is not your fault: tell your teacher.",
            spec.id,
        )
    except Exception as err:  # a checker must never show a student a traceback
        return Feedback(
            "invalid",
            f"Your answer could not be checked ({type(err).__name__}). Is it the kind of value asked for: "
            f"{kind_phrase(spec)}? If it is, tell your teacher: the checker of exercise {spec.id} needs a fix.",
            spec.id,
        )


def _check(spec: ExerciseSpec, answer: Any) -> Feedback:
    if is_starter(spec, answer):
        return Feedback("not_attempted", NOT_ATTEMPTED, spec.id)
    kind_class = kind_of(spec.kind)
    if not kind_class.graded:
        return Feedback("open", OPEN_NOTE, spec.id)
    kind = kind_class(spec)
    expected = _prepared(spec, kind)
    kind.configure(expected)
    try:
        got = kind.read_student(answer)
    except AnswerTypeError as err:
        return Feedback("invalid", str(err), spec.id)
    if any(kind.equal(got, value) for value in expected):
        message = spec.explanation or "Well done."
        return Feedback("correct", f"{message} {kind.note}" if kind.note else message, spec.id)
    for value, message in _wrong_answers(spec, kind):
        if kind.equal(got, value):
            return Feedback("incorrect", message, spec.id)
    status, message = kind.explain(got, expected[0])
    if status == "incorrect" and spec.hints:
        message += f' For a hint, run namlib.hint("{spec.id}").'
    return Feedback(status, message, spec.id)


def kind_phrase(spec: ExerciseSpec) -> str:
    """What kind of answer an exercise expects, in words, for its card.

    Example:
        >>> from namlib.exercises.bank import spec_from_dict
        >>> kind_phrase(spec_from_dict({"id": "00.1", "kind": "date", "title": "t", "question": "q",
        ...     "solution": "answer = '2000-01-01'", "explanation": "e"}))
        "a date, e.g. 'YYYY-MM-DD' in quotes"
    """
    return kind_of(spec.kind).phrase(spec)


__all__ = [
    "ALIASES",
    "KINDS",
    "MAX_ITEMS",
    "MONTH_NAMES",
    "NOT_ATTEMPTED",
    "OPEN_NOTE",
    "STATUSES",
    "AnswerTypeError",
    "ExerciseBroken",
    "Feedback",
    "article",
    "as_date",
    "as_frame",
    "as_items",
    "as_month",
    "as_number",
    "as_series",
    "as_text",
    "check",
    "compare_pandas",
    "decode_entry",
    "expected_value",
    "inline_html",
    "is_missing",
    "is_starter",
    "item_key",
    "kind_phrase",
    "letter",
    "normalise_text",
    "option_letter",
    "order_letters",
    "parse_date_text",
    "plain",
    "plain_pandas",
    "plain_values",
    "run_solution",
    "show",
    "single",
    "standard_namespace",
    "tables_used",
]
