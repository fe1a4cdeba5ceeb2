"""Reading, stage 0: the normal form of printed text, which every later stage compares.

:func:`normalise` (NFKC, whitespace collapsed, invisible marks dropped) and :func:`label_key`
(a label without numbering, punctuation or spaces), and :func:`_line_texts`, both forms of a
document's lines worked out at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from govinfo._text import nfkc, without_marks
from govinfo.readers.raw import RawLine

_NUMBERING = re.compile(
    # the lookahead names every first character, so the engine skips other positions fast; a
    # run of numerals is tried from its first character only (the lookbehinds), so a line of
    # 10^5 digits or of 一 is one attempt, not one per character
    r"(?=[(一二三四五六七八九十\d①-⑳])"
    r"(?:\([一二三四五六七八九十]++\)|(?<![一二三四五六七八九十])[一二三四五六七八九十]++、"
    r"|(?<!\d)\d++[.、]|[①-⑳])"
)
_NOT_SINGLE = re.compile(r"\s\s|[^\S \t]")
"""Whitespace other than a single space or tab (``\\s`` is what :meth:`str.split` cuts at)."""
_LONG_LINE = 4096
"""Characters past which a line of single-spaced words is collapsed without splitting it into
words (a row of 70,000 cells would hold them all as a list)."""


def _collapsed(text: str) -> str:
    """``" ".join(text.split())``; a long line whose words stand one space or tab apart (the
    cells of a row) without splitting it into a list of its words."""
    if len(text) >= _LONG_LINE and _NOT_SINGLE.search(text) is None:
        return text.replace("\t", " ").strip()
    return " ".join(text.split())


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
    return _without_punct(_NUMBERING.sub("", text))


def _each_line(transform: Callable[[str], str], texts: Sequence[str]) -> list[str]:
    """``[transform(t) for t in texts]``, worked out once on the texts joined by NUL and cut
    there again, for a ``transform`` that keeps a NUL as it is and acts alike on each side of
    it; each text alone when one holds a NUL or the pieces do not come out one for each."""
    joined = "\0".join(texts)
    if texts and joined.count("\0") == len(texts) - 1:
        pieces = transform(joined).split("\0")
        if len(pieces) == len(texts):
            return pieces
    return [transform(t) for t in texts]


def _line_keys_of(texts: Sequence[str]) -> list[str]:
    """``[_key_of_normalised(t) for t in texts]``: each line's key (``texts`` normalised),
    for the lines all at once (:func:`_each_line`): no pattern of a key matches a NUL or makes
    one, numbering never spans it, punctuation removal keeps it, and beside it a numeral or
    digit is at a line's start or end as it is alone. Joined, the keys are the key of the
    lines joined by line feeds (see :func:`~govinfo.readers.edition._edition`): one pass over
    a report's text gives both."""
    return _each_line(_key_of_normalised, texts)


_CHUNK = 1 << 13


def _without_punct(text: str) -> str:
    """``text`` without :data:`_PUNCT`'s characters; a long text a chunk at a time (``re.sub``
    holds a list entry for every character it removes: a line of punctuation, several times
    its size)."""
    if len(text) <= _CHUNK:
        return _PUNCT.sub("", text)
    return "".join([_PUNCT.sub("", text[i : i + _CHUNK]) for i in range(0, len(text), _CHUNK)])


def _line_texts(lines: Sequence[RawLine]) -> tuple[list[str], list[str]]:
    """Each line's text in NFKC (its cells still tab-separated), and normalised (see
    :func:`normalise`), worked out for the whole document at once: every stage looks at them.

    NFKC runs once on the lines joined by line feeds and is cut there again. A line feed is a
    stable code point (a starter that nothing composes with and that NFKC leaves alone), so
    the NFKC of the joined text is the lines' NFKC joined, and NFKC makes no line feed from
    any other character (a test checks every code point): the pieces are the lines' own
    unless a line holds a line feed itself, which makes more pieces, and then each line is
    taken alone.

    Where a line's NFKC or normal form is the text it came from, the list holds that text
    itself rather than an equal copy (a document of many short lines would hold each three
    times)."""
    texts = [line.text for line in lines]
    wide = nfkc(without_marks("\n".join(texts))).split("\n")
    if len(wide) != len(texts):
        wide = [nfkc(without_marks(t)) for t in texts]
    wide = [t if w == t else w for w, t in zip(wide, texts, strict=True)]
    normal = [_collapsed(w) for w in wide]  # normalise() from the NFKC form
    return wide, [w if n == w else n for n, w in zip(normal, wide, strict=True)]
