"""What ``govinfo.read`` takes (paths, path-like strings, file objects, data) and what the
functions that take reports take (reports, ReadResults, files read by read_many)."""

from __future__ import annotations

import io
import pickle
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import samples
from govinfo.batch import SUFFIXES
from govinfo.errors import (
    GovinfoError,
    InconsistentReport,
    InternalError,
    InvalidDocument,
    IsADirectory,
    MissingExtra,
    MixedEditions,
    NoSuchFile,
    NotAReport,
    Problem,
    UnreadableDocument,
)
from govinfo.readers import FORMATS
from govinfo.registry import Edition
from govinfo.render import render


def _content(report: govinfo.Report) -> govinfo.Report:
    """``report`` without its source (which names the file it was read from)."""
    return attrs.evolve(report, source=None)


@pytest.fixture
def huaian(shared_dir: Path) -> Path:
    return shared_dir / "samples" / "huaian-2024.txt"


# --- a str that looks like a path is a path ---------------------------------------------------

_NAMES = st.text(
    alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd", "Lo"), max_codepoint=0x9FFF),
    min_size=1,
    max_size=20,
)


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stem=_NAMES, suffix=st.sampled_from(SUFFIXES), upper=st.booleans())
def test_a_missing_path_says_no_such_file(
    tmp_path: Path, stem: str, suffix: str, upper: bool
) -> None:
    # the commonest notebook mistake: a typo in a path was read as the report's text
    name = str(tmp_path / "missing" / (stem + (suffix.upper() if upper else suffix)))
    with pytest.raises(NoSuchFile) as caught:
        govinfo.read(name)
    error = caught.value
    assert isinstance(error, FileNotFoundError)
    assert isinstance(error, GovinfoError)
    assert isinstance(error, ValueError)
    assert str(error) == f"{name}: no such file"
    assert error.path == name
    with pytest.raises(FileNotFoundError):
        govinfo.read_all(name)
    with pytest.raises(FileNotFoundError):
        govinfo.read(Path(name))


def test_a_relative_path_with_a_typo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"^nope\.pdf: no such file$"):
        govinfo.read("nope.pdf")


def test_a_directory_has_its_own_error(tmp_path: Path) -> None:
    for source in (str(tmp_path), tmp_path, str(tmp_path / "reports.md")):
        if isinstance(source, str) and source.endswith(".md"):
            Path(source).mkdir()  # a directory named like a report
        with pytest.raises(IsADirectory) as caught:
            govinfo.read(source)
        assert isinstance(caught.value, IsADirectoryError)
        assert isinstance(caught.value, GovinfoError)
        assert "read_many" in str(caught.value)


def test_text_that_is_not_a_path_is_read_as_text(huaian: Path) -> None:
    # several lines, or one line too long to be a path: the report's text, as before
    with pytest.raises(NotAReport):
        govinfo.read("nope.pdf\nnope.pdf")
    with pytest.raises(NotAReport):
        govinfo.read("今天天气很好。" * 200 + ".txt")
    with pytest.raises(NotAReport):
        govinfo.read("今天天气很好")  # no suffix, names nothing
    text = huaian.read_text(encoding="utf-8")
    assert _content(govinfo.read(text).report) == _content(govinfo.read(huaian).report)


def test_a_str_naming_a_file_without_a_known_suffix_is_read(huaian: Path, tmp_path: Path) -> None:
    copy = tmp_path / "huaian-2024"
    copy.write_bytes(huaian.read_bytes())
    assert _content(govinfo.read(str(copy)).report) == _content(govinfo.read(huaian).report)


# --- file objects -----------------------------------------------------------------------------


def test_file_objects_binary_and_text(huaian: Path) -> None:
    expected = govinfo.read(huaian)
    with huaian.open("rb") as binary:
        from_binary = govinfo.read(binary)
    with huaian.open(encoding="utf-8") as text:
        from_text = govinfo.read_all(text)
    (only,) = from_text
    assert from_binary.report == expected.report == only.report
    assert from_binary.name == str(huaian)  # named after the file it was opened on
    assert from_binary.diagnostics == expected.diagnostics
    memory = govinfo.read(io.BytesIO(huaian.read_bytes()))
    assert _content(memory.report) == _content(expected.report)
    assert memory.name is None
    assert govinfo.read(io.StringIO(huaian.read_text(encoding="utf-8")), name="x.txt").name == (
        "x.txt"
    )


def test_a_binary_file_object_uses_its_suffix(shared_dir: Path) -> None:
    html = shared_dir / "samples" / "shuyang-fgj-2023.html"
    with html.open("rb") as handle:
        assert govinfo.read(handle).format == "html"


def test_not_a_source_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="path, bytes, text or a file object"):
        govinfo.read(42)  # type: ignore[arg-type]


