"""Facts about the dataset that the domain checks rely on (the parties, the chairmanship, UN observers)."""

from __future__ import annotations

import re

import pandas as pd

#: The origins (sources.origin) that speak for one of the two parties to the Armenia-Azerbaijan dispute.
PARTY_ORIGINS = frozenset(
    {"party_government_armenia", "party_government_azerbaijan", "party_media_armenia", "party_media_azerbaijan"}
)

#: Azerbaijan's chairmanship: from the Baku summit to the handover in Kampala (chairmanships AZE-2019).
CHAIRMANSHIP = (pd.Timestamp("2019-10-25"), pd.Timestamp("2024-01-19"))

#: NAM members and observers that are not UN member states: non-member observer states of the UN General
#: Assembly. Every other iso3 in members.csv must have a row in un_members.
NOT_UN_MEMBERS = {"PSE": "Palestine", "VAT": "Holy See (Vatican City)"}

#: Joins the values of a composite primary key in row_sources.key and discrepancies.related_key.
KEY_SEPARATOR = "|"

ISO3 = re.compile(r"^[A-Z]{3}$")
