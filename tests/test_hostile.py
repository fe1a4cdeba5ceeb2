"""Hostile and broken input (issue 11): every shape found by mutating the samples ends in a
result or a govinfo error, fast, and no number is read that was not printed.

Each input is built here, minimised to what shows the shape.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import time
import unicodedata
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import GovinfoError, LimitExceeded, Limits
from govinfo._text import nfkc
from govinfo.readers import raw_document
from govinfo.readers.normal import _PUNCT, _collapsed, _without_punct
from govinfo.render import to_html, to_markdown, to_text
from govinfo.samples import load

REPORT = load("luoyang-scjgj-2020")
TEXT = to_text(REPORT)
HTML = to_html(REPORT)
MARKDOWN = to_markdown(REPORT)


def _fast(fn: Any, *args: Any, seconds: float = 8.0, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``, which must end (in a result or a govinfo error) within
    ``seconds`` — each of these shapes took from 12 s to over a minute before."""
    start = time.perf_counter()
    try:
        result = fn(*args, **kwargs)
    except GovinfoError as exc:
        result = exc
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"{elapsed:.1f} s"
    return result


BIG = Limits(max_number_digits=10**7, max_line_chars=10**8, max_input_bytes=10**9)


# --- time ------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["1", "一", "１"])
def test_a_long_line_of_numerals_beside_a_report_is_read_fast(char: str) -> None:
    # the section-numbering pattern was tried from every digit of the run: 10^5 took ~60 s
    result = _fast(govinfo.read, TEXT + "\n" + char * 100_000 + "\n", format="text", limits=BIG)
    assert isinstance(result, govinfo.ReadResult)
    assert result.report.requests == REPORT.requests


def test_a_long_run_of_digits_exceeds_the_digit_limit_by_default() -> None:
    with pytest.raises(LimitExceeded, match="max_number_digits") as info:
        govinfo.read(TEXT + "\n" + "1" * 100_000 + "\n", format="text")
    assert info.value.found == 100_000
    assert "Limits(max_number_digits=" in str(info.value)


def test_a_title_line_of_many_prefix_marks_is_read_fast() -> None:
    # the title patterns were run again after every -—_|>: of the first line (8,000: 16 s)
    result = _fast(govinfo.read, "2020年-" * 8000 + "\n" + TEXT, format="text")
    assert isinstance(result, govinfo.ReadResult)


def test_a_title_after_a_breadcrumb_is_still_found() -> None:
    found = govinfo.readers.meta.title_info(
        "首页>政务公开>洛阳市市场监督管理局2020年政府信息公开工作年度报告"
    )
    assert found == ("洛阳市市场监督管理局", 2020)


def test_html_row_width_is_bounded() -> None:
    # 100 cells of colspan=1000 and 40 rows: 12 s and 876 MB
    page = "<table><tr>" + "<td colspan=1000>1</td>" * 100 + "</tr>"
    page += "<tr><td>1</td></tr>" * 40 + "</table>"
    with pytest.raises(LimitExceeded, match="max_row_width"):
        raw_document(page, format="html")
    narrow = page.replace("colspan=1000", "colspan=2")
    assert len(raw_document(narrow, format="html").lines[0].cells) == 200


def test_html_table_cells_are_bounded() -> None:
    row = "<tr>" + "<td>1</td>" * 15 + "</tr>"
    page = "<table>" + row * 10_000 + "</table>"
    with pytest.raises(LimitExceeded, match="max_table_cells"):
        raw_document(page, format="html", limits=Limits(max_table_cells=100_000))
    assert raw_document(page, format="html", limits=Limits(max_table_cells=150_000)).lines


def test_html_empty_rows_then_a_wide_one_are_bounded() -> None:
    page = "<table>" + "<tr></tr>" * 5000 + "<tr>" + "<td>1</td>" * 900 + "</tr></table>"
    with pytest.raises(LimitExceeded, match="max_table_cells"):
        raw_document(page, format="html")


# --- exceptions that escaped -----------------------------------------------------------------


