"""The HTML, PDF and DOCX front-ends: raw cells in the right grid positions, with locations."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from govinfo.errors import GovinfoError
from govinfo.readers.formats import (
    MissingExtra,
    UnreadableDocument,
    decode_html,
    docx_document,
    html_document,
    pdf_document,
)
from govinfo.readers.raw import Location, RawDocument, RawLine

# ---------------------------------------------------------------------------------------------
# helpers


def texts(document: RawDocument) -> list[str]:
    """The text lines (not table rows) of a document."""
    return [line.cells[0].text for line in document.lines if line.table is None]


def rows(document: RawDocument, table: int | None = None) -> list[list[str]]:
    """The table rows of a document (of one table), as lists of cell texts."""
    return [
        [c.text for c in line.cells]
        for line in document.lines
        if line.table is not None and (table is None or line.table == table)
    ]


def row_with(document: RawDocument, label: str) -> RawLine:
    """The first table row having a cell whose text is ``label``."""
    for line in document.lines:
        if line.table is not None and any(c.text == label for c in line.cells):
            return line
    raise AssertionError(f"no row labelled {label!r}")


def assert_grid_invariants(document: RawDocument) -> None:
    """Every cell of a table row is at its grid position, or is the copy of the cell to its
    left that is merged across both (same text, same location); a table's rows are equally
    wide."""
    widths: dict[int, set[int]] = {}
    for line in document.lines:
        if line.table is None:
            assert len(line.cells) == 1
            assert line.cells[0].text.strip() == line.cells[0].text != ""
            continue
        widths.setdefault(line.table, set()).add(len(line.cells))
        for i, cell in enumerate(line.cells):
            if cell.location.cell != i + 1:
                assert i > 0
                assert cell == line.cells[i - 1]
            assert cell.location.table == line.table
            assert cell.location.row == line.cells[0].location.row
    assert all(len(w) == 1 for w in widths.values()), widths


def html_rows(html: str) -> list[list[str]]:
    return rows(html_document(html))


# ---------------------------------------------------------------------------------------------
# HTML: the shuyang sample


@pytest.fixture(scope="module")
def shuyang_bytes(request: pytest.FixtureRequest) -> bytes:
    shared: Path = request.getfixturevalue("shared_dir")
    return (shared / "samples" / "shuyang-fgj-2023.html").read_bytes()


@pytest.fixture(scope="module")
def shuyang(shuyang_bytes: bytes) -> RawDocument:
    return html_document(shuyang_bytes, name="shuyang-fgj-2023.html")


def test_shuyang_tables_and_widths(shuyang: RawDocument) -> None:
    assert shuyang.format == "html"
    assert shuyang.name == "shuyang-fgj-2023.html"
    assert shuyang.sha256 is not None
    assert_grid_invariants(shuyang)
    widths = {line.table: len(line.cells) for line in shuyang.lines if line.table}
    # the page's metadata box, then tables 二, 三 and 四 of the report
    assert widths == {1: 4, 2: 4, 3: 10, 4: 15}
    assert len(rows(shuyang, 3)) == 28
    assert rows(shuyang, 2)[3] == ["规范性文件", "8", "0", "18"]


def test_shuyang_table_three_expanded(shuyang: RawDocument) -> None:
    new = row_with(shuyang, "一、本年新收政府信息公开申请数量")
    # colspan=3 label repeated, then 7 values; the blank 法人或其他组织 cells kept as ""
    assert [c.text for c in new.cells[:3]] == ["一、本年新收政府信息公开申请数量"] * 3
    assert [c.text for c in new.cells[3:]] == ["26", "", "", "", "", "", "26"]
    # rowspan=22: the vertical label fills the first column of 22 rows
    table_three = rows(shuyang, 3)
    assert [r[0] for r in table_three[5:27]] == ["三、本年度办理结果"] * 22
    assert table_three[27][:3] == ["四、结转下年度继续办理"] * 3
    secret = row_with(shuyang, "1.属于国家秘密")  # "1." and the label in different elements
    assert [c.text for c in secret.cells][:3] == [
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    ]
    assert all(len(r) == 10 for r in table_three)
    # a header cell of two paragraphs keeps its line break; labels split across spans whole
    assert table_three[2][4] == "商业\n企业"
    assert table_three[0][3:] == ["申请人情况"] * 7
    assert table_three[1][3] == "自然人"


def test_shuyang_locations(shuyang: RawDocument, shuyang_bytes: bytes) -> None:
    new = row_with(shuyang, "一、本年新收政府信息公开申请数量")
    assert new.table == 3
    assert new.cells[3].location == Location(table=3, row=4, cell=4)
    assert new.cells[9].location == Location(table=3, row=4, cell=10)
    label = row_with(shuyang, "7.属于行政执法案卷")
    assert label.cells[0].location == Location(table=3, row=14, cell=1)
    source = shuyang_bytes.decode("utf-8").splitlines()
    headings = [
        line for line in shuyang.lines if line.text in ("一、总体情况", "六、其他需要报告的事项")
    ]
    assert len(headings) == 2
    for line in headings:
        number = line.location.line
        assert number is not None
        assert line.text in source[number - 1]


def test_shuyang_text_lines(shuyang: RawDocument) -> None:
    lines = texts(shuyang)
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",  # in two <span>s
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及整改措施",
        "六、其他需要报告的事项",
    ):
        assert heading in lines
    assert "2024年1月17日" in lines  # behind 100 spaces of indentation
    whole = "\n".join(line.text for line in shuyang.lines)
    for absent in ("function time", "websiteId", "getElementById", "font-family", "{", "<"):
        assert absent not in whole  # scripts, styles, markup
    assert "沭阳县人民政府" not in lines  # a <title> in the page body


def test_shuyang_str_and_bytes_agree(shuyang: RawDocument, shuyang_bytes: bytes) -> None:
    from_text = html_document(shuyang_bytes.decode("utf-8"))
    assert from_text.lines == shuyang.lines
    assert from_text.sha256 is None
    assert decode_html(shuyang_bytes)[1] == "utf-8"


# ---------------------------------------------------------------------------------------------
# HTML: synthetic corner cases


def test_html_rowspan_and_colspan() -> None:
    html = """<table>
      <tr><td rowspan="2" colspan="2">A</td><td>B</td></tr>
      <tr><td>C</td></tr>
      <tr><td>D</td><td colspan=2>E</td></tr>
      <tr><td>F</td></tr>
    </table>"""
    assert html_rows(html) == [
        ["A", "A", "B"],
        ["A", "A", "C"],
        ["D", "E", "E"],
        ["F", "", ""],  # a short row is padded to the table's width
    ]


def test_html_spans_with_escaped_quotes() -> None:
    # a page kept inside a JavaScript or JSON string: its attribute quotes are escaped
    html = '<table><tr><td colspan=\\"2\\">A</td></tr><tr><td>B</td><td>C</td></tr></table>'
    assert html_rows(html) == [["A", "A"], ["B", "C"]]


def test_html_rowspan_in_the_middle_and_past_the_end() -> None:
    html = """<table>
      <tr><td>a</td><td rowspan=9>m</td><td>b</td></tr>
      <tr><td>c</td><td>d</td></tr>
    </table>"""
    assert html_rows(html) == [["a", "m", "b"], ["c", "m", "d"]]  # no rows made up


def test_html_rowspan_zero_runs_to_the_end() -> None:
    html = "<table><tr><td rowspan=0>x</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr>"
    assert html_rows(html) == [["x", "1"], ["x", "2"], ["x", "3"]]


def test_html_omitted_end_tags_and_uppercase() -> None:
    html = "<TABLE BORDER=1><TR><TD ROWSPAN='2'>a<TD>b<TR><TD>c</TABLE><P>after"
    document = html_document(html)
    assert rows(document) == [["a", "b"], ["a", "c"]]
    assert texts(document) == ["after"]
    assert html_rows("<table><td>a<td>b</table>") == [["a", "b"]]  # no <tr> at all


def test_html_blank_cells_kept() -> None:
    html = "<table><tr><td>1</td><td></td><td><p><o:p>&nbsp;</o:p></p></td><td> 2 </td></tr>"
    assert html_rows(html) == [["1", "", "", "2"]]


def test_html_inline_elements_joined_blocks_split() -> None:
    html = (
        "<div><p><span>属于</span><span>国家</span><font>秘密</font></p>"
        "<p>a<b>b</b> c</p><h2>标题</h2>line<br>next<li>item</li></div>"
    )
    assert texts(html_document(html)) == ["属于国家秘密", "ab c", "标题", "line", "next", "item"]


def test_html_whitespace() -> None:
    html = "<p>申请人\n      情况</p><p>open\n data</p><p>a&nbsp;&nbsp; b\u3000\u3000c</p>"
    # a line break between CJK characters is not rendered; between words it is a space
    assert texts(html_document(html)) == ["申请人情况", "open data", "a b c"]


def test_html_cell_paragraphs_and_breaks() -> None:
    html = "<table><tr><td><p>商业</p>\n<p></p><p>企业</p></td><td>a<br>b</td></tr></table>"
    assert html_rows(html) == [["商业\n企业", "a\nb"]]


def test_html_entities() -> None:
    html = "<p>&lt;td&gt; &amp; &#20013;&#x6587; &copy;</p><table><tr><td>1&lt;2</td><td>x</td>"
    document = html_document(html)
    assert texts(document) == ["<td> & 中文 ©"]  # an escaped tag is text, not a tag
    assert rows(document) == [["1<2", "x"]]


def test_html_skipped_content() -> None:
    html = """<!doctype html><html><head><title>T</title><style>p {color: red}</style>
    <script>document.write("<table><tr><td>no</td></tr></table>")</script></head>
    <body><!-- <p>comment</p> --><p>kept<!-- x -->here</p>
    <script type="text/javascript">var a = "<p>";</script><noscript>enable JS</noscript>
    <table><tr><td>1<!-- c -->2</td><td>3<script>x()</script>4</td></tr></table>
    <textarea>form</textarea><iframe src="x">frame</iframe></body></html>"""
    document = html_document(html)
    assert texts(document) == ["T", "kepthere"]  # the head's title comes first, see below
    assert rows(document) == [["12", "34"]]


def test_html_head_title_and_publication_date() -> None:
    html = """<html><head><meta charset="utf-8"><title>某局2025年度政府信息公开工作年度报告_某区
    </title><meta NAME='PubDate' CONTENT="2026-01-20 09:30"><meta name="x" content="y">
    <script>var t = "<title>no</title>";</script></head><body><p>正文</p></body></html>"""
    document = html_document(html)
    assert texts(document) == [
        "某局2025年度政府信息公开工作年度报告_某区",
        "发布时间：2026-01-20 09:30",
        "正文",
    ]
    assert [line.location.line for line in document.lines[:2]] == [1, 2]
    assert texts(html_document("<p>无头</p>")) == ["无头"]


def test_html_nested_table_makes_a_layout_table() -> None:
    html = """<table width="100%"><tr><td>
      <p>一、总体情况</p>
      <table><tr><td>规章</td><td>1</td></tr></table>
      <p>between</p>
      <table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
    </td><td>side</td></tr></table>"""
    document = html_document(html)
    assert [line.text for line in document.lines] == [
        "一、总体情况",
        "规章\t1",
        "between",
        "a\tb",
        "c\td",
        "side",
    ]
    assert [line.table for line in document.lines] == [None, 1, None, 2, 2, None]
    assert document.lines[4].cells[1].location == Location(table=2, row=2, cell=2)


def test_html_single_cell_table_is_a_frame() -> None:
    html = "<table><tr><td><p>one</p><p>two</p></td></tr></table>"
    document = html_document(html)
    assert texts(document) == ["one", "two"]
    assert rows(document) == []


def test_html_caption_and_stray_text_come_before_the_table() -> None:
    html = "<table><caption>表一</caption><tr><td>a</td><td>b</td></tr>stray</table>"
    document = html_document(html)
    assert [line.text for line in document.lines] == ["表一", "stray", "a\tb"]


def test_html_text_locations_are_source_lines() -> None:
    html = "<p>a</p>\n<p>b</p>\n\n<div>\n  <span></span>  c</div>\n<table>\n<tr><td>x</td><td>y"
    document = html_document(html)
    assert [(line.text, line.location) for line in document.lines] == [
        ("a", Location(line=1)),
        ("b", Location(line=2)),
        ("c", Location(line=5)),
        ("x\ty", Location(table=1, row=1, cell=1)),
    ]


def test_html_empty_and_odd_input() -> None:
    assert html_document("").lines == ()
    assert html_document("just text").lines[0].text == "just text"
    assert rows(html_document("<table></table><table><tr></tr></table>")) == []
    assert texts(html_document("</td></tr></table><td>x")) == ["x"]
    assert texts(html_document("a\x00b\x01c")) == ["abc"]


def test_html_deeply_nested_tables() -> None:
    html = "<table><tr><td>" * 3000 + "x" + "</td></tr></table>" * 3000 + "<p>after</p>"
    document = html_document(html)  # no RecursionError: the deepest levels are flattened
    assert [line.text for line in document.lines if line.text][-2:] == ["x", "after"]


def test_html_malformed_tags_do_not_hang() -> None:
    html = '<table><tr><td title="' + "a" * 20000 + "><p 'x" * 2000 + "<td>1</td></tr>"
    start = time.perf_counter()
    html_document(html)
    assert time.perf_counter() - start < 1.0


def test_html_gb18030_bytes() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body><p>政府信息公开䶮</p><table><tr><td>自然人</td><td>3</td></tr></table>"
    )
    data = page.encode("gb18030")
    assert decode_html(data) == (page, "gb18030")
    document = html_document(data)
    assert texts(document) == ["政府信息公开䶮"]
    assert rows(document) == [["自然人", "3"]]
    assert decode_html("<p>政府</p>".encode("gb18030")) == ("<p>政府</p>", "gb18030")  # no meta


def test_html_decoding_choices() -> None:
    page = '<meta charset="gb2312"><p>政府</p>'
    assert decode_html(page.encode("utf-8")) == (page, "utf-8")  # a stale declaration
    assert decode_html(b"\xef\xbb\xbf" + page.encode("utf-8")) == (page, "utf-8-sig")
    assert decode_html(page.encode("utf-16")) == (page, "utf-16")
    big5 = '<meta charset="big5"><p>政府資訊</p>'
    assert decode_html(big5.encode("big5")) == (big5, "big5")
    text, encoding = decode_html(b"<p>\x81</p>")  # undecodable: replaced, not raised
    assert encoding == "gb18030"
    assert text.startswith("<p>")


# ---------------------------------------------------------------------------------------------
# PDF: a small PDF made here


def make_pdf(*pages: str) -> bytes:
    """A minimal PDF with one 400 x 400 page per content stream, Helvetica as /F1."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (" ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages))).encode(), len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, stream in enumerate(pages):
        data = stream.encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_at(x: float, y: float, text: str) -> str:
    return f"BT /F1 10 Tf {x} {y} Td ({text}) Tj ET\n"


