"""Check a student's answer against an exercise and say what is off.

:func:`check` never raises: whatever the student passes (a DataFrame where a
number was expected, a string ``"120"``, ``object()``...), it returns a
:class:`Feedback` with one of five statuses:

======================  ==================================  ===========================
status                  shown as                            when
======================  ==================================  ===========================
``correct``             ``✔ Correct``                       the answer is right
``incorrect``           ``✘ Not yet``                       wrong, with feedback
``not_attempted``       ``… Not attempted yet``             ``...``, ``None`` or the starter
``invalid``             ``? Check the type``                the wrong kind of value
``open``                ``✎ Discussion question``           open questions, never graded
======================  ==================================  ===========================

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

import contextlib
import datetime as dt
import decimal
import difflib
import fractions
import html
import io
import itertools
import math
import re
import unicodedata
import warnings
import weakref
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.bank import ExerciseSpec, decode
from namlib.exercises.names import LONG_NAMES

STATUSES = {
    "correct": ("✔", "Correct", "#009e73", "#eef8f4"),
    "incorrect": ("✘", "Not yet", "#d55e00", "#fdf1ea"),
    "not_attempted": ("…", "Not attempted yet", "#7f7f7f", "#f5f5f5"),
    "invalid": ("?", "Check the type", "#e69f00", "#fdf6e6"),
    "open": ("✎", "Discussion question", "#0072b2", "#eaf3fa"),
}
MAX_ITEMS = 100_000


class AnswerTypeError(Exception):
    """The answer is not the kind of value the exercise asks for (message for the student)."""


class ExerciseBroken(Exception):
    """The exercise itself cannot be checked (its solution fails): a problem for the teacher."""


def inline_html(text: str) -> str:
    """Escape text for HTML, turning `code` into <code> and blank lines into paragraph breaks.

    Example:
        >>> inline_html("Use `len(df)` & <b>")
        'Use <code>len(df)</code> &amp; &lt;b&gt;'
    """
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return escaped.replace("\n\n", "<br><br>").replace("\n", "<br>")


class Feedback:
    """The result of checking an answer: ``status``, ``message`` and the exercise id.

    ``bool(feedback)`` is True only when the answer is correct. In a notebook it
    shows as a coloured box with a symbol; its text form starts with the symbol
    and the status (``✔ Correct``, ``✘ Not yet``...).

    Example:
        >>> fb = Feedback("incorrect", "Your number is too high.", "00.1")
        >>> fb
        ✘ Not yet · 00.1
        Your number is too high.
        >>> bool(fb), fb.label
        (False, 'Not yet')
    """

    __slots__ = ("status", "message", "exercise_id")

    def __init__(self, status: str, message: str, exercise_id: str | None = None):
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        self.status = status
        self.message = message
        self.exercise_id = exercise_id

    @property
    def symbol(self) -> str:
        return STATUSES[self.status][0]

    @property
    def label(self) -> str:
        return STATUSES[self.status][1]

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        head = f"{self.symbol} {self.label}"
        if self.exercise_id:
            head += f" · {self.exercise_id}"
        return f"{head}\n{self.message}" if self.message else head

    __str__ = __repr__

    def _repr_html_(self) -> str:
        symbol, label, colour, background = STATUSES[self.status]
        ident = (
            f' <span style="color:#555;font-weight:normal">· exercise {html.escape(self.exercise_id)}</span>'
            if self.exercise_id
            else ""
        )
        return (
            f'<div class="namlib-feedback namlib-{self.status}" style="border-left:6px solid {colour};'
            f'background:{background};padding:6px 12px;margin:4px 0;color:#222">'
            f'<b style="color:{colour}">{symbol} {label}</b>{ident}'
            f'<div style="margin-top:2px">{inline_html(self.message)}</div></div>'
        )


# --------------------------------------------------------------------------- describing values


def plain(value: Any) -> Any:
    """NumPy and pandas scalars as the Python values they stand for.

    Example:
        >>> plain(np.int64(3)), plain(np.float64(2.5)), plain(np.array(7)), plain(np.str_("x"))
        (3, 2.5, 7, 'x')
        >>> plain(np.datetime64("2019-10-25"))
        Timestamp('2019-10-25 00:00:00')
    """
    if isinstance(value, np.datetime64):
        return pd.NaT if np.isnat(value) else pd.Timestamp(value)
    if isinstance(value, np.timedelta64):
        return pd.Timedelta(value)
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return plain(value[()])
    return value


def single(value: Any) -> Any:
    """The one value inside a one-element Series, DataFrame, Index, array, list or tuple.

    ``df.loc[mask, "col"]`` gives a Series even when one row matches; a student
    who stops there has the right value, so single-value answers take it out.
    Anything else comes back unchanged.

    Example:
        >>> single(pd.Series([120])), single(pd.DataFrame({"n": [7]})), single([3]), single(np.array([2.5]))
        (120, 7, 3, 2.5)
        >>> single(pd.Series([1, 2])).tolist()
        [1, 2]
    """
    if isinstance(value, pd.DataFrame):
        return plain(value.iat[0, 0]) if value.shape == (1, 1) else value
    if isinstance(value, pd.Series) and len(value) == 1:
        return plain(value.iloc[0])
    if isinstance(value, pd.Index) and len(value) == 1:
        return plain(value[0])
    if isinstance(value, np.ndarray) and value.ndim >= 1 and value.size == 1:
        return plain(value.reshape(-1)[0])
    if isinstance(value, list | tuple) and len(value) == 1 and not isinstance(value[0], list | tuple):
        return plain(value[0])
    return value


def is_missing(value: Any) -> bool:
    """True for NaN, None, pd.NA and NaT (never raises)."""
    value = plain(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, decimal.Decimal):
        return value.is_nan()
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal | fractions.Fraction) and not isinstance(value, bool)


def show(value: Any, limit: int = 60) -> str:
    """A short, deterministic description of a student's value (no memory addresses).

    Example:
        >>> show("Baku"), show(3.5), show(10**50), show(object()), show([1, [2]])
        ("'Baku'", '3.5', 'a number with 51 digits', 'an object', '[1, [2]]')
    """
    value = plain(value)
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= limit else text[: limit - 4] + "…'"
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if abs(value) >= 10**30:
            return f"a number with {int(abs(value).bit_length() * math.log10(2)) + 1} digits"
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        if is_missing(value):
            return "NaT (a missing date)"
        return repr(value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat())
    if value is pd.NA:
        return "<NA> (a missing value)"
    if isinstance(value, list | tuple) and len(value) <= 5:
        inner = ", ".join(show(v, 20) for v in value)
        text = f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
        if len(text) <= limit:
            return text
    return article(type(value).__name__)


def article(noun: str) -> str:
    """``"a list"``, ``"an object"``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _container_message(value: Any, wanted: str) -> str | None:
    """The message for a table, column or list given where one value was expected."""
    if isinstance(value, pd.DataFrame):
        return (
            f"Your answer is a whole table (a DataFrame with {_plural(value.shape[0], 'row')} and "
            f"{_plural(value.shape[1], 'column')}), but {wanted} is expected. To count rows use `len(df)`; "
            "to add up a column use `df['column'].sum()`; to read one cell select it, e.g. "
            "`df.loc[row, 'column']`, or take the single value out with `.item()`."
        )
    if isinstance(value, pd.Series):
        if len(value) == 1:
            return (
                f"Your answer is a Series holding one value, but {wanted} is expected: "
                "take the value out with `.item()`."
            )
        return (
            f"Your answer is a column of values (a Series of length {len(value)}), but {wanted} is expected. "
            "Use `len(s)` to count them, `s.sum()` to add them up, or select one value (`s.iloc[0]`, `.item()`)."
        )
    if isinstance(value, pd.Index):
        return f"Your answer is a pandas Index of length {len(value)}, but {wanted} is expected."
    if isinstance(value, np.ndarray):
        return f"Your answer is a NumPy array of {_plural(value.size, 'value')}, but {wanted} is expected."
    if isinstance(value, list | tuple | set | frozenset | dict):
        name = type(value).__name__
        return (
            f"Your answer is {article(name)} of {_plural(len(value), 'item')}, but {wanted} is expected: "
            "give just that one value, without brackets."
        )
    return None


