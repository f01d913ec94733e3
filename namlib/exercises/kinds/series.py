"""The ``series`` kind: a pandas Series, compared by :func:`~namlib.exercises.pandas_compare.compare_pandas`.

Bank fields: no ``answer`` (the ``solution`` computes it); ``ignore_index``,
``ignore_row_order``, ``check_dtype``, ``check_names``, ``unit = "days"`` (Timedeltas as
days). :class:`PandasKind` here is shared with the ``frame`` kind (``kinds/frame.py``).

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "series", "title": "t", "question": "Counts?",
    ...                        "solution": "answer = pd.Series([2, 1], index=['a', 'b'])", "explanation": "e"})
    >>> kind = Series(spec)
    >>> kind.equal(kind.read(pd.Series([2.0, 1.0], index=["a", "b"])), pd.Series([2, 1], index=["a", "b"]))
    True
    >>> [label for label, _ in Series.variants(spec, pd.Series([2, 1], index=["a", "b"]))][:2]
    ['labels as plain text (astype(str))', 'labels as a categorical']
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.describe import article, plain, plural, show
from namlib.exercises.errors import AnswerTypeError
from namlib.exercises.kinds.base import Kind, Variant
from namlib.exercises.pandas_compare import compare_pandas
from namlib.exercises.spec import ExerciseSpec

SETTINGS = ("ignore_index", "ignore_row_order", "ignore_column_order", "check_dtype", "check_names")


class PandasKind(Kind):
    """What the ``series`` and ``frame`` kinds share: the comparison, the settings, days."""

    tabular = True

    def __init__(self, spec: ExerciseSpec):
        super().__init__(spec)
        self.settings = {key: spec.setting(key) for key in SETTINGS if spec.setting(key) is not None}

    def equal(self, got: Any, expected: Any) -> bool:
        return compare_pandas(got, expected, self.settings) is None

    def explain(self, got: Any, expected: Any) -> tuple[str, str]:
        return compare_pandas(got, expected, self.settings) or ("incorrect", "That is not the answer.")

    def read_student(self, value: Any) -> Any:
        value = self.read(value)
        if self.spec.setting("unit") == "days":
            value = self._days(value)
        return value

    def _days(self, value: Any) -> Any:
        """Timedelta columns as whole days, for exercises that count days."""
        if isinstance(value, pd.Series) and pd.api.types.is_timedelta64_dtype(value.dtype):
            self.note = "Your values are Timedeltas; `.dt.days` gives the numbers of days on their own."
            return value.dt.days
        if isinstance(value, pd.DataFrame):
            columns = [c for c in value.columns if pd.api.types.is_timedelta64_dtype(value[c].dtype)]
            if columns:
                self.note = "Some columns hold Timedeltas; `.dt.days` gives the numbers of days on their own."
                return value.assign(**{str(c): value[c].dt.days for c in columns})
        return value


def as_series(value: Any) -> pd.Series:
    """A student's Series; a one-column DataFrame (``df[["col"]]``) gives its column.

    Example:
        >>> as_series(pd.DataFrame({"n": [1, 2]})).tolist()
        [1, 2]
    """
    if isinstance(value, pd.Series):
        return value
    if isinstance(value, pd.DataFrame):
        if value.shape[1] == 1:  # df[["col"]]: the same values as the Series df["col"]
            return value.iloc[:, 0]
        raise AnswerTypeError(
            f"Your answer is a table (a DataFrame with {plural(value.shape[1], 'column')}); this exercise expects "
            "a Series, one column of values: select one column, df['name']."
        )
    value = plain(value)
    if isinstance(value, list | tuple | np.ndarray | pd.Index | set):
        raise AnswerTypeError(
            f"Your answer is {article(type(value).__name__)}; this exercise expects a pandas Series, such as a column "
            "of a DataFrame or the result of value_counts() or groupby()."
        )
    raise AnswerTypeError(f"Your answer is {show(value)}; this exercise expects a pandas Series.")


def text_labels(index: pd.Index) -> pd.Index:
    """Row labels as plain text, as ``.astype(str)`` gives them (a MultiIndex stays as it is)."""
    if isinstance(index, pd.MultiIndex):
        return index
    return pd.Index([str(x) for x in index.tolist()], name=index.name, dtype=object)


class Series(PandasKind):
    name = "series"
    phrase_text = "a pandas Series"

    def read(self, value: Any) -> Any:
        return as_series(value)

    @classmethod
    def variants(cls, spec: ExerciseSpec, value: Any) -> list[Variant]:
        s = value
        out: list[Variant] = [
            ("labels as plain text (astype(str))", s.set_axis(text_labels(s.index))),
            ("labels as a categorical", s.set_axis(pd.CategoricalIndex(s.index))),
            ("hand-typed pd.Series({...})", pd.Series({str(k): plain(v) for k, v in s.items()}, name=s.name)),
            ("a one-column DataFrame", s.to_frame()),
        ]
        if not isinstance(s.index, pd.MultiIndex):
            out[2:2] = [("labels as str dtype", s.set_axis(pd.Index([str(x) for x in s.index], dtype="str")))]
        if pd.api.types.is_integer_dtype(s.dtype):
            out += [
                ("values as Int64", s.astype("Int64")),
                ("values as floats", s.astype("float64")),
            ]
            if all(isinstance(k, str) for k in map(plain, s.index)):
                out.append(("pd.Series(Counter(...))", pd.Series(Counter({str(k): int(v) for k, v in s.items()}))))
        if not spec.setting("check_names"):
            out.append(("another name", s.rename("my_answer")))
        if spec.setting("ignore_row_order"):
            out += [("rows reversed", s.iloc[::-1]), ("sorted by label", s.sort_index())]
            if pd.api.types.is_numeric_dtype(s.dtype):
                out.append(("sorted by value", s.sort_values(kind="stable")))
        if spec.setting("unit") == "days" and pd.api.types.is_integer_dtype(s.dtype):
            out.append(("Timedeltas (end - start)", pd.to_timedelta(s, unit="D")))
        return out
