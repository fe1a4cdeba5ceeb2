"""Legacy Word and WPS documents read through LibreOffice; formats govinfo does not read named.

The ``.doc`` files are made here, at test time, by LibreOffice from a sample (the official
template) and from a report govinfo renders; CI installs LibreOffice, so these run there.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import govinfo
from govinfo.errors import GovinfoError, MissingConverter, UnreadableDocument, UnsupportedFormat
from govinfo.readers import detect_format, raw_document
from govinfo.readers import formats as formats_module
from govinfo.samples import load

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed here; CI installs it")
    return found


def _convert(source: Path, target: str, out: Path) -> Path:
    """``source`` converted by LibreOffice (``target``: ``doc:MS Word 97``...) into ``out``."""
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={(out / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / (source.stem + "." + target.split(":", maxsplit=1)[0])


@pytest.fixture(scope="module")
def report_doc(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, govinfo.Report]:
    """A report rendered as HTML by govinfo, saved by LibreOffice as Word 97-2003 (.doc)."""
    folder = tmp_path_factory.mktemp("doc")
    report = load("luoyang-scjgj-2020")
    html = folder / "report.html"
    html.write_text(govinfo.render.to_html(report), encoding="utf-8")
    return _convert(html, "doc:MS Word 97", folder).read_bytes(), report


def test_a_doc_reads_as_the_report_it_holds(report_doc: tuple[bytes, govinfo.Report]) -> None:
    data, report = report_doc
    assert data.startswith(OLE2)
    assert detect_format(data) == "doc"
    result = govinfo.read(data, name="report.doc")
    assert result.report.requests == report.requests
    assert result.report.review_litigation == report.review_litigation
    assert result.report.agency == report.agency
    document = raw_document(data, name="report.doc")
    assert document.name == "report.doc"
    assert document.format == "docx"  # read by the DOCX reader, from LibreOffice's DOCX
    assert any(line.table for line in document.lines)


def test_the_template_as_doc_has_the_template_tables(shared_dir: Path, tmp_path: Path) -> None:
    template = shared_dir / "samples" / "template-2021.docx"
    doc = _convert(template, "doc:MS Word 97", tmp_path)
    from_doc = raw_document(doc.read_bytes(), name="template.doc")
    from_docx = raw_document(template.read_bytes(), name="template.docx")
    tables = [line.text for line in from_doc.lines if line.table]
    assert tables == [line.text for line in from_docx.lines if line.table]
    assert from_doc.sha256 != from_docx.sha256  # the .doc's own bytes, not the converted


def test_doc_by_suffix_and_wps(report_doc: tuple[bytes, govinfo.Report]) -> None:
    data, report = report_doc
    assert detect_format(b"", "old.wps") == "doc"
    assert detect_format(b"", "old.DOC") == "doc"
    assert govinfo.read(data, name="report.wps").report.requests == report.requests


def test_no_libreoffice_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _: None)
    with pytest.raises(MissingConverter, match=r"old\.doc: .*apt-get install libreoffice") as e:
        govinfo.read(OLE2 + b"\0" * 64 + "WordDocument".encode("utf-16-le"), name="old.doc")
    assert isinstance(e.value, GovinfoError)
    assert isinstance(e.value, ValueError)


def test_what_libreoffice_cannot_convert_is_unreadable(tmp_path: Path) -> None:
    _soffice()
    with pytest.raises(UnreadableDocument, match="LibreOffice could not convert it"):
        formats_module.doc_document(OLE2 + b"\0" * 600, name="broken.doc")


def test_a_stuck_conversion_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(*_: object, **__: object) -> None:
        raise subprocess.TimeoutExpired("soffice", 0.1)

    monkeypatch.setattr(shutil, "which", lambda _: "/usr/bin/soffice")
    monkeypatch.setattr(subprocess, "run", stuck)
    with pytest.raises(UnreadableDocument, match=r"did not convert it within 0\.1 s"):
        formats_module.doc_document(OLE2, name="slow.doc", timeout=0.1)


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for member in names:
            package.writestr(member, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "t.xlsx", "Excel workbook"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "t.docx", "Excel workbook"),
        (_zip("OFD.xml", "Doc_0/Document.xml"), "t.ofd", "OFD document"),
        (_zip("[Content_Types].xml", "ppt/presentation.xml"), None, "PowerPoint"),
        (OLE2 + "Workbook".encode("utf-16-le"), "t.xls", "Excel workbook"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "scan.png", "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, None, "JPEG image"),
        (b"II*\x00" + b"\0" * 20, "scan.tif", "TIFF image"),
        (b"MM\x00*" + b"\0" * 20, "scan.tiff", "TIFF image"),
        (b"anything", "book.xlsx", "Excel workbook"),
        (b"anything", "scan.jpg", "JPEG image"),
    ],
)
def test_formats_not_read_are_named(data: bytes, name: str | None, said: str) -> None:
    with pytest.raises(UnsupportedFormat, match=said) as caught:
        govinfo.read(data, name=name)
    message = str(caught.value)
    assert "not a format govinfo reads" in message
    assert message.startswith(name or "document")
    assert isinstance(caught.value, ValueError)


def test_docx_still_detected(shared_dir: Path) -> None:
    data = (shared_dir / "samples" / "template-2021.docx").read_bytes()
    assert detect_format(data) == "docx"
    assert detect_format(data, "template.docx") == "docx"
    assert detect_format(_zip("[Content_Types].xml", "word/document.xml")) == "docx"
