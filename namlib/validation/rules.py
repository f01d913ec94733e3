"""The dataset's facts the domain checks rely on (the parties, the chairmanship, UN observers), and their check.

The facts are not written here: they are datapackage.json's ``"namlib"`` object
(:func:`namlib.descriptor.facts_in`), and what a table can say is read from the table (the
chairmanship's dates from its row in chairmanships.csv). ``PARTY_ORIGINS``,
``NOT_UN_MEMBERS`` and ``CHAIRMANSHIP`` remain as names of the values of the data namlib reads,
read when first asked for, so that importing namlib never reads the data.

Example:
    >>> from namlib import validation
    >>> sorted(validation.NOT_UN_MEMBERS)
    ['PSE', 'VAT']
    >>> [f"{day:%Y-%m-%d}" for day in validation.CHAIRMANSHIP]
    ['2019-10-25', '2024-01-19']
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from namlib.descriptor import FACTS_KEY, Facts, facts_in
from namlib.errors import DataError
from namlib.loading import data_dir, load
from namlib.validation.report import Problem

#: Joins the values of a composite primary key in row_sources.key and discrepancies.related_key.
KEY_SEPARATOR = "|"

ISO3 = re.compile(r"^[A-Z]{3}$")


def chairmanship_period(chairs: pd.DataFrame, facts: Facts) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The start and end of the dataset's chairmanship (``facts.chairmanship``), read from its row.

    None when chairmanships has no such row or the row lacks a date (:func:`_check_facts` says so).

    Example:
        >>> chairmanship_period(load("chairmanships"), facts_in(data_dir()))[0]
        Timestamp('2019-10-25 00:00:00')
    """
    row = chairs[chairs["chair_id"].astype("str") == facts.chairmanship]
    if len(row) != 1 or row[["start_date", "end_date"]].isna().any(axis=None):
        return None
    return pd.Timestamp(row["start_date"].iloc[0]), pd.Timestamp(row["end_date"].iloc[0])


def _check_facts(frames, tables, facts: Facts) -> list[Problem]:
    """The facts point at rows that exist: the chairmanship at a dated row, each source_id at a source."""
    file, problems = "datapackage.json", []
    if chairmanship_period(frames["chairmanships"], facts) is None:
        reason = (
            f"{FACTS_KEY}.chairmanship is {facts.chairmanship!r}, which is not a chair_id of chairmanships.csv with "
            "a start_date and an end_date: correct the chair_id, or the row's dates."
        )
        problems.append(Problem(file, facts.lines.get("chairmanship"), None, reason, "descriptor-facts"))
    known = set(frames["sources"]["source_id"].astype("str"))
    for name, source in facts.source_ids.items():
        if source not in known:
            reason = f"{FACTS_KEY}.{name} cites source_id {source!r}, which is not in sources.csv: add the source."
            problems.append(Problem(file, facts.lines.get(name), None, reason, "descriptor-facts"))
    return problems


def __getattr__(name: str) -> Any:
    # The facts of the data namlib reads (NAMLIB_DATA or the shipped copy) under their old names,
    # read on first use (PEP 562).
    if name in ("PARTY_ORIGINS", "NOT_UN_MEMBERS", "CHAIRMANSHIP"):
        facts = facts_in(data_dir())
        if name == "PARTY_ORIGINS":
            return facts.party_origins
        if name == "NOT_UN_MEMBERS":
            return dict(facts.not_un_members)
        period = chairmanship_period(load("chairmanships"), facts)
        if period is None:
            raise DataError(
                f"{FACTS_KEY}.chairmanship ({facts.chairmanship!r}) is not a dated row of chairmanships.csv: "
                "python -m namlib validate says what to correct.",
                file=str(data_dir() / "datapackage.json"),
            )
        return period
    raise AttributeError(f"module 'namlib.validation.rules' has no attribute {name!r}")
