"""The ``choice`` kind: one of the ``options``, answered by its letter ("B", "b)", "(B)") or its text.

Bank fields: ``options`` (2 to 26 texts, shown as A, B, C...), ``answer`` (the letter or the
option's text). ``namlib.quiz(ID)`` shows the options as buttons.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "choice", "title": "t", "question": "Which?",
    ...                        "options": ["Cairo", "Belgrade"], "answer": "B", "solution": "answer = 'B'",
    ...                        "explanation": "e"})
    >>> Choice(spec).read("belgrade"), Choice.phrase(spec), Choice.format_answer(spec, "B")
    ('B', 'the letter of one option, A to B, in quotes', 'B. Belgrade')
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.describe import letter, plain, show, single
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds.base import BankTable, Kind, Variant
from namlib.exercises.spec import ExerciseSpec
from namlib.exercises.textnorm import normalise_text


def option_letter(value: Any, options: tuple[str, ...]) -> str:
    """The letter of the option a student chose: ``"B"``, ``"b)"``, ``"(B)"`` or the option's text.

    Example:
        >>> option_letter(" b) ", ("Cairo", "Belgrade")), option_letter("belgrade", ("Cairo", "Belgrade"))
        ('B', 'B')
    """
    value = plain(value)
    last = letter(len(options) - 1)
    if isinstance(value, str):
        text = value.strip()
        match = re.fullmatch(r"\(?\s*([A-Za-z])\s*[).:]?", text)
        if match:
            chosen = match.group(1).upper()
            if ord(chosen) - ord("A") < len(options):
                return chosen
            raise AnswerTypeError(f"There is no option {chosen}: the options are A to {last}.")
        wanted = normalise_text(text)
        for index, option in enumerate(options):
            if wanted and normalise_text(option) == wanted:
                return letter(index)
        prefixed = re.fullmatch(r"\(?\s*([A-Za-z])\s*[).:]\s*(.+)", text, re.S)
        if prefixed and ord(prefixed.group(1).upper()) - ord("A") < len(options):
            index = ord(prefixed.group(1).upper()) - ord("A")
            if normalise_text(options[index]) == normalise_text(prefixed.group(2)):
                return letter(index)
        raise AnswerTypeError(
            f"{show(value)} is not one of the options. Answer with the letter of one option, A to {last} "
            '(for example answer = "B"), or copy the option\'s text.'
        )
    if isinstance(value, int) and not isinstance(value, bool):
        raise AnswerTypeError(
            f'Answer with the letter of the option (A to {last}), in quotes, not with a number: e.g. answer = "B".'
        )
    if isinstance(value, list | tuple | set | frozenset | pd.Series | np.ndarray):
        raise AnswerTypeError(f"Choose one option: give one letter (A to {last}), not a list.")
    raise AnswerTypeError(f"Your answer is {show(value)}: answer with the letter of one option, A to {last}.")


def check_options(table: BankTable, read: Any) -> None:
    """The rule of the kinds answered with ``options`` that their schemas cannot say: the ``answer`` names them."""
    try:
        read(table.answer(), tuple(table.data["options"]))
    except AnswerTypeError as err:
        raise table.problem(f"the answer does not name the options: {err}") from None


class Choice(Kind):
    name = "choice"
    how_to_answer = 'Answer with one letter in the answer cell below, as in answer = "B", or use the buttons.'
    has_quiz = True
    wrong_as_series = True
    # Answered by reasoning over a table, not by the filter itself.
    tests_dropped_conditions = False

    def read(self, value: Any) -> Any:
        return option_letter(single(value), self.spec.options)

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        return "incorrect", f"Option {got} is not the answer. Read the other options again."

    @classmethod
    def check_fields(cls, table: BankTable) -> None:
        check_options(table, option_letter)

    @classmethod
    def phrase(cls, spec: ExerciseSpec) -> str:
        return f"the letter of one option, A to {letter(max(len(spec.options), 1) - 1)}, in quotes"

    @classmethod
    def format_answer(cls, spec: ExerciseSpec, value: Any) -> str:
        chosen = option_letter(value, spec.options)
        return f"{chosen}. {spec.options[ord(chosen) - ord('A')]}"

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        chosen = option_letter(single(value), spec.options)
        text = spec.options[ord(chosen) - ord("A")]
        return [
            ("the letter", chosen),
            ("a lower-case letter", chosen.lower()),
            ("the letter with a bracket", f"{chosen})"),
            ("the letter in brackets", f"({chosen})"),
            ("the letter with spaces", f" {chosen} "),
            ("the option's text", text),
            ("the option's text in upper case", text.upper()),
            ("letter and text", f"{chosen}. {text}"),
            ("a one-element list", [chosen]),
            ("a one-element Series", pd.Series([chosen])),
        ]
