"""Damaged and wrong inputs: the reader reads what it can, and every problem is a diagnostic
with a location (or, for a document that is no such report, a clear govinfo error)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from govinfo import NotAReport, UnsupportedEdition
from govinfo.model import Proactive2019, Proactive2021
from govinfo.readers import read, read_all
from govinfo.readers.result import DiagnosticSeverity
from govinfo.registry import Applicant, table


@pytest.fixture(scope="module")
def luoyang(shared_dir: Path) -> str:
    return (shared_dir / "samples" / "luoyang-scjgj-2020.txt").read_text(encoding="utf-8")


def _codes(text: str) -> list[str]:
    return [d.code for d in read(text, format="text").diagnostics]


def test_not_a_report() -> None:
    with pytest.raises(NotAReport, match="not a government information disclosure annual report"):
        read("今天天气很好。\n我们去公园散步。\n", format="text")
    with pytest.raises(NotAReport, match=r"notes\.txt"):
        read(b"hello world\n", format="text", name="notes.txt")


def test_pre_2019_report_is_refused(luoyang: str) -> None:
    old = luoyang.replace("2020 年政府信息公开工作年度报告", "2017 年政府信息公开工作年度报告")
    with pytest.raises(UnsupportedEdition, match="2017"):
        read(old, format="text")


def test_unreadable_pdf(shared_dir: Path) -> None:
    pytest.importorskip("pdfplumber")
    with pytest.raises(NotAReport, match=r"(?i)text layer"):
        read(shared_dir / "samples" / "broken" / "cid-garbled.pdf")


def test_compilation_yields_each_report(luoyang: str) -> None:
    second = luoyang.replace("洛阳市市场监督管理局", "洛阳市教育局")
    results = read_all(luoyang + "\n" + second, format="text")
    assert [r.report.agency for r in results] == ["洛阳市市场监督管理局", "洛阳市教育局"]
    assert results[1].report.requests == results[0].report.requests
    with pytest.raises(Exception, match="read_all"):
        read(luoyang + "\n" + second, format="text")


def test_truncated_file(luoyang: str) -> None:
    cut = luoyang[: luoyang.index("(五) 不予处理") - 1]
    result = read(cut, format="text")
    assert result.report.review_litigation is None
    codes = [d.code for d in result.diagnostics]
    assert "row-not-found" in codes
    assert "table-not-found" in codes
    assert result.report.requests is not None
    assert result.report.requests.new_requests.total == 8


def test_missing_row(luoyang: str) -> None:
    lines = [line for line in luoyang.splitlines() if "2. 重复申请" not in line]
    result = read("\n".join(lines), format="text")
    missing = [d for d in result.diagnostics if d.code == "row-not-found"]
    assert [d.cells for d in missing] == [("requests.not_processed.repeated",)]
    assert result.report.requests is not None
    assert result.report.requests.not_processed.repeated.total is None  # not 0
    assert result.report.requests.not_processed.publication.total == 0


def test_row_with_an_extra_number(luoyang: str) -> None:
    damaged = luoyang.replace(
        "2. 重复申请\t0\t0\t0\t0\t0\t0\t0", "2. 重复申请\t0\t0\t0\t0\t0\t0\t0\t5"
    )
    result = read(damaged, format="text")
    extra = [d for d in result.diagnostics if d.code == "unplaced-number"]
    assert any(d.raw == "5" and d.location is not None and d.location.line for d in extra)
    assert all(d.severity is DiagnosticSeverity.ERROR for d in extra)


def test_shuffled_rows_are_reported_not_misread(luoyang: str) -> None:
    lines = luoyang.splitlines()
    a = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    b = next(i for i, line in enumerate(lines) if line.startswith("二、上年结转"))
    lines[a], lines[b] = lines[b], lines[a]
    result = read("\n".join(lines), format="text")
    assert result.report.requests is not None
    assert result.report.requests.new_requests.total in (8, None)  # never the other row's 0
    assert result.diagnostics


def test_label_typos_are_tolerated(luoyang: str) -> None:
    typo = luoyang.replace("5. 属于三类内部事务信息", "5. 属于三类内容事务信息").replace(
        "2. 其他法律行政法规禁止公开", "2. 其他法律行政止公开"
    )
    result = read(typo, format="text")
    assert result.report.requests == read(luoyang, format="text").report.requests


def test_full_width_digits(luoyang: str) -> None:
    wide = luoyang.replace("\t8\t0\t0\t0\t0\t0\t8", "\t８\t０\t０\t０\t０\t０\t８")
    result = read(wide, format="text")
    assert result.report.requests is not None
    assert result.report.requests.new_requests.total == 8
    assert result.provenance["requests.new_requests.total"].raw == "８"


# --- run-together text (crawler copies) ----------------------------------------------------


@pytest.fixture(scope="module")
def pingtan(shared_dir: Path) -> str:
    return (shared_dir / "samples" / "pingtan-2024.txt").read_text(encoding="utf-8")


_NEW_REQUESTS_RUN = "本年新收政府信息公开申请数量21710000218"


def test_full_width_digit_runs_are_split_as_ascii_ones(pingtan: str) -> None:
    wide = pingtan.translate({c: c + 0xFEE0 for c in range(ord("0"), ord("9") + 1)})
    got, expected = read(wide, format="text").report, read(pingtan, format="text").report
    assert got.requests is not None  # the narrative keeps its digits as printed; tables:
    assert (got.proactive, got.requests, got.review_litigation) == (
        expected.proactive,
        expected.requests,
        expected.review_litigation,
    )


def test_a_run_with_a_stray_character_is_reported_not_split(pingtan: str) -> None:
    assert _NEW_REQUESTS_RUN in pingtan
    damaged = pingtan.replace(_NEW_REQUESTS_RUN, "本年新收政府信息公开申请数量217.10000218")
    result = read(damaged, format="text")
    (problem,) = [d for d in result.diagnostics if d.code == "unreadable-run"]
    assert problem.severity is DiagnosticSeverity.ERROR
    assert problem.raw == "217.10000218"
    assert "requests.new_requests" in problem.message
    assert problem.location is not None
    assert result.report.requests is not None
    assert set(result.report.requests.new_requests.values()) == {None}


def _untitled(luoyang: str, overview_start: str) -> str:
    """The Luoyang report without its title and its statistical period sentence."""
    text = luoyang.replace("# 洛阳市市场监督管理局 2020 年政府信息公开工作年度报告\n", "")
    text = text.replace("本年报所列数据的统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。", "")
    return text.replace("今年以来，", overview_start, 1)


def test_no_title_year_from_the_overview(luoyang: str) -> None:
    result = read(_untitled(luoyang, "2020年，"), format="text", name="reports/luoyang.txt")
    assert result.report.year == 2020
    assert result.report.agency == "luoyang"  # named after the file, and said so
    codes = [d.code for d in result.diagnostics]
    assert "no-title" in codes
    assert "year-from-text" in codes
    assert "year-assumed" not in codes


def test_no_year_anywhere_is_assumed_and_said(luoyang: str) -> None:
    text = re.sub(r"20\d\d\s*年[，,]?", "", _untitled(luoyang, ""))
    result = read(text, format="text")
    assert result.report.year == 2020  # edition 2019's tables: 2019 or 2020
    assumed = [d for d in result.diagnostics if d.code == "year-assumed"]
    assert len(assumed) == 1
    assert "2020" in assumed[0].message


def test_a_table_section_without_a_readable_row(luoyang: str) -> None:
    start = luoyang.index("三、收到和处理政府信息公开申请情况")
    end = luoyang.index("四、政府信息公开行政复议")
    head = luoyang[:start] + "三、收到和处理政府信息公开申请情况\n\n本年度申请情况见附件。\n\n"
    result = read(head + luoyang[end:], format="text")
    assert result.report.requests is None
    (problem,) = [d for d in result.diagnostics if d.cells == () and "table 三" in d.message]
    assert problem.code == "table-unreadable"
    assert problem.location is not None
    assert problem.location.line == head.count("\n", 0, start) + 1


_ONE_PER_LINE = """某县某局2024年政府信息公开工作年度报告
一、总体情况
2024年，我局坚持公开为常态。
二、主动公开政府信息情况
第二十条第（一）项
信息内容
本年制发件数
本年废止件数
现行有效件数
规章
0
0
0
行政规范性文件
3
1
12
第二十条第（五）项
信息内容
行政许可
- 2 -
本年处理决定数量
9487
第二十条第（六）项
信息内容
本年处理决定数量
行政处罚
41
7
行政强制
第二十条第（八）项
信息内容
本年收费金额（单位：万元）
行政事业性收费
0
四、政府信息公开行政复议、行政诉讼情况
行政复议
行政诉讼
{review}
五、存在的主要问题及改进情况
无。
"""


def test_one_value_per_line_table_two_keeps_every_number() -> None:
    # 行政许可's value comes after a page footer and its column header; a number that no row
    # takes (the stray 7 after 行政处罚's 41) is reported, never dropped
    text = _ONE_PER_LINE.format(review="\n".join(["0"] * 15))
    result = read(text, format="text")
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2021)
    assert proactive.licensing.decisions == 9487
    assert proactive.penalties.decisions == 41
    assert proactive.normative_documents.in_force == 12
    unplaced = [d for d in result.diagnostics if d.code == "unplaced-number"]
    assert [d.raw for d in unplaced] == ["7"]


def test_table_four_gathered_out_of_order_is_flagged() -> None:
    # table 四 as text extracted column by column: 行政复议's four results, then another
    # block's, then 行政复议's total...
    interleaved = [72, 64, 178, 37, 12, 1, 1, 6, 351, 13, 4, 8, 1, 26, 20]
    text = _ONE_PER_LINE.format(review="\n".join(map(str, interleaved)))
    result = read(text, format="text")
    (warning,) = [d for d in result.diagnostics if d.code == "ambiguous-layout"]
    assert "review_litigation.review" in warning.cells
    assert "do not add up" in warning.message
    in_order = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    text = _ONE_PER_LINE.format(review="\n".join(map(str, in_order)))
    assert "ambiguous-layout" not in _codes(text)


@pytest.fixture(scope="module")
def huaian(shared_dir: Path) -> str:
    return (shared_dir / "samples" / "huaian-2024.txt").read_text(encoding="utf-8")


def _blank_zeros(text: str, keep: Callable[[int], bool]) -> tuple[str, int]:
    """Table 三 of ``pdftotext -layout`` text with zeros printed as blank space (the n-th zero
    of the table kept when ``keep(n)``); and how many were blanked."""
    start = text.index("一、本年新收政府信息公开申请数量")
    end = text.index("\n", text.index("四、结转下年度继续办理"))
    seen = itertools.count()
    blanked = 0

    def blank(m: re.Match[str]) -> str:
        nonlocal blanked
        if keep(next(seen)):
            return m.group()
        blanked += 1
        return " "

    table = re.sub(r"(?<= )0(?= |$)", blank, text[start:end], flags=re.MULTILINE)
    return text[:start] + table + text[end:], blanked


@pytest.mark.parametrize("every", [2, 3, 5])
def test_layout_text_blank_cells_stand_under_their_columns(huaian: str, every: int) -> None:
    """Blank cells in ``pdftotext -layout`` text leave only spaces: the values are placed by
    where they stand, as in the full rows around them (or where the page's values cluster)."""
    text, blanked = _blank_zeros(huaian, lambda n: n % every != 0)
    assert blanked > 20
    original = read(huaian, format="text").report
    result = read(text, format="text")
    for row in table("requests").rows_for(result.report.edition):
        for column in Applicant:
            path = f"requests.{row.key}.{column.key}"
            got, want = result.report.cell(path), original.cell(path)
            assert got == want or (got is None and want == 0), path
    assert "layout-columns" in {d.code for d in result.diagnostics}
    assert "ambiguous-layout" not in {d.code for d in result.diagnostics}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "gb18030", "utf-32"])
