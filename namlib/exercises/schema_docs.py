"""The field reference of ``docs/exercises.md``, written from the bank's JSON Schemas.

The section between ``<!-- fields: generated ... -->`` and ``<!-- fields: end -->`` is
made by :func:`fields_reference` from ``namlib/exercises/schemas/`` (the descriptions,
types, defaults and required fields of every schema), so the doc cannot drift from what
the bank checks. After changing a schema, run::

    python -m namlib.exercises.schema_docs            # rewrite docs/exercises.md
    python -m namlib.exercises.schema_docs --check    # exit 1 if it is out of date

Example:
    >>> print(value_words({"type": "number", "minimum": 0, "default": 0}))
    number ≥ 0 (default `0`)
    >>> "#### `number`" in fields_reference()
    True
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from namlib.exercises.bank_schema import BANK_FORMAT, fields, load_schema, required
from namlib.exercises.encoding import SECRET_KEYS
from namlib.exercises.kinds import KINDS

START = "<!-- fields: generated from namlib/exercises/schemas/ by `python -m namlib.exercises.schema_docs`; edit the schemas, not this section -->"  # noqa: E501
END = "<!-- fields: end -->"
_SECTION = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
_WORDS = {"boolean": "true/false", "string": "text", "number": "number", "integer": "whole number", "object": "table"}


def value_words(schema: dict) -> str:
    """What a field holds, in a few words, from its schema (type, constraints, default)."""
    if "const" in schema:
        words = f"`{json.dumps(schema['const'])}`"
    elif "enum" in schema:
        words = " or ".join(f"`{json.dumps(v)}`" for v in schema["enum"])
    elif schema.get("not") == {}:
        return "not allowed"
    else:
        types = schema.get("type", [])
        words = " or ".join(_type_words(t, schema) for t in ([types] if isinstance(types, str) else types))
        words = words or "any value"
    if "minimum" in schema:
        words += f" ≥ {schema['minimum']}"
    if "default" in schema:
        words += f" (default `{json.dumps(schema['default'])}`)"
    return words


def _type_words(name: str, schema: dict) -> str:
    if name == "array":
        items = schema.get("items", {})
        if "$ref" in items:
            return "tables"
        return f"list of {_type_words(items['type'], items)}s" if "type" in items else "list"
    if name == "string" and schema.get("pattern") == "\\S":
        return "non-empty text"
    return _WORDS.get(name, name)


def _table(names: dict[str, list[dict]], needed: set[str]) -> list[str]:
    rows = ["| field | value | required | meaning |", "|---|---|---|---|"]
    for name, subs in names.items():
        if name == "kind" and len(subs) == 1 and "const" in subs[0]:
            continue  # a kind's own schema only pins `kind` to its name
        value = " ".join(value_words(sub) for sub in subs[:1])
        if name in SECRET_KEYS and value != "not allowed":
            value += ", encoded"
        meaning = " ".join(sub["description"] for sub in subs if "description" in sub)
        rows.append(f"| `{name}` | {value} | {'yes' if name in needed else ''} | {meaning} |")
    return rows


def _section(title: str, schema: dict, file: str, names: dict[str, list[dict]], more: str = "") -> list[str]:
    lines = [f"#### {title}", "", f"{schema['description']}{more} Schema: `{file}`.", ""]
    return [*lines, *_table(names, required(schema)), ""]


def fields_reference() -> str:
    """The generated section of ``docs/exercises.md``, markers included."""
    bank, common, graded = (load_schema(f"{name}.schema.json") for name in ("bank", "common", "graded"))
    feedback = dict(graded["$defs"]["feedback"], **{"$id": graded["$id"]})
    lines = [START, "", f"The bank format, version {BANK_FORMAT}, as its JSON Schemas say it.", ""]
    lines += _section("A bank file", bank, "bank.schema.json", fields(bank))
    lines += _section("Every exercise", common, "common.schema.json", fields(common))
    lines += _section("Every graded exercise", graded, "graded.schema.json", fields(graded, inherited=False))
    lines += _section(feedback["title"], feedback, "graded.schema.json", fields(feedback))
    for name, kind in KINDS.items():
        schema = kind.schema()
        more = f" Besides its own fields, those of every {'graded ' if kind.graded else ''}exercise."
        lines += _section(f"`{name}`", schema, f"{name}.schema.json", fields(schema, inherited=False), more)
    return "\n".join(lines) + "\n" + END


def update(text: str) -> str:
    """``text`` (a doc) with its generated section written again; ValueError if it has no markers."""
    if not _SECTION.search(text):
        raise ValueError(f"the doc has no section between {START!r} and {END!r}")
    return _SECTION.sub(lambda _: fields_reference(), text, count=1)


def main(argv: list[str] | None = None) -> int:
    """Rewrite the doc's generated section (``--check``: only say whether it is up to date)."""
    parser = argparse.ArgumentParser(prog="python -m namlib.exercises.schema_docs", description=__doc__)
    parser.add_argument("doc", nargs="?", default="docs/exercises.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if the doc differs from the schemas")
    args = parser.parse_args(argv)
    path = Path(args.doc)
    text = path.read_text(encoding="utf-8")
    new = update(text)
    if args.check:
        print(
            f"{path}: " + ("up to date." if new == text else "out of date: run python -m namlib.exercises.schema_docs")
        )
        return 0 if new == text else 1
    if new != text:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: the field reference is " + ("rewritten." if new != text else "up to date."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
