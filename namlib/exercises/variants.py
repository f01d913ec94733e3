"""Right answers written another way: the forms each answer kind must accept.

A student's right answer often comes in another form than the worked solution's:
a one-element Series from ``df.loc[mask, "col"]``, a Timedelta from ``end - start``,
labels as plain text after ``.astype(str)``, rows in another order. For every
exercise, :func:`right_variants` makes these forms from the exercise's own
solution, and :func:`prove` checks that each one is accepted, that every recorded
wrong answer (also as a one-element Series) and every wrong method is refused
with its own message. ``python -m namlib exercises variants`` prints the counts
per kind; the test suite runs the same proof on the whole bank.

Example:
    >>> from namlib.exercises.bank import spec_from_dict
    >>> spec = spec_from_dict({"id": "00.1", "kind": "number", "title": "t", "question": "6 x 7?",
    ...                        "answer": 42, "solution": "answer = 6 * 7", "explanation": "42."})
    >>> [label for label, _ in right_variants(spec)][:4]
    ['as the solution gives it', 'a Python int', 'a float', 'a NumPy scalar']
    >>> prove(spec).failures
    []
"""

from __future__ import annotations

import ast
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from namlib.exercises.bank import ExerciseSpec
from namlib.exercises.checking import (
    MONTH_NAMES,
    as_date,
    as_items,
    as_month,
    as_number,
    check,
    decode_entry,
    option_letter,
    order_letters,
    plain,
    run_solution,
    single,
)
from namlib.exercises.names import LONG_NAMES

Variant = tuple[str, Any]



def _containers(value: Any) -> list[Variant]:
    """A single value as a pandas selection or a list of one gives it."""
    return [
        ("a one-element Series", pd.Series([value])),
        ("a one-element DataFrame", pd.DataFrame({"value": [value]})),
        ("a one-element array", np.array([value], dtype=object if isinstance(value, str) else None)),
        ("a one-element list", [value]),
    ]


def _number(spec: ExerciseSpec, value: Any) -> list[Variant]:
    number = as_number(single(value))
    whole = float(number).is_integer()
    out: list[Variant] = [
        ("a Python int" if whole else "a Python float", int(number) if whole else float(number)),
        ("a float", float(number)),
        ("a NumPy scalar", np.int64(int(number)) if whole else np.float64(number)),
        *_containers(int(number) if whole else float(number)),
    ]
    if whole:
        out.append(("a one-element Int64 Series", pd.Series([int(number)], dtype="Int64")))
    tolerance = spec.setting("tolerance", 0)
    if tolerance:
        out.append(("within the tolerance", float(number) + tolerance / 2))
    if spec.setting("unit") == "days":
        days = int(number)
        out += [
            ("a Timedelta (end - start)", pd.Timedelta(days=days)),
            ("a datetime.timedelta", dt.timedelta(days=days)),
            ("a one-element Timedelta Series", pd.Series([pd.Timedelta(days=days)])),
        ]
    return out


def _text(spec: ExerciseSpec, value: Any) -> list[Variant]:
    text = str(single(value))
    names = [text, *[a for a in spec.secret("accept", []) or [] if isinstance(a, str)]]
    out: list[Variant] = [
        ("upper case", text.upper()),
        ("lower case", text.lower()),
        ("extra spaces", "  " + text.replace(" ", "   ") + " "),
        ("a full stop at the end", text + "."),
        ("with 'The' in front", "The " + text),
        ("a NumPy string", np.str_(text)),
        *_containers(text),
    ]
    for name in names:
        for alias in (name, *LONG_NAMES.get(name, ())):
            out += [(f"the accepted form {alias!r}", alias), (f"{alias!r} in lower case", alias.lower())]
    return out


def _date(spec: ExerciseSpec, value: Any) -> list[Variant]:
    day = as_date(single(value))
    stamp = pd.Timestamp(day)
    month = MONTH_NAMES[day.month - 1]
    return [
        ("ISO text", day.isoformat()),
        ("day month year", f"{day.day} {month} {day.year}"),
        ("month day, year", f"{month} {day.day}, {day.year}"),
        ("short month name", f"{day.day} {month[:3]} {day.year}"),
        ("slashes, year first", f"{day.year}/{day.month:02d}/{day.day:02d}"),
        ("a Timestamp", stamp),
        ("a Timestamp with a time", stamp + pd.Timedelta(hours=10)),
        ("a datetime.date", day),
        ("a datetime.datetime", dt.datetime(day.year, day.month, day.day)),
        ("a NumPy datetime64", np.datetime64(day.isoformat())),
        ("a one-element Series of dates", pd.Series([stamp])),
        ("a one-element DataFrame of dates", pd.DataFrame({"start_date": [stamp]})),
        ("a one-element list", [day.isoformat()]),
    ]


