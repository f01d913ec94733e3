"""Taught before used: which Python and pandas each lesson teaches, and where it is first used.

Each lesson declares what it teaches in its notebook metadata::

    "metadata": {"namlib": {"teaches": [".isin", "~"], "shows": ["namlib.plots.timeline", "[[...]]"]}}

``teaches`` is what the lesson teaches and has students practise (each is used by the worked
solution of one of its write-the-code exercises); ``shows`` is what it explains and uses without
an exercise of its own (a plot function, ``print``). Both count as taught for later lessons.

A *technique* is written the way :func:`techniques` reports it:

- a method or attribute as ``.name`` (``.isin``, ``.dt`` and ``.days`` for ``s.dt.days``);
- a function of a module as written with the lessons' usual names (``pd.cut``,
  ``namlib.load``, ``namlib.plots.timeline``) and a built-in function by its name (``len``);
- a keyword that changes what a method does as ``.name(keyword=)`` (``.merge(how=)``);
- an operator (``&``, ``|``, ``~``, ``//``, ``==``, ``<=``, ``in``, ``and``...);
- a column read as an attribute of a row (``row.city`` in a loop over ``.itertuples()``) as
  ``row.column``;
- a piece of syntax: ``=``, ``[...]`` (a list), ``[[...]]`` (a list of columns), ``[:]`` (a slice),
  ``{...}`` (a dict), ``f"..."``, ``lambda``, ``for``, ``if``, ``def``, ``import``.

:func:`problems` reads every code cell of every lesson, and every worked solution, setup,
question, hint, explanation and feedback message of its exercises (the code between
backticks), and reports each technique used before the lesson that teaches it. Wrong-method
code is left out: students never see it. A cell that shows something on purpose and explains
it there says so in its metadata, ``{"namlib": {"explains": [".explode"]}}``; the exercise
card cell ``namlib.exercise("NN.k")`` does the same for the text of that exercise.

Example:
    >>> sorted(techniques('summits[summits["year"] >= 1961][["city", "year"]].head()'))
    ['.head', '>=', '[[...]]']
    >>> sorted(techniques("s.dt.days // 365"))
    ['.days', '.dt', '//']
    >>> sorted(techniques_in_text("Use `.isin()`, then `~` to turn the mask round."))
    ['.isin', '~']
"""

from __future__ import annotations

import ast
import builtins
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from namlib.exercises.solutions import exercise_ids_in, notebook_paths

# Module names the lessons import; an attribute of one of them is a function of that module.
MODULES = ("pd", "np", "plt", "namlib")
# Keywords that change what a method does enough to be taught on their own.
KEYWORDS = frozenset(
    {
        "how",
        "validate",
        "indicator",
        "observed",
        "ascending",
        "na",
        "case",
        "normalize",
        "aggfunc",
        "margins",
        "errors",
        "bins",
        "labels",
        "right",
        "inclusive",
        "fill_value",
        "keep",
        "dropna",
        "on",
        "by",
        "subset",
    }
)
_OPERATORS: dict[type, str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**",
    ast.BitAnd: "&", ast.BitOr: "|", ast.Invert: "~", ast.Not: "not", ast.And: "and", ast.Or: "or",
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
}  # fmt: skip
_SYNTAX: dict[type, str] = {
    ast.Lambda: "lambda", ast.ListComp: "for", ast.GeneratorExp: "for", ast.SetComp: "for",
    ast.DictComp: "for", ast.For: "for", ast.If: "if", ast.IfExp: "if", ast.FunctionDef: "def",
    ast.JoinedStr: 'f"..."', ast.Dict: "{...}", ast.Slice: "[:]", ast.Import: "import",
    ast.ImportFrom: "import", ast.Assign: "=", ast.Try: "try",
}  # fmt: skip
_OPERATOR_TOKENS = frozenset(_OPERATORS.values())
_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


@functools.cache
def _field_names() -> frozenset[str]:
    """Every column name of the dataset, from ``datapackage.json``."""
    from namlib.descriptor import tables_in
    from namlib.loading import data_dir

    return frozenset(field.name for table in tables_in(data_dir()).values() for field in table.fields)


