"""Figures stated in the narrative, and the text-against-tables rules T1–T5.

Sentences are typed in from the shared samples (file named in each case), then varied.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo import samples
from govinfo.checks import Basis, Finding, Severity, Status
from govinfo.model import (
    ApplicantCounts,
    Decisions2021,
    Documents2021,
    Fees2021,
    Overview,
    OverviewSection,
    Proactive2021,
    Report,
    Requests,
    ResultCounts,
    ReviewLitigation,
)
from govinfo.narrative import (
    PATTERNS,
    RULES,
    FigureKind,
    StatedFigure,
    figures_in_text,
    stated_figures,
    text_findings,
)
from govinfo.registry import Edition, OverviewPart, RequestRow, Section

K = FigureKind
ALL_T = {"T1", "T2", "T3", "T4", "T5"}


def figures(text: str, **where: object) -> list[tuple[FigureKind, int | Decimal]]:
    return [(f.kind, f.value) for f in figures_in_text(text, **where)]  # type: ignore[arg-type]


# --- the samples' sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # luoyang-scjgj-2020.txt, （二）依申请公开
        (
            "我局严格按照提出申请、申请受理、申请处理的流程"
            "做好依申请公开工作。2020 年，市市场监管局"
            "共收到 8 个自然人的政府信息公开申请，均按要求在申请之日起 20 个工作日内办理回复。",
            [(K.RECEIVED, 8)],
        ),
        # pingtan-2024.txt (one line, no line breaks)
        (
            "（二）依申请公开方面。规范做好申请登记、审查、"
            "办理、答复、归档等工作，强化服务理念，提高答复"
            "质量。主动加强与申请人沟通，了解实质诉求，耐"
            "心细致为群众释疑并合理引导。强化与区直各部门"
            "协调联动，畅通信息查找渠道，满足企业、群众个性化"
            "政府信息需求。全年办理政府信息公开申请218件。",
            [(K.HANDLED, 218)],
        ),
        # huaian-2024.txt (pdftotext -layout: the sentence wraps, words split across lines)
        (
            "      （二）依申请公开情况。定期对政府信息公开申请集中的领\n"
            "域和热点问题进行研判，探索从源头上解决实际问题。着力强化\n"
            "与申请人的直接沟通，准确了解申请人诉求，提高答复的及时性\n"
            "和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答\n"
            "复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n"
            "答复），均在法定期限内予以答复。政府信息公开行政复议 351\n"
            "件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n"
            "未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n"
            "件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。",
            [
                (K.RECEIVED, 3119),
                (K.HANDLED, 3050),
                (K.CARRIED_OVER, 34),
                (K.CARRIED_FORWARD, 103),
                (K.REVIEW, 351),
                (K.LITIGATION, 46),
            ],
        ),
        # hongzequ-2023.txt
        (
            "（二）依申请公开情况。进一步规范依申请公开流程"
            "，畅通\n依申请公开受理渠。2023 年全区受理"
            "政府信息公开申请 21 件，\n均在法定期限答复。",
            [(K.RECEIVED, 21)],
        ),
        # hongzequ-2024.txt
        (
            "2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。",
            [(K.RECEIVED, 17)],
        ),
        # shuyangxian-2025.md
        (
            "2025 年，我县严格遵循《条例》规定，规范依"
            "申请公开办理流程，优化服务方式，提升办理质效，"
            "依法妥善回应各类信息公开申请，全年申请办理工"
            "作规范有序、闭环高效。全县全年共受理政府信息"
            "公开申请 749 件，其中自然人申请 741 件，法人"
            "或其他组织申请 8 件；共办理 718 件，结转下一年 "
            "31 件。依法做好相关行政复议、行政诉讼案件的应"
            "诉工作，全县共办理相关案件 74 件，有力维护了"
            "群众合法权益与政府公信力。",
            [
                (K.RECEIVED, 749),
                (K.HANDLED, 718),
                (K.CARRIED_FORWARD, 31),
                (K.REVIEW_AND_LITIGATION, 74),
            ],
        ),
        # shuyang-fgj-2023.html (a paragraph without a full stop, then a heading)
        (
            "2023年度我局共收到依申请信息公开26件，及"
            "时回复申请人，并将申请人所申请的信息通过电子邮箱"
            "发送给申请人\n（三）完善公开制度规范，加强政"
            "府信息管理\n我局所有发布信息均按照“先审查、后"
            "公开，谁提供、谁审核、谁负责”的原则，执行三级审核制度。",
            [(K.RECEIVED, 26)],
        ),
    ],
)
def test_sample_request_sentences(text: str, expected: list[tuple[FigureKind, int]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # pingtan-2024.txt, 六
        ("2024年，无收取信息处理费情况。", Decimal(0)),
        # huaian-2024.txt, 六 (wrapped)
        (
            "2024 年，市政府严格落实《政府信息公开信息处"
            "理费管理\n办法》，全年收取政府信息公开信息处理费"
            " 3940 元。",
            Decimal("0.394"),
        ),
        # hongzequ-2023.txt and hongzequ-2024.txt, 六
        (
            "2023 年，区政府严格落实《政府信息公开信息处"
            "理费管理办\n法》，全年收取政府信息公开信息处理费"
            " 0 元。",
            Decimal(0),
        ),
        # shuyangxian-2025.md, 六: the break-down "收取380元" is not a second figure
        (
            "我县认真落实《政府信息公开信息处理费管理办法"
            "》要求，指导推动全县行政机关按规定收取费用。"
            "全县行政机关在办理2025年度信息公开申请中收取信"
            "息处理费共计380元，其中民政局1件，收取380元。",
            Decimal("0.038"),
        ),
        # shuyang-fgj-2023.html, 六
        ("2023年度，县发展和改革局政府信息公开未发生收费情况。", Decimal(0)),
    ],
)
def test_sample_fee_sentences(text: str, amount: Decimal) -> None:
    assert figures(text, section=Section.OTHER_MATTERS) == [(K.FEES, amount)]


def test_pingtan_whole_body_on_one_line(shared_dir: Path) -> None:
    """The crawler text runs the tables into the narrative; only the two narrative figures
    are read."""
    text = (shared_dir / "samples" / "pingtan-2024.txt").read_text(encoding="utf-8")
    body = text.split("==================== 正文 ====================", 1)[1]
    assert "\n" not in body.strip()
    assert figures(body) == [(K.HANDLED, 218), (K.FEES, Decimal(0))]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("luoyang-scjgj-2020.txt", [(K.RECEIVED, 8)]),
        (
            "huaian-2024.txt",
            [
                (K.RECEIVED, 3119),
                (K.HANDLED, 3050),
                (K.CARRIED_OVER, 34),
                (K.CARRIED_FORWARD, 103),
                (K.REVIEW, 351),
                (K.LITIGATION, 46),
                (K.FEES, Decimal("0.394")),
            ],
        ),
        ("hongzequ-2023.txt", [(K.RECEIVED, 21), (K.FEES, Decimal(0))]),
        ("hongzequ-2024.txt", [(K.RECEIVED, 17), (K.FEES, Decimal(0))]),
        (
            "shuyangxian-2025.md",
            [
                (K.RECEIVED, 749),
                (K.HANDLED, 718),
                (K.CARRIED_FORWARD, 31),
                (K.REVIEW_AND_LITIGATION, 74),
                (K.FEES, Decimal("0.038")),
            ],
        ),
    ],
)
def test_whole_sample_files(shared_dir: Path, name: str, expected: list[object]) -> None:
    """Even over a whole file, tables included, nothing but the narrative's figures is read."""
    text = (shared_dir / "samples" / name).read_text(encoding="utf-8")
    assert figures(text) == expected


