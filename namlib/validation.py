"""Check the dataset: the schema (with the Frictionless validator) and the history.

Two layers of checks:

1. *Schema*: every file against ``datapackage.json`` (types, required fields,
   allowed values, primary keys, foreign keys), by the Frictionless validator.
2. *Domain*: things a schema cannot say. Dates run forwards, summits are
   numbered without gaps, the chair passes on without gaps or overlaps, the
   membership list reproduces the counts sources give, and every pointer from
   the discrepancies table finds its row.

Example:
    >>> report = validate()
    >>> report.ok
    True
    >>> print(report)  # doctest: +ELLIPSIS
    The dataset is valid: ... tables, ... rows, ... checks passed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from namlib.errors import NamlibError
from namlib.loading import _read_raw, _tables, data_dir, load
from namlib.membership import membership_by_year


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as possible."""

    file: str
    line: int | None
    field: str | None
    reason: str
    check: str

    def __str__(self) -> str:
        where = ", ".join(
            p
            for p in (
                self.file,
                f"line {self.line}" if self.line else None,
                f"field {self.field}" if self.field else None,
            )
            if p
        )
        return f"{where}: {self.reason} [{self.check}]"


@dataclass
class Report:
    """The result of :func:`validate`: ``ok``, the ``problems`` and a count of checks."""

    folder: str
    tables: int = 0
    rows: int = 0
    checks: int = 0
    problems: list[Problem] = field(default_factory=list)
    note: str = ""  # a line after the problems: what to do first

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_frame(self) -> pd.DataFrame:
        """The problems as a DataFrame (file, line, field, reason, check)."""
        return pd.DataFrame([p.__dict__ for p in self.problems], columns=["file", "line", "field", "reason", "check"])

    def __str__(self) -> str:
        if self.ok:
            return f"The dataset is valid: {self.tables} tables, {self.rows} rows, {self.checks} checks passed."
        lines = [f"The dataset has {len(self.problems)} problem(s):"]
        lines += [f"  {p}" for p in self.problems]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


def validate(path: str | os.PathLike | None = None, schema: bool = True) -> Report:
    """Validate the dataset in ``path`` (default: the copy namlib ships).

    ``schema=False`` skips the Frictionless pass (faster; domain checks only).
    Each problem is reported once, in plain words, with its file, line and field, and
    the cause first. A file that cannot be read at all (not UTF-8, an unclosed quote, a
    wrong header) is reported alone: the checks that depend on it wait until it is fixed.

    Example:
        >>> validate(schema=False).ok
        True
    """
    folder = data_dir(path)
    report = Report(folder=str(folder))
    try:
        tables = _tables(folder)
    except NamlibError as err:  # datapackage.json itself: missing, not JSON, a field type that does not exist
        report.problems.append(_from_error(err, "datapackage.json", "descriptor"))
        return report
    report.tables = len(tables)
    unreadable = []
    for table in tables.values():
        report.checks += 1
        try:
            _read_raw(folder / table.path, table)
        except NamlibError as err:
            unreadable.append(_from_error(err, table.path, "read"))
    if unreadable:
        report.problems.extend(unreadable)
        report.note = "Fix these first: the other checks run once every file can be read."
        return report
    if schema:
        _schema_checks(folder, report)
    flagged = {p.file for p in report.problems}
    frames = {}
    for name, table in tables.items():
        try:
            frames[name] = load(name, path=folder)
        except NamlibError as err:
            if table.path not in flagged:  # else the schema pass has said it already, for every row
                report.problems.append(_from_error(err, table.path, "types"))
    report.rows = sum(len(f) for f in frames.values())
    if len(frames) == len(tables):
        checks = DOMAIN_CHECKS if schema else [_check_foreign_keys, *DOMAIN_CHECKS]
        for check in checks:
            report.checks += 1
            report.problems.extend(check(frames, tables))
    return report


def _from_error(err: NamlibError, file: str, check: str) -> Problem:
    return Problem(
        getattr(err, "file", None) or file,
        getattr(err, "line", None),
        getattr(err, "field", None),
        getattr(err, "reason", None) or str(err),
        check,
    )