def _dotted(node: ast.AST) -> str | None:
    """``pd.cut`` for the node of ``pd.cut``; None when the chain does not start at a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: set[str] = set()

    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = _dotted(node)
        if dotted and dotted.split(".")[0] in MODULES:
            self.found.add(dotted)  # pd.cut, namlib.plots.timeline: the whole name, not each part
            return
        if isinstance(node.value, ast.Name) and node.attr in _field_names():
            self.found.add("row.column")  # row.city in a loop over .itertuples(): one idea, not one per column
        else:
            self.found.add("." + node.attr)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in _BUILTINS:
            self.found.add(node.func.id)
        if isinstance(node.func, ast.Attribute):
            dotted = _dotted(node.func)
            name = dotted if dotted and dotted.split(".")[0] in MODULES else "." + node.func.attr
            for keyword in node.keywords:
                if keyword.arg in KEYWORDS:
                    self.found.add(f"{name}({keyword.arg}=)")
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.slice, ast.List):
            self.found.add("[[...]]")  # df[["a", "b"]]: a list of columns
            for element in node.slice.elts:
                self.visit(element)
            self.visit(node.value)
            return
        self.generic_visit(node)

    def visit_List(self, node: ast.List) -> None:
        self.found.add("[...]")
        self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        for kind, token in _SYNTAX.items():
            if isinstance(node, kind):
                self.found.add(token)
        for attr in ("op", "ops"):
            ops = getattr(node, attr, None)
            for op in ops if isinstance(ops, list) else [ops] if ops is not None else []:
                operator = _OPERATORS.get(type(op))
                if operator and not (isinstance(node, ast.UnaryOp) and operator == "-"):
                    self.found.add(operator)
        super().generic_visit(node)


def _parse(code: str) -> ast.AST | None:
    try:
        return ast.parse(code)
    except SyntaxError:
        return None


def techniques(code: str) -> set[str]:
    """The techniques a piece of code uses (see the module's docstring for how each is written).

    Code that does not parse (a cell that shows a SyntaxError on purpose) uses nothing.

    Example:
        >>> sorted(techniques('members.merge(events, on="iso3", how="left")'))
        ['.merge', '.merge(how=)', '.merge(on=)']
    """
    tree = _parse(code)
    if tree is None:
        return set()
    finder = _Finder()
    finder.visit(tree)
    return finder.found


def techniques_in_text(text: str) -> set[str]:
    """The techniques named in the code spans (between backticks) of a hint or message.

    A span that is not Python on its own (``.item()``, ``how=``) is read as part of a call.

    Example:
        >>> sorted(techniques_in_text("Add `how=\\"left\\"` to `.merge()`; compare with `len(df)`."))
        ['.merge', 'len']
    """
    found: set[str] = set()
    for span in _CODE_SPAN.findall(text):
        span = span.strip()
        if span in _OPERATOR_TOKENS:
            found.add(span)  # `~` or `&` named on its own
            continue
        for attempt in (span, "x" + span, f"f({span})"):
            tree = _parse(attempt)
            if tree is not None:
                finder = _Finder()
                finder.visit(tree)
                found |= finder.found - {"="}  # a span such as `a = 1` is an example, not an assignment taught
                break
    return found


@dataclass
class Use:
    """One place that uses techniques: a cell of a lesson or a field of one of its exercises."""

    lesson: str
    where: str
    techniques: set[str]
    explains: set[str] = field(default_factory=set)


@dataclass
class Lesson:
    number: str
    path: Path
    teaches: list[str]
    uses: list[Use]
    shows: list[str] = field(default_factory=list)

    @property
    def declared(self) -> list[str]:
        """Everything the lesson teaches or shows: what later lessons may use."""
        return [*self.teaches, *self.shows]


def _namlib_metadata(metadata: dict) -> dict:
    value = metadata.get("namlib", {})
    return value if isinstance(value, dict) else {}


def _first_line(source: str) -> str:
    line = next((line for line in source.splitlines() if line.strip()), "")
    return line if len(line) <= 60 else line[:57] + "..."


def read_lesson(path: Path, bank: str | Path | None = None) -> Lesson:
    """A lesson's declared techniques and every place it uses one (cells and exercise fields)."""
    from namlib.exercises.bank import load_bank

    nb = nbformat.read(path, as_version=4)
    number = path.name[:2]
    uses: list[Use] = []
    card_explains: dict[str, set[str]] = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        explains = set(_namlib_metadata(cell.metadata).get("explains", []))
        for exercise_id in exercise_ids_in({"cells": [cell]}):
            card_explains[exercise_id] = explains
        where = f"{path.name} cell {index + 1} ({_first_line(cell.source)})"
        uses.append(Use(number, where, techniques(cell.source), explains))
    for spec in load_bank(bank).values():
        if spec.lesson != number:
            continue
        explains = card_explains.get(spec.id, set())
        uses.extend(Use(number, f"exercise {spec.id} {part}", found, explains) for part, found in _exercise_uses(spec))
    declared = _namlib_metadata(nb.metadata)
    return Lesson(number, path, list(declared.get("teaches", [])), uses, list(declared.get("shows", [])))


def _exercise_uses(spec) -> Iterator[tuple[str, set[str]]]:
    for key in ("solution", "setup"):
        code = spec.secret(key) if key == "solution" else spec.setup
        if code:
            yield key, techniques(code)
    # A wrong method's code is never shown to a student; the message about it is.
    for number, entry in enumerate(spec.feedback, start=1):
        yield f"feedback {number}", techniques_in_text(str(entry.get("message", "")))
    texts = {"question": spec.question, "explanation": spec.explanation}
    texts |= {f"hint {n}": hint for n, hint in enumerate(spec.hints, start=1)}
    for part, text in texts.items():
        yield part, techniques_in_text(text)


def read_lessons(folder: str | Path, bank: str | Path | None = None) -> list[Lesson]:
    """Every lesson of a folder, in order (see :func:`read_lesson`)."""
    return [read_lesson(path, bank) for path in notebook_paths(folder)]


def taught_in(lessons: Iterable[Lesson]) -> dict[str, str]:
    """Technique -> the first lesson that declares it."""
    first: dict[str, str] = {}
    for lesson in lessons:
        for technique in lesson.declared:
            first.setdefault(technique, lesson.number)
    return first


def problems(lessons: list[Lesson]) -> list[str]:
    """Every use of a technique before the lesson that teaches it, and every technique no lesson teaches.

    Example:
        >>> one = Lesson("01", Path("01-a.ipynb"), ["=", ".head"], [Use("01", "cell 2", {"=", ".head"})])
        >>> two = Lesson("02", Path("02-b.ipynb"), ["&"], [Use("02", "cell 3", {"&", ".explode"})])
        >>> early = Use("01", "cell 5", {"&"})
        >>> one.uses.append(early)
        >>> for line in problems([one, two]): print(line)
        cell 5 uses `&`, taught only in lesson 02: rewrite it, or explain it there and add it to namlib.explains
        cell 3 uses `.explode`, which no lesson teaches: add it to namlib.teaches or shows of the lesson explaining it
        >>> early.explains.add("&")
        >>> len(problems([one, two]))
        1
    """
    first = taught_in(lessons)
    found = []
    for lesson in lessons:
        for use in lesson.uses:
            for technique in sorted(use.techniques - use.explains):
                where = first.get(technique)
                if where is None:
                    found.append(
                        f"{use.where} uses `{technique}`, which no lesson teaches:"
                        " add it to namlib.teaches or shows of the lesson explaining it"
                    )
                elif where > lesson.number:
                    found.append(
                        f"{use.where} uses `{technique}`, taught only in lesson {where}:"
                        " rewrite it, or explain it there and add it to namlib.explains"
                    )
    return found


def practised(number: str, kinds: Iterable[str] | None = None, bank: str | Path | None = None) -> set[str]:
    """The techniques the worked solutions of a lesson's graded exercises use (of the given kinds)."""
    from namlib.exercises.bank import load_bank

    found: set[str] = set()
    for spec in load_bank(bank).values():
        if spec.lesson == number and spec.kind != "open" and (kinds is None or spec.kind in kinds):
            found |= techniques(spec.secret("solution") or "")
    return found


def first_uses(lessons: list[Lesson]) -> dict[str, tuple[str, str]]:
    """Technique -> (lesson, place) of its first use in the series: what to declare, and where."""
    first: dict[str, tuple[str, str]] = {}
    for lesson in lessons:
        for use in lesson.uses:
            for technique in sorted(use.techniques - use.explains):
                first.setdefault(technique, (lesson.number, use.where))
    return first


def report(folder: str | Path, bank: str | Path | None = None) -> tuple[str, bool]:
    """The ``python -m namlib curriculum`` report: what each lesson teaches, then the problems."""
    lessons = read_lessons(folder, bank)
    lines = []
    for lesson in lessons:
        lines.append(f"{lesson.path.name}: teaches {', '.join(lesson.teaches) or '(nothing declared)'}")
        if lesson.shows:
            lines.append(f"    and shows {', '.join(lesson.shows)}")
    found = problems(lessons)
    lines.append("")
    lines += found or ["Every technique is taught before it is used."]
    return "\n".join(lines), not found
