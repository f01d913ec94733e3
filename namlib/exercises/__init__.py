"""Exercises with checked answers, hints, quizzes and teacher solutions.

In a lesson notebook each exercise has a card cell and an answer cell, and
both name the exercise, so an answer is always checked against its own
exercise, whatever ran before (Run All, a restart, going back)::

    namlib.exercise("03.2")           # shows the exercise card

    answer = ...  # your answer here
    namlib.check("03.2", answer)
    # namlib.hint("03.2")

``namlib.hint("03.2")`` shows hint 1 of the exercise under the last feedback
of that exercise; ``namlib.hint("03.2", 2)`` the second one. ``namlib.quiz("03.7")``
shows a multiple-choice or ordering question as buttons, and a click counts as
an answer to that exercise. ``namlib.solution("03.2")`` shows the worked
solution once the student has made a real attempt (checked an answer of their own, or
read every hint); for an open question it shows what a good answer covers and an
example. A teacher turns worked solutions off for a class with ``NAMLIB_SOLUTIONS=off``;
``NAMLIB_TEACHER=1`` shows every solution and the teacher's notes at once.
``namlib.progress()`` shows which exercises this student has solved, tried or not yet
attempted, from a record kept in their own working folder (:mod:`namlib.exercises.progress`).
The exercises live in ``namlib/exercises/bank/NN.toml`` (see ``docs/exercises.md``); what each
answer kind accepts and says lives in ``namlib/exercises/kinds/`` (:mod:`namlib.exercises.kinds`).

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
    ✔ Correct · 00.1
    Six sevens are forty-two.
    <BLANKLINE>
    Hint 1 of 2 · 00.1: Multiply.
    <BLANKLINE>
    The next hint: `namlib.hint("00.1", 2)`.
"""

from __future__ import annotations

import html
import os
from typing import Any

import pandas as pd

from namlib.exercises import memory as _memory
from namlib.exercises import progress as _progress
from namlib.exercises.bank import BANK_ENV, bank_dir, get_spec, load_bank, spec_from_dict
from namlib.exercises.checking import check as check_spec
from namlib.exercises.checking import kind_phrase
from namlib.exercises.describe import letter
from namlib.exercises.errors import BankError, ExerciseError, UnknownExerciseError
from namlib.exercises.feedback import Feedback, inline_html
from namlib.exercises.kinds import kind_of
from namlib.exercises.memory import forget as forget
from namlib.exercises.memory import remember_quiz_answer as remember_quiz_answer
from namlib.exercises.notes import Note
from namlib.exercises.progress import PROGRESS_ENV, Progress
from namlib.exercises.solutions import exercise_ids_in
from namlib.exercises.spec import ExerciseSpec

TEACHER_ENV = "NAMLIB_TEACHER"
SOLUTIONS_ENV = "NAMLIB_SOLUTIONS"

__all__ = [
    "BANK_ENV",
    "TEACHER_ENV",
    "BankError",
    "Exercise",
    "ExerciseError",
    "Feedback",
    "Note",
    "PROGRESS_ENV",
    "Progress",
    "SOLUTIONS_ENV",
    "UnknownExerciseError",
    "all_exercises",
    "bank_dir",
    "check",
    "exercise",
    "exercise_ids_in",
    "hint",
    "progress",
    "quiz",
    "solution",
    "solutions_open",
    "teacher_mode",
]

# What this kernel has seen of each exercise (namlib.exercises.memory), by exercise id.
_LAST_FEEDBACK = _memory.LAST_FEEDBACK
_QUIZ_ANSWERS = _memory.QUIZ_ANSWERS
_HINTS_SEEN = _memory.HINTS_SEEN


def teacher_mode() -> bool:
    """True when ``NAMLIB_TEACHER=1``: ``namlib.solution(ID)`` then shows the worked solutions.

    Example:
        >>> import os
        >>> teacher_mode() == (os.environ.get("NAMLIB_TEACHER") == "1")
        True
    """
    return os.environ.get(TEACHER_ENV) == "1"