_TYPE_WORDS = {
    "date": "a date written YYYY-MM-DD",
    "integer": "a whole number",
    "year": "a year (four digits)",
    "number": "a number",
    "boolean": "true or false",
}


def _plain_schema_message(err, fields: dict) -> str:
    """A Frictionless error in the words the loader uses, with what to do."""
    cell = getattr(err, "cell", None)
    name = getattr(err, "field_name", None)
    spec = fields.get(name, {})
    if err.type == "type-error":
        wanted = _TYPE_WORDS.get(spec.get("type", ""), f"of type {spec.get('type')}")
        return f"{cell!r} is not {wanted}."
    if err.type == "constraint-error":
        note = err.note or ""
        if note.startswith('constraint "required"'):
            return "A required value is empty: fill it in."
        if note.startswith('constraint "enum"'):
            allowed = ", ".join(spec.get("constraints", {}).get("enum", []))
            return f"{cell!r} is not one of the allowed values: {allowed}."
        return f"{cell!r} breaks the rule {note}."
    if err.type == "foreign-key":
        ref = getattr(err, "reference_name", None) or "the other table"
        target = ", ".join(getattr(err, "reference_field_names", None) or [])
        values = ", ".join(str(v) for v in getattr(err, "field_cells", None) or [])
        return f"{values!r} is not a {target} in {ref}: add that row to {ref}.csv or correct the value."
    if err.type in ("primary-key", "unique-error"):
        value = cell or ", ".join(map(str, getattr(err, "cells", []) or []))
        return f"{value!r} is used by another row too: each must be unique."
    return err.note or err.message


def _schema_checks(folder, report: Report) -> None:
    from frictionless import Package

    package = Package(str(folder / "datapackage.json"))
    result = package.validate()
    report.checks += len(result.tasks)
    described = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package.to_descriptor()["resources"]}
    seen = set()
    for task in result.tasks:
        file = task.place or task.name
        fields = described.get(task.name, {})
        for err in task.errors:
            line = getattr(err, "row_number", None)
            name = getattr(err, "field_name", None)
            if err.type in ("missing-cell", "extra-cell"):
                # One message per row, not one per missing cell.
                width = len(fields)
                cells = len([c for c in (getattr(err, "cells", None) or [])])
                problem = Problem(file, line, None, f"The row has {cells} cells; the header has {width}.", "schema:row")
            else:
                if name is None and err.type == "foreign-key":
                    name = ", ".join(getattr(err, "field_names", []) or []) or None
                problem = Problem(file, line, name, _plain_schema_message(err, fields), f"schema:{err.type}")
            if problem not in seen:
                seen.add(problem)
                report.problems.append(problem)
    for err in getattr(result, "errors", []):
        report.problems.append(Problem("datapackage.json", None, None, err.message, f"schema:{err.type}"))


def _at(table: str, pos: int, field: str | None, reason: str, check: str) -> Problem:
    """A problem in the data row at position ``pos`` of ``table``.csv (the header is line 1)."""
    return Problem(f"{table}.csv", int(pos) + 2, field, reason, check)


def _check_dates_forward(frames, tables) -> list[Problem]:
    problems = []
    for name, start, end in (
        ("summits", "start_date", "end_date"),
        ("events", "start_date", "end_date"),
        ("chairmanships", "start_date", "end_date"),
    ):
        frame = frames[name]
        bad = (frame[end] < frame[start]).fillna(False)
        for pos in frame.index[bad]:
            reason = f"{end} {frame.at[pos, end]:%Y-%m-%d} is before {start} {frame.at[pos, start]:%Y-%m-%d}."
            problems.append(_at(name, pos, end, reason, "dates-forward"))
    return problems


