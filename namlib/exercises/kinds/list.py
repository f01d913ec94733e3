"""The ``list`` kind: a collection in the right order (a ``set`` whose order matters).

Bank fields: ``answer`` (a list; optional: the solution computes it). The feedback adds
"all the right items, but not in the right order" and how many are in place.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "list", "title": "t", "question": "In order?",
    ...                        "answer": ["Kampala", "Baku"], "solution": "answer = ['Kampala', 'Baku']",
    ...                        "explanation": "e"})
    >>> kind = List(spec)
    >>> kind.explain(kind.read(["Baku", "Kampala"]), kind.read_expected(["Kampala", "Baku"]))[1]
    'All the right items, but not in the right order: position 1 is the first that differs.'
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from namlib.exercises.describe import plain, plural
from namlib.exercises.kinds.base import Variant
from namlib.exercises.kinds.set import Set, as_items, collection_forms
from namlib.exercises.spec import ExerciseSpec


class List(Set):
    name = "list"
    phrase_text = "a list of values, in the right order"
    ordered = True

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        got_keys, exp_keys = got[1], expected[1]
        if Counter(got_keys) == Counter(exp_keys):
            first = next(i for i, (a, b) in enumerate(zip(got_keys, exp_keys, strict=True)) if a != b)
            return (
                "incorrect",
                f"All the right items, but not in the right order: position {first + 1} is the first that differs.",
            )
        parts = []
        if len(got_keys) != len(exp_keys):
            parts.append(f"Your list has {plural(len(got_keys), 'item')}; the answer has {len(exp_keys)}.")
        parts += self.membership(got, expected)
        in_place = sum(a == b for a, b in zip(got_keys, exp_keys, strict=False))
        parts.append(f"{in_place} of {len(exp_keys)} {'is' if in_place == 1 else 'are'} in the right place.")
        return "incorrect", " ".join(parts)

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        return collection_forms([plain(x) for x in as_items(value)])
