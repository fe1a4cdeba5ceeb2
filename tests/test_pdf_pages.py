"""PDF tables across pages: a row cut by a page break is one row, a header row printed again
on the next page is no data, a title wrapped before its last characters is the title.

The PDFs are made here with reportlab (:mod:`tests.pdf_pages`), in the official template's
layout with its labels; the joining itself (:mod:`govinfo.readers.pages`) is also tested on
raw lines, as any PDF front-end gives them."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo import strategies as gst
from govinfo.model import Report
from govinfo.readers import DiagnosticSeverity, read
from govinfo.readers.pages import mend
from govinfo.readers.raw import Location, RawCell, RawLine
from govinfo.registry import RESULTS_LABEL, Edition, RequestRow

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from tests.pdf_pages import Cut, cut_rows, report_pdf, template_report

REPORTS = {edition: template_report(edition) for edition in Edition}


def _read(report: Report, cut: Cut, **options: object) -> Report:
    result = read(report_pdf(report, cut, **options), format="pdf")  # type: ignore[arg-type]
    errors = [d for d in result.diagnostics if d.severity is DiagnosticSeverity.ERROR]
    assert not [d for d in errors if d.code != "table-not-found"], errors
    return result.report


def test_the_generated_pdf_has_a_readable_text_layer() -> None:
    import io

    import pdfplumber

    report = REPORTS[Edition.V2021]
    data = report_pdf(report, Cut(table="requests", row=8, at=2), tables=("requests",))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first, second = (page.extract_text() for page in pdf.pages)
    assert first.startswith(f"{report.agency}{report.year}年政府信息公开工作年度报告")
    assert "三、收到和处理政府信息公开申请情况" in first
    assert RequestRow.PARTIALLY_DISCLOSED.zh[:6] in first
    assert RequestRow.CARRIED_FORWARD.zh in second


# --- a row of table 三 cut at every position --------------------------------------------------

_LONGEST = max(cut_rows(REPORTS[Edition.V2021], "requests"), key=lambda row: len(row[1]))


@pytest.mark.parametrize("at", range(1, len(_LONGEST[1])))
def test_a_row_of_table_three_cut_at_every_position(at: int) -> None:
    """The longest label of table 三 cut after each of its characters: its first part with the
    row's values at the foot of page 1, the rest of it over empty cells at the head of page 2."""
    report = REPORTS[Edition.V2021]
    cut = Cut(table="requests", row=_LONGEST[0], at=at, repeat_header=at % 2 == 0)
    assert _read(report, cut, tables=("requests",)).requests == report.requests


@pytest.mark.parametrize("edition", list(Edition))
def test_every_row_of_table_three_cut(edition: Edition) -> None:
    """Every data row of table 三 cut inside its label (and between rows), in turn: with the
    values at the foot or at the head, the header repeated or not, the merged labels
    (三、本年度办理结果, （三）不予公开…) showing their text at their top or centre, a rule at
    the cut or none."""
    report = REPORTS[edition]
    for n, (row, label) in enumerate(cut_rows(report, "requests")):
        cut = Cut(
            table="requests",
            row=row,
            at=None if n % 4 == 3 else 1 + n % (len(label) - 1),
            repeat_header=n % 2 == 0,
            merged="centre" if n % 3 == 0 else "top",
            values="head" if n % 5 == 1 else "foot",
            ruled=n % 6 != 5,
        )
        assert _read(report, cut, tables=("requests",)).requests == report.requests, cut


@pytest.mark.parametrize("edition", list(Edition))
def test_every_row_of_table_two_cut(edition: Edition) -> None:
    report = REPORTS[edition]
    for n, (row, label) in enumerate(cut_rows(report, "proactive")):
        at = None if len(label) < 2 else 1 + n % (len(label) - 1)
        cut = Cut(table="proactive", row=row, at=at, repeat_header=n % 2 == 1)
        assert _read(report, cut, tables=("proactive",)).proactive == report.proactive, cut


@pytest.mark.parametrize("row", [1, 2, 3])
def test_table_four_header_repeated_on_the_next_page(row: int) -> None:
    report = REPORTS[Edition.V2019]
    cut = Cut(table="review_litigation", row=row, repeat_header=True)
    back = _read(report, cut, tables=("review_litigation",))
    assert back.review_litigation == report.review_litigation


# --- the title ------------------------------------------------------------------------------