def test_encodings_read_alike(luoyang: str, encoding: str) -> None:
    # Notepad's "Unicode" is UTF-16 with a byte-order mark; Chinese sites serve GB18030
    expected = read(luoyang, format="text").report
    assert read(luoyang.encode(encoding)).report == expected


def test_a_title_without_a_body_is_not_a_report() -> None:
    # a crawler page whose report is an attachment that was not saved
    page = "某县某局2021年度政府信息公开工作年度报告\n当前位置：首页 政务公开 年报 附件下载\n"
    with pytest.raises(NotAReport, match="no section heading"):
        read(page, format="text", name="page.txt")


def test_an_overview_stating_case_counts_does_not_stop_digit_splitting(pingtan: str) -> None:
    # crawler text: the overview's 行政复议…3件 is no figure of table 三's digit runs
    stated = "因政府信息公开引起的行政复议案件3件、行政诉讼案件2件。"
    text = pingtan.replace("一、总体情况", "一、总体情况" + stated, 1)
    assert stated in text
    assert read(text, format="text").report.requests == read(pingtan).report.requests


def test_a_long_line_of_text_is_text_not_a_path() -> None:
    with pytest.raises(NotAReport):
        read("某县某局" + "工作" * 400)  # too long a name for a file system


def test_stray_spaces_inside_run_together_cells(pingtan: str) -> None:
    """Crawler text keeps a stray space here and there inside a row whose cells lost their
    separators (``217 10000218``, ``0 0 00000``): the digits are still the row's run."""
    spaced = pingtan
    for label in ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "（一）予以公开"):
        at = spaced.index(label) + len(label)
        run = re.match(r"\d+", spaced[at:])
        assert run is not None
        digits = run.group()
        spaced = f"{spaced[:at]}{digits[:3]} {digits[3:]}{spaced[at + len(digits) :]}"
    assert "上年结转政府信息公开申请数量000 0000" in spaced  # a zero-padded token
    assert read(spaced, format="text").report.requests == read(pingtan).report.requests


