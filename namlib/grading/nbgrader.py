"""nbgrader *source* versions of the lessons: ``python -m namlib exercises nbgrader --out DIR``.

`nbgrader <https://nbgrader.readthedocs.io>`_ is the usual way to hand out and grade notebooks
on a JupyterHub. It starts from a *source* notebook that holds the solutions and marks each
cell with metadata; ``nbgrader generate_assignment`` turns it into the students' copy.
:func:`nbgrader_notebook` makes that source version of one lesson from the lesson and the
exercise bank, and :func:`write_nbgrader_course` writes every lesson into nbgrader's course
layout (``DIR/source/NN-slug/NN-slug.ipynb``) with an ``nbgrader_config.py``:

* each answer cell (``answer = ...`` then ``namlib.check("NN.k", answer)``) becomes an
  autograded answer cell: its ``answer = ...`` line is replaced by the worked solution from
  the bank between ``### BEGIN SOLUTION`` and ``### END SOLUTION``, which
  ``generate_assignment`` turns back into ``answer = ...  # your answer here`` (the
  ``ClearSolutions.code_stub`` of the written configuration);
* after it comes a new, read-only test cell worth :data:`AUTO_POINTS` point(s): it passes when
  ``namlib.exercise("NN.k").check(answer)`` says ✔ Correct. A :class:`~namlib.exercises.Feedback`
  is true only when the answer is correct, and checking never raises, so the assertion
  fails with the student's feedback as its message. It checks the value written in the
  answer cell, never an answer given only with the quiz buttons (nbgrader does not see
  those), and then empties ``answer`` so that a later exercise whose answer cell fails is
  not graded with this one's answer;
* each open question's Markdown answer cell (metadata ``{"namlib": {"answer_to": "NN.k"}}``)
  becomes a manually graded answer cell, worth one point per criterion of "what a good
  answer covers"; the criteria, model answer and discussion notes sit in its solution
  region, so the teacher has them in the source version and students never see them;
* every other cell is locked (nbgrader restores it from the source when it grades), and a
  short note for students after the title says how handing in works.

Nothing here imports nbgrader: the source versions are plain notebooks with nbgrader's cell
metadata (schema version 3). ``tests/test_nbgrader.py`` runs the real nbgrader on them.

Example:
    >>> nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    ...     {"cell_type": "markdown", "id": "title", "metadata": {}, "source": "# 03 · How NAM works"},
    ...     {"cell_type": "code", "id": "card", "metadata": {}, "outputs": [], "execution_count": None,
    ...      "source": 'namlib.exercise("03.2")'},
    ...     {"cell_type": "code", "id": "ans", "metadata": {}, "outputs": [], "execution_count": None,
    ...      "source": 'answer = ...  # your answer here\\nnamlib.check("03.2", answer)'}]}
    >>> from namlib.exercises.bank import get_spec
    >>> source = nbgrader_notebook(nb)
    >>> [cell["metadata"]["nbgrader"]["grade_id"] for cell in source["cells"]]
    ['lesson-title', 'nbgrader-note', 'lesson-card', 'answer-03-2', 'test-03-2']
    >>> print(source["cells"][3]["source"].replace(solution_code(get_spec("03.2")), "<worked solution>\\n"))
    ### BEGIN SOLUTION
    <worked solution>
    ### END SOLUTION
    namlib.check("03.2", answer)
    >>> print(source["cells"][4]["source"])
    # Autograder test for exercise 03.2 (1 point): it passes when your answer above is correct.
    verdict = namlib.exercise("03.2").check(answer)
    answer = ...  # empty again, so that the next exercise is graded on its own answer
    assert verdict, verdict
"""

from __future__ import annotations

import copy
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from namlib.exercises.bank import ExerciseError, ExerciseSpec, load_bank
from namlib.exercises.solutions import (
    ANSWER_LINE,
    cell_source,
    checked_ids,
    exercise_ids_in,
    notebook_paths,
    read_notebook,
    replace_answer,
    solution_code,
    teacher_notes_markdown,
    write_notebook,
)
from namlib.lesson_time import NAV_TAG

__all__ = [
    "AUTO_POINTS",
    "CODE_STUB",
    "TEXT_STUB",
    "config_text",
    "nbgrader_notebook",
    "points_of",
    "write_nbgrader_course",
]

