"""What the functions that take reports accept: a :class:`~govinfo.model.Report`, a
:class:`~govinfo.readers.ReadResult` (its report) or, where several reports are taken, a
:class:`~govinfo.batch.FileResult` (the reports of one file read by
:func:`govinfo.read_many`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeAlias

from govinfo.errors import GovinfoError
from govinfo.model import Report

if TYPE_CHECKING:
    from govinfo.batch import FileResult
    from govinfo.readers.result import ReadResult

OneReport: TypeAlias = "Report | ReadResult"
"""One report, or the result of reading one."""

SomeReports: TypeAlias = "Report | ReadResult | FileResult"
"""One report, the result of reading one, or what reading one file gave (its reports)."""


def as_report(item: OneReport) -> Report:
    """The report of ``item``."""
    if isinstance(item, Report):
        return item
    from govinfo.readers.result import ReadResult  # noqa: PLC0415 - readers import this module's users

    if isinstance(item, ReadResult):
        return item.report
    raise TypeError(f"expected a Report or a ReadResult, got {type(item).__name__}")


def as_reports(items: SomeReports | Iterable[SomeReports]) -> Iterator[Report]:
    """The reports of ``items`` (one or many), in order. A file that was not read raises a
    :class:`~govinfo.errors.GovinfoError` naming it: its reports would be silently missing."""
    for item in as_items(items):
        yield as_report(item)


def as_items(items: SomeReports | Iterable[SomeReports]) -> Iterator[Report | ReadResult]:
    """The reports and read results of ``items`` (one or many), in order, a file read by
    :func:`govinfo.read_many` giving its read results (which know their document and their
    place in it). A file that was not read raises a :class:`~govinfo.errors.GovinfoError`
    naming it."""
    from govinfo.batch import FileResult  # noqa: PLC0415 - the batch module reads; this is below
    from govinfo.readers.result import ReadResult  # noqa: PLC0415

    many: Iterable[SomeReports] = (
        [items] if isinstance(items, Report | ReadResult | FileResult) else items
    )
    for item in many:
        if isinstance(item, FileResult):
            if item.error is not None:
                raise GovinfoError(
                    f"{item.path}: not read ({item.error}); leave out the files that were "
                    "not read: [f for f in files if f.ok]"
                )
            yield from item.results
        elif isinstance(item, Report | ReadResult):
            yield item
        else:
            raise TypeError(f"expected a Report or a ReadResult, got {type(item).__name__}")
