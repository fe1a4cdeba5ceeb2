"""Reading speed: govinfo.read() on the shared samples against a bare pass over the same text,
check() on real reports, ``import govinfo``, ``govinfo check`` over 2,000 reports, and PDFs.

    .tools/bin/uv run python benchmarks/bench_read.py [SAMPLES_DIR] [--only text,check,...]
        [--repeats N] [--reports N] [--jobs N]

Targets (issue 13), each figure printed beside its target with its median and range over the
repeats; exits 1 when one is missed, so the figures are never quietly forgotten:

- ``text``: plain text and Markdown read in at most 2 ms per 10 KB, and at most 16 times the
  bare pass over the same text (``splitlines()`` and one ``re.findall(r"\\d+", line)`` a line,
  timed alike in the same run), both the median over the samples; the crawler text
  ``pingtan-2024.txt`` (cells run together) in at most 2.5 ms; an HTML page (issue: readers)
  in at most 3 ms per 50 KB;
- ``check``: :func:`govinfo.check` with every rule on each real report (``tests/golden``) in
  at most 0.2 ms, the slowest report's median held against it;
- ``import``: ``import govinfo`` in fresh interpreters in at most 120 ms of CPU (measured by
  ``bench_import.py``'s code);
- ``cli``: ``govinfo check DIR --jobs N --format json`` over 2,000 text reports in at most
  2 ms of CPU a report (user and system time of the whole run, its workers included), with
  the reading alone (``read_all`` on every file in one process) measured beside it, so the
  figure splits into reading and the rest;
- ``pdf`` (issue 14): ``govinfo.read`` of each sample PDF takes at most 1/8 of the baseline,
  pdfplumber's own ``extract_tables()`` and ``extract_text()`` on every page (the ratio of the
  two medians, measured alternately in the same run), and reading them all peaks at no more
  memory (the maximum resident set of a fresh process while it reads them, after a first read
  of a text report has loaded what every read loads) than reading them with the pdfplumber
  engine (``pdf_document(engine="pdfplumber")``, the front-end before pdfium).

Times are CPU time (``time.process_time``): on a shared host the wall time of a fixed
workload follows the other processes' load far more.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import bench_import

import govinfo
from govinfo.readers import assembler

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
"""Real reports as the readers parse them (the golden snapshots of the shared samples)."""

TEXT_MS_PER_10KB = 2.0
"""Plain text and Markdown: the median over the samples of ms per 10 KB."""
TEXT_BARE_RATIO = 16.0
"""Plain text and Markdown: the median over the samples of a read's time / the bare pass's."""
CRAWLER = "pingtan-2024.txt"
CRAWLER_MS = 2.5
HTML_MS_PER_50KB = 3.0
CHECK_MS = 0.2
"""check() with every rule on a real report: the slowest report's median."""
IMPORT_MS = bench_import.TARGET * 1000
CLI_MS_PER_REPORT = 2.0
CLI_REPORTS = 2000
PDF_RATIO = 1 / 8
"""govinfo.read of a PDF against pdfplumber's own extraction of its tables and text."""
PDFS = ("huaian-2024.pdf", "hongzequ-2023.pdf", "hongzequ-2024.pdf")
TEXTS = (
    "luoyang-scjgj-2020.txt",
    "huaian-2024.txt",
    "hongzequ-2023.txt",
    "hongzequ-2024.txt",
    "pingtan-2024.txt",
    "shuyangxian-2025.md",
)
"""The plain text and Markdown samples (also the samples of ``cli``'s reports)."""
HTML = "shuyang-fgj-2023.html"
PARTS = ("text", "check", "import", "cli", "pdf")
READS = 30
"""Reads of a sample in one repeat (the repeat's figure is their median)."""
DISTINCT_GENERATED = 200
"""Distinct generated reports among ``cli``'s (the other half are the text samples)."""


def _cold() -> None:
    """Forget what earlier reads of the same text cached, so each timed read is a document's
    first (only the registry's own label profiles, and the scores of its labels' own keys,
    stay, as in any long-running process)."""
    from govinfo.readers import labels, normal  # noqa: PLC0415 - the stages caching them

    normal.normalise.cache_clear()
    labels._found_profile.cache_clear()
    labels._forget_scores()  # scores kept across documents: this document's are not known yet


# --- figures ----------------------------------------------------------------------------------


class Table:
    """The figures printed so far, each beside its target, and how many targets were missed."""

    def __init__(self) -> None:
        self.missed = 0

    def row(self, what: str, values: Sequence[float], target: float | None, unit: str) -> None:
        """One figure: the median of ``values`` (one a repeat), their range, and the target
        (``None``: shown for information, held against nothing)."""
        median = statistics.median(values)
        shown = f"{median:8.3f} [{min(values):.3f}–{max(values):.3f}] {unit}"
        if target is None:
            print(f"  {what:<58s} {shown:<36s}")
            return
        ok = median <= target
        self.missed += not ok
        print(f"  {what:<58s} {shown:<36s} ≤ {target:<7.4g} {unit:<3s} {'yes' if ok else 'NO'}")