# --- what is not a figure ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # luoyang-scjgj-2020.txt
        "主动公开市场监管、商品质量抽检公告等各类信息 298 "
        "条，其中动态类信息 42 条，公开类信息 256 条。",
        "建立网站信息发布管理制度，全年按时办理百姓呼声 1153 起。",
        "加强网络舆情研判工作，及时处置网络诉求事项 12 件，《百姓呼声》1153 件。",
        "均按要求在申请之日起 20 个工作日内办理回复。",
        # shuyang-fgj-2023.html
        "全年受理网络问政182件。",
        "全年共审核发布各类公开政府信息249条，其中：发布行政公文和政策解读信息9条。",
        # shuyangxian-2025.md
        "全年发出催办提示 84 次，有效防止相关单位出现超时未答复问题。",
        "2025 年，累计开展办前主动沟通 49 次，成功推动化解各类争议纠纷 33 件。",
        "其中自然人申请 741 件，法人或其他组织申请 8 件。",
        "累计清理过期信息697条，确保公开信息的准确性。",
        # pingtan-2024.txt
        "动态更新发布本年度制发行政规范性文件62件，并同步做好全真版上传等工作。",
        "对5个发挥作用不明显、基层无力维护的政务新媒体予以关停注销。",
        # huaian-2024.txt
        "截至目前，全市在运维政务新媒体共计 95 个，合格率均为 100%。",
        # hongzequ-2024.txt, 五: an aim, not a fact
        "有效降低行政复议、行政诉讼发生率和纠错率。",
        # table 三 labels and table 二 fees
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "严格落实《政府信息公开信息处理费管理办法》。",
        "全年收取行政事业性收费96171.6万元。",
        # break-downs, other counts and other matters
        "行政复议结果维持72件，结果纠正64件。",
        "共受理行政许可申请1200件，办结1180件。",
        "办理人大代表建议和政协提案35件。",
        "予以公开28件，部分公开3件，不予公开2件。",
        "依申请公开办理结果为予以公开的15件。",
        "收到政府信息公开申请数量较上年增加5件。",
        "确保不发生因政府信息公开引发的行政复议和行政诉讼。",
        "依申请公开办结率达100%。",
        # estimates, "each", and Chinese "one" in set phrases
        "共收到政府信息公开申请约20件。",
        "共收到政府信息公开申请三十余件。",
        "认真办理每一件政府信息公开申请。",
        "依申请公开办理实行一件一档。",
        # results and other matters that mention the same words
        "政府信息公开行政诉讼一审判决驳回2件。",
        "全年共有3件政府信息公开行政复议案件在审理中。",
        "政府信息公开行政复议纠错率为0。",
        "未发生因收取信息处理费引起的投诉。",
        "依申请公开答复平均用时8个工作日。",
        "全年办理政务服务事项12万件。",
        "收到上级转办件5件。",
        "",
    ],
)
def test_not_a_figure(text: str) -> None:
    for where in (
        {"section": Section.OVERVIEW},
        {"section": Section.OVERVIEW, "part": OverviewPart.ON_REQUEST, "part_index": 1},
        {"section": Section.OTHER_MATTERS},
    ):
        assert figures(text, **where) == [], where


