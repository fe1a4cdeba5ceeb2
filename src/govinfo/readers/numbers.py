"""Reading: printed numbers. What a cell's token is (a count, an amount, a blank mark) and its
value: :func:`parse_count`, :func:`parse_money`, :func:`_is_value`; :class:`Slot`, one value
position of a row as the later stages carry it (:data:`SlotLike`: a slot, or the raw cell
itself when it is read as printed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple, TypeAlias

from govinfo.readers.normal import normalise
from govinfo.readers.raw import Location, RawCell, location_of

_BLANKS = frozenset({"/", "-", "—", "——", "–", "无", "－", "--", "―"})
_NUMBER = re.compile(r"^[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
"""A printed number: optional sign (table 二's 本年增/减), thousands separators, decimals; in
ASCII digits (full-width ones are ASCII after NFKC; the digits of other scripts are none)."""
_SPACED_DIGITS = re.compile(r"(?<![0-9])(?>[0-9]+(?: [0-9]+)+)")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?>(?: [0-9]{3})+)")


def _without_spaces(token: str, raw: str) -> str:
    """``token`` (normalised) without its spaces; a space between two digits is allowed only
    as a thousands separator (``557 148 476``), else :class:`ValueError`: ``20 7`` may be two
    cells, or a cell and a note, and is not read as 207. Decimals have no thousands
    separators: ``1085.0 001`` is not 1085.0001."""
    if " " not in token:
        return token
    for run in _SPACED_DIGITS.finditer(token):
        if not _THOUSANDS.fullmatch(run.group()) or token[run.start() - 1 : run.start()] == ".":
            raise ValueError(f"spaces inside a number, not as thousands separators: {raw!r}")
    return token.replace(" ", "")


_BLANK_MARK = r"——|[-—/–－]"
"""One blank cell's mark inside run-together text (the marks of :data:`_BLANKS` that a run
can hold)."""


class Slot(NamedTuple):
    """One value position of a data row: the raw token and where; ``blank`` when not reported.

    (A named tuple rather than an attrs class: a report has hundreds, made on the hot path.)
    """

    raw: str
    where: Location | RawCell
    """Where the token was read: its :class:`Location`, or the raw cell it is (whose location
    is built only when asked for: most slots' never are)."""
    blank: bool = False
    run: bool = False
    """The token is a run of digits from several cells that lost their separators."""

    @property
    def location(self) -> Location:
        return location_of(self.where)


SlotLike: TypeAlias = "Slot | RawCell"
"""A value position of a row: a :class:`Slot`, or the raw cell itself where the cell is the
value as printed (its text the token, not blank, no run): the commonest cell, a count in ASCII
digits, needs no object of its own (a table region of thousands of rows holds one for each of
their values; see :class:`~govinfo.readers.raw.RawCell`)."""


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


def _with_raw(slot: SlotLike, raw: str) -> Slot:
    """``slot`` with its token ``raw`` (``Slot._replace(raw=raw)`` for a slot or a cell)."""
    return Slot(raw, slot.where, slot.blank, slot.run)


def _count_or_none(slot: SlotLike) -> int | None:
    try:
        return parse_count(slot.raw)
    except ValueError:
        return None


def _all_counts(slots: Sequence[SlotLike]) -> list[int] | None:
    """The counts of ``slots``, or ``None`` if any is blank or unreadable."""
    values = []
    for slot in slots:
        value = _count_or_none(slot)
        if value is None:
            return None
        values.append(value)
    return values
