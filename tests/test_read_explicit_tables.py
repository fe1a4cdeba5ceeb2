"""Tables with explicit cells (HTML, Markdown, PDF, Word): blank cells are cells, and a cell
merged across columns is one cell."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govinfo import records, render, samples
from govinfo import strategies as gst
from govinfo.model import Proactive2019, Report
from govinfo.readers import DiagnosticCode, raw_document, read, read_all

TABLES = ("proactive", "requests", "review_litigation")
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _tables(report: Report) -> tuple[object, ...]:
    return tuple(getattr(report, name) for name in TABLES)


def _blanked(html: str) -> str:
    """A not-reported cell printed empty (``<td></td>``, as Word exports an empty cell)
    rather than as a dash."""
    return html.replace(f">{render.NOT_REPORTED}<", "><")


@SETTINGS
@given(report=gst.reports(not_reported=True))
def test_empty_html_cells_are_blank_cells_in_place(report: Report) -> None:
    back = read(_blanked(render.to_html(report)), format="html")
    assert _tables(back.report) == _tables(report)
    assert DiagnosticCode.ROW_NOT_FOUND not in {d.code for d in back.diagnostics}


@SETTINGS
@given(report=gst.reports(not_reported=True))
def test_empty_markdown_cells_are_blank_cells_in_place(report: Report) -> None:
    text = render.render(report, "markdown").replace(f"| {render.NOT_REPORTED} ", "|  ")
    back = read(text, format="markdown")
    assert _tables(back.report) == _tables(report)


_CELL = re.compile(r"<(t[hd])( colspan=\"(\d+)\")?>")


def _word_layout(html: str) -> str:
    """Table 二 as Word often lays it out: one more grid column, the second value column's
    cells (header and data) merged across two columns, captions and wide cells one wider."""
    start = html.index("<table>")
    end = html.index("</table>", start)
    rows = []
    for row in html[start:end].split("\n"):
        cells = list(_CELL.finditer(row))
        if len(cells) == 1 or (cells and cells[-1].group(3)):  # a caption, or a wide cell
            last = cells[-1]
            wider = f'<{last.group(1)} colspan="{int(last.group(3) or 1) + 1}">'
            rows.append(row[: last.start()] + wider + row[last.end() :])
        elif len(cells) == 4:
            third = cells[2]
            rows.append(f'{row[: third.start()]}<{third.group(1)} colspan="2">{row[third.end() :]}')
        else:
            rows.append(row)
    return html[:start] + "\n".join(rows) + html[end:]


@SETTINGS
@given(report=gst.reports(not_reported=True))
def test_a_value_merged_across_columns_is_read_once(report: Report) -> None:
    html = _blanked(_word_layout(render.to_html(report)))
    assert 'colspan="2">' in html
    back = read(html, format="html")
    assert back.report.proactive == report.proactive
    assert DiagnosticCode.UNPLACED_NUMBER not in {d.code for d in back.diagnostics}


_PAGE = """<p>某市某局2020年政府信息公开工作年度报告</p>
<p>二、主动公开政府信息情况</p>
<table>
<tr><td colspan="5">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新制作数量</td><td colspan="2">本年新公开数量</td>
<td>对外公开总数量</td></tr>
<tr><td>规章</td><td>13</td><td colspan="2">13</td><td>524</td></tr>
<tr><td>规范性文件</td><td></td><td colspan="2">60</td><td>368</td></tr>
<tr><td colspan="5">第二十条第（九）项</td></tr>
<tr><td>信息内容</td><td colspan="2">采购项目数量</td><td colspan="2">采购总金额</td></tr>
<tr><td>政府集中采购</td><td colspan="2">6</td><td colspan="2">251000元</td></tr>
</table>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td>
<td>其他</td><td>总计</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td></td><td>4</td><td></td><td></td>
<td></td><td></td><td>4</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td></td><td></td><td></td><td></td>
<td></td><td></td><td></td></tr>
</table>
"""


def test_word_html_merged_and_blank_cells() -> None:
    result = read(_PAGE, format="html")
    proactive = result.report.proactive
    assert isinstance(proactive, Proactive2019)
    assert proactive.regulations.published_total == 524  # not the merged 13 read twice
    assert proactive.normative_documents.made is None
    assert proactive.normative_documents.published == 60
    assert proactive.procurement.items == 6
    assert proactive.procurement.amount == Decimal("25.1")  # 251000元 in 万元
    requests = result.report.requests
    assert requests is not None
    assert requests.new_requests.natural_person is None  # the blank first cell stays in place
    assert requests.new_requests.commercial_enterprise == 4
    assert requests.new_requests.total == 4
    assert requests.carried_over.total is None  # printed, all blank: found, not reported
    codes = {d.code for d in result.diagnostics}
    assert DiagnosticCode.UNIT_CONVERTED in codes
    assert not [d for d in result.diagnostics if "carried_over" in " ".join(d.cells)]
    assert DiagnosticCode.UNPLACED_NUMBER not in codes


def test_markdown_padding_cells_and_blank_group_rows_are_no_numbers() -> None:
    """A pipe table wider than its rows pads them with empty cells, and may print table 三's
    group headings (三、本年度办理结果, （三）不予公开) as rows of empty cells: nothing is lost
    there, and nothing is reported."""
    text = render.render(samples.load("luoyang-scjgj-2020"), "markdown")
    plain = read(text, format="markdown")
    lines = []
    for line in text.splitlines():
        if "1.属于国家秘密" in line:
            lines.append("| 三、本年度办理结果 | （三）不予公开 |" + " |" * 9)
        is_row = line.startswith("|") and not line.startswith("|---")
        lines.append(line + " | |" if is_row else line)
    result = read("\n".join(lines), format="markdown")
    assert _tables(result.report) == _tables(plain.report)
    assert [str(d) for d in result.diagnostics] == [str(d) for d in plain.diagnostics]


def test_page_chrome_after_the_report_is_not_section_six() -> None:
    """A saved page goes on after the report: links, a footer, attributes whose quoted values
    hold ``>`` (``ms-visible="list.length>0"``). None of it is the report's."""
    report = samples.load("luoyang-scjgj-2020")
    page = (
        render.to_html(report).replace("</body>", "", 1)
        + '<div class="bar" ms-visible="isShow&&list.length>0"><div>文字解读</div></div>'
        + "<div>【打印】 【关闭】</div>"
        + "<div class=copyright><p>主办单位：某县人民政府办公室</p><p>闽ICP备00000000号</p></div>"
        + "</body></html>"
    )
    result = read(page, format="html")
    assert result.report.other_matters == report.other_matters
    assert all('0">' not in line.text for line in raw_document(page, format="html").lines)


