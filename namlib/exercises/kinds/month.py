"""The ``month`` kind: a month and year, such as "May 2012", "2012-05" or any date inside the month.

Bank fields: ``answer = "YYYY-MM"`` (optional: the solution computes it), ``direction = true``.
The answer is read as ``(year, month)``; the feedback says whether the year or the month is off.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "month", "title": "t", "question": "When?",
    ...                        "answer": "2012-05", "solution": "answer = '2012-05'", "explanation": "e"})
    >>> kind = Month(spec)
    >>> kind.read("May of 2012"), kind.explain((2012, 6), (2012, 5))
    ((2012, 5), ('incorrect', 'Right year, but not the right month.'))
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from namlib.exercises.dates import FILLERS, MONTH_FORMAT_HINT, MONTH_NAMES, MONTHS, make_month, parse_date_text
from namlib.exercises.describe import container_message, is_missing, missing_message, plain, show, single
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds.base import Kind, Variant
from namlib.exercises.kinds.date import direction
from namlib.exercises.spec import ExerciseSpec


def as_month(value: Any) -> tuple[int, int]:
    """Read a month and year: 'May 2012', '2012-05', '05/2012', or any date inside that month.

    Example:
        >>> forms = ["May 2012", "2012 May", "2012-05", "5/2012", "9 May 2012", pd.Timestamp("2012-05-31")]
        >>> [as_month(v) for v in forms]
        [(2012, 5), (2012, 5), (2012, 5), (2012, 5), (2012, 5), (2012, 5)]
    """
    value = plain(single(value))
    if isinstance(value, str):
        text = value.strip()
        shown = text if len(text) <= 40 else text[:40] + "…"
        year_first = re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{1,2})", text)
        if year_first:
            return make_month(int(year_first.group(1)), int(year_first.group(2)), shown)
        month_first = re.fullmatch(r"(\d{1,2})\s*[-/.]\s*(\d{4})", text)
        if month_first:
            return make_month(int(month_first.group(2)), int(month_first.group(1)), shown)
        words = [w for w in re.findall(r"[a-z]+|\d+", text.lower()) if w not in FILLERS]
        months = [w for w in words if w in MONTHS]
        if len(words) == 2 and len(months) == 1 and any(len(w) == 4 and w.isdigit() for w in words):
            year = next(w for w in words if w.isdigit())
            return int(year), MONTHS[months[0]]
        try:
            day = parse_date_text(text)
        except AnswerTypeError as err:
            if "ambiguous" in str(err):
                raise
            raise AnswerTypeError(f"{shown!r} could not be read as a month and year. {MONTH_FORMAT_HINT}") from None
        return day.year, day.month
    if is_missing(value):
        raise AnswerTypeError(missing_message(value, "a month and year"))
    if isinstance(value, pd.Period):
        return value.year, value.month
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.year, value.month
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999:
        raise AnswerTypeError(f"Your answer is {value}, a year: give the month too. {MONTH_FORMAT_HINT}")
    message = container_message(value, "one month and year")
    if message:
        raise AnswerTypeError(message)
    raise AnswerTypeError(f"Your answer is {show(value)}, but a month and year is expected. {MONTH_FORMAT_HINT}")


class Month(Kind):
    name = "month"
    phrase_text = "a month and year, e.g. 'May 2012' or '2012-05' in quotes"

    def read(self, value: Any) -> Any:
        return as_month(value)

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        if got[0] == expected[0]:
            message = "Right year, but not the right month."
        elif got[1] == expected[1]:
            message = "Right month, but not the right year."
        else:
            message = "That is not the month asked for."
        return "incorrect", message + direction(self.spec, got, expected, "month")

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        year, number = as_month(value)
        name = MONTH_NAMES[number - 1]
        last = (pd.Timestamp(year=year, month=number, day=1) + pd.offsets.MonthEnd(0)).day
        return [
            ("month year", f"{name} {year}"),
            ("year month", f"{year} {name}"),
            ("ISO year-month", f"{year}-{number:02d}"),
            ("month/year", f"{number:02d}/{year}"),
            ("short month name", f"{name[:3]} {year}"),
            ("month of year", f"{name} of {year}"),
            ("lower case", f"{name.lower()} {year}"),
            ("a full date in that month", f"9 {name} {year}"),
            ("an ISO date in that month", f"{year}-{number:02d}-{last:02d}"),
            ("a Timestamp in that month", pd.Timestamp(year=year, month=number, day=last)),
            ("a datetime.date in that month", dt.date(year, number, 1)),
            ("a Period", pd.Period(f"{year}-{number:02d}", freq="M")),
            ("a one-element Series of dates", pd.Series([pd.Timestamp(year=year, month=number, day=15)])),
        ]
