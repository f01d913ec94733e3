"""Check the dataset: the schema (with the Frictionless validator) and the history.

Two layers of checks:

1. *Schema*: every file against ``datapackage.json`` (types, required fields,
   allowed values, primary keys, foreign keys), by the Frictionless validator.
2. *Domain*: things a schema cannot say. Dates run forwards, summits are
   numbered without gaps, the chair passes on without gaps or overlaps, the
   membership list reproduces the counts sources give (those marked
   ``reproduced``), every pointer from the discrepancies and row_sources tables
   finds its row, no row about the Armenia-Azerbaijan dispute rests on one
   party's sources alone, and the UN membership list (``un_members``) is
   consistent, joins the NAM members on iso3 and reproduces the UN totals
   sources give (``un_counts`` rows marked ``reproduced``). The facts these checks
   rely on and no table holds (the parties' source origins, the chairmanship's
   chair_id, the NAM states outside the UN) are datapackage.json's ``"namlib"``
   object (:func:`namlib.descriptor.facts_in`); they must point at rows that exist.

A valid report also says what it knows but cannot check away: the membership
counts that members.csv does not reproduce and the UN totals that un_members
does not reproduce (known gaps), and a balance report, the share of rows per
source origin.

Example:
    >>> report = validate()
    >>> report.ok
    True
    >>> print(report)  # doctest: +ELLIPSIS
    The dataset is valid: ... tables, ... rows, ... checks passed.
    Known gaps, not failures: ... membership counts that members.csv does not reproduce (reproduced = false):
    ...
    Sources by origin, all ... rows with a source: ...
    Sources by origin, events and documents of the chairmanship, 2019-10-25 to 2024-01-19 (... rows): ...
    >>> round(sum(report.balance.shares("all").values()), 9)
    1.0
"""

from __future__ import annotations

import os
from typing import Any

from namlib.descriptor import facts_in
from namlib.errors import NamlibError
from namlib.loading import _read_raw, _tables, data_dir, load
from namlib.validation.balance import _balance, _check_conflict_balance
from namlib.validation.history import (
    _check_chair_periods,
    _check_dates_forward,
    _check_member_counts,
    _check_summit_numbers,
    _member_count_gaps,
)
from namlib.validation.links import (
    _check_discrepancy_links,
    _check_foreign_keys,
    _check_row_sources,
    _check_summit_events,
)
from namlib.validation.report import Balance, Problem, Report
from namlib.validation.rules import KEY_SEPARATOR, _check_facts
from namlib.validation.schema import _schema_checks
from namlib.validation.un import (
    _check_members_in_un,
    _check_un_counts,
    _check_un_members,
    _un_count_gaps,
)

__all__ = [
    "CHAIRMANSHIP",
    "KEY_SEPARATOR",
    "NOT_UN_MEMBERS",
    "PARTY_ORIGINS",
    "Balance",
    "Problem",
    "Report",
    "validate",
]

#: Each is check(frames, tables, facts) -> list[Problem]: the typed tables by name, their schemas
#: (namlib.descriptor.Table) and the dataset's facts (namlib.descriptor.Facts).
DOMAIN_CHECKS = [
    _check_facts,
    _check_dates_forward,
    _check_summit_numbers,
    _check_chair_periods,
    _check_member_counts,
    _check_summit_events,
    _check_discrepancy_links,
    _check_row_sources,
    _check_conflict_balance,
    _check_un_members,
    _check_members_in_un,
    _check_un_counts,
]


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
        facts = facts_in(folder)
    except NamlibError as err:  # datapackage.json itself: missing, not JSON, a wrong field type, a missing fact
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
            report.problems.extend(check(frames, tables, facts))
        report.gaps = _member_count_gaps(frames, tables, facts)
        report.un_gaps = _un_count_gaps(frames, tables, facts)
        report.balance = _balance(frames, tables, facts)
    return report


def __getattr__(name: str) -> Any:
    # CHAIRMANSHIP, NOT_UN_MEMBERS, PARTY_ORIGINS: the facts of the data namlib reads, read on first use, so
    # that importing namlib.validation never reads the data (a broken datapackage.json must not stop it).
    if name in ("CHAIRMANSHIP", "NOT_UN_MEMBERS", "PARTY_ORIGINS"):
        from namlib.validation import rules

        return getattr(rules, name)
    raise AttributeError(f"module 'namlib.validation' has no attribute {name!r}")


def _from_error(err: NamlibError, file: str, check: str) -> Problem:
    return Problem(
        getattr(err, "file", None) or file,
        getattr(err, "line", None),
        getattr(err, "field", None),
        getattr(err, "reason", None) or str(err),
        check,
    )