def test_title_and_date_from_the_page_head() -> None:
    """A report page whose body starts at 一、总体情况, with no title or date of its own:
    the head's ``<title>`` and ``<meta name="PubDate">`` say them."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    body_title = "<h1>洛阳市市场监督管理局2020年政府信息公开工作年度报告</h1>"
    assert body_title in html
    html = html.replace(body_title, "").replace(
        "</title>", '</title>\n<meta name="PubDate" content="2021-01-25 10:00:00">'
    )
    read_back = read(html, format="html").report
    assert (read_back.agency, read_back.year) == (report.agency, report.year)
    assert read_back.published == date(2021, 1, 25)


def test_a_link_to_another_report_after_the_article_is_no_report() -> None:
    """Pages link to the agency's other reports under the article (上一篇：…, 相关阅读, an
    attachment's name): a report's title with no section after it starts no report (the
    whole page was refused as having a report without sections)."""
    report = samples.load("luoyang-scjgj-2020")
    for tail in (
        "<p>上一篇：<a href=x>洛阳市市场监督管理局2019年政府信息公开工作年度报告</a></p>",
        "<p>附件：<a href=x.pdf>洛阳市市场监督管理局2020年政府信息公开工作年度报告.pdf</a></p>",
        "<ul><li>相关阅读</li><li><a>洛阳市教育局2020年政府信息公开工作年度报告</a></li></ul>",
    ):
        page = render.to_html(report).replace("</body>", tail + "</body>", 1)
        results = read_all(page, format="html")
        assert len(results) == 1
        assert _tables(results[0].report) == _tables(report)
        assert (results[0].report.agency, results[0].report.year) == (report.agency, report.year)


@pytest.mark.parametrize(
    "chrome",
    [
        "<div>【打印本页】 【关闭窗口】</div>",
        "<div>【我要纠错】 【打印】 【关闭】</div>",
        "<div>打印 | 关闭</div>",
        "<div>字体：【大 中 小】 分享到 打印 关闭</div>",
        "<p>（责任编辑：王五）</p>",
        "<p>浏览次数：1234</p>",
        "<p>扫描二维码在手机上浏览</p>",
        "<p>政府网站找错</p>",
        "<p>分享：</p>",
        "<div>主办：某县人民政府办公室　承办：某县大数据中心</div>",
    ],
)
def test_each_kind_of_page_chrome_ends_the_report(chrome: str) -> None:
    report = samples.load("luoyang-scjgj-2020")
    page = render.to_html(report).replace("</body>", f"{chrome}<p>无。</p></body>", 1)
    assert read(page, format="html").report.other_matters == report.other_matters


def test_counts_printed_with_their_unit() -> None:
    """Cells that print a count with its unit (``3件``, ``237项``): the number is the count
    (the cell was read as label text, and the row's other numbers moved left)."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    start = html.index("本年新收")
    end = html.index("</table>", start)
    with_units = re.sub(r"<td([^>]*)>(\d+)</td>", r"<td\1>\2件</td>", html[start:end])
    assert with_units.count("件</td>") > 100
    back = read(html[:start] + with_units + html[end:], format="html")
    assert back.report.requests == report.requests
    assert back.diagnostics == read(html, format="html").diagnostics

    proactive = html.index("第二十条")
    licensing = html.index("23606", proactive)
    with_item = html[:licensing] + "23606项" + html[licensing + len("23606") :]
    assert read(with_item, format="html").report.proactive == report.proactive


def _with_subtotal(text: str, *, first: bool) -> tuple[str, int]:
    """Rendered text with a 法人或其他组织 subtotal column in table 三: before the
    organisations' columns (``first``) or after them, named 小计 in the header; and how
    many rows have it."""
    head, rest = text.split("三、收到和处理政府信息公开申请情况", 1)
    table3, tail = rest.split("四、政府信息公开行政复议", 1)
    out = []
    rows = 0
    for line in table3.split("\n"):
        cells = line.split("\t")
        if "商业企业" in cells and "其他" in cells:
            cells.insert(cells.index("商业企业") if first else cells.index("其他") + 1, "小计")
        elif len(cells) > 7 and all(c.isdigit() for c in cells[-7:]):
            subtotal = str(sum(int(c) for c in cells[-6:-1]))
            cells.insert(len(cells) - 6 if first else len(cells) - 1, subtotal)
            rows += 1
        out.append("\t".join(cells))
    table3 = "\n".join(out)
    return f"{head}三、收到和处理政府信息公开申请情况{table3}四、政府信息公开行政复议{tail}", rows


@SETTINGS
@given(report=gst.reports(not_reported=False), first=st.booleans(), wrapped=st.booleans())
def test_a_subtotal_column_is_dropped_where_its_header_stands(
    report: Report, first: bool, wrapped: bool
) -> None:
    """Where the 小计 column stands is what its header says: the subtotal equals an
    organisation's cell whenever only one kind of organisation applied, so its value alone
    cannot tell (a subtotal after 其他 was read as 其他, and the real total reported as a
    number beyond the table)."""
    text, rows = _with_subtotal(render.to_text(report), first=first)
    assert "小计" in text
    if wrapped:  # names wrapped in narrow header cells, as a PDF's cells give them
        text = text.replace("\t商业企业\t", "\t商业企 业\t").replace(
            "社会公益组织", "社会公 益组织"
        )
    back = read(text, format="text")
    assert back.report.requests == report.requests
    dropped = [d for d in back.diagnostics if d.code == DiagnosticCode.SUBTOTAL_COLUMN]
    assert len(dropped) == rows


@pytest.mark.parametrize("lost", ["", "、"])
def test_section_headings_that_lost_their_numbers(lost: str) -> None:
    """Word's automatic numbering pasted into a page leaves ``主动公开政府信息情况`` (or
    ``、主动公开政府信息情况``): still the section's heading (table 二 was not found, and a
    page whose every heading lost its number was no report)."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    for number in "一二三四五六":
        assert f">{number}、" in html
        html = html.replace(f">{number}、", f">{lost}")
    back = read(html, format="html")
    assert _tables(back.report) == _tables(report)
    assert (back.report.problems, back.report.other_matters) == (
        report.problems,
        report.other_matters,
    )


def test_tables_in_an_appendix_after_the_text() -> None:
    """Tables 二–四 printed after section 六 (``详见附表``), not under their headings: read from
    there, and said (they were lost, each table-unreadable)."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    tables = re.findall(r"<table.*?</table>", html, flags=re.DOTALL)
    assert len(tables) == 3
    for t in tables:
        html = html.replace(t, "<p>详见附表。</p>", 1)
    html = html.replace("</body>", "<p>附表</p>" + "".join(tables) + "</body>", 1)
    back = read(html, format="html")
    assert _tables(back.report) == _tables(report)
    codes = [d.code for d in back.diagnostics]
    assert codes.count(DiagnosticCode.TABLE_ELSEWHERE) == 3
    assert DiagnosticCode.TABLE_UNREADABLE not in codes


@SETTINGS
@given(report=gst.reports(not_reported=False), order=st.permutations(range(5)))
def test_organisation_columns_in_another_order(report: Report, order: list[int]) -> None:
    """A table 三 printing its organisation columns in another order: each value is read under
    the column its header names (they were read by position, swapping columns silently)."""
    text = render.to_text(report)
    head, rest = text.split("三、收到和处理政府信息公开申请情况", 1)
    table3, tail = rest.split("四、政府信息公开行政复议", 1)
    out = []
    for line in table3.split("\n"):
        cells = line.split("\t")
        if "商业企业" in cells:
            at = cells.index("商业企业")
            cells[at : at + 5] = [cells[at + k] for k in order]
        elif len(cells) > 7 and all(c.isdigit() for c in cells[-7:]):
            cells[-6:-1] = [cells[-6 + k] for k in order]
        out.append("\t".join(cells))
    table3 = "\n".join(out)
    text = f"{head}三、收到和处理政府信息公开申请情况{table3}四、政府信息公开行政复议{tail}"
    back = read(text, format="text")
    assert back.report.requests == report.requests
    said = [d for d in back.diagnostics if d.code == DiagnosticCode.COLUMN_ORDER]
    assert len(said) == (order != sorted(order))


def test_an_article_kept_escaped_in_a_hidden_textarea() -> None:
    """Some sites send the article escaped in a hidden ``<textarea>`` for a script to show:
    the page has no report of its own, so the textarea's markup is the report (the page was
    refused as having a title but no sections)."""
    import html as html_lib

    report = samples.load("luoyang-scjgj-2020")
    page = render.to_html(report)
    start, end = page.index("<body>") + len("<body>"), page.index("</body>")
    hidden = (
        f'<textarea id="art" style="display:none">{html_lib.escape(page[start:end])}</textarea>'
    )
    back = read(page[:start] + hidden + page[end:], format="html")
    assert _tables(back.report) == _tables(report)
    # a textarea that is a form's field stays out of the report
    form = page.replace("</body>", "<textarea>总体情况 <b>写下您的意见</b></textarea></body>", 1)
    assert read(form, format="html").report.other_matters == report.other_matters


@pytest.mark.parametrize("printed", ["约1", "〇", "O", "1（含转办1件）", "五十九", "?"])
def test_a_cell_that_is_no_number_keeps_its_place(printed: str) -> None:
    """A cell among a row's values that is no number it can read: reported where it is, and
    the row's other values stay under their columns (they moved one column left)."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    start = html.index("本年新收")
    row_end = html.index("</tr>", start)
    row = html[start:row_end]
    cells = re.findall(r"<td[^>]*>(\d+)</td>", row)
    assert cells == ["8", "0", "0", "0", "0", "0", "8"]
    second = [m.start(1) for m in re.finditer(r"<td[^>]*>(\d+)</td>", row)][1]
    changed = html[: start + second] + printed + html[start + second + 1 :]
    back = read(changed, format="html")
    assert back.report.requests is not None
    new = back.report.requests.new_requests
    assert (new.natural_person, new.commercial_enterprise, new.total) == (8, None, 8)
    unreadable = [d for d in back.diagnostics if d.code == DiagnosticCode.UNREADABLE_NUMBER]
    assert [d.raw for d in unreadable] == [printed]


@pytest.mark.parametrize(
    "printed",
    ["8①", "8¹", "\u200b8", "8\ufeff", "8\u2060", "８②", "8*", "8（注）", "8<sup>1</sup>"],
    ids=ascii,
)
def test_note_marks_and_invisible_characters_in_a_cell(printed: str) -> None:
    """A note's mark after a number (``8①``, ``8¹``: NFKC makes them 81) and invisible format
    characters (zero-width space, byte-order mark) are no part of the number."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    start = html.index("本年新收")
    first = start + re.search(r"<td[^>]*>(8)</td>", html[start:]).start(1)  # type: ignore[union-attr]
    back = read(html[:first] + printed + html[first + 1 :], format="html")
    assert back.report.requests == report.requests
    assert back.diagnostics == read(html, format="html").diagnostics


def test_a_title_in_a_layout_table() -> None:
    """A title set in a table beside the date (a Word or CMS layout): still the title (the
    report was named after its file, and its year assumed)."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    title = "<h1>洛阳市市场监督管理局2020年政府信息公开工作年度报告</h1>"
    assert title in html
    boxed = "<table><tr><td>洛阳市市场监督管理局2020年政府信息公开工作年度报告</td>"
    boxed += "<td>发布日期：2021-01-25</td></tr></table>"
    page = re.sub(r"<title>.*?</title>", "", html.replace(title, boxed))  # nor in the head
    back = read(page, format="html", name="page.html")
    assert (back.report.agency, back.report.year) == (report.agency, report.year)
    assert DiagnosticCode.NO_TITLE not in [d.code for d in back.diagnostics]


@pytest.mark.parametrize("printed", ["O", "〇", "?"])
def test_a_first_cell_standing_for_a_number_keeps_its_place(printed: str) -> None:
    """A row's first value cell printed as a letter O, a circle or a question mark: a cell
    (reported), not the label's end — the row's values moved one column left."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    start = html.index("本年新收")
    first = start + re.search(r"<td[^>]*>(8)</td>", html[start:]).start(1)  # type: ignore[union-attr]
    back = read(html[:first] + printed + html[first + 1 :], format="html")
    assert back.report.requests is not None
    new = back.report.requests.new_requests
    assert (new.natural_person, new.commercial_enterprise, new.total) == (None, 0, 8)
    unreadable = [d for d in back.diagnostics if d.code == DiagnosticCode.UNREADABLE_NUMBER]
    assert [d.raw for d in unreadable] == [printed]


@SETTINGS
@given(report=gst.reports(not_reported=False))
def test_a_label_wrapped_after_its_item_number(report: Report) -> None:
    """A label whose cell wraps right after its item number (``2`` / ``.没有现成信息…``, as a
    narrow PDF column prints it, or as a row cut by a page break is joined): the label, not a
    cell standing for a number before the row's values (which moved one column right)."""
    html = render.to_html(report)
    wrapped, count = re.subn(r"(<th[^>]*>\d)\.", r"\1<br>.", html)
    assert count >= 8  # the items of （三）不予公开 at least
    back = read(wrapped, format="html")
    assert _tables(back.report) == _tables(report)
    assert back.diagnostics == read(html, format="html").diagnostics


def test_a_first_cell_wrapped_inside_a_number_keeps_its_place() -> None:
    """A row's first value cell printed ``1`` / ``.5`` on two lines: no item number (a digit
    follows the point), so a cell that cannot be read, in its place."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    start = html.index("本年新收")
    first = start + re.search(r"<td[^>]*>(8)</td>", html[start:]).start(1)  # type: ignore[union-attr]
    back = read(html[:first] + "1<br>.5" + html[first + 1 :], format="html")
    assert back.report.requests is not None
    new = back.report.requests.new_requests
    assert (new.natural_person, new.commercial_enterprise, new.total) == (None, 0, 8)
    unreadable = [d for d in back.diagnostics if d.code == DiagnosticCode.UNREADABLE_NUMBER]
    assert len(unreadable) == 1


def test_hidden_copies_of_digits_are_not_read() -> None:
    """Sites hide copies of digits in cells to spoil copying (``12<span
    style="display:none">12</span>``, read 1212), or hide a whole row: what a browser does not
    show is not read."""
    report = samples.load("luoyang-scjgj-2020")
    html = render.to_html(report)
    start = html.index("本年新收")
    table = html[start:]
    hidden = re.sub(
        r"<td([^>]*)>(\d+)</td>",
        r'<td\1><span style="display: none;">9</span>\2<font hidden>7</font></td>',
        table,
    )
    row = re.search(r"<tr>.*?予以公开.*?</tr>", hidden, flags=re.DOTALL)
    assert row is not None
    hidden = hidden.replace(
        row.group(), row.group() + row.group().replace("<tr>", '<tr style="display:none">'), 1
    )
    back = read(html[:start] + hidden, format="html")
    assert _tables(back.report) == _tables(report)
    assert back.diagnostics == read(html, format="html").diagnostics


@SETTINGS
@given(report=gst.reports(not_reported=False), first=st.booleans())
def test_a_subtotal_column_whose_header_does_not_say_where(report: Report, first: bool) -> None:
    """小计 on a header line of its own (a borderless PDF table wraps its header over lines):
    the column is where, in every full row, the value is the sum of the organisations'."""
    text, _ = _with_subtotal(render.to_text(report), first=first)
    text = text.replace("\t小计", "").replace("\t其他", "\t其他\n小计", 1)
    assume(  # else a subtotal of one kind of organisation fits both places: no telling
        any(
            r["value"]
            for r in records(report)
            if r["table"] == "requests" and r["column"] in ("research_institution", "other_org")
        )
    )
    back = read(text, format="text")
    assert back.report.requests == report.requests


def test_rows_stacked_in_one_row_of_cells() -> None:
    """Several rows written in one table row, a line each in every cell (``1.属于国家秘密<br>
    2.其他…`` beside ``1<br>0``): read as those rows (their cells were lost); a label wrapped
    in its cell (``商业<br>企业``) stays one row."""
    from govinfo.readers.raw import Location, RawCell, RawLine
    from govinfo.readers.segment import _stacked_rows

    def row(*texts: str) -> RawLine:
        return RawLine(
            cells=tuple(
                RawCell(t, Location(table=1, row=5, cell=c)) for c, t in enumerate(texts, 1)
            ),
            table=1,
        )

    stacked = row(
        "（三）不予公开", "1.属于国家秘密\n2.其他法律行政法规禁止公开", "1\n0", "\n", "2\n3"
    )
    rows = _stacked_rows(stacked)
    assert [r.text for r in rows] == [
        "（三）不予公开\t1.属于国家秘密\t1\t\t2",
        "（三）不予公开\t2.其他法律行政法规禁止公开\t0\t\t3",
    ]
    assert rows[1].cells[2].location == Location(table=1, row=5, cell=3)
    header = row("", "自然人", "商业\n企业", "科研\n机构")
    assert _stacked_rows(header) == [header]
    ragged = row("a\nb\nc", "1\n2")
    assert _stacked_rows(ragged) == [ragged]
