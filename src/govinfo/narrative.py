"""Figures the narrative states, and the rules that hold them against the tables (T1–T5).

A report's narrative (section 一 and its sub-parts, 五 and 六) restates some of the tables'
figures: "全年共受理政府信息公开申请 3119 件，答复 3050 件", "政府信息公开行政复议 351 件",
"全年收取政府信息公开信息处理费 3940 元". :func:`stated_figures` finds them;
:func:`text_findings` compares them with tables 三 and 四 (format.md §7, "Between text and
tables": figures stated in the narrative must match the tables; the Shanghai 2019 report said
258 where its table said 275).

Reading is deliberately conservative: a figure is taken only from a clause that clearly states
one of the :class:`FigureKind` quantities, in the words of :data:`PATTERNS`; anything else is
left alone (missing a figure costs nothing, misreading one produces a false warning).

How text is read
----------------
1. Lines are joined (PDF text breaks sentences anywhere); a line starting with a heading marker
   (``#``, "（二）", "二、", "1.") starts a new sentence, and page numbers ("-3-", "第 3 页") are
   dropped. Sentences end at 。！？!? . The sentence quoted in a :class:`StatedFigure` is the
   original text with line breaks removed.
2. For matching, a sentence is normalised: NFKC (full-width digits and punctuation become
   ASCII), all whitespace removed ("3119 件" → "3119件"), thousands separators dropped
   ("3,119"), and book titles emptied ("《政府信息公开信息处理费管理办法》" → "《》", so a
   regulation's name never reads as a statement).
3. The sentence is split into clauses at , ; : ( ) [ ] 【 】 (not at 、, which joins list items
   such as "行政复议、行政诉讼"). Each pattern is searched in each clause (or, for
   ``scope="sentence"``, in the whole normalised sentence).
4. A pattern applies only when its family's conditions hold (:data:`FAMILIES`): request figures
   need the sentence to be about disclosure requests (依申请, 公开申请, 申请公开 …, or any 申请 in
   the 依申请公开 sub-part) and no excluded word in the clause (网络问政, 诉求, 信访, 建议, 提案,
   行政许可, 复议, 案件 …); case figures need the sentence to mention 公开 or 相关 (or be in the
   依申请公开 sub-part) and no result words (维持, 纠正, 尚未审结 …), since those are break-downs;
   fee figures need 处理费 in the clause, or 收费/费用 with the sentence about disclosure or in
   section 六, and no 行政事业性收费, 收费通知, 缴纳 ….
5. Numbers are Arabic or Chinese numerals (十二, 一百零五), never begun inside a longer number
   and not after a hedge (约, 近 …). Money is read in 元 or 万元 and given in 万元 as an exact
   :class:`~decimal.Decimal` ("3940 元" → ``Decimal("0.3940")``).

What is skipped unread: each pattern declares the characters one of which any match contains
(:attr:`FigurePattern.needs`: 件 or 个 right after a numeral, 元, 费, 议, 诉). A sentence, or a
clause, without any of them is not normalised or searched, and a family whose conditions fail
for the whole sentence is not tried in its clauses. A pattern is not tried in a clause that
lacks one of the characters every match of it contains (:attr:`FigurePattern.requires`: 年 in
the carried-over patterns …), and a family's patterns are first searched as one alternation,
which finds nothing exactly when none of them does. The tests prove each ``needs`` on the parsed
regex and hold every shortcut against the plain implementation it replaced; this is what keeps
:func:`govinfo.checks.check` within its time budget (benchmarks/README.md).

A clause beginning 含/包含/包括 that states requests carried over right after a clause stating
requests received ("受理申请 35 件（含上年结转 2 件）") makes that received figure
:attr:`FigureKind.RECEIVED_WITH_CARRIED_OVER`, compared with new + carried over. A received
figure stated without that clause matches T1 when it equals new + carried over (both printed,
some requests carried over): many reports count the requests they received so ("受理申请 749
件" where table 三 has 713 new and 36 carried over).

Rules
-----
T1–T4 (all editions) compare each stated figure with its table cells (:attr:`FigureKind.cells`,
summed); T5 (edition 2021) asks section 六 to report information-processing fees when there is
evidence that some were charged. Every rule is a warning with basis ``inferred``.

In a finding, ``expected`` is the table's value (blank cells read as 0), ``actual`` the figure
the text states, and ``difference = actual - expected``. The status is ``uncertain`` when a
blank table cell could hide the difference (the text states more than the reported cells),
else ``fail``.

Wiring into :func:`govinfo.checks.check`: this module builds on :mod:`govinfo.rulebase` (the
rule machinery), not on :mod:`govinfo.checks`; ``checks`` adds :data:`RULES` to its catalogue
and calls :func:`text_findings` on first use, so neither module imports the other at import
time and reading a document does not load this one until it needs a narrative figure.
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from decimal import MAX_PREC, Decimal, getcontext, localcontext
from operator import attrgetter
from typing import NamedTuple

from attrs import field, frozen

from govinfo._text import _COMMON_WIDE, chinese_number, nfkc
from govinfo.model import OtherHandling, Report
from govinfo.registry import Edition, OverviewPart, Section
from govinfo.rulebase import Basis, Finding, Operand, Rule, Severity, Status
from govinfo.rulebase import make_rule as _rule

__all__ = [
    "FAMILIES",
    "PATTERNS",
    "RULES",
    "FigureKind",
    "FigurePattern",
    "StatedFigure",
    "figures_in_text",
    "stated_figures",
    "text_findings",
]


class FigureKind(enum.Enum):
    """What a stated figure counts, the table cells it is held against, and the rule."""

    RECEIVED = (
        "received",
        "收到（受理）申请数",
        "requests received",
        ("requests.new_requests.total",),
        "T1",
    )
    RECEIVED_WITH_CARRIED_OVER = (
        "received_with_carried_over",
        "受理申请数（含上年结转）",
        "requests received, including those carried over",
        ("requests.new_requests.total", "requests.carried_over.total"),
        "T1",
    )
    HANDLED = (
        "handled",
        "办理（办结、答复）申请数",
        "requests handled",
        ("requests.handled_total.total",),
        "T2",
    )
    CARRIED_OVER = (
        "carried_over",
        "上年结转申请数",
        "requests carried over from last year",
        ("requests.carried_over.total",),
        "T3",
    )
    CARRIED_FORWARD = (
        "carried_forward",
        "结转下年度申请数",
        "requests carried forward to next year",
        ("requests.carried_forward.total",),
        "T3",
    )
    REVIEW = (
        "review",
        "行政复议案件数",
        "administrative reconsideration cases",
        ("review_litigation.review.total",),
        "T4",
    )
    LITIGATION = (
        "litigation",
        "行政诉讼案件数",
        "litigation cases",
        (
            "review_litigation.litigation_direct.total",
            "review_litigation.litigation_after_review.total",
        ),
        "T4",
    )
    REVIEW_AND_LITIGATION = (
        "review_and_litigation",
        "行政复议和行政诉讼案件数",
        "reconsideration and litigation cases together",
        (
            "review_litigation.review.total",
            "review_litigation.litigation_direct.total",
            "review_litigation.litigation_after_review.total",
        ),
        "T4",
    )
    FEES = (
        "fees",
        "收取信息处理费（万元）",
        "information-processing fees collected (万元)",
        (),
        "T5",
    )

    def __init__(self, key: str, zh: str, en: str, cells: tuple[str, ...], rule: str) -> None:
        self.key = key
        self.zh = zh
        self.en = en
        self.cells = cells
        """The table cells the figure is compared with (their sum); none for fees."""
        self.rule = rule


@frozen(kw_only=True)
class StatedFigure:
    """A figure stated in the narrative.

    ``value`` is an ``int`` count, or for :attr:`FigureKind.FEES` a :class:`~decimal.Decimal`
    in 万元. ``sentence`` is the sentence quoted from the text (line breaks removed).
    ``section`` is where it was found; for section 一, ``part_index`` is the index into
    ``report.overview.parts`` (``None``: the text before the first sub-part) and ``part`` that
    sub-part's canonical part, if recognised.
    """

    kind: FigureKind
    value: int | Decimal
    sentence: str
    section: Section
    part_index: int | None = None
    part: OverviewPart | None = None

    @property
    def location(self) -> str:
        """Where the figure was read: ``overview``, ``overview.parts[1]``, ``problems`` or
        ``other_matters``."""
        if self.part_index is not None:
            return f"{self.section.key}.parts[{self.part_index}]"
        return self.section.key


# --- patterns (data) -----------------------------------------------------------------------

_F = r"[^,;:()\[\]【】。!?\d]"
"""One character of a clause that is not a digit: the filler patterns allow between words."""
_G = r"[^,;:()\[\]【】。!?\d、]"
"""Filler after a number: not across 、 (the next list item)."""
_CN = "零〇一二两三四五六七八九十百千万"
"""The characters of Chinese numerals."""
_HEDGES = "约近逾超过每逐第单"
_NUM = (
    rf"(?P<n>\d(?<![{_HEDGES}\d]\d)(?<!\d\.\d)\d*"
    rf"|[{_CN}](?<![{_HEDGES}{_CN}点].)[{_CN}]+"
    rf"|[零〇二两三四五六七八九十](?<![{_HEDGES}{_CN}点].))"
)
"""A count: Arabic digits, or Chinese numerals (not a lone 一: "每一件", "一件一档"), never
begun inside a longer number (nor after a decimal point: "0.1 件" and "零点五件" give nothing,
not 1 or 5) and not after 约, 近, 超过 … (an estimate: "近二十件" and "约3119件" give nothing,
not 十 or 119). A count must be followed by its unit (件; 起 for cases) at once, so "5500 余条"
and "三十余件" are never read. (Each lookbehind follows the first character it tests, which
lets the regex engine skip ahead to the next numeral.)"""
_MONEY = rf"(?P<n>\d+(?:\.\d+)?|[{_CN}]+)(?P<unit>万元|元)"
_NEG = r"(?:未发生|未出现|未收到|未接到|未有|没有发生|没有|无(?![法正论需须]))"


@frozen
class FigurePattern:
    """One way the narrative states a figure.

    ``regex`` is searched in a normalised clause (``scope="clause"``) or sentence
    (``"sentence"``); its group ``n`` is the number (``unit`` 元/万元 for money), or, with
    ``zero``, the statement is that there were none. ``kinds`` are the figures it states (two
    for "行政复议、行政诉讼各 1 件"). ``family`` selects the conditions of :data:`FAMILIES`;
    ``exclude`` is an extra regex that, found in the clause, stops this pattern. Every match
    of ``regex`` contains at least one of the characters of ``needs`` (件 after a count, 元 in
    money …): a clause without any is not searched (the tests prove it on the parsed regex).
    """

    kinds: tuple[FigureKind, ...]
    regex: str
    family: str
    example: str
    zero: bool = False
    scope: str = "clause"
    exclude: str | None = None
    needs: str = field(kw_only=True)
    requires: str = field(default="", kw_only=True)
    """Characters every match contains, each of them: a clause lacking one is not searched
    (the tests prove it on the parsed regex too)."""


@frozen
class Family:
    """Conditions shared by a family of patterns.

    A pattern is searched in a clause when no ``exclude`` word is in the clause and the clause
    or sentence is on topic: the clause matches ``clause_topic``, or the sentence matches
    ``topic``, or (weaker, and then the whole sentence must be free of ``exclude`` words too)
    the text is the ``topic_in_part`` sub-part of section 一 and the sentence matches
    ``part_topic``, or the text is section ``topic_in_section``. With ``skip_sub``, a clause
    starting with 其中/包括/包含/含 (a break-down) is skipped, except for carried-over and
    carried-forward figures.
    """

    topic: str | None
    exclude: str | None
    topic_in_part: OverviewPart | None = None
    part_topic: str | None = None
    topic_in_section: Section | None = None
    clause_topic: str | None = None
    skip_sub: bool = False


FAMILIES: dict[str, Family] = {
    "requests": Family(
        topic=r"依申请|公开申请|申请公开|申请信息公开|申请政府信息|信息公开的申请",
        topic_in_part=OverviewPart.ON_REQUEST,
        part_topic=r"申请",
        exclude=(
            r"问政|诉求|呼声|留言|信访|来信|来电|咨询|热线|建议|提案|议案|复议|诉讼|案件|许可|"
            r"审批|处罚|强制|决定|投诉|举报|纠纷|争议|舆情|工单|办件|政务服务|信箱|12345|"
            r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|办理结果|答复结果|同比|"
            r"较上年|比上年|增加|减少|增长|下降"
        ),
        skip_sub=True,
    ),
    "cases": Family(
        topic=r"公开|相关",
        topic_in_part=OverviewPart.ON_REQUEST,
        part_topic=r".",
        exclude=(
            r"维持|纠正|纠错|其他结果|审结|审理|撤销|败诉|胜诉|复议后|经复议|直接起诉|确认违法|"
            r"驳回|判决|裁定|撤诉|和解|调解|一审|二审|终审|"
            r"同比|较上年|比上年|增加|减少|增长|下降|发生率|率"
        ),
    ),
    "fees": Family(
        topic=r"信息公开|公开申请|依申请|处理费",
        topic_in_section=Section.OTHER_MATTERS,
        clause_topic=r"处理费",
        exclude=(
            r"行政事业性收费|收费项目|收费标准|收费目录|收费清单|收费通知|缴纳|缴费|逾期|不得|"
            r"严禁|禁止|乱收费|确保|避免|防止|杜绝|投诉|举报|纠纷|引起|引发"
        ),
    ),
}
"""The conditions of each pattern family (see the module docstring, step 4)."""

_K = FigureKind
_SOON = r"(?:下一?年度?|次年|明年)"
_LAST = r"(?:上一?年度?|去年|往年|前一年度?)"
_FORWARD_VERB = r"(?:结转|顺延|转入|延续|转至|延至|留待|移至)"
_BOTH = r"行政复议[、和及与或/]+(?:被?提起)?行政诉讼"
"""Reconsideration and litigation named together: single-kind patterns stand down."""
_NOT_HANDLED = rf"{_FORWARD_VERB}|下一?年度?|次年|明年"
_WISHES = r"确保|力争|避免|防止|杜绝|减少|降低|争取|努力|问题"

PATTERNS: tuple[FigurePattern, ...] = (
    # requests received
    FigurePattern(
        (_K.RECEIVED,),
        rf"(?:收到|受理|接收|接到|收悉|新收|登记|接受){_F}{{0,20}}?申请{_F}{{0,6}}?{_NUM}件",
        "requests",
        "全年共受理政府信息公开申请 3119 件",
        needs="件",
        requires="申",
        exclude="结转",
    ),
    FigurePattern(
        (_K.RECEIVED,),
        rf"(?:收到|受理|接收|接到|新收){_F}{{0,6}}?{_NUM}个"
        rf"(?:自然人|申请人|公民|法人|单位|企业|组织|社会组织){_F}{{0,16}}?申请",
        "requests",
        "共收到 8 个自然人的政府信息公开申请",
        needs="个",
        requires="申",
        exclude="结转",
    ),
    FigurePattern(
        (_K.RECEIVED,),
        rf"(?:收到|受理|接收|接到|新收)了?(?:共计|共|合计|总计|累计)?{_NUM}件",
        "requests",
        "（依申请公开……）全年共受理 21 件",
        needs="件",
        exclude="结转",
    ),
    # requests handled
    FigurePattern(
        (_K.HANDLED,),
        rf"(?:办结|办理|答复|回复|处理)了?{_F}{{0,14}}?{_NUM}件",
        "requests",
        "全年办理政府信息公开申请218件；答复 3050 件",
        needs="件",
        exclude=_NOT_HANDLED,
    ),
    # carried over from last year
    FigurePattern(
        (_K.CARRIED_OVER,),
        rf"{_LAST}(?:结转|转入|遗留|未办结|跨年){_F}{{0,10}}?{_NUM}件",
        "requests",
        "含上年度结转申请 34 件",
        needs="件",
        requires="年",
        exclude=_SOON,
    ),
    FigurePattern(
        (_K.CARRIED_OVER,),
        rf"结转自?{_LAST}{_F}{{0,10}}?{_NUM}件",
        "requests",
        "结转上年度申请 2 件",
        needs="件",
        requires="年结",
        exclude=_SOON,
    ),
    FigurePattern(
        (_K.CARRIED_OVER,),
        rf"{_NUM}件{_G}{{0,4}}?(?:为|系|是|属)?{_LAST}结转",
        "requests",
        "其中 2 件为上年结转",
        needs="件",
        requires="年结",
        exclude=_SOON,
    ),
    # carried forward to next year
    FigurePattern(
        (_K.CARRIED_FORWARD,),
        rf"{_FORWARD_VERB}(?:至|到|入)?{_SOON}{_F}{{0,10}}?{_NUM}件",
        "requests",
        "结转下一年 31 件",
        needs="件",
        requires="年",
    ),
    FigurePattern(
        (_K.CARRIED_FORWARD,),
        rf"{_FORWARD_VERB}(?:至|到|入)\d{{4}}年度?{_F}{{0,10}}?{_NUM}件",
        "requests",
        "结转至2025年办理 3 件",
        needs="件",
        requires="年",
    ),
    FigurePattern(
        (_K.CARRIED_FORWARD,),
        rf"{_NUM}件{_G}{{0,10}}?{_FORWARD_VERB}(?:至|到|入)?{_SOON}",
        "requests",
        "另有 103 件顺延到下年度答复",
        needs="件",
        requires="年",
    ),
    FigurePattern(
        (_K.CARRIED_FORWARD,),
        rf"{_NUM}件{_G}{{0,10}}?{_FORWARD_VERB}(?:至|到|入)\d{{4}}年",
        "requests",
        "政府信息公开申请 3 件结转至2025年办理",
        needs="件",
        requires="年",
    ),
    # reconsideration and litigation
    FigurePattern(
        (_K.REVIEW, _K.LITIGATION),
        rf"{_BOTH}(?:案件)?(?:数量|数)?(?:各|均为|都为|均是){_NUM}[件起]?",
        "cases",
        "行政复议、行政诉讼各 1 件；行政复议和行政诉讼均为 0",
        needs="议",
        requires="复讼",
    ),
    FigurePattern(
        (_K.REVIEW_AND_LITIGATION,),
        rf"{_BOTH}[^;。!?\d]{{0,30}}?(?:共计|共|合计|总计|累计)[^,;。!?\d]{{0,10}}?{_NUM}[件起]",
        "cases",
        "依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件",
        needs="议",
        requires="复讼",
        scope="sentence",
    ),
    FigurePattern(
        (_K.REVIEW,),
        rf"行政复议(?:(?!诉讼|起诉){_F}){{0,10}}?{_NUM}[件起]",
        "cases",
        "政府信息公开行政复议 351 件",
        needs="议",
        requires="复",
        exclude=_BOTH,
    ),
    FigurePattern(
        (_K.REVIEW,),
        rf"{_NUM}[件起](?:(?!诉讼|起诉){_G}){{0,8}}?行政复议",
        "cases",
        "发生 2 件行政复议",
        needs="议",
        requires="复",
        exclude=_BOTH,
    ),
    FigurePattern(
        (_K.LITIGATION,),
        rf"行政诉讼(?:(?!复议){_F}){{0,10}}?{_NUM}[件起]",
        "cases",
        "政府信息公开行政诉讼 46 件",
        needs="诉",
        requires="讼",
        exclude=_BOTH,
    ),
    FigurePattern(
        (_K.LITIGATION,),
        rf"{_NUM}[件起](?:(?!复议){_G}){{0,8}}?行政诉讼",
        "cases",
        "被提起 1 件行政诉讼",
        needs="诉",
        requires="讼",
        exclude=_BOTH,
    ),
    FigurePattern(
        (_K.LITIGATION,),
        rf"被(?:提起)?(?:行政)?(?:起诉|诉讼){_F}{{0,6}}?{_NUM}[件起]",
        "cases",
        "被起诉 3 件",
        needs="诉",
        requires="被",
        exclude=_BOTH,
    ),
    FigurePattern(
        (_K.REVIEW,),
        rf"{_NEG}{_F}{{0,20}}?行政复议",
        "cases",
        "全年未发生因政府信息公开引起的行政复议",
        needs="议",
        requires="复",
        zero=True,
        exclude=_WISHES,
    ),
    FigurePattern(
        (_K.LITIGATION,),
        rf"{_NEG}{_F}{{0,24}}?行政诉讼",
        "cases",
        "未发生因政府信息公开引起的行政复议、行政诉讼案件",
        needs="诉",
        requires="讼",
        zero=True,
        exclude=_WISHES,
    ),
    # information-processing fees
    FigurePattern(
        (_K.FEES,),
        rf"(?:收取|收缴|收到|共收|征收|产生){_F}{{0,20}}?(?:处理费|费用)(?:收入|金额|总额)?"
        rf"(?:共计|共|合计|总计|累计|为|计)*{_MONEY}",
        "fees",
        "全年收取政府信息公开信息处理费 3940 元",
        needs="元",
    ),
    FigurePattern(
        (_K.FEES,),
        rf"处理费(?:收入|金额|总额)?(?:共计|共|合计|总计|累计|为|计|是)*{_MONEY}",
        "fees",
        "信息处理费 0 元",
        needs="元",
        requires="处",
    ),
    FigurePattern(
        (_K.FEES,),
        rf"(?:无(?![法正论需须])|未|没有|不(?=收))(?:发生|产生|收取|收|存在|涉及|出现|有)?{_F}{{0,10}}?"
        r"(?:处理费|收费|费用)",
        "fees",
        "2024年，无收取信息处理费情况；政府信息公开未发生收费情况",
        needs="费",
        zero=True,
    ),
    FigurePattern(
        (_K.FEES,),
        rf"(?:处理费|收费|费用)[^,;:()。!?\d{_CN}]{{0,6}}?(?:为|是)?(?:零|0)(?:元|万元)?"
        rf"(?![\d.{_CN}点])",  # not 0.5 or 零点五
        "fees",
        "信息处理费为零",
        needs="费",
        zero=True,
    ),
)
"""Every pattern the reader recognises, with an example of each."""


class _Compiled(NamedTuple):
    pattern: FigurePattern
    regex: re.Pattern[str]
    exclude: re.Pattern[str] | None
    needs: frozenset[str]
    requires: frozenset[str]
    skip_sub: bool
    """A clause starting 其中/包括 … (a break-down) is not searched (:attr:`Family.skip_sub`)."""


def _compile(p: FigurePattern) -> _Compiled:
    return _Compiled(
        pattern=p,
        regex=re.compile(p.regex),
        exclude=re.compile(p.exclude) if p.exclude else None,
        needs=frozenset(p.needs),
        requires=frozenset(p.requires),
        skip_sub=FAMILIES[p.family].skip_sub
        and p.scope == "clause"
        and p.kinds[0] not in (FigureKind.CARRIED_OVER, FigureKind.CARRIED_FORWARD),
    )


_COMPILED: dict[str, tuple[_Compiled, ...]] = {
    scope: tuple(_compile(p) for p in PATTERNS if p.scope == scope)
    for scope in ("clause", "sentence")
}


class _Run(NamedTuple):
    """A run of patterns of one family, in :data:`PATTERNS` order."""

    family: str
    patterns: tuple[_Compiled, ...]
    any_of: re.Pattern[str]
    """The run's regexes as one alternation (for a run of one, its regex), searched first: a
    regex alternation finds a match at a position exactly when one of its branches does, so
    where it finds nothing, no pattern of the run finds anything and the run is skipped (one
    search instead of one per pattern, and before the family's conditions are worked out;
    most clauses state no figure)."""


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


_NUMERAL = rf"\d{_CN}"
_STARTS = (
    *("受接收新登", "受接收新", "受接收新", "办回处答", "上前去往", "结", _NUMERAL),
    *("延留移结转顺", "延留移结转顺", _NUMERAL, _NUMERAL),
    *("行", "行", "行", _NUMERAL, "行", _NUMERAL, "被", "无未没", "无未没"),
    *("产共征收", "处", "不无未没", "处收费"),
)
"""The characters each pattern of :data:`PATTERNS` (in order) may begin a match with, as the
body of a character class (a test derives them from the parsed regexes)."""
_STARTS_OF = dict(zip(PATTERNS, _STARTS, strict=True))


def _any_of(run: tuple[_Compiled, ...]) -> re.Pattern[str]:
    if len(run) == 1:
        return run[0].regex
    # the same group name in two branches is an error: the gate captures nothing anyway
    alternation = "|".join(_NAMED_GROUP.sub("(?:", c.pattern.regex) for c in run)
    # The alternation is tried only where a match of it may begin: at a character of the
    # class, which the regex engine jumps to (the plain alternation, a branch of it not
    # starting with a literal, was tried at every character, each branch in turn). The
    # class consumes the character, and the lookbehind steps back over it to look ahead
    # for the alternation there: a match exactly where the alternation has one.
    starts = "".join(_STARTS_OF[c.pattern] for c in run)
    return re.compile(f"[{starts}](?<=(?={alternation})[{starts}])")


TRIGGERS = "".join(sorted({c for p in PATTERNS for c in p.needs}))
"""Every character some pattern :attr:`~FigurePattern.needs`: a sentence or clause without any
is skipped unread, which keeps reading cheap (most of a narrative states no figure). NFKC maps
no other character onto one of these (a test checks every code point), so the raw sentence can
be tested before it is normalised."""
_TRIGGER = re.compile(f"[{TRIGGERS}]")
_UNITS = "件个"
"""Trigger characters that count only right after a numeral: every pattern that needs one has
it right after :data:`_NUM` (the tests check this too), so "文件" alone tries no pattern."""
_CANDIDATES: dict[tuple[str, frozenset[str], frozenset[str], frozenset[str]], tuple[_Run, ...]] = {}
"""Memo of :func:`_candidates`: bounded (2 scopes × subsets of the triggers × subsets of
:data:`_REQUIRED` × subsets of the families)."""
_EVIDENCE = re.compile(
    rf"[件个元议讼诉费](?:(?<=[\d{_CN}][件个元])|(?<=复议)|(?<=诉讼)|(?<=起诉)|(?<=费))"
)
"""What every figure a pattern reads brings into its (normalised) sentence: a count or amount
with its unit right after its numeral (件, 个, 元 are only ever used so), or the words the
case and fee patterns are built on (复议; 诉讼 or 起诉; 费). A sentence without any is not
read further: most sentences with a trigger character hold it in another word (文件, 个人,
会议, 建议, 投诉, 单元), and they are most of those read. A property test generates matches
of every pattern and checks that each holds one of these. Each is looked for from its last
character, a plain character class the regex engine skips ahead to (the plain alternation
``[\\d{_CN}][件个元]|复议|诉讼|起诉|费`` tried every branch at every character, twice as
slow; a test holds the two alike)."""
_EVIDENT_SIGNALS = frozenset("件个费")
"""Signals that are :data:`_EVIDENCE` themselves (件 and 个 are signals only right after a
numeral, 费 always): a sentence with one of them is not searched for evidence (a test holds
this)."""
_COMPAT_NUMERALS = (
    "\u2f00\u2f06\u2f0b\u2f17\u3038\u3192\u3193\u3194\u3195\u3280\u3281\u3282\u3283"
    "\u3284\u3285\u3286\u3287\u3288\u3289\uf9b2\uf9d1\U0001f214\U0001f229\U0001f22a"
)
"""The characters NFKC makes into a Chinese numeral (or into text ending with one): Kangxi
radicals, 〸, annotation marks, circled, compatibility and squared ideographs (a test derives
them from :mod:`unicodedata`)."""
_COMPAT_QI = "\U0002f9d7"
"""The one character besides 起 that NFKC makes into text ending in 起 (a test checks it)."""
_RAW_EVIDENCE = re.compile(
    rf"[件个元议讼诉费](?:(?<=费)|(?<=[\d{_CN}{_COMPAT_NUMERALS}][件个元])|(?<=复议)|(?<=诉讼)"
    rf"|(?<=[起{_COMPAT_QI}]诉)|(?<=\s[件个元议讼诉]))"
)
"""What a sentence holds, before it is normalised, if :data:`_EVIDENCE` is to find something
in it once it is: 费; 件, 个 or 元 right after a digit, a Chinese numeral or a character NFKC
makes one; 复议, 诉讼, 起诉; or one of those characters after whitespace, which normalising
removes (NFKC makes no other character one of 件个元议讼诉费复, nor whitespace). A sentence
without any is not normalised (most of a narrative's sentences with a trigger hold it in
文件, 个人, 建议 or 诉求); a test holds the two alike on generated text."""
_NOT_COUNTS = re.compile("[元费议诉]")
"""The triggers of the fee and case families: a sentence without any can only state the
requests family's counts (件, 个), which are read only where 申请 is (every topic of the family
holds it: tests check both)."""
_SQUARED_SHEN = "\U0001f238"
"""The one character besides 申 that NFKC makes into 申 (none makes 请: a test checks it)."""
_SENTENCE_NEEDS = frozenset(c for p in PATTERNS if p.scope == "sentence" for c in p.needs)
"""What some ``scope="sentence"`` pattern needs: a sentence without any tries none."""
_REQUIRED = tuple(sorted({c for p in PATTERNS for c in p.requires}))
"""Every character some pattern :attr:`~FigurePattern.requires`."""
_FAMILIES_NEEDING = {c: frozenset(p.family for p in PATTERNS if c in p.needs) for c in TRIGGERS}
_NEEDING: dict[frozenset[str], frozenset[str]] = {}
"""Memo: the families some of whose patterns need one of a set of :data:`TRIGGERS`."""


_OTHER_TRIGGERS = tuple(c for c in TRIGGERS if c not in _UNITS)
_COUNTED = tuple((unit, re.compile(rf"{unit}(?<=[\d{_CN}]{unit})")) for unit in _UNITS)
"""Each unit, and a unit right after a numeral: the regex engine jumps from one unit to the
next (a literal first) and looks behind it only there."""


def _signals(where: str) -> frozenset[str]:
    """The :data:`TRIGGERS` characters in ``where`` that a pattern could use: 件 and 个 only
    right after a numeral.

    The others by an 'in' test each, a unit by a search only where it is there at all: one
    search of a character class for all of them (with its list of every one found) took half
    as long again (a test holds this against the plain definition)."""
    found = []
    for char in _OTHER_TRIGGERS:
        if char in where:
            found.append(char)
    for unit, counted in _COUNTED:
        if unit in where and counted.search(where) is not None:
            found.append(unit)
    return frozenset(found)


def _present(where: str) -> frozenset[str]:
    """The :data:`_REQUIRED` characters in ``where``."""
    return frozenset([c for c in _REQUIRED if c in where])


def _candidates(
    scope: str, signals: frozenset[str], present: frozenset[str], live: frozenset[str]
) -> tuple[_Run, ...]:
    """The ``scope`` patterns of the ``live`` families whose :attr:`~FigurePattern.needs`
    ``signals`` meets and whose :attr:`~FigurePattern.requires` are all ``present``, in
    order, in runs of one family."""
    key = (scope, signals, present, live)
    found = _CANDIDATES.get(key)
    if found is None:
        wanted = [
            c
            for c in _COMPILED[scope]
            if c.pattern.family in live
            and not signals.isdisjoint(c.needs)
            and c.requires <= present
        ]
        runs = [
            (family, tuple(run))
            for family, run in itertools.groupby(wanted, key=lambda c: c.pattern.family)
        ]
        found = _CANDIDATES[key] = tuple(_Run(family, run, _any_of(run)) for family, run in runs)
    return found


_MARKS = re.compile(
    f"[{''.join(_OTHER_TRIGGERS)}{''.join(_REQUIRED)}{_UNITS}]"
    f"(?:(?<=[{_UNITS}])(?<=[\\d{_CN}].)|(?<![{_UNITS}]))"
)
"""The characters :func:`_signals` and :func:`_present` find in a text, in one search (the two
sets share no character: a test checks it)."""
_TRIGGER_SET = frozenset(TRIGGERS)
_RUNS: dict[tuple[str, frozenset[str], frozenset[str]], tuple[_Run, ...]] = {}
"""Memo of :func:`_runs`, by scope, the text's marks and the live families (bounded as
:data:`_CANDIDATES` is)."""


def _runs(scope: str, where: str, live: frozenset[str]) -> tuple[_Run, ...]:
    """``_candidates(scope, _signals(where), _present(where), live)``, from one search of
    ``where`` and one dictionary look-up (this runs for every clause read)."""
    marks = frozenset(_MARKS.findall(where))
    key = (scope, marks, live)
    found = _RUNS.get(key)
    if found is None:
        signals = marks & _TRIGGER_SET
        found = _RUNS[key] = _candidates(scope, signals, marks - signals, live)
    return found


_FAMILY_RE = {
    name: (
        re.compile(f.topic) if f.topic else None,
        re.compile(f.exclude) if f.exclude else None,
        re.compile(f.part_topic) if f.part_topic else None,
        re.compile(f.clause_topic) if f.clause_topic else None,
    )
    for name, f in FAMILIES.items()
}
_SUB_CLAUSE = re.compile(r"^(?:其中|包括|包含|含)")
_INCLUDES_CARRIED = re.compile(r"^(?:含|包含|包括)")


# --- sentences -----------------------------------------------------------------------------

_FOOTER = re.compile(
    r"^[-—–\s]*(?:第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+)[-—–\s]*$"
)
_HEADING_START = re.compile(
    r"^(?:#|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d))"
)
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
"""A sentence: what is not 。！？!? or a line break, then the terminators that follow."""
_FOOTER_END = frozenset("-—–页")
"""What a page number ends with, besides a digit: a stripped line ending otherwise is no
:data:`_FOOTER` (whose match ends with its trailing ``[-—–\\s]*``, after 页 or a digit, and a
stripped line ends with no whitespace), and the regex is not tried (a test holds the two
alike)."""
_SHORT_HEADING = 20
_MARK_START = frozenset("-—–第#（(一二三四五六七八九十")
"""First characters of a page number or heading marker (besides digits): other lines skip
the :data:`_FOOTER` and :data:`_HEADING_START` regexes."""


def _wide(c: str) -> bool:
    """CJK ideographs and punctuation, full-width forms, Chinese quotation marks: text that
    joins across a line break without a space."""
    return (
        "\u2e80" <= c <= "\u9fff"
        or "\uff00" <= c <= "\uffef"
        or "\u3000" <= c <= "\u303f"
        or c in "“”‘’"
    )


def _join_lines(text: str) -> str:
    """``text`` with line breaks removed, except around headings (kept as newlines).

    A line starting with a heading marker starts a new sentence; a short one (at most
    :data:`_SHORT_HEADING` characters: a heading on its own line, not the first line of a
    paragraph that starts with its heading) also ends it.
    """
    out: list[str] = []
    break_next = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = False
        if line[0] in _MARK_START or line[0].isdecimal():
            last = line[-1]
            if (last in _FOOTER_END or last.isdecimal()) and _FOOTER.match(line):
                continue
            heading = _HEADING_START.match(line) is not None
            if heading:
                line = line.lstrip("#").strip()
        if out and (heading or break_next):
            out.append("\n")
        elif out:
            # _wide, its commonest range inline (a call for each line was a tenth of joining)
            before = out[-1][-1]
            if not ("\u2e80" <= before <= "\u9fff" or _wide(before) or _wide(line[0])):
                out.append(" ")
        out.append(line)
        break_next = heading and len(line) <= _SHORT_HEADING
    return "".join(out)


def _sentences(text: str) -> list[str]:
    """The sentences of ``text`` that contain a :data:`TRIGGERS` character, the others unread.

    A sentence of the joined lines is a run of characters other than 。！？!? and line breaks,
    with the terminators that follow it (:data:`_SENTENCE`): all are cut out by one
    ``findall``, then kept if a trigger is in them (cutting out only those around a trigger,
    with a search, six ``rfind`` calls and a search for its end each, took twice as long on
    the shared samples).
    """
    if _TRIGGER.search(text) is None:
        return []  # joining lines adds only spaces and line breaks: no trigger to find
    search = _TRIGGER.search
    return [s.strip() for s in _SENTENCE.findall(_join_lines(text)) if search(s) is not None]


def _figure_sentences(text: str) -> list[str]:
    """The sentences of :func:`_sentences` in which :data:`_RAW_EVIDENCE` finds something (or
    in which it does before they are stripped): the only ones that may state a figure (and
    perhaps a sentence with a whitespace before 讼, which is taken for evidence of 诉讼
    without 诉 being looked for, and which then holds no evidence once normalised).

    Joining lines takes away or adds only whitespace, line breaks and page numbers, and
    whitespace counts before each character it looks for, so a text in which it finds
    nothing has no such sentence and is not joined (a test holds this on generated text).
    Where 。 is the only terminator and never doubled, each line is searched, and the
    sentence around each match is cut out between the 。 before it and the 。 after it, as
    :data:`_SENTENCE` would cut it (a test holds the two alike).
    """
    search = _RAW_EVIDENCE.search
    if search(text) is None:
        return []
    joined = _join_lines(text)
    if "。。" in joined or "！" in joined or "？" in joined or "!" in joined or "?" in joined:
        return [s.strip() for s in _SENTENCE.findall(joined) if search(s) is not None]
    # 。 the only terminator, never twice in a row (most text): the sentences are what
    # str.split cuts off at each 。 of each line, 。 put back ((p + "。").strip() is
    # p.lstrip() + "。", and 。 adds nothing _RAW_EVIDENCE looks for), without a regex
    # scan of every character
    #
    # The pieces are found by searching each line from the end of the last piece taken, not
    # each piece: what a match looks behind at is the character before it, the piece's own
    # but at the piece's first character, where it is the line's start or 。, which no
    # alternative accepts (a test holds this against the search of each piece).
    found: list[str] = []
    for line in joined.split("\n"):
        m = search(line)
        while m is not None:
            at = m.start()
            start = line.rfind("。", 0, at) + 1
            stop = line.find("。", at)
            if stop == -1:
                found.append(line[start:].strip())
                break
            found.append(line[start:stop].lstrip() + "。")
            m = search(line, stop + 1)
    return found


_GROUPING_COMMA = re.compile(r",(?=\d{3}(?!\d))")
_BOOK_TITLE = re.compile(r"《[^》]*》")


def _grouping(m: re.Match[str]) -> str:
    # a thousands separator: the comma sits between digits ("3,119"); a lookbehind in the
    # pattern would make every position of the sentence pay for it
    i = m.start()
    return "" if i and m.string[i - 1].isdecimal() else ","


_DIGIT_RUN = re.compile(r"(?>\d+(?:\s+\d+)*)")
"""Digits, and digits apart (whitespace between them): what may be a number as printed."""
_SPACED_THOUSANDS = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
_UNREADABLE = "\ufffd"
"""What stands for a run that is no number as printed: no pattern reads a figure in it."""
_OTHER_BLOCK = re.compile(
    "[^\x00-\xff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uff0f\uff1a-\uffef]"
)
"""A character outside the blocks Chinese prose is written in (Latin-1, general punctuation,
CJK punctuation and ideographs, the full-width forms but their digits), whose only decimal
digits (``\\d``) are ASCII ``0``-``9`` (a test checks every code point)."""


_UNSTABLE = re.compile(
    "[^\x00-\x7f\u00b7\u2010\u2012-\u2016\u2018-\u2023\u2027\u2030-\u2032"
    "\u3001-\u3029\u3030-\u3035\u4e00-\u9fff]"
)
"""A character outside ASCII, CJK ideographs and the punctuation of Chinese prose that NFKC
leaves as it is (、。“”‘’《》【】「」—·, not … nor a full-width form: ，（）；： are mapped
first, as :func:`~govinfo._text.nfkc` maps them): a text without any is its own NFKC, none of
its characters combining with another, and its only digits are ASCII (tests check every
character the class leaves out)."""


_DIGITS_APART = re.compile(r"[0-9]\s++[0-9]")
"""ASCII digits apart (``\\d\\s+\\d`` in a text whose digits are all ASCII): whether one of
the text's words (split at whitespace, which ``\\s`` is) ends with an ASCII digit and the
next begins with one, in one search, not a Python loop over the words (a test holds the
two alike)."""


def _printed_number(m: re.Match[str]) -> str:
    # a number is read only as printed: spaces inside it only as thousands separators (3 119,
    # not 20 7 or 20 and 7 on two lines), and only ASCII digits (NFKC makes full-width ones
    # ASCII; the digits of other scripts are no digits of a count)
    run = m.group()
    if run.isascii() and run.isdigit():
        return run
    parts = run.split()
    if all(p.isascii() for p in parts) and _SPACED_THOUSANDS.fullmatch(" ".join(parts)):
        return "".join(parts)
    return _UNREADABLE


def _normalise(sentence: str) -> str:
    """NFKC, no whitespace (``str.split`` and ``\\s`` agree on what that is), no thousands
    separators, book titles emptied (the module docstring, step 2); digits that are no
    number as printed (``20 7``, other scripts' digits) made :data:`_UNREADABLE`."""
    text = sentence
    for wide, narrow in _COMMON_WIDE:
        text = text.replace(wide, narrow)
    if _UNSTABLE.search(text) is None:
        # nfkc(sentence) is text (each character is its own NFKC, and none combines), and
        # its only digits are ASCII: one search instead of nfkc's and _OTHER_BLOCK's
        other = False
    else:
        text = nfkc(sentence)
        other = _OTHER_BLOCK.search(text) is not None
    words = text.split()
    # _DIGIT_RUN changes only digits apart or digits of other scripts: without either (as in
    # most sentences) its search, a Python call for each number, is not run
    if other or (len(words) > 1 and _DIGITS_APART.search(text) is not None):
        words = _DIGIT_RUN.sub(_printed_number, text).split()
    text = "".join(words)
    if "," in text:  # each regex only rewrites text at its first character
        text = _GROUPING_COMMA.sub(_grouping, text)
    if "《" in text:
        text = _BOOK_TITLE.sub("《》", text)
    return text


_CLAUSE_SPLIT = re.compile(r"[,;:()\[\]【】。!?]")


# --- reading -------------------------------------------------------------------------------


def _count(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return chinese_number(text)


_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


_SHORT_AMOUNT = 40
"""The most characters of an amount in 元 given in 万元 by its string's exponent (see
:func:`_money`): its adjusted exponent in 万元 is then within ±:data:`_SHORT_RANGE`."""
_SHORT_RANGE = _SHORT_AMOUNT + 4


def _money(text: str, unit: str) -> Decimal | None:
    if _DECIMAL.fullmatch(text):
        if unit == "元" and len(text) <= _SHORT_AMOUNT:
            # The scaleb below gives the digits of ``text`` with the exponent 4 lower, which
            # is what reading "<text>E-4" gives, exactly and without a context, unless the
            # result is out of the context's range or clamped (an adjusted exponent within
            # ±44 is in any range from ±44 up, the default's is ±999999): a fifth of the time
            # of a local context (a test holds the two alike).
            context = getcontext()
            if not context.clamp and context.Emin <= -_SHORT_RANGE <= _SHORT_RANGE <= context.Emax:
                return Decimal(text + "E-4")
        amount = Decimal(text)
    else:
        value = chinese_number(text)
        if value is None:
            return None
        amount = Decimal(value)
    if unit != "元":
        return amount
    with localcontext(prec=MAX_PREC):  # exact, however many digits were printed
        return amount.scaleb(-4)


_FEES = FigureKind.FEES
"""The member itself (an enum class's attribute costs several times a global's)."""


def _value(pattern: FigurePattern, m: re.Match[str]) -> int | Decimal | None:
    if pattern.zero:
        return Decimal(0) if _FEES in pattern.kinds else 0
    n = m.group("n")
    if _FEES in pattern.kinds:
        return _money(n, m.group("unit"))
    return _count(n)


class _Sentence:
    """A normalised sentence being read, where it was found, and what its words say about
    each family's topic (worked out once per sentence, on first need)."""

    __slots__ = ("_topical", "part", "section", "text")

    def __init__(self, text: str, section: Section, part: OverviewPart | None) -> None:
        self.text = text
        self.section = section
        self.part = part
        self._topical: dict[str, bool] = {}

    def topical(self, name: str) -> bool:
        """Whether the sentence, its sub-part or its section puts it on family ``name``'s
        topic: ``topic`` in the sentence, or, if the sentence is free of ``exclude`` words,
        ``part_topic`` in the ``topic_in_part`` sub-part, or the ``topic_in_section``."""
        known = self._topical.get(name)
        if known is None:
            known = self._topical[name] = self._work_out(name)
        return known

    def live(self, signals: frozenset[str]) -> frozenset[str]:
        """The families whose patterns may find something in some clause: one of their
        patterns needs one of ``signals`` (the sentence's), and the sentence is on topic or
        has the family's ``clause_topic``."""
        names = _NEEDING.get(signals)
        if names is None:
            names = _NEEDING[signals] = frozenset().union(*(_FAMILIES_NEEDING[c] for c in signals))
        live = []  # a loop, not a generator: one or two names, no frame to make
        for name in names:
            if self.topical(name) or (
                (topic := _FAMILY_RE[name][3]) is not None and topic.search(self.text)
            ):
                live.append(name)
        return frozenset(live)

    def _work_out(self, name: str) -> bool:
        family = FAMILIES[name]
        topic, family_exclude, part_topic, _ = _FAMILY_RE[name]
        if topic is not None and topic.search(self.text):
            return True
        in_part = family.topic_in_part is not None and self.part is family.topic_in_part
        in_section = family.topic_in_section is not None and self.section is family.topic_in_section
        if not (in_part or in_section):
            return False  # no weaker topic either (without the exclude search below)
        # The weaker topics (the sub-part, the section) also need the whole sentence clean:
        # "共受理行政许可申请1200件，办结1180件" in the 依申请公开 part is still about licences.
        if family_exclude is not None and family_exclude.search(self.text):
            return False
        if in_part and part_topic is not None and part_topic.search(self.text):
            return True
        return in_section


def _family_applies(name: str, where: str, sentence: _Sentence) -> bool:
    """Whether family ``name``'s patterns may be searched in ``where`` (a clause of
    ``sentence``, or the sentence itself): no ``exclude`` word in it, and ``clause_topic`` in
    it or the sentence on topic (:meth:`_Sentence.topical`)."""
    _, family_exclude, _, clause_topic = _FAMILY_RE[name]
    if family_exclude is not None and family_exclude.search(where):
        return False
    if clause_topic is not None and clause_topic.search(where):
        return True
    return sentence.topical(name)


def _matches(
    scope: str,
    where: str,
    sentence: _Sentence,
    live: frozenset[str],
    runs: tuple[_Run, ...] | None = None,
) -> list[tuple[FigureKind, int | Decimal]]:
    """The figures the ``scope`` patterns find in ``where`` (a clause, or the sentence), each
    of its kinds paired with its value, in order.

    Only the patterns of the ``live`` families whose :attr:`~FigurePattern.needs` ``where``
    meets, and whose :attr:`~FigurePattern.requires` it has, are tried; a family's conditions
    are worked out once for all its patterns, and a run whose :attr:`_Run.any_of` finds
    nothing is not tried pattern by pattern. ``runs``, if given, are those candidates, known
    already (the sentence's, from its signals).
    """
    found: list[tuple[FigureKind, int | Decimal]] = []
    sub: bool | None = None
    for family, run, any_of in _runs(scope, where, live) if runs is None else runs:
        if any_of.search(where) is None:
            continue
        # _family_applies, inline
        _, family_exclude, _, clause_topic = _FAMILY_RE[family]
        if family_exclude is not None and family_exclude.search(where):
            continue
        if (clause_topic is None or not clause_topic.search(where)) and not sentence.topical(
            family
        ):
            continue
        for pattern, regex, exclude, _, _, skip_sub in run:
            if skip_sub:
                if sub is None:
                    sub = _SUB_CLAUSE.match(where) is not None
                if sub:
                    continue  # a break-down ("其中…"), not the figure itself
            # most patterns find nothing: one search says so, without an iterator and a list
            # (a run of one pattern is its own gate: that search has found something)
            if (regex is not any_of and regex.search(where) is None) or (
                exclude is not None and exclude.search(where)
            ):
                continue
            for m in regex.finditer(where):
                value = _value(pattern, m)
                if value is not None:
                    for kind in pattern.kinds:  # a loop: a comprehension makes a function
                        found.append((kind, value))
    return found


def figures_in_text(
    text: str,
    *,
    section: Section = Section.OVERVIEW,
    part_index: int | None = None,
    part: OverviewPart | None = None,
) -> tuple[StatedFigure, ...]:
    """The figures stated in one block of narrative ``text``, in reading order.

    ``section`` and ``part`` matter: fees are read more freely in section 六, and request
    figures in the 依申请公开 sub-part. Duplicates (one sentence stating one figure twice, or
    matching two patterns) are given once.
    """
    return tuple(
        StatedFigure(
            kind=kind,
            value=value,
            sentence=quote,
            section=section,
            part_index=part_index,
            part=part,
        )
        for kind, value, quote in _read(text, section, part)
    )


def _read(
    text: str, section: Section, part: OverviewPart | None
) -> list[tuple[FigureKind, int | Decimal, str]]:
    """:func:`figures_in_text`'s figures, each as (kind, value, sentence quoted)."""
    found: list[tuple[FigureKind, int | Decimal, str]] = []
    for quote in _figure_sentences(text):  # the others hold no evidence once normalised
        if not (
            (("申" in quote or _SQUARED_SHEN in quote) and "请" in quote)
            or _NOT_COUNTS.search(quote) is not None  # the search last: 'in' tests are cheaper
        ):
            # only counts in 件 or 个, the requests family's alone, and no 申请 to put the
            # sentence on its topic: no family is live once it is normalised either
            continue
        sentence = _normalise(quote)
        signals = _signals(sentence)
        if _EVIDENT_SIGNALS.isdisjoint(signals) and _EVIDENCE.search(sentence) is None:
            continue  # no pattern can match anywhere in it
        context = _Sentence(sentence, section, part)
        live = context.live(signals)
        if not live:
            continue  # no family could read a figure in any of its clauses
        hits: list[tuple[FigureKind, int | Decimal]] = []
        if not signals.isdisjoint(_SENTENCE_NEEDS):  # else no sentence pattern is a candidate
            # the candidates from the signals known and _present (a few 'in' tests), not from
            # _MARKS, which finds most characters of a long sentence
            runs = _candidates("sentence", signals, _present(sentence), live)
            _add(hits, _matches("sentence", sentence, context, live, runs))
        previous: list[tuple[FigureKind, int | Decimal]] = []
        for clause in _CLAUSE_SPLIT.split(sentence):
            # A clause's signals are among the sentence's (a unit's numeral is in its clause,
            # or the unit counts in neither), so a clause holding none of their characters
            # (one 'in' test each, no regex) has no signal: no pattern is a candidate, no
            # figure is here, and it changes neither ``hits`` nor ``previous``.
            for char in signals:
                if char in clause:
                    break
            else:
                continue
            runs = _runs("clause", clause, live)
            if not runs:
                continue  # likewise (the character is there, but not as a signal)
            current = _matches("clause", clause, context, live, runs)
            if not current:
                continue  # likewise
            if _INCLUDES_CARRIED.match(clause) and any(
                k is FigureKind.CARRIED_OVER for k, _ in current
            ):
                hits[:] = [
                    (FigureKind.RECEIVED_WITH_CARRIED_OVER, v)
                    if k is FigureKind.RECEIVED and (k, v) in previous
                    else (k, v)
                    for k, v in hits
                ]
            _add(hits, current)
            previous = current
        for kind, value in hits:  # most sentences have none: no comprehension to make
            found.append((kind, value, quote))
    return found


def _add(
    hits: list[tuple[FigureKind, int | Decimal]], new: list[tuple[FigureKind, int | Decimal]]
) -> None:
    for hit in new:
        if hit not in hits:
            hits.append(hit)


def stated_figures(report: Report) -> tuple[StatedFigure, ...]:
    """Every figure the narrative of ``report`` states: section 一 (the text before the first
    sub-part, then each sub-part), 五, 六, in that order."""
    found: list[StatedFigure] = []
    if report.overview is not None:
        found += figures_in_text(report.overview.text, section=Section.OVERVIEW)
        for i, p in enumerate(report.overview.parts):
            found += figures_in_text(p.text, section=Section.OVERVIEW, part_index=i, part=p.part)
    if report.problems is not None:
        found += figures_in_text(report.problems, section=Section.PROBLEMS)
    if report.other_matters is not None:
        found += figures_in_text(report.other_matters, section=Section.OTHER_MATTERS)
    return tuple(found)


class _Stated(NamedTuple):
    """What the rules read of a :class:`StatedFigure` (a tuple is several times cheaper to
    make than the frozen attrs class, and check() makes one for each figure)."""

    kind: FigureKind
    value: int | Decimal
    sentence: str
    section: Section


def _stated(report: Report) -> list[_Stated]:
    """:func:`stated_figures`, as the rules read them."""
    found: list[_Stated] = []
    texts: list[tuple[str, Section, OverviewPart | None]] = []
    if report.overview is not None:
        texts.append((report.overview.text, Section.OVERVIEW, None))
        texts += [(p.text, Section.OVERVIEW, p.part) for p in report.overview.parts]
    if report.problems is not None:
        texts.append((report.problems, Section.PROBLEMS, None))
    if report.other_matters is not None:
        texts.append((report.other_matters, Section.OTHER_MATTERS, None))
    for text, section, part in texts:
        for k, v, q in _read(text, section, part):
            found.append(_Stated(k, v, q, section))
    return found


# --- rules ---------------------------------------------------------------------------------

_TEXT_SOURCE = (
    "format.md §7, “Between text and tables”: figures stated in the narrative must match the "
    "tables (an inference backed by 国办公开办函〔2021〕30号, which makes inaccurate or "
    "incomplete content a ground for accountability); narrative figures are read by "
    "govinfo.narrative, conservatively"
)

RULES: tuple[Rule, ...] = (
    _rule(
        "T1",
        "正文所述收到申请数与表三“本年新收政府信息公开申请数量”总计（或其与上年结转之和）一致",
        "Requests received, as the text states them, = table 三 new requests (total), or new + "
        "carried over",
        Severity.WARNING,
        ["text"],
        Basis.INFERRED,
        _TEXT_SOURCE,
    ),
    _rule(
        "T2",
        "正文所述办理（办结、答复）申请数与表三“（七）总计”一致",
        "Requests handled, as the text states them, = table 三 handled total (total)",
        Severity.WARNING,
        ["text"],
        Basis.INFERRED,
        _TEXT_SOURCE,
    ),
    _rule(
        "T3",
        "正文所述上年结转、结转下年度申请数与表三一致",
        "Requests carried over / forward, as the text states them, = table 三 (total)",
        Severity.WARNING,
        ["text"],
        Basis.INFERRED,
        _TEXT_SOURCE,
    ),
    _rule(
        "T4",
        "正文所述行政复议、行政诉讼案件数与表四总计一致",
        "Reconsideration and litigation cases, as the text states them, = table 四 totals",
        Severity.WARNING,
        ["text"],
        Basis.INFERRED,
        _TEXT_SOURCE,
    ),
    _rule(
        "T5",
        "收取信息处理费的，应在“六、其他需要报告的事项”中报告",
        "Information-processing fees (信息处理费) charged are reported in section 六",
        Severity.WARNING,
        ["text"],
        Basis.INFERRED,
        "国办公开办函〔2021〕30号: the template's section 六 reads “（文字描述，收取信息处理费"
        "情况在此处报告。）”; format.md §7 (fees collected imply section 六 reports them). "
        "Evidence that fees were charged: the narrative elsewhere states fees > 0 (fail), or "
        "table 三 counts requests dropped for an unpaid fee notice (uncertain). Table 二's "
        "（八）行政事业性收费 is not evidence: those are the agency's administrative fees, not "
        "信息处理费",
        editions=frozenset({Edition.V2021}),
    ),
)
"""The text-against-tables rules, for the catalogue of :mod:`govinfo.checks`."""

_RULE_ORDER = {r.id: i for i, r in enumerate(RULES)}
_RULE_IDS = frozenset(_RULE_ORDER)

_TABLE_ZH = {
    "requests.new_requests.total": "表三“一、本年新收政府信息公开申请数量”总计",
    "requests.carried_over.total": "表三“二、上年结转政府信息公开申请数量”总计",
    "requests.handled_total.total": "表三“（七）总计”总计",
    "requests.carried_forward.total": "表三“四、结转下年度继续办理”总计",
    "review_litigation.review.total": "表四“行政复议”总计",
    "review_litigation.litigation_direct.total": "表四“未经复议直接起诉”总计",
    "review_litigation.litigation_after_review.total": "表四“复议后起诉”总计",
}
_TABLE_EN = {
    "requests.new_requests.total": "table 三 new requests (total)",
    "requests.carried_over.total": "table 三 carried over (total)",
    "requests.handled_total.total": "table 三 handled total (total)",
    "requests.carried_forward.total": "table 三 carried forward (total)",
    "review_litigation.review.total": "table 四 reconsideration (total)",
    "review_litigation.litigation_direct.total": "table 四 direct litigation (total)",
    "review_litigation.litigation_after_review.total": "table 四 litigation after "
    "reconsideration (total)",
}
_FEE_MENTION = re.compile(r"处理费|收费|收取.{0,8}费|费用")
_UNPAID_FEE = "requests.other_handling.unpaid_fee.total"


def text_findings(report: Report, active: AbstractSet[str]) -> list[Finding]:
    """The findings of the rules T1–T5 that are in ``active`` (rule ids) on ``report``.

    T1–T4: one finding per stated figure that differs from its table cells (a missing table
    gives none: rule S2 reports it). T5 (edition 2021 only): section 六 says nothing about fees
    although the narrative elsewhere states fees were collected (``fail``; ``expected`` is the
    stated amount in 万元, ``actual`` is ``None``), or although table 三 counts requests dropped
    for an unpaid fee notice (``uncertain``: fee notices were sent, so fees may have been
    collected).
    """
    wanted = active & _RULE_IDS
    if not wanted:
        return []
    figures = _stated(report)
    found: list[Finding] = []
    for figure in figures:
        if figure.kind.rule in wanted and figure.kind is not _FEES:
            finding = _compare(report, figure)
            if finding is not None:
                found.append(finding)
    if "T5" in wanted and report.edition is Edition.V2021:
        found += _fees_reported(report, figures)
    return sorted(found, key=lambda f: _RULE_ORDER[f.rule])


_TABLE_OF = {kind.key: kind.cells[0].split(".")[0] for kind in FigureKind if kind.cells}
"""The table each figure is compared with (all its cells are in that one table), by the
kind's key (an enum member hashes by a Python method; its key is a string)."""
_CELLS_OF = {kind.key: [attrgetter(path) for path in kind.cells] for kind in FigureKind}
"""The getters of each figure's cells: ``report.cell(path)``, once the table is known to be
there (then every cell of it is), without walking and checking the path on each call."""


def _compare(report: Report, figure: _Stated) -> Finding | None:
    key = figure.kind.key
    if getattr(report, _TABLE_OF[key]) is None:
        return None  # the table is missing: rule S2 reports it
    values: list[int | Decimal | None] = []
    known: list[int | Decimal] = []
    for cell in _CELLS_OF[key]:  # loops, not comprehensions: one or a few cells
        value = cell(report)
        values.append(value)
        if value is not None:
            known.append(value)
    expected = int(sum(known))
    actual = int(figure.value)
    if actual == expected or _received_with_carried_over(report, figure, values):
        return None
    blank = len(known) < len(values)
    status = Status.UNCERTAIN if blank and actual > expected else Status.FAIL
    cells = figure.kind.cells
    desc_zh = "与".join(_TABLE_ZH[c] for c in cells) + ("之和" if len(cells) > 1 else "")
    desc_en = " + ".join(_TABLE_EN[c] for c in cells)
    note_zh = note_en = ""
    if status is Status.UNCERTAIN:
        note_zh += "（表格有未填报的单元格，按0计）"
        note_en += " (a table cell is not reported; read as 0)"
    return Finding(
        rule=figure.kind.rule,
        severity=Severity.WARNING,
        status=status,
        cells=cells,
        expected=expected,
        actual=actual,
        difference=actual - expected,
        operands=tuple(Operand(c, v) for c, v in zip(cells, values, strict=True)),
        message_zh=f"正文“{figure.sentence}”所述{figure.kind.zh}为{actual}，"
        f"{desc_zh}为{expected}{note_zh}",
        message_en=f"the text says “{figure.sentence}” ({figure.kind.en}: {actual}), "
        f"but {desc_en} is {expected}{note_en}",
    )


def _received_with_carried_over(
    report: Report, figure: _Stated, values: Sequence[int | Decimal | None]
) -> bool:
    """Whether a "收到/受理申请 N 件" figure is new + carried over, as many reports count the
    requests they received (沭阳县 2025: 受理 749 件 = 713 new + 36 carried over): then that
    is the figure it states, and it matches. Only with both cells printed and something
    carried over (else new + carried over is new alone, which the plain comparison holds)."""
    if figure.kind is not FigureKind.RECEIVED or report.requests is None:
        return False
    (new,) = values
    carried = report.requests.carried_over.total
    return new is not None and carried is not None and carried > 0 and figure.value == new + carried


def _fees_reported(report: Report, figures: list[_Stated]) -> list[Finding]:
    other = report.other_matters
    if other is not None and _FEE_MENTION.search(nfkc(other)):
        return []
    found = []
    for figure in figures:
        if (
            figure.kind is FigureKind.FEES
            and figure.section is not Section.OTHER_MATTERS
            and figure.value > 0
        ):
            found.append(
                Finding(
                    rule="T5",
                    severity=Severity.WARNING,
                    status=Status.FAIL,
                    cells=("other_matters",),
                    expected=figure.value,
                    actual=None,
                    difference=None,
                    operands=(),
                    message_zh=f"正文“{figure.sentence}”称收取信息处理费{figure.value}万元，"
                    "但“六、其他需要报告的事项”未报告收取信息处理费情况",
                    message_en=f"the text says “{figure.sentence}” (fees collected: "
                    f"{figure.value} 万元), but section 六 (other matters) does not report "
                    "information-processing fees",
                )
            )
    requests = report.requests
    if not found and requests is not None and isinstance(requests.other_handling, OtherHandling):
        unpaid = requests.other_handling.unpaid_fee.total
        if unpaid:
            found.append(
                Finding(
                    rule="T5",
                    severity=Severity.WARNING,
                    status=Status.UNCERTAIN,
                    cells=("other_matters", _UNPAID_FEE),
                    expected=None,
                    actual=None,
                    difference=None,
                    operands=(Operand(_UNPAID_FEE, unpaid),),
                    message_zh=f"表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用”总计为"
                    f"{unpaid}，曾发出收费通知，但“六、其他需要报告的事项”未报告收取信息处理费情况",
                    message_en=f"table 三 counts {unpaid} request(s) dropped for an unpaid fee "
                    "notice, so fees were charged, but section 六 (other matters) does not "
                    "report information-processing fees",
                )
            )
    return found