def rule(x0: float, y0: float, x1: float, y1: float) -> str:
    return f"{x0} {y0} m {x1} {y1} l S\n"


# Page 1: a white box behind a paragraph (not a table), then a ruled 3 x 3 table whose first row
# is one merged cell and whose first column merges the last two rows; the table runs into the
# page break (no rule along its bottom); a page number below. Page 2: the table goes on with
# two rows, again without a rule along the cut (its top), then a paragraph.
PAGE_ONE = (
    "1 g 45 345 300 16 re f 0 g\n"
    + text_at(50, 350, "Intro text")
    + rule(50, 300, 350, 300)
    + rule(50, 270, 350, 270)
    + rule(150, 240, 350, 240)
    + rule(50, 300, 50, 210)
    + rule(350, 300, 350, 210)
    + rule(150, 270, 150, 210)
    + rule(250, 270, 250, 210)
    + text_at(60, 280, "Head")
    + text_at(60, 235, "Label")
    + text_at(160, 250, "1")
    + text_at(260, 250, "2")
    + text_at(160, 220, "3")
    + text_at(260, 220, "4")
    + text_at(190, 30, "- 1 -")
)
PAGE_TWO = (
    rule(50, 350, 350, 350)
    + rule(50, 320, 350, 320)
    + "".join(rule(x, 380, x, 320) for x in (50, 150, 250, 350))
    + text_at(160, 360, "5")
    + text_at(260, 360, "6")
    + text_at(160, 330, "7")
    + text_at(260, 330, "8")
    + text_at(50, 200, "After the table")
)


