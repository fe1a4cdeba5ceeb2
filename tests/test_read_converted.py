"""Tokens that are no number, rows with fewer values than columns, and tables that converters
cut into fragments: a cell is read as printed or left not reported with a diagnostic naming
it; no value ever moves into another cell."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo import render
from govinfo import strategies as gst
from govinfo.model import Report
from govinfo.readers import read
from govinfo.tidy import records

TABLES = ("proactive", "requests", "review_litigation")
SENTINEL = 987_654_321


def _cells(report: Report) -> dict[str, object]:
    return {
        f"{r['table']}.{r['row']}.{r['column']}": r["value"]
        for r in records(report)
        if r["table"] in TABLES
    }


def _spaced(text: str) -> str:
    return text.replace("\t", "    ")


def _piped(text: str) -> str:
    return "\n".join(
        " | ".join(line.split("\t")) if "\t" in line else line for line in text.split("\n")
    )


FORMATS: dict[str, tuple[str, Callable[[Report], str]]] = {
    "text": ("text", render.to_text),
    "spaced": ("text", lambda r: _spaced(render.to_text(r))),
    "piped": ("text", lambda r: _piped(render.to_text(r))),
    "markdown": ("markdown", render.to_markdown),
}

BAD_TOKENS = st.one_of(
    st.sampled_from(["abc", "1O", "x7", "二十", "l1", "N/A0", "?", "三十五"]),
    st.from_regex(r"[a-zA-Z][0-9a-zA-Z]{0,4}", fullmatch=True),
    st.from_regex(r"[0-9]{1,3}[a-zA-Z]", fullmatch=True),
    st.from_regex(r"[一二三四五六七八九十百]{2,4}", fullmatch=True),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    report=gst.reports(not_reported=True),
    fmt=st.sampled_from(sorted(FORMATS)),
    token=BAD_TOKENS,
    data=st.data(),
)
def test_a_token_that_is_no_number_never_shifts_another_cell(
    report: Report, fmt: str, token: str, data: st.DataObject
) -> None:
    cells = _cells(report)
    counts = sorted(p for p, v in cells.items() if isinstance(v, int) and not isinstance(v, bool))
    path = data.draw(st.sampled_from(counts), label="cell")
    reader_format, write = FORMATS[fmt]
    text = write(report.with_cell(path, SENTINEL))
    assert text.count(str(SENTINEL)) == 1
    result = read(text.replace(str(SENTINEL), token), format=reader_format)
    got = _cells(result.report)
    assert got[path] is None
    assert any(d.code == "unreadable-number" and path in d.cells for d in result.diagnostics)
    assert {p: v for p, v in got.items() if p != path} == {
        p: v for p, v in cells.items() if p != path
    }


# --- rows with fewer values than columns -------------------------------------------------------


def _luoyang_text() -> str:
    from govinfo import samples

    return render.to_text(samples.load("luoyang-scjgj-2020"))


def _with_row(text: str, label: str, values: str) -> str:
    """``text`` with the tab-separated row whose last label cell is ``label`` printing only
    ``values`` (its blank cells printed nothing)."""
    lines = text.split("\n")
    (k,) = [n for n, line in enumerate(lines) if label in line.split("\t")]
    labels = [c for c in lines[k].split("\t") if c and not c.lstrip("-").isdigit() and c != "—"]
    lines[k] = "\t".join([*labels, *values.split()])
    return "\n".join(lines)


def test_a_short_row_is_placed_where_the_column_sums_put_it() -> None:
    # 予以公开 printed as "8 8": R3 allows 8 in any one applicant column with 总计 8; the
    # column sums (R2: （七）总计 8/0/0/0/0/0/8) allow only 自然人
    text = _with_row(_luoyang_text(), "（一）予以公开", "8 8")
    result = read(text, format="text")
    requests = result.report.requests
    assert requests is not None
    disclosed = requests.disclosed
    assert (disclosed.natural_person, disclosed.total) == (8, 8)
    assert disclosed.commercial_enterprise is None
    (warning,) = [d for d in result.diagnostics if d.code == "ambiguous-layout"]
    assert warning.candidates == ("natural_person=8, total=8",)


def test_a_short_row_the_arithmetic_cannot_place_is_reported_with_its_candidates() -> None:
    # zeros fit every placement: nothing says which cells printed nothing
    text = _with_row(_luoyang_text(), "2.重复申请", "0 0 0")
    result = read(text, format="text")
    cells = _cells(result.report)
    assert all(
        v is None for p, v in cells.items() if p.startswith("requests.not_processed.repeated")
    )
    (warning,) = [d for d in result.diagnostics if d.code == "ambiguous-layout"]
    assert "requests.not_processed.repeated.natural_person" in warning.cells
    assert len(warning.candidates) == 35  # 3 values in 7 columns, every placement adds up
    assert "natural_person=0, commercial_enterprise=0, research_institution=0" in warning.candidates
    # every other cell as before
    plain = _cells(read(_luoyang_text(), format="text").report)
    assert {p: v for p, v in cells.items() if "not_processed.repeated" not in p} == {
        p: v for p, v in plain.items() if "not_processed.repeated" not in p
    }


def test_a_short_table_two_row_is_not_read_from_the_left() -> None:
    text = _with_row(_luoyang_text(), "规范性文件", "8 19")
    result = read(text, format="text")
    cells = _cells(result.report)
    assert [v for p, v in cells.items() if p.startswith("proactive.normative_documents.")] == [
        None
    ] * 3
    (warning,) = [d for d in result.diagnostics if d.code == "missing-cells"]
    assert len(warning.candidates) == 3


@given(keep=st.integers(min_value=0, max_value=14))
@settings(max_examples=15, deadline=None)
def test_a_short_table_four_row_is_placed_only_where_the_blocks_add_up(keep: int) -> None:
    # one value of table 四 printed as nothing: its block no longer adds up wherever the
    # blank stands, unless the value was 0; no count moves into another cell
    values = ["3", "0", "2", "1", "6", "1", "2", "3", "4", "10", "0", "0", "0", "5", "5"]
    text = _luoyang_text()
    row = "\t".join(["—"] * 5 + ["0", "0", "1", "1", "2"] + ["0"] * 5)
    assert row in text
    printed = [v for n, v in enumerate(values) if n != keep]
    result = read(text.replace(row, "\t".join(printed)), format="text")
    got = [v for p, v in _cells(result.report).items() if p.startswith("review_litigation")]
    assert all(g is None or g == int(w) for g, w in zip(got, values, strict=True))
    assert got.count(None) in (1, 5, 15)  # the blank; its block; the whole table
    if got.count(None) > 1:
        assert "ambiguous-layout" in {d.code for d in result.diagnostics}


# --- converter Markdown: table 三 in fragments ---------------------------------------------------


def _table_three(md: str) -> tuple[int, int, list[str]]:
    start = md.index("\n|", md.index("## 三、")) + 1
    end = md.index("\n## ", start)
    return start, end, md[start:end].strip("\n").split("\n")


def _row_cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _rule(width: int) -> str:
    return "|" + "---|" * width


def _label(row: str) -> str:
    return "".join(dict.fromkeys(c for c in _row_cells(row)[:3] if c))


def _split_in_two(rows: list[str], at: int) -> list[str]:
    width = len(_row_cells(rows[0]))
    return [*rows[: 4 + at], "", "（续表）", "", rows[4 + at], _rule(width), *rows[5 + at :]]


def _loose_header(rows: list[str], at: int) -> list[str]:
    del at
    loose = [c for r in (rows[0], rows[2], rows[3]) for c in _row_cells(r) if c]
    width = len(_row_cells(rows[0]))
    return [*[x for c in loose for x in (c, "")], rows[4], _rule(width), *rows[5:]]


def _numbers_alone(rows: list[str], at: int, *, labels: str) -> list[str]:
    """Rows ``at``..``at+2`` of the body as numbers only, their labels as lines of their own
    above or below them (or nowhere)."""
    body = rows[4:]
    block = body[at : at + 3]
    names = [_label(r) for r in block]
    numbers = [_pipe(_row_cells(r)[3:]) for r in block]
    width = len(_row_cells(rows[0]))
    cut = [numbers[0], _rule(len(_row_cells(block[0])) - 3), *numbers[1:], ""]
    above = [x for n in names for x in (n, "")] if labels == "above" else []
    below = [x for n in names for x in (n, "")] if labels == "below" else []
    rest = body[at + 3 :]
    tail = [rest[0], _rule(width), *rest[1:]] if rest else []
    return [*rows[:4], *body[:at], "", *above, *cut, *below, *tail]


def _numbers_in_next_fragment(rows: list[str], at: int) -> list[str]:
    cells = _row_cells(rows[4 + at])
    first = _pipe(cells[:3] + [""] * (len(cells) - 3))
    second = _pipe([""] * 3 + cells[3:])
    return [*rows[: 4 + at], first, "", second, _rule(len(cells)), *rows[5 + at :]]


FRAGMENTS: dict[str, Callable[[list[str], int], list[str]]] = {
    "split in two": _split_in_two,
    "header cells as loose lines": _loose_header,
    "labels above their numbers": lambda rows, at: _numbers_alone(rows, at, labels="above"),
    "labels below their numbers": lambda rows, at: _numbers_alone(rows, at, labels="below"),
    "numbers without labels": lambda rows, at: _numbers_alone(rows, at, labels="none"),
    "numbers in the next fragment": _numbers_in_next_fragment,
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    report=gst.reports(not_reported=True),
    shape=st.sampled_from(sorted(FRAGMENTS)),
    data=st.data(),
)
def test_table_three_in_converter_fragments_reads_as_whole(
    report: Report, shape: str, data: st.DataObject
) -> None:
    md = render.to_markdown(report)
    start, end, rows = _table_three(md)
    at = data.draw(st.integers(min_value=1, max_value=len(rows) - 8), label="at")
    text = md[:start] + "\n".join(FRAGMENTS[shape](rows, at)) + "\n\n" + md[end:].lstrip("\n")
    result = read(text, format="markdown")
    assert result.report.requests == report.requests


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=gst.reports(not_reported=True), data=st.data())
def test_rows_without_labels_where_a_row_is_lost_are_never_misplaced(
    report: Report, data: st.DataObject
) -> None:
    """Three rows of numbers with no label, a row of the template between them lost: the
    order cannot place them; each cell is the original or not reported, and said so."""
    md = render.to_markdown(report)
    start, end, rows = _table_three(md)
    at = data.draw(st.integers(min_value=1, max_value=len(rows) - 9), label="at")
    cut = [*rows[: 4 + at + 1], *rows[4 + at + 2 :]]  # one row gone
    shaped = _numbers_alone(cut, at, labels="none")
    text = md[:start] + "\n".join(shaped) + "\n\n" + md[end:].lstrip("\n")
    result = read(text, format="markdown")
    got, want = _cells(result.report), _cells(report)
    # (with a row lost, the table may read as the other （六） shape: its cells are others)
    assert all(got.get(p) in (None, v) for p, v in want.items() if p.startswith("requests"))
    assert all(v is None for p, v in got.items() if p not in want)
    lost = [
        p
        for p, v in want.items()
        if p.startswith("requests") and got.get(p) is None and v is not None
    ]
    if lost:
        assert {"ambiguous-layout", "row-not-found"} & {d.code for d in result.diagnostics}


def test_table_two_as_loose_text_lines() -> None:
    from govinfo import samples

    report = samples.load("luoyang-scjgj-2020")
    md = render.to_markdown(report)
    start = md.index("\n|", md.index("## 二、")) + 1
    end = md.index("\n## ", start)
    lines = [
        " ".join(c for c in _row_cells(row) if c)
        for row in md[start:end].strip("\n").split("\n")
        if not row.startswith("|---")
    ]
    text = md[:start] + "\n\n".join(lines) + "\n\n" + md[end:].lstrip("\n")
    assert "行政许可 14 0 23606" in text
    assert read(text, format="markdown").report.proactive == report.proactive