SCHEMA_VERSION = 3
AUTO_POINTS = 1.0
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
# What generate_assignment puts in place of a solution region: the lessons' own starters.
CODE_STUB = "answer = ...  # your answer here"
TEXT_STUB = "Double-click this cell, write your answer in place of this text, then press Shift+Enter."
_GRADE_ID = re.compile(r"^[a-zA-Z0-9_\-]+$")  # nbgrader's pattern for grade_id
_BOLD_HEAD = re.compile(r"^\s*(\*\*[^*\n]+\*\*)\s*(.*)$", re.DOTALL)  # "**Your answer to 03.7.** Double-click..."

STUDENT_NOTE = (
    "**Handing in this lesson.** Work in this notebook itself, not in a copy: it is the one you submit. "
    "Write each answer in its answer cell, in place of the `...` of `answer = ...`; an answer given only "
    "with the buttons of a quiz is not handed in, so type its letter there too. Under each answer cell, a "
    "read-only test cell checks your answer the way your teacher's grading does: run it after the answer "
    "cell. The other cells are read-only; you may add cells of your own. Discussion questions are read "
    "and graded by your teacher."
)


def _meta(
    grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False, points: float | None = None
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
    }
    if grade:
        meta["points"] = float(points if points is not None else AUTO_POINTS)
    return meta


def _slug(exercise_id: str) -> str:
    return exercise_id.replace(".", "-")


def points_of(spec: ExerciseSpec, auto_points: float = AUTO_POINTS) -> float:
    """The points an exercise is worth: ``auto_points`` if checked, one per criterion if open.

    An open question's ``criteria`` ("what a good answer covers") are the marking rubric the
    teacher grades by hand; an open question without criteria is worth one point.

    Example:
        >>> from namlib.exercises.bank import get_spec
        >>> points_of(get_spec("03.2")), points_of(get_spec("03.10"))
        (1.0, 3.0)
    """
    if spec.kind == "open":
        return float(len(spec.raw.get("criteria", [])) or 1)
    return float(auto_points)


def _test_source(exercise_id: str, points: float) -> str:
    shown = f"{points:g} point{'' if points == 1 else 's'}"
    return "\n".join(
        [
            f"# Autograder test for exercise {exercise_id} ({shown}): it passes when your answer above is correct.",
            f'verdict = namlib.exercise("{exercise_id}").check(answer)',
            "answer = ...  # empty again, so that the next exercise is graded on its own answer",
            "assert verdict, verdict",
        ]
    )


def _discussion_source(spec: ExerciseSpec, prompt: str, points: float) -> str:
    match = _BOLD_HEAD.match(prompt)
    head = match.group(1) if match else f"**Your answer to {spec.id}.**"
    criteria = spec.raw.get("criteria", [])
    note = f"*Teacher's notes ({points:g} point(s)): nbgrader leaves them out of the students' copy.*"
    lines = [head, BEGIN, note, ""]
    if criteria:
        lines += ["**What a good answer covers** (one point each):", ""]
        lines += [f"{n}. {c}" for n, c in enumerate(criteria, start=1)] + [""]
    lines += [teacher_notes_markdown(spec), END]
    return "\n".join(lines)


def _new_cell(cell_type: str, source: str, cell_id: str, nbgrader: dict) -> dict:
    cell: dict[str, Any] = {"cell_type": cell_type, "id": cell_id, "metadata": {"nbgrader": nbgrader}, "source": source}
    if cell_type == "code":
        cell.update(outputs=[], execution_count=None)
    return cell


def nbgrader_notebook(
    nb: dict,
    bank: str | os.PathLike | None = None,
    name: str = "the lesson",
    auto_points: float = AUTO_POINTS,
) -> dict:
    """The nbgrader source version of one lesson notebook (a new dict; ``nb`` is not changed).

    ``auto_points`` is what each auto-checked exercise is worth (0 keeps them as practice
    that nbgrader records without counting). Raises :class:`ExerciseError` naming every cell
    it cannot convert: an id not in the bank, an answer cell without ``answer = ...``, an
    auto-checked exercise without an answer cell.
    """
    out = copy.deepcopy(nb)
    out.setdefault("metadata", {}).pop("widgets", None)
    out["nbformat"], out["nbformat_minor"] = 4, max(5, int(out.get("nbformat_minor", 5)))
    builder = _SourceVersion(load_bank(bank), auto_points)
    originals = nb.get("cells", [])
    # The note for students goes under the title, and under the navigation line if one follows it.
    note_after = 1 if len(originals) > 1 and NAV_TAG in originals[1].get("metadata", {}).get("tags", []) else 0
    for index, original in enumerate(originals):
        builder.add(index, original)
        if index == note_after:
            note = _meta(builder.unique("nbgrader-note"), locked=True)
            builder.cells.append(_new_cell("markdown", STUDENT_NOTE, "nbgrader-note", note))
    builder.answer_every_card()
    if builder.problems:
        raise ExerciseError(f"Cannot make the nbgrader source version of {name}: " + "; ".join(builder.problems))
    out["cells"] = builder.cells
    return out