def test_pdf_made_here() -> None:
    pytest.importorskip("pdfplumber")
    document = pdf_document(make_pdf(PAGE_ONE, PAGE_TWO), name="made.pdf")
    assert document.format == "pdf"
    assert_grid_invariants(document)
    assert [line.text for line in document.lines] == [
        "Intro text",  # the white box behind it makes no table
        "Head\tHead\tHead",
        "Label\t1\t2",
        "Label\t3\t4",  # the row along the page break is kept
        "- 1 -",
        "\t5\t6",  # the continuation: same table, rows numbered on
        "\t7\t8",
        "After the table",
    ]
    lines = document.lines
    assert lines[0].location == Location(page=1, line=1)
    assert lines[3].cells[0].location == Location(page=1, table=1, row=3, cell=1)
    assert lines[4].location == Location(page=1, line=2)
    assert {line.table for line in lines[1:4] + lines[5:7]} == {1}
    assert lines[6].cells[2].location == Location(page=2, table=1, row=5, cell=3)
    assert lines[7].location == Location(page=2, line=1)


def test_pdf_tables_of_different_widths_are_not_joined() -> None:
    pytest.importorskip("pdfplumber")
    two_columns = (
        rule(50, 380, 250, 380)
        + rule(50, 350, 250, 350)
        + "".join(rule(x, 380, x, 350) for x in (50, 150, 250))
        + text_at(60, 360, "x")
        + text_at(160, 360, "y")
    )
    document = pdf_document(make_pdf(PAGE_ONE, two_columns))
    assert [line.table for line in document.lines if line.table] == [1, 1, 1, 2]


