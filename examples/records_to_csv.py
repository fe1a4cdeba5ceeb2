"""Write the tidy records of the bundled sample report as CSV on standard output.

    .tools/bin/uv run python examples/records_to_csv.py > luoyang.csv

With pandas installed, ``pandas.DataFrame(govinfo.records(report))`` gives the same table.
"""

from __future__ import annotations

import csv
import sys

import govinfo
from govinfo import samples
from govinfo.tidy import RECORD_FIELDS


def main() -> int:
    report = samples.load("luoyang-scjgj-2020")
    writer = csv.DictWriter(sys.stdout, fieldnames=RECORD_FIELDS)
    writer.writeheader()
    writer.writerows(govinfo.records(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
