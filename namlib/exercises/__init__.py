"""Exercises with checked answers, hints, quizzes and teacher solutions.

In a lesson notebook a student runs::

    ex = namlib.exercise("03.2")      # shows the exercise card

and, in a later cell::

    answer = ...  # your answer here
    ex.check(answer)

``ex.hint()`` shows the next hint, ``ex.quiz()`` shows a multiple-choice or
ordering question as buttons, and ``ex.solution()`` shows the worked solution
only when the environment variable ``NAMLIB_TEACHER`` is ``1``. The exercises
live in ``namlib/exercises/bank/NN.toml`` (see ``docs/exercises.md``).

Example (an exercise written inline; lessons use ids from the bank):
    >>> ex = Exercise.from_dict({
    ...     "id": "00.1", "kind": "number", "title": "A product", "question": "What is 6 x 7?",
    ...     "answer": 42, "solution": "answer = 6 * 7", "explanation": "Six sevens are forty-two.",
    ...     "hints": ["Multiply.", "It is between 40 and 45."],
    ...     "feedback": [{"answer": 13, "message": "That is 6 + 7: multiply instead."}]})
    >>> ex.check(...)
    … Not attempted yet · 00.1
    Replace the ... with your answer, then run the cell again.
    >>> ex.check(13)
    ✘ Not yet · 00.1
    That is 6 + 7: multiply instead.
    >>> ex.check(42)
    ✔ Correct · 00.1
    Six sevens are forty-two.
    >>> ex.hint()
    Hint 1 of 2: Multiply.
"""

from __future__ import annotations

import html
import os
import sys
from typing import Any

from namlib.exercises.bank import (
    BANK_ENV,
    BankError,
    ExerciseError,
    ExerciseSpec,
    UnknownExerciseError,
    bank_dir,
    get_spec,
    load_bank,
    spec_from_dict,
)
from namlib.exercises.checking import Feedback, check, inline_html, kind_phrase, letter
from namlib.exercises.solutions import exercise_ids_in

TEACHER_ENV = "NAMLIB_TEACHER"

__all__ = [
    "BANK_ENV",
    "TEACHER_ENV",
    "BankError",
    "Exercise",
    "ExerciseError",
    "Feedback",
    "Note",
    "UnknownExerciseError",
    "all_exercises",
    "bank_dir",
    "exercise",
    "exercise_ids_in",
    "teacher_mode",
]


def teacher_mode() -> bool:
    """True when ``NAMLIB_TEACHER=1``: ``ex.solution()`` then shows the worked solutions.

    Example:
        >>> import os
        >>> teacher_mode() == (os.environ.get("NAMLIB_TEACHER") == "1")
        True
    """
    return os.environ.get(TEACHER_ENV) == "1"


class Note:
    """A message shown in the notebook: a heading, some text and optional code blocks.

    Example:
        >>> Note("Hint 1 of 2", "Count the rows.")
        Hint 1 of 2: Count the rows.
    """

    COLOURS = {"hint": "#56b4e9", "solution": "#009e73", "info": "#7f7f7f", "card": "#0072b2"}

    def __init__(
        self, heading: str, text: str = "", blocks: list[tuple[str, str, bool]] | None = None, style: str = "hint"
    ):
        self.heading = heading
        self.text = text
        self.blocks = blocks or []  # (title, body, is_code)
        self.style = style

    def __repr__(self) -> str:
        if not self.blocks:
            return f"{self.heading}: {self.text}" if self.text else self.heading
        lines = [self.heading]
        if self.text:
            lines.append(self.text)
        for title, body, is_code in self.blocks:
            lines.append("")
            if title:
                lines.append(f"{title}:")
            lines += [("    " + line if is_code and line else line) for line in body.rstrip("\n").split("\n")]
        return "\n".join(lines)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        colour = self.COLOURS.get(self.style, "#7f7f7f")
        parts = [
            f'<div class="namlib-note namlib-{self.style}" style="border-left:6px solid {colour};'
            f'padding:6px 12px;margin:4px 0;background:#f7f9fb;color:#222">',
            f"<b>{html.escape(self.heading)}</b>",
        ]
        if self.text:
            parts.append(f'<div style="margin-top:2px">{inline_html(self.text)}</div>')
        for title, body, is_code in self.blocks:
            if title:
                parts.append(f'<div style="margin-top:6px"><b>{html.escape(title)}</b></div>')
            if is_code:
                parts.append(
                    '<pre style="background:#eef1f4;padding:6px;margin:2px 0;white-space:pre-wrap">'
                    f"{html.escape(body.rstrip())}</pre>"
                )
            else:
                parts.append(f"<div>{inline_html(body.strip())}</div>")
        parts.append("</div>")
        return "".join(parts)


