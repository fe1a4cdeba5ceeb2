"""Linear growth: reading time and memory against input size (issue 11).

    .tools/bin/uv run python benchmarks/bench_growth.py [--sizes 100000,1000000] [--repeats 3]

For each shape of input, the bundled sample report rendered as text, HTML or Markdown with
filler added until the input is each size (text: many lines, one long line of digits, of 一,
of punctuation; HTML: many rows, many cells in one row, deep nesting; Markdown: many table
rows), this reads the input with :func:`govinfo.read` (limits raised out of the way) and
measures the median CPU time (``time.process_time``: the machine is shared, and wall time
there grows with other people's load, not the input) of ``--repeats`` reads and the peak
memory of one read (tracemalloc, in a read of its own: tracing slows reading). Targets, for
each pair of sizes ten times apart: time(10x input) <= 12 x time(input), and peak memory <= 20
x the input's size. Exits 1 when one is missed. ``--sizes 1000000,10000000`` measures up
to 10 MB (minutes on a shared core).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime

import govinfo
from govinfo.render import to_html, to_markdown, to_text
from govinfo.samples import load

TIME_RATIO = 12.0
MEMORY_RATIO = 20.0
LIMITS = govinfo.Limits(
    max_input_bytes=2**31,
    max_line_chars=2**31,
    max_number_digits=2**31,
    max_table_cells=2**31,
    max_row_width=2**31,
)
REPORT = load("luoyang-scjgj-2020")
TEXT = to_text(REPORT)
HTML = to_html(REPORT)
MARKDOWN = to_markdown(REPORT)


def _fill(head: str, unit: str, size: int, tail: str = "") -> str:
    """``head`` + ``unit`` repeated + ``tail``, about ``size`` bytes in UTF-8."""
    room = max(size - len((head + tail).encode()), 0)
    return head + unit * max(room // len(unit.encode()), 1) + tail


def _body_end(html: str) -> tuple[str, str]:
    at = html.rindex("</body>")
    return html[:at], html[at:]


SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "text: many lines": (
        "text",
        lambda n: _fill(TEXT + "\n", "本机关全年主动公开政府信息12条，办理申请3件。\n", n),
    ),
    "text: one line of digits": ("text", lambda n: _fill(TEXT + "\n", "1234567890", n, "\n")),
    "text: one line of 一": ("text", lambda n: _fill(TEXT + "\n", "一", n, "\n")),
    "text: one line of punctuation": ("text", lambda n: _fill(TEXT + "\n", "-—_|>:、。", n, "\n")),
    "html: many rows": (
        "html",
        lambda n: _fill(
            _body_end(HTML)[0] + "<table>",
            "<tr><td>其他</td><td>1</td><td>2</td><td>3</td></tr>",
            n,
            "</table>" + _body_end(HTML)[1],
        ),
    ),
    "html: many cells in a row": (
        "html",
        lambda n: _fill(
            _body_end(HTML)[0] + "<table><tr>",
            "<td>1</td>",
            n,
            "</tr></table>" + _body_end(HTML)[1],
        ),
    ),
    "html: deep nesting": (
        "html",
        lambda n: (
            _fill(_body_end(HTML)[0], "<div><span>", n // 2, "x" + "</span></div>" * (n // 22))
            + _body_end(HTML)[1]
        ),
    ),
    "markdown: many table rows": (
        "markdown",
        lambda n: _fill(MARKDOWN + "\n\n| 项目 | 数量 |\n| --- | --- |\n", "| 其他 | 1 |\n", n),
    ),
}


def _time(data: str, fmt: str, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        with contextlib.suppress(govinfo.GovinfoError):  # what is measured is the reading
            govinfo.read(data, format=fmt, limits=LIMITS)
        times.append(time.process_time() - start)
    return times


def _peak(data: str, fmt: str) -> int:
    gc.collect()
    tracemalloc.start()
    with contextlib.suppress(govinfo.GovinfoError):
        govinfo.read(data, format=fmt, limits=LIMITS)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,1000000", help="input sizes in bytes")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="", help="shapes whose name contains this")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {args.repeats} repeats"
    )
    failed = False
    for name, (fmt, build) in SHAPES.items():
        if args.only not in name:
            continue
        rows = []
        for size in sizes:
            data = build(size)
            nbytes = len(data.encode())
            times = _time(data, fmt, args.repeats)
            peak = _peak(data, fmt)
            rows.append((nbytes, statistics.median(times), min(times), max(times), peak))
        for (n0, t0, *_), (n1, t1, lo, hi, peak) in itertools.pairwise(rows):
            ratio = t1 / t0 * (n0 * 10 / n1)  # scaled to exactly ten times the input
            memory = peak / n1
            ok = ratio <= TIME_RATIO and memory <= MEMORY_RATIO
            failed |= not ok
            print(
                f"{'ok  ' if ok else 'MISS'} {name:32s} {n0 / 1e6:5.2f}->{n1 / 1e6:5.2f} MB: "
                f"{t0:7.3f} s -> {t1:7.3f} s (range {lo:.3f}-{hi:.3f}), x{ratio:4.1f} "
                f"(<= {TIME_RATIO:g}); peak memory {memory:4.1f} x input (<= {MEMORY_RATIO:g})",
                flush=True,
            )
        for nbytes, _t, _, _, peak in rows[:1]:
            memory = peak / nbytes
            if memory > MEMORY_RATIO:
                failed = True
                print(f"MISS {name}: peak memory {memory:.1f} x input at {nbytes / 1e6:.2f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
