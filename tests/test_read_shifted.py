"""A number too many or too few in a table row shifts every cell after it: such a row's cells
are read only where it is clear which values are its cells, never from a shifted position."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo.model import Requests
from govinfo.readers import ReadResult, read
from govinfo.readers.raw import Location
from govinfo.render import to_html, to_markdown, to_text

_TABLES = ("proactive", "requests", "review_litigation")


def _cells(obj: Any, prefix: str = "") -> dict[str, Any]:
    """The report's table cells by path."""
    if attrs.has(type(obj)):
        out: dict[str, Any] = {}
        for f in attrs.fields(type(obj)):
            out.update(_cells(getattr(obj, f.name), f"{prefix}{f.name}."))
        return out
    return {prefix[:-1]: obj}


def _table_cells(result: ReadResult) -> dict[str, Any]:
    return {
        path: value
        for path, value in _cells(result.report).items()
        if path.split(".")[0] in _TABLES
    }


@pytest.fixture(scope="module")
def sources(shared_dir: Path) -> dict[str, tuple[str, str]]:
    samples = shared_dir / "samples"
    luoyang = read(samples / "luoyang-scjgj-2020.txt").report
    found = {
        "rendered.txt": (to_text(luoyang), "text"),
        "rendered.md": (to_markdown(luoyang), "markdown"),
    }
    for name in (
        "hongzequ-2023.txt",
        "hongzequ-2024.txt",
        "huaian-2024.txt",
        "shuyangxian-2025.md",
    ):
        fmt = "markdown" if name.endswith(".md") else "text"
        found[name] = ((samples / name).read_text(encoding="utf-8"), fmt)
    return found


def _mutated(text: str, where: Location, raw: str, kind: str, token: str) -> str:
    """``text`` with the cell printed at ``where`` (as ``raw``) replaced by ``token``, deleted,
    cut out with the separator after it (the values after it move left), or followed by
    ``token`` as a value of its own."""
    assert where.line is not None
    lines = text.splitlines(keepends=True)  # as the reader counts lines
    full = lines[where.line - 1]
    row = full.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    ending = full[len(row) :]
    if where.column is not None:
        at = where.column - 1
    else:  # a Markdown cell: its text between the pipes
        assert where.cell is not None
        cells = row.split("|")
        at = len("|".join(cells[: where.cell])) + 1 + cells[where.cell].index(raw)
    end = at + len(raw)
    assert row[at:end] == raw
    if kind == "replace":
        row = row[:at] + token + row[end:]
    elif kind == "delete":
        row = row[:at] + row[end:]
    elif kind == "cut":
        row = row[:at] + (row[end + 1 :] if row[end : end + 1] in (" ", "\t") else row[end:])
    else:
        sep = "\t" if "\t" in row else (" | " if "|" in row else " ")
        row = row[:end] + sep + token + row[end:]
    return "".join([*lines[: where.line - 1], row + ending, *lines[where.line :]])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_damaged_cell_shifts_no_number(
    sources: dict[str, tuple[str, str]], data: st.DataObject
) -> None:
    """One printed cell of a table replaced by something that is not one number (two numbers,
    a number with a letter, another script's digit), deleted, cut out with its separator, or
    followed by a stray value:
    every cell read is the cell as first printed, or not reported."""
    name = data.draw(st.sampled_from(sorted(sources)), label="source")
    text, fmt = sources[name]
    original = read(text, format=fmt, name=name)
    before = _table_cells(original)
    printed = sorted(
        (path, p.location, p.raw)
        for path, p in original.provenance.items()
        if p.location.line is not None
        and (p.location.column is not None or p.location.cell is not None)
        and p.raw.strip()
    )
    path, where, raw = data.draw(st.sampled_from(printed), label="cell")
    kind = data.draw(st.sampled_from(["replace", "insert", "delete", "cut"]), label="kind")
    token = data.draw(st.sampled_from(["20 7", "１２ ３", "3.0 01", "1O", "٣", "7", "0"]))
    if kind == "replace" and token in {"7", "0"}:
        token = "1O"  # a number in place of a number is a report that says another number
    mutated = _mutated(text, where, raw, kind, token)
    after = _table_cells(read(mutated, format=fmt, name=name))
    shifted = {p: (before[p], v) for p, v in after.items() if v is not None and v != before.get(p)}
    assert not shifted, f"{kind} {token!r} at {path}: cells read that were not printed there"


def _requests(result: ReadResult) -> Requests:
    assert result.report.requests is not None
    return result.report.requests


def _row(text: str, start: str) -> str:
    (line,) = [x for x in text.split("\n") if x.startswith(start)]
    return line


def test_a_row_with_a_value_too_many_is_not_read(sources: dict[str, tuple[str, str]]) -> None:
    text, _ = sources["rendered.txt"]
    row = _row(text, "三、本年度办理结果\t（七）总计")
    assert row.endswith("\t\t8\t0\t0\t0\t0\t0\t8")
    # 20 and 7 for the 8 printed: no reading that leaves a value out adds up
    result = read(text.replace(row, row.replace("\t\t8\t", "\t\t20\t7\t")))
    total = _cells(_requests(result).handled_total)
    assert total == dict.fromkeys(total)  # nothing read
    (found,) = [d for d in result.diagnostics if "requests.handled_total.total" in d.cells]
    assert found.code == "unplaced-number"
    assert found.raw == "20/7/0/0/0/0/0/8"
    assert "nothing tells which" in found.message


