"""Regenerate the bundled samples (src/govinfo/data/samples/*.json) from their hand-built fixtures.

Each bundled sample is ``govinfo.to_json(build())`` plus a trailing newline, where ``build`` is
the fixture in ``tests/fixtures`` that models the published report by hand; the test suite
(tests/test_samples.py) holds the two equal byte for byte.

Usage::

    .venv/bin/python tools/regenerate_samples.py          # rewrite the JSON files
    .venv/bin/python tools/regenerate_samples.py --check  # exit 1 if any is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT / "src" / "govinfo" / "data" / "samples"

# The fixtures are the package ``tests.fixtures`` (as pytest imports them), and govinfo
# is imported from src/ so that the script also runs without an installed package.
for _path in (REPO_ROOT, REPO_ROOT / "src"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import govinfo  # noqa: E402
from tests.fixtures import luoyang_scjgj_2020  # noqa: E402

SAMPLES = {
    luoyang_scjgj_2020.NAME: luoyang_scjgj_2020.build,
}
"""Every bundled sample: its name (the JSON file's stem) and the fixture that builds it."""


def render(name: str) -> str:
    """The exact text of the bundled sample ``name``."""
    return govinfo.to_json(SAMPLES[name]()) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) every bundled sample; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a bundled sample differs from its fixture",
    )
    args = parser.parse_args(argv)
    stale: list[str] = []
    for name in sorted(SAMPLES):
        path = SAMPLES_DIR / f"{name}.json"
        text = render(name)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            print(f"up to date: {path.relative_to(REPO_ROOT)}")
            continue
        if args.check:
            stale.append(name)
            print(f"out of date: {path.relative_to(REPO_ROOT)}", file=sys.stderr)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    if stale:
        print("run: .venv/bin/python tools/regenerate_samples.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