def test_request_words_need_a_disclosure_topic() -> None:
    # A bare "受理 21 件" counts only when the sentence is about disclosure requests
    assert figures("全年共受理21件。") == []
    assert figures("依申请公开工作有序开展，全年共受理21件。") == [(K.RECEIVED, 21)]
    assert figures("全年共收到申请15件，均已按时办结。") == []
    on_request = {"part": OverviewPart.ON_REQUEST, "part_index": 1}
    assert figures("全年共收到申请15件，均已按时办结。", **on_request) == [(K.RECEIVED, 15)]


# --- variants: numerals, full width, phrasing ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年共收到政府信息公开申请十二件。", [(K.RECEIVED, 12)]),
        ("全年共收到政府信息公开申请一百零五件。", [(K.RECEIVED, 105)]),
        ("全年共收到政府信息公开申请１２件，办结１２件。", [(K.RECEIVED, 12), (K.HANDLED, 12)]),
        ("全年共收到政府信息公开申请3,119件。", [(K.RECEIVED, 3119)]),
        ("本年度新收政府信息公开申请数量为7件。", [(K.RECEIVED, 7)]),
        ("共受理并办结政府信息公开申请20件。", [(K.RECEIVED, 20), (K.HANDLED, 20)]),
        (
            "全年共收到政府信息公开申请30件，上年结转2件，办结29件，结转下年度继续办理3件。",
            [(K.RECEIVED, 30), (K.CARRIED_OVER, 2), (K.HANDLED, 29), (K.CARRIED_FORWARD, 3)],
        ),
        ("共办理政府信息公开申请10件，其中2件为上年结转。", [(K.HANDLED, 10), (K.CARRIED_OVER, 2)]),
        ("另有3件政府信息公开申请结转至下一年度办理。", [(K.CARRIED_FORWARD, 3)]),
        ("政府信息公开申请3件结转至2025年办理。", [(K.CARRIED_FORWARD, 3)]),
        (
            "全年被申请政府信息公开行政复议2件、被提起行政诉讼1件。",
            [(K.REVIEW, 2), (K.LITIGATION, 1)],
        ),
        ("因政府信息公开被申请行政复议三件。", [(K.REVIEW, 3)]),
        # cases are also counted in 起
        (
            "全年办理因政府信息公开申请引发的行政复议35起，行政诉讼8起。",
            [(K.REVIEW, 35), (K.LITIGATION, 8)],
        ),
        ("涉及政府信息公开的行政复议、行政诉讼各1件。", [(K.REVIEW, 1), (K.LITIGATION, 1)]),
        (
            "全年未发生因政府信息公开引起的行政复议、行政诉讼案件。",
            [(K.REVIEW, 0), (K.LITIGATION, 0)],
        ),
        ("本年度无政府信息公开行政复议案件。", [(K.REVIEW, 0)]),
        (
            "政府信息公开行政复议和行政诉讼案件共5件，其中行政复议3件，行政诉讼2件。",
            [(K.REVIEW_AND_LITIGATION, 5), (K.REVIEW, 3), (K.LITIGATION, 2)],
        ),
    ],
)
def test_variants(text: str, expected: list[tuple[FigureKind, int]]) -> None:
    assert figures(text) == expected