_GLUED_2019 = (
    "某县某局2020年政府信息公开工作年度报告 一、总体情况 "
    + "本局认真贯彻条例。" * 40
    + "二、主动公开政府信息情况"
    "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件000"
    "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可000其他对外管理服务事项000"
    "第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚2648-18538行政强制000"
    "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费35-15"
    "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购0251000元"
    "五、存在的主要问题及改进情况无。"
)


def test_signed_cells_in_run_together_table_two() -> None:
    # edition 2019's 本年增/减 may be negative: its sign stays inside the row's run
    result = read(_GLUED_2019, format="text")
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2019)
    assert (proactive.fees.items_last_year, proactive.fees.items_change) == (35, -15)
    # 2648, then −1/8538, −18/538, −185/38 or −1853/8: only the cell they agree on is kept
    assert proactive.penalties.items_last_year == 2648
    assert proactive.penalties.items_change is None
    (ambiguous,) = [d for d in result.diagnostics if "proactive.penalties" in d.message]
    assert ambiguous.code == "ambiguous-digits"
    assert "2648/-18/538" in ambiguous.candidates
    # the amount keeps its unit: 0 items (a count has no leading zero), 251000 元 = 25.1 万元
    assert (proactive.procurement.items, proactive.procurement.amount) == (0, Decimal("25.1"))


