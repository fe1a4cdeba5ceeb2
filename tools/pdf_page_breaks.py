"""Count how many cells govinfo reads exactly from PDFs whose tables cross a page break.

The PDFs are made here with reportlab (see ``tests/pdf_pages.py``), one per shape, from a
report of each template edition whose every cell holds a different value:

* ``requests-cut``: every data row of table 三 cut at every character of its label (and
  between rows), the values with the label's start or (every third) its end, header rows
  repeated on the next page on every other cut, merged labels shown at their top or centre,
  a rule closing the cut or none;
* ``proactive-cut``: the same for every row of table 二;
* ``review-cut``: table 四 cut between each of its rows, header repeated or not;
* ``title``: the title wrapped before its last 1–6 characters (table 三 cut in a row).

For each shape it prints the cells read exactly, read wrong (another number), and left empty
(not reported); and how many titles were read. Run it with the code to measure on the path::

    python tools/pdf_page_breaks.py            # this checkout (-v: each PDF not read exactly)
    PYTHONPATH=/path/to/other/src python tools/pdf_page_breaks.py
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govinfo import read, records
from govinfo.model import Report
from govinfo.registry import Edition
from tests.pdf_pages import Cut, cut_rows, report_pdf, template_report

Case = tuple[str, Report, Cut, int | None]


def cases() -> Iterator[Case]:
    for edition in Edition:
        report = template_report(edition)
        for shape, key in (("requests-cut", "requests"), ("proactive-cut", "proactive")):
            n = 0
            for row, label in cut_rows(report, key):
                for at in [None, *range(1, len(label))]:
                    n += 1
                    yield (
                        shape,
                        report,
                        Cut(
                            table=key,
                            row=row,
                            at=at,
                            repeat_header=n % 2 == 0,
                            merged="centre" if n % 5 < 2 else "top",
                            values="head" if n % 3 == 0 else "foot",
                            ruled=n % 7 != 0,
                        ),
                        None,
                    )
        for row in (1, 2, 3):
            for repeat in (False, True):
                cut = Cut(table="review_litigation", row=row, repeat_header=repeat)
                yield "review-cut", report, cut, None
        for tail in range(1, 7):
            yield "title", report, Cut(table="requests", row=10, at=2), -tail


def main() -> int:
    verbose = "-v" in sys.argv[1:]
    counts: dict[str, Counter[str]] = {}
    for shape, report, cut, title_break in cases():
        result = read(report_pdf(report, cut, title_break=title_break), format="pdf")
        want = {(r["table"], r["row"], r["column"]): r["value"] for r in records(report)}
        got = {(r["table"], r["row"], r["column"]): r["value"] for r in records(result.report)}
        count = counts.setdefault(shape, Counter())
        count["pdfs"] += 1
        count["titles"] += (result.report.agency, result.report.year) == (
            report.agency,
            report.year,
        )
        missed = Counter[str]()
        for key, value in want.items():
            found = got.get(key)
            missed["exact" if found == value else "empty" if found is None else "wrong"] += 1
        count.update(missed)
        if verbose and (missed["wrong"] or missed["empty"]):
            print(report.edition, cut, title_break, dict(missed), file=sys.stderr)
    total: Counter[str] = Counter()
    for shape, count in counts.items():
        total.update(count)
        print(_line(shape, count))
    print(_line("all", total))
    return 0


def _line(shape: str, count: Counter[str]) -> str:
    cells = count["exact"] + count["wrong"] + count["empty"]
    return (
        f"{shape:14} {count['pdfs']:4} PDFs  titles {count['titles']:4}  cells {cells:6}  "
        f"exact {count['exact']:6} ({100 * count['exact'] / cells:5.1f}%)  "
        f"wrong {count['wrong']:4}  empty {count['empty']:5}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
