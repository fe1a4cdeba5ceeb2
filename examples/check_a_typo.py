"""Check a report with a deliberate typo and see which cell govinfo blames.

    .tools/bin/uv run python examples/check_a_typo.py

The bundled Luoyang 2020 report adds up. We change one cell of table 三 — 8 requests from
natural persons disclosed becomes 6, as a typist might — and check it again: the row total
(R3) and the column's outcome sum (R2) break, and govinfo names the one cell that explains both
and the value that mends them.
"""

from __future__ import annotations

import sys

import attrs

from govinfo import checks, samples


def main() -> int:
    report = samples.load("luoyang-scjgj-2020")
    assert report.requests is not None
    print("as published:", checks.is_consistent(report))

    requests = report.requests
    typo = attrs.evolve(
        report,
        requests=attrs.evolve(
            requests, disclosed=attrs.evolve(requests.disclosed, natural_person=6)
        ),
    )
    findings = checks.check(typo, select=["arithmetic"])
    for finding in findings:
        print(f"{finding.rule} {finding.severity} {finding.status}: {finding.message_zh}")
        print(f"    {finding.message_en}")
        print(f"    expected {finding.expected}, actual {finding.actual}")
    culprit = findings[0].culprit
    assert culprit is not None
    print(f"likely culprit: {culprit.path} = {culprit.value}; ", end="")
    print(f"{culprit.suggested} makes every rule hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
