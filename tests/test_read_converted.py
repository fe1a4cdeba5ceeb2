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
    return "\n".join(" | ".join(line.split("\t")) if "\t" in line else line for line in text.split("\n"))


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
