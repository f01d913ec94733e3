"""What the teacher gets from a graded class: the gradebook, the class report, feedback copies.

* ``gradebook.csv``: one row per student, file and exercise, with the outcome, the named
  mistake and the feedback the student saw (and an open question's written answer).
* ``report.html`` and ``report.md``: per lesson and exercise, the share of the class correct,
  the commonest named mistakes with their counts and feedback, who has not attempted it,
  a chart, and the submissions that were flagged. Offline and printable: the chart is in
  the page itself.
* ``feedback/STUDENT.html`` (with ``--feedback``): the student's notebook as it ran, with each
  exercise's verdict and feedback written under its answer cell.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import pandas as pd

from namlib.exercises.bank import load_bank
from namlib.grading.run import OUTCOMES, Graded

COLUMNS = ["student", "file", "lesson", "exercise", "title", "outcome", "mistake", "feedback", "answer", "flags"]


def gradebook(graded: list[Graded]) -> pd.DataFrame:
    """One row per student, file and exercise (a submission with nothing graded gets one row)."""
    specs = load_bank()
    rows = []
    for sub in graded:
        flags = "; ".join(sub.flags)
        if not sub.verdicts:
            rows.append(
                {
                    "student": sub.student,
                    "file": sub.path.name,
                    "lesson": sub.lesson,
                    "exercise": "",
                    "title": "",
                    "outcome": "",
                    "mistake": "",
                    "feedback": "",
                    "answer": "",
                    "flags": flags,
                }
            )
        for v in sub.verdicts:
            rows.append(
                {
                    "student": sub.student,
                    "file": sub.path.name,
                    "lesson": sub.lesson,
                    "exercise": v.exercise,
                    "title": specs[v.exercise].title if v.exercise in specs else "",
                    "outcome": v.outcome,
                    "mistake": v.mistake,
                    "feedback": v.feedback,
                    "answer": v.answer,
                    "flags": flags,
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def summary(book: pd.DataFrame) -> pd.DataFrame:
    """Per lesson and exercise: how many students correct, not yet, not attempted, in discussion.

    Example:
        >>> book = pd.DataFrame({"student": ["a", "b"], "lesson": ["03", "03"], "exercise": ["03.2", "03.2"],
        ...                      "outcome": ["correct", "not yet"]})
        >>> summary(book)[["exercise", "correct", "not yet", "students", "share correct"]].to_dict("records")
        [{'exercise': '03.2', 'correct': 1, 'not yet': 1, 'students': 2, 'share correct': 0.5}]
    """
    graded = book[book["exercise"] != ""]
    counts = pd.crosstab([graded["lesson"], graded["exercise"]], graded["outcome"])
    counts = counts.reindex(columns=list(OUTCOMES), fill_value=0).reset_index()
    counts.columns.name = None
    counts["students"] = counts[list(OUTCOMES)].sum(axis=1)
    counts["share correct"] = (counts["correct"] / counts["students"]).round(2)
    return counts


def mistakes(book: pd.DataFrame) -> pd.DataFrame:
    """The named mistakes, commonest first: exercise, mistake, how many students, the feedback."""
    wrong = book[book["mistake"] != ""]
    if wrong.empty:
        return pd.DataFrame(columns=["exercise", "mistake", "students", "feedback"])
    table = wrong.groupby(["exercise", "mistake"], as_index=False).agg(
        students=("student", "nunique"), feedback=("feedback", "first")
    )
    return table.sort_values(["exercise", "students"], ascending=[True, False], kind="stable").reset_index(drop=True)


def _chart_png(table: pd.DataFrame) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    height = 1.2 + 0.32 * len(table)
    fig, ax = plt.subplots(figsize=(7, height))
    labels = table["exercise"].tolist()[::-1]
    ax.barh(labels, table["share correct"].tolist()[::-1], color="#009e73")
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the class correct")
    ax.set_title("Correct answers per exercise")
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100, metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


def _not_attempted(book: pd.DataFrame, exercise: str) -> list[str]:
    rows = book[(book["exercise"] == exercise) & (book["outcome"] == "not attempted")]
    return sorted(set(rows["student"]))


def write_report(book: pd.DataFrame, graded: list[Graded], out: Path) -> list[Path]:
    """Write gradebook.csv, report.md, report.html and report.png into ``out``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    specs = load_bank()
    book.to_csv(out / "gradebook.csv", index=False)
    table = summary(book)
    graded_only = table[[specs[i].kind != "open" if i in specs else True for i in table["exercise"]]]
    chart = _chart_png(graded_only) if not graded_only.empty else b""
    if chart:
        (out / "report.png").write_bytes(chart)
    students = sorted(set(book["student"]))
    md = [f"# Class report: {len(graded)} submission(s), {len(students)} student(s)", ""]
    page = [f"<h1>Class report: {len(graded)} submission(s), {len(students)} student(s)</h1>"]
    if chart:
        md += ["![Correct answers per exercise](report.png)", ""]
        page.append(
            '<img alt="Bar chart: the share of the class correct for each exercise" '
            f'src="data:image/png;base64,{base64.b64encode(chart).decode()}">'
        )
    _exercise_sections(book, table, specs, md, page)
    _flagged_section(graded, md, page)
    (out / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    style = (
        "body{font-family:sans-serif;max-width:52em;margin:2em auto;color:#222}"
        "h3{margin-bottom:0.2em}img{max-width:100%}@media print{h2{page-break-before:auto}}"
    )
    (out / "report.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Class report</title>'
        f"<style>{style}</style></head><body>{''.join(page)}</body></html>\n",
        encoding="utf-8",
    )
    return [out / name for name in ("gradebook.csv", "report.md", "report.html")]


def _exercise_sections(book: pd.DataFrame, table: pd.DataFrame, specs: dict, md: list[str], page: list[str]) -> None:
    """Per lesson and exercise: the share correct, the commonest mistakes, who has not attempted it."""
    wrong = mistakes(book)
    for lesson, part in table.groupby("lesson", sort=True):
        md += [f"## Lesson {lesson}", ""]
        page.append(f"<h2>Lesson {html.escape(str(lesson))}</h2>")
        for row in part.to_dict("records"):
            spec = specs.get(row["exercise"])
            head = f"{row['exercise']} · {spec.title if spec else ''}"
            if spec is not None and spec.kind == "open":
                line = f"{row['discussion']} of {row['students']} wrote an answer (a discussion question, not graded)"
            else:
                line = (
                    f"{row['correct']} of {row['students']} correct ({row['share correct']:.0%}); "
                    f"{row['not yet']} not yet, {row['not attempted']} not attempted"
                )
            md += [f"### {head}", "", f"- {line}"]
            page += [f"<h3>{html.escape(head)}</h3>", f"<p>{html.escape(line)}</p>"]
            common = wrong[wrong["exercise"] == row["exercise"]]
            if not common.empty:
                md.append("- Commonest mistakes:")
                page.append("<ul>")
                for m in common.itertuples(index=False):
                    md.append(f"  - {m.students} × {m.mistake}: {m.feedback}")
                    page.append(f"<li><b>{m.students} × {html.escape(m.mistake)}</b>: {html.escape(m.feedback)}</li>")
                page.append("</ul>")
            missing = _not_attempted(book, row["exercise"])
            if missing:
                md.append(f"- Not attempted: {', '.join(missing)}")
                page.append(f"<p>Not attempted: {html.escape(', '.join(missing))}</p>")
            md.append("")


def _flagged_section(graded: list[Graded], md: list[str], page: list[str]) -> None:
    """The submissions that could not be read, raised, hung or were edited outside their answer cells."""
    flagged = [g for g in graded if g.flags]
    if not flagged:
        return
    md += ["## Flagged submissions", ""]
    page.append("<h2>Flagged submissions</h2><ul>")
    for g in flagged:
        md.append(f"- {g.student} ({g.path.name}): {'; '.join(g.flags)}")
        page.append(
            f"<li>{html.escape(g.student)} ({html.escape(g.path.name)}): {html.escape('; '.join(g.flags))}</li>"
        )
    page.append("</ul>")


def write_feedback(graded: list[Graded], out: Path) -> list[Path]:
    """Per submission, an HTML copy of the notebook as it ran, each verdict under its answer cell."""
    import nbformat
    from nbconvert import HTMLExporter

    from namlib.exercises.solutions import cell_source, checked_ids

    folder = out / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter()
    written = []
    for sub in graded:
        if sub.executed is None:
            continue
        nb = nbformat.from_dict(sub.executed)
        by_id = {v.exercise: v for v in sub.verdicts}
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            ids = checked_ids(cell_source(cell)) if cell.cell_type == "code" else []
            target = ids[0] if ids else None
            if cell.cell_type == "markdown":
                target = (cell.metadata.get("namlib") or {}).get("answer_to")
            if target in by_id:
                v = by_id[target]
                text = f"**Teacher's feedback · {target}: {v.outcome}.** {v.feedback}".strip()
                cells.append(nbformat.v4.new_markdown_cell(text))
        nb.cells = cells
        for cell in nb.cells:
            cell.pop("id", None)
        nb.nbformat_minor = 4
        body, _resources = exporter.from_notebook_node(nb)
        name = f"{sub.student}.html" if sub.student == sub.path.stem else f"{sub.student}-{sub.path.stem}.html"
        (folder / name).write_text(body, encoding="utf-8")
        written.append(folder / name)
    return written
