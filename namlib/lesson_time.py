"""How long a lesson takes, from a stated model rather than a guess.

The model (documented in ``notebooks/README.md``, where the numbers are explained):

- reading the Markdown cells at :data:`WORDS_PER_MINUTE`;
- :data:`MINUTES_PER_CODE_CELL` for each code cell that is not part of an exercise (read it, run
  it, look at what it shows), plus :data:`MINUTES_PER_FIGURE` for each figure it draws;
- for each exercise, the minutes of its kind in :data:`MINUTES_PER_EXERCISE`;
- a lesson may add fixed minutes for work the cells do not show, such as a project, in its
  notebook metadata: ``{"namlib": {"time": {"project": 30}}}``.

Each part is rounded to 5 minutes; the total is the sum of the parts. A lesson longer than
:data:`MINUTES_PER_SITTING` needs stopping points (Markdown cells tagged ``stopping-point``),
so that no stretch between them is much longer than one sitting (:func:`stretches`).

Example:
    >>> estimate = Estimate(words=1500, code_cells=20, figures=2, exercises={"number": 3, "frame": 2, "open": 1})
    >>> estimate.reading, estimate.exercising, estimate.total
    (30, 25, 55)
    >>> estimate.header()
    'about 55 minutes (30 reading and running the code, 25 for exercises)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from namlib.exercises.solutions import exercise_ids_in

WORDS_PER_MINUTE = 150
MINUTES_PER_CODE_CELL = 1.0
MINUTES_PER_FIGURE = 1.0
MINUTES_PER_EXERCISE = {
    "choice": 1.5, "order": 1.5,
    "number": 3.0, "text": 3.0, "date": 3.0, "month": 3.0, "set": 3.0, "list": 3.0,
    "series": 6.0, "frame": 6.0,
    "open": 5.0,
}  # fmt: skip
MINUTES_PER_SITTING = 45
# The tags that give a lesson's cells their part (notebooks/README.md): the navigation lines,
# the vocabulary box (both written by scripts/notebooks.py nav) and the places to stop.
NAV_TAG = "nav"
VOCABULARY_TAG = "vocabulary"
STOP_TAG = "stopping-point"
_TIME_LINE = re.compile(r"^\*\*Time:\*\*.*$", re.M)
_EXERCISE_CELL = re.compile(r"namlib\.(check|quiz|solution)\(")


def _five(minutes: float) -> int:
    """Rounded to the nearest 5 minutes, never below 5 for work that exists."""
    return 0 if minutes <= 0 else max(5, int(5 * round(minutes / 5)))


@dataclass
class Estimate:
    """What a lesson holds, and the minutes the model gives it."""

    words: int = 0
    code_cells: int = 0
    figures: int = 0
    exercises: dict[str, int] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def reading(self) -> int:
        """Minutes to read the text and run the code cells."""
        return _five(
            self.words / WORDS_PER_MINUTE + self.code_cells * MINUTES_PER_CODE_CELL + self.figures * MINUTES_PER_FIGURE
        )

    @property
    def exercising(self) -> int:
        """Minutes for the exercises (and any fixed extra work, such as a project)."""
        minutes = sum(MINUTES_PER_EXERCISE[kind] * count for kind, count in self.exercises.items())
        return _five(minutes + sum(self.extra.values()))

    @property
    def total(self) -> int:
        return self.reading + self.exercising

    def header(self) -> str:
        """The lesson header's time, as ``**Time:**`` states it."""
        extra = "".join(f", including {minutes} for the {name}" for name, minutes in self.extra.items())
        parts = f"{self.reading} reading and running the code, {self.exercising} for exercises{extra}"
        return f"about {self.total} minutes ({parts})"