def test_html_unclosed_tag_in_one_cell_and_a_gt_in_a_later_one() -> None:
    # the tag cleaner ate the separators between cells: IndexError
    page = "<table><tr><td>a<i</td><td>1</td><td>b></td></tr></table>"
    cells = [c.text for c in raw_document(page, format="html").lines[0].cells]
    assert len(cells) == 3
    assert cells[1] == "1"


def test_html_meta_charset_of_a_codec_that_is_no_text_encoding() -> None:
    page = b'<meta charset="base64"><p>\xff\xfe</p>'  # not UTF-8: the charset is tried
    document = raw_document(page, format="html")
    assert document.format == "html"


@pytest.mark.parametrize("reference", ["&#" + "1" * 4301, "&#x" + "f" * 4301 + ";", "&#00000065;"])
def test_html_character_reference_of_thousands_of_digits(reference: str) -> None:
    page = f"<p>a{reference}b</p>"
    (line,) = raw_document(page, format="html").lines
    expected = "aAb" if reference == "&#00000065;" else "a\ufffdb"
    assert line.text == expected


def test_a_cell_of_4301_digits_is_a_govinfo_error() -> None:
    text = TEXT.replace("\t8\t", "\t" + "9" * 4301 + "\t", 1)
    assert text != TEXT
    with pytest.raises(LimitExceeded, match="max_number_digits"):
        govinfo.read(text, format="text")


def test_narrative_figure_of_4301_digits_is_a_govinfo_error() -> None:
    text = TEXT.replace("一、总体情况\n", "一、总体情况\n本年共收到申请" + "9" * 4301 + "件。\n", 1)
    assert text != TEXT
    with pytest.raises(LimitExceeded):
        govinfo.read(text, format="text")


def _docx() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("洛阳市市场监督管理局2020年政府信息公开工作年度报告")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, change: Any) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        change(source, target)
    return out.getvalue()


def test_docx_corrupt_deflate_data() -> None:
    data = bytearray(_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10 : start + 40] = b"\xff" * 30
    with pytest.raises(govinfo.UnreadableDocument):
        govinfo.read(bytes(data), format="docx")


def test_docx_unsupported_zip_version() -> None:
    data = bytearray(_docx())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 6 : at + 8] = b"\xff\x00"  # version needed to extract: 25.5
        at = data.find(b"PK\x01\x02", at + 1)
    with pytest.raises(govinfo.UnreadableDocument, match="version"):
        govinfo.read(bytes(data), format="docx")


def test_docx_encryption_flag() -> None:
    data = bytearray(_docx())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 8] |= 1
        at = data.find(b"PK\x01\x02", at + 1)
    with pytest.raises(govinfo.UnreadableDocument, match="encrypted"):
        govinfo.read(bytes(data), format="docx")


def test_docx_truncated_central_directory() -> None:
    data = _docx()
    with pytest.raises(govinfo.UnreadableDocument):
        govinfo.read(data[:-30], format="docx")
    with pytest.raises(govinfo.UnreadableDocument):
        govinfo.read(data[: data.rfind(b"PK\x01\x02") + 10], format="docx")


def test_docx_duplicate_document_part() -> None:
    def duplicate(source: zipfile.ZipFile, target: zipfile.ZipFile) -> None:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        with pytest.warns(UserWarning, match="Duplicate name"):
            target.writestr("word/document.xml", b"<x/>")

    with pytest.raises(govinfo.UnreadableDocument, match="twice"):
        govinfo.read(_rezip(_docx(), duplicate), format="docx")


def test_docx_bomb_is_refused_before_inflating() -> None:
    def inflate(source: zipfile.ZipFile, target: zipfile.ZipFile) -> None:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<w:p/>" * (4 * 2**20 // 6) + b"</w:body>")
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)

    bomb = _rezip(_docx(), inflate)
    with pytest.raises(LimitExceeded, match="max_zip_ratio") as info:
        govinfo.read(bomb, format="docx")
    assert info.value.limit == "max_zip_ratio"
    with pytest.raises(LimitExceeded, match="max_zip_bytes"):
        govinfo.read(bomb, format="docx", limits=Limits(max_zip_ratio=10**6, max_zip_bytes=2**20))
    with pytest.raises(LimitExceeded, match="max_zip_members"):
        govinfo.read(bomb, format="docx", limits=Limits(max_zip_members=2))


