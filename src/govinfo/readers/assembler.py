"""The strict second stage of reading: from raw cells to a :class:`~govinfo.model.Report`.

The assembler finds the title, the six sections and the three tables in a
:class:`~govinfo.readers.raw.RawDocument`, maps printed labels to the registry's rows, parses
every number and gathers every problem as a :class:`~govinfo.readers.result.Diagnostic` with
its location. Nothing inside a recognised table is dropped silently: a number either lands in a
cell (recorded in the provenance) or is reported.

How table rows are found. A *data row* is a run of numbers (one line of a text extraction, or
one table row); the text near it is its label. Data rows are aligned to the template's rows in
order by dynamic programming, scoring each pair by how well the label matches the registry
label (containment after normalising punctuation, numbering and width; character-bigram
similarity for typos). With clean labels this is a lookup; with garbled or missing labels it
falls back to template order, and a row left over or missing is reported.
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
import re
import statistics
from collections.abc import Iterable, Sequence
from decimal import MAX_PREC, Decimal, InvalidOperation, localcontext
from functools import cache, lru_cache
from pathlib import PurePath
from typing import Any, NamedTuple

import attrs
from attrs import define, field

from govinfo._text import nfkc, without_marks
from govinfo.checks import _layout as checks_layout
from govinfo.errors import GovinfoError, NotAReport, UnsupportedEdition
from govinfo.model import (
    PROACTIVE_CLASSES,
    ApplicantCounts,
    Overview,
    OverviewSection,
    Report,
    Requests,
    ResultCounts,
    ReviewLitigation,
    Source,
)
from govinfo.readers import split as splitter
from govinfo.readers.raw import Location, RawCell, RawDocument, RawLine
from govinfo.readers.result import Diagnostic, DiagnosticCode, Provenance, ReadResult
from govinfo.registry import (
    APPLICANT_HEADER,
    LITIGATION_HEADER,
    ORGANISATIONS_HEADER,
    PROACTIVE_HEADER,
    REQUESTS_NOTE,
    RESULTS_LABEL,
    Applicant,
    CellKind,
    Edition,
    OverviewPart,
    RequestRow,
    ReviewBlock,
    ReviewResult,
    Row,
    Section,
    table,
)

__all__ = ["assemble", "assemble_all", "normalise"]


# --- text normalisation ------------------------------------------------------------------------

_NUMBERING = re.compile(
    # the lookahead names every first character, so the engine skips other positions fast; a
    # run of numerals is tried from its first character only (the lookbehinds), so a line of
    # 10^5 digits or of 一 is one attempt, not one per character
    r"(?=[(一二三四五六七八九十\d①-⑳])"
    r"(?:\([一二三四五六七八九十]++\)|(?<![一二三四五六七八九十])[一二三四五六七八九十]++、"
    r"|(?<!\d)\d++[.、]|[①-⑳])"
)
_PUNCT = re.compile(r"[\s,，、。.．:：;；()（）\"“”'‘’《》<>\[\]【】—\-_·/|*#]")


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII) with whitespace collapsed, without
    invisible format characters and note marks after digits (see
    :func:`~govinfo._text.without_marks`); cached: the same lines are looked at by several
    stages."""
    # str.split() and \s agree on what whitespace is
    return " ".join(nfkc(without_marks(text)).split())


def label_key(text: str) -> str:
    """A label reduced for matching: no numbering, punctuation or spaces."""
    return _key_of_normalised(normalise(text))


def _key_of_normalised(text: str) -> str:
    """:func:`label_key` of text already normalised (whitespace plays no part in numbering,
    and punctuation removal drops it: the key of normalised text is the key of the text)."""
    return _PUNCT.sub("", _NUMBERING.sub("", text))


def _line_texts(lines: Sequence[RawLine]) -> tuple[list[str], list[str]]:
    """Each line's text in NFKC (its cells still tab-separated), and normalised (see
    :func:`normalise`), worked out for the whole document at once: every stage looks at them.

    NFKC runs once on the lines joined by line feeds and is cut there again. A line feed is a
    stable code point (a starter that nothing composes with and that NFKC leaves alone), so
    the NFKC of the joined text is the lines' NFKC joined, and NFKC makes no line feed from
    any other character (a test checks every code point): the pieces are the lines' own
    unless a line holds a line feed itself, which makes more pieces, and then each line is
    taken alone."""
    texts = [line.text for line in lines]
    wide = nfkc(without_marks("\n".join(texts))).split("\n")
    if len(wide) != len(texts):
        wide = [nfkc(without_marks(t)) for t in texts]
    return wide, [" ".join(w.split()) for w in wide]  # normalise() from the NFKC form


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(map(operator.add, text, text[1:]))  # each character with the next


def _profile(text: str) -> tuple[str, frozenset[str]]:
    key = label_key(text)
    return key, _bigrams(key)


_found_profile = lru_cache(maxsize=16384)(_profile)
"""Profiles of the labels a document prints (cached for the document's stages)."""
_template_profile = cache(_profile)
"""Profiles of the registry's labels: fixed, computed once per process."""


def similarity(found: str, expected: str) -> float:
    """How well the label text ``found`` matches the registry label ``expected`` (0–1):
    containment after normalising, else 0.8 × the Dice coefficient of character bigrams."""
    f, a = _found_profile(found)
    e, b = _template_profile(expected)
    if not f or not e:
        return 0.0
    if e in f:
        return 0.6 + 0.4 * len(e) / len(f)
    if not a or not b:
        return 0.0
    return 0.8 * 2 * len(a & b) / (len(a) + len(b))


# --- numbers -----------------------------------------------------------------------------------

_BLANKS = frozenset({"/", "-", "—", "——", "–", "无", "－", "--", "―"})
_NUMBER = re.compile(r"^[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
"""A printed number: optional sign (table 二's 本年增/减), thousands separators, decimals; in
ASCII digits (full-width ones are ASCII after NFKC; the digits of other scripts are none)."""
_SPACED_DIGITS = re.compile(r"[0-9]++(?: [0-9]++)++")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?: [0-9]{3})++")


def _without_spaces(token: str, raw: str) -> str:
    """``token`` (normalised) without its spaces; a space between two digits is allowed only
    as a thousands separator (``557 148 476``), else :class:`ValueError`: ``20 7`` may be two
    cells, or a cell and a note, and is not read as 207."""
    if " " not in token:
        return token
    for run in _SPACED_DIGITS.finditer(token):
        if not _THOUSANDS.fullmatch(run.group()):
            raise ValueError(f"spaces inside a number, not as thousands separators: {raw!r}")
    return token.replace(" ", "")


_BLANK_MARK = r"——|[-—/–－]"
"""One blank cell's mark inside run-together text (the marks of :data:`_BLANKS` that a run
can hold)."""
_GLUED = re.compile(
    r"(?<=[^\d\s.,+\-—/])"
    rf"(\d[\d.,]*(?:[—/]+\d[\d.,]*)*(?:[-+]\d[\d.,]*)?(?:万元|元)?(?:{_BLANK_MARK})*)$"
)
"""Digits stuck to the end of a label in run-together text: the row's cells, one of which may
carry a sign (edition 2019's 本年增/减: ``行政事业性收费35-15`` is 35 and −15), the last of
which may carry its unit (``政府集中采购6251000元``); blank marks for its last cells may follow
(``行政事业性收费3-``: 3, and a blank), and blank marks may stand between its digits
(``2171————218``: a run the splitter cannot take, reported whole rather than its end alone)."""
_TRAILING_BLANKS = re.compile(rf"(?:{_BLANK_MARK})+$")
_PAGE_FOOTER = re.compile(
    r"^[-—－–]\s*\d{1,3}\s*[-—－–]$"
    r"|^第\s*\d+\s*页(?:\s*,?\s*共\s*\d+\s*页)?$"
    r"|^(?i:p\.|page)\s*\d{1,3}(?:\s*(?:[-—–/|]|of)\s*.*)?$"
)
"""A page number printed in a footer: "-4-", "— 4 —", "第4页", "第4页，共9页"; a flipbook's
page marker ("P. 7", "Page 8 - 2022年报_某局"); a bare number is data."""
_UNIT_YUAN = re.compile(r"(?<!万)元")


class Slot(NamedTuple):
    """One value position of a data row: the raw token and where; ``blank`` when not reported.

    (A named tuple rather than an attrs class: a report has hundreds, made on the hot path.)
    """

    raw: str
    location: Location
    blank: bool = False
    run: bool = False
    """The token is a run of digits from several cells that lost their separators."""


_COUNT_UNITS = "件项条个次起"
"""Units a count may carry in its cell (``3件``, ``237项``): the number is the count."""


def _joined(raw: str) -> str:
    """``normalise(raw)`` without its spaces (``3 件``, ``- 2``, ``557 148 476``); a space
    between two digits other than a thousands separator (``1 0``, ``20 7``) raises
    :class:`ValueError` (see :func:`_without_spaces`): two cells run together, or one number,
    nothing says which."""
    return _without_spaces(normalise(raw), raw)


def parse_count(raw: str) -> int | None:
    """An integer count from a printed token ("23,606" → 23606, "3件" → 3); ``None`` for a
    blank marker."""
    if raw.isascii() and raw.isdigit():
        return int(raw)  # the usual token, as _NUMBER would read it
    token = _ascii_sign(_joined(raw))
    if len(token) > 1 and token[-1] in _COUNT_UNITS:
        token = token[:-1]
    if token in _BLANKS or token == "":
        return None
    if not _NUMBER.match(token):
        raise ValueError(f"not a count: {raw!r}")
    if "." in token:
        whole, _, frac = token.partition(".")
        if frac.strip("0"):
            raise ValueError(f"a count must be whole: {raw!r}")
        token = whole
    return int(token.replace(",", ""))


_DASHES = "\u2212\u2013\u2014"
_SIGNS = "+-" + _DASHES
"""What a number may start with: a sign, also as the minus sign (U+2212), an en or em dash
(U+2013, U+2014), which NFKC leaves alone (``−1`` or ``—4`` in a table 二 本年增/减 cell);
alone, a dash is a blank."""


def _ascii_sign(token: str) -> str:
    """``token`` with a leading minus sign or dash right before a digit made ``-``."""
    if len(token) > 1 and token[0] in _DASHES and token[1].isdecimal():
        return "-" + token[1:]
    return token


def parse_money(raw: str) -> Decimal | None:
    """A decimal amount from a printed token ("1,085.02" → Decimal("1085.02"))."""
    token = _ascii_sign(_joined(raw).removesuffix("万元").removesuffix("元"))
    if token in _BLANKS or token == "":
        return None
    if not _NUMBER.match(token):
        raise ValueError(f"not an amount: {raw!r}")
    try:
        return Decimal(token.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"not an amount: {raw!r}") from None


def _is_value(token: str) -> bool:
    """Whether ``token`` (one cell or one whitespace-free word) is a number or a blank mark;
    an amount may carry its unit (``1.5万元``, ``251000元``)."""
    if token.isdigit() and token.isascii():
        return True  # a count, the commonest value: ASCII digits, which _NUMBER takes
    if token in _BLANKS:
        return True
    if not token or not (token[0].isdecimal() or token[0] in _SIGNS):
        return False  # what a number cannot start with (most words of a label)
    token = _ascii_sign(token)
    if _NUMBER.match(token):
        return True
    if token.endswith("元"):
        amount = token[:-2] if token.endswith("万元") else token[:-1]
        return bool(_NUMBER.match(amount))
    if token[-1] in _COUNT_UNITS:
        return bool(_NUMBER.match(token[:-1].rstrip()))
    return False


class _Line(NamedTuple):
    """A raw line split into label text and value slots."""

    at: int
    """Index of the line in the report's lines."""
    label: str
    slots: tuple[Slot, ...]
    location: Location
    explicit: bool
    """From a format with explicit table cells (so blank cells are real blanks)."""
    cells: int = 0
    lead: tuple[Slot, ...] = ()
    """An explicit row's blank cells before its first value and after its label, if any (all
    of them when it has no value): real cells or layout, which only the table's width can
    tell."""
    prose: bool = False
    """A sentence with numbers in it, not a table row: see :func:`_is_prose`."""


_WORD = re.compile(r"\S+")
_SPACED_SIGN = re.compile(rf"[{re.escape(_SIGNS)}] \d[\d,]*")
"""A cell holding a signed number with a space after its sign (``- 2`` in a 本年增/减 cell):
one number, not a blank mark and a number."""
_ZERO_LIKE = re.compile(r"[〇○Oo?？]")
"""A cell that stands for a number it does not print (a letter O or a circle for 0, a
question mark), even as a row's first value: no label is one character of these."""
_NUMBER_LIKE = re.compile(r"[\d〇零○一二三四五六七八九十百千?？]")
"""What a table cell meant as a number may hold although it is none: a digit, a Chinese
numeral, a question mark (a lone O is :data:`_ZERO_LIKE`)."""
_CELL_LIKE = re.compile(
    r"[0-9A-Za-z?〇零○一二三四五六七八九十百千.,+/\-]{0,15}[0-9A-Za-z?〇零○一二三四五六七八九十百千]"
)
"""A word that stands in a number's place beside a row's label although it is no number
(``abc``, ``1O``, ``x7``, ``二十``, ``?``, ``N/A``): ASCII letters and digits, Chinese
numerals, a question mark, with points, commas, signs or slashes inside; no other Chinese
character (a label's word, a unit such as 万元 or 件), no bracket and no trailing point or 、
(an item number such as ``(一)`` or ``1.``)."""


_ITEM_NUMBER = re.compile(r"\d ?(?:\d ?)?[.、](?! ?\d)")
"""The item number a label may start with (``1.属于国家秘密``, ``1.`` as a word of its own), also
where a table cell's line wrap fell inside it: a cell's lines are joined with a line break,
which normalising makes a space (``2 .申请人逾期…``, the label printed "2" / ".申请人逾期…"
on two lines, or its two parts joined across a page break by :mod:`govinfo.readers.pages`).
A digit after the point (``1 .5``) is a number's, not a label's."""


def _stands_for_cell(word: str, *, first: bool) -> bool:
    """Whether ``word`` (NFKC, after a row's label) is a cell whose value cannot be read,
    rather than more of the label: a word of :data:`_CELL_LIKE`, or one holding a digit
    (``约59``, ``59(含转办1件)``). ``first`` when no value of the row came before it: then a
    lone Chinese numeral is a vertical label's character (三 of 三、本年度办理结果 printed one
    character per line), and a word with a digit is a cell only if it starts with one and no
    item number (``1.属于国家秘密``; a header's 数据1 is no cell)."""
    if not _CELL_LIKE.fullmatch(word):
        if first:  # a header's word may hold a digit (数据1): a cell starts with one
            return word[0].isdigit() and not _ITEM_NUMBER.match(word)
        return any(c.isdigit() for c in word)
    return not first or len(word) > 1 or word.isascii()


_DIGIT_LIKE = (
    "0-9\u00b2\u00b3\u00b9\u2070-\u209f\u2460-\u24ff\u2776-\u2793\u3251-\u325f"
    "\u32b1-\u32bf\uff10-\uff19\U0001d7ce-\U0001d7ff\U0001f100-\U0001f10c"
    "\u0660-\u0669\u06f0-\u06f9\u0966-\u096f"
)
_MISPRINTED_NUMBER = re.compile(f"(?=[^{_DIGIT_LIKE}]*+[{_DIGIT_LIKE}])[{_DIGIT_LIKE} .,]*+")
"""A table cell that is a number printed wrongly, not label text, even as a row's first value:
digits split by spaces that are no thousands separators, or digits that NFKC does not make
ASCII ones (superscripts, circled numbers, other scripts), alone or among ASCII ones (11⁷1);
read as a cell in its place and reported when its value is read, instead of joining the
label and shifting the row."""


