"""The nbgrader source versions (namlib/grading/nbgrader.py), run through the real nbgrader.

The first tests need no nbgrader: every lesson converts, and the cells carry the metadata
nbgrader expects. The others build a course folder in a temporary directory, as a teacher
would (``python -m namlib exercises nbgrader --out COURSE``), and run nbgrader's own commands
in it, each in a subprocess, with no hub and no network:

1. ``nbgrader generate_assignment "*"`` makes the students' copies (``release/``);
2. three submissions go into ``submitted/``: *key*, the release with every answer cell filled
   in by the bank's worked solution (the teacher's edition) and every discussion answer
   written; *empty*, the release as handed out; *ben*, lesson 00 only, with one known wrong
   answer and one answer cell that raises;
3. ``nbgrader autograde "*"`` runs them, and the scores are read from nbgrader's gradebook
   database with ``nbgrader.api.Gradebook``; a teacher's manual grades are entered through
   the same API, as the formgrader does;
4. ``nbgrader generate_feedback "*"`` writes the feedback pages.

The lessons are 00 and 05 (which has frame exercises) by default: each autograded notebook
takes a few seconds. ``NAM_NBGRADER_LESSONS=all`` (or ``00,03,10``) picks others.

Without nbgrader in this environment these tests are skipped, unless ``NAM_REQUIRE_NBGRADER=1``
(for CI), which makes that a failure. To run them without touching the project's .venv::

    python3 -m venv /tmp/nbg
    /tmp/nbg/bin/pip install "nbgrader>=0.9" pandas matplotlib ipywidgets frictionless pytest nbval
    PYTHONPATH=$PWD /tmp/nbg/bin/python -m pytest tests/test_nbgrader.py
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from namlib.__main__ import main
from namlib.exercises.bank import load_bank
from namlib.exercises.checking import decode_entry
from namlib.exercises.solutions import (
    cell_source,
    checked_ids,
    notebook_paths,
    read_notebook,
    solution_code,
    with_answers,
    write_notebook,
)
from namlib.grading.nbgrader import BEGIN, END, STUDENT_NOTE, nbgrader_notebook, points_of

REPO = Path(__file__).resolve().parents[1]
LESSONS = notebook_paths(REPO / "notebooks")
REQUIRE_ENV = "NAM_REQUIRE_NBGRADER"
LESSONS_ENV = "NAM_NBGRADER_LESSONS"
GRADE_ID = re.compile(r"^[a-zA-Z0-9_\-]+$")
COMMAND_TIMEOUT = 900  # seconds for one nbgrader command; autograde of two lessons takes about 30 s


def _chosen_lessons() -> list[Path]:
    wanted = os.environ.get(LESSONS_ENV, "00,05").strip()
    if wanted == "all":
        return LESSONS
    numbers = {part.strip().zfill(2) for part in wanted.split(",") if part.strip()}
    return [path for path in LESSONS if path.name[:2] in numbers]


def _nbgrader_or_skip() -> None:
    if importlib.util.find_spec("nbgrader") is not None:
        return
    message = (
        f"nbgrader is not installed in {sys.prefix} (pip install 'namlib[nbgrader]', or see this file's "
        "docstring for a separate environment)"
    )
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message}; {REQUIRE_ENV}=1 makes this a failure, not a skip", pytrace=False)
    pytest.skip(f"{message}; set {REQUIRE_ENV}=1 to make this a failure")


def _meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


# --------------------------------------------------------------------------- without nbgrader


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_source_version_marks_every_cell(path: Path) -> None:
    """Answer cells hold the solution region, a test cell follows each, everything else is locked."""
    lesson = read_notebook(path)
    specs = load_bank()
    source = nbgrader_notebook(lesson, name=path.name)
    cells = source["cells"]
    ids = [_meta(c).get("grade_id") for c in cells]
    assert all(isinstance(i, str) and GRADE_ID.match(i) for i in ids), ids
    assert len(set(ids)) == len(ids), "grade ids must be unique"
    assert all(_meta(c).get("schema_version") == 3 for c in cells)
    assert all(c.get("outputs", []) == [] for c in cells), "the source version has no outputs"
    assert cells[0]["source"] == lesson["cells"][0]["source"] and STUDENT_NOTE in [cell_source(c) for c in cells[:3]]

    graded = [i for c in lesson["cells"] if c["cell_type"] == "code" for i in checked_ids(cell_source(c))[:1]]
    discussions = [
        c["metadata"]["namlib"]["answer_to"]
        for c in lesson["cells"]
        # open questions' Markdown answer cells (a code answer cell carries the mark too)
        if c["cell_type"] == "markdown" and c.get("metadata", {}).get("namlib", {}).get("answer_to")
    ]
    assert graded, f"{path.name} has no answer cell"
    for number, cell in enumerate(cells):
        meta = _meta(cell)
        if meta["solution"] and cell["cell_type"] == "code":
            exercise_id = checked_ids(cell_source(cell))[0]
            assert meta["grade_id"] == f"answer-{exercise_id.replace('.', '-')}" and not meta["grade"]
            assert f"{BEGIN}\n{solution_code(specs[exercise_id]).rstrip()}\n{END}\n" in cell_source(cell)
            test = cells[number + 1]
            assert _meta(test) == {
                "grade": True,
                "grade_id": f"test-{exercise_id.replace('.', '-')}",
                "locked": True,
                "points": 1.0,
                "schema_version": 3,
                "solution": False,
            }
            assert f'namlib.exercise("{exercise_id}").check(answer)' in cell_source(test)
        elif meta["solution"]:
            exercise_id = cell["metadata"]["namlib"]["answer_to"]
            assert meta["grade"] and meta["points"] == points_of(specs[exercise_id]) == 3.0
            text = cell_source(cell)
            assert text.startswith(f"**Your answer to {exercise_id}.**\n{BEGIN}\n") and text.endswith(END)
            for criterion in specs[exercise_id].raw["criteria"]:
                assert criterion in text
            assert str(specs[exercise_id].secret("model_answer")).strip() in text
        elif not meta["grade"]:
            assert meta["locked"], f"cell {number} of {path.name} is neither an answer, a test nor locked"
    answers = [checked_ids(cell_source(c))[0] for c in cells if _meta(c)["solution"] and c["cell_type"] == "code"]
    assert answers == graded
    assert [
        c["metadata"]["namlib"]["answer_to"] for c in cells if c["cell_type"] == "markdown" and _meta(c)["solution"]
    ] == discussions
    assert read_notebook(path) == lesson, "the lesson itself is not changed"


def test_command_writes_a_course_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m namlib exercises nbgrader --out DIR``: nbgrader's layout, and a config it never overwrites."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    shutil.copy(LESSONS[0], lessons)
    course = tmp_path / "course"
    assert main(["exercises", "nbgrader", "--notebooks", str(lessons), "--out", str(course), "--auto-points", "2"]) == 0
    written = course / "source" / LESSONS[0].stem / LESSONS[0].name
    assert written.is_file() and "wrote" in capsys.readouterr().out
    config = (course / "nbgrader_config.py").read_text(encoding="utf-8")
    assert "c.ClearSolutions.code_stub = {\"python\": 'answer = ...  # your answer here'}" in config
    compile(config, "nbgrader_config.py", "exec")
    cells = read_notebook(written)["cells"]
    points = {_meta(c)["points"] for c in cells if _meta(c)["grade"] and c["cell_type"] == "code"}
    assert points == {2.0}
    (course / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    assert main(["exercises", "nbgrader", "--notebooks", str(lessons), "--out", str(course)]) == 0
    assert "kept the existing" in capsys.readouterr().out
    assert (course / "nbgrader_config.py").read_text(encoding="utf-8") == "c = get_config()\n"
    assert main(["exercises", "nbgrader", "--notebooks", str(tmp_path / "none"), "--out", str(course)]) == 1


# --------------------------------------------------------------------------- with nbgrader


def _environment(scratch: Path) -> dict[str, str]:
    """The environment of the nbgrader commands and the kernels they start: nothing from this user's Jupyter."""
    env = dict(os.environ)
    # nbgrader runs the `alembic` command when it creates the gradebook: the environment's bin folder.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    if importlib.util.find_spec("namlib.data") is None:  # namlib from the repository folder, not installed
        env["NAMLIB_DATA"] = str(REPO / "data")
    for variable in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        folder = scratch / variable.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[variable] = str(folder)
    env["MPLBACKEND"] = "Agg"
    env.pop("NAMLIB_TEACHER", None)
    env.pop("JUPYTER_PATH", None)
    return env