@pytest.mark.parametrize(
    ("heading", "sentence"),
    [
        ("#### 四、政府信息公开行政复议、行政诉讼情况", "2020 年,我单位对形成的政府信息依法公开,"),
        ("#### 四、政府信息公开行政复议、行政诉讼情况", "本年度共收到行政复议申请 0 件。"),
        ("## 二、主动公开政府信息情况", "2020 年，本局主动公开政府信息 326 条。"),
        ("### 三、收到和处理政府信息公开申请情况", "全年共收到申请 8 件，上年结转 0 件。"),
    ],
)
def test_a_sentence_with_numbers_among_a_tables_lines_is_not_a_row(
    luoyang: str, heading: str, sentence: str
) -> None:
    # a number in the section's text was taken for the table's first cell: table 四 read
    # 2020 as 行政复议's 维持 and every other cell one place to the right
    assert heading in luoyang
    plain = read(luoyang, format="text")
    result = read(luoyang.replace(heading, f"{heading}\n{sentence}"), format="text")
    for part in ("proactive", "requests", "review_litigation"):
        assert getattr(result.report, part) == getattr(plain.report, part)
    said = [d for d in result.diagnostics if d.code == "numbers-in-text"]
    assert len(said) == 1
    assert said[0].location is not None
    others = [(d.code, d.message) for d in result.diagnostics if d.code != "numbers-in-text"]
    assert others == [(d.code, d.message) for d in plain.diagnostics]


