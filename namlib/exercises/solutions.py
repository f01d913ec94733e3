"""Teacher material made from the bank: solution notebooks and an answer key.

* :func:`write_solution_notebooks` (``python -m namlib exercises solutions``)
  copies every ``notebooks/NN-*.ipynb`` into ``build/solutions/``: in each cell
  that answers exercise ``ID`` the ``answer = ...`` line becomes its worked
  solution; open questions get a "Teacher notes" cell; outputs are cleared and a
  banner says it is the teacher's edition. :func:`solution_notebook` does one
  lesson, with the nbconvert preprocessors of :mod:`namlib.exercises.teachers_edition`.
* :func:`answer_key` (``python -m namlib exercises key``) writes every exercise
  with its answer, solution code, explanation, known wrong answers and, for open
  questions, the model answer and discussion notes, as Markdown.
* :func:`exercise_ids_in` lists the exercise ids a notebook uses.

Example:
    >>> nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    ...     {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "execution_count": None,
    ...      "source": 'namlib.exercise("03.2")'},
    ...     {"cell_type": "code", "id": "b", "metadata": {}, "outputs": [], "execution_count": None,
    ...      "source": 'answer = ...  # your answer here\\nnamlib.check("03.2", answer)'}]}
    >>> exercise_ids_in(nb)
    ['03.2']
    >>> lines = replace_answer('answer = ...  # your answer here\\nnamlib.check("03.2", answer)', "answer = 6 * 7\\n")
    >>> print(lines)
    # Solution (teacher's edition)
    answer = 6 * 7
    namlib.check("03.2", answer)
"""

from __future__ import annotations

import ast
import copy
import json
import os
import re
from pathlib import Path
from typing import Any

from namlib.exercises.bank import ExerciseError, ExerciseSpec, load_bank, normalise_id
from namlib.exercises.checking import check, kind_phrase
from namlib.exercises.describe import letter
from namlib.exercises.kinds import kind_of
from namlib.exercises.solving import decode_entry, expected_value, run_solution

EXERCISE_CALL = re.compile(r"""\bexercise\(\s*(?:exercise_id\s*=\s*)?(["'])(?P<id>[^"'\n]+)\1""")
# The answer cell's call: namlib.check("03.2", answer). It names its exercise.
CHECK_CALL = re.compile(r"""\bcheck\(\s*(["'])(?P<id>[^"'\n]+)\1\s*,\s*answer\s*\)""")
# The form every cell used before: it checked whichever exercise ran last. Lessons must not use it.
GLOBAL_CHECK = re.compile(r"\bex\.(check|hint|quiz|solution)\(")
ANSWER_LINE = re.compile(r"^(?P<indent>[ \t]*)answer\s*=(?!=)")
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
SOLUTION_HEADER = "# Solution (teacher's edition)"


def read_notebook(path: str | os.PathLike) -> dict:
    """A notebook file as a dict (nbformat 4 JSON)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_notebook(nb: dict, path: str | os.PathLike) -> None:
    """Write a notebook as Jupyter does (sorted keys, one-space indent)."""
    Path(path).write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _code_lines(source: str) -> list[tuple[int, str]]:
    """(line number, line) for the lines that are not comments."""
    return [(n, line) for n, line in enumerate(source.split("\n")) if not line.lstrip().startswith("#")]


def _calls_in(source: str) -> list[tuple[int, str]]:
    """(line number, exercise id) of each ``exercise("ID")`` call in a cell."""
    out = []
    for number, line in _code_lines(source):
        for match in EXERCISE_CALL.finditer(line):
            out.append((number, normalise_id(match.group("id")) or match.group("id").strip()))
    return out


def _check_lines(source: str) -> list[int]:
    return [number for number, line in _code_lines(source) if CHECK_CALL.search(line)]


def checked_ids(source: str) -> list[str]:
    """The exercise ids a cell's ``namlib.check("ID", answer)`` calls name, in order.

    Example:
        >>> checked_ids('answer = 3\\nnamlib.check("3.2", answer)')
        ['03.2']
    """
    out = []
    for _number, line in _code_lines(source):
        for match in CHECK_CALL.finditer(line):
            out.append(normalise_id(match.group("id")) or match.group("id").strip())
    return out


def notebook_paths(notebooks: str | os.PathLike = "notebooks") -> list[Path]:
    """The lesson notebooks ``NN-*.ipynb`` in a folder, sorted."""
    folder = Path(notebooks)
    return sorted(folder.glob(NOTEBOOK_GLOB)) if folder.is_dir() else []


def exercise_ids_in(notebook: str | os.PathLike | dict) -> list[str]:
    """The exercise ids a notebook uses (``namlib.exercise("ID")`` calls), in order, each once.

    ``notebook`` is a path or a notebook already read as a dict. Commented-out
    calls do not count.
    """
    nb = notebook if isinstance(notebook, dict) else read_notebook(notebook)
    ids: list[str] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            for _line, exercise_id in _calls_in(cell_source(cell)):
                if exercise_id not in ids:
                    ids.append(exercise_id)
    return ids


def _assignment_span(source: str, before: int) -> tuple[int, int] | None:
    """First and last line (0-based) of the top-level ``answer = ...`` statement above line ``before``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    if tree is not None:
        for node in tree.body:
            if (
                isinstance(node, ast.Assign | ast.AnnAssign)
                and any(isinstance(t, ast.Name) and t.id == "answer" for t in _targets(node))
                and node.lineno - 1 < before
            ):
                return node.lineno - 1, (node.end_lineno or node.lineno) - 1
        return None
    for number, line in enumerate(source.split("\n")[:before]):
        if ANSWER_LINE.match(line):
            return number, number
    return None


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return list(node.targets) if isinstance(node, ast.Assign) else [node.target]


