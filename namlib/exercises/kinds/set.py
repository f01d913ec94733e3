"""The ``set`` kind: a collection whose order does not matter (list, set, tuple, Series, array...).

Bank fields: ``answer`` (a list; optional: the solution computes it). Items compare
tolerantly (:func:`item_key`: text as ``text`` does, 3 == 3.0, a date and its ISO text).
The feedback says how many are right, how many missing, which given items do not belong;
repeats never matter. The ``list`` kind (``kinds/list.py``) builds on this one.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "set", "title": "t", "question": "Which?",
    ...                        "answer": ["Baku", "Cairo"], "solution": "answer = ['Baku', 'Cairo']",
    ...                        "explanation": "e"})
    >>> kind = Set(spec)
    >>> kind.equal(kind.read({"cairo", "BAKU"}), kind.read_expected(["Baku", "Cairo"]))
    True
    >>> kind.explain(kind.read(["Baku", "Lima"]), kind.read_expected(["Baku", "Cairo"]))[1]
    "You have 1 of the 2 right; 1 is missing. 'Lima' does not belong in it."
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import itertools
from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.describe import is_missing, missing_message, plain, plural, show, show_items
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds.base import Kind, Variant
from namlib.exercises.spec import ExerciseSpec
from namlib.exercises.textnorm import normalise_text

MAX_ITEMS = 100_000


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
            f"Your answer is a whole table (a DataFrame with {plural(value.shape[1], 'column')}); "
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
        raise AnswerTypeError(missing_message(value, "a list of values"))
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


def looks_numeric(text: str) -> bool:
    """True for a text that reads as a number ("1,200", "3.5")."""
    try:
        float(str(text).replace(",", ""))
    except ValueError:
        return False
    return True


class Set(Kind):
    name = "set"
    phrase_text = "a list or set of values (the order does not matter)"
    ordered = False

    def read(self, value: Any) -> Any:
        items = as_items(value)
        return items, [item_key(x) for x in items]

    def read_expected(self, value: Any) -> Any:
        items = as_items(value)
        return items, [item_key(x) for x in items]

    def configure(self, expected: list) -> None:
        self.expected_numeric = all(k[0] == "num" for _, keys in expected for k in keys)

    def read_student(self, value: Any) -> Any:
        items, keys = self.read(value)
        if getattr(self, "expected_numeric", False):
            quoted = [x for x in items if isinstance(plain(x), str) and looks_numeric(x)]
            if quoted and len(quoted) == len(items):
                raise AnswerTypeError(
                    f"Your items are texts such as {show(quoted[0])}: write the numbers without quotes."
                )
        return items, keys

    def equal(self, got: Any, expected: Any) -> bool:
        got_keys, exp_keys = got[1], expected[1]
        if self.ordered:
            return bool(got_keys == exp_keys)
        return set(got_keys) == set(exp_keys)

    def membership(self, got: Any, expected: Any) -> list[str]:
        """Sentences on how many items are right, missing, and which do not belong."""
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
            parts.append(f"{'but ' if not missing else ''}{show_items(extra)} {verb} not belong in it.")
        elif not missing:
            parts[0] = parts[0].rstrip(",") + "."
        return parts

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        # Repeats never matter in a set, so they get no advice: only what is missing or extra.
        return "incorrect", " ".join(self.membership(got, expected))

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        items = [plain(x) for x in as_items(value)]
        out = collection_forms(items)
        out += [("in reverse order", list(reversed(items))), ("with a repeat", items + items[:1])]
        try:
            out.append(("a Python set", set(items)))
        except TypeError:  # unhashable items: no set form
            pass
        return out


def collection_forms(items: list) -> list[Variant]:
    """The items as every kind of collection a student may give (for sets and lists)."""
    out: list[Variant] = [
        ("a list", list(items)),
        ("a tuple", tuple(items)),
        ("a Series", pd.Series(items)),
        ("an Index", pd.Index(items)),
        ("a NumPy array", np.array(items, dtype=object)),
        ("a one-column DataFrame", pd.DataFrame({"value": items})),
        ("a Series with another index", pd.Series(items, index=range(10, 10 + len(items)))),
    ]
    if all(isinstance(x, str) for x in items):
        out.append(("a categorical Series", pd.Series(items, dtype="category")))
    return out