def solutions_open() -> bool:
    """False when a teacher has turned worked solutions off for the class (``NAMLIB_SOLUTIONS=off``).

    The setting lives in the environment the hub (or ``make lab``) starts the kernel with, so a
    student does not turn it back on by accident.

    Example:
        >>> import os
        >>> solutions_open() == (os.environ.get("NAMLIB_SOLUTIONS", "on").lower() not in ("off", "0", "no", "false"))
        True
    """
    return os.environ.get(SOLUTIONS_ENV, "on").strip().lower() not in ("off", "0", "no", "false")


class Exercise:
    """One exercise: ``check(answer)``, ``hint()``, ``solution()`` and, for choices and orders, ``quiz()``.

    Get one with :func:`exercise` (``namlib.exercise("03.2")``). In a notebook it
    shows as a card with the question and how to answer.
    """

    def __init__(self, spec: ExerciseSpec):
        self._spec = spec

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
        """Check an answer. Returns :class:`Feedback`; never raises, whatever ``answer`` is.

        The feedback is remembered for this exercise (``hint`` shows it again).
        """
        feedback = check_spec(self._spec, answer)
        _LAST_FEEDBACK[self._spec.id] = feedback
        _progress.current().note(self._spec.id, feedback.status)
        return feedback

    def hint(self, number: int = 1) -> Note:
        """Hint ``number`` (1 by default) of this exercise, under the last feedback it gave.

        The same call always shows the same hint: the student chooses when to see the next.
        """
        spec = self._spec
        hints = spec.hints
        last = _LAST_FEEDBACK.get(spec.id)
        if not hints:
            return Note(
                f"No hints · {spec.id}",
                "This exercise has no hints. Re-read the question and the section above it.",
                feedback=last,
            )
        count = len(hints)
        call = f'namlib.hint("{spec.id}", {{}})'
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= count:
            return Note(
                f"Hint · {spec.id}",
                f"This exercise has {count} hint{'s' if count > 1 else ''}: "
                f"ask for them with `{call.format(1)}` to `{call.format(count)}`.",
                feedback=last,
            )
        _HINTS_SEEN[spec.id] = max(_HINTS_SEEN.get(spec.id, 0), number)
        _progress.current().note_hint(spec.id, number)
        text = hints[number - 1]
        if number < count:
            text += f"\n\nThe next hint: `{call.format(number + 1)}`."
        else:
            text += "\n\nThat was the last hint. Still stuck? Ask a classmate or your teacher"
            text += f', or see the worked solution: `namlib.solution("{spec.id}")`.' if solutions_open() else "."
        return Note(f"Hint {number} of {count} · {spec.id}", text, feedback=last)

    def attempted(self) -> bool:
        """True after a real attempt: an answer of the student's own checked, or every hint read.

        Counts what this kernel saw and what the progress record kept, so a restart does not
        take it away.
        """
        spec = self._spec
        last = _LAST_FEEDBACK.get(spec.id)
        if last is not None and last.status in ("correct", "incorrect", "invalid"):
            return True
        record = _progress.current()
        if record.status(spec.id) in ("solved", "tried"):
            return True
        hints = len(spec.hints)
        return hints > 0 and max(_HINTS_SEEN.get(spec.id, 0), record.hints_seen(spec.id)) >= hints

    def solution(self) -> Note:
        """The worked solution once the student has tried; an open question's self-check at any time.

        ``NAMLIB_TEACHER=1`` shows it at once, with an open question's notes for the teacher;
        ``NAMLIB_SOLUTIONS=off`` keeps it closed for a class.
        """
        spec = self._spec
        if teacher_mode():
            return self._worked(teacher=True)
        if not solutions_open():
            more = f' The hints stay open: namlib.hint("{spec.id}").' if spec.hints else ""
            return Note(
                f"Solution · {spec.id}",
                f"Your teacher has turned worked solutions off for this class.{more} Or ask your teacher.",
                style="info",
            )
        if not kind_of(spec.kind).graded:
            return self._worked(teacher=False)
        if not self.attempted():
            count = len(spec.hints)
            hints = (
                f", or read all {count} hint{'s' if count > 1 else ''} "
                f'(namlib.hint("{spec.id}") to namlib.hint("{spec.id}", {count}))'
                if count
                else ""
            )
            return Note(
                f"Try it first · {spec.id}",
                f"The worked solution opens after a real attempt: check an answer of your own in the "
                f"answer cell{hints}. Then run this again.",
                style="info",
            )
        return self._worked(teacher=False)

    def _worked(self, teacher: bool) -> Note:
        spec = self._spec
        blocks: list[tuple[str, str, bool]] = []
        if not kind_of(spec.kind).graded:
            criteria = spec.raw.get("criteria", [])
            if criteria:
                blocks.append(("What a good answer covers", "\n".join(f"- {c}" for c in criteria), False))
            example = str(spec.secret("model_answer", ""))
            if teacher:
                blocks.append(("Model answer", example, False))
                notes = spec.secret("notes")
                if notes:
                    blocks.append(("Notes for the discussion", str(notes), False))
                return Note(f"Solution · {spec.id}", "", blocks, style="solution")
            # The example stays folded until the student opens it, so that it is read after
            # writing one's own answer, not instead of it.
            return Note(
                f"Check your own answer · {spec.id}",
                "",
                blocks,
                style="solution",
                details=("An example answer (open it once you have written yours)", example),
            )
        code = spec.secret("solution")
        if isinstance(code, str) and code.strip():
            blocks.append(("Code", code, True))
        if spec.explanation:
            blocks.append(("Why", spec.explanation, False))
        return Note(f"Solution · {spec.id}", "", blocks, style="solution")

    def quiz(self):
        """Buttons for a multiple-choice or ordering question (text everywhere widgets cannot show)."""
        if not kind_of(self._spec.kind).has_quiz:
            return Note(
                "No quiz",
                f"quiz() is for multiple-choice and ordering questions; answer this one with "
                f'namlib.check("{self._spec.id}", answer).',
                style="info",
            )
        from namlib.exercises.quizzes import Quiz

        return Quiz(self)

    # -- how it shows
    def instructions(self) -> str:
        """How to answer, for the card (the kind says it)."""
        return kind_of(self._spec.kind).instructions(self._spec)

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


