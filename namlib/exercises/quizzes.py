"""Multiple-choice and ordering questions as ipywidgets, with a plain-text fallback.

``namlib.quiz("03.7")`` returns a :class:`Quiz`. In JupyterLab it shows radio buttons (a
choice) or one dropdown per position (an order) and a Check button whose feedback comes
from the same check as the answer cell; a click is remembered as this exercise's answer.
Wherever widgets cannot render (nbconvert HTML, nbval, a console) the same object shows as
one line saying how to answer (``answer = "B"`` in the answer cell): the card above it
already shows the question and its options. ipywidgets is imported only here.

Example:
    >>> from namlib.exercises import Exercise
    >>> ex = Exercise.from_dict({"id": "00.2", "kind": "choice", "title": "Colours",
    ...     "question": "Which of these is a colour?", "options": ["Seven", "Green", "Paris"],
    ...     "answer": "B", "solution": "answer = 'B'", "explanation": "Green is a colour."})
    >>> quiz = ex.quiz()
    >>> print(quiz)  # doctest: +NORMALIZE_WHITESPACE
    Quiz 00.2 · Colours: the buttons appear when you run this cell in JupyterLab;
    the question and its options are on the card above.
    Or answer in the answer cell below: answer = "B" (the letter of your choice).
    >>> quiz.select("B").status
    'correct'
"""

from __future__ import annotations

import html
from typing import Any, Protocol

from namlib.exercises.describe import letter
from namlib.exercises.feedback import Feedback, inline_html
from namlib.exercises.memory import remember_quiz_answer
from namlib.exercises.spec import ExerciseSpec


class Exercise(Protocol):
    """What a quiz needs of its exercise (:class:`namlib.exercises.Exercise` has it)."""

    @property
    def spec(self) -> ExerciseSpec: ...

    def check(self, answer: Any = ...) -> Feedback: ...


WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class Quiz:
    """A quiz for one choice or order exercise: a widget when possible, text always.

    Attributes (``None`` when ipywidgets is not installed): ``widget`` (the whole
    box), ``selector`` (RadioButtons, for a choice), ``dropdowns`` (one per
    position, for an order), ``button`` and ``feedback`` (an HTML widget).
    ``last_feedback`` is the :class:`Feedback` of the last Check.
    """

    def __init__(self, exercise: Exercise):
        self.exercise = exercise
        self.spec = exercise.spec
        self.last_feedback: Feedback | None = None
        # ipywidgets objects (ipywidgets ships no type information), None without it.
        self.widget: Any = None
        self.selector: Any = None
        self.button: Any = None
        self.feedback: Any = None
        self.dropdowns: list = []
        try:
            import ipywidgets
        except ImportError:
            ipywidgets = None
        if ipywidgets is not None:
            self._build(ipywidgets)

    # -- the widget
    def _build(self, widgets) -> None:
        spec = self.spec
        labels = [(f"{letter(i)}. {option}", letter(i)) for i, option in enumerate(spec.options)]
        # The card right above shows the question and its options: the buttons do not repeat them.
        header = widgets.HTML(f"<b>Answer {html.escape(spec.id)} with the buttons</b> · {html.escape(spec.title)}")
        if spec.kind == "choice":
            self.selector = widgets.RadioButtons(options=labels, value=None, layout=widgets.Layout(width="auto"))
            self.selector.observe(self._clear, names="value")
            inputs = [self.selector]
        else:
            self.dropdowns = []
            for position in range(len(spec.options)):
                dropdown = widgets.Dropdown(
                    options=labels,
                    value=None,
                    description=f"{position + 1}.",
                    layout=widgets.Layout(width="auto"),
                    style={"description_width": "2.5em"},
                )
                dropdown.observe(self._clear, names="value")
                self.dropdowns.append(dropdown)
            inputs = [
                widgets.HTML("<i>Put the options in order: choose one for each position.</i>"),
                *self.dropdowns,
            ]
        self.button = widgets.Button(description="Check", button_style="primary", icon="check")
        self.button.on_click(self._on_click)
        self.feedback = widgets.HTML(value="")
        self.widget = widgets.VBox([header, *inputs, self.button, self.feedback])

    def _clear(self, _change: Any = None) -> None:
        if self.feedback is not None:
            self.feedback.value = ""

    def selection(self) -> Any:
        """What the widget currently says: a letter (choice) or a list of letters/None (order)."""
        if self.selector is not None:
            return self.selector.value
        return [dropdown.value for dropdown in self.dropdowns]

    def check_selection(self) -> Feedback:
        """Check what is selected in the widget, with the exercise's own ``check``."""
        value = self.selection()
        if self.spec.kind == "choice" and value is None:
            return Feedback("not_attempted", "Choose an option, then press Check.", self.spec.id)
        if self.spec.kind == "order" and (not value or any(v is None for v in value)):
            return Feedback("not_attempted", "Choose an option for every position, then press Check.", self.spec.id)
        return self.exercise.check(value)

    def _on_click(self, _button: Any = None) -> None:
        feedback = self.check_selection()
        self.last_feedback = feedback
        if feedback.status != "not_attempted":
            remember_quiz_answer(self.spec.id, self.selection())
        if self.feedback is not None:
            self.feedback.value = feedback._repr_html_()

    def select(self, value: Any) -> Feedback:
        """Set the selection (a letter, or a list of letters for an order) and press Check.

        Without ipywidgets this just checks ``value``.
        """
        if self.widget is None:
            self.last_feedback = self.exercise.check(value)
            return self.last_feedback
        if self.selector is not None:
            self.selector.value = value
        else:
            for dropdown, chosen in zip(self.dropdowns, value, strict=True):
                dropdown.value = chosen
        self.button.click()
        feedback = self.last_feedback
        if feedback is None:  # pragma: no cover - a click always sets it
            feedback = self.check_selection()
        return feedback

    # -- how it shows
    def how_to_answer(self) -> str:
        if self.spec.kind == "choice":
            return 'Or answer in the answer cell below: answer = "B" (the letter of your choice).'
        return (
            f"Or answer in the answer cell below with all {len(self.spec.options)} letters in your order, "
            'as one string: answer = "BDCA".'
        )

    def text(self) -> str:
        """Where buttons cannot show (a printed page, a console): how to answer, not the question again."""
        spec = self.spec
        return (
            f"Quiz {spec.id} · {spec.title}: the buttons appear when you run this cell in JupyterLab; "
            f"the question and its options are on the card above.\n{self.how_to_answer()}"
        )

    def html(self) -> str:
        spec = self.spec
        return (
            '<div class="namlib-quiz" style="border-left:6px solid #0072b2;padding:4px 12px;margin:4px 0;'
            'background:#f5f9fc;color:#222">'
            f"<b>Quiz {html.escape(spec.id)} · {html.escape(spec.title)}</b>: the buttons appear when you run "
            f"this cell in JupyterLab; the question and its options are on the card above. "
            f"{inline_html(self.how_to_answer())}</div>"
        )

    def __repr__(self) -> str:
        return self.text()

    __str__ = __repr__

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        bundle = {"text/plain": self.text(), "text/html": self.html()}
        if self.widget is not None:
            view = self.widget._repr_mimebundle_() or {}
            if WIDGET_MIME in view:
                bundle[WIDGET_MIME] = view[WIDGET_MIME]
        return bundle
