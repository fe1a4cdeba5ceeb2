"""The ``govinfo`` command line.

A thin layer over the library: every subcommand calls public functions and formats their
results. ``main(argv)`` returns the exit status instead of exiting, so it can be called from
Python and tested directly:

- 0: success (for ``check``: no error found; for ``show`` and ``convert``: nothing lost
  while reading);
- 1: ``check`` found at least one error (a finding or a reading problem of severity error), or
  ``show``, ``convert`` or ``aggregate`` met a reading error (listed on stderr);
- 2: bad usage, or an input that could not be read (one line on stderr naming the file);
- 3: an internal error, a bug in govinfo (one line on stderr naming the file; the traceback
  with ``--debug``); the other files of the run are still processed;
- 130: interrupted (Ctrl-C); 141: standard output was closed early (``govinfo … | head``),
  which ends the run quietly, as 128 + SIGPIPE does for other tools.

When several apply, the highest status (of 0–3) wins.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import os
import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from govinfo import __version__, samples
from govinfo.batch import FileResult, _map_files, read_many
from govinfo.checks import Finding, check_each_series, rules
from govinfo.errors import GovinfoError, InternalError, IsADirectory
from govinfo.limits import Limits, set_limits
from govinfo.model import ApplicantCounts, Report, ResultCounts, Source
from govinfo.readers import Diagnostic, DiagnosticCode, DiagnosticSeverity, Location, ReadResult
from govinfo.registry import Applicant, CellKind, RequestRow, ReviewResult, Section

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = ["build_parser", "main", "series_output"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

_BUG = "this is a bug in govinfo: please report it, with the file if you can"


class _UsageError(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


class _Parser(argparse.ArgumentParser):
    def exit(self, status: int = 0, message: str | None = None) -> Any:
        if message:
            self._print_message(message, sys.stderr)
        raise _UsageError(status)


def _limit(text: str) -> tuple[str, int]:
    """``NAME=VALUE`` of ``--limit``: a field of :class:`govinfo.Limits` and a positive int."""
    name, _, value = text.partition("=")
    if name not in Limits.names() or not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected NAME=VALUE, NAME one of {', '.join(Limits.names())} and VALUE "
            "a positive integer"
        )
    return name, int(value)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also the source of the CLI reference in the docs)."""
    parser = _Parser(
        prog="govinfo",
        description="Read, check and convert government information-disclosure annual reports "
        "(政府信息公开工作年度报告). Exit status: 0 success; 1 errors found (check) or met "
        "while reading (show, convert, aggregate); 2 bad usage or an input not read; 3 an "
        "internal error (a bug in govinfo; the other files are still processed).",
    )
    parser.add_argument("--version", action="version", version=f"govinfo {__version__}")
    parser.add_argument(
        "--limit",
        action="append",
        default=[],
        type=_limit,
        metavar="NAME=VALUE",
        help="change a bound on what is read, before the command (repeatable; "
        f"{', '.join(Limits.names())}; see docs/reading.md)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    show = commands.add_parser(
        "show",
        help="print a summary of a report",
        description="Print a summary of a report: identity, then the key figures of tables "
        "二, 三 and 四. Not-reported cells are shown as '—', never as 0. Errors met while "
        "reading (a number that lands in no cell) are listed on stderr, and the exit status "
        "is then 1.",
    )
    which = show.add_mutually_exclusive_group(required=True)
    which.add_argument("path", nargs="?", type=Path, help="a report in any format govinfo reads")
    which.add_argument(
        "--sample",
        metavar="NAME",
        help=f"a bundled sample report instead of a file (one of: {', '.join(samples.names())})",
    )
    _add_debug(show)

    check = commands.add_parser(
        "check",
        help="check reports against the rule catalogue",
        description="Read reports in any format govinfo reads (text, Markdown, HTML, PDF, Word, "
        "govinfo JSON) and check them. Prints one line per problem met while reading, "
        "'file:location: code severity message' (a number that lands in no cell, a layout "
        "read one way of several), and one per finding, 'file:location: RULE severity "
        "message', then a summary. A file found in a directory or by a glob that is not a "
        "report at all (a README.md) is skipped with a note. Exit status: 0 when nothing is "
        "an error, 1 when something is, 2 when an input could not be read as a report, 3 on "
        "an internal error.",
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files, directories (read recursively) or globs"
    )
    check.add_argument(
        "--sample",
        metavar="NAME",
        action="append",
        default=[],
        help=f"also check a bundled sample report (one of: {', '.join(samples.names())})",
    )
    check.add_argument(
        "--output-format",
        "--format",
        dest="output_format",
        choices=("text", "json", "github"),
        default="text",
        help="text (the default), json, or github (workflow annotations, ::error file=…)",
    )
    check.add_argument(
        "--select",
        metavar="IDS",
        help="only these: rule ids, rule tags, reading codes (unplaced-number), or 'reading' "
        "for every reading code; comma-separated",
    )
    check.add_argument(
        "--ignore",
        metavar="IDS",
        help="leave these out: rule ids, rule tags, reading codes, or 'reading'",
    )
    check.add_argument(
        "--reading",
        choices=_READING_LEVELS,
        default="warning",
        help="which problems met while reading to show: errors, errors and warnings (the "
        "default), all (with what the reader only tells, such as a unit converted), or none; "
        "a reading code named in --select is shown whatever its severity",
    )
    check.add_argument(
        "--series",
        action="store_true",
        help="instead of each report's own rules, group the reports by agency (洪泽区人民政府 and "
        "淮安市洪泽区人民政府 are one) and run the cross-year rules X1-X3 between consecutive "
        "years of each",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="instead of one line per problem, the count of each rule and reading code "
        "(with --output-format json, a 'statistics' list is added)",
    )
    _add_batch_options(check)
    _add_debug(check)

    convert = commands.add_parser(
        "convert",
        help="convert reports to JSON, tidy records, CSV, Markdown, HTML or text",
        description="Read reports in any format govinfo reads and write them as govinfo JSON "
        "(one document, or an array for several reports), tidy records (JSON Lines, one per "
        "cell), CSV (the same records, UTF-8 with a byte-order mark for Excel), Parquet (the "
        "same records; extra 'parquet'; needs -o), or the official "
        "layout as Markdown, HTML or tab-separated text, which govinfo reads back. Errors met "
        "while reading are listed on stderr, and the exit status is then 1.",
    )
    convert.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories (read recursively) or globs"
    )
    convert.add_argument("--to", required=True, choices=CONVERT_FORMATS, help="output format")
    convert.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="write here instead of standard output"
    )
    _add_batch_options(convert)
    _add_debug(convert)

    aggregate_parser = commands.add_parser(
        "aggregate",
        help="add reports up, cell by cell",
        description="Read reports of one template edition and add them up cell by cell into one "
        "report-shaped result (a cell is not reported only when no input reports it), written "
        "as govinfo JSON or as CSV records. Warns on stderr when the reports are of several "
        "years or one report is given twice (the same file content). When an input cannot "
        "be read, nothing is written and the exit status is 2, unless --partial is given.",
    )
    aggregate_parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories (read recursively) or globs"
    )
    aggregate_parser.add_argument(
        "--to", choices=("json", "csv"), default="json", help="output format (default: json)"
    )
    aggregate_parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="write here instead of standard output"
    )
    _add_batch_options(aggregate_parser)
    _add_debug(aggregate_parser)
    aggregate_parser.add_argument(
        "--partial",
        action="store_true",
        help="when an input cannot be read, still write the total of the others (exit "
        "status 2 all the same)",
    )

    rules_parser = commands.add_parser(
        "rules",
        help="print the rule catalogue",
        description="Print the rule catalogue: id, severity, tags and title of every rule.",
    )
    rules_parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of govinfo documents",
        description="Print the JSON Schema (draft 2020-12) that govinfo JSON documents follow.",
    )
    schema.add_argument("--indent", type=int, default=2, help="indentation (default: 2)")

    commands.add_parser(
        "samples",
        help="list the bundled sample reports",
        description="List the names of the sample reports bundled with govinfo.",
    )
    return parser


