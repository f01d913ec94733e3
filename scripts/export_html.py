"""Export the lessons to static HTML handouts, readable offline and printable.

Usage (from the repository root, with the project's virtual environment):

    python scripts/export_html.py                  # -> build/html/index.html and NN-slug.html
    python scripts/export_html.py --out DIR        # another folder

The pages show each lesson exactly as committed: the student version, with its stored
outputs. Nothing is executed. Each page gets a navigation bar (previous | contents | next),
links between lessons point to the HTML pages, and ``index.html`` is built from the
contents table of ``notebooks/README.md``. The pages load nothing from the network: the
CSS is inlined, figures are embedded, and the CDN scripts of nbconvert's template
(require.js, MathJax, Mermaid, the widget manager) are left out, since the lessons use
neither LaTeX nor live widgets. Interactive widgets appear as their still picture or as
a one-line note; a cell that stops with an error on purpose (tag ``raises-exception``)
shows a one-line message instead of a traceback.
"""

from __future__ import annotations

import argparse
import copy
import html
import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2
import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
DEFAULT_OUT = REPO / "build" / "html"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _notebook_tools():
    """scripts/notebooks.py, which reads each lesson's title, time and objectives (one source of truth)."""
    spec = importlib.util.spec_from_file_location("_nam_notebook_tools", Path(__file__).with_name("notebooks.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


TOOLS = _notebook_tools()


@dataclass
class Page:
    """One exported lesson."""

    lesson: object  # scripts/notebooks.py Lesson: path, number, title, minutes, objectives
    path: Path  # the HTML file written
    images: int  # image/png outputs in the notebook, each an <img> on the page
    unexpected_errors: list[str]  # error outputs in cells not tagged raises-exception

    @property
    def heading(self) -> str:
        return f"{self.lesson.number} · {self.lesson.title}"


# --------------------------------------------------------------------------- template

TEMPLATE = r"""
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
{{ resources.handout_css }}
</style>
{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.handout_nav }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.handout_nav }}
<p class="handout-note">{{ resources.handout_note }}</p>
{{ super() }}
{%- endblock body_footer -%}
"""

CSS = """
body { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
nav.handout-nav { display: flex; justify-content: space-between; gap: 1rem; padding: 0.6rem 0;
  margin: 0.5rem 0; border-top: 1px solid #ccc; border-bottom: 1px solid #ccc;
  font-family: var(--jp-ui-font-family, sans-serif); font-size: 0.95rem; }
nav.handout-nav a { color: #0072b2; text-decoration: none; }
nav.handout-nav .handout-nav-none { color: #888; }
.handout-note { color: #555; font-size: 0.85rem; margin: 1rem 0 2rem 0; }
.handout-widget, .handout-expected-error { border-left: 6px solid #999; background: #f7f7f7; color: #222;
  padding: 6px 12px; margin: 4px 0; font-family: var(--jp-ui-font-family, sans-serif); }
.handout-expected-error { border-left-color: #d55e00; }
.handout-answer { border: 1px dashed #999; min-height: 4.5em; padding: 4px 8px; margin: 4px 0; color: #555;
  font-family: var(--jp-ui-font-family, sans-serif); }
.handout-expected-error code { white-space: pre-wrap; }
/* exercise cards list their options A, B, C...; JupyterLab's list style would number them 1, 2, 3 */
.jp-RenderedHTMLCommon ol[type="A"] { list-style-type: upper-alpha; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.handout-nav { display: none; }
  .handout-note { break-before: avoid; }
  .jp-OutputArea-output img { max-width: 100% !important; height: auto; break-inside: avoid; }
  .jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow: visible !important; }
  .jp-RenderedHTMLCommon table { font-size: 8pt; }
  pre { white-space: pre-wrap !important; word-break: normal !important; overflow-wrap: break-word; }
  .jp-MarkdownCell h1, .jp-MarkdownCell h2, .jp-MarkdownCell h3 { break-after: avoid; }
  /* a code cell and its output on the same page */
  .jp-CodeCell { break-inside: avoid; }
  .jp-CodeCell .jp-Cell-inputWrapper { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #222;
  max-width: 60rem; margin: 0 auto; padding: 1rem; }
a { color: #0072b2; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.4rem 0.6rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
td ul { margin: 0; padding-left: 1.2em; }
a.anchor-link { display: none; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
.handout-note { color: #555; font-size: 0.9rem; }
@media print { body { max-width: none; font-size: 10pt; } a { color: inherit; text-decoration: none; } }
"""

NOTE = (
    "A static copy of the lesson with the outputs stored in the notebook. Exercises, hints and "
    "the interactive explorers work when you run the notebook in JupyterLab."
)


def make_exporter() -> HTMLExporter:
    loader = jinja2.DictLoader({"nam_handout.html.j2": TEMPLATE})
    exporter = HTMLExporter(
        extra_loaders=[loader],
        template_name="lab",
        template_file="nam_handout.html.j2",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    return exporter


# --------------------------------------------------------------------------- preparing a notebook


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _widget_output(output) -> list:
    """A widget output as it reads on paper: its still picture with a caption, or a one-line note."""
    data = dict(output.get("data", {}))
    data.pop(WIDGET_MIME, None)
    plain = _text(data.get("text/plain")).strip()
    lines = [line.strip() for line in plain.splitlines() if line.strip()]
    if "image/png" in data:
        # No still picture: it would print a second copy of the plot the lesson shows just above.
        caption = html.escape(lines[0].split(" (interactive")[0] if lines else "Interactive explorer", quote=False)
        note = (
            f"<div class='handout-widget'><b>{caption}</b>: an interactive picture with controls when the cell "
            "runs in JupyterLab; on paper, use the static picture and its text form above.</div>"
        )
        return [nbformat.v4.new_output("display_data", data={"text/html": note, "text/plain": plain})]
    if not lines:
        return []
    first, last = html.escape(lines[0], quote=False), html.escape(lines[-1], quote=False) if len(lines) > 1 else ""
    note = (
        f"<div class='handout-widget'><b>{first}</b>: clickable buttons when the cell runs in JupyterLab. {last}</div>"
    )
    return [nbformat.v4.new_output("display_data", data={"text/html": note, "text/plain": plain})]


def _answer_space(output) -> dict:
    """An unanswered exercise on paper: room to write, not "Replace the ... with your answer"."""
    plain = _text(output.get("data", {}).get("text/plain")).split("\n")[0]
    exercise = plain.split(" · ")[-1] if " · " in plain else ""
    label = f"Your answer to {html.escape(exercise)}:" if exercise else "Your answer:"
    note = f"<div class='handout-answer'>{label}</div>"
    return nbformat.v4.new_output("display_data", data={"text/html": note, "text/plain": label})


def _expected_error(output) -> dict:
    message = ANSI.sub("", f"{output.get('ename', 'Error')}: {output.get('evalue', '')}").strip()
    first = message.splitlines()[0] if message else "Error"
    note = (
        "<div class='handout-expected-error'>This cell stops with an error on purpose: "
        f"<code>{html.escape(first, quote=False)}</code></div>"
    )
    return nbformat.v4.new_output("display_data", data={"text/html": note, "text/plain": first})


def prepare(nb, number: str, title: str) -> tuple[object, int, list[str]]:
    """A copy of ``nb`` ready to render, the number of image/png outputs, and any unexpected errors."""
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = f"{number} · {title}"
    nb.metadata.pop("widgets", None)
    cells, images, errors = [], 0, []
    for index, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if TOOLS.NAV_TAG in tags:
            continue  # the page has its own navigation bar, with links to the HTML pages
        if cell.cell_type == "code":
            outputs = []
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    if "raises-exception" in tags:
                        outputs.append(_expected_error(output))
                    else:
                        errors.append(f"cell {index}: {output.get('ename')}: {ANSI.sub('', output.get('evalue', ''))}")
                        outputs.append(output)
                elif WIDGET_MIME in output.get("data", {}):
                    outputs.extend(_widget_output(output))
                elif "namlib-not_attempted" in _text(output.get("data", {}).get("text/html")):
                    outputs.append(_answer_space(output))
                else:
                    outputs.append(output)
            cell.outputs = outputs
            images += sum("image/png" in o.get("data", {}) for o in outputs)
        cells.append(cell)
    nb.cells = cells
    return nb, images, errors


# --------------------------------------------------------------------------- links and navigation

LESSON_LINK = re.compile(r'href="(?:\./)?(\d\d-[A-Za-z0-9_-]+)\.ipynb(#[^"]*)?"')
CONTENTS_LINK = re.compile(r'href="(?:\./)?README\.md(#[^"]*)?"')


def rewrite_links(text: str) -> str:
    """NN-slug.ipynb -> NN-slug.html and README.md (the contents) -> index.html, in href attributes."""
    text = LESSON_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', text)
    return CONTENTS_LINK.sub(lambda m: f'href="index.html{m.group(1) or ""}"', text)


def nav_html(series: list, index: int) -> str:
    def link(lesson, arrow_left: bool) -> str:
        label = html.escape(f"{lesson.number} · {lesson.title}")
        text = f"← {label}" if arrow_left else f"{label} →"
        return f'<a href="{lesson.path.stem}.html" rel="{"prev" if arrow_left else "next"}">{text}</a>'

    none = '<span class="handout-nav-none">{}</span>'
    prev_ = link(series[index - 1], True) if index > 0 else none.format("← (start)")
    next_ = link(series[index + 1], False) if index + 1 < len(series) else none.format("(end) →")
    return (
        '<nav class="handout-nav" aria-label="lessons">'
        f'<span>{prev_}</span><span><a href="index.html" rel="contents">Contents</a></span><span>{next_}</span></nav>'
    )


# --------------------------------------------------------------------------- the index page


def contents_intro() -> str:
    """The intro of notebooks/README.md: everything before its contents table (the authors' conventions left out)."""
    path = NOTEBOOKS / "README.md"
    readme = path.read_text(encoding="utf-8") if path.exists() else "# The lessons\n"
    head = re.split(r"^## Conventions", readme, maxsplit=1, flags=re.M)[0]
    head = head.split(TOOLS.TOC_START, 1)[0]
    return re.sub(r"^## Contents\s*$", "", head, flags=re.M).strip() + "\n"


def contents_table(series: list) -> str:
    """The contents table of notebooks/README.md as HTML: lesson, time, objectives.

    ``scripts/notebooks.py nav`` writes that table from the first cell of each lesson. Where it
    is missing or does not render as one row per lesson, the same table is built here from the
    same fields.
    """
    path = NOTEBOOKS / "README.md"
    readme = path.read_text(encoding="utf-8") if path.exists() else ""
    if TOOLS.TOC_START in readme and TOOLS.TOC_END in readme:
        table = readme.split(TOOLS.TOC_START, 1)[1].split(TOOLS.TOC_END, 1)[0]
        rendered = markdown2html_mistune(table)
        if "<table>" in rendered and rendered.count("<tr>") == len(series) + 1:
            return rewrite_links(rendered)
    rows = ["<table>", "<thead><tr><th>Lesson</th><th>Time</th><th>You will learn</th></tr></thead>", "<tbody>"]
    for lesson in series:
        label = html.escape(f"{lesson.number} · {lesson.title}")
        learn = markdown2html_mistune("\n".join(f"- {o}" for o in lesson.objectives)) if lesson.objectives else ""
        rows.append(
            f'<tr><td><a href="{lesson.path.stem}.html">{label}</a></td>'
            f"<td>{html.escape(lesson.minutes)}</td><td>{learn}</td></tr>"
        )
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows)


def index_html(series: list) -> str:
    intro = rewrite_links(markdown2html_mistune(contents_intro()))
    note = (
        "These pages are a static, printable copy of the lessons, with the outputs stored in the notebooks. "
        "To run the code and check your answers, open the notebooks in JupyterLab."
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>The lessons · contents</title>\n<style>{INDEX_CSS}</style>\n</head>\n<body>\n<main>\n"
        f'{intro}\n<h2 id="contents">Contents</h2>\n{contents_table(series)}\n'
        f'<p class="handout-note">{html.escape(note)}</p>\n</main>\n</body>\n</html>\n'
    )


# --------------------------------------------------------------------------- export


def export(out: Path = DEFAULT_OUT) -> list[Page]:
    """Write ``index.html`` and one page per lesson into ``out``; return what was written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    series = TOOLS.lessons()
    exporter = make_exporter()
    pages = []
    for index, lesson in enumerate(series):
        nb = nbformat.read(lesson.path, as_version=4)
        ready, images, errors = prepare(nb, lesson.number, lesson.title)
        resources = {
            "metadata": {"name": f"{lesson.number} · {lesson.title}", "path": str(lesson.path.parent)},
            "handout_css": CSS,
            "handout_nav": nav_html(series, index),
            "handout_note": NOTE,
        }
        body, _ = exporter.from_notebook_node(ready, resources=resources)
        target = out / f"{lesson.path.stem}.html"
        target.write_text(rewrite_links(body), encoding="utf-8")
        pages.append(Page(lesson=lesson, path=target, images=images, unexpected_errors=errors))
    (out / "index.html").write_text(index_html(series), encoding="utf-8")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/html)")
    args = parser.parse_args(argv)
    pages = export(args.out)
    status = 0
    for page in pages:
        print(
            f"{page.path.relative_to(Path.cwd()) if page.path.is_relative_to(Path.cwd()) else page.path}"
            f"  ({page.images} figure{'' if page.images == 1 else 's'})"
        )
        for problem in page.unexpected_errors:
            print(f"  warning: error output in {page.lesson.path.name} {problem}", file=sys.stderr)
            status = 1
    print(f"{len(pages)} lessons and index.html in {args.out}")
    return status


if __name__ == "__main__":
    sys.exit(main())