def test_pdf_without_text_is_unreadable() -> None:
    pytest.importorskip("pdfplumber")
    with pytest.raises(UnreadableDocument, match=r"scan\.pdf: .*no text layer") as caught:
        pdf_document(make_pdf(rule(0, 0, 100, 100)), name="scan.pdf")
    assert caught.value.name == "scan.pdf"
    assert isinstance(caught.value, GovinfoError)


def test_pdf_not_a_pdf() -> None:
    pytest.importorskip("pdfplumber")
    with pytest.raises(UnreadableDocument, match="not a readable PDF"):
        pdf_document(b"this is not a PDF", name="x.pdf")


def test_pdf_path_and_bytes(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    data = make_pdf(text_at(50, 350, "Hello"))
    path = tmp_path / "hello.pdf"
    path.write_bytes(data)
    from_path = pdf_document(path)
    assert from_path.name == str(path)
    assert from_path.sha256 == pdf_document(data).sha256 is not None
    assert texts(from_path) == ["Hello"]
    assert pdf_document(str(path), name="given").name == "given"
    with pytest.raises(UnreadableDocument, match="cannot read the file"):
        pdf_document(tmp_path / "missing.pdf")


def test_pdf_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(MissingExtra, match=r"pip install 'govinfo\[pdf\]'") as caught:
        pdf_document(b"%PDF-1.4")
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, GovinfoError)


