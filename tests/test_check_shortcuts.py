"""The shortcuts that keep :func:`govinfo.check` within its time budget change no finding.

Each shortcut rests on a claim about the text or the registry; each claim is checked here, and
each shortcut against the plain implementation it replaced, besides the golden snapshots and
the narrative tests, which hold the findings themselves.
"""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata
from decimal import MAX_PREC, Decimal, localcontext

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from govinfo._text import nfkc
from govinfo.checks import (
    _arithmetic,
    _column_sums,
    _findings_of,
    _Layout,
    _layout,
)
from govinfo.narrative import (
    _BOOK_TITLE,
    _CLAUSE_SPLIT,
    _CN,
    _COMPAT_NUMERALS,
    _COMPAT_QI,
    _DIGIT_RUN,
    _DIGITS_APART,
    _EVIDENCE,
    _EVIDENT_SIGNALS,
    _FAMILIES_NEEDING,
    _FOOTER,
    _FOOTER_END,
    _GROUPING_COMMA,
    _MARKS,
    _NOT_COUNTS,
    _OTHER_BLOCK,
    _RAW_EVIDENCE,
    _REQUIRED,
    _SENTENCE,
    _SQUARED_SHEN,
    _TRIGGER,
    _UNSTABLE,
    FAMILIES,
    TRIGGERS,
    _candidates,
    _figure_sentences,
    _grouping,
    _join_lines,
    _money,
    _normalise,
    _present,
    _printed_number,
    _runs,
    _Sentence,
    _sentences,
    _signals,
)
from govinfo.registry import Edition, OverviewPart, Section
from govinfo.rulebase import Finding, Status


def test_outside_the_other_blocks_the_only_digits_are_ascii() -> None:
    # _normalise skips the digit-run search when no character is in _OTHER_BLOCK and no
    # digits are apart: that rests on the other blocks holding every non-ASCII \d
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    plain = _OTHER_BLOCK.sub("", every)
    assert set(re.findall(r"\d", plain)) == set("0123456789")


def _normalise_with_every_run(sentence: str) -> str:
    """What :func:`_normalise` did before: the digit-run search on every sentence."""
    text = "".join(_DIGIT_RUN.sub(_printed_number, nfkc(sentence)).split())
    if "," in text:
        text = _GROUPING_COMMA.sub(_grouping, text)
    if "《" in text:
        text = _BOOK_TITLE.sub("《》", text)
    return text


_PIECES = st.sampled_from(
    [
        "受理",
        "申请",
        "3119",
        "３１１９",
        "20",
        " ",
        "\u3000",
        "\t",
        "\n",
        "7",
        "件",
        "，",
        ",",
        "٧",
        "𝟕",
        "①",
        "《办法》",
        "1 085",
    ]
)


@given(st.one_of(st.lists(_PIECES, max_size=20).map("".join), st.text()))
@example("共20 7件，3 119件")
@example("共２０　７件")
@example("٧٢件 7٢件")
@example("共3件…，１０％")
@example("中\u302b\u302a件")
@example("e\u0301，（3 119）件")
def test_normalise_skips_only_runs_it_would_keep(text: str) -> None:
    assert _normalise(text) == _normalise_with_every_run(text)


# --- clause matching -------------------------------------------------------------------------

_CLAUSE_TEXT = st.lists(
    st.sampled_from(
        [
            "受理",
            "申请",
            "749",
            "二十",
            "件",
            "个",
            "元",
            "文件",
            "个人",
            "复议",
            "诉讼",
            "起诉",
            "处理费",
            "年",
            "结转",
            "被",
            "，",
            "一",
            "零",
            "\u3000",
            "x",
            "依申请",
            "公开",
            "信访",
            "许可",
            "相关",
            "维持",
        ]
    ),
    max_size=16,
).map("".join)


def test_marks_and_triggers_share_no_character() -> None:
    assert set(TRIGGERS).isdisjoint(_REQUIRED)


@given(st.one_of(_CLAUSE_TEXT, st.text()))
@example("件个一个x件")
@example("件")
def test_marks_are_the_signals_and_the_present_characters(text: str) -> None:
    assert set(_MARKS.findall(text)) == _signals(text) | _present(text)


