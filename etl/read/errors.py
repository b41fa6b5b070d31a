"""Errors shared by the pipeline steps."""

from __future__ import annotations


class UnreadableReportError(Exception):
    """A file (or feed line) that cannot become a report; the message is the human reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