def test_a_unit_after_a_rows_numbers_keeps_it_a_row() -> None:
    # a row's numbers followed by their unit, or by a short word, is still a row
    from govinfo.readers.cells import _is_prose

    assert not _is_prose(["万元"])
    assert not _is_prose([])
    assert _is_prose(["件。"])
    assert _is_prose(["年,我单位"])
    assert _is_prose(["年度本机关未发生"])


@pytest.mark.parametrize(
    "marker", ["P. 7", "Page 8 - 2020年报_某某局", "page 3 of 9", "第4页，共9页"]
)
def test_a_flipbook_page_marker_inside_a_table_is_no_number(luoyang: str, marker: str) -> None:
    plain = read(luoyang, format="text")
    marked = luoyang.replace("规章\t0\t0\t0\n", f"规章\t0\t0\t0\n{marker}\n").replace(
        "行政强制\t25", f"{marker}\n行政强制\t25"
    )
    assert marked.count(marker) == 2
    result = read(marked, format="text")
    for part in ("proactive", "requests", "review_litigation"):
        assert getattr(result.report, part) == getattr(plain.report, part)
    assert [d.code for d in result.diagnostics] == [d.code for d in plain.diagnostics]


def test_a_count_with_its_unit_in_text(luoyang: str) -> None:
    plain = read(luoyang, format="text")
    assert "行政强制\t25\t0\t213\n" in luoyang
    result = read(
        luoyang.replace("行政强制\t25\t0\t213\n", "行政强制\t25项\t0\t213项\n"), format="text"
    )
    assert result.report.proactive == plain.report.proactive
    assert [d.code for d in result.diagnostics] == [d.code for d in plain.diagnostics]


def _one_value_per_line(text: str, start: str, end: str, blank_orgs: str) -> str:
    """``text`` with table 三's rows (between ``start`` and ``end``) printed as pdftotext
    prints them without ``-layout``: the label, then each value on a line of its own; in the
    row whose label holds ``blank_orgs``, the organisations' cells blank, so not printed."""
    head, rest = text.split(start, 1)
    table, tail = rest.split(end, 1)
    out = []
    for line in table.split("\n"):
        cells = [c.strip() for c in line.split("\t")]
        values = [c for c in cells if c.isdigit()]
        if len(values) != 7:
            out.append(line)
            continue
        out.append(" ".join(c for c in cells if c and not c.isdigit()))
        if blank_orgs in line:
            values = [values[0], values[-1]]
        out.extend(values)
    return head + start + "\n".join(out) + end + tail


def test_one_value_per_line_row_with_blank_cells(luoyang: str) -> None:
    # blank cells print nothing one value per line: the row under its label has 2 values
    text = _one_value_per_line(luoyang, "### 三、", "#### 四、", "予以公开")
    assert "予以公开\n8\n8\n" in text
    result = read(text, format="text")
    requests = result.report.requests
    plain = read(luoyang, format="text").report.requests
    assert requests is not None
    assert plain is not None
    disclosed = requests.disclosed
    assert (disclosed.natural_person, disclosed.total) == (8, 8)
    assert disclosed.commercial_enterprise is None
    assert requests.new_requests == plain.new_requests
    assert requests.handled_total == plain.handled_total
    codes = [d.code for d in result.diagnostics]
    assert "ambiguous-layout" in codes
    assert "row-not-found" not in codes


_TABLE_TWO_GLUED = (
    "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件000"
    "第二十条第（五）项信息内容本年处理决定数量行政许可1523"
    "第二十条第（六）项信息内容本年处理决定数量行政处罚87行政强制4"
    "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费12.5"
)


def _proactive_2021(text: str) -> Proactive2021:
    proactive = read(text, format="text").report.proactive
    assert isinstance(proactive, Proactive2021)
    return proactive


