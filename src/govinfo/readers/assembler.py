"""The strict second stage of reading: from raw cells to a :class:`~govinfo.model.Report`.

This module is the last step: it runs the stages below over a
:class:`~govinfo.readers.raw.RawDocument` and assembles each report with its diagnostics and
provenance. Nothing inside a recognised table is dropped silently: a number either lands in a
cell (recorded in the provenance) or is reported. The stages, in the order data flows:

1. :mod:`~govinfo.readers.pages` mends what page breaks did to the lines;
2. :mod:`~govinfo.readers.segment` cuts run-together text, finds where each report starts,
   its section headings and their regions (:mod:`~govinfo.readers.normal` gives every line's
   normal form once); :mod:`~govinfo.readers.edition` tells the template edition;
3. :mod:`~govinfo.readers.tables` finds each table by what it prints and splits its lines
   into labels and value slots (:mod:`~govinfo.readers.cells`, numbers as
   :mod:`~govinfo.readers.numbers` reads them);
4. :mod:`~govinfo.readers.labels` matches the rows' labels to the registry's and aligns the
   rows to the template's; :mod:`~govinfo.readers.columns` puts a row's values under their
   columns; :mod:`~govinfo.readers.runs` splits digit runs (with the solver of
   :mod:`~govinfo.readers.split`);
5. :mod:`~govinfo.readers.table_proactive` (table 二), :mod:`~govinfo.readers.table_requests`
   (table 三) and :mod:`~govinfo.readers.table_review` (table 四) build their parts of the
   model; :mod:`~govinfo.readers.text_sections` reads the report's text;
6. here, the report, with the diagnostics and provenance gathered on the way in a
   :class:`~govinfo.readers.state._State`.

How table rows are found. A *data row* is a run of numbers (one line of a text extraction, or
one table row); the text near it is its label. Data rows are aligned to the template's rows in
order by dynamic programming, scoring each pair by how well the label matches the registry
label (containment after normalising punctuation, numbering and width; character-bigram
similarity for typos). With clean labels this is a lookup; with garbled or missing labels it
falls back to template order, and a row left over or missing is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

import attrs

from govinfo.errors import GovinfoError, NotAReport, UnsupportedEdition
from govinfo.model import Report, Source
from govinfo.readers.edition import _edition
from govinfo.readers.normal import _line_keys_of, _line_texts, normalise
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
from govinfo.readers.state import _State
from govinfo.readers.table_proactive import _proactive
from govinfo.readers.table_requests import _requests
from govinfo.readers.table_review import _review
from govinfo.readers.tables import _place_tables, _unclaimed
from govinfo.readers.text_sections import _narrative, _overview, _stated
from govinfo.registry import Edition, Section

__all__ = ["assemble", "assemble_all", "normalise"]


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
        whole = start == 0 and end == len(lines)  # the usual document: no copies of its lists
        one = _assemble_one(
            doc,
            lines if whole else lines[start:end],
            lines[before],
            glued=glued,
            wide=wide if whole else wide[start:end],
            texts=texts if whole else texts[start:end],
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
    keys = _line_keys_of(texts)  # one pass for the edition's words and the tables' lines
    edition = _edition(state, "".join(keys), year)
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
    period = meta.statistical_period("\n".join(texts))  # the text joined: not held after
    if year is None:
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
    at, claimed = _place_tables(state, lines, texts, sections, regions, body_end, keys)
    del keys
    text_at = {s: _unclaimed(r, claimed) for s, r in regions.items()}
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
        published=meta.publication_date("\n".join([head_text, *texts[-6:]])),  # one join
        period=period,
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
        diagnostics=state.all_diagnostics(),
        provenance=state.provenance,
        format=doc.format,
        name=doc.name,
    )


def _file_agency(doc: RawDocument) -> str:
    """What a report without a title is named: its file's name without the suffix."""
    if not doc.name:
        return "unknown agency"
    return PurePath(doc.name).stem or doc.name
