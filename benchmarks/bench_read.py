"""Reading speed: median time of govinfo.read() on the shared sample reports.

    python3 -m uv run python benchmarks/bench_read.py [SAMPLES_DIR]

Targets (issue: readers): plain text of a typical report (10 KB) ≤ 1 ms median; an HTML page
(50 KB) ≤ 3 ms; for PDF, govinfo's own time beyond pdfplumber's extraction ≤ 20%. Exits 1
when a target is missed, so the figures are never quietly forgotten.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

import govinfo
from govinfo.readers import assembler

TARGETS_MS_PER_KB = {"text": 1.0 / 10, "markdown": 1.0 / 10, "html": 3.0 / 50}
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
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