def test_one_table_run_together_on_a_short_line() -> None:
    # a crawler copy that keeps the text's line breaks but runs each table into one line:
    # shorter than a whole report, it was not cut, and table 二 was lost without a word
    text = (
        "某某局2022年政府信息公开工作年度报告\n一、总体情况\n2022年，本局做了工作。\n"
        f"二、主动公开政府信息情况\n{_TABLE_TWO_GLUED}\n三、收到和处理政府信息公开申请情况\n"
    )
    proactive = _proactive_2021(text)
    assert proactive.licensing.decisions == 1523
    assert proactive.penalties.decisions == 87
    assert proactive.coercive_measures.decisions == 4
    assert proactive.fees.amount == Decimal("12.5")
    assert (proactive.regulations.issued, proactive.regulations.in_force) == (0, 0)


def test_a_short_report_on_one_line_with_its_title() -> None:
    text = (
        "某某区民政局2022年政府信息公开工作年度报告根据《条例》规定编制本报告。一、总体情况"
        f"2022年，本局做了工作。二、主动公开政府信息情况{_TABLE_TWO_GLUED}"
    )
    assert len(text) < 400
    result = read(text, format="text")
    assert (result.report.agency, result.report.year) == ("某某区民政局", 2022)
    assert _proactive_2021(text).licensing.decisions == 1523


def test_a_sentence_naming_a_table_is_not_cut() -> None:
    # a line of text that names a table's labels, with no digits stuck to them, stays a line
    line = (
        "依据《条例》第二十条，本机关对信息内容本年制发件数等情况进行了梳理，行政许可等均已公开。"
    )
    text = f"某某局2022年政府信息公开工作年度报告\n一、总体情况\n{line}\n二、主动公开政府信息情况\n"
    overview = read(text, format="text").report.overview
    assert overview is not None
    assert overview.text == line


def test_two_equal_values_in_unaligned_spaced_text(luoyang: str) -> None:
    # cells told apart by two or more spaces but not lined up in columns: a row of 自然人 and
    # 总计 only (blank organisations) is read as such, not placed under columns that do not
    # line up (the total went to 其他)
    head, rest = luoyang.split("### 三、", 1)
    table3, tail = rest.split("#### 四、", 1)
    spaced = "\n".join("  ".join(c for c in line.split("\t") if c) for line in table3.split("\n"))
    row = "(一) 予以公开  8  0  0  0  0  0  8"
    assert row in spaced
    spaced = spaced.replace(row, "(一) 予以公开  8" + " " * 12 + "8")
    result = read(f"{head}### 三、{spaced}#### 四、{tail}", format="text")
    assert result.report.requests is not None
    disclosed = result.report.requests.disclosed
    assert (disclosed.natural_person, disclosed.other_org, disclosed.total) == (8, None, 8)


def test_the_title_printed_at_the_top_of_every_page(huaian: str) -> None:
    # a PDF's running header: the report's title after each page's footer, inside tables too
    # (it started a second report, and read() refused the document)
    title = "淮安市人民政府2024年政府信息公开工作年度报告"
    footers = re.findall(r"^-\s*\d+\s*-$", huaian, flags=re.MULTILINE)
    assert len(footers) >= 3
    headed = re.sub(r"^(-\s*\d+\s*-)$", rf"\1\n{title}", huaian, flags=re.MULTILINE)
    plain = read(huaian, format="text").report
    result = read(headed, format="text")
    assert result.report == plain
    assert [d.code for d in result.diagnostics] == [d.code for d in read(huaian).diagnostics]


def test_a_second_report_without_its_title(luoyang: str) -> None:
    # a compilation whose second report starts at 一、总体情况: it was read as text of the
    # first report's section 六
    body = luoyang[luoyang.index("## 一、总体情况") :]
    results = read_all(luoyang + "\n" + body, format="text")
    assert len(results) == 2
    assert results[1].report.requests == results[0].report.requests
    assert "no-title" in [d.code for d in results[1].diagnostics]
    assert results[0].report.other_matters == read(luoyang, format="text").report.other_matters


