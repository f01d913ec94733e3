"""The static HTML handouts (`make html`): every lesson exported, readable offline, with working navigation."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from conftest import REPO

LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _load_exporter():
    spec = importlib.util.spec_from_file_location("export_html", REPO / "scripts" / "export_html.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class Page(HTMLParser):
    """What a test needs from one HTML page: title, h1, images, links (all and in the nav), scripts, styles."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.title = self.h1 = ""
        self.images, self.links, self.nav_links, self.scripts, self.stylesheets = [], [], [], [], []
        self._in, self._nav_depth = None, 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("title", "h1") and not getattr(self, tag):
            self._in = tag
        elif tag == "nav":
            self._nav_depth += 1
        elif tag == "img":
            self.images.append(attrs.get("src", ""))
        elif tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
            if self._nav_depth:
                self.nav_links.append((attrs["href"], attrs.get("rel")))
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            self.stylesheets.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None
        elif tag == "nav":
            self._nav_depth -= 1

    def handle_data(self, data):
        if self._in:
            setattr(self, self._in, getattr(self, self._in) + data)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    pages = _load_exporter().export(out)
    return out, {page.path.name: page for page in pages}


def first_cell_title(path: Path) -> str:
    first = nbformat.read(path, as_version=4).cells[0].source
    return re.search(r"^#\s+(\d\d\s*·.+)$", first, re.M).group(1).strip()


