"""A student working alone: the worked solution after a real attempt, a teacher's switch that
closes it, and a progress record in the student's own folder that survives a restart and a
damaged file.

Walked as a student moves: for one exercise of every kind, try to see the solution first
(closed), check an answer of their own, then see it; or read every hint, then see it. The
switch ``NAMLIB_SOLUTIONS=off`` keeps every solution closed however much was tried. The
record is exercised in a real kernel: an answer, a restart, the solution still open, and
then a corrupted record file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_student_flows import Kernel

import namlib
from namlib.exercises import forget
from namlib.exercises.bank import load_bank
from namlib.exercises.progress import RECORD_NAME, Record

SPECS = load_bank()
ONE_PER_KIND = {}
for _spec in SPECS.values():
    ONE_PER_KIND.setdefault(_spec.kind, _spec.id)


@pytest.fixture
def student(tmp_path, monkeypatch):
    """A fresh kernel state and a progress record of this student's own, in their folder."""
    forget()
    monkeypatch.setenv("NAMLIB_PROGRESS", str(tmp_path / RECORD_NAME))
    monkeypatch.delenv("NAMLIB_TEACHER", raising=False)
    monkeypatch.delenv("NAMLIB_SOLUTIONS", raising=False)
    yield tmp_path / RECORD_NAME
    forget()


def test_every_kind_is_walked():
    assert set(ONE_PER_KIND) >= {"number", "text", "date", "choice", "order", "series", "frame", "open"}


@pytest.mark.parametrize("exercise_id", sorted(ONE_PER_KIND.values()))
def test_attempt_then_solution(student, exercise_id):
    spec = SPECS[exercise_id]
    first = namlib.solution(exercise_id)
    if spec.kind == "open":
        # An open question has no wrong answer: its self-check is there once the student has written.
        assert first.heading == f"Check your own answer · {exercise_id}"
        assert "An example answer" in repr(first)
        assert "Notes for the discussion" not in repr(first), "the teacher's notes stay teacher-only"
        return
    assert first.heading == f"Try it first · {exercise_id}"
    assert "Code:" not in repr(first)
    verdict = namlib.check(exercise_id, "a guess of my own")
    assert verdict.status in ("incorrect", "invalid")
    shown = namlib.solution(exercise_id)
    assert shown.heading == f"Solution · {exercise_id}"
    assert "Code:" in repr(shown) and "answer =" in repr(shown)


@pytest.mark.parametrize("exercise_id", sorted(i for k, i in ONE_PER_KIND.items() if SPECS[i].hints))
def test_all_hints_then_solution(student, exercise_id):
    count = len(SPECS[exercise_id].hints)
    for number in range(1, count):
        namlib.hint(exercise_id, number)
        if SPECS[exercise_id].kind != "open":
            assert namlib.solution(exercise_id).heading.startswith("Try it first"), f"opened after hint {number}"
    last = namlib.hint(exercise_id, count)
    assert f'namlib.solution("{exercise_id}")' in repr(last), "the last hint says where the solution is"
    assert namlib.solution(exercise_id).heading.startswith(("Solution", "Check your own answer"))


@pytest.mark.parametrize("exercise_id", sorted(ONE_PER_KIND.values()))
def test_teacher_switch_keeps_solutions_closed(student, monkeypatch, exercise_id):
    monkeypatch.setenv("NAMLIB_SOLUTIONS", "off")
    namlib.check(exercise_id, "a guess of my own")
    for number in range(1, len(SPECS[exercise_id].hints) + 1):
        last = namlib.hint(exercise_id, number)
    note = namlib.solution(exercise_id)
    assert note.heading == f"Solution · {exercise_id}"
    assert "turned worked solutions off" in repr(note)
    assert "Code:" not in repr(note) and "example answer" not in repr(note)
    if SPECS[exercise_id].hints:
        assert "namlib.solution" not in repr(last), "with the switch off, the last hint does not point to it"


def test_teacher_mode_shows_everything(student, monkeypatch):
    monkeypatch.setenv("NAMLIB_TEACHER", "1")
    monkeypatch.setenv("NAMLIB_SOLUTIONS", "off")  # the teacher's own edition is never closed
    open_id = ONE_PER_KIND["open"]
    assert "Notes for the discussion" in repr(namlib.solution(open_id))
    assert "Code:" in repr(namlib.solution(ONE_PER_KIND["number"]))