@given(
    st.one_of(_CLAUSE_TEXT, st.text()),
    st.sampled_from(["clause", "sentence"]),
    st.sets(st.sampled_from(sorted(FAMILIES))).map(frozenset),
)
def test_runs_are_the_candidates(text: str, scope: str, live: frozenset[str]) -> None:
    assert _runs(scope, text, live) == _candidates(scope, _signals(text), _present(text), live)


_PLAIN_EVIDENCE = re.compile(rf"[\d{_CN}][件个元]|复议|诉讼|起诉|费")


@given(st.one_of(_CLAUSE_TEXT, st.text()))
@example("起诉")
@example("诉讼")
@example("7件")
def test_evidence_is_the_plain_alternation(text: str) -> None:
    assert (_EVIDENCE.search(text) is None) == (_PLAIN_EVIDENCE.search(text) is None)


# --- the table equations -------------------------------------------------------------------


@pytest.mark.parametrize("edition", list(Edition))
@pytest.mark.parametrize("requests", [None, "single", "breakdown"])
@pytest.mark.parametrize("review", [False, True])
def test_each_equation_picks_its_own_cells(
    edition: Edition, requests: str | None, review: bool
) -> None:
    layout = _layout(edition, requests, review)
    values = list(range(len(layout.paths)))
    for eq in layout.equations:
        assert list(eq.parts_of(values)) == list(eq.parts)
        assert list(eq.whole_of(values)) == list(eq.whole)


def _plain_arithmetic(
    layout: _Layout, values: list[int | None], active: frozenset[str]
) -> list[Finding]:
    """:func:`govinfo.checks._arithmetic` as it was: each equation's sums over the vector
    with blanks read as 0, cell by cell."""
    zeros = [v or 0 for v in values]
    broken: list[tuple[int, Status, int, int]] = []
    for i, eq in enumerate(layout.equations):
        expected = sum(zeros[c] for c in eq.parts)
        actual = sum(zeros[c] for c in eq.whole)
        if expected == actual or eq.rule not in active:
            continue
        blank_parts = any(values[c] is None for c in eq.parts)
        blank_whole = any(values[c] is None for c in eq.whole)
        hidden = (expected < actual and blank_parts) or (expected > actual and blank_whole)
        broken.append((i, Status.UNCERTAIN if hidden else Status.FAIL, expected, actual))
    return _findings_of(layout, values, broken, active)  # the findings made alike


_COUNT = st.one_of(st.integers(0, 3), st.integers(0, 10**20))
_CELL = st.one_of(_COUNT, st.none())


@pytest.mark.parametrize("edition", list(Edition))
@pytest.mark.parametrize("requests", [None, "single", "breakdown"])
@pytest.mark.parametrize("review", [False, True])
@given(data=st.data())
def test_row_sums_find_what_the_plain_sums_find(
    edition: Edition, requests: str | None, review: bool, data: st.DataObject
) -> None:
    # The whole rows' equations (R3, R4) summed as twice the total, the rest by slices, blanks
    # by the vector of zeros: the findings of the plain sums, equation by equation.
    layout = _layout(edition, requests, review)
    cell = _CELL if data.draw(st.booleans()) else _COUNT  # blanks, or none at all
    rows = [data.draw(st.tuples(*[cell] * (stop - start))) for _, _, start, stop in layout.rows]
    if data.draw(st.booleans()):  # mostly consistent rows: the whole rows' equations hold
        rows = [
            (*row[:-1], sum(v or 0 for v in row[:-1])) if data.draw(st.booleans()) else row
            for row in rows
        ]
    values = [v for row in rows for v in row]
    active = frozenset(data.draw(st.sets(st.sampled_from(["R1", "R2", "R3", "R4"]))))
    assert _arithmetic(layout, rows, active) == _plain_arithmetic(layout, values, active)


@given(
    st.integers(1, 7).flatmap(
        lambda width: st.lists(st.tuples(*[_CELL] * width), min_size=1, max_size=5)
    )
)
def test_column_sums_are_the_plain_sums_or_raise_for_a_blank(
    rows: list[tuple[int | None, ...]],
) -> None:
    if any(v is None for row in rows for v in row):
        with pytest.raises(TypeError):
            list(_column_sums(rows))
    else:
        plain = [sum(row[c] or 0 for row in rows) for c in range(len(rows[0]))]
        assert list(_column_sums(rows)) == plain