def exercise(exercise_id: str, bank: str | os.PathLike | None = None) -> Exercise:
    """The exercise with this id (``"03.2"``); as the last line of a cell it shows as a card.

    Raises :class:`UnknownExerciseError` (a :class:`namlib.NamlibError`) with the
    closest ids when there is no such exercise.

    Example:
        >>> exercise("98.7", bank="no-such-folder")
        Traceback (most recent call last):
        ...
        namlib.exercises.errors.UnknownExerciseError: There is no exercise '98.7': the exercise bank is empty.
    """
    return Exercise(get_spec(exercise_id, bank))


def _lookup(exercise_id: Any) -> Exercise | Feedback:
    """The exercise, or a feedback saying which ids exist (a typo in an id is not a traceback)."""
    try:
        return Exercise(get_spec(exercise_id))
    except ExerciseError as err:
        return Feedback("invalid", str(err), None)


def check(exercise_id: str, answer: Any = ...) -> Feedback:
    """Check ``answer`` against exercise ``exercise_id``; never raises.

    An answer cell names its exercise, so it checks the right one in any order.
    Left at ``...`` after the quiz buttons were used, it shows the quiz's verdict.

    Example:
        >>> check("03.2", 120)
        ✔ Correct · 03.2
        120 member states in 2019...
        >>> check("3.2", "120").status, check("99.1", 1).status
        ('invalid', 'invalid')
    """
    ex = _lookup(exercise_id)
    if isinstance(ex, Feedback):
        return ex
    if answer is ... and ex.id in _QUIZ_ANSWERS:
        chosen = _QUIZ_ANSWERS[ex.id]
        feedback = ex.check(chosen)
        shown = chosen if isinstance(chosen, str) else "".join(str(x) for x in chosen)
        feedback.message += f" (Your answer with the buttons: {shown}.)"
        return feedback
    return ex.check(answer)


