"""Running an exercise's code: the standard namespace, the worked solution, the expected value.

Solutions run in a fresh namespace with ``pd``, ``np``, ``namlib`` and the tables they name
(``summits = namlib.load("summits")``...), after the exercise's ``setup``. Values that cost a
run are cached per exercise.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "number", "title": "t", "question": "q",
    ...                        "solution": "answer = len(summits)", "explanation": "e"})
    >>> tables_used(spec.secret("solution")), run_solution(spec) == expected_value(spec)
    (['summits'], True)
"""

from __future__ import annotations

import contextlib
import importlib
import io
import re
import warnings
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.encoding import decode
from namlib.exercises.errors import ExerciseBroken
from namlib.exercises.spec import ExerciseSpec
from namlib.loading import load, table_names


def standard_namespace(setup: str | None = None, tables: list[str] | None = None) -> dict:
    """The namespace solutions run in: pd, np, namlib and the tables under their names.

    ``tables=None`` loads every table (``summits = namlib.load("summits")``...);
    ``setup`` (code for what earlier notebook cells define) runs in it last.

    Example:
        >>> ns = standard_namespace("n = len(summits)", tables=["summits"])
        >>> isinstance(ns["summits"], pd.DataFrame) and ns["n"] == len(ns["summits"])
        True
    """
    # The package itself, for the solution code (as in a lesson); already imported as our parent.
    package = importlib.import_module("namlib")
    namespace: dict[str, Any] = {"pd": pd, "np": np, "namlib": package, "__name__": "__namlib_solution__"}
    for name in table_names() if tables is None else tables:
        namespace[name] = load(name)
    if setup:
        _run(setup, namespace, "<setup>")
    return namespace


def _run(code: str, namespace: dict, label: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(code, label, "exec"), namespace)  # noqa: S102 - code from the exercise bank


def tables_used(*codes: str | None) -> list[str]:
    """The table names that appear as words in some code."""
    text = "\n".join(code for code in codes if code)
    return [name for name in table_names() if re.search(rf"\b{re.escape(name)}\b", text)]


def run_solution(spec: ExerciseSpec, code: str | None = None) -> Any:
    """Run an exercise's setup and solution code in a fresh standard namespace; return ``answer``."""
    code = spec.secret("solution") if code is None else code
    if not isinstance(code, str):
        raise ExerciseBroken(f"exercise {spec.id} has no solution code to run")
    try:
        namespace = standard_namespace(tables=tables_used(spec.setup, code))
        if spec.setup:
            _run(spec.setup, namespace, f"<setup of exercise {spec.id}>")
        _run(code, namespace, f"<solution of exercise {spec.id}>")
    except Exception as err:
        raise ExerciseBroken(f"the code of exercise {spec.id} failed: {type(err).__name__}: {err}") from err
    if "answer" not in namespace:
        raise ExerciseBroken(f"the solution of exercise {spec.id} does not set `answer`")
    return namespace["answer"]


_CACHE: weakref.WeakKeyDictionary[ExerciseSpec, dict[str, Any]] = weakref.WeakKeyDictionary()


def cached(spec: ExerciseSpec, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, run once per exercise and ``key`` (forgotten with the spec)."""
    store = _CACHE.setdefault(spec, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def expected_value(spec: ExerciseSpec) -> Any:
    """The expected answer, decoded, or computed by running the solution (cached)."""
    if spec.has("answer"):
        return spec.secret("answer")
    return cached(spec, "expected", lambda: run_solution(spec))


def decode_entry(entry: dict, key: str) -> Any:
    """The decoded value of one field of an ``[[exercise.feedback]]`` entry."""
    return decode(entry[key])