class _SourceVersion:
    """The cells of one source version, built cell by cell, and what could not be converted."""

    def __init__(self, specs: dict[str, ExerciseSpec], auto_points: float) -> None:
        self.specs, self.auto_points = specs, auto_points
        self.cells: list[dict] = []
        self.problems: list[str] = []
        self.used: set[str] = set()  # grade ids, each once
        self.answered: set[str] = set()  # exercises with an answer cell (graded) or a written-answer cell (open)
        self.cards: list[str] = []

    def unique(self, grade_id: str) -> str:
        base, n = grade_id, 2
        while grade_id in self.used:
            grade_id, n = f"{base}-{n}", n + 1
        self.used.add(grade_id)
        return grade_id

    def add(self, index: int, original: dict) -> None:
        """One cell of the lesson: an answer cell, a written answer, or a locked cell."""
        cell = copy.deepcopy(original)
        cell.setdefault("metadata", {}).pop("nbgrader", None)
        is_code = cell.get("cell_type") == "code"
        if is_code:
            cell["outputs"], cell["execution_count"] = [], None
        raw_id = str(cell.get("id") or f"cell-{index:03d}")
        cell["id"] = raw_id
        source = cell_source(cell)
        checks = checked_ids(source) if is_code else []
        open_id = None if is_code else cell["metadata"].get("namlib", {}).get("answer_to")
        if checks and self._answer(index, cell, source, checks[0]):
            return
        if not checks and open_id in self.specs and self.specs[open_id].kind == "open":
            self._discussion(cell, source, self.specs[open_id])
            return
        if is_code:
            self._note_cards(index, cell)
        grade_id = f"lesson-{raw_id}" if _GRADE_ID.match(raw_id) else f"lesson-cell-{index:03d}"
        cell["metadata"]["nbgrader"] = _meta(self.unique(grade_id), locked=True)
        self.cells.append(cell)

    def _answer(self, index: int, cell: dict, source: str, exercise_id: str) -> bool:
        """An answer cell as an autograded answer and its test cell; False (a problem noted) if it cannot be."""
        spec = self.specs.get(exercise_id)
        if spec is None:
            self.problems.append(f"cell {index}: namlib.check for unknown exercise {exercise_id!r}")
            return False
        new_source = replace_answer(source, f"{BEGIN}\n{solution_code(spec).rstrip()}\n{END}\n", header=None)
        if new_source is None:
            self.problems.append(f"cell {index}: no `answer = ...` line before namlib.check ({exercise_id})")
            return False
        if spec.kind == "open":
            self.problems.append(f"cell {index}: {exercise_id} is an open question, but the cell checks an answer")
            return False
        cell["source"] = new_source
        cell["metadata"]["nbgrader"] = _meta(self.unique(f"answer-{_slug(spec.id)}"), solution=True)
        self.cells.append(cell)
        points = points_of(spec, self.auto_points)
        test_id = self.unique(f"test-{_slug(spec.id)}")
        meta = _meta(test_id, grade=True, locked=True, points=points)
        self.cells.append(_new_cell("code", _test_source(spec.id, points), f"nbgrader-{test_id}", meta))
        self.answered.add(spec.id)
        return True

    def _discussion(self, cell: dict, source: str, spec: ExerciseSpec) -> None:
        points = points_of(spec, self.auto_points)
        cell["source"] = _discussion_source(spec, source, points)
        grade_id = self.unique(f"discussion-{_slug(spec.id)}")
        cell["metadata"]["nbgrader"] = _meta(grade_id, grade=True, solution=True, points=points)
        self.cells.append(cell)
        self.answered.add(spec.id)

    def _note_cards(self, index: int, cell: dict) -> None:
        for exercise_id in exercise_ids_in({"cells": [cell]}):
            if exercise_id not in self.specs:
                self.problems.append(f"cell {index}: exercise {exercise_id!r} is not in the bank")
            elif exercise_id not in self.cards:
                self.cards.append(exercise_id)

    def answer_every_card(self) -> None:
        """A written-answer cell under each open question's card that has none; a problem for a graded one."""
        for exercise_id in self.cards:
            spec = self.specs[exercise_id]
            if exercise_id in self.answered:
                continue
            if spec.kind != "open":
                self.problems.append(
                    f'exercise {exercise_id} has a card but no answer cell `namlib.check("{exercise_id}", answer)`'
                )
                continue
            where = next(i for i, c in enumerate(self.cells) if exercise_id in exercise_ids_in({"cells": [c]}))
            points = points_of(spec, self.auto_points)
            prompt = f"**Your answer to {exercise_id}.** {TEXT_STUB}"
            meta = _meta(self.unique(f"discussion-{_slug(exercise_id)}"), grade=True, solution=True, points=points)
            cell = _new_cell(
                "markdown", _discussion_source(spec, prompt, points), f"nbgrader-discussion-{_slug(exercise_id)}", meta
            )
            self.cells.insert(where + 1, cell)


