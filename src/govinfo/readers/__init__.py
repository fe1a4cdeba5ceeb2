"""Read published reports — plain text, Markdown, HTML, PDF, Word — into the model.

>>> import govinfo
>>> result = govinfo.read("report.pdf")            # doctest: +SKIP
>>> result.report.requests.new_requests.total       # doctest: +SKIP
>>> for d in result.diagnostics: print(d)           # doctest: +SKIP

Reading has two stages. A lenient front-end per format turns the input into raw cells with
their source locations (:mod:`govinfo.readers.raw`); the strict assembler
(:mod:`govinfo.readers.assembler`) builds the report and gathers every problem as a diagnostic.
:func:`read` returns one :class:`ReadResult`; :func:`read_all` returns every report of a
compilation (a city's departments in one document).

PDF needs the ``pdf`` extra (pdfplumber), Word the ``docx`` extra (python-docx).
"""

from __future__ import annotations

import os
from pathlib import Path

from govinfo.errors import GovinfoError
from govinfo.readers.assembler import assemble, assemble_all
from govinfo.readers.raw import Location, RawDocument
from govinfo.readers.result import (
    Diagnostic,
    DiagnosticCode,
    DiagnosticSeverity,
    Provenance,
    ReadResult,
)
from govinfo.readers.text import _MD_SEPARATOR, decode, markdown_document, text_document

__all__ = [
    "FORMATS",
    "Diagnostic",
    "DiagnosticCode",
    "DiagnosticSeverity",
    "Location",
    "Provenance",
    "RawDocument",
    "ReadResult",
    "detect_format",
    "raw_document",
    "read",
    "read_all",
]

FORMATS = ("text", "markdown", "html", "pdf", "docx", "json")
"""The formats :func:`read` accepts; ``json`` is govinfo's own document format."""

_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".json": "json",
}

Source = str | bytes | os.PathLike[str]


def _is_table_separator(line: str) -> bool:
    """A Markdown pipe table's separator row (``|---|---|``, or ``--- | ---`` without outer
    pipes)."""
    stripped = line.strip()
    return "|" in stripped and "-" in stripped and _MD_SEPARATOR.match(stripped) is not None


def detect_format(data: bytes | str, name: str | None = None) -> str:
    """The format of ``data``: by file suffix when ``name`` has a known one, else by content."""
    if name:
        suffix = Path(name).suffix.lower()
        if suffix in _SUFFIXES:
            return _SUFFIXES[suffix]
    if isinstance(data, bytes):
        if data.startswith(b"%PDF"):
            return "pdf"
        if data.startswith(b"PK\x03\x04"):
            return "docx"
        data = decode(data[:65536])
    head = data.lstrip()[:4096].lower()
    if head.startswith("{") and '"schema_version"' in head:
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<table" in head or "<p" in head:
        return "html"
    if any(_is_table_separator(line) for line in data.splitlines()[:2000]):
        return "markdown"
    return "text"


def _is_file(text: str) -> bool:
    """Whether ``text`` names an existing file; text that cannot be a path (too long a name
    for the file system, a NUL) is not one, and is read as the report's text."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _load(source: Source, name: str | None) -> tuple[bytes | str, str | None]:
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and len(source) < 1024 and _is_file(source)
    ):
        path = Path(source)
        try:
            return path.read_bytes(), name or str(path)
        except OSError as exc:
            raise GovinfoError(f"{path}: cannot read: {exc.strerror}") from None
    return source, name


def raw_document(
    source: Source, *, format: str | None = None, name: str | None = None
) -> RawDocument:
    """The first, lenient stage only: the raw cells of ``source`` with their locations."""
    data, name = _load(source, name)
    fmt = format or detect_format(data, name)
    if fmt not in FORMATS or fmt == "json":
        raise GovinfoError(f"{name or 'input'}: cannot take raw cells from format {fmt!r}")
    content = data if isinstance(data, bytes) else data.encode("utf-8")
    if fmt in ("text", "markdown"):
        text = decode(data) if isinstance(data, bytes) else data
        build = text_document if fmt == "text" else markdown_document
        return build(text, name=name, content=content)
    from govinfo.readers import formats

    if fmt == "html":
        return formats.html_document(data, name=name)
    if fmt == "pdf":
        return formats.pdf_document(content, name=name)
    return formats.docx_document(content, name=name)


def read_all(
    source: Source, *, format: str | None = None, name: str | None = None
) -> list[ReadResult]:
    """Every report in ``source`` (a path, bytes or text), in document order."""
    data, name = _load(source, name)
    fmt = format or detect_format(data, name)
    if fmt == "json":
        from govinfo.serialization import from_json

        return [ReadResult(report=from_json(data, source=name), format="json", name=name)]
    return assemble_all(raw_document(data, format=fmt, name=name))


def read(source: Source, *, format: str | None = None, name: str | None = None) -> ReadResult:
    """The one report in ``source`` (a path, bytes or text); ``format`` overrides detection.

    Raises :class:`~govinfo.errors.NotAReport` for a document that is not such a report,
    :class:`~govinfo.errors.UnsupportedEdition` for a report before 2019, and
    :class:`~govinfo.errors.GovinfoError` when the document holds several reports (use
    :func:`read_all`).
    """
    data, name = _load(source, name)
    fmt = format or detect_format(data, name)
    if fmt == "json":
        return read_all(data, format=fmt, name=name)[0]
    return assemble(raw_document(data, format=fmt, name=name))
