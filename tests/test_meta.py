"""Metadata from report text: titles, agency kind and level, statistical period, publication
date. The strings are typed in from the shared samples (file named in each case)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo import regions
from govinfo.model import Period
from govinfo.readers import meta
from govinfo.readers.meta import (
    agency_kind,
    chinese_number,
    level,
    level_by_suffix,
    narrative_year,
    normalise,
    publication_date,
    statistical_period,
    title_info,
)
from govinfo.registry import AgencyKind, Level

# --- numerals and normalisation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("零", 0),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("一千零十", 1010),
        ("两万三千", 23000),
        ("一亿两千万", 120_000_000),
        ("二〇二五", 2025),
        ("二○二四", 2024),
        ("二零二零", 2020),
    ],
)
def test_chinese_number(text: str, value: int) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "二是", "OO", "12", "百分之"])
def test_chinese_number_rejects(text: str) -> None:
    assert chinese_number(text) is None


_DATE_ALPHABET = "〇○零Oo一二三四五六七八九十两年月日号0123456789 　\n\t２０-./至起"


@given(st.text(alphabet=_DATE_ALPHABET, max_size=60) | st.text(max_size=30))
def test_normalise_equals_its_plain_form(text: str) -> None:
    # the patterns that start with a character class find what the lookbehind-first ones do
    assert normalise(text) == meta._normalise_plain(text)


@pytest.mark.parametrize(
    "text",
    ["二〇二五年一月二十日", "1二〇二五年", "年 十二 月 三十一 日", "〇〇〇〇年年二月", "月一日"],
)
def test_normalise_equals_its_plain_form_on_edges(text: str) -> None:
    assert normalise(text) == meta._normalise_plain(text)


def test_normalise() -> None:
    assert normalise("二〇二五年一月二十日") == "2025年1月20日"
    assert normalise("二O二四年十二月三十一日") == "2024年12月31日"
    assert normalise("２０２４年１２月３１日：") == "2024年12月31日:"
    assert normalise("十二月") == "十二月"  # no year before it: not a date


_DIGITS = st.sampled_from("0123456789") | st.characters(categories=["Nd"])


@given(
    st.integers(0, 9999).map("{:04d}".format) | st.text(_DIGITS, min_size=4, max_size=4),
    st.integers(0, 99).map("{:02d}".format) | st.text(_DIGITS, min_size=2, max_size=2),
    st.integers(0, 99).map("{:02d}".format) | st.text(_DIGITS, min_size=2, max_size=2),
)
def test_parse_date_agrees_with_dateutil(year: str, month: str, day: str) -> None:
    from dateutil import parser  # the parser dates were read with before

    text = f"{year}-{month}-{day}"
    try:
        expected = parser.isoparse(text).date()
    except (ValueError, OverflowError):
        expected = None
    assert meta._parse_date(text) == expected


# --- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # luoyang-scjgj-2020.txt
        ("# 洛阳市市场监督管理局 2020 年政府信息公开工作年度报告", ("洛阳市市场监督管理局", 2020)),
        ("洛阳市市场监督管理局 2020 年政府信息公开工作年度报告", ("洛阳市市场监督管理局", 2020)),
        # pingtan-2024.txt
        ("标题: 平潭综合实验区2024年度政府信息公开工作年度报告", ("平潭综合实验区", 2024)),
        ("平潭综合实验区2024年度政府信息公开工作年度报告", ("平潭综合实验区", 2024)),
        # shuyangxian-2025.md (the OCR's 沐阳 kept as printed)
        ("# 沐阳县人民政府 2025 年 政府信息公开工作年度报告", ("沐阳县人民政府", 2025)),
        ("# 沭阳县人民政府2025年政府信息公开工作年度报告", ("沭阳县人民政府", 2025)),
        # shuyang-fgj-2023.html: page title with the site's suffix, and a label
        (
            "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局",
            ("沭阳县发展和改革局", 2023),
        ),
        (
            "标题：沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局",
            ("沭阳县发展和改革局", 2023),
        ),
        # variants
        ("**淮安市人民政府2024年政府信息公开工作年度报告**", ("淮安市人民政府", 2024)),
        ("２０２４年度洛阳市财政局政府信息公开工作年度报告", ("洛阳市财政局", 2024)),
        ("2024年度沭阳县人民政府信息公开工作年度报告", ("沭阳县人民政府", 2024)),
        ("某某市教育局二〇二一年政府信息公开工作年度报告", ("某某市教育局", 2021)),
        ("某某区人民政府关于2022年政府信息公开工作年度报告", ("某某区人民政府", 2022)),
        ("某某镇人民政府2023年政务公开工作年度报告（全文）", ("某某镇人民政府", 2023)),
        ("ＸＸ县卫生健康委员会２０２２年政府信息公开工作年报", ("XX县卫生健康委员会", 2022)),
        ("二〇二四年淮安市人民政府政府信息公开工作年度报告", ("淮安市人民政府", 2024)),
        ("淮安市交通运输局政府信息公开工作2024年度报告", ("淮安市交通运输局", 2024)),
        ("某某县人民政府政府信息公开2023年报", ("某某县人民政府", 2023)),
        # a prefix before the title: a page marker, a breadcrumb, a label
        ("Page 3 - 某某区信访局2022年政府信息公开工作年度报告", ("某某区信访局", 2022)),
        (
            "首页>政务公开>年度报告>某某县财政局2023年度政府信息公开工作年度报告",
            ("某某县财政局", 2023),
        ),
        ("附件：某某市统计局2021年政府信息公开工作年度报告", ("某某市统计局", 2021)),
    ],
)
def test_title_info(line: str, expected: tuple[str, int]) -> None:
    assert title_info(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "2024 年政府信息公开工作年度报告",  # no agency
        "一、总体情况",
        "本报告所列数据统计期限为2024年1月1日至2024年12月31日。",
        "现将沐阳县人民政府2025年政府信息公开年度报告向社会公布。",
        "依据《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号)规定",
        "完成全县64家单位政府信息公开年度报告集中公开、统一发布",
        "平潭综合实验区管委会办公室",
        "",
    ],
)
def test_title_info_rejects(line: str) -> None:
    assert title_info(line) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年，区政府办公室坚持……2022年共收到申请8件，较2021年减少2件。", 2022),
        ("2021年收到申请3件。2022年收到申请5件。", 2021),  # the first among equals
        ("一年来，我局坚持公开为常态。", None),
        ("共收到申请2022件。", None),  # a count, not a year
    ],
)
def test_narrative_year(text: str, expected: int | None) -> None:
    assert narrative_year(text) == expected


def test_title_info_wrapped_over_two_lines() -> None:
    # huaian-2024.txt (pdftotext -layout) and hongzequ-2023.txt
    huaian = "            淮安市人民政府\n     2024 年政府信息公开工作年度报告\n\n\n   本报告由…"
    assert title_info(huaian) == ("淮安市人民政府", 2024)
    hongze = "洪泽区人民政府\n2023 年政府信息公开工作年度报告\n本报告由淮安市洪泽区人民政府办公室"
    assert title_info(hongze) == ("洪泽区人民政府", 2023)
    assert title_info("淮安市洪泽区人民政府\n2024 年政府信息公开工作年度报告") == (
        "淮安市洪泽区人民政府",
        2024,
    )


def test_title_info_document_start() -> None:
    # pingtan-2024.txt: the crawler's header comes first
    text = (
        "标题: 平潭综合实验区2024年度政府信息公开工作年度报告\n"
        "发布时间: 2025-03-10 15:35\n文号: \n发布机构: 平潭综合实验区管委会办公室\n"
    )
    assert title_info(text) == ("平潭综合实验区", 2024)


# --- agency kind and level -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agency", "kind"),
    [
        ("淮安市人民政府", AgencyKind.GOVERNMENT),
        ("淮安市洪泽区人民政府", AgencyKind.GOVERNMENT),
        ("沭阳县人民政府", AgencyKind.GOVERNMENT),
        ("某某镇人民政府", AgencyKind.GOVERNMENT),
        ("某某县政府", AgencyKind.GOVERNMENT),
        ("平潭综合实验区", AgencyKind.GOVERNMENT),
        ("某某经济技术开发区管理委员会", AgencyKind.GOVERNMENT),
        ("某某高新区管委会", AgencyKind.GOVERNMENT),
        ("北京市", AgencyKind.GOVERNMENT),
        ("洛阳市市场监督管理局", AgencyKind.DEPARTMENT),
        ("沭阳县发展和改革局", AgencyKind.DEPARTMENT),
        ("淮安市人民政府办公室", AgencyKind.DEPARTMENT),
        ("平潭综合实验区管委会办公室", AgencyKind.DEPARTMENT),
        ("湖北省人民政府办公厅", AgencyKind.DEPARTMENT),
        ("北京市城市管理委员会", AgencyKind.DEPARTMENT),
        ("某某市卫生健康委", AgencyKind.DEPARTMENT),
        ("浙江省自然资源厅", AgencyKind.DEPARTMENT),
        ("财政部", AgencyKind.DEPARTMENT),
        ("海关总署", AgencyKind.DEPARTMENT),
        ("某某市住房公积金管理中心", AgencyKind.DEPARTMENT),
        ("某某区某某街道办事处", None),
        ("某某大学", None),
        ("", None),
    ],
)
def test_agency_kind(agency: str, kind: AgencyKind | None) -> None:
    assert agency_kind(agency) is kind


LEVELS_BY_SUFFIX = [
    # provincial
    ("湖北省人民政府", Level.PROVINCIAL),
    ("浙江省自然资源厅", Level.PROVINCIAL),
    ("河南省市场监督管理局", Level.PROVINCIAL),
    ("广西壮族自治区人民政府", Level.PROVINCIAL),
    ("新疆维吾尔自治区教育厅", Level.PROVINCIAL),
    ("北京市城市管理委员会", Level.PROVINCIAL),
    ("上海市住房和城乡建设管理委员会", Level.PROVINCIAL),
    ("重庆市人民政府", Level.PROVINCIAL),
    # prefectural
    ("延边朝鲜族自治州人民政府", Level.PREFECTURAL),
    ("某某地区行政公署", Level.PREFECTURAL),
    # county
    ("淮安市洪泽区人民政府", Level.COUNTY),
    ("洪泽区人民政府", Level.COUNTY),
    ("沭阳县发展和改革局", Level.COUNTY),
    ("沭阳县乡村振兴局", Level.COUNTY),
    ("某某县住房和城乡建设局", Level.COUNTY),
    ("杭州市西湖区教育局", Level.COUNTY),
    ("北京市朝阳区人民政府", Level.COUNTY),
    ("苏州市昆山市人民政府", Level.COUNTY),
    ("某某自治州某某县人民政府", Level.COUNTY),
    ("某某旗人民政府", Level.COUNTY),
    # township
    ("某某县某某镇人民政府", Level.TOWNSHIP),
    ("某某区某某街道办事处", Level.TOWNSHIP),
    ("某某乡人民政府", Level.TOWNSHIP),
    # national
    ("国务院办公厅", Level.NATIONAL),
    ("财政部", Level.NATIONAL),
    ("国家税务总局", Level.NATIONAL),
    ("国家发展和改革委员会", Level.NATIONAL),
    ("国家市场监督管理总局", Level.NATIONAL),
    ("海关总署", Level.NATIONAL),
    ("中国人民银行", Level.NATIONAL),
    # ambiguous: a plain city, a city under a province, a zone, a vertical branch
    ("淮安市人民政府", None),
    ("洛阳市市场监督管理局", None),
    ("江苏省昆山市人民政府", None),
    ("平潭综合实验区", None),
    ("平潭综合实验区管委会办公室", None),
    ("上海市浦东新区人民政府", None),
    ("国家税务总局洛阳市税务局", None),
    ("市场监督管理局", None),
    ("", None),
]
"""What the name's place suffixes alone tell (no division list)."""


