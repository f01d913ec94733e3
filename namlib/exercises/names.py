"""Other names a text answer may use for a country: the official long forms.

A student who writes "Republic of Azerbaijan" where the answer is "Azerbaijan"
is right. Every text exercise accepts these forms for any expected answer that
is one of the keys, so two exercises never disagree about the same name. The
long forms are the ones in the United Nations' list of member states (UN
Protocol and Liaison Service, "Member States", formal names) and the UNTERM
country names; keep to those when adding one.

Example:
    >>> "Republic of Azerbaijan" in LONG_NAMES["Azerbaijan"]
    True
"""

from __future__ import annotations

LONG_NAMES: dict[str, tuple[str, ...]] = {
    "Algeria": ("People's Democratic Republic of Algeria",),
    "Azerbaijan": ("Republic of Azerbaijan",),
    "Colombia": ("Republic of Colombia",),
    "Cuba": ("Republic of Cuba",),
    "Egypt": ("Arab Republic of Egypt",),
    "India": ("Republic of India",),
    "Indonesia": ("Republic of Indonesia",),
    "Iran": ("Islamic Republic of Iran", "Iran (Islamic Republic of)"),
    "Malaysia": ("Malaysia",),
    "Serbia": ("Republic of Serbia",),
    "South Africa": ("Republic of South Africa",),
    "Sri Lanka": ("Democratic Socialist Republic of Sri Lanka",),
    "Uganda": ("Republic of Uganda",),
    "Venezuela": ("Bolivarian Republic of Venezuela", "Venezuela (Bolivarian Republic of)"),
    "Zambia": ("Republic of Zambia",),
    "Zimbabwe": ("Republic of Zimbabwe",),
}
