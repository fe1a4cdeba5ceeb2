"""What reading a document gives: the report, every problem met, and where each cell came from."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

import attrs
from attrs import field, frozen

from govinfo.checks import Finding, check
from govinfo.model import Report
from govinfo.readers.raw import Location

__all__ = ["Diagnostic", "DiagnosticSeverity", "Provenance", "ReadResult"]


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


class DiagnosticSeverity(enum.StrEnum):
    """How much a reading problem matters."""

    ERROR = "error"
    """Data was lost or could not be placed: a number not in any cell, a row not found."""
    WARNING = "warning"
    """A reading was chosen among several, or the document deviates from the template."""
    INFO = "info"
    """Something worth knowing that changes no value (a unit converted, a typo recognised)."""


@frozen(kw_only=True)
class Diagnostic:
    """One problem met while reading, with where it is in the source.

    ``code`` is stable and machine-readable (``ambiguous-layout``, ``unplaced-number``...);
    ``cells`` are the canonical cell paths concerned; ``raw`` is the source text concerned;
    ``candidates`` lists the readings considered when several were possible.
    """

    severity: DiagnosticSeverity
    code: str
    message: str
    location: Location | None = None
    cells: tuple[str, ...] = field(default=(), converter=_strings)
    raw: str | None = None
    candidates: tuple[str, ...] = field(default=(), converter=_strings)

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        return f"{where}{self.severity} {self.code}: {self.message}"


def _diagnostics(values: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(values)


@frozen
class Provenance:
    """Where a cell's value was read, and the token as printed (``"23,606"``, ``"—"``)."""

    location: Location
    raw: str

    def __str__(self) -> str:
        return f"{self.location} ({self.raw!r})"


@frozen(kw_only=True)
class ReadResult:
    """A report read from a document, with its diagnostics and the provenance of its cells."""

    report: Report
    diagnostics: tuple[Diagnostic, ...] = field(default=(), converter=_diagnostics)
    provenance: Mapping[str, Provenance] = field(factory=dict)
    """Canonical cell path (``requests.disclosed.total``) → where it was read."""
    format: str
    name: str | None = None

    def check(
        self, *, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
    ) -> tuple[Finding, ...]:
        """:func:`govinfo.check` on the report, each finding carrying where its cells were
        read (``Finding.sources``, parallel to ``Finding.cells``)."""
        return tuple(
            attrs.evolve(f, sources=tuple(self.source_of(c) for c in f.cells))
            for f in check(self.report, select=select, ignore=ignore)
        )

    def source_of(self, path: str) -> str | None:
        """Where the cell ``path`` was read, as text, or ``None`` when it was not read."""
        found = self.provenance.get(path)
        return str(found) if found is not None else None

    def _repr_html_(self) -> str:
        """The report's tables for Jupyter, the cells of every finding highlighted."""
        from govinfo.render import to_html

        return to_html(self.report, standalone=False, findings=self.check())

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``error``."""
        return tuple(d for d in self.diagnostics if d.severity is DiagnosticSeverity.ERROR)
