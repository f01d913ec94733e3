"""Run one submitted notebook in a fresh kernel and read its verdicts.

Each submission is copied into a throwaway folder and executed there from the top, with
no progress record and no teacher mode, so what it shows is what the student's own answers
give today. Nothing is written next to the submission, and the file itself is never changed.

A verdict is read from the answer cell's own output (``✔ Correct · 03.2`` and the feedback
under it), so the grade is exactly what the student saw. The named mistake is the recorded
wrong answer whose feedback the student got (``F2`` is the exercise's second one).

Example:
    >>> verdict_of('✘ Not yet · 03.2\\nThat adds the 17 observer states to the members.')
    ('incorrect', '03.2', 'That adds the 17 observer states to the members.')
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager

from namlib.exercises.bank import ExerciseSpec, load_bank
from namlib.exercises.checking import STATUSES
from namlib.exercises.solutions import cell_source, checked_ids, exercise_ids_in

# "✔ Correct · 03.2" -> ("correct", "03.2")
_HEAD = {f"{symbol} {label}": status for status, (symbol, label, *_colours) in STATUSES.items()}
_HEAD_LINE = re.compile(r"^(?P<head>.+?) · (?P<id>\d{2}\.\d{1,3})$")
# What the answer cell adds when the student answered with the quiz buttons.
_BUTTONS = re.compile(r"\(Your answer with the buttons: (?P<answer>[^)]*)\.\)\s*$")
# The words of an untouched Markdown answer cell (an open question not answered yet).
_PLACEHOLDER = "Double-click this cell, write your answer"

OUTCOMES = ("correct", "not yet", "not attempted", "discussion")
_OUTCOME = {
    "correct": "correct",
    "incorrect": "not yet",
    "invalid": "not yet",
    "not_attempted": "not attempted",
    "open": "discussion",
}


@dataclass
class Verdict:
    """One exercise of one submission: the outcome, the named mistake and the feedback seen."""

    exercise: str
    outcome: str  # one of OUTCOMES
    mistake: str = ""  # "F2" (the exercise's 2nd recorded wrong answer), "type", "error" or ""
    feedback: str = ""
    answer: str = ""  # an open question's written answer


@dataclass
class Graded:
    """A submission after grading: who, which lesson, a verdict per exercise, and what was odd."""

    path: Path
    student: str
    lesson: str = ""
    verdicts: list[Verdict] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    seconds: float = 0.0
    executed: dict | None = None  # the notebook as it ran, for the feedback copy


def verdict_of(text: str) -> tuple[str, str, str] | None:
    """(status, exercise id, message) from a feedback's text form, or None if it is not one."""
    head, _, message = text.strip().partition("\n")
    match = _HEAD_LINE.match(head.strip())
    if not match or match["head"] not in _HEAD:
        return None
    return _HEAD[match["head"]], match["id"], message.strip()


def named_mistake(spec: ExerciseSpec, status: str, message: str) -> str:
    """Which recorded wrong answer the feedback came from: ``F1``, ``F2``..., ``type`` or ``""``."""
    if status == "invalid":
        return "type"
    if status != "incorrect":
        return ""
    for number, entry in enumerate(spec.feedback, start=1):
        if message.startswith(str(entry.get("message", "")).strip()):
            return f"F{number}"
    return ""


def _text_of(cell: dict) -> tuple[str, str]:
    """(text of the cell's last result or display, 'Name: value' of its error) after it ran."""
    text, error = "", ""
    for out in cell.get("outputs", []):
        if out.get("output_type") in ("execute_result", "display_data"):
            text = "".join(out.get("data", {}).get("text/plain", ""))
        elif out.get("output_type") == "error":
            error = f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"
    return text, error


def _lesson_of(nb: dict) -> str:
    ids = exercise_ids_in(nb) or [i for c in nb.get("cells", []) for i in checked_ids(cell_source(c))]
    lessons = [i.split(".")[0] for i in ids]
    return max(set(lessons), key=lessons.count) if lessons else ""


def _changed_lesson_cells(nb: dict, original: dict | None) -> list[int]:
    """Positions of the lesson's own code cells (not answer cells) whose code was edited."""
    if original is None:
        return []
    theirs = {c.get("id"): cell_source(c).strip() for c in original.get("cells", []) if c.get("cell_type") == "code"}
    changed = []
    for position, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "code" or checked_ids(cell_source(cell)):
            continue
        ours = theirs.get(cell.get("id"))
        if ours is not None and ours != cell_source(cell).strip():
            changed.append(position)
    return changed


