"""A teacher grades a class: a synthetic class of lesson 03, made here, graded for real.

The class, as teachers receive it: two complete notebooks (one in a student's folder, one
with an edited set-up cell), the untouched starter copy, a renamed copy with two recorded
wrong answers and a quiz answered with the buttons, one that loops for ever in an answer
cell, and a file that is not a notebook. Each is run again in a fresh kernel; the gradebook
and the report's counts are asserted exactly, and the submissions are left as they were.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO

from namlib import grading
from namlib.exercises.solutions import exercise_ids_in, read_notebook, solution_notebook, with_answers, write_notebook

LESSON = REPO / "notebooks" / "03-how-nam-works.ipynb"
IDS = exercise_ids_in(read_notebook(LESSON))  # in the order of the lesson
OPEN = "03.10"  # the discussion question, last


def _write_open(nb: dict, exercise_id: str, text: str) -> None:
    for cell in nb["cells"]:
        marked = (cell.get("metadata", {}).get("namlib") or {}).get("answer_to") == exercise_id
        if marked and cell["cell_type"] == "markdown":
            cell["source"] = text
            return
    raise AssertionError(f"no Markdown answer cell for {exercise_id}")


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    room = tmp_path_factory.mktemp("class")
    lesson = read_notebook(LESSON)
    teacher = solution_notebook(lesson, name=LESSON.name)

    (room / "ana").mkdir()
    ana = json.loads(json.dumps(teacher))
    _write_open(ana, "03.10", "Consensus keeps every member on board, but the texts get vague.")
    write_notebook(ana, room / "ana" / "03-how-nam-works.ipynb")

    fay = json.loads(json.dumps(teacher))
    setup = next(c for c in fay["cells"] if c["cell_type"] == "code")
    setup["source"] = "# my notes\n" + "".join(setup["source"])
    write_notebook(fay, room / "fay.ipynb")

    write_notebook(lesson, room / "ben.ipynb")

    carl = with_answers(lesson, {"03.2": "answer = 137", "03.1": 'answer = "Baku"'})
    quiz_cell = next(c for c in carl["cells"] if 'namlib.check("03.7", answer)' in "".join(c["source"]))
    quiz_cell["outputs"] = [
        {
            "output_type": "execute_result",
            "execution_count": 3,
            "metadata": {},
            "data": {"text/plain": "✔ Correct · 03.7\nYes. (Your answer with the buttons: B.)"},
        }
    ]
    write_notebook(carl, room / "carl renamed copy.ipynb")

    dan = with_answers(lesson, {"03.3": "while True:\n    pass\nanswer = ..."})
    write_notebook(dan, room / "dan.ipynb")

    (room / "eve.ipynb").write_text('{"cells": [', encoding="utf-8")
    (room / ".ipynb_checkpoints").mkdir()
    write_notebook(lesson, room / ".ipynb_checkpoints" / "ben-checkpoint.ipynb")

    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in room.rglob("*.ipynb")}
    out = tmp_path_factory.mktemp("out")
    run = subprocess.run(
        [sys.executable, "-m", "namlib", "grade", str(room), "--out", str(out), "--feedback", "--timeout", "8"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in room.rglob("*.ipynb")}
    return run, out, before, after


def test_the_command_grades_the_whole_class(graded_class):
    run, out, _before, _after = graded_class
    assert run.returncode == 0, run.stdout + run.stderr
    assert "6 submission(s) graded, 3 flagged" in run.stdout
    assert "[####################] 6/6" in run.stderr, "a progress bar over the submissions"
    assert "Traceback" not in run.stderr


def test_submissions_are_never_changed(graded_class):
    _run, _out, before, after = graded_class
    assert before == after


def test_gradebook_has_every_student_and_exercise(graded_class):
    _run, out, _before, _after = graded_class
    book = pd.read_csv(out / "gradebook.csv", keep_default_na=False, dtype=str)
    assert sorted(set(book["student"])) == ["ana", "ben", "carl renamed copy", "dan", "eve", "fay"]
    assert len(book) == 5 * len(IDS) + 1, "every exercise for each readable notebook, one row for the broken one"
    outcome = book.set_index(["student", "exercise"])["outcome"]
    assert IDS[-1] == OPEN
    assert [outcome["ana", i] for i in IDS] == ["correct"] * (len(IDS) - 1) + ["discussion"]
    assert [outcome["fay", i] for i in IDS] == ["correct"] * (len(IDS) - 1) + ["not attempted"]
    assert [outcome["ben", i] for i in IDS] == ["not attempted"] * len(IDS)
    carl = {i: outcome["carl renamed copy", i] for i in IDS}
    expected = dict.fromkeys(IDS, "not attempted") | {"03.1": "not yet", "03.2": "not yet", "03.7": "correct"}
    assert carl == expected, "the renamed copy is graded as lesson 03; the quiz click counts"
    assert outcome["dan", "03.3"] == "not yet" and outcome["dan", "03.4"] == "not attempted"
    mistake = book.set_index(["student", "exercise"])["mistake"]
    assert mistake["carl renamed copy", "03.2"] == "F1" and mistake["carl renamed copy", "03.1"] == "F1"
    answer = book.set_index(["student", "exercise"])["answer"]
    assert answer["ana", "03.10"].startswith("Consensus keeps every member on board")
    flags = book.groupby("student")["flags"].first()
    assert "not a readable notebook" in flags["eve"]
    assert "interrupted after 8 s" in flags["dan"]
    assert "edited outside the answer cells" in flags["fay"]
    assert flags["ana"] == flags["ben"] == ""


def test_report_counts_and_mistakes(graded_class):
    _run, out, _before, _after = graded_class
    book = pd.read_csv(out / "gradebook.csv", keep_default_na=False, dtype=str)
    table = grading.summary(book).set_index("exercise")
    assert table.loc["03.2", ["correct", "not yet", "not attempted", "students"]].tolist() == [2, 1, 2, 5]
    assert table.loc["03.7", ["correct", "not attempted"]].tolist() == [3, 2]
    common = grading.mistakes(book)
    assert common[["exercise", "mistake", "students"]].values.tolist() == [["03.1", "F1", 1], ["03.2", "F1", 1]]
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "### 03.2 · Member states in 2019" in md
    assert "- 2 of 5 correct (40%); 1 not yet, 2 not attempted" in md
    assert "1 × F1: That adds the 17 observer states" in md
    assert "- Not attempted: ben, dan" in md
    page = (out / "report.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in page and "http" not in page.split("<body>")[1], "offline"
    assert "eve (eve.ipynb): not a readable notebook" in page


def test_feedback_copies_say_each_verdict_under_its_answer(graded_class):
    _run, out, _before, _after = graded_class
    names = sorted(p.name for p in (out / "feedback").glob("*.html"))
    assert names == ["ana-03-how-nam-works.html", "ben.html", "carl renamed copy.html", "dan.html", "fay.html"]
    carl = (out / "feedback" / "carl renamed copy.html").read_text(encoding="utf-8")
    assert "Teacher&#39;s feedback · 03.2: not yet." in carl or "Teacher's feedback · 03.2: not yet." in carl


def test_a_missing_path_is_a_message(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "namlib", "grade", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert run.returncode == 1 and "There is no file or folder" in run.stderr and "Traceback" not in run.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "namlib", "grade", str(empty), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert run.returncode == 1 and "no notebooks" in run.stderr


def test_student_names_come_from_folders_or_files():
    given = Path("class")
    assert grading.student_of(Path("class/ana/sub/x.ipynb"), given) == "ana"
    assert grading.student_of(Path("class/ben.ipynb"), given) == "ben"
    assert grading.student_of(Path("elsewhere/cy.ipynb"), given) == "cy"
