"""The schema layer: every file against ``datapackage.json``, with the Frictionless validator, in plain words."""

from __future__ import annotations

from namlib.validation.report import Problem, Report

_TYPE_WORDS = {
    "date": "a date written YYYY-MM-DD",
    "integer": "a whole number",
    "year": "a year (four digits)",
    "number": "a number",
    "boolean": "true or false",
}


def _plain_schema_message(err, fields: dict) -> str:
    """A Frictionless error in the words the loader uses, with what to do."""
    cell = getattr(err, "cell", None)
    name = getattr(err, "field_name", None)
    spec = fields.get(name, {})
    if err.type == "type-error":
        wanted = _TYPE_WORDS.get(spec.get("type", ""), f"of type {spec.get('type')}")
        return f"{cell!r} is not {wanted}."
    if err.type == "constraint-error":
        note = err.note or ""
        if note.startswith('constraint "required"'):
            return "A required value is empty: fill it in."
        if note.startswith('constraint "enum"'):
            allowed = ", ".join(spec.get("constraints", {}).get("enum", []))
            return f"{cell!r} is not one of the allowed values: {allowed}."
        return f"{cell!r} breaks the rule {note}."
    if err.type == "foreign-key":
        ref = getattr(err, "reference_name", None) or "the other table"
        target = ", ".join(getattr(err, "reference_field_names", None) or [])
        values = ", ".join(str(v) for v in getattr(err, "field_cells", None) or [])
        return f"{values!r} is not a {target} in {ref}: add that row to {ref}.csv or correct the value."
    if err.type in ("primary-key", "unique-error"):
        value = cell or ", ".join(map(str, getattr(err, "cells", []) or []))
        return f"{value!r} is used by another row too: each must be unique."
    return err.note or err.message


def _schema_checks(folder, report: Report) -> None:
    from frictionless import Package

    package = Package(str(folder / "datapackage.json"))
    result = package.validate()
    report.checks += len(result.tasks)
    described = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package.to_descriptor()["resources"]}
    seen = set()
    for task in result.tasks:
        file = task.place or task.name
        fields = described.get(task.name, {})
        for err in task.errors:
            line = getattr(err, "row_number", None)
            name = getattr(err, "field_name", None)
            if err.type in ("missing-cell", "extra-cell"):
                # One message per row, not one per missing cell.
                width = len(fields)
                cells = len([c for c in (getattr(err, "cells", None) or [])])
                problem = Problem(file, line, None, f"The row has {cells} cells; the header has {width}.", "schema:row")
            else:
                if name is None and err.type == "foreign-key":
                    name = ", ".join(getattr(err, "field_names", []) or []) or None
                problem = Problem(file, line, name, _plain_schema_message(err, fields), f"schema:{err.type}")
            if problem not in seen:
                seen.add(problem)
                report.problems.append(problem)
    for err in getattr(result, "errors", []):
        report.problems.append(Problem("datapackage.json", None, None, err.message, f"schema:{err.type}"))