def test_break_downs_are_not_figures() -> None:
    text = (
        "共收到政府信息公开申请8件，主要涉及土地征收2件"
        "、房屋拆迁3件，其中当面申请2件，网络申请6件。"
    )
    assert figures(text) == [(K.RECEIVED, 8)]
    text = "因政府信息公开引发行政复议1件，经复议维持原答复；行政诉讼2件，均已判决。"
    assert figures(text) == [(K.REVIEW, 1), (K.LITIGATION, 2)]


def test_received_including_carried_over() -> None:
    text = "全年共受理政府信息公开申请35件（含上年度结转2件），均已办结。"
    assert figures(text) == [(K.RECEIVED_WITH_CARRIED_OVER, 35), (K.CARRIED_OVER, 2)]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("全年收取信息处理费 3940 元。", Decimal("0.394")),
        ("全年收取信息处理费１２３４５元。", Decimal("1.2345")),
        ("全年收取信息处理费 0.01 元。", Decimal("0.000001")),
        ("全年收取信息处理费1.5万元。", Decimal("1.5")),
        ("全年收取信息处理费共计一百元。", Decimal("0.01")),
        ("信息处理费收入为零。", Decimal(0)),
        ("本机关未收取信息处理费。", Decimal(0)),
        ("依申请公开不收取任何费用。", Decimal(0)),
    ],
)
def test_fees(text: str, amount: Decimal) -> None:
    found = figures_in_text(text, section=Section.OTHER_MATTERS)
    assert [(f.kind, f.value) for f in found] == [(K.FEES, amount)]
    assert isinstance(found[0].value, Decimal)


