"""The reading-speed shortcuts of the text front-end and the assembler give what the plain
computations they replaced gave (house style: see tests/test_reader_shortcuts.py).

Each shortcut rests on a claim (a line feed or tab is a boundary NFKC never crosses, a count in
ASCII digits is its own normal form, ...); each claim is checked here against the plain
computation.
"""

from __future__ import annotations

import pickle
import re
import sys
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from govinfo._text import nfkc, without_marks
from govinfo.readers import cells, normal, numbers, segment
from govinfo.readers.cells import _split_line
from govinfo.readers.raw import Location, RawCell, RawLine
from govinfo.readers.result import Provenance, _Provenances
from govinfo.readers.state import _cell_paths, _State
from govinfo.readers.text import _unescape
from govinfo.registry import CellKind
from govinfo.render import unescape_markdown
from tests.report_text import pieces, texts

_PIECES = pieces(
    "  ",
    "\xa0",
    "\r",
    "\f",
    "\u2028",
    "\u0301",  # a combining mark, which NFKC composes with the character before it
    "e",
    "Å",
    "\uf900",  # a CJK compatibility ideograph, which NFKC changes
    "ﬁ",
    "１２",
    "0",
    "-",
    "—",
    "/",
    "无",
    "1,234",
    "+3",
    "1.5万元",
    "251000元",
    "12.0",
    "-4-",
    "第4页",
    "本年新收",
    "总体情况",
    "改进情况",
    "报告的事项",
    "二、",
    "\\|",
    "&amp;",
    "&#49;",
    "\\",
    "&",
)
_TEXTS = texts(_PIECES)
_CELL_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=4).map("".join), st.text(max_size=12), st.from_regex(r"\d{1,6}")
)


# --- one NFKC pass for a whole document, cut at line feeds and tabs ----------------------------


def test_nfkc_makes_no_line_feed_or_tab_from_another_character() -> None:
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF or code in (0x09, 0x0A):
            continue
        char = chr(code)
        if unicodedata.is_normalized("NFKC", char):
            continue  # its own image, neither a line feed nor a tab
        image = unicodedata.normalize("NFKC", char)
        assert "\n" not in image, hex(code)
        assert "\t" not in image, hex(code)


def _line(cells: list[str], table: int | None = None) -> RawLine:
    return RawLine(
        cells=tuple(RawCell(t, Location(line=1, column=i + 1)) for i, t in enumerate(cells)),
        table=table,
    )


@given(st.lists(st.lists(_CELL_TEXTS, min_size=1, max_size=4), max_size=8))
@example([["a\u0301"], ["\u0301b"]])
@example([["a\nb"], ["c"]])
@example([["a\tb", "c"]])
def test_line_texts_are_each_lines_own(cells: list[list[str]]) -> None:
    lines = [_line(c) for c in cells]
    wide, texts = normal._line_texts(lines)
    assert wide == [nfkc(without_marks(line.text)) for line in lines]
    assert texts == [normal.normalise(line.text) for line in lines]


@given(st.lists(_CELL_TEXTS, min_size=1, max_size=6))
@example(["a\tb", "c"])
@example(["a", "\u0301b"])
def test_cells_nfkc_from_the_lines(cells: list[str]) -> None:
    pieces = nfkc("\t".join(cells)).split("\t")
    if len(pieces) == len(cells):
        assert pieces == [nfkc(c) for c in cells]
    else:
        assert any("\t" in c for c in cells)


def _plain_is_value(token: str) -> bool:
    if token in numbers._BLANKS:
        return True
    if not token:
        return False
    if token[0] in "\u2212\u2013\u2014" and token[1:2].isdecimal():
        token = "-" + token[1:]  # a minus sign or a dash before a digit
    if not (token[0].isdecimal() or token[0] in "+-"):
        return False
    if numbers._NUMBER.match(token):
        return True
    if token.endswith("元"):
        amount = token[:-2] if token.endswith("万元") else token[:-1]
        return bool(numbers._NUMBER.match(amount))
    if token[-1] in "件项条个次起":  # a count with its unit
        return bool(numbers._NUMBER.match(token[:-1].rstrip()))
    return False


