"""The ``date`` kind: a date, as text in any reasonable form or as a date value.

Bank fields: ``answer = "YYYY-MM-DD"`` (optional: the solution computes it),
``direction = true`` ("too early" / "too late"). A form that can be read two ways, such as
"01/09/1961", is refused with exactly what to write (:func:`~namlib.exercises.dates.parse_date_text`).

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "date", "title": "t", "question": "When?",
    ...                        "answer": "2019-10-25", "solution": "answer = '2019-10-25'", "explanation": "e"})
    >>> kind = Date(spec)
    >>> kind.read("25 October 2019"), kind.explain(dt.date(2019, 10, 26), dt.date(2019, 10, 25))[1]
    (datetime.date(2019, 10, 25), 'Right month and year; the day is not right.')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.dates import DATE_FORMAT_HINT, MONTH_NAMES, parse_date_text
from namlib.exercises.describe import container_message, is_missing, is_number, missing_message, plain, show, single
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds.base import Kind, Variant
from namlib.exercises.spec import ExerciseSpec


def as_date(value: Any) -> dt.date:
    """Read a student's date: text in any reasonable form, datetime, date, Timestamp or np.datetime64.

    Example:
        >>> as_date(pd.Timestamp("2019-10-25 14:00")), as_date(np.datetime64("2019-10-25"))
        (datetime.date(2019, 10, 25), datetime.date(2019, 10, 25))
    """
    value = plain(value)
    if isinstance(value, str):
        return parse_date_text(value)
    if is_missing(value):
        raise AnswerTypeError(missing_message(value, "a date"))
    if isinstance(value, pd.Timestamp | dt.datetime):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Period):
        return as_date(value.start_time)
    if isinstance(value, bool):
        raise AnswerTypeError(f"Your answer is {value}, a yes/no value, but a date is expected.")
    if isinstance(value, int) and 1000 <= value <= 2999:
        raise AnswerTypeError(
            f"Your answer is {value}, a year. A date has day, month and year: write it as 'YYYY-MM-DD', in quotes."
        )
    if is_number(value):
        raise AnswerTypeError(
            f"Your answer is the number {show(value)}, but a date is expected: write it as 'YYYY-MM-DD', in quotes."
        )
    message = container_message(value, "one date")
    if message:
        raise AnswerTypeError(message)
    raise AnswerTypeError(f"Your answer is {show(value)}, but a date is expected. {DATE_FORMAT_HINT}")


def direction(spec: ExerciseSpec, got: Any, expected: Any, noun: str) -> str:
    """The sentence " Your date is too late." (or early) where ``direction = true``; else ""."""
    if not spec.setting("direction"):
        return ""
    return f" Your {noun} is too {'late' if got > expected else 'early'}."


class Date(Kind):
    name = "date"
    phrase_text = "a date, e.g. 'YYYY-MM-DD' in quotes"
    wrong_as_series = True

    def read(self, value: Any) -> Any:
        return as_date(single(value))

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        if got.year == expected.year and got.month == expected.day and got.day == expected.month:
            message = "Day and month look swapped: check which number is the month."
        elif (got.year, got.month) == (expected.year, expected.month):
            message = "Right month and year; the day is not right."
        elif (got.month, got.day) == (expected.month, expected.day):
            message = "Right day and month, but not the right year."
        elif got.year == expected.year:
            message = "Right year, but not the right date."
        else:
            message = "That is not the date asked for."
        return "incorrect", message + direction(self.spec, got, expected, "date")

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        day = as_date(single(value))
        stamp = pd.Timestamp(day)
        month = MONTH_NAMES[day.month - 1]
        return [
            ("ISO text", day.isoformat()),
            ("day month year", f"{day.day} {month} {day.year}"),
            ("month day, year", f"{month} {day.day}, {day.year}"),
            ("short month name", f"{day.day} {month[:3]} {day.year}"),
            ("slashes, year first", f"{day.year}/{day.month:02d}/{day.day:02d}"),
            ("a Timestamp", stamp),
            ("a Timestamp with a time", stamp + pd.Timedelta(hours=10)),
            ("a datetime.date", day),
            ("a datetime.datetime", dt.datetime(day.year, day.month, day.day)),
            ("a NumPy datetime64", np.datetime64(day.isoformat())),
            ("a one-element Series of dates", pd.Series([stamp])),
            ("a one-element DataFrame of dates", pd.DataFrame({"start_date": [stamp]})),
            ("a one-element list", [day.isoformat()]),
        ]
