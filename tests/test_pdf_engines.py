"""The pdfium engine reads every PDF to the same raw cells and the same report as pdfplumber.

Identity is checked on the sample PDFs, on the sample reports written as PDFs in varied layouts
(:mod:`tests.pdf_layouts`), on PDFs LibreOffice exports, and on the small PDFs made in
:mod:`tests.test_formats`; the table-finding steps the engine does its own way are held to
pdfplumber's on random edges.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo.errors import GovinfoError, UnreadableDocument
from govinfo.readers.assembler import assemble
from govinfo.readers.formats import pdf_document
from govinfo.readers.raw import RawDocument
from govinfo.samples import load
from tests import test_formats as made
from tests.pdf_layouts import CID_FONT, LAYOUTS, embeddable_font, report_pdf

pytest.importorskip("pdfplumber")
pytest.importorskip("pypdfium2")

SAMPLE_PDFS = ("huaian-2024.pdf", "hongzequ-2023.pdf", "hongzequ-2024.pdf")


def both(data: bytes, *, strict: bool = True) -> tuple[RawDocument, RawDocument]:
    """The document as pdfplumber reads it, and as pdfium does (``strict``: by pdfium alone,
    never handed to pdfplumber)."""
    return (
        pdf_document(data, name="x.pdf", engine="pdfplumber"),
        pdf_document(data, name="x.pdf", engine="pdfium" if strict else "auto"),
    )


def assert_identical(data: bytes, *, strict: bool = True) -> RawDocument:
    old, new = both(data, strict=strict)
    for i, (a, b) in enumerate(zip(old.lines, new.lines, strict=False)):
        assert a == b, f"line {i}: {a.text!r} != {b.text!r}"
    assert old == new
    assert _outcome(old) == _outcome(new)
    return new


def _outcome(document: RawDocument) -> object:
    """The report read from ``document`` and its diagnostics, or the error saying why none."""
    try:
        result = assemble(document)
    except GovinfoError as exc:
        return str(exc)
    return result.report, result.diagnostics


@pytest.mark.parametrize("name", SAMPLE_PDFS)
def test_sample_pdfs_read_the_same(shared_dir: Path, name: str) -> None:
    document = assert_identical((shared_dir / "samples" / name).read_bytes())
    assert any(line.table for line in document.lines)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber", "auto"])
def test_unmapped_glyphs_are_unreadable_with_each_engine(shared_dir: Path, engine: str) -> None:
    """pdfium marks a glyph without a Unicode mapping by an error flag, not by pdfminer's
    ``(cid:NNN)`` text: the engine writes that text, so the check is the same."""
    path = shared_dir / "samples" / "broken" / "cid-garbled.pdf"
    with pytest.raises(UnreadableDocument, match="text layer is unreadable") as caught:
        pdf_document(path, engine=engine)
    assert "(cid:NNN)" in caught.value.reason
    assert "585 of 1042 glyphs" in caught.value.reason  # pdfminer's count, ligatures one glyph


@pytest.mark.parametrize("engine", ["pdfium", "auto"])
def test_no_text_layer_and_not_a_pdf_with_pdfium(engine: str) -> None:
    with pytest.raises(UnreadableDocument, match=r"scan\.pdf: .*no text layer"):
        pdf_document(made.make_pdf(made.rule(0, 0, 100, 100)), name="scan.pdf", engine=engine)
    with pytest.raises(UnreadableDocument, match="not a readable PDF"):
        pdf_document(b"%PDF-1.4 this is not a PDF", name="x.pdf", engine=engine)


def test_unknown_engine() -> None:
    with pytest.raises(ValueError, match="unknown PDF engine"):
        pdf_document(b"%PDF-1.4", engine="mupdf")


def test_pdfs_made_in_the_tests_read_the_same() -> None:
    assert_identical(made.make_pdf(made.PAGE_ONE, made.PAGE_TWO))
    two_columns = (
        made.rule(50, 380, 250, 380)
        + made.rule(50, 350, 250, 350)
        + "".join(made.rule(x, 380, x, 350) for x in (50, 150, 250))
        + made.text_at(60, 360, "x")
        + made.text_at(160, 360, "y")
    )
    assert_identical(made.make_pdf(made.PAGE_ONE, two_columns))
    # a filled grid drawn as one path of rectangles, and a curve
    grid = "".join(f"{x} 200 0.5 100 re " for x in (50, 150, 250)) + "f\n"
    grid += "50 200 m 250 200 l 250 300 l 50 300 l h S\n"
    grid += "60 100 m 100 150 150 150 200 100 c S\n"
    grid += made.text_at(60, 250, "1") + made.text_at(160, 250, "2")
    assert_identical(made.make_pdf(grid))


# ---------------------------------------------------------------------------------------------
# Reports written as PDFs in varied layouts


@pytest.fixture(scope="module")
def reports(request: pytest.FixtureRequest) -> list[Any]:
    """An edition-2019 report (the bundled sample) and an edition-2021 one (read from a
    sample's text)."""
    shared: Path = request.getfixturevalue("shared_dir")
    edition_2021 = govinfo.read(shared / "samples" / "hongzequ-2024.txt").report
    return [load("luoyang-scjgj-2020"), edition_2021]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layouts_in_an_embedded_font_read_the_same_with_pdfium(
    reports: list[Any], layout: str
) -> None:
    font = embeddable_font()
    if font is None:
        pytest.skip("no Chinese TrueType font to embed (apt-get install fonts-wqy-microhei)")
    for report in reports:
        data = report_pdf(report, layout, font)
        if layout == "rotated":
            # a turned page is read by pdfplumber, with the same result
            with pytest.raises(UnreadableDocument, match="pdfium engine does not read"):
                pdf_document(data, engine="pdfium")
            assert_identical(data, strict=False)
            continue
        document = assert_identical(data)
        tables = {line.table for line in document.lines if line.table}
        assert len(tables) >= (0 if layout == "borderless" else 5)
        if layout != "borderless":
            # the report is read back whole: the layouts are real shapes, not noise
            assert govinfo.read(data, name="r.pdf").report.requests == report.requests


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layouts_in_the_cid_font_read_the_same(reports: list[Any], layout: str) -> None:
    """STSong-Light, named but not embedded: pdfium would measure its glyphs with a
    substitute font, so such a document is read by pdfplumber (the default engine hands it
    over)."""
    data = report_pdf(reports[0], layout, CID_FONT)
    with pytest.raises(UnreadableDocument, match="pdfium engine does not read"):
        pdf_document(data, engine="pdfium")
    assert_identical(data, strict=False)


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it")
    return found


def _export_pdf(source: Path, out: Path) -> bytes:
    subprocess.run(
        [_soffice(), "--headless", "--convert-to", "pdf", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (out / (source.stem + ".pdf")).read_bytes()


def test_libreoffice_exports_read_the_same(
    shared_dir: Path, reports: list[Any], tmp_path: Path
) -> None:
    """A Word template and a report's HTML page (the rendering of a browser-like engine)
    exported to PDF by LibreOffice."""
    html = tmp_path / "report.html"
    html.write_text(govinfo.render.to_html(reports[1]), encoding="utf-8")
    template = tmp_path / "template.docx"
    template.write_bytes((shared_dir / "samples" / "template-2021.docx").read_bytes())
    for source in (html, template):
        data = _export_pdf(source, tmp_path)
        if embeddable_font() is not None:
            assert_identical(data)  # LibreOffice embeds the fonts: pdfium reads it all
        else:
            assert_identical(data, strict=False)


# ---------------------------------------------------------------------------------------------
# The table-finding steps done here against pdfplumber's own


def _edges(draw: st.DrawFn) -> list[dict[str, Any]]:
    coordinate = st.integers(0, 12).map(lambda v: v * 10.0)
    edges = []
    for _ in range(draw(st.integers(0, 24))):
        fixed, start, end = draw(coordinate), draw(coordinate), draw(coordinate)
        low, high = min(start, end), max(start, end) + draw(st.sampled_from([0.0, 1.5, 10.0]))
        if draw(st.booleans()):
            x0, x1, top, bottom, orientation = low, high, fixed, fixed, "h"
        else:
            x0, x1, top, bottom, orientation = fixed, fixed, low, high, "v"
        edges.append(
            {
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "orientation": orientation,
                "width": x1 - x0,
                "height": bottom - top,
                "doctop": top,
                "object_type": "line",
            }
        )
    return edges


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_table_finding_matches_pdfplumber(data: st.DataObject) -> None:
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells

    from govinfo.readers.pdfium import cells, intersections, tables

    edges = data.draw(st.composite(_edges)())
    tolerance = data.draw(st.sampled_from([0.0, 1.0, 3.0]))
    theirs = edges_to_intersections(edges, tolerance, tolerance)
    ours = intersections(edges, tolerance, tolerance)
    assert set(ours) == set(theirs)
    for point, (vertical, horizontal) in ours.items():
        assert vertical == {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in theirs[point]["v"]}
        assert horizontal == {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in theirs[point]["h"]}
    their_cells = intersections_to_cells(theirs)
    assert cells(ours) == their_cells
    assert tables(their_cells) == cells_to_tables(their_cells)


def test_threads_reading_at_once_read_the_same(shared_dir: Path) -> None:
    """pdfium is not safe to call from two threads at once: the engine holds a lock."""
    from concurrent.futures import ThreadPoolExecutor

    data = [(shared_dir / "samples" / name).read_bytes() for name in SAMPLE_PDFS]
    alone = [pdf_document(d, name="x.pdf") for d in data]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda d: pdf_document(d, name="x.pdf"), data * 2))
    assert together == alone * 2