def test_yuan_to_wan_yuan_is_exact() -> None:
    (figure,) = figures_in_text("收取信息处理费 123456789.87 元。", section=Section.OTHER_MATTERS)
    assert figure.value == Decimal("12345.678987")
    assert str(figure.value) == "12345.678987"


def test_fee_words_outside_section_six_need_a_topic() -> None:
    assert figures("全年未收取任何费用。") == []
    assert figures("全年未收取任何费用。", section=Section.OTHER_MATTERS) == [(K.FEES, Decimal(0))]
    assert figures("政府信息公开申请未收取任何费用。") == [(K.FEES, Decimal(0))]


# --- the patterns are data ---------------------------------------------------------------------


def test_every_pattern_matches_its_example() -> None:
    from govinfo.narrative import FAMILIES, _normalise

    for pattern in PATTERNS:
        assert pattern.family in FAMILIES
        assert pattern.scope in {"clause", "sentence"}
        assert re.search(pattern.regex, _normalise(pattern.example)), pattern.example


# --- stated_figures over a report ----------------------------------------------------------------


def test_stated_figures_of_the_luoyang_sample() -> None:
    report = samples.load("luoyang-scjgj-2020")
    (figure,) = stated_figures(report)
    assert figure.kind is K.RECEIVED
    assert figure.value == 8
    assert figure.section is Section.OVERVIEW
    assert figure.part is OverviewPart.ON_REQUEST
    assert figure.part_index == 1
    assert figure.location == "overview.parts[1]"
    assert "共收到 8 个自然人的政府信息公开申请" in figure.sentence


def test_stated_figures_in_every_section() -> None:
    report = attrs.evolve(
        samples.load("luoyang-scjgj-2020"),
        overview=Overview(text="全年共收到政府信息公开申请8件。", parts=()),
        problems="本年度被申请政府信息公开行政复议1件。",
        other_matters="全年收取信息处理费100元。",
    )
    assert [(f.location, f.kind, f.value) for f in stated_figures(report)] == [
        ("overview", K.RECEIVED, 8),
        ("problems", K.REVIEW, 1),
        ("other_matters", K.FEES, Decimal("0.01")),
    ]
    assert (
        stated_figures(attrs.evolve(report, overview=None, problems=None, other_matters=None)) == ()
    )


# --- the rules ----------------------------------------------------------------------------------


def test_rules() -> None:
    assert [r.id for r in RULES] == ["T1", "T2", "T3", "T4", "T5"]
    for r in RULES:
        assert r.severity is Severity.WARNING
        assert r.tags == frozenset({"text"})
        assert r.basis is Basis.INFERRED
        assert "format.md §7" in r.source
        assert r.title_zh
        assert r.title_en
    assert RULES[4].editions == frozenset({Edition.V2021})
    assert "国办公开办函〔2021〕30号" in RULES[4].source
    assert all(r.editions == frozenset(Edition) for r in RULES[:4])
    assert {k.rule for k in FigureKind} == {r.id for r in RULES}


def test_t1_holds_on_the_sample() -> None:
    assert text_findings(samples.load("luoyang-scjgj-2020"), ALL_T) == []


def test_t1_fires_when_the_table_differs() -> None:
    report = samples.load("luoyang-scjgj-2020").with_cell("requests.new_requests.total", 9)
    (finding,) = text_findings(report, ALL_T)
    assert isinstance(finding, Finding)
    assert finding.rule == "T1"
    assert finding.severity is Severity.WARNING
    assert finding.status is Status.FAIL
    assert finding.cells == ("requests.new_requests.total",)
    assert finding.expected == 9
    assert finding.actual == 8
    assert finding.difference == -1
    assert [(o.path, o.value) for o in finding.operands] == [("requests.new_requests.total", 9)]
    assert "共收到 8 个自然人的政府信息公开申请" in finding.message_zh
    assert "共收到 8 个自然人的政府信息公开申请" in finding.message_en
    assert "本年新收政府信息公开申请数量" in finding.message_zh
    assert "new requests" in finding.message_en


