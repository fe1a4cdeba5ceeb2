"""Build a report by hand, serialize it, and see how govinfo rejects a broken document.

.tools/bin/uv run python examples/build_a_report.py
"""

from __future__ import annotations

import sys

import attrs

import govinfo
from govinfo import model
from govinfo.registry import Edition


def _zero() -> model.ApplicantCounts:
    return model.ApplicantCounts.from_values([0, 0, 0, 0, 0, 0, 0])


def build() -> model.Report:
    """A small 2023 report: 3 requests from natural persons, all disclosed."""
    three = model.ApplicantCounts.from_values([3, 0, 0, 0, 0, 0, 3])
    zero = _zero()

    def all_zero(cls: type[model.Withheld | model.Unavailable | model.NotProcessed]) -> object:
        return cls(**{a.name: zero for a in attrs.fields(cls)})

    return model.Report(
        agency="某县某局",
        year=2023,
        edition=Edition.V2021,
        overview=None,
        proactive=None,  # this report has no table 二
        requests=model.Requests(
            new_requests=three,
            carried_over=zero,
            disclosed=three,
            partially_disclosed=zero,
            withheld=all_zero(model.Withheld),  # type: ignore[arg-type]
            unavailable=all_zero(model.Unavailable),  # type: ignore[arg-type]
            not_processed=all_zero(model.NotProcessed),  # type: ignore[arg-type]
            other_handling=model.OtherHandling(no_correction=zero, unpaid_fee=zero, other=zero),
            handled_total=three,
            carried_forward=zero,
        ),
        review_litigation=model.ReviewLitigation(
            review=model.ResultCounts.not_reported(),  # left blank in the report
            litigation_direct=model.ResultCounts.from_values([0, 0, 0, 0, 0]),
            litigation_after_review=model.ResultCounts.from_values([0, 0, 0, 0, 0]),
        ),
        problems="无",
        other_matters="本年度未收取信息处理费。",
    )


def main() -> int:
    report = build()
    document = govinfo.to_dict(report)
    assert govinfo.from_dict(document) == report
    print(govinfo.to_json(report)[:200], "...")

    document["requests"]["disclosed"]["natural_person"] = -3
    document["year"] = "2023"
    try:
        govinfo.from_dict(document, source="edited.json")
    except govinfo.InvalidDocument as exc:
        print(exc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
