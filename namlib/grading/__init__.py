"""Grade a class's notebooks: ``python -m namlib grade PATH... --out DIR [--feedback]``.

Give it the notebooks the students handed in, as files or folders, under any names. Each
one is run again from the top in a fresh kernel, in a throwaway folder, with a time limit
per cell; the submissions are never changed, and nothing goes over the network. The
student's name comes from the folder a notebook is in (``class/ana/03.ipynb`` is *ana*) or,
for a notebook given on its own or lying directly in the given folder, from its file name
(``ana-03.ipynb`` is *ana-03*). The lesson is read from the exercises the notebook uses, so a
renamed copy is graded as the lesson it is.

A notebook that cannot be read, that raises, that hangs or that was edited outside its
answer cells is graded as far as it runs and flagged in the report; the run goes on.

Example:
    >>> student_of(Path("class/ana/03-how-nam-works.ipynb"), Path("class"))
    'ana'
    >>> student_of(Path("class/ben copy.ipynb"), Path("class"))
    'ben copy'
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from namlib.exercises.bank import load_bank
from namlib.grading.report import gradebook, mistakes, summary, write_feedback, write_report
from namlib.grading.run import OUTCOMES, Graded, Verdict, grade_notebook, original_lessons

__all__ = [
    "OUTCOMES",
    "Graded",
    "Verdict",
    "find_submissions",
    "grade",
    "gradebook",
    "mistakes",
    "student_of",
    "summary",
    "write_feedback",
    "write_report",
]


def student_of(path: Path, given: Path) -> str:
    """The student a notebook belongs to: its folder under ``given``, else its file name."""
    try:
        parts = path.relative_to(given).parts
    except ValueError:
        parts = (path.name,)
    return parts[0] if len(parts) > 1 else path.stem


def find_submissions(paths: Iterable[str | os.PathLike]) -> list[tuple[Path, str]]:
    """(notebook, student) for every ``.ipynb`` given or found in the folders given, sorted.

    Checkpoint copies (``.ipynb_checkpoints``) are left out. A path that does not exist is an error.
    """
    found: list[tuple[Path, str]] = []
    for raw in paths:
        given = Path(raw)
        if given.is_dir():
            for path in sorted(given.rglob("*.ipynb")):
                if ".ipynb_checkpoints" not in path.parts:
                    found.append((path, student_of(path, given)))
        elif given.is_file():
            found.append((given, given.stem))
        else:
            raise FileNotFoundError(f"There is no file or folder {str(given)!r} to grade.")
    return found


def grade(
    paths: Iterable[str | os.PathLike],
    timeout: float = 120,
    lessons: str | os.PathLike | None = None,
    workers: int | None = None,
    progress: Callable[[int, int, Graded], None] | None = None,
) -> list[Graded]:
    """Grade every submission under ``paths``; ``lessons`` is the folder of the shipped lessons.

    Submissions run ``workers`` at a time (default: the number of cores, at most 4), each in
    its own kernel. ``progress(done, total, graded)`` is called after each one.
    """
    found = find_submissions(paths)
    originals = original_lessons(lessons)
    # Every kernel starts from the same plain environment: no progress record, no teacher mode.
    os.environ["NAMLIB_PROGRESS"] = "off"
    os.environ.pop("NAMLIB_TEACHER", None)
    os.environ.setdefault("MPLBACKEND", "Agg")
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    results: list[Graded] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(grade_notebook, path, student, timeout, originals) for path, student in found]
        for done, future in enumerate(futures, start=1):
            result = future.result()
            results.append(result)
            if progress:
                progress(done, len(futures), result)
    return results


def print_progress(done: int, total: int, graded: Graded) -> None:
    """A one-line progress bar on stderr: ``[#####.....] 5/10 ana (03.ipynb) 4.2 s``."""
    width = 20
    filled = round(width * done / total) if total else width
    specs = load_bank()
    marked = [v for v in graded.verdicts if v.exercise in specs and specs[v.exercise].kind != "open"]
    right, checked = sum(v.outcome == "correct" for v in marked), len(marked)
    note = f" · {'; '.join(graded.flags)}" if graded.flags else ""
    print(
        f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {graded.student} ({graded.path.name}): "
        f"{right} correct of {checked} graded, {graded.seconds:.1f} s{note}",
        file=sys.stderr,
    )
