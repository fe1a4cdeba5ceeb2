"""Benchmark: how long ``import govinfo`` takes, in fresh interpreters.

Run from the repository root (not part of the test suite)::

    .tools/bin/uv run python benchmarks/bench_import.py [--repeats N]

Each repeat starts fresh interpreters, in alternating order: one that imports govinfo and one
that imports the baseline ``attrs, cattrs`` (the libraries the package is built on), each
timing its own import with ``time.perf_counter`` (interpreter start-up is not counted, as in
``python -X importtime``) and ``time.process_time``. Byte code is compiled once beforehand into
a temporary ``PYTHONPYCACHEPREFIX``, as an installed package would have it, whatever
``PYTHONDONTWRITEBYTECODE`` says; the repository is left untouched.

Prints the medians and ranges, the ratio to the baseline, and the median import time next to
its target; exits 1 when the target is missed. The figure held against the target is the CPU
time of the import: on an idle machine it is the wall time, and on a shared host (where the
wall time also counts the time spent waiting for a core, two to four times the work itself
under a load of 6 on 2 cores) it is the part the import itself costs. Both are printed.

``--compare SRC`` also times, in the same repeats, the govinfo of another source tree (``SRC``
holds its ``govinfo`` package: for example ``src`` of ``git worktree add /tmp/old v0.1.0``),
for a before-and-after figure on one host.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TARGET = 0.120
"""Seconds: the median CPU time of ``import govinfo`` in a fresh interpreter."""

_TIMED = (
    "import time\n"
    "w, c = time.perf_counter(), time.process_time()\n"
    "import {modules}\n"
    "print(time.perf_counter() - w, time.process_time() - c)\n"
)


def _environment(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _with_path(env: dict[str, str], src: str) -> dict[str, str]:
    return {**env, "PYTHONPATH": os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))}


def _run(modules: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of importing ``modules`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _TIMED.format(modules=modules)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu = done.stdout.split()
    return float(wall), float(cpu)


def _startup(env: dict[str, str]) -> float:
    """Wall seconds of ``python -c pass``, measured from outside."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    return time.perf_counter() - start


def _summary(values: Sequence[float]) -> str:
    ms = [v * 1e3 for v in values]
    return f"{statistics.median(ms):6.1f} ms ({min(ms):.1f}–{max(ms):.1f})"


def _processor() -> str:
    """The CPU's model name as Linux reports it (``platform.processor()`` is often empty)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


@dataclass(frozen=True)
class Measured:
    """Wall and CPU seconds of each import, by kind (``govinfo``, ``attrs, cattrs``, and
    ``govinfo (SRC)`` with ``compare``), one pair per fresh interpreter; the whole process's
    wall seconds of ``python -c pass``; the load averages before and after."""

    runs: dict[str, list[tuple[float, float]]]
    startups: list[float]
    load_before: str
    load_after: str


def measure(repeats: int, compare: str | None = None) -> Measured:
    """Time ``repeats`` fresh interpreters of each kind, in alternating order (also used by
    ``bench_read.py``, which holds the same figure against the same target)."""
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-import-") as cache:
        env = _environment(cache)
        kinds = {"govinfo": ("govinfo", env), "attrs, cattrs": ("attrs, cattrs", env)}
        if compare is not None:
            kinds["govinfo (SRC)"] = ("govinfo", _with_path(env, str(Path(compare).resolve())))
        # compile once, and import everything, so that no repeat pays for byte code
        for _, kind_env in kinds.values():
            _run("govinfo, govinfo.cli, attrs, cattrs", kind_env)
        load_before = _load()
        runs: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
        startups = []
        for i in range(repeats):
            order = list(kinds) if i % 2 == 0 else list(reversed(kinds))
            for kind in order:
                modules, kind_env = kinds[kind]
                runs[kind].append(_run(modules, kind_env))
            startups.append(_startup(env))
        load_after = _load()
    return Measured(runs, startups, load_before, load_after)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=21, help="fresh interpreters of each kind")
    parser.add_argument("--compare", metavar="SRC", help="also time the govinfo found in SRC")
    args = parser.parse_args(argv)
    repeats: int = max(args.repeats, 1)
    compare: str | None = args.compare
    timed = measure(repeats, compare)
    runs, startups = timed.runs, timed.startups
    load_before, load_after = timed.load_before, timed.load_after

    print(f"machine: {platform.machine()} {_processor()}".rstrip())
    print(f"python {platform.python_version()}, {os.cpu_count()} cores")
    print(f"load average before/after: {load_before} / {load_after}")
    print(f"{repeats} fresh interpreters of each kind; median (min–max)")
    print(f"  python -c pass, whole process:  {_summary(startups)}")
    for kind, measured in runs.items():
        walls = [w for w, _ in measured]
        cpus = [c for _, c in measured]
        print(f"  import {kind:<14} wall {_summary(walls)}   cpu {_summary(cpus)}")
    wall = {kind: statistics.median(w for w, _ in measured) for kind, measured in runs.items()}
    cpu = {kind: statistics.median(c for _, c in measured) for kind, measured in runs.items()}
    ratios = ["govinfo / (attrs, cattrs)", "attrs, cattrs"]
    if compare is not None:
        ratios += [f"govinfo / govinfo (SRC = {compare})", "govinfo (SRC)"]
    for label, kind in zip(ratios[::2], ratios[1::2], strict=True):
        print(
            f"  ratio {label}: wall {wall['govinfo'] / wall[kind]:.2f}, "
            f"cpu {cpu['govinfo'] / cpu[kind]:.2f}"
        )
    ours = cpu["govinfo"]
    missed = ours > TARGET
    verdict = "MISSED" if missed else "met"
    print(
        f"import govinfo: {ours * 1e3:.1f} ms of CPU "
        f"(median; wall {wall['govinfo'] * 1e3:.1f} ms), target {TARGET * 1e3:.0f} ms: {verdict}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