@pytest.mark.parametrize(("agency", "expected"), LEVELS_BY_SUFFIX)
def test_level_by_suffix(agency: str, expected: Level | None) -> None:
    assert level_by_suffix(agency) is expected


@pytest.mark.parametrize(("agency", "expected"), LEVELS_BY_SUFFIX)
def test_level_without_the_regions_extra_is_by_suffix(
    agency: str, expected: Level | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regions, "available", lambda: False)
    assert level(agency) is expected


LEVELS_BY_DIVISION = {
    # the cases: prefecture-level cities look like county-level ones by suffix
    "淮安市人民政府": Level.PREFECTURAL,
    "洛阳市市场监督管理局": Level.PREFECTURAL,
    "江苏省昆山市人民政府": Level.COUNTY,  # 昆山市 is a county-level city of 苏州市
    "上海市浦东新区人民政府": Level.COUNTY,  # a district, though its name ends like a zone
    "国家税务总局洛阳市税务局": Level.PREFECTURAL,
}


@pytest.mark.parametrize(("agency", "expected"), LEVELS_BY_SUFFIX)
def test_level_with_the_division_list_agrees_with_the_suffixes(
    agency: str, expected: Level | None
) -> None:
    """Wherever the suffixes tell a level, the division list tells the same; where they do
    not, it tells what the list says."""
    assert level(agency) is LEVELS_BY_DIVISION.get(agency, expected)


