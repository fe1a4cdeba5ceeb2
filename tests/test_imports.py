"""What ``import govinfo`` loads, and how the modules depend on each other.

A plain ``import govinfo`` loads what reading a document needs; the rest loads on first use
(PEP 562 ``__getattr__``), while every public name stays importable. These tests run fresh
interpreters (not timed: the time is ``benchmarks/bench_import.py``'s business).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import _text
from govinfo.readers import meta

SRC = Path(govinfo.__file__).resolve().parent

LAZY_MODULES = (
    "govinfo.aggregation",
    "govinfo.batch",
    "govinfo.cli",
    "govinfo.dates",
    "govinfo.frames",
    "govinfo.narrative",
    "govinfo.readers.formats",
    "govinfo.readers.meta",
    "govinfo.regions",
    "govinfo.samples",
    "govinfo.schema",
    "govinfo.serialization",
    "govinfo.strategies",
    "govinfo.tidy",
    "govinfo.totals",
    "cattrs",
    "dateutil",
    "holidays",
    "hypothesis",
    "pandas",
    "concurrent.futures.process",
    "multiprocessing",
)
"""Modules a plain ``import govinfo`` must not load: each is loaded on first use."""


def _modules_after(code: str) -> set[str]:
    """The names in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_import_loads_no_lazy_module() -> None:
    loaded = _modules_after("import govinfo")
    assert "govinfo.readers" in loaded  # what a read needs is there
    assert sorted(loaded & set(LAZY_MODULES)) == []


def test_command_line_start_loads_no_other_command() -> None:
    loaded = _modules_after("import govinfo.cli")
    others = {
        "govinfo.aggregation",
        "govinfo.frames",
        "govinfo.narrative",
        "govinfo.schema",
        "govinfo.serialization",
        "govinfo.tidy",
        "cattrs",
    }
    assert sorted(loaded & others) == []


@pytest.mark.parametrize(
    ("code", "module"),
    [
        ("from govinfo import to_json", "govinfo.serialization"),
        ("import govinfo; govinfo.aggregate", "govinfo.aggregation"),
        ("import govinfo; govinfo.rules()", "govinfo.narrative"),
        ("import govinfo; govinfo.read_many", "govinfo.batch"),
        ("import govinfo; govinfo.schema", "govinfo.schema"),
    ],
)
def test_first_use_loads_the_module(code: str, module: str) -> None:
    assert module in _modules_after(code)


def test_every_public_name_resolves() -> None:
    namespace: dict[str, object] = {}
    exec(f"from govinfo import {', '.join(govinfo.__all__)}", namespace)
    for name in govinfo.__all__:
        assert getattr(govinfo, name) is namespace[name], name
    assert set(govinfo.__all__) <= set(dir(govinfo))
    assert govinfo.to_json is govinfo.serialization.to_json
    assert govinfo.Finding is govinfo.rulebase.Finding


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = govinfo.no_such_name
    assert not hasattr(govinfo, "rules_typo")


# --- the module graph ----------------------------------------------------------------------


def _top_level_imports(module: str) -> set[str]:
    """The modules ``module`` imports when it is imported (not inside functions, not only for
    type checking)."""
    path = SRC.joinpath(*module.split(".")[1:]).with_suffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def _of_package(names: set[str], prefix: str = "govinfo") -> set[str]:
    return {n for n in names if n == prefix or n.startswith(prefix + ".")}


def test_errors_imports_nothing_of_the_package() -> None:
    assert _of_package(_top_level_imports("govinfo.errors")) == set()


def test_checks_and_narrative_do_not_import_each_other() -> None:
    assert _of_package(_top_level_imports("govinfo.narrative"), "govinfo.checks") == set()
    assert _of_package(_top_level_imports("govinfo.checks"), "govinfo.narrative") == set()
    assert _of_package(_top_level_imports("govinfo.narrative"), "govinfo.readers") == set()
    assert "govinfo.rulebase" in _top_level_imports("govinfo.narrative")
    assert "govinfo.rulebase" in _top_level_imports("govinfo.checks")


READER_STAGES = (
    "normal",
    "numbers",
    "cells",
    "labels",
    "segment",
    "state",
    "edition",
    "text_sections",
    "tables",
    "columns",
    "split",
    "runs",
    "table_proactive",
    "table_requests",
    "table_review",
    "pages",
    "assembler",
)
"""The reader's second-stage modules, each importing only those before it (the order the
docs describe them in; pages, run first on a document, builds on label matching)."""
READER_FRONT = ("__init__", "raw", "result", "text", "formats", "pdfium", "meta")
"""The first stage (front-ends, raw cells) and what both stages share."""


def _readers_imported(module: str) -> set[str]:
    """The reader modules ``module`` imports anywhere (at the top or inside a function)."""
    path = SRC / "readers" / f"{module}.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or node.module is None:
            continue
        if node.module == "govinfo.readers":
            found |= {a.name for a in node.names}
        elif node.module.startswith("govinfo.readers."):
            found.add(node.module.removeprefix("govinfo.readers.").split(".")[0])
    return found


def test_reader_stages_import_only_earlier_stages() -> None:
    on_disk = {p.stem for p in (SRC / "readers").glob("*.py")}
    assert on_disk == {*READER_STAGES, *READER_FRONT}  # a new module says where it sits
    for k, module in enumerate(READER_STAGES):
        later = _readers_imported(module) & set(READER_STAGES[k:])
        assert later == set(), f"{module} imports {later}"
    for module in READER_FRONT:
        if module != "__init__":
            assert _readers_imported(module) & set(READER_STAGES) == set(), module


def test_old_names_still_importable() -> None:
    from govinfo import checks, rulebase

    for name in ("Basis", "Culprit", "Finding", "Operand", "Rule", "Severity", "Status"):
        assert getattr(checks, name) is getattr(rulebase, name)
    assert meta.chinese_number is _text.chinese_number


_DIGITS = "〇一二三四五六七八九"


@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_number_reads_digit_by_digit(n: int) -> None:
    """A number written digit by digit (as years are: 二〇二五) reads back as itself."""
    text = "".join(_DIGITS[int(d)] for d in str(n))
    assert _text.chinese_number(text) == n


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=9))
def test_chinese_number_reads_tens(tens: int, units: int) -> None:
    """二十三 is 23; 十三 (no leading 一) is 13; a zero unit is left out (二十)."""
    text = ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")
    assert _text.chinese_number(text) == tens * 10 + units