@pytest.mark.parametrize("tail", range(1, 7))
def test_a_title_wrapped_before_its_last_characters(tail: int) -> None:
    """The title's last ``tail`` characters (告 … 工作年度报告) on a line of their own."""
    report = REPORTS[Edition.V2021 if tail % 2 else Edition.V2019]
    cut = Cut(table="requests", row=6, at=1)
    back = _read(report, cut, title_break=-tail, tables=("requests",))
    assert (back.agency, back.year) == (report.agency, report.year)


# --- any report, any cut ----------------------------------------------------------------------


@st.composite
def _cuts(draw: st.DrawFn, report: Report) -> Cut:
    key = draw(st.sampled_from(["requests", "proactive"]))
    row, label = draw(st.sampled_from(cut_rows(report, key)))
    at = draw(st.none() | st.integers(1, max(1, len(label) - 1)))
    return Cut(
        table=key,
        row=row,
        at=at if at is None or at < len(label) else None,
        repeat_header=draw(st.booleans()),
        merged=draw(st.sampled_from(["top", "centre"])),
        values=draw(st.sampled_from(["foot", "head"])),
        ruled=draw(st.booleans()),
    )


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), report=gst.reports(not_reported=True))
def test_any_report_cut_anywhere_reads_as_printed(data: st.DataObject, report: Report) -> None:
    """Generated reports (blank cells printed —) with a table cut anywhere read back to their
    tables, every cell as printed."""
    report = attrs.evolve(report, overview=None, problems=None, other_matters=None)
    tables = [k for k in ("proactive", "requests", "review_litigation") if getattr(report, k)]
    choices = [k for k in ("requests", "proactive") if k in tables]
    if not choices:
        return
    cut = data.draw(_cuts(report).filter(lambda c: c.table in choices))
    back = _read(report, cut, tables=tables)
    for key in tables:
        assert getattr(back, key) == getattr(report, key), (key, cut)


# --- the joining on raw lines -------------------------------------------------------------


def _row(page: int, row: int, *texts: str, table: int = 2) -> RawLine:
    return RawLine(
        cells=tuple(
            RawCell(t, Location(page=page, table=table, row=row, cell=c))
            for c, t in enumerate(texts, start=1)
        ),
        table=table,
    )


def _text(page: int, line: int, text: str) -> RawLine:
    return RawLine(cells=(RawCell(text, Location(page=page, line=line)),))


def test_a_cut_row_is_joined_with_the_locations_of_its_cells() -> None:
    foot = _row(1, 9, RESULTS_LABEL, "（三）不予公开", "4.保", "1", "2", "3")
    head = _row(2, 10, "", "", "护第三方合法权益", "", "", "")
    footer = _text(1, 30, "- 1 -")
    (joined, page_number) = mend([foot, footer, head])
    assert page_number == footer
    assert [c.text for c in joined.cells] == [
        RESULTS_LABEL,
        "（三）不予公开",
        "4.保\n护第三方合法权益",
        "1",
        "2",
        "3",
    ]
    assert [c.location for c in joined.cells] == [c.location for c in foot.cells]


def test_values_with_the_end_of_the_label() -> None:
    foot = _row(1, 9, "一、本年新收政府信息公", "", "")
    head = _row(2, 10, "开申请数量", "8", "—")
    (joined,) = mend([foot, head])
    assert [c.text for c in joined.cells] == ["一、本年新收政府信息公\n开申请数量", "8", "—"]
    assert joined.cells[1].location == head.cells[1].location


@pytest.mark.parametrize(
    ("foot", "head"),
    [
        # a group's label at the foot of a page, its first row with values at the head
        (("（三）不予公开", "", ""), ("1.属于国家秘密", "0", "0")),
        # a row whose cells are blank after a row with values
        (("行政处罚", "3", "4"), ("行政强制", "", "")),
        # both parts hold values: two rows
        (("4.保", "1", "2"), ("护第三方合法权益", "3", "")),
        # the part without values has text where the other has a value
        (("4.保", "1", "2"), ("护第三方合法权益", "", "注")),
    ],
)
def test_two_rows_across_a_page_break_stay_two(
    foot: tuple[str, ...], head: tuple[str, ...]
) -> None:
    lines = [_row(1, 5, *foot), _row(2, 6, *head)]
    assert mend(lines) == lines


def test_rows_on_one_page_are_never_joined() -> None:
    lines = [_row(1, 5, "4.保", "1", "2"), _row(1, 6, "护第三方合法权益", "", "")]
    assert mend(lines) == lines


