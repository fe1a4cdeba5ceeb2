"""Golden snapshots: every real sample report read, its report, diagnostics and findings
compared with a reviewed JSON file in tests/golden/ (see tests/golden/README.md).

Regenerate after a deliberate reader change with ``GOVINFO_UPDATE_GOLDEN=1 pytest
tests/test_read_samples.py`` and review the diff: each changed cell must be checked by hand
against the published document.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo
from govinfo.readers import ReadResult, read
from govinfo.registry import Edition
from tests.fixtures import luoyang_scjgj_2020

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = (
    "luoyang-scjgj-2020.txt",
    "huaian-2024.txt",
    "huaian-2024.pdf",
    "hongzequ-2023.txt",
    "hongzequ-2023.pdf",
    "hongzequ-2024.txt",
    "hongzequ-2024.pdf",
    "shuyang-fgj-2023.html",
    "pingtan-2024.txt",
    "shuyangxian-2025.md",
)
"""The samples read to golden snapshots; the PDFs need the ``pdf`` extra."""


def snapshot(result: ReadResult) -> dict[str, Any]:
    """What a golden file holds: the report (govinfo's document form), every diagnostic
    and every finding, with locations as text."""
    report = result.report
    if report.source is not None:  # the file name, not where this machine keeps it
        report = attrs.evolve(
            report, source=attrs.evolve(report.source, location=Path(report.source.location).name)
        )
    return {
        "report": govinfo.to_dict(report),
        "diagnostics": [
            {
                "severity": str(d.severity),
                "code": d.code,
                "message": d.message,
                "location": str(d.location) if d.location else None,
                "cells": list(d.cells),
                "candidates": list(d.candidates),
            }
            for d in result.diagnostics
        ],
        "findings": [
            {
                "rule": f.rule,
                "status": str(f.status),
                "cells": list(f.cells),
                "expected": _plain(f.expected),
                "actual": _plain(f.actual),
                "sources": list(f.sources),
            }
            for f in result.check()
        ],
    }


def _plain(value: object) -> object:
    return value if value is None or isinstance(value, int) else str(value)


@pytest.mark.parametrize("name", SAMPLES)
def test_golden(shared_dir: Path, name: str) -> None:
    if name.endswith(".pdf"):
        pytest.importorskip("pdfplumber")
    result = read(shared_dir / "samples" / name)
    got = snapshot(result)
    golden = GOLDEN / f"{name}.json"
    text = json.dumps(got, ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("GOVINFO_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}; run with GOVINFO_UPDATE_GOLDEN=1"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got == expected, f"{name} reads differently from {golden}; review and regenerate"


@pytest.mark.parametrize("stem", ["huaian-2024", "hongzequ-2023", "hongzequ-2024"])
def test_pdf_and_its_text_give_the_same_tables(shared_dir: Path, stem: str) -> None:
    pytest.importorskip("pdfplumber")
    from_pdf = read(shared_dir / "samples" / f"{stem}.pdf").report
    from_text = read(shared_dir / "samples" / f"{stem}.txt").report
    for key in ("proactive", "requests", "review_litigation"):
        assert getattr(from_pdf, key) == getattr(from_text, key), key
    assert (from_pdf.agency, from_pdf.year, from_pdf.edition) == (
        from_text.agency,
        from_text.year,
        from_text.edition,
    )


def test_luoyang_reads_as_the_hand_built_model(shared_dir: Path) -> None:
    result = read(shared_dir / "samples" / "luoyang-scjgj-2020.txt")
    expected = luoyang_scjgj_2020.build()
    got = result.report
    assert got.edition is Edition.V2019
    assert (got.agency, got.year) == (expected.agency, expected.year)
    assert got.proactive == expected.proactive
    assert got.requests == expected.requests
    assert got.review_litigation == expected.review_litigation
    assert got.period == expected.period
    assert got.problems == expected.problems
    assert got.other_matters == expected.other_matters
    codes = [d.code for d in result.diagnostics]
    assert "ambiguous-layout" in codes  # table 四: 11 numbers under 15 columns
    assert result.provenance["proactive.licensing.decisions"].raw == "23,606"


def test_every_table_cell_has_provenance(shared_dir: Path) -> None:
    result = read(shared_dir / "samples" / "huaian-2024.txt")
    for record in govinfo.records(result.report):
        path = f"{record['table']}.{record['row']}.{record['column']}"
        if record["value"] is not None:
            assert path in result.provenance, path
