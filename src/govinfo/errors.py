"""The exceptions govinfo raises.

Every exception is a :class:`GovinfoError`, which is also a :class:`ValueError`, so callers
that only care whether an input was acceptable can catch either::

    GovinfoError (ValueError)
    ├── InvalidValue          a model field got a value its type does not allow
    ├── InvalidDocument       a serialized report does not match the schema
    ├── NotAReport            a document read is not an annual report (or is unreadable)
    │   └── UnreadableDocument  its text cannot be extracted (a garbled PDF text layer)
    ├── NoSuchFile            a path given to read does not exist (also a FileNotFoundError)
    ├── IsADirectory          a path given to read is a directory (also an IsADirectoryError)
    ├── MissingExtra          an optional extra (pdf, docx) is not installed
    ├── UnsupportedEdition    no template edition applies (a report year before 2019)
    ├── InconsistentReport    a report breaks a rule of severity error (checks.validate)
    ├── AggregationError      reports that cannot be added up together
    │   ├── MixedEditions     of different template editions
    │   └── NothingToAggregate  no report at all
    ├── LimitExceeded         an input exceeds a bound of govinfo.Limits (size, pages, …)
    ├── CalendarOutOfRange    a date outside the years of the shipped working-day calendar
    └── RuleNotInForce        a statutory rule asked about did not apply then

Each is importable from here and from the module that raises it.

One exception is not a :class:`GovinfoError`: :class:`InternalError`, which
:func:`govinfo.read_many` puts in place of an unexpected exception raised while reading a file
(a bug in govinfo, to be reported), with the original's type and traceback as text.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Any

from attrs import frozen

if TYPE_CHECKING:
    from collections.abc import Iterable

    from govinfo.model import Report
    from govinfo.registry import Edition
    from govinfo.rulebase import Finding

__all__ = [
    "AggregationError",
    "CalendarOutOfRange",
    "GovinfoError",
    "InconsistentReport",
    "InternalError",
    "InvalidDocument",
    "InvalidValue",
    "IsADirectory",
    "LimitExceeded",
    "MissingConverter",
    "MissingExtra",
    "MixedEditions",
    "NoSuchFile",
    "NotAReport",
    "NothingToAggregate",
    "Problem",
    "RuleNotInForce",
    "UnreadableDocument",
    "UnsupportedEdition",
    "UnsupportedFormat",
]


class GovinfoError(ValueError):
    """Base class of every error govinfo raises on bad input."""


class NoSuchFile(GovinfoError, FileNotFoundError):
    """A path given to :func:`govinfo.read` (or a string that looks like one: a single short
    line ending in a known suffix such as ``.pdf``) names no file. :attr:`path` is the path as
    given. It is also a :class:`FileNotFoundError` (``errno`` is ``ENOENT``)."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: no such file")
        self.path = path
        self.errno = errno.ENOENT

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path,))


class IsADirectory(GovinfoError, IsADirectoryError):
    """A path given to :func:`govinfo.read` is a directory; :func:`govinfo.read_many` reads
    the reports in one. It is also an :class:`IsADirectoryError`."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path}: is a directory, not a report; govinfo.read_many({path!r}) reads the "
            "reports in it"
        )
        self.path = path
        self.errno = errno.EISDIR

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path,))


class InternalError(RuntimeError):
    """An unexpected exception met while reading a file: a bug in govinfo, to be reported.

    :func:`govinfo.read_many` keeps going after one and gives it in place of the original,
    which may not survive the trip from a worker process: :attr:`kind` is the original's
    type name and :attr:`traceback` its formatted traceback.
    """

    def __init__(self, message: str, kind: str = "Exception", traceback: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.traceback = traceback

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.kind, self.traceback))


class UnsupportedEdition(GovinfoError):
    """No State Council template edition applies (for example, a report year before 2019)."""


@frozen
class Problem:
    """One thing wrong with a document: where (a JSONPath such as ``$.requests.disclosed``)
    and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidDocument(GovinfoError):
    """A serialized report could not be loaded; :attr:`problems` lists every bad field.

    The message names the source (when known) and every problem, one per line::

        invalid govinfo document (report.json): 2 problems
          $.requests.withheld.state_secret.natural_person: must be >= 0
          $.year: expected an integer, got str
    """

    def __init__(self, problems: tuple[Problem, ...], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        where = f" ({source})" if source else ""
        count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
        lines = [f"invalid govinfo document{where}: {count}"]
        lines.extend(f"  {p}" for p in problems)
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems, self.source))


class NotAReport(GovinfoError):
    """A document read is not a government information disclosure annual report."""


