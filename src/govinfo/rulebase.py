"""The rule machinery: what a rule is, and what a rule that does not hold reports.

The table rules (:mod:`govinfo.checks`) and the narrative rules (:mod:`govinfo.narrative`)
both build on this module, so neither has to import the other for its vocabulary. Every name
here is also importable from :mod:`govinfo.checks` (and the public ones from :mod:`govinfo`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from attrs import field, frozen

from govinfo.registry import BOTH, Edition

__all__ = [
    "Basis",
    "Culprit",
    "Finding",
    "Number",
    "Operand",
    "Rule",
    "Severity",
    "Status",
    "Value",
    "make_rule",
]

Number = int | Decimal
Value = int | Decimal | date


class Severity(enum.StrEnum):
    """How bad a finding is: an ``error`` means the report is wrong as published."""

    ERROR = "error"
    WARNING = "warning"


class Status(enum.StrEnum):
    """Whether a rule is known to fail, or cannot be confirmed because of a blank cell."""

    FAIL = "fail"
    UNCERTAIN = "uncertain"


class Basis(enum.StrEnum):
    """Where a rule comes from."""

    OFFICIAL = "official"
    """Stated by the template itself."""
    INFERRED = "inferred"
    """Implied by the table structure or the regulation; applied by reviewers."""


@frozen(kw_only=True)
class Rule:
    """One rule of the catalogue."""

    id: str
    title_zh: str
    title_en: str
    severity: Severity
    tags: frozenset[str]
    editions: frozenset[Edition]
    basis: Basis
    source: str
    """The authority or reasoning behind the rule."""


def make_rule(
    id: str,
    zh: str,
    en: str,
    severity: Severity,
    tags: Iterable[str],
    basis: Basis,
    source: str,
    editions: frozenset[Edition] = BOTH,
) -> Rule:
    """A :class:`Rule`, written the way the catalogues list them (positionally, tags as any
    iterable, both editions unless said)."""
    return Rule(
        id=id,
        title_zh=zh,
        title_en=en,
        severity=severity,
        tags=frozenset(tags),
        editions=editions,
        basis=basis,
        source=source,
    )


# --- findings ------------------------------------------------------------------------------


@frozen
class Operand:
    """A cell that takes part in a finding, and its value (``None``: not reported)."""

    path: str
    value: Value | None


@frozen
class Culprit:
    """A cell that, alone, explains the findings, and the value that would make them hold."""

    path: str
    value: Number | None
    suggested: Number


@frozen(kw_only=True)
class Finding:
    """One rule that does not hold for one set of cells.

    ``cells`` are canonical cell paths (``requests.withheld.state_secret.natural_person``);
    ``operands`` the same cells with their values. ``expected`` is what the rule computes from
    the parts and ``actual`` what the report states, with blanks read as 0;
    ``difference = actual - expected``.
    """

    rule: str
    severity: Severity
    status: Status
    cells: tuple[str, ...]
    expected: Value | None
    actual: Value | None
    difference: Number | None
    """``actual - expected``; for dates, in days."""
    operands: tuple[Operand, ...]
    message_zh: str
    message_en: str
    culprit: Culprit | None = None
    candidates: tuple[Culprit, ...] = field(default=())
    sources: tuple[str | None, ...] = field(default=())
    """Where each of ``cells`` was read in the source document (set by the readers:
    :meth:`govinfo.readers.ReadResult.check`); empty for a report not read from a file."""

    def __str__(self) -> str:
        """One line: rule, severity (and status when uncertain), the English message, then
        the cells with their values (``—`` not reported) and the likely culprit, if any."""
        status = "" if self.status is Status.FAIL else f" ({self.status})"
        cells = ", ".join(f"{o.path} = {_shown(o.value)}" for o in self.operands) or ", ".join(
            self.cells
        )
        line = f"{self.rule} {self.severity}{status}: {self.message_en}"
        if cells:
            line += f" [{cells}]"
        if self.culprit is not None:
            line += (
                f"; likely culprit {self.culprit.path} = {_shown(self.culprit.value)}, "
                f"{self.culprit.suggested} makes every rule hold"
            )
        return line


def _shown(value: Value | None) -> str:
    return "—" if value is None else str(value)
