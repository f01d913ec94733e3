"""What this kernel has seen of each exercise: its last feedback, the quiz answer, the hints read.

Keyed by exercise id, so answering out of order never mixes them up. :func:`forget` clears
it all, as a kernel restart does (the progress record on disk is another matter:
:mod:`namlib.exercises.progress`).

Example:
    >>> remember_quiz_answer("00.2", "B"); QUIZ_ANSWERS["00.2"]
    'B'
    >>> forget(); "00.2" in QUIZ_ANSWERS
    False
"""

from __future__ import annotations

from typing import Any

from namlib.exercises.feedback import Feedback

LAST_FEEDBACK: dict[str, Feedback] = {}
QUIZ_ANSWERS: dict[str, Any] = {}
HINTS_SEEN: dict[str, int] = {}


def remember_quiz_answer(exercise_id: str, answer: Any) -> None:
    """Record an answer given with the quiz buttons, so the answer cell can report it."""
    QUIZ_ANSWERS[exercise_id] = answer


def forget() -> None:
    """Forget every feedback and quiz answer of this kernel (as a restart does)."""
    LAST_FEEDBACK.clear()
    QUIZ_ANSWERS.clear()
    HINTS_SEEN.clear()
