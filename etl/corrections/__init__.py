"""Corrections an analyst writes by hand (docs/corrections.md), applied to every build's tables.

- `load`: read and check a corrections file or folder (`load_corrections`, `CorrectionsFileError`);
- `apply`: the operations, applied in file order (`apply_corrections`, pure: tables in, tables and a report out);
- `confidence`: how sure each fact is, from the tables (`add_confidence`);
- `review`: the least certain facts first, as ready-to-edit entries (`review_queue`, `format_queue`).

The build calls `correct_tables` once its tables are made; which corrections it applies is chosen with
`using` (the command line's `--corrections`), else the default file, `data/corrections.yaml`, when present.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from etl.corrections.apply import apply_corrections
from etl.corrections.confidence import add_confidence
from etl.corrections.load import CorrectionsFileError, load_corrections
from etl.corrections.model import Correction, Corrections, CorrectionsReport, Problem

if TYPE_CHECKING:
    from etl.output.tables import Tables
    from etl.text.days import WrittenDay

DEFAULT_PATH = Path("data") / "corrections.yaml"
_IN_FORCE: ContextVar[Corrections | None] = ContextVar("corrections_in_force", default=None)


@contextmanager
def using(corrections: Corrections | Path | str | None) -> Iterator[Corrections]:
    """Builds inside apply these corrections (a path is read first; None: none at all)."""
    if not isinstance(corrections, Corrections):
        corrections = load_corrections(corrections)
    token = _IN_FORCE.set(corrections)
    try:
        yield corrections
    finally:
        _IN_FORCE.reset(token)


def in_force() -> Corrections:
    """The corrections chosen with `using`, else those of the default file (none when it is absent)."""
    chosen = _IN_FORCE.get()
    return chosen if chosen is not None else load_corrections(DEFAULT_PATH)


def correct_tables(tables: Tables, lead_days: Mapping[str, list[WrittenDay]] | None = None
                   ) -> tuple[Tables, CorrectionsReport]:
    """The build's one step after its tables are made: each fact's confidence, then the corrections.
    `lead_days`: see `add_confidence`."""
    return apply_corrections(add_confidence(tables, lead_days), in_force())


__all__ = ["DEFAULT_PATH", "Correction", "Corrections", "CorrectionsFileError", "CorrectionsReport", "Problem",
           "add_confidence", "apply_corrections", "correct_tables", "in_force", "load_corrections", "using"]
