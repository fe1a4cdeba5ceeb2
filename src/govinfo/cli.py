"""The ``govinfo`` command line.

A thin layer over the library: every subcommand calls public functions and formats their
results. ``main(argv)`` returns the exit status instead of exiting, so it can be called from
Python and tested directly:

- 0: success (for ``check``: no finding of severity error);
- 1: ``check`` found at least one error;
- 2: bad usage, or an input that could not be read (one line on stderr naming the file).
"""

from __future__ import annotations

import argparse
import csv
import functools
import glob
import io
import json
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from govinfo import __version__, samples
from govinfo.aggregation import AggregationWarning, aggregate
from govinfo.checks import Finding, Severity, rules
from govinfo.errors import GovinfoError
from govinfo.frames import to_parquet
from govinfo.model import ApplicantCounts, Report, ResultCounts
from govinfo.readers import Diagnostic, DiagnosticSeverity, ReadResult, read, read_all
from govinfo.registry import Applicant, CellKind, RequestRow, ReviewResult, Section
from govinfo.render import render
from govinfo.schema import json_schema
from govinfo.serialization import to_dict
from govinfo.tidy import RECORD_FIELDS, records

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


class _UsageError(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


class _Parser(argparse.ArgumentParser):
    def exit(self, status: int = 0, message: str | None = None) -> Any:
        if message:
            self._print_message(message, sys.stderr)
        raise _UsageError(status)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also the source of the CLI reference in the docs)."""
    parser = _Parser(
        prog="govinfo",
        description="Read, check and convert government information-disclosure annual reports "
        "(政府信息公开工作年度报告).",
    )
    parser.add_argument("--version", action="version", version=f"govinfo {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    show = commands.add_parser(
        "show",
        help="print a summary of a report",
        description="Print a summary of a report: identity, then the key figures of tables "
        "二, 三 and 四. Not-reported cells are shown as '—', never as 0.",
    )
    which = show.add_mutually_exclusive_group(required=True)
    which.add_argument("path", nargs="?", type=Path, help="a report in any format govinfo reads")
    which.add_argument(
        "--sample",
        metavar="NAME",
        help=f"a bundled sample report instead of a file (one of: {', '.join(samples.names())})",
    )

    check = commands.add_parser(
        "check",
        help="check reports against the rule catalogue",
        description="Read reports in any format govinfo reads (text, Markdown, HTML, PDF, Word, "
        "govinfo JSON) and check them. Prints one line per problem met while reading, "
        "'file:location: code severity message' (a number that lands in no cell, a layout "
        "read one way of several), and one per finding, 'file:location: RULE severity "
        "message', then a summary. Exit status: 0 when nothing is an error, 1 when something "
        "is, 2 when an input could not be read as a report.",
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
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument(
        "--select", metavar="IDS", help="only these rules: ids or tags, comma-separated"
    )
    check.add_argument("--ignore", metavar="IDS", help="leave out these rules (ids or tags)")
    check.add_argument(
        "--reading",
        choices=_READING_LEVELS,
        default="warning",
        help="which problems met while reading to show: errors, errors and warnings (the "
        "default), all (with what the reader only tells, such as a unit converted), or none",
    )
    check.add_argument(
        "--jobs",
        type=_positive,
        default=1,
        metavar="N",
        help="read and check with N processes (results stay in input order)",
    )

    convert = commands.add_parser(
        "convert",
        help="convert reports to JSON, tidy records, CSV, Markdown, HTML or text",
        description="Read reports in any format govinfo reads and write them as govinfo JSON "
        "(one document, or an array for several reports), tidy records (JSON Lines, one per "
        "cell), CSV (the same records, UTF-8 with a byte-order mark for Excel), Parquet (the "
        "same records; extra 'parquet'; needs -o), or the official "
        "layout as Markdown, HTML or tab-separated text, which govinfo reads back.",
    )
    convert.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories (read recursively) or globs"
    )
    convert.add_argument("--to", required=True, choices=CONVERT_FORMATS, help="output format")
    convert.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="write here instead of standard output"
    )

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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        return exc.status
    try:
        if args.command == "show":
            report = samples.load(args.sample) if args.sample else _load(args.path)
            print(summary(report))
        elif args.command == "check":
            if not args.paths and not args.sample:
                parser.error("check: give at least one PATH or --sample NAME")
            return _check(
                args.paths,
                args.format,
                _ids(args.select),
                _ids(args.ignore),
                args.jobs,
                args.sample,
                args.reading,
            )
        elif args.command == "convert":
            return _convert(args.paths, args.to, args.output)
        elif args.command == "aggregate":
            return _aggregate(args.paths, args.to, args.output, partial=args.partial)
        elif args.command == "rules":
            print(_rules_text(args.format))
        elif args.command == "schema":
            print(json.dumps(json_schema(), ensure_ascii=False, indent=args.indent))
        elif args.command == "samples":
            print("\n".join(samples.names()))
    except _UsageError as exc:
        return exc.status
    except (GovinfoError, KeyError, OSError) as exc:
        print(f"govinfo: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def _load(path: Path) -> Report:
    if not path.is_file():
        raise OSError(f"{path}: no such file")
    return read(path).report


# --- rules and convert ------------------------------------------------------------------------

CONVERT_FORMATS = ("json", "records", "csv", "parquet", "markdown", "html", "text")


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


def _read_reports(paths: Sequence[str]) -> tuple[list[Report], bool]:
    """Every report in ``paths``, and whether an input could not be read (reported on
    stderr, one line each)."""
    files, missing = _expand(paths)
    for arg in missing:
        print(f"govinfo: error: {arg}: no such file or directory", file=sys.stderr)
    reports: list[Report] = []
    unreadable = bool(missing)
    progress = sys.stderr.isatty() and len(files) > 1
    for n, path in enumerate(files, start=1):
        try:
            reports += [r.report for r in read_all(path)]
        except (GovinfoError, OSError) as exc:
            print(f"govinfo: error: {_one_line(exc)}", file=sys.stderr)
            unreadable = True
        _progress(progress, n, len(files))
    if progress:
        print(file=sys.stderr)
    return reports, unreadable


def _write(text: str, fmt: str, output: Path | None) -> None:
    if fmt == "csv":
        text = "\ufeff" + text  # a byte-order mark, so that Excel opens the Chinese as UTF-8
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8", newline="")


def _aggregate(
    paths: Sequence[str], fmt: str, output: Path | None, *, partial: bool = False
) -> int:
    reports, unreadable = _read_reports(paths)
    if unreadable and not partial:
        print(
            "govinfo: error: not every input was read (see above); no total written "
            "(--partial writes the total of the others)",
            file=sys.stderr,
        )
        return EXIT_INPUT
    if not reports:
        print("govinfo: error: no report to aggregate", file=sys.stderr)
        return EXIT_INPUT
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AggregationWarning)
        total = aggregate(reports)
    for warning in caught:
        print(f"govinfo: warning: {warning.message}", file=sys.stderr)
    if unreadable:
        print("govinfo: warning: the total leaves out the inputs not read", file=sys.stderr)
    _write(_converted([total], fmt), fmt, output)
    return EXIT_INPUT if unreadable else EXIT_OK


def _convert(paths: Sequence[str], fmt: str, output: Path | None) -> int:
    if fmt == "parquet" and output is None:
        print("govinfo: error: --to parquet needs -o OUT (Parquet is binary)", file=sys.stderr)
        return EXIT_INPUT
    reports, unreadable = _read_reports(paths)
    if fmt == "parquet":
        assert output is not None
        to_parquet(reports, output)
        return EXIT_INPUT if unreadable else EXIT_OK
    _write(_converted(reports, fmt), fmt, output)
    return EXIT_INPUT if unreadable else EXIT_OK


def _converted(reports: Sequence[Report], fmt: str) -> str:
    if fmt == "json":
        documents = [to_dict(r) for r in reports]
        one = documents[0] if len(documents) == 1 else documents
        return json.dumps(one, ensure_ascii=False, indent=2) + "\n"
    if fmt == "records":
        return "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records(reports))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=RECORD_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(records(reports))
        return buffer.getvalue()
    return "\n".join(render(r, fmt) for r in reports)


# --- check ------------------------------------------------------------------------------------

_READABLE = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".json")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _ids(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _expand(paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """Files to read, in order, and the arguments that named nothing."""
    found: list[Path] = []
    missing: list[str] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in _READABLE)
        elif path.is_file():
            found.append(path)
        elif any(c in arg for c in "*?["):
            matches = sorted(Path(p) for p in glob.glob(arg, recursive=True))
            found += [p for p in matches if p.is_file()]
            if not matches:
                missing.append(arg)
        else:
            missing.append(arg)
    return found, missing


def _finding_json(result: ReadResult, finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": str(finding.severity),
        "status": str(finding.status),
        "cells": list(finding.cells),
        "expected": _plain(finding.expected),
        "actual": _plain(finding.actual),
        "message": finding.message_en,
        "message_zh": finding.message_zh,
        "location": _where(result, finding),
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


def _where(result: ReadResult, finding: Finding) -> str | None:
    """Where in the document a finding points: at its likely culprit cell when it has one,
    else at the stated figure its rule compares with (a table rule lists the parts, then the
    total: ``R3`` points at the row's 总计, not its first cell), each only if it was read."""
    culprit = [finding.culprit.path] if finding.culprit is not None else []
    for path in (*culprit, *reversed(finding.cells)):
        found = result.provenance.get(path)
        if found is not None:
            return found.location.short()
    return None


@attrs.frozen
class _Checked:
    """What checking one file gives, as plain data (it crosses process boundaries)."""

    reports: list[dict[str, Any]]
    lines: list[str]
    errors: int
    warnings: int
    failure: str | None = None


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


def _check_file(
    path: Path, select: list[str] | None, ignore: list[str] | None, reading: str = "warning"
) -> _Checked:
    try:
        results = read_all(path)
        checked = [(r, r.check(select=select, ignore=ignore)) for r in results]
    except (GovinfoError, OSError) as exc:
        return _Checked([], [], 0, 0, failure=_one_line(exc))
    reports, lines = [], []
    errors = warnings = 0
    shown = _SHOWN_SEVERITIES[reading]
    for result, findings in checked:
        described = [_finding_json(result, f) for f in findings]
        diagnostics = [d for d in result.diagnostics if d.severity in shown]
        reports.append(
            {
                "source": str(path),
                "edition": result.report.edition.value,
                "agency": result.report.agency,
                "year": result.report.year,
                "diagnostics": [_diagnostic_json(d) for d in diagnostics],
                "findings": described,
            }
        )
        for d in diagnostics:
            where = "-" if d.location is None else d.location.short()
            lines.append(f"{path}:{where}: {d.code} {d.severity} {d.message}")
            errors += d.severity is DiagnosticSeverity.ERROR
            warnings += d.severity is DiagnosticSeverity.WARNING
        for finding, data in zip(findings, described, strict=True):
            if finding.severity is Severity.ERROR:
                errors += 1
            else:
                warnings += 1
            lines.append(_finding_line(path, finding, data))
    return _Checked(reports, lines, errors, warnings)


def _each(files: Sequence[Path], jobs: int, work: Callable[[Path], _Checked]) -> Iterator[_Checked]:
    """``work`` on every file, in input order: in this process, or in ``jobs`` processes. A
    progress line goes to stderr when it is a terminal, and nothing otherwise."""
    progress = sys.stderr.isatty() and len(files) > 1
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            outcomes: Iterable[_Checked] = pool.map(work, files)
            for n, outcome in enumerate(outcomes, start=1):
                _progress(progress, n, len(files))
                yield outcome
    else:
        for n, path in enumerate(files, start=1):
            outcome = work(path)
            _progress(progress, n, len(files))
            yield outcome
    if progress:
        print(file=sys.stderr)


def _progress(shown: bool, done: int, total: int) -> None:
    if shown:
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        print(f"\r[{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)


def _check(
    paths: Sequence[str],
    fmt: str,
    select: list[str] | None,
    ignore: list[str] | None,
    jobs: int = 1,
    sample_names: Sequence[str] = (),
    reading: str = "warning",
) -> int:
    files = [_sample_path(name) for name in sample_names]
    found, missing = _expand(paths)
    files += found
    for arg in missing:
        print(f"govinfo: error: {arg}: no such file or directory", file=sys.stderr)
    rules(select=select, ignore=ignore)  # an unknown rule id or tag fails before any work
    reports: list[dict[str, Any]] = []
    failed = len(missing)  # inputs that could not be read as reports
    errors = warnings = 0
    work = functools.partial(_check_file, select=select, ignore=ignore, reading=reading)
    for outcome in _each(files, jobs, work):
        if outcome.failure is not None:
            print(f"govinfo: error: {outcome.failure}", file=sys.stderr)
            failed += 1
            continue
        reports += outcome.reports
        errors += outcome.errors
        warnings += outcome.warnings
        if fmt == "text":
            for line in outcome.lines:
                print(line)
    summary_data = {
        "files": len(files),
        "reports": len(reports),
        "errors": errors,
        "warnings": warnings,
        "unreadable": bool(failed),
        "unread": failed,
    }
    if fmt == "json":
        print(
            json.dumps({"reports": reports, "summary": summary_data}, ensure_ascii=False, indent=2)
        )
    else:
        unread = f", {failed} not read (see above)" if failed else ""
        print(
            f"{len(reports)} report(s) in {len(files)} file(s): "
            f"{errors} error(s), {warnings} warning(s){unread}"
        )
    if failed:
        return EXIT_INPUT
    return EXIT_FINDINGS if errors else EXIT_OK


def _sample_path(name: str) -> Path:
    """The bundled sample's document (a govinfo JSON file inside the package)."""
    if name not in samples.names():
        raise KeyError(f"no bundled sample {name!r}; available: {', '.join(samples.names())}")
    return Path(str(samples.path(name)))


def _finding_line(path: Path, finding: Finding, data: dict[str, Any]) -> str:
    where = data["location"] or "-"
    line = f"{path}:{where}: {finding.rule} {finding.severity} {finding.message_en}"
    if finding.culprit is not None:
        culprit = finding.culprit
        line += (
            f" (likely culprit {culprit.path} = {_cell(culprit.value)}; "
            f"{culprit.suggested} makes every rule hold)"
        )
    return line


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
