"""Lessons a reader of English as a second language can follow: a vocabulary box in every lesson,
written from the glossary, a short way to the first code cell, citations out of the sentences."""

from __future__ import annotations

import re
import sys

import nbformat
import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import namlib  # noqa: E402
import notebooks as tools  # noqa: E402  (scripts/notebooks.py)
from namlib.exercises.solutions import notebook_paths  # noqa: E402
from namlib.readability import citations_in_running_text, citations_in_text, words_before_code  # noqa: E402
from namlib.vocabulary import UnknownTermError, glossary, vocabulary_box  # noqa: E402

LESSONS = notebook_paths(REPO / "notebooks")
IDS = [p.stem for p in LESSONS]
# Lesson 00 is read by someone who has never run a cell: they should be running code after
# about a minute of reading (~150 words a minute). The others may set the scene a little longer.
WORDS_BEFORE_CODE = {"00": 250}
WORDS_BEFORE_CODE_OTHERS = 300


def vocabulary(path) -> list[str]:
    return nbformat.read(path, as_version=4).metadata.get("namlib", {}).get("vocabulary", [])


def _key(term: str) -> str:
    return term.casefold().rstrip("s")


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_the_vocabulary_box_is_written_from_the_glossary_for_the_terms_the_lesson_lists(path):
    terms = vocabulary(path)
    assert terms, 'list the lesson\'s new terms in its metadata: {"namlib": {"vocabulary": [...]}}'
    boxes = [c for c in nbformat.read(path, as_version=4).cells if tools.VOCABULARY_TAG in c.metadata.get("tags", [])]
    assert [c.source for c in boxes] == [vocabulary_box(terms)], "run: python scripts/notebooks.py nav"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_each_term_of_the_box_is_used_in_the_lesson_text(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(
        c.source
        for c in nb.cells
        if c.cell_type == "markdown" and not {tools.VOCABULARY_TAG, tools.NAV_TAG} & set(c.metadata.get("tags", []))
    ).casefold()
    unused = [term for term in vocabulary(path) if _key(term) not in text]
    assert unused == [], f"terms in the box that the lesson's text never uses: {unused}"


def test_a_term_is_new_in_one_lesson_only():
    first: dict[str, str] = {}
    for path in LESSONS:
        for term in vocabulary(path):
            assert term not in first, f"{term!r} is in the boxes of lessons {first.get(term)} and {path.name[:2]}"
            first[term] = path.name[:2]


def test_the_navigation_script_puts_the_box_right_after_the_set_up_cell_and_keeps_one():
    lesson = nbformat.read(LESSONS[3], as_version=4)
    cells = tools.vocabulary_cells(lesson)
    assert len(cells) == 1 and cells[0].metadata["tags"] == [tools.VOCABULARY_TAG]
    lesson.metadata["namlib"]["vocabulary"] = []
    assert tools.vocabulary_cells(lesson) == []
    for path in LESSONS:
        cells = nbformat.read(path, as_version=4).cells
        setup = next(i for i, c in enumerate(cells) if c.cell_type == "code")
        assert cells[1].metadata.get("tags") == [tools.NAV_TAG], path.name
        assert cells[setup + 1].metadata.get("tags") == [tools.VOCABULARY_TAG], path.name


def test_a_student_looks_up_a_term_in_any_case_or_plural():
    assert glossary("observer states").term == "Observer state"
    assert glossary("  CONSENSUS ").term == "Consensus"
    assert "Source: [" in str(glossary("Troika"))
    assert glossary("Troika")._repr_markdown_().startswith("**Troika**")


def test_a_misspelt_term_gets_a_suggestion_and_a_student_sees_one_line_not_a_traceback():
    with pytest.raises(UnknownTermError, match=r"no glossary entry 'consensos'\. Did you mean 'Consensus'\?"):
        glossary("consensos")
    with pytest.raises(UnknownTermError, match="Give a term as text"):
        glossary(3)  # type: ignore[arg-type]
    assert isinstance(UnknownTermError("x"), namlib.NamlibError)  # so the notebook shows one line


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_a_student_runs_code_soon_after_opening_the_lesson(path):
    limit = WORDS_BEFORE_CODE.get(path.name[:2], WORDS_BEFORE_CODE_OTHERS)
    assert words_before_code(path) <= limit, "shorten the text above the first code cell"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_most_citations_sit_at_the_end_of_their_paragraph_not_inside_a_sentence(path):
    total, running = citations_in_running_text(path)
    assert running <= max(2, total // 5), f"{running} of {total} citations interrupt a sentence"


def test_the_measure_of_running_text_sees_what_a_reader_sees():
    assert citations_in_text("It met [a-b ¶1] in Belgrade.") == (1, 1)
    assert citations_in_text("It met in Belgrade [a-b ¶1].") == (1, 0)
    assert citations_in_text("It met in Belgrade [a-b ¶1; c-d p. 3] [e-f table].") == (2, 0)
    assert citations_in_text("- one [a-b ¶1]\n- two [c-d ¶2], said the account.") == (2, 1)
    assert citations_in_text("Text.<sup>1</sup>\n\n<sup>1</sup> [a-b ¶1], more words") == (1, 0)
    assert citations_in_text("Sources: [a-b ¶1] for the date, [c-d ¶2] for the place.") == (2, 0)
    assert citations_in_text("See [lesson 01](01-x.ipynb) and D01.") == (0, 0)
    assert re.fullmatch(r"\d+", str(words_before_code(LESSONS[0])))
