"""The ``text`` kind: a short text, tolerant of case, accents, spacing and punctuation.

Bank fields: ``answer`` (a string), ``accept`` (other spellings). The official long names of
``namlib/exercises/names.py`` are accepted too. A near miss gets "check the spelling".

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "text", "title": "t", "question": "Where?",
    ...                        "answer": "Baku", "solution": "answer = 'Baku'", "explanation": "e"})
    >>> kind = Text(spec)
    >>> kind.read(" BAKU. "), kind.explain(kind.read("Bakku"), "baku")
    ('baku', ('incorrect', 'Close, but not quite: check the spelling.'))
"""

from __future__ import annotations

import difflib
from typing import Any

import numpy as np

from namlib.exercises.describe import container_message, is_missing, missing_message, plain, show, single
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds.base import Kind, Variant, containers
from namlib.exercises.names import LONG_NAMES
from namlib.exercises.spec import ExerciseSpec
from namlib.exercises.textnorm import normalise_text

# normalised name -> its long forms (namlib/exercises/names.py)
ALIASES = {normalise_text(name): forms for name, forms in LONG_NAMES.items()}


def as_text(value: Any) -> str:
    """Read a student's text answer.

    Example:
        >>> as_text(np.str_("Baku"))
        'Baku'
    """
    value = plain(value)
    if isinstance(value, str):
        if not value.strip():
            raise AnswerTypeError("Your answer is an empty text: write your answer between the quotes.")
        return value
    if is_missing(value):
        raise AnswerTypeError(missing_message(value, "a text"))
    if isinstance(value, bool | int | float):
        raise AnswerTypeError(
            f'Your answer is {show(value)}, but a text is expected: write it in quotes, like answer = "your words".'
        )
    message = container_message(value, "one text")
    if message:
        raise AnswerTypeError(message)
    raise AnswerTypeError(f"Your answer is {show(value)}, but a text in quotes is expected.")


class Text(Kind):
    name = "text"
    phrase_text = "a short text in quotes (case, accents and punctuation do not matter)"
    wrong_as_series = True

    def read(self, value: Any) -> Any:
        return normalise_text(as_text(single(value)))

    def aliases(self, expected: list) -> list:
        return [normalise_text(alias) for value in expected for alias in ALIASES.get(value, ())]

    def equal(self, got: Any, expected: Any) -> bool:
        return bool(got) and got == expected

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
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

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        text = str(single(value))
        names = [text, *[a for a in spec.secret("accept", []) or [] if isinstance(a, str)]]
        out: list[Variant] = [
            ("upper case", text.upper()),
            ("lower case", text.lower()),
            ("extra spaces", "  " + text.replace(" ", "   ") + " "),
            ("a full stop at the end", text + "."),
            ("with 'The' in front", "The " + text),
            ("a NumPy string", np.str_(text)),
            *containers(text),
        ]
        for name in names:
            for alias in (name, *LONG_NAMES.get(name, ())):
                out += [(f"the accepted form {alias!r}", alias), (f"{alias!r} in lower case", alias.lower())]
        return out
