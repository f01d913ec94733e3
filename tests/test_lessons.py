"""The lessons keep the conventions in notebooks/README.md (nbval checks that they run)."""

from __future__ import annotations

import json
import re
import sys

import nbformat
import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import namlib  # noqa: E402
import notebooks as tools  # noqa: E402  (scripts/notebooks.py)
from namlib.exercises import exercise, exercise_ids_in  # noqa: E402
from namlib.exercises.solutions import GLOBAL_CHECK  # noqa: E402

LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
IDS = [p.stem for p in LESSONS]


def cells(path):
    return nbformat.read(path, as_version=4).cells


def content_cells(path):
    return [c for c in cells(path) if tools.NAV_TAG not in c.metadata.get("tags", [])]


def test_there_are_ten_lessons():
    assert [p.name[:2] for p in LESSONS] == [f"{n:02d}" for n in range(11)]


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_first_cell_states_title_time_assumptions_objectives(path):
    first = content_cells(path)[0]
    assert first.cell_type == "markdown"
    assert re.match(rf"# {path.name[:2]} · \S", first.source), "title line '# NN · Title'"
    assert re.search(r"\*\*Time:\*\* about \d+", first.source)
    assert "**Assumes:**" in first.source
    (lesson,) = [x for x in tools.lessons() if x.path == path]
    assert 3 <= len(lesson.objectives) <= 5, lesson.objectives


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_ends_with_key_points(path):
    last = content_cells(path)[-1]
    assert last.cell_type == "markdown" and "## Key points" in last.source
    bullets = [line for line in last.source.splitlines() if line.startswith(("- ", "* "))]
    assert 3 <= len(bullets) <= 8


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_navigation_is_generated_and_current(path):
    series = tools.lessons()
    index = [x.path for x in series].index(path)
    navs = [c for c in cells(path) if tools.NAV_TAG in c.metadata.get("tags", [])]
    assert [c.source for c in navs] == [tools.nav_line(series, index)] * 2, "run: python scripts/notebooks.py nav"
    all_cells = cells(path)
    assert all_cells[1] is not None and tools.NAV_TAG in all_cells[1].metadata.get("tags", [])
    assert tools.NAV_TAG in all_cells[-1].metadata.get("tags", [])