def _split_line(
    index: int,
    line: RawLine,
    *,
    glued: bool = False,
    wide: str | None = None,
    cells_like: bool = True,
) -> _Line:
    """Separate a line's label text from its value tokens, keeping blank cells inside the span
    of values (outside it, empty cells are layout). With ``glued`` (crawler text whose cells
    lost their separators) digits stuck to the end of a label are a run of cells.

    ``wide`` is ``nfkc(line.text)`` when already known. A tab is a stable code point, as a line
    feed is (see :func:`_line_texts`), and NFKC makes none, so cut at its tabs it is each
    cell's NFKC, unless a cell holds a tab itself (which makes more pieces than cells).

    A word after the label that stands in a value's place but is no number (``abc``, ``1O``,
    ``二十``: :func:`_stands_for_cell`) is a cell too, kept in its place and reported when its
    value is read, so that the row's later values keep their columns; unless the line has no
    number at all (then, ``cells_like`` off, such words are the line's text)."""
    explicit = line.table is not None
    cells = line.cells
    wides = wide.split("\t") if wide is not None else []
    if len(wides) != len(cells):
        wides = [nfkc(cell.text) for cell in cells]
    label_parts: list[str] = []
    trailing: list[str] = []  # the label words after the first value
    values: list[Slot] = []
    pending_blanks: list[Slot] = []
    lead: list[Slot] = []
    doubtful = 0  # words read as cells by _stands_for_cell before any label text

    def take(text: str, loc: Location, shown: str) -> None:
        # one token: normalised text, location, the text as printed
        nonlocal pending_blanks, doubtful
        if text == "":
            if values:
                pending_blanks.append(Slot("", loc, blank=True))
            elif explicit:
                lead.append(Slot("", loc, blank=True))
            return
        if _is_value(text):
            values.extend(pending_blanks)
            pending_blanks = []
            values.append(Slot(shown, loc, blank=text.replace(" ", "") in _BLANKS))
            return
        stuck = _GLUED.search(text) if glued and not values else None
        if stuck:
            label_parts.append(text[: stuck.start()])
            values.append(Slot(stuck.group(1), _shifted(loc, stuck.start()), run=True))
            return
        if explicit and (
            (values and _NUMBER_LIKE.search(text))
            or _ZERO_LIKE.fullmatch(text)
            or (cells_like and _stands_for_cell(text, first=not values))
            or _MISPRINTED_NUMBER.fullmatch(text)
        ):
            if not values and not label_parts:
                doubtful += 1  # before any label or number: a cell only if numbers follow
            # a cell among a row's values that holds no number it can read (约59, 59（含转办1
            # 件）, 〇): still a cell, in its place, reported when its value is read
            values.extend(pending_blanks)
            pending_blanks = []
            values.append(Slot(shown, loc))
            return
        label_parts.append(text)
        if values:
            trailing.append(text)
        lead.clear()  # blanks before more label text are layout

    previous_column = 0  # of the previous cell of an explicit table row
    for cell, cell_wide in zip(cells, wides, strict=True):
        if explicit:
            if cell.location.cell is not None and cell.location.cell == previous_column:
                continue  # a merged cell's copy to the right of it: one cell, read once
            previous_column = cell.location.cell or 0
        raw = cell.text
        if raw.isdigit() and raw.isascii():
            # the commonest cell, a count as printed: its own normal form (ASCII, no spaces), a
            # value (_NUMBER takes any run of digits) and no blank mark; handled as below
            if pending_blanks:
                values.extend(pending_blanks)
                pending_blanks = []
            values.append(Slot(raw, cell.location, False))
            continue
        text = " ".join(cell_wide.split())  # normalise(raw), from the NFKC form needed below
        if text and (_is_value(text) or _SPACED_SIGN.fullmatch(text)):
            if pending_blanks:
                values.extend(pending_blanks)
                pending_blanks = []
            values.append(Slot(raw.strip(), cell.location, text in _BLANKS))
            continue
        if explicit or not text:
            take(text, cell.location, raw.strip())
            continue
        # a text cell: its words, each a token (a word of a label needs no location)
        printed = raw if len(cell_wide) == len(raw) else cell_wide
        for m in _WORD.finditer(cell_wide):
            word = m.group()
            if _is_value(word):  # what take() does with a value (a word has no spaces)
                start = m.start()
                if pending_blanks:
                    values.extend(pending_blanks)
                    pending_blanks = []
                loc = _shifted(cell.location, start)
                values.append(Slot(printed[start : m.end()], loc, word in _BLANKS))
            elif glued and not values:
                start = m.start()
                take(word, _shifted(cell.location, start), printed[start : m.end()])
            elif (
                cells_like
                and not glued
                and label_parts
                and _stands_for_cell(word, first=not values)
            ):
                # a word in a value's place that is no number (abc, 1O, 二十): a cell, kept
                # in its place so that the values after it keep their columns
                start = m.start()
                if pending_blanks:
                    values.extend(pending_blanks)
                    pending_blanks = []
                values.append(Slot(printed[start : m.end()], _shifted(cell.location, start)))
                doubtful += not label_parts
                if len(values) > 1 and not _CELL_LIKE.fullmatch(word):
                    trailing.append(word)  # words of a sentence, if the line is one
            else:
                label_parts.append(word)
                if values:
                    trailing.append(word)
    if cells_like and doubtful and doubtful == sum(not s.blank for s in values):
        # no label and no number beside those words: a line of text, not a row (once: a word
        # that is a cell even then, O or ², must not send it round again)
        return _split_line(index, line, glued=glued, wide=wide, cells_like=False)
    if explicit and values:
        # trailing blank cells of an explicit table row are blanks too
        values.extend(pending_blanks)
    return _Line(
        at=index,
        label=" ".join(label_parts),
        slots=tuple(values),
        location=line.location,
        explicit=explicit,
        cells=len(cells),
        lead=tuple(lead),
        prose=not explicit and _is_prose(trailing),
    )


_SENTENCE_MARKS = ("。", ",", ";")
"""Marks of a sentence, as NFKC leaves them (，→, ；→;)."""


def _is_prose(trailing: Sequence[str]) -> bool:
    """Whether a text line with numbers is a sentence rather than a table row, from the words
    after its first number (``trailing``): a table row prints its label before its numbers and
    at most a unit after them (``12.5 万元``), while a sentence goes on after a number
    (``2020 年,我单位…``, ``本年度共收到行政复议申请 0 件。``), with a sentence mark or more than
    a word."""
    after = "".join(trailing)
    return bool(after) and (len(after) >= 6 or any(m in after for m in _SENTENCE_MARKS))


def _shifted(loc: Location, offset: int) -> Location:
    """``loc`` moved ``offset`` characters right (a location without a column stays)."""
    if loc.column is None or offset == 0:
        return loc
    return Location(loc.line, loc.column + offset, loc.page)


# --- the reader state ------------------------------------------------------------------------


@define
class _State:
    doc: RawDocument
    glued: bool = False
    """The document was run-together text, cut up at its labels."""
    known: dict[str, int] = field(factory=dict)
    """Figures the narrative states, by cell path without the table prefix
    (``handled_total.total``): extra equations when digit runs must be split."""
    diagnostics: list[Diagnostic] = field(factory=list)
    provenance: dict[str, Provenance] = field(factory=dict)
    wide: Sequence[str] = ()
    """Each line's text in NFKC, by the line's index in the report's lines."""
    texts: Sequence[str] = ()
    """Each line's text normalised, by the line's index in the report's lines."""

    def report(
        self,
        code: DiagnosticCode,
        message: str,
        location: Location | None = None,
        *,
        cells: Iterable[str] = (),
        raw: str | None = None,
        candidates: Iterable[str] = (),
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=code,
                message=message,
                location=location,
                cells=tuple(cells),
                raw=raw,
                candidates=tuple(candidates),
            )
        )

    def value(
        self, path: str, slot: Slot | None, kind: CellKind, scale: Decimal = Decimal(1)
    ) -> Any:
        """Parse ``slot`` for the cell ``path``; record provenance; report what cannot be read."""
        if slot is None:
            return None
        self.provenance[path] = Provenance(slot.location, slot.raw)
        try:
            if kind is CellKind.MONEY:
                amount = parse_money(slot.raw)
                if amount is None:
                    return None
                with localcontext(prec=MAX_PREC):  # exact, however many digits were printed
                    return amount * scale
            number = parse_count(slot.raw)
        except ValueError as exc:
            self.report(
                DiagnosticCode.UNREADABLE_NUMBER,
                str(exc),
                slot.location,
                cells=[path],
                raw=slot.raw,
            )
            return None
        if number is not None and kind is CellKind.COUNT and number < 0:
            self.report(
                DiagnosticCode.NEGATIVE_COUNT, f"{path}: {number} is negative", slot.location
            )
            return None
        return number

    def counts(self, paths: Sequence[str], slots: Sequence[Slot | None]) -> list[int | None]:
        """``[self.value(p, slots[k], CellKind.COUNT) for k, p in enumerate(paths)]``, with the
        usual cell, a count printed in ASCII digits, read here: it records its provenance and
        gives ``int(raw)``, never negative, as :meth:`value` would."""
        out: list[int | None] = []
        for k, path in enumerate(paths):
            slot = slots[k]
            if slot is not None and slot.raw.isdigit() and slot.raw.isascii():
                self.provenance[path] = Provenance(slot.location, slot.raw)
                out.append(int(slot.raw))
            else:
                out.append(self.value(path, slot, CellKind.COUNT))
        return out


# --- sections ----------------------------------------------------------------------------------

_SECTION_WORDS: dict[Section, tuple[str, ...]] = {
    Section.OVERVIEW: ("总体情况", "总体", "概述"),
    Section.PROACTIVE: ("主动公开",),
    Section.REQUESTS: ("收到和处理", "依申请公开", "收到", "申请情况"),
    Section.REVIEW_LITIGATION: ("复议", "诉讼"),
    Section.PROBLEMS: ("存在的主要问题", "主要问题", "问题", "改进"),
    Section.OTHER_MATTERS: ("其他需要报告", "其他事项", "其他"),
}
_HEADING = re.compile(r"^#*\s*([一二三四五六])\s*[、.．]\s*(.{2,40})$")


_UNNUMBERED = {normalise(s.zh): s for s in Section}
"""The template's section headings without their numbers, as a heading whose number was lost
prints them (Word's automatic numbering pasted into a web page: ``主动公开政府信息情况``, or
``、主动公开政府信息情况``)."""


_BARE_HEADING = re.compile(r"[#、.\s]*(.+?)[\s:]*")
_BARE_HEADING_MAX = 2 * max(len(k) for k in _UNNUMBERED) + 16
"""The longest text :data:`_BARE_HEADING` is tried on (the pattern is quadratic on a long line
of spaced colons; a heading without its number is its template text and a few marks)."""


def _unnumbered(text: str) -> Section | None:
    """The section whose template heading ``text`` (normalised) is without its number."""
    if len(text) > _BARE_HEADING_MAX:  # no template heading is near so long
        return None
    m = _BARE_HEADING.fullmatch(text)
    return _UNNUMBERED.get(m.group(1)) if m else None


def _section_of(text: str) -> Section | None:
    """The section whose numbered heading ``text`` (normalised: see :func:`normalise`) is, if
    any."""
    first = text.lstrip("# ")[:1]
    if not first or first not in "一二三四五六":
        return None  # what _HEADING cannot match, without running it
    m = _HEADING.match(text)
    if not m:
        return None
    number, rest = m.groups()
    for section in Section:
        if section.number == number and any(w in rest for w in _SECTION_WORDS[section]):
            # table 三's rows "一、本年新收…", "四、结转下年度…" are not headings
            if section is Section.REQUESTS and "本年度办理结果" in rest:
                return None
            if section is Section.REVIEW_LITIGATION and "结转" in rest:
                return None
            return section
    return None


_PART_START = re.compile(r"^\s*([（(][一二三四五六七八九][）)][^。]{0,24}?)(?:[。.．]|$|\s)(.*)$")
"""A sub-part heading of section 一, as printed: （一）主动公开, with any text after it."""


def _part_of(text: str) -> OverviewPart | None:
    """The usual sub-part of section 一 a heading names, by label similarity; ``None`` when
    none is close (reports add, merge and rename sub-parts)."""
    heading = _PART_NUMBER.sub("", normalise(text)).removesuffix("方面").removesuffix("情况")
    scores = {part: similarity(heading, part.zh) for part in OverviewPart}
    best = max(scores, key=lambda p: scores[p])
    return best if scores[best] >= 0.3 else None


_PART_NUMBER = re.compile(r"^\([一二三四五六七八九]\)")


# --- the public entry points ----------------------------------------------------------------


def assemble(doc: RawDocument) -> ReadResult:
    """Build one report from ``doc``; see :func:`assemble_all` for compilations."""
    results = assemble_all(doc)
    if len(results) > 1:
        names = "; ".join(f"{r.report.agency} {r.report.year}" for r in results)
        raise GovinfoError(
            f"{doc.name or 'document'}: holds {len(results)} reports ({names}); "
            "use govinfo.read_all() to read each"
        )
    return results[0]


def assemble_all(doc: RawDocument) -> list[ReadResult]:
    """Every report in ``doc``, in order (a city's compilation holds one per department)."""
    from govinfo.readers import pages  # local: pages builds on this module's label matching

    doc = pages.mended(doc)
    lines, glued = _segment(doc)
    wide, texts = _line_texts(lines)
    starts = _report_starts(lines, texts)
    if not starts:
        raise NotAReport(
            f"{doc.name or 'document'}: not a government information disclosure annual report "
            "(no title, section headings or tables of the national template were found)"
        )
    starts = [
        start if i == 0 else _agency_above(lines, texts, start, floor=starts[i - 1])
        for i, start in enumerate(starts)
    ]
    results = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(lines)
        before = slice(0, start if i == 0 else 0)  # the first report's preamble
        one = _assemble_one(
            doc,
            lines[start:end],
            lines[before],
            glued=glued,
            wide=wide[start:end],
            texts=texts[start:end],
            preamble_texts=texts[before],
        )
        results.append(attrs.evolve(one, index=i) if i else one)
    return results


def _segment(doc: RawDocument) -> tuple[list[RawLine], bool]:
    """The document's lines, with run-together text (a whole report on one line, as crawler
    copies have it) cut at headings and table labels; and whether any was cut."""
    out: list[RawLine] = []
    cut = False
    for line in doc.lines:
        text = line.cells[0].text if len(line.cells) == 1 else ""
        if line.table is None and len(text) > 60 and any(m in text for m in _TABLE_MARKS):
            pieces = _cut(line)
            glued = sum(_ends_in_cells(p) for p in pieces) >= 2 or _REVIEW_RUN.search(text)
            if len(text) > 400 or glued:
                cut = cut or len(pieces) > 1
                out.extend(pieces)
                continue
        if line.table is not None and "\n" in line.text:
            out.extend(_stacked_rows(line))
            continue
        out.append(line)
    return out, cut


def _stacked_rows(line: RawLine) -> list[RawLine]:
    """A table row holding several rows in its cells, one per line (``1.属于国家秘密<br>2.其他
    …`` beside ``1<br>0<br>…``), as those rows; a cell of one line (a group's label, merged
    over them) belongs to each. Only when every cell of several lines has as many, and a
    cell's lines are all numbers; else the row as it is (a label wrapped in its cell)."""
    parts = [cell.text.split("\n") for cell in line.cells]
    depth = max(map(len, parts))
    if any(len(p) not in (1, depth) for p in parts) or not any(
        len(p) == depth and all(_is_value(normalise(x)) for x in p) for p in parts
    ):
        return [line]
    return [
        RawLine(
            cells=tuple(
                RawCell(p[k] if len(p) == depth else p[0], cell.location)
                for p, cell in zip(parts, line.cells, strict=True)
            ),
            table=line.table,
            spaced=line.spaced,
        )
        for k in range(depth)
    ]


_REVIEW_RUN = re.compile(r"(?:结果维持|尚未审结|总计)[\s\d０-９]{15,}$")
"""Table 四 run together on a line of its own: its header, then its fifteen cells' digits."""


def _ends_in_cells(piece: RawLine) -> bool:
    """Whether a piece of a cut line is a table row whose cells lost their separators: a label
    with digits stuck to its end (``规章000``, ``行政许可1523``). A shorter line than a whole
    report (one table on a line of its own) is cut only when two of its pieces are."""
    return _GLUED.search(normalise(piece.cells[0].text)) is not None