def test_a_number_after_the_row_is_left_out_where_the_row_adds_up_without_it(
    sources: dict[str, tuple[str, str]],
) -> None:
    text, _ = sources["rendered.txt"]
    row = _row(text, "三、本年度办理结果\t（七）总计")
    result = read(text.replace(row, row + "\t20"))  # a number after the row's total
    total = _requests(result).handled_total
    assert (total.natural_person, total.commercial_enterprise, total.total) == (8, 0, 8)
    (stray,) = [d for d in result.diagnostics if d.raw == "20"]
    assert stray.code == "unplaced-number"
    assert "the row adds up without it" in stray.message


def test_a_table_two_row_with_a_value_too_many_is_not_read(
    sources: dict[str, tuple[str, str]],
) -> None:
    text, _ = sources["rendered.txt"]
    result = read(text.replace("行政许可\t14\t0\t23606", "行政许可\t14\t7\t0\t23606"))
    assert result.report.proactive is not None
    licensing = _cells(result.report.proactive.licensing)
    assert licensing == dict.fromkeys(licensing)  # nothing read
    (found,) = [d for d in result.diagnostics if "proactive.licensing.decisions" in d.cells]
    assert found.raw == "14/7/0/23606"


def test_values_one_per_line_with_one_too_many_are_not_read(
    sources: dict[str, tuple[str, str]],
) -> None:
    """hongzequ-2023.txt prints table 三 one value per line; a value more in its first row
    would shift every row after it."""
    text, _ = sources["hongzequ-2023.txt"]
    first = "\n总计\n\n21\n"  # the column header, then the first row's first value
    at = text.index(first) + len(first)
    result = read(text[:at] + "\n7\n" + text[at:], format="text")
    new = _requests(result).new_requests
    assert _cells(new) == dict.fromkeys(_cells(new))  # nothing read
    (found,) = [d for d in result.diagnostics if "requests.new_requests.total" in d.cells]
    assert found.code == "ragged-values"
    assert "no whole number of rows" in found.message
    assert _requests(read(text, format="text")).new_requests.total == 21


def test_equal_values_in_cells_of_their_own_are_no_merged_cell(shared_dir: Path) -> None:
    """An HTML cell spanning columns is repeated over them in the grid; equal values in cells
    of their own (规章 0 7 0 0: a stray 7) are values, and the row has one too many."""
    report = read(shared_dir / "samples" / "luoyang-scjgj-2020.txt").report
    page = to_html(report)
    row = "<th>规章</th><td>0</td><td>0</td><td>0</td>"
    assert row in page
    result = read(page.replace(row, "<th>规章</th><td>0</td><td>7</td><td>0</td><td>0</td>"))
    assert result.report.proactive is not None
    regulations = _cells(result.report.proactive.regulations)
    assert regulations == dict.fromkeys(regulations)  # nothing read
    merged = page.replace(row, '<th>规章</th><td>0</td><td>0</td><td colspan="2">0</td>')
    assert read(merged).report.proactive == report.proactive


def test_a_garbled_value_among_values_one_per_line_keeps_its_place(
    sources: dict[str, tuple[str, str]],
) -> None:
    """``1O`` alone on its line among table 三's values printed one per line is a value printed
    unreadably (its cell reported), not a row label that would shift the rows after it."""
    text, _ = sources["hongzequ-2023.txt"]
    first = "\n总计\n\n21\n\n0\n"  # the column header, then 自然人 21 and 商业企业 0
    assert first in text
    result = read(text.replace(first, "\n总计\n\n21\n\n1O\n", 1), format="text")
    before = _cells(_requests(read(text, format="text")))
    after = _cells(_requests(result))
    assert {p for p in before if before[p] != after[p]} == {"new_requests.commercial_enterprise"}
    (found,) = [d for d in result.diagnostics if d.code == "unreadable-number"]
    assert found.cells == ("requests.new_requests.commercial_enterprise",)


def test_a_value_within_reach_of_two_layout_columns_is_under_neither(
    sources: dict[str, tuple[str, str]],
) -> None:
    """Layout text whose columns wobble with the numbers' widths (a column's values a
    character or three apart from row to row): a row's value cut out with the space after
    it moves the next value to where it is as near the column before as its own; it is not
    placed by where it stands, and the row is read by the arithmetic or not at all."""
    text, fmt = sources["huaian-2024.txt"]
    original = read(text, format=fmt)
    cell = "requests.disclosed.public_interest_org"
    found = original.provenance[cell]
    assert (found.raw, _requests(original).disclosed.legal_service_org) == ("0", 50)
    result = read(_mutated(text, found.location, found.raw, "cut", ""), format=fmt)
    disclosed = _cells(_requests(result).disclosed)
    assert disclosed["public_interest_org"] != 50
    assert all(
        v is None or v == _cells(_requests(original).disclosed)[k] for k, v in disclosed.items()
    )
    assert any(
        d.code == "ambiguous-layout" and "requests.disclosed" in d.message
        for d in result.diagnostics
    )
