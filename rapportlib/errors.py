"""Errors and warnings rapportlib raises.

Messages name the file, row, column and the rule broken. They never contain a
cell's value: free text is clinical data and identifiers are identifying.
"""

from __future__ import annotations


class DataError(Exception):
    """A file or definition that cannot be used at all.

    ``file``, ``row``, ``column`` and ``rule`` say where and what; the message
    is written for a clinician and never quotes the offending value.
    """

    def __init__(self, message: str, *, file: str | None = None, row: int | None = None,
                 column: str | None = None, rule: str | None = None):
        self.file, self.row, self.column, self.rule = file, row, column, rule
        where = ", ".join(p for p in (
            str(file) if file else "",
            f"row {row}" if row is not None else "",
            f"column {column!r}" if column else "",
        ) if p)
        super().__init__(f"{where}: {message}" if where else message)


class DataQualityWarning(UserWarning):
    """Some rows of a file were quarantined; ``rapportlib.load`` gives the report."""