def _nbgrader(course: Path, env: dict[str, str], *args: str) -> float:
    """Run ``nbgrader ARGS`` in the course folder; its log goes to a file, shown if it fails. Returns seconds."""
    log = course.parent / f"nbgrader-{args[0]}.log"
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "nbgrader", *args],
            cwd=course,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    text = log.read_text(encoding="utf-8")
    errors = [line for line in text.splitlines() if "| ERROR]" in line]
    assert done.returncode == 0 and not errors, f"nbgrader {' '.join(args)} failed:\n" + text[-6000:]
    return time.perf_counter() - start


def _key_answers(nb: dict, specs: dict) -> dict:
    """The release with every answer cell holding the worked solution, and every discussion answered."""
    ids = [i for c in nb["cells"] if c["cell_type"] == "code" for i in checked_ids(cell_source(c))[:1]]
    filled = with_answers(nb, {i: solution_code(specs[i]) for i in ids})
    for cell in filled["cells"]:
        exercise_id = cell.get("metadata", {}).get("namlib", {}).get("answer_to")
        if exercise_id and cell["cell_type"] == "markdown":  # an open question's answer cell
            cell["source"] = f"**My answer to {exercise_id}.** " + str(specs[exercise_id].secret("model_answer"))
    return filled


def _ben(nb: dict, specs: dict) -> tuple[dict, str, str]:
    """Lesson 00 with one known wrong answer (its feedback message is the test's) and one answer that raises."""
    ids = [i for c in nb["cells"] if c["cell_type"] == "code" for i in checked_ids(cell_source(c))[:1]]
    wrong = next(i for i in ids if any("answer" in e for e in specs[i].feedback))
    entry = next(e for e in specs[wrong].feedback if "answer" in e)
    raising = next(i for i in ids if i != wrong)
    answers = {i: solution_code(specs[i]) for i in ids}
    answers[wrong] = f"answer = {decode_entry(entry, 'answer')!r}"
    answers[raising] = "answer = no_such_name  # a NameError"
    return with_answers(nb, answers), wrong, raising


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A course folder after generate_assignment, autograde and generate_feedback; timings in ``seconds``."""
    _nbgrader_or_skip()
    chosen = _chosen_lessons()
    assert chosen, f"{LESSONS_ENV}={os.environ.get(LESSONS_ENV)!r} picks no lesson"
    scratch = tmp_path_factory.mktemp("nbgrader")
    lessons = scratch / "lessons"
    lessons.mkdir()
    for path in chosen:
        shutil.copy(path, lessons)
    root = scratch / "course"
    env = _environment(scratch)
    seconds: dict[str, float] = {}
    assert main(["exercises", "nbgrader", "--notebooks", str(lessons), "--out", str(root)]) == 0
    seconds["generate_assignment"] = _nbgrader(root, env, "generate_assignment", "*")
    specs = load_bank()
    ben = None
    for path in chosen:
        release = read_notebook(root / "release" / path.stem / path.name)
        books = {"key": _key_answers(release, specs), "empty": release}
        if path.name.startswith("00-"):
            books["ben"], wrong, raising = _ben(release, specs)
            ben = (path.stem, wrong, raising)
        for student, nb in books.items():
            folder = root / "submitted" / student / path.stem
            folder.mkdir(parents=True)
            write_notebook(nb, folder / path.name)
    seconds["autograde"] = _nbgrader(root, env, "autograde", "*")
    seconds["generate_feedback"] = _nbgrader(root, env, "generate_feedback", "*")
    return {"root": root, "lessons": chosen, "specs": specs, "ben": ben, "seconds": seconds}


def _grades(root: Path, assignment: str, student: str) -> dict[str, dict]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(assignment, assignment, student)
        return {
            g.name: {
                "score": g.score,
                "auto": g.auto_score,
                "max": g.max_score,
                "manual": g.needs_manual_grade,
                "type": g.cell.cell_type,
            }
            for g in notebook.grades
        }


def test_release_is_the_lesson_with_test_cells(course: dict) -> None:
    """Students get the lesson's own answer cells back, test cells they cannot edit, and no solution."""
    specs = course["specs"]
    for path in course["lessons"]:
        release = read_notebook(course["root"] / "release" / path.stem / path.name)
        lesson = read_notebook(path)
        text = "\n".join(cell_source(c) for c in release["cells"])
        graded = [i for c in lesson["cells"] if c["cell_type"] == "code" for i in checked_ids(cell_source(c))]
        for exercise_id in graded:
            assert solution_code(specs[exercise_id]).strip() not in text, f"{exercise_id}'s solution is in the release"
        for spec in specs.values():
            if spec.kind == "open" and spec.lesson == path.name[:2]:
                assert str(spec.secret("model_answer")).strip()[:60] not in text and BEGIN not in text
        theirs = {c["id"]: cell_source(c) for c in lesson["cells"]}
        for cell in release["cells"]:
            meta = cell["metadata"]
            if meta["nbgrader"]["solution"] and cell["cell_type"] == "code":
                assert cell_source(cell) == theirs[cell["id"]], "the answer cell is the lesson's own"
            elif meta["nbgrader"]["solution"]:
                assert " ".join(cell_source(cell).split()) == " ".join(theirs[cell["id"]].split())
            else:
                assert meta.get("editable") is False and meta.get("deletable") is False
                if not cell["id"].startswith("nbgrader-"):
                    assert cell_source(cell) == theirs[cell["id"]]


