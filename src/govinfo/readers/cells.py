"""Reading: a raw line split into its label text and its value slots (:func:`_split_line`, giving
a :class:`_Line`): the numbers, blank cells and unreadable cells kept in their places, digits
stuck to a label in run-together text taken as a run, a sentence with numbers told from a row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from govinfo._text import nfkc
from govinfo.readers.numbers import _BLANK_MARK, _BLANKS, _SIGNS, Slot, SlotLike, _is_value
from govinfo.readers.raw import Location, RawCell, RawLine, location_of

_GLUED = re.compile(
    r"(?<=[^\d\s.,+\-—/])"
    rf"(\d[\d.,]*(?:[—/]+\d[\d.,]*)*(?:[-+]\d[\d.,]*)?(?:万元|元)?(?:{_BLANK_MARK})*)$"
)
"""Digits stuck to the end of a label in run-together text: the row's cells, one of which may
carry a sign (edition 2019's 本年增/减: ``行政事业性收费35-15`` is 35 and −15), the last of
which may carry its unit (``政府集中采购6251000元``); blank marks for its last cells may follow
(``行政事业性收费3-``: 3, and a blank), and blank marks may stand between its digits
(``2171————218``: a run the splitter cannot take, reported whole rather than its end alone)."""


class _Line(NamedTuple):
    """A raw line split into label text and value slots."""

    at: int
    """Index of the line in the report's lines."""
    label: str
    slots: tuple[SlotLike, ...]
    where: Location | RawLine | RawCell
    """Where the line was read: its :class:`Location`, or what has it (the raw line it was
    split from, for a line of :func:`_split_line`)."""
    lead: tuple[SlotLike, ...] = ()
    """An explicit row's blank cells before its first value and after its label, if any (all
    of them when it has no value): real cells or layout, which only the table's width can
    tell."""
    prose: bool = False
    """A sentence with numbers in it, not a table row: see :func:`_is_prose`."""
    withheld: str = ""
    """Why the row's values are not read as its cells (a row of values printed one per line
    that a value too many or too few may have shifted), or ``""``."""

    @property
    def location(self) -> Location:
        return location_of(self.where)

    # worked out from the raw line rather than kept: a table region of thousands of rows
    # holds a located line for each
    @property
    def explicit(self) -> bool:
        """From a format with explicit table cells (so blank cells are real blanks)."""
        where = self.where
        return isinstance(where, RawLine) and where.table is not None

    @property
    def cells(self) -> int:
        """How many cells its raw line has (0 for a row made of values of several lines)."""
        where = self.where
        return len(where.cells) if isinstance(where, RawLine) else 0


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

_LABEL_WORDS = re.compile(
    r"(?>(?:[\u4e00-\u9fff](?<![零一二三四五六七八九十百千无])|[\s,.:;()、。“”《》])+)"
)
"""Text whose every word is label text for :func:`_split_line` (the usual label cell, read
without looking at each word): Chinese characters other than numerals and 无 (a blank mark),
whitespace and punctuation that no number, blank mark or cell-like word holds alone
(:func:`_is_value`, :data:`_GLUED`, :func:`_stands_for_cell` take none of its words)."""


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
    values: list[SlotLike] = []
    pending_blanks: list[SlotLike] = []
    lead: list[SlotLike] = []
    doubtful = 0  # words read as cells by _stands_for_cell before any label text

    def take(text: str, loc: Location | RawCell, shown: str) -> None:
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
            at = _shifted(loc if isinstance(loc, Location) else loc.location, stuck.start())
            values.append(Slot(stuck.group(1), at, run=True))
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
            if cell.cell is not None and cell.cell == previous_column:
                continue  # a merged cell's copy to the right of it: one cell, read once
            previous_column = cell.cell or 0
        raw = cell.text
        if raw.isdigit() and raw.isascii():
            # the commonest cell, a count as printed: its own normal form (ASCII, no spaces), a
            # value (_NUMBER takes any run of digits) and no blank mark; handled as below
            if pending_blanks:
                values.extend(pending_blanks)
                pending_blanks = []
            values.append(cell)  # the cell is its slot: no object of its own (see SlotLike)
            continue
        text = " ".join(cell_wide.split())  # normalise(raw), from the NFKC form needed below
        if text == raw:
            text = raw  # the cell's own string, not an equal copy kept in the row's label
        if text and (_is_value(text) or _SPACED_SIGN.fullmatch(text)):
            if pending_blanks:
                values.extend(pending_blanks)
                pending_blanks = []
            shown, blank = raw.strip(), text in _BLANKS
            values.append(cell if shown == raw and not blank else Slot(shown, cell, blank))
            continue
        if explicit or not text:
            take(text, cell, raw.strip())
            continue
        # a text cell: its words, each a token (a word of a label needs no location)
        if _LABEL_WORDS.fullmatch(cell_wide):
            # only Chinese words and punctuation: label words all, as the loop below finds
            words = cell_wide.split()
            label_parts += words
            if values:
                trailing += words
            continue
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
        where=line,
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


def _is_data(line: _Line) -> bool:
    """A line with values: numbers, or blank marks beside a label (a row of blanks without any
    label is a placeholder, not data)."""
    return bool(line.slots) and (bool(line.label) or any(not s.blank for s in line.slots))