@pytest.mark.parametrize("edition", list(Edition))
@pytest.mark.parametrize("requests", [None, "single", "breakdown"])
@pytest.mark.parametrize("review", [False, True])
def test_whole_rows_are_the_equations_over_one_row(
    edition: Edition, requests: str | None, review: bool
) -> None:
    layout = _layout(edition, requests, review)
    for eq, row in zip(layout.equations, layout.whole_rows, strict=True):
        if row >= 0:
            _, _, start, stop = layout.rows[row]
            assert (*eq.parts, *eq.whole) == tuple(range(start, stop))
        if eq.rule in {"R3", "R4"}:
            assert row >= 0
    # Every other equation (R1, R2) is summed by columns: one per column of its rows, in order.
    by_column = [i for _, _, eqs in layout.columns for i in eqs]
    assert sorted(layout.order) == list(range(len(layout.equations)))
    assert not layout.other_parts_of
    for parts, whole, eqs in layout.columns:
        for column, i in enumerate(eqs):
            eq = layout.equations[i]
            assert eq.parts == tuple(layout.rows[r][2] + column for r in parts)
            assert eq.whole == tuple(layout.rows[r][2] + column for r in whole)
    assert sorted(by_column) == [i for i, r in enumerate(layout.whole_rows) if r < 0]


# --- sentences with no evidence of a figure are not normalised -----------------------------


def test_the_compat_numerals_are_what_nfkc_makes_a_numeral() -> None:
    made = {
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF
        and chr(c) not in _CN
        and unicodedata.normalize("NFKC", chr(c))[-1:] in set(_CN)
    }
    assert made == set(_COMPAT_NUMERALS)


def test_nfkc_makes_nothing_but_whitespace_whitespace() -> None:
    # _RAW_EVIDENCE takes \s as what normalising removes between a numeral and its unit
    for c in range(sys.maxunicode + 1):
        if 0xD800 <= c <= 0xDFFF or chr(c).isspace():
            continue
        image = unicodedata.normalize("NFKC", chr(c))
        assert not (image and image.isspace()), hex(c)


def test_nfkc_makes_the_evidence_characters_of_nothing_else() -> None:
    # _RAW_EVIDENCE looks for them as they are, 起 also as the one character NFKC makes it of
    words = set("件个元议讼诉费复")
    made: dict[str, set[str]] = {c: set() for c in "件个元议讼诉费复起"}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or char in made:
            continue
        image = unicodedata.normalize("NFKC", char)
        assert not set(image) & words, hex(code)
        if image[-1:] in made:
            made[image[-1:]].add(char)
    assert made["起"] == {_COMPAT_QI}


_RAW_PIECES = st.sampled_from(
    [
        "受理",
        "申请",
        "749",
        "７４９",
        "二十",
        "⼆",
        "㊉",
        "\uf9b2",
        "件",
        "个",
        "元",
        "文件",
        "个人",
        "复议",
        "诉讼",
        "起诉",
        "复 议",
        "\U0002f9d7诉",
        "建议",
        "诉求",
        "处理费",
        "《办法》",
        "《3",
        "》件",
        " ",
        "\u3000",
        "\n",
        "\u00a0",
        "，",
        ",",
        "3,119",
        "20 7",
        "٧",
        "𝟕",
        "①",
        "\u0301",
        "x",
        "#",
    ]
)


@given(st.one_of(st.lists(_RAW_PIECES, max_size=16).map("".join), st.text()))
@example("㊉件")
@example("3 119 件")
@example("二\u3000个")
def test_no_evidence_once_normalised_without_raw_evidence(text: str) -> None:
    if _RAW_EVIDENCE.search(text) is None:
        assert _EVIDENCE.search(_normalise(text)) is None


_LINES = st.lists(
    st.sampled_from(
        [
            "受理申请",
            "3",
            "件",
            "复",
            "议",
            "起",
            "诉",
            "讼",
            "文件",
            "。",
            "。。",
            " 。",
            "3 件 。",
            "！",
            "\n",
            "\n\n",
            " ",
            "#",
            "# ",
            "- 2 -",
            "第 3 页",
            "（二）",
            "二、",
            "x",
            "费",
            "个人",
            "二十个",
        ]
    ),
    max_size=24,
).map("".join)


