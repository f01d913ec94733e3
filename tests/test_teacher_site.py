"""`make teacher`: the teacher's material as offline pages, for a teacher without a terminal."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from conftest import REPO

from namlib import lesson_time

LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))


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
