"""Domain checks on the history: dates run forwards, summits and chairs follow each other, counts reproduce."""

from __future__ import annotations

from collections.abc import Hashable
from typing import SupportsInt, cast

import pandas as pd

from namlib.membership import membership_by_year
from namlib.validation.report import Problem


def _at(table: str, pos: Hashable, field: str | None, reason: str, check: str) -> Problem:
    """A problem in the data row labelled ``pos`` of ``table``.csv (the header is line 1).

    The tables keep the 0, 1, 2, ... labels they were read with, so a label is a position.
    """
    return Problem(f"{table}.csv", int(cast("SupportsInt", pos)) + 2, field, reason, check)


def _check_dates_forward(frames, tables, facts) -> list[Problem]:
    problems = []
    for name, start, end in (
        ("summits", "start_date", "end_date"),
        ("events", "start_date", "end_date"),
        ("chairmanships", "start_date", "end_date"),
        ("un_members", "admitted", "left"),
        ("un_members", "gap_start", "gap_end"),
    ):
        if name not in frames:
            continue
        frame = frames[name]
        bad = (frame[end] < frame[start]).fillna(False)
        for pos in frame.index[bad]:
            reason = f"{end} {frame.at[pos, end]:%Y-%m-%d} is before {start} {frame.at[pos, start]:%Y-%m-%d}."
            problems.append(_at(name, pos, end, reason, "dates-forward"))
    return problems


def _check_summit_numbers(frames, tables, facts) -> list[Problem]:
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


def _check_chair_periods(frames, tables, facts) -> list[Problem]:
    """Each chair starts the day the previous one ended, from the first chair on (1961).

    The table holds every chair since Belgrade, so every handover is checked; a cut-off at
    1998, older than the table's rows and never explained, was dropped.
    """
    chairs = frames["chairmanships"].sort_values("start_date")
    problems = [
        _at("chairmanships", pos, "end_date", "Only the current (latest) chair may have no end date.", "chair-periods")
        for pos in chairs.index[chairs["end_date"].isna()]
        if pos != chairs.index[-1]
    ]
    before = chairs.shift()  # the previous chair, on each row
    gap = (chairs["start_date"] - before["end_date"]).dt.days
    for pos in chairs.index[gap.notna() & (gap != 0)]:
        days, who = int(gap[pos]), f"{before.at[pos, 'chair']} ({before.at[pos, 'country']})"
        reason = f"Gap of {days} days after {who}." if days > 0 else f"Overlaps {who} by {-days} days."
        problems.append(_at("chairmanships", pos, "start_date", reason, "chair-periods"))
    return problems


def _stated_counts(frames) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The member_counts rows with what members.csv gives for the same year and status (column ``found``)."""
    members, stated = frames["members"], frames["member_counts"].copy()
    if stated.empty:
        stated["found"] = pd.Series(dtype="Int64")
        return stated, stated
    counted = membership_by_year(int(stated["year"].min()), int(stated["year"].max()), members).set_index("year")
    found = [counted.at[int(y), str(s)] for y, s in zip(stated["year"], stated["status"], strict=True)]
    stated["found"] = [int(cast("SupportsInt", n)) for n in found]
    reproduced = stated["reproduced"].fillna(True) if "reproduced" in stated else pd.Series(True, index=stated.index)
    return stated[reproduced.astype(bool)], stated[~reproduced.astype(bool)]


def _check_member_counts(frames, tables, facts) -> list[Problem]:
    """Every count marked reproduced = true is what members.csv gives for that year and status."""
    checked, _ = _stated_counts(frames)
    problems = []
    for pos, row in checked.iterrows():
        year, status, found = int(row["year"]), str(row["status"]), int(row["found"])
        if found != row["count"]:
            reason = f"{row['source_id']} gives {row['count']} {status} rows in {year}, but members.csv gives {found}."
            problems.append(_at("member_counts", pos, "count", reason, "member-counts"))
    return problems


def _member_count_gaps(frames, tables, facts) -> list[Problem]:
    """The counts marked reproduced = false: known gaps, listed in the report, never failures."""
    _, gaps = _stated_counts(frames)
    found = []
    for pos, row in gaps.iterrows():
        summit = f", summit {row['summit_number']}" if "summit_number" in row and pd.notna(row["summit_number"]) else ""
        reason = (
            f"{int(row['year'])}{summit}: {row['source_id']} gives {row['count']} {row['status']} rows, "
            f"members.csv gives {row['found']} (see notes)."
        )
        found.append(_at("member_counts", pos, "count", reason, "member-counts-gap"))
    return found
