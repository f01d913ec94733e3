"""The errors of the exercise system: for students, for authors and for teachers.

=========================  ===============================================================
error                      raised when
=========================  ===============================================================
:class:`ExerciseError`     base class (a :class:`namlib.NamlibError`)
:class:`UnknownExerciseError`  an id that is not in the bank; names the closest ids
:class:`BankError`         a bank file not written as the format says (for authors)
:class:`AnswerTypeError`   a student's answer is not the kind of value asked for
:class:`ExerciseBroken`    an exercise cannot be checked (its solution fails): for the teacher
=========================  ===============================================================

:class:`AnswerTypeError` and :class:`ExerciseBroken` never reach a student: the checker
turns them into a :class:`~namlib.exercises.feedback.Feedback`.

Example:
    >>> print(UnknownExerciseError("03.9", ["03.1", "03.2", "05.1"]))
    There is no exercise '03.9'. Did you mean '03.1' or '03.2'?
    Exercise ids look like '03.2' (lesson 03, exercise 2).
    >>> issubclass(BankError, ValueError), str(AnswerTypeError("Write 120 without quotes."))
    (True, 'Write 120 without quotes.')
"""

from __future__ import annotations

import difflib

from namlib.errors import NamlibError


class ExerciseError(NamlibError):
    """Base class for errors about exercises."""


class UnknownExerciseError(ExerciseError, KeyError):
    """An exercise id that is not in the bank; names the closest ids.

    Example:
        >>> print(UnknownExerciseError("03.9", ["03.1", "03.2", "05.1"]))
        There is no exercise '03.9'. Did you mean '03.1' or '03.2'?
        Exercise ids look like '03.2' (lesson 03, exercise 2).
    """

    def __init__(self, exercise_id: object, known: list[str]):
        self.exercise_id = exercise_id
        self.known = list(known)
        if isinstance(exercise_id, bool) or not isinstance(exercise_id, str | int | float):
            super().__init__(
                f"An exercise id is a string such as '03.2'; you gave {_article(type(exercise_id).__name__)}."
            )
            return
        shown = str(exercise_id).strip()
        if not self.known:
            message = f"There is no exercise {shown!r}: the exercise bank is empty."
        else:
            lesson = shown.split(".")[0].zfill(2)
            close = [k for k in self.known if k.split(".")[0] == lesson] or difflib.get_close_matches(
                shown, self.known, n=3, cutoff=0.5
            )
            close = close[:3]
            if close:
                quoted = [repr(c) for c in close]
                choices = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
                message = f"There is no exercise {shown!r}. Did you mean {choices}?"
            else:
                message = f"There is no exercise {shown!r}."
            message += " Exercise ids look like '03.2' (lesson 03, exercise 2)."
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0])


def _article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


class BankError(ExerciseError, ValueError):
    """A bank file that is not written as the format says (for authors)."""


class AnswerTypeError(Exception):
    """The answer is not the kind of value the exercise asks for (message for the student)."""


class ExerciseBroken(Exception):
    """The exercise itself cannot be checked (its solution fails): a problem for the teacher."""