@given(_CELL_TEXTS)
@example("٣")  # a decimal digit, not ASCII
@example("0")
@example("3件")
@example("−2")
@example("—")
@example("—4")
def test_is_value_is_the_plain_one(token: str) -> None:
    assert numbers._is_value(token) == _plain_is_value(token)


@given(st.from_regex(r"[0-9]+", fullmatch=True))
def test_an_ascii_count_is_its_own_normal_form_and_a_value(raw: str) -> None:
    # the claims _split_line's and _State.counts' first branches rest on
    text = normal.normalise(raw)
    assert text == raw == raw.strip()
    assert numbers._is_value(text)
    assert text not in numbers._BLANKS
    assert numbers.parse_count(raw) == int(raw) >= 0


@given(
    st.lists(_CELL_TEXTS, min_size=1, max_size=8),
    st.sampled_from([None, 1]),
    st.booleans(),
)
@example(["（一）予以公开 12 0", "", "3"], None, False)
@example(["收到 12元", "", "3", ""], 1, False)
@example(["本年新收政府信息公开申请数量95 0", "1"], None, True)
def test_split_line_with_the_line_nfkc_is_as_without(
    cells: list[str], table: int | None, glued: bool
) -> None:
    line = _line(cells, table)
    plain = _split_line(3, line, glued=glued)
    assert _split_line(3, line, glued=glued, wide=nfkc(line.text)) == plain


_LABEL_TEXTS = st.lists(
    st.sampled_from(
        ["属于", "国家", "秘密", "公开", "政府", "信息", " ", "、", "(", ")", ".", ","]
    ),
    min_size=1,
    max_size=6,
).map("".join)
"""Label cells the shortcut of :data:`cells._LABEL_WORDS` takes (and a few it does not)."""


@given(
    st.lists(st.one_of(_LABEL_TEXTS, _CELL_TEXTS), min_size=1, max_size=8),
    st.booleans(),
)
@example(["（一）予以公开", "12", "0"], False)
@example(["12", "个人 信息"], False)
@example(["规章", "3"], True)
def test_split_line_label_cells_shortcut_is_the_word_loop(texts: list[str], glued: bool) -> None:
    """A text line's label cells taken whole give what reading each word gives."""
    line = _line(texts)
    fast = _split_line(3, line, glued=glued)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cells, "_LABEL_WORDS", re.compile(r"(?!)"))  # never taken
        assert _split_line(3, line, glued=glued) == fast


def test_label_words_are_never_values_or_cells() -> None:
    """Every character :data:`cells._LABEL_WORDS` takes, as a word on its own, is label text
    for each test the word loop of :func:`cells._split_line` makes; and a digit of any script
    is never taken."""
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if not cells._LABEL_WORDS.fullmatch(c):
            continue
        assert not c.isdigit(), c
        if c.isspace():
            continue
        assert not numbers._is_value(c), c
        assert cells._GLUED.search(c) is None, c
        assert not cells._stands_for_cell(c, first=True), c
        assert not cells._stands_for_cell(c, first=False), c
        assert not cells._CELL_LIKE.fullmatch(c), c


@given(texts(_PIECES))
@example("一、总体情况附表1:主动公开政府信息情况行政许可1523(一)予以公开")
@example("表二 收到和处理政府信息公开申请情况三、本年度办理结果")
def test_cut_pattern_finds_what_its_alternation_finds(text: str) -> None:
    """The first-character lookahead of the pattern that cuts run-together text changes
    nothing it finds."""
    plain = re.compile(segment._cut_alternation()[0])
    fast = segment._cut_patterns()[0]
    text = normal.normalise(text)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- cells read in a row ----------------------------------------------------------------------

_RAWS = st.one_of(
    st.none(),
    st.sampled_from(["12", "0", "１２", "-", "—", "1,234", "12.0", "12.5", "-3", "abc", ""]),
    st.from_regex(r"[0-9]{1,5}", fullmatch=True),
)


