"""The ``number`` kind: a number, within an optional ``tolerance``; with ``unit = "days"`` a Timedelta too.

Bank fields: ``answer`` (a number, optional: the solution computes it), ``tolerance``,
``direction = true`` ("too high" / "too low"), ``integer``, ``unit = "days"``.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "number", "title": "t", "question": "6 x 7?",
    ...                        "answer": 42, "direction": True, "solution": "answer = 6 * 7", "explanation": "e"})
    >>> kind = Number(spec)
    >>> kind.configure([42]); kind.read(np.int64(40)), kind.explain(40, 42)[1]
    (40, 'Your number is too low.')
    >>> Number.phrase(spec), [label for label, _ in Number.variants(spec, 42)][:2]
    ('a whole number, without quotes', ['a Python int', 'a float'])
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import math
from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.describe import container_message, is_missing, missing_message, plain, show, single
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds.base import Kind, Variant, containers
from namlib.exercises.spec import ExerciseSpec


def as_number(value: Any, *, integer: bool = False) -> int | float:
    """Read a student's number; raise :class:`AnswerTypeError` with a friendly message.

    Example:
        >>> as_number(np.int64(120)), as_number(120.0, integer=True)
        (120, 120)
        >>> as_number("120")
        Traceback (most recent call last):
        ...
        namlib.exercises.errors.AnswerTypeError: Your answer is the text '120'. Write 120 without quotes.
    """
    wanted = "a whole number" if integer else "a number"
    value = plain(value)
    if isinstance(value, bool):
        raise AnswerTypeError(f"Your answer is {value}, a yes/no value, but {wanted} is expected.")
    if is_missing(value):
        raise AnswerTypeError(missing_message(value, wanted))
    if isinstance(value, decimal.Decimal | fractions.Fraction):
        value = int(value) if value == int(value) else float(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isinf(value):
            raise AnswerTypeError(f"Your answer is {value!r} (infinite), but {wanted} is expected.")
        if integer:
            if not value.is_integer():
                raise AnswerTypeError(
                    f"Your answer is {value!r}, but this is a count: a whole number. "
                    "Did you divide, or take a mean, where you meant to count?"
                )
            return int(value)
        return value
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is not None and math.isfinite(number):
            shown = text if len(text) <= 20 else text[:20] + "…"
            raise AnswerTypeError(f"Your answer is the text {show(value)}. Write {shown} without quotes.")
        raise AnswerTypeError(f"Your answer is the text {show(value)}, but {wanted} is expected (without quotes).")
    if isinstance(value, pd.Timestamp | dt.date | dt.datetime):
        raise AnswerTypeError(f"Your answer is a date ({show(value)}), but {wanted} is expected.")
    if isinstance(value, complex):
        raise AnswerTypeError(f"Your answer is a complex number, but {wanted} is expected.")
    message = container_message(value, wanted)
    if message:
        raise AnswerTypeError(message)
    raise AnswerTypeError(f"Your answer is {show(value)}, but {wanted} is expected.")


def numbers_equal(got: int | float, expected: int | float, tolerance: float) -> bool:
    """Equal within ``tolerance`` (and a tiny relative margin for floats)."""
    if isinstance(got, int) and isinstance(expected, int):
        return abs(got - expected) <= tolerance
    try:
        return abs(float(got) - float(expected)) <= tolerance + 1e-9 * max(1.0, abs(float(expected)))
    except OverflowError:
        return False


class Number(Kind):
    name = "number"
    wrong_as_series = True

    def __init__(self, spec: ExerciseSpec):
        super().__init__(spec)
        self.tolerance = spec.setting("tolerance", 0)
        self.integer = bool(spec.setting("integer", False))

    def configure(self, expected: list) -> None:
        if self.spec.setting("integer") is None:
            self.integer = self.tolerance == 0 and all(isinstance(v, int) for v in expected)

    def read(self, value: Any) -> Any:
        value = plain(single(value))
        if isinstance(value, pd.Timedelta | dt.timedelta) and not is_missing(value):
            days = pd.Timedelta(value).days
            if self.spec.setting("unit") == "days":
                self.note = "Your answer is a Timedelta; `.days` gives the number of days on its own."
                return days
            raise AnswerTypeError(
                f"Your answer is a time span (a Timedelta of {days} days), but a number is expected: "
                "`.days` gives its number of days."
            )
        return as_number(value, integer=self.integer)

    def read_expected(self, value: Any) -> Any:
        return as_number(single(value))

    def equal(self, got: Any, expected: Any) -> bool:
        return numbers_equal(got, expected, self.tolerance)

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        if self.spec.setting("direction"):
            return "incorrect", f"Your number is too {'high' if got > expected else 'low'}."
        return "incorrect", "That is not the number asked for. Check what exactly is counted or measured."

    @classmethod
    def phrase(cls, spec: ExerciseSpec) -> str:
        integer = spec.setting("integer")
        if integer is None:
            integer = (
                spec.setting("tolerance", 0) == 0 and spec.has("answer") and isinstance(spec.secret("answer"), int)
            )
        if integer:
            return "a whole number, without quotes"
        tolerance = spec.setting("tolerance", 0)
        return f"a number (within ±{tolerance})" if tolerance else "a number, without quotes"

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        number = as_number(single(value))
        whole = float(number).is_integer()
        out: list[Variant] = [
            ("a Python int" if whole else "a Python float", int(number) if whole else float(number)),
            ("a float", float(number)),
            ("a NumPy scalar", np.int64(int(number)) if whole else np.float64(number)),
            *containers(int(number) if whole else float(number)),
        ]
        if whole:
            out.append(("a one-element Int64 Series", pd.Series([int(number)], dtype="Int64")))
        tolerance = spec.setting("tolerance", 0)
        if tolerance:
            out.append(("within the tolerance", float(number) + tolerance / 2))
        if spec.setting("unit") == "days":
            days = int(number)
            out += [
                ("a Timedelta (end - start)", pd.Timedelta(days=days)),
                ("a datetime.timedelta", dt.timedelta(days=days)),
                ("a one-element Timedelta Series", pd.Series([pd.Timedelta(days=days)])),
            ]
        return out
