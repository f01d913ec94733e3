"""Two measures of how a lesson reads: words before the first code cell, and citations in running text.

A student who opens a lesson should run code soon, so :func:`words_before_code` counts the
words of the Markdown cells above the first code cell (navigation cells left out). A sentence
should read in one go, so the lessons put a citation like ``[mfa-az-nam ¶21]`` at the end of
its paragraph or list item, or in a notes line (``Sources:``, ``Notes:``) after it;
:func:`citations_in_running_text` counts the citations that still sit inside a sentence
with more text after them. ``python scripts/notebooks.py prose`` prints both for every
lesson.

Example:
    >>> text = "The summit met [mfa-az-nam ¶3] in Belgrade.\\n\\nIt had 25 members [wp-2025-nam table]."
    >>> citations_in_text(text)
    (2, 1)
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from namlib.lesson_time import NAV_TAG

# A citation opens with a source id: lower-case words joined by hyphens, then a locator or "]".
CITATION = re.compile(r"\[([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?=[ \];])")
WORD = re.compile(r"[^\W_](?:[\w'’-]*\w)?")
# Lines that hold notes rather than running text: "Sources: ...", "**Notes.** ...", "¹ [id ...]".
NOTES_LINE = re.compile(
    r"^\s*(?:[-*]\s+)?(?:\*\*|_)?(?:sources?|notes?)\b|^\s*(?:[-*]\s+)?(?:<sup>\d+</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)", re.I
)


def _blocks(text: str) -> list[str]:
    """Paragraphs and list items: the units a citation may close."""
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        items = re.split(r"\n(?=\s*(?:[-*]|\d+\.)\s)", paragraph)
        blocks += [item for item in items if item.strip()]
    return blocks


def _closing(block: str, start: int) -> int:
    """Index just after the ``]`` that closes the bracket opened at ``start``."""
    depth = 0
    for index in range(start, len(block)):
        if block[index] == "[":
            depth += 1
        elif block[index] == "]":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(block)


def citations_in_text(markdown: str) -> tuple[int, int]:
    """(all citations, those inside running text) in a piece of Markdown.

    A citation is at the end when only punctuation, spaces and other citations follow it in
    its paragraph or list item, or when it sits in a notes line.

    Example:
        >>> citations_in_text("A fact [a-b ¶1]; another [c-d p. 2].")
        (2, 1)
        >>> citations_in_text("A fact.\\n\\nSources: [a-b ¶1], [c-d p. 2] and more.")
        (2, 0)
    """
    total = running = 0
    for block in _blocks(markdown):
        for line_match in re.finditer(r"[^\n]+", block):
            line = line_match.group(0)
            notes = bool(NOTES_LINE.match(line))
            for match in CITATION.finditer(line):
                total += 1
                if notes:
                    continue
                rest = block[line_match.start() + _closing(line, match.start()) :]
                rest = re.sub(r"\[[^\]]*\]", "", rest)
                if re.search(r"\w", rest):
                    running += 1
    return total, running


def _cells(path: str | Path) -> list[tuple[bool, str]]:
    """(is code, source) for each cell of a lesson, navigation cells left out."""
    nb = nbformat.read(path, as_version=4)
    return [
        (cell.cell_type == "code", cell.source)
        for cell in nb.cells
        if NAV_TAG not in cell.get("metadata", {}).get("tags", [])
    ]


def count_words(markdown: str) -> int:
    """Words a reader reads: link targets, HTML tags and Markdown marks left out.

    Example:
        >>> count_words("Run **this** cell: [lesson 01](01-between-two-blocs.ipynb).")
        5
    """
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    text = re.sub(r"<[^>]+>", " ", text)
    return len(WORD.findall(text))


def words_before_code(path: str | Path) -> int:
    """Words of the Markdown above a lesson's first code cell."""
    words = 0
    for is_code, source in _cells(path):
        if is_code:
            break
        words += count_words(source)
    return words


def citations_in_running_text(path: str | Path) -> tuple[int, int]:
    """(all citations, those inside running text) in a lesson's Markdown cells."""
    pairs = [citations_in_text(source) for is_code, source in _cells(path) if not is_code]
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def report(paths: list[Path]) -> str:
    """A Markdown table of both measures, one row per lesson.

    Example:
        >>> from namlib.exercises.solutions import notebook_paths
        >>> report(notebook_paths("notebooks")[:1]).splitlines()[0]
        '| lesson | words before the first code cell | citations | in running text |'
    """
    rows = ["| lesson | words before the first code cell | citations | in running text |", "|---|---:|---:|---:|"]
    for path in paths:
        total, running = citations_in_running_text(path)
        rows.append(f"| {Path(path).name[:2]} | {words_before_code(path)} | {total} | {running} |")
    return "\n".join(rows)
