"""A message shown in the notebook: a hint, a worked solution, a note (:class:`Note`).

In text it is a heading and its text; in a notebook, a coloured box with code blocks and,
where given, a folded part the student opens (an example answer read after one's own).

Example:
    >>> print(Note("Solution · 00.1", "", [("Code", "answer = 6 * 7", True)], style="solution"))
    Solution · 00.1
    <BLANKLINE>
    Code:
        answer = 6 * 7
"""

from __future__ import annotations

import html

from namlib.exercises.feedback import Feedback, inline_html


class Note:
    """A message shown in the notebook: a heading, some text and optional code blocks.

    Example:
        >>> Note("Hint 1 of 2", "Count the rows.")
        Hint 1 of 2: Count the rows.
    """

    COLOURS = {"hint": "#56b4e9", "solution": "#009e73", "info": "#7f7f7f", "card": "#0072b2"}

    def __init__(
        self,
        heading: str,
        text: str = "",
        blocks: list[tuple[str, str, bool]] | None = None,
        style: str = "hint",
        feedback: Feedback | None = None,
        details: tuple[str, str] | None = None,
    ):
        self.heading = heading
        self.details = details  # (summary, text): folded in a notebook, written out in text
        self.text = text
        self.blocks = blocks or []  # (title, body, is_code)
        self.style = style
        self.feedback = feedback  # shown above the note: a hint keeps the last feedback in view

    def __repr__(self) -> str:
        note = self._text()
        return f"{self.feedback!r}\n\n{note}" if self.feedback is not None else note

    def _text(self) -> str:
        if not self.blocks and not self.details:
            return f"{self.heading}: {self.text}" if self.text else self.heading
        lines = [self.heading]
        if self.text:
            lines.append(self.text)
        for title, body, is_code in self.blocks:
            lines.append("")
            if title:
                lines.append(f"{title}:")
            lines += [("    " + line if is_code and line else line) for line in body.rstrip("\n").split("\n")]
        if self.details:
            lines += ["", f"{self.details[0]}:", self.details[1]]
        return "\n".join(lines)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        colour = self.COLOURS.get(self.style, "#7f7f7f")
        parts = [
            self.feedback._repr_html_() if self.feedback is not None else "",
            f'<div class="namlib-note namlib-{self.style}" style="border-left:6px solid {colour};'
            f'padding:6px 12px;margin:4px 0;background:#f7f9fb;color:#222">',
            f"<b>{html.escape(self.heading)}</b>",
        ]
        if self.text:
            parts.append(f'<div style="margin-top:2px">{inline_html(self.text)}</div>')
        for title, body, is_code in self.blocks:
            if title:
                parts.append(f'<div style="margin-top:6px"><b>{html.escape(title)}</b></div>')
            if is_code:
                parts.append(
                    '<pre style="background:#eef1f4;padding:6px;margin:2px 0;white-space:pre-wrap">'
                    f"{html.escape(body.rstrip())}</pre>"
                )
            else:
                parts.append(f"<div>{inline_html(body.strip())}</div>")
        if self.details:
            summary, body = self.details
            parts.append(
                f'<details style="margin-top:6px"><summary><b>{html.escape(summary)}</b></summary>'
                f"<div>{inline_html(body.strip())}</div></details>"
            )
        parts.append("</div>")
        return "".join(parts)
