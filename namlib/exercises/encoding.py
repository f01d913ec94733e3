"""The bank's secret fields: ``"enc:"`` + base64(zlib(JSON)), decoded only by the checker.

The fields that would give an answer away (``answer``, ``accept``, ``solution``,
``model_answer`` and ``notes``, also inside ``[[exercise.feedback]]``) are stored encoded:
not readable at a glance. Plain values pass through :func:`decode`, so a draft works
before it is encoded.

Example:
    >>> secret = encode(["Baku", 2019])
    >>> secret.startswith("enc:") and "Baku" not in secret
    True
    >>> decode(secret)
    ['Baku', 2019]
    >>> decode("a plain draft value")  # plain values pass through (drafts only)
    'a plain draft value'
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import zlib
from typing import Any

from namlib.exercises.errors import BankError

ENC_PREFIX = "enc:"
SECRET_KEYS = ("answer", "accept", "solution", "model_answer", "notes")


def encode(value: Any) -> str:
    """Encode a JSON-able value as ``"enc:" + base64(zlib(json))``.

    Dates (from unquoted TOML dates) become ISO strings. Encoding is
    deterministic, so re-encoding a file changes nothing.

    Example:
        >>> decode(encode({"b": 1, "a": [1.5, None]}))
        {'a': [1.5, None], 'b': 1}
    """
    raw = json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True, allow_nan=True)
    return ENC_PREFIX + base64.b64encode(zlib.compress(raw.encode("utf-8"), 9)).decode("ascii")


def decode(value: Any) -> Any:
    """Decode a value written by :func:`encode`; any other value is returned as it is."""
    if isinstance(value, str) and value.startswith(ENC_PREFIX):
        try:
            raw = zlib.decompress(base64.b64decode(value[len(ENC_PREFIX) :], validate=True))
            return json.loads(raw.decode("utf-8"))
        except (ValueError, zlib.error) as err:
            raise BankError(f"A value starting with {ENC_PREFIX!r} could not be decoded ({err}).") from None
    return value


def is_encoded(value: Any) -> bool:
    """True when ``value`` is a string written by :func:`encode`.

    Example:
        >>> is_encoded(encode(1)), is_encoded("1")
        (True, False)
    """
    if not (isinstance(value, str) and value.startswith(ENC_PREFIX)):
        return False
    try:
        decode(value)
    except BankError:
        return False
    return True


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def encode_table(data: dict) -> dict:
    """Return a copy of a parsed bank file with every secret field encoded.

    Already encoded values are kept as they are.

    Example:
        >>> out = encode_table({"exercise": [{"id": "00.1", "answer": 4, "feedback": [{"answer": 5, "message": "m"}]}]})
        >>> is_encoded(out["exercise"][0]["answer"]), is_encoded(out["exercise"][0]["feedback"][0]["answer"])
        (True, True)
    """
    out = dict(data)
    exercises = []
    for item in data.get("exercise", []):
        item = dict(item)
        encode_secrets(item)
        if isinstance(item.get("feedback"), list):
            entries = []
            for entry in item["feedback"]:
                entry = dict(entry) if isinstance(entry, dict) else entry
                if isinstance(entry, dict):
                    encode_secrets(entry)
                entries.append(entry)
            item["feedback"] = entries
        exercises.append(item)
    if "exercise" in data:
        out["exercise"] = exercises
    return out


def encode_secrets(table: Any) -> None:
    """Encode, in place, the secret fields of one table (a dict, or a tomlkit table) not yet encoded."""
    for key in SECRET_KEYS:
        if key in table and not is_encoded(table[key]):
            table[key] = encode(_unwrap(table[key]))


def _unwrap(value: Any) -> Any:
    """A plain Python value for a tomlkit item (``unwrap()``); any other value as it is."""
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value


def plain_secrets(data: dict) -> list[str]:
    """Where a parsed bank file still holds a secret field in plain text (``"03.2 answer"``).

    Example:
        >>> plain_secrets({"exercise": [{"id": "00.1", "answer": 4, "solution": encode("answer = 4")}]})
        ['00.1 answer']
    """
    found = []
    for item in data.get("exercise", []):
        name = str(item.get("id", "?"))
        found += [f"{name} {key}" for key in SECRET_KEYS if key in item and not is_encoded(item[key])]
        for number, entry in enumerate(item.get("feedback", []) or [], start=1):
            if isinstance(entry, dict):
                found += [
                    f"{name} feedback {number} {key}"
                    for key in SECRET_KEYS
                    if key in entry and not is_encoded(entry[key])
                ]
    return found