class UnreadableDocument(NotAReport):
    """A document that cannot be read at all: its :attr:`reason`, and its :attr:`name`.

    For example a PDF whose text layer is unmapped glyph codes (``(cid:NNN)``) or missing (a
    scan), or a file that is not the PDF or DOCX it claims to be. The message names both::

        report.pdf: unreadable document: the PDF's text layer is unreadable ...
    """

    def __init__(self, reason: str, name: str | None = None) -> None:
        self.reason = reason
        self.name = name
        super().__init__(f"{name or 'document'}: unreadable document: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.reason, self.name))


class MissingExtra(GovinfoError, ImportError):
    """An optional dependency is not installed; the message names the file being read, when
    there is one, and the extra to install (``pip install 'govinfo[pdf]'``). It is also an
    :class:`ImportError`."""

    def __init__(self, what: str, module: str, extra: str, name: str | None = None) -> None:
        self.what = what
        self.module = module
        self.extra = extra
        self.name = name
        where = f"{name}: " if name else ""
        super().__init__(
            f"{where}reading {what} needs {module}, which is not installed: "
            f"pip install 'govinfo[{extra}]'"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.what, self.module, self.extra, self.name))


class MissingConverter(GovinfoError):
    """A legacy Word (``.doc``) or WPS (``.wps``) document was given and no LibreOffice
    (``soffice``) is on the ``PATH`` to convert it; the message names what to install."""

    def __init__(self, name: str | None) -> None:
        self.name = name
        super().__init__(
            f"{name or 'document'}: reading a legacy Word or WPS document (.doc, .wps) needs "
            "LibreOffice to convert it, and no 'soffice' or 'libreoffice' is on the PATH: "
            "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
            "others: https://www.libreoffice.org), or save the document as .docx or PDF"
        )


class UnsupportedFormat(GovinfoError):
    """A file of a format govinfo does not read (a spreadsheet, an OFD document, an image);
    :attr:`format` names it."""

    def __init__(self, format: str, name: str | None) -> None:
        self.format = format
        self.name = name
        super().__init__(
            f"{name or 'document'}: {format}: not a format govinfo reads (it reads plain "
            "text, Markdown, HTML, PDF and Word: .docx, and .doc or .wps through LibreOffice)"
        )


class InvalidValue(GovinfoError):
    """A model field was given a value its type does not allow (a negative count, say)."""


class InconsistentReport(GovinfoError):
    """A report breaks at least one rule of severity ``error``; :attr:`findings` lists all."""

    def __init__(self, report: Report, findings: tuple[Finding, ...]) -> None:
        self.report = report
        self.findings = findings
        errors = [f for f in findings if f.severity == "error"]
        lines = [f"{report.agency} {report.year}: {len(errors)} error finding(s)"]
        lines += [f"  {f.rule} {f.status}: {f.message_en}" for f in errors]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.report, self.findings))


class LimitExceeded(GovinfoError):
    """An input exceeds one of the bounds of :class:`govinfo.Limits`; :attr:`limit` names it,
    :attr:`allowed` and :attr:`found` give the bound and what was met. The message says how to
    raise it::

        report.docx: limit max_zip_ratio exceeded: a member inflating 570 times (at most 100);
        raise it with Limits(max_zip_ratio=...) or --limit max_zip_ratio=...
    """

    def __init__(
        self, limit: str, allowed: int, found: int, what: str, name: str | None = None
    ) -> None:
        self.limit = limit
        self.allowed = allowed
        self.found = found
        self.name = name
        self.what = what
        super().__init__(
            f"{name or 'input'}: limit {limit} exceeded: {found} {what} (at most {allowed}); "
            f"raise it with govinfo.Limits({limit}=...) or --limit {limit}=..."
        )


class AggregationError(GovinfoError):
    """Reports that cannot be added up together."""


class MixedEditions(AggregationError):
    """The reports follow different template editions; :attr:`editions` lists them."""

    def __init__(self, editions: Iterable[Edition]) -> None:
        self.editions = tuple(sorted(editions))
        found = ", ".join(e.value for e in self.editions)
        super().__init__(
            f"cannot aggregate reports of different template editions (found {found}): "
            "their tables have different rows; aggregate each edition separately"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.editions,))


class NothingToAggregate(AggregationError):
    """:func:`govinfo.aggregation.aggregate` was given no report."""


class CalendarOutOfRange(GovinfoError):
    """A date, or a count of working days, falls outside the years the shipped calendar covers.

    The message names the covered range; :attr:`years` holds it as a :class:`range` of
    calendar years.
    """

    years: range


class RuleNotInForce(GovinfoError):
    """The statutory rule asked about did not apply on the date, or to the year, given.

    For example, the 20-working-day reply limit of the revised regulation applies to requests
    received from 2019-05-15 on, and there were no annual reports on years before 2008.
    """
