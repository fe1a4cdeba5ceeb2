"""Read a published report and see what the reader decided, where each cell came from, and
what the checks say.

    .tools/bin/uv run python examples/read_a_report.py [PATH]

PATH is a report in any format govinfo reads (text, Markdown, HTML, PDF with the ``pdf``
extra, Word with the ``docx`` extra). Without one, the bundled Luoyang 2020 report is written
out as tab-separated text, as a Word or PDF copy gives it, with one cell of table 三 left blank
and one number pushed beyond the last column, and read back.
"""

from __future__ import annotations

import sys

import govinfo
from govinfo import render, samples


def _damaged_sample() -> str:
    lines = render.render(samples.load("luoyang-scjgj-2020"), "text").splitlines()
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if cells[0].endswith("本年新收政府信息公开申请数量"):
            cells[-6] = ""  # 商业企业 left blank: not reported, never read as 0
        elif cells[0].endswith("上年结转政府信息公开申请数量"):
            cells.append("5")  # a number with no column: reported, never dropped
        lines[i] = "\t".join(cells)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    result = govinfo.read(args[0]) if args else govinfo.read(_damaged_sample(), format="text")
    report = result.report
    print(f"{report.agency}, {report.year}, template edition {report.edition}")
    print("\nwhat the reader met:")
    for diagnostic in result.diagnostics:
        print(f"  {diagnostic}")
    print()
    for path in ("requests.new_requests.total", "requests.new_requests.commercial_enterprise"):
        where = result.provenance.get(path)
        print(f"{path} = {report.cell(path)}" + (f", read at {where}" if where else ""))
    print("\nwhat the checks say:")
    for finding in result.check():
        print(f"  {finding.rule} {finding.severity} {finding.status}: {finding.message_en}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