@given(st.one_of(_LINES, st.text()))
@example("3\n件")
@example("复\n- 2 -\n议")
@example(" 件")
@example("受理申请 讼")
@example("诉\n- 3 -\n讼")
def test_figure_sentences_are_the_sentences_that_may_hold_evidence(text: str) -> None:
    # every sentence that holds evidence once normalised is read, in order (a few others may
    # be: a whitespace before 讼 is taken as evidence of 诉讼 without 诉 being looked for)
    every = _sentences(text)
    figure = _figure_sentences(text)
    assert [s for s in every if _EVIDENCE.search(_normalise(s))] == [
        s for s in figure if _EVIDENCE.search(_normalise(s))
    ]
    assert [s for s in every if _RAW_EVIDENCE.search(s)] == [
        s for s in figure if _RAW_EVIDENCE.search(s) and _TRIGGER.search(s)
    ]


@given(st.one_of(_CLAUSE_TEXT, st.text()))
@example("二十个自然人")
@example("件个一个x件")
def test_signals_are_the_plain_ones(text: str) -> None:
    plain = {c for c in TRIGGERS if c not in "件个" and c in text}
    plain |= {u for u in "件个" if re.search(rf"[\d{_CN}]{u}", text)}
    assert _signals(text) == plain


def _plain_topical(sentence: _Sentence, name: str) -> bool:
    """:meth:`_Sentence.topical` as it was: the exclude search before the sub-part and
    section are looked at."""
    family = FAMILIES[name]
    text = sentence.text
    if family.topic is not None and re.search(family.topic, text):
        return True
    if family.exclude is not None and re.search(family.exclude, text):
        return False
    if (
        family.topic_in_part is not None
        and sentence.part is family.topic_in_part
        and family.part_topic is not None
        and re.search(family.part_topic, text)
    ):
        return True
    return family.topic_in_section is not None and sentence.section is family.topic_in_section


@given(
    _CLAUSE_TEXT,
    st.sampled_from(list(Section)),
    st.sampled_from([None, *OverviewPart]),
    st.sampled_from(sorted(FAMILIES)),
)
def test_topical_is_the_plain_one(
    text: str, section: Section, part: OverviewPart | None, name: str
) -> None:
    sentence = _Sentence(text, section, part)
    assert sentence.topical(name) == _plain_topical(sentence, name)


# --- a sentence no family can read is not normalised -----------------------------------------


def test_counts_alone_are_the_requests_family_s_and_need_its_topic() -> None:
    others = {c for c in TRIGGERS if c not in "件个"}
    assert set(_NOT_COUNTS.pattern.strip("[]")) == others
    assert {f for c in "件个" for f in _FAMILIES_NEEDING[c]} == {"requests"}
    family = FAMILIES["requests"]
    assert family.topic is not None
    assert family.part_topic == "申请"
    assert all("申请" in word for word in family.topic.split("|"))
    assert family.clause_topic is None
    assert family.topic_in_section is None


def test_nfkc_makes_shen_and_qing_of_nothing_else() -> None:
    made: dict[str, set[str]] = {"申": set(), "请": set()}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF or chr(code) in made:
            continue
        for c in set(unicodedata.normalize("NFKC", chr(code))) & set(made):
            made[c].add(chr(code))
    assert made == {"申": {_SQUARED_SHEN}, "请": set()}


@given(
    st.one_of(_CLAUSE_TEXT, st.text()),
    st.sampled_from(list(Section)),
    st.sampled_from([None, *OverviewPart]),
)
def test_a_sentence_without_fee_case_or_request_words_has_no_live_family(
    text: str, section: Section, part: OverviewPart | None
) -> None:
    if _NOT_COUNTS.search(text) is None and not (
        ("申" in text or _SQUARED_SHEN in text) and "请" in text
    ):
        sentence = _normalise(text)
        assert not _Sentence(sentence, section, part).live(_signals(sentence))


def test_a_text_without_unstable_characters_is_its_own_nfkc() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    plain = _UNSTABLE.sub("", every)
    for char in plain:
        assert unicodedata.normalize("NFKC", char) == char, hex(ord(char))
        assert unicodedata.combining(char) == 0, hex(ord(char))
        assert not re.match(r"\d", char) or char in "0123456789", hex(ord(char))
        assert _OTHER_BLOCK.match(char) is None, hex(ord(char))
    # and none is the second of a pair that composes
    for code in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            assert chr(int(parts[1], 16)) not in plain, hex(code)