@dataclass
class _Cell:
    words: int = 0
    code: bool = False
    figures: int = 0
    exercises: list[str] = field(default_factory=list)  # the kinds of the exercises it shows

    @property
    def minutes(self) -> float:
        return (
            self.words / WORDS_PER_MINUTE
            + (MINUTES_PER_CODE_CELL + self.figures * MINUTES_PER_FIGURE if self.code else 0.0)
            + sum(MINUTES_PER_EXERCISE[kind] for kind in self.exercises)
        )


def _cells(nb, specs) -> list[_Cell]:
    """What each cell adds to the model: navigation cells nothing, an exercise card its exercise
    (its answer, quiz and self-check cells nothing more), any other code cell its reading."""
    found = []
    for cell in nb.cells:
        part = _Cell()
        if NAV_TAG in cell.metadata.get("tags", []):
            pass
        elif cell.cell_type == "markdown":
            # The time line itself is left out, so that writing the estimate never changes it.
            part.words = len(_TIME_LINE.sub("", cell.source).split())
        elif cell.cell_type == "code" and (cards := exercise_ids_in({"cells": [cell]})):
            part.exercises = [specs[exercise_id].kind for exercise_id in cards]
        elif cell.cell_type == "code" and not _EXERCISE_CELL.search(cell.source):
            part.code = True
            part.figures = sum("image/png" in output.get("data", {}) for output in cell.get("outputs", []))
        found.append(part)
    return found


def _read(path: str | Path, bank: str | Path | None) -> tuple[nbformat.NotebookNode, list[_Cell]]:
    from namlib.exercises.bank import load_bank

    nb = nbformat.read(path, as_version=4)
    return nb, _cells(nb, load_bank(bank))


def estimate(path: str | Path, bank: str | Path | None = None) -> Estimate:
    """The model's estimate for one lesson notebook.

    Navigation cells and the cells of exercises (card, answer, quiz, self-check) are not counted
    as code to read; each exercise counts by its kind.
    """
    return _estimate(*_read(path, bank))


def _estimate(nb: nbformat.NotebookNode, cells: list[_Cell]) -> Estimate:
    result = Estimate(
        words=sum(c.words for c in cells),
        code_cells=sum(c.code for c in cells),
        figures=sum(c.figures for c in cells),
    )
    for cell in cells:
        for kind in cell.exercises:
            result.exercises[kind] = result.exercises.get(kind, 0) + 1
    extra = nb.metadata.get("namlib", {}).get("time", {})
    result.extra = {str(name): int(minutes) for name, minutes in extra.items()}
    return result


def stretches(path: str | Path, bank: str | Path | None = None) -> list[float]:
    """Minutes of work (unrounded) from the top to each stopping point, between them, and to the end.

    A fixed extra (a project) is not in the cells, so it is not counted here.
    """
    nb, cells = _read(path, bank)
    stops = set(_stops(nb))
    found, elapsed = [], 0.0
    for index, cell in enumerate(cells):
        if index in stops:
            found.append(elapsed)
            elapsed = 0.0
        elapsed += cell.minutes
    return [*found, elapsed]


def write_header_time(path: str | Path, bank: str | Path | None = None) -> bool:
    """Set the ``**Time:**`` line of a lesson's first cell to the model's estimate; True if it changed."""
    nb, cells = _read(path, bank)
    first = nb.cells[0]
    line = f"**Time:** {_estimate(nb, cells).header()}"
    if not _TIME_LINE.search(first.source):
        raise ValueError(f"{Path(path).name}: the first cell has no **Time:** line")
    updated = _TIME_LINE.sub(line, first.source, count=1)
    if updated == first.source:
        return False
    first.source = updated
    nbformat.write(nb, path)
    return True


def stopping_points(path: str | Path) -> list[int]:
    """Indexes of the cells tagged ``stopping-point`` in a lesson."""
    return _stops(nbformat.read(path, as_version=4))


def _stops(nb: nbformat.NotebookNode) -> list[int]:
    return [i for i, cell in enumerate(nb.cells) if STOP_TAG in cell.metadata.get("tags", [])]