def test_progress_counts_and_never_lowers(student):
    namlib.check("03.2", 137)
    namlib.check("03.2", 120)
    namlib.check("03.2", 137)  # a later wrong try does not take the ✔ away
    namlib.check("03.1", "Baku")
    namlib.check("03.3", ...)  # still "...": not an attempt
    table = namlib.progress("03").table.set_index("exercise")["status"]
    assert table["03.2"] == "solved" and table["03.1"] == "tried" and table["03.3"] == "not attempted"
    assert table["03.10"] == "discussion", "an open question is answered in words, never graded"
    text = repr(namlib.progress(3))
    assert "Tried but not yet solved: 03.1." in text
    data = json.loads(student.read_text(encoding="utf-8"))
    assert data["exercises"]["03.2"] == {"status": "solved", "attempts": 3, "hints": 0}


def test_progress_of_a_lesson_that_does_not_exist(student):
    shown = namlib.progress("42")
    assert "There is no lesson '42'" in repr(shown)
    assert set(shown.table["lesson"]) == {spec.lesson for spec in SPECS.values()}


def test_a_damaged_record_starts_afresh_and_keeps_the_old_file(student):
    student.write_text('{"format": "namlib-progress/1", "exercises": {"03.2": ', encoding="utf-8")
    shown = namlib.progress("03")
    assert "could not be read, so it starts afresh" in repr(shown)
    assert set(shown.table["status"]) == {"not attempted", "discussion"}
    assert (student.parent / (RECORD_NAME + ".unreadable")).exists(), "the damaged file is kept, not lost"
    namlib.check("03.2", 120)
    assert Record(student).status("03.2") == "solved"


@pytest.mark.parametrize("content", ["", "[]", '{"format": "other", "exercises": {}}', "\xff\xfe garbage"])
def test_every_kind_of_damage_is_a_note_not_a_traceback(student, content):
    student.write_bytes(content.encode("latin-1"))
    assert namlib.check("03.2", 137).status == "incorrect"
    assert Record(student).status("03.2") == "tried"


def test_a_read_only_folder_keeps_no_record_and_raises_nothing(student, monkeypatch):
    monkeypatch.setenv("NAMLIB_PROGRESS", str(Path("/proc/no-such-folder") / RECORD_NAME))
    assert namlib.check("03.2", 120).status == "correct"
    assert namlib.progress("03").table.set_index("exercise").loc["03.2", "status"] == "not attempted"


def test_record_survives_a_kernel_restart_and_corruption(tmp_path, monkeypatch):
    """In a real kernel: answer, restart, the solution is still open; then a damaged record."""
    monkeypatch.setenv("NAMLIB_PROGRESS", str(tmp_path / RECORD_NAME))
    kernel = Kernel(tmp_path)
    try:
        kernel.run("import namlib")
        assert "Try it first" in kernel.value('namlib.solution("03.2")')
        assert "Not yet" in kernel.value('namlib.check("03.2", 137)')
    finally:
        kernel.close()
    kernel = Kernel(tmp_path)  # a restart: nothing of the old kernel is left but the record
    try:
        kernel.run("import namlib")
        assert "Solution · 03.2" in kernel.value('namlib.solution("03.2")')
        assert "Tried but not yet solved: 03.2." in kernel.value('namlib.progress("03")')
        (tmp_path / RECORD_NAME).write_text("not json at all", encoding="utf-8")
        shown, errors = kernel.run('namlib.progress("03")')
        assert not errors
        assert "could not be read, so it starts afresh" in shown[-1]
    finally:
        kernel.close()


def test_every_open_question_has_self_check_criteria():
    open_ids = [spec.id for spec in SPECS.values() if spec.kind == "open"]
    assert open_ids
    for exercise_id in open_ids:
        criteria = SPECS[exercise_id].raw.get("criteria", [])
        assert 2 <= len(criteria) <= 3, f"{exercise_id}: {len(criteria)} criteria"
        assert all(len(c.split()) <= 30 for c in criteria), f"{exercise_id}: a criterion too long to read at a glance"