def execute(nb: dict, timeout: float) -> tuple[dict, list[str]]:
    """Run ``nb`` top to bottom in a fresh kernel in a throwaway folder; return it and any flags.

    A cell that raises does not stop the run (the rest still counts). A cell that runs longer
    than ``timeout`` seconds stops it: the cells after it count as not run.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    work = copy.deepcopy(nb)
    for cell in work.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    flags: list[str] = []
    folder = tempfile.mkdtemp(prefix="namlib-grade-")
    try:
        node = nbformat.from_dict(work)
        client = NotebookClient(
            node,
            timeout=timeout,
            allow_errors=True,
            interrupt_on_timeout=True,
            kernel_name="python3",
            kernel_manager_class=_QuietKernelManager,
            resources={"metadata": {"path": folder}},
        )
        try:
            client.execute(cwd=folder)
        except CellTimeoutError:
            flags.append(
                f"stopped: a cell ran longer than {timeout:g} s and could not be interrupted; "
                "the cells after it were not run"
            )
        except DeadKernelError:
            flags.append("stopped: the kernel died; the cells after that were not run")
        stopped, raised = [], []
        for number, cell in enumerate(node.cells, start=1):
            names = [o.get("ename") for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            if "KeyboardInterrupt" in names:
                stopped.append(number)
            elif names:
                raised.append(number)
        if stopped:
            flags.append(
                f"interrupted after {timeout:g} s: cell{'s' if len(stopped) > 1 else ''} "
                + ", ".join(map(str, stopped))
            )
        if raised:
            flags.append(f"raised an error: cell{'s' if len(raised) > 1 else ''} {', '.join(map(str, raised))}")
        return nbformat.from_dict(node), flags
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _QuietKernelManager(AsyncKernelManager):
    """A kernel whose own log (start-up notices, complaints when stopped) goes nowhere.

    It would bury the progress lines; what the cells show is in the notebook.
    """

    async def start_kernel(self, **kwargs):
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        return await super().start_kernel(**kwargs)


def grade_notebook(path: Path, student: str, timeout: float = 120, lessons: dict[str, dict] | None = None) -> Graded:
    """Grade one submission: run it, then read a verdict for every exercise of its lesson."""
    graded = Graded(path=path, student=student)
    started = time.perf_counter()
    try:
        submitted = nbformat.read(path, as_version=4)
    except Exception as err:  # a broken file is flagged, never the end of the run
        graded.flags.append(f"not a readable notebook ({type(err).__name__}): nothing graded")
        return graded
    graded.lesson = _lesson_of(submitted)
    if not graded.lesson:
        graded.flags.append("no exercises of the lessons found: nothing graded")
        return graded
    specs = {i: s for i, s in load_bank().items() if s.lesson == graded.lesson}
    original = (lessons or {}).get(graded.lesson)
    changed = _changed_lesson_cells(submitted, original)
    if changed:
        graded.flags.append(
            f"edited outside the answer cells: cell{'s' if len(changed) > 1 else ''} " + ", ".join(map(str, changed))
        )
    ran, flags = execute(submitted, timeout)
    graded.flags += flags
    graded.executed = ran
    graded.verdicts = _verdicts(submitted, ran, specs)
    graded.seconds = time.perf_counter() - started
    return graded


def _verdicts(submitted: dict, ran: dict, specs: dict[str, ExerciseSpec]) -> list[Verdict]:
    from namlib.exercises.checking import check

    found: dict[str, Verdict] = {}
    before = {c.get("id"): c for c in submitted.get("cells", [])}
    for cell in ran.get("cells", []):
        source = cell_source(cell)
        if cell.get("cell_type") == "markdown":
            target = (cell.get("metadata", {}).get("namlib") or {}).get("answer_to")
            if target in specs:
                written = source.strip()
                answered = bool(written) and _PLACEHOLDER not in written
                found[target] = Verdict(
                    target, "discussion" if answered else "not attempted", answer=written if answered else ""
                )
            continue
        ids = checked_ids(source) if cell.get("cell_type") == "code" else []
        if not ids or ids[0] not in specs:
            continue
        spec = specs[ids[0]]
        text, error = _text_of(cell)
        parsed = verdict_of(text)
        if parsed is None:
            if error.startswith("KeyboardInterrupt"):
                found[spec.id] = Verdict(spec.id, "not yet", feedback="The answer cell ran too long and was stopped.")
            elif error:
                found[spec.id] = Verdict(spec.id, "not yet", feedback=f"The answer cell raised {error}")
            elif spec.id not in found:
                found[spec.id] = Verdict(spec.id, "not attempted", feedback="The answer cell did not run.")
            continue
        status, _id, message = parsed
        if status == "not_attempted":
            # Answered with the quiz buttons: the click is not in the file, but the answer cell
            # the student ran afterwards says which option it was.
            old_text, _ = _text_of(before.get(cell.get("id"), {}))
            clicked = _BUTTONS.search(old_text)
            if clicked:
                feedback = check(spec, clicked["answer"])
                status, message = feedback.status, feedback.message
        found[spec.id] = Verdict(spec.id, _OUTCOME[status], named_mistake(spec, status, message), message)
    return [found.get(i, Verdict(i, "not attempted", feedback="No answer cell for it in the notebook.")) for i in specs]


def original_lessons(folder: str | os.PathLike | None) -> dict[str, dict]:
    """The lessons as shipped, by lesson number, to tell which cells a student edited."""
    from namlib.exercises.solutions import notebook_paths

    out = {}
    for path in notebook_paths(folder) if folder else []:
        out[path.name[:2]] = nbformat.read(path, as_version=4)
    return out
