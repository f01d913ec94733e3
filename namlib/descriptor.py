"""``datapackage.json``: the tables, their fields and keys, read and checked before any CSV is;
and the dataset's facts that no table holds (its ``"namlib"`` object, :func:`facts_in`).

Example:
    >>> from namlib.loading import data_dir
    >>> tables = tables_in(data_dir())
    >>> tables["summits"].primary_key
    ('number',)
    >>> facts_in(data_dir()).reference_date
    datetime.date(2025, 12, 31)
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from namlib.errors import DataError


@dataclass(frozen=True, eq=False)
class Field:
    """One column of a table, as the schema describes it."""

    name: str
    type: str
    description: str
    required: bool
    enum: tuple[str, ...] | None
    constraints: dict


@dataclass(frozen=True, eq=False)
class Table:
    """One table (a Frictionless resource): its file, fields and keys."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict, ...]


def _read_descriptor(folder: Path) -> dict:
    path = folder / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise DataError(f"No datapackage.json in {folder}.", file=str(path)) from None
    except json.JSONDecodeError as err:
        raise DataError(f"datapackage.json is not valid JSON: {err.msg}", file=str(path), line=err.lineno) from None


# The field types of the Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/).
TABLE_SCHEMA_TYPES = (
    "string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime",
    "year", "yearmonth", "duration", "geopoint", "geojson", "any",
)  # fmt: skip


def _json_line(text: str, *needles: str) -> int | None:
    """The line of ``text`` where the needles are found one after the other (for messages)."""
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return None
        position = found
    return text.count("\n", 0, position) + 1


