"""Errors namlib raises, written for students rather than for programmers.

Every error says what went wrong and what to do next. In a Jupyter notebook
:func:`install_friendly_errors` shows them as a short message instead of a long
traceback.

Example:
    >>> err = DataError("'2019-13-40' is not a date written YYYY-MM-DD.",
    ...                 file="summits.csv", line=7, field="start_date")
    >>> print(err)
    summits.csv, line 7, field start_date: '2019-13-40' is not a date written YYYY-MM-DD.
"""

from __future__ import annotations

import html


class NamlibError(Exception):
    """Base class for the errors namlib explains to students."""


class UnknownTableError(NamlibError, KeyError):
    """A table name that is not in the dataset.

    Example:
        >>> print(UnknownTableError("There is no table called 'sumits'.",
        ...                         choices=["events", "summits"], suggestion="summits"))
        There is no table called 'sumits'. Did you mean 'summits'? The tables are: events, summits.
    """

    def __init__(self, message: str, choices: list[str], suggestion: str | None = None):
        self.choices = list(choices)
        self.suggestion = suggestion
        hint = f" Did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(f"{message}{hint} The tables are: {', '.join(self.choices)}.")

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0])


class DataError(NamlibError, ValueError):
    """A data file that cannot be read as its schema says: names file, line and field."""

    def __init__(self, reason: str, file: str | None = None, line: int | None = None, field: str | None = None):
        self.reason = reason
        self.file = file
        self.line = line
        self.field = field
        where = ", ".join(
            part
            for part in (
                file,
                f"line {line}" if line is not None else None,
                f"field {field}" if field else None,
            )
            if part
        )
        super().__init__(f"{where}: {reason}" if where else reason)


def _show(shell, etype, value, tb, tb_offset=None):  # pragma: no cover - needs a running IPython
    from IPython.display import display

    text = str(value)
    bundle = {
        "text/plain": f"{etype.__name__}: {text}",
        "text/html": '<div style="border-left:4px solid #d55e00;padding:4px 8px">'
        f"<b>{html.escape(etype.__name__)}</b>: {html.escape(text)}</div>",
    }
    display(bundle, raw=True)


def install_friendly_errors() -> bool:
    """In IPython, show namlib's errors as one clear message instead of a traceback.

    Returns True when it was installed (that is, inside IPython or Jupyter).

    Example:
        >>> install_friendly_errors()  # outside IPython nothing changes
        False
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((NamlibError,), _show)
    return True
