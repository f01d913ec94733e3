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