def _pdf(
    pages: bytes = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    box: bytes = b"[0 0 300 300]",
    *,
    second: bool = False,
) -> bytes:
    """A one-page PDF printing a line of text, written out by hand (xref offsets right)."""
    stream = b"BT /F1 12 Tf 20 200 Td (2020 report 8) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox "
        + box
        + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if second:  # a second page showing the same content
        objects.append(objects[2])
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_made_here_is_read() -> None:
    pytest.importorskip("pdfplumber")
    document = raw_document(_pdf(), format="pdf")
    assert "2020 report 8" in document.lines[0].text


def test_pdf_kids_as_a_name() -> None:
    # the error said something about pdfplumber's close(), not the file: a result (pdfminer
    # finds the page by scanning) or a govinfo error are both fine
    pytest.importorskip("pdfplumber")
    with contextlib.suppress(GovinfoError):
        raw_document(_pdf(pages=b"<< /Type /Pages /Kids /Nothing /Count 1 >>"), format="pdf")


def test_pdf_media_box_null() -> None:
    pytest.importorskip("pdfplumber")
    from govinfo.readers.formats import pdf_document

    # pdfplumber's TypeError becomes a govinfo error; pdfium takes a default page box and
    # reads the page (a result is as good as an error, a traceback is not)
    with pytest.raises(GovinfoError):
        pdf_document(_pdf(box=b"null"), engine="pdfplumber")
    with contextlib.suppress(GovinfoError):
        raw_document(_pdf(box=b"null"), format="pdf")