def test_level_full_width() -> None:
    assert level("ＸＸ县人民政府") is Level.COUNTY
    assert agency_kind("ＸＸ县 人民政府") is AgencyKind.GOVERNMENT


# --- statistical period ------------------------------------------------------------------------

Y2020 = Period.calendar_year(2020)
Y2023 = Period.calendar_year(2023)
Y2024 = Period.calendar_year(2024)
Y2025 = Period.calendar_year(2025)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # luoyang-scjgj-2020.txt
        ("本年报所列数据的统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。", Y2020),
        # pingtan-2024.txt
        ("本报告所列数据统计期限为2024年1月1日至2024年12月31日。一、总体情况", Y2024),
        # huaian-2024.txt
        ("报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。", Y2024),
        # hongzequ-2023.txt: broken over two lines by the PDF
        ("报告中所列数据统计期限自 2023 年 1 月 1 日\n起至 2023 年 12 月 31 日止。", Y2023),
        # shuyangxian-2025.md
        ("本报告所列数据统计期限从2025年1月1日至2025年12月31日止。", Y2025),
        # shuyang-fgj-2023.html: 时限, not 期限
        ("本年度报告所列数据的统计时限为2023年1月1日至2023年12月31日。", Y2023),
        # variants
        ("统计期限为2024年1月1日至12月31日", Y2024),
        ("统计期限为２０２４年１月１日至２０２４年１２月３１日", Y2024),
        ("统计期限为二〇二四年一月一日至二〇二四年十二月三十一日", Y2024),
        ("统计时间：2024-01-01～2024-12-31", Y2024),
        ("统计期限为2024.1.1—2024.12.31", Y2024),
        ("本报告所列数据统计期限为2024年度。", Y2024),
        (
            "统计期限为2024年7月1日至2024年12月31日",
            Period(start=date(2024, 7, 1), end=date(2024, 12, 31)),
        ),
    ],
)
def test_statistical_period(text: str, period: Period) -> None:
    assert statistical_period(text) == period


