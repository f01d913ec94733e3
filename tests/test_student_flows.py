"""The ways a student moves through a lesson, in a real kernel: every answer is checked
against its own exercise, whatever ran before it.

For every lesson:

* **Run All, then answer out of order.** All cells run top to bottom (as *Run All* or
  *Restart Kernel and Run All Cells* does), then each exercise is answered with its worked
  solution in a shuffled (seeded) order: each answer gets ✔ for its own id.
* **Go back.** After the last exercise, the first one is answered again, right and wrong:
  the verdict is still that of the first exercise, and its hint is its own.
* **A fresh kernel with only the imports run.** The card cells were never run; the answer
  cells still check their own exercise.
* **The answer cells as they stand** (``answer = ...``) report "not attempted" for their own
  id after Run All.

The kernel is driven with jupyter_client, exactly as JupyterLab drives it.
"""

from __future__ import annotations

import random
from pathlib import Path

import nbformat
import pytest
from conftest import REPO
from jupyter_client.manager import start_new_kernel

from namlib.exercises.bank import load_bank
from namlib.exercises.solutions import checked_ids, exercise_ids_in, notebook_paths

NOTEBOOKS = REPO / "notebooks"
LESSONS = notebook_paths(NOTEBOOKS)
SPECS = load_bank()
SEED = 20261201


class Kernel:
    """A kernel that runs code as a notebook cell and returns what the cell shows."""

    def __init__(self, cwd: Path):
        self.manager, self.client = start_new_kernel(
            kernel_name="python3", cwd=str(cwd), env={**_environment(), "PWD": str(cwd)}
        )

    def run(self, code: str) -> tuple[list[str], list[str]]:
        """(text/plain of every result and display, errors as 'Name: value') of one cell."""
        msg_id = self.client.execute(code, store_history=True)
        shown, errors = [], []
        while True:
            msg = self.client.get_iopub_msg(timeout=180)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind in ("execute_result", "display_data"):
                shown.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                errors.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "status" and content["execution_state"] == "idle":
                return shown, errors

    def value(self, code: str) -> str:
        """The text of a cell's one result; fails on an error."""
        shown, errors = self.run(code)
        assert not errors, f"{code!r} raised {errors}"
        assert shown, f"{code!r} showed nothing"
        return shown[-1]

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def _environment() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.update(MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1")
    env.pop("NAMLIB_TEACHER", None)
    return env


@pytest.fixture
def kernel():
    k = Kernel(NOTEBOOKS)
    yield k
    k.close()


def _code_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _run_all(kernel: Kernel, path: Path) -> dict[str, str]:
    """Run every code cell in order; return what each answer cell showed, by the id it names."""
    verdicts = {}
    for cell in _code_cells(path):
        source = cell.source
        shown, errors = kernel.run(source)
        assert not errors or "raises-exception" in cell.metadata.get("tags", []), errors
        ids = checked_ids(source)
        if ids:
            assert shown, source
            verdicts[ids[0]] = shown[-1]
    return verdicts


def _answer(exercise_id: str) -> str:
    """Code a student could type in the answer cell: the worked solution, then the check."""
    spec = SPECS[exercise_id]
    if spec.kind == "open":
        return f'answer = "I think the movement had several aims."\nnamlib.check("{exercise_id}", answer)'
    solution = spec.secret("solution")
    return f'{spec.setup or ""}\n{solution}\nnamlib.check("{exercise_id}", answer)'


def _assert_right(text: str, exercise_id: str) -> None:
    head = text.split("\n", 1)[0]
    wanted = "✎ Discussion question" if SPECS[exercise_id].kind == "open" else "✔ Correct"
    assert head == f"{wanted} · {exercise_id}", f"answer to {exercise_id} came back as: {text[:300]}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_run_all_then_answer_every_exercise_out_of_order_and_go_back(lesson, kernel):
    ids = exercise_ids_in(lesson)
    verdicts = _run_all(kernel, lesson)
    # The answer cells as the student finds them: not attempted, each for its own exercise.
    # (Open questions are answered in a Markdown cell; they have no answer cell to check.)
    assert sorted(verdicts) == sorted(i for i in ids if SPECS[i].kind != "open")
    for exercise_id, text in verdicts.items():
        assert text.startswith(f"… Not attempted yet · {exercise_id}"), text
    order = ids[:]
    random.Random(SEED).shuffle(order)
    for exercise_id in order:
        _assert_right(kernel.value(_answer(exercise_id)), exercise_id)
    # Back to the first graded exercise after all the others: still its own verdict and hint.
    first = next(i for i in ids if SPECS[i].kind != "open")
    _assert_right(kernel.value(_answer(first)), first)
    wrong = kernel.value(f'namlib.check("{first}", "surely not this")')
    assert wrong.split("\n", 1)[0] in (f"✘ Not yet · {first}", f"? Check the type · {first}"), wrong
    if SPECS[first].hints:
        hint = kernel.value(f'namlib.hint("{first}")')
        assert hint.startswith(wrong.split("\n", 1)[0]), hint  # the hint keeps the last feedback in view
        assert f"Hint 1 of {len(SPECS[first].hints)} · {first}: {SPECS[first].hints[0]}" in hint


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_a_fresh_kernel_with_only_the_imports_checks_each_answer_against_its_own_exercise(lesson, kernel):
    setup = _code_cells(lesson)[0].source
    assert "import namlib" in setup
    assert not kernel.run(setup)[1]
    order = exercise_ids_in(lesson)
    random.Random(SEED + 1).shuffle(order)
    for exercise_id in order:
        # The solution needs the tables the lesson loaded in earlier cells; the card never ran.
        tables = [name for name in namlib_tables() if name in (SPECS[exercise_id].secret("solution") or "")]
        loads = "\n".join(f'{name} = namlib.load("{name}")' for name in tables)
        _assert_right(kernel.value(f"{loads}\n{_answer(exercise_id)}"), exercise_id)


def namlib_tables() -> list[str]:
    import namlib

    return namlib.table_names()


def test_the_same_answer_cell_run_twice_gives_the_same_verdict(kernel):
    kernel.run("import namlib")
    first = kernel.value('namlib.check("03.2", 137)')
    assert first == kernel.value('namlib.check("03.2", 137)')
    hint = kernel.value('namlib.hint("03.2")')
    assert hint == kernel.value('namlib.hint("03.2")'), "running a hint cell again must not move to the next hint"
    assert "Hint 2 of 3 · 03.2" in kernel.value('namlib.hint("03.2", 2)')
