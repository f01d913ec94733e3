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

import difflib
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from namlib.csv_files import _convert, _read_raw, read_rows
from namlib.descriptor import Field, Table, tables_in
from namlib.errors import DataError, UnknownTableError

__all__ = ["Field", "Table", "data_dir", "describe", "list_tables", "load", "read_rows", "table_names", "tables_in"]

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
        left = {
            c: (lambda w: lambda v: f"{'' if v is None else v!s:<{w}}")(self[c].astype(str).str.len().max())
            for c in self._text_columns()
        }
        text = self.to_string(formatters=left, justify="left", max_colwidth=None)
        return "\n".join(line.rstrip() for line in text.splitlines())

    def _repr_html_(self) -> str:
        text = self._text_columns()
        styler = (
            pd.DataFrame(self)
            .style.set_uuid("namlib-table")  # a fixed id: the same HTML on every run
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
