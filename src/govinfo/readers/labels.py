"""Reading: label matching. How well a printed label matches a registry label
(:func:`similarity`: containment, else character-bigram similarity), the registry labels'
profiles and bigram index built once per process (:func:`_template_index`, :func:`_score_row`),
and the monotone alignment of a table's data rows to the template's rows (:func:`_align`).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import cache, lru_cache

from govinfo.readers.cells import _Line
from govinfo.readers.normal import label_key
from govinfo.registry import Row


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


_TemplateIndex = tuple[
    list[tuple[str, frozenset[str]]],
    dict[str, list[int]],
    list[int],
    dict[str, tuple[float, ...]],
    dict[str, tuple[float, ...]],
]


@cache
def _template_index(labels: tuple[str, ...]) -> _TemplateIndex:
    """The template labels' profiles, which labels hold each character bigram, the labels
    whose key is too short to have one (registry data: computed once per process), the
    scores of the labels read so far (see :func:`_score_row`), and the scores of the template
    labels' own keys, which most printed labels' keys are (registry data too)."""
    profiles = [_template_profile(label) for label in labels]
    holders: dict[str, list[int]] = {}
    for j, (_, grams) in enumerate(profiles):
        for gram in grams:
            holders.setdefault(gram, []).append(j)
    short = [j for j, (key, _) in enumerate(profiles) if len(key) < 2]
    memo: dict[str, tuple[float, ...]] = {}
    _MEMOS.append(memo)
    own: dict[str, tuple[float, ...]] = {}
    index = (profiles, holders, short, memo, own)
    for key, grams in profiles:
        own[key] = tuple(_scores(key, grams, index))
    return index


_MEMOS: list[dict[str, tuple[float, ...]]] = []
"""The scores kept with each template index (see :func:`_score_row`)."""


def _forget_scores() -> None:
    """Forget the scores kept for every label read so far (a benchmark's first read)."""
    for memo in _MEMOS:
        memo.clear()


def _score_row(text: str, index: _TemplateIndex) -> list[float]:
    """``[similarity(text, label) for label in labels]`` for the template labels of ``index``,
    worked out only for the labels that share a character bigram with ``text``: one sharing
    none scores 0 (a key of two or more characters contained in ``text`` shares all its
    bigrams with it).

    The bigrams each label shares with ``text`` are counted from the index (a label holds a
    bigram once, so the count is ``len(a & b)``), and containment is tested only for a label
    that shares all its bigrams (``e in f`` needs every bigram of ``e`` in ``f``; a key of
    one character has none, so it is always tested).

    The scores are a function of the label's key alone, and reports print the same labels
    again and again (the template's own, mostly): those of the template labels' own keys are
    worked out with the index, the others kept with it when met, for every document (at most
    :data:`_SCORED` keys of labels, then forgotten)."""
    f, a = _found_profile(text)
    memo = index[3]
    known = memo.get(f) or index[4].get(f)
    if known is None:
        if len(memo) >= _SCORED:
            memo.clear()
        known = memo[f] = tuple(_scores(f, a, index))
    return list(known)


_SCORED = 4096
"""Label keys whose scores one template index keeps at most."""


def _scores(f: str, a: frozenset[str], index: _TemplateIndex) -> list[float]:
    """The scores of :func:`_score_row` for a label of key ``f`` and bigrams ``a``."""
    profiles, holders, short, _, _ = index
    scores = [0.0] * len(profiles)
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


_DIAGONAL, _UP, _LEFT = 0, 1, 2


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
    # One row of scores at a time, and for each cell the step the traceback takes (a byte):
    # memory is n x m bytes, not n x m floats (a table region of many rows stays small).
    steps = bytearray(n * m)
    above = [0.0] * (m + 1)
    for i, line in enumerate(data):
        # A row's own label may speak against a pairing; text between rows (which belongs
        # to one of its two neighbours, we cannot tell which) only adds a bonus.
        own = scores(line.label) if line.label.strip() else zero
        near = [scores(t) for t in (" ".join(before[i][-2:]), " ".join(after[i][:2])) if t.strip()]
        best_near = list(map(max, *near)) if len(near) == 2 else near[0] if near else zero
        top = max(own)
        # each cell takes the best of up, left and diagonal (up first, then left, on a tie);
        # the traceback prefers the diagonal, then up, then left
        left = 0.0
        here = [left]
        at = i * m
        for j, (up, corner, o, b) in enumerate(
            zip(above[1:], above[:-1], own, best_near, strict=True)
        ):
            diagonal = corner + (0.3 + o - top + 0.25 * b)
            left = up if up >= left and up >= diagonal else left if left >= diagonal else diagonal
            here.append(left)
            steps[at + j] = _DIAGONAL if left == diagonal else _UP if left == up else _LEFT
        above = here
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        step = steps[(i - 1) * m + j - 1]
        if step == _DIAGONAL:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif step == _UP:
            i -= 1
        else:
            j -= 1
    return above[m], pairs[::-1]