@given(st.lists(_RAWS, min_size=7, max_size=7))
def test_counts_are_values(raws: list[str | None]) -> None:
    slots = [
        None if r is None else numbers.Slot(r, Location(line=2, column=k))
        for k, r in enumerate(raws)
    ]
    paths = _cell_paths("requests.x", tuple(f"c{k}" for k in range(7)))
    fast = _State(None)  # type: ignore[arg-type]
    plain = _State(None)  # type: ignore[arg-type]
    got = fast.counts(paths, slots)
    expected = [plain.value(p, slots[k], CellKind.COUNT) for k, p in enumerate(paths)]
    assert got == expected
    assert fast.provenance == plain.provenance
    assert fast.diagnostics == plain.diagnostics


_RECORDS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c.d"]),
        st.builds(Location, line=st.integers(1, 9), column=st.none() | st.integers(1, 9))
        | st.tuples(st.text(max_size=3), st.integers(1, 3)).map(
            lambda t: RawCell(t[0], Location(table=t[1], row=2, cell=t[1]))
        ),
        st.text(max_size=3),
    ),
    max_size=6,
)


@given(_RECORDS, st.lists(st.sampled_from(["a", "b", "c.d", "x"]), max_size=4))
def test_provenance_made_when_asked_is_the_provenance_recorded(
    records: list[tuple[str, Location | RawCell, str]], asked: list[str]
) -> None:
    """The reader records where each cell was read and makes its Provenance only when asked
    for: the mapping is the dict of those made at once, whatever was asked before or after a
    cell was recorded again."""
    lazy = _Provenances()
    plain: dict[str, Provenance] = {}
    for n, (path, where, raw) in enumerate(records):
        if n < len(asked):
            lazy.get(asked[n])  # asked for between records
        lazy.record(path, where, raw)
        plain[path] = Provenance(where if isinstance(where, Location) else where.location, raw)
    assert lazy == plain
    assert dict(lazy) == plain
    assert list(lazy) == list(plain)
    assert len(lazy) == len(plain)
    assert all((p in lazy) == (p in plain) for p in ("a", "b", "c.d", "x"))
    assert repr(lazy) == repr(plain)
    assert pickle.loads(pickle.dumps(lazy)) == plain


def test_counts_record_provenance() -> None:
    state = _State(None)  # type: ignore[arg-type]
    loc = Location(line=1, column=1)
    assert state.counts(("a", "b"), [numbers.Slot("7", loc), None]) == [7, None]
    assert state.provenance == {"a": Provenance(loc, "7")}
    assert state.diagnostics == []


# --- run-together text cut at headings --------------------------------------------------------


def _plain_points(text: str) -> set[int]:
    points = re.compile(
        r"(?<=\d)(?=[一二三四]、)" + "".join(f"|(?<={end})" for end in segment._HEADING_ENDS)
    )
    return {m.start() for m in points.finditer(text)}


@given(_TEXTS)
@example("总体情况总体情况")
@example("12二、3")
def test_cut_points_are_the_lookbehind_ones(text: str) -> None:
    points = {m.end() for m in segment._GLUED_ROW.finditer(text)}
    for end in segment._HEADING_ENDS:
        at = text.find(end)
        while at >= 0:
            points.add(at + len(end))
            at = text.find(end, at + 1)
    assert points == _plain_points(text)


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=8),
    st.integers(-2, 60),
)
def test_within_is_any_span(gaps: list[tuple[int, int]], point: int) -> None:
    spans = []
    at = 0
    for gap, width in gaps:  # in order, not overlapping, as finditer finds them
        spans.append((at + gap, at + gap + width))
        at += gap + width
    assert segment._within(point, spans) == any(a < point < b for a, b in spans)


# --- the text front-ends ----------------------------------------------------------------------


@given(_TEXTS)
def test_unescape_is_unescape_markdown(text: str) -> None:
    assert _unescape(text) == unescape_markdown(text)


@given(st.lists(_CELL_TEXTS, max_size=5))
def test_line_text_is_its_cells_joined(cells: list[str]) -> None:
    assert _line(cells).text == "\t".join(cells)
