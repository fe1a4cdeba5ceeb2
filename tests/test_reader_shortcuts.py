"""The readers' shortcuts give what the plain implementations they replaced gave.

Reading speed comes from doing less (a bigram index instead of scoring every label pair, one
key for a whole document, only the sentences that can state a period), each resting on a
claim; each claim is checked here against the plain computation.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from govinfo.errors import InvalidValue
from govinfo.model import Period
from govinfo.readers import meta, normal, segment, tables
from govinfo.readers.labels import _forget_scores, _score_row, _template_index, similarity
from govinfo.readers.raw import Location, RawCell, RawLine
from govinfo.readers.text import _SPACES, _text_line
from govinfo.registry import RequestRow
from tests.report_text import LABELS, pieces, texts

_LABELS = LABELS
_PIECES = pieces(
    "*",
    "（注）",
    "(注1)",
    "\u200b",
    "\ufeff",
    "①",
    "¹",
    "１",
    "“",
    "其他",
    "申请",
    "公开",
    "a",
    "统计",
    "统 计",
    "数据",
    "。",
    "｡",
    "2024年1月1日至2024年12月31日",
)
_TEXTS = texts(_PIECES)


_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_NOTE_MARKS = "".join(map(chr, range(0x2460, 0x2474))) + "\u00b9\u00b2\u00b3\u2070" + "⁴⁵⁶⁷⁸⁹"


_DIGITS = "0123456789０１２３４５６７８９"


def _plain_without_marks(text: str) -> str:
    """Invisible format characters dropped; after a digit, note marks (a run of circled or
    superscript digits, or of asterisks, not followed by a digit; （注）, （注1）)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        after_digit = i > 0 and text[i - 1] in _DIGITS
        if c in _INVISIBLE:
            i += 1
            continue
        if after_digit and c in _NOTE_MARKS:
            j = i
            while j < len(text) and text[j] in _NOTE_MARKS:
                j += 1
            if j == len(text) or text[j] not in _DIGITS:  # inside a number (11⁷1) it is none
                i = j
                continue
        if after_digit and c in "*＊":
            j = i
            while j < len(text) and text[j] in "*＊":
                j += 1
            if j == len(text) or text[j] not in _DIGITS:
                i = j
                continue
        if after_digit and c in "(（" and text[i + 1 : i + 2] == "注":
            j = i + 2
            while j < len(text) and text[j] in "0123456789":
                j += 1
            if j < len(text) and text[j] in ")）":
                i = j + 1
                continue
        out.append(c)
        i += 1
    return "".join(out)


def _kept(char: str) -> bool:
    """A character NFKC would make an ASCII digit of but govinfo keeps (issue 11): not ASCII,
    not a full-width digit, and its compatibility form holds a digit."""
    image = unicodedata.normalize("NFKC", char)
    return not char.isascii() and not "０" <= char <= "９" and any(c in "0123456789" for c in image)


def _plain_nfkc(text: str) -> str:
    """NFKC, the kept characters left as they are."""
    out: list[str] = []
    run: list[str] = []
    for char in text:
        if _kept(char):
            out.append(unicodedata.normalize("NFKC", "".join(run)))
            out.append(char)
            run = []
        else:
            run.append(char)
    out.append(unicodedata.normalize("NFKC", "".join(run)))
    return "".join(out)


def _plain_normalise(text: str) -> str:
    text = _plain_without_marks(text)
    return re.sub(r"\s+", " ", _plain_nfkc(text)).strip()


_PLAIN_NUMBERING = re.compile(
    r"\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.、]|[①-⑳]"
)


def _plain_label_key(text: str) -> str:
    t = _plain_nfkc(_plain_without_marks(text))
    t = _PLAIN_NUMBERING.sub("", t)
    return normal._PUNCT.sub("", t)


@given(_TEXTS)
def test_normalise_is_the_plain_one(text: str) -> None:
    assert normal.normalise(text) == _plain_normalise(text)


@given(_TEXTS)
def test_label_key_is_the_plain_one(text: str) -> None:
    assert normal.label_key(text) == _plain_label_key(text)


@given(st.lists(_TEXTS, max_size=8))
def test_one_key_for_many_lines_is_their_keys_joined(lines: list[str]) -> None:
    joined = normal._key_of_normalised("\n".join(normal.normalise(t) for t in lines))
    assert joined == "".join(_plain_label_key(t) for t in lines)


@given(_TEXTS)
@example("其他")
@example("总")
def test_score_rows_are_similarities(text: str) -> None:
    labels = tuple(_LABELS)
    scores = _score_row(text, _template_index(labels))
    assert scores == [similarity(text, label) for label in labels]


