"""Problems found in a routine file, and the one error type that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass

from homecare.base.errors import UserError


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``severity="error"``) or worth a second look (``"warning"``).

    Located by file, step (1-based number and display name), field and, for syntax errors,
    line and column, so a clinician can go straight to it.
    """

    file: str
    message: str
    step: int | None = None
    step_name: str | None = None
    field: str | None = None
    line: int | None = None
    column: int | None = None
    severity: str = "error"
    stage: int | None = None  # a staged routine's stage (1-based), for its steps and fields
    stage_name: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        if self.stage is not None:
            where += f", stage {self.stage}"
            if self.stage_name:
                where += f" ({self.stage_name})"
        if self.step is not None:
            where += f", step {self.step}"
            if self.step_name:
                where += f" ({self.step_name})"
        if self.field is not None:
            where += f", field {self.field}"
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{self.message}"


class RoutineError(UserError):
    """A routine file that cannot be used, with every problem found (not only the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