def test_teacher_edition_gets_full_marks(course: dict) -> None:
    """Every autograded test passes; discussions wait for the teacher, whose grades complete the total."""
    from nbgrader.api import Gradebook

    root = course["root"]
    for path in course["lessons"]:
        grades = _grades(root, path.stem, "key")
        auto = {name: g for name, g in grades.items() if g["type"] == "code"}
        manual = {name: g for name, g in grades.items() if g["type"] == "markdown"}
        assert auto and all(g["score"] == g["max"] == 1.0 for g in auto.values()), auto
        assert manual and all(g["manual"] and g["auto"] is None for g in manual.values()), manual
        with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
            for name, g in manual.items():
                grade = gb.find_grade(name, path.stem, path.stem, "key")
                grade.manual_score = g["max"]
            gb.db.commit()
            submission = gb.find_submission(path.stem, "key")
            assert submission.score == submission.max_score == len(auto) + sum(g["max"] for g in manual.values())


def test_unanswered_release_gets_zero(course: dict) -> None:
    """The release as handed out: zero for every test, and the untouched discussions need no grading."""
    for path in course["lessons"]:
        grades = _grades(course["root"], path.stem, "empty")
        assert grades and all(g["score"] == 0 for g in grades.values()), grades
        assert not any(g["manual"] for g in grades.values())