def _cpu_ms(run: Callable[[], object], number: int) -> float:
    """The median CPU time (ms) of ``number`` calls of ``run``, each after :func:`_cold`."""
    times = []
    for _ in range(number):
        _cold()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def bare_pass(text: str) -> None:
    """The baseline: the least any reader does, every line split off and its numbers found."""
    for line in text.splitlines():
        re.findall(r"\d+", line)


# --- text -------------------------------------------------------------------------------------


def text_figures(root: Path, repeats: int, table: Table) -> None:
    print("reading text (CPU ms; median [range] over the repeats, each the median of 30 reads)")
    names = [*TEXTS, HTML]
    data = {name: (root / name).read_bytes() for name in names}
    texts = {name: raw.decode("utf-8") for name, raw in data.items()}
    for name in names:
        govinfo.read(data[name], name=name)  # every module loaded, every lazy table built
    read: dict[str, list[float]] = {name: [] for name in names}
    bare: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(repeats):
        for name in names:  # taken in turn, so that a change of the host's load touches all
            bare[name].append(_cpu_ms(partial(bare_pass, texts[name]), READS))
            read[name].append(_cpu_ms(partial(govinfo.read, data[name], name=name), READS))
    per_10kb = {n: [ms / (len(data[n]) / 10240) for ms in read[n]] for n in names}
    ratio = {n: [r / b for r, b in zip(read[n], bare[n], strict=True)] for n in names}
    for name in TEXTS:
        kb = len(data[name]) / 1024
        table.row(f"{name} ({kb:.1f} KB): read", read[name], None, "ms")
        table.row("  per 10 KB", per_10kb[name], None, "ms")
        table.row("  / bare pass", ratio[name], None, "×")
    over = range(repeats)
    table.row(
        "text and Markdown: median over the samples, per 10 KB",
        [statistics.median(per_10kb[n][r] for n in TEXTS) for r in over],
        TEXT_MS_PER_10KB,
        "ms",
    )
    table.row(
        "text and Markdown: median over the samples, / bare pass",
        [statistics.median(ratio[n][r] for n in TEXTS) for r in over],
        TEXT_BARE_RATIO,
        "×",
    )
    table.row(
        "  bare pass, median over the samples, per 10 KB",
        [
            statistics.median(b / (len(data[n]) / 10240) for n in TEXTS for b in [bare[n][r]])
            for r in over
        ],
        None,
        "ms",
    )
    table.row(f"crawler text {CRAWLER}", read[CRAWLER], CRAWLER_MS, "ms")
    html_kb = len(data[HTML]) / 1024
    table.row(f"HTML {HTML} ({html_kb:.0f} KB)", read[HTML], HTML_MS_PER_50KB * html_kb / 50, "ms")


# --- check ------------------------------------------------------------------------------------


def check_figures(repeats: int, table: Table) -> None:
    from govinfo.checks import check  # noqa: PLC0415
    from govinfo.serialization import from_dict  # noqa: PLC0415

    print("check() with every rule, real reports (tests/golden) (CPU µs a call)")
    paths = sorted(GOLDEN.glob("*.json"))
    reports = [from_dict(json.loads(path.read_text(encoding="utf-8"))["report"]) for path in paths]
    for report in reports:
        check(report)  # the rules' lazy modules and tables
    number = 200
    per: list[list[float]] = [[] for _ in reports]
    for _ in range(repeats):
        for n, report in enumerate(reports):
            start = time.process_time()
            for _ in range(number):
                check(report)
            per[n].append((time.process_time() - start) / number * 1e6)
    for path, times in zip(paths, per, strict=True):
        table.row(path.name.removesuffix(".json"), times, None, "µs")
    over = range(repeats)
    table.row(
        "median of the reports",
        [statistics.median(t[r] for t in per) for r in over],
        None,
        "µs",
    )
    slowest = max(range(len(per)), key=lambda n: statistics.median(per[n]))
    table.row(
        f"the slowest report ({paths[slowest].name.removesuffix('.json')})",
        per[slowest],
        CHECK_MS * 1000,
        "µs",
    )


# --- import -----------------------------------------------------------------------------------


def import_figures(repeats: int, table: Table) -> None:
    count = max(repeats, 11)
    print(f"import in fresh interpreters ({count} of each kind; CPU ms)")
    measured = bench_import.measure(count)
    ours = [cpu * 1000 for _, cpu in measured.runs["govinfo"]]
    base = [cpu * 1000 for _, cpu in measured.runs["attrs, cattrs"]]
    table.row("baseline: import attrs, cattrs", base, None, "ms")
    table.row("import govinfo", ours, IMPORT_MS, "ms")


