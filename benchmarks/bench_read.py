"""Reading speed: median time of govinfo.read() on the shared sample reports.

    python3 -m uv run python benchmarks/bench_read.py [SAMPLES_DIR]

Targets (issue: readers): plain text of a typical report (10 KB) ≤ 1 ms median; an HTML page
(50 KB) ≤ 3 ms. For PDF (issue: PDF at pdfium speed): ``govinfo.read`` of each sample PDF takes
at most 1/8 of the baseline, pdfplumber's own ``extract_tables()`` and ``extract_text()`` on
every page (the ratio of the two medians, measured alternately in the same run), and reading
them all peaks at no more memory (the maximum resident set of a fresh process) than reading
them with the pdfplumber engine (``pdf_document(engine="pdfplumber")``, the front-end before
pdfium). Exits 1 when a target is missed, so the figures are never quietly forgotten.
"""

from __future__ import annotations

import io
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import govinfo
from govinfo.readers import assembler

TARGETS_MS_PER_KB = {"text": 1.0 / 10, "markdown": 1.0 / 10, "html": 3.0 / 50}
PDF_RATIO = 1 / 8
"""govinfo.read of a PDF against pdfplumber's own extraction of its tables and text."""
PDFS = ("huaian-2024.pdf", "hongzequ-2023.pdf", "hongzequ-2024.pdf")
SAMPLES = (
    ("luoyang-scjgj-2020.txt", "text"),
    ("huaian-2024.txt", "text"),
    ("hongzequ-2024.txt", "text"),
    ("pingtan-2024.txt", "text"),
    ("shuyangxian-2025.md", "markdown"),
    ("shuyang-fgj-2023.html", "html"),
)


def _cold() -> None:
    """Forget what earlier reads of the same text cached, so each timed read is a document's
    first (only the registry's own label profiles stay, as in any long-running process)."""
    from govinfo.readers import labels, normal  # noqa: PLC0415 - the stages caching them

    normal.normalise.cache_clear()
    labels._found_profile.cache_clear()
    labels._forget_scores()  # scores kept across documents: this document's are not known yet


def median_ms(data: bytes, name: str, repeats: int = 30) -> float:
    govinfo.read(data, name=name)
    times = []
    for _ in range(repeats):
        _cold()
        start = time.perf_counter()
        govinfo.read(data, name=name)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


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
from govinfo.readers import assembler, formats, pdfium
def status(key):  # this process's own figures (ru_maxrss would count its parent's peak)
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])
loaded = status("VmRSS")
for path in sys.argv[2:]:
    assembler.assemble(formats.pdf_document(path, engine=sys.argv[1]))
print(loaded, status("VmHWM"))
"""


def peak_kb(engine: str, paths: list[Path]) -> tuple[int, int]:
    """The resident memory (KB) of a fresh process once the PDF libraries are loaded, and its
    peak after reading every PDF with ``engine`` (Linux: from ``/proc/self/status``)."""
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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared" / "samples"
    missed = 0
    print(f"{'sample':26s} {'KB':>6s} {'median':>9s} {'target':>9s}  ok")
    for name, fmt in SAMPLES:
        data = (root / name).read_bytes()
        kb = len(data) / 1024
        got = median_ms(data, name)
        target = TARGETS_MS_PER_KB[fmt] * kb
        ok = got <= target
        missed += not ok
        print(f"{name:26s} {kb:6.1f} {got:7.2f}ms {target:7.2f}ms  {'yes' if ok else 'NO'}")
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
            f"libraries), pdfium engine "
            f"{new_peak / 1024:.1f} MB (+{(new_peak - new_base) / 1024:.1f} MB)  "
            f"{'yes' if ok else 'NO'}"
        )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
