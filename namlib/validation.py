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
   sources give (``un_counts`` rows marked ``reproduced``).

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
import re
from dataclasses import dataclass, field

import pandas as pd

from namlib.errors import NamlibError
from namlib.loading import _read_raw, _tables, data_dir, load
from namlib.membership import _un_members_on, membership_by_year

#: The origins (sources.origin) that speak for one of the two parties to the Armenia-Azerbaijan dispute.
PARTY_ORIGINS = frozenset(
    {"party_government_armenia", "party_government_azerbaijan", "party_media_armenia", "party_media_azerbaijan"}
)
#: Azerbaijan's chairmanship: from the Baku summit to the handover in Kampala (chairmanships AZE-2019).
CHAIRMANSHIP = (pd.Timestamp("2019-10-25"), pd.Timestamp("2024-01-19"))
#: NAM members and observers that are not UN member states: non-member observer states of the UN General
#: Assembly. Every other iso3 in members.csv must have a row in un_members.
NOT_UN_MEMBERS = {"PSE": "Palestine", "VAT": "Holy See (Vatican City)"}
#: Joins the values of a composite primary key in row_sources.key and discrepancies.related_key.
KEY_SEPARATOR = "|"


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
    gaps: list[Problem] = field(default_factory=list)  # known gaps: reported, not failures
    un_gaps: list[Problem] = field(default_factory=list)  # UN totals un_members does not reproduce: not failures
    balance: Balance | None = None  # share of rows per source origin

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_frame(self) -> pd.DataFrame:
        """The problems as a DataFrame (file, line, field, reason, check)."""
        return pd.DataFrame([p.__dict__ for p in self.problems], columns=["file", "line", "field", "reason", "check"])

    def __str__(self) -> str:
        if self.ok:
            lines = [f"The dataset is valid: {self.tables} tables, {self.rows} rows, {self.checks} checks passed."]
            if self.gaps:
                lines.append(
                    f"Known gaps, not failures: {len(self.gaps)} membership counts that members.csv does not "
                    "reproduce (reproduced = false):"
                )
                lines += [f"  {p}" for p in self.gaps]
            if self.un_gaps:
                lines.append(
                    f"Known gaps, not failures: {len(self.un_gaps)} UN membership totals that un_members.csv does not "
                    "reproduce (reproduced = false):"
                )
                lines += [f"  {p}" for p in self.un_gaps]
            if self.balance is not None:
                lines += self.balance.lines()
            return "\n".join(lines)
        lines = [f"The dataset has {len(self.problems)} problem(s):"]
        lines += [f"  {p}" for p in self.problems]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


@dataclass
class Balance:
    """Share of rows per source origin: for all rows that cite a source, and for the chairmanship years.

    A row counts under the origin of its own ``source_id`` (its main source). ``origins`` lists every
    value the schema allows, so a share of 0 is shown, not left out.

    Example:
        >>> balance = validate(schema=False).balance
        >>> sorted(balance.shares("chairmanship")) == sorted(balance.origins)
        True
    """

    origins: tuple[str, ...]
    counts: dict[str, dict[str, int]]  # scope ("all", "chairmanship") -> origin -> rows

    def total(self, scope: str = "all") -> int:
        return sum(self.counts[scope].values())

    def shares(self, scope: str = "all") -> dict[str, float]:
        """Origin -> share of the rows in ``scope`` ("all" or "chairmanship"); the shares add up to 1."""
        total = self.total(scope)
        return {o: (self.counts[scope][o] / total if total else 0.0) for o in self.origins}

    def to_frame(self) -> pd.DataFrame:
        """One row per origin: rows and share for all rows and for the chairmanship years."""
        frame = pd.DataFrame({"origin": list(self.origins)})
        for scope in self.counts:
            frame[f"rows_{scope}"] = [self.counts[scope][o] for o in self.origins]
            frame[f"share_{scope}"] = [self.shares(scope)[o] for o in self.origins]
        return frame

    def lines(self) -> list[str]:
        start, end = (f"{d:%Y-%m-%d}" for d in CHAIRMANSHIP)
        titles = {
            "all": f"Sources by origin, all {self.total('all')} rows with a source",
            "chairmanship": (
                f"Sources by origin, events and documents of the chairmanship, {start} to {end} "
                f"({self.total('chairmanship')} rows)"
            ),
        }
        out = []
        for scope, title in titles.items():
            shares = sorted(self.shares(scope).items(), key=lambda item: (-item[1], self.origins.index(item[0])))
            out.append(f"{title}: " + ", ".join(f"{origin} {share:.1%}" for origin, share in shares))
        return out


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
        report.gaps = _member_count_gaps(frames, tables)
        report.un_gaps = _un_count_gaps(frames, tables)
        report.balance = _balance(frames, tables)
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


