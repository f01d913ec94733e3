"""Every exercise accepts its right answer in every form a student may write it, and refuses
every recorded wrong answer and wrong method (namlib/exercises/variants.py).

The variants are made from each exercise's own worked solution, so a new exercise is
covered the moment it is added to the bank.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import REPO

from namlib.exercises.bank import load_bank, spec_from_dict
from namlib.exercises.checking import check
from namlib.exercises.variants import dropped_conditions, prove, right_variants, summary

SPECS = load_bank()
FIXTURES = load_bank(REPO / "tests" / "fixtures" / "bank")


@pytest.mark.parametrize("exercise_id", list(SPECS))
def test_every_right_variant_is_accepted_and_every_wrong_answer_refused(exercise_id):
    proof = prove(SPECS[exercise_id])
    assert proof.failures == []
    if proof.kind != "open":
        assert proof.variants >= 5, "too few variants: the kind's forms are not generated"
        assert proof.wrong >= 1


@pytest.mark.parametrize("exercise_id", list(FIXTURES))
def test_the_fixture_bank_of_every_kind_passes_the_same_proof(exercise_id):
    assert prove(FIXTURES[exercise_id]).failures == []


def test_every_kind_has_variants_and_the_summary_counts_them():
    proofs = [prove(spec) for spec in SPECS.values()]
    graded_kinds = {spec.kind for spec in SPECS.values()} - {"open"}
    by_kind = {kind: sum(p.variants for p in proofs if p.kind == kind) for kind in graded_kinds}
    assert all(count > 0 for count in by_kind.values()), by_kind
    last = summary(proofs).splitlines()[-1].split()
    total = sum(p.variants for p in proofs)
    assert last[:4] == ["all", str(len(proofs)), str(total), str(total)]  # every variant accepted


def test_the_proof_catches_a_checker_that_refuses_a_right_form():
    spec = spec_from_dict(
        {"id": "00.1", "kind": "number", "title": "t", "question": "q", "solution": "answer = 120",
         "explanation": "e", "feedback": [{"answer": 121, "message": "One too many."}]}
    )  # fmt: skip
    labels = [label for label, _ in right_variants(spec)]
    assert "a one-element Series" in labels and "a NumPy scalar" in labels
    # A wrong answer hidden in a one-element Series is still refused with its own message.
    assert check(spec, pd.Series([121])).message == "One too many."


def test_leaving_out_half_of_a_combined_condition_must_change_the_answer():
    # 08.5 asked for the virtual events of 2020-2021: every virtual event was in those years,
    # so the count without the date filter was the same, and the exercise could not tell.
    spec = spec_from_dict(
        {"id": "00.1", "kind": "number", "title": "t", "question": "q", "explanation": "e",
         "feedback": [{"answer": 22, "message": "No format filter."}],
         "solution": 'years = events["start_date"].between("2020-01-01", "2021-12-31")\n'
                     'answer = int((years & (events["format"] == "virtual")).sum())\n'}
    )  # fmt: skip
    kept = [kept for kept, _ in dropped_conditions(spec)]
    assert kept == ["years", "events['format'] == 'virtual'"]
    failures = prove(spec).failures
    assert any("only `events['format'] == 'virtual'`" in failure for failure in failures), failures
    assert prove(SPECS["08.7"]).failures == []  # the exercise as it is now tests both conditions
