"""Reading: the state of one report being read, which the later stages share: the diagnostics
and the provenance of every cell read (:class:`_State`, whose :meth:`~_State.value` parses a
slot for a cell and records where it was read, or reports why it cannot be read).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import MAX_PREC, Decimal, localcontext
from functools import cache
from typing import Any

from attrs import define, field

from govinfo.readers.numbers import SlotLike, parse_count, parse_money
from govinfo.readers.raw import Location, RawDocument
from govinfo.readers.result import Diagnostic, DiagnosticCode, _Provenances
from govinfo.registry import CellKind

_PER_CODE = 100
"""Diagnostics of one code that name no cell listed for a report, at most (the rest are
summed up in one)."""


@define
class _State:
    doc: RawDocument
    glued: bool = False
    """The document was run-together text, cut up at its labels."""
    known: dict[str, int] = field(factory=dict)
    """Figures the narrative states, by cell path without the table prefix
    (``handled_total.total``): extra equations when digit runs must be split."""
    diagnostics: list[Diagnostic] = field(factory=list)
    provenance: _Provenances = field(factory=_Provenances)
    """Where each cell was read (made into :class:`Provenance` objects when asked for)."""
    wide: Sequence[str] = ()
    """Each line's text in NFKC, by the line's index in the report's lines."""
    texts: Sequence[str] = ()
    """Each line's text normalised, by the line's index in the report's lines."""

    uncelled: dict[DiagnosticCode, int] = field(factory=dict)
    """How many diagnostics of each code that name no cell were reported (see :meth:`report`)."""
    unlisted: dict[DiagnosticCode, tuple[Diagnostic, Location | None]] = field(factory=dict)
    """The first of each code's diagnostics beyond :data:`_PER_CODE`, and where the last was."""

    def report(
        self,
        code: DiagnosticCode,
        message: str,
        location: Location | None = None,
        *,
        cells: Iterable[str] = (),
        raw: str | None = None,
        candidates: Iterable[str] = (),
    ) -> None:
        """Report a problem. Of the diagnostics of one code that name no cell (numbers that
        land in no cell: a table region of ten thousand stray rows reports one for each),
        the first :data:`_PER_CODE` are kept and the rest summed up in one (see
        :meth:`all_diagnostics`), so that a hostile input's diagnostics stay small."""
        cells = tuple(cells)
        if not cells:
            seen = self.uncelled[code] = self.uncelled.get(code, 0) + 1
            if seen > _PER_CODE:
                first = self.unlisted.get(code)
                if first is None:
                    found = Diagnostic(code=code, message=message, location=location, raw=raw)
                    self.unlisted[code] = (found, location)
                else:
                    self.unlisted[code] = (first[0], location)
                return
        self.diagnostics.append(
            Diagnostic(
                code=code,
                message=message,
                location=location,
                cells=cells,
                raw=raw,
                candidates=tuple(candidates),
            )
        )

    def all_diagnostics(self) -> tuple[Diagnostic, ...]:
        """The diagnostics reported, with one for each code's that were not listed: how many,
        the first of them (its message and location) and where the last was."""
        more = []
        for code, (first, last) in self.unlisted.items():
            count = self.uncelled[code] - _PER_CODE
            until = f"; the last at {last}" if last else ""
            more.append(
                Diagnostic(
                    code=code,
                    message=f"{count} more like this, not listed (a report lists {_PER_CODE} "
                    f"{code} diagnostics at most), the first: {first.message}{until}",
                    location=first.location,
                    raw=first.raw,
                )
            )
        return (*self.diagnostics, *more)

    def value(
        self, path: str, slot: SlotLike | None, kind: CellKind, scale: Decimal = Decimal(1)
    ) -> Any:
        """Parse ``slot`` for the cell ``path``; record provenance; report what cannot be read."""
        if slot is None:
            return None
        self.provenance.record(path, slot.where, slot.raw)
        try:
            if kind is CellKind.MONEY:
                amount = parse_money(slot.raw)
                if amount is None:
                    return None
                with localcontext(prec=MAX_PREC):  # exact, however many digits were printed
                    return amount * scale
            number = parse_count(slot.raw)
        except ValueError as exc:
            self.report(
                DiagnosticCode.UNREADABLE_NUMBER,
                str(exc),
                slot.location,
                cells=[path],
                raw=slot.raw,
            )
            return None
        if number is not None and kind is CellKind.COUNT and number < 0:
            self.report(
                DiagnosticCode.NEGATIVE_COUNT, f"{path}: {number} is negative", slot.location
            )
            return None
        return number

    def counts(self, paths: Sequence[str], slots: Sequence[SlotLike | None]) -> list[int | None]:
        """``[self.value(p, slots[k], CellKind.COUNT) for k, p in enumerate(paths)]``, with the
        usual cell, a count printed in ASCII digits, read here: it records its provenance and
        gives ``int(raw)``, never negative, as :meth:`value` would."""
        out: list[int | None] = []
        for k, path in enumerate(paths):
            slot = slots[k]
            if slot is not None and slot.raw.isdigit() and slot.raw.isascii():
                self.provenance.record(path, slot.where, slot.raw)
                out.append(int(slot.raw))
            else:
                out.append(self.value(path, slot, CellKind.COUNT))
        return out


@cache
def _cell_paths(prefix: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The paths of a row's cells (registry data: formatted once per process)."""
    return tuple(f"{prefix}.{key}" for key in keys)


_LISTED = 100
"""Candidate splits a diagnostic lists at most (all of them but for a run of many cells)."""


def _listed(candidates: Sequence[Sequence[object]]) -> list[str]:
    return ["/".join(map(str, c)) for c in candidates[:_LISTED]]
