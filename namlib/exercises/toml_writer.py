"""Write a bank file as TOML text: the hand-written emitter, and tomlkit when it is installed.

``python -m namlib exercises encode`` rewrites a bank file with its secret fields encoded
(:func:`encode_toml_text`). With `tomlkit <https://pypi.org/project/tomlkit/>`_ installed,
the file is edited in place and authors' comments and layout survive; without it the file is
parsed and written again by :func:`dumps_toml`, and comments do not survive. Either way the
parsed content is checked to be the same before anything is written.

Example:
    >>> print(dumps_toml({"exercise": [{"id": "00.1", "kind": "number", "hints": ["one", "two"]}]}))
    [[exercise]]
    id = "00.1"
    kind = "number"
    hints = ["one", "two"]
    <BLANKLINE>
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import math
import re
import tomllib
from typing import Any

from namlib.exercises.encoding import encode_secrets, encode_table
from namlib.exercises.errors import BankError

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _basic_string(key)


def _basic_string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _multiline_string(text: str) -> str:
    controls = any((ord(c) < 0x20 and c not in "\n\t") or ord(c) == 0x7F for c in text)
    if not controls and "'''" not in text and not text.endswith("'") and "\r" not in text:
        return "'''\n" + text + "'''"  # literal: no escapes, reads like the code it holds
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == "\n" or char == "\t":
            out.append(char)
        elif char == "\r":
            out.append("\\r")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    body = "".join(out).replace('"""', '""\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    return '"""\n' + body + '"""'


def _value(value: Any, indent: str = "") -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _multiline_string(value) if "\n" in value else _basic_string(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_key(k)} = {_value(v, indent)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        items = [_value(v, indent + "    ") for v in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) <= 100 and not any("\n" in item for item in items):
            return one_line
        inner = indent + "    "
        return "[\n" + "".join(f"{inner}{item},\n" for item in items) + indent + "]"
    raise BankError(f"Cannot write a {type(value).__name__} value in a bank file.")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _emit_table(table: dict, path: list[str], lines: list[str]) -> None:
    for key, value in table.items():
        if isinstance(value, dict) or _is_table_array(value):
            continue
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        sub = [*path, _key(key)]
        if isinstance(value, dict):
            lines += ["", f"[{'.'.join(sub)}]"]
            _emit_table(value, sub, lines)
        elif _is_table_array(value):
            for item in value:
                lines += ["", f"[[{'.'.join(sub)}]]"]
                _emit_table(item, sub, lines)


def dumps_toml(data: dict) -> str:
    """Write a bank file (a dict as ``tomllib`` returns it) as TOML text.

    Handles what bank files hold: strings (multi-line ones as literal or basic
    multi-line strings), integers, floats, booleans, dates, lists, inline tables,
    tables and arrays of tables such as ``[[exercise]]`` and
    ``[[exercise.feedback]]``. ``tomllib.loads(dumps_toml(d)) == d`` for such data.

    Example:
        >>> text = dumps_toml({"exercise": [{"id": "00.1", "setup": "x = 1\\ny = 2\\n",
        ...                                   "feedback": [{"answer": 3, "message": "Off by one."}]}]})
        >>> print(text)
        [[exercise]]
        id = "00.1"
        setup = '''
        x = 1
        y = 2
        '''
        <BLANKLINE>
        [[exercise.feedback]]
        answer = 3
        message = "Off by one."
        <BLANKLINE>
        >>> tomllib.loads(text)["exercise"][0]["setup"]
        'x = 1\\ny = 2\\n'
    """
    lines: list[str] = []
    _emit_table(data, [], lines)
    while lines and lines[0] == "":
        lines.pop(0)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- encoding a file's text


def tomlkit_module() -> Any | None:
    """The ``tomlkit`` module when it is installed, else None (then :func:`dumps_toml` writes the file)."""
    if importlib.util.find_spec("tomlkit") is None:
        return None
    return importlib.import_module("tomlkit")


def encode_toml_text(text: str, tomlkit: Any | None = None, name: str = "the file") -> str:
    """The text of a bank file with every secret field encoded.

    ``tomlkit`` (the module; by default the installed one, if any) edits the document in
    place, so comments and blank lines survive; without it the file is written again by
    :func:`dumps_toml`. Raises :class:`BankError` if the result would not parse to the same
    content as the encoded original (``name`` is the file, for that message).

    Example:
        >>> out = encode_toml_text('[[exercise]]\\nid = "00.1"\\nanswer = 4\\n', tomlkit=False)
        >>> out.startswith('[[exercise]]\\nid = "00.1"\\nanswer = "enc:')
        True
    """
    expected = encode_table(tomllib.loads(text))
    module = tomlkit_module() if tomlkit is None else tomlkit
    out = _encode_with_tomlkit(module, text) if module else dumps_toml(expected)
    if tomllib.loads(out) != expected:  # pragma: no cover - a bug in the emitter
        raise BankError(f"Writing {name} would change its content; nothing written.")
    return out


def _encode_with_tomlkit(tomlkit: Any, text: str) -> str:
    """Encode the secret fields of a bank file in place in its tomlkit document."""
    document = tomlkit.parse(text)
    for item in document.get("exercise", []):
        encode_secrets(item)
        for entry in item.get("feedback", []) or []:
            if hasattr(entry, "keys"):
                encode_secrets(entry)
    return str(tomlkit.dumps(document))
