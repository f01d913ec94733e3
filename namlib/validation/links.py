"""Domain checks on the links between tables: every pointer finds its row."""

from __future__ import annotations

import pandas as pd

from namlib.validation.history import _at
from namlib.validation.report import Problem
from namlib.validation.rules import KEY_SEPARATOR


def _check_summit_events(frames, tables, facts) -> list[Problem]:
    """Every summit has its event (``events.summit_number``), so timelines and merges find it."""
    summits, events = frames["summits"], frames["events"]
    numbers = set(events["summit_number"].dropna().astype(int))
    problems = []
    for pos, row in summits.iterrows():
        if int(row["number"]) not in numbers:
            reason = f"No row of events.csv has summit_number {row['number']} ({row['city']}): add the summit's event."
            problems.append(_at("summits", pos, "number", reason, "summit-events"))
    return problems


def _row_keys(frame: pd.DataFrame, key: tuple[str, ...]) -> pd.Series:
    """Each row's primary key as text; a composite key's values joined by ``|`` (as in row_sources.key)."""
    parts = [frame[column].astype("str") for column in key]
    text = parts[0]
    for part in parts[1:]:
        text = text + KEY_SEPARATOR + part
    return text


def _check_discrepancy_links(frames, tables, facts) -> list[Problem]:
    disc = frames["discrepancies"]
    problems = []
    for pos, row in disc.dropna(subset=["related_table"]).iterrows():
        table = str(row["related_table"])
        key = tables[table].primary_key
        if not key or pd.isna(row["related_key"]):
            continue
        if str(row["related_key"]) not in set(_row_keys(frames[table], key)):
            shown = KEY_SEPARATOR.join(key)
            reason = f"{table} has no row with {shown} = {row['related_key']!r}."
            problems.append(_at("discrepancies", pos, "related_key", reason, "discrepancy-links"))
    return problems


def _check_row_sources(frames, tables, facts) -> list[Problem]:
    """Every row of row_sources names a row that exists (its table and its key)."""
    links = frames.get("row_sources")
    if links is None or links.empty:
        return []
    problems = []
    known = {}
    for pos, row in links.iterrows():
        table = str(row["table"])
        if table not in known:
            known[table] = set(_row_keys(frames[table], tables[table].primary_key)) if table in frames else set()
        if str(row["key"]) not in known[table]:
            shown = KEY_SEPARATOR.join(tables[table].primary_key) if table in tables else "key"
            reason = f"{table} has no row with {shown} = {row['key']!r}: correct the key or add the row."
            problems.append(_at("row_sources", pos, "key", reason, "row-sources"))
    return problems


def _sources_of_rows(frames, tables, table: str) -> pd.Series:
    """For each row of ``table``: the set of its source ids, its own source_id and its row_sources."""
    frame = frames[table]
    own = frame["source_id"].astype("str")
    found = {pos: {own[pos]} for pos in frame.index}
    links = frames.get("row_sources")
    if links is not None and not links.empty:
        extra = links[links["table"].astype("str") == table]
        where = pd.Series(frame.index, index=_row_keys(frame, tables[table].primary_key))
        for _, link in extra.iterrows():
            if str(link["key"]) in where.index:
                found[where[str(link["key"])]].add(str(link["source_id"]))
    return pd.Series(found)


def _check_foreign_keys(frames, tables, facts) -> list[Problem]:
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