def _missing_message(value: Any, wanted: str) -> str:
    return (
        f"Your answer is {show(value)}: a missing value, where {wanted} is expected. "
        "Did a filter select no rows, or a lookup find nothing? Print the steps before it to see."
    )


# --------------------------------------------------------------------------- numbers


def as_number(value: Any, *, integer: bool = False) -> int | float:
    """Read a student's number; raise :class:`AnswerTypeError` with a friendly message.

    Example:
        >>> as_number(np.int64(120)), as_number(120.0, integer=True)
        (120, 120)
        >>> as_number("120")
        Traceback (most recent call last):
        ...
        namlib.exercises.checking.AnswerTypeError: Your answer is the text '120'. Write 120 without quotes.
    """
    wanted = "a whole number" if integer else "a number"
    value = plain(value)
    if isinstance(value, bool):
        raise AnswerTypeError(f"Your answer is {value}, a yes/no value, but {wanted} is expected.")
    if is_missing(value):
        raise AnswerTypeError(_missing_message(value, wanted))
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
    message = _container_message(value, wanted)
    if message:
        raise AnswerTypeError(message)
    raise AnswerTypeError(f"Your answer is {show(value)}, but {wanted} is expected.")


def _numbers_equal(got: int | float, expected: int | float, tolerance: float) -> bool:
    if isinstance(got, int) and isinstance(expected, int):
        return abs(got - expected) <= tolerance
    try:
        return abs(float(got) - float(expected)) <= tolerance + 1e-9 * max(1.0, abs(float(expected)))
    except OverflowError:
        return False


# --------------------------------------------------------------------------- text

_LETTERS = str.maketrans(
    {
        "ə": "e",
        "Ə": "e",
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "&": " and ",
    }
)


