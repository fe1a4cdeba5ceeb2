"""Read published reports — plain text, Markdown, HTML, PDF, Word — into the model.

>>> import govinfo
>>> result = govinfo.read("report.pdf")            # doctest: +SKIP
>>> result.report.requests.new_requests.total       # doctest: +SKIP
>>> for d in result.diagnostics: print(d)           # doctest: +SKIP

Reading has two stages. A lenient front-end per format turns the input into raw cells with
their source locations (:mod:`govinfo.readers.raw`); the strict second stage, a row of small
modules (segment, tables, labels, columns, runs, one per table) that
:mod:`govinfo.readers.assembler` runs, builds the report and gathers every problem as a
diagnostic.
:func:`read` returns one :class:`ReadResult`; :func:`read_all` returns every report of a
compilation (a city's departments in one document).

PDF needs the ``pdf`` extra (pdfplumber, pypdfium2), Word the ``docx`` extra (python-docx);
legacy Word and WPS (``.doc``, ``.wps``) also LibreOffice (``soffice`` on the ``PATH``).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import attrs

from govinfo.errors import GovinfoError, IsADirectory, LimitExceeded, MissingExtra, NoSuchFile
from govinfo.limits import Limits, check_text, current_limits, using
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
    "Source",
    "detect_format",
    "raw_document",
    "read",
    "read_all",
]

FORMATS = ("text", "markdown", "html", "pdf", "docx", "doc", "json")
"""The formats :func:`read` accepts; ``json`` is govinfo's own document format, ``doc`` a
legacy Word or WPS document (read through LibreOffice)."""

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
    ".doc": "doc",
    ".wps": "doc",
    ".json": "json",
}
_UNSUPPORTED_SUFFIXES = {
    ".xlsx": "an Excel workbook (.xlsx)",
    ".xls": "an Excel workbook (.xls)",
    ".et": "a WPS spreadsheet (.et)",
    ".ofd": "an OFD document (.ofd)",
    ".png": "a PNG image",
    ".jpg": "a JPEG image",
    ".jpeg": "a JPEG image",
    ".tif": "a TIFF image",
    ".tiff": "a TIFF image",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of an OLE2 compound file: legacy Word, WPS, Excel, PowerPoint."""
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"GIF8", "a GIF image"),
)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _binary_format(data: bytes) -> str | None:
    """The format of a container or image, told by its content, or ``None``; raises
    :class:`~govinfo.errors.UnsupportedFormat` for one govinfo does not read."""
    from govinfo.errors import UnsupportedFormat

    if data.startswith(_OLE2):
        # the streams' names, UTF-16 in the compound file's directory, tell its kind
        if _utf16("WordDocument") in data:
            return "doc"  # Word 97-2003, and WPS, which writes the same streams
        if _utf16("Workbook") in data or _utf16("Book") in data:
            raise UnsupportedFormat("an Excel workbook (.xls)", None)
        if _utf16("PowerPoint Document") in data:
            raise UnsupportedFormat("a PowerPoint presentation (.ppt)", None)
        return "doc"  # another writer's Word-like file (Works' .wps): LibreOffice tries
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data:
            return "docx"
        if b"xl/workbook" in data:
            raise UnsupportedFormat("an Excel workbook (.xlsx)", None)
        if b"OFD.xml" in data:
            raise UnsupportedFormat("an OFD document (.ofd)", None)
        if b"ppt/presentation" in data:
            raise UnsupportedFormat("a PowerPoint presentation (.pptx)", None)
        return "docx"  # the DOCX reader says what is wrong with it
    for signature, kind in _IMAGES:
        if data.startswith(signature):
            raise UnsupportedFormat(f"{kind} (scanned? run OCR on it first)", None)
    return None


Source = str | bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes] | IO[str]
"""What :func:`read` takes: a path (``str`` or :class:`os.PathLike`), the document's bytes or
text, or a file object open in binary or text mode."""

_MAX_PATH = 1024
"""A ``str`` this long or longer is never taken for a path (it is the report's text)."""


def _is_table_separator(line: str) -> bool:
    """A Markdown pipe table's separator row (``|---|---|``, or ``--- | ---`` without outer
    pipes)."""
    stripped = line.strip()
    return "|" in stripped and "-" in stripped and _MD_SEPARATOR.match(stripped) is not None


