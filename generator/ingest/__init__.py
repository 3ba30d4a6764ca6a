"""Readers: one per file format, each turning a file into a neutral :class:`Document`."""

from .document import Cell, Document, Line, ReadError, Table
from .readers import DEFAULT_LIMITS, Limits, read_document, reader_for

__all__ = ["DEFAULT_LIMITS", "Cell", "Document", "Limits", "Line", "ReadError", "Table", "read_document", "reader_for"]
