"""Text helpers shared by the readers and the narrative (internal)."""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["RAISED_NOTE_MARK", "chinese_number", "nfkc", "without_marks"]

_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_COMMON_WIDE = tuple((c, chr(ord(c) - 0xFEE0)) for c in "，（）；：")
"""The full-width forms Chinese prose is full of, each with its ASCII form: ``str.replace``
maps them without a Python call per character."""


def _ascii(m: re.Match[str]) -> str:
    c = m.group()
    return " " if c == "\u3000" else chr(ord(c) - 0xFEE0)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, several times faster on Chinese text, except
    that characters whose compatibility form is a digit but which are no digit of a figure
    (superscript ``⁷``, circled ``⑥``: see :func:`_compatibility_digits`) are kept as they are;
    full-width digits (``１２３``) do become ASCII ones.

    The full-width forms (ＡＢＣ１２３，；：) and the ideographic space, which are most of what
    NFKC changes there, are mapped directly (the commonest punctuation by ``str.replace``, the
    rest by one regex pass, run only if any is left); NFKC itself runs only if something else
    is left. The result is NFKC's: each mapped character's compatibility decomposition is
    the one ASCII character it is mapped to, and mapping one never creates another.
    """
    if text.isascii():
        return text
    for wide, narrow in _COMMON_WIDE:
        text = text.replace(wide, narrow)
    if _FULL_WIDTH.search(text) is not None:
        text = _FULL_WIDTH.sub(_ascii, text)
    if unicodedata.is_normalized("NFKC", text):
        return text
    kept = _compatibility_digits()
    if kept.search(text) is None:
        return unicodedata.normalize("NFKC", text)
    parts = kept.split(text)  # the kept characters at odd indexes
    parts[::2] = [unicodedata.normalize("NFKC", p) for p in parts[::2]]
    return "".join(parts)


_DIGIT_BLOCKS = ((0x80, 0x10000), (0x1D400, 0x1D800), (0x1F100, 0x1F200), (0x1FBF0, 0x1FC00))
"""Where the characters whose compatibility form holds an ASCII digit are (the BMP, the
mathematical digits, the enclosed alphanumerics supplement, the segmented digits)."""


@functools.cache
def _compatibility_digits() -> re.Pattern[str]:
    """Characters that NFKC would turn into ASCII digits though they are no digit of a printed
    figure: superscripts and subscripts (``⁷²``), circled and parenthesised numbers (``⑥④``,
    list markers in Chinese text), fractions, mathematical digits, ``㋀`` (1月) and their like.
    :func:`nfkc` keeps them as they are, so that no count is read from them. The full-width
    digits ``０``–``９`` are not among them: they are digits, printed wide."""
    found = [
        chr(code)
        for start, end in _DIGIT_BLOCKS
        for code in range(start, end)
        if not 0xFF10 <= code <= 0xFF19
        and not 0xD800 <= code <= 0xDFFF
        and any(c in "0123456789" for c in unicodedata.normalize("NFKC", chr(code)))
    ]
    return re.compile("([" + "".join(re.escape(c) for c in found) + "])")


_MARKS = re.compile(
    "[\u00ad\u200b-\u200d\u2060\ufeff]"
    "|(?<=[0-9\uff10-\uff19])(?:[\u2460-\u2473\u00b9\u00b2\u00b3\u2070\u2074-\u2079]++"
    "(?![,.\uff0c\uff0e]?[0-9\uff10-\uff19])"
    "|[*\uff0a]++(?![,.\uff0c\uff0e]?[0-9\uff10-\uff19])|[(\uff08]注[0-9]*[)\uff09])"
)
"""What is no part of a printed figure: invisible format characters (soft hyphen, zero-width
space and joiners, word joiner, byte-order mark) and a note's mark after a digit (``14①``,
``31¹``, which NFKC would make a digit of the number: 141, 311; ``6*`` but not ``7*24``;
``101（注）``). A mark with the rest of a number after it (``1⁷,606``, ``2①.5``) is no
note's: it stays, and the cell is no number."""


_MARK_CHARACTERS = re.compile(
    "[\u00ad\u200b-\u200d\u2060\ufeff\u2460-\u2473\u00b9\u00b2\u00b3\u2070\u2074-\u2079*\uff0a注]"
)
"""Any character :data:`_MARKS` may remove: a plain search for one is several times faster
than the substitution, and most text holds none."""


def without_marks(text: str) -> str:
    """``text`` without invisible format characters and note marks after digits."""
    if (text.isascii() and "*" not in text) or _MARK_CHARACTERS.search(text) is None:
        return text
    return _MARKS.sub("", text)


RAISED_NOTE_MARK = r"(?:[0-9]{1,2}|[\u2460-\u2473]|[*\uff0a]|注[0-9]*|\[[0-9]{1,2}\])"
"""A note's mark as a document raises it after a figure (a superscript ``1``, ``①``, ``*``,
``注1``, ``[2]``): the HTML and Word readers drop such a superscript after a number."""


# --- Chinese numerals ----------------------------------------------------------------------

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "o": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


_CN_DIGITS_MAX = 40
"""The most Chinese numerals read digit by digit as one number (found by the fuzzer: a run of
thousands raised ValueError from int())."""


def chinese_number(text: str) -> int | None:
    """The value of a number written in Chinese numerals, or ``None`` if ``text`` is not one.

    Both forms are read: with units ("十二" 12, "一百零五" 105, "两万三千" 23000) and digit by
    digit ("二〇二五" 2025, as years are written).
    """
    known = _CN_DIGITS.keys() | _CN_UNITS.keys() | _CN_BIG.keys()
    if not text or any(c not in known for c in text):
        return None
    if all(c in "Oo" for c in text):
        return None
    if all(c in _CN_DIGITS for c in text):
        if len(text) > _CN_DIGITS_MAX:  # no figure; int() would raise past 4,300 digits
            return None
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = section = number = 0
    for c in text:
        if c in _CN_DIGITS:
            number = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            section += (number or 1) * _CN_UNITS[c]
            number = 0
        elif c == "万":
            total += (section + number) * _CN_BIG[c]
            section = number = 0
        else:
            total = (total + section + number) * _CN_BIG[c]
            section = number = 0
    return total + section + number