def _add_batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--exclude",
        metavar="PATTERNS",
        action="append",
        default=[],
        help="leave out files found in directories or by globs that match these glob patterns "
        "(matched against the path, the file name and each directory; comma-separated, "
        "repeatable); a file named as is is always read",
    )
    command.add_argument(
        "--jobs",
        type=_positive,
        default=1,
        metavar="N",
        help="read with N processes (results stay in input order)",
    )


def _add_debug(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--debug",
        action="store_true",
        help="print the traceback of an internal error (a bug in govinfo)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        return exc.status
    set_limits(Limits(**dict(args.limit)))  # for every read of this run
    try:
        status = _run(parser, args)
        sys.stdout.flush()  # here, so that a reader gone away is met here and not at exit
    except _UsageError as exc:
        return exc.status
    except BrokenPipeError:
        return _output_closed()
    except KeyboardInterrupt:
        print("govinfo: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (GovinfoError, KeyError, OSError) as exc:
        print(f"govinfo: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # a bug: one line, and the traceback only when asked for
        return _internal(None, _as_internal(exc), getattr(args, "debug", False))
    return status


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "show":
        return _show(args.path, args.sample, args.debug)
    if args.command == "check":
        if not args.paths and not args.sample:
            parser.error("check: give at least one PATH or --sample NAME")
        if args.series:
            return _check_series(
                args.paths,
                args.sample,
                args.output_format,
                _ids(args.select),
                _ids(args.ignore),
                jobs=args.jobs,
                exclude=_patterns(args.exclude),
                debug=args.debug,
            )
        return _check(
            args.paths,
            args.output_format,
            _ids(args.select),
            _ids(args.ignore),
            args.jobs,
            args.sample,
            args.reading,
            statistics=args.statistics,
            exclude=_patterns(args.exclude),
            debug=args.debug,
        )
    if args.command == "convert":
        return _convert(
            args.paths, args.to, args.output, args.jobs, _patterns(args.exclude), args.debug
        )
    if args.command == "aggregate":
        return _aggregate(
            args.paths,
            args.to,
            args.output,
            args.jobs,
            _patterns(args.exclude),
            args.debug,
            partial=args.partial,
        )
    if args.command == "rules":
        print(_rules_text(args.format))
    elif args.command == "schema":
        from govinfo.schema import json_schema  # noqa: PLC0415 - commands import their own

        print(json.dumps(json_schema(), ensure_ascii=False, indent=args.indent))
    elif args.command == "samples":
        print("\n".join(samples.names()))
    return EXIT_OK


def _output_closed() -> int:
    """Standard output was closed by its reader (``govinfo … | head -1``): end quietly. What
    is still buffered goes nowhere, so that Python's flush at exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file descriptor (output captured in a test, say)
    return EXIT_BROKEN_PIPE


# --- errors met on the way --------------------------------------------------------------------


def _as_internal(exc: BaseException) -> InternalError:
    import traceback  # noqa: PLC0415 - only on the rare way to a bug report

    kind = type(exc).__name__
    return InternalError(f"{kind}: {exc}", kind, "".join(traceback.format_exception(exc)))


def _internal(path: Path | None, error: BaseException, debug: bool) -> int:
    """Print one line about an internal error (and its traceback with ``--debug``)."""
    where = f"{path}: " if path is not None else ""
    print(
        f"govinfo: internal error: {where}{_one_line(error)} ({_BUG}; --debug prints the "
        "traceback)",
        file=sys.stderr,
    )
    if debug and isinstance(error, InternalError) and error.traceback:
        print(error.traceback.rstrip("\n"), file=sys.stderr)
    return EXIT_INTERNAL


def _named(path: Path, exc: BaseException) -> str:
    """The error's message on one line, starting with the file's name when it does not name
    it already."""
    message = _one_line(exc)
    return message if str(path) in message else f"{path}: {message}"


def _progress_bar() -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """A progress callback for :func:`read_many` (a bar on stderr when it is a terminal and
    there is more than one file), and what ends it."""
    if not sys.stderr.isatty():
        return None, lambda: None
    shown = []

    def bar(done: int, total: int) -> None:
        if total > 1:
            width = 30
            filled = width * done // total
            line = "#" * filled + "-" * (width - filled)
            print(f"\r[{line}] {done}/{total}", end="", file=sys.stderr, flush=True)
            shown.append(True)

    def end() -> None:
        if shown:
            print(file=sys.stderr)

    return bar, end


@attrs.define
class _Unread:
    """Files not read in a run, each named with its reason (on stderr as they come)."""

    debug: bool
    annotate: bool = False
    """Also print a GitHub annotation (``::error file=…``) for each file not read."""
    unread: list[dict[str, Any]] = attrs.Factory(list)
    skipped: list[dict[str, Any]] = attrs.Factory(list)
    status: int = EXIT_OK

    def file(self, file: FileResult) -> None:
        error = file.error
        assert error is not None
        reason = _named(file.path, error)
        if file.skipped:
            self.skipped.append({"source": str(file.path), "reason": reason})
            print(f"govinfo: skipped (not a report): {reason}", file=sys.stderr)
        elif file.internal:
            self.crashed(file.path, error)
        else:
            self.unread.append({"source": str(file.path), "reason": reason, "internal": False})
            print(f"govinfo: error: {reason}", file=sys.stderr)
            self.status = max(self.status, EXIT_INPUT)
            self._annotate(file.path, "not-read", reason)

    def crashed(self, path: Path, error: BaseException) -> None:
        reason = _named(path, error)
        self.unread.append({"source": str(path), "reason": reason, "internal": True})
        self.status = max(self.status, _internal(path, error, self.debug))
        self._annotate(path, "internal-error", f"{reason} ({_BUG})")

    def _annotate(self, path: Path, title: str, message: str) -> None:
        if self.annotate:
            print(_annotation(path, _Item(title, "error", None, message)))

    @property
    def internal(self) -> int:
        return sum(u["internal"] for u in self.unread)


def _reading_errors(path: Path, result: ReadResult) -> int:
    """Print ``result``'s diagnostics of severity error on stderr; how many there were."""
    for d in result.errors:
        print(_line(path, _diagnostic_item(d)), file=sys.stderr)
    return len(result.errors)


# --- show, rules, convert and aggregate -------------------------------------------------------

CONVERT_FORMATS = ("json", "records", "csv", "parquet", "markdown", "html", "text")


def _show(path: Path | None, sample: str | None, debug: bool) -> int:
    if sample:
        print(summary(samples.load(sample)))
        return EXIT_OK
    assert path is not None
    if path.is_dir():
        raise IsADirectory(str(path))
    unread = _Unread(debug)
    errors = 0
    for file in read_many([path]):
        if file.error is not None:
            unread.file(file)
            continue
        try:
            for n, result in enumerate(file.results):
                print(("\n" if n else "") + summary(result.report))
                errors += _reading_errors(path, result)
        except (BrokenPipeError, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug
            unread.crashed(path, _as_internal(exc))
    return max(unread.status, EXIT_FINDINGS if errors else EXIT_OK)


def _rules_text(fmt: str) -> str:
    catalogue = rules()
    if fmt == "json":
        return json.dumps(
            [
                {
                    "id": r.id,
                    "title_zh": r.title_zh,
                    "title_en": r.title_en,
                    "severity": str(r.severity),
                    "tags": sorted(r.tags),
                    "editions": sorted(e.value for e in r.editions),
                    "basis": str(r.basis),
                    "source": r.source,
                }
                for r in catalogue
            ],
            ensure_ascii=False,
            indent=2,
        )
    return "\n".join(
        f"{r.id}  {r.severity:<7}  {','.join(sorted(r.tags)):<28}  {r.title_zh}  {r.title_en}"
        for r in catalogue
    )


def _read_reports(
    paths: Sequence[str], jobs: int = 1, exclude: Sequence[str] = (), debug: bool = False
) -> tuple[list[ReadResult], int]:
    """Every report read from ``paths`` (as read results, which know their document), and
    the exit status reading them gives (0 when nothing went wrong; a file not read, an
    internal error or a reading error each on stderr, one line each)."""
    unread = _Unread(debug)
    reports: list[ReadResult] = []
    errors = 0
    bar, end = _progress_bar()
    for file in read_many(paths, jobs=jobs, progress=bar, exclude=exclude):
        if file.error is not None:
            unread.file(file)
            continue
        for result in file.results:
            reports.append(result)
            errors += _reading_errors(file.path, result)
    end()
    return reports, max(unread.status, EXIT_FINDINGS if errors else EXIT_OK)


def _write(chunks: Iterable[str], fmt: str, output: Path | None) -> None:
    """Write ``chunks`` as they come (a reader that stops early, ``| head``, is met soon)."""

    def emit(stream: TextIO) -> None:
        if fmt == "csv":
            stream.write("\ufeff")  # a byte-order mark, so that Excel opens the Chinese as UTF-8
        for chunk in chunks:
            stream.write(chunk)

    if output is None:
        emit(sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as stream:
            emit(stream)


def _aggregate(
    paths: Sequence[str],
    fmt: str,
    output: Path | None,
    jobs: int = 1,
    exclude: Sequence[str] = (),
    debug: bool = False,
    *,
    partial: bool = False,
) -> int:
    reports, failed = _read_reports(paths, jobs, exclude, debug)
    unreadable = failed >= EXIT_INPUT
    if unreadable and not partial:
        print(
            "govinfo: error: not every input was read (see above); no total written "
            "(--partial writes the total of the others)",
            file=sys.stderr,
        )
        return failed
    if not reports:
        print("govinfo: error: no report to aggregate", file=sys.stderr)
        return max(failed, EXIT_INPUT)
    from govinfo.aggregation import AggregationWarning, aggregate  # noqa: PLC0415 - on first use

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AggregationWarning)
        total = aggregate(reports)
    for warning in caught:
        print(f"govinfo: warning: {warning.message}", file=sys.stderr)
    if unreadable:
        print("govinfo: warning: the total leaves out the inputs not read", file=sys.stderr)
    _write(_converted([total], fmt), fmt, output)
    return failed


def _convert(
    paths: Sequence[str],
    fmt: str,
    output: Path | None,
    jobs: int = 1,
    exclude: Sequence[str] = (),
    debug: bool = False,
) -> int:
    if fmt == "parquet" and output is None:
        print("govinfo: error: --to parquet needs -o OUT (Parquet is binary)", file=sys.stderr)
        return EXIT_INPUT
    reports, failed = _read_reports(paths, jobs, exclude, debug)
    if fmt == "parquet":
        assert output is not None
        from govinfo.frames import to_parquet  # noqa: PLC0415 - on first use

        to_parquet(reports, output)
        return failed
    _write(_converted(reports, fmt), fmt, output)
    return failed


def _converted(reports: Sequence[ReadResult | Report], fmt: str) -> Iterator[str]:
    from govinfo.render import render  # noqa: PLC0415 - on first use
    from govinfo.serialization import to_dict  # noqa: PLC0415 - on first use
    from govinfo.tidy import RECORD_FIELDS, records  # noqa: PLC0415 - on first use

    if fmt == "json":
        documents = [to_dict(r) for r in reports]
        one = documents[0] if len(documents) == 1 else documents
        yield json.dumps(one, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "records":
        for record in records(reports):
            yield json.dumps(record, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=RECORD_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        for record in records(reports):
            writer.writerow(record)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
    else:
        for n, report in enumerate(reports):
            yield ("\n" if n else "") + render(report, fmt)


# --- check ------------------------------------------------------------------------------------


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _ids(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _patterns(values: Sequence[str]) -> list[str]:
    return [p.strip() for value in values for p in value.split(",") if p.strip()]


_READING = "reading"
"""The name that selects (or ignores) every reading code at once."""


@attrs.frozen
class _Selection:
    """What ``--select`` and ``--ignore`` choose: rules (ids and tags, for :func:`rules`) and
    reading codes."""

    select: frozenset[str] | None
    ignore: frozenset[str]
    rule_select: tuple[str, ...] | None
    rule_ignore: tuple[str, ...] | None

    @classmethod
    def of(cls, select: Sequence[str] | None, ignore: Sequence[str] | None) -> _Selection:
        catalogue = rules()
        rule_names = {r.id for r in catalogue} | {t for r in catalogue for t in r.tags}
        codes = {str(c) for c in DiagnosticCode}
        for name in [*(select or ()), *(ignore or ())]:
            if name not in rule_names and name not in codes and name != _READING:
                raise GovinfoError(
                    f"unknown rule id, tag or reading code {name!r}; rules and tags: "
                    f"{', '.join(sorted(rule_names))}; reading codes: see docs/reading.md, "
                    f"or {_READING!r} for all of them"
                )
        rule_select = None if select is None else tuple(n for n in select if n in rule_names)
        rule_ignore = tuple(n for n in ignore or () if n in rule_names) or None
        return cls(
            select=None if select is None else frozenset(select),
            ignore=frozenset(ignore or ()),
            rule_select=rule_select,
            rule_ignore=rule_ignore,
        )

    @property
    def any_rule(self) -> bool:
        return self.rule_select is None or bool(self.rule_select)

    def shows(self, diagnostic: Diagnostic, level: str) -> bool:
        code = str(diagnostic.code)
        if code in self.ignore or _READING in self.ignore:
            return False
        if self.select is not None and code in self.select:
            return True
        if self.select is not None and _READING not in self.select:
            return False
        return diagnostic.severity in _SHOWN_SEVERITIES[level]


@attrs.frozen
class _Item:
    """One problem to print: a finding or a reading diagnostic."""

    id: str
    severity: str
    location: Location | None
    message: str


def _finding_json(result: ReadResult, finding: Finding) -> dict[str, Any]:
    where = _where(result, finding)
    return {
        "rule": finding.rule,
        "severity": str(finding.severity),
        "status": str(finding.status),
        "cells": list(finding.cells),
        "expected": _plain(finding.expected),
        "actual": _plain(finding.actual),
        "message": finding.message_en,
        "message_zh": finding.message_zh,
        "location": None if where is None else where.short(),
        "culprit": None
        if finding.culprit is None
        else {
            "cell": finding.culprit.path,
            "value": _plain(finding.culprit.value),
            "suggested": _plain(finding.culprit.suggested),
        },
    }


def _plain(value: object) -> object:
    return value if value is None or isinstance(value, int) else str(value)


def _where(result: ReadResult, finding: Finding) -> Location | None:
    """Where in the document a finding points: at its likely culprit cell when it has one,
    else at the stated figure its rule compares with (a table rule lists the parts, then the
    total: ``R3`` points at the row's 总计, not its first cell), each only if it was read."""
    culprit = [finding.culprit.path] if finding.culprit is not None else []
    for path in (*culprit, *reversed(finding.cells)):
        found = result.provenance.get(path)
        if found is not None:
            return found.location
    return None


_READING_LEVELS = ("error", "warning", "all", "none")
_SHOWN_SEVERITIES = {
    "error": {DiagnosticSeverity.ERROR},
    "warning": {DiagnosticSeverity.ERROR, DiagnosticSeverity.WARNING},
    "all": set(DiagnosticSeverity),
    "none": set(),
}


def _diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "code": str(diagnostic.code),
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        "location": None if diagnostic.location is None else diagnostic.location.short(),
        "cells": list(diagnostic.cells),
    }


def _diagnostic_item(diagnostic: Diagnostic) -> _Item:
    return _Item(
        str(diagnostic.code), str(diagnostic.severity), diagnostic.location, diagnostic.message
    )


def _finding_item(result: ReadResult, finding: Finding) -> _Item:
    message = finding.message_en
    if finding.culprit is not None:
        culprit = finding.culprit
        message += (
            f" (likely culprit {culprit.path} = {_cell(culprit.value)}; "
            f"{culprit.suggested} makes every rule hold)"
        )
    return _Item(finding.rule, str(finding.severity), _where(result, finding), message)


def _line(path: Path, item: _Item) -> str:
    where = "-" if item.location is None else item.location.short()
    return f"{path}:{where}: {item.id} {item.severity} {item.message}"


_ANNOTATION_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _annotation(path: Path, item: _Item) -> str:
    """A GitHub Actions workflow command that annotates ``path`` (at its line when known)."""
    fields = [f"file={_escape_property(str(path))}"]
    if item.location is not None and item.location.line is not None:
        fields.append(f"line={item.location.line}")
        if item.location.column is not None:
            fields.append(f"col={item.location.column}")
    fields.append(f"title={_escape_property(item.id)}")
    level = _ANNOTATION_LEVELS[item.severity]
    return f"::{level} {','.join(fields)}::{_escape_data(item.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _statistics(counts: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
    """How often each rule and reading code was met, most often first."""
    titles = {r.id: r.title_en for r in rules()}
    titles |= {str(c): c.meaning for c in DiagnosticCode}
    return [
        {"code": code, "severity": severity, "count": n, "title": titles.get(code, "")}
        for (code, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


@attrs.define
class _Run:
    """What ``check`` has found so far."""

    fmt: str
    statistics: bool
    reports: list[dict[str, Any]] = attrs.Factory(list)
    counts: Counter[tuple[str, str]] = attrs.Factory(Counter)
    errors: int = 0
    warnings: int = 0

    def add(self, path: Path, items: Iterable[_Item]) -> None:
        for item in items:
            self.errors += item.severity == "error"
            self.warnings += item.severity == "warning"
            self.counts[item.id, item.severity] += 1
            if self.fmt == "github":
                print(_annotation(path, item))
            elif self.fmt == "text" and not self.statistics:
                print(_line(path, item))


def _check_result(
    path: Path, result: ReadResult, selection: _Selection, reading: str
) -> tuple[dict[str, Any], list[_Item]]:
    findings = (
        result.check(select=selection.rule_select, ignore=selection.rule_ignore)
        if selection.any_rule
        else ()
    )
    diagnostics = [d for d in result.diagnostics if selection.shows(d, reading)]
    report = {
        "source": str(path),
        "edition": result.report.edition.value,
        "agency": result.report.agency,
        "year": result.report.year,
        "diagnostics": [_diagnostic_json(d) for d in diagnostics],
        "findings": [_finding_json(result, f) for f in findings],
    }
    items = [_diagnostic_item(d) for d in diagnostics]
    items += [_finding_item(result, f) for f in findings]
    return report, items


_Checked = tuple[dict[str, Any], list[_Item]] | InternalError
"""One report of a file checked (its JSON and the problems to print), or the bug met."""


def _checked_file(
    file: FileResult, *, selection: _Selection, reading: str
) -> tuple[FileResult, list[_Checked]]:
    """Check every report of ``file``, where it was read (a worker process of ``--jobs``):
    what goes back is the file without its read results, and each report's JSON and
    problems, a few hundred bytes instead of tens of kilobytes of read results to pickle."""
    checked: list[_Checked] = []
    for result in file.results:
        try:
            checked.append(_check_result(file.path, result, selection, reading))
        except Exception as exc:
            checked.append(_as_internal(exc))
    return attrs.evolve(file, results=()), checked


def _check(
    paths: Sequence[str],
    fmt: str,
    select: list[str] | None,
    ignore: list[str] | None,
    jobs: int = 1,
    sample_names: Sequence[str] = (),
    reading: str = "warning",
    *,
    statistics: bool = False,
    exclude: Sequence[str] = (),
    debug: bool = False,
) -> int:
    selection = _Selection.of(select, ignore)  # an unknown name fails before any work
    sources: list[str | Path] = [*(_sample_path(name) for name in sample_names), *paths]
    run = _Run(fmt, statistics)
    unread = _Unread(debug, annotate=fmt == "github")
    files = 0
    bar, end = _progress_bar()
    work = functools.partial(_checked_file, selection=selection, reading=reading)
    for file, checked in _map_files(sources, work, jobs=jobs, progress=bar, exclude=exclude):
        files += 1
        if file.error is not None:
            unread.file(file)
            continue
        for outcome in checked:
            if isinstance(outcome, InternalError):  # a bug: said, and the run goes on
                unread.crashed(file.path, outcome)
                continue
            report, items = outcome
            run.reports.append(report)
            run.add(file.path, items)
    end()
    _check_summary(run, unread, files)
    return max(unread.status, EXIT_FINDINGS if run.errors else EXIT_OK)


def _check_summary(run: _Run, unread: _Unread, files: int) -> None:
    failed = len(unread.unread) - unread.internal
    if run.fmt == "json":
        document: dict[str, Any] = {
            "reports": run.reports,
            "unread": unread.unread,
            "skipped": unread.skipped,
            "summary": {
                "files": files,
                "reports": len(run.reports),
                "errors": run.errors,
                "warnings": run.warnings,
                "unreadable": bool(unread.unread),
                "unread": len(unread.unread),
                "internal_errors": unread.internal,
                "skipped": len(unread.skipped),
            },
        }
        if run.statistics:
            document["statistics"] = _statistics(run.counts)
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return
    if run.fmt == "github":
        return
    if run.statistics:
        for row in _statistics(run.counts):
            print(f"{row['count']:>6}  {row['code']:<26} {row['severity']:<8} {row['title']}")
    notes = ""
    if failed:
        notes += f", {failed} not read (see above)"
    if unread.internal:
        notes += f", {unread.internal} internal error(s) (see above)"
    if unread.skipped:
        notes += f", {len(unread.skipped)} skipped (not reports)"
    print(
        f"{len(run.reports)} report(s) in {files} file(s): "
        f"{run.errors} error(s), {run.warnings} warning(s){notes}"
    )


def _check_series(
    paths: Sequence[str],
    sample_names: Sequence[str],
    fmt: str,
    select: list[str] | None,
    ignore: list[str] | None,
    *,
    jobs: int = 1,
    exclude: Sequence[str] = (),
    debug: bool = False,
) -> int:
    """``check --series``: read every input, then :func:`series_output` over the reports (each
    named by its file, also a govinfo JSON document that does not say where it came from)."""
    rules(select=select, ignore=ignore)  # an unknown rule id or tag fails before any work
    sources: list[str | Path] = [*(_sample_path(name) for name in sample_names), *paths]
    unread = _Unread(debug, annotate=fmt == "github")
    reports: list[Report] = []
    for file in read_many(sources, jobs=jobs, exclude=exclude):
        if file.error is not None:
            unread.file(file)
            continue
        reports += [
            r if r.source is not None else attrs.evolve(r, source=Source(location=str(file.path)))
            for r in file.reports
        ]
    print(series_output(reports, "json" if fmt == "json" else "text", select=select, ignore=ignore))
    return unread.status


def series_output(
    reports: Sequence[Report],
    fmt: str = "text",
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> str:
    """The cross-year findings (X1-X3) over ``reports`` (read from a folder, say), grouped by
    agency with :func:`govinfo.checks.check_each_series`, as ``check --series`` prints them:
    text (a line per series, then a line per finding, then a summary) or JSON."""
    checked = check_each_series(reports, select=select, ignore=ignore)
    findings = sum(len(s.findings) for s in checked)
    pairs = sum(len(s.pairs) for s in checked)
    if fmt == "json":
        data = {
            "series": [
                {
                    "key": s.key,
                    "agency": s.agency,
                    "years": list(s.years),
                    "reports": [{"source": _source(r), "year": r.year} for r in s.reports],
                    "findings": [
                        {
                            "before": _source(pair.before),
                            "after": _source(pair.after),
                            "rule": f.rule,
                            "severity": str(f.severity),
                            "status": str(f.status),
                            "cells": list(f.cells),
                            "expected": _plain(f.expected),
                            "actual": _plain(f.actual),
                            "message": f.message_en,
                            "message_zh": f.message_zh,
                        }
                        for pair in s.pairs
                        for f in pair.findings
                    ],
                }
                for s in checked
            ],
            "summary": {"series": len(checked), "pairs": pairs, "warnings": findings},
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    lines = []
    for s in checked:
        years = ", ".join(str(y) for y in s.years)
        lines.append(f"{s.agency} ({s.key}): {years}")
        for pair in s.pairs:
            for f in pair.findings:
                lines.append(f"  {_source(pair.after)}: {f.rule} {f.severity} {f.message_en}")
    lines.append(
        f"{len(checked)} agency series, {pairs} pair(s) of consecutive years checked: "
        f"{findings} warning(s)"
    )
    return "\n".join(lines)


def _source(report: Report) -> str:
    if report.source is not None:
        return report.source.location
    return f"{report.agency} {report.year}"


def _sample_path(name: str) -> Path:
    """The bundled sample's document (a govinfo JSON file inside the package)."""
    if name not in samples.names():
        raise KeyError(f"no bundled sample {name!r}; available: {', '.join(samples.names())}")
    return Path(str(samples.path(name)))


def _one_line(exc: BaseException) -> str:
    message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
    lines = str(message).splitlines()
    if len(lines) <= 1:
        return "".join(lines)
    return f"{lines[0]} ({'; '.join(line.strip() for line in lines[1:])})"


# --- the summary ---------------------------------------------------------------------------


def _cell(value: object) -> str:
    return "—" if value is None else str(value)


def summary(report: Report) -> str:
    """A short plain-text summary of ``report``, with labels from the registry."""
    lines = [
        f"{report.agency} {report.year} 年政府信息公开工作年度报告",
        f"  year {report.year} · template edition {report.edition.value}"
        + (f" · level {report.level.value}" if report.level else "")
        + (f" · {report.agency_kind.value}" if report.agency_kind else ""),
    ]
    if report.period:
        lines.append(f"  statistical period {report.period.start} – {report.period.end}")
    lines.append(f"  published {report.published or 'not stated'}")
    if report.source:
        digest = f" (sha256 {report.source.sha256[:12]}…)" if report.source.sha256 else ""
        lines.append(f"  source {report.source.location}{digest}")

    lines.append("")
    lines.append(Section.PROACTIVE.heading)
    if report.proactive is None:
        lines.append("  (table missing)")
    else:
        for row, cells in report.proactive.rows():
            values = " · ".join(
                f"{column.zh} {_cell(getattr(cells, column.key))}"
                + (" 万元" if column.kind is CellKind.MONEY and getattr(cells, column.key) else "")
                for column in row.columns
            )
            lines.append(f"  {row.zh}: {values}")

    lines.append("")
    lines.append(Section.REQUESTS.heading + f"（{Applicant.TOTAL.zh}列）")
    if report.requests is None:
        lines.append("  (table missing)")
    else:
        for row, counts in report.requests.rows():
            if row.key in _HEADLINE_ROWS or _nonzero(counts):
                label = f"{row.group.zh} {row.zh}" if row.group else row.zh
                lines.append(f"  {label}: {_cell(counts.total)}")

    lines.append("")
    lines.append(Section.REVIEW_LITIGATION.heading)
    if report.review_litigation is None:
        lines.append("  (table missing)")
    else:
        for row, results in report.review_litigation.rows():
            values = " · ".join(f"{r.zh} {_cell(getattr(results, r.key))}" for r in ReviewResult)
            lines.append(f"  {row.zh}: {values}")
    return "\n".join(lines)


_HEADLINE_ROWS = frozenset(
    r.key
    for r in (
        RequestRow.NEW_REQUESTS,
        RequestRow.CARRIED_OVER,
        RequestRow.HANDLED_TOTAL,
        RequestRow.CARRIED_FORWARD,
    )
)


def _nonzero(counts: ApplicantCounts | ResultCounts) -> bool:
    return any(v for v in counts.values())
