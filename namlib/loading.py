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
import io
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
        raise DataError("datapackage.json lists no resources: it needs a \"resources\" list.", file=file)
    for number, res in enumerate(resources, start=1):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not isinstance(res.get("path"), str):
            raise DataError(f"resource {number} needs a \"name\" and a \"path\" (the CSV file).", file=file)
        fields = res.get("schema", {}).get("fields", [])
        for f in fields:
            name = f.get("name") if isinstance(f, dict) else None
            if not isinstance(name, str):
                line = _json_line(text, f'"name": "{res["name"]}"', '"fields"')
                raise DataError(f"a field of table {res['name']} has no \"name\".", file=file, line=line)
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


class ReadableTable(pd.DataFrame):
    """A DataFrame shown with its text whole: left-aligned and wrapped, never cut at 50 characters.

    :func:`list_tables` and :func:`describe` return one, because their point is reading what
    each table and column means. Anything computed from it is a plain DataFrame again.

    Example:
        >>> table = describe("summits")
        >>> "…" in table._repr_html_() or "..." in repr(table)
        False
    """

    @property
    def _constructor(self):
        return pd.DataFrame

    def _text_columns(self) -> list:
        return [c for c in self.columns if self[c].dtype == object or pd.api.types.is_string_dtype(self[c].dtype)]

    def __repr__(self) -> str:
        left = {c: (lambda w: lambda v: f"{'' if v is None else v!s:<{w}}")(self[c].astype(str).str.len().max())
                for c in self._text_columns()}
        text = self.to_string(formatters=left, justify="left", max_colwidth=None)
        return "\n".join(line.rstrip() for line in text.splitlines())

    def _repr_html_(self) -> str:
        text = self._text_columns()
        styler = (
            pd.DataFrame(self).style.set_uuid("namlib-table")  # a fixed id: the same HTML on every run
            .set_properties(subset=text, **{"text-align": "left", "white-space": "normal", "max-width": "36em"})
            .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
        )
        return styler.to_html()


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
    return ReadableTable(rows)


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
    frame = ReadableTable(rows)
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


def read_rows(file: Path) -> list[list[str]]:
    """Every row of a CSV file as text. Raises :class:`DataError` naming the line, cause first.

    A byte-order mark (Excel's and LibreOffice's "CSV UTF-8") is accepted, as the
    Frictionless validator accepts it.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "t.csv").write_bytes(b"\\xef\\xbb\\xbfa,b\\n1,2\\n")
        >>> read_rows(folder / "t.csv")
        [['a', 'b'], ['1', '2']]
        >>> _ = (folder / "t.csv").write_bytes(b'a,b\\n1,"2\\n3,4\\n')
        >>> read_rows(folder / "t.csv")
        Traceback (most recent call last):
        ...
        namlib.errors.DataError: t.csv, line 2: A quote (") opens a cell that is never closed, ...
    """
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise DataError("The file is missing.", file=file.name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        byte = data[err.start : err.start + 1].hex().upper()
        raise DataError(
            f"A byte (0x{byte}) on this line is not UTF-8 text, so the file was saved in another encoding. "
            "Save it again as \"CSV UTF-8\" (Excel: File ▸ Save As ▸ CSV UTF-8; LibreOffice: character set "
            "Unicode (UTF-8)), or retype the character.",
            file=file.name,
            line=line,
        ) from None
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        start = reader.line_num + 1  # the line where the next record begins
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            rest = text.split("\n")[start - 1 :]
            unclosed = sum(line.count('"') for line in rest) % 2 == 1
            if unclosed or "end of data" in str(err) or "unexpected end" in str(err):
                raise DataError(
                    'A quote (") opens a cell that is never closed, so everything after it reads as one cell. '
                    "Close the quote at the end of that cell, or remove it; a quote inside a cell is written twice "
                    '(""), and the whole cell is then quoted.',
                    file=file.name,
                    line=start,
                ) from None
            raise DataError(
                f"This line is not valid CSV ({err}). A cell with a comma or a quote in it must be quoted, "
                'with quotes inside it written twice ("").',
                file=file.name,
                line=start,
            ) from None
        rows.append(row)
    return rows


def _read_raw(file: Path, table: Table) -> pd.DataFrame:
    """Read every cell as text, checking the header against the schema."""
    rows = read_rows(file)
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


def shortcut(name: str):
    """``load_summits()`` and the like: a function that loads one table (made on first use)."""

    def loader(path: str | os.PathLike | None = None) -> pd.DataFrame:
        return load(name, path=path)

    loader.__name__ = loader.__qualname__ = f"load_{name}"
    loader.__doc__ = f"""Load the ``{name}`` table (same as ``load("{name}")``)."""
    return loader


def __getattr__(attribute: str):
    # load_summits, load_members, ...: made when first asked for, so importing namlib never reads
    # the descriptor (a broken datapackage.json must not stop `python -m namlib validate`).
    if attribute.startswith("load_"):
        try:
            names = table_names()
        except DataError:
            names = []
        if attribute[5:] in names:
            return shortcut(attribute[5:])
    raise AttributeError(f"module 'namlib.loading' has no attribute {attribute!r}")
