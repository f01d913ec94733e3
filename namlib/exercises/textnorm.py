"""Text in a form that ignores case, accents, spacing and punctuation.

Used by the ``text`` kind, by choices given as the option's text, and by the items of
sets and lists.

Example:
    >>> normalise_text("  The Non-Aligned   MOVEMENT! ")
    'non aligned movement'
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans(
    {
        "ə": "e",
        "Ə": "e",
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "&": " and ",
    }
)


def normalise_text(text: str) -> str:
    """Text in a form that ignores case, accents, spacing and punctuation (and a leading "the").

    Example:
        >>> normalise_text("  The Non-Aligned   MOVEMENT! ")
        'non aligned movement'
        >>> normalise_text("Bakı") == normalise_text("baki"), normalise_text("Baku") == normalise_text(" BAKU.")
        (True, True)
        >>> normalise_text("Côte d’Ivoire") == normalise_text("Cote d'Ivoire")
        True
    """
    text = unicodedata.normalize("NFKD", str(text).translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`ʼ]", "", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)
