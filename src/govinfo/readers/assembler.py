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
from govinfo.readers.columns import (
    _APPLICANT_KEYS,
    _SUBTOTAL_WORDS,
    _WIDTH,
    _column_anchors,
    _column_order,
    _columns,
    _in_template_order,
    _known_cells,
    _place_by_columns,
    _place_short_row,
    _stream_rows,
    _subtotal_at,
    _subtotal_row_keys,
    _with_lead,
    _without_padding,
)
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
from govinfo.readers.numbers import _BLANKS, Slot, _all_counts, _count_or_none
from govinfo.readers.raw import RawDocument, RawLine
from govinfo.readers.result import DiagnosticCode, ReadResult
from govinfo.readers.runs import (
    _digits,
    _gathered_run,
    _slots_from_solution,
    _solve_runs,
    _split_run_proactive,
    _splittable,
)
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
from govinfo.readers.state import _cell_paths, _State
from govinfo.readers.tables import _place_tables, _region_lines
from govinfo.readers.text_sections import _narrative, _overview, _stated
from govinfo.registry import (
    RESULTS_LABEL,
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