def test_pdf_pages_are_bounded() -> None:
    pytest.importorskip("pdfplumber")
    two = _pdf(pages=b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>", second=True)
    assert raw_document(two, format="pdf", limits=Limits(max_pdf_pages=2)).lines
    with pytest.raises(LimitExceeded, match="max_pdf_pages"):
        raw_document(two, format="pdf", limits=Limits(max_pdf_pages=1))


def test_limits_are_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Limits(max_pdf_pages=0)
    assert Limits().with_(max_pdf_pages=7).max_pdf_pages == 7


JSON = govinfo.to_json(REPORT)


def test_json_deeply_nested_arrays() -> None:
    with pytest.raises(govinfo.InvalidDocument, match="nested too deeply"):
        govinfo.read("[" * 100_000 + "]" * 100_000, format="json")


def test_json_integer_of_4301_digits() -> None:
    with pytest.raises(govinfo.InvalidDocument, match="digits"):
        govinfo.read(JSON.replace('"year": 2020', '"year": ' + "2" * 4301), format="json")


@pytest.mark.parametrize("year", ["9999", "100000000000000000000", "2101"])
def test_json_year_outside_the_range_is_refused(year: str) -> None:
    document = json.loads(JSON)
    document["year"] = int(year)
    document["published"] = "2021-01-20"
    with pytest.raises(govinfo.InvalidDocument, match="year"):
        govinfo.read(json.dumps(document), format="json")


def test_json_last_year_in_range_is_checked_without_error() -> None:
    document = json.loads(JSON)
    document["year"] = govinfo.model.MAX_YEAR
    document["published"] = "9999-12-31"
    result = govinfo.read(json.dumps(document), format="json")
    assert isinstance(result.check(), tuple)


def test_json_lone_surrogate_is_refused() -> None:
    document = JSON.replace('"agency": "', '"agency": "\\ud800', 1)
    with pytest.raises(govinfo.InvalidDocument, match=r"\$\.agency: .*surrogate"):
        govinfo.read(document, format="json")
    # a pair is one character, and fine
    paired = JSON.replace('"agency": "', '"agency": "\\ud83d\\ude00', 1)
    assert govinfo.read(paired, format="json").report.agency.startswith("\U0001f600")


def test_input_size_is_bounded() -> None:
    with pytest.raises(LimitExceeded, match="max_input_bytes"):
        govinfo.read(TEXT, format="text", limits=Limits(max_input_bytes=100))


def test_input_size_of_a_file_is_checked_before_reading(tmp_path: Any) -> None:
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(LimitExceeded, match="max_input_bytes"):
        govinfo.read(path, limits=Limits(max_input_bytes=100))


def test_line_length_is_bounded() -> None:
    with pytest.raises(LimitExceeded, match="max_line_chars"):
        govinfo.read(TEXT + "\n" + "x" * 5000, format="text", limits=Limits(max_line_chars=4000))


# --- no invented number ----------------------------------------------------------------------


def _cell_page(value: str) -> str:
    """The report as an HTML page with table 三's first count (新收 natural persons, 8)
    printed as ``value``."""
    row = '<th colspan="3">一、本年新收政府信息公开申请数量</th><td>8</td>'
    assert row in HTML
    return HTML.replace(row, row.replace("<td>8</td>", f"<td>{value}</td>"), 1)


def _first_count(page: str) -> tuple[int | None, list[str]]:
    result = govinfo.read(page, format="html")
    codes = [d.code.value for d in result.diagnostics]
    value = result.report.cell("requests.new_requests.natural_person")
    assert value is None or isinstance(value, int)
    return value, codes


def test_rendered_page_has_the_row() -> None:
    assert _first_count(_cell_page("8")) == (8, [])


@pytest.mark.parametrize("printed", ["20 7", "20 25033", "1 2 3", "1234 567"])
def test_spaces_inside_a_number_not_as_thousands_are_reported(printed: str) -> None:
    value, codes = _first_count(_cell_page(printed))
    assert value is None
    assert "unreadable-number" in codes


@pytest.mark.parametrize(("printed", "expected"), [("557 148 476", 557148476), ("1 234", 1234)])
def test_spaces_as_thousands_separators_are_read(printed: str, expected: int) -> None:
    assert _first_count(_cell_page(printed))[0] == expected


@pytest.mark.parametrize("printed", ["⁷²", "⑥④", "٧٢", "₇₂", "𝟕𝟐", "⒎"])
def test_compatibility_and_other_script_digits_are_no_count(printed: str) -> None:
    value, codes = _first_count(_cell_page(printed))
    assert value is None
    assert codes  # reported, not silently dropped


@given(st.characters())
def test_nfkc_keeps_exactly_the_characters_it_would_make_digits_of(char: str) -> None:
    normal = unicodedata.normalize("NFKC", char)
    if "０" <= char <= "９" or not any(c in "0123456789" for c in normal) or char.isascii():
        assert nfkc(char) == normal
    else:
        assert nfkc(char) == char


def test_full_width_digits_are_digits() -> None:
    assert _first_count(_cell_page("７２"))[0] == 72


def test_money_is_exact_whatever_its_length() -> None:
    digits = "1234567890123456789012345678.9012"  # 32 significant digits: the decimal
    # context's 28 would round them
    assert govinfo.readers.numbers.parse_money(digits) == Decimal(digits)
    for printed, expected in (
        (digits, Decimal(digits)),
        (digits + "元", Decimal("123456789012345678901234.56789012")),
    ):
        text = TEXT.replace("政府集中采购\t3\t1085.02", "政府集中采购\t3\t" + printed)
        assert text != TEXT
        proactive = govinfo.read(text, format="text").report.proactive
        assert isinstance(proactive, govinfo.model.Proactive2019)
        amount = proactive.procurement.amount
        assert amount is not None
        assert amount.as_tuple().digits == expected.as_tuple().digits
        assert amount == expected


def test_a_limit_met_inside_a_front_end_names_the_file() -> None:
    page = "<table><tr>" + "<td colspan=999>1</td>" * 3 + "</tr></table>"
    with pytest.raises(LimitExceeded, match=r"^p\.html: limit max_row_width") as info:
        govinfo.read(page, format="html", name="p.html")
    assert (info.value.allowed, info.value.found) == (1000, 1998)


def test_text_with_a_lone_surrogate_reads_as_a_replacement_character() -> None:
    text = TEXT.replace("洛阳市", "洛\ud800阳市", 1)
    assert text != TEXT
    report = govinfo.read(text, format="text").report
    assert report.agency == "洛\ufffd阳市市场监督管理局"
    assert govinfo.to_json(report).encode("utf-8")


def test_a_raised_digit_inside_a_number_is_no_note_mark() -> None:
    # found by the fuzzer: '11⁷1' was read as 111 (the ⁷ dropped as a note mark after 11)
    assert nfkc(govinfo.readers.normal.normalise("11⁷1")) == "11⁷1"
    assert govinfo.readers.normal.normalise("14①") == "14"  # a mark after a figure
    value, codes = _first_count(_cell_page("11⁷1"))
    assert value is None
    assert "unreadable-number" in codes
    text = TEXT.replace("\t8\t", "\t11⁷1\t", 1)
    assert text != TEXT
    assert govinfo.read(text, format="text").report.cell("requests.new_requests.total") != 111


def test_a_long_run_of_chinese_numerals_is_no_number() -> None:
    # found by the fuzzer: 4,301 numerals read digit by digit raised ValueError from int()
    assert govinfo.readers.meta.chinese_number("二〇二五") == 2025
    assert govinfo.readers.meta.chinese_number("二" * 4301) is None
    text = TEXT.replace("一、总体情况\n", "一、总体情况\n本年收到申请" + "二" * 4301 + "件。\n", 1)
    assert text != TEXT
    assert govinfo.read(text, format="text").report.agency


# --- found by the fuzz campaign ------------------------------------------------------------


def _after_first_row(page: str, table: int, row: str) -> str:
    """``page`` with ``row`` inserted after the first row of its ``table``-th table."""
    at = -1
    for _ in range(table + 1):
        at = page.index("<table", at + 1)
    at = page.index("</tr>", at) + len("</tr>")
    return page[:at] + row + page[at:]


@pytest.mark.parametrize("word", ["O", "?", "〇", "²", "⑥", "1 2"])
@pytest.mark.parametrize("table", [0, 2])
def test_a_table_row_of_one_word_that_stands_for_a_number_and_no_label(
    word: str, table: int
) -> None:
    # found by the fuzzer (a mutated PDF): a row whose only cell is a word standing for a
    # number it does not print (O, ², 1 2) and no label was split again as a line of text,
    # where the word is still a cell: RecursionError, without end
    page = _after_first_row(HTML, table, f"<tr><td>{word}</td></tr>")
    result = _fast(govinfo.read, page, format="html")
    assert isinstance(result, govinfo.ReadResult)
    if table == 0:  # a row of no template row: unplaced, the table as it was
        assert result.report == govinfo.read(HTML, format="html").report
        assert "unplaced-number" in {d.code for d in result.diagnostics}


def test_a_long_digit_run_in_run_together_text_ends_in_the_splitters_budget() -> None:
    # found by the fuzzer: a table 三 row of crawler text whose run became 2,050 digits took
    # 15 s (a 10 KB input): a step of the budget was one state, but building a state's tables
    # cost the run's length times its total's digits times the row's cells
    from govinfo.readers.split import RowStatus, solve_row

    start = time.process_time()
    solution = solve_row("9" * 2000, 7)
    assert time.process_time() - start < 3.0
    assert solution.rows["row"].status is RowStatus.UNRESOLVED
    assert "budget" in (solution.rows["row"].reason or "")
    assert solve_row("21710000218", 7).rows["row"].candidates == ((217, 1, 0, 0, 0, 0, 218),)


@pytest.mark.parametrize("printed", ["20 7", "20\n7", "٧٢", "7٢", "2 0"])
def test_a_narrative_figure_is_read_only_as_printed(printed: str) -> None:
    # found by extending the fuzzer's check to the narrative: whitespace was dropped before
    # the figures were read, so '20 7件' (or 20 and 7 on two lines) stated 207 requests, and
    # the digits of other scripts (٧٢) were digits of a count
    from govinfo.narrative import figures_in_text

    assert figures_in_text(f"本年度共收到政府信息公开申请{printed}件。") == ()
    assert [f.value for f in figures_in_text("本年度共收到政府信息公开申请3 119件。")] == [3119]
    assert [f.value for f in figures_in_text("本年度共收到政府信息公开申请 207 件。")] == [207]
    text = TEXT.replace(
        "一、总体情况\n", f"一、总体情况\n本年度共收到政府信息公开申请{printed}件。\n", 1
    )
    assert text != TEXT
    assert not [
        f
        for f in govinfo.narrative.stated_figures(govinfo.read(text).report)
        if f.value in (207, 20, 72, 2)
    ]


def test_many_stray_rows_list_a_hundred_unplaced_numbers_and_sum_up_the_rest() -> None:
    stray = "\n\n| 项目 | 数量 |\n| --- | --- |\n" + "| 其他 | 1 |\n" * 300
    result = govinfo.read(to_markdown(load("luoyang-scjgj-2020")) + stray, format="markdown")
    unplaced = [d for d in result.diagnostics if d.code == "unplaced-number"]
    assert len(unplaced) == 101
    summary = unplaced[-1]
    more = re.match(r"(\d+) more like this, not listed", summary.message)
    assert more is not None
    assert 0 < int(more.group(1)) <= 300 - 100  # each stray row's number, listed or summed
    assert "matches no row of the template" in summary.message
    assert summary.location is not None
    assert summary.location.row is not None
    assert all("more like this" not in d.message for d in unplaced[:-1])


@given(st.text(alphabet=st.sampled_from(["a", "一", " ", "\t", "\u3000", "\xa0", "\n", "\x1c"])))
def test_a_long_line_is_collapsed_as_splitting_it_into_words_would(text: str) -> None:
    long = text * (4096 // max(len(text), 1) + 1)
    assert _collapsed(long) == " ".join(long.split())
    spaced = "\t".join([text.strip() or "x"] * 5000)  # the usual long line: cells apart by tabs
    assert _collapsed(spaced) == " ".join(spaced.split())


@given(
    st.text(alphabet=st.sampled_from(["a", "一", " ", "、", "。", "—", "\u3000", "1"]), min_size=1)
)
def test_punctuation_is_dropped_from_a_long_text_as_from_a_short_one(text: str) -> None:
    long = text * (2**17 // len(text) + 1)
    assert _without_punct(long) == _PUNCT.sub("", long)


def test_spaced_digits_are_found_from_the_start_of_a_run_only() -> None:
    # tried from every digit of a long run without a space after it, each try scanning to its
    # end: 20,000 digits took 4 s
    from govinfo.readers.numbers import _SPACED_DIGITS

    assert _fast(_SPACED_DIGITS.findall, "1" * 100_000, seconds=2.0) == []
    assert _SPACED_DIGITS.findall("a 12 345 b 6") == ["12 345"]


@pytest.mark.parametrize("raw", ["1085.0 001", "1 085.0 001", "0.123 456"])
def test_decimals_have_no_thousands_separators(raw: str) -> None:
    # found by the fuzzer: an amount '1085.0 001' read as 1085.0001
    from govinfo.readers.numbers import parse_money

    with pytest.raises(ValueError, match="spaces inside a number"):
        parse_money(raw)
    assert parse_money("1 085.5") == Decimal("1085.5")


@pytest.mark.parametrize("raw", ["1⁷,606", "2①.5", "3*,500"])
def test_a_mark_inside_a_number_is_no_note_mark(raw: str) -> None:
    # found by the fuzzer (seed 21016000): '1⁷,606' read as 1606, the ⁷ dropped as a note's
    # mark; a mark with the rest of a number after it is no note's
    from govinfo._text import without_marks

    assert without_marks(raw) == raw
    assert without_marks("23,606¹") == "23,606"
    assert "\t23606" in TEXT
    result = govinfo.read(TEXT.replace("\t23606", "\t" + raw), format="text")
    assert result.report.proactive is not None
    decisions = result.report.proactive.licensing.decisions
    assert decisions is None