def test_contents_table_is_current():
    text = (REPO / "notebooks" / "README.md").read_text(encoding="utf-8")
    for lesson in tools.lessons():
        assert f"[{lesson.label}]({lesson.path.name})" in text, "run: python scripts/notebooks.py nav"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_exercises_per_lesson(path):
    ids = exercise_ids_in(path)
    assert all(i.startswith(path.name[:2] + ".") for i in ids)
    kinds = [exercise(i).kind for i in ids]
    checked = [k for k in kinds if k != "open"]
    assert len(checked) >= 4, f"{len(checked)} auto-checked exercises"
    assert "open" in kinds, "at least one open discussion question"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_exercises_are_spread_through_the_lesson(path):
    sources = [c.source for c in content_cells(path)]
    positions = [i for i, s in enumerate(sources) if "namlib.exercise(" in s]
    assert positions, "no exercises"
    assert positions[0] < len(sources) * 0.6, "exercises should sit where the material is, not all at the end"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_stored_outputs_are_clean(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in raw["metadata"], "strip widget state (scripts/notebooks.py run does)"
    code = [c for c in raw["cells"] if c["cell_type"] == "code"]
    assert any(c["outputs"] for c in code), "outputs must be committed for nbval"
    for cell in code:
        assert "execution" not in cell["metadata"], "no timing metadata"
        expect_error = "raises-exception" in cell["metadata"].get("tags", [])
        for out in cell["outputs"]:
            assert expect_error or out["output_type"] != "error", "".join(cell["source"])[:80]
            text = json.dumps(out.get("data", {})) + "".join(out.get("text", "")) + "".join(out.get("traceback", []))
            # scripts/notebooks.py run shortens library paths in tracebacks to …/site-packages/
            assert not re.search(r"/work/|/tmp/|/home/|/root/|/usr/", text), "no machine paths in outputs"
            assert not re.search(r"at 0x[0-9a-f]{6,}", text), "no memory addresses in outputs"
        assert cell["execution_count"] is not None, "run the whole lesson before committing"


def test_stored_tracebacks_name_no_machine_folder():
    line = "\x1b[32mFile /home/ana/.venv/lib/python3.12/site-packages/pandas/core/frame.py:4113\x1b[39m"
    assert tools._without_machine_paths(line) == "\x1b[32mFile …/site-packages/pandas/core/frame.py:4113\x1b[39m"
    windows = "C:\\Users\\ana\\lib\\python3.11\\json\\decoder.py"
    assert tools._without_machine_paths(windows) == "…/python3.11/json\\decoder.py"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_sets_up_namlib_and_cites_sources(path):
    sources = [c.source for c in content_cells(path)]
    setup = next(s for s, c in zip(sources, content_cells(path), strict=True) if c.cell_type == "code")
    assert "import namlib" in setup
    markdown = "\n".join(c.source for c in content_cells(path) if c.cell_type == "markdown")
    if path.name[:2] != "00":
        assert re.search(r"\[[a-z0-9-]+ [^\]]+\]", markdown), "cite sources as [source-id locator]"


CARD = re.compile(r"""^namlib\.exercise\(["'](?P<id>[\d.]+)["']\)$""")
QUIZ = re.compile(r"""^namlib\.quiz\(["'](?P<id>[\d.]+)["']\)$""")
ANSWER = re.compile(
    r"""^answer = \.\.\.  # .+\nnamlib\.check\("(?P<id>[\d.]+)", answer\)(?:\n# namlib\.hint\("(?P<hint>[\d.]+)"\))?$"""
)


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_no_cell_uses_a_global_exercise_object(path):
    """``ex = namlib.exercise(...)`` then ``ex.check(answer)`` checked whichever card ran last."""
    for cell in cells(path):
        assert not GLOBAL_CHECK.search(cell.source), f"use namlib.check(ID, answer): {cell.source[:120]!r}"
        if cell.cell_type == "code":
            assert not re.search(r"^\s*ex\s*=", cell.source, re.M), f"no global `ex`: {cell.source[:120]!r}"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_every_card_has_an_answer_cell_that_names_its_exercise(path):
    """Card, optional quiz, answer cell: each names the same id, in that order.

    An open question is answered in words: a Markdown cell, then ``namlib.solution(ID)``,
    which shows what a good answer covers and a folded example.
    """
    content = content_cells(path)
    sources = [c.source.strip() for c in content if c.cell_type == "code"]
    cards = [(i, CARD.match(s).group("id")) for i, s in enumerate(sources) if CARD.match(s)]
    assert [i for _, i in cards] == exercise_ids_in(path)
    for (start, exercise_id), (end, _) in zip(cards, [*cards[1:], (len(sources), None)], strict=True):
        between = sources[start + 1 : end]
        if exercise(exercise_id).kind == "open":
            assert not [s for s in between if ANSWER.match(s)], f"{exercise_id}: answered in a Markdown cell"
            self_check = [i for i, c in enumerate(content) if c.source.strip() == f'namlib.solution("{exercise_id}")']
            assert len(self_check) == 1, f"{exercise_id}: one self-check cell"
            answer_cell = content[self_check[0] - 1]
            assert answer_cell.cell_type == "markdown", f"{exercise_id}: the answer cell before it is Markdown"
            assert answer_cell.metadata.get("namlib", {}).get("answer_to") == exercise_id
            continue
        answers = [m for m in map(ANSWER.match, between) if m]
        assert len(answers) == 1, f"{exercise_id}: exactly one answer cell, in the form of notebooks/README.md"
        assert answers[0].group("id") == exercise_id, f"the answer cell after card {exercise_id} checks another id"
        assert answers[0].group("hint") in (None, exercise_id)
        if exercise(exercise_id).spec.hints and exercise(exercise_id).kind != "open":
            assert answers[0].group("hint") == exercise_id, f"{exercise_id}: the answer cell offers its hint"
        quizzes = [m.group("id") for m in map(QUIZ.match, between) if m]
        assert quizzes in ([], [exercise_id]), f"{exercise_id}: a quiz cell names its own exercise"


def test_docs_and_readmes_use_the_answer_cell_form():
    for path in [REPO / "README.md", REPO / "notebooks" / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        assert not GLOBAL_CHECK.search(text), f"{path.name} still shows the global ex.check/ex.hint form"
        assert "ex = namlib.exercise" not in text, path.name


def test_the_convention_test_rejects_the_old_form():
    assert GLOBAL_CHECK.search("answer = 120\nex.check(answer)")
    assert GLOBAL_CHECK.search("# ex.hint()")
    assert not ANSWER.match("answer = ...  # your answer here\nex.check(answer)\n# ex.hint()")
    assert ANSWER.match('answer = ...  # your answer here\nnamlib.check("03.2", answer)\n# namlib.hint("03.2")')


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_student_cells_never_speak_of_test_tooling(path):
    for cell in cells(path):
        if cell.cell_type != "code":
            continue
        assert "nbval" not in cell.source.lower(), f"keep test markers in metadata: {cell.source[:100]!r}"
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            assert cell.metadata.get("nbval_reason", "").strip(), "say why in the metadata key nbval_reason"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_kernelspec_is_the_one_lab_runs_so_opening_does_not_mark_the_lesson_modified(path):
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    stored = nbformat.read(path, as_version=4).metadata["kernelspec"]
    assert stored == {"display_name": spec.display_name, "language": spec.language, "name": "python3"}


CITATION = re.compile(r"\[([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?=[ \];])")


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_every_citation_in_the_text_is_a_source_of_the_dataset(path):
    """A claim cited as [source-id locator] points to a row of `sources` a reader can look up."""
    known = set(namlib.load("sources")["source_id"])
    text = "\n".join(c.source for c in content_cells(path) if c.cell_type == "markdown")
    cited = set(CITATION.findall(text))
    assert cited - known == set(), f"cited but not in sources.csv: {sorted(cited - known)}"
    assert CITATION.findall("as the account says [mfa-az-nam ¶3]; [wp-2025-nam summit table]") == [
        "mfa-az-nam",
        "wp-2025-nam",
    ]


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_each_exercise_cell_says_which_exercise_it_is_in_its_metadata(path):
    """The teacher's edition is keyed on these marks (namlib.exercises.teachers_edition), not on code text."""
    from namlib.exercises.teachers_edition import answered_id, card_ids

    for cell in content_cells(path):
        if cell.cell_type != "code":
            continue
        shown = re.findall(r'namlib\.exercise\("(\d\d\.\d+)"\)', cell.source)
        checked = re.findall(r'namlib\.check\("(\d\d\.\d+)"', cell.source)
        assert card_ids(cell) == shown, f"card cell without its mark: {cell.source[:60]!r} (run nav)"
        assert answered_id(cell) == (checked[0] if checked else None), f"answer cell unmarked: {cell.source[:60]!r}"


def test_the_teachers_guide_gives_each_lesson_the_time_its_header_gives():
    """docs/teaching.md plans sessions from these times: a lesson that grew must not be planned short."""
    guide = (REPO / "docs" / "teaching.md").read_text(encoding="utf-8")
    total = 0
    for lesson in tools.lessons():
        minutes = re.match(
            r"about (\d+) minutes \((\d+) reading and running the code, (\d+) for exercises", lesson.minutes
        )
        assert minutes, lesson.minutes
        whole, reading, exercises = minutes.groups()
        total += int(whole)
        section = re.search(
            rf"### Lesson {lesson.number} · .*?\n\n\*About (\d+) minutes \((\d+) reading[^,]*, (\d+) for", guide
        )
        assert section and section.groups() == (whole, reading, exercises), f"lesson {lesson.number}'s section"
        row = re.search(rf"\| \[{lesson.number} · [^\]]+\]\([^)]+\) \| (\d+) \((\d+) \+ (\d+)", guide)
        assert row and row.groups() == (whole, reading, exercises), f"lesson {lesson.number}'s row of the plan"
    assert f"about {total} minutes" in guide
