"""The catalogue of reader diagnostics: one code decides a diagnostic's severity."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import govinfo.readers
from govinfo.readers import Diagnostic, DiagnosticCode, DiagnosticSeverity

READERS = Path(govinfo.readers.__file__).parent


def test_codes_are_their_text() -> None:
    assert str(DiagnosticCode.UNPLACED_NUMBER) == "unplaced-number"
    assert f"{DiagnosticCode.UNPLACED_NUMBER}" == "unplaced-number"
    assert DiagnosticCode("ambiguous-digits") is DiagnosticCode.AMBIGUOUS_DIGITS
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", code) for code in DiagnosticCode)


def test_every_code_has_a_meaning() -> None:
    assert all(code.meaning and code.meaning[0].islower() for code in DiagnosticCode)


def test_severity_follows_the_code() -> None:
    d = Diagnostic(code="unplaced-number", message="m")
    assert d.code is DiagnosticCode.UNPLACED_NUMBER
    assert d.severity is DiagnosticSeverity.ERROR
    assert Diagnostic(code=DiagnosticCode.DIGITS_SPLIT, message="m").severity is (
        DiagnosticSeverity.INFO
    )


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError, match="no-such-code"):
        Diagnostic(code="no-such-code", message="m")


def test_every_code_is_reported_somewhere() -> None:
    """The catalogue lists what the readers say, no more: each member is used by a reader."""
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in READERS.glob("*.py") if p.name != "result.py"
    )
    unused = [code.name for code in DiagnosticCode if f"DiagnosticCode.{code.name}" not in source]
    assert unused == []
