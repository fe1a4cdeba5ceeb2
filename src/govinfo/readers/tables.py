"""Reading: where each table is. A table is found by what it prints (its labels and headers, from
the registry: :func:`_table_mark`), wherever the headings put it (:func:`_find_tables`,
:func:`_place_tables`); :func:`_region_lines` gives a table's lines split into labels and
values for the table stages.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import cache

from attrs import define

from govinfo.readers.cells import _Line, _split_line
from govinfo.readers.normal import _each_line, _key_of_normalised, _line_keys_of, label_key
from govinfo.readers.raw import RawLine
from govinfo.readers.result import DiagnosticCode
from govinfo.readers.segment import _is_page_furniture, _is_title
from govinfo.readers.state import _State
from govinfo.registry import (
    APPLICANT_HEADER,
    LITIGATION_HEADER,
    ORGANISATIONS_HEADER,
    PROACTIVE_HEADER,
    REQUESTS_NOTE,
    RESULTS_LABEL,
    Section,
    table,
)

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


def _line_keys(texts: Sequence[str], keys: Sequence[str] | None = None) -> list[str]:
    """``[_VALUE_MARKS.sub("", _key_of_normalised(t)) for t in texts]``: each line's label
    key without its digits, for the lines (normalised) all at once; ``keys`` are the lines'
    keys with their digits (:func:`~govinfo.readers.normal._line_keys_of`) when known.
    Digits are removed from the keys all at once (:func:`~govinfo.readers.normal._each_line`:
    no digit run spans a NUL)."""
    return _each_line(_without_values, _line_keys_of(texts) if keys is None else keys)


def _without_values(key: str) -> str:
    return _VALUE_MARKS.sub("", key)


def _table_mark(text: str, key: str | None = None) -> Section | None:
    """The table whose line ``text`` (normalised) is, by what it holds: only that table's
    labels and headers (at least one that no other table prints), units and values. A
    sentence that names them (行政复议 351 件，其中结果维持 72 件) is none. ``key`` is the
    line's :func:`_line_keys` when known."""
    words = _table_words_of(text, key)
    return words.pop() if words is not None and len(words) == 1 else None


def _table_words_of(text: str, key: str | None = None) -> set[Section] | None:
    """The tables whose own words a line ``text`` (normalised) prints, if it holds nothing but
    tables' labels and headers, units and values (``None`` if it holds anything else);
    ``key`` is the line's :func:`_line_keys` when known."""
    if "。" in text:
        return None
    if key is None:
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
    lines: Sequence[RawLine],
    texts: Sequence[str],
    sections: dict[Section, int],
    end: int,
    keys: Sequence[str] | None = None,
) -> dict[Section, _Found]:
    """Where each table is, by what it holds rather than under which heading: its lines
    marked by :func:`_table_mark`, in the run of them (cut at section headings and at the
    other tables' lines) holding the most; widened over the lines around it that are no
    heading, caption, text or other table's line (values printed on lines of their own).
    ``keys``: the lines' keys (:func:`~govinfo.readers.normal._line_keys_of`) when known."""
    heading_at = set(sections.values())
    keys = _line_keys(texts[:end], None if keys is None else keys[:end])
    marked: list[int] = []  # the marked lines, and the table of each (two lists: no
    marks_of: list[Section] = []  # pair of them held for each of thousands of rows)
    for i in range(end):
        if i in heading_at:
            continue
        section = _table_mark(texts[i], keys[i])
        if section is not None:
            marked.append(i)
            marks_of.append(section)
    runs: dict[Section, list[list[int]]] = {}
    last: Section | None = None
    for k, (i, section) in enumerate(zip(marked, marks_of, strict=True)):
        between = marked[k - 1] if k else -1
        new_run = section is not last or any(between < h < i for h in heading_at)
        if new_run:
            runs.setdefault(section, []).append([])
        runs[section][-1].append(i)
        last = section
    del marked, marks_of
    found = {s: _Found(marks=max(rs, key=len)) for s, rs in runs.items()}
    del runs
    taken = {i: s for s, f in found.items() for i in f.marks}
    for section, f in found.items():
        first, final = f.marks[0], f.marks[-1]
        if any(first < i < final and s is not section for i, s in taken.items()):
            continue  # interleaved with another table: its marks alone
        start = first
        while start - 1 >= 0 and _belongs(
            lines, texts, keys, start - 1, first, heading_at, taken, section
        ):
            start -= 1
        stop = final + 1
        while stop < end and _belongs(lines, texts, keys, stop, final, heading_at, taken, section):
            stop += 1
        f.start, f.end = start, stop
    for f in found.values():
        if f.end == 0:
            f.start, f.end = f.marks[0], f.marks[-1] + 1
    ordered = sorted(found.values(), key=lambda f: f.marks[0])
    for a, b in itertools.pairwise(ordered):
        if a.end > b.start:  # lines between two tables that either could hold
            cut = a.marks[-1] + 1  # a's values printed on lines after its last label stay a's
            while cut < b.marks[0] and not keys[cut]:
                cut += 1
            a.end = min(a.end, cut)
            b.start = max(b.start, cut)
    return found


