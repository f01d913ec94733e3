"""The bank format as JSON Schemas (``namlib/exercises/schemas/``), and the author's message for what they refuse.

``bank.schema.json`` describes a bank file, ``common.schema.json`` the fields of every
``[[exercise]]``, ``graded.schema.json`` those of every graded one, and ``NAME.schema.json``
each answer kind (each ``$ref``-s the shared ones). Field descriptions live in the schemas;
``docs/exercises.md`` is generated from them (:mod:`namlib.exercises.schema_docs`).

Messages: a field's schema may carry ``x-message`` (what is wrong with its value) and
``x-missing`` (it is required and absent); ``{n}`` in them is the feedback entry's number and
``{value}`` the value. Without them a message is made from the keyword that failed.

Example:
    >>> schema = load_schema("number.schema.json")
    >>> list(fields(schema))[:4], "tolerance" in fields(schema)
    (['id', 'kind', 'title', 'question'], True)
    >>> table = {"id": "00.1", "kind": "number", "title": "t", "question": "q", "explanation": "e",
    ...          "solution": "answer = 4", "tolerance": -1}
    >>> first_problem(schema, table)
    'tolerance must be a number >= 0.'
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urljoin

from namlib.exercises.errors import BankError

# The version of the bank format these schemas describe (a bank file's `format = 1`; "/v1/" in each $id).
BANK_FORMAT = 1
# In which order errors are reported when one field has several: its type first.
_PRIORITY = {"type": 0, "additionalProperties": 1, "required": 2}
_TYPE_WORDS = {
    "boolean": "true or false",
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "array": "a list",
    "object": "a table",
}


def schema_names() -> list[str]:
    """The schema files, sorted by name.

    Example:
        >>> schema_names()[:3]
        ['bank.schema.json', 'choice.schema.json', 'common.schema.json']
    """
    folder = resources.files("namlib.exercises") / "schemas"
    return sorted(item.name for item in folder.iterdir() if item.name.endswith(".schema.json"))


@cache
def _load(name: str) -> str:
    path = resources.files("namlib.exercises") / "schemas" / name
    if not path.is_file():
        raise BankError(
            f"There is no schema {name} in namlib/exercises/schemas/: each answer kind has one "
            "(see CONTRIBUTING.md, 'Adding an answer kind')."
        )
    return path.read_text(encoding="utf-8")


def load_schema(name: str) -> dict:
    """One schema file of ``namlib/exercises/schemas/``, as a dict (a fresh copy each time).

    Example:
        >>> load_schema("common.schema.json")["$id"]
        'https://namlib.example/exercises/bank/v1/common.schema.json'
    """
    return json.loads(_load(name))


@lru_cache(maxsize=1)
def registry() -> Any:
    """Every schema file by its ``$id``, for ``$ref`` (a :class:`referencing.Registry`)."""
    from referencing import Registry, Resource  # imported when a bank is first read, not with namlib

    schemas = [load_schema(name) for name in schema_names()]
    return Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas)


_VALIDATORS: dict[str, Any] = {}


def validator(schema: dict) -> Any:
    """A draft 2020-12 validator for ``schema`` that resolves ``$ref`` to the other schema files (cached by ``$id``)."""
    key = json.dumps(schema, sort_keys=True)
    if key not in _VALIDATORS:
        _VALIDATORS[key] = _validator_class()(schema, registry=registry())
    return _VALIDATORS[key]


#: The libraries ``import jsonschema`` loads to check string formats ("iri", "duration",
#: "hostname", "color"...), none of which the bank schemas use.
_FORMAT_LIBRARIES = (
    "rfc3987_syntax", "rfc3987", "rfc3986_validator", "rfc3339_validator",
    "isoduration", "fqdn", "idna", "webcolors", "jsonpointer", "uri_template",
)  # fmt: skip


def _validator_class() -> Any:
    """``jsonschema.Draft202012Validator``, imported the first time a bank is read.

    ``import jsonschema`` also imports every format-checking library that is installed
    (JupyterLab's dependencies install them all): ``rfc3987_syntax`` alone builds a grammar
    for seconds of CPU, the others cost about 0.13 s, all at a student's first exercise
    card, for formats the bank schemas do not use. So they are kept out of that one import
    (jsonschema then leaves those formats unchecked in this process).
    """
    if "jsonschema" in sys.modules:
        # jsonschema ships no type information (types-jsonschema is not a dependency)
        from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

        return Draft202012Validator
    blocked = [name for name in _FORMAT_LIBRARIES if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # None: `import` raises ImportError
    try:
        from jsonschema import Draft202012Validator
    finally:
        for name in blocked:
            del sys.modules[name]
    return Draft202012Validator


def _resolve(schema: dict, ref: str) -> dict:
    """The schema a ``$ref`` inside ``schema`` points at (relative to its ``$id``)."""
    target = urljoin(schema.get("$id", ""), ref)
    found = dict(registry().resolver().lookup(target).contents)
    # A $defs entry has no $id of its own: give it its file's, so that its own $refs resolve.
    found.setdefault("$id", target.split("#")[0])
    return found


def fields(schema: dict, *, inherited: bool = True) -> dict[str, list[dict]]:
    """Every field ``schema`` allows, in order, each with the subschemas that describe it.

    ``inherited=False`` leaves out what comes from the ``$ref`` base (the shared fields):
    what the schema itself and its ``allOf`` parts add.

    Example:
        >>> list(fields(load_schema("frame.schema.json"), inherited=False))
        ['kind', 'answer', 'ignore_column_order', 'ignore_index', 'ignore_row_order', 'check_dtype', 'check_names']
    """
    out: dict[str, list[dict]] = {}
    if inherited and "$ref" in schema:
        out = fields(_resolve(schema, schema["$ref"]))
    for name, sub in schema.get("properties", {}).items():
        out.setdefault(name, []).append(sub)
    for part in schema.get("allOf", []):
        for name, subs in fields(_resolve(schema, part["$ref"]) if "$ref" in part else part).items():
            out.setdefault(name, []).extend(subs)
    return out


def required(schema: dict) -> set[str]:
    """The fields ``schema`` (with its ``$ref`` base and ``allOf`` parts) requires.

    Example:
        >>> sorted(required(load_schema("choice.schema.json")))
        ['answer', 'explanation', 'id', 'kind', 'options', 'question', 'solution', 'title']
    """
    out = set(schema.get("required", []))
    parts = [{"$ref": schema["$ref"]}] if "$ref" in schema else []
    for part in parts + schema.get("allOf", []):
        out |= required(_resolve(schema, part["$ref"])) if "$ref" in part else set(part.get("required", []))
    return out


def annotation(subs: list[dict], key: str) -> str | None:
    """The first ``key`` (``description``, ``x-message``...) among a field's subschemas."""
    return next((sub[key] for sub in subs if isinstance(sub, dict) and key in sub), None)


def unknown_field(key: str, known: list[str]) -> str:
    """The message for a field the schema does not allow, with a "did you mean" for a typo.

    Example:
        >>> unknown_field("tolerence", ["tolerance", "title"])
        "unknown field 'tolerence'. Did you mean 'tolerance'?"
    """
    close = difflib.get_close_matches(key, known, n=1)
    return f"unknown field {key!r}." + (f" Did you mean {close[0]!r}?" if close else "")


def first_problem(schema: dict, instance: Any, kind: str = "") -> str | None:
    """What is wrong with ``instance`` under ``schema``, as one message for an author; None if nothing.

    The first problem in field order (a field's type before its finer rules). Fields the
    schema does not know are not reported here: the caller names them first, with a "did
    you mean" (:func:`unknown_field`).
    """
    errors = [e for e in validator(schema).iter_errors(instance) if e.validator != "unevaluatedProperties"]
    if not errors:
        return None
    known = fields(schema)
    order = {name: number for number, name in enumerate(known)}

    def rank(error: Any) -> tuple:
        path = list(error.relative_path)
        name = str(path[0]) if path else _missing(error)
        return order.get(name, len(order)), [str(p).zfill(6) for p in path[1:]], _PRIORITY.get(error.validator, 3)

    return _message(min(errors, key=rank), known, kind)


def _missing(error: Any) -> str:
    """The field a ``required`` error is about ("" for other errors at the table's level)."""
    if error.validator != "required" or not isinstance(error.instance, dict):
        return ""
    return next((name for name in error.validator_value if name not in error.instance), "")


def _message(error: Any, known: dict[str, list[dict]], kind: str) -> str:
    path = list(error.relative_path)
    place = f"feedback {path[1] + 1}: " if len(path) > 1 and isinstance(path[1], int) else ""
    if error.validator == "required":
        name = _missing(error)
        subs = [error.schema.get("properties", {}).get(name, {}), *known.get(name, [])]
        text = annotation(subs, "x-missing") or annotation(subs, "x-message") or f"a {kind} exercise needs `{name}`."
    elif error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in allowed]
        text = place + unknown_field(extra[0], allowed)
    else:
        name = str(path[0]) if path else "the table"
        text = annotation([error.schema, *known.get(name, [])], "x-message") or place + _generic(name, error)
    number = path[1] + 1 if len(path) > 1 and isinstance(path[1], int) else ""
    return re.sub(r"\{(n|value)\}", lambda m: str(number) if m.group(1) == "n" else repr(error.instance), text)


def _generic(name: str, error: Any) -> str:
    """A message from the keyword that failed, for a field whose schema gives none."""
    if error.validator == "type" and isinstance(error.validator_value, str):
        return f"{name} must be {_TYPE_WORDS.get(error.validator_value, error.validator_value)}."
    if error.validator == "enum":
        return f"{name} must be one of {', '.join(map(str, error.validator_value))}; it is {error.instance!r}."
    return f"{name}: {error.message}."


__all__ = [
    "BANK_FORMAT",
    "annotation",
    "fields",
    "first_problem",
    "load_schema",
    "registry",
    "required",
    "schema_names",
    "unknown_field",
    "validator",
]