@given(st.lists(_TEXTS, min_size=1, max_size=6))
@example(["1.属于国家秘密", "（三）1、属于 国家秘密", "1.属于国家秘密"])
def test_scores_kept_across_documents_are_the_similarities(texts: list[str]) -> None:
    """The scores kept for a label's key, from any document, are its similarities, whatever
    a caller did with a list it was given."""
    labels = tuple(_LABELS)
    index = _template_index(labels)
    for text in [*texts, *texts]:
        scores = _score_row(text, index)
        assert scores == [similarity(text, label) for label in labels]
        scores[:] = [9.0] * len(scores)  # the caller's own copy


def test_template_labels_score_as_any_label() -> None:
    """The template labels' own keys are scored with the index, before any document: their
    scores are their similarities, as any label's."""
    for labels in (tuple(_LABELS), tuple(r.zh for r in RequestRow)):
        index = _template_index(labels)
        _forget_scores()  # only the template's own scores are left
        for label in labels:
            assert _score_row(label, index) == [similarity(label, other) for other in labels]


_KEY_PIECES = st.sampled_from(["\0", "一", "十", "二、", "(三)", "(", ")", "12", ".", "、", "①"])


@given(st.lists(st.lists(st.one_of(_TEXTS, _KEY_PIECES), max_size=4).map("".join), max_size=8))
@example(["(一", ")二、"])
@example(["一", "二、其他"])
@example(["1", ".5"])
@example(["a\0b", "c"])
def test_line_keys_at_once_are_each_lines_own(lines: list[str]) -> None:
    texts = [normal.normalise(t) for t in lines]
    plain = [tables._VALUE_MARKS.sub("", normal._key_of_normalised(t)) for t in texts]
    assert tables._line_keys(texts) == plain
    keys = [normal._key_of_normalised(t) for t in texts]
    assert normal._line_keys_of(texts) == keys
    assert tables._line_keys(texts, keys) == plain
    # the edition's words are looked for in the keys joined: the key of the text
    assert "".join(normal._line_keys_of(texts)) == normal._key_of_normalised("\n".join(texts))


@given(_TEXTS)
def test_section_headings_by_first_character(text: str) -> None:
    normalised = normal.normalise(text)
    m = segment._HEADING.match(normalised)
    if m is None:
        assert segment._section_of(normalised) is None


@given(st.text(alphabet=" \t\u3000\xa0\u200b\x1fab中文12", max_size=30))
@example("  a b  ")
@example("a\u3000b")
@example("1 \xa01")
def test_text_line_cells_as_the_regex_finds_them(line: str) -> None:
    if "\t" in line:
        return  # tab-separated lines take another path
    expected = tuple(
        RawCell(m.group(), Location(line=7, column=m.start() + 1)) for m in _SPACES.finditer(line)
    )
    assert _text_line(line, 7) == RawLine(cells=expected, spaced=len(expected) > 1)


# --- the statistical period is looked for only in sentences that can state one ----------------


def _plain_statistical_period(text: str) -> object:
    compact = re.sub(r"\s+", "", meta.normalise(text))
    for m in meta._PERIOD.finditer(compact):
        start = meta._to_date(m, "s")
        if m.group("xm") is not None:
            end = meta._parse_date(
                f"{m.group('sy')}-{int(m.group('xm')):02d}-{int(m.group('xd')):02d}"
            )
        else:
            end = meta._to_date(m, "e")
        if start is None or end is None:
            continue
        try:
            return Period(start=start, end=end)
        except InvalidValue:
            continue
    whole = meta._PERIOD_YEAR.search(compact)
    return Period.calendar_year(int(whole.group("year"))) if whole else None


@given(st.lists(_PIECES, max_size=16).map("".join))
@example("本报告统计期限为2024年1月1日至2024年12月31日。")
@example("报告数\n据的统计期限为2024年。")
@example("统计期限为2024年1月1日｡至2024年12月31日")
@example("统计期限为2024年1月1日︒至2024年12月31日")
def test_statistical_period_is_the_plain_one(text: str) -> None:
    assert meta.statistical_period(text) == _plain_statistical_period(text)


def test_nfkc_makes_no_keyword_character_and_only_the_known_stops() -> None:
    keywords = set("统计数据")
    stops = set()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char in keywords or 0xD800 <= code <= 0xDFFF:
            continue
        image = unicodedata.normalize("NFKC", char)
        assert not set(image) & keywords, (hex(code), image)
        if "。" in image:
            stops.add(char)
    assert stops == set(meta._STOPS)