def _month(spec: ExerciseSpec, value: Any) -> list[Variant]:
    year, number = as_month(value)
    name = MONTH_NAMES[number - 1]
    last = (pd.Timestamp(year=year, month=number, day=1) + pd.offsets.MonthEnd(0)).day
    return [
        ("month year", f"{name} {year}"),
        ("year month", f"{year} {name}"),
        ("ISO year-month", f"{year}-{number:02d}"),
        ("month/year", f"{number:02d}/{year}"),
        ("short month name", f"{name[:3]} {year}"),
        ("month of year", f"{name} of {year}"),
        ("lower case", f"{name.lower()} {year}"),
        ("a full date in that month", f"9 {name} {year}"),
        ("an ISO date in that month", f"{year}-{number:02d}-{last:02d}"),
        ("a Timestamp in that month", pd.Timestamp(year=year, month=number, day=last)),
        ("a datetime.date in that month", dt.date(year, number, 1)),
        ("a Period", pd.Period(f"{year}-{number:02d}", freq="M")),
        ("a one-element Series of dates", pd.Series([pd.Timestamp(year=year, month=number, day=15)])),
    ]


def _choice(spec: ExerciseSpec, value: Any) -> list[Variant]:
    chosen = option_letter(single(value), spec.options)
    text = spec.options[ord(chosen) - ord("A")]
    return [
        ("the letter", chosen),
        ("a lower-case letter", chosen.lower()),
        ("the letter with a bracket", f"{chosen})"),
        ("the letter in brackets", f"({chosen})"),
        ("the letter with spaces", f" {chosen} "),
        ("the option's text", text),
        ("the option's text in upper case", text.upper()),
        ("letter and text", f"{chosen}. {text}"),
        ("a one-element list", [chosen]),
        ("a one-element Series", pd.Series([chosen])),
    ]


def _order(spec: ExerciseSpec, value: Any) -> list[Variant]:
    letters = order_letters(value, spec.options)
    texts = [spec.options[ord(x) - ord("A")] for x in letters]
    return [
        ("one string", "".join(letters)),
        ("with commas", ", ".join(letters)),
        ("with arrows", " > ".join(letters)),
        ("lower case", "".join(letters).lower()),
        ("a list of letters", list(letters)),
        ("a tuple of letters", tuple(letters)),
        ("a Series of letters", pd.Series(letters)),
        ("a list of the options' texts", texts),
    ]


def _collection(spec: ExerciseSpec, value: Any) -> list[Variant]:
    items = [plain(x) for x in as_items(value)]
    out: list[Variant] = [
        ("a list", list(items)),
        ("a tuple", tuple(items)),
        ("a Series", pd.Series(items)),
        ("an Index", pd.Index(items)),
        ("a NumPy array", np.array(items, dtype=object)),
        ("a one-column DataFrame", pd.DataFrame({"value": items})),
        ("a Series with another index", pd.Series(items, index=range(10, 10 + len(items)))),
    ]
    if all(isinstance(x, str) for x in items):
        out.append(("a categorical Series", pd.Series(items, dtype="category")))
    if spec.kind == "set":
        out += [("in reverse order", list(reversed(items))), ("with a repeat", items + items[:1])]
        try:
            out.append(("a Python set", set(items)))
        except TypeError:  # unhashable items: no set form
            pass
    return out


