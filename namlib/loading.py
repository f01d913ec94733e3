"""Load the dataset's tables as typed pandas DataFrames.

The tables and their types are described once, in ``datapackage.json`` (a
Frictionless Data Package). This module reads that descriptor and turns each
CSV into a DataFrame whose columns have the types the schema gives them:

* ``date`` fields become ``datetime64`` columns,
* ``integer`` and ``year`` fields become nullable ``Int64`` columns,
* fields with an ``enum`` constraint become ordered categoricals,
* other text fields become strings.

Example:
    >>> import namlib
    >>> summits = namlib.load("summits")
    >>> summits.loc[summits["number"] == 1, "city"].item()
    'Belgrade'
    >>> str(summits["start_date"].dtype)
    'datetime64[ns]'
"""

from __future__ import annotations

import csv
import difflib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from namlib.errors import DataError, UnknownTableError

DATA_ENV = "NAMLIB_DATA"


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the folder that holds ``datapackage.json`` and the CSV files.

    The default is the copy shipped inside the package. Pass ``path`` (or set the
    environment variable ``NAMLIB_DATA``) to read another copy, for example a
    folder where you are editing the data.

    Example:
        >>> (data_dir() / "datapackage.json").is_file()
        True
    """
    if path is None:
        path = os.environ.get(DATA_ENV) or None
    if path is not None:
        folder = Path(path)
        if folder.is_file():
            folder = folder.parent
        return folder
    return Path(str(resources.files("namlib.data")))


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
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"No datapackage.json in {folder}.", file=str(path)) from None
    except json.JSONDecodeError as err:
        raise DataError(f"datapackage.json is not valid JSON: {err.msg}", file=str(path), line=err.lineno) from None


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def tables_in(folder: Path) -> dict[str, Table]:
    """Parse the descriptor in ``folder`` into :class:`Table` objects, by name."""
    descriptor = _read_descriptor(folder)
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


def _tables(path: str | os.PathLike | None = None) -> dict[str, Table]:
    folder = data_dir(path)
    stamp = (folder / "datapackage.json").stat().st_mtime_ns if (folder / "datapackage.json").exists() else 0
    return _tables_cached(str(folder), stamp)


@lru_cache(maxsize=8)
def _tables_cached(folder: str, stamp: int) -> dict[str, Table]:
    return tables_in(Path(folder))


def resolve_name(name: str, path: str | os.PathLike | None = None) -> str:
    """Return the table name meant by ``name``, or raise a helpful error.

    Case, spaces, hyphens and a missing or extra plural ``s`` are forgiven.

    Example:
        >>> resolve_name("Summit")
        'summits'
        >>> resolve_name("un resolutions")
        'un_resolutions'
    """
    tables = _tables(path)
    if not isinstance(name, str):
        raise UnknownTableError(
            f"A table name is a string, such as 'summits'; you gave {type(name).__name__} {name!r}.",
            choices=sorted(tables),
        )
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    for candidate in (key, key + "s", key.removesuffix("s"), key.removesuffix(".csv")):
        if candidate in tables:
            return candidate
    close = difflib.get_close_matches(key, list(tables), n=1, cutoff=0.5)
    raise UnknownTableError(
        f"There is no table called {name!r}.",
        choices=sorted(tables),
        suggestion=close[0] if close else None,
    )


def list_tables(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """List the tables with their titles, sizes and descriptions.

    Example:
        >>> tables = list_tables()
        >>> "summits" in set(tables["table"])
        True
    """
    rows = []
    for table in _tables(path).values():
        frame = load(table.name, path=path)
        rows.append(
            {
                "table": table.name,
                "title": table.title,
                "rows": len(frame),
                "columns": frame.shape[1],
                "description": table.description,
            }
        )
    return pd.DataFrame(rows)


def describe(name: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Describe the fields of one table: type, whether required, allowed values, meaning.

    Example:
        >>> fields = describe("summits")
        >>> fields.loc[fields["field"] == "number", "type"].item()
        'integer'
    """
    table = _tables(path)[resolve_name(name, path)]
    rows = []
    for f in table.fields:
        allowed = ", ".join(f.enum) if f.enum else ""
        rows.append(
            {
                "field": f.name,
                "type": f.type,
                "required": f.required,
                "allowed values": allowed,
                "description": f.description,
            }
        )
    frame = pd.DataFrame(rows)
    frame.attrs = {"table": table.name, "title": table.title, "description": table.description}
    return frame


