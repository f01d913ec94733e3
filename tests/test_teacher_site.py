"""`make teacher`: the teacher's material as offline pages, for a teacher without a terminal; and the
teacher's edition and the answer key, compared with golden files.

The golden files are in tests/fixtures/golden/: ``99-fixture.ipynb.json`` is a tiny lesson on the
test bank tests/fixtures/bank/99.toml (plain text: nothing depends on the real bank or its encoded
answers), and ``99-fixture.teachers-edition.ipynb.json`` and ``answer-key.md`` are what
``python -m namlib exercises solutions`` and ``python -m namlib exercises key`` must write for it,
byte for byte. After a change that is meant to alter them, rewrite them and read the diff before
committing it:

    NAMLIB_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_teacher_site.py -k golden

(The notebooks are stored as ``.json`` so that nbval does not run them and ruff does not reformat them.)
"""

from __future__ import annotations

import copy
import difflib
import html
import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from conftest import REPO
from nbconvert import NotebookExporter
from traitlets.config import Config

from namlib import lesson_time
from namlib.__main__ import main
from namlib.exercises.bank import ExerciseError, load_bank
from namlib.exercises.solutions import replace_answer, solution_code, solution_notebook
from namlib.exercises.teachers_edition import MarkExerciseCells, TeachersEdition, answered_id, card_ids

LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
FIXTURE_BANK = REPO / "tests" / "fixtures" / "bank"
GOLDEN = REPO / "tests" / "fixtures" / "golden"
FIXTURE_LESSON = GOLDEN / "99-fixture.ipynb.json"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("teacher")
    run = subprocess.run(
        [sys.executable, "-m", "namlib", "exercises", "teacher", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return out


def test_the_index_links_every_lesson_and_the_key(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert links == ["answer-key.html", *[f"{p.stem}.html" for p in LESSONS]]
    for link in links:
        assert (site / link).exists(), link
    time = lesson_time.estimate(LESSONS[4]).header()
    assert "04 · From Cairo to Sharm el-Sheikh" in index and time in html.unescape(index)


def test_each_page_is_the_teachers_edition_and_opens_offline(site):
    for lesson in LESSONS:
        page = (site / f"{lesson.stem}.html").read_text(encoding="utf-8")
        assert "Solution (teacher" in page, lesson.name
        assert "enc:" not in page, "answers are shown decoded, as worked solutions"
        assert not re.search(r'<script[^>]+src="https?:', page), "no script from the web"
        assert not re.search(r"import\s*\(?\s*['\"]https?:", page), "no module from the web"
    assert "Teacher notes" in (site / "03-how-nam-works.html").read_text(encoding="utf-8")
    key = (site / "answer-key.html").read_text(encoding="utf-8")
    assert "03.2" in key and "http" not in key.split("<body>")[0]
    assert (site / "notebooks" / LESSONS[0].name).exists(), "the editions as notebooks too"


# --------------------------------------------------------------------------- golden files


def _against_golden(text: str, name: str) -> None:
    """``text`` must be the golden file ``name``; with NAMLIB_UPDATE_GOLDEN=1 it becomes it."""
    path = GOLDEN / name
    if os.environ.get("NAMLIB_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
        pytest.skip(f"rewrote {path.relative_to(REPO)}: read its diff before committing it")
    expected = path.read_text(encoding="utf-8")
    diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), "golden", "written", lineterm="")
    assert text == expected, f"{name} differs (NAMLIB_UPDATE_GOLDEN=1 rewrites it):\n" + "\n".join(list(diff)[:80])


def test_golden_teachers_edition(tmp_path, capsys):
    lessons = tmp_path / "notebooks"
    lessons.mkdir()
    shutil.copy(FIXTURE_LESSON, lessons / "99-fixture.ipynb")
    out = tmp_path / "solutions"
    args = ["exercises", "solutions", "--notebooks", str(lessons), "--out", str(out), "--bank", str(FIXTURE_BANK)]
    assert main(args) == 0
    assert "1 teacher's edition notebook(s)" in capsys.readouterr().out
    _against_golden((out / "99-fixture.ipynb").read_text(encoding="utf-8"), "99-fixture.teachers-edition.ipynb.json")


def test_golden_answer_key(tmp_path, capsys):
    out = tmp_path / "key.md"
    assert main(["exercises", "key", "--bank", str(FIXTURE_BANK), "--out", str(out)]) == 0
    _against_golden(out.read_text(encoding="utf-8"), "answer-key.md")


# --------------------------------------------------------------------------- the preprocessors


def _fixture():
    return nbformat.read(FIXTURE_LESSON, as_version=4)


def _cleared(cell):
    cell = copy.deepcopy(cell)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell


def test_the_edition_leaves_every_other_cell_as_it_was():
    lesson = _fixture()
    edition = solution_notebook(lesson, bank=FIXTURE_BANK, name="99-fixture.ipynb")
    ids = [cell.id for cell in lesson.cells]
    kept = [cell for cell in edition.cells if cell.id in ids]
    assert [cell.id for cell in kept] == ids, "every cell of the lesson, in its order"
    added = [cell.id for cell in edition.cells if cell.id not in ids]
    assert added == ["teacher-edition-banner", "teacher-notes-99-11"]
    for before, after in zip(lesson.cells, kept, strict=True):
        if answered_id(before) is None or before.cell_type != "code":
            assert after == _cleared(before), f"cell {before.id} was changed"
    prose = next(cell for cell in kept if cell.id == "prose")
    assert 'namlib.check("99.5", answer)' in prose.source, "prose that names a call is no exercise"
    assert "widgets" not in edition.metadata, "no widget state in the edition"


def _blocks_reversed(nb):
    """The lesson with its four exercises (card, its cells, answer) in the opposite order."""
    out = copy.deepcopy(nb)
    starts = [i for i, cell in enumerate(out.cells) if card_ids(cell)]
    end = max(i for i, cell in enumerate(out.cells) if answered_id(cell)) + 1
    blocks = [out.cells[a:b] for a, b in zip(starts, [*starts[1:], end], strict=True)]
    out.cells = out.cells[: starts[0]] + [cell for block in reversed(blocks) for cell in block] + out.cells[end:]
    return out


@pytest.mark.parametrize("order", ["as stored", "reversed"])
def test_each_solution_goes_to_its_own_exercise_in_any_order(order):
    lesson = _fixture() if order == "as stored" else _blocks_reversed(_fixture())
    specs = load_bank(FIXTURE_BANK)
    cards = [i for cell in lesson.cells for i in card_ids(cell)]
    assert cards != sorted(cards, key=lambda i: int(i.split(".")[1])), "the exercises are out of id order"
    edition = solution_notebook(lesson, bank=FIXTURE_BANK)
    by_id = {cell.id: cell for cell in edition.cells}
    answers = [cell for cell in lesson.cells if answered_id(cell)]
    assert len(answers) == 3
    for cell in answers:
        spec = specs[answered_id(cell)]
        assert by_id[cell.id].source == replace_answer(cell.source, solution_code(spec)), cell.id
        assert f'namlib.check("{spec.id}", answer)' in by_id[cell.id].source
    notes = [i for i, cell in enumerate(edition.cells) if cell.id == "teacher-notes-99-11"]
    assert len(notes) == 1 and card_ids(edition.cells[notes[0] - 1]) == ["99.11"], "the notes follow their card"
    assert specs["99.11"].secret("model_answer").strip() in edition.cells[notes[0]].source


def _unmarked():
    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell('namlib.exercise("99.11")', id="card"),
            nbformat.v4.new_code_cell('answer = ...\nnamlib.check("99.1", answer)', id="answer"),
        ]
    )