@pytest.fixture(scope="module")
def hongzequ(shared_dir: Path) -> str:
    return (shared_dir / "samples" / "hongzequ-2024.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("one_per_line", [False, True])
def test_a_page_number_among_table_four_lines(hongzequ: str, one_per_line: bool) -> None:
    # a bare page number on its own line before table 四's values (or among them, one per
    # line) took the first cell and shifted all fifteen
    row = "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3"
    assert hongzequ.count(row) == 1
    values = row.split()
    printed = "\n".join([*values[:7], "5", *values[7:]]) if one_per_line else f"5\n{row}"
    plain = read(hongzequ, format="text")
    result = read(hongzequ.replace(row, printed), format="text")
    assert result.report.review_litigation == plain.report.review_litigation
    stray = [d for d in result.diagnostics if d.code == "unplaced-number" and d.raw == "5"]
    assert len(stray) == 1
    assert stray[0].location is not None


@pytest.mark.parametrize("minus", ["\u2212", "\u2013", "\u2014", "－", "-", "- ", "\u2212 "])
def test_a_negative_change_with_any_minus_sign(luoyang: str, minus: str) -> None:
    # edition 2019's 本年增/减 printed with the minus sign, an en or em dash: the cell was no
    # number, and the row's decisions moved into it
    row = "其他对外管理服务事项\t128\t0\t737"
    assert row in luoyang
    result = read(luoyang.replace(row, f"其他对外管理服务事项\t128\t{minus}2\t737"), format="text")
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2019)
    assert (proactive.other_services.items_change, proactive.other_services.decisions) == (-2, 737)


@pytest.mark.parametrize("label", ["小计", "合计", "小 计"])
def test_a_groups_subtotal_row_is_left_out(luoyang: str, label: str) -> None:
    # a 小计 row after a group's rows, not in the template, took the group's last row's place
    row = next(line for line in luoyang.split("\n") if "属于行政查询事项" in line)
    with_subtotal = luoyang.replace(row, f"{row}\n{label}\t9\t0\t0\t0\t0\t0\t9", 1)
    plain = read(luoyang, format="text")
    result = read(with_subtotal, format="text")
    assert result.report.requests == plain.report.requests
    said = [d for d in result.diagnostics if d.code == "subtotal-row"]
    assert len(said) == 1
    assert "unplaced-number" not in {d.code for d in result.diagnostics} - {
        d.code for d in plain.diagnostics
    }


def test_table_four_with_the_totals_only(hongzequ: str) -> None:
    # a table 四 printing each block's 总计 only: the three values were read as 行政复议's
    # first three results
    start = hongzequ.index("四、政府信息公开行政复议")
    end = hongzequ.index("五、", start)
    table = "\n".join(
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议\t行政诉讼",
            "\t未经复议直接起诉\t复议后起诉",
            "总计\t总计\t总计",
            "2\t1\t3\n",
        ]
    )
    result = read(hongzequ[:start] + table + hongzequ[end:], format="text")
    review = result.report.review_litigation
    assert review is not None
    totals = [
        b.total for b in (review.review, review.litigation_direct, review.litigation_after_review)
    ]
    assert totals == [2, 1, 3]
    assert (review.review.upheld, review.review.corrected) == (None, None)
    assert "ambiguous-layout" in [d.code for d in result.diagnostics]


def test_a_unit_wrapped_inside_its_header_cell(luoyang: str) -> None:
    # "（单位：万\n元）" in a narrow cell: 万 and 元 apart made the amount 元, divided by 10,000
    assert "采购总金额（单位:万元）" in luoyang
    plain = read(luoyang, format="text").report.proactive
    wrapped = read(
        luoyang.replace("（单位:万元）", "（单位:万 元）"), format="text"
    ).report.proactive
    assert isinstance(wrapped, Proactive2019)
    assert wrapped == plain


def test_a_title_wrapped_inside_the_agency_name(luoyang: str) -> None:
    title = "# 洛阳市市场监督管理局 2020 年政府信息公开工作年度报告"
    assert title in luoyang
    narrow = luoyang.replace(title, "洛阳市市场监督管\n理局\n2020 年政府信息公开工作\n年度报告")
    report = read(narrow, format="text").report
    assert (report.agency, report.year) == ("洛阳市市场监督管理局", 2020)