def _as_text_labels(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index
    return pd.Index([str(x) for x in index.tolist()], name=index.name, dtype=object)


def _series(spec: ExerciseSpec, value: pd.Series) -> list[Variant]:
    s = value
    out: list[Variant] = [
        ("labels as plain text (astype(str))", s.set_axis(_as_text_labels(s.index))),
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


def _frame(spec: ExerciseSpec, value: pd.DataFrame) -> list[Variant]:
    f = value
    out: list[Variant] = []
    text_columns = [
        c for c in f.columns if isinstance(f[c].dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(f[c].dtype)
    ]
    if text_columns:
        out.append(("text columns as object", f.astype({c: object for c in text_columns})))
        out.append(("text columns as categorical", f.astype({c: "category" for c in text_columns})))
    int_columns = [c for c in f.columns if pd.api.types.is_integer_dtype(f[c].dtype) and not f[c].isna().any()]
    if int_columns:
        out.append(("whole numbers as int64", f.astype({c: "int64" for c in int_columns})))
        out.append(("whole numbers as floats", f.astype({c: "float64" for c in int_columns})))
    if not isinstance(f.index, pd.MultiIndex) and not isinstance(f.index, pd.RangeIndex):
        out.append(("labels as plain text", f.set_axis(_as_text_labels(f.index), axis=0)))
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


_MAKERS = {
    "number": _number,
    "text": _text,
    "date": _date,
    "month": _month,
    "choice": _choice,
    "order": _order,
    "set": _collection,
    "list": _collection,
    "series": _series,
    "frame": _frame,
}


def right_variants(spec: ExerciseSpec) -> list[Variant]:
    """The right answer of an exercise in every form its kind accepts (none for open questions)."""
    if spec.kind == "open":
        return []
    value = run_solution(spec)
    return [("as the solution gives it", value), *_MAKERS[spec.kind](spec, value)]


def _wrong_values(spec: ExerciseSpec) -> list[tuple[str, Any, str]]:
    """(how it was made, value, expected message) for each recorded wrong answer and wrong method."""
    out = []
    for number, entry in enumerate(spec.feedback, start=1):
        if "solution" in entry:
            value = run_solution(spec, decode_entry(entry, "solution"))
            how = f"wrong method {number}"
        else:
            value = decode_entry(entry, "answer")
            how = f"recorded wrong answer {number}"
        out.append((how, value, entry["message"].strip()))
        if spec.kind in ("number", "text", "date", "choice") and not isinstance(value, pd.Series | pd.DataFrame):
            out.append((f"{how} as a one-element Series", pd.Series([value]), entry["message"].strip()))
    return out


def dropped_conditions(spec: ExerciseSpec) -> list[tuple[str, str]]:
    """The solution with one condition of each ``a & b`` left out: (the condition kept, code).

    A combined filter is there to be tested: leaving out either half must change the
    answer, or the exercise cannot tell a student who forgot it from one who did not.
    """
    code = spec.secret("solution")
    if not isinstance(code, str):
        return []
    tree = ast.parse(code)
    found = [node for node in ast.walk(tree) if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd)]
    out = []
    for target in found:
        for side in ("left", "right"):
            changed = _drop_at(code, target, side)
            if changed is not None:
                out.append((ast.unparse(getattr(target, side)), changed))
    return out


class _Replace(ast.NodeTransformer):
    """Put ``replacement`` where ``target`` was."""

    def __init__(self, target: ast.AST, replacement: ast.AST):
        self.target, self.replacement = target, replacement

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        return self.replacement if node is self.target else self.generic_visit(node)


def _drop_at(code: str, target: ast.BinOp, side: str) -> str | None:
    """``code`` with the ``&`` at ``target``'s position replaced by one of its operands."""
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.BitAnd)
            and (node.lineno, node.col_offset) == (target.lineno, target.col_offset)
        ):
            changed = _Replace(node, getattr(node, side)).visit(tree)
            return ast.unparse(ast.fix_missing_locations(changed))
    return None


@dataclass
class Proof:
    """What :func:`prove` found for one exercise."""

    exercise_id: str
    kind: str
    accepted: int = 0
    variants: int = 0
    refused: int = 0
    wrong: int = 0
    failures: list[str] = field(default_factory=list)


def prove(spec: ExerciseSpec) -> Proof:
    """Check every right-answer variant of ``spec`` is accepted and every wrong one refused."""
    proof = Proof(spec.id, spec.kind)
    if spec.kind == "open":
        return proof
    for label, value in right_variants(spec):
        proof.variants += 1
        result = check(spec, value)
        if result.status == "correct":
            proof.accepted += 1
        else:
            proof.failures.append(f"{spec.id} refused a right answer ({label}): {result!r}")
    for how, value, message in _wrong_values(spec):
        proof.wrong += 1
        result = check(spec, value)
        if result.status == "incorrect" and result.message == message:
            proof.refused += 1
        else:
            proof.failures.append(f"{spec.id} did not refuse its {how} with its message: {result!r}")
    # Choices and orders are answered by reasoning over a table, not by the filter itself.
    for kept, code in dropped_conditions(spec) if spec.kind not in ("choice", "order") else []:
        proof.wrong += 1
        try:
            value = run_solution(spec, code)
        except Exception:  # the method fails outright: a student sees an error, not a false tick
            proof.refused += 1
            continue
        if check(spec, value).status == "correct":
            proof.failures.append(f"{spec.id} accepts the answer made with only `{kept}` of its combined condition")
        else:
            proof.refused += 1
    return proof


def summary(proofs: list[Proof]) -> str:
    """A table of the proofs per answer kind, as text."""
    kinds: dict[str, list[Proof]] = {}
    for proof in proofs:
        kinds.setdefault(proof.kind, []).append(proof)
    lines = ["kind      exercises  right variants  accepted  wrong answers  refused"]
    for kind, group in sorted(kinds.items()):
        lines.append(
            f"{kind:<9} {len(group):>9}  {sum(p.variants for p in group):>14}  {sum(p.accepted for p in group):>8}"
            f"  {sum(p.wrong for p in group):>13}  {sum(p.refused for p in group):>7}"
        )
    total = [sum(getattr(p, name) for p in proofs) for name in ("variants", "accepted", "wrong", "refused")]
    lines.append(f"{'all':<9} {len(proofs):>9}  {total[0]:>14}  {total[1]:>8}  {total[2]:>13}  {total[3]:>7}")
    return "\n".join(lines)


__all__ = ["Proof", "dropped_conditions", "prove", "right_variants", "summary"]