# ---------------------------------------------------------------------------------------------
# PDF: the samples


def sample_pdf(shared_dir: Path, name: str) -> RawDocument:
    pytest.importorskip("pdfplumber")
    return pdf_document(shared_dir / "samples" / name)


@pytest.fixture(scope="module")
def huaian(request: pytest.FixtureRequest) -> RawDocument:
    return sample_pdf(request.getfixturevalue("shared_dir"), "huaian-2024.pdf")


def numeric(line: RawLine) -> list[str]:
    return [c.text for c in line.cells if c.text.replace(".", "", 1).isdigit()]


def test_huaian_table_three_across_the_page_break(huaian: RawDocument) -> None:
    assert_grid_invariants(huaian)
    new = row_with(huaian, "一、本年新收政府信息公开申请数量")
    table = new.table
    data = [
        line
        for line in huaian.lines
        if line.table == table and len(numeric(line)) == 7 and line.cells[3].text.isdigit()
    ]
    assert len(data) == 25  # every data row of table 三, on both pages
    assert {line.cells[0].location.page for line in data} == {4, 5}
    numbers = [line.cells[0].location.row for line in huaian.lines if line.table == table]
    assert numbers == list(range(1, 29))
    assert numeric(new) == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert numeric(row_with(huaian, "二、上年结转政府信息公开申请数量"))[-1] == "34"
    assert numeric(row_with(huaian, "（七）总计"))[-1] == "3050"
    assert numeric(row_with(huaian, "四、结转下年度继续办理"))[-1] == "103"
    secret = row_with(huaian, "1.属于国家秘密")
    assert secret.cells[0].text == "三、\n本\n年\n度\n办\n理\n结\n果"  # the merged label repeated
    assert secret.cells[1].text == "（三）不\n予公开"
    assert [c.text for c in new.cells[:3]] == ["一、本年新收政府信息公开申请数量"] * 3
    header = row_with(huaian, "申请人情况")
    assert [c.text for c in header.cells[3:]] == ["申请人情况"] * 7


