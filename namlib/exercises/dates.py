"""Reading dates and months written as text, in any reasonable form.

Shared by the ``date`` and ``month`` kinds (``kinds/date.py``, ``kinds/month.py``): the
month names, :func:`parse_date_text` and the format hints of their messages.

Example:
    >>> parse_date_text("Oct 25, 2019"), MONTHS["sept"], MONTH_NAMES[4]
    (datetime.date(2019, 10, 25), 9, 'May')
"""

from __future__ import annotations

import datetime as dt
import re

from namlib.exercises.errors import AnswerTypeError

# month names and their short forms -> the month number
MONTHS = {
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
# words a written date may hold besides the day, the month and the year
FILLERS = {
    "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thur", "thurs",
    "friday", "fri", "saturday", "sat", "sunday", "sun", "the", "of", "st", "nd", "rd", "th", "on",
}  # fmt: skip
DATE_FORMAT_HINT = "Write it as 'YYYY-MM-DD' (for example '1999-12-31') or like '31 December 1999'."


def make_date(year: int, month: int, day: int, text: str) -> dt.date:
    """The date, or :class:`AnswerTypeError` saying ``text`` is not a real date."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        message = f"{text!r} is not a real date: check the month and the day. {DATE_FORMAT_HINT}"
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
        namlib.exercises.errors.AnswerTypeError: '10/11/2021' is ambiguous: it can be 10 November or
        11 October. Write '2021-11-10' for 10 November, or '2021-10-11' for 11 October.
    """
    shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:40] + "…"
    t = text.strip()
    if not t:
        raise AnswerTypeError(f"Your answer is an empty text, not a date. {DATE_FORMAT_HINT}")
    iso = re.fullmatch(
        r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?", t
    )
    if iso:
        return make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), shown)
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", t)
    if compact:
        return make_date(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)), shown)
    numeric = re.fullmatch(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})", t)
    if numeric:
        return _numeric_date(int(numeric.group(1)), int(numeric.group(2)), numeric.group(3), shown)
    found = _worded_date(t, shown)
    if found is not None:
        return found
    raise AnswerTypeError(f"{shown!r} could not be read as a date. {DATE_FORMAT_HINT}")


def _numeric_date(first: int, second: int, year_text: str, shown: str) -> dt.date:
    """A date written with numbers only, day and month in either order: refused when ambiguous."""
    if len(year_text) == 2:
        raise AnswerTypeError(f"{shown!r}: write the year with four digits, as YYYY-MM-DD.")
    year = int(year_text)
    if first > 12 and second <= 12:
        return make_date(year, second, first, shown)
    if second > 12 and first <= 12:
        return make_date(year, first, second, shown)
    if first == second:
        return make_date(year, first, first, shown)
    if first > 12 and second > 12:
        raise AnswerTypeError(f"{shown!r} is not a date: neither number can be a month. {DATE_FORMAT_HINT}")
    day_first = f"{first} {MONTH_NAMES[second - 1]}"
    month_first = f"{second} {MONTH_NAMES[first - 1]}"
    raise AnswerTypeError(
        f"{shown!r} is ambiguous: it can be {day_first} or {month_first}. "
        f"Write '{year}-{second:02d}-{first:02d}' for {day_first}, or '{year}-{first:02d}-{second:02d}' "
        f"for {month_first}."
    )


def _worded_date(t: str, shown: str) -> dt.date | None:
    """A date with its month as a word ("25 October 2019"); None when it does not look like one."""
    words = [w for w in re.findall(r"[a-z]+|\d+", t.lower()) if w not in FILLERS]
    if not re.fullmatch(r"[\w\s,.\-/']*", t.lower()):
        words = []
    months = [w for w in words if w in MONTHS]
    numbers = [w for w in words if w.isdigit()]
    if words and len(months) + len(numbers) == len(words) and len(months) == 1:
        years = [n for n in numbers if len(n) == 4]
        days = [n for n in numbers if len(n) <= 2]
        if len(years) == 1 and len(days) == 1 and len(numbers) == 2:
            return make_date(int(years[0]), MONTHS[months[0]], int(days[0]), shown)
        if len(years) == 1 and not days:
            raise AnswerTypeError(f"{shown!r} has no day: a date needs day, month and year.")
        if not years:
            raise AnswerTypeError(f"{shown!r} has no year (with four digits): a date needs day, month and year.")
    return None


MONTH_FORMAT_HINT = "Write the month and year like 'May 2012' or '2012-05'."


def make_month(year: int, month: int, text: str) -> tuple[int, int]:
    """``(year, month)``, or :class:`AnswerTypeError` when ``month`` is not 1 to 12."""
    if not 1 <= month <= 12:
        raise AnswerTypeError(f"{text!r}: {month} is not a month (1 to 12). {MONTH_FORMAT_HINT}")
    return year, month
