"""The plain-text and Markdown front-ends, and format detection."""

from __future__ import annotations

import re

import pytest

from govinfo.readers import detect_format
from govinfo.readers.raw import Location
from govinfo.readers.text import markdown_document, text_document
from govinfo.render import unescape_markdown


def _cells(text: str) -> list[list[str]]:
    return [[c.text for c in line.cells] for line in text_document(text).lines]


def test_text_tabs_keep_blank_cells_and_columns() -> None:
    (line,) = text_document("（一）予以公开\t12\t\t0\n").lines
    assert [c.text for c in line.cells] == ["（一）予以公开", "12", "", "0"]
    assert [c.location for c in line.cells] == [
        Location(line=1, column=1),
        Location(line=1, column=9),
        Location(line=1, column=12),
        Location(line=1, column=13),
    ]


def test_text_layout_columns_are_two_or_more_spaces() -> None:
    assert _cells("  （一）予以公开   12  0 3\n") == [["（一）予以公开", "12", "0 3"]]
    spaced = [line.spaced for line in text_document("a  1\na\t1\na | 1 | 2\n正文\n").lines]
    assert spaced == [True, False, False, False]  # only space-padded columns stand in place
    (line,) = text_document("  （一）予以公开   12\n").lines
    assert [c.location.column for c in line.cells] == [3, 13]


def test_text_pipes_separate_cells_and_keep_blanks() -> None:
    assert _cells("规章 | 0 | | 3 |\n| 行政许可 | 12 |\n") == [
        ["规章", "0", "", "3"],
        ["行政许可", "12"],
    ]
    (line,) = text_document("a | 1 |  | 2\n").lines
    assert [c.location.column for c in line.cells] == [1, 5, 8, 12]
    assert _cells("一个|竖线\n") == [["一个|竖线"]]  # one pipe inside a line is text
    assert _cells("本年新收 |\n8 |\n|\n| 0\n") == [["本年新收"], ["8"], ["0"]]


def test_text_other_whitespace_separates_cells() -> None:
    # a no-break or ideographic space is whitespace too: only single ASCII spaces join words
    assert _cells("a b\u3000c\xa0d\n") == [["a b", "c", "d"]]
    assert _cells("政府信息 公开\n") == [["政府信息 公开"]]


def test_text_form_feeds_number_pages() -> None:
    doc = text_document("第一页\n\f第二页\n续\f\n第三页\n")
    assert [(c.text, c.location.page) for line in doc.lines for c in line.cells] == [
        ("第一页", 1),
        ("第二页", 2),
        ("续", 2),
        ("第三页", 3),
    ]
    assert text_document("无分页\n").lines[0].location.page is None


def test_text_blank_lines_are_skipped_and_numbers_kept() -> None:
    doc = text_document("\n标题\n\n\n正文\n")
    assert [line.cells[0].location.line for line in doc.lines] == [2, 5]


_GFM = """# 标题

| 项目 | 数量 |
|:---|---:|
| 予以公开 | 12 |
| 管道\\|符 | &nbsp;3 |

项目 | 数量
--- | ---
部分公开 | 4
不予公开 | 0

正文 &amp; 说明
---
"""


def test_markdown_tables_with_and_without_outer_pipes() -> None:
    doc = markdown_document(_GFM)
    tables = [(line.table, [c.text for c in line.cells]) for line in doc.lines if line.table]
    assert tables == [
        (1, ["项目", "数量"]),
        (1, ["予以公开", "12"]),
        (1, ["管道|符", "\xa03"]),
        (2, ["项目", "数量"]),
        (2, ["部分公开", "4"]),
        (2, ["不予公开", "0"]),
    ]
    text = [line.cells[0].text for line in doc.lines if line.table is None]
    assert text == ["标题", "正文 & 说明", "---"]  # a thematic break is not a table
    first = next(line for line in doc.lines if line.table == 2)
    assert first.cells[1].location == Location(line=8, table=2, row=1, cell=2)


def test_markdown_character_references() -> None:
    assert unescape_markdown("&#49;&#x32;&nbsp;&amp;&unknown;") == "12\xa0&&unknown;"
    assert unescape_markdown("&#1114112;&#55296;") == "\ufffd\ufffd"  # no such characters
    assert unescape_markdown("\\&amp;") == "&amp;"  # escaped: literal


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        ("| a | b |\n|---|---|\n", None, "markdown"),
        ("a | b\n--- | ---\n", None, "markdown"),
        ("标题\n---\n正文\n", None, "text"),
        ("<html><body>x</body></html>", None, "html"),
        ("anything", "r.md", "markdown"),
        (b"%PDF-1.7 ...", None, "pdf"),
        (b"PK\x03\x04...", None, "docx"),
        ('{"schema_version": 1}', None, "json"),
        ("（一）予以公开\t12\n", None, "text"),
    ],
)
def test_detect_format(data: str | bytes, name: str | None, expected: str) -> None:
    assert detect_format(data, name) == expected


def test_markdown_emphasis_is_not_part_of_a_cell() -> None:
    # a bold count is the count (the cell was not a number, and the row moved left)
    from govinfo import render, samples
    from govinfo.readers import read

    report = samples.load("luoyang-scjgj-2020")
    text = render.to_markdown(report)
    bold = re.sub(r"\| (\d+) ", r"| **\1** ", text)
    assert bold.count("**") > 200
    back = read(bold, format="markdown")
    for part in ("proactive", "requests", "review_litigation"):
        assert getattr(back.report, part) == getattr(report, part)
    italic = text.replace("| 8 |", "| *8* |").replace("## 一、总体情况", "## **一、总体情况**")
    assert read(italic, format="markdown").report.requests == report.requests
    # an escaped asterisk is text
    escaped = markdown_document(r"\*注：以上数据\*").lines[0].text
    assert escaped == "*注：以上数据*"
