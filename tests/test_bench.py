"""scripts/bench.py: a bench whose tests fail does not exit 0."""

from __future__ import annotations

import importlib.util

from conftest import REPO


def _bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_failed_lessons_make_test_or_install_are_failures_even_without_strict():
    bench = _bench()
    lessons = [{"lesson": "03-how-nam-works", "error": "CellExecutionError: boom"}, {"lesson": "04", "error": None}]
    make = {"returncode": 2, "seconds": 10.0}
    failed = bench.failures(lessons, make, {"returncode": 1, "seconds": 3.0})
    assert failed[0] == "lesson 03-how-nam-works: CellExecutionError: boom"
    assert failed[1].startswith("make test exited 2") and failed[2] == "the fresh install exited 1"
    assert bench.failures([{"lesson": "00", "error": None}], {"returncode": 0, "seconds": 1.0}, None) == []


def test_a_failed_grading_run_is_a_failure_and_a_slow_one_is_over_budget():
    bench = _bench()
    ok = {"returncode": 0, "seconds": 1.0}
    assert bench.failures([], ok, None, {"returncode": 1, "seconds": 5.0, "students": 30, "summary": ""}) == [
        "grading a class exited 1"
    ]
    assert bench.failures([], ok, None, {"returncode": 0, "seconds": 5.0, "students": 30, "summary": ""}) == []


def test_a_lessons_time_above_the_floor_is_split_into_figures_kernel_messages_and_the_rest():
    import nbformat

    bench = _bench()
    figure = nbformat.v4.new_code_cell("ax = namlib.plots.timeline()")
    figure.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "", "text/plain": "Figure"})]
    explorer = nbformat.v4.new_code_cell("namlib.widgets.member_explorer()")
    table = nbformat.v4.new_code_cell("summits.head()")
    for cell, (start, end) in zip((figure, explorer, table), [(0, 0.5), (1, 1.25), (2, 2.1)], strict=True):
        stamp = lambda s: f"2026-12-02T10:00:0{s:.3f}Z"  # noqa: E731
        cell.metadata["execution"] = {"iopub.execute_input": stamp(start), "shell.execute_reply": stamp(end)}
    nb = nbformat.v4.new_notebook(cells=[figure, nbformat.v4.new_markdown_cell("text"), explorer, table])
    parts = bench.time_parts(nb)
    assert parts["cells"] == 3 and abs(parts["figures"] - 0.75) < 1e-9
    row = {"lesson": "03", "seconds": 4.0, **parts}
    assert bench._parts(row, 2.0, 0.01) == ["3", "0.75", "0.03", "1.22"]
    assert bench._parts({"lesson": "03", "seconds": None}, 2.0, 0.01) == ["n/a"] * 4
