"""The teacher's edition of a lesson, as nbconvert preprocessors keyed on cell metadata.

An exercise's cells say what they are in their metadata, under ``namlib``:

* ``{"namlib": {"exercise": "03.2"}}``: the card cell, ``namlib.exercise("03.2")`` (a list when
  one cell shows several cards);
* ``{"namlib": {"answer_to": "03.2"}}``: the code cell where the student answers 03.2 (the key
  open questions' Markdown answer cells already carry).

:class:`TeachersEdition` reads only these marks: the ``answer = ...`` statement of each marked
answer cell becomes the exercise's worked solution, a "Teacher notes" cell follows each open
question's card, outputs are cleared and a banner opens the notebook. A cell without the marks
is copied as it is, whatever its code says. :class:`MarkExerciseCells` writes the marks, from
the ``namlib.exercise`` / ``namlib.check`` calls, into cells that lack them. The lessons carry
the marks (``scripts/notebooks.py nav`` writes them); :func:`teachers_edition` still runs it
first, for a copy made before that (a student's, an old lesson), and the marks it adds are not
left in the edition.

From the command line, the same pipeline::

    jupyter nbconvert --to notebook --output-dir build/solutions notebooks/03-how-nam-works.ipynb \\
        --NotebookExporter.preprocessors=namlib.exercises.teachers_edition.MarkExerciseCells \\
        --NotebookExporter.preprocessors=namlib.exercises.teachers_edition.TeachersEdition

Example:
    >>> import nbformat
    >>> lesson = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell('namlib.exercise("03.2")', metadata={"namlib": {"exercise": "03.2"}}),
    ...     nbformat.v4.new_code_cell('answer = ...\\nnamlib.check("03.2", answer)',
    ...                               metadata={"namlib": {"answer_to": "03.2"}})])
    >>> edition, _ = TeachersEdition(lesson_name="03-how-nam-works.ipynb").preprocess(lesson, {})
    >>> [cell.source.splitlines()[0] for cell in edition.cells]
    ["# Teacher's edition", 'namlib.exercise("03.2")', "# Solution (teacher's edition)"]
"""

from __future__ import annotations

import copy
import os
from typing import Any

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode

from namlib.exercises.bank import ExerciseError, ExerciseSpec, load_bank, normalise_id
from namlib.exercises.kinds import kind_of
from namlib.exercises.solutions import (
    _calls_in,
    cell_source,
    checked_ids,
    replace_answer,
    solution_code,
    teacher_notes_markdown,
)

MARKS = "namlib"  # the cell metadata key the marks live under
CARD, ANSWER = "exercise", "answer_to"
# Where MarkExerciseCells tells TeachersEdition which marks it added: {cell index: [key, ...]}.
DERIVED = "namlib_derived_marks"


def _as_id(value: Any) -> str:
    return normalise_id(str(value)) or str(value).strip()


def card_ids(cell: dict) -> list[str]:
    """The exercises whose card a cell shows, by its ``namlib.exercise`` mark.

    Example:
        >>> card_ids({"cell_type": "code", "metadata": {"namlib": {"exercise": "3.2"}}})
        ['03.2']
        >>> card_ids({"cell_type": "code", "metadata": {}, "source": 'namlib.exercise("03.2")'})
        []
    """
    mark = (cell.get("metadata", {}).get(MARKS) or {}).get(CARD)
    if mark is None:
        return []
    return [_as_id(one) for one in (mark if isinstance(mark, list) else [mark])]


def answered_id(cell: dict) -> str | None:
    """The exercise a code cell answers, by its ``namlib.answer_to`` mark (None without one).

    Example:
        >>> answered_id({"cell_type": "code", "metadata": {"namlib": {"answer_to": "03.2"}}})
        '03.2'
    """
    mark = (cell.get("metadata", {}).get(MARKS) or {}).get(ANSWER)
    return _as_id(mark) if mark is not None and cell.get("cell_type") == "code" else None


class MarkExerciseCells(Preprocessor):
    """Mark the exercise cells that carry no mark yet, from their ``namlib.exercise``/``namlib.check`` calls.

    A mark already in a cell is kept as it is. The marks added are listed in
    ``resources["namlib_derived_marks"]``, so that :class:`TeachersEdition`, run next, can leave
    them out of the edition: the edition of an unmarked lesson is then what it always was.

    Example:
        >>> import nbformat
        >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('namlib.exercise("3.2")')])
        >>> nb, resources = MarkExerciseCells().preprocess(nb, {})
        >>> nb.cells[0].metadata, resources["namlib_derived_marks"]
        ({'namlib': {'exercise': '03.2'}}, {0: ['exercise']})
    """

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        added: dict[int, list[str]] = {}
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            marks = cell.metadata.get(MARKS) or {}
            source = cell_source(cell)
            cards = [exercise_id for _line, exercise_id in _calls_in(source)]
            checks = checked_ids(source)
            found = {CARD: cards[0] if len(cards) == 1 else cards, ANSWER: checks[0] if checks else None}
            for key, value in found.items():
                if key not in marks and value:
                    marks[key] = value
                    added.setdefault(index, []).append(key)
            if index in added:
                cell.metadata[MARKS] = marks
        resources[DERIVED] = added
        return nb, resources