def replace_answer(source: str, solution: str, header: str | None = SOLUTION_HEADER) -> str | None:
    """The cell source with its ``answer = ...`` statement replaced by ``solution`` (None if there is none).

    ``header`` (a comment line) goes above the new code; ``None`` leaves it out.
    """
    checks = _check_lines(source)
    if not checks:
        return None
    span = _assignment_span(source, checks[0])
    if span is None:
        return None
    lines = source.split("\n")
    indent = ANSWER_LINE.match(lines[span[0]])
    pad = indent.group("indent") if indent else ""
    code = [pad + line if line else line for line in solution.rstrip("\n").split("\n")]
    new = ([pad + header] if header else []) + code
    return "\n".join(lines[: span[0]] + new + lines[span[1] + 1 :])


def with_answers(nb: dict, answers: dict[str, str]) -> dict:
    """A copy of ``nb`` whose answer cells hold the given code in place of ``answer = ...``, by exercise id.

    For making the notebooks a class hands in (tests, benchmarks, examples).

    Example:
        >>> cell = 'answer = ...  # your answer here\\nnamlib.check("03.2", answer)'
        >>> nb = {"cells": [{"cell_type": "code", "source": cell}]}
        >>> print(with_answers(nb, {"03.2": "answer = 137"})["cells"][0]["source"])
        answer = 137
        namlib.check("03.2", answer)
    """
    out = copy.deepcopy(nb)
    missing = set(answers)
    for cell in out.get("cells", []):
        ids = checked_ids(cell_source(cell)) if cell.get("cell_type") == "code" else []
        if ids and ids[0] in answers:
            cell["source"] = replace_answer(cell_source(cell), answers[ids[0]], header=None)
            missing.discard(ids[0])
    if missing:
        raise ExerciseError(f"no answer cell for {', '.join(sorted(missing))}")
    return out


def _as_python_string(text: str) -> str:
    if '"""' not in text and "\\" not in text and not text.endswith('"'):
        return '"""\n' + text.strip("\n") + '\n"""'
    return repr(text)


def solution_code(spec: ExerciseSpec) -> str:
    """The code that goes in place of ``answer = ...`` in the teacher's edition."""
    code = spec.secret("solution")
    if isinstance(code, str) and code.strip():
        return code
    return f"answer = {_as_python_string(str(spec.secret('model_answer', '')))}"


def teacher_notes_markdown(spec: ExerciseSpec) -> str:
    parts = [f"### Teacher notes · {spec.id}", "", "**Model answer.** " + str(spec.secret("model_answer", "")).strip()]
    notes = spec.secret("notes")
    if notes:
        parts += ["", "**Notes for the discussion.** " + str(notes).strip()]
    return "\n".join(parts)


def solution_notebook(nb: dict, bank: str | os.PathLike | None = None, name: str = "the lesson") -> dict:
    """The teacher's edition of one notebook (a new notebook; ``nb`` is not changed).

    Made by the nbconvert preprocessors of :mod:`namlib.exercises.teachers_edition`, keyed on
    the exercise cells' metadata. Raises :class:`ExerciseError` listing the cells it cannot fill
    in (an id not in the bank, or a check cell without an ``answer =`` line).
    """
    # Imported here: nbconvert takes seconds to import, and students' kernels import this module.
    from namlib.exercises.teachers_edition import teachers_edition

    return teachers_edition(nb, bank=bank, name=name)


def write_solution_notebooks(
    notebooks: str | os.PathLike = "notebooks",
    out: str | os.PathLike = "build/solutions",
    bank: str | os.PathLike | None = None,
) -> list[Path]:
    """Write the teacher's edition of every ``NN-*.ipynb`` in ``notebooks`` to ``out``; return the paths."""
    import nbformat

    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebook_paths(notebooks):
        nb = solution_notebook(nbformat.read(path, as_version=4), bank=bank, name=path.name)
        nbformat.write(nb, target / path.name)
        written.append(target / path.name)
    return written