class Exercise:
    """One exercise: ``check(answer)``, ``hint()``, ``solution()`` and, for choices and orders, ``quiz()``.

    Get one with :func:`exercise` (``namlib.exercise("03.2")``). In a notebook it
    shows as a card with the question and how to answer.
    """

    def __init__(self, spec: ExerciseSpec):
        self._spec = spec
        self._hints_shown = 0

    @classmethod
    def from_dict(cls, data: dict) -> Exercise:
        """An exercise from a dict shaped like one ``[[exercise]]`` table (plain or encoded values)."""
        return cls(spec_from_dict(data))

    # -- what the exercise is
    @property
    def id(self) -> str:
        return self._spec.id

    @property
    def kind(self) -> str:
        return self._spec.kind

    @property
    def title(self) -> str:
        return self._spec.title

    @property
    def question(self) -> str:
        return self._spec.question

    @property
    def options(self) -> tuple[str, ...]:
        return self._spec.options

    @property
    def hints(self) -> tuple[str, ...]:
        return self._spec.hints

    @property
    def spec(self) -> ExerciseSpec:
        return self._spec

    # -- what a student does
    def check(self, answer: Any = ...) -> Feedback:
        """Check an answer. Returns :class:`Feedback`; never raises, whatever ``answer`` is."""
        return check(self._spec, answer)

    def hint(self, level: int | None = None) -> Note:
        """The next hint (``ex.hint()``) or a given one (``ex.hint(2)``)."""
        hints = self._spec.hints
        if not hints:
            return Note("No hints", "This exercise has no hints. Re-read the question and the section above it.")
        count = len(hints)
        if level is not None:
            if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= count:
                return Note(
                    "Hint",
                    f"This exercise has {count} hint{'s' if count > 1 else ''}: "
                    f"ask for one with ex.hint(1) to ex.hint({count}), or just ex.hint().",
                )
            self._hints_shown = max(self._hints_shown, level)
            return Note(f"Hint {level} of {count}", hints[level - 1])
        if self._hints_shown >= count:
            return Note(
                f"Hint {count} of {count}",
                f"{hints[-1]}\n(That was the last hint. Still stuck? Ask a classmate or your teacher.)",
            )
        self._hints_shown += 1
        return Note(f"Hint {self._hints_shown} of {count}", hints[self._hints_shown - 1])

    def solution(self) -> Note:
        """The worked solution, in teacher mode only (``NAMLIB_TEACHER=1``)."""
        if not teacher_mode():
            more = " Try ex.hint() for a hint." if self._spec.hints else ""
            return Note(
                "Solution",
                "Worked solutions are in the teacher's edition of the notebooks (your teacher makes it "
                f"with `python -m namlib exercises solutions`).{more}",
                style="info",
            )
        spec = self._spec
        blocks: list[tuple[str, str, bool]] = []
        code = spec.secret("solution")
        if isinstance(code, str) and code.strip():
            blocks.append(("Code", code, True))
        if spec.kind == "open":
            blocks.append(("Model answer", str(spec.secret("model_answer", "")), False))
            notes = spec.secret("notes")
            if notes:
                blocks.append(("Notes for the discussion", str(notes), False))
        elif spec.explanation:
            blocks.append(("Why", spec.explanation, False))
        return Note(f"Solution · {spec.id}", "", blocks, style="solution")

    def quiz(self):
        """Buttons for a multiple-choice or ordering question (text everywhere widgets cannot show)."""
        if self._spec.kind not in ("choice", "order"):
            return Note(
                "No quiz",
                "ex.quiz() is for multiple-choice and ordering questions; answer this one with ex.check(answer).",
                style="info",
            )
        from namlib.exercises.quiz import Quiz

        return Quiz(self)

    # -- how it shows
    def instructions(self) -> str:
        spec = self._spec
        if spec.kind == "open":
            text = 'Write your thoughts as answer = "..." and run ex.check(answer): it is a discussion, not graded.'
        else:
            text = "Write your answer in the next cell and run ex.check(answer)."
            if spec.kind == "choice":
                text = "Answer with one letter, as in ex.check('B'), or use ex.quiz()."
            elif spec.kind == "order":
                text = (
                    "Answer with all the letters in your order, as one string or a list, in ex.check(...); "
                    "or use ex.quiz()."
                )
        if spec.hints:
            text += " Run ex.hint() for a hint."
        return text

    def __repr__(self) -> str:
        spec = self._spec
        lines = [f"Exercise {spec.id} · {spec.title}", "", spec.question]
        if spec.options:
            lines.append("")
            lines += [f"  {letter(i)}. {option}" for i, option in enumerate(spec.options)]
        lines += ["", f"Answer: {kind_phrase(spec)}.", self.instructions()]
        return "\n".join(lines)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        spec = self._spec
        options = ""
        if spec.options:
            items = "".join(f"<li>{inline_html(o)}</li>" for o in spec.options)
            options = f'<ol type="A" style="list-style-type:upper-alpha;margin:4px 0 4px 1.5em">{items}</ol>'
        return (
            '<div class="namlib-exercise" style="border:1px solid #0072b2;border-left:6px solid #0072b2;'
            'border-radius:4px;padding:8px 12px;margin:6px 0;background:#f5f9fc;color:#222">'
            f'<div style="font-weight:bold;color:#0072b2">Exercise {html.escape(spec.id)} · '
            f"{html.escape(spec.title)}</div>"
            f'<div style="margin:4px 0">{inline_html(spec.question)}</div>{options}'
            f'<div style="margin-top:4px"><b>Answer:</b> {html.escape(kind_phrase(spec))}.</div>'
            f'<div style="color:#555;font-size:90%">{inline_html(self.instructions())}</div></div>'
        )


def _display(obj: Any) -> None:
    """Show ``obj`` when running in IPython/Jupyter; do nothing elsewhere."""
    if "IPython" not in sys.modules:
        return
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover
        return
    if get_ipython() is not None:
        display(obj)


def exercise(exercise_id: str, bank: str | os.PathLike | None = None) -> Exercise:
    """The exercise with this id (``"03.2"``); in a notebook its card is shown.

    Raises :class:`UnknownExerciseError` (a :class:`namlib.NamlibError`) with the
    closest ids when there is no such exercise.

    Example:
        >>> exercise("98.7", bank="no-such-folder")
        Traceback (most recent call last):
        ...
        namlib.exercises.bank.UnknownExerciseError: There is no exercise '98.7': the exercise bank is empty.
    """
    ex = Exercise(get_spec(exercise_id, bank))
    _display(ex)
    return ex


def all_exercises(bank: str | os.PathLike | None = None) -> list[str]:
    """The ids of every exercise in the bank, in lesson and number order.

    Example:
        >>> all_exercises(bank="no-such-folder")
        []
    """
    return list(load_bank(bank))
