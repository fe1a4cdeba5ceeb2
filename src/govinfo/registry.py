"""Every table, row and column of both template editions, declared once.

This module is govinfo's single source of truth for the report layout: canonical keys (the ones
other services depend on), verbatim Chinese labels, English labels and the template editions
each entry belongs to. The model, the serializers, the JSON Schema, the tidy records and the
documentation are all derived from it.

Sources: 国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》
(edition ``2019``, report years 2019–2020) and 国办公开办函〔2021〕30号
《中华人民共和国政府信息公开工作年度报告格式》 (edition ``2021``, report years 2021 onward).
Labels are the templates' own wording.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Protocol

from attrs import field, frozen

from govinfo.errors import UnsupportedEdition

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "BOTH",
    "REQUESTS_NOTE",
    "RESULTS_LABEL",
    "AgencyKind",
    "Applicant",
    "CellKind",
    "Column",
    "Edition",
    "Group",
    "Level",
    "OverviewPart",
    "RequestRow",
    "ReviewBlock",
    "ReviewResult",
    "Row",
    "Section",
    "Table",
    "table",
    "tables",
]


class Edition(enum.StrEnum):
    """A State Council template edition, named after the year it was issued.

    ``2019``: 国办公开办函〔2019〕60号 (trial format), used for report years 2019 and 2020.
    ``2021``: 国办公开办函〔2021〕30号, used for report years 2021 onward.
    """

    V2019 = "2019"
    V2021 = "2021"

    @classmethod
    def for_year(cls, year: int) -> Edition:
        """Return the edition prescribed for reports on ``year``.

        Reports before 2019 followed local layouts with no national template, so there is no
        edition for them and :class:`~govinfo.errors.UnsupportedEdition` is raised.
        """
        if year >= 2021:
            return cls.V2021
        if year >= 2019:
            return cls.V2019
        msg = (
            f"report year {year}: reports before 2019 have no national template "
            "(the first edition, 国办公开办函〔2019〕60号, covers report years from 2019)"
        )
        raise UnsupportedEdition(msg)


BOTH: frozenset[Edition] = frozenset(Edition)
_V2019: frozenset[Edition] = frozenset({Edition.V2019})
_V2021: frozenset[Edition] = frozenset({Edition.V2021})


class CellKind(enum.StrEnum):
    """What a table cell holds."""

    COUNT = "count"
    """A non-negative integer."""
    SIGNED = "signed"
    """An integer that may be negative (table 二's ``items_change``)."""
    MONEY = "money"
    """A non-negative :class:`~decimal.Decimal` amount in 万元 (10,000 yuan)."""


@frozen
class Column:
    """A column of a table: canonical key, verbatim label, English label, content kind."""

    key: str
    zh: str
    en: str
    kind: CellKind = CellKind.COUNT


@frozen
class Group:
    """A merged label spanning several rows, such as （三）不予公开."""

    key: str
    zh: str
    en: str


@frozen
class Row:
    """A data row of a table.

    ``zh`` is the row's own label; for a row inside a group (such as 1.属于国家秘密 under
    （三）不予公开) the group's label is in ``group`` and the key is ``"<group>.<item>"``.
    ``caption`` is the sub-table caption for table 二 rows (第二十条第（一）项).
    """

    key: str
    zh: str
    en: str
    editions: frozenset[Edition]
    columns: tuple[Column, ...]
    group: Group | None = None
    caption: str | None = None

    @property
    def path(self) -> tuple[str, ...]:
        """The row key split into its parts: ``("withheld", "state_secret")``."""
        return tuple(self.key.split("."))


class Level(enum.StrEnum):
    """The administrative level of the publishing agency, where known."""

    NATIONAL = "national"
    """国家级: State Council departments and the central government."""
    PROVINCIAL = "provincial"
    """省级: provinces, autonomous regions, municipalities directly under the central government."""
    PREFECTURAL = "prefectural"
    """市级: prefecture-level cities, autonomous prefectures, leagues."""
    COUNTY = "county"
    """县级: counties, county-level cities, urban districts, banners."""
    TOWNSHIP = "township"
    """乡级: townships, towns, sub-districts (they publish reports in practice)."""


class AgencyKind(enum.StrEnum):
    """Whether the report is a department's own or a government's roll-up report.

    条例 Art. 49: a department publishes by 31 January; the disclosure office of a local
    government publishes the government-level report by 31 March.
    """

    DEPARTMENT = "department"
    """A department (部门) of a government at county level or above."""
    GOVERNMENT = "government"
    """A people's government (人民政府), whose report covers the government as a whole."""


# --- Sections ---------------------------------------------------------------------------


class Section(enum.Enum):
    """The six sections of a report, in order, with their template headings."""

    OVERVIEW = ("一", "overview", "总体情况", "Overview")
    PROACTIVE = ("二", "proactive", "主动公开政府信息情况", "Proactive disclosure")
    REQUESTS = (
        "三",
        "requests",
        "收到和处理政府信息公开申请情况",
        "Requests received and handled",
    )
    REVIEW_LITIGATION = (
        "四",
        "review_litigation",
        "政府信息公开行政复议、行政诉讼情况",
        "Administrative reconsideration and litigation",
    )
    PROBLEMS = ("五", "problems", "存在的主要问题及改进情况", "Main problems and improvements")
    OTHER_MATTERS = ("六", "other_matters", "其他需要报告的事项", "Other matters to report")

    def __init__(self, number: str, key: str, zh: str, en: str) -> None:
        self.number = number
        self.key = key
        self.zh = zh
        self.en = en

    @property
    def heading(self) -> str:
        """The template heading, numbered: ``"三、收到和处理政府信息公开申请情况"``."""
        return f"{self.number}、{self.zh}"


class OverviewPart(enum.Enum):
    """The five usual sub-parts of section 一 (总体情况)."""

    PROACTIVE = ("（一）", "proactive", "主动公开", "Proactive disclosure")
    ON_REQUEST = ("（二）", "on_request", "依申请公开", "Disclosure on request")
    MANAGEMENT = ("（三）", "management", "政府信息管理", "Information management")
    PLATFORMS = ("（四）", "platforms", "政府信息公开平台建设", "Disclosure platforms")
    OVERSIGHT = ("（五）", "oversight", "监督保障", "Oversight and safeguards")

    def __init__(self, number: str, key: str, zh: str, en: str) -> None:
        self.number = number
        self.key = key
        self.zh = zh
        self.en = en


class _HasLabels(Protocol):
    @property
    def value(self) -> Column | Row: ...


class _Labelled:
    """The canonical key and the labels of an enum member whose value is a
    :class:`Column` or :class:`Row`."""

    __slots__ = ()

    @property
    def key(self: _HasLabels) -> str:
        return self.value.key

    @property
    def zh(self: _HasLabels) -> str:
        return self.value.zh

    @property
    def en(self: _HasLabels) -> str:
        return self.value.en


# --- Table 三: requests received and handled --------------------------------------------


class Applicant(_Labelled, enum.Enum):
    """The seven applicant columns of table 三 (identical in both editions)."""

    NATURAL_PERSON = Column("natural_person", "自然人", "Natural persons")
    COMMERCIAL_ENTERPRISE = Column("commercial_enterprise", "商业企业", "Commercial enterprises")
    RESEARCH_INSTITUTION = Column("research_institution", "科研机构", "Research institutions")
    PUBLIC_INTEREST_ORG = Column(
        "public_interest_org", "社会公益组织", "Public-interest organisations"
    )
    LEGAL_SERVICE_ORG = Column("legal_service_org", "法律服务机构", "Legal service providers")
    OTHER_ORG = Column("other_org", "其他", "Other organisations")
    TOTAL = Column("total", "总计", "Total")


APPLICANT_HEADER = "申请人情况"
"""The header spanning all applicant columns."""
ORGANISATIONS_HEADER = "法人或其他组织"
"""The header spanning the five organisation columns (there is no subtotal column for it)."""
REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The top-left merged cell of table 三: the one consistency rule the template states."""
RESULTS_LABEL = "三、本年度办理结果"
"""The vertical merged label over every result row of table 三."""

_APPLICANTS = tuple(a.value for a in Applicant)

GROUP_WITHHELD = Group("withheld", "（三）不予公开", "Withheld")
GROUP_UNAVAILABLE = Group("unavailable", "（四）无法提供", "Cannot be provided")
GROUP_NOT_PROCESSED = Group("not_processed", "（五）不予处理", "Not processed")
GROUP_OTHER_HANDLING = Group("other_handling", "（六）其他处理", "Other handling")


def _req(
    key: str,
    zh: str,
    en: str,
    editions: frozenset[Edition] = BOTH,
    group: Group | None = None,
) -> Row:
    return Row(key=key, zh=zh, en=en, editions=editions, columns=_APPLICANTS, group=group)


class RequestRow(_Labelled, enum.Enum):
    """The data rows of table 三, in template order, for both editions.

    Edition 2019 has 23 rows (（六）其他处理 is one row); edition 2021 has 25 (（六） has three
    items). The result rows (every row under 三、本年度办理结果 except （七）总计) are the
    request-outcome categories: see :attr:`is_outcome`.
    """

    NEW_REQUESTS = _req(
        "new_requests", "一、本年新收政府信息公开申请数量", "New requests this year"
    )
    CARRIED_OVER = _req(
        "carried_over", "二、上年结转政府信息公开申请数量", "Carried over from last year"
    )
    DISCLOSED = _req("disclosed", "（一）予以公开", "Disclosed")
    PARTIALLY_DISCLOSED = _req(
        "partially_disclosed",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "Partially disclosed",
    )
    WITHHELD_STATE_SECRET = _req(
        "withheld.state_secret", "1.属于国家秘密", "State secret", group=GROUP_WITHHELD
    )
    WITHHELD_PROHIBITED_BY_LAW = _req(
        "withheld.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "Disclosure prohibited by other laws or regulations",
        group=GROUP_WITHHELD,
    )
    WITHHELD_SECURITY_STABILITY = _req(
        "withheld.security_stability",
        "3.危及“三安全一稳定”",
        "Would endanger national, public, economic security or social stability",
        group=GROUP_WITHHELD,
    )
    WITHHELD_THIRD_PARTY_RIGHTS = _req(
        "withheld.third_party_rights",
        "4.保护第三方合法权益",
        "Protects the lawful rights of third parties",
        group=GROUP_WITHHELD,
    )
    WITHHELD_INTERNAL_AFFAIRS = _req(
        "withheld.internal_affairs",
        "5.属于三类内部事务信息",
        "Internal-affairs information (three kinds)",
        group=GROUP_WITHHELD,
    )
    WITHHELD_PROCESS_INFORMATION = _req(
        "withheld.process_information",
        "6.属于四类过程性信息",
        "Process information (four kinds)",
        group=GROUP_WITHHELD,
    )
    WITHHELD_ENFORCEMENT_FILES = _req(
        "withheld.enforcement_files",
        "7.属于行政执法案卷",
        "Administrative enforcement case files",
        group=GROUP_WITHHELD,
    )
    WITHHELD_INQUIRY_MATTERS = _req(
        "withheld.inquiry_matters",
        "8.属于行政查询事项",
        "Administrative inquiry matters",
        group=GROUP_WITHHELD,
    )
    UNAVAILABLE_NOT_HELD = _req(
        "unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        "Information not held by this agency",
        group=GROUP_UNAVAILABLE,
    )
    UNAVAILABLE_NEEDS_CREATION = _req(
        "unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        "Would have to be newly created",
        group=GROUP_UNAVAILABLE,
    )
    UNAVAILABLE_UNCLEAR_AFTER_CORRECTION = _req(
        "unavailable.unclear_after_correction",
        "3.补正后申请内容仍不明确",
        "Still unclear after correction",
        group=GROUP_UNAVAILABLE,
    )
    NOT_PROCESSED_COMPLAINT = _req(
        "not_processed.complaint",
        "1.信访举报投诉类申请",
        "Petition, report or complaint",
        group=GROUP_NOT_PROCESSED,
    )
    NOT_PROCESSED_REPEATED = _req(
        "not_processed.repeated", "2.重复申请", "Repeated request", group=GROUP_NOT_PROCESSED
    )
    NOT_PROCESSED_PUBLICATION = _req(
        "not_processed.publication",
        "3.要求提供公开出版物",
        "Asks for a public publication",
        group=GROUP_NOT_PROCESSED,
    )
    NOT_PROCESSED_EXCESSIVE = _req(
        "not_processed.excessive",
        "4.无正当理由大量反复申请",
        "Numerous repeated requests without good reason",
        group=GROUP_NOT_PROCESSED,
    )
    NOT_PROCESSED_REISSUE = _req(
        "not_processed.reissue",
        "5.要求行政机关确认或重新出具已获取信息",
        "Asks to confirm or reissue information already obtained",
        group=GROUP_NOT_PROCESSED,
    )
    OTHER_HANDLING = _req("other_handling", "（六）其他处理", "Other handling", _V2019)
    OTHER_HANDLING_NO_CORRECTION = _req(
        "other_handling.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "Applicant did not correct the request in time",
        _V2021,
        GROUP_OTHER_HANDLING,
    )
    OTHER_HANDLING_UNPAID_FEE = _req(
        "other_handling.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "Applicant did not pay the fee in time",
        _V2021,
        GROUP_OTHER_HANDLING,
    )
    OTHER_HANDLING_OTHER = _req(
        "other_handling.other", "3.其他", "Other", _V2021, GROUP_OTHER_HANDLING
    )
    HANDLED_TOTAL = _req("handled_total", "（七）总计", "Total handled")
    CARRIED_FORWARD = _req(
        "carried_forward", "四、结转下年度继续办理", "Carried forward to next year"
    )

    @property
    def editions(self) -> frozenset[Edition]:
        return self.value.editions

    @property
    def group(self) -> Group | None:
        return self.value.group

    @property
    def is_outcome(self) -> bool:
        """Whether this row is a request outcome (a result row other than （七）总计)."""
        return self not in _NON_OUTCOMES

    @classmethod
    def outcomes(cls, edition: Edition) -> tuple[RequestRow, ...]:
        """The outcome rows of ``edition`` in template order (whose sum is （七）总计)."""
        return tuple(r for r in cls if r.is_outcome and edition in r.editions)

    @classmethod
    def from_key(cls, key: str) -> RequestRow:
        """Look a row up by its canonical key (``"withheld.state_secret"``)."""
        try:
            return _REQUEST_ROWS_BY_KEY[key]
        except KeyError:
            raise KeyError(f"no table 三 row has the key {key!r}") from None


_NON_OUTCOMES = frozenset(
    {
        RequestRow.NEW_REQUESTS,
        RequestRow.CARRIED_OVER,
        RequestRow.HANDLED_TOTAL,
        RequestRow.CARRIED_FORWARD,
    }
)
_REQUEST_ROWS_BY_KEY = {r.key: r for r in RequestRow}

# --- Table 四: administrative reconsideration and litigation ------------------------------


class ReviewResult(_Labelled, enum.Enum):
    """The five result columns of each block of table 四."""

    UPHELD = Column("upheld", "结果维持", "Upheld")
    CORRECTED = Column("corrected", "结果纠正", "Corrected")
    OTHER = Column("other", "其他结果", "Other result")
    PENDING = Column("pending", "尚未审结", "Pending")
    TOTAL = Column("total", "总计", "Total")


_RESULTS = tuple(r.value for r in ReviewResult)

LITIGATION_HEADER = "行政诉讼"
"""The header spanning both litigation blocks of table 四."""


class ReviewBlock(_Labelled, enum.Enum):
    """The three blocks of table 四, each with the five :class:`ReviewResult` columns."""

    REVIEW = Row("review", "行政复议", "Administrative reconsideration", BOTH, _RESULTS)
    LITIGATION_DIRECT = Row(
        "litigation_direct",
        "未经复议直接起诉",
        "Litigation without prior reconsideration",
        BOTH,
        _RESULTS,
    )
    LITIGATION_AFTER_REVIEW = Row(
        "litigation_after_review",
        "复议后起诉",
        "Litigation after reconsideration",
        BOTH,
        _RESULTS,
    )


# --- Table 二: proactive disclosure ------------------------------------------------------

PROACTIVE_HEADER = "信息内容"
"""The first header cell of every table 二 sub-table."""


def _caption(item: str) -> str:
    return f"第二十条第（{item}）项"


def _columns(*spec: tuple[str, str, str] | tuple[str, str, str, CellKind]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


_MADE_2019 = _columns(
    ("made", "本年新制作数量", "Newly made this year"),
    ("published", "本年新公开数量", "Newly published this year"),
    ("published_total", "对外公开总数量", "Total published"),
)
_ITEMS_2019 = _columns(
    ("items_last_year", "上一年项目数量", "Items last year"),
    ("items_change", "本年增/减", "Change this year", CellKind.SIGNED),
    ("decisions", "处理决定数量", "Decisions"),
)
_FEE_ITEMS_2019 = _ITEMS_2019[:2]
_PROCUREMENT_2019 = _columns(
    ("items", "采购项目数量", "Procurement items"),
    ("amount", "采购总金额", "Total procurement amount (10,000 yuan)", CellKind.MONEY),
)
_DOCUMENTS_2021 = _columns(
    ("issued", "本年制发件数", "Issued this year"),
    ("repealed", "本年废止件数", "Repealed this year"),
    ("in_force", "现行有效件数", "In force"),
)
_DECISIONS_2021 = _columns(
    ("decisions", "本年处理决定数量", "Decisions this year"),
)
_FEES_2021 = _columns(
    (
        "amount",
        "本年收费金额（单位：万元）",
        "Fees collected this year (10,000 yuan)",
        CellKind.MONEY,
    ),
)


def _pro(
    key: str,
    zh: str,
    en: str,
    *,
    editions: frozenset[Edition],
    item: str,
    columns: tuple[Column, ...],
) -> Row:
    return Row(key=key, zh=zh, en=en, editions=editions, columns=columns, caption=_caption(item))


_PROACTIVE_ROWS = (
    # edition 2019 (国办公开办函〔2019〕60号): items （一）（五）（六）（八）（九）
    _pro("regulations", "规章", "Regulations", editions=_V2019, item="一", columns=_MADE_2019),
    _pro(
        "normative_documents",
        "规范性文件",
        "Normative documents",
        editions=_V2019,
        item="一",
        columns=_MADE_2019,
    ),
    _pro(
        "licensing",
        "行政许可",
        "Administrative licensing",
        editions=_V2019,
        item="五",
        columns=_ITEMS_2019,
    ),
    _pro(
        "other_services",
        "其他对外管理服务事项",
        "Other external management and services",
        editions=_V2019,
        item="五",
        columns=_ITEMS_2019,
    ),
    _pro(
        "penalties",
        "行政处罚",
        "Administrative penalties",
        editions=_V2019,
        item="六",
        columns=_ITEMS_2019,
    ),
    _pro(
        "coercive_measures",
        "行政强制",
        "Administrative coercion",
        editions=_V2019,
        item="六",
        columns=_ITEMS_2019,
    ),
    _pro(
        "fees",
        "行政事业性收费",
        "Administrative fees",
        editions=_V2019,
        item="八",
        columns=_FEE_ITEMS_2019,
    ),
    _pro(
        "procurement",
        "政府集中采购",
        "Centralised procurement",
        editions=_V2019,
        item="九",
        columns=_PROCUREMENT_2019,
    ),
    # edition 2021 (国办公开办函〔2021〕30号): items （一）（五）（六）（八）
    _pro("regulations", "规章", "Regulations", editions=_V2021, item="一", columns=_DOCUMENTS_2021),
    _pro(
        "normative_documents",
        "行政规范性文件",
        "Administrative normative documents",
        editions=_V2021,
        item="一",
        columns=_DOCUMENTS_2021,
    ),
    _pro(
        "licensing",
        "行政许可",
        "Administrative licensing",
        editions=_V2021,
        item="五",
        columns=_DECISIONS_2021,
    ),
    _pro(
        "penalties",
        "行政处罚",
        "Administrative penalties",
        editions=_V2021,
        item="六",
        columns=_DECISIONS_2021,
    ),
    _pro(
        "coercive_measures",
        "行政强制",
        "Administrative coercion",
        editions=_V2021,
        item="六",
        columns=_DECISIONS_2021,
    ),
    _pro(
        "fees",
        "行政事业性收费",
        "Administrative fees",
        editions=_V2021,
        item="八",
        columns=_FEES_2021,
    ),
)


# --- Tables ------------------------------------------------------------------------------


@frozen
class Table:
    """One of the three tables of a report, with every row of both editions."""

    section: Section
    rows: tuple[Row, ...] = field(repr=False)

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def number(self) -> str:
        return self.section.number

    @property
    def zh(self) -> str:
        return self.section.zh

    @property
    def en(self) -> str:
        return self.section.en

    def rows_for(self, edition: Edition) -> tuple[Row, ...]:
        """The rows of this table in ``edition``, in template order."""
        return tuple(r for r in self.rows if edition in r.editions)

    def row(self, key: str, edition: Edition) -> Row:
        """The row ``key`` of this table in ``edition``; :class:`KeyError` when it has none."""
        for r in self.rows:
            if r.key == key and edition in r.editions:
                return r
        raise KeyError(f"table {self.key!r} has no row {key!r} in edition {edition}")


_TABLES = (
    Table(Section.PROACTIVE, _PROACTIVE_ROWS),
    Table(Section.REQUESTS, tuple(r.value for r in RequestRow)),
    Table(Section.REVIEW_LITIGATION, tuple(b.value for b in ReviewBlock)),
)
_TABLES_BY_KEY = {t.key: t for t in _TABLES}


def tables() -> tuple[Table, ...]:
    """The three tables (二, 三, 四) in report order."""
    return _TABLES


def table(key: str) -> Table:
    """The table with canonical key ``key`` (``proactive``, ``requests``, ``review_litigation``)."""
    try:
        return _TABLES_BY_KEY[key]
    except KeyError:
        raise KeyError(
            f"no table has the key {key!r}; expected one of {list(_TABLES_BY_KEY)}"
        ) from None


def cells(edition: Edition) -> Iterator[tuple[Table, Row, Column]]:
    """Every ``(table, row, column)`` of ``edition`` in template order.

    Table 三's （六）其他处理 follows the edition's template (one row in 2019, three in 2021).
    """
    for t in _TABLES:
        for r in t.rows_for(edition):
            for c in r.columns:
                yield t, r, c