def test_huaian_table_four_and_text(huaian: RawDocument) -> None:
    review = [line for line in huaian.lines if line.table and len(numeric(line)) == 15]
    assert [numeric(line) for line in review] == [
        ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]
    ]
    assert review[0].cells[0].location.page == 5
    lines = texts(huaian)
    # page 1's white paragraph boxes are no table: the paragraph is read whole, as text
    assert not [line for line in huaian.lines if line.table and line.location.page == 1]
    assert "制。报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。" in lines
    assert "三、收到和处理政府信息公开申请情况" in lines
    footers = [line for line in huaian.lines if line.text == "- 4 -"]
    assert [line.location.page for line in footers] == [4]
    licensing = row_with(huaian, "行政许可")
    assert [c.text for c in licensing.cells] == ["行政许可", "447228", "447228", "447228"]


def test_hongzequ_2023_as_published(shared_dir: Path) -> None:
    document = sample_pdf(shared_dir, "hongzequ-2023.pdf")
    assert_grid_invariants(document)
    # the row cut by the page break (no rule below it) is read, with its merged labels
    cut = row_with(document, "2.没有现成信息需要另行制作")
    assert [c.text for c in cut.cells][:2] == [
        "三\n、\n本\n年\n度\n办\n理\n结\n果",
        "（四）无法提供",
    ]
    assert numeric(cut) == ["3", "0", "0", "0", "0", "0", "3"]
    assert row_with(document, "1.本机关不掌握相关政府信息").table == cut.table
    assert row_with(document, "3.补正后申请内容仍不明确").table == cut.table
    review = [line for line in document.lines if line.table and len(numeric(line)) == 15]
    assert [numeric(line) for line in review] == [
        ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"]
    ]
    assert any("2.其他法律行政止公开" in line.text for line in document.lines)


def test_hongzequ_2024(shared_dir: Path) -> None:
    document = sample_pdf(shared_dir, "hongzequ-2024.pdf")
    assert_grid_invariants(document)
    assert numeric(row_with(document, "一、本年新收政府信息公开申请数量"))[-1] == "95"
    assert numeric(row_with(document, "（七）总计"))[-1] == "95"
    review = [line for line in document.lines if line.table and len(numeric(line)) == 15]
    assert [numeric(line) for line in review] == [
        ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"]
    ]


def test_cid_garbled_pdf_is_unreadable(shared_dir: Path) -> None:
    pytest.importorskip("pdfplumber")
    path = shared_dir / "samples" / "broken" / "cid-garbled.pdf"
    with pytest.raises(UnreadableDocument, match="text layer is unreadable") as caught:
        pdf_document(path)
    assert str(path) in str(caught.value)
    assert "(cid:NNN)" in caught.value.reason


# ---------------------------------------------------------------------------------------------
# DOCX


def docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_filled_template(shared_dir: Path) -> None:
    docx = pytest.importorskip("docx")
    template = docx.Document(str(shared_dir / "samples" / "template-2021.docx"))
    proactive, requests, review = template.tables
    proactive.cell(2, 1).text = "1"
    proactive.cell(3, 3).text = "66"
    requests.cell(3, 3).text = "3001"
    requests.cell(3, 9).text = "3119"
    requests.cell(7, 3).text = "2"  # （三）不予公开 1.属于国家秘密, natural persons
    review.cell(3, 0).text = "72"
    review.cell(3, 14).text = "20"
    document = docx_document(docx_bytes(template), name="filled.docx")
    assert document.format == "docx"
    assert document.name == "filled.docx"
    assert_grid_invariants(document)
    assert {line.table: len(line.cells) for line in document.lines if line.table} == {
        1: 4,
        2: 10,
        3: 15,
    }
    assert rows(document, 1)[2] == ["规章", "1", "", ""]  # "\u3000" in the template is blank
    assert rows(document, 1)[3] == ["行政规范性文件", "", "", "66"]
    assert rows(document, 1)[6] == ["行政许可", "", "", ""]
    new = row_with(document, "一、本年新收政府信息公开申请数量")
    assert [c.text for c in new.cells[:3]] == ["一、本年新收政府信息公开申请数量"] * 3
    assert [c.text for c in new.cells[3:]] == ["3001", "", "", "", "", "", "3119"]
    assert new.cells[3].location == Location(table=2, row=4, cell=4)
    secret = row_with(document, "1.属于国家秘密")
    assert [c.text for c in secret.cells][:4] == [
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
        "2",
    ]
    table_two = rows(document, 2)
    assert [r[0] for r in table_two[5:27]] == ["三、本年度办理结果"] * 22  # vMerge repeated
    assert table_two[0][3:] == ["申请人情况"] * 7  # gridSpan repeated
    assert table_two[2][4] == "商业\n企业"
    assert rows(document, 3)[3] == ["72"] + [""] * 13 + ["20"]
    # paragraphs: their index among the document's paragraphs
    paragraphs = template.paragraphs
    for line in document.lines:
        if line.table is None:
            number = line.location.line
            assert number is not None
            assert paragraphs[number - 1].text.strip() == line.text
    assert texts(document)[:3] == [
        "政府信息公开工作年度报告格式模板",
        "一、总体情况",
        "（文字描述）",
    ]