def test_t1_uncertain_when_the_cell_is_blank() -> None:
    report = samples.load("luoyang-scjgj-2020").with_cell("requests.new_requests.total", None)
    (finding,) = text_findings(report, ALL_T)
    assert finding.status is Status.UNCERTAIN
    assert finding.expected == 0
    assert finding.actual == 8


def test_only_active_rules() -> None:
    report = samples.load("luoyang-scjgj-2020").with_cell("requests.new_requests.total", 9)
    assert text_findings(report, {"T2", "T3", "T4", "R1"}) == []
    assert text_findings(report, set()) == []


def _with_on_request(report: Report, text: str) -> Report:
    assert report.overview is not None
    parts = list(report.overview.parts)
    parts[1] = attrs.evolve(parts[1], text=text)
    return attrs.evolve(report, overview=attrs.evolve(report.overview, parts=tuple(parts)))


def test_t2_t3() -> None:
    report = _with_on_request(
        samples.load("luoyang-scjgj-2020"),
        "2020 年共收到政府信息公开申请 8 件，上年结转 1 件，办结 7 件，结转下年度继续办理 2 件。",
    )
    found = text_findings(report, ALL_T)
    assert [(f.rule, f.cells, f.expected, f.actual) for f in found] == [
        ("T2", ("requests.handled_total.total",), 8, 7),
        ("T3", ("requests.carried_over.total",), 0, 1),
        ("T3", ("requests.carried_forward.total",), 0, 2),
    ]
    assert all(f.status is Status.FAIL for f in found)


def test_t4() -> None:
    # The sample's table 四: reconsideration not reported; litigation 2 (direct) + 0
    base = samples.load("luoyang-scjgj-2020")
    assert text_findings(_with_on_request(base, "政府信息公开行政诉讼 2 件。"), ALL_T) == []
    assert text_findings(_with_on_request(base, "未发生政府信息公开行政复议。"), ALL_T) == []
    (litigation,) = text_findings(_with_on_request(base, "政府信息公开行政诉讼 3 件。"), ALL_T)
    assert litigation.rule == "T4"
    assert litigation.status is Status.FAIL
    assert litigation.cells == (
        "review_litigation.litigation_direct.total",
        "review_litigation.litigation_after_review.total",
    )
    assert (litigation.expected, litigation.actual) == (2, 3)
    (review,) = text_findings(_with_on_request(base, "政府信息公开行政复议 1 件。"), ALL_T)
    assert review.status is Status.UNCERTAIN  # the review block is blank
    assert review.cells == ("review_litigation.review.total",)
    both = _with_on_request(base, "政府信息公开行政复议、行政诉讼共 2 件。")
    assert text_findings(both, ALL_T) == []


def test_missing_tables_give_no_text_findings() -> None:
    report = samples.load("luoyang-scjgj-2020").with_cell("requests.new_requests.total", 9)
    assert text_findings(attrs.evolve(report, requests=None), ALL_T) == []


# --- edition 2021 reports built by hand ----------------------------------------------------------


def _counts(total: int = 0) -> ApplicantCounts:
    return ApplicantCounts.from_values([total, 0, 0, 0, 0, 0, total])


