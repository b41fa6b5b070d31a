"""What a corrections file holds once read, and what applying it did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Correction:
    """One checked entry of a corrections file: an operation, its targets and values, where it was written."""

    op: str
    values: dict[str, Any]
    correction_id: str
    note: str | None
    source: str  # the file, as named to the user
    index: int  # 1-based position in the file
    line: int | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    @property
    def where(self) -> str:
        """The entry as a person finds it: file, entry number, line, and its id."""
        line = f", line {self.line}" if self.line else ""
        return f"{self.source}, entry {self.index}{line} ({self.op}, id {self.correction_id})"


@dataclass(frozen=True)
class Problem:
    """An entry that was not applied, and why."""

    where: str
    reason: str
    correction_id: str | None = None
    stale: bool = False  # well formed, but its target is gone or it no longer changes anything

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Corrections:
    """Every well-formed entry in file order, the malformed ones as problems, and the files read."""

    entries: list[Correction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass
class CorrectionsReport:
    """What applying corrections did: the entries applied (with what they changed) and those not applied."""

    applied: list[tuple[Correction, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def not_applied(self) -> list[Problem]:
        return self.problems

    def summary(self) -> str:
        if not self.applied and not self.problems:
            return ""
        text = f"Corrections: {len(self.applied)} applied"
        return text + (f", {len(self.problems)} not applied:" if self.problems else "")

    def lines(self) -> list[str]:
        """The summary, then each entry not applied with its reason (for the build summary on stderr)."""
        head = self.summary()
        return ([head] if head else []) + [f"  not applied: {problem}" for problem in self.problems]

    def as_json(self) -> dict:
        return {"files": self.files,
                "applied": [{"id": c.correction_id, "op": c.op, "where": c.where, "change": what}
                            for c, what in self.applied],
                "not_applied": [{"id": p.correction_id, "where": p.where, "reason": p.reason, "stale": p.stale}
                                for p in self.problems]}
