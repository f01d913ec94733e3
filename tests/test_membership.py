"""Who belonged in year Y: the counting rule, checked against a plain re-implementation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import namlib
from namlib.membership import count_in, members_in, membership_by_year


def spell_holds(row, year: int) -> bool:
    """The rule in words: begun by then, not yet ended; unknown starts count only from 2011."""
    if pd.isna(row["joined"]):
        if year < 2011:
            return False
    elif row["joined"] > year:
        return False
    if pd.isna(row["left"]):
        return bool(row["current"])
    return row["left"] > year


@pytest.mark.parametrize("year", [1961, 1964, 1979, 1991, 1992, 2004, 2010, 2011, 2019, 2021, 2023, 2024])
def test_counts_match_the_rule(year):
    members = namlib.load("members")
    expected = members[[spell_holds(row, year) for _, row in members.iterrows()]]
    assert sorted(members_in(year)["name"] + "/" + members_in(year)["status"].astype(str)) == sorted(
        expected["name"] + "/" + expected["status"].astype(str)
    )
    table = membership_by_year(1961, 2025).set_index("year")
    assert table.loc[year, ["member", "observer_state", "observer_organization"]].tolist() == count_in(year).tolist()


def test_headline_figures():
    assert count_in(1961)["member"] == 25
    assert count_in(2019).to_dict() == {"member": 120, "observer_state": 17, "observer_organization": 10}
    assert count_in(2022)["observer_state"] == 18
    assert count_in(2024)["member"] == 121


def test_status_changes_are_separate_spells():
    members = namlib.load("members")
    azerbaijan = members[members["name"] == "Azerbaijan"].set_index("status")
    assert azerbaijan.loc["member", "joined"] == 2011
    assert azerbaijan.loc["observer_state", "left"] == 2011
    assert "Azerbaijan" in set(members_in(2011)["name"])
    assert "Russia" in set(members_in(2021).query("status == 'observer_state'")["name"])
    assert "Russia" not in set(members_in(2020)["name"])


def test_unknown_start_is_reported_not_counted():
    frame = pd.DataFrame(
        {
            "name": ["A", "B", "C"],
            "status": pd.Categorical(["member", "observer_state", "observer_state"]),
            "joined": pd.array([1961, None, 1970], dtype="Int64"),
            "left": pd.array([None, None, None], dtype="Int64"),
            "current": pd.array([True, True, False], dtype="boolean"),
        }
    )
    table = membership_by_year(1969, 2012, members=frame).set_index("year")
    assert table.loc[1970].tolist() == [1, 0, 0, 1]  # C ended in an unknown year: not counted; B unknown
    assert table.loc[2012].tolist() == [1, 1, 0, 0]


def test_a_year_given_as_text_gets_a_clear_message_not_a_numpy_error():
    with pytest.raises(namlib.NamlibError, match="A year is a whole number without quotes, such as 2019"):
        namlib.count_in("2019")
    with pytest.raises(namlib.NamlibError, match="you gave list"):
        namlib.members_in([2019])
    assert namlib.count_in(np.int64(2019)).to_dict() == namlib.count_in(2019.0).to_dict()


def test_count_in_gives_the_stated_total_for_every_reproduced_summit_year():
    counts = namlib.load("member_counts")
    summits = counts[counts["summit_number"].notna()]
    assert sorted(summits["summit_number"].astype(int)) == list(range(1, 20)), "one stated membership per summit"
    reproduced = summits[summits["reproduced"].astype(bool)]
    assert len(reproduced) >= 10
    for _, row in reproduced.iterrows():
        year, status = int(row["year"]), str(row["status"])
        assert count_in(year)[status] == row["count"], f"summit {row['summit_number']} ({year}): {row['source_id']}"
    for _, row in summits[~summits["reproduced"].astype(bool)].iterrows():
        assert count_in(int(row["year"]))[str(row["status"])] != row["count"], "a gap that is no longer one: mark it"


def test_burma_left_in_1979_and_myanmar_rejoined_in_1992():
    names = {year: set(members_in(year).query("status == 'member'")["name"]) for year in (1978, 1979, 1991, 1992)}
    assert "Burma" in names[1978] and "Burma" not in names[1979]
    assert not {"Burma", "Myanmar"} & names[1991]
    assert "Myanmar" in names[1992] and "Burma" not in names[1992]