def _report_2021(
    *,
    on_request: str = "",
    other_matters: str | None = "无",
    rows: dict[str, int] | None = None,
    review_total: int = 0,
) -> Report:
    counts = {r.key: _counts() for r in RequestRow if Edition.V2021 in r.editions}
    for key, total in (rows or {}).items():
        counts[key] = _counts(total)
    zero = ResultCounts.from_values([0, 0, 0, 0, 0])
    return Report(
        agency="某某县人民政府",
        year=2024,
        edition=Edition.V2021,
        overview=Overview(
            text="",
            parts=(
                OverviewSection(part=OverviewPart.PROACTIVE, heading="（一）主动公开", text=""),
                OverviewSection(
                    part=OverviewPart.ON_REQUEST, heading="（二）依申请公开", text=on_request
                ),
            ),
        ),
        proactive=Proactive2021(
            regulations=Documents2021.from_values([0, 0, 0]),
            normative_documents=Documents2021.from_values([0, 0, 0]),
            licensing=Decisions2021(decisions=0),
            penalties=Decisions2021(decisions=0),
            coercive_measures=Decisions2021(decisions=0),
            fees=Fees2021(amount=Decimal("7730.28")),  # administrative fees, not 信息处理费
        ),
        requests=Requests.from_rows(counts),
        review_litigation=ReviewLitigation(
            review=attrs.evolve(zero, total=review_total, other=review_total),
            litigation_direct=zero,
            litigation_after_review=zero,
        ),
        problems="",
        other_matters=other_matters,
    )


def test_shuyangxian_received_includes_carried_over() -> None:
    """shuyangxian-2025.md: "受理 749 件" = 713 new + 36 carried over: the figure it states is
    new + carried over, and it matches."""
    text = (
        "全县全年共受理政府信息公开申请 749 件，其中自"
        "然人申请 741 件，法人或其他组织申请 8 件；"
        "共办理 718 件，结转下一年 31 件。"
    )
    rows = {"new_requests": 713, "carried_over": 36, "handled_total": 718, "carried_forward": 31}
    assert text_findings(_report_2021(on_request=text, rows=rows), ALL_T) == []
    # neither new (713) nor new + carried over (749): T1 fails against new alone
    other = _report_2021(on_request=text, rows={**rows, "new_requests": 712})
    (finding,) = text_findings(other, ALL_T)
    assert (finding.rule, finding.expected, finding.actual) == ("T1", 712, 749)


@settings(max_examples=60, deadline=None)
@given(
    new=st.integers(0, 5000),
    carried=st.integers(0, 500),
    stated=st.integers(0, 6000),
    carried_printed=st.booleans(),
)
def test_t1_received_is_new_or_new_plus_carried_over(
    new: int, carried: int, stated: int, carried_printed: bool
) -> None:
    """T1 holds a stated received figure against new, and against new + carried over when some
    requests were carried over and the cell is printed; any other figure fails."""
    report = _report_2021(
        on_request=f"全年共受理政府信息公开申请{stated}件。",
        rows={"new_requests": new, "carried_over": carried},
    )
    if not carried_printed:
        report = report.with_cell("requests.carried_over.total", None)
    found = [(f.expected, f.actual) for f in text_findings(report, {"T1"})]
    matches = stated == new or (carried_printed and carried > 0 and stated == new + carried)
    assert found == ([] if matches else [(new, stated)])


def test_received_with_carried_over_is_held_against_both_rows() -> None:
    text = "全年共受理政府信息公开申请35件（含上年度结转2件），均已办结。"
    good = _report_2021(on_request=text, rows={"new_requests": 33, "carried_over": 2})
    assert text_findings(good, ALL_T) == []
    bad = _report_2021(on_request=text, rows={"new_requests": 35, "carried_over": 2})
    (finding,) = text_findings(bad, ALL_T)
    assert finding.rule == "T1"
    assert finding.cells == ("requests.new_requests.total", "requests.carried_over.total")
    assert (finding.expected, finding.actual) == (37, 35)


def test_hongzequ_2024_states_17_where_the_table_has_95() -> None:
    """hongzequ-2024.txt: the district office's 17 requests against the table's 95."""
    report = _report_2021(
        on_request=(
            "2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。"
        ),
        rows={"new_requests": 95, "handled_total": 95},
    )
    (finding,) = text_findings(report, ALL_T)
    assert (finding.rule, finding.expected, finding.actual, finding.status) == (
        "T1",
        95,
        17,
        Status.FAIL,
    )