def test_a_repeated_header_is_dropped() -> None:
    header = [_row(1, 1, "信息内容", "本年制发件数"), _row(1, 2, "规章", "2")]
    again = [_row(2, 3, "信息内容", "本年制发件数"), _row(2, 4, "规章", "2")]
    assert mend([*header, *again]) == [*header, again[1]]  # a row with numbers is data


def test_a_table_numbered_apart_on_the_next_page() -> None:
    """A front-end numbers a table's part on the next page apart when its merged cells make it
    narrower: it still continues the table when only page furniture stands between."""
    header = [
        _row(1, 1, "申请人情况", "申请人情况", "申请人情况"),
        _row(1, 2, "一、本年", "1", "2"),
    ]
    label = RawCell("新收政府信息公开申请数量", Location(page=2, table=3, row=2, cell=1))
    empty = [RawCell("", Location(page=2, table=3, row=2, cell=c)) for c in (3, 4)]
    again = [
        _row(2, 1, "申请人情况", "申请人情况", "申请人情况", "申请人情况", table=3),
        RawLine(cells=(label, label, *empty), table=3),  # a label merged over two columns
        _row(
            2,
            3,
            "二、上年结转政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
            "3",
            "4",
            table=3,
        ),
    ]
    footer = _text(1, 9, "第 1 页")
    (_, joined, kept, carried) = mend([*header, footer, *again])
    assert kept == footer
    assert [c.text for c in joined.cells] == ["一、本年\n新收政府信息公开申请数量", "1", "2"]
    assert carried == again[2]
    heading = _text(2, 1, "四、政府信息公开行政复议、行政诉讼情况")
    assert mend([*header, heading, *again]) == [*header, heading, *again]


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("某市人民政府2024年政府信息公开工作年度报", "告", True),
        ("某市人民政府2024年政府信息公开工作", "年度报告", True),
        ("某市人民政府2024年政府信息公开工作年度报告", "告", False),
        ("某市人民政府2024年政府信息公开工作年度报", "告 2025年1月", False),
        ("某市人民政府2024年政府信息公开工作年度报", "告1", False),
    ],
)
def test_a_wrapped_title(head: str, tail: str, joined: bool) -> None:
    lines = [_text(1, 1, head), _text(1, 2, tail)]
    assert (mend(lines) == [_text(1, 1, head + tail)]) is joined
    if not joined:
        assert mend(lines) == lines


_PIECES = st.sampled_from(
    [
        "",
        "",
        "—",
        "12",
        "0",
        "3",
        "行政处罚",
        "行政强",
        "制",
        "4.保",
        "护第三方合法权益",
        "（三）不予公开",
        "1.属于国家秘密",
        "信息内容",
        "申请人情况",
        "- 2 -",
    ]
)


@st.composite
def _documents(draw: st.DrawFn) -> list[RawLine]:
    lines: list[RawLine] = []
    page = 1
    for n in range(draw(st.integers(0, 12))):
        page += draw(st.sampled_from([0, 0, 1]))
        texts = draw(st.lists(_PIECES, min_size=1, max_size=4))
        if draw(st.integers(0, 4)) == 0:
            lines.append(_text(page, n + 1, texts[0] or "某局2024年政府信息公开工作年度报"))
        else:
            lines.append(_row(page, n + 1, *texts, table=draw(st.sampled_from([1, 1, 2]))))
    return lines


def _numbers(lines: list[RawLine]) -> set[tuple[str, Location]]:
    return {(c.text, c.location) for line in lines for c in line.cells if c.text.strip().isdigit()}


@given(lines=_documents())
def test_mending_never_loses_moves_or_invents_a_number(lines: list[RawLine]) -> None:
    """Every number of the raw lines is kept, in its own cell, and none is added."""
    assert _numbers(mend(lines)) == _numbers(lines)


def test_a_wider_lower_part_with_text_in_its_own_first_cells_is_no_continuation() -> None:
    # found by the property above: the lower part's extra first cell ('12') had no place in
    # the upper part's columns, and joining the two dropped it
    def cell(text: str, page: int, row: int, n: int) -> RawCell:
        return RawCell(text, Location(page=page, table=1, row=row, cell=n))

    upper = RawLine(cells=(cell("行政强", 1, 2, 1), cell("—", 1, 2, 2)), table=1)
    lower = RawLine(
        cells=(cell("12", 2, 3, 1), cell("行政处罚", 2, 3, 2), cell("", 2, 3, 3)), table=1
    )
    lines = [upper, lower]
    assert _numbers(mend(lines)) == _numbers(lines)
