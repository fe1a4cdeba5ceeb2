"""Reading speed: median time of govinfo.read() on the shared sample reports.

    python3 -m uv run python benchmarks/bench_read.py [SAMPLES_DIR]

Targets (issue: readers): plain text of a typical report (10 KB) ≤ 1 ms median; an HTML page
(50 KB) ≤ 3 ms; for PDF, govinfo's own time beyond pdfplumber's extraction ≤ 20% (the
baseline: pdfplumber's ``extract_tables()`` and ``extract_text()`` on every page; the overhead
is the median read time over the median baseline, minus one). Exits 1 when a target is missed,
so the figures are never quietly forgotten.
"""

from __future__ import annotations

import io
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import govinfo
from govinfo.readers import assembler

TARGETS_MS_PER_KB = {"text": 1.0 / 10, "markdown": 1.0 / 10, "html": 3.0 / 50}
PDF_OVERHEAD = 0.20
"""govinfo's own time beyond pdfplumber's extraction, as a fraction of the extraction."""
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


def _median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        _cold()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pdf_overhead(data: bytes, name: str, repeats: int = 5) -> tuple[float, float]:
    """Median seconds of pdfplumber's extraction, and of govinfo.read(), on one PDF."""
    plumber = _median_seconds(lambda: _extract_with_pdfplumber(data), repeats)
    read = _median_seconds(lambda: govinfo.read(data, name=name), repeats)
    return plumber, read


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
            f"{'sample':26s} {'pdfplumber':>11s} {'read':>9s} {'overhead':>9s} {'target':>7s}  ok"
        )
        for name in PDFS:
            plumber, read = pdf_overhead((root / name).read_bytes(), name)
            overhead = read / plumber - 1
            ok = overhead <= PDF_OVERHEAD
            missed += not ok
            print(
                f"{name:26s} {plumber * 1000:9.0f}ms {read * 1000:7.0f}ms {overhead:9.1%} "
                f"{PDF_OVERHEAD:7.0%}  {'yes' if ok else 'NO'}"
            )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