# --------------------------------------------------------------------------- answer key


def _format_value(spec: ExerciseSpec, value: Any) -> str:
    return kind_of(spec.kind).format_answer(spec, value)


def _expected_block(spec: ExerciseSpec) -> list[str]:
    try:
        value = expected_value(spec)
    except Exception as err:  # the key is still written; the problem is named
        return [f"**Answer.** (could not be computed: {err})"]
    if kind_of(spec.kind).tabular:
        import pandas as pd

        with pd.option_context("display.width", 120, "display.max_columns", 20):
            text = value.head(30).to_string() if hasattr(value, "head") else str(value)
        more = f"\n\n({len(value)} rows; the first 30 are shown.)" if len(value) > 30 else ""
        return ["**Answer** (computed by the solution code):", "", "```", text, "```" + more]
    lines = [f"**Answer.** {_format_value(spec, value)}"]
    accept = spec.secret("accept")
    if accept:
        lines += ["", f"**Also accepted.** {'; '.join(_format_value(spec, a) for a in accept)}"]
    tolerance = spec.setting("tolerance")
    if tolerance:
        lines += ["", f"**Tolerance.** ±{tolerance}"]
    return lines


def answer_key(bank: str | os.PathLike | None = None) -> str:
    """The teacher's answer key for the whole bank, as Markdown."""
    specs = load_bank(bank)
    lines = [
        "# Answer key (teacher's edition)",
        "",
        "Generated by `python -m namlib exercises key` from the exercise bank. Do not hand it out to students.",
    ]
    if not specs:
        lines += ["", "The exercise bank is empty."]
    lesson = None
    for spec in specs.values():
        if spec.lesson != lesson:
            lesson = spec.lesson
            lines += ["", f"## Lesson {lesson}"]
        lines += ["", f"### {spec.id} · {spec.title}", "", f"*Kind:* {spec.kind}: {kind_phrase(spec)}.", ""]
        lines += ["**Question.** " + spec.question]
        if spec.options:
            lines += [""] + [f"- {letter(i)}. {option}" for i, option in enumerate(spec.options)]
        lines.append("")
        if not kind_of(spec.kind).graded:
            lines += ["**Model answer.** " + str(spec.secret("model_answer", "")).strip()]
            notes = spec.secret("notes")
            if notes:
                lines += ["", "**Notes for the discussion.** " + str(notes).strip()]
        else:
            lines += _expected_block(spec)
        code = spec.secret("solution")
        if isinstance(code, str) and code.strip():
            lines += ["", "**Solution.**", "", "```python", code.rstrip("\n"), "```"]
        if spec.setup:
            lines += [
                "",
                "*Set-up the solution assumes (from earlier cells):*",
                "",
                "```python",
                spec.setup.rstrip("\n"),
                "```",
            ]
        if spec.explanation:
            lines += ["", "**Why.** " + spec.explanation]
        if spec.feedback:
            lines += ["", "**Known wrong answers.**", ""]
            for entry in spec.feedback:
                if "answer" in entry:
                    try:
                        shown = _format_value(spec, decode_entry(entry, "answer"))
                    except Exception:
                        shown = repr(decode_entry(entry, "answer"))
                else:
                    shown = "`" + " ".join(str(decode_entry(entry, "solution")).split()) + "`"
                lines.append(f"- {shown}: {entry['message'].strip()}")
        if spec.hints:
            lines += ["", "**Hints.**", ""] + [f"{n}. {h}" for n, h in enumerate(spec.hints, start=1)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- self-test


def self_test(spec: ExerciseSpec) -> list[str]:
    """What is wrong with one exercise: its solution must pass, its wrong answers fail, ``...`` be unattempted."""
    problems = []
    if check(spec, ...).status != "not_attempted":
        problems.append("the starter ... is not reported as not attempted")
    if not kind_of(spec.kind).graded:
        return problems
    try:
        solved = run_solution(spec)
    except Exception as err:
        return [*problems, f"the solution fails: {err}"]
    result = check(spec, solved)
    if result.status != "correct":
        problems.append(f"the solution does not pass: {result!r}")
    if not spec.feedback:
        problems.append("no [[exercise.feedback]] wrong answer")
    for number, entry in enumerate(spec.feedback, start=1):
        try:
            wrong = (
                run_solution(spec, decode_entry(entry, "solution"))
                if "solution" in entry
                else decode_entry(entry, "answer")
            )
        except Exception as err:
            problems.append(f"feedback {number} cannot be computed: {err}")
            continue
        result = check(spec, wrong)
        if result.status != "incorrect" or result.message != entry["message"].strip():
            problems.append(f"feedback {number} is not rejected with its message: {result!r}")
    return problems