def config_text(code_stub: str = CODE_STUB, text_stub: str = TEXT_STUB, timeout: int = 120) -> str:
    """The ``nbgrader_config.py`` the source versions expect (the stubs are the lessons' own starters).

    Example:
        >>> "c.ClearSolutions.code_stub" in config_text()
        True
    """
    return f"""# nbgrader configuration for the NAM lessons, written by `python -m namlib exercises nbgrader`.
# Keep these lines if you merge this file into a course configuration of your own.
import os

c = get_config()  # noqa: F821 (nbgrader provides get_config)

# The students' copy gets back the lessons' own starters where the solutions were.
c.ClearSolutions.code_stub = {{"python": {code_stub!r}}}
c.ClearSolutions.text_stub = {text_stub!r}

# Seconds one cell may run when nbgrader autogrades a submission.
c.Execute.timeout = {int(timeout)}

# A lesson's checks write a progress record beside the notebook; not while grading.
os.environ.setdefault("NAMLIB_PROGRESS", "off")

# Where the exchange lives, for release/fetch/submit/collect on a shared hub (see docs/hub.md):
# c.CourseDirectory.course_id = "nam-2026"
# c.Exchange.root = "/srv/nbgrader/exchange"
"""


def _stubs(lessons: list[dict]) -> tuple[str, str]:
    """The most common answer-line starter and open-answer prompt text of the lessons."""
    codes: Counter[str] = Counter()
    texts: Counter[str] = Counter()
    for nb in lessons:
        for cell in nb.get("cells", []):
            source = cell_source(cell)
            if cell.get("cell_type") == "code" and checked_ids(source):
                starter = next((line.strip() for line in source.split("\n") if ANSWER_LINE.match(line)), None)
                if starter:
                    codes[starter] += 1
            elif cell.get("metadata", {}).get("namlib", {}).get("answer_to"):
                match = _BOLD_HEAD.match(source)
                if match and match.group(2).strip():
                    texts[match.group(2).strip()] += 1
    code = codes.most_common(1)[0][0] if codes else CODE_STUB
    text = texts.most_common(1)[0][0] if texts else TEXT_STUB
    return code, text


def write_nbgrader_course(
    notebooks: str | os.PathLike = "notebooks",
    out: str | os.PathLike = "build/nbgrader",
    bank: str | os.PathLike | None = None,
    auto_points: float = AUTO_POINTS,
) -> tuple[list[Path], Path | None]:
    """Write the source version of every ``NN-*.ipynb`` as ``out/source/NN-slug/NN-slug.ipynb``.

    Also writes ``out/nbgrader_config.py`` (see :func:`config_text`) unless one is already
    there: an existing configuration is never overwritten. Returns the notebooks written and
    the configuration written (``None`` when one was kept).
    """
    paths = notebook_paths(notebooks)
    lessons = [read_notebook(path) for path in paths]
    root = Path(out)
    written: list[Path] = []
    for path, nb in zip(paths, lessons, strict=True):
        source = nbgrader_notebook(nb, bank=bank, name=path.name, auto_points=auto_points)
        target = root / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_notebook(source, target)
        written.append(target)
    config = root / "nbgrader_config.py"
    if config.exists():
        return written, None
    root.mkdir(parents=True, exist_ok=True)
    config.write_text(config_text(*_stubs(lessons)), encoding="utf-8")
    return written, config
