"""The teacher's material as static HTML, with an index: ``make teacher``.

One command (``python -m namlib exercises teacher --out build/teacher``) writes, for a teacher
who never opens a terminal again:

* ``index.html``: the lessons with their time and objectives, each linked to its teacher's
  edition, and the answer key;
* ``NN-slug.html``: the teacher's edition of every lesson (answer cells filled in with the
  worked solutions, teacher notes after each open question), as a page;
* ``answer-key.html``: every exercise with its answer, solution, explanation, known wrong
  answers and their feedback;
* ``notebooks/NN-slug.ipynb``: the same teacher's editions as notebooks, to open in JupyterLab.

The pages carry their styles with them and need no network: print them, or open them from a
USB stick. (Formulas would need MathJax from the web; the lessons have none.)
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from namlib.exercises.solutions import answer_key, write_solution_notebooks

STYLE = (
    "body{font-family:sans-serif;max-width:56em;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
    "a{color:#0072b2}li{margin:0.3em 0}code{background:#eef1f4;padding:0 3px}"
    "pre{background:#eef1f4;padding:6px;white-space:pre-wrap}"
)


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>\n"
    )


def _header(path: Path) -> tuple[str, str, list[str]]:
    """(title, time, objectives) from a lesson's first cell."""
    import nbformat

    first = nbformat.read(path, as_version=4).cells[0].source
    lines = first.splitlines()
    title = lines[0].lstrip("# ").strip() if lines else path.stem
    time = next((line.split("**Time:**", 1)[1].strip() for line in lines if line.startswith("**Time:**")), "")
    objectives = [line[2:].strip() for line in lines if line.startswith("- ")]
    return title, time, objectives


def write_teacher_site(
    notebooks: str | os.PathLike, out: str | os.PathLike = "build/teacher", bank: str | os.PathLike | None = None
) -> list[Path]:
    """Write the teacher's pages into ``out``; return the paths written, the index first.

    Example:
        >>> import tempfile
        >>> write_teacher_site("no-such-folder", tempfile.mkdtemp())[0].name
        'index.html'
    """
    import mistune
    from nbconvert import HTMLExporter

    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    editions = write_solution_notebooks(notebooks, target / "notebooks", bank=bank)
    # No scripts from the web: the pages must open offline.
    exporter = HTMLExporter(
        template_name="lab", mathjax_url="", require_js_url="", mermaid_js_url="", mermaid_layout_elk_js_url=""
    )
    written: list[Path] = []
    items = []
    for edition in editions:
        body, _resources = exporter.from_filename(str(edition))
        page = target / f"{edition.stem}.html"
        page.write_text(body, encoding="utf-8")
        written.append(page)
        title, time, objectives = _header(Path(notebooks) / edition.name)  # the lesson's own header
        goals = "".join(
            f"<li>{str(mistune.html(o)).strip().removeprefix('<p>').removesuffix('</p>')}</li>" for o in objectives
        )
        items.append(
            f'<li><a href="{page.name}"><b>{html.escape(title)}</b></a>'
            f"{f' · {html.escape(time)}' if time else ''}<ul>{goals}</ul></li>"
        )
    key = target / "answer-key.html"
    key.write_text(_page("Answer key", str(mistune.html(answer_key(bank)))), encoding="utf-8")
    written.append(key)
    index = target / "index.html"
    lessons = f"<ol start='0'>{''.join(items)}</ol>" if items else "<p>No lessons were found.</p>"
    index.write_text(
        _page(
            "The NAM lessons: teacher's material",
            (
                "<h1>The NAM lessons: teacher's material</h1>"
                "<p>Not for students: these pages hold the worked solutions. "
                '<a href="answer-key.html">The answer key</a> lists every exercise with its answer, the wrong '
                "answers it recognises and their feedback. Each lesson below opens as its teacher's edition; "
                "the same editions as notebooks are in <code>notebooks/</code>.</p>"
                f"<h2>Lessons</h2>{lessons}"
            ),
        ),
        encoding="utf-8",
    )
    return [index, *written]