def png_outputs(path: Path) -> int:
    """Figures of the notebook that belong on paper: every image/png except an explorer's still."""
    nb = nbformat.read(path, as_version=4)
    return sum(
        "image/png" in output.get("data", {}) and "application/vnd.jupyter.widget-view+json" not in output["data"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


def intended_errors(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(
        output.output_type == "error"
        for cell in nb.cells
        if cell.cell_type == "code" and "raises-exception" in cell.get("metadata", {}).get("tags", [])
        for output in cell.get("outputs", [])
    )


def test_there_are_lessons():
    assert len(LESSONS) >= 10


def test_every_lesson_has_a_page_and_the_index_links_them_all(exported):
    out, pages = exported
    assert sorted(pages) == [f"{path.stem}.html" for path in LESSONS]
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    for path in LESSONS:
        assert (out / f"{path.stem}.html").is_file()
        assert f"{path.stem}.html" in index.links, f"index.html has no link to {path.stem}.html"


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.stem)
def test_page_title_figures_and_no_errors(exported, notebook):
    out, _ = exported
    text = (out / f"{notebook.stem}.html").read_text(encoding="utf-8")
    page = Page(text)
    title = first_cell_title(notebook)
    assert title in page.title
    assert title in page.h1.replace("¶", "").strip()
    assert len(page.images) == png_outputs(notebook), "one <img> per figure, and no second copy from an explorer"
    assert all(src.startswith("data:image/png;base64,") for src in page.images), "figures are embedded"
    assert "Traceback" not in text
    assert "output_error" not in text
    assert len(re.findall(r"handout-expected-error[\"']", text)) == intended_errors(notebook)
    assert "application/vnd.jupyter.widget-view+json" not in text


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.stem)
def test_navigation_links_point_to_existing_pages(exported, notebook):
    out, _ = exported
    page = Page((out / f"{notebook.stem}.html").read_text(encoding="utf-8"))
    assert page.nav_links, "the page has a navigation bar"
    position = LESSONS.index(notebook)
    expected = {"contents": "index.html"}
    if position > 0:
        expected["prev"] = f"{LESSONS[position - 1].stem}.html"
    if position + 1 < len(LESSONS):
        expected["next"] = f"{LESSONS[position + 1].stem}.html"
    assert set(page.nav_links) == set((href, rel) for rel, href in expected.items())
    for href in page.links:
        if href.startswith(("#", "http://", "https://", "mailto:")):
            continue
        assert (out / href.split("#")[0]).is_file(), f"broken link {href} in {notebook.stem}.html"
        assert not href.endswith((".ipynb", ".md")), f"link {href} was not rewritten to the HTML page"


@pytest.mark.parametrize("name", ["index"] + [path.stem for path in LESSONS])
def test_pages_load_nothing_from_the_network(exported, name):
    out, _ = exported
    text = (out / f"{name}.html").read_text(encoding="utf-8")
    page = Page(text)
    assert page.scripts == [], "no external scripts (require.js, MathJax, widget manager)"
    assert not [href for href in page.stylesheets if "://" in href]
    assert not re.search(r"(?:src|href)\s*=\s*[\"']https?://", text)
    assert not re.search(r"@import|url\(\s*[\"']?https?://", text)
    assert "@media print" in text


def test_links_between_lessons_are_rewritten_to_the_pages():
    exporter = _load_exporter()
    text = (
        '<a href="01-between-two-blocs.ipynb#2.-Bandung">x</a> <a href="README.md">contents</a> <a href="#top">top</a>'
    )
    assert exporter.rewrite_links(text) == (
        '<a href="01-between-two-blocs.html#2.-Bandung">x</a> <a href="index.html">contents</a> <a href="#top">top</a>'
    )


def test_navigation_cells_widgets_and_intended_errors_are_prepared_for_paper():
    exporter = _load_exporter()
    nb = nbformat.v4.new_notebook()
    nav = nbformat.v4.new_markdown_cell("[← 00 Start here](00-start-here.ipynb) | [Contents](README.md)")
    nav.metadata["tags"] = ["nav"]
    quiz = nbformat.v4.new_code_cell('namlib.quiz("01.3")')
    quiz.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2, "version_minor": 0},
                "text/html": "<div>the same question again</div>",
                "text/plain": 'Quiz 01.3 · A title\n\nQuestion?\n\nOr answer in the answer cell below: answer = "B".',
            },
            execution_count=1,
        )
    ]
    failing = nbformat.v4.new_code_cell("1 / 0")
    failing.metadata["tags"] = ["raises-exception"]
    failing.outputs = [
        nbformat.v4.new_output(
            "error",
            ename="ZeroDivisionError",
            evalue="division by zero",
            traceback=["\x1b[31mTraceback (most recent call last)\x1b[0m"],
        )
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# 01 · A title"), nav, quiz, failing]
    ready, images, errors = exporter.prepare(nb, "01", "A title")
    assert [c.cell_type for c in ready.cells] == ["markdown", "code", "code"], "the nav cell is dropped"
    assert images == 0 and errors == []
    widget = ready.cells[1].outputs[0].data
    assert "application/vnd.jupyter.widget-view+json" not in widget
    assert "Quiz 01.3" in widget["text/html"] and 'answer = "B"' in widget["text/html"]
    expected = ready.cells[2].outputs[0]
    assert expected.output_type == "display_data"
    assert "ZeroDivisionError: division by zero" in expected.data["text/html"]


def test_the_index_table_is_rebuilt_when_the_contents_table_is_missing(tmp_path, monkeypatch):
    exporter = _load_exporter()
    monkeypatch.setattr(exporter, "NOTEBOOKS", tmp_path)  # a folder without notebooks/README.md
    table = exporter.contents_table(exporter.TOOLS.lessons())
    assert table.count("<tr>") == len(LESSONS) + 1
    assert all(f'href="{path.stem}.html"' in table for path in LESSONS)


def test_an_unanswered_exercise_prints_as_room_to_write():
    exporter = _load_exporter()
    nb = nbformat.v4.new_notebook()
    answer = nbformat.v4.new_code_cell('answer = ...  # your answer here\nnamlib.check("03.2", answer)')
    answer.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            data={
                "text/html": '<div class="namlib-feedback namlib-not_attempted">… Not attempted yet</div>',
                "text/plain": "… Not attempted yet · 03.2\nReplace the ... with your answer, then run the cell again.",
            },
            execution_count=1,
        )
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# 03 · A title"), answer]
    ready, _, _ = exporter.prepare(nb, "03", "A title")
    (shown,) = ready.cells[1].outputs
    assert "Replace the" not in json.dumps(shown) and "Your answer to 03.2:" in shown.data["text/html"]
    assert "handout-answer" in shown.data["text/html"] and ".handout-answer" in exporter.CSS
