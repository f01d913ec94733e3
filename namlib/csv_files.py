"""One CSV file of the dataset: its text, its rows and its typed columns, with messages that name
the file, the line and the field, the cause first.

Example:
    >>> from namlib.loading import data_dir
    >>> rows = read_rows(data_dir() / "summits.csv")
    >>> rows[0][:3]
    ['number', 'city', 'country']
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from namlib.descriptor import Field, Table
from namlib.errors import DataError


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
    return _parse_csv(_decode(data, file.name), file.name)


def _decode(data: bytes, name: str) -> str:
    """The file's text; a byte that is not UTF-8 is named with its line and what to do."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        byte = data[err.start : err.start + 1].hex().upper()
        raise DataError(
            f"A byte (0x{byte}) on this line is not UTF-8 text, so the file was saved in another encoding. "
            'Save it again as "CSV UTF-8" (Excel: File ▸ Save As ▸ CSV UTF-8; LibreOffice: character set '
            "Unicode (UTF-8)), or retype the character.",
            file=name,
            line=line,
        ) from None


def _parse_csv(text: str, name: str) -> list[list[str]]:
    """The rows of a CSV text; a broken record is named by the line where it begins."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1  # the line where the next record begins
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as err:
            rest = text.split("\n")[start - 1 :]
            unclosed = sum(line.count('"') for line in rest) % 2 == 1
            if unclosed or "end of data" in str(err) or "unexpected end" in str(err):
                raise DataError(
                    'A quote (") opens a cell that is never closed, so everything after it reads as one cell. '
                    "Close the quote at the end of that cell, or remove it; a quote inside a cell is written twice "
                    '(""), and the whole cell is then quoted.',
                    file=name,
                    line=start,
                ) from None
            raise DataError(
                f"This line is not valid CSV ({err}). A cell with a comma or a quote in it must be quoted, "
                'with quotes inside it written twice ("").',
                file=name,
                line=start,
            ) from None
        rows.append(row)


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
    # The index holds the line numbers in the file, for messages.
    frame = pd.DataFrame(body, columns=header, dtype=object, index=pd.RangeIndex(2, len(body) + 2))
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
    convert = _CONVERTERS.get(field.type, _to_text)
    return convert(column, present, field, file).rename(field.name).reset_index(drop=True)


def _to_date(column: pd.Series, present: pd.Series, field: Field, file: str) -> pd.Series:
    converted = pd.to_datetime(column, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")
    _raise_first(present & converted.isna(), column, file, field, "is not a date written YYYY-MM-DD")
    return converted


def _to_integer(column: pd.Series, present: pd.Series, field: Field, file: str) -> pd.Series:
    numeric = pd.to_numeric(column, errors="coerce")
    _raise_first(present & (numeric.isna() | (numeric % 1 != 0)), column, file, field, "is not a whole number")
    return numeric.astype("Int64")


def _to_number(column: pd.Series, present: pd.Series, field: Field, file: str) -> pd.Series:
    numeric = pd.to_numeric(column, errors="coerce")
    _raise_first(present & numeric.isna(), column, file, field, "is not a number")
    return numeric.astype("Float64")


def _to_boolean(column: pd.Series, present: pd.Series, field: Field, file: str) -> pd.Series:
    _raise_first(present & ~column.isin(_TRUE | _FALSE), column, file, field, "is not true or false")
    return column.map(lambda v: None if v is None else v in _TRUE).astype("boolean")


def _to_text(column: pd.Series, present: pd.Series, field: Field, file: str) -> pd.Series:
    return column.astype("str")  # missing cells stay missing (NaN), never the text "None"


# schema type -> converter from text; any other type (string) stays text
_CONVERTERS = {"date": _to_date, "integer": _to_integer, "year": _to_integer, "number": _to_number,
               "boolean": _to_boolean}  # fmt: skip


def _raise_first(bad: pd.Series, column: pd.Series, file: str, field: Field, reason: str) -> None:
    if bad.any():
        line = int(bad.index[bad.to_numpy()][0])
        raise DataError(f"{column[line]!r} {reason}.", file=file, line=line, field=field.name)