def test_docx_made_here() -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("标题")
    document.add_paragraph("")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "表头"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "标签"
    for (r, c), value in {(1, 1): "1", (1, 2): "2", (2, 1): "3", (2, 2): "4"}.items():
        table.cell(r, c).text = value
    paragraph = document.add_paragraph()
    run = paragraph.add_run("a")
    run.add_tab()
    run.add_text("b")
    run.add_break()
    run.add_text("c")
    # a tracked insertion is text, a tracked deletion is not
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    for wrapper, tag, text in ((inserted, "w:t", "新增"), (deleted, "w:delText", "删除")):
        r, t = OxmlElement("w:r"), OxmlElement(tag)
        t.text = text
        r.append(t)
        wrapper.append(r)
        paragraph._p.append(wrapper)
    # a frame: a one-cell table holding a paragraph and a table
    frame = document.add_table(rows=1, cols=1)
    frame.cell(0, 0).paragraphs[0].text = "框内"
    inner = frame.cell(0, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "x"
    inner.cell(0, 1).text = "y"
    # a content control around a paragraph
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    content.append(document.add_paragraph("控件")._p)
    control.append(content)
    document.element.body.insert(len(document.element.body) - 1, control)
    # a row starting one grid column in (gridBefore)
    shifted = document.add_table(rows=2, cols=2)
    shifted.cell(0, 0).text = "p"
    shifted.cell(0, 1).text = "q"
    shifted.cell(1, 1).text = "r"
    tr = shifted.rows[1]._tr
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr.get_or_add_trPr().append(before)
    tr.remove(tr.tc_lst[0])

    read = docx_document(docx_bytes(document))
    assert_grid_invariants(read)
    assert [(line.text, line.table) for line in read.lines] == [
        ("标题", None),
        ("表头\t表头\t表头", 1),
        ("标签\t1\t2", 1),
        ("标签\t3\t4", 1),
        ("a\tb\nc新增", None),
        ("框内", None),
        ("x\ty", 2),
        ("控件", None),
        ("p\tq", 3),
        ("\tr", 3),
    ]
    assert read.lines[0].location == Location(line=1)
    assert read.lines[4].location == Location(line=3)  # the blank paragraph 2 counted
    assert read.lines[5].location == Location(line=4)
    assert read.lines[3].cells[0].location == Location(table=1, row=3, cell=1)


def test_docx_text_boxes_hidden_text_and_note_marks() -> None:
    """A table in a text box is read (once: of a drawing's two copies, the choice, or the
    VML fallback when that is all there is); hidden text is not; nor is a note's mark in
    superscript after a number (``552`` and a raised ``1`` read 5521)."""
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def text_box(document: Any, text: str, *, choice: bool) -> None:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = text, "7"
        anchor = document.add_paragraph("锚")
        fallback = "<mc:Fallback><w:pict><w:txbxContent/></w:pict></mc:Fallback>"
        drawing = '<mc:Choice Requires="wps"><w:drawing><w:txbxContent/></w:drawing></mc:Choice>'
        shape = f'<mc:AlternateContent xmlns:mc="{mc}" xmlns:w="{w}">{{}}</mc:AlternateContent>'
        alternate = parse_xml(shape.format(drawing + fallback if choice else fallback))
        anchor.add_run()._r.append(alternate)
        boxes = list(alternate.iter(f"{{{w}}}txbxContent"))
        boxes[0].append(table._tbl)
        if choice:  # the fallback holds a copy, as Word writes it
            boxes[1].append(parse_xml(table._tbl.xml))

    document = docx.Document()
    text_box(document, "盒内", choice=True)
    text_box(document, "旧式", choice=False)
    paragraph = document.add_paragraph()
    paragraph.add_run("552")
    paragraph.add_run("1").font.superscript = True
    paragraph.add_run("件")
    paragraph.add_run("隐藏").font.hidden = True
    read = docx_document(docx_bytes(document))
    assert [(line.text, line.table) for line in read.lines] == [
        ("锚", None),
        ("盒内\t7", 1),
        ("锚", None),
        ("旧式\t7", 2),
        ("552件", None),
    ]


def test_docx_not_a_docx() -> None:
    pytest.importorskip("docx")
    with pytest.raises(UnreadableDocument, match=r"x\.docx: .*not a readable DOCX"):
        docx_document(b"PK\x03\x04 not really a zip", name="x.docx")
    with pytest.raises(UnreadableDocument, match="not a readable DOCX"):
        docx_document(b"plain text")


def test_docx_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtra, match=r"pip install 'govinfo\[docx\]'"):
        docx_document(b"PK")


