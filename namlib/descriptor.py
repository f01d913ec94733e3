"""``datapackage.json``: the tables, their fields and keys, read and checked before any CSV is.

Example:
    >>> from namlib.loading import data_dir
    >>> tables = tables_in(data_dir())
    >>> tables["summits"].primary_key
    ('number',)
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

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