def _stated_counts(frames) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The member_counts rows with what members.csv gives for the same year and status (column ``found``)."""
    members, stated = frames["members"], frames["member_counts"].copy()
    if stated.empty:
        stated["found"] = pd.Series(dtype="Int64")
        return stated, stated
    counted = membership_by_year(int(stated["year"].min()), int(stated["year"].max()), members).set_index("year")
    stated["found"] = [int(counted.at[int(y), str(s)]) for y, s in zip(stated["year"], stated["status"], strict=True)]
    reproduced = stated["reproduced"].fillna(True) if "reproduced" in stated else pd.Series(True, index=stated.index)
    return stated[reproduced.astype(bool)], stated[~reproduced.astype(bool)]


def _check_member_counts(frames, tables) -> list[Problem]:
    """Every count marked reproduced = true is what members.csv gives for that year and status."""
    checked, _ = _stated_counts(frames)
    problems = []
    for pos, row in checked.iterrows():
        year, status, found = int(row["year"]), str(row["status"]), int(row["found"])
        if found != row["count"]:
            reason = f"{row['source_id']} gives {row['count']} {status} rows in {year}, but members.csv gives {found}."
            problems.append(_at("member_counts", pos, "count", reason, "member-counts"))
    return problems


def _member_count_gaps(frames, tables) -> list[Problem]:
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


def _row_keys(frame: pd.DataFrame, key: tuple[str, ...]) -> pd.Series:
    """Each row's primary key as text; a composite key's values joined by ``|`` (as in row_sources.key)."""
    parts = [frame[column].astype("str") for column in key]
    text = parts[0]
    for part in parts[1:]:
        text = text + KEY_SEPARATOR + part
    return text


def _check_discrepancy_links(frames, tables) -> list[Problem]:
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


def _check_row_sources(frames, tables) -> list[Problem]:
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


def _check_conflict_balance(frames, tables) -> list[Problem]:
    """A row with conflict = true needs, among its source_id and its row_sources, a source not of either party."""
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
            if any(origin.get(i) not in PARTY_ORIGINS for i in ids):
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


def _balance(frames, tables) -> Balance | None:
    """Rows per origin of their own source_id: every table with a source_id, and the chairmanship's events
    and documents (a document without a date takes its event's start date)."""
    sources = frames["sources"]
    if "origin" not in sources:
        return None
    origins = tuple(next(f for f in tables["sources"].fields if f.name == "origin").enum or ())
    origin = dict(zip(sources["source_id"].astype("str"), sources["origin"].astype("str"), strict=True))
    cited = [frames[name]["source_id"].astype("str") for name in _citing_tables(tables)]
    counts = {"all": pd.concat(cited).map(origin).value_counts()}
    start, end = CHAIRMANSHIP
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
    return Balance(origins, {scope: {o: int(c.get(o, 0)) for o in origins} for scope, c in counts.items()})


ISO3 = re.compile(r"^[A-Z]{3}$")


def _check_un_members(frames, tables) -> list[Problem]:
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


def _check_members_in_un(frames, tables) -> list[Problem]:
    """Every state in members.csv is in un_members (same iso3), unless it is not a UN member state at all."""
    un, members = frames.get("un_members"), frames["members"]
    if un is None:
        return []
    known = set(un["iso3"].dropna().astype("str"))
    problems = []
    codes = members["iso3"]
    missing = codes.notna() & ~codes.astype("str").isin(known | set(NOT_UN_MEMBERS))
    for pos in members.index[missing.to_numpy()]:
        reason = (
            f"{members.at[pos, 'name']} ({codes[pos]}) has no row in un_members.csv: add its UN membership, correct "
            "the code, or, if it is not a UN member state, add it to validation.NOT_UN_MEMBERS."
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


def _check_un_counts(frames, tables) -> list[Problem]:
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


def _un_count_gaps(frames, tables) -> list[Problem]:
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
    _check_row_sources,
    _check_conflict_balance,
    _check_un_members,
    _check_members_in_un,
    _check_un_counts,
]