def test_pdf_font_warnings_stay_off_stderr(tmp_path: Path) -> None:
    """pdfminer warns once per glyph run about a font descriptor it cannot parse; a program
    using govinfo without configuring logging must not see that on stderr."""
    pytest.importorskip("pdfplumber")
    helvetica = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    broken = (
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Foo /FontDescriptor "
        b"<< /Type /FontDescriptor /FontName /Foo /Flags 32 /FontBBox [0 0 0] >> >>"
    )
    pdf = tmp_path / "fonts.pdf"
    pdf.write_bytes(make_pdf(text_at(20, 300, "hello 12 34")).replace(helvetica, broken))
    script = (
        "import sys; from govinfo.readers import raw_document; "
        "doc = raw_document(sys.argv[1]); print(doc.lines[0].text)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(pdf)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "hello 12 34"
    assert done.stderr == ""


def _chars(*runs: tuple[float, str]) -> list[dict[str, Any]]:
    """pdfplumber-like characters, 12 pt, 6 pt wide, each run starting at its x."""
    return [
        {"text": c, "x0": x + 6 * i, "x1": x + 6 * (i + 1), "size": 12.0}
        for x, text in runs
        for i, c in enumerate(text)
    ]


def test_pdf_unruled_table_row_keeps_its_columns() -> None:
    from govinfo.readers.formats import _pdf_line

    # a row of an unruled table: cells far apart, values among them, one cell blank
    row = {"chars": _chars((10, "一、本年新收"), (200, "8"), (300, "0"), (460, "8"))}
    line = _pdf_line(row, "一、本年新收 8 0 8", page=3, number=11)
    assert line.spaced
    assert [c.text for c in line.cells] == ["一、本年新收", "8", "0", "8"]
    columns = [c.location.column or 0 for c in line.cells]
    assert columns == sorted(columns)
    assert columns[3] - columns[2] > columns[2] - columns[1]  # the blank cell's gap shows
    assert {c.location.page for c in line.cells} == {3}
    # a sentence, and a line whose far-apart pieces hold no value, stay one cell
    sentence = {"chars": _chars((10, "全年共收到申请8件。"))}
    assert (
        _pdf_line(sentence, "全年共收到申请8件。", page=1, number=2).cells[0].location.column
        is None
    )
    signed = {"chars": _chars((10, "某县人民政府"), (300, "2025年1月20日"))}
    assert not _pdf_line(signed, "某县人民政府 2025年1月20日", page=6, number=30).spaced


def test_html_tfoot_before_tbody_is_shown_last() -> None:
    # HTML 4 put <tfoot> before <tbody>; browsers show it after the body's rows, and the
    # total row read first took another row's place
    page = (
        "<table><thead><tr><td>h</td></tr></thead>"
        "<tfoot><tr><td>总计</td><td>9</td></tr></tfoot>"
        "<tbody><tr><td>a</td><td>4</td></tr><tr><td>b</td><td>5</td></tr></tbody></table>"
        "<table><tr><td>x</td></tr><tfoot><tr><td>y</td></tr></tfoot></table>"
    )
    document = html_document(page)
    assert [line.text for line in document.lines] == ["h\t", "a\t4", "b\t5", "总计\t9", "x", "y"]


def test_html_pre_keeps_its_lines() -> None:
    # a plain-text report pasted into <pre>: a heading and the next line were joined, as a
    # source line break between Chinese characters elsewhere is
    page = "<p>甲\n乙</p><pre>（一）主动公开\n通过网站公开。\n</pre>"
    assert texts(html_document(page)) == ["甲乙", "（一）主动公开", "通过网站公开。"]