# --- format= ----------------------------------------------------------------------------------


@given(st.text(min_size=1, max_size=12).filter(lambda f: f not in FORMATS))
def test_an_unknown_format_lists_the_valid_ones(fmt: str) -> None:
    with pytest.raises(GovinfoError) as caught:
        govinfo.read("今天天气很好", format=fmt)
    message = str(caught.value)
    assert repr(fmt) in message
    assert all(f in message for f in FORMATS)


def test_a_known_format_still_overrides_detection(huaian: Path) -> None:
    assert govinfo.read(huaian.read_bytes(), format="text").format == "text"


# --- the missing extra names the file ---------------------------------------------------------


def test_missing_extra_names_the_file(shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import pdfplumber now fails
    path = shared_dir / "samples" / "huaian-2024.pdf"
    with pytest.raises(MissingExtra) as caught:
        govinfo.read(path)
    assert str(caught.value).startswith(f"{path}: reading PDF needs pdfplumber")
    assert "govinfo[pdf]" in str(caught.value)
    assert isinstance(caught.value, ImportError)


# --- errors survive pickling (read_many's processes send them back) ---------------------------


def _errors() -> list[BaseException]:
    report = samples.load("luoyang-scjgj-2020")
    return [
        NoSuchFile("a.pdf"),
        IsADirectory("reports"),
        UnreadableDocument("a scan", "scan.pdf"),
        MissingExtra("PDF", "pdfplumber", "pdf", "a.pdf"),
        InvalidDocument((Problem("$.year", "expected an integer"),), "a.json"),
        InconsistentReport(report, ()),
        MixedEditions({Edition.V2019, Edition.V2021}),
        InternalError("KeyError: 'x'", "KeyError", "Traceback ..."),
    ]


@pytest.mark.parametrize("error", _errors(), ids=lambda e: type(e).__name__)
def test_errors_survive_pickling(error: BaseException) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert vars(back) == vars(error)


# --- functions that take reports take ReadResults ---------------------------------------------


def test_functions_take_read_results(shared_dir: Path) -> None:
    paths = [shared_dir / "samples" / n for n in ("huaian-2024.txt", "hongzequ-2024.txt")]
    results = [govinfo.read(p) for p in paths]
    reports = [r.report for r in results]
    first, report = results[0], reports[0]
    assert govinfo.check(first) == first.check()  # with where each cell was read
    assert [f.sources for f in govinfo.check(results[1])] == [f.sources for f in results[1].check()]
    assert govinfo.check(first, select=["R1"]) == first.check(select=["R1"])
    assert govinfo.is_consistent(first) == govinfo.is_consistent(report)
    assert govinfo.validate(first) is report
    assert govinfo.to_dict(first) == govinfo.to_dict(report)
    assert govinfo.to_json(first) == govinfo.to_json(report)
    assert render(first, "markdown") == render(report, "markdown")
    # the same cells; the read result also knows the report's place in its document
    assert [{**r, "report_index": None} for r in govinfo.records(first)] == list(
        govinfo.records(report)
    )
    assert [{**r, "report_index": None} for r in govinfo.records(results)] == list(
        govinfo.records(reports)
    )
    assert govinfo.aggregate(results) == govinfo.aggregate(reports)
    assert govinfo.failure_summary(results) == govinfo.failure_summary(reports)


def test_check_series_takes_read_results(huaian: Path) -> None:
    first = govinfo.read(huaian)
    later = attrs.evolve(first, report=attrs.evolve(first.report, year=first.report.year + 1))
    series = govinfo.check_series([later, first])
    assert series == govinfo.check_series([first.report, later.report])
    assert series  # the carried-over figures of the two years disagree: findings to compare


def test_functions_take_files_read_by_read_many(shared_dir: Path, tmp_path: Path) -> None:
    huaian = shared_dir / "samples" / "huaian-2024.txt"
    files = list(govinfo.read_many([huaian, tmp_path / "missing.txt"]))
    assert list(govinfo.records(files[0])) == list(govinfo.records(govinfo.read(huaian)))
    assert list(govinfo.records([f for f in files if f.ok])) == list(govinfo.records(files[0]))
    with pytest.raises(GovinfoError) as caught:
        list(govinfo.records(files))  # a file not read is never silently missing
    assert "missing.txt" in str(caught.value)
    assert "f.ok" in str(caught.value)


def test_a_wrong_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="Report or a ReadResult"):
        govinfo.to_dict("report")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["a" * 5000 + ".txt", "a\0b.txt"], ids=["too-long", "nul"])
def test_a_path_the_system_refuses_is_a_govinfo_error(name: str) -> None:
    with pytest.raises(GovinfoError, match="cannot read"):
        govinfo.read(Path(name))
