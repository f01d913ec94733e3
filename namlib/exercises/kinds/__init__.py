"""The answer kinds, one module each, and the one place that lists them: :data:`KINDS`.

===========  ======================  =====================================================
kind         module                  a right answer is
===========  ======================  =====================================================
``number``   ``kinds/number.py``     a number (within ``tolerance``; days as a Timedelta)
``text``     ``kinds/text.py``       a short text (case, accents, punctuation ignored)
``date``     ``kinds/date.py``       a date, as text in any clear form or a date value
``month``    ``kinds/month.py``      a month and year
``choice``   ``kinds/choice.py``     the letter (or text) of one of the ``options``
``set``      ``kinds/set.py``        a collection, in any order
``list``     ``kinds/list.py``       a collection, in order
``order``    ``kinds/order.py``      all the ``options``, in order
``series``   ``kinds/series.py``     a pandas Series
``frame``    ``kinds/frame.py``      a pandas DataFrame
``open``     ``kinds/open.py``       a discussion question: never graded
===========  ======================  =====================================================

Each module holds its kind's reading of an answer, its comparison and messages, the bank
rules its schema cannot say and the right-answer variants it accepts; its bank fields are its
JSON Schema, ``namlib/exercises/schemas/NAME.schema.json``. :mod:`namlib.exercises.kinds.base`
says what a kind provides. To add a kind, write its module and its schema and add it to
:data:`KINDS` (see CONTRIBUTING.md, "Adding an answer kind").

Example:
    >>> tuple(KINDS)[:4]
    ('number', 'text', 'date', 'month')
    >>> kind_of("date").phrase_text
    "a date, e.g. 'YYYY-MM-DD' in quotes"
"""

from __future__ import annotations

# The modules are named after their kinds, so importing them binds `set`, `list` and `open`
# in this file to those modules: do not use the builtins of those names here.
from namlib.exercises.kinds.base import BankTable, Kind, Variant
from namlib.exercises.kinds.choice import Choice
from namlib.exercises.kinds.date import Date
from namlib.exercises.kinds.frame import Frame
from namlib.exercises.kinds.list import List
from namlib.exercises.kinds.month import Month
from namlib.exercises.kinds.number import Number
from namlib.exercises.kinds.open import Open
from namlib.exercises.kinds.order import Order
from namlib.exercises.kinds.series import Series
from namlib.exercises.kinds.set import Set
from namlib.exercises.kinds.text import Text

# kind name (as the bank writes it) -> its class. In this order in messages and docs.
KINDS: dict[str, type[Kind]] = {
    kind.name: kind for kind in (Number, Text, Date, Month, Choice, Set, List, Order, Series, Frame, Open)
}


def kind_of(name: str) -> type[Kind]:
    """The class of the kind ``name`` (a KeyError for an unknown kind: the bank refuses those)."""
    return KINDS[name]


__all__ = ["KINDS", "BankTable", "Kind", "Variant", "kind_of"]
