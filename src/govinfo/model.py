"""The typed report model: plain, immutable attrs classes for both template editions.

A :class:`Report` holds what a published report says, including what it does not add up to:
validators only enforce a type's own invariants (a count is a non-negative ``int``, money is a
finite non-negative :class:`~decimal.Decimal` in 万元, a table matches the report's edition).
Whether the tables satisfy the 勾稽关系 is for :mod:`govinfo.checks`, never a validator.

A cell the report leaves blank or fills with "/", "-", "—" or "无" is *not reported* and holds
``None``, which is different from ``0``. Stated totals (a row's ``total``, table 三's
``handled_total``, table 四's block ``total``) are data as printed, not computed properties.

Every key here is a canonical key of :mod:`govinfo.registry`; tests hold the two in step.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Self

import attrs
from attrs import field, frozen

from govinfo.errors import InvalidValue, UnsupportedEdition
from govinfo.registry import (
    AgencyKind,
    CellKind,
    Edition,
    Level,
    OverviewPart,
    RequestRow,
    ReviewBlock,
    Row,
    table,
)

__all__ = [
    "CELL_KIND",
    "ApplicantCounts",
    "Decisions2021",
    "Documents2019",
    "Documents2021",
    "FeeItems2019",
    "Fees2021",
    "InvalidValue",
    "Items2019",
    "NotProcessed",
    "OtherHandling",
    "Overview",
    "OverviewSection",
    "Period",
    "Proactive",
    "Proactive2019",
    "Proactive2021",
    "Procurement2019",
    "Report",
    "Requests",
    "ResultCounts",
    "ReviewLitigation",
    "Source",
    "Unavailable",
    "Withheld",
]

CELL_KIND = "govinfo.cell_kind"
"""The attrs metadata key under which every table cell declares its :class:`CellKind`."""
MONEY_PATTERN = r"^[0-9]+(\.[0-9]+)?$"
"""How money is written in documents: a plain non-negative decimal string in 万元."""
JSON_SCHEMA = "govinfo.json_schema"
"""The attrs metadata key for JSON Schema keywords that restate a field's validator."""


# --- validators ----------------------------------------------------------------------------

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _standalone(check: _Validator) -> _Validator:
    """Mark a validator that needs no instance, so loaders can run it per field and report
    its failure with the field's path even when other fields are bad too."""
    check.govinfo_standalone = True  # type: ignore[attr-defined]
    return check


def is_standalone(check: object) -> bool:
    """Whether ``check`` is a validator marked with :func:`_standalone`."""
    return getattr(check, "govinfo_standalone", False) is True


