"""The package's patterns avoid the regex constructs that CPython 3.11.0–3.11.4 match wrongly.

A possessive quantifier on a group (``(?:…)*+``, ``(?:…)++``, ``(?:…)?+``, ``(?:…){m,n}+``)
gives wrong matches there when the group can backtrack: ``\\d++(?:\\s++\\d++)*+`` finds
``"12 34 "`` in ``"12 34 b"``, trailing space included (CPython gh-106052, fixed in 3.11.5 by
compiling it as a greedy repeat inside an atomic group). Debian 12's Python is 3.11.2, so the
patterns write that form themselves: ``(?>(?:…)*)``. A possessive quantifier on one character
or class (``\\d++``) is unaffected.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SOURCES = sorted([*(ROOT / "src" / "govinfo").rglob("*.py"), *(ROOT / "tools").rglob("*.py")])
_POSSESSIVE_GROUP = re.compile(r"\)(?:[*+?]|\{\{?[0-9,]*\}\}?)\+")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_possessive_quantifier_on_a_group(path: Path) -> None:
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if _POSSESSIVE_GROUP.search(line)
    ]
    assert found == []


def test_the_scan_finds_the_construct() -> None:
    for pattern in (r"\d++(?:\s++\d++)*+", r"(?: [0-9]{3})++", r"(?:a|b)?+", r"(?:ab){2,3}+"):
        assert _POSSESSIVE_GROUP.search(pattern), pattern
    assert not _POSSESSIVE_GROUP.search(r"(?>\d+(?:\s+\d+)*) [0-9]++ \([一二]++\)")
