"""What :func:`namlib.validation.validate` returns: the problems found, the known gaps, the balance of sources."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as possible."""

    file: str
    line: int | None
    field: str | None
    reason: str
    check: str

    def __str__(self) -> str:
        where = ", ".join(
            p
            for p in (
                self.file,
                f"line {self.line}" if self.line else None,
                f"field {self.field}" if self.field else None,
            )
            if p
        )
        return f"{where}: {self.reason} [{self.check}]"


@dataclass
class Report:
    """The result of :func:`validate`: ``ok``, the ``problems`` and a count of checks."""

    folder: str
    tables: int = 0
    rows: int = 0
    checks: int = 0
    problems: list[Problem] = field(default_factory=list)
    note: str = ""  # a line after the problems: what to do first
    gaps: list[Problem] = field(default_factory=list)  # known gaps: reported, not failures
    un_gaps: list[Problem] = field(default_factory=list)  # UN totals un_members does not reproduce: not failures
    balance: Balance | None = None  # share of rows per source origin

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_frame(self) -> pd.DataFrame:
        """The problems as a DataFrame (file, line, field, reason, check)."""
        return pd.DataFrame([p.__dict__ for p in self.problems], columns=["file", "line", "field", "reason", "check"])

    def __str__(self) -> str:
        if self.ok:
            lines = [f"The dataset is valid: {self.tables} tables, {self.rows} rows, {self.checks} checks passed."]
            if self.gaps:
                lines.append(
                    f"Known gaps, not failures: {len(self.gaps)} membership counts that members.csv does not "
                    "reproduce (reproduced = false):"
                )
                lines += [f"  {p}" for p in self.gaps]
            if self.un_gaps:
                lines.append(
                    f"Known gaps, not failures: {len(self.un_gaps)} UN membership totals that un_members.csv does not "
                    "reproduce (reproduced = false):"
                )
                lines += [f"  {p}" for p in self.un_gaps]
            if self.balance is not None:
                lines += self.balance.lines()
            return "\n".join(lines)
        lines = [f"The dataset has {len(self.problems)} problem(s):"]
        lines += [f"  {p}" for p in self.problems]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


@dataclass
class Balance:
    """Share of rows per source origin: for all rows that cite a source, and for the chairmanship years.

    A row counts under the origin of its own ``source_id`` (its main source). ``origins`` lists every
    value the schema allows, so a share of 0 is shown, not left out.

    Example:
        >>> from namlib.validation import validate
        >>> balance = validate(schema=False).balance
        >>> sorted(balance.shares("chairmanship")) == sorted(balance.origins)
        True
    """

    origins: tuple[str, ...]
    counts: dict[str, dict[str, int]]  # scope ("all", "chairmanship") -> origin -> rows
    period: tuple[pd.Timestamp, pd.Timestamp] | None = None  # the chairmanship's start and end

    def total(self, scope: str = "all") -> int:
        return sum(self.counts[scope].values())

    def shares(self, scope: str = "all") -> dict[str, float]:
        """Origin -> share of the rows in ``scope`` ("all" or "chairmanship"); the shares add up to 1."""
        total = self.total(scope)
        return {o: (self.counts[scope][o] / total if total else 0.0) for o in self.origins}

    def to_frame(self) -> pd.DataFrame:
        """One row per origin: rows and share for all rows and for the chairmanship years."""
        frame = pd.DataFrame({"origin": list(self.origins)})
        for scope in self.counts:
            frame[f"rows_{scope}"] = [self.counts[scope][o] for o in self.origins]
            frame[f"share_{scope}"] = [self.shares(scope)[o] for o in self.origins]
        return frame

    def lines(self) -> list[str]:
        titles = {"all": f"Sources by origin, all {self.total('all')} rows with a source"}
        if self.period is not None and "chairmanship" in self.counts:
            start, end = (f"{d:%Y-%m-%d}" for d in self.period)
            titles["chairmanship"] = (
                f"Sources by origin, events and documents of the chairmanship, {start} to {end} "
                f"({self.total('chairmanship')} rows)"
            )
        out = []
        for scope, title in titles.items():
            shares = sorted(self.shares(scope).items(), key=lambda item: (-item[1], self.origins.index(item[0])))
            out.append(f"{title}: " + ", ".join(f"{origin} {share:.1%}" for origin, share in shares))
        return out