def test_a_cell_without_the_marks_is_not_an_exercise():
    lesson = _unmarked()
    edition, _ = TeachersEdition(bank=str(FIXTURE_BANK)).preprocess(copy.deepcopy(lesson), {})
    assert [cell.id for cell in edition.cells] == ["teacher-edition-banner", "card", "answer"], "no teacher notes"
    assert edition.cells[2].source == lesson.cells[1].source, "no solution in an unmarked cell"


def test_unmarked_lessons_are_marked_from_their_calls_and_the_marks_are_not_kept():
    lesson = _unmarked()
    marked, resources = MarkExerciseCells().preprocess(copy.deepcopy(lesson), {})
    assert [card_ids(c) for c in marked.cells] == [["99.11"], []]
    assert [answered_id(c) for c in marked.cells] == [None, "99.1"]
    edition = solution_notebook(lesson, bank=FIXTURE_BANK)
    assert [cell.id for cell in edition.cells] == ["teacher-edition-banner", "card", "teacher-notes-99-11", "answer"]
    assert edition.cells[3].source.startswith("# Solution (teacher's edition)\nanswer = 120\n")
    assert [cell.metadata for cell in edition.cells] == [{}, {}, {}, {}], "the derived marks are not left in"
    kept = solution_notebook(_fixture(), bank=FIXTURE_BANK)
    card = next(cell for cell in kept.cells if cell.id == "card-3")
    assert card.metadata == {"namlib": {"exercise": "99.5", "explains": [".isin"]}}, "a lesson's own marks stay"


def test_a_mark_for_an_exercise_not_in_the_bank_is_an_error():
    lesson = _fixture()
    lesson.cells[4].metadata["namlib"]["answer_to"] = "99.77"
    with pytest.raises(ExerciseError, match=r"cell 4: namlib.check for unknown exercise '99.77'"):
        solution_notebook(lesson, bank=FIXTURE_BANK)


def test_the_preprocessors_run_in_an_nbconvert_exporter():
    config = Config()
    config.NotebookExporter.preprocessors = [MarkExerciseCells, TeachersEdition]
    config.TeachersEdition.bank = str(FIXTURE_BANK)
    body, _ = NotebookExporter(config=config).from_notebook_node(_fixture(), {"metadata": {"name": "99-fixture"}})
    expected = solution_notebook(_fixture(), bank=FIXTURE_BANK, name="99-fixture.ipynb")
    assert nbformat.reads(body, as_version=4) == expected
