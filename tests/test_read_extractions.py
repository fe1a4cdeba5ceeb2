"""Every text extraction of a PDF reads to the PDF's tables, or says why it cannot.

A PDF reaches govinfo's users as text extracted by many tools and modes; each sample PDF is read
from its own text extractions and compared, cell by cell, with the reading of the PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from govinfo import records
from govinfo.model import Report
from govinfo.readers import read

pdfplumber = pytest.importorskip("pdfplumber")

EXTRACTIONS = Path(__file__).parent / "fixtures" / "extractions"
PDFS = ("huaian-2024", "hongzequ-2023", "hongzequ-2024")


def _cells(report: Report) -> dict[tuple[str, str, str], object]:
    return {(r["table"], r["row"], r["column"]): r["value"] for r in records(report)}


def _plumber(layout: bool) -> Callable[[Path], str]:
    def extract(pdf: Path) -> str:
        with pdfplumber.open(pdf) as document:
            return "\n".join(page.extract_text(layout=layout) or "" for page in document.pages)

    return extract


def _pdftotext(mode: str) -> Callable[[Path], str]:
    def extract(pdf: Path) -> str:
        return (EXTRACTIONS / f"{pdf.stem}.pdftotext-{mode}.txt").read_text(encoding="utf-8")

    return extract


EXTRACTORS = {
    "pdfplumber": _plumber(layout=False),
    "pdfplumber-layout": _plumber(layout=True),
    "pdftotext-raw": _pdftotext("raw"),
    "pdftotext-default": _pdftotext("default"),
}
INTERLEAVED = {("huaian-2024", "pdftotext-default")}
"""Extractions that read table 四 column by column, interleaving its blocks: the reader cannot
order them and must say so."""


@pytest.mark.parametrize("extractor", sorted(EXTRACTORS))
@pytest.mark.parametrize("name", PDFS)
def test_extraction_reads_like_the_pdf(shared_dir: Path, name: str, extractor: str) -> None:
    pdf = shared_dir / "samples" / f"{name}.pdf"
    expected = read(pdf).report
    result = read(EXTRACTORS[extractor](pdf), format="text")
    assert (result.report.agency, result.report.year) == (expected.agency, expected.year)
    got, want = _cells(result.report), _cells(expected)
    if (name, extractor) in INTERLEAVED:
        assert any(
            d.code == "ambiguous-layout" and "review_litigation.review" in d.cells
            for d in result.diagnostics
        )
        got = {k: v for k, v in got.items() if k[0] != "review_litigation"}
        want = {k: v for k, v in want.items() if k[0] != "review_litigation"}
    assert got == want