def _belongs(
    lines: Sequence[RawLine],
    texts: Sequence[str],
    keys: Sequence[str],
    i: int,
    edge: int,
    headings: set[int],
    taken: dict[int, Section],
    section: Section,
) -> bool:
    """Whether line ``i``, next to a table whose outermost marked line is ``edge``, is the
    table's: a line of the same marked table (HTML, Markdown, PDF, Word), or a line of values,
    of the tables' words (a header no one table owns: 总计), or a page's footer. A heading,
    caption, sentence, signature or another table's line (marked, in ``taken``, as another
    ``section``'s) ends it."""
    if i in headings or taken.get(i, section) is not section:
        return False
    if lines[i].table is not None and lines[i].table == lines[edge].table:
        return True
    text = texts[i]
    if _is_page_furniture(text) and not _is_title(text):
        return True
    if _CAPTION.match(text) or "。" in text:
        return False
    key = keys[i]
    if _only_fillers(key):
        return False  # a lone 无 is the text of section 六, not a table's blank cell
    # a header's words broken over lines (结果 结果 其他结 尚未; 维持), or the tables' words
    return _HEADER_PIECES.fullmatch(text) is not None or _table_words_of(text, key) is not None


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
    keys: Sequence[str] | None = None,
) -> tuple[dict[Section, Sequence[int]], list[range]]:
    """Where each table is read, and the lines the report's text leaves out (the tables'
    lines and captions outside their sections, as ranges: a table of many rows holds no
    number for each).

    A table is where its rows and headers are (:func:`_find_tables`). Under its own section
    heading, it is read from the section's lines, as ever (less any other table among them);
    elsewhere (under another section's heading, in an appendix after the text, under a
    heading numbered anew), from its own lines, and a diagnostic says so. A table whose
    lines are not found is read under its heading."""
    found = _find_tables(lines, texts, sections, end, keys)
    at: dict[Section, Sequence[int]] = {}
    claimed: list[range] = []
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
        claimed.append(range(f.start, f.end))
        caption = f.start
        while caption - 1 >= 0 and f.start - caption < 3 and caption - 1 not in sections.values():
            text = texts[caption - 1]
            if not text or _is_page_furniture(text):
                caption -= 1
                continue
            if not (_CAPTION.match(text) and len(text) <= 40 and "。" not in text):
                break
            caption -= 1
            claimed.append(range(caption, caption + 1))
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


def _unclaimed(region: range, claimed: Sequence[range]) -> Sequence[int]:
    """The lines of ``region`` in none of the ``claimed`` ranges: ``region`` itself when none
    is inside it."""
    inside = [c for c in claimed if c.start < region.stop and region.start < c.stop]
    if not inside:
        return region
    return [i for i in region if not any(i in c for c in inside)]


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
