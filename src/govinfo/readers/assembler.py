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

import itertools
import math
import re
import statistics
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from pathlib import PurePath
from typing import Any

import attrs

from govinfo.checks import _layout as checks_layout
from govinfo.errors import GovinfoError, NotAReport, UnsupportedEdition
from govinfo.model import (
    PROACTIVE_CLASSES,
    ApplicantCounts,
    Report,
    Requests,
    ResultCounts,
    ReviewLitigation,
    Source,
)
from govinfo.readers import split as splitter
from govinfo.readers.cells import _is_data, _Line
from govinfo.readers.edition import _edition
from govinfo.readers.labels import (
    _align,
    _found_profile,
    _score_row,
    _template_index,
    _template_profile,
    similarity,
)
from govinfo.readers.normal import _line_texts, label_key, normalise
from govinfo.readers.numbers import _BLANK_MARK, _BLANKS, Slot, _all_counts, _count_or_none
from govinfo.readers.raw import RawDocument, RawLine
from govinfo.readers.result import DiagnosticCode, ReadResult
from govinfo.readers.segment import (
    _TITLE_PIECE,
    _agency_above,
    _body_end,
    _cell_text,
    _find_sections,
    _heading_number,
    _is_title,
    _regions,
    _report_starts,
    _segment,
)
from govinfo.readers.state import _LISTED, _cell_paths, _listed, _State
from govinfo.readers.tables import _place_tables, _region_lines
from govinfo.readers.text_sections import _narrative, _overview, _stated
from govinfo.registry import (
    ORGANISATIONS_HEADER,
    RESULTS_LABEL,
    Applicant,
    CellKind,
    Edition,
    RequestRow,
    ReviewBlock,
    ReviewResult,
    Row,
    Section,
    table,
)

__all__ = ["assemble", "assemble_all", "normalise"]
_TRAILING_BLANKS = re.compile(rf"(?:{_BLANK_MARK})+$")
_UNIT_YUAN = re.compile(r"(?<!万)元")


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


def _no_split(state: _State, prefix: str, slot: Slot) -> None:
    state.report(
        DiagnosticCode.UNREADABLE_RUN,
        f"{prefix}: no split of the run {slot.raw!r} satisfies the table's rules (a cell may be "
        "blank, printing nothing, or misprinted); its cells are left not reported",
        slot.location,
        raw=slot.raw,
    )


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