# --- cli --------------------------------------------------------------------------------------

_READ_ONLY = """
import sys, time
from pathlib import Path
from govinfo.readers import read_all
paths = sorted(Path(sys.argv[1]).iterdir())
start = time.process_time()
for path in paths:
    read_all(path)
print(time.process_time() - start)
"""


def write_reports(root: Path, folder: Path, count: int) -> None:
    """``count`` text reports in ``folder``: every other one a text sample (in turn), the
    others ``govinfo.strategies`` reports (of every edition, with and without findings)
    rendered by :func:`govinfo.render.to_text`, 200 distinct ones in turn."""
    from bench_checks import generate  # noqa: PLC0415 - hypothesis, for this part only

    from govinfo import strategies  # noqa: PLC0415
    from govinfo.render import to_text  # noqa: PLC0415

    samples = [(Path(name).suffix, (root / name).read_bytes()) for name in TEXTS]
    drawn = generate(strategies.reports(), DISTINCT_GENERATED)
    generated = [(".txt", to_text(report).encode("utf-8")) for report in drawn]
    for n in range(count):
        suffix, data = (
            samples[n // 2 % len(samples)] if n % 2 == 0 else generated[n // 2 % len(generated)]
        )
        (folder / f"r{n:05d}{suffix}").write_bytes(data)


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def cli_run(folder: Path, jobs: int) -> float:
    """CPU seconds (user + system) of ``govinfo check FOLDER --jobs N --format json``, the
    process and its workers together (a child's figures count its waited-for children)."""
    before = _children_cpu()
    command = ["-m", "govinfo", "check", str(folder), "--jobs", str(jobs), "--format", "json"]
    done = subprocess.run(
        [sys.executable, *command],
        capture_output=True,
        check=False,
    )
    spent = _children_cpu() - before
    if done.returncode not in (0, 1):  # 1: findings, as some of the reports have
        raise SystemExit(f"govinfo check failed ({done.returncode}): {done.stderr[-2000:]!r}")
    reports = json.loads(done.stdout)["summary"]["reports"]
    if reports != len(list(folder.iterdir())):
        raise SystemExit(f"govinfo check read {reports} reports, not every file")
    return spent


def read_only(folder: Path) -> float:
    """CPU seconds of ``read_all`` on every file in one fresh process, the loop alone."""
    done = subprocess.run(
        [sys.executable, "-c", _READ_ONLY, str(folder)], capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1])


def cli_figures(root: Path, repeats: int, count: int, jobs: int, table: Table) -> None:
    print(f"govinfo check DIR --jobs {jobs} --format json, {count} text reports (CPU ms a report)")
    folder = Path(tempfile.mkdtemp(prefix="govinfo-bench-cli-"))
    try:
        write_reports(root, folder, count)
        whole: list[float] = []
        reading: list[float] = []
        for _ in range(repeats):
            whole.append(cli_run(folder, jobs) / count * 1000)
            reading.append(read_only(folder) / count * 1000)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    table.row("reading alone (read_all on each file, one process)", reading, None, "ms")
    table.row(
        "the rest (whole run - reading)",
        [w - r for w, r in zip(whole, reading, strict=True)],
        None,
        "ms",
    )
    table.row("the whole run, workers included", whole, CLI_MS_PER_REPORT, "ms")


# --- pdf --------------------------------------------------------------------------------------


def _extract_with_pdfplumber(data: bytes) -> None:
    """pdfplumber's own extraction of every page's tables and text: the baseline."""
    import pdfplumber  # noqa: PLC0415 - the pdf extra

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()


def _seconds(run: Callable[[], object]) -> float:
    """The CPU time of one run: on a shared host, the wall time of the same work varies with
    the other processes' load far more than this does."""
    _cold()
    start = time.process_time()
    run()
    return time.process_time() - start


def _read_with_pdfplumber(data: bytes, name: str) -> None:
    """govinfo.read() as it was before the pdfium engine: every page read by pdfplumber."""
    from govinfo.readers.formats import pdf_document  # noqa: PLC0415 - the pdf extra

    assembler.assemble(pdf_document(data, name=name, engine="pdfplumber"))


