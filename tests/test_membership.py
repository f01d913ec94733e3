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


# --- UN membership -------------------------------------------------------------------------------------------


def un_member_on(row, day: pd.Timestamp) -> bool:
    """The UN rule in words: admitted by then, not yet left, not inside a gap."""
    if row["admitted"] > day:
        return False
    if pd.notna(row["left"]) and row["left"] <= day:
        return False
    return not (pd.notna(row["gap_start"]) and row["gap_start"] <= day < row["gap_end"])


@pytest.mark.parametrize("year", [1945, 1958, 1961, 1964, 1965, 1966, 1973, 1990, 1991, 1992, 1993, 2000, 2006, 2011])
def test_un_counts_match_the_rule(year):
    un = namlib.load("un_members")
    day = pd.Timestamp(f"{year}-12-31")
    expected = sum(un_member_on(row, day) for _, row in un.iterrows())
    table = namlib.un_membership_by_year(1945, 2025).set_index("year")
    assert table.loc[year, "un_members"] == expected


@pytest.mark.parametrize(
    ("year", "total"),
    [
        (1945, 51),
        (1950, 60),
        (1960, 99),
        (1970, 127),
        (1975, 144),
        (1980, 154),
        (1995, 185),
        (2001, 189),
        (2002, 191),
        (2011, 193),
        (2025, 193),
    ],
)
def test_un_membership_by_year_gives_the_stated_year_end_totals(year, total):
    table = namlib.un_membership_by_year(1945, 2025).set_index("year")
    assert table.loc[year, "un_members"] == total


def test_un_membership_by_year_shape_and_types():
    table = namlib.un_membership_by_year(1961, 1963)
    assert table.columns.tolist() == ["year", "un_members"]
    assert table["year"].tolist() == [1961, 1962, 1963] and str(table["un_members"].dtype) == "Int64"
    assert table["un_members"].tolist() == [104, 110, 113]
    with pytest.raises(namlib.NamlibError, match="without quotes"):
        namlib.un_membership_by_year("1961")


def test_continued_seats_and_gaps_are_counted_once():
    from namlib.membership import _un_members_on

    un = namlib.load("un_members")
    on = lambda day: set(un.loc[_un_members_on(un, [day])[0], "iso3"])  # noqa: E731
    assert {"SUN"} <= on("1991-12-23") and "RUS" not in on("1991-12-23")
    assert "RUS" in on("1991-12-24") and "SUN" not in on("1991-12-24")
    assert {"XTG", "XZN"} <= on("1964-04-25") and "TZA" not in on("1964-04-25")
    assert "TZA" in on("1964-04-26") and not {"XTG", "XZN"} & on("1964-04-26")
    assert "IDN" not in on("1966-01-01") and "IDN" in on("1966-09-28") and "IDN" in on("1964-12-31")
    assert "SYR" not in on("1960-01-01") and "EGY" in on("1960-01-01") and "SYR" in on("1961-10-13")


def test_nam_members_join_un_members_on_iso3_and_only_palestine_is_nam_only():
    members, un = namlib.load("members"), namlib.load("un_members")
    joined = members.merge(un, on="iso3", how="outer", indicator=True, suffixes=("", "_un"))
    nam_only = joined[(joined["_merge"] == "left_only") & joined["iso3"].notna()]
    assert set(nam_only.loc[nam_only["status"] == "member", "name"]) == {"Palestine"}
    assert set(nam_only["name"]) == {"Palestine", "Vatican City"}  # the two UN non-member observer states
    assert joined.loc[joined["name"] == "Yugoslavia", "_merge"].tolist() == ["both"]
    assert joined.loc[joined["name"] == "South Yemen", "_merge"].tolist() == ["both"]


def test_nam_share_of_the_un_can_be_computed_by_merging_on_year():
    nam = membership_by_year(1961, 2024)[["year", "member"]]
    both = nam.merge(namlib.un_membership_by_year(1961, 2024), on="year", validate="one_to_one")
    assert len(both) == 64 and (both["member"] < both["un_members"]).all()
    assert both.loc[both["year"] == 2011, ["member", "un_members"]].values.tolist() == [[120, 193]]


def test_the_observer_cut_off_is_read_from_the_descriptor(data_copy, monkeypatch):
    """datapackage.json's namlib.observers_known_from, not a number in the code, decides it."""
    import json

    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["namlib"]["observers_known_from"]["value"] = 2015
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    monkeypatch.setenv("NAMLIB_DATA", str(data_copy))
    table = namlib.membership_by_year(2014, 2015).set_index("year")
    assert table.loc[2014, "unknown_start"] > 0 and table.loc[2015, "unknown_start"] == 0
