"""Look up a term of the lessons in the ``glossary`` table, and write a lesson's vocabulary box.

In a lesson, ``namlib.glossary("Consensus")`` shows the definition with its source; a term
that is not in the table gets the nearest ones as suggestions, never a traceback. Case and
the plural ``s`` do not matter.

Each lesson lists the terms it uses first in its notebook metadata
(``{"namlib": {"vocabulary": ["Consensus", "Troika"]}}``), and ``scripts/notebooks.py nav``
writes the box from the table with :func:`vocabulary_box`, so that a box never says
something the glossary does not.

Example:
    >>> entry = glossary("troika")
    >>> entry.term
    'Troika'
    >>> print(vocabulary_box(["Consensus"]).splitlines()[-1])  # doctest: +ELLIPSIS
    - **Consensus**: ...
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from namlib.errors import NamlibError
from namlib.loading import load


class UnknownTermError(NamlibError, KeyError):
    """A term that is not in the glossary; the message suggests the nearest terms.

    Example:
        >>> print(UnknownTermError("There is no glossary entry 'consensos'. Did you mean 'Consensus'?"))
        There is no glossary entry 'consensos'. Did you mean 'Consensus'?
    """

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Entry:
    """One row of the glossary, shown as Markdown in a notebook and as plain text elsewhere."""

    term: str
    definition: str
    related: tuple[str, ...]
    source_id: str
    locator: str

    def __str__(self) -> str:
        related = f"\nSee also: {', '.join(self.related)}." if self.related else ""
        return f"{self.term}: {self.definition}{related}\nSource: [{self.source_id} {self.locator}]"

    def _repr_markdown_(self) -> str:
        related = f"<br>See also: {', '.join(self.related)}." if self.related else ""
        return f"**{self.term}**: {self.definition}{related}<br>Source: `{self.source_id}` {self.locator}"

    @property
    def short(self) -> str:
        """The first sentence of the definition (for a vocabulary box)."""
        first = re.split(r"(?<=[.;])\s", self.definition, maxsplit=1)[0]
        return first.rstrip(";.") + "."


def _key(term: str) -> str:
    key = " ".join(term.casefold().split())
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


def entries() -> dict[str, Entry]:
    """Every glossary row by its term, in the table's order."""
    table = load("glossary")
    found = {}
    for row in table.itertuples(index=False):
        text = row.related if isinstance(row.related, str) else ""  # an empty cell is read as <NA>
        related = tuple(r.strip() for r in text.split(";") if r.strip())
        found[str(row.term)] = Entry(str(row.term), str(row.definition), related, str(row.source_id), str(row.locator))
    return found


def glossary(term: str) -> Entry:
    """The glossary entry for ``term`` (case and a plural ``s`` ignored).

    Example:
        >>> print(glossary("Observer states"))  # doctest: +ELLIPSIS
        Observer state: A state that is not a member but may attend NAM summits ...
    """
    known = entries()
    if not isinstance(term, str) or not term.strip():
        raise UnknownTermError(f"Give a term as text, for example namlib.glossary({next(iter(known))!r}).")
    by_key = {_key(name): entry for name, entry in known.items()}
    if _key(term) in by_key:
        return by_key[_key(term)]
    near = difflib.get_close_matches(_key(term), list(by_key), n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join(repr(by_key[k].term) for k in near)}?" if near else ""
    raise UnknownTermError(f"There is no glossary entry {term!r}.{hint} The `glossary` table has all {len(known)}.")


def vocabulary_box(terms: Iterable[str]) -> str:
    """The Markdown of a lesson's vocabulary box: each term with the first sentence of its definition.

    Example:
        >>> print(vocabulary_box(["Troika"]).splitlines()[0])  # doctest: +ELLIPSIS
        **Vocabulary.** Words this lesson uses for the first time. Look one up with ...
    """
    chosen = [glossary(term) for term in terms]
    if not chosen:
        raise UnknownTermError("A vocabulary box needs at least one term.")
    lines = [
        "**Vocabulary.** Words this lesson uses for the first time. Look one up with "
        f'`namlib.glossary("{chosen[0].term}")`; all of them are in the `glossary` table.',
        "",
    ]
    lines += [f"- **{entry.term}**: {entry.short}" for entry in chosen]
    return "\n".join(lines)
