"""The result of checking an answer: :class:`Feedback`, with one of five statuses.

======================  ==================================  ===========================
status                  shown as                            when
======================  ==================================  ===========================
``correct``             ``✔ Correct``                       the answer is right
``incorrect``           ``✘ Not yet``                       wrong, with feedback
``not_attempted``       ``… Not attempted yet``             ``...``, ``None`` or the starter
``invalid``             ``? Check the type``                the wrong kind of value
``open``                ``✎ Discussion question``           open questions, never graded
======================  ==================================  ===========================

Example:
    >>> Feedback("correct", "Six sevens are forty-two.", "00.1")
    ✔ Correct · 00.1
    Six sevens are forty-two.
    >>> inline_html("Use `len(df)`")
    'Use <code>len(df)</code>'
"""

from __future__ import annotations

import html
import re

STATUSES = {
    "correct": ("✔", "Correct", "#009e73", "#eef8f4"),
    "incorrect": ("✘", "Not yet", "#d55e00", "#fdf1ea"),
    "not_attempted": ("…", "Not attempted yet", "#7f7f7f", "#f5f5f5"),
    "invalid": ("?", "Check the type", "#e69f00", "#fdf6e6"),
    "open": ("✎", "Discussion question", "#0072b2", "#eaf3fa"),
}


def inline_html(text: str) -> str:
    """Escape text for HTML, turning `code` into <code> and blank lines into paragraph breaks.

    Example:
        >>> inline_html("Use `len(df)` & <b>")
        'Use <code>len(df)</code> &amp; &lt;b&gt;'
    """
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return escaped.replace("\n\n", "<br><br>").replace("\n", "<br>")


class Feedback:
    """The result of checking an answer: ``status``, ``message`` and the exercise id.

    ``bool(feedback)`` is True only when the answer is correct. In a notebook it
    shows as a coloured box with a symbol; its text form starts with the symbol
    and the status (``✔ Correct``, ``✘ Not yet``...).

    Example:
        >>> fb = Feedback("incorrect", "Your number is too high.", "00.1")
        >>> fb
        ✘ Not yet · 00.1
        Your number is too high.
        >>> bool(fb), fb.label
        (False, 'Not yet')
    """

    __slots__ = ("status", "message", "exercise_id")

    def __init__(self, status: str, message: str, exercise_id: str | None = None):
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        self.status = status
        self.message = message
        self.exercise_id = exercise_id

    @property
    def symbol(self) -> str:
        return STATUSES[self.status][0]

    @property
    def label(self) -> str:
        return STATUSES[self.status][1]

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        head = f"{self.symbol} {self.label}"
        if self.exercise_id:
            head += f" · {self.exercise_id}"
        return f"{head}\n{self.message}" if self.message else head

    __str__ = __repr__

    def _repr_html_(self) -> str:
        symbol, label, colour, background = STATUSES[self.status]
        ident = (
            f' <span style="color:#555;font-weight:normal">· exercise {html.escape(self.exercise_id)}</span>'
            if self.exercise_id
            else ""
        )
        return (
            f'<div class="namlib-feedback namlib-{self.status}" style="border-left:6px solid {colour};'
            f'background:{background};padding:6px 12px;margin:4px 0;color:#222">'
            f'<b style="color:{colour}">{symbol} {label}</b>{ident}'
            f'<div style="margin-top:2px">{inline_html(self.message)}</div></div>'
        )
