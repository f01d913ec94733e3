"""Domain checks on UN membership: un_members is consistent, joins NAM on iso3 and reproduces the UN totals."""

from __future__ import annotations

import pandas as pd

from namlib.membership import _un_members_on
from namlib.validation.history import _at
from namlib.validation.report import Problem
from namlib.validation.rules import ISO3


def _check_un_members(frames, tables, facts) -> list[Problem]:
    """un_members: iso3 unique and three capitals; a gap has both ends and lies inside the membership;
    continues names a row that ended the day this one began."""
    un = frames.get("un_members")
    if un is None:
        return []
    problems = []
    codes = un["iso3"].astype("str")
    for pos in un.index[codes.duplicated(keep="first").to_numpy()]:
        reason = f"{codes[pos]!r} is used by another row too: one row per state, keyed by iso3."
        problems.append(_at("un_members", pos, "iso3", reason, "un-members"))
    for pos in un.index[un["iso3"].notna().to_numpy() & ~codes.map(lambda c: bool(ISO3.match(c))).to_numpy()]:
        reason = f"{codes[pos]!r} is not an iso3 code: three capital letters, as in members.csv (e.g. YUG, EGY)."
        problems.append(_at("un_members", pos, "iso3", reason, "un-members"))
    one_end = un["gap_start"].isna() != un["gap_end"].isna()
    for pos in un.index[one_end.to_numpy()]:
        reason = f"{codes[pos]}: a gap needs both gap_start and gap_end."
        problems.append(_at("un_members", pos, "gap_end", reason, "un-members"))
    outside = (un["gap_start"] <= un["admitted"]) | (un["gap_end"] >= un["left"])
    for pos in un.index[outside.fillna(False).to_numpy()]:
        reason = f"{codes[pos]}: the gap must lie inside the membership, after admitted and before left."
        problems.append(_at("un_members", pos, "gap_start", reason, "un-members"))
    by_code = un.set_index(codes)
    for pos in un.index[un["continues"].notna().to_numpy()]:
        before = str(un.at[pos, "continues"])
        if before not in by_code.index or before == codes[pos]:
            reason = f"{codes[pos]} continues {before!r}, which is not another row of un_members."
            problems.append(_at("un_members", pos, "continues", reason, "un-members"))
            continue
        ended = by_code.loc[before, "left"]
        if isinstance(ended, pd.Series):
            ended = ended.iloc[0]
        if pd.isna(ended) or ended != un.at[pos, "admitted"]:
            shown = "has no left date" if pd.isna(ended) else f"left on {ended:%Y-%m-%d}"
            reason = (
                f"{codes[pos]} continues {before}'s seat from {un.at[pos, 'admitted']:%Y-%m-%d}, but {before} {shown}: "
                "the predecessor's left must be the day the successor's row starts, or the seat is counted twice."
            )
            problems.append(_at("un_members", pos, "admitted", reason, "un-members"))
    return problems


def _check_members_in_un(frames, tables, facts) -> list[Problem]:
    """Every state in members.csv is in un_members (same iso3), unless it is not a UN member state at all
    (``facts.not_un_members``: datapackage.json, namlib.not_un_members)."""
    un, members = frames.get("un_members"), frames["members"]
    if un is None:
        return []
    known = set(un["iso3"].dropna().astype("str"))
    problems = []
    codes = members["iso3"]
    missing = codes.notna() & ~codes.astype("str").isin(known | set(facts.not_un_members))
    for pos in members.index[missing.to_numpy()]:
        reason = (
            f"{members.at[pos, 'name']} ({codes[pos]}) has no row in un_members.csv: add its UN membership, correct "
            "the code, or, if it is not a UN member state, add it to namlib.not_un_members in datapackage.json, with "
            "its source."
        )
        problems.append(_at("members", pos, "iso3", reason, "members-in-un"))
    return problems


def _un_stated(frames) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The un_counts rows with what un_members gives at each date (column ``found``): reproduced, and not."""
    stated, un = frames.get("un_counts"), frames.get("un_members")
    if stated is None or un is None or stated.empty:
        empty = pd.DataFrame(columns=["date", "count", "found"])
        return empty, empty
    stated = stated.copy()
    precision = stated["date_precision"].astype("str")
    day = stated["date"].where(precision == "day")
    day = day.fillna((stated["date"] + pd.offsets.MonthEnd(0)).where(precision == "month"))
    day = day.fillna(stated["date"] + pd.offsets.YearEnd(0))
    stated["compared_on"] = day
    stated["found"] = _un_members_on(un, day).sum(axis=1)
    reproduced = stated["reproduced"].fillna(True).astype(bool)
    return stated[reproduced], stated[~reproduced]


def _check_un_counts(frames, tables, facts) -> list[Problem]:
    """Every UN total marked reproduced = true is what un_members gives at its date."""
    checked, _ = _un_stated(frames)
    problems = []
    for pos, row in checked.iterrows():
        if int(row["found"]) != row["count"]:
            reason = (
                f"{row['source_id']} gives {row['count']} UN member states on {row['compared_on']:%Y-%m-%d}, "
                f"but un_members.csv gives {int(row['found'])}."
            )
            problems.append(_at("un_counts", pos, "count", reason, "un-counts"))
    return problems


def _un_count_gaps(frames, tables, facts) -> list[Problem]:
    """The UN totals marked reproduced = false: known gaps, listed in the report, never failures."""
    _, gaps = _un_stated(frames)
    found = []
    for pos, row in gaps.iterrows():
        reason = (
            f"{row['compared_on']:%Y-%m-%d}: {row['source_id']} gives {row['count']} UN member states, "
            f"un_members.csv gives {int(row['found'])} (see notes)."
        )
        found.append(_at("un_counts", pos, "count", reason, "un-counts-gap"))
    return found
