"""Every example runs and says what its docstring promises."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_example_runs(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.argv", [str(example)])  # as run from the command line, no arguments
    main = runpy.run_path(str(example))["main"]
    assert main() == 0
    assert capsys.readouterr().out.strip()


def test_read_a_report_shows_the_blank_and_the_unplaced_number(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main = runpy.run_path(str(EXAMPLES / "read_a_report.py"))["main"]
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "error unplaced-number: requests.carried_over: '5'" in out
    assert "requests.new_requests.commercial_enterprise = None" in out


def test_check_a_typo_names_the_culprit(capsys: pytest.CaptureFixture[str]) -> None:
    main = runpy.run_path(str(EXAMPLES / "check_a_typo.py"))["main"]
    assert main() == 0
    assert (
        "likely culprit: requests.disclosed.natural_person = 6; 8 makes" in capsys.readouterr().out
    )
