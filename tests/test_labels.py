"""The alignment of a table's data rows to the template's rows (``readers.labels._align``)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from govinfo.readers import labels
from govinfo.readers.cells import _Line
from govinfo.readers.raw import Location
from govinfo.registry import Edition, table


def _align_plainly(
    data: Sequence[_Line],
    before: Sequence[Sequence[str]],
    after: Sequence[Sequence[str]],
    expected: Sequence[str],
) -> tuple[float, list[tuple[int, int]]]:
    """The same alignment written out with the whole score and DP matrices kept."""
    index = labels._template_index(tuple(expected))
    m = len(expected)
    zero = [0.0] * m
    sims = []
    for i, line in enumerate(data):
        own = labels._score_row(line.label, index) if line.label.strip() else zero
        texts = (" ".join(before[i][-2:]), " ".join(after[i][:2]))
        near = [labels._score_row(t, index) for t in texts if t.strip()]
        best_near = list(map(max, *near)) if len(near) == 2 else near[0] if near else zero
        top = max(own)
        sims.append([0.3 + o - top + 0.25 * b for o, b in zip(own, best_near, strict=True)])
    dp = [[0.0] * (m + 1)]
    for sim in sims:
        above, left, here = dp[-1], 0.0, [0.0]
        for up, corner, s in zip(above[1:], above[:-1], sim, strict=True):
            diagonal = corner + s
            left = up if up >= left and up >= diagonal else left if left >= diagonal else diagonal
            here.append(left)
        dp.append(here)
    pairs, i, j = [], len(data), m
    while i > 0 and j > 0:
        if dp[i][j] == dp[i - 1][j - 1] + sims[i - 1][j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif dp[i][j] == dp[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return dp[len(data)][m], pairs[::-1]


_ROWS = list(table("requests").rows_for(Edition.V2021))
_WORDS = st.sampled_from(
    [*(r.zh for r in _ROWS), "其他", "合计", "", "本年新收", "不予公开", "补正"]
)


@given(
    st.lists(st.tuples(_WORDS, _WORDS, _WORDS), max_size=12),
    st.integers(min_value=0, max_value=len(_ROWS)),
)
def test_the_alignment_keeps_one_row_of_scores_and_gives_what_the_whole_matrix_gives(
    rows: list[tuple[str, str, str]], cut: int
) -> None:
    data = [_Line(i, label, (), Location(line=i + 1)) for i, (label, _, _) in enumerate(rows)]
    before = [[b] if b else [] for _, b, _ in rows]
    after = [[a] if a else [] for _, _, a in rows]
    expected = _ROWS[cut:] + _ROWS[:cut]  # the template's rows, and others in another order
    got = labels._align(data, before, after, expected)
    assert got == _align_plainly(data, before, after, [e.zh for e in expected])
