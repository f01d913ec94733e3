"""The ``order`` kind: every one of the ``options``, once each, in the right order.

Bank fields: ``options`` (2 to 26), ``answer`` (the letters, or the texts, in order). The
student answers "BDCA", "B, D, C, A", a list of letters or of texts, or uses ``namlib.quiz(ID)``.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "order", "title": "t", "question": "Order them.",
    ...                        "options": ["Bandung", "Belgrade", "Baku"], "answer": ["A", "B", "C"],
    ...                        "solution": "answer = 'ABC'", "explanation": "e"})
    >>> Order(spec).read("A > C > B"), Order(spec).explain(["A", "C", "B"], ["A", "B", "C"])[1]
    (['A', 'C', 'B'], '1 of 3 is in the right place; position 2 is the first that is not.')
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.describe import letter, plain, show
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds.base import BankTable, Kind, Variant
from namlib.exercises.kinds.choice import check_options, option_letter
from namlib.exercises.spec import ExerciseSpec


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


class Order(Kind):
    name = "order"
    how_to_answer = (
        "Answer with all the letters in your order, as one string or a list, in the answer cell below; "
        "or use the buttons."
    )
    has_quiz = True
    # Answered by reasoning over a table, not by the filter itself.
    tests_dropped_conditions = False

    def read(self, value: Any) -> Any:
        return order_letters(value, self.spec.options)

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        in_place = sum(a == b for a, b in zip(got, expected, strict=True))
        first = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
        return (
            "incorrect",
            f"{in_place} of {len(expected)} {'is' if in_place == 1 else 'are'} in the right place; "
            f"position {first + 1} is the first that is not.",
        )

    @classmethod
    def check_fields(cls, table: BankTable) -> None:
        check_options(table, order_letters)

    @classmethod
    def phrase(cls, spec: ExerciseSpec) -> str:
        return f"the letters A to {letter(max(len(spec.options), 1) - 1)} in the right order, e.g. as one string"

    @classmethod
    def format_answer(cls, spec: ExerciseSpec, value: Any) -> str:
        letters = order_letters(value, spec.options)
        return ", ".join(f"{x}. {spec.options[ord(x) - ord('A')]}" for x in letters) if letters else letter(0)

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        letters = order_letters(value, spec.options)
        texts = [spec.options[ord(x) - ord("A")] for x in letters]
        return [
            ("one string", "".join(letters)),
            ("with commas", ", ".join(letters)),
            ("with arrows", " > ".join(letters)),
            ("lower case", "".join(letters).lower()),
            ("a list of letters", list(letters)),
            ("a tuple of letters", tuple(letters)),
            ("a Series of letters", pd.Series(letters)),
            ("a list of the options' texts", texts),
        ]