def test_t5_fees_stated_elsewhere_but_not_in_section_six() -> None:
    stated = "全年收取政府信息公开信息处理费 3940 元。"
    report = _report_2021(on_request=stated, other_matters="无")
    (finding,) = text_findings(report, ALL_T)
    assert finding.rule == "T5"
    assert finding.status is Status.FAIL
    assert finding.cells == ("other_matters",)
    assert finding.expected == Decimal("0.394")
    assert finding.actual is None
    assert stated in finding.message_zh
    assert stated in finding.message_en
    # reported in 六: fine, as is a 2019-edition report (the rule is for edition 2021)
    assert (
        text_findings(attrs.evolve(report, other_matters="收取信息处理费 3940 元。"), ALL_T) == []
    )
    assert text_findings(attrs.evolve(report, other_matters=None), {"T1"}) == []


def test_t5_unpaid_fee_notices() -> None:
    report = _report_2021(other_matters="无", rows={"other_handling.unpaid_fee": 2})
    (finding,) = text_findings(report, {"T5"})
    assert finding.status is Status.UNCERTAIN
    assert finding.cells == ("other_matters", "requests.other_handling.unpaid_fee.total")
    assert [(o.path, o.value) for o in finding.operands] == [
        ("requests.other_handling.unpaid_fee.total", 2)
    ]
    assert text_findings(attrs.evolve(report, other_matters="未收取信息处理费。"), {"T5"}) == []


def test_t5_ignores_table_two_administrative_fees() -> None:
    """Table 二 （八） 行政事业性收费 is the agency's administrative fees, not 信息处理费."""
    report = _report_2021(other_matters="无")
    assert isinstance(report.proactive, Proactive2021)
    assert report.proactive.fees.amount == Decimal("7730.28")
    assert text_findings(report, ALL_T) == []


def test_fees_figures_alone_are_not_held_against_tables() -> None:
    report = _report_2021(other_matters="全年收取信息处理费 3940 元。")
    assert [f.kind for f in stated_figures(report)] == [K.FEES]
    assert text_findings(report, ALL_T) == []


def test_stated_figure_is_immutable() -> None:
    figure = StatedFigure(kind=K.RECEIVED, value=1, sentence="…", section=Section.OVERVIEW)
    assert figure.location == "overview"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        figure.value = 2  # type: ignore[misc]


_FORWARDED = (
    "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，"
    "另有 {} 件顺延到下年度答复），均在法定期限内予以答复。"
)


def test_a_count_is_never_read_from_the_digits_after_a_decimal_point() -> None:
    # found by the fuzzer: "0.1 件" read as 1 carried forward
    read = [(K.RECEIVED, 3119), (K.HANDLED, 3050), (K.CARRIED_OVER, 34)]
    assert figures(_FORWARDED.format("0.1")) == read
    assert figures(_FORWARDED.format("12.34")) == read
    assert figures(_FORWARDED.format("零点五")) == read
    assert figures(_FORWARDED.format("二点一五")) == read
    assert figures(_FORWARDED.format("十二")) == [*read, (K.CARRIED_FORWARD, 12)]
    assert figures(_FORWARDED.format("1")) == [*read, (K.CARRIED_FORWARD, 1)]


@pytest.mark.parametrize(
    ("text", "fees"),
    [
        ("本年度收取信息处理费零点五万元。", []),  # was 0: 零 read as a zero fee
        ("本年度收取信息处理费为零。", [(K.FEES, Decimal(0))]),
        ("本年度收取信息处理费0.5万元。", [(K.FEES, Decimal("0.5"))]),
    ],
)
def test_a_fee_of_zero_is_never_read_from_a_decimal(
    text: str, fees: list[tuple[FigureKind, Decimal]]
) -> None:
    assert figures(text, section=Section.OTHER_MATTERS) == fees
