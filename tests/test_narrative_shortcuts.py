"""The shortcuts that keep narrative reading cheap skip nothing a pattern could find.

:mod:`govinfo.narrative` reads only the sentences and clauses that contain a character some
pattern needs (:attr:`FigurePattern.needs`), maps full-width forms itself instead of calling
NFKC on every sentence, and cuts out only the sentences around a trigger. Each shortcut is
checked here against the claim it rests on, or against the plain implementation it replaced.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govinfo._text import nfkc as _nfkc
from govinfo.narrative import (
    _CN,
    _COMPILED,
    _EVIDENCE,
    _NUM,
    _STARTS,
    _SUB_CLAUSE,
    _UNITS,
    FAMILIES,
    PATTERNS,
    TRIGGERS,
    FigureKind,
    FigurePattern,
    _any_of,
    _family_applies,
    _join_lines,
    _matches,
    _normalise,
    _Sentence,
    _sentences,
    _signals,
    _value,
    figures_in_text,
)
from govinfo.registry import OverviewPart, Section

_Items = list[tuple[Any, Any]]
"""A parsed regex sequence: (opcode, argument) pairs, as re._parser gives them."""

_parser = pytest.importorskip("re._parser")
_c = pytest.importorskip("re._constants")


# --- every match contains one of the characters its pattern needs ---------------------------


def _must_contain(items: _Items) -> set[str]:
    """Characters that every match of the parsed regex sequence ``items`` contains."""
    found: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            found.add(chr(av))
        elif op is _c.SUBPATTERN:
            found |= _must_contain(list(av[3]))
        elif op is _c.BRANCH:
            branches = [_must_contain(list(b)) for b in av[1]]
            found |= set.intersection(*branches)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, _, body = av
            if low >= 1:
                found |= _must_contain(list(body))
        # lookarounds, classes, anchors: nothing certain
    return found


def _numeral_class(op: Any, av: Any) -> bool:
    """Whether the item matches one character, always a digit or a Chinese numeral."""
    if op is _c.LITERAL:
        return chr(av) in _CN or chr(av).isdecimal()
    if op is _c.IN:
        return all(
            (kind is _c.CATEGORY and value is _c.CATEGORY_DIGIT)
            or (kind is _c.LITERAL and chr(value) in _CN)
            for kind, value in av
        )
    return False


def _only_numerals(items: _Items) -> bool:
    """Whether every character a match of ``items`` consumes is a numeral."""
    for op, av in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            if not _only_numerals(list(av[2])):
                return False
        elif op is _c.SUBPATTERN:
            if not _only_numerals(list(av[3])):
                return False
        elif op is _c.BRANCH:
            if not all(_only_numerals(list(b)) for b in av[1]):
                return False
        elif not _numeral_class(op, av):
            return False
    return True


def _ends_with_numeral(items: _Items) -> bool:
    """Whether every match of ``items`` ends with a digit or a Chinese numeral."""
    for i in range(len(items) - 1, -1, -1):
        op, av = items[i]
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # consumes nothing
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, _, body = av
            if low >= 1:
                return _ends_with_numeral(list(body))
            if not _only_numerals(list(body)):
                return False
            continue  # empty, or ends with a numeral: look further back
        if op is _c.SUBPATTERN:
            return _ends_with_numeral(list(av[3]))
        if op is _c.BRANCH:
            return all(_ends_with_numeral(list(b)) for b in av[1])
        return _numeral_class(op, av)
    return False


def _unit_after_numeral(items: _Items, unit: str) -> bool:
    """Whether the sequence has ``unit`` right after an item that always ends with a numeral
    (so a clause with that unit, but never right after a numeral, cannot match)."""
    return any(
        op is _c.LITERAL and chr(av) == unit and i > 0 and _ends_with_numeral([items[i - 1]])
        for i, (op, av) in enumerate(items)
    )


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.example)
def test_every_match_contains_a_needed_character(pattern: FigurePattern) -> None:
    parsed = list(_parser.parse(pattern.regex))
    needs = set(pattern.needs)
    assert needs, "a pattern must need something"
    for unit in needs & set(_UNITS):
        # 件/个 are signals only right after a numeral: the pattern must have them there
        assert needs == {unit}
        assert _unit_after_numeral(parsed, unit), pattern
    if not needs & set(_UNITS):
        assert needs & _must_contain(parsed), pattern


def test_the_count_ends_with_a_numeral() -> None:
    assert _ends_with_numeral(list(_parser.parse(_NUM)))


def test_the_regex_analysis_itself() -> None:
    def parse(regex: str) -> _Items:
        return list(_parser.parse(regex))

    assert _must_contain(parse(r"a(?:b|cb)d?e{0,2}f+")) == {"a", "b", "f"}
    assert _must_contain(parse(r"(?:x|y)")) == set()
    assert _ends_with_numeral(parse(r"申请\d+"))
    assert _ends_with_numeral(parse(r"[二三](?<!近.)\d*"))
    assert not _ends_with_numeral(parse(r"\d+余"))
    assert not _ends_with_numeral(parse(r"\d+x?"))
    assert not _ends_with_numeral(parse(r"(?:\d|余)"))
    assert _unit_after_numeral(parse(r"申请(?P<n>\d+)件"), "件")
    assert not _unit_after_numeral(parse(r"申请(?P<n>\d+)?件"), "件")
    assert not _unit_after_numeral(parse(r"文件"), "件")


def test_triggers_are_what_the_patterns_need() -> None:
    assert set(TRIGGERS) == {c for p in PATTERNS for c in p.needs}


def test_nfkc_maps_no_other_character_onto_a_trigger() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char in TRIGGERS or 0xD800 <= code <= 0xDFFF:
            continue
        image = unicodedata.normalize("NFKC", char)
        assert not set(image) & set(TRIGGERS), (hex(code), image)


def test_numerals_immediately_before_a_unit() -> None:
    assert _signals("规范性文件11件") == {"件"}
    assert _signals("涉及规范性文件") == set()
    assert _signals("二十个自然人") == {"个"}
    assert _signals("一个环节") == {"个"}  # the pattern, not the signal, rejects a lone 一
    assert _signals("复议、诉讼、处理费100元") == {"议", "诉", "费", "元"}


# --- the plain implementations the shortcuts replaced ----------------------------------------


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


def _plain_number(run: str) -> str:
    # digits with whitespace between them: a number only as thousands groups, in ASCII digits
    groups = run.split()
    if not all(g.isascii() for g in groups):
        return "\ufffd"
    if len(groups) > 1 and not (len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        return "\ufffd"
    return "".join(groups)


def _plain_normalise(sentence: str) -> str:
    text = _plain_nfkc(sentence)
    text = re.sub(r"\d+(?:\s+\d+)*", lambda m: _plain_number(m.group()), text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    return re.sub(r"《[^》]*》", "《》", text)


_PLAIN_FOOTER = re.compile(
    r"^[-—–\s]*(?:第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+)[-—–\s]*$"
)
_PLAIN_HEADING = re.compile(
    r"^(?:#|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d))"
)
_PLAIN_WIDE = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”‘’]")


def _plain_join_lines(text: str) -> str:
    out: list[str] = []
    break_next = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _PLAIN_FOOTER.match(line):
            continue
        heading = _PLAIN_HEADING.match(line) is not None
        if heading:
            line = line.lstrip("#").strip()
        if out and (heading or break_next):
            out.append("\n")
        elif out and not (_PLAIN_WIDE.match(out[-1][-1]) or _PLAIN_WIDE.match(line[0])):
            out.append(" ")
        out.append(line)
        break_next = heading and len(line) <= 20
    return "".join(out)


def _plain_sentences(text: str) -> list[str]:
    """Every sentence, then only those with a trigger."""
    found = []
    for m in re.finditer(r"[^。！？!?\n]+[。！？!?]*", _plain_join_lines(text)):
        sentence = m.group().strip()
        if sentence and re.search(f"[{TRIGGERS}]", sentence):
            found.append(sentence)
    return found


_PIECES = st.sampled_from(
    [
        "受理",
        "政府信息公开申请",
        "3119",
        "３１１９",
        "1,234",
        "件",
        "个",
        "元",
        "行政复议",
        "行政诉讼",
        "处理费",
        "文件",
        "二十",
        "近",
        "。",
        "！",
        "？",
        "!",
        "?",
        "，",
        ",",
        "\n",
        "\n\n",
        " ",
        "\u3000",
        "\t",
        "#",
        "（二）",
        "二、",
        "1.",
        "- 3 -",
        "第 2 页",
        "《政府信息公开信息处理费管理办法》",
        "abc",
        "Ｅ\u0301",
        "①",
        "“",
        "”",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


@given(st.text())
@example("Ｅ\u0301")  # a full-width letter, then a combining mark: NFKC composes them
@example("①３１１９件\u3000")
def test_nfkc_shortcut_is_nfkc(text: str) -> None:
    # NFKC, except for the characters kept because NFKC would make a digit of them (issue 11)
    assert _nfkc(text) == _plain_nfkc(text)


@given(st.one_of(_TEXTS, st.text()))
@example("共3,119件，1,2345件")
@example("共20 7件，3 119件，1 085.02万元，٧٢件，7٢件")
def test_normalise_is_the_plain_one(text: str) -> None:
    assert _normalise(text) == _plain_normalise(text)


@given(st.one_of(_TEXTS, st.text()))
def test_join_lines_is_the_plain_one(text: str) -> None:
    assert _join_lines(text) == _plain_join_lines(text)


@given(st.one_of(_TEXTS, st.text()))
@example("abc\n。def件")
@example("件。。！x件")
def test_sentences_are_the_plain_ones_with_a_trigger(text: str) -> None:
    assert list(_sentences(text)) == _plain_sentences(text)


# --- counts are never read from inside a number ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "全年共受理政府信息公开申请近二十件。",
        "全年共受理政府信息公开申请约3119件。",
        "政府信息公开申请约3119件结转至下年度。",
        "另有近30件政府信息公开申请顺延到下年度答复。",
    ],
)
def test_hedged_counts_give_nothing(text: str) -> None:
    assert figures_in_text(text) == ()


def test_counts_are_whole_numbers() -> None:
    (figure,) = figures_in_text("全年共受理政府信息公开申请一百二十件。")
    assert (figure.kind, figure.value) == (FigureKind.RECEIVED, 120)


# --- the patterns tried in a clause are all those that could match -------------------------


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.example)
def test_every_match_contains_every_required_character(pattern: FigurePattern) -> None:
    assert set(pattern.requires) <= _must_contain(list(_parser.parse(pattern.regex)))


def _plain_matches(
    scope: str, where: str, sentence: _Sentence, live: frozenset[str]
) -> list[tuple[FigureKind, int | Decimal]]:
    """Every ``scope`` pattern of a ``live`` family tried in turn: no needs, requires or
    alternation gate."""
    found: list[tuple[FigureKind, int | Decimal]] = []
    for pattern, regex, exclude, _, _, skip_sub in _COMPILED[scope]:
        if pattern.family not in live or not _family_applies(pattern.family, where, sentence):
            continue
        if skip_sub and _SUB_CLAUSE.match(where):
            continue
        matches = list(regex.finditer(where))
        if not matches or (exclude is not None and exclude.search(where)):
            continue
        for m in matches:
            value = _value(pattern, m)
            if value is not None:
                found += [(kind, value) for kind in pattern.kinds]
    return found


_CLAUSE_PIECES = st.sampled_from(
    [
        "全年共",
        "受理",
        "收到",
        "答复",
        "办结",
        "政府信息公开申请",
        "依申请公开",
        "上年度",
        "结转",
        "下一年",
        "顺延到",
        "至2025年",
        "其中",
        "含",
        "行政复议",
        "行政诉讼",
        "、",
        "被起诉",
        "未发生",
        "案件",
        "相关",
        "共",
        "各",
        "处理费",
        "收取",
        "费用",
        "为零",
        "3119",
        "二十",
        "0",
        "件",
        "个",
        "自然人",
        "元",
        "万元",
        "信访",
    ]
)
_CLAUSES = st.lists(_CLAUSE_PIECES, max_size=12).map("".join)


@given(
    _CLAUSES,
    st.sampled_from(["clause", "sentence"]),
    st.sampled_from(list(Section)),
    st.sampled_from([None, *OverviewPart]),
    st.sets(st.sampled_from(sorted(FAMILIES))).map(frozenset),
)
@example("全年共受理政府信息公开申请3119件", "clause", Section.OVERVIEW, None, frozenset(FAMILIES))
@example("答复3050件", "clause", Section.OVERVIEW, OverviewPart.ON_REQUEST, frozenset(FAMILIES))
def test_matches_are_the_plain_ones(
    where: str,
    scope: str,
    section: Section,
    part: OverviewPart | None,
    live: frozenset[str],
) -> None:
    assert _matches(scope, where, _Sentence(where, section, part), live) == _plain_matches(
        scope, where, _Sentence(where, section, part), live
    )


# --- a sentence without evidence of a figure is not read -----------------------------------


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: f"{p.family}:{p.regex[:24]}")
def test_every_match_holds_evidence_of_a_figure(pattern: FigurePattern) -> None:
    """Whatever a pattern matches holds one of the strings :data:`_EVIDENCE` looks for, so
    skipping sentences without any loses no figure."""
    regex = re.compile(pattern.regex)

    @settings(max_examples=150, database=None, deadline=None)
    @given(st.from_regex(regex, fullmatch=True))
    def check(text: str) -> None:
        assert _EVIDENCE.search(text) is not None, text

    check()


# --- a run's gate is tried only where a match of it may begin ---------------------------------


def _first(items: _Items) -> tuple[set[tuple[str, Any]], bool]:
    """What a match of the parsed regex sequence ``items`` may begin with (its literals, and
    the classes' members, categories and ranges), and whether it may match the empty string
    (then it may begin with anything)."""
    found: set[tuple[str, Any]] = set()
    for op, av in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # consumes nothing
        if op is _c.LITERAL:
            found.add(("literal", chr(av)))
            return found, False
        if op is _c.IN:
            found |= {("literal", chr(v)) if k is _c.LITERAL else (str(k), v) for k, v in av}
            return found, False
        if op in (_c.SUBPATTERN, _c.BRANCH, _c.MAX_REPEAT, _c.MIN_REPEAT):
            if op is _c.SUBPATTERN:
                bodies, needed = [list(av[3])], True
            elif op is _c.BRANCH:
                bodies, needed = [list(b) for b in av[1]], True
            else:
                bodies, needed = [list(av[2])], av[0] >= 1
            empty = False
            for body in bodies:
                first, nullable = _first(body)
                found |= first
                empty |= nullable
            if needed and not empty:
                return found, False
            continue
        found.add(("other", op))  # anything else: the test fails
        return found, False
    return found, True


def test_the_patterns_start_where_their_starts_say() -> None:
    assert len(_STARTS) == len(PATTERNS)
    for pattern, starts in zip(PATTERNS, _STARTS, strict=True):
        first, nullable = _first(list(_parser.parse(pattern.regex)))
        assert not nullable, pattern.example
        for kind, value in first:
            if kind == "literal":
                assert re.fullmatch(f"[{starts}]", value), (pattern.example, value)
            else:
                # \d, and only in a class that holds it
                assert (kind, value) == ("CATEGORY", _c.CATEGORY_DIGIT), pattern.example
                assert "\\d" in starts, pattern.example


def test_the_starts_analysis_itself() -> None:
    assert _first(list(_parser.parse(r"(?:ab|c)?d"))) == (
        {("literal", "a"), ("literal", "c"), ("literal", "d")},
        False,
    )
    assert _first(list(_parser.parse(r"x*")))[1]
    assert ("CATEGORY", _c.CATEGORY_DIGIT) in _first(list(_parser.parse(r"(?<!a)\d")))[0]


@given(
    _CLAUSES,
    st.sampled_from(["clause", "sentence"]),
    st.sets(st.sampled_from(sorted(FAMILIES)), min_size=1).map(frozenset),
)
@example("依法做好相关行政复议、行政诉讼案件的应诉工作", "clause", frozenset(FAMILIES))
@example("发生2件行政复议", "clause", frozenset(FAMILIES))
def test_a_run_s_gate_finds_something_where_its_alternation_does(
    where: str, scope: str, live: frozenset[str]
) -> None:
    for family in live:
        run = tuple(c for c in _COMPILED[scope] if c.pattern.family == family)
        if not run:
            continue
        plain = "|".join(re.sub(r"\(\?P<\w+>", "(?:", c.pattern.regex) for c in run)
        assert (_any_of(run).search(where) is None) == (re.search(plain, where) is None)
        for c in run:  # and each pattern alone
            assert (_any_of((c,)).search(where) is None) == (c.regex.search(where) is None)
