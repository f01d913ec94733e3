"""The ``frame`` kind: a pandas DataFrame, compared by :func:`~namlib.exercises.pandas_compare.compare_pandas`.

Bank fields: no ``answer`` (the ``solution`` computes it); ``ignore_index``,
``ignore_row_order``, ``ignore_column_order``, ``check_dtype``, ``check_names``. The shared
comparison and settings are :class:`~namlib.exercises.kinds.series.PandasKind`.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "frame", "title": "t", "question": "Table?",
    ...                        "solution": "answer = pd.DataFrame({'a': [1]})", "explanation": "e"})
    >>> kind = Frame(spec)
    >>> kind.explain(kind.read(pd.DataFrame({"b": [1]})), pd.DataFrame({"a": [1]}))[1]
    'Your table has the wrong columns: missing column: a; extra column (not in the answer): b.'
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.describe import article, plain, show
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds.base import Variant
from namlib.exercises.kinds.series import PandasKind, text_labels
from namlib.exercises.spec import ExerciseSpec


def as_frame(value: Any) -> pd.DataFrame:
    """A student's DataFrame (a Series, a list or a styled table get a message).

    Example:
        >>> as_frame([1])
        Traceback (most recent call last):
        ...
        namlib.exercises.errors.AnswerTypeError: Your answer is a list; this exercise expects
        a pandas DataFrame (a table).
    """
    if isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, pd.Series):
        raise AnswerTypeError(
            "Your answer is a Series (one column of values); this exercise expects a DataFrame (a table). "
            "Select columns with double brackets, df[['a', 'b']], or turn a Series into a table with "
            ".reset_index() or .to_frame()."
        )
    if type(value).__name__ == "Styler":
        raise AnswerTypeError("Your answer is a styled table (df.style...); give the DataFrame itself.")
    value = plain(value)
    if isinstance(value, list | tuple | dict | np.ndarray):
        raise AnswerTypeError(
            f"Your answer is {article(type(value).__name__)}; this exercise expects a pandas DataFrame (a table)."
        )
    raise AnswerTypeError(f"Your answer is {show(value)}; this exercise expects a pandas DataFrame (a table).")


class Frame(PandasKind):
    name = "frame"
    phrase_text = "a pandas DataFrame"

    def read(self, value: Any) -> Any:
        return as_frame(value)

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        f = value
        out: list[Variant] = []
        text_columns = [
            c
            for c in f.columns
            if isinstance(f[c].dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(f[c].dtype)
        ]
        if text_columns:
            out.append(("text columns as object", f.astype({c: object for c in text_columns})))
            out.append(("text columns as categorical", f.astype({c: "category" for c in text_columns})))
        int_columns = [c for c in f.columns if pd.api.types.is_integer_dtype(f[c].dtype) and not f[c].isna().any()]
        if int_columns:
            out.append(("whole numbers as int64", f.astype({c: "int64" for c in int_columns})))
            out.append(("whole numbers as floats", f.astype({c: "float64" for c in int_columns})))
        if not isinstance(f.index, pd.MultiIndex) and not isinstance(f.index, pd.RangeIndex):
            out.append(("labels as plain text", f.set_axis(text_labels(f.index), axis=0)))
        if not isinstance(f.columns, pd.MultiIndex) and all(isinstance(c, str) for c in f.columns):
            out.append(("column labels as object", f.set_axis(pd.Index(list(f.columns), dtype=object), axis=1)))
        date_columns = [c for c in f.columns if pd.api.types.is_datetime64_any_dtype(f[c].dtype)]
        if date_columns:
            out.append(("dates to the second", f.astype({c: "datetime64[s]" for c in date_columns})))
        out.append(("a copy", f.copy()))
        if spec.setting("ignore_row_order"):
            out.append(("rows reversed", f.iloc[::-1]))
        if spec.setting("ignore_column_order"):
            out.append(("columns reversed", f[list(f.columns)[::-1]]))
        if spec.setting("ignore_index"):
            out.append(("another index", f.set_axis(range(100, 100 + len(f)), axis=0)))
        return out