def hint(exercise_id: str, number: int = 1) -> Note | Feedback:
    """Hint ``number`` of an exercise (1, 2, ...), shown under that exercise's last feedback.

    Example:
        >>> forget()  # a fresh kernel: nothing checked yet
        >>> hint("03.2")
        Hint 1 of 3 · 03.2: ...
        >>> check("03.2", 137).status
        'incorrect'
        >>> print(hint("03.2", 2))
        ✘ Not yet · 03.2
        That adds the 17 observer states to the members...
        Hint 2 of 3 · 03.2: Observer states and observer organisations are not members...
    """
    ex = _lookup(exercise_id)
    return ex if isinstance(ex, Feedback) else ex.hint(number)


def quiz(exercise_id: str):
    """Buttons for a multiple-choice or ordering exercise; a click is an answer to that exercise."""
    ex = _lookup(exercise_id)
    return ex if isinstance(ex, Feedback) else ex.quiz()


def solution(exercise_id: str) -> Note | Feedback:
    """The worked solution of an exercise, after a real attempt (see :meth:`Exercise.solution`).

    Example:
        >>> forget()
        >>> import os
        >>> # 03.4: an exercise no other example answers (the progress record may keep those)
        >>> os.environ.get("NAMLIB_TEACHER") == "1" or solution("03.4").heading == "Try it first · 03.4"
        True
    """
    ex = _lookup(exercise_id)
    return ex if isinstance(ex, Feedback) else ex.solution()


def progress(lesson: str | int | None = None) -> Progress:
    """Which exercises this student has solved, tried or not yet attempted: a table and a bar.

    ``lesson`` picks one lesson (``"03"`` or ``3``); without it, the whole series. The record
    is the file ``.namlib-progress.json`` in the working folder (see :mod:`namlib.exercises.progress`).
    ``progress().table`` is a DataFrame.

    Example:
        >>> table = progress("03").table
        >>> table.columns.tolist(), table["lesson"].unique().tolist()
        (['lesson', 'exercise', 'title', 'kind', 'status'], ['03'])
    """
    record = _progress.current()
    rows = [
        {
            "lesson": spec.lesson,
            "exercise": spec.id,
            "title": spec.title,
            "kind": spec.kind,
            "status": "discussion" if not kind_of(spec.kind).graded else record.status(spec.id),
        }
        for spec in load_bank().values()
    ]
    table = pd.DataFrame(rows, columns=["lesson", "exercise", "title", "kind", "status"])
    warning = record.warning
    if lesson is not None:
        wanted = f"{lesson:02d}" if isinstance(lesson, int) and not isinstance(lesson, bool) else str(lesson).strip()
        wanted = wanted.zfill(2) if wanted.isdigit() else wanted
        if wanted not in set(table["lesson"]):
            lessons = sorted(set(table["lesson"]))
            warning = (
                (
                    f"There is no lesson {lesson!r}: the lessons are {lessons[0]} to {lessons[-1]}. Showing them all."
                ).strip()
                if lessons
                else warning
            )
        else:
            table = table[table["lesson"] == wanted].reset_index(drop=True)
    return Progress(table, warning, record.path)


def all_exercises(bank: str | os.PathLike | None = None) -> list[str]:
    """The ids of every exercise in the bank, in lesson and number order.

    Example:
        >>> all_exercises(bank="no-such-folder")
        []
    """
    return list(load_bank(bank))