def detect_format(data: bytes | str, name: str | None = None) -> str:
    """The format of ``data``: by content for containers and images (a Word file, an OLE2
    compound file, a ZIP package, an image), else by file suffix when ``name`` has a known
    one, else by content.

    Raises :class:`~govinfo.errors.UnsupportedFormat`, naming the format, for a spreadsheet,
    an OFD document or an image.
    """
    from govinfo.errors import UnsupportedFormat

    if isinstance(data, bytes):
        try:
            binary = _binary_format(data)
        except UnsupportedFormat as exc:
            raise UnsupportedFormat(exc.format, name) from None
        if binary is not None:
            return binary
    if name:
        suffix = Path(name).suffix.lower()
        if suffix in _SUFFIXES:
            return _SUFFIXES[suffix]
        if suffix in _UNSUPPORTED_SUFFIXES:
            raise UnsupportedFormat(_UNSUPPORTED_SUFFIXES[suffix], name)
    if isinstance(data, bytes):
        if data.startswith(b"%PDF"):
            return "pdf"
        data = decode(data[:65536])
    head = data.lstrip()[:4096].lower()
    if head.startswith("{") and '"schema_version"' in head:
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<table" in head or "<p" in head:
        return "html"
    if any(_is_table_separator(line) for line in data.splitlines()[:2000]):
        return "markdown"
    return "text"


def _looks_like_path(text: str) -> bool:
    """Whether ``text`` is to be read as a path rather than as the report's text: a single
    short line that names an existing file or directory, or ends in a suffix govinfo reads
    (``nope.pdf`` is a path with a typo, not a report whose whole text is ``nope.pdf``)."""
    if not text or len(text) >= _MAX_PATH or "\n" in text or "\r" in text or "\0" in text:
        return False
    if Path(text).suffix.lower() in _SUFFIXES:
        return True
    try:
        return Path(text).exists()
    except (OSError, ValueError):  # a name too long for the file system, say
        return False