@pytest.mark.parametrize(
    "text",
    [
        "2024年1月1日至2024年12月31日",  # no keyword
        "2024 年，我市坚持以习近平新时代中国特色社会主义思想为指导",
        "统计期限为2024年12月31日至2024年1月1日",  # end before start
        "统计期限为2024年2月30日至2024年12月31日",  # no such day
        "",
    ],
)
def test_statistical_period_rejects(text: str) -> None:
    assert statistical_period(text) is None


# --- publication date ------------------------------------------------------------------------


def test_publication_date_labelled() -> None:
    # pingtan-2024.txt
    assert publication_date(
        "标题: 平潭综合实验区2024年度政府信息公开工作年度报告\n发布时间: 2025-03-10 15:35\n文号: "
    ) == date(2025, 3, 10)
    # shuyang-fgj-2023.html as text: the value on the line after its label
    page = (
        "采集时间：2025-12-30T21:37:37+08:00\n沭阳县人民政府\n2025年12月30日\t星期二\n"
        "索引号\n014314799/2024-00002\n发布机构\n沭阳县发展和改革局\n公开日期\n2024-01-17\n文号\n"
    )
    assert publication_date(page) == date(2024, 1, 17)
    assert publication_date("发布日期：2021年1月29日") == date(2021, 1, 29)
    assert publication_date("发布日期：２０２１年１月２９日") == date(2021, 1, 29)
    # an article byline's bare label, at the start of its line only
    assert publication_date("标题\n时间：2026-05-10 12:56\n正文") == date(2026, 5, 10)
    assert publication_date("统计时间：2024年1月1日至2024年12月31日") is None
    assert publication_date("发布时间：2021/01/29") == date(2021, 1, 29)