def pdf_times(
    data: bytes, name: str, repeats: int = 7
) -> tuple[list[float], list[float], list[float]]:
    """CPU seconds of pdfplumber's extraction, of govinfo.read() with the pdfplumber engine
    (before) and of govinfo.read() (now) on one PDF, ``repeats`` of each, taken in turn so
    that a change in the host's load touches all alike."""
    govinfo.read(data, name=name)
    plumber: list[float] = []
    before: list[float] = []
    read: list[float] = []
    for _ in range(repeats):
        plumber.append(_seconds(lambda: _extract_with_pdfplumber(data)))
        before.append(_seconds(lambda: _read_with_pdfplumber(data, name)))
        read.append(_seconds(lambda: govinfo.read(data, name=name)))
    return plumber, before, read


_PEAK = """
import sys
import pdfplumber, pypdfium2
import govinfo
from govinfo.readers import assembler, formats, pdfium
from govinfo.render import to_text
from govinfo.samples import load
def status(key):  # this process's own figures (ru_maxrss would count its parent's peak)
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])
# The first read of any report imports the readers' lazy modules and fills their caches, a
# passing peak the same whatever the engine: one text report read first, then the peak reset
# (writing 5 to clear_refs resets VmHWM, Linux 4.0+), so the peak is the PDFs' own.
govinfo.read(to_text(load("luoyang-scjgj-2020")), format="text")
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")
loaded = status("VmRSS")
for path in sys.argv[2:]:
    assembler.assemble(formats.pdf_document(path, engine=sys.argv[1]))
print(loaded, status("VmHWM"))
"""


def peak_kb(engine: str, paths: list[Path]) -> tuple[int, int]:
    """The resident memory (KB) of a fresh process once the PDF libraries are loaded and one
    text report has been read, and its peak while reading every PDF with ``engine`` after that
    (Linux: ``/proc/self/status``, the peak reset through ``/proc/self/clear_refs``)."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, engine, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded, peak = done.stdout.split()[-2:]
    return int(loaded), int(peak)


def _ms(times: list[float]) -> str:
    return (
        f"{statistics.median(times) * 1000:.0f} [{min(times) * 1000:.0f}–{max(times) * 1000:.0f}]ms"
    )


def _machine() -> str:
    return (
        f"machine: {bench_import._processor()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, load average {bench_import._load()}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "samples",
        nargs="?",
        type=Path,
        default=ROOT.parent / "shared" / "samples",
        help="the shared samples (default ../shared/samples beside the repository)",
    )
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"the parts to run, comma-separated (default all: {','.join(PARTS)})",
    )
    parser.add_argument("--repeats", type=int, default=5, help="repeats of each figure (5)")
    parser.add_argument(
        "--reports", type=int, default=CLI_REPORTS, help=f"cli: reports ({CLI_REPORTS})"
    )
    parser.add_argument("--jobs", type=int, default=2, help="cli: --jobs (2)")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; the parts: {', '.join(PARTS)}")
    repeats = max(1, args.repeats)
    root: Path = args.samples
    print(_machine())
    table = Table()
    missed = 0
    if "text" in parts:
        text_figures(root, repeats, table)
    if "check" in parts:
        check_figures(repeats, table)
    if "import" in parts:
        import_figures(repeats, table)
    if "cli" in parts:
        cli_figures(root, repeats, max(1, args.reports), max(1, args.jobs), table)
    if "pdf" in parts:
        try:
            import pdfplumber  # noqa: F401, PLC0415
        except ImportError:
            print("PDF: skipped (pdfplumber is not installed: the pdf extra)")
        else:
            print(
                f"{'sample (CPU time)':20s} {'pdfplumber':>16s} {'read before':>16s} "
                f"{'read':>14s} {'ratio':>6s} {'target':>6s}  ok  (medians [ranges])"
            )
            for name in PDFS:
                plumber, before, read = pdf_times((root / name).read_bytes(), name)
                ratio = statistics.median(read) / statistics.median(plumber)
                ok = ratio <= PDF_RATIO
                missed += not ok
                print(
                    f"{name:20s} {_ms(plumber):>16s} {_ms(before):>16s} {_ms(read):>14s} "
                    f"{ratio:6.3f} {PDF_RATIO:6.3f}  {'yes' if ok else 'NO'}"
                )
            paths = [root / name for name in PDFS]
            (old_base, old_peak), (new_base, new_peak) = (
                peak_kb("pdfplumber", paths),
                peak_kb("auto", paths),
            )
            ok = new_peak <= old_peak
            missed += not ok
            print(
                f"peak memory reading the {len(paths)} PDFs: pdfplumber engine "
                f"{old_peak / 1024:.1f} MB (+{(old_peak - old_base) / 1024:.1f} MB over the loaded "
                f"libraries and a first read), pdfium engine "
                f"{new_peak / 1024:.1f} MB (+{(new_peak - new_base) / 1024:.1f} MB)  "
                f"{'yes' if ok else 'NO'}"
            )
    print(_machine())
    return 1 if missed or table.missed else 0


if __name__ == "__main__":
    sys.exit(main())
