"""Right answers written another way: the forms each answer kind must accept.

A student's right answer often comes in another form than the worked solution's:
a one-element Series from ``df.loc[mask, "col"]``, a Timedelta from ``end - start``,
labels as plain text after ``.astype(str)``, rows in another order. For every
exercise, :func:`right_variants` makes these forms from the exercise's own
solution, and :func:`prove` checks that each one is accepted, that every recorded
wrong answer (also as a one-element Series) and every wrong method is refused
with its own message. ``python -m namlib exercises variants`` prints the counts
per kind; the test suite runs the same proof on the whole bank. The forms of each kind
are its :meth:`~namlib.exercises.kinds.base.Kind.variants` (``namlib/exercises/kinds/``).

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
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from namlib.exercises.checking import check
from namlib.exercises.kinds import Variant, kind_of
from namlib.exercises.solving import decode_entry, run_solution
from namlib.exercises.spec import ExerciseSpec


def right_variants(spec: ExerciseSpec) -> list[Variant]:
    """The right answer of an exercise in every form its kind accepts (none for open questions)."""
    kind = kind_of(spec.kind)
    if not kind.graded:
        return []
    value = run_solution(spec)
    return [("as the solution gives it", value), *kind.variants(spec, value)]


def _wrong_values(spec: ExerciseSpec) -> list[tuple[str, Any, str]]:
    """(how it was made, value, expected message) for each recorded wrong answer and wrong method."""
    out = []
    as_series = kind_of(spec.kind).wrong_as_series
    for number, entry in enumerate(spec.feedback, start=1):
        if "solution" in entry:
            value = run_solution(spec, decode_entry(entry, "solution"))
            how = f"wrong method {number}"
        else:
            value = decode_entry(entry, "answer")
            how = f"recorded wrong answer {number}"
        out.append((how, value, entry["message"].strip()))
        if as_series and not isinstance(value, pd.Series | pd.DataFrame):
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
    kind = kind_of(spec.kind)
    if not kind.graded:
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
    for kept, code in dropped_conditions(spec) if kind.tests_dropped_conditions else []:
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


__all__ = ["Proof", "Variant", "dropped_conditions", "prove", "right_variants", "summary"]