def load(name: str, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load one table as a typed DataFrame.

    ``df.attrs`` holds the table's title and description and each field's
    description (``df.attrs["fields"]["start_date"]``). Each call returns a fresh
    copy, so changing it never changes what the next call returns.

    Example:
        >>> members = load("members")
        >>> members["status"].cat.categories.tolist()
        ['member', 'observer_state', 'observer_organization']
    """
    tables = _tables(path)
    table = tables[resolve_name(name, path)]
    file = data_dir(path) / table.path
    stamp = file.stat().st_mtime_ns if file.exists() else 0
    return _load_cached(str(file), stamp, table).copy()


@lru_cache(maxsize=64)
def _load_cached(file: str, stamp: int, table: Table) -> pd.DataFrame:
    raw = _read_raw(Path(file), table)
    frame = pd.DataFrame({f.name: _convert(raw[f.name], f, Path(file).name) for f in table.fields})
    frame.attrs = {
        "table": table.name,
        "title": table.title,
        "description": table.description,
        "fields": {f.name: f.description for f in table.fields},
        "primary_key": list(table.primary_key),
    }
    return frame


def _read_raw(file: Path, table: Table) -> pd.DataFrame:
    """Read every cell as text, checking the header against the schema."""
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, strict=True))
    except FileNotFoundError:
        raise DataError("The file is missing.", file=file.name) from None
    except UnicodeDecodeError as err:
        raise DataError(f"The file is not UTF-8 text ({err.reason}).", file=file.name) from None
    except csv.Error as err:
        raise DataError(f"The file is not valid CSV: {err}.", file=file.name) from None
    if not rows:
        raise DataError("The file is empty: it needs at least the header row.", file=file.name, line=1)
    header, body = rows[0], rows[1:]
    expected = [f.name for f in table.fields]
    for name in expected:
        if name not in header:
            raise DataError(f"The header has no column {name!r}.", file=file.name, line=1, field=name)
    for name in header:
        if name not in expected:
            raise DataError(
                f"The header has a column {name!r} that the schema does not describe.",
                file=file.name,
                line=1,
                field=name,
            )
    width = len(header)
    for number, row in enumerate(body, start=2):
        if len(row) != width:
            raise DataError(f"The row has {len(row)} cells; the header has {width}.", file=file.name, line=number)
    frame = pd.DataFrame(body, columns=header, dtype=object)
    frame.index = range(2, len(body) + 2)  # line numbers in the file, for messages
    return frame.replace("", None)


_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}


def _convert(column: pd.Series, field: Field, file: str) -> pd.Series:
    """Convert one text column to its schema type, naming the first bad cell."""
    present = column.notna()
    if field.required and not present.all():
        line = int(column.index[~present][0])
        raise DataError("A required value is empty.", file=file, line=line, field=field.name)
    if field.enum is not None:
        bad = present & ~column.isin(field.enum)
        _raise_first(bad, column, file, field, f"is not one of the allowed values: {', '.join(field.enum)}")
        converted = pd.Categorical(column, categories=list(field.enum), ordered=True)
        return pd.Series(converted, index=column.index, name=field.name).reset_index(drop=True)
    if field.type == "date":
        converted = pd.to_datetime(column, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")
        _raise_first(present & converted.isna(), column, file, field, "is not a date written YYYY-MM-DD")
    elif field.type in ("integer", "year"):
        numeric = pd.to_numeric(column, errors="coerce")
        bad = present & (numeric.isna() | (numeric % 1 != 0))
        _raise_first(bad, column, file, field, "is not a whole number")
        converted = numeric.astype("Int64")
    elif field.type == "number":
        converted = pd.to_numeric(column, errors="coerce")
        _raise_first(present & converted.isna(), column, file, field, "is not a number")
        converted = converted.astype("Float64")
    elif field.type == "boolean":
        bad = present & ~column.isin(_TRUE | _FALSE)
        _raise_first(bad, column, file, field, "is not true or false")
        converted = column.map(lambda v: None if v is None else v in _TRUE).astype("boolean")
    else:
        converted = column.astype("str")  # missing cells stay missing (NaN), never the text "None"
    return converted.rename(field.name).reset_index(drop=True)


def _raise_first(bad: pd.Series, column: pd.Series, file: str, field: Field, reason: str) -> None:
    if bad.any():
        line = int(bad.index[bad.to_numpy()][0])
        raise DataError(f"{column[line]!r} {reason}.", file=file, line=line, field=field.name)


def table_names(path: str | os.PathLike | None = None) -> list[str]:
    """The names of the tables, in the order of the descriptor.

    Example:
        >>> table_names()[:2]
        ['sources', 'principles']
    """
    return list(_tables(path))


def _shortcut(name: str):
    def loader(path: str | os.PathLike | None = None) -> pd.DataFrame:
        return load(name, path=path)

    loader.__name__ = loader.__qualname__ = f"load_{name}"
    loader.__doc__ = f"""Load the ``{name}`` table (same as ``load("{name}")``).

    Example:
        >>> isinstance(load_{name}(), pd.DataFrame)
        True
    """
    return loader


# load_summits(), load_members(), ... one per table in the shipped descriptor.
SHORTCUTS = {f"load_{name}": _shortcut(name) for name in tables_in(data_dir())}
globals().update(SHORTCUTS)