def _read_path(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise IsADirectory(str(path))
        size = path.stat().st_size
    except FileNotFoundError:
        raise NoSuchFile(str(path)) from None
    except IsADirectoryError:
        raise IsADirectory(str(path)) from None
    except (OSError, ValueError) as exc:  # a name too long, a NUL in it, no permission ...
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise GovinfoError(f"{path}: cannot read: {reason}") from None
    # measured before it is read
    current_limits().check("max_input_bytes", size, "bytes", str(path))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GovinfoError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _load(source: Source, name: str | None) -> tuple[bytes | str, str | None]:
    """The document's bytes or text, and its name: a path is read (its name is the path), a
    file object is read (its name is the file's, when it has one), data is taken as is."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        path = Path(source)
        return _read_path(path), name or str(path)
    if isinstance(source, str | bytes):
        return source, name
    if isinstance(source, bytearray | memoryview):
        return bytes(source), name
    if callable(getattr(source, "read", None)):
        try:
            data = source.read()
        except OSError as exc:
            raise GovinfoError(f"{name or 'file object'}: cannot read: {exc}") from None
        if not isinstance(data, str | bytes):
            raise TypeError(
                f"the file object's read() gave {type(data).__name__}, not bytes or str"
            )
        own = getattr(source, "name", None)
        return data, name or (own if isinstance(own, str) else None)
    raise TypeError(
        f"cannot read a {type(source).__name__}: give a path, bytes, text or a file object"
    )


def _format(format: str | None, data: bytes | str, name: str | None) -> str:
    """``format`` when it is one govinfo reads, else the detected format."""
    if format is None:
        return detect_format(data, name)
    if format not in FORMATS:
        raise GovinfoError(
            f"{name or 'input'}: unknown format {format!r}; expected one of: {', '.join(FORMATS)}"
        )
    return format


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Reading builds hundreds of thousands of small acyclic objects (cells, locations), and
    Python's cyclic collector, run again and again while they pile up, makes reading a large
    input grow faster than its size (HTML 1 MB: 0.54 s with it, 0.35 s without; ten times less
    input: 0.035 s either way). Reading makes no cycles worth collecting meanwhile; the
    collector is switched back on at the end, if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_size(data: bytes | str, name: str | None, limits: Limits) -> None:
    """:class:`~govinfo.errors.LimitExceeded` for input larger than ``max_input_bytes`` (text
    is measured in UTF-8 without encoding it: a character takes at most four bytes)."""
    size = len(data)
    if isinstance(data, str) and size * 4 > limits.max_input_bytes:
        size = len(data.encode("utf-8", errors="surrogatepass"))
    limits.check("max_input_bytes", size, "bytes of input", name)


def _check_lines(document: RawDocument, limits: Limits) -> RawDocument:
    """The raw lines every pattern of the assembler is applied to, within ``max_line_chars``
    and ``max_number_digits`` (see :func:`govinfo.limits.check_text`)."""
    longest = limits.max_line_chars
    for line in document.lines:
        if len(line.text) > longest:
            raise limits.exceeded(
                "max_line_chars", len(line.text), "characters on one line", document.name
            )
        if len(line.text) > limits.max_number_digits:
            check_text(line.text, document.name, limits)
    return document


def raw_document(
    source: Source,
    *,
    format: str | None = None,
    name: str | None = None,
    limits: Limits | None = None,
) -> RawDocument:
    """The first, lenient stage only: the raw cells of ``source`` with their locations.

    ``limits`` bound what is read (:class:`govinfo.Limits`, the defaults when ``None``);
    exceeding one raises :class:`~govinfo.errors.LimitExceeded`.
    """
    with using(limits) as bounds:
        data, name = _load(source, name)
        _check_size(data, name, bounds)
        return _check_lines(_raw_document(data, format, name), bounds)


def _raw_document(data: bytes | str, format: str | None, name: str | None) -> RawDocument:
    try:
        return _front_end(data, format, name)
    except LimitExceeded as exc:
        if exc.name is not None or name is None:
            raise
        # a limit met deep in a front-end (an HTML table's width) names the file here
        raise LimitExceeded(exc.limit, exc.allowed, exc.found, exc.what, name) from None


def _front_end(data: bytes | str, format: str | None, name: str | None) -> RawDocument:
    if isinstance(data, str) and not data.isascii() and _SURROGATE.search(data):
        # a lone surrogate is no character: no encoding can write it, so a report holding one
        # could not be printed or saved; it is read as U+FFFD, as undecodable bytes are
        data = _SURROGATE.sub("\ufffd", data)
    fmt = _format(format, data, name)
    if fmt == "json":
        raise GovinfoError(f"{name or 'input'}: cannot take raw cells from format {fmt!r}")
    if fmt in ("text", "markdown"):
        # the input's digest taken first: its bytes (a copy of a text given as str) are not
        # held while the lines are built
        digest = hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()
        text = decode(data) if isinstance(data, bytes) else data
        build = text_document if fmt == "text" else markdown_document
        return attrs.evolve(build(text, name=name), sha256=digest)
    from govinfo.readers import formats

    if fmt == "html":
        return formats.html_document(data, name=name)
    content = data if isinstance(data, bytes) else data.encode("utf-8")
    try:
        if fmt == "pdf":
            return formats.pdf_document(content, name=name)
        if fmt == "doc":
            return formats.doc_document(content, name=name)
        return formats.docx_document(content, name=name)
    except MissingExtra as exc:
        if exc.name is not None or name is None:
            raise
        raise MissingExtra(exc.what, exc.module, exc.extra, name) from None


def read_all(
    source: Source,
    *,
    format: str | None = None,
    name: str | None = None,
    limits: Limits | None = None,
) -> list[ReadResult]:
    """Every report in ``source`` (a path, bytes or text), in document order; ``limits`` as
    for :func:`read`."""
    with using(limits) as bounds:
        data, name = _load(source, name)
        _check_size(data, name, bounds)
        fmt = _format(format, data, name)
        if fmt == "json":
            from govinfo.serialization import from_json

            return [ReadResult(report=from_json(data, source=name), format="json", name=name)]
        with _without_cyclic_gc():
            return assemble_all(_check_lines(_raw_document(data, fmt, name), bounds))


def read(
    source: Source,
    *,
    format: str | None = None,
    name: str | None = None,
    limits: Limits | None = None,
) -> ReadResult:
    """The one report in ``source``; ``format`` (one of :data:`FORMATS`) overrides detection.

    ``source`` is a path (``str`` or :class:`os.PathLike`), the document's bytes or text, or
    a file object open in binary or text mode. A ``str`` is a path when it is a single short
    line that names an existing file or directory or ends in a suffix govinfo reads (``.pdf``,
    ``.docx``, ``.html``, ``.md``, ``.txt``, ``.json`` …); any other ``str`` is the report's
    text. A path that names nothing raises :class:`~govinfo.errors.NoSuchFile` (also a
    :class:`FileNotFoundError`), a directory :class:`~govinfo.errors.IsADirectory` (use
    :func:`govinfo.read_many`), an unknown ``format`` a :class:`~govinfo.errors.GovinfoError`
    listing the valid ones.

    ``limits`` (a :class:`govinfo.Limits`; the defaults when ``None``) bound the input's size,
    a PDF's pages, a DOCX's archive, HTML tables, line lengths and digit runs; exceeding one
    raises :class:`~govinfo.errors.LimitExceeded` before the work it bounds.

    Raises :class:`~govinfo.errors.NotAReport` for a document that is not such a report,
    :class:`~govinfo.errors.UnsupportedEdition` for a report before 2019, and
    :class:`~govinfo.errors.GovinfoError` when the document holds several reports (use
    :func:`read_all`). Bad input raises nothing but a :class:`~govinfo.errors.GovinfoError`.
    """
    with using(limits) as bounds:
        data, name = _load(source, name)
        _check_size(data, name, bounds)
        fmt = _format(format, data, name)
        if fmt == "json":
            return read_all(data, format=fmt, name=name)[0]
        with _without_cyclic_gc():
            return assemble(_check_lines(_raw_document(data, fmt, name), bounds))
