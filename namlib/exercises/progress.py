"""A student's own record of the exercises they solved or tried, and the view of it.

Every checked answer is written to a small JSON file in the folder the kernel runs in
(the student's own working folder: ``.namlib-progress.json`` beside the lessons). Nothing
is sent anywhere and nothing is written elsewhere. The record survives a kernel restart;
a missing record starts empty, and a record that cannot be read is put aside (renamed
``.namlib-progress.json.unreadable``) and started afresh with a one-line note.

``NAMLIB_PROGRESS`` changes where the record lives (a file path), or turns it off (``off``).

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "record.json"
    >>> record = Record(path)
    >>> record.note("03.2", "incorrect")
    >>> record.note("03.2", "correct")
    >>> record.note("03.1", "incorrect")
    >>> Record(path).status("03.2"), Record(path).status("03.1"), Record(path).status("03.3")
    ('solved', 'tried', 'not attempted')
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

PROGRESS_ENV = "NAMLIB_PROGRESS"
RECORD_NAME = ".namlib-progress.json"
FORMAT = "namlib-progress/1"

# What a check's status means for the record. "not_attempted" (the answer is still ...) is no
# attempt; open questions are answered in words and never graded, so they are not recorded.
_FROM_CHECK = {"correct": "solved", "incorrect": "tried", "invalid": "tried"}
# A later check never lowers what the record says: solved stays solved.
_RANK = {"not attempted": 0, "tried": 1, "solved": 2}


def record_path() -> Path | None:
    """Where the record lives: ``$NAMLIB_PROGRESS``, else the working folder; None when turned off.

    Example:
        >>> import os
        >>> os.environ.get("NAMLIB_PROGRESS") is not None or record_path().name == ".namlib-progress.json"
        True
    """
    setting = os.environ.get(PROGRESS_ENV, "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    return Path(setting) if setting else Path.cwd() / RECORD_NAME


class Record:
    """The progress record in one file: per exercise, its status, attempts and hints seen.

    Reading never raises: a missing file is an empty record; an unreadable one is put aside
    and ``warning`` says so in one line. Writing never raises either (a read-only folder
    just keeps no record).
    """

    def __init__(self, path: Path | None):
        self.path = path
        self.warning = ""
        self.entries: dict[str, dict[str, Any]] = {}
        if path is not None and path.exists():
            self._read(path)

    def _read(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["exercises"]
            if data.get("format") != FORMAT or not isinstance(entries, dict):
                raise ValueError("not a progress record")
            self.entries = {
                str(key): {
                    "status": value["status"] if value.get("status") in _RANK else "tried",
                    "attempts": int(value.get("attempts", 0)),
                    "hints": int(value.get("hints", 0)),
                }
                for key, value in entries.items()
                if isinstance(value, dict)
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}
            kept = path.with_name(path.name + ".unreadable")
            try:
                os.replace(path, kept)
                where = f"; the old file is kept as {kept.name}"
            except OSError:
                where = ""
            self.warning = f"Your progress record ({path.name}) could not be read, so it starts afresh{where}."

    def status(self, exercise_id: str) -> str:
        """``solved``, ``tried`` or ``not attempted``."""
        return self.entries.get(exercise_id, {}).get("status", "not attempted")

    def hints_seen(self, exercise_id: str) -> int:
        return self.entries.get(exercise_id, {}).get("hints", 0)

    def note(self, exercise_id: str, check_status: str) -> None:
        """Record one checked answer (its :class:`Feedback` status)."""
        status = _FROM_CHECK.get(check_status)
        if status is None:
            return
        entry = self.entries.setdefault(exercise_id, {"status": "not attempted", "attempts": 0, "hints": 0})
        entry["attempts"] += 1
        if _RANK[status] > _RANK[entry["status"]]:
            entry["status"] = status
        self._write()

    def note_hint(self, exercise_id: str, number: int) -> None:
        """Record that hint ``number`` was seen (the highest one counts)."""
        entry = self.entries.setdefault(exercise_id, {"status": "not attempted", "attempts": 0, "hints": 0})
        if number > entry["hints"]:
            entry["hints"] = number
            self._write()

    def _write(self) -> None:
        if self.path is None:
            return
        data = {"format": FORMAT, "exercises": dict(sorted(self.entries.items()))}
        try:
            # Write a whole new file, then move it into place: a kernel stopped half-way
            # never leaves half a record behind.
            handle, tmp = tempfile.mkstemp(prefix=".namlib-progress-", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1, ensure_ascii=False)
            os.replace(tmp, self.path)
        except OSError:
            pass


def current() -> Record:
    """The record of this working folder, read afresh (another notebook may have written to it)."""
    return Record(record_path())


class Progress:
    """What :func:`progress` shows: a table per exercise, and per lesson a count and a bar.

    ``table`` is a DataFrame (``lesson, exercise, title, kind, status``) a student can use with
    pandas; an open question's status is ``discussion``.
    """

    def __init__(self, table: pd.DataFrame, warning: str = "", where: Path | None = None):
        self.table = table
        self.warning = warning
        self.where = where

    def summary(self) -> pd.DataFrame:
        """Per lesson: graded exercises solved, tried and not attempted, and its open questions.

        Open questions are answered in words, in a Markdown cell, and never graded: they are
        counted apart (``discussion``) and not in the bar.
        """
        counts = pd.crosstab(self.table["lesson"], self.table["status"])
        columns = ["solved", "tried", "not attempted", "discussion"]
        return counts.reindex(columns=columns, fill_value=0)

    @staticmethod
    def _bar(row: pd.Series, width: int = 20) -> str:
        graded = int(row["solved"] + row["tried"] + row["not attempted"])
        filled = round(width * int(row["solved"]) / graded) if graded else 0
        return "█" * filled + "░" * (width - filled)

    def _lines(self) -> list[str]:
        summary = self.summary()
        lines = [self.warning] if self.warning else []
        if summary.empty:
            return [*lines, "No exercises in this selection."]
        lines.append("Lesson  solved  tried  not yet  discussion   solved so far")
        for lesson, row in summary.iterrows():
            lines.append(
                f"{lesson:<7} {row['solved']:>6} {row['tried']:>6} {row['not attempted']:>8} "
                f"{row['discussion']:>11}   {self._bar(row)}"
            )
        tried = self.table.loc[self.table["status"] == "tried", "exercise"].tolist()
        if tried:
            lines.append(f"Tried but not yet solved: {', '.join(tried)}.")
        if self.where is None:
            lines.append("(No record is kept here: NAMLIB_PROGRESS is off.)")
        return lines

    def __repr__(self) -> str:
        return "\n".join(self._lines())

    def _repr_html_(self) -> str:
        lines = self._lines()
        return (
            '<pre class="namlib-progress" style="background:#f7f9fb;padding:6px 12px;color:#222">'
            + html.escape("\n".join(lines))
            + "</pre>"
        )