def test_publication_date_signature() -> None:
    # shuyangxian-2025.md ends with the signature
    end = "……收取信息处理费共计380元，其中民政局1件，收取380元。\n\n沐阳县人民政府\n2026年1月23日"
    assert publication_date(end) == date(2026, 1, 23)
    # shuyang-fgj-2023.html
    assert publication_date("未发生收费情况。\n沭阳县发展和改革局\n2024年1月17日\n") == date(
        2024, 1, 17
    )
    assert publication_date("……\n某某县人民政府\n二〇二五年一月二十日\n- 6 -\n") == date(
        2025, 1, 20
    )
    assert publication_date("……\n某某县人民政府 2025年1月20日") == date(2025, 1, 20)
    assert publication_date("……\n（２０２５年１月２０日）") == date(2025, 1, 20)


def test_publication_date_under_title() -> None:
    # shuyangxian-2025.md: "(2026年1月23日)" under the title
    text = (
        "# 沐阳县人民政府 2025 年 政府信息公开工作年度报告\n\n"
        "沐阳县人民政府\n(2026年1月23日)\n\n依据…\n正文。"
    )
    assert publication_date(text) == date(2026, 1, 23)


@pytest.mark.parametrize(
    "text",
    [
        # dates inside the narrative
        "本报告所列数据统计期限为2024年1月1日至2024年12月31日。",
        "2025年1月20日，我局召开政务公开工作会议。\n其他内容。",
        "截至2024年12月31日，已全部办结。",
        # a crawler's timestamp and the site's date are not publication dates
        "采集时间：2025-12-30T21:37:37+08:00\n沭阳县人民政府\n2025年12月30日\t星期二\n正文开始。\n"
        "一、总体情况\n二、主动公开\n三、结束。",
        "成文日期：2025年1月10日\n正文。\n结束。\n无",
        # luoyang-scjgj-2020.txt ends with "无"; huaian-2024.txt with a page number
        "#### 六、其他需要报告的事项\n\n无",
        "全年收取政府信息公开信息处理费 3940 元。\n\n\n\n\n-6-\n",
        "落款\n2025年2月30日",
        "",
    ],
)
def test_publication_date_rejects(text: str) -> None:
    assert publication_date(text) is None
