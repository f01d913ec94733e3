"""The ``open`` kind: a discussion question, never graded; ``check`` answers "✎ Discussion question".

Bank fields: ``model_answer`` (required) and ``notes`` for the teacher, ``criteria`` (what a
good answer covers, shown to the student with the example answer). No ``solution``.

Example:
    >>> from namlib.exercises.spec import ExerciseSpec
    >>> spec = ExerciseSpec("00.1", "open", "t", "Why?")
    >>> Open.graded, Open.phrase(spec)
    (False, 'your own words (a discussion question, not graded)')
"""

from __future__ import annotations

from namlib.exercises.kinds.base import Kind
from namlib.exercises.spec import ExerciseSpec

OPEN_NOTE = (
    "This is a discussion question, so it is not graded. Talk your answer over with a classmate "
    "or in class; your teacher has notes on it."
)


class Open(Kind):
    name = "open"
    phrase_text = "your own words (a discussion question, not graded)"
    graded = False

    @classmethod
    def instructions(cls, spec: ExerciseSpec) -> str:
        return (
            "Write your answer in the Markdown cell below (double-click it to edit), then run the cell "
            "after it: it shows what a good answer covers, and an example to compare with yours. "
            "It is a discussion: nothing is graded."
        )
