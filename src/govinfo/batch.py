"""Read many files at once: :func:`read_many`.

>>> import govinfo
>>> for file in govinfo.read_many(["reports/", "2024/*.pdf"], jobs=4):   # doctest: +SKIP
...     if file.ok:
...         print(file.path, [r.report.agency for r in file.results])
...     else:
...         print(file.path, "not read:", file.error)

Files come back in input order, one :class:`FileResult` each, whatever ``jobs`` is. A file
that cannot be read is a :class:`FileResult` carrying its error, never an exception that stops
the batch; so is an unexpected exception (a bug in govinfo), as an
:class:`~govinfo.errors.InternalError`.
"""

from __future__ import annotations

import collections
import fnmatch
import glob
import os
import pickle
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from attrs import field, frozen

from govinfo.errors import GovinfoError, InternalError, NoSuchFile, NotAReport, UnreadableDocument
from govinfo.readers import _SUFFIXES, ReadResult, read_all

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from govinfo.model import Report

__all__ = ["SUFFIXES", "FileResult", "read_many"]

SUFFIXES = tuple(sorted(_SUFFIXES))
"""The file suffixes :func:`read_many` takes from a directory (compared case-insensitively)."""

PathArg = str | os.PathLike[str]
T = TypeVar("T")


def _results(values: Iterable[ReadResult]) -> tuple[ReadResult, ...]:
    return tuple(values)


@frozen(kw_only=True)
class FileResult:
    """What reading one file gave: its reports, or the error that stopped it.

    ``results`` holds one :class:`~govinfo.readers.ReadResult` per report in the file (several
    for a compilation of a city's departments), in document order; ``error`` is ``None`` then.
    ``named`` says whether the path was given as is (``False`` when it was found in a
    directory or by a glob).
    """

    path: Path
    results: tuple[ReadResult, ...] = field(default=(), converter=_results)
    error: Exception | None = None
    named: bool = True

    @property
    def ok(self) -> bool:
        """Whether the file was read."""
        return self.error is None

    @property
    def reports(self) -> tuple[Report, ...]:
        """The reports read (none when the file was not read)."""
        return tuple(r.report for r in self.results)

    @property
    def skipped(self) -> bool:
        """Whether this is a file found in a directory or by a glob that is not a report at
        all (a ``README.md`` beside the reports): worth a note, not a failure of the batch. A
        file named as is, or a report that cannot be read (a garbled PDF), is never skipped."""
        return (
            not self.named
            and isinstance(self.error, NotAReport)
            and not isinstance(self.error, UnreadableDocument)
        )

    @property
    def internal(self) -> bool:
        """Whether reading met an unexpected exception: a bug in govinfo, to be reported."""
        return isinstance(self.error, InternalError)


def read_many(
    sources: PathArg | Iterable[PathArg],
    *,
    jobs: int | None = 1,
    progress: Callable[[int, int], None] | None = None,
    exclude: Iterable[str] = (),
) -> Iterator[FileResult]:
    """Read every file of ``sources`` and yield a :class:`FileResult` for each, in input order.

    ``sources`` are paths, directories and globs (``"2024/**/*.pdf"``; ``**`` crosses
    directories): a directory is read recursively, taking only files whose suffix govinfo
    reads (:data:`SUFFIXES`) and leaving out hidden files and directories (``.git``); a file
    named twice is read once. ``exclude`` takes glob patterns (``"drafts"``, ``"*.json"``),
    each matched against the whole path, its name and each of its directories, of the files
    found in directories and by globs (a file named as is is always read). A source that
    names nothing gives a :class:`FileResult` whose error is
    :class:`~govinfo.errors.NoSuchFile`.

    ``jobs`` processes read the files (``None``: one per CPU), which are handed out a few at
    a time; with ``jobs=1`` everything happens in this process. ``progress``, when given, is
    called as ``progress(done, total)`` after each file.
    """
    return _map_files(sources, _as_read, jobs=jobs, progress=progress, exclude=exclude)


def _as_read(file: FileResult) -> FileResult:
    return file


def _map_files(
    sources: PathArg | Iterable[PathArg],
    work: Callable[[FileResult], T],
    *,
    jobs: int | None = 1,
    progress: Callable[[int, int], None] | None = None,
    exclude: Iterable[str] = (),
) -> Iterator[T]:
    """``work(file)`` for each file of ``sources`` read as :func:`read_many` reads it, in input
    order. With several ``jobs``, ``work`` runs in the worker that read the file, so that only
    its value travels back (a picklable function, say a ``functools.partial`` of a module's
    function): ``govinfo check`` sends back its rendered findings, a few hundred bytes, instead
    of the read results, tens of kilobytes whose pickling cost more CPU than checking them.
    ``work`` must not raise (a worker's exception would lose its whole chunk)."""
    files = _expand([sources] if isinstance(sources, str | os.PathLike) else sources, exclude)
    total = len(files)
    workers = min(jobs or os.cpu_count() or 1, total)
    outcomes = (
        _in_pool(files, workers, work) if workers > 1 else (work(_read_one(f)) for f in files)
    )
    for done, outcome in enumerate(outcomes, start=1):
        if progress is not None:
            progress(done, total)
        yield outcome


