"""Figures, targets and verdicts: the rows of the bench table, and how they are printed."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

PASS, FAIL, INFO = "pass", "FAIL", "info"


@dataclass(frozen=True)
class Spread:
    """Median with min and max of repeated measurements."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def show(self, unit: str, scale: float = 1.0, digits: int = 0) -> str:
        def number(value: float) -> str:
            return f"{value * scale:.{digits}f}"

        if len(self.values) == 1:
            return f"{number(self.median)} {unit}"
        return (
            f"{number(self.median)} {unit} ({number(self.low)}–{number(self.high)}, "
            f"n={len(self.values)})"
        )


def ms(spread: Spread, digits: int = 0) -> str:
    return spread.show("ms", 1000, digits)


@dataclass
class Row:
    section: str
    name: str
    figure: str
    target: str
    verdict: str  # PASS, FAIL, INFO or "not measured: why"
    python: str = ""  # the interpreter's version, set by Report.add


def not_measured(section: str, name: str, target: str, why: str) -> Row:
    return Row(section, name, "—", target, f"not measured: {why}")


def verdict(ok: bool) -> str:
    return PASS if ok else FAIL


@dataclass
class Report:
    """Everything one bench run found: rows for the table, the commands it ran, and notes."""

    rows: list[Row] = field(default_factory=list)
    commands: dict[str, list[str]] = field(default_factory=dict)  # section -> commands
    notes: dict[str, list[str]] = field(default_factory=dict)  # section -> remarks
    python: str = ""  # the version of the Python that runs homecare and the references now

    def add(self, row: Row) -> None:
        row.python = row.python or self.python
        self.rows.append(row)
        print(f"  {row.name}: {row.figure}  [{row.verdict}]", flush=True)

    def command(self, section: str, text: str) -> None:
        if text not in self.commands.setdefault(section, []):
            self.commands[section].append(text)

    def note(self, section: str, text: str) -> None:
        if text not in self.notes.setdefault(section, []):  # once, however many Pythons ran it
            self.notes[section].append(text)

    def table(self) -> str:
        """For the terminal: two lines a row, the verdict first, so long figures stay readable."""
        lines = []
        for row in self.rows:
            head, _, why = row.verdict.partition(": ")
            lines.append(f"{head:<13} {row.section}: {row.name} (Python {row.python})")
            detail = why if why else f"{row.figure}   target: {row.target}"
            lines.append(f"{'':<13}   {detail}")
        return "\n".join(lines)

    def markdown_table(self) -> str:
        lines = [
            "| measure | Python | figure | target | result |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in self.rows:
            cells = (f"{row.section}: {row.name}", row.python, row.figure, row.target, row.verdict)
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        return "\n".join(lines)

    def failures(self) -> list[Row]:
        return [row for row in self.rows if row.verdict == FAIL]