def banner(name: str) -> str:
    """The Markdown cell that opens a teacher's edition."""
    return (
        "# Teacher's edition\n\n"
        f"This copy of *{name}* was generated by `python -m namlib exercises solutions`: each answer cell "
        "holds the worked solution and open questions carry teacher notes. Do not hand it out to students; "
        "edit the lesson notebook and the exercise bank, never this copy."
    )


def _markdown_cell(nb: Any, source: str, cell_id: str) -> Any:
    cell: dict[str, Any] = {"cell_type": "markdown", "metadata": {}, "source": source}
    if nb.get("nbformat", 4) > 4 or nb.get("nbformat_minor", 0) >= 5:  # cell ids came with nbformat 4.5
        cell["id"] = cell_id
    return nbformat.from_dict(cell)


def _unmark(cell: Any, keys: list[str]) -> None:
    """Take out the marks MarkExerciseCells added, and the ``namlib`` key if nothing else is left in it."""
    marks = cell.metadata.get(MARKS) or {}
    for key in keys:
        marks.pop(key, None)
    if keys and not marks:
        cell.metadata.pop(MARKS, None)


class TeachersEdition(Preprocessor):
    """Turn a lesson whose exercise cells are marked into its teacher's edition.

    Raises :class:`ExerciseError` listing the cells it cannot fill in (an exercise not in the
    bank, or an answer cell without an ``answer = ...`` line before its ``namlib.check``).
    """

    bank = Unicode(None, allow_none=True, help="the exercise bank folder (default: namlib's own)").tag(config=True)
    lesson_name = Unicode("", help="the lesson's file name, for the banner").tag(config=True)

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        specs = load_bank(self.bank)
        derived = resources.get(DERIVED) or {}
        name = self.lesson_name or (f"{resources['metadata']['name']}.ipynb" if _named(resources) else "the lesson")
        nb.metadata.pop("widgets", None)  # no widget state: the edition is re-run, never replayed
        cells = [_markdown_cell(nb, banner(name), "teacher-edition-banner")]
        problems: list[str] = []
        for index, cell in enumerate(nb.cells):
            cells.append(cell)
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
                problems += _fill_in(cell, index, specs)
                cells += [_notes_cell(nb, spec) for spec in _open(cell, specs)]
                problems += [f"cell {index}: exercise {i!r} is not in the bank" for i in _unknown(cell, specs)]
            _unmark(cell, derived.get(index, []))
        if problems:
            raise ExerciseError(f"Cannot make the teacher's edition of {name}: " + "; ".join(problems))
        nb.cells = cells
        return nb, resources


def _named(resources: dict) -> bool:
    """Whether nbconvert gave the notebook's name (it does when it reads the notebook from a file)."""
    return bool((resources.get("metadata") or {}).get("name"))


def _fill_in(cell: Any, index: int, specs: dict[str, ExerciseSpec]) -> list[str]:
    """Put the worked solution in a marked answer cell; the problems, if it cannot."""
    target = answered_id(cell)
    if target is None:
        return []
    spec = specs.get(target)
    if spec is None:
        return [f"cell {index}: namlib.check for unknown exercise {target!r}"]
    new_source = replace_answer(cell_source(cell), solution_code(spec))
    if new_source is None:
        return [f"cell {index}: no `answer = ...` line before namlib.check ({spec.id})"]
    cell.source = new_source
    return []


def _open(cell: Any, specs: dict[str, ExerciseSpec]) -> list[ExerciseSpec]:
    """The open questions whose card the cell shows: teacher notes follow each."""
    return [specs[i] for i in card_ids(cell) if i in specs and not kind_of(specs[i].kind).graded]


def _unknown(cell: Any, specs: dict[str, ExerciseSpec]) -> list[str]:
    return [i for i in card_ids(cell) if i not in specs]


def _notes_cell(nb: Any, spec: ExerciseSpec) -> Any:
    return _markdown_cell(nb, teacher_notes_markdown(spec), f"teacher-notes-{spec.id.replace('.', '-')}")


def teachers_edition(nb: dict, bank: str | os.PathLike | None = None, name: str = "the lesson") -> Any:
    """The teacher's edition of a lesson (a new notebook; ``nb`` is not changed).

    The cells the lesson does not mark are marked from their code first (:class:`MarkExerciseCells`).

    Example:
        >>> nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        ...     {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "execution_count": 1,
        ...      "source": 'answer = ...  # your answer here\\nnamlib.check("03.2", answer)'}]}
        >>> edition = teachers_edition(nb, name="03-how-nam-works.ipynb")
        >>> [cell.id for cell in edition.cells], edition.cells[1].metadata
        (['teacher-edition-banner', 'a'], {})
    """
    edition = nbformat.from_dict(copy.deepcopy(nb))
    resources: dict = {}
    bank_path = None if bank is None else str(bank)
    for step in (MarkExerciseCells(), TeachersEdition(bank=bank_path, lesson_name=name)):
        edition, resources = step.preprocess(edition, resources)
    return edition