@cache
def _cut_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Labels to cut run-together text before (longest first, so 行政规范性文件 is not cut
    inside at 规范性文件), and other places to cut at."""
    labels: set[str] = set()
    for row in table("requests").rows:
        labels.add(row.zh)
        if row.group is not None:
            labels.add(row.group.zh)
    for row in table("proactive").rows:
        labels.add(row.zh)
        if row.caption:
            labels.add(row.caption)
    # table 四's header, where no heading stands before it (tables in an appendix)
    labels |= {"信息内容", "三、本年度办理结果", REQUESTS_NOTE, "行政复议行政诉讼"}
    # a heading under any number (a numbering slip, headings numbered anew)
    heads = [rf"[一二三四五六]、[^、]{{0,12}}{w}" for s in Section for w in _SECTION_WORDS[s][:1]]
    parts = [rf"\([{p.number[1]}]\)" for p in OverviewPart]
    alternatives = sorted(
        (r"\s*".join(map(re.escape, normalise(x))) for x in labels), key=len, reverse=True
    )
    spans = re.compile("|".join([*heads, _APPENDIX_CAPTION, *parts, *alternatives]))
    return spans, _GLUED_ROW


_APPENDIX_CAPTION = (
    r"附表\s*[0-9一二三四]?\s*:?\s*(?=主动公开|收到和处理|政府信息公开行政复议|表\s*[二三四])"
    r"|表\s*[二三四]\s*:?\s*(?=主动公开|收到和处理|政府信息公开行政复议)"
)
"""The caption of a table printed in an appendix (``附表1：主动公开政府信息情况``, ``附表`` then
``表二 主动公开政府信息情况``): run-together text is cut before it."""


_GLUED_ROW = re.compile(r"\d(?=[一二三四]、)")
"""A digit with a row label glued to it (the digits of the row before): cut after it."""


_HEADING_ENDS = (
    "总体情况",
    "政府信息情况",
    "公开申请情况",
    "行政诉讼情况",
    "改进情况",
    "整改措施",
    "报告的事项",
)
"""How section headings end, to cut run-together text after them."""


_PAGE_BUTTON = (
    r"[\[【(]?\s*(?:关闭|打印|关闭窗口|打印本页|返回顶部|我要纠错|纠错|收藏|分享|大\s*中\s*小)"
    r"\s*[\]】)]?"
)
"""A button of a web page (``【打印本页】``, ``关闭``, the font sizes ``【大 中 小】``)."""
_PAGE_CHROME = re.compile(
    r"(?:主办单位|承办单位|主管单位|协办单位|版权所有|网站标识码|网站地图|联系我们|"
    r"上一篇|下一篇|相关链接|相关文章|相关阅读|扫一扫|分享到|文字解读|图片解读|视频解读|"
    r"扫描二维码|政府网站找错|浏览次数|阅读次数|访问次数|点击数|浏览量|"
    r"(?:主办|承办|分享|字体|字号)\s*:|\(?\s*责任编辑)"
    r"|.*(?:ICP备|ICP证|公网安备)"
    rf"|{_PAGE_BUTTON}(?:\s*\|?\s*{_PAGE_BUTTON})*$"
)
"""How the chrome of a web page that follows a report begins (its footer, the links and
buttons after an article: ``【打印本页】 【关闭窗口】``, ``打印 | 关闭``, ``字体：【大 中 小】``,
``（责任编辑：…）``, ``浏览次数：…``): not the report's, whichever section it would fall in."""


def _body_end(texts: Sequence[str], last_heading: int) -> int:
    """Where the report ends: at the first line of page chrome after its last section heading,
    else at its last line."""
    for i in range(last_heading + 1, len(texts)):
        if _PAGE_CHROME.match(texts[i]):
            return i
    return len(texts)


_TABLE_MARKS = ("本年新收", "信息内容", "收到和处理", "第二十条", "结果维持")
"""Text that only a report's tables contain: a long line holding one is run-together text."""


def _cut(line: RawLine) -> list[RawLine]:
    cell = line.cells[0]
    text = normalise(cell.text)
    # Cut where the normalised text says, but keep the printed text when widths allow.
    printed = cell.text if len(cell.text) == len(text) else text
    spans_re, glued_row = _cut_patterns()
    spans = [m.span() for m in spans_re.finditer(text)]
    points = {0} | {a for a, _ in spans} | {m.end() for m in glued_row.finditer(text)}
    title_end = text.find("年度报告", 0, 80)
    if title_end >= 0:  # the report's title runs into its first sentence
        points.add(title_end + len("年度报告"))
    for end in _HEADING_ENDS:  # a heading runs into its text: cut after its end
        at = text.find(end)
        while at >= 0:
            points.add(at + len(end))
            at = text.find(end, at + 1)
    inside = [(a, b) for a, b in spans if b - a > 1]
    cuts = sorted(c for c in points if c < len(text) and not _within(c, inside))
    out = []
    for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True):
        piece = printed[a:b].strip()
        if piece:
            loc = Location(line=cell.location.line, column=a + 1, page=cell.location.page)
            out.append(RawLine(cells=(type(cell)(piece, loc),)))
    return out


def _within(point: int, spans: Sequence[tuple[int, int]]) -> bool:
    """``any(a < point < b for a, b in spans)`` for ``spans`` in order and not overlapping (as
    ``finditer`` finds them): only the last span starting before ``point`` can hold it, since
    every earlier one ends before that one starts."""
    k = bisect.bisect_left(spans, (point,)) - 1  # (a,) sorts before every (a, b)
    return k >= 0 and point < spans[k][1]


_TITLE_PIECE = re.compile(r"[\u4e00-\u9fff0-9 ]{1,20}")
"""A line that may be a piece of a title wrapped over lines: short, Chinese and digits only."""


def _cell_text(cell: RawCell) -> str:
    return normalise(cell.text)


def _is_title(text: str) -> bool:
    """Whether a line (normalised) reads as a report's title."""
    return "年度报告" in text and "政府信息公开" in text and len(text) < 80


def _is_page_furniture(text: str) -> bool:
    """Whether a line (normalised) inside a report's sections is a page's footer or header,
    not the report's: a page number, or a title (PDFs print the report's title at the top of
    every page)."""
    return _PAGE_FOOTER.match(text) is not None or _is_title(text)


def _report_starts(lines: Sequence[RawLine], texts: Sequence[str]) -> list[int]:
    """Where each report begins: at its title, or at section 一 when no title precedes it
    (``texts``: the lines' normalised text).

    After a report's table 三, a title starts another report only if the next section
    heading after it is 一 or 二, where a report begins: the same title printed at the top of
    each page of a PDF (a running header), a link to another year's report under an article
    (上一篇：…年度报告) or an attachment's name is followed by the rest of the report, or by
    nothing. A second 一、总体情况 after a report's table 三 starts a report without a
    title."""
    starts: list[int] = []
    seen_requests = False
    for i, (line, text) in enumerate(zip(lines, texts, strict=True)):
        if line.table is None and _is_title(text):
            if not starts or (seen_requests and _begins_report(texts, i + 1)):
                starts.append(i)
                seen_requests = False
            continue
        section = _section_of(text)
        if section is Section.OVERVIEW and seen_requests:
            starts.append(i)
            seen_requests = False
        elif section is Section.REQUESTS or "本年新收" in text:
            seen_requests = True
            if not starts:
                starts.append(0)
    return starts


def _agency_above(lines: Sequence[RawLine], texts: Sequence[str], start: int, floor: int) -> int:
    """Where a report of a compilation whose title is at ``start`` begins: at its agency's
    name when that stands on the line(s) above a title without it (淮安市水利局 /
    2024年政府信息公开工作年度报告), else at its title. Those lines are the report's, not the
    end of the report before it (``floor``: that report's start)."""
    from govinfo.readers import meta  # local, as in _assemble_one

    if meta.title_info(texts[start]) is not None:
        return start  # the title names its agency
    above = 0
    while (
        above < 3
        and start - above - 1 > floor
        and lines[start - above - 1].table is None
        and _TITLE_PIECE.fullmatch(texts[start - above - 1])
    ):
        above += 1
    for joined in range(1, above + 1):
        # the fewest lines that name an agency: the line above may be the last word of the
        # report before (无); a name's tail alone (局, 理局) is too short to be one
        title = meta.title_info("".join(texts[start - joined : start + 1]))
        if title is not None and len(title[0]) >= _AGENCY_MIN:
            return start - joined
    return start


_AGENCY_MIN = 4
"""The fewest characters of an agency named above its title in a compilation (淮安市水利局,
平潭综合实验区; a county's office is longer still)."""


def _begins_report(texts: Sequence[str], start: int) -> bool:
    """Whether the first section heading from ``start`` on is 一 or 二 (a report's first)."""
    for text in itertools.islice(texts, start, None):
        section = _section_of(text) or _unnumbered(text)
        if section is not None:
            return section in (Section.OVERVIEW, Section.PROACTIVE)
    return False


# --- one report --------------------------------------------------------------------------------


def _assemble_one(
    doc: RawDocument,
    lines: Sequence[RawLine],
    preamble: Sequence[RawLine],
    *,
    glued: bool,
    wide: Sequence[str],
    texts: Sequence[str],
    preamble_texts: Sequence[str],
) -> ReadResult:
    """One report from its ``lines`` (and the text before it): ``wide`` and ``texts`` are
    the lines' text in NFKC and normalised, as :func:`_line_texts` gives them."""
    from govinfo.readers import meta  # local: optional pieces of metadata

    state = _State(doc, glued=glued, wide=wide, texts=texts)
    head_texts = [*preamble_texts, *texts[:12]]
    head_text = "\n".join(head_texts)
    title = None
    head = [
        # a title in a table's cell (a layout table around the title and the date) counts
        cell
        for x, t in zip([*preamble, *lines[:12]], head_texts, strict=True)
        for cell in (
            [t] if x.table is None else [c for c in map(_cell_text, x.cells) if _is_title(c)]
        )
    ]
    for i in range(len(head)):
        # a title may wrap over lines: the agency, then "2024年政府信息公开…"; or inside the
        # agency's name on a narrow page (临江市自然资源和规划 / 局 / 2023年…工作 / 年度报告)
        wrapped = 0  # how many lines before this one may be the title's start
        while wrapped < min(i, 3) and _TITLE_PIECE.fullmatch(head[i - wrapped - 1]):
            wrapped += 1
        for joined in range(wrapped, -1, -1):  # the longest first: 理局 is no agency
            title = meta.title_info("".join(head[i - joined : i + 1]))
            if title:
                break
        if title:
            break
    sections = _find_sections(texts)
    all_text = "\n".join(texts)
    year = title[1] if title else None
    agency = title[0] if title else None
    if year is not None and year < 2019:
        raise UnsupportedEdition(
            f"{doc.name or 'document'}: a report on {year}; reports before 2019 followed local "
            "layouts with no national template, which govinfo does not read"
        )
    if not sections:
        titled = f" has the title of {agency}'s report on {year} but" if title else ""
        raise NotAReport(
            f"{doc.name or 'document'}:{titled} no section heading of the national template "
            "(一、总体情况 … 六、其他需要报告的事项) was found: the report's body may be "
            "missing (an attachment not included) or its headings unrecognised"
        )
    for section, i in sections.items():
        number = _heading_number(texts[i])
        if number is not None and number != section.number:
            state.report(
                DiagnosticCode.SECTION_NUMBER,
                f"the heading {texts[i][:40]!r} is numbered {number} where the template numbers "
                f"section {section.number} ({section.en}); read as that section",
                lines[i].location,
            )
    body_end = _body_end(texts, max(sections.values()))
    regions = _regions(sections, body_end)
    exact = doc.format in ("markdown", "html", "docx")
    edition = _edition(state, all_text, year)
    if glued and Section.OVERVIEW in regions:
        state.known = _stated(lines, regions[Section.OVERVIEW])
    if agency is None or year is None:
        state.report(
            DiagnosticCode.NO_TITLE,
            "the report's title (agency and year) was not found"
            + (
                ""
                if agency
                else f"; the agency is named after the file ({_file_agency(doc)})"
                if doc.name
                else "; the agency is unknown"
            ),
        )
    if year is None:
        period = meta.statistical_period(all_text)
        year = period.start.year if period else None
    if year is None:
        overview = regions.get(Section.OVERVIEW, range(min(len(texts), 40)))
        named = meta.narrative_year("\n".join(texts[i] for i in overview))
        if named is not None and named >= 2019:
            year = named
            state.report(
                DiagnosticCode.YEAR_FROM_TEXT,
                f"no title or statistical period states the year reported on; read as {year}, "
                "the year the overview names most often",
            )
    agency = agency or _file_agency(doc)
    if year is None:
        year = 2021 if edition is Edition.V2021 else 2020
        state.report(
            DiagnosticCode.YEAR_ASSUMED,
            f"no year reported on was found; assumed {year} from the template edition ({edition})",
        )
    at, claimed = _place_tables(state, lines, texts, sections, regions, body_end)
    text_at = {s: [i for i in r if i not in claimed] for s, r in regions.items()}
    proactive = _proactive(state, lines, at.get(Section.PROACTIVE), edition)
    requests = _requests(state, lines, at.get(Section.REQUESTS), edition)
    review = _review(state, lines, at.get(Section.REVIEW_LITIGATION))
    for section, value in (
        (Section.PROACTIVE, proactive),
        (Section.REQUESTS, requests),
        (Section.REVIEW_LITIGATION, review),
    ):
        if value is None and section in sections:
            state.report(
                DiagnosticCode.TABLE_UNREADABLE,
                f"table {section.number} ({section.en}): its section heading is here but no row "
                "of the table could be read under it",
                lines[sections[section]].location,
            )
        elif value is None:
            state.report(
                DiagnosticCode.TABLE_NOT_FOUND,
                f"table {section.number} ({section.en}) was not found",
            )
    report = Report(
        agency=agency,
        year=year,
        edition=edition,
        agency_kind=meta.agency_kind(agency),
        level=meta.level(agency),
        published=meta.publication_date(head_text + "\n" + "\n".join(texts[-6:])),
        period=meta.statistical_period(all_text),
        source=Source(location=doc.name, sha256=doc.sha256) if doc.name else None,
        overview=_overview(state, lines, text_at.get(Section.OVERVIEW), exact=exact),
        proactive=proactive,
        requests=requests,
        review_litigation=review,
        problems=_narrative(state, lines, text_at.get(Section.PROBLEMS), exact=exact),
        other_matters=_narrative(state, lines, text_at.get(Section.OTHER_MATTERS), exact=exact),
    )
    return ReadResult(
        report=report,
        diagnostics=tuple(state.diagnostics),
        provenance=dict(state.provenance),
        format=doc.format,
        name=doc.name,
    )


def _file_agency(doc: RawDocument) -> str:
    """What a report without a title is named: its file's name without the suffix."""
    if not doc.name:
        return "unknown agency"
    return PurePath(doc.name).stem or doc.name


def _stated(lines: Sequence[RawLine], region: range) -> dict[str, int]:
    """Single cells of table 三 whose figure the overview states (收到…申请218件 →
    ``new_requests.total``). Table 四's (行政复议…2件) are left out: the digit runs of table
    四 are split by its own block totals, and an overview's case counts are often wider (every
    reconsideration, not only those about disclosure)."""
    from govinfo.narrative import figures_in_text

    text = "\n".join(_verbatim(lines[i]) for i in region)
    known: dict[str, int] = {}
    for figure in figures_in_text(text):
        cells = figure.kind.cells
        if len(cells) == 1 and cells[0].startswith("requests.") and isinstance(figure.value, int):
            known[cells[0].removeprefix("requests.")] = figure.value
    return known


def _find_sections(texts: Sequence[str]) -> dict[Section, int]:
    """Where each section's heading is: the numbered headings in order; then, for sections
    without one, their headings without a number or under another number (a numbering slip:
    ``二、收到和处理政府信息公开申请情况``; headings numbered on after a dropped one), the most
    that stand in the template's order between the numbered ones, a narrative section's
    heading counting for more than a table's (a table is found by its rows wherever it is:
    tables appended after the text under headings numbered anew do not take the place of
    the sections the text's headings name). A list of the sections in the introduction
    (``…、收到和处理政府信息公开申请情况、…``) is no heading."""
    found: dict[Section, int] = {}
    order = list(Section)
    for i, text in enumerate(texts):
        section = _section_of(text)
        if section is None or section in found:
            continue
        if any(order.index(s) > order.index(section) for s in found):
            continue
        found[section] = i
    if len(found) == len(order):
        return found
    candidates = [(i, s, _FIXED) for s, i in found.items()]
    for i, text in enumerate(texts):
        section = _unnumbered(text) or _misnumbered(text)
        if section is not None and section not in found:
            candidates.append((i, section, _HEADING_WEIGHT[section]))
    if len(candidates) > _MAX_CANDIDATES:  # no report has so many: keep the numbered ones
        return dict(sorted(found.items(), key=lambda kv: order.index(kv[0])))
    candidates.sort(key=lambda c: c[0])
    chain = _ordered_chain([(i, order.index(s), w) for i, s, w in candidates])
    chosen = {order[rank]: i for i, rank in chain}
    return dict(sorted(chosen.items(), key=lambda kv: order.index(kv[0])))


