"""govinfo.read_many: many files, directories and globs, in input order, failures as results."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import batch
from govinfo.batch import SUFFIXES, FileResult
from govinfo.errors import InternalError, NoSuchFile, NotAReport, UnreadableDocument

_REPORTS = ("huaian-2024.txt", "pingtan-2024.txt", "hongzequ-2024.txt", "luoyang-scjgj-2020.txt")


@pytest.fixture
def folder(shared_dir: Path, tmp_path: Path) -> Path:
    """A folder of reports as a crawler leaves it: nested, with a README and other files."""
    root = tmp_path / "reports"
    (root / "2024" / "淮安").mkdir(parents=True)
    (root / ".cache").mkdir()
    samples = shared_dir / "samples"
    shutil.copy(samples / "huaian-2024.txt", root / "2024" / "淮安" / "huaian-2024.txt")
    shutil.copy(samples / "pingtan-2024.txt", root / "2024" / "pingtan-2024.TXT")
    shutil.copy(samples / "luoyang-scjgj-2020.txt", root / "luoyang-2020.txt")
    shutil.copy(samples / "huaian-2024.txt", root / ".cache" / "copy.txt")  # hidden: left out
    (root / ".hidden.txt").write_text("x", encoding="utf-8")
    (root / "README.md").write_text("# 说明\n\n这些是年度报告。\n", encoding="utf-8")
    (root / "notes.xlsx").write_bytes(b"PK\x03\x04")  # not a suffix govinfo reads
    return root


def _names(files: list[FileResult], root: Path) -> list[str]:
    return [f.path.relative_to(root).as_posix() for f in files]


def test_a_directory_is_read_recursively_by_suffix(folder: Path) -> None:
    files = list(govinfo.read_many(folder))
    assert _names(files, folder) == [
        "2024/pingtan-2024.TXT",
        "2024/淮安/huaian-2024.txt",
        "README.md",
        "luoyang-2020.txt",
    ]
    assert [f.ok for f in files] == [True, True, False, True]
    readme = files[2]
    assert isinstance(readme.error, NotAReport)
    assert readme.skipped  # found in a directory and not a report: a note, not a failure
    assert not readme.named
    assert [r.agency for f in files for r in f.reports] == [
        govinfo.read(f.path).report.agency for f in files if f.ok
    ]


def test_a_file_named_as_is_is_never_skipped(folder: Path, shared_dir: Path) -> None:
    (readme,) = govinfo.read_many(folder / "README.md")
    assert readme.named
    assert not readme.ok
    assert not readme.skipped
    (garbled,) = govinfo.read_many(shared_dir / "samples" / "broken")
    assert isinstance(garbled.error, UnreadableDocument)
    assert not garbled.skipped  # a report that cannot be read is a failure, found or named


def test_inputs_keep_their_order_and_failures_are_results(shared_dir: Path, tmp_path: Path) -> None:
    samples = shared_dir / "samples"
    sources: list[str | Path] = [
        str(samples / "pingtan-2024.txt"),
        tmp_path / "missing.pdf",
        str(samples / "hongzequ-2024.*"),  # a glob: its matches in order
        samples / "huaian-2024.txt",
    ]
    files = list(govinfo.read_many(sources))
    assert [f.path.name for f in files] == [
        "pingtan-2024.txt",
        "missing.pdf",
        "hongzequ-2024.pdf",
        "hongzequ-2024.txt",
        "huaian-2024.txt",
    ]
    missing = files[1]
    assert isinstance(missing.error, NoSuchFile)
    assert missing.results == ()
    assert [f.ok for f in files] == [True, False, True, True, True]
    assert not files[2].named  # found by a glob


def test_a_file_given_twice_is_read_once(shared_dir: Path) -> None:
    path = shared_dir / "samples" / "huaian-2024.txt"
    files = list(govinfo.read_many([path, str(path), shared_dir / "samples" / "*-2024.txt"]))
    assert [f.path.name for f in files].count("huaian-2024.txt") == 1


@pytest.mark.parametrize(
    ("pattern", "left_out"),
    [
        ("README.md", {"README.md"}),
        ("*.md", {"README.md"}),
        ("2024", {"2024/pingtan-2024.TXT", "2024/淮安/huaian-2024.txt"}),
        ("淮安", {"2024/淮安/huaian-2024.txt"}),
        ("*/luoyang-*", {"luoyang-2020.txt"}),
    ],
)
def test_exclude(folder: Path, pattern: str, left_out: set[str]) -> None:
    every = set(_names(list(govinfo.read_many(folder)), folder))
    kept = set(_names(list(govinfo.read_many(folder, exclude=[pattern])), folder))
    assert kept == every - left_out
    # a file named as is is read whatever the patterns
    named = folder / "luoyang-2020.txt"
    assert [f.path for f in govinfo.read_many(named, exclude=["*"])] == [named]


def test_jobs_give_the_same_results_in_the_same_order(shared_dir: Path, folder: Path) -> None:
    sources = [folder, shared_dir / "samples" / "*.txt", shared_dir / "samples" / "nope.md"]
    alone = list(govinfo.read_many(sources))
    pooled = list(govinfo.read_many(sources, jobs=2))
    assert [f.path for f in pooled] == [f.path for f in alone]
    assert [f.results for f in pooled] == [f.results for f in alone]
    assert [type(f.error) for f in pooled] == [type(f.error) for f in alone]
    assert [str(f.error) for f in pooled] == [str(f.error) for f in alone]


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(order=st.permutations(_REPORTS), jobs=st.integers(1, 3))
def test_progress_counts_every_file(shared_dir: Path, order: list[str], jobs: int) -> None:
    seen: list[tuple[int, int]] = []
    paths = [shared_dir / "samples" / n for n in order]
    files = list(govinfo.read_many(paths, jobs=jobs, progress=lambda d, t: seen.append((d, t))))
    assert [f.path for f in files] == paths
    assert seen == [(n, len(paths)) for n in range(1, len(paths) + 1)]


def test_an_unexpected_exception_is_a_result_and_the_batch_goes_on(
    shared_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = govinfo.read_all

    def broken(source: Path) -> list[govinfo.ReadResult]:
        if Path(source).name.startswith("pingtan"):
            raise KeyError("a bug")
        return real(source)

    monkeypatch.setattr(batch, "read_all", broken)
    paths = [shared_dir / "samples" / n for n in _REPORTS]
    # worker processes see the patched module only when they are forked from this one
    forked = multiprocessing.get_start_method() == "fork"
    for jobs in (1, 2) if forked else (1,):
        files = list(govinfo.read_many(paths, jobs=jobs))
        assert [f.ok for f in files] == [True, False, True, True]
        crashed = files[1]
        assert crashed.internal
        assert isinstance(crashed.error, InternalError)
        assert not isinstance(crashed.error, govinfo.GovinfoError)
        assert crashed.error.kind == "KeyError"
        assert "a bug" in str(crashed.error)
        assert "in broken" in crashed.error.traceback


def test_every_suffix_read_is_taken_from_a_directory(tmp_path: Path) -> None:
    for n, suffix in enumerate(SUFFIXES):
        (tmp_path / f"r{n}{suffix}").write_text("今天天气很好。", encoding="utf-8")
    (tmp_path / "r.csv").write_text("a,b", encoding="utf-8")
    files = list(govinfo.read_many(tmp_path))
    assert sorted(f.path.suffix for f in files) == sorted(SUFFIXES)
    assert all(not f.ok for f in files)


def _agencies_and_pid(file: FileResult) -> tuple[Path, tuple[str, ...], int]:
    return file.path, tuple(r.agency for r in file.reports), os.getpid()


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(order=st.permutations(_REPORTS), jobs=st.integers(1, 3))
def test_work_runs_where_the_file_is_read_and_keeps_the_order(
    shared_dir: Path, order: list[str], jobs: int
) -> None:
    # what `govinfo check --jobs N` does: each file checked in the worker that read it, so
    # that only the small result travels back, in input order
    paths = [shared_dir / "samples" / n for n in order] + [shared_dir / "samples" / "nope.txt"]
    mapped = list(batch._map_files(paths, _agencies_and_pid, jobs=jobs))
    read = [(f.path, tuple(r.agency for r in f.reports)) for f in govinfo.read_many(paths)]
    assert [(path, agencies) for path, agencies, _ in mapped] == read
    pids = {pid for _, _, pid in mapped}
    assert (pids == {os.getpid()}) == (jobs == 1)