def test_wrong_and_broken_answers_lose_their_points_only(course: dict) -> None:
    """A known wrong answer and an answer cell that raises cost one point each; the feedback says why."""
    if course["ben"] is None:
        pytest.skip("lesson 00 is not among the lessons chosen")
    assignment, wrong, raising = course["ben"]
    grades = _grades(course["root"], assignment, "ben")
    lost = {name for name, g in grades.items() if g["type"] == "code" and g["score"] != g["max"]}
    assert lost == {f"test-{wrong.replace('.', '-')}", f"test-{raising.replace('.', '-')}"}
    page = (course["root"] / "feedback" / "ben" / assignment / f"{assignment}.html").read_text(encoding="utf-8")
    entry = next(e for e in course["specs"][wrong].feedback if "answer" in e)
    words = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert f"Not yet · {wrong}" in words and "NameError" in words
    assert " ".join(entry["message"].split()[:6]) in " ".join(words.split())


def test_feedback_pages(course: dict) -> None:
    """generate_feedback writes one page per student and lesson, with our checker's words in it."""
    root = course["root"]
    for path in course["lessons"]:
        for student in ("key", "empty"):
            page = root / "feedback" / student / path.stem / f"{path.stem}.html"
            assert page.is_file(), page
        empty = (root / "feedback" / "empty" / path.stem / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "Not attempted yet" in empty
    timings = ", ".join(f"{name} {value:.1f} s" for name, value in course["seconds"].items())
    print(f"nbgrader on {len(course['lessons'])} lesson(s): {timings}")