# --- which files ------------------------------------------------------------------------------


@frozen
class _Task:
    """A file to read, or a source that named nothing (``missing``)."""

    path: Path
    named: bool
    missing: bool = False


def _expand(sources: Iterable[PathArg], exclude: Iterable[str]) -> list[_Task]:
    patterns = [p for p in exclude if p]
    tasks: list[_Task] = []
    seen: set[Path] = set()

    def add(path: Path, named: bool) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            tasks.append(_Task(path, named))

    for source in sources:
        path = Path(source)
        text = os.fspath(source)
        if path.is_dir():
            for found in _walk(path):
                if not _excluded(found, patterns):
                    add(found, named=False)
        elif path.is_file():
            add(path, named=True)
        elif glob.has_magic(text):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True))
            if not matches:
                tasks.append(_Task(path, named=True, missing=True))
            for match in matches:
                if match.is_file() and not _excluded(match, patterns):
                    add(match, named=False)
        else:
            tasks.append(_Task(path, named=True, missing=True))
    return tasks


def _walk(directory: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [
            Path(root, f)
            for f in sorted(files)
            if not f.startswith(".") and Path(f).suffix.lower() in _SUFFIXES
        ]
    return sorted(found)


def _excluded(path: Path, patterns: Sequence[str]) -> bool:
    names = (path.as_posix(), *path.parts)
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns for name in names)


# --- reading ----------------------------------------------------------------------------------


def _read_one(task: _Task) -> FileResult:
    if task.missing:
        return FileResult(path=task.path, error=NoSuchFile(str(task.path)), named=task.named)
    try:
        results = read_all(task.path)
    except GovinfoError as exc:
        return FileResult(path=task.path, error=exc, named=task.named)
    except Exception as exc:  # anything else is a bug: kept, so that the batch goes on
        error = InternalError(
            f"{type(exc).__name__}: {exc}", type(exc).__name__, traceback.format_exc()
        )
        return FileResult(path=task.path, error=error, named=task.named)
    return FileResult(path=task.path, results=results, named=task.named)


def _read_chunk(tasks: Sequence[_Task], work: Callable[[FileResult], T]) -> list[T]:
    """Read ``tasks`` in a worker process and apply ``work`` to each file; an error that
    would not survive the trip back (an exception whose type cannot be rebuilt from its
    pickle) goes back as its message."""
    return [work(_portable(_read_one(task))) for task in tasks]


def _portable(outcome: FileResult) -> FileResult:
    if outcome.error is not None and not _survives_pickling(outcome.error):
        plain = GovinfoError(str(outcome.error))
        return FileResult(path=outcome.path, error=plain, named=outcome.named)
    return outcome


def _survives_pickling(error: Exception) -> bool:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return False
    return True


def _in_pool(tasks: Sequence[_Task], workers: int, work: Callable[[FileResult], T]) -> Iterator[T]:
    """Read ``tasks`` with ``workers`` processes, a chunk at a time, keeping at most two
    chunks per worker in flight (memory stays bounded when the caller is slow), in order."""
    size = max(1, min(16, len(tasks) // (workers * 4)))
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        pending: collections.deque[tuple[Sequence[_Task], Future[list[T]]]]
        pending = collections.deque()
        upcoming = iter(chunks)
        for chunk in upcoming:
            pending.append((chunk, _submit(pool, chunk, work)))
            if len(pending) >= 2 * workers:
                break
        while pending:
            chunk, future = pending.popleft()
            try:
                outcomes = future.result()
            except Exception as exc:  # a worker died (killed for memory, say)
                outcomes = [work(_lost(task, exc)) for task in chunk]
            yield from outcomes
            following = next(upcoming, None)
            if following is not None:
                pending.append((following, _submit(pool, following, work)))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(
    pool: ProcessPoolExecutor, chunk: Sequence[_Task], work: Callable[[FileResult], T]
) -> Future[list[T]]:
    try:
        return pool.submit(_read_chunk, chunk, work)
    except Exception as exc:  # the pool is broken: a worker died
        failed: Future[list[T]] = Future()
        failed.set_exception(exc)
        return failed


def _lost(task: _Task, exc: BaseException) -> FileResult:
    kind = type(exc).__name__
    error = InternalError(f"the process reading it failed: {kind}: {exc}", kind)
    return FileResult(path=task.path, error=error, named=task.named)