@given(st.one_of(_LINES, st.text()))
@example("受理申请3件。。复议2件")
@example("3件 。x\n 复议 。")
@example("。3件")
def test_figure_sentences_split_at_each_stop_as_the_sentence_regex_does(text: str) -> None:
    expected = []
    if _RAW_EVIDENCE.search(text) is not None:
        joined = _join_lines(text)
        expected = [s.strip() for s in _SENTENCE.findall(joined) if _RAW_EVIDENCE.search(s)]
    assert _figure_sentences(text) == expected


# --- what _read and _join_lines skip ---------------------------------------------------------


@given(st.one_of(_CLAUSE_TEXT, st.text()))
@example("3，件")
@example("二十个人，个")
def test_a_clause_signals_only_what_its_sentence_signals(text: str) -> None:
    # _read skips a clause holding no character of its sentence's signals: that rests on
    # the clause's signals being among the sentence's
    sentence = _signals(text)
    for clause in _CLAUSE_SPLIT.split(text):
        assert _signals(clause) <= sentence
        if sentence.isdisjoint(clause):
            assert not _signals(clause)


@given(st.one_of(_CLAUSE_TEXT, st.text()))
@example("7件")
@example("文件个人处理费")
def test_an_evident_signal_is_evidence(text: str) -> None:
    # _read does not search a sentence for evidence when a signal of it is evidence itself
    if not _EVIDENT_SIGNALS.isdisjoint(_signals(text)):
        assert _EVIDENCE.search(text) is not None


_FOOTER_PIECES = st.lists(
    st.sampled_from(
        ["第", "页", "共", "3", "12", "٣", "/", "-", "—", "–", " ", "\t", "，", ",", "x"]
    ),
    min_size=1,
    max_size=12,
).map("".join)


@given(st.one_of(_FOOTER_PIECES, st.text()))
@example("第 3 页，共 12 页")
@example("- 3 -")
@example("3 / 12")
@example("—٣—")
def test_a_page_number_ends_with_a_digit_or_a_footer_end(text: str) -> None:
    # _join_lines tries _FOOTER only on a line ending so (a stripped line)
    line = text.strip()
    if line and _FOOTER.match(line):
        assert line[-1] in _FOOTER_END or line[-1].isdecimal()


def _plain_digits_apart(words: list[str]) -> bool:
    """What _normalise tested before: a word ends with an ASCII digit and the next begins
    with one."""
    digits = "0123456789"
    return any(a[-1] in digits and b[0] in digits for a, b in itertools.pairwise(words))


@given(st.one_of(st.lists(_PIECES, max_size=20).map("".join), st.text()))
@example("共20 7件")
@example("20\u3000\t7")
@example("٧ 7")
def test_digits_apart_is_the_plain_loop_over_words(text: str) -> None:
    assert (_DIGITS_APART.search(text) is not None) == _plain_digits_apart(text.split())


def _plain_money_in_wan(text: str) -> Decimal:
    """What _money did with an amount in 元 before: scaleb in a local context."""
    amount = Decimal(text)
    with localcontext(prec=MAX_PREC):
        return amount.scaleb(-4)


_AMOUNTS = st.from_regex(r"[0-9]{1,24}(?:\.[0-9]{1,20})?", fullmatch=True)


@given(
    _AMOUNTS,
    st.sampled_from([None, (99, -99, 0), (44, -44, 0), (43, -43, 0), (5, -5, 0)]),
)
@example("380", None)
@example("0", None)
@example("0.0000", (44, -44, 0))
@example("1" * 40, (44, -44, 0))
def test_money_in_wan_by_the_exponent_is_the_scaleb(
    text: str, limits: tuple[int, int, int] | None
) -> None:
    # _money reads a short amount in 元 as "<text>E-4" where the context's range holds it
    # and does not clamp: the same digits and exponent, and the same errors elsewhere
    with localcontext() as context:
        if limits is not None:
            context.Emax, context.Emin, context.clamp = limits
        try:
            plain: Decimal | type[Exception] = _plain_money_in_wan(text)
        except ArithmeticError as error:
            plain = type(error)
        try:
            fast: Decimal | type[Exception] | None = _money(text, "元")
        except ArithmeticError as error:
            fast = type(error)
    if isinstance(plain, Decimal):
        assert isinstance(fast, Decimal)
        assert fast.as_tuple() == plain.as_tuple()
        assert str(fast) == str(plain)
    else:
        assert fast is plain