def _check_summit_numbers(frames, tables) -> list[Problem]:
    summits = frames["summits"]
    numbers = sorted(summits["number"].dropna().astype(int))
    problems = []
    if numbers != list(range(1, len(numbers) + 1)):
        missing = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
        problems.append(
            Problem(
                "summits.csv",
                None,
                "number",
                f"Summits must be numbered 1, 2, 3... without gaps; missing: {missing}.",
                "summit-numbers",
            )
        )
    ordered = summits.sort_values("number")
    later = ordered["start_date"].diff().dt.days.fillna(1) <= 0
    for pos in ordered.index[later.to_numpy()]:
        number = summits.at[pos, "number"]
        reason = f"Summit {number} does not start after summit {number - 1}."
        problems.append(_at("summits", pos, "start_date", reason, "summit-numbers"))
    return problems


def _check_chair_periods(frames, tables) -> list[Problem]:
    chairs = frames["chairmanships"].sort_values("start_date")
    problems = [
        _at("chairmanships", pos, "end_date", "Only the current (latest) chair may have no end date.", "chair-periods")
        for pos in chairs.index[chairs["end_date"].isna()]
        if pos != chairs.index[-1]
    ]
    before = chairs.shift()  # the previous chair, on each row
    gap = (chairs["start_date"] - before["end_date"]).dt.days
    checked = chairs["start_date"].dt.year >= 1998
    for pos in chairs.index[checked & gap.notna() & (gap != 0)]:
        days, who = int(gap[pos]), f"{before.at[pos, 'chair']} ({before.at[pos, 'country']})"
        reason = f"Gap of {days} days after {who}." if days > 0 else f"Overlaps {who} by {-days} days."
        problems.append(_at("chairmanships", pos, "start_date", reason, "chair-periods"))
    return problems


def _check_member_counts(frames, tables) -> list[Problem]:
    members, stated = frames["members"], frames["member_counts"]
    if stated.empty:
        return []
    counted = membership_by_year(int(stated["year"].min()), int(stated["year"].max()), members).set_index("year")
    problems = []
    for pos, row in stated.iterrows():
        year, status = int(row["year"]), str(row["status"])
        found = int(counted.at[year, status])
        if found != row["count"]:
            reason = f"{row['source_id']} gives {row['count']} {status} rows in {year}, but members.csv gives {found}."
            problems.append(_at("member_counts", pos, "count", reason, "member-counts"))
    return problems


def _check_summit_events(frames, tables) -> list[Problem]:
    summits, events = frames["summits"], frames["events"]
    problems = []
    in_events = events.dropna(subset=["summit_number"]).set_index("summit_number")
    for _, row in summits.iterrows():
        number = row["number"]
        if number not in in_events.index:
            problems.append(
                Problem(
                    "events.csv",
                    None,
                    "summit_number",
                    f"No event for summit {number} ({row['city']}).",
                    "summit-events",
                )
            )
    return problems


def _check_discrepancy_links(frames, tables) -> list[Problem]:
    disc = frames["discrepancies"]
    problems = []
    for pos, row in disc.dropna(subset=["related_table"]).iterrows():
        table = str(row["related_table"])
        target = frames[table]
        key = tables[table].primary_key
        if len(key) != 1 or pd.isna(row["related_key"]):
            continue
        values = target[key[0]].astype("str")
        if str(row["related_key"]) not in set(values):
            reason = f"{table} has no row with {key[0]} = {row['related_key']!r}."
            problems.append(_at("discrepancies", pos, "related_key", reason, "discrepancy-links"))
    return problems


def _check_foreign_keys(frames, tables) -> list[Problem]:
    """Every foreign key finds its row (the Frictionless pass does this when schema=True)."""
    problems = []
    for name, table in tables.items():
        frame = frames[name]
        for fk in table.foreign_keys:
            (column,) = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
            ref = fk["reference"]
            (target,) = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
            known = set(frames[ref["resource"]][target].dropna().astype("str"))
            values = frame[column].astype("str")
            bad = frame[column].notna() & ~values.isin(known)
            for pos in frame.index[bad.to_numpy()]:
                reason = f"{frame.at[pos, column]!r} is not a {target} in {ref['resource']}."
                problems.append(_at(name, pos, column, reason, "foreign-keys"))
    return problems


DOMAIN_CHECKS = [
    _check_dates_forward,
    _check_summit_numbers,
    _check_chair_periods,
    _check_member_counts,
    _check_summit_events,
    _check_discrepancy_links,
]
