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
    assembler.normalise.cache_clear()
    assembler._found_profile.cache_clear()


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


def pdf_times(data: bytes, name: str, repeats: int = 7) -> tuple[list[float], list[float]]:
    """CPU seconds of pdfplumber's extraction and of govinfo.read() on one PDF, ``repeats`` of
    each, taken alternately so that a change in the host's load touches both alike."""
    govinfo.read(data, name=name)
    plumber: list[float] = []
    read: list[float] = []
    for _ in range(repeats):
        plumber.append(_seconds(lambda: _extract_with_pdfplumber(data)))
        read.append(_seconds(lambda: govinfo.read(data, name=name)))
    return plumber, read


_PEAK = """
import resource, sys
from govinfo.readers.formats import pdf_document
for path in sys.argv[2:]:
    pdf_document(path, engine=sys.argv[1])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_kb(engine: str, paths: list[Path]) -> int:
    """The peak resident memory (KB) of a fresh process reading every PDF with ``engine``."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, engine, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1])


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
            f"{'sample':26s} {'pdfplumber':>16s} {'read':>14s} {'ratio':>6s} "
            f"{'target':>6s}  ok  (medians, ranges in brackets)"
        )
        for name in PDFS:
            plumber, read = pdf_times((root / name).read_bytes(), name)
            ratio = statistics.median(read) / statistics.median(plumber)
            ok = ratio <= PDF_RATIO
            missed += not ok
            print(
                f"{name:26s} {_ms(plumber):>16s} {_ms(read):>14s} {ratio:6.3f} "
                f"{PDF_RATIO:6.3f}  {'yes' if ok else 'NO'}"
            )
        paths = [root / name for name in PDFS]
        before, after = peak_kb("pdfplumber", paths), peak_kb("pdfium", paths)
        ok = after <= before
        missed += not ok
        print(
            f"peak memory reading the {len(paths)} PDFs: pdfplumber engine {before / 1024:.1f} MB, "
            f"pdfium engine {after / 1024:.1f} MB  {'yes' if ok else 'NO'}"
        )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