def normalise_text(text: str) -> str:
    """Text in a form that ignores case, accents, spacing and punctuation (and a leading "the").

    Example:
        >>> normalise_text("  The Non-Aligned   MOVEMENT! ")
        'non aligned movement'
        >>> normalise_text("Bakı") == normalise_text("baki"), normalise_text("Baku") == normalise_text(" BAKU.")
        (True, True)
        >>> normalise_text("Côte d’Ivoire") == normalise_text("Cote d'Ivoire")
        True
    """
    text = unicodedata.normalize("NFKD", str(text).translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`ʼ]", "", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def as_text(value: Any) -> str:
    """Read a student's text answer."""
    value = plain(value)
    if isinstance(value, str):
        if not value.strip():
            raise AnswerTypeError("Your answer is an empty text: write your answer between the quotes.")
        return value
    if is_missing(value):
        raise AnswerTypeError(_missing_message(value, "a text"))
    if isinstance(value, bool | int | float):
        raise AnswerTypeError(
            f'Your answer is {show(value)}, but a text is expected: write it in quotes, like answer = "your words".'
        )
    message = _container_message(value, "one text")
    if message:
        raise AnswerTypeError(message)
    raise AnswerTypeError(f"Your answer is {show(value)}, but a text in quotes is expected.")


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_FILLERS = {
    "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur", "thurs",
    "friday", "fri", "saturday", "sat", "sunday", "sun", "the", "of", "st", "nd", "rd", "th", "on",
}  # fmt: skip
_DATE_FORMAT_HINT = "Write it as 'YYYY-MM-DD' (for example '1999-12-31') or like '31 December 1999'."


def _make_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        message = f"{text!r} is not a real date: check the month and the day. {_DATE_FORMAT_HINT}"
        raise AnswerTypeError(message) from None


def parse_date_text(text: str) -> dt.date:
    """Read a date written in any reasonable way; ambiguous forms are refused.

    Example:
        >>> [str(parse_date_text(t)) for t in ["2019-10-25", "25 October 2019", "Oct 25, 2019",
        ...                                    "Friday, 25th of October 2019", "25/10/2019", "20191025"]]
        ['2019-10-25', '2019-10-25', '2019-10-25', '2019-10-25', '2019-10-25', '2019-10-25']
        >>> parse_date_text("10/11/2021")
        Traceback (most recent call last):
        ...
        namlib.exercises.checking.AnswerTypeError: '10/11/2021' is ambiguous: it can be 10 November or
        11 October. Write '2021-11-10' for 10 November, or '2021-10-11' for 11 October.
    """
    original = text
    shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:40] + "…"
    t = text.strip()
    if not t:
        raise AnswerTypeError(f"Your answer is an empty text, not a date. {_DATE_FORMAT_HINT}")
    iso = re.fullmatch(
        r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?", t
    )
    if iso:
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), shown)
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", t)
    if compact:
        return _make_date(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)), shown)
    numeric = re.fullmatch(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})", t)
    if numeric:
        first, second, year_text = int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
        if len(year_text) == 2:
            raise AnswerTypeError(f"{shown!r}: write the year with four digits, as YYYY-MM-DD.")
        year = int(year_text)
        if first > 12 and second <= 12:
            return _make_date(year, second, first, shown)
        if second > 12 and first <= 12:
            return _make_date(year, first, second, shown)
        if first == second:
            return _make_date(year, first, first, shown)
        if first > 12 and second > 12:
            raise AnswerTypeError(f"{shown!r} is not a date: neither number can be a month. {_DATE_FORMAT_HINT}")
        day_first = f"{first} {MONTH_NAMES[second - 1]}"
        month_first = f"{second} {MONTH_NAMES[first - 1]}"
        raise AnswerTypeError(
            f"{shown!r} is ambiguous: it can be {day_first} or {month_first}. "
            f"Write '{year}-{second:02d}-{first:02d}' for {day_first}, or '{year}-{first:02d}-{second:02d}' "
            f"for {month_first}."
        )
    words = [w for w in re.findall(r"[a-z]+|\d+", t.lower()) if w not in _FILLERS]
    if not re.fullmatch(r"[\w\s,.\-/']*", t.lower()):
        words = []
    months = [w for w in words if w in _MONTHS]
    numbers = [w for w in words if w.isdigit()]
    if words and len(months) + len(numbers) == len(words) and len(months) == 1:
        years = [n for n in numbers if len(n) == 4]
        days = [n for n in numbers if len(n) <= 2]
        if len(years) == 1 and len(days) == 1 and len(numbers) == 2:
            return _make_date(int(years[0]), _MONTHS[months[0]], int(days[0]), shown)
        if len(years) == 1 and not days:
            raise AnswerTypeError(f"{shown!r} has no day: a date needs day, month and year.")
        if not years:
            raise AnswerTypeError(f"{shown!r} has no year (with four digits): a date needs day, month and year.")
    del original
    raise AnswerTypeError(f"{shown!r} could not be read as a date. {_DATE_FORMAT_HINT}")


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
        raise AnswerTypeError(_missing_message(value, "a date"))
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
    if _is_number(value):
        raise AnswerTypeError(
            f"Your answer is the number {show(value)}, but a date is expected: write it as 'YYYY-MM-DD', in quotes."
        )
    message = _container_message(value, "one date")
    if message:
        raise AnswerTypeError(message)
    raise AnswerTypeError(f"Your answer is {show(value)}, but a date is expected. {_DATE_FORMAT_HINT}")


def _make_month(year: int, month: int, text: str) -> tuple[int, int]:
    if not 1 <= month <= 12:
        raise AnswerTypeError(f"{text!r}: {month} is not a month (1 to 12). {_MONTH_FORMAT_HINT}")
    return year, month


_MONTH_FORMAT_HINT = "Write the month and year like 'May 2012' or '2012-05'."


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
            return _make_month(int(year_first.group(1)), int(year_first.group(2)), shown)
        month_first = re.fullmatch(r"(\d{1,2})\s*[-/.]\s*(\d{4})", text)
        if month_first:
            return _make_month(int(month_first.group(2)), int(month_first.group(1)), shown)
        words = [w for w in re.findall(r"[a-z]+|\d+", text.lower()) if w not in _FILLERS]
        months = [w for w in words if w in _MONTHS]
        if len(words) == 2 and len(months) == 1 and any(len(w) == 4 and w.isdigit() for w in words):
            year = next(w for w in words if w.isdigit())
            return int(year), _MONTHS[months[0]]
        try:
            day = parse_date_text(text)
        except AnswerTypeError as err:
            if "ambiguous" in str(err):
                raise
            raise AnswerTypeError(f"{shown!r} could not be read as a month and year. {_MONTH_FORMAT_HINT}") from None
        return day.year, day.month
    if is_missing(value):
        raise AnswerTypeError(_missing_message(value, "a month and year"))
    if isinstance(value, pd.Period):
        return value.year, value.month
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.year, value.month
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999:
        raise AnswerTypeError(f"Your answer is {value}, a year: give the month too. {_MONTH_FORMAT_HINT}")
    message = _container_message(value, "one month and year")
    if message:
        raise AnswerTypeError(message)
    raise AnswerTypeError(f"Your answer is {show(value)}, but a month and year is expected. {_MONTH_FORMAT_HINT}")


# --------------------------------------------------------------------------- choices and orders


def letter(index: int) -> str:
    return chr(ord("A") + index)


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
            "(for example answer = \"B\"), or copy the option's text."
        )
    if isinstance(value, int) and not isinstance(value, bool):
        raise AnswerTypeError(
            f'Answer with the letter of the option (A to {last}), in quotes, not with a number: e.g. answer = "B".'
        )
    if isinstance(value, list | tuple | set | frozenset | pd.Series | np.ndarray):
        raise AnswerTypeError(f"Choose one option: give one letter (A to {last}), not a list.")
    raise AnswerTypeError(f"Your answer is {show(value)}: answer with the letter of one option, A to {last}.")


def order_letters(value: Any, options: tuple[str, ...]) -> list[str]:
    """The options in a student's order, as letters; each option must appear once.

    Example:
        >>> options = ("Bandung", "Belgrade", "Baku")
        >>> order_letters("C, A, B", options), order_letters(["baku", "Bandung", "B"], options)
        (['C', 'A', 'B'], ['C', 'A', 'B'])
    """
    value = plain(value)
    count = len(options)
    last = letter(count - 1)
    how = (
        f"Give the {count} letters A to {last}, each once, in your order: as one string of letters "
        "or as a list of letters."
    )
    if isinstance(value, str):
        compact = re.sub(r"[\s,;>\-–→]+", "", value)
        if not (compact.isascii() and compact.isalpha()):
            raise AnswerTypeError(f"{show(value)} is not an order of the options. {how}")
        letters = list(compact.upper())
    elif isinstance(value, list | tuple | pd.Series | pd.Index | np.ndarray):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        if any(isinstance(plain(item), list | tuple | set | dict) for item in items):
            raise AnswerTypeError(f"Your list holds lists. {how}")
        letters = [option_letter(item, options) for item in items]
    else:
        message = f"Your answer is {show(value)}. {how}"
        raise AnswerTypeError(message)
    unknown = sorted({x for x in letters if ord(x) - ord("A") >= count})
    if unknown:
        raise AnswerTypeError(f"There is no option {', '.join(unknown)}: the options are A to {last}. {how}")
    counts = Counter(letters)
    twice = [x for x in sorted(counts) if counts[x] > 1]
    missing = [letter(i) for i in range(count) if letter(i) not in counts]
    if twice or missing or len(letters) != count:
        parts = []
        if twice:
            parts.append(f"you used {', '.join(twice)} more than once")
        if missing:
            parts.append(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing")
        detail = "; ".join(parts) if parts else f"you gave {len(letters)} letters"
        raise AnswerTypeError(f"Use each option exactly once: {detail}. {how}")
    return letters


# --------------------------------------------------------------------------- sets and lists


def as_items(value: Any) -> list:
    """A student's collection as a list: list, tuple, set, Series, Index, array or other iterable.

    Example:
        >>> as_items(pd.Series([1, 2])), as_items({"b"})
        ([1, 2], ['b'])
    """
    value = plain(value)
    if isinstance(value, pd.DataFrame) and value.shape[1] == 1:
        return value.iloc[:, 0].tolist()
    if isinstance(value, pd.DataFrame):
        raise AnswerTypeError(
            f"Your answer is a whole table (a DataFrame with {_plural(value.shape[1], 'column')}); "
            "give a list of values instead: select one column and turn it into a list, e.g. df['name'].tolist()."
        )
    if isinstance(value, str | bytes):
        raise AnswerTypeError(
            f"Your answer is one text ({show(value)}), but a list of values is expected, like ['first', 'second']."
        )
    if isinstance(value, dict):
        raise AnswerTypeError(
            "Your answer is a dict; give a list instead: list(d) for its keys, or list(d.values()) for its values."
        )
    if isinstance(value, pd.Series | pd.Index | np.ndarray):
        return value.tolist()
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    elif hasattr(value, "__iter__") and not isinstance(value, pd.Timestamp | dt.date):
        items = list(itertools.islice(iter(value), MAX_ITEMS + 1))
    elif is_missing(value):
        raise AnswerTypeError(_missing_message(value, "a list of values"))
    else:
        raise AnswerTypeError(
            f"Your answer is one value ({show(value)}), but a list of values is expected, like [first, second]."
        )
    if len(items) > MAX_ITEMS:
        raise AnswerTypeError(f"Your answer has more than {MAX_ITEMS} items: that cannot be the list asked for.")
    return items


def item_key(value: Any) -> tuple:
    """A comparison key for one item of a set or list: tolerant for text, numbers and dates.

    Example:
        >>> item_key("Baku") == item_key("baku "), item_key(3) == item_key(3.0) == item_key(np.int64(3))
        (True, True)
        >>> item_key(pd.Timestamp("2019-10-25")) == item_key("2019-10-25")
        True
    """
    value = plain(value)
    if is_missing(value):
        return ("missing",)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("num", value)
    if isinstance(value, decimal.Decimal | fractions.Fraction):
        value = float(value)
    if isinstance(value, float):
        if value.is_integer():
            return ("num", int(value))
        return ("num", round(value, 9))
    if isinstance(value, pd.Timestamp | dt.datetime):
        return ("text", normalise_text(dt.date(value.year, value.month, value.day).isoformat()))
    if isinstance(value, dt.date):
        return ("text", normalise_text(value.isoformat()))
    if isinstance(value, str):
        return ("text", normalise_text(value))
    if isinstance(value, list | tuple):
        return ("seq", tuple(item_key(v) for v in value))
    if isinstance(value, set | frozenset):
        return ("set", frozenset(item_key(v) for v in value))
    return ("other", type(value).__name__, normalise_text(str(value)))


def _show_items(items: list, limit: int = 5) -> str:
    shown = [show(x, 40) for x in items[:limit]]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(shown) + more


# --------------------------------------------------------------------------- Series and DataFrames


def _kind_of_values(values: pd.Series) -> str:
    """'text', 'dates', 'numbers', 'booleans' or 'other' for a column."""
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "booleans"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "dates"
    if pd.api.types.is_numeric_dtype(dtype):
        return "numbers"
    if isinstance(dtype, pd.CategoricalDtype):
        return _kind_of_values(pd.Series(dtype.categories))
    sample = [plain(v) for v in values.dropna().head(50).tolist()]
    if sample and all(isinstance(v, str) for v in sample):
        return "text"
    if sample and all(isinstance(v, pd.Timestamp | dt.date) for v in sample):
        return "dates"
    if sample and all(_is_number(v) for v in sample):
        return "numbers"
    return "text" if not sample and pd.api.types.is_string_dtype(dtype) else "other"


def _dtype_mistake(got: pd.Series, expected: pd.Series, name: str | None) -> str | None:
    """Catch known type mistakes in a column: dates or numbers left as text."""
    have, want = _kind_of_values(got), _kind_of_values(expected)
    where = f"Your column {name}" if name is not None else "Your Series"
    access = f"df['{name}']" if name is not None else "s"
    if want == "dates" and have == "text":
        return f"{where} holds text, not dates: parse it with pd.to_datetime, e.g. {access} = pd.to_datetime({access})."
    if want == "dates" and have == "numbers":
        return f"{where} holds numbers, not dates: does it hold years? The answer has full dates there."
    if want == "numbers" and have == "text":
        return f"{where} holds text, not numbers: convert it with pd.to_numeric, e.g. pd.to_numeric({access})."
    return None


def _sortable(value: Any) -> tuple:
    value = plain(value)
    if is_missing(value):
        return (4, "")
    if _is_number(value) or isinstance(value, bool):
        return (0, value)
    if isinstance(value, str):
        return (1, value)
    if isinstance(value, pd.Timestamp | dt.datetime):
        return (2, value.isoformat())
    if isinstance(value, dt.date):
        return (2, value.isoformat())
    return (3, str(value))


def _row_keys(frame: pd.DataFrame | pd.Series, with_index: bool) -> list[tuple]:
    rows = (
        [(v,) for v in frame.tolist()]
        if isinstance(frame, pd.Series)
        else list(frame.itertuples(index=False, name=None))
    )
    labels = frame.index.tolist() if with_index else [None] * len(rows)
    return [
        ((_sortable(label),) if with_index else ()) + tuple(_sortable(v) for v in row)
        for label, row in zip(labels, rows, strict=True)
    ]


def _sort_rows(frame: pd.DataFrame | pd.Series, with_index: bool = False) -> pd.DataFrame | pd.Series:
    """Rows in a canonical order, by their values (and first by their labels when ``with_index``)."""
    keys = _row_keys(frame, with_index)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return frame.iloc[order]


def plain_values(values: pd.Series | pd.Index) -> pd.Series | pd.Index:
    """A column or index with its values in one plain dtype, so that equal values compare equal.

    A right answer may hold its labels as a categorical, as ``str`` or as ``object``, and its
    counts as ``int64``, ``Int64`` or floats without missing values: all of these become
    text (one text dtype), int64 (whole numbers), float64, bool or datetime64[ns].

    Example:
        >>> labels = [pd.Series(["b", "a"], dtype=t) for t in ("category", "str", object)]
        >>> len({str(plain_values(s).dtype) for s in labels})
        1
        >>> [str(plain_values(pd.Series(v, dtype=t)).dtype) for v, t in [([1, 2], "Int64"), ([1.0, 2.0], "float")]]
        ['int64', 'int64']
    """
    if isinstance(values, pd.MultiIndex):
        return pd.MultiIndex.from_arrays(
            [plain_values(values.get_level_values(i)) for i in range(values.nlevels)], names=values.names
        )
    is_index = isinstance(values, pd.Index)
    items = [plain(v) for v in values.tolist()]
    present = [v for v in items if not is_missing(v)]
    dtype: Any = object
    if present and all(isinstance(v, bool) for v in present):
        dtype = bool if len(present) == len(items) else object
    elif present and all(_is_number(v) for v in present):
        whole = len(present) == len(items) and all(float(v).is_integer() for v in present)
        dtype = "int64" if whole and all(abs(v) < 2**63 for v in present) else "float64"
        items = [np.nan if is_missing(v) else v for v in items]
    elif present and all(isinstance(v, pd.Timestamp | dt.datetime) for v in present):
        dtype = "datetime64[ns]"
        items = [pd.NaT if is_missing(v) else v for v in items]
    elif present and all(isinstance(v, str) for v in present):
        items = [np.nan if is_missing(v) else v for v in items]
    try:
        array = np.array(items, dtype=dtype) if dtype != "datetime64[ns]" else pd.to_datetime(items)
    except (TypeError, ValueError, OverflowError):
        array = np.array(items, dtype=object)
    if is_index:
        return pd.Index(array, name=values.name, dtype=array.dtype, tupleize_cols=False)
    return pd.Series(array, index=values.index, name=values.name)


def plain_pandas(obj: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """A Series or DataFrame with every column and its index in plain dtypes (:func:`plain_values`)."""
    # A RangeIndex stays one: it tells "rows numbered 0, 1, 2" apart from labels that happen to be numbers.
    index = obj.index if isinstance(obj.index, pd.RangeIndex) else plain_values(obj.index)
    if isinstance(obj, pd.Series):
        out = plain_values(obj)
    else:
        out = pd.DataFrame({i: plain_values(obj.iloc[:, i]) for i in range(obj.shape[1])})
        out.columns = obj.columns
    out.index = index
    return out


def _same_value(a: Any, b: Any) -> bool:
    a, b = plain(a), plain(b)
    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    if _is_number(a) and _is_number(b):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-5, abs_tol=1e-8)
        except OverflowError:
            return a == b
    if isinstance(a, pd.Timestamp | dt.date) and isinstance(b, pd.Timestamp | dt.date):
        return pd.Timestamp(a) == pd.Timestamp(b)
    try:
        return bool(a == b)
    except Exception:
        return False


def _assert_equal(got, expected, settings: dict) -> AssertionError | None:
    check_dtype = settings.get("check_dtype", False)
    common = dict(
        check_dtype=check_dtype,
        check_names=settings.get("check_names", False),
        check_index_type=check_dtype,
        check_categorical=check_dtype,
        check_freq=False,
        check_flags=False,
    )
    try:
        if isinstance(expected, pd.DataFrame):
            pd.testing.assert_frame_equal(got, expected, check_column_type=check_dtype, **common)
        else:
            pd.testing.assert_series_equal(got, expected, **common)
    except AssertionError as err:
        return err
    except (TypeError, ValueError) as err:
        return AssertionError(str(err))
    return None


def _arrange(obj, expected, settings: dict):
    """Apply the exercise's ignore_* options to a Series or DataFrame (already in plain dtypes)."""
    if (
        isinstance(obj, pd.DataFrame)
        and settings.get("ignore_column_order")
        and set(obj.columns) == set(expected.columns)
    ):
        obj = obj[list(expected.columns)]
    if settings.get("ignore_row_order"):
        # Labels first, then values: the same order for both sides whatever the labels' dtype.
        obj = _sort_rows(obj, with_index=not settings.get("ignore_index"))
    if settings.get("ignore_index"):
        obj = obj.reset_index(drop=True)
    return obj


def _labels_differ(got, expected) -> bool:
    """True when the two have different row labels, whatever their order."""
    keys = [sorted(_sortable(v) for v in x.index.tolist()) for x in (got, expected)]
    return keys[0] != keys[1]


def _labels_as_answer(got, expected):
    """``got`` relabelled with the answer's labels when only their type differs, else None.

    A decade typed as text ("1960") or a number read back from a file labels the same row as
    the answer's 1960: the student's table is right, and is judged on its values.

    Example:
        >>> got = pd.Series([2, 4], index=["1960", "1970"])
        >>> _labels_as_answer(got, pd.Series([2, 4], index=[1960, 1970])).index.tolist()
        [1960, 1970]
        >>> _labels_as_answer(got, pd.Series([2, 4], index=[1960, 1980])) is None
        True
    """
    if got.index.nlevels != 1 or expected.index.nlevels != 1:
        return None
    by_text = {str(plain(label)).strip(): label for label in expected.index}
    if len(by_text) != len(expected.index):
        return None
    try:
        labels = [by_text[str(plain(label)).strip()] for label in got.index]
    except (KeyError, TypeError):
        return None
    out = got.copy()
    out.index = pd.Index(labels, name=got.index.name)
    return out


def _label_message(got, expected) -> str:
    """The first thing to fix when the row labels are not the answer's."""
    name = expected.index.name
    example = show(expected.index[0], 30) if len(expected) else "…"
    if isinstance(got.index, pd.RangeIndex) and not isinstance(expected.index, pd.RangeIndex):
        how = (
            f"set the index to `{name}` first (`.set_index('{name}')`), or group by it"
            if isinstance(name, str)
            else "set the index first (`.set_index(...)`), or group by the right column"
        )
        return (
            f"Your rows are numbered 0, 1, 2, …, but the answer's rows are labelled by "
            f"{f'`{name}`' if isinstance(name, str) else 'a key'} (such as {example}): {how}."
        )
    return (
        "The row labels (the index) are not the answer's: the answer's are like "
        f"{example}. Check what the rows should be labelled by (set_index, groupby)."
    )


def _index_message(expected) -> str:
    if isinstance(expected.index, pd.RangeIndex):
        return (
            "The values are right, but the index (the row labels) is not the answer's 0, 1, 2, ...: "
            "reset it with .reset_index(drop=True)."
        )
    return (
        "The values are right, but the index (the row labels) differs from the answer's. "
        "Check what the rows should be labelled by (set_index, groupby)."
    )


def compare_pandas(got, expected, settings: dict) -> tuple[str, str] | None:
    """None when equal, else ``(status, message)`` saying what differs.

    Example:
        >>> exp = pd.DataFrame({"city": ["Baku"], "start_date": pd.to_datetime(["2019-10-25"])})
        >>> got = pd.DataFrame({"city": ["Baku"], "start_date": ["2019-10-25"]})
        >>> compare_pandas(got, exp, {})
        ('invalid', "Your column start_date holds text, not dates: parse it with pd.to_datetime,
        e.g. df['start_date'] = pd.to_datetime(df['start_date']).")
        >>> compare_pandas(exp.copy(), exp, {}) is None
        True
    """
    is_frame = isinstance(expected, pd.DataFrame)
    noun = "table" if is_frame else "Series"
    if is_frame:
        got_cols, exp_cols = list(got.columns), list(expected.columns)
        missing = [c for c in exp_cols if c not in got_cols]
        extra = [c for c in got_cols if c not in exp_cols]
        if missing or extra:
            parts = []
            in_index = [c for c in missing if c in [n for n in got.index.names if n is not None]]
            if in_index:
                return (
                    "incorrect",
                    f"Column {', '.join(map(str, in_index))} is in your index, not in a column: "
                    "move it back with .reset_index().",
                )
            if missing:
                parts.append(f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(map(str, missing[:8]))}")
            if extra:
                parts.append(
                    f"extra column{'s' if len(extra) > 1 else ''} (not in the answer): {', '.join(map(str, extra[:8]))}"
                )
            return "incorrect", "Your table has the wrong columns: " + "; ".join(parts) + "."
        if len(set(map(str, got_cols))) != len(got_cols):
            return "incorrect", "Your table has two columns with the same name."
        if got_cols != exp_cols and not settings.get("ignore_column_order"):
            return (
                "incorrect",
                f"Right columns, in a different order: put them as {', '.join(map(str, exp_cols))} "
                "(select them in that order with df[[...]]).",
            )
        got = got[exp_cols]
        for name in exp_cols:
            mistake = _dtype_mistake(got[name], expected[name], str(name))
            if mistake:
                return "invalid", mistake
    else:
        mistake = _dtype_mistake(got, expected, None)
        if mistake:
            return "invalid", mistake
        if settings.get("check_names") and got.name != expected.name:
            return (
                "incorrect",
                f"Your Series is named {show(got.name)}; rename it to {show(expected.name)} with .rename().",
            )
    if not settings.get("check_dtype"):
        got, expected = plain_pandas(got), plain_pandas(expected)
    mislabelled = not settings.get("ignore_index") and _labels_differ(got, expected)
    if mislabelled and not isinstance(got.index, pd.RangeIndex):
        relabelled = _labels_as_answer(got, expected)
        if relabelled is not None:
            got, mislabelled = relabelled, False
    numbered = isinstance(got.index, pd.RangeIndex) and not isinstance(expected.index, pd.RangeIndex)
    if mislabelled and (numbered or len(got) == len(expected)):
        # The index is the first thing to fix: value differences mean little while the rows are mislabelled.
        if len(got) == len(expected) and _assert_equal(
            _sort_rows(got.reset_index(drop=True)).reset_index(drop=True),
            _sort_rows(expected.reset_index(drop=True)).reset_index(drop=True),
            settings,
        ) is None and isinstance(expected.index, pd.RangeIndex):
            return "incorrect", _index_message(expected)
        return "incorrect", _label_message(got, expected)
    if len(got) != len(expected):
        rows = "rows" if is_frame else "values"
        return "incorrect", f"Your {noun} has {len(got)} {rows}; the answer has {len(expected)}."
    g, e = _arrange(got, expected, settings), _arrange(expected, expected, settings)
    error = _assert_equal(g, e, settings)
    if error is None:
        return None
    if (
        not settings.get("ignore_index")
        and _assert_equal(g.reset_index(drop=True), e.reset_index(drop=True), settings) is None
    ):
        return "incorrect", _index_message(expected)
    if not settings.get("ignore_row_order"):
        sg = _sort_rows(g.reset_index(drop=True)).reset_index(drop=True)
        se = _sort_rows(e.reset_index(drop=True)).reset_index(drop=True)
        if _assert_equal(sg, se, settings) is None:
            return (
                "incorrect",
                "The right rows, but in a different order: sort them as the question asks (.sort_values).",
            )
    columns = list(e.columns) if is_frame else [None]
    if settings.get("check_dtype"):
        for name in columns:
            have = (g[name] if is_frame else g).dtype
            want = (e[name] if is_frame else e).dtype
            if str(have) != str(want):
                where = f"Column {name}" if is_frame else "Your Series"
                return "incorrect", f"{where} has dtype {have}; the answer's has dtype {want}."
    for position in range(len(e)):
        for name in columns:
            have = (g[name] if is_frame else g).iloc[position]
            want = (e[name] if is_frame else e).iloc[position]
            if not _same_value(have, want):
                label = g.index[position]
                where = f"row {position} (counting from 0; index label {show(label)})"
                column = f", column {name}" if is_frame else ""
                return "incorrect", f"The first difference is at {where}{column}: your value there is {show(have)}."
    if not g.index.equals(e.index):
        return "incorrect", _index_message(expected)
    first = [line for line in str(error).splitlines() if line.strip()][:3]
    return "incorrect", f"Your {noun} differs from the answer: " + " ".join(first)


def as_series(value: Any) -> pd.Series:
    """A student's Series (a one-column DataFrame gets a message, not a silent conversion)."""
    if isinstance(value, pd.Series):
        return value
    if isinstance(value, pd.DataFrame):
        if value.shape[1] == 1:  # df[["col"]]: the same values as the Series df["col"]
            return value.iloc[:, 0]
        raise AnswerTypeError(
            f"Your answer is a table (a DataFrame with {_plural(value.shape[1], 'column')}); this exercise expects "
            "a Series, one column of values: select one column, df['name']."
        )
    value = plain(value)
    if isinstance(value, list | tuple | np.ndarray | pd.Index | set):
        raise AnswerTypeError(
            f"Your answer is {article(type(value).__name__)}; this exercise expects a pandas Series, such as a column "
            "of a DataFrame or the result of value_counts() or groupby()."
        )
    raise AnswerTypeError(f"Your answer is {show(value)}; this exercise expects a pandas Series.")


def as_frame(value: Any) -> pd.DataFrame:
    """A student's DataFrame."""
    if isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, pd.Series):
        raise AnswerTypeError(
            "Your answer is a Series (one column of values); this exercise expects a DataFrame (a table). "
            "Select columns with double brackets, df[['a', 'b']], or turn a Series into a table with "
            ".reset_index() or .to_frame()."
        )
    if type(value).__name__ == "Styler":
        raise AnswerTypeError("Your answer is a styled table (df.style...); give the DataFrame itself.")
    value = plain(value)
    if isinstance(value, list | tuple | dict | np.ndarray):
        raise AnswerTypeError(
            f"Your answer is {article(type(value).__name__)}; this exercise expects a pandas DataFrame (a table)."
        )
    raise AnswerTypeError(f"Your answer is {show(value)}; this exercise expects a pandas DataFrame (a table).")


# --------------------------------------------------------------------------- expected values


def standard_namespace(setup: str | None = None, tables: list[str] | None = None) -> dict:
    """The namespace solutions run in: pd, np, namlib and the tables under their names.

    ``tables=None`` loads every table (``summits = namlib.load("summits")``...);
    ``setup`` (code for what earlier notebook cells define) runs in it last.

    Example:
        >>> ns = standard_namespace("n = len(summits)", tables=["summits"])
        >>> isinstance(ns["summits"], pd.DataFrame) and ns["n"] == len(ns["summits"])
        True
    """
    import namlib

    namespace: dict[str, Any] = {"pd": pd, "np": np, "namlib": namlib, "__name__": "__namlib_solution__"}
    for name in namlib.table_names() if tables is None else tables:
        namespace[name] = namlib.load(name)
    if setup:
        _run(setup, namespace, "<setup>")
    return namespace


def _run(code: str, namespace: dict, label: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(code, label, "exec"), namespace)  # noqa: S102 - code from the exercise bank


def tables_used(*codes: str | None) -> list[str]:
    """The table names that appear as words in some code."""
    import namlib

    text = "\n".join(code for code in codes if code)
    return [name for name in namlib.table_names() if re.search(rf"\b{re.escape(name)}\b", text)]


def run_solution(spec: ExerciseSpec, code: str | None = None) -> Any:
    """Run an exercise's setup and solution code in a fresh standard namespace; return ``answer``."""
    code = spec.secret("solution") if code is None else code
    if not isinstance(code, str):
        raise ExerciseBroken(f"exercise {spec.id} has no solution code to run")
    try:
        namespace = standard_namespace(tables=tables_used(spec.setup, code))
        if spec.setup:
            _run(spec.setup, namespace, f"<setup of exercise {spec.id}>")
        _run(code, namespace, f"<solution of exercise {spec.id}>")
    except Exception as err:
        raise ExerciseBroken(f"the code of exercise {spec.id} failed: {type(err).__name__}: {err}") from err
    if "answer" not in namespace:
        raise ExerciseBroken(f"the solution of exercise {spec.id} does not set `answer`")
    return namespace["answer"]


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _cached(spec: ExerciseSpec, key: str, compute):
    store = _CACHE.setdefault(spec, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def expected_value(spec: ExerciseSpec) -> Any:
    """The expected answer, decoded, or computed by running the solution (cached)."""
    if spec.has("answer"):
        return spec.secret("answer")
    return _cached(spec, "expected", lambda: run_solution(spec))


# --------------------------------------------------------------------------- the kinds


# normalised name -> its long forms (namlib/exercises/names.py)
ALIASES = {normalise_text(name): forms for name, forms in LONG_NAMES.items()}


class _Kind:
    wanted = "a value"

    def __init__(self, spec: ExerciseSpec):
        self.spec = spec
        # Set by read() when a right answer came in a form worth a word (a Timedelta for days).
        self.note: str | None = None

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
        return self.read(value)

    def configure(self, expected: list) -> None:
        pass

    def equal(self, got: Any, expected: Any) -> bool:
        return got == expected

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        return "incorrect", "That is not the answer."


class _Number(_Kind):
    def __init__(self, spec):
        super().__init__(spec)
        self.tolerance = spec.setting("tolerance", 0)
        self.integer = bool(spec.setting("integer", False))

    def configure(self, expected):
        if self.spec.setting("integer") is None:
            self.integer = self.tolerance == 0 and all(isinstance(v, int) for v in expected)

    def read(self, value):
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

    def read_expected(self, value):
        return as_number(single(value))

    def equal(self, got, expected):
        return _numbers_equal(got, expected, self.tolerance)

    def explain(self, got, expected):
        if self.spec.setting("direction"):
            return "incorrect", f"Your number is too {'high' if got > expected else 'low'}."
        return "incorrect", "That is not the number asked for. Check what exactly is counted or measured."


class _Text(_Kind):
    def read(self, value):
        return normalise_text(as_text(single(value)))

    def aliases(self, expected):
        return [normalise_text(alias) for value in expected for alias in ALIASES.get(value, ())]

    def equal(self, got, expected):
        return bool(got) and got == expected

    def explain(self, got, expected):
        targets = [expected, *[normalise_text(a) for a in self._accepted()]]
        if any(difflib.SequenceMatcher(None, got, t).ratio() >= 0.8 for t in targets):
            return "incorrect", "Close, but not quite: check the spelling."
        got_words = set(got.split())
        if any(set(t.split()) < got_words for t in targets):
            return "incorrect", "Your answer says more than the question asks for: give only what is asked."
        if any(got_words and got_words < set(t.split()) for t in targets):
            return "incorrect", "Part of the answer is there, but something is missing."
        return "incorrect", "That is not the answer."

    def _accepted(self) -> list:
        accept = self.spec.secret("accept", [])
        return [a for a in accept if isinstance(a, str)]


class _Date(_Kind):
    def read(self, value):
        return as_date(single(value))

    def explain(self, got, expected):
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
        return "incorrect", message + _direction(self.spec, got, expected, "date")


def _direction(spec: ExerciseSpec, got: Any, expected: Any, noun: str) -> str:
    """The sentence " Your date is too late." (or early) where ``direction = true``; else ""."""
    if not spec.setting("direction"):
        return ""
    return f" Your {noun} is too {'late' if got > expected else 'early'}."


class _Month(_Kind):
    def read(self, value):
        return as_month(value)

    def explain(self, got, expected):
        if got[0] == expected[0]:
            message = "Right year, but not the right month."
        elif got[1] == expected[1]:
            message = "Right month, but not the right year."
        else:
            message = "That is not the month asked for."
        return "incorrect", message + _direction(self.spec, got, expected, "month")


class _Choice(_Kind):
    def read(self, value):
        return option_letter(single(value), self.spec.options)

    def explain(self, got, expected):
        return "incorrect", f"Option {got} is not the answer. Read the other options again."


class _Set(_Kind):
    ordered = False

    def read(self, value):
        items = as_items(value)
        return items, [item_key(x) for x in items]

    def read_expected(self, value):
        items = as_items(value)
        return items, [item_key(x) for x in items]

    def configure(self, expected):
        self.expected_numeric = all(k[0] == "num" for _, keys in expected for k in keys)

    def read_student(self, value):
        items, keys = self.read(value)
        if getattr(self, "expected_numeric", False):
            quoted = [x for x in items if isinstance(plain(x), str) and _looks_numeric(x)]
            if quoted and len(quoted) == len(items):
                raise AnswerTypeError(
                    f"Your items are texts such as {show(quoted[0])}: write the numbers without quotes."
                )
        return items, keys

    def equal(self, got, expected):
        got_keys, exp_keys = got[1], expected[1]
        if self.ordered:
            return got_keys == exp_keys
        return set(got_keys) == set(exp_keys)

    def _membership(self, got, expected) -> list[str]:
        got_items, got_keys = got
        exp_set = set(expected[1])
        right = len(exp_set & set(got_keys))
        missing = len(exp_set - set(got_keys))
        extra, seen = [], set()
        for item, key in zip(got_items, got_keys, strict=True):
            if key not in exp_set and key not in seen:
                seen.add(key)
                extra.append(item)
        if not missing:
            parts = [f"All {len(exp_set)} that belong are there,"]
        else:
            verb = "is" if missing == 1 else "are"
            parts = [f"You have {right} of the {len(exp_set)} right; {missing} {verb} missing."]
        if extra:
            verb = "does" if len(extra) == 1 else "do"
            parts.append(f"{'but ' if not missing else ''}{_show_items(extra)} {verb} not belong in it.")
        elif not missing:
            parts[0] = parts[0].rstrip(",") + "."
        return parts

    def explain(self, got, expected):
        # Repeats never matter in a set, so they get no advice: only what is missing or extra.
        return "incorrect", " ".join(self._membership(got, expected))


def _looks_numeric(text: str) -> bool:
    try:
        float(str(text).replace(",", ""))
    except ValueError:
        return False
    return True


class _List(_Set):
    ordered = True

    def explain(self, got, expected):
        got_keys, exp_keys = got[1], expected[1]
        if Counter(got_keys) == Counter(exp_keys):
            first = next(i for i, (a, b) in enumerate(zip(got_keys, exp_keys, strict=True)) if a != b)
            return (
                "incorrect",
                f"All the right items, but not in the right order: position {first + 1} is the first that differs.",
            )
        parts = []
        if len(got_keys) != len(exp_keys):
            parts.append(f"Your list has {_plural(len(got_keys), 'item')}; the answer has {len(exp_keys)}.")
        parts += self._membership(got, expected)
        in_place = sum(a == b for a, b in zip(got_keys, exp_keys, strict=False))
        parts.append(f"{in_place} of {len(exp_keys)} {'is' if in_place == 1 else 'are'} in the right place.")
        return "incorrect", " ".join(parts)


class _Order(_Kind):
    def read(self, value):
        return order_letters(value, self.spec.options)

    def explain(self, got, expected):
        in_place = sum(a == b for a, b in zip(got, expected, strict=True))
        first = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
        return (
            "incorrect",
            f"{in_place} of {len(expected)} {'is' if in_place == 1 else 'are'} in the right place; "
            f"position {first + 1} is the first that is not.",
        )


class _Pandas(_Kind):
    def __init__(self, spec):
        super().__init__(spec)
        self.settings = {
            key: spec.setting(key)
            for key in ("ignore_index", "ignore_row_order", "ignore_column_order", "check_dtype", "check_names")
            if spec.setting(key) is not None
        }

    def equal(self, got, expected):
        return compare_pandas(got, expected, self.settings) is None

    def explain(self, got, expected):
        return compare_pandas(got, expected, self.settings) or ("incorrect", "That is not the answer.")


    def read_student(self, value):
        value = self.read(value)
        if self.spec.setting("unit") == "days":
            value = self._days(value)
        return value

    def _days(self, value):
        """Timedelta columns as whole days, for exercises that count days."""
        if isinstance(value, pd.Series) and pd.api.types.is_timedelta64_dtype(value.dtype):
            self.note = "Your values are Timedeltas; `.dt.days` gives the numbers of days on their own."
            return value.dt.days
        if isinstance(value, pd.DataFrame):
            columns = [c for c in value.columns if pd.api.types.is_timedelta64_dtype(value[c].dtype)]
            if columns:
                self.note = "Some columns hold Timedeltas; `.dt.days` gives the numbers of days on their own."
                return value.assign(**{str(c): value[c].dt.days for c in columns})
        return value


class _Series(_Pandas):
    def read(self, value):
        return as_series(value)


class _Frame(_Pandas):
    def read(self, value):
        return as_frame(value)


KINDS = {
    "number": _Number,
    "text": _Text,
    "date": _Date,
    "month": _Month,
    "choice": _Choice,
    "set": _Set,
    "list": _List,
    "order": _Order,
    "series": _Series,
    "frame": _Frame,
}


def _prepared(spec: ExerciseSpec, kind: _Kind) -> list:
    def compute():
        values = [kind.read_expected(expected_value(spec))]
        for alternative in spec.secret("accept", []) or []:
            values.append(kind.read_expected(alternative))
        return values + [v for v in kind.aliases(values) if v not in values]

    try:
        return _cached(spec, "prepared", compute)
    except AnswerTypeError as err:
        raise ExerciseBroken(f"the expected answer of exercise {spec.id} is not {kind.wanted}: {err}") from err


def _wrong_answers(spec: ExerciseSpec, kind: _Kind) -> list[tuple[Any, str]]:
    def compute():
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

    return _cached(spec, "wrong", compute)


def decode_entry(entry: dict, key: str) -> Any:
    return decode(entry[key])


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


NOT_ATTEMPTED = "Replace the ... with your answer, then run the cell again."
OPEN_NOTE = (
    "This is a discussion question, so it is not graded. Talk your answer over with a classmate "
    "or in class; your teacher has notes on it."
)


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
    if spec.kind == "open":
        return Feedback("open", OPEN_NOTE, spec.id)
    kind = KINDS[spec.kind](spec)
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
    kind = spec.kind
    if kind == "number":
        integer = spec.setting("integer")
        if integer is None:
            integer = (
                spec.setting("tolerance", 0) == 0 and spec.has("answer") and isinstance(spec.secret("answer"), int)
            )
        if integer:
            return "a whole number, without quotes"
        tolerance = spec.setting("tolerance", 0)
        return f"a number (within ±{tolerance})" if tolerance else "a number, without quotes"
    last = letter(max(len(spec.options), 1) - 1)
    return {
        "text": "a short text in quotes (case, accents and punctuation do not matter)",
        "date": "a date, e.g. 'YYYY-MM-DD' in quotes",
        "month": "a month and year, e.g. 'May 2012' or '2012-05' in quotes",
        "choice": f"the letter of one option, A to {last}, in quotes",
        "set": "a list or set of values (the order does not matter)",
        "list": "a list of values, in the right order",
        "order": f"the letters A to {last} in the right order, e.g. as one string",
        "series": "a pandas Series",
        "frame": "a pandas DataFrame",
        "open": "your own words (a discussion question, not graded)",
    }[kind]