def _check_descriptor(descriptor: dict, folder: Path) -> None:
    """Refuse a descriptor whose resources or fields are not what the Table Schema allows.

    A mistyped field type (``"dat"`` for ``"date"``) would otherwise load that column as
    text without a word. Names the field and the line of datapackage.json, cause first.
    """
    file = "datapackage.json"
    text = (folder / file).read_text(encoding="utf-8-sig")
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        raise DataError('datapackage.json lists no resources: it needs a "resources" list.', file=file)
    for number, res in enumerate(resources, start=1):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not isinstance(res.get("path"), str):
            raise DataError(f'resource {number} needs a "name" and a "path" (the CSV file).', file=file)
        fields = res.get("schema", {}).get("fields", [])
        for f in fields:
            name = f.get("name") if isinstance(f, dict) else None
            if not isinstance(name, str):
                line = _json_line(text, f'"name": "{res["name"]}"', '"fields"')
                raise DataError(f'a field of table {res["name"]} has no "name".', file=file, line=line)
            kind = f.get("type", "string")
            if kind not in TABLE_SCHEMA_TYPES:
                close = difflib.get_close_matches(str(kind), TABLE_SCHEMA_TYPES, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                line = _json_line(text, f'"name": "{res["name"]}"', f'"name": "{name}"', '"type"')
                raise DataError(
                    f"the type {kind!r} of field {name} in table {res['name']} is not a Table Schema type.{hint} "
                    f"The types are: {', '.join(TABLE_SCHEMA_TYPES)}.",
                    file=file,
                    line=line,
                    field=name,
                )


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def tables_in(folder: Path) -> dict[str, Table]:
    """Parse the descriptor in ``folder`` into :class:`Table` objects, by name."""
    descriptor = _read_descriptor(folder)
    _check_descriptor(descriptor, folder)
    tables = {}
    for res in descriptor.get("resources", []):
        schema = res.get("schema", {})
        fields = tuple(
            Field(
                name=f["name"],
                type=f.get("type", "string"),
                description=f.get("description", ""),
                required=bool(f.get("constraints", {}).get("required", False)),
                enum=tuple(f["constraints"]["enum"]) if "enum" in f.get("constraints", {}) else None,
                constraints=f.get("constraints", {}),
            )
            for f in schema.get("fields", [])
        )
        tables[res["name"]] = Table(
            name=res["name"],
            path=res["path"],
            title=res.get("title", res["name"]),
            description=res.get("description", ""),
            fields=fields,
            primary_key=_as_tuple(schema.get("primaryKey")),
            foreign_keys=tuple(schema.get("foreignKeys", [])),
        )
    return tables


# --------------------------------------------------------------------------- the dataset's facts

#: The custom property of datapackage.json that holds the facts (data/README.md describes each).
FACTS_KEY = "namlib"


@dataclass(frozen=True, eq=False)
class Facts:
    """What namlib's code needs to know about the dataset and no table holds: datapackage.json's
    ``"namlib"`` object. Each property there is ``{"value": ..., "description": ...}``, with a
    ``source_id`` (a row of sources.csv) when it is a historical fact.

    Example:
        >>> from namlib.loading import data_dir
        >>> facts = facts_in(data_dir())
        >>> facts.chairmanship, facts.observers_known_from
        ('AZE-2019', 2011)
        >>> sorted(facts.not_un_members)
        ['PSE', 'VAT']
    """

    reference_date: date  # the "as of" date: an open term (the current chair) runs to here
    chairmanship: str  # the chair_id of the chairmanship the dataset is about; its dates are that row's
    party_origins: frozenset[str]  # the values of sources.origin that speak for a party to the dispute
    not_un_members: dict[str, str]  # iso3 -> name: NAM states that are not UN member states
    observers_known_from: int  # before this year, a spell with no known start is left out (unknown)
    source_ids: dict[str, str]  # property -> its source_id, for the facts that are history
    lines: dict[str, int | None]  # property -> its line in datapackage.json (for messages)


def _as_date(value: Any) -> date:
    if not isinstance(value, str):
        raise TypeError
    return date.fromisoformat(value)


def _as_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError
    return value


def _as_texts(value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not value:
        raise TypeError
    return frozenset(_as_text(v) for v in value)


def _as_names(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError
    return {_as_text(k): _as_text(v) for k, v in value.items()}


def _as_year(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError
    return value


#: Each property of the "namlib" object: what its value must be (for messages) and how it is read.
FACT_TYPES: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "reference_date": ('a date written YYYY-MM-DD, such as "2025-12-31"', _as_date),
    "chairmanship": ('a chair_id of chairmanships.csv, such as "AZE-2019"', _as_text),
    "party_origins": ('a list of values of sources.origin, such as ["party_media_armenia"]', _as_texts),
    "not_un_members": ('an object of iso3 codes and names, such as {"PSE": "Palestine"}', _as_names),
    "observers_known_from": ("a year, such as 2011 (a number, without quotes)", _as_year),
}


def facts_in(folder: Path) -> Facts:
    """The facts in ``folder``'s datapackage.json (read again only when the file changes).

    A missing or ill-typed property raises a :class:`DataError` naming the file, the property
    and what its value must be.
    """
    path = folder / "datapackage.json"
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    return _facts_cached(str(folder), stamp)


@lru_cache(maxsize=8)
def _facts_cached(folder: str, stamp: int) -> Facts:
    return _read_facts(Path(folder))


def _read_facts(folder: Path) -> Facts:
    file = str(folder / "datapackage.json")
    descriptor = _read_descriptor(folder)
    text = (folder / "datapackage.json").read_text(encoding="utf-8-sig")
    found = descriptor.get(FACTS_KEY)
    if not isinstance(found, dict):
        raise DataError(
            f'datapackage.json has no "{FACTS_KEY}" object, which holds the dataset\'s facts that no table holds '
            f"({', '.join(FACT_TYPES)}): add it (data/README.md describes each property).",
            file=file,
        )
    values, sources, lines = {}, {}, {}
    for name, (what, read) in FACT_TYPES.items():
        entry = found.get(name)
        lines[name] = _json_line(text, f'"{FACTS_KEY}"', f'"{name}"')
        if not isinstance(entry, dict) or "value" not in entry:
            raise DataError(
                f'{FACTS_KEY}.{name} is missing: the "{FACTS_KEY}" object needs "{name}": {{"value": ..., '
                f'"description": ...}}, its value {what} (data/README.md describes it).',
                file=file,
                line=lines[name] or _json_line(text, f'"{FACTS_KEY}"'),
            )
        try:
            values[name] = read(entry["value"])
        except (TypeError, ValueError):
            raise DataError(
                f"the value of {FACTS_KEY}.{name} is {entry['value']!r}; it must be {what}.",
                file=file,
                line=lines[name],
            ) from None
        if isinstance(entry.get("source_id"), str):
            sources[name] = entry["source_id"]
    _check_party_origins(values["party_origins"], folder, file, lines["party_origins"])
    return Facts(**values, source_ids=sources, lines=lines)


def _check_party_origins(origins: frozenset[str], folder: Path, file: str, line: int | None) -> None:
    """Refuse a party origin the schema does not allow: a typo would let one-sided rows pass the balance check."""
    sources = tables_in(folder).get("sources")
    field = next((f for f in sources.fields if f.name == "origin"), None) if sources else None
    allowed = list(field.enum or ()) if field else []
    unknown = sorted(origins - set(allowed))
    if unknown:
        raise DataError(
            f"{FACTS_KEY}.party_origins names {', '.join(map(repr, unknown))}, which sources.origin does not allow. "
            f"The allowed values are: {', '.join(allowed) or 'none (sources has no origin field with an enum)'}.",
            file=file,
            line=line,
        )
