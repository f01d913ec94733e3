"""Balance: no row about the Armenia-Azerbaijan dispute rests on one party's sources alone; shares by origin."""

from __future__ import annotations

import pandas as pd

from namlib.descriptor import Facts
from namlib.validation.history import _at
from namlib.validation.links import _sources_of_rows
from namlib.validation.report import Balance, Problem
from namlib.validation.rules import chairmanship_period


def _check_conflict_balance(frames, tables, facts: Facts) -> list[Problem]:
    """A row with conflict = true needs, among its source_id and its row_sources, a source not of either party
    (``facts.party_origins``: datapackage.json, namlib.party_origins)."""
    sources = frames["sources"]
    if "origin" not in sources:
        return []
    origin = dict(zip(sources["source_id"].astype("str"), sources["origin"].astype("str"), strict=True))
    problems = []
    for table in ("events", "documents"):
        frame = frames[table]
        if "conflict" not in frame:
            continue
        flagged = frame["conflict"].fillna(False).astype(bool)
        cited = _sources_of_rows(frames, tables, table)
        for pos in frame.index[flagged.to_numpy()]:
            ids = sorted(cited[pos])
            if any(origin.get(i) not in facts.party_origins for i in ids):
                continue
            key = tables[table].primary_key[0]
            listed = ", ".join(f"{i} ({origin.get(i, 'unknown source')})" for i in ids)
            reason = (
                f"{frame.at[pos, key]} is about the Armenia-Azerbaijan dispute (conflict = true) but rests only on "
                f"party sources: {listed}. Add a source whose origin is not a party's, as its source_id or in "
                "row_sources.csv."
            )
            problems.append(_at(table, pos, "source_id", reason, "conflict-balance"))
    return problems


def _citing_tables(tables) -> list[str]:
    """The tables whose rows cite a source through a ``source_id`` column (row_sources, a list of links, aside)."""
    return [
        name
        for name, table in tables.items()
        if name != "row_sources"
        and any(fk["fields"] == "source_id" and fk["reference"]["resource"] == "sources" for fk in table.foreign_keys)
    ]


def _balance(frames, tables, facts: Facts) -> Balance | None:
    """Rows per origin of their own source_id: every table with a source_id, and the chairmanship's events
    and documents (a document without a date takes its event's start date; the chairmanship's dates are
    its row's in chairmanships, ``facts.chairmanship``)."""
    sources = frames["sources"]
    if "origin" not in sources:
        return None
    origins = tuple(next(f for f in tables["sources"].fields if f.name == "origin").enum or ())
    origin = dict(zip(sources["source_id"].astype("str"), sources["origin"].astype("str"), strict=True))
    cited = [frames[name]["source_id"].astype("str") for name in _citing_tables(tables)]
    counts = {"all": pd.concat(cited).map(origin).value_counts()}
    period = chairmanship_period(frames["chairmanships"], facts)
    if period is None:  # the descriptor-facts check reports it
        return Balance(origins, {"all": {o: int(counts["all"].get(o, 0)) for o in origins}})
    start, end = period
    events, documents = frames["events"], frames["documents"]
    event_day = dict(zip(events["event_id"].astype("str"), events["start_date"], strict=True))
    document_day = documents["date"].fillna(documents["event_id"].astype("str").map(event_day))
    in_term = pd.concat(
        [
            events.loc[events["start_date"].between(start, end), "source_id"],
            documents.loc[document_day.between(start, end).to_numpy(), "source_id"],
        ]
    ).astype("str")
    counts["chairmanship"] = in_term.map(origin).value_counts()
    return Balance(origins, {scope: {o: int(c.get(o, 0)) for o in origins} for scope, c in counts.items()}, period)