_FIXED = 1000
"""The weight of a heading numbered as the template numbers it: always kept."""
_HEADING_WEIGHT = {
    s: 2 if s in (Section.PROACTIVE, Section.REQUESTS, Section.REVIEW_LITIGATION) else 4
    for s in Section
}
"""How much a heading without its number, or under another, counts towards the sections
found: a narrative section's more than a table's (see :func:`_find_sections`)."""
_MAX_CANDIDATES = 300


def _ordered_chain(items: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Of ``items`` (line, section rank, weight) in line order, the chain with lines and
    ranks both rising of the greatest weight (the earliest lines among equals), as (line,
    rank) pairs. Quadratic in the items, which are few (headings)."""
    best: list[tuple[int, list[int]]] = [(0, [])] * len(items)
    for k in range(len(items) - 1, -1, -1):
        line, rank, weight = items[k]
        tail: tuple[int, list[int]] = (0, [])
        for j in range(k + 1, len(items)):
            if items[j][0] > line and items[j][1] > rank and best[j][0] > tail[0]:
                tail = best[j]
        best[k] = (weight + tail[0], [k, *tail[1]])
    top: tuple[int, list[int]] = (0, [])
    for b in best:
        if b[0] > top[0]:
            top = b
    return [(items[k][0], items[k][1]) for k in top[1]]


_ANY_NUMBER = re.compile(r"^#*\s*([一二三四五六七八九十])\s*[、.．]\s*(.{2,30})$")
_MISNUMBERED_WORDS: dict[Section, tuple[str, ...]] = {
    Section.OVERVIEW: ("总体情况",),
    Section.PROACTIVE: ("主动公开政府信息",),
    Section.REQUESTS: ("收到和处理政府信息公开申请",),
    Section.REVIEW_LITIGATION: ("行政复议", "行政诉讼"),
    Section.PROBLEMS: ("存在的主要问题",),
    Section.OTHER_MATTERS: ("其他需要报告",),
}
"""What a heading under another number than the template's must say (all of it) to be that
section's: the template heading's own words, not any word of it. A numbered line of the text
is often about 主动公开 or 依申请公开 (an overview's parts numbered 一、主动公开情况 …), and
often about 问题 or 申请."""


def _misnumbered(text: str) -> Section | None:
    """The section whose heading ``text`` (normalised) is, numbered otherwise than the
    template numbers it (see :func:`_find_sections`)."""
    first = text.lstrip("# ")[:1]
    if not first or first not in "一二三四五六七八九十":
        return None
    m = _ANY_NUMBER.match(text)
    if m is None or "。" in text or "本年度办理结果" in text or "结转" in text:
        return None
    rest = m.group(2)
    named = [s for s, words in _MISNUMBERED_WORDS.items() if all(w in rest for w in words)]
    return named[0] if len(named) == 1 else None


def _heading_number(text: str) -> str | None:
    """The number a heading line (normalised) is printed with, if any."""
    m = _ANY_NUMBER.match(text)
    return m.group(1) if m else None


_TABLE_SECTIONS = (Section.PROACTIVE, Section.REQUESTS, Section.REVIEW_LITIGATION)
_TABLE_KEYS = {
    Section.PROACTIVE: "proactive",
    Section.REQUESTS: "requests",
    Section.REVIEW_LITIGATION: "review_litigation",
}


@cache
def _table_words() -> tuple[re.Pattern[str], dict[str, Section]]:
    """What each table prints as its labels and headers (label keys, from the registry): a
    pattern finding them, longest first, and the table each word belongs to. Words two
    tables share (总计, 其他) belong to none."""
    words: dict[Section, set[str]] = {s: set() for s in _TABLE_SECTIONS}
    for section in _TABLE_SECTIONS:
        for row in table(_TABLE_KEYS[section]).rows:
            words[section].add(row.zh)
            words[section].update(c.zh for c in row.columns)
            if row.caption:
                words[section].add(row.caption)
            if row.group is not None:
                words[section].add(row.group.zh)
    words[Section.PROACTIVE].add(PROACTIVE_HEADER)
    words[Section.REQUESTS] |= {RESULTS_LABEL, APPLICANT_HEADER, ORGANISATIONS_HEADER}
    words[Section.REQUESTS].add(REQUESTS_NOTE)
    words[Section.REVIEW_LITIGATION].add(LITIGATION_HEADER)
    keys = {s: {label_key(w) for w in ws} - {""} for s, ws in words.items()}
    owner: dict[str, Section] = {}
    shared: set[str] = set()
    for section, ks in keys.items():
        for k in ks:
            if k in owner and owner[k] is not section:
                shared.add(k)
            owner[k] = section
    every = sorted({k for ks in keys.values() for k in ks} | _FILLERS, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, every)))
    return pattern, {k: s for k, s in owner.items() if k not in shared}


_FILLERS = frozenset({"单位", "万元", "元", "件", "小计", "合计", "无"})
"""What a table's label line may hold besides its labels and values (units, subtotals, the
blank mark 无)."""
_VALUE_MARKS = re.compile(r"[0-9]+")
_LONGEST_KEY = 120
"""A label line longer than this (as a key) is text, not a table's row or header."""


def _table_mark(text: str) -> Section | None:
    """The table whose line ``text`` (normalised) is, by what it holds: only that table's
    labels and headers (at least one that no other table prints), units and values. A
    sentence that names them (行政复议 351 件，其中结果维持 72 件) is none."""
    words = _table_words_of(text)
    return words.pop() if words is not None and len(words) == 1 else None


def _table_words_of(text: str) -> set[Section] | None:
    """The tables whose own words a line ``text`` (normalised) prints, if it holds nothing but
    tables' labels and headers, units and values (``None`` if it holds anything else)."""
    if "。" in text:
        return None
    key = _VALUE_MARKS.sub("", _key_of_normalised(text))
    if len(key) > _LONGEST_KEY:
        return None
    pattern, owner = _table_words()
    found: set[Section] = set()
    covered = 0
    for m in pattern.finditer(key):
        covered += m.end() - m.start()
        section = owner.get(m.group())
        if section is not None:
            found.add(section)
    return found if covered == len(key) else None


_CAPTION = re.compile(r"^#*\s*(?:[一二三四五六七八九十]+\s*[、.]|附表|附件|表\s*[一二三四五六1-6])")
"""A caption or heading line that may stand above a table printed away from its section:
``一、主动公开政府信息情况`` (numbered anew after the report's text), ``附表``, ``表二 …``."""


@define
class _Found:
    """Where a table's rows are, as found by :func:`_find_tables`."""

    marks: list[int]
    """The lines that only this table prints (its labels and headers), in order."""
    start: int = 0
    end: int = 0
    """Its lines: from ``start`` to before ``end`` (the marks, with the lines between and
    around them that belong to no other table, heading or text)."""


def _find_tables(
    lines: Sequence[RawLine], texts: Sequence[str], sections: dict[Section, int], end: int
) -> dict[Section, _Found]:
    """Where each table is, by what it holds rather than under which heading: its lines
    marked by :func:`_table_mark`, in the run of them (cut at section headings and at the
    other tables' lines) holding the most; widened over the lines around it that are no
    heading, caption, text or other table's line (values printed on lines of their own)."""
    heading_at = set(sections.values())
    marked: list[tuple[int, Section]] = []
    for i in range(end):
        if i in heading_at:
            continue
        section = _table_mark(texts[i])
        if section is not None:
            marked.append((i, section))
    runs: dict[Section, list[list[int]]] = {}
    last: Section | None = None
    for k, (i, section) in enumerate(marked):
        between = marked[k - 1][0] if k else -1
        new_run = section is not last or any(between < h < i for h in heading_at)
        if new_run:
            runs.setdefault(section, []).append([])
        runs[section][-1].append(i)
        last = section
    found = {s: _Found(marks=max(rs, key=len)) for s, rs in runs.items()}
    taken = {i: s for s, f in found.items() for i in f.marks}
    for section, f in found.items():
        first, final = f.marks[0], f.marks[-1]
        others = {i for i, s in taken.items() if s is not section}
        if any(first < i < final for i in others):
            continue  # interleaved with another table: its marks alone
        start = first
        while start - 1 >= 0 and _belongs(lines, texts, start - 1, first, heading_at, others):
            start -= 1
        stop = final + 1
        while stop < end and _belongs(lines, texts, stop, final, heading_at, others):
            stop += 1
        f.start, f.end = start, stop
    for f in found.values():
        if f.end == 0:
            f.start, f.end = f.marks[0], f.marks[-1] + 1
    ordered = sorted(found.values(), key=lambda f: f.marks[0])
    for a, b in itertools.pairwise(ordered):
        if a.end > b.start:  # lines between two tables that either could hold
            cut = a.marks[-1] + 1  # a's values printed on lines after its last label stay a's
            while cut < b.marks[0] and not _VALUE_MARKS.sub("", _key_of_normalised(texts[cut])):
                cut += 1
            a.end = min(a.end, cut)
            b.start = max(b.start, cut)
    return found


def _belongs(
    lines: Sequence[RawLine],
    texts: Sequence[str],
    i: int,
    edge: int,
    headings: set[int],
    others: set[int],
) -> bool:
    """Whether line ``i``, next to a table whose outermost marked line is ``edge``, is the
    table's: a line of the same marked table (HTML, Markdown, PDF, Word), or a line of values,
    of the tables' words (a header no one table owns: 总计), or a page's footer. A heading,
    caption, sentence, signature or another table's line ends it."""
    if i in headings or i in others:
        return False
    if lines[i].table is not None and lines[i].table == lines[edge].table:
        return True
    text = texts[i]
    if _is_page_furniture(text) and not _is_title(text):
        return True
    if _CAPTION.match(text) or "。" in text:
        return False
    key = _VALUE_MARKS.sub("", _key_of_normalised(text))
    if _only_fillers(key):
        return False  # a lone 无 is the text of section 六, not a table's blank cell
    # a header's words broken over lines (结果 结果 其他结 尚未; 维持), or the tables' words
    return _HEADER_PIECES.fullmatch(text) is not None or _table_words_of(text) is not None


_HEADER_PIECES = re.compile(r"[\u4e00-\u9fff]{1,4}(?: [\u4e00-\u9fff]{1,4})*")
"""A line of short pieces of words (a header of narrow columns as a text extraction prints
it, a word or two of each column per line)."""


def _only_fillers(key: str) -> bool:
    """Whether a line's key (values removed) is nothing but :data:`_FILLERS`."""
    rest = key
    for filler in sorted(_FILLERS, key=len, reverse=True):
        rest = rest.replace(filler, "")
    return bool(key) and not rest


def _place_tables(
    state: _State,
    lines: Sequence[RawLine],
    texts: Sequence[str],
    sections: dict[Section, int],
    regions: dict[Section, range],
    end: int,
) -> tuple[dict[Section, Sequence[int]], set[int]]:
    """Where each table is read, and the lines the report's text leaves out (the tables'
    lines and captions outside their sections).

    A table is where its rows and headers are (:func:`_find_tables`). Under its own section
    heading, it is read from the section's lines, as ever (less any other table among them);
    elsewhere (under another section's heading, in an appendix after the text, under a
    heading numbered anew), from its own lines, and a diagnostic says so. A table whose
    lines are not found is read under its heading."""
    found = _find_tables(lines, texts, sections, end)
    at: dict[Section, Sequence[int]] = {}
    claimed: set[int] = set()
    for section in _TABLE_SECTIONS:
        f = found.get(section)
        region = regions.get(section)
        if f is None:
            if region is not None:
                at[section] = region
            continue
        others = [g for s, g in found.items() if s is not section]
        if region is not None and region.start <= f.marks[0] and f.marks[-1] < region.stop:
            lo = max([g.end for g in others if g.end <= f.start] + [region.start])
            hi = min([g.start for g in others if g.start >= f.end] + [region.stop])
            at[section] = range(lo, hi)
            continue
        at[section] = range(f.start, f.end)
        claimed.update(at[section])
        caption = f.start
        while caption - 1 >= 0 and f.start - caption < 3 and caption - 1 not in sections.values():
            text = texts[caption - 1]
            if not text or _is_page_furniture(text):
                caption -= 1
                continue
            if not (_CAPTION.match(text) and len(text) <= 40 and "。" not in text):
                break
            caption -= 1
            claimed.add(caption)
        where = next(
            (s for s, r in regions.items() if f.marks[0] in r),
            None,
        )
        state.report(
            DiagnosticCode.TABLE_ELSEWHERE,
            f"table {section.number} ({section.en}) was read where its rows are"
            + (
                f", under section {where.number}'s heading"
                if where is not None and where is not section
                else ", before the report's sections"
                if where is None
                else ""
            )
            + (
                ", not under its own heading"
                if section in sections
                else "; no heading of its section was found"
            ),
            lines[f.marks[0]].location,
        )
    return at, claimed


def _regions(sections: dict[Section, int], end: int) -> dict[Section, range]:
    ordered = sorted(sections.items(), key=lambda kv: kv[1])
    regions = {}
    for (section, start), nxt in zip(ordered, [*ordered[1:], (None, end)], strict=True):
        regions[section] = range(start + 1, nxt[1])
    return regions


# --- edition -----------------------------------------------------------------------------------

_EDITION_WORDS = {
    Edition.V2019: (
        "本年新制作数量",
        "对外公开总数量",
        "上一年项目数量",
        "采购项目数量",
        "第二十条第(九)项",
    ),
    Edition.V2021: (
        "本年制发件数",
        "现行有效件数",
        "本年废止件数",
        "本年收费金额",
        "逾期不补正",
        "缴纳费用",
    ),
}


_EDITION_KEYS = {e: tuple(label_key(w) for w in words) for e, words in _EDITION_WORDS.items()}


def _edition(state: _State, all_text: str, year: int | None) -> Edition:
    """The template edition the tables follow (``all_text``: the report's lines normalised,
    joined by line feeds)."""
    # one key for the whole document: a line break is whitespace, which numbering never
    # spans and punctuation removal drops, so this is the lines' keys joined
    text = _key_of_normalised(all_text)
    votes = {e: sum(w in text for w in words) for e, words in _EDITION_KEYS.items()}
    by_tables = None
    if votes[Edition.V2019] != votes[Edition.V2021]:
        by_tables = max(votes, key=lambda e: votes[e])
    by_year = Edition.for_year(year) if year is not None and year >= 2019 else None
    if by_tables is None and by_year is None:
        state.report(
            DiagnosticCode.EDITION_UNKNOWN, "the template edition could not be told; assumed 2021"
        )
        return Edition.V2021
    if by_tables is not None and by_year is not None and by_tables is not by_year:
        state.report(
            DiagnosticCode.EDITION_MISMATCH,
            f"the tables follow edition {by_tables} but a report on {year} should use edition "
            f"{by_year}; read as edition {by_tables}",
        )
    return by_tables or by_year  # type: ignore[return-value]


# --- narrative ---------------------------------------------------------------------------------


def _narrative(
    state: _State, lines: Sequence[RawLine], region: Sequence[int] | None, *, exact: bool = False
) -> str | None:
    if region is None:
        return None
    parts = [
        _verbatim(lines[i], exact=exact)
        for i in region
        if lines[i].table is None and not _is_page_furniture(state.texts[i])
    ]
    return "\n".join(p for p in parts if p)


def _verbatim(line: RawLine, *, exact: bool = False) -> str:
    """A text line as printed (no width normalisation). Text extractions lose nothing by
    trimming ASCII layout whitespace; formats that mark up their text (``exact``: Markdown,
    HTML, Word) keep every character."""
    if exact:
        return "".join(c.text for c in line.cells)
    text = " ".join(c.text.strip(" \t") for c in line.cells if c.text.strip())
    return text.lstrip("#").strip(" \t")


def _overview(
    state: _State, lines: Sequence[RawLine], region: Sequence[int] | None, *, exact: bool = False
) -> Overview | None:
    if region is None:
        return None
    intro: list[str] = []
    parts: list[tuple[OverviewPart | None, str, list[str]]] = []
    for i in region:
        if lines[i].table is not None:
            continue
        text = _verbatim(lines[i], exact=exact)
        if not text:
            continue
        # a line as printed is most often its own text, whose normal form is known
        if _is_page_furniture(state.texts[i] if text == lines[i].text else normalise(text)):
            continue
        m = _PART_START.match(text)
        if m and len(m.group(1)) <= 26:
            heading, rest = m.group(1).strip(), m.group(2).strip()
            parts.append((_part_of(heading), heading, [rest] if rest else []))
            continue
        (parts[-1][2] if parts else intro).append(text)
    return Overview(
        text="\n".join(intro),
        parts=tuple(OverviewSection(part=p, heading=h, text="\n".join(t)) for p, h, t in parts),
    )


# --- table 二 ----------------------------------------------------------------------------------


def _region_lines(state: _State, lines: Sequence[RawLine], region: Sequence[int]) -> list[_Line]:
    """The lines of a table's region split into labels and values; page footers and the
    sentences of the section's text (numbers in prose, not in the table) left out."""
    out = []
    for i in region:
        if _is_page_furniture(state.texts[i]):
            continue
        line = _split_line(i, lines[i], glued=state.glued, wide=state.wide[i])
        if line.prose:
            state.report(
                DiagnosticCode.NUMBERS_IN_TEXT,
                f"a sentence among the table's lines is text, not a table row; its numbers "
                f"were left out of the table: {state.texts[i][:60]!r}",
                line.location,
            )
            continue
        out.append(line)
    return out


def _unit_scale(text: str) -> Decimal | None:
    t = normalise(text).replace(" ", "")  # 万 and 元 may wrap onto two lines of a cell
    if "万元" in t:
        return Decimal(1)
    if _UNIT_YUAN.search(t):
        return Decimal("0.0001")
    return None


def _proactive(
    state: _State, lines: Sequence[RawLine], region: Sequence[int] | None, edition: Edition
) -> Any:
    if region is None:
        return None
    rows = table("proactive").rows_for(edition)
    index = _template_index(tuple(r.zh for r in rows))
    split = _region_lines(state, lines, region)
    found: dict[str, _Line] = {}
    order: list[tuple[int, Row]] = []
    used: set[int] = set()  # the lines whose values a row took
    scale_text = ""
    for n, line in enumerate(split):
        if "单位" in line.label or "元" in line.label:
            scale_text += line.label
        if line.label:
            scores = _score_row(line.label, index)
            score = max(scores)
            best = rows[scores.index(score)]  # the first best, as max() picks
        else:
            best, score = rows[0], 0.0
        found_key, best_key = _found_profile(line.label)[0], _template_profile(best.zh)[0]
        exact = found_key.endswith(best_key)
        shortened = len(found_key) >= 3 and best_key.endswith(found_key)  # 规范性文件
        if not (exact or shortened) and score < 0.9:
            continue
        if shortened and not exact:
            state.report(
                DiagnosticCode.LABEL_VARIANT,
                f"table 二 row {line.label!r} read as {best.zh} ({best.key})",
                line.location,
            )
        if best.key in {"normative_documents", "regulations"}:
            # 规章 vs (行政)规范性文件: prefer the longer exact match
            if found_key.endswith("规范性文件"):
                best = next(r for r in rows if r.key == "normative_documents")
            elif found_key.endswith("规章"):
                best = next(r for r in rows if r.key == "regulations")
        if best.key in found:
            continue
        own = line.slots
        used.add(n)
        if not own:  # values on the following lines (one cell per line) ...
            collected: list[Slot] = []
            for m in range(n + 1, len(split)):
                nxt = split[m]
                if m in used or (
                    nxt.label and (nxt.slots or collected or not _is_column_header(nxt.label))
                ):
                    break  # the next row or sub-table (a column header first is passed over)
                collected.extend(nxt.slots)
                used.add(m)
            if not collected:  # ... or, failing that, on the lines just before it
                for m in range(n - 1, -1, -1):
                    prev = split[m]
                    if prev.label or m in used:  # another row's values are not this one's
                        break
                    collected[:0] = prev.slots
                    used.add(m)
            own = tuple(collected)
        found[best.key] = line._replace(slots=own)
        order.append((n, best))
    for n, line in enumerate(split):
        if n not in used:
            for s in line.slots:
                if not s.blank:
                    state.report(
                        DiagnosticCode.UNPLACED_NUMBER,
                        f"table 二: {s.raw!r} belongs to no row of the template",
                        s.location,
                        raw=s.raw,
                    )
    if not found:
        return None
    values: dict[str, Any] = {}
    for row in rows:
        entry = found.get(row.key)
        cells: list[Any] = [None] * len(row.columns)
        if entry is None:
            state.report(
                DiagnosticCode.ROW_NOT_FOUND,
                f"table 二 row {row.zh} ({row.key}) was not found",
                cells=[f"proactive.{row.key}"],
            )
        else:
            line = entry
            width = len(row.columns)
            slots: list[Slot] = _without_padding(_with_lead(line, width), width)
            if width > 1 and not line.explicit:
                slots = list(_gathered_run(state, slots, width))
            first = slots[0] if slots else None
            if len(slots) == 1 and first is not None and first.run and width > 1:
                slots = _split_run_proactive(state, row, first)
            if (
                line.explicit
                and len(slots) > width
                and all(s.raw == slots[width - 1].raw for s in slots[width - 1 :])
            ):
                slots = slots[:width]  # one merged cell, repeated over the columns it spans
            if len(slots) > len(row.columns):
                extra = slots[len(row.columns) :]
                slots = slots[: len(row.columns)]
                for s in extra:
                    state.report(
                        DiagnosticCode.UNPLACED_NUMBER,
                        f"table 二 row {row.zh}: {s.raw!r} has no column",
                        s.location,
                        raw=s.raw,
                    )
            placed: Sequence[Slot | None] = slots
            if 0 < len(slots) < len(row.columns):
                placed = _place_short_row(
                    state,
                    None,
                    {},
                    f"proactive.{row.key}",
                    [f"proactive.{row.key}.{c.key}" for c in row.columns],
                    slots,
                    line,
                    DiagnosticCode.MISSING_CELLS,
                )
            for i, column in enumerate(row.columns):
                slot = placed[i] if i < len(placed) else None
                scale = Decimal(1)
                if column.kind is CellKind.MONEY:
                    unit = _unit_scale((slot.raw if slot else "") + line.label) or _unit_scale(
                        scale_text
                    )
                    if unit is None:
                        unit = Decimal(1)
                        if slot is not None and not slot.blank:
                            state.report(
                                DiagnosticCode.UNIT_ASSUMED,
                                f"table 二 {row.zh}: no unit printed; read as 万元",
                                slot.location,
                            )
                    elif unit != 1 and slot is not None:
                        state.report(
                            DiagnosticCode.UNIT_CONVERTED,
                            f"table 二 {row.zh}: amount in 元 converted to 万元",
                            slot.location,
                        )
                    scale = unit
                cells[i] = state.value(
                    f"proactive.{row.key}.{column.key}", slot, column.kind, scale
                )
        values[row.key] = _row_class(edition, row.key).from_values(cells)
    return PROACTIVE_CLASSES[edition](**values)


@cache
def _column_header_keys() -> tuple[str, ...]:
    """Label keys of table 二's column headers (信息内容 and each column), both editions."""
    words = {"信息内容"}
    for row in table("proactive").rows:
        words.update(column.zh for column in row.columns)
    return tuple(sorted({label_key(w) for w in words}))


def _is_column_header(label: str) -> bool:
    """Whether ``label`` is a line of table 二's column headers (not a row, not a caption)."""
    key = _found_profile(label)[0]
    return "第二十条" not in key and any(h in key for h in _column_header_keys())


@cache
def _row_class(edition: Edition, key: str) -> Any:
    """The model class of table 二's row ``key`` in ``edition`` (registry data: looked up once
    per process)."""
    return _resolve(attrs.fields_dict(PROACTIVE_CLASSES[edition])[key].type)


def _resolve(tp: Any) -> Any:
    if isinstance(tp, str):
        from govinfo import model

        return getattr(model, tp)
    return tp


def _digits(raw: str) -> str:
    """A digit run as the splitter takes it: ASCII digits (a run may be printed full-width),
    thousands separators and stray spaces (see :func:`_gathered_run`) dropped."""
    return normalise(raw).replace(",", "").replace(" ", "")


def _gathered_run(state: _State, slots: Sequence[Slot], width: int) -> Sequence[Slot]:
    """In run-together text, a row's digit tokens as one run when they cannot be its cells
    as printed: crawler copies lose the separators between cells but keep a stray space here
    and there (``230 000023`` for 23/0/0/0/0/0/23). They cannot be the cells when there are
    not ``width`` of them, or when one is a zero-padded number (``000023``), which no report
    prints; then the digits, read in order, are split by the tables' rules as any run is."""
    if state.glued and len(slots) == 1 and "/" in slots[0].raw:
        parts = normalise(slots[0].raw).split("/")
        if len(parts) == width and all(p.isascii() and p.isdigit() for p in parts):
            return [Slot(p, slots[0].location) for p in parts]  # cells kept apart by slashes
    if not state.glued or (len(slots) < 2 and not (slots and slots[0].raw.startswith("0"))):
        return slots
    tokens = [_digits(s.raw) for s in slots]
    if not all(t.isascii() and t.isdigit() for t in tokens):
        return slots
    padded = any(len(t) > 1 and t.startswith("0") for t in tokens)
    if (len(tokens) == width and not padded) or sum(map(len, tokens)) < width:
        return slots
    return (Slot(" ".join(s.raw for s in slots), slots[0].location, run=True),)


def _splittable(
    state: _State,
    slot: Slot,
    prefix: str,
    width: int,
    *,
    signed: bool = False,
    money: bool = False,
) -> bool:
    """Whether ``slot`` is a run the splitter can take: digits, with one sign inside for a row
    with a ``signed`` cell and one decimal point for a row with a ``money`` cell; if not, say
    so: its cells are left not reported, never guessed."""
    run = _digits(slot.raw)
    if signed:
        run = re.sub(r"(?<=[0-9])[-+](?=[0-9])", "", run, count=1)
    if money:
        run = run.replace(".", "", 1)
    if run.isascii() and run.isdigit():
        return True
    state.report(
        DiagnosticCode.UNREADABLE_RUN,
        f"{prefix}: the run {slot.raw!r} holds more than digits and cannot be split into its "
        f"{width} cells; they are left not reported",
        slot.location,
        raw=slot.raw,
    )
    return False


def _split_run_proactive(state: _State, row: Row, slot: Slot) -> list[Slot]:
    kinds = [c.kind for c in row.columns]
    marks = _TRAILING_BLANKS.search(slot.raw.rstrip())
    blanks = len(re.findall(_BLANK_MARK, marks.group())) if marks else 0
    if marks is not None and 0 < blanks < len(kinds):  # the last cells printed as blanks
        head = slot._replace(raw=slot.raw.rstrip()[: marks.start()])
        short = attrs.evolve(row, columns=row.columns[: len(kinds) - blanks])
        split = _split_run_proactive(state, short, head)
        return [*split, *(Slot("", slot.location, blank=True) for _ in range(blanks))]
    signed = CellKind.SIGNED in kinds
    run = _digits(slot.raw)
    if signed:  # a plus sign only marks a positive change: the splitter knows minus signs
        run = re.sub(r"(?<=[0-9])\+(?=[0-9])", "", run, count=1)
    unit = next((u for u in ("万元", "元") if run.endswith(u)), "")
    if unit and kinds[-1] is CellKind.MONEY:  # the amount's unit, kept with the amount
        run = run[: -len(unit)]
        slot = slot._replace(raw=slot.raw.rstrip().removesuffix(unit))
    money = CellKind.MONEY in kinds
    if not _splittable(state, slot, f"proactive.{row.key}", len(kinds), signed=signed, money=money):
        return [Slot("", slot.location, blank=True) for _ in kinds]
    solution = splitter.solve_proactive_row(run, kinds)
    dash = _dash_as_blank(run, kinds)
    if dash is not None and solution.unique and len(solution.candidates) == 1:
        return _dash_ambiguity(state, f"proactive.{row.key}", slot, solution.candidates[0], dash)
    slots = _slots_from_solution(state, solution, f"proactive.{row.key}", slot, len(kinds))
    if unit and not slots[-1].blank:
        slots[-1] = slots[-1]._replace(raw=slots[-1].raw + unit)
    return slots


def _agreed(row: splitter.RowSolution) -> list[Any]:
    """The cells of a row that every reading agrees on (``None`` where readings differ): all of
    a determined row; an ambiguous row's readings are all listed, so the cells they share are
    known too; nothing of an unresolved row, whose list may be partial."""
    if row.status is splitter.RowStatus.UNRESOLVED or not row.candidates:
        return []
    first = row.candidates[0]
    return [v if all(c[k] == v for c in row.candidates) else None for k, v in enumerate(first)]


_COUNT_TEXT = re.compile(r"0|[1-9][0-9]*")


def _dash_as_blank(run: str, kinds: Sequence[CellKind]) -> tuple[int, None, int] | None:
    """The other reading of a ``-`` inside an edition-2019 run of three cells (上一年项目数量,
    本年增/减, 处理决定数量): not a minus sign but the blank mark of the middle cell, the
    digits before it the first cell and those after it the last (``25-21``: 25, blank, 21,
    as well as 25, −2, 1). ``None`` when the run cannot be read so."""
    if list(kinds) != [CellKind.COUNT, CellKind.SIGNED, CellKind.COUNT] or run.count("-") != 1:
        return None
    before, _, after = run.partition("-")
    if not (_COUNT_TEXT.fullmatch(before) and _COUNT_TEXT.fullmatch(after)):
        return None
    return int(before), None, int(after)


def _dash_ambiguity(
    state: _State,
    prefix: str,
    slot: Slot,
    signed: Sequence[Any],
    dash: tuple[int, None, int],
) -> list[Slot]:
    """Slots of a run that reads one way with its ``-`` as a minus sign and another with it as
    a blank mark: the cells both readings agree on, and the ambiguity reported."""
    agreed = [a if a == b else None for a, b in zip(signed, dash, strict=True)]
    shown = ["/".join(map(str, signed)), "/".join("—" if v is None else str(v) for v in dash)]
    state.report(
        DiagnosticCode.AMBIGUOUS_DIGITS,
        f"{prefix}: the run {slot.raw!r} reads {shown[0]} with its '-' a minus sign and "
        f"{shown[1]} with it the blank mark of 本年增/减; {_kept(agreed)}",
        slot.location,
        raw=slot.raw,
        candidates=shown,
    )
    return [
        Slot("", slot.location, blank=True) if v is None else Slot(str(v), slot.location)
        for v in agreed
    ]


def _kept(agreed: Sequence[Any]) -> str:
    """What an ambiguous run's diagnostic says of its cells, given :func:`_agreed`'s."""
    kept = sum(v is not None for v in agreed)
    if not kept:
        return "cells left not reported"
    return f"the {kept} cell(s) every split agrees on are kept, the others left not reported"


def _slots_from_solution(
    state: _State, solution: splitter.Solution, prefix: str, slot: Slot, width: int
) -> list[Slot]:
    candidates = list(solution.candidates)
    if solution.unique and len(candidates) == 1:
        values = candidates[0]
        state.report(
            DiagnosticCode.DIGITS_SPLIT,
            f"{prefix}: the run {slot.raw!r} split as {'/'.join(map(str, values))}",
            slot.location,
            raw=slot.raw,
        )
        return [Slot(str(v), slot.location) for v in values]
    agreed: list[Any] = []
    for row in solution.rows.values():
        cells = _agreed(row)
        agreed += cells or [None] * len(row.candidates[0] if row.candidates else ())
    if len(agreed) != width:
        agreed = [None] * width
    if not candidates:
        _no_split(state, prefix, slot)
        return [Slot("", slot.location, blank=True) for _ in range(width)]
    state.report(
        DiagnosticCode.AMBIGUOUS_DIGITS,
        f"{prefix}: the run {slot.raw!r} has {len(candidates)} splits; {_kept(agreed)}",
        slot.location,
        raw=slot.raw,
        candidates=_listed(candidates),
    )
    return [
        Slot("", slot.location, blank=True) if v is None else Slot(str(v), slot.location)
        for v in agreed
    ]


# --- table 三 ----------------------------------------------------------------------------------

_HEADER_WORDS = (
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益",
    "法律服务",
    "申请人情况",
    "数据1",
    "本列数据",
)
_WIDTH = len(Applicant)
_APPLICANT_KEYS = tuple(a.key for a in Applicant)


def _is_data(line: _Line) -> bool:
    """A line with values: numbers, or blank marks beside a label (a row of blanks without any
    label is a placeholder, not data)."""
    return bool(line.slots) and (bool(line.label) or any(not s.blank for s in line.slots))


_HEADER_KEYS = tuple(label_key(w) for w in _HEADER_WORDS)


@cache
def _group_keys(edition: Edition) -> frozenset[str]:
    """Label keys of table 三's group headings in ``edition`` (三、本年度办理结果, （三）不予公开
    …): merged label cells over rows, which a table may print as rows of their own."""
    groups = {r.group.zh for r in RequestRow if edition in r.editions and r.group is not None}
    return frozenset(label_key(g) for g in {*groups, RESULTS_LABEL})


def _is_group_heading(label: str, edition: Edition) -> bool:
    return _found_profile(label)[0] in _group_keys(edition)


def _is_header(line: _Line) -> bool:
    if line.slots:
        return False
    key = _found_profile(line.label)[0]
    return any(w in key for w in _HEADER_KEYS)


def _requests(
    state: _State, lines: Sequence[RawLine], region: Sequence[int] | None, edition: Edition
) -> Requests | None:
    if region is None:
        return None
    split = _region_lines(state, lines, region)
    data: list[_Line] = []
    labels_before: list[list[str]] = []
    pending: list[str] = []
    stream: list[_Line] = []

    def flush() -> None:
        nonlocal pending
        if not stream:
            return
        gathered = [s for line in stream for s in line.slots]
        if len(gathered) < _WIDTH and pending:
            # fewer values right under a label than a row has: one row whose blank cells
            # printed nothing (one value per line), read as a row of few values is (values
            # after another row's values, such as a page number, are no row of their own)
            rows = [_Line(stream[0].at, "", tuple(gathered), stream[0].location, False)]
        else:
            rows = _stream_rows(state, stream, _WIDTH)
        for n, row in enumerate(rows):
            data.append(row)
            labels_before.append(pending if n == 0 else [])
        pending = []
        stream.clear()

    anchors = _column_anchors([x for x in split if lines[x.at].spaced], _WIDTH)
    subtotal_rows = _subtotal_row_keys(split)
    for each in split:
        line = each
        if _is_header(line):
            flush()
            pending = []
            continue
        if line.slots and _found_profile(line.label)[0] in subtotal_rows:
            flush()
            state.report(
                DiagnosticCode.SUBTOTAL_ROW,
                f"table 三: a {line.label} row, not in the template, was left out (its "
                f"{len(line.slots)} numbers are not the template's cells)",
                line.location,
            )
            continue
        if (
            not line.slots
            and len(line.lead) >= _WIDTH
            and line.label
            and not _is_group_heading(line.label, edition)
        ):
            line = line._replace(slots=line.lead[-_WIDTH:])  # a row printed all blank
        if state.glued and line.slots and not line.explicit:
            line = line._replace(slots=tuple(_gathered_run(state, line.slots, _WIDTH)))
        if anchors and 0 < len(line.slots) < _WIDTH and _is_data(line) and lines[line.at].spaced:
            line = _place_by_columns(state, line, anchors, _WIDTH)
        if _is_data(line) and not line.label and len(line.slots) < _WIDTH:
            stream.append(line)  # values one or a few per line: cut into rows below
            continue
        flush()
        if _is_data(line):
            data.append(line)
            labels_before.append(pending)
            pending = []
        elif line.label:
            pending.append(line.label)
    flush()
    if not data:
        return None
    _join_fragments(lines, data, labels_before)
    labels_after = [*labels_before[1:], pending]
    subtotal_at = _subtotal_at(split)
    order = _column_order(state, split)
    subtotal = subtotal_at is not None or any(
        w in line.label for line in split for w in _SUBTOTAL_WORDS
    )
    variants = [Edition.V2019] if edition is Edition.V2019 else [Edition.V2021, Edition.V2019]
    if len(variants) > 1:
        printed = _other_handling_printed(data)
        if printed is not None:  # a row's label says how （六） is printed
            variants = [Edition.V2021 if printed == "breakdown" else Edition.V2019]
    # the variant whose row count matches is tried first; a gapless alignment settles it
    variants.sort(key=lambda v: len(table("requests").rows_for(v)) != len(data))
    best: tuple[float, list[RequestRow], list[tuple[int, int]]] | None = None
    for variant in variants:
        expected = [r for r in RequestRow if variant in r.editions]
        if best is not None and len(best[2]) == len(data) == len(best[1]):
            break
        score, pairs = _align(data, labels_before, labels_after, [r.value for r in expected])
        if len(expected) == len(data):
            score += 1.5  # the row count itself is strong evidence for a variant
        if best is None or score > best[0] + 1e-9:
            best = (score, expected, pairs)
    assert best is not None
    _, expected, pairs = best
    single = RequestRow.OTHER_HANDLING in expected
    if single and edition is Edition.V2021:
        state.report(
            DiagnosticCode.OTHER_HANDLING_SINGLE_ROW,
            "table 三 prints （六）其他处理 as one row although the edition is 2021; "
            "kept as one row",
            cells=["requests.other_handling"],
        )
    pairs = _decided_pairs(state, data, labels_before, pending, pairs, expected, edition)
    assigned = {j: i for i, j in pairs}
    solved = _solve_runs(state, data, expected, assigned, edition)
    paired = {p[0] for p in pairs}
    for i, line in enumerate(data):
        if i not in paired:
            for s in line.slots:
                if s.blank and not s.raw.strip():
                    continue  # an empty cell: no number to lose
                state.report(
                    DiagnosticCode.UNPLACED_NUMBER,
                    f"table 三: {s.raw!r} (row labelled {line.label!r}) matches no row of the "
                    f"template",
                    s.location,
                    raw=s.raw,
                )
    rows: dict[str, ApplicantCounts] = {}
    short: dict[str, tuple[list[Slot], _Line]] = {}
    for j, member in enumerate(expected):
        path = f"requests.{member.key}"
        if j not in assigned:
            state.report(
                DiagnosticCode.ROW_NOT_FOUND,
                f"table 三 row {member.zh} ({member.key}) was not found",
                cells=[path],
            )
            rows[member.key] = ApplicantCounts.not_reported()
            continue
        line = data[assigned[j]]
        if line.label and similarity(line.label, member.zh) < 0.6:
            state.report(
                DiagnosticCode.LABEL_MISMATCH,
                f"table 三 row read as {member.key} by position; its label {line.label!r} "
                f"differs from {member.zh!r}",
                line.location,
            )
        slots = (
            solved[assigned[j]]
            if assigned[j] in solved
            else _columns(state, line, path, _WIDTH, subtotal=subtotal, subtotal_at=subtotal_at)
        )
        if len(slots) < _WIDTH:
            # placed once the other rows are read
            short[member.key] = ([s for s in slots if s is not None], line)
            rows[member.key] = ApplicantCounts.not_reported()
            continue
        rows[member.key] = ApplicantCounts.from_values(
            state.counts(_cell_paths(path, _APPLICANT_KEYS), _in_template_order(slots, order))
        )
    if short:
        shape = "single" if RequestRow.OTHER_HANDLING in expected else "breakdown"
        layout = checks_layout(edition, shape, False)
        found = {expected[j].key for j in assigned}
        known = _known_cells(
            state, {f"requests.{k}": r for k, r in rows.items() if k in found and k not in short}
        )
        for key, (values, line) in short.items():
            path = f"requests.{key}"
            paths = _cell_paths(path, _APPLICANT_KEYS)
            placed = _place_short_row(state, layout, known, path, paths, values, line)
            rows[key] = ApplicantCounts.from_values(
                state.counts(paths, _in_template_order(placed, order))
            )
    return Requests.from_rows(rows)


def _other_handling_printed(data: Sequence[_Line]) -> str | None:
    """How table 三 prints （六）其他处理 when its rows' labels say it and agree: ``"single"``
    when a row's label ends with （六）其他处理 itself, ``"breakdown"`` when one ends with a
    label of its edition-2021 rows (1.申请人无正当理由逾期不补正…) other than 3.其他, which
    other groups' labels end with too; ``None`` otherwise."""
    single = _template_profile(RequestRow.OTHER_HANDLING.zh)[0]
    parts = [
        _template_profile(r.zh)[0]
        for r in RequestRow
        if r.group is not None and r.group.key == RequestRow.OTHER_HANDLING.key
    ]
    parts = [p for p in parts if len(p) > len(single)]  # 3.其他: too short to tell
    found = set()
    for line in data:
        key = _found_profile(line.label)[0]
        if key.endswith(single):
            found.add("single")
        elif any(key.endswith(p) for p in parts):
            found.add("breakdown")
    return found.pop() if len(found) == 1 else None


def _join_fragments(
    lines: Sequence[RawLine], data: list[_Line], labels_before: list[list[str]]
) -> None:
    """Join, in place, a labelled row printed all blank at the end of one explicit table and
    the row without a label that opens the next: a converter cut the table there, leaving
    the label's numbers to the next fragment (``| （二）部分公开 | | … |`` then
    ``| | | 447 | 7 | … |``)."""
    i = 0
    while i + 1 < len(data):
        here, there = data[i], data[i + 1]
        if (
            here.explicit
            and there.explicit
            and here.label
            and not there.label
            and all(s.blank and not s.raw.strip() for s in here.slots)
            and any(not s.blank for s in there.slots)
            and lines[here.at].table != lines[there.at].table
        ):
            data[i] = there._replace(label=here.label, lead=())
            del data[i + 1]
            labels_before[i] = [*labels_before[i], *labels_before[i + 1]]
            del labels_before[i + 1]
        i += 1


_MAX_ORDERINGS = 5000
"""Placements of label-less rows in a stretch of the template the arithmetic tries at most."""


def _decided_pairs(
    state: _State,
    data: Sequence[_Line],
    labels_before: Sequence[Sequence[str]],
    last: Sequence[str],
    pairs: list[tuple[int, int]],
    expected: Sequence[RequestRow],
    edition: Edition,
) -> list[tuple[int, int]]:
    """``pairs`` (data row, template row) without the rows printed without a label that
    neither the template's row order nor the arithmetic places: between the labelled rows
    around them, a stretch of template rows as long as the label-less rows in it decides them
    (each in turn); so do as many template labels, standing as lines of their own among or
    around those rows (a converter's loose labels), in the template's order; else a longer
    stretch decides them only when exactly one placement satisfies the tables' rules (R1–R3,
    the stretch's other rows unknown). Each row left out is reported with the template rows
    it may be."""
    labelled = [(i, j) for i, j in pairs if data[i].label.strip()]
    loose = {i for i, _ in pairs if not data[i].label.strip()}
    if not loose:
        return pairs
    kept = [p for p in pairs if p[0] not in loose]
    bounds = [(-1, -1), *labelled, (len(data), len(expected))]
    shape = "single" if RequestRow.OTHER_HANDLING in expected else "breakdown"
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        rows = [i for i in range(i0 + 1, i1) if i in loose]
        slots = list(range(j0 + 1, j1))
        if not rows:
            continue
        if len(rows) == len(slots):
            kept += zip(rows, slots, strict=True)
            continue
        texts = [
            t for i in range(i0 + 1, i1 + 1) for t in (labels_before[i] if i < len(data) else last)
        ]
        named = _loose_labels(texts, slots, expected)
        if len(named) == len(rows):
            kept += zip(rows, named, strict=True)
            continue
        fits = (
            _orderings_that_add_up(state, data, kept, rows, slots, expected, edition, shape)
            if math.comb(len(slots), len(rows)) <= _MAX_ORDERINGS
            else []
        )
        if len(fits) == 1:
            kept += zip(rows, fits[0], strict=True)
            continue
        for n, i in enumerate(rows):
            possible = dict.fromkeys(
                at[n] for at in fits or itertools.combinations(slots, len(rows))
            )
            names = [expected[j].key for j in possible]
            state.report(
                DiagnosticCode.AMBIGUOUS_LAYOUT,
                f"table 三: a row of numbers without a label "
                f"({'/'.join(s.raw or '(blank)' for s in data[i].slots)}) stands where "
                f"{len(names)} template rows may be, and neither the row order nor the "
                "tables' sums tell which; its numbers are not placed",
                data[i].location,
                cells=[f"requests.{k}" for k in names],
                candidates=names,
            )
    return sorted(kept)


def _loose_labels(
    texts: Sequence[str], slots: Sequence[int], expected: Sequence[RequestRow]
) -> list[int]:
    """The template rows among ``slots`` that ``texts`` (lines of their own) name, each as
    the template prints it (its key ends the text's), in the order they stand; ``[]`` when
    they name one twice or out of the template's order."""
    named: list[int] = []
    for text in texts:
        key = _found_profile(text)[0]
        if not key:
            continue
        hits = [j for j in slots if key.endswith(_template_profile(expected[j].zh)[0])]
        if len(hits) > 1:
            # a label whose key ends another's (其他 of （六）3.其他): the longest
            longest = max(len(_template_profile(expected[j].zh)[0]) for j in hits)
            hits = [j for j in hits if len(_template_profile(expected[j].zh)[0]) == longest]
        if len(hits) != 1:
            continue
        if named and hits[0] <= named[-1]:
            return []
        named.append(hits[0])
    return named


def _orderings_that_add_up(
    state: _State,
    data: Sequence[_Line],
    kept: Sequence[tuple[int, int]],
    rows: Sequence[int],
    slots: Sequence[int],
    expected: Sequence[RequestRow],
    edition: Edition,
    shape: str,
) -> list[tuple[int, ...]]:
    """The placements of the label-less ``rows`` (in order) in the template ``slots`` under
    which every rule whose cells are all known holds (the rows of ``kept`` as paired, the
    other rows unknown); ``[]`` when some row is no full row of counts."""
    layout = checks_layout(edition, shape, False)
    index = {p: n for n, p in enumerate(layout.paths)}

    def counts(i: int) -> list[int] | None:
        line = data[i]
        if len(line.slots) != _WIDTH:
            return None
        out = []
        for s in line.slots:
            v = 0 if s.blank else _count_or_none(s)
            if v is None:
                return None
            out.append(v)
        return out

    base: list[int | None] = [None] * len(layout.paths)
    for i, j in kept:
        values = counts(i)
        if values is not None:
            for key, v in zip(_APPLICANT_KEYS, values, strict=True):
                base[index[f"requests.{expected[j].key}.{key}"]] = v
    mine = [counts(i) for i in rows]
    if any(v is None for v in mine):
        return []
    fits = []
    for at in itertools.combinations(slots, len(rows)):
        vector = list(base)
        for values, j in zip(mine, at, strict=True):
            for key, v in zip(_APPLICANT_KEYS, values or (), strict=True):
                vector[index[f"requests.{expected[j].key}.{key}"]] = v
        if all(
            sum(vector[n] or 0 for n in eq.parts) == sum(vector[n] or 0 for n in eq.whole)
            for eq in layout.equations
            if all(vector[n] is not None for n in (*eq.parts, *eq.whole))
        ):
            fits.append(at)
    return fits


def _in_template_order(slots: Sequence[Slot | None], order: list[int] | None) -> list[Slot | None]:
    """A table 三 row's cells as printed, in the template's column order (see
    :func:`_column_order`)."""
    if order is None:
        return list(slots)
    out = list(slots)
    for column, organisation in enumerate(order):
        out[1 + organisation] = slots[1 + column]
    return out


def _known_cells(state: _State, rows: dict[str, Any]) -> dict[str, int | None]:
    """The cells of ``rows`` (row path to its read cells) for the arithmetic that places a
    short row: a blank cell counts as 0, as it does in the tables' sums; a cell whose text was
    unreadable is unknown (``None``)."""
    unreadable = {
        c
        for d in state.diagnostics
        if d.code in (DiagnosticCode.UNREADABLE_NUMBER, DiagnosticCode.NEGATIVE_COUNT)
        for c in d.cells
    }
    known: dict[str, int | None] = {}
    for prefix, row in rows.items():
        for key in attrs.fields_dict(type(row)):
            path = f"{prefix}.{key}"
            value = getattr(row, key)
            known[path] = None if path in unreadable else (value or 0)
    return known


def _place_short_row(
    state: _State,
    layout: Any,
    known: dict[str, int | None],
    name: str,
    paths: Sequence[str],
    slots: Sequence[Slot],
    line: _Line,
    code: DiagnosticCode = DiagnosticCode.AMBIGUOUS_LAYOUT,
) -> list[Slot | None]:
    """A row printed with fewer values than its ``keys`` (its blank cells printed nothing, and
    nothing tells which): placed where the tables' arithmetic (``layout``'s equations: the
    row's own total, the table's column sums) allows exactly one placement of its values, in
    their order, the other cells blank; otherwise every cell is left not reported and the
    placements the arithmetic allows are listed. ``known`` holds the other rows' cells
    (:func:`_known_cells`); rows not in it are unknown, and a rule through them is not
    applied."""
    width = len(paths)
    values = [_count_or_none(s) for s in slots]
    unreadable = [s.raw for s, v in zip(slots, values, strict=True) if v is None and not s.blank]
    every = (*paths, *known) if layout is None else layout.paths
    index = {p: i for i, p in enumerate(every)}
    mine = {index[p] for p in paths}
    equations = [] if layout is None else layout.equations
    equations = [eq for eq in equations if mine & {*eq.parts, *eq.whole}]
    vector: list[int | None] = [known.get(p) for p in every]
    fits: list[tuple[int, ...]] = []
    for at in itertools.combinations(range(width), len(slots)):
        for p in paths:
            vector[index[p]] = 0  # a cell that printed nothing adds nothing
        for n, k in enumerate(at):
            # a blank mark adds nothing; an unreadable token is unknown
            vector[index[paths[k]]] = 0 if slots[n].blank else values[n]
        if all(
            sum(vector[i] or 0 for i in eq.parts) == sum(vector[i] or 0 for i in eq.whole)
            for eq in equations
            if all(vector[i] is not None for i in (*eq.parts, *eq.whole))
        ):
            fits.append(at)
    shown = "/".join(s.raw or "(blank)" for s in slots)
    short = len(name) + 1
    listed = [
        ", ".join(f"{paths[k][short:]}={slots[n].raw}" for n, k in enumerate(at))
        for at in fits[:_LISTED]
    ]
    if len(fits) == 1 and not unreadable:
        state.report(
            code,
            f"{name}: {len(slots)} values ({shown}) for {width} columns; placed where the "
            f"tables' sums put them, the one placement of {math.comb(width, len(slots))} that "
            "adds up; the other cells are blank",
            line.location,
            cells=[name],
            candidates=listed,
        )
        placed: list[Slot | None] = [None] * width
        for n, k in enumerate(fits[0]):
            placed[k] = slots[n]
        return placed
    if layout is None:
        why = f"{len(fits)} placements, and no rule ties the row's columns"
    elif fits:
        why = f"{len(fits)} placements add up (the tables' sums cannot tell which)"
    else:
        why = "no placement of them adds up"
    state.report(
        code,
        f"{name}: {len(slots)} values ({shown}) for {width} columns and nothing says which "
        f"columns they stand in: {why}; the row's cells are left not reported",
        line.location,
        cells=list(paths),
        raw=shown,
        candidates=listed,
    )
    return [None] * width


@cache
def _cell_paths(prefix: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The paths of a row's cells (registry data: formatted once per process)."""
    return tuple(f"{prefix}.{key}" for key in keys)


def _midpoints(line: _Line) -> tuple[float, ...] | None:
    """Where each value of a text line sits: the middle of its token, in characters."""
    mids = []
    for slot in line.slots:
        column = slot.location.column
        if column is None or slot.run:
            return None
        mids.append(column + len(slot.raw) / 2)
    return tuple(mids)


_Anchor = tuple[int, int | None, tuple[float, ...]]
"""A full row of a text table: its line index, its page, where each of its values sits."""


def _column_anchors(split: Sequence[_Line], width: int) -> list[_Anchor]:
    """Where the ``width`` columns of a text table stand, page by page (``pdftotext -layout``
    keeps columns by padding with spaces, and they shift from page to page): the rows that
    fill every column, or, on a page without one, the points where the page's values cluster
    when they make exactly ``width`` clusters."""
    anchors: list[_Anchor] = []
    by_page: dict[int | None, list[tuple[int, tuple[float, ...]]]] = {}
    for line in split:
        if line.explicit or not _is_data(line):
            continue
        mids = _midpoints(line)
        if mids is None:
            continue
        by_page.setdefault(line.location.page, []).append((line.at, mids))
        if len(mids) == width and all(a < b for a, b in itertools.pairwise(mids)):
            anchors.append((line.at, line.location.page, mids))
    for page, rows in by_page.items():
        if any(a[1] == page for a in anchors):
            continue
        # no full row on this page: the columns are where its values cluster, if they make
        # exactly ``width`` clusters
        clusters = _clusters(sorted(m for _, mids in rows for m in mids))
        if len(clusters) == width:
            at = rows[len(rows) // 2][0]
            anchors.append((at, page, tuple(statistics.median(c) for c in clusters)))
    return anchors


_CLUSTER_GAP = 3.5
"""Characters between neighbouring values of one text column at most (the middles of a
column's values stand within about three characters of each other in ``pdftotext -layout``
text, numbers of different widths being centred on a character grid; columns stand five or
more apart)."""


def _clusters(points: Sequence[float]) -> list[list[float]]:
    """Sorted ``points`` grouped where they stand within :data:`_CLUSTER_GAP` of the next."""
    groups: list[list[float]] = []
    for p in points:
        if groups and p - groups[-1][-1] <= _CLUSTER_GAP:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _place_by_columns(state: _State, line: _Line, anchors: Sequence[_Anchor], width: int) -> _Line:
    """``line`` with blank cells where its text leaves a column empty, its values placed under
    the nearest anchor of :func:`_column_anchors` on its page; ``line`` unchanged when its
    values do not sit clearly under distinct columns (then the usual readings apply)."""
    mids = _midpoints(line)
    page = line.location.page
    near = [a for a in anchors if a[1] == page]
    if mids is None or line.explicit or not near:
        return line
    _, _, columns = min(near, key=lambda a: abs(a[0] - line.at))
    gaps = [b - a for a, b in itertools.pairwise(columns)]
    # nearest column, and as near it as the values of one column stand to each other
    tolerance = min(0.6 * sum(gaps) / len(gaps), _CLUSTER_GAP)
    placed: list[Slot | None] = [None] * width
    last = -1
    for slot, mid in zip(line.slots, mids, strict=True):
        k = min(range(width), key=lambda c: abs(columns[c] - mid))
        if k <= last or abs(columns[k] - mid) > tolerance:
            return line
        placed[k] = slot
        last = k
    if not _adds_up(placed):
        return line  # the row's total says the positions mislead: the arithmetic decides
    state.report(
        DiagnosticCode.LAYOUT_COLUMNS,
        f"table 三: {len(line.slots)} values for {width} columns, placed under their columns "
        "by where they stand in the text, as the values of the rows around them stand; the "
        "other cells are blank",
        line.location,
    )
    return line._replace(
        slots=tuple(s if s is not None else Slot("", line.location, blank=True) for s in placed)
    )


def _adds_up(placed: Sequence[Slot | None]) -> bool:
    """Whether a row's cells as placed add up (R3: the last is the sum of the others), a
    blank cell adding nothing; not when a value is unreadable."""
    values = [None if s is None or s.blank else _count_or_none(s) for s in placed]
    if any(
        v is None and s is not None and not s.blank for v, s in zip(values, placed, strict=True)
    ):
        return False
    return sum(v or 0 for v in values[:-1]) == (values[-1] or 0)


def _stream_rows(state: _State, stream: Sequence[_Line], width: int) -> list[_Line]:
    """Rows from a stream of values printed one or a few per line (``pdftotext`` without
    ``-layout``). Values come row by row, or column by column for a block of rows; the
    reading chosen is the one whose rows add up (R3: the last cell is the sum of the others).
    """
    slots = [s for line in stream for s in line.slots]
    values = [_count_or_none(s) for s in slots]
    n = len(slots)
    if n % width:
        state.report(
            DiagnosticCode.RAGGED_VALUES,
            f"table 三: {n} values printed one per line is not a whole number of rows of {width}",
            stream[0].location,
        )

    def adds_up(row: Sequence[int | None]) -> bool:
        return sum(v or 0 for v in row[:-1]) == (row[-1] or 0)

    # best[i]: (rows that do not add up, column blocks used, plan) for the first i values;
    # on a tie, row by row wins (identical rows, such as all zeros, read the same either way)
    best: dict[int, tuple[int, int, list[tuple[int, int, bool]]]] = {0: (0, 0, [])}
    for i in range(0, n - width + 1, width):
        if i not in best:
            continue
        bad, blocks, plan = best[i]
        for k in range(1, (n - i) // width + 1):
            size = k * width
            chunk = values[i : i + size]
            by_rows = [chunk[r * width : (r + 1) * width] for r in range(k)]
            by_columns = [[chunk[c * k + r] for c in range(width)] for r in range(k)]
            for transposed, rows in ((False, by_rows), (True, by_columns)):
                if k == 1 and transposed:
                    continue
                if k > 1 and not transposed:
                    continue  # row by row is k blocks of one row
                cost = (
                    bad + sum(not adds_up(r) for r in rows),
                    blocks + transposed,
                    [*plan, (i, k, transposed)],
                )
                j = i + size
                if j not in best or cost[:2] < best[j][:2]:
                    best[j] = cost
    end = max(best)
    _, _, plan = best[end]
    out: list[_Line] = []
    for start, k, transposed in plan:
        for r in range(k):
            if transposed:
                picked = [slots[start + c * k + r] for c in range(width)]
            else:
                picked = slots[start + r * width : start + (r + 1) * width]
            out.append(_Line(stream[0].at, "", tuple(picked), picked[0].location, False))
        if transposed:
            state.report(
                DiagnosticCode.COLUMN_MAJOR,
                f"table 三: {k} rows printed column by column were read as a block (their "
                f"totals add up)",
                slots[start].location,
            )
    for s in slots[end:]:
        state.report(
            DiagnosticCode.UNPLACED_NUMBER,
            f"table 三: {s.raw!r} fits no row",
            s.location,
            raw=s.raw,
        )
    return out


def _is_run(state: _State, line: _Line) -> bool:
    """A row printed as one digit run (its cells lost their separators)."""
    if len(line.slots) != 1:
        return False
    slot = line.slots[0]
    return slot.run or (state.glued and slot.raw.isdigit() and len(slot.raw) >= _WIDTH)


def _solve_runs(
    state: _State,
    data: Sequence[_Line],
    expected: Sequence[RequestRow],
    assigned: dict[int, int],
    edition: Edition,
) -> dict[int, list[Slot | None]]:
    """Split every digit run of table 三 at once, so that row totals (R3), column rules
    (R1, R2) and the figures the narrative states all constrain the splits.

    A table without a run (the usual one) has nothing to split and nothing to say: the rows
    are not gathered for the splitter then, which would be all this does."""
    if not any(_is_run(state, data[i]) for i in assigned.values()):
        return {}
    runs: dict[str, str | list[int | None]] = {}
    indexes: dict[str, int] = {}
    unsplittable: dict[int, list[Slot | None]] = {}
    for j, member in enumerate(expected):
        i = assigned.get(j)
        if i is not None and _is_run(state, data[i]):
            if not _splittable(state, data[i].slots[0], f"requests.{member.key}", _WIDTH):
                runs[member.key] = [None] * _WIDTH
                unsplittable[i] = [None] * _WIDTH
                continue
            runs[member.key] = _digits(data[i].slots[0].raw)
            indexes[member.key] = i
        elif i is not None and len(data[i].slots) == _WIDTH:
            runs[member.key] = [_count_or_none(s) for s in data[i].slots]
        else:
            runs[member.key] = [None] * _WIDTH
    if not indexes:
        return unsplittable
    solution = splitter.solve_requests(runs, edition=edition, known=state.known)
    out: dict[int, list[Slot | None]] = dict(unsplittable)
    checked = solution.satisfiable or not solution.complete
    if not checked:
        first = data[min(indexes.values())].slots[0]
        state.report(
            DiagnosticCode.DIGITS_SPLIT_UNCHECKED,
            "table 三: no split of its digit runs satisfies R1 and R2, so a cell may be blank "
            "(printing nothing) or misprinted; each run was split by its own row's total (R3) "
            "alone: check them against the source",
            first.location,
            cells=[f"requests.{key}" for key in indexes],
        )
    for key, i in indexes.items():
        slot = data[i].slots[0]
        row = solution.rows[key]
        values = row.values
        path = f"requests.{key}"
        if values is not None:
            state.report(
                DiagnosticCode.DIGITS_SPLIT,
                f"{path}: the run {slot.raw!r} split as {'/'.join(map(str, values))}"
                + ("" if checked else ", the one way its row adds up (R3)"),
                slot.location,
                raw=slot.raw,
            )
            out[i] = [Slot(str(v), slot.location) for v in values]
        elif not row.candidates:
            _no_split(state, path, slot)
            out[i] = [None] * _WIDTH
        else:
            agreed = _agreed(row) or [None] * _WIDTH
            rules = "the table's rules" if checked else "its row's total (R3)"
            state.report(
                DiagnosticCode.AMBIGUOUS_DIGITS,
                f"{path}: the run {slot.raw!r} has {len(row.candidates)} splits that satisfy "
                f"{rules}; {_kept(agreed)}",
                slot.location,
                raw=slot.raw,
                candidates=_listed(row.candidates),
            )
            out[i] = [None if v is None else Slot(str(v), slot.location) for v in agreed]
    return out


_LISTED = 100
"""Candidate splits a diagnostic lists at most (all of them but for a run of many cells)."""


def _listed(candidates: Sequence[Sequence[object]]) -> list[str]:
    return ["/".join(map(str, c)) for c in candidates[:_LISTED]]


def _no_split(state: _State, prefix: str, slot: Slot) -> None:
    state.report(
        DiagnosticCode.UNREADABLE_RUN,
        f"{prefix}: no split of the run {slot.raw!r} satisfies the table's rules (a cell may be "
        "blank, printing nothing, or misprinted); its cells are left not reported",
        slot.location,
        raw=slot.raw,
    )


_TemplateIndex = tuple[list[tuple[str, frozenset[str]]], dict[str, list[int]], list[int]]


@cache
def _template_index(labels: tuple[str, ...]) -> _TemplateIndex:
    """The template labels' profiles, which labels hold each character bigram, and the labels
    whose key is too short to have one (registry data: computed once per process)."""
    profiles = [_template_profile(label) for label in labels]
    holders: dict[str, list[int]] = {}
    for j, (_, grams) in enumerate(profiles):
        for gram in grams:
            holders.setdefault(gram, []).append(j)
    short = [j for j, (key, _) in enumerate(profiles) if len(key) < 2]
    return profiles, holders, short


def _score_row(text: str, index: _TemplateIndex) -> list[float]:
    """``[similarity(text, label) for label in labels]`` for the template labels of ``index``,
    worked out only for the labels that share a character bigram with ``text``: one sharing
    none scores 0 (a key of two or more characters contained in ``text`` shares all its
    bigrams with it).

    The bigrams each label shares with ``text`` are counted from the index (a label holds a
    bigram once, so the count is ``len(a & b)``), and containment is tested only for a label
    that shares all its bigrams (``e in f`` needs every bigram of ``e`` in ``f``; a key of
    one character has none, so it is always tested)."""
    profiles, holders, short = index
    scores = [0.0] * len(profiles)
    f, a = _found_profile(text)
    if not f:
        return scores
    shared = dict.fromkeys(short, 0)  # label -> how many bigrams it shares with ``text``
    count = shared.get
    for gram in a:
        for j in holders.get(gram, ()):
            shared[j] = count(j, 0) + 1
    together = len(a)
    for j, k in shared.items():
        e, b = profiles[j]
        if not e:
            continue
        if k == len(b) and e in f:
            scores[j] = 0.6 + 0.4 * len(e) / len(f)
        elif a and b:
            scores[j] = 0.8 * 2 * k / (together + len(b))
    return scores


def _align(
    data: Sequence[_Line],
    before: Sequence[Sequence[str]],
    after: Sequence[Sequence[str]],
    expected: Sequence[Row],
) -> tuple[float, list[tuple[int, int]]]:
    """Monotone alignment of data rows to template rows (Needleman–Wunsch, no gap cost)."""
    n, m = len(data), len(expected)
    index = _template_index(tuple(e.zh for e in expected))
    scored: dict[str, list[float]] = {}

    def scores(text: str) -> list[float]:
        found = scored.get(text)
        if found is None:
            found = scored[text] = _score_row(text, index)
        return found

    zero = [0.0] * m
    sims = []
    for i, line in enumerate(data):
        # A row's own label may speak against a pairing; text between rows (which belongs
        # to one of its two neighbours, we cannot tell which) only adds a bonus.
        own = scores(line.label) if line.label.strip() else zero
        near = [scores(t) for t in (" ".join(before[i][-2:]), " ".join(after[i][:2])) if t.strip()]
        best_near = list(map(max, *near)) if len(near) == 2 else near[0] if near else zero
        top = max(own)
        sims.append([0.3 + o - top + 0.25 * b for o, b in zip(own, best_near, strict=True)])
    dp = [[0.0] * (m + 1)]
    for sim in sims:
        # each cell takes the best of up, left and diagonal (up first, then left, on a tie)
        above = dp[-1]
        left = 0.0
        here = [left]
        for up, corner, s in zip(above[1:], above[:-1], sim, strict=True):
            diagonal = corner + s
            left = up if up >= left and up >= diagonal else left if left >= diagonal else diagonal
            here.append(left)
        dp.append(here)
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        if dp[i][j] == dp[i - 1][j - 1] + sims[i - 1][j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif dp[i][j] == dp[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return dp[n][m], pairs[::-1]


def _without_padding(slots: list[Slot], width: int) -> list[Slot]:
    """``slots`` without the blank cells past the table's ``width`` at their end: an explicit
    table wider than the row (Markdown's ``| 2418 | | |`` under a wider header) pads it."""
    end = len(slots)
    while end > width and slots[end - 1].blank and not slots[end - 1].raw.strip():
        end -= 1
    return slots if end == len(slots) else slots[:end]


def _with_lead(line: _Line, width: int) -> list[Slot]:
    """The slots of ``line``, with the blank cells before its first value counted as cells
    when the row needs exactly that many to fill the table's ``width`` (an explicit row whose
    first columns are blank: ``（一）予以公开 | | 12 | … | 12``)."""
    slots = list(line.slots)
    need = width - len(slots)
    if 0 < need <= len(line.lead):
        slots[:0] = line.lead[-need:]
    return slots


def _columns(
    state: _State,
    line: _Line,
    path: str,
    width: int,
    *,
    subtotal: bool = False,
    subtotal_at: int | None = None,
) -> list[Slot | None]:
    """The slots of a data row mapped to its ``width`` columns (digit runs are split before,
    table-wide, by :func:`_solve_runs`); fewer than ``width`` when the row has fewer values
    and nothing says which columns they stand in (see :func:`_place_short_row`)."""
    full = width if subtotal_at is None else width + 1  # with the subtotal's cell
    slots = _without_padding(_with_lead(line, full), full)
    if len(slots) == width:
        return list(slots)
    if len(slots) == width + 1 and subtotal_at is not None:
        state.report(
            DiagnosticCode.SUBTOTAL_COLUMN,
            f"{path}: a 法人或其他组织 subtotal column was dropped",
            slots[subtotal_at].location,
            raw=slots[subtotal_at].raw,
        )
        return [*slots[:subtotal_at], *slots[subtotal_at + 1 :]]
    if len(slots) == width + 1 and subtotal:
        # no header says where the subtotal stands: the usual place, after 自然人, when the
        # value there is the sum of the next five
        values = [_count_or_none(s) for s in slots]
        if (
            values[1] is not None
            and all(v is not None for v in values[2:7])
            and values[1] == sum(v or 0 for v in values[2:7])
        ):
            state.report(
                DiagnosticCode.SUBTOTAL_COLUMN,
                f"{path}: a 法人或其他组织 subtotal column was dropped",
                slots[1].location,
                raw=slots[1].raw,
            )
            return [slots[0], *slots[2:]]
    if len(slots) > width:
        for s in slots[width:]:
            state.report(
                DiagnosticCode.UNPLACED_NUMBER,
                f"{path}: {s.raw!r} is beyond the table's {width} columns",
                s.location,
                raw=s.raw,
            )
        return list(slots[:width])
    # fewer values than columns: placed by the tables' arithmetic once every row is read
    return list(slots)


_SUBTOTAL_WORDS = ("小计", "合计")


_ORGANISATIONS = tuple(a.zh for a in Applicant)[1:6]
"""Table 三's five organisation columns, in the template's order."""


def _organisation_columns(label: str) -> list[int] | None:
    """Where a header line (its label text) names each organisation column, in the
    template's order; ``None`` unless it names all five once (其他 counted apart from the
    法人或其他组织 over them)."""
    # a header cell's name may wrap onto two lines (商业企 业)
    text = label.replace(" ", "").replace(ORGANISATIONS_HEADER, "#" * len(ORGANISATIONS_HEADER))
    if any(text.count(name) != 1 for name in _ORGANISATIONS):
        return None
    return [text.find(name) for name in _ORGANISATIONS]


def _subtotal_row_keys(split: Sequence[_Line]) -> frozenset[str]:
    """Label keys of table 三 rows that are a group's subtotal, not the template's: 小计, and
    合计 when a 总计 row is there too (else 合计 may be the table's own total row)."""
    keys = {_found_profile(line.label)[0] for line in split if line.slots}
    has_total = any(key.endswith("总计") for key in keys)
    return frozenset({"小计", "合计"} if has_total else {"小计"})


def _subtotal_at(split: Sequence[_Line]) -> int | None:
    """Where table 三 prints a 法人或其他组织 subtotal column, as an index among a row's values:
    1 when its header names it before the organisations (``小计 商业企业 …``), 6 after them
    (``… 法律服务机构 其他 小计``); ``None`` when no header line names one beside the
    organisations' columns."""
    for line in split:
        if line.slots:
            continue  # a header line has no values
        label = line.label.replace(" ", "")  # as _organisation_columns reads it
        at = next((label.find(w) for w in _SUBTOTAL_WORDS if w in label), -1)
        columns = _organisation_columns(label)
        if at < 0 or columns is None:
            continue
        if at < min(columns):
            return 1
        if at > max(columns):
            return 6
    named = any(w in line.label for line in split if not line.slots for w in _SUBTOTAL_WORDS)
    return _subtotal_by_sums(split) if named else None


def _subtotal_by_sums(split: Sequence[_Line]) -> int | None:
    """Where the subtotal column stands when a header names 小计 but not where (its words
    wrapped over the header's lines): the one place, before or after the organisations, where
    in every full row the value is the sum of the five organisations' values; ``None`` when
    neither or both fit."""
    rows = [
        values
        for line in split
        if len(line.slots) == _WIDTH + 1 and (values := _all_counts(line.slots)) is not None
    ]
    fits = [
        at
        for at in (1, 6)
        if rows
        and all(
            row[at] == sum(v for k, v in enumerate(row[1:7], start=1) if k != at) for row in rows
        )
    ]
    return fits[0] if len(fits) == 1 else None


def _column_order(state: _State, split: Sequence[_Line]) -> list[int] | None:
    """The template index of the organisation printed in each of the five organisation
    columns, when a header line prints them in another order than the template's (said in a
    diagnostic); ``None`` when in the template's order or not told by a header."""
    for line in split:
        if line.slots:
            continue
        columns = _organisation_columns(line.label)
        if columns is None:
            continue
        order = sorted(range(len(columns)), key=lambda k: columns[k])
        if order == sorted(order):
            return None
        state.report(
            DiagnosticCode.COLUMN_ORDER,
            "table 三 prints its organisation columns in another order than the template's ("
            + "、".join(_ORGANISATIONS[k] for k in order)
            + "); each value was read under the column its header names",
            line.location,
        )
        return order
    return None


def _count_or_none(slot: Slot) -> int | None:
    try:
        return parse_count(slot.raw)
    except ValueError:
        return None


# --- table 四 ----------------------------------------------------------------------------------

_BLOCK_WIDTH = len(ReviewResult)
_RESULT_KEYS = tuple(r.key for r in ReviewResult)


def _review(
    state: _State, lines: Sequence[RawLine], region: Sequence[int] | None
) -> ReviewLitigation | None:
    if region is None:
        return None
    split = _region_lines(state, lines, region)
    width = _BLOCK_WIDTH * len(ReviewBlock)
    data = [line for line in split if _is_data(line)]
    if not data:
        blank = next((x for x in split if not x.slots and len(x.lead) >= width), None)
        if blank is None:
            return None
        data = [blank._replace(slots=blank.lead[-width:])]  # a data row printed all blank
    slots: list[Slot | None]
    if state.glued and len(data) == 1 and not data[0].explicit:
        data = [data[0]._replace(slots=tuple(_gathered_run(state, data[0].slots, width)))]
    if len(data) == 1 and len(data[0].slots) == 1 and data[0].slots[0].run:
        slot = data[0].slots[0]
        if _splittable(state, slot, "review_litigation", width):
            solution = splitter.solve_review(_digits(slot.raw))
            slots = list(_slots_from_solution(state, solution, "review_litigation", slot, width))
        else:
            slots = [None] * width
    else:
        if len(data) > 1:
            data = _without_stray_number(state, data, width)
        slots = (
            list(_with_lead(data[0], width))
            if len(data) == 1
            else [s for line in data for s in line.slots]
        )
        if (
            len(data) == 1
            and len(slots) != width
            and not data[0].explicit
            and data[0].cells >= width
        ):
            slots = _by_position(state, lines[data[0].at], width)
        elif len(slots) > width:
            for s in slots[width:]:
                if s is not None and not s.blank:  # blank cells past the table: padding
                    state.report(
                        DiagnosticCode.UNPLACED_NUMBER,
                        f"table 四: {s.raw!r} is beyond its {width} columns",
                        s.location,
                        raw=s.raw,
                    )
            slots = slots[:width]
        elif len(slots) == len(ReviewBlock) and _totals_only(split):
            state.report(
                DiagnosticCode.AMBIGUOUS_LAYOUT,
                "table 四: its header names only each block's 总计, and 3 values follow: read "
                "as the three totals, the results not reported",
                data[0].location,
            )
            results: list[Slot | None] = [None] * (_BLOCK_WIDTH - 1)
            slots = [cell for total in slots for cell in (*results, total)]
        elif len(slots) < width:
            flat = [
                p
                for b in ReviewBlock
                for p in _cell_paths(f"review_litigation.{b.key}", _RESULT_KEYS)
            ]
            slots = _place_short_row(
                state,
                checks_layout(Edition.V2021, None, True),
                {},
                "review_litigation",
                flat,
                [s for s in slots if s is not None],
                data[0],
            )
    blocks = {}
    for b, block in enumerate(ReviewBlock):
        cells = slots[b * _BLOCK_WIDTH : (b + 1) * _BLOCK_WIDTH]
        paths = _cell_paths(f"review_litigation.{block.key}", _RESULT_KEYS)
        blocks[block.key] = ResultCounts.from_values(state.counts(paths, cells))
    if len(data) > 1:
        _check_gathered(state, blocks, data)
    return ReviewLitigation(**blocks)


def _totals_only(split: Sequence[_Line]) -> bool:
    """Whether table 四's header names each block's 总计 and none of its results (a table
    printed with the totals only)."""
    header = " ".join(line.label for line in split if not line.slots)
    return header.count("总计") >= len(ReviewBlock) and not any(
        r.zh in header for r in ReviewResult if r is not ReviewResult.TOTAL
    )


def _without_stray_number(state: _State, data: list[_Line], width: int) -> list[_Line]:
    """Table 四's data lines without a number on a line of its own that is none of its cells
    (a page number between the header and the values, or among values printed one per line),
    when there is one number too many and leaving out exactly one such number makes every
    block add up (R4); the number is reported. Otherwise ``data`` as it is."""
    slots = [s for line in data for s in line.slots]
    if len(slots) != width + 1:
        return data
    lone = [k for k, line in enumerate(data) if len(line.slots) == 1 and not line.label]
    fits = [
        k
        for k in lone
        if _blocks_add_up([s for m, x in enumerate(data) if m != k for s in x.slots])
    ]
    if len(fits) != 1:
        return data
    (k,) = fits
    stray = data[k].slots[0]
    state.report(
        DiagnosticCode.UNPLACED_NUMBER,
        f"table 四: {stray.raw!r}, alone on its line, is none of its cells (a page number?): "
        "without it every block adds up",
        stray.location,
        raw=stray.raw,
    )
    return [line for m, line in enumerate(data) if m != k]


def _blocks_add_up(slots: Sequence[Slot]) -> bool:
    """Whether table 四's values, in order, make blocks whose results add up to their totals
    (R4), with no cell blank."""
    values = _all_counts(slots)
    if values is None:
        return False
    blocks = [values[b : b + _BLOCK_WIDTH] for b in range(0, len(values), _BLOCK_WIDTH)]
    return all(sum(block[:-1]) == block[-1] for block in blocks)


def _all_counts(slots: Sequence[Slot]) -> list[int] | None:
    """The counts of ``slots``, or ``None`` if any is blank or unreadable."""
    values = []
    for slot in slots:
        value = _count_or_none(slot)
        if value is None:
            return None
        values.append(value)
    return values


def _check_gathered(state: _State, blocks: dict[str, ResultCounts], data: Sequence[_Line]) -> None:
    """Warn when table 四's values, gathered from several lines in reading order, break a
    block's total: either the report is wrong or the text interleaves the blocks (``pdftotext``
    without ``-layout`` reads a wide table column by column), and the reader cannot tell."""
    broken = []
    for key, counts in blocks.items():
        values = [getattr(counts, r.key) for r in ReviewResult]
        if None not in values and sum(values[:-1]) != values[-1]:
            broken.append(key)
    if broken:
        state.report(
            DiagnosticCode.AMBIGUOUS_LAYOUT,
            f"table 四: its values were gathered from {len(data)} lines in reading order, and "
            f"{', '.join(broken)} do not add up to their totals: the report may be wrong, or "
            "the text may interleave the blocks (as text extracted column by column does); "
            "read in order, check them against the source",
            data[0].location,
            cells=[f"review_litigation.{key}" for key in broken],
        )


def _by_position(state: _State, line: RawLine, width: int) -> list[Slot | None]:
    """Table 四's data row read by cell position (tab-separated text keeps empty cells)."""
    cells = list(line.cells)
    out: list[Slot | None] = []
    numbers = 0
    for cell in cells[:width]:
        text = normalise(cell.text)
        if text == "":
            out.append(None)
        else:
            numbers += 1
            out.append(Slot(text, cell.location, blank=text in _BLANKS))
    out += [None] * (width - len(out))
    extra = [c for c in cells[width:] if normalise(c.text)]
    total = numbers + len(extra)
    reading = "; ".join(
        f"{block.key} "
        + "/".join(
            "—" if s is None else s.raw for s in out[b * _BLOCK_WIDTH : (b + 1) * _BLOCK_WIDTH]
        )
        for b, block in enumerate(ReviewBlock)
    )
    state.report(
        DiagnosticCode.AMBIGUOUS_LAYOUT,
        f"table 四: the data row has {total} numbers under {width} columns; read by cell position "
        f"({reading})" + (f"; {len(extra)} number(s) beyond the last column" if extra else ""),
        line.location,
        cells=["review_litigation"],
        candidates=["by position (chosen)", "from the left (行政复议 first)"],
    )
    for c in extra:
        state.report(
            DiagnosticCode.UNPLACED_NUMBER,
            f"table 四: {c.text!r} lies beyond the last column",
            c.location,
            raw=c.text,
        )
    return out
