"""Reading: the report's text — section 一 (总体情况) with its sub-parts, sections 五 and 六 as
printed — and the figures the overview states, which help split digit runs of table 三.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govinfo.model import Overview, OverviewSection
from govinfo.readers.labels import similarity
from govinfo.readers.normal import normalise
from govinfo.readers.raw import RawLine
from govinfo.readers.segment import _is_page_furniture
from govinfo.readers.state import _State
from govinfo.registry import OverviewPart

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
