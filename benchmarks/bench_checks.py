"""Benchmarks: checking one report, and adding up 100,000 reports.

Run from the repository root (not part of the test suite)::

    .tools/bin/uv run python benchmarks/bench_checks.py

Prints the median time of each measurement next to its target and the machine, and exits 1
when a target is missed. Inputs are generated with :mod:`govinfo.strategies` outside the timed
regions (deterministically: ``derandomize=True``), then repeated to reach the sizes measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.strategies import SearchStrategy

from govinfo import samples
from govinfo import strategies as gst
from govinfo.aggregation import AggregationWarning, Missing, aggregate
from govinfo.checks import check
from govinfo.model import Report
from govinfo.registry import Edition
from govinfo.serialization import from_dict

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
"""Real reports as the readers parse them (the golden snapshots of the shared samples)."""
CHECK_TARGET = 0.2e-3
"""Seconds: the median time of one :func:`govinfo.checks.check` call."""
AGGREGATE_TARGET = 2.0
"""Seconds: the median time of one :func:`govinfo.aggregation.aggregate` call on 100,000 reports."""
AGGREGATE_SIZE = 100_000
DISTINCT_REPORTS = 50


def generate(strategy: SearchStrategy[Report], count: int) -> list[Report]:
    """``count`` distinct draws of ``strategy``, the same ones on every run."""
    drawn: list[Report] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(report: Report) -> None:
        drawn.append(report)

    collect()
    return drawn


def median_seconds(run: Callable[[], object], *, number: int, repeats: int) -> float:
    """The median over ``repeats`` of the mean time of ``number`` calls of ``run``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            run()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo where there is one, else platform.processor()."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.processor() or platform.machine()


def _format(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.3f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats (default 5)")
    parser.add_argument(
        "--reports",
        type=int,
        default=AGGREGATE_SIZE,
        help=f"reports to aggregate (default {AGGREGATE_SIZE:,})",
    )
    args = parser.parse_args(argv)

    print("generating inputs ...", file=sys.stderr)
    sample = samples.load("luoyang-scjgj-2020")
    full_2021 = generate(
        gst.reports(edition=Edition.V2021, consistent=True, not_reported=False), 1
    )[0]
    broken_2021 = next(
        r
        for r in generate(gst.reports(edition=Edition.V2021, consistent=False), 20)
        if check(r, select=["arithmetic"])
    )
    # Half without blanks, half with blank cells (the slower path), every table present in
    # all of them: the worst case for aggregate().
    half = DISTINCT_REPORTS // 2
    with_blanks = [
        r
        for r in generate(gst.reports(edition=Edition.V2021), 4 * half)
        if r.proactive is not None and r.requests is not None and r.review_litigation is not None
    ]
    distinct = generate(gst.reports(edition=Edition.V2021, not_reported=False), half)
    distinct += with_blanks[: DISTINCT_REPORTS - half]
    many = (distinct * (args.reports // len(distinct) + 1))[: args.reports]

    real = [
        from_dict(json.loads(path.read_text(encoding="utf-8"))["report"])
        for path in sorted(GOLDEN.glob("*.json"))
    ]

    rows: list[tuple[str, float, float]] = []
    if real:
        per_report = [
            median_seconds(partial(check, report), number=200, repeats=args.repeats)
            for report in real
        ]
        what = (
            f"check(): {len(real)} real reports (tests/golden), median of per-report medians "
            f"(slowest {_format(max(per_report))})"
        )
        rows.append((what, statistics.median(per_report), CHECK_TARGET))
    for what, report in (
        ("check(): sample luoyang-scjgj-2020 (ed. 2019)", sample),
        ("check(): generated ed. 2021, consistent", full_2021),
        ("check(): generated ed. 2021, with findings", broken_2021),
    ):
        seconds = median_seconds(partial(check, report), number=2000, repeats=args.repeats)
        rows.append((what, seconds, CHECK_TARGET))
    modes: tuple[Missing, ...] = ("skip", "propagate")
    # The inputs repeat 50 reports of several years on purpose: not worth a warning here.
    warnings.simplefilter("ignore", AggregationWarning)
    for missing in modes:
        seconds = median_seconds(
            partial(aggregate, many, missing=missing), number=1, repeats=args.repeats
        )
        what = (
            f"aggregate(): {len(many):,} ed. 2021 reports ({len(distinct)} distinct), "
            f"missing={missing!r}"
        )
        rows.append((what, seconds, AGGREGATE_TARGET))

    width = max(len(what) for what, _, _ in rows)
    print(f"{'what':<{width}}  {'median':>10}  {'target':>10}  ok")
    missed = 0
    for what, seconds, target in rows:
        ok = seconds <= target
        missed += not ok
        verdict = "yes" if ok else "NO"
        print(f"{what:<{width}}  {_format(seconds):>10}  {_format(target):>10}  {verdict}")
    print(
        f"machine: {cpu_model()} (platform.processor(): {platform.processor() or '?'}), "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{args.repeats} repeats"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
