"""What reading a document gives: the report, every problem met, and where each cell came from."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs
from attrs import field, frozen

from govinfo.checks import Finding, check
from govinfo.model import Report
from govinfo.readers.raw import Location, RawCell, location_of

__all__ = ["Diagnostic", "DiagnosticCode", "DiagnosticSeverity", "Provenance", "ReadResult"]


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


_E, _W, _I = DiagnosticSeverity.ERROR, DiagnosticSeverity.WARNING, DiagnosticSeverity.INFO


class DiagnosticCode(enum.StrEnum):
    """Every problem the readers report: a stable code, its severity and what it means.

    Members are strings (``DiagnosticCode.UNPLACED_NUMBER == "unplaced-number"``), so a
    diagnostic's ``code`` compares and serialises as its text.
    """

    severity: DiagnosticSeverity
    meaning: str

    def __new__(
        cls, code: str, severity: DiagnosticSeverity = _I, meaning: str = ""
    ) -> DiagnosticCode:
        member = str.__new__(cls, code)
        member._value_ = code
        member.severity = severity
        member.meaning = meaning
        return member

    # data lost or unplaced
    UNPLACED_NUMBER = ("unplaced-number", _E, "a number inside a table lands in no cell")
    UNREADABLE_NUMBER = ("unreadable-number", _E, "a cell's text is not a number or a blank")
    NEGATIVE_COUNT = ("negative-count", _E, "a count is negative; the cell is left not reported")
    UNREADABLE_RUN = (
        "unreadable-run",
        _E,
        "a run of cells that lost their separators cannot be split (it holds more than digits, "
        "or no split satisfies the tables' rules); its cells are left not reported",
    )
    ROW_NOT_FOUND = ("row-not-found", _E, "a template row is missing; its cells are not reported")
    TABLE_NOT_FOUND = ("table-not-found", _E, "a table of the template is missing")
    TABLE_UNREADABLE = (
        "table-unreadable",
        _E,
        "a table's section heading is there but no row of the table could be read under it",
    )
    # a reading chosen among several, or a deviation from the template
    AMBIGUOUS_LAYOUT = (
        "ambiguous-layout",
        _W,
        "a row has fewer numbers than columns, or a row of numbers has no label: placed where "
        "the tables' arithmetic decides (the reading stated), else its cells are left not "
        "reported and every placement that fits is listed",
    )
    AMBIGUOUS_DIGITS = (
        "ambiguous-digits",
        _W,
        "a digit run has several splits that satisfy the tables' rules; its cells are left not "
        "reported and the candidates listed",
    )
    DIGITS_SPLIT_UNCHECKED = (
        "digits-split-unchecked",
        _W,
        "no split of table 三's digit runs satisfies its column rules: each was split by its "
        "own row's total alone, and a cell may be blank or misprinted",
    )
    MISSING_CELLS = (
        "missing-cells",
        _W,
        "a table 二 row has fewer values than columns; no rule tells which columns they stand "
        "in: its cells are left not reported and the placements listed",
    )
    RAGGED_VALUES = (
        "ragged-values",
        _W,
        "values printed one per line do not make whole rows of table 三 (one is missing or "
        "one too many, and nothing tells where), or not every row they make adds up: which "
        "values form which row is not clear, and the rows are left not reported",
    )
    OTHER_HANDLING_SINGLE_ROW = (
        "other-handling-single-row",
        _W,
        "an edition-2021 table 三 prints （六）其他处理 as one row; kept as one row",
    )
    COLUMN_ORDER = (
        "column-order",
        _W,
        "table 三 prints its organisation columns in another order than the template's; "
        "values were read under the columns their headers name",
    )
    EDITION_MISMATCH = (
        "edition-mismatch",
        _W,
        "the tables follow the other template edition than the report's year; read as the "
        "tables say",
    )
    EDITION_UNKNOWN = ("edition-unknown", _W, "the template edition could not be told")
    NO_TITLE = (
        "no-title",
        _W,
        "the report's title (agency and year) was not found; the agency is named after the file",
    )
    YEAR_FROM_TEXT = (
        "year-from-text",
        _W,
        "no title or statistical period states the year reported on; read as the year the "
        "overview names most often",
    )
    YEAR_ASSUMED = (
        "year-assumed",
        _W,
        "no year reported on was found anywhere; assumed from the template edition",
    )
    # worth knowing; no value changed
    DIGITS_SPLIT = (
        "digits-split",
        _I,
        "a digit run was split into its cells, the one way the tables' rules allow",
    )
    LAYOUT_COLUMNS = (
        "layout-columns",
        _I,
        "a text row with blank cells: its values placed under their columns by where they "
        "stand, as in the full rows around it",
    )
    COLUMN_MAJOR = ("column-major", _I, "rows printed column by column were read as a block")
    SUBTOTAL_ROW = (
        "subtotal-row",
        _I,
        "a group's 小计 (or 合计) row, not in the template, was left out of table 三",
    )
    SUBTOTAL_COLUMN = (
        "subtotal-column",
        _I,
        "a 法人或其他组织 subtotal column, not in the template, was dropped",
    )
    TABLE_ELSEWHERE = (
        "table-elsewhere",
        _I,
        "a table was read where its rows are, not under its section heading (an appendix "
        "after the report's text, tables numbered anew, another section's place)",
    )
    SECTION_NUMBER = (
        "section-number",
        _I,
        "a section heading is numbered otherwise than the template numbers it (二、收到和处理…); "
        "read as the section its words name",
    )
    NUMBERS_IN_TEXT = (
        "numbers-in-text",
        _I,
        "a sentence among a table's lines (a number followed by more text) is text, not a "
        "table row; its numbers were left out of the table",
    )
    LABEL_VARIANT = ("label-variant", _I, "a table 二 row label differs from the template's")
    LABEL_MISMATCH = (
        "label-mismatch",
        _I,
        "a table 三 row was placed by position; its label differs from the template's",
    )
    UNIT_ASSUMED = ("unit-assumed", _I, "no unit printed for an amount; read as 万元")
    UNIT_CONVERTED = ("unit-converted", _I, "an amount in 元 was converted to 万元")


@frozen(kw_only=True)
class Diagnostic:
    """One problem met while reading, with where it is in the source.

    ``code`` is stable and machine-readable (:class:`DiagnosticCode`: ``ambiguous-layout``,
    ``unplaced-number`` …) and decides ``severity``; ``cells`` are the canonical cell paths
    concerned; ``raw`` is the source text concerned; ``candidates`` lists the readings
    considered when several were possible.
    """

    code: DiagnosticCode = field(converter=DiagnosticCode)
    severity: DiagnosticSeverity = field()
    message: str
    location: Location | None = None
    cells: tuple[str, ...] = field(default=(), converter=_strings)
    raw: str | None = None
    candidates: tuple[str, ...] = field(default=(), converter=_strings)

    @severity.default
    def _severity_of_code(self) -> DiagnosticSeverity:
        return self.code.severity

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


class _Provenances(Mapping[str, Provenance]):
    """The provenance of each cell read, by path, as :attr:`ReadResult.provenance` gives it:
    recorded as where the token was read and the token (:meth:`record`, on the reader's hot
    path: a report has hundreds of cells), each :class:`Provenance` made when it is first
    asked for (most are never looked up). A read-only mapping like any other: equal to a dict
    of the same provenances, in the order the cells were read."""

    __slots__ = ("_made", "_read")

    def __init__(self) -> None:
        self._read: dict[str, tuple[Location | RawCell, str]] = {}
        self._made: dict[str, Provenance] = {}

    def record(self, path: str, where: Location | RawCell, raw: str) -> None:
        """The cell ``path`` was read from the token ``raw`` at ``where``."""
        self._read[path] = (where, raw)
        if self._made:
            self._made.pop(path, None)

    def __getitem__(self, path: str) -> Provenance:
        made = self._made.get(path)
        if made is None:
            where, raw = self._read[path]
            made = self._made[path] = Provenance(location_of(where), raw)
        return made

    def __contains__(self, path: object) -> bool:
        return path in self._read

    def __iter__(self) -> Iterator[str]:
        return iter(self._read)

    def __len__(self) -> int:
        return len(self._read)

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (dict(self.items()),)  # pickled as the dict it stands for


@frozen(kw_only=True)
class ReadResult:
    """A report read from a document, with its diagnostics and the provenance of its cells."""

    report: Report
    diagnostics: tuple[Diagnostic, ...] = field(default=(), converter=_diagnostics)
    provenance: Mapping[str, Provenance] = field(factory=dict)
    """Canonical cell path (``requests.disclosed.total``) → where it was read."""
    format: str
    name: str | None = None
    index: int = 0
    """Where the report stands in its document: 0 for the first (or only) one, ``n`` for the
    report after ``n`` others in a compilation."""

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
        """The notebook view: a summary (agency, year, edition, source, the findings and the
        reading problems), then the tables with the failing cells marked, the narrative
        folded (:func:`govinfo.render.notebook_html`)."""
        from govinfo.render import notebook_html
        from govinfo.tidy import where

        return notebook_html(
            self.report,
            findings=self.check(),
            diagnostics=self.diagnostics,
            source=self.name,
            locate=lambda finding: where(self, finding),
        )

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``error``."""
        return tuple(d for d in self.diagnostics if d.severity is DiagnosticSeverity.ERROR)
