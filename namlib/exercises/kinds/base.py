"""What every answer kind provides: the :class:`Kind` base class, and :class:`BankTable` for its bank checks.

A kind is one class in one module of this package (``kinds/number.py``...), listed in
``kinds/__init__.py``. It says, for its exercises:

- how to read a student's answer (:meth:`Kind.read`, raising
  :class:`~namlib.exercises.errors.AnswerTypeError` with the message for a value of the wrong
  type) and the expected one (:meth:`Kind.read_expected`);
- how to compare them (:meth:`Kind.equal`) and what to say when they differ (:meth:`Kind.explain`);
- which bank fields it has and how they are written: its JSON Schema,
  ``namlib/exercises/schemas/NAME.schema.json`` (:meth:`Kind.schema`), and the rules a schema
  cannot say (:meth:`Kind.check_fields`);
- the right answer written other ways that it must accept (:meth:`Kind.variants`);
- what the card and the answer key say about it (:meth:`Kind.phrase`, :meth:`Kind.instructions`,
  :meth:`Kind.format_answer`).

Example:
    >>> from namlib.exercises.spec import ExerciseSpec
    >>> class Yes(Kind):
    ...     name, phrase_text = "yes", "yes or no"
    ...     def read(self, value):
    ...         return bool(value)
    >>> spec = ExerciseSpec("00.1", "yes", "t", "q")
    >>> Yes(spec).equal(Yes(spec).read(1), True), Yes.phrase(spec)
    (True, 'yes or no')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from namlib.exercises.bank_schema import load_schema
from namlib.exercises.describe import show
from namlib.exercises.errors import BankError
from namlib.exercises.spec import ExerciseSpec

Variant = tuple[str, Any]


@dataclass
class BankTable:
    """One ``[[exercise]]`` table being checked: its fields, its secret fields decoded, and where it is.

    Example:
        >>> table = BankTable({"kind": "set", "answer": "x"}, {"answer": "x"}, "99.toml, exercise '99.1'")
        >>> print(table.problem("a set answer must be a list."))
        99.toml, exercise '99.1': a set answer must be a list.
    """

    data: dict
    decoded: dict
    where: str

    def problem(self, message: str) -> BankError:
        """The error to raise, naming the file and the exercise."""
        return BankError(f"{self.where}: {message}")

    def answer(self) -> Any:
        """The decoded ``answer`` (the caller checks ``"answer" in table.data`` first)."""
        return self.decoded["answer"]


class Kind:
    """One answer kind; an instance checks the answers of one exercise.

    Subclasses set :attr:`name` (as written in the bank's ``kind = "..."``) and
    :attr:`phrase_text`, and override :meth:`read` and, where it helps, the other methods.
    """

    name: ClassVar[str] = ""
    wanted: ClassVar[str] = "a value"
    # The card's "Answer: ..." line (see phrase()).
    phrase_text: ClassVar[str] = "a value"
    # The card's "how to answer" line (see instructions()).
    how_to_answer: ClassVar[str] = "Write your answer in the answer cell below (answer = ...) and run it."
    # False for discussion questions: never graded, no solution to run.
    graded: ClassVar[bool] = True
    # namlib.quiz(ID) shows buttons for it.
    has_quiz: ClassVar[bool] = False
    # A recorded wrong answer must also be refused as a one-element Series (df.loc[mask, "col"]).
    wrong_as_series: ClassVar[bool] = False
    # Leaving out half of an `a & b` filter in the solution must not give the right answer.
    tests_dropped_conditions: ClassVar[bool] = True
    # The answer key shows the computed value as a table.
    tabular: ClassVar[bool] = False

    def __init__(self, spec: ExerciseSpec):
        self.spec = spec
        # Set by read() when a right answer came in a form worth a word (a Timedelta for days).
        self.note: str | None = None

    # -- reading and comparing answers

    def aliases(self, expected: list) -> list:
        """More accepted values derived from the expected ones (text: official long names)."""
        return []

    def read(self, value: Any) -> Any:
        """Read a student's answer (raise AnswerTypeError)."""
        raise NotImplementedError

    def read_student(self, value: Any) -> Any:
        """Read a student's answer, with the checks that need the expected values."""
        return self.read(value)

    def read_expected(self, value: Any) -> Any:
        """Read the expected answer (or an accepted one, or a recorded wrong one)."""
        return self.read(value)

    def configure(self, expected: list) -> None:
        """Adjust to the expected values once they are known (a number: whole or not)."""

    def equal(self, got: Any, expected: Any) -> bool:
        return bool(got == expected)

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        """``(status, message)`` for an answer that is not right and not a recorded wrong answer."""
        return "incorrect", "That is not the answer."

    # -- the bank

    @classmethod
    def schema(cls) -> dict:
        """The JSON Schema of this kind's ``[[exercise]]`` tables: ``namlib/exercises/schemas/NAME.schema.json``.

        It says every field the kind allows, its type, which are required, and the message for
        each mistake (see :mod:`namlib.exercises.bank_schema`).
        """
        return load_schema(f"{cls.name}.schema.json")

    @classmethod
    def check_fields(cls, table: BankTable) -> None:
        """Raise ``table.problem(...)`` for what the schema cannot say (a rule across fields).

        Runs after the table passed :meth:`schema`, with the secret fields decoded.
        """

    # -- the right answer written other ways

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        """``(label, value)``: the right answer ``value`` in the other forms this kind accepts."""
        return []

    # -- what the card and the answer key say

    @classmethod
    def phrase(cls, spec: ExerciseSpec) -> str:
        """What kind of answer the exercise expects, in words, for its card."""
        return cls.phrase_text

    @classmethod
    def instructions(cls, spec: ExerciseSpec) -> str:
        """How to answer, for the card."""
        text = cls.how_to_answer
        if spec.hints:
            text += f' For a hint, run namlib.hint("{spec.id}").'
        return text

    @classmethod
    def format_answer(cls, spec: ExerciseSpec, value: Any) -> str:
        """An answer as the teacher's answer key writes it."""
        if isinstance(value, list | tuple):
            return ", ".join(show(v, 80) for v in value)
        return show(value, 200)


def containers(value: Any) -> list[Variant]:
    """A single value as a pandas selection or a list of one gives it (for :meth:`Kind.variants`)."""
    return [
        ("a one-element Series", pd.Series([value])),
        ("a one-element DataFrame", pd.DataFrame({"value": [value]})),
        ("a one-element array", np.array([value], dtype=object if isinstance(value, str) else None)),
        ("a one-element list", [value]),
    ]
