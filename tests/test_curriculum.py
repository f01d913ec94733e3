"""Practice and progression: nothing used before it is taught, code to write in every lesson, honest times."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from namlib import curriculum, lesson_time
from namlib.exercises.bank import load_bank
from namlib.exercises.checking import expected_value
from namlib.exercises.solutions import notebook_paths

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
LESSONS = notebook_paths(NOTEBOOKS)
IDS = [p.stem for p in LESSONS]
BANK = load_bank()
CODE_KINDS = {"series", "frame"}


@pytest.fixture(scope="module")
def series():
    return curriculum.read_lessons(NOTEBOOKS)


# --- the technique reader ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('summits[summits["city"] == "Belgrade"]', {"=="}),
        ('members[members["iso3"].isin(["AZE"])]', {".isin", "[...]"}),
        ('members[~members["iso3"].isin(founders)]', {".isin", "~"}),
        ('a[(a["x"] > 1) & (a["y"] < 2)]', {">", "<", "&"}),
        ('summits[["city", "year"]]', {"[[...]]"}),
        (
            'pd.cut(un["year"], bins=[1950, 1990], labels=["a"])',
            {"pd.cut", "pd.cut(bins=)", "pd.cut(labels=)", "[...]"},
        ),
        ("ax = namlib.plots.timeline(events)", {"=", "namlib.plots.timeline"}),
        ("(end - start).dt.days", {"-", ".dt", ".days"}),
        ("len(cities)", {"len"}),
        (
            'm.merge(u, on="iso3", how="outer", validate="one_to_one")',
            {".merge", ".merge(on=)", ".merge(how=)", ".merge(validate=)"},
        ),
        ("s.apply(lambda x: x + 1)", {".apply", "lambda", "+"}),
        ('f"{n} states"', {'f"..."'}),
        ("summits[", set()),  # a SyntaxError shown on purpose uses nothing
    ],
)
def test_techniques_are_read_from_code(code, expected):
    assert curriculum.techniques(code) == expected


def test_techniques_are_read_from_the_code_spans_of_a_message():
    text = 'Use `.isin()` on the column, then `~` to keep the others; `how="left"` keeps every row; `120` is a number.'
    assert curriculum.techniques_in_text(text) == {".isin", "~"}


# --- taught before used --------------------------------------------------------------------


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_every_lesson_declares_what_it_teaches(path):
    declared = nbformat.read(path, as_version=4).metadata.get("namlib", {})
    both = [*declared.get("teaches", []), *declared.get("shows", [])]
    assert both, 'declare what the lesson teaches: metadata {"namlib": {"teaches": [...], "shows": [...]}}'
    assert len(both) == len(set(both)), "a technique is declared twice"


def test_no_technique_is_declared_by_two_lessons(series):
    seen: dict[str, str] = {}
    for lesson in series:
        for technique in lesson.declared:
            assert technique not in seen, f"{technique} is declared by lessons {seen[technique]} and {lesson.number}"
            seen[technique] = lesson.number


def test_every_declared_technique_is_used_in_its_lesson(series):
    """A declaration with nothing behind it would let a later lesson use the technique untaught."""
    for lesson in series:
        used = set().union(*(use.techniques - use.explains for use in lesson.uses))
        unused = set(lesson.declared) - used
        assert not unused, f"lesson {lesson.number} declares but never uses {sorted(unused)}"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_every_technique_a_lesson_teaches_is_practised_by_code_the_student_writes(path, series):
    lesson = next(lesson for lesson in series if lesson.path == path)
    kinds = None if lesson.number == "00" else CODE_KINDS | {"set", "list"}
    unpractised = set(lesson.teaches) - curriculum.practised(lesson.number, kinds)
    assert not unpractised, (
        f"no exercise of lesson {lesson.number} practises {sorted(unpractised)}: add one, or move it to shows"
    )


def test_nothing_is_used_before_the_lesson_that_teaches_it(series):
    found = curriculum.problems(series)
    assert found == [], "\n".join(found)


def test_the_check_finds_a_technique_moved_to_a_later_lesson(series):
    """Declare `.isin` two lessons late: every earlier cell, solution and hint using it is named."""
    moved = copy.deepcopy(series)
    first = curriculum.taught_in(moved)[".isin"]
    owner = next(lesson for lesson in moved if lesson.number == first)
    later = next(lesson for lesson in moved if lesson.number > first)
    owner.teaches.remove(".isin")
    later.teaches.append(".isin")
    found = [line for line in curriculum.problems(moved) if "`.isin`" in line]
    uses = [use.where for use in owner.uses if ".isin" in use.techniques - use.explains]
    assert uses and len(found) == len(uses)
    assert all(f"taught only in lesson {later.number}" in line for line in found)


def test_a_cell_that_explains_a_technique_is_allowed_to_use_it_early(series):
    moved = copy.deepcopy(series)
    lesson = moved[1]
    use = curriculum.Use(lesson.number, "a cell", {".explode"})
    lesson.uses.append(use)
    assert any("`.explode`" in line for line in curriculum.problems(moved))
    use.explains.add(".explode")
    assert not any("`.explode`" in line for line in curriculum.problems(moved))


def test_the_command_reports_and_fails_on_an_early_use(tmp_path):
    for path in LESSONS:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    ok = subprocess.run(
        [sys.executable, "-m", "namlib", "curriculum", "--notebooks", str(tmp_path)], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Every technique is taught before it is used." in ok.stdout
    first = tmp_path / LESSONS[1].name
    nb = json.loads(first.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "code", "id": "early-explode", "metadata": {}, "outputs": [],
                        "execution_count": None, "source": 'events["kind"].str.split().explode()'})  # fmt: skip
    first.write_text(json.dumps(nb), encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "namlib", "curriculum", "--notebooks", str(tmp_path)], capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert "uses `.explode`" in bad.stdout and '(events["kind"].str.split().explode())' in bad.stdout


# --- practice: code to write in every lesson -----------------------------------------------


def _write_the_code(number: str) -> list[str]:
    return [
        spec.id
        for spec in BANK.values()
        if spec.lesson == number and spec.kind in CODE_KINDS and any("solution" in entry for entry in spec.feedback)
    ]


def test_at_least_25_write_the_code_exercises_and_two_per_lesson_from_01():
    counts = {path.name[:2]: len(_write_the_code(path.name[:2])) for path in LESSONS}
    assert sum(counts.values()) >= 25, counts
    short = {number: count for number, count in counts.items() if number >= "01" and count < 2}
    assert short == {}, f"lessons with fewer than two write-the-code exercises: {short}"


WRITE_THE_CODE = [i for path in LESSONS for i in _write_the_code(path.name[:2])]


def _outputs_before(path: Path, exercise_id: str) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    texts = []
    for cell in nb.cells:
        if f'namlib.exercise("{exercise_id}")' in cell.source:
            return texts
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") + output.get("data", {}).get("text/plain", ""))
    raise AssertionError(f"{exercise_id} has no card in {path.name}")


@pytest.mark.parametrize("exercise_id", WRITE_THE_CODE)
def test_the_answer_is_not_printed_above_its_exercise(exercise_id):
    """A result shown by an earlier cell can be copied rather than computed."""
    right = expected_value(spec := BANK[exercise_id])
    path = next(p for p in LESSONS if p.name.startswith(spec.lesson + "-"))
    shown = right.to_string() if isinstance(right, pd.Series | pd.DataFrame) else str(right)
    for text in _outputs_before(path, exercise_id):
        assert shown.strip() not in text, f"{exercise_id}: its answer is already displayed above the exercise"


# --- honest times --------------------------------------------------------------------------


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_header_time_is_the_models(path):
    first = nbformat.read(path, as_version=4).cells[0].source
    assert f"**Time:** {lesson_time.estimate(path).header()}" in first, (
        f"the header should say: **Time:** {lesson_time.estimate(path).header()}"
    )


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_a_long_lesson_has_stopping_points_no_more_than_a_sitting_apart(path):
    estimate = lesson_time.estimate(path)
    stops = lesson_time.stopping_points(path)
    if estimate.total > lesson_time.MINUTES_PER_SITTING:
        assert stops, f"{estimate.total} minutes: mark a stopping point (a Markdown cell tagged stopping-point)"
    longest = max(lesson_time.stretches(path))
    assert longest <= lesson_time.MINUTES_PER_SITTING + 5, f"{longest:.0f} minutes without a stopping point"
    nb = nbformat.read(path, as_version=4)
    for index in stops:
        assert nb.cells[index].cell_type == "markdown" and "stop" in nb.cells[index].source.lower()


def test_the_model_gives_longer_times_for_more_work():
    small = lesson_time.Estimate(words=300, code_cells=4, exercises={"choice": 2})
    big = lesson_time.Estimate(words=3000, code_cells=30, figures=3, exercises={"frame": 4, "open": 1})
    assert small.total < big.total
    assert lesson_time.Estimate(exercises={"number": 1}, extra={"project": 40}).exercising == 45


def test_the_contents_page_states_the_range_and_total_the_model_gives():
    totals = [lesson_time.estimate(path).total for path in LESSONS]
    text = " ".join((NOTEBOOKS / "README.md").read_text(encoding="utf-8").split())
    assert f"Each takes {min(totals)} to {max(totals)} minutes" in text
    assert f"about {round(sum(totals) / 60)} hours in all" in text
