"""Shared fixtures: a scratch copy of the dataset that a test may break; an empty working folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import namlib

REPO = Path(__file__).resolve().parents[1]

# No progress record during the tests: every lesson and doctest starts as a new student would,
# and nothing is written beside the lessons. Tests of the record give it a path of their own.
# Kernels started by nbval and the browser suite inherit this.
os.environ["NAMLIB_PROGRESS"] = "off"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temporary folder, safe to edit."""
    target = tmp_path / "data"
    shutil.copytree(namlib.data_dir(), target, ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    return target


def edit_csv(folder: Path, table: str, old: str, new: str) -> None:
    """Replace the first occurrence of ``old`` by ``new`` in ``table``.csv."""
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, table: str, needle: str) -> int:
    """1-based line number of the first line of ``table``.csv that contains ``needle``."""
    for number, line in enumerate((folder / f"{table}.csv").read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {table}.csv")


@pytest.fixture
def clean_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run a test in an empty folder, check that it stays empty, and close the figures it opened.

    A plot or an explorer must never write a file beside a student's lesson. Used by the plot
    and widget tests (``pytestmark = pytest.mark.usefixtures("clean_cwd")``).
    """
    import matplotlib.pyplot as plt  # here, not at the top: most tests never draw

    monkeypatch.chdir(tmp_path)
    before = set(plt.get_fignums())
    yield tmp_path
    assert list(tmp_path.iterdir()) == [], "a plot or an explorer wrote a file"
    for number in set(plt.get_fignums()) - before:
        plt.close(number)