@_standalone
def _check_count(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not int:
        raise InvalidValue(
            f"{attribute.name}: a count must be an int or None, got {type(value).__name__}"
        )
    if value < 0:
        raise InvalidValue(f"{attribute.name}: must be >= 0, got {value}")


@_standalone
def _check_signed(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not int:
        raise InvalidValue(f"{attribute.name}: must be an int or None, got {type(value).__name__}")


@_standalone
def _check_money(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal):
        raise InvalidValue(
            f"{attribute.name}: money must be a Decimal or None, got {type(value).__name__}"
        )
    if not value.is_finite() or value.is_signed():
        raise InvalidValue(f"{attribute.name}: must be a finite amount >= 0, got {value}")


_COUNT: dict[str, CellKind] = {CELL_KIND: CellKind.COUNT}
_SIGNED: dict[str, CellKind] = {CELL_KIND: CellKind.SIGNED}
_MONEY: dict[str, CellKind] = {CELL_KIND: CellKind.MONEY}


class _CellRow:
    """Shared behaviour of a row of cells (every attribute is a cell)."""

    __slots__ = ()

    @classmethod
    def from_values(cls, values: Sequence[Any]) -> Self:
        """Build the row from its cells in template column order."""
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = tuple(a.name for a in attrs.fields(cls))  # type: ignore[arg-type]
        if len(values) != len(names):
            raise InvalidValue(
                f"{cls.__name__} takes {len(names)} values ({', '.join(names)}), got {len(values)}"
            )
        return cls(**dict(zip(names, values, strict=True)))

    @classmethod
    def not_reported(cls) -> Self:
        """The row with every cell not reported."""
        return cls(**{a.name: None for a in attrs.fields(cls)})  # type: ignore[arg-type]

    def values(self) -> tuple[Any, ...]:
        """The cells in template column order."""
        getter = _VALUE_GETTERS.get(type(self))
        if getter is None:
            getter = _VALUE_GETTERS[type(self)] = _values_getter(type(self))
        return getter(self)


_VALUE_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
"""One getter per row class: ``attrs.astuple`` is several times slower (check()'s S3 reads every
row)."""


def _values_getter(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = [a.name for a in attrs.fields(cls)]
    if len(names) == 1:
        name = names[0]
        return lambda row: (getattr(row, name),)
    return operator.attrgetter(*names)


# --- table 三 --------------------------------------------------------------------------


@frozen(kw_only=True)
class ApplicantCounts(_CellRow):
    """One row of table 三: a count per applicant type, and the row's stated total."""

    natural_person: int | None = field(validator=_check_count, metadata=_COUNT)
    commercial_enterprise: int | None = field(validator=_check_count, metadata=_COUNT)
    research_institution: int | None = field(validator=_check_count, metadata=_COUNT)
    public_interest_org: int | None = field(validator=_check_count, metadata=_COUNT)
    legal_service_org: int | None = field(validator=_check_count, metadata=_COUNT)
    other_org: int | None = field(validator=_check_count, metadata=_COUNT)
    total: int | None = field(validator=_check_count, metadata=_COUNT)


@frozen(kw_only=True)
class Withheld:
    """（三）不予公开: requests refused, by reason."""

    state_secret: ApplicantCounts
    prohibited_by_law: ApplicantCounts
    security_stability: ApplicantCounts
    third_party_rights: ApplicantCounts
    internal_affairs: ApplicantCounts
    process_information: ApplicantCounts
    enforcement_files: ApplicantCounts
    inquiry_matters: ApplicantCounts


@frozen(kw_only=True)
class Unavailable:
    """（四）无法提供: information that cannot be provided, by reason."""

    not_held: ApplicantCounts
    needs_creation: ApplicantCounts
    unclear_after_correction: ApplicantCounts


@frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理: requests not processed, by reason."""

    complaint: ApplicantCounts
    repeated: ApplicantCounts
    publication: ApplicantCounts
    excessive: ApplicantCounts
    reissue: ApplicantCounts


@frozen(kw_only=True)
class OtherHandling:
    """（六）其他处理 broken down as in edition 2021."""

    no_correction: ApplicantCounts
    unpaid_fee: ApplicantCounts
    other: ApplicantCounts


def _check_other_handling(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, ApplicantCounts | OtherHandling):
        raise InvalidValue(
            f"{attribute.name}: must be ApplicantCounts (one row) or OtherHandling "
            f"(edition 2021 breakdown), got {type(value).__name__}"
        )


@frozen(kw_only=True)
class Requests:
    """Table 三: requests received and handled, by applicant type.

    ``other_handling`` is one row (:class:`ApplicantCounts`) in edition 2019 and a breakdown
    (:class:`OtherHandling`) in edition 2021; a 2021-edition report that prints （六） as one
    row keeps that single row here rather than inventing a breakdown.
    """

    new_requests: ApplicantCounts
    carried_over: ApplicantCounts
    disclosed: ApplicantCounts
    partially_disclosed: ApplicantCounts
    withheld: Withheld
    unavailable: Unavailable
    not_processed: NotProcessed
    other_handling: ApplicantCounts | OtherHandling = field(validator=_check_other_handling)
    handled_total: ApplicantCounts
    carried_forward: ApplicantCounts

    def rows(self) -> Iterator[tuple[Row, ApplicantCounts]]:
        """Every row as printed, in template order, with its registry entry."""
        single = isinstance(self.other_handling, ApplicantCounts)
        for row, get in _REQUEST_ROW_PLANS[single]:
            yield row, get(self)

    @classmethod
    def from_rows(cls, rows: Mapping[str, ApplicantCounts]) -> Requests:
        """Table 三 from its rows by canonical key, as :meth:`rows` yields them.

        （六）其他处理 is one row under ``"other_handling"``, or the three edition-2021 rows
        ``"other_handling.no_correction"`` etc. A missing or unknown key raises
        :class:`KeyError` naming it.
        """
        groups: dict[str, dict[str, ApplicantCounts]] = {}
        plain: dict[str, ApplicantCounts] = {}
        for key, counts in rows.items():
            group, _, item = key.partition(".")
            if item:
                groups.setdefault(group, {})[item] = counts
            else:
                plain[key] = counts
        fields = attrs.fields_dict(cls)
        unknown = set(plain) - set(fields) | set(groups) - _GROUP_CLASSES.keys()
        if unknown:
            raise KeyError(f"no table 三 row has the key(s) {sorted(unknown)}")
        values: dict[str, Any] = {}
        for name in fields:
            if name in groups:
                values[name] = _GROUP_CLASSES[name](**groups[name])
            elif name in plain:
                values[name] = plain[name]
            else:
                raise KeyError(f"table 三 row {name!r} is missing")
        return cls(**values)

    def row(self, key: str) -> ApplicantCounts:
        """The row with canonical key ``key``, such as ``"withheld.state_secret"``."""
        value: object = self
        for part in key.split("."):
            value = getattr(value, part, None)
        if not isinstance(value, ApplicantCounts):
            raise KeyError(f"this table 三 has no row {key!r}")
        return value


def _request_row_plan(single: bool) -> tuple[tuple[Row, Callable[[Requests], Any]], ...]:
    """The rows of table 三 as printed, each with a getter: （六） as one row (``single``) or as
    its edition-2021 breakdown."""
    plan = []
    for member in RequestRow:
        in_breakdown = member.group is not None and member.group.key == "other_handling"
        if (member is RequestRow.OTHER_HANDLING and not single) or (in_breakdown and single):
            continue
        plan.append((member.value, operator.attrgetter(member.value.key)))
    return tuple(plan)


_REQUEST_ROW_PLANS = {single: _request_row_plan(single) for single in (True, False)}

_GROUP_CLASSES: dict[str, Callable[..., object]] = {
    "withheld": Withheld,
    "unavailable": Unavailable,
    "not_processed": NotProcessed,
    "other_handling": OtherHandling,
}


# --- table 四 --------------------------------------------------------------------------


@frozen(kw_only=True)
class ResultCounts(_CellRow):
    """One block of table 四: cases by result, and the block's stated total."""

    upheld: int | None = field(validator=_check_count, metadata=_COUNT)
    corrected: int | None = field(validator=_check_count, metadata=_COUNT)
    other: int | None = field(validator=_check_count, metadata=_COUNT)
    pending: int | None = field(validator=_check_count, metadata=_COUNT)
    total: int | None = field(validator=_check_count, metadata=_COUNT)


@frozen(kw_only=True)
class ReviewLitigation:
    """Table 四: administrative reconsideration (行政复议) and litigation (行政诉讼)."""

    review: ResultCounts
    litigation_direct: ResultCounts
    litigation_after_review: ResultCounts

    def rows(self) -> Iterator[tuple[Row, ResultCounts]]:
        """The three blocks in template order, with their registry entries."""
        for block in ReviewBlock:
            yield block.value, getattr(self, block.key)


# --- table 二 --------------------------------------------------------------------------


@frozen(kw_only=True)
class Documents2019(_CellRow):
    """Edition 2019, item （一）: regulations or normative documents made and published."""

    made: int | None = field(validator=_check_count, metadata=_COUNT)
    published: int | None = field(validator=_check_count, metadata=_COUNT)
    published_total: int | None = field(validator=_check_count, metadata=_COUNT)


@frozen(kw_only=True)
class Items2019(_CellRow):
    """Edition 2019, items （五）（六）: matters last year, change this year, decisions."""

    items_last_year: int | None = field(validator=_check_count, metadata=_COUNT)
    items_change: int | None = field(validator=_check_signed, metadata=_SIGNED)
    decisions: int | None = field(validator=_check_count, metadata=_COUNT)


@frozen(kw_only=True)
class FeeItems2019(_CellRow):
    """Edition 2019, item （八）: fee items last year and their change this year."""

    items_last_year: int | None = field(validator=_check_count, metadata=_COUNT)
    items_change: int | None = field(validator=_check_signed, metadata=_SIGNED)


@frozen(kw_only=True)
class Procurement2019(_CellRow):
    """Edition 2019, item （九）: centralised procurement items and amount (万元)."""

    items: int | None = field(validator=_check_count, metadata=_COUNT)
    amount: Decimal | None = field(validator=_check_money, metadata=_MONEY)


@frozen(kw_only=True)
class Documents2021(_CellRow):
    """Edition 2021, item （一）: documents issued, repealed, and in force."""

    issued: int | None = field(validator=_check_count, metadata=_COUNT)
    repealed: int | None = field(validator=_check_count, metadata=_COUNT)
    in_force: int | None = field(validator=_check_count, metadata=_COUNT)


@frozen(kw_only=True)
class Decisions2021(_CellRow):
    """Edition 2021, items （五）（六）: decisions made this year."""

    decisions: int | None = field(validator=_check_count, metadata=_COUNT)


@frozen(kw_only=True)
class Fees2021(_CellRow):
    """Edition 2021, item （八）: fees collected this year (万元)."""

    amount: Decimal | None = field(validator=_check_money, metadata=_MONEY)


class _ProactiveRows:
    __slots__ = ()
    edition: ClassVar[Edition]

    def rows(self) -> Iterator[tuple[Row, Any]]:
        """Every row in template order, with its registry entry."""
        for spec in table("proactive").rows_for(self.edition):
            yield spec, getattr(self, spec.key)


@frozen(kw_only=True)
class Proactive2019(_ProactiveRows):
    """Table 二 in edition 2019: items （一）（五）（六）（八）（九） of 条例 Art. 20."""

    edition: ClassVar[Edition] = Edition.V2019

    regulations: Documents2019
    normative_documents: Documents2019
    licensing: Items2019
    other_services: Items2019
    penalties: Items2019
    coercive_measures: Items2019
    fees: FeeItems2019
    procurement: Procurement2019


@frozen(kw_only=True)
class Proactive2021(_ProactiveRows):
    """Table 二 in edition 2021: items （一）（五）（六）（八） of 条例 Art. 20."""

    edition: ClassVar[Edition] = Edition.V2021

    regulations: Documents2021
    normative_documents: Documents2021
    licensing: Decisions2021
    penalties: Decisions2021
    coercive_measures: Decisions2021
    fees: Fees2021


Proactive = Proactive2019 | Proactive2021
"""Table 二 of either edition."""

PROACTIVE_CLASSES: dict[Edition, type[Proactive2019] | type[Proactive2021]] = {
    Edition.V2019: Proactive2019,
    Edition.V2021: Proactive2021,
}

# --- narrative and metadata ----------------------------------------------------------------


@frozen(kw_only=True)
class OverviewSection:
    """A sub-part of section 一, such as （一）主动公开.

    ``part`` is the canonical part when the heading was recognised, else ``None`` (reports
    add, merge and rename sub-parts).
    """

    part: OverviewPart | None
    heading: str
    text: str


def _to_sections(parts: Iterable[OverviewSection]) -> tuple[OverviewSection, ...]:
    return tuple(parts)


@frozen(kw_only=True)
class Overview:
    """Section 一 (总体情况): the text before the first sub-part, then the sub-parts."""

    text: str
    parts: tuple[OverviewSection, ...] = field(converter=_to_sections)

    def part(self, part: OverviewPart) -> OverviewSection | None:
        """The first sub-part recognised as ``part``, if any."""
        return next((p for p in self.parts if p.part is part), None)


def _check_period(inst: Period, _attribute: attrs.Attribute[Any], end: date) -> None:
    if end < inst.start:
        raise InvalidValue(f"period: end {end} is before start {inst.start}")


@frozen(kw_only=True)
class Period:
    """The statistical period a report covers (by law the calendar year before publication)."""

    start: date
    end: date = field(validator=_check_period)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        """1 January – 31 December of ``year``."""
        return cls(start=date(year, 1, 1), end=date(year, 12, 31))


_SHA256 = "^[0-9a-f]{64}$"


@_standalone
def _check_sha256(_inst: object, _attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not re.fullmatch(_SHA256, value):
        raise InvalidValue(f"sha256: must be 64 lowercase hex digits, got {value!r}")


@frozen(kw_only=True)
class Source:
    """Where a report was read from: a file name or URL, and the SHA-256 of its content."""

    location: str
    sha256: str | None = field(
        default=None,
        validator=_check_sha256,
        metadata={JSON_SCHEMA: {"pattern": _SHA256}},
    )


@_standalone
def _check_agency(_inst: object, _attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise InvalidValue("agency: must not be empty")


MAX_YEAR = 2100
"""The last report year a :class:`Report` may have (the first is 2019, the first edition's):
a loaded document with a later one is rejected, so that :func:`govinfo.check` never meets a
year whose dates cannot be computed."""


@_standalone
def _check_year(_inst: object, _attribute: attrs.Attribute[Any], value: int) -> None:
    if type(value) is not int:
        raise InvalidValue(f"year: must be an int, got {type(value).__name__}")
    Edition.for_year(value)  # raises UnsupportedEdition before 2019
    if value > MAX_YEAR:
        raise InvalidValue(
            f"year: {value} is after {MAX_YEAR}, the last report year govinfo takes "
            "(its dates and statutory deadlines are computed within 1-9999)"
        )


def _check_proactive(inst: Report, _attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    expected = PROACTIVE_CLASSES[inst.edition]
    if type(value) is not expected:
        raise InvalidValue(
            f"proactive: an edition {inst.edition} report needs {expected.__name__}, "
            f"got {type(value).__name__}"
        )


def _check_requests(inst: Report, _attribute: attrs.Attribute[Any], value: object) -> None:
    if (
        isinstance(value, Requests)
        and inst.edition is Edition.V2019
        and isinstance(value.other_handling, OtherHandling)
    ):
        raise InvalidValue(
            "requests.other_handling: edition 2019 has one （六）其他处理 row, not a breakdown"
        )


def _to_edition(value: Edition | str) -> Edition:
    try:
        return Edition(value)
    except ValueError:
        raise UnsupportedEdition(
            f"edition: {value!r} is not a template edition; expected one of "
            f"{[e.value for e in Edition]}"
        ) from None


@frozen(kw_only=True)
class Report:
    """One annual report on government information disclosure (政府信息公开工作年度报告).

    Identity: ``agency``, ``year`` (the report year, not the publication year) and
    ``edition`` (the template it follows). A section or table the report lacks is ``None``.
    """

    agency: str = field(validator=_check_agency, metadata={JSON_SCHEMA: {"pattern": r"\S"}})
    year: int = field(
        validator=_check_year, metadata={JSON_SCHEMA: {"minimum": 2019, "maximum": MAX_YEAR}}
    )
    edition: Edition = field(converter=_to_edition)
    level: Level | None = None
    agency_kind: AgencyKind | None = None
    published: date | None = None
    period: Period | None = None
    source: Source | None = None
    overview: Overview | None
    proactive: Proactive2019 | Proactive2021 | None = field(validator=_check_proactive)
    requests: Requests | None = field(validator=_check_requests)
    review_litigation: ReviewLitigation | None
    problems: str | None
    other_matters: str | None

    def cell(self, path: str) -> int | Decimal | None:
        """The value of the cell at ``path``, e.g. ``"requests.withheld.state_secret.total"``.

        Raises :class:`KeyError` when the report has no such cell (including when its table is
        missing).
        """
        *row_path, column = path.split(".")
        obj: object = self
        for part in row_path:
            if not attrs.has(type(obj)) or part not in _field_names(type(obj)):
                raise KeyError(f"this report has no cell {path!r}")
            obj = getattr(obj, part)
        if not isinstance(obj, _CellRow) or column not in _field_names(type(obj)):
            raise KeyError(f"this report has no cell {path!r}")
        value: int | Decimal | None = getattr(obj, column)
        return value

    def _repr_html_(self) -> str:
        """The notebook view: a summary with the report's findings, then its tables with the
        failing cells marked, the narrative folded (:func:`govinfo.render.notebook_html`)."""
        from govinfo.checks import check  # noqa: PLC0415 - checks and render build on this module
        from govinfo.render import notebook_html  # noqa: PLC0415

        return notebook_html(self, findings=check(self))

    def with_cell(self, path: str, value: int | Decimal | None) -> Report:
        """A copy of this report with the cell at ``path`` set to ``value`` (validated)."""
        self.cell(path)  # KeyError unless path is a cell of this report
        result: Report = _evolve_path(self, path.split("."), value)
        return result


def _evolve_path(obj: Any, parts: Sequence[str], value: object) -> Any:
    head, *rest = parts
    if not attrs.has(type(obj)) or head not in _field_names(type(obj)):
        raise KeyError(head)
    new = _evolve_path(getattr(obj, head), rest, value) if rest else value
    return attrs.evolve(obj, **{head: new})


def _field_names(cls: type) -> frozenset[str]:
    """The attribute names of the attrs class ``cls``, worked out once per class (a class's
    fields never change): :meth:`Report.cell` asks for them at every step of a path, and
    check() reads cells through it."""
    names = _FIELD_NAME_SETS.get(cls)
    if names is None:
        names = _FIELD_NAME_SETS[cls] = frozenset(a.name for a in attrs.fields(cls))
    return names


_FIELD_NAME_SETS: dict[type, frozenset[str]] = {}