def test_table_four_run_together_on_a_line_of_its_own(pingtan: str) -> None:
    # a crawler copy keeping a line break before table 四 (and after its run): the line
    # holds none of the marks of tables 二 and 三, was not cut, and table 四 was not found
    start = pingtan.index("四、政府信息公开行政复议")
    end = pingtan.index("五、存在的主要问题", start)
    apart = f"{pingtan[:start]}\n{pingtan[start:end]}\n{pingtan[end:]}"
    plain = read(pingtan, format="text").report.review_litigation
    assert plain is not None
    assert read(apart, format="text").report.review_litigation == plain


def test_a_plus_sign_in_a_run_of_table_two(luoyang: str) -> None:
    # a signed 本年增/减 printed with "+" inside a run: the splitter raised and the whole read
    # failed; now the run is split or reported
    glued = luoyang.replace("\t", "").replace("\n", "")  # a crawler copy: one line
    assert "行政强制250213" in glued
    result = read(glued.replace("行政强制250213", "行政强制25+2213"), format="text")
    said = [d for d in result.diagnostics if d.raw is not None and "25+2213" in d.raw]
    assert said


def test_runs_that_fit_no_rule_are_split_by_their_row_and_said(pingtan: str) -> None:
    # a blank cell in a crawler copy prints nothing: no split satisfies R1 and R2, each run is
    # split by its own row's total alone, and the reader says so once for the table
    run = "本年新收政府信息公开申请数量21710000218"
    assert run in pingtan
    changed = pingtan.replace(run, "本年新收政府信息公开申请数量32295214371289")
    result = read(changed, format="text")
    unchecked = [d for d in result.diagnostics if d.code == "digits-split-unchecked"]
    assert len(unchecked) == 1
    assert "requests.new_requests" in unchecked[0].cells
    assert not [d for d in result.diagnostics if d.code == "ambiguous-digits" and not d.candidates]


@pytest.mark.parametrize(("printed", "cells"), [("3-", (3, None)), ("31—", (31, None))])
def test_a_run_ending_in_blank_marks(luoyang: str, printed: str, cells: tuple[int, None]) -> None:
    # crawler text whose row ends with a blank mark (行政事业性收费3-): the digits were lost
    # with no word said, the mark stopping the row's run from being seen
    glued = luoyang.replace("\t", "").replace("\n", "")
    assert "行政事业性收费00" in glued
    result = read(glued.replace("行政事业性收费00", f"行政事业性收费{printed}"), format="text")
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2019)
    assert (proactive.fees.items_last_year, proactive.fees.items_change) == cells


def test_a_dash_in_a_signed_run_is_a_minus_sign_or_a_blank(luoyang: str) -> None:
    # 行政强制25-21: 25, −2, 1 — or 25, a blank 本年增/减, 21; the reader chose the minus sign
    # and said nothing of the other reading
    glued = luoyang.replace("\t", "").replace("\n", "")
    assert "行政强制250213" in glued
    result = read(glued.replace("行政强制250213", "行政强制25-21"), format="text")
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2019)
    measures = proactive.coercive_measures
    assert (measures.items_last_year, measures.items_change, measures.decisions) == (25, None, None)
    said = [d for d in result.diagnostics if d.raw == "25-21"]
    assert [d.code for d in said] == ["ambiguous-digits"]
    assert said[0].candidates == ("25/-2/1", "25/—/21")


def test_blank_marks_between_a_runs_digits(pingtan: str) -> None:
    # crawler text keeping blank marks or slashes between a row's cells: the digits before
    # the last mark were lost with no word said (only '218' was taken as the row's run)
    run = "本年新收政府信息公开申请数量21710000218"
    assert run in pingtan
    plain = read(pingtan, format="text").report.requests
    assert plain is not None
    slashed = read(
        pingtan.replace(run, "本年新收政府信息公开申请数量217/1/0/0/0/0/218"), format="text"
    )
    assert slashed.report.requests is not None
    assert slashed.report.requests.new_requests == plain.new_requests
    dashed = read(pingtan.replace(run, "本年新收政府信息公开申请数量2171————218"), format="text")
    said = [d for d in dashed.diagnostics if d.code == "unreadable-run"]
    assert [d.raw for d in said] == ["2171————218"]
