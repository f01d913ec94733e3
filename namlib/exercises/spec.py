"""One exercise as the bank describes it (:class:`ExerciseSpec`), and exercise ids.

The secret fields stay encoded in ``raw`` until asked for with :meth:`ExerciseSpec.secret`.
:func:`namlib.exercises.bank.spec_from_dict` checks a bank table and makes a spec.

Example:
    >>> from namlib.exercises.encoding import encode
    >>> spec = ExerciseSpec("03.2", "number", "Members", "How many?", raw={"answer": encode(120)},
    ...                     settings={"direction": True})
    >>> spec.secret("answer"), spec.lesson, spec.setting("direction"), spec.has_starter
    (120, '03', True, False)
    >>> normalise_id("3.2")
    '03.2'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from namlib.exercises.encoding import decode

ID_PATTERN = re.compile(r"^(\d{2})\.(\d{1,3})$")
NO_STARTER: Any = object()


@dataclass(eq=False)
class ExerciseSpec:
    """One exercise as the bank describes it; secret fields stay encoded until asked for."""

    id: str
    kind: str
    title: str
    question: str
    hints: tuple[str, ...] = ()
    explanation: str = ""
    options: tuple[str, ...] = ()
    setup: str | None = None
    settings: dict = field(default_factory=dict)
    feedback: tuple[dict, ...] = ()
    raw: dict = field(default_factory=dict)
    file: str = "<dict>"
    starter: Any = NO_STARTER

    def secret(self, key: str, default: Any = None) -> Any:
        """The decoded value of a secret field (``answer``, ``solution``...)."""
        if key not in self.raw:
            return default
        return decode(self.raw[key])

    def has(self, key: str) -> bool:
        return key in self.raw

    @property
    def has_starter(self) -> bool:
        return self.starter is not NO_STARTER

    @property
    def lesson(self) -> str:
        return self.id.split(".")[0]

    def setting(self, name: str, default: Any = None) -> Any:
        return self.settings.get(name, default)


def normalise_id(exercise_id: Any) -> str | None:
    """The canonical form of an exercise id (``3.2`` and ``"3.2"`` become ``"03.2"``).

    Example:
        >>> normalise_id("3.2"), normalise_id(" 03.10 "), normalise_id("x")
        ('03.2', '03.10', None)
    """
    if isinstance(exercise_id, bool) or not isinstance(exercise_id, str | int | float):
        return None
    text = str(exercise_id).strip()
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,3})", text)
    if not match:
        return None
    return f"{int(match.group(1)):02d}.{int(match.group(2))}"


def sort_key(exercise_id: str) -> tuple[int, int]:
    """Lesson and number, so that 03.10 comes after 03.9."""
    lesson, number = exercise_id.split(".")
    return int(lesson), int(number)
