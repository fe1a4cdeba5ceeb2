"""Totals derived from their parts, and filling in the totals a report leaves blank.

A report states three kinds of total (format.md §5–§7); each is data as printed, and each has
a rule that derives it from its parts:

- **R3** a row of table 三: ``total`` = the sum of the six applicant columns
  (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他);
- **R2** table 三's （七）总计 row (``handled_total``), per column, the total column included:
  the sum of every outcome row (``disclosed``, ``partially_disclosed``, ``withheld.*``,
  ``unavailable.*``, ``not_processed.*`` and （六）其他处理, one row or the edition-2021
  breakdown);
- **R4** a block of table 四: ``total = upheld + corrected + other + pending``.

R2 and R3 are implied by the structure of the templates (国办公开办函〔2019〕60号 and
〔2021〕30号: 申请人情况 columns with 总计, 三、本年度办理结果 rows with （七）总计); R4 by
table 四's 结果维持、结果纠正、其他结果、尚未审结、总计 columns. See format.md §7.

Not-reported parts
    A derived total is ``None`` when *every* part is ``None`` (nothing to add up: the total is
    not reported either); otherwise it is the sum of the parts with ``None`` read as 0, since
    published reports leave zero cells blank. This is the reading :mod:`govinfo.checks` uses
    first, so a total filled in by :func:`fill_totals` never produces a finding on its own.

Every function here is pure: it returns new (frozen) objects and never changes its argument.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from govinfo.model import (
    ApplicantCounts,
    Report,
    Requests,
    ResultCounts,
    ReviewLitigation,
)
from govinfo.registry import Applicant, RequestRow, ReviewBlock, ReviewResult

__all__ = [
    "block_total",
    "derive",
    "fill_totals",
    "handled_total",
    "row_total",
    "strip_totals",
    "total_paths",
]

_PARTIES = tuple(a.key for a in Applicant if a is not Applicant.TOTAL)
"""The six applicant columns whose sum is a table 三 row's ``total`` (R3)."""
_COLUMNS = tuple(a.key for a in Applicant)
_RESULTS = tuple(r.key for r in ReviewResult if r is not ReviewResult.TOTAL)
"""The four result columns whose sum is a table 四 block's ``total`` (R4)."""
_HANDLED = RequestRow.HANDLED_TOTAL.key


def derive(parts: Iterable[int | None]) -> int | None:
    """The total of ``parts``: ``None`` when every part is ``None``, else their sum with
    ``None`` read as 0.

    >>> derive([1, None, 2]), derive([None, None]), derive([0, None])
    (3, None, 0)
    """
    total = 0
    reported = False
    for part in parts:
        if part is not None:
            total += part
            reported = True
    return total if reported else None


def row_total(row: ApplicantCounts) -> int | None:
    """R3: a table 三 row's ``total`` derived from its six applicant columns.

    The stated ``row.total`` is ignored. See :func:`derive` for not-reported cells.
    """
    return derive(getattr(row, key) for key in _PARTIES)


def block_total(block: ResultCounts) -> int | None:
    """R4: a table 四 block's ``total`` derived from ``upheld + corrected + other + pending``.

    The stated ``block.total`` is ignored. See :func:`derive` for not-reported cells.
    """
    return derive(getattr(block, key) for key in _RESULTS)


def handled_total(requests: Requests) -> ApplicantCounts:
    """R2: table 三's （七）总计 row derived from the outcome rows, column by column.

    Every one of the seven columns, ``total`` included, is the sum of that column over the
    outcome rows as stated (the stated ``handled_total`` row is ignored). On a report that
    satisfies R2 and R3 the derived ``total`` column also equals the sum of the derived
    applicant columns. See :func:`derive` for not-reported cells.
    """
    outcomes = [counts for row, counts in requests.rows() if _is_outcome(row.key)]
    return ApplicantCounts(
        **{key: derive(getattr(counts, key) for counts in outcomes) for key in _COLUMNS}
    )


def fill_totals(report: Report) -> Report:
    """A copy of ``report`` with every *missing* (``None``) total filled in from its parts.

    A reported total is never changed, even when it contradicts its parts (that is for
    :func:`govinfo.checks.check` to report). When no total is missing, or none can be derived
    (every part is blank too), ``report`` itself is returned.

    Order (each step sees what the earlier steps filled in):

    1. R3: the ``total`` of every table 三 row except （七）总计, from its applicant columns;
    2. R2: each blank cell of （七）总计 (``handled_total``) from the outcome rows, the six
       applicant columns first and then ``handled_total.total``, which is the sum of the
       outcome rows' ``total`` column as completed by step 1 (on a consistent report this is
       also the R3 sum of the ``handled_total`` row);
    3. R4: the ``total`` of every table 四 block.

    Blank parts are read as in :func:`derive`. Nothing else is derived: R1 could determine a
    blank ``new_requests`` or ``carried_forward`` cell, but those are not totals.
    """
    requests = _fill_requests(report.requests) if report.requests is not None else None
    review = (
        _fill_review(report.review_litigation) if report.review_litigation is not None else None
    )
    if requests is report.requests and review is report.review_litigation:
        return report
    return attrs.evolve(report, requests=requests, review_litigation=review)


def strip_totals(report: Report) -> Report:
    """A copy of ``report`` with every total cell set to ``None`` (not reported).

    The total cells are those :func:`fill_totals` derives (listed by :func:`total_paths`):
    the ``total`` column of every table 三 row, every cell of （七）总计, and the ``total`` of
    every table 四 block. Useful to test :func:`fill_totals`, and to compare what a report
    states with what its parts imply.
    """
    requests = report.requests
    if requests is not None:
        rows = {
            key: (
                ApplicantCounts.not_reported()
                if key == _HANDLED
                else attrs.evolve(counts, total=None)
            )
            for key, counts in _request_rows(requests).items()
        }
        requests = Requests.from_rows(rows)
    review = report.review_litigation
    if review is not None:
        review = ReviewLitigation(
            **{
                key: attrs.evolve(block, total=None)
                for key, block in _review_blocks(review).items()
            }
        )
    return attrs.evolve(report, requests=requests, review_litigation=review)


def total_paths(report: Report) -> tuple[str, ...]:
    """The paths (as :meth:`Report.cell` takes them) of every total cell ``report`` has, in
    the order :func:`fill_totals` fills them; a missing table contributes none."""
    paths: list[str] = []
    if report.requests is not None:
        keys = list(_request_rows(report.requests))
        paths += [f"requests.{key}.total" for key in keys if key != _HANDLED]
        paths += [f"requests.{_HANDLED}.{column}" for column in _COLUMNS]
    if report.review_litigation is not None:
        paths += [f"review_litigation.{block.key}.total" for block in ReviewBlock]
    return tuple(paths)


# --- helpers ---------------------------------------------------------------------------------


def _is_outcome(key: str) -> bool:
    return RequestRow.from_key(key).is_outcome


def _request_rows(requests: Requests) -> dict[str, ApplicantCounts]:
    """Every row of ``requests`` as printed, by canonical key, in template order."""
    return {row.key: counts for row, counts in requests.rows()}


def _review_blocks(review: ReviewLitigation) -> dict[str, ResultCounts]:
    return {row.key: block for row, block in review.rows()}


def _fill_requests(requests: Requests) -> Requests:
    rows = _request_rows(requests)
    changed = False
    # 1. R3 on every row but （七）总计.
    for key, counts in rows.items():
        if key == _HANDLED or counts.total is not None:
            continue
        total = row_total(counts)
        if total is not None:
            rows[key] = attrs.evolve(counts, total=total)
            changed = True
    # 2. R2 on each blank cell of （七）总计, from the rows completed by step 1.
    stated = rows[_HANDLED]
    if None in stated.values():
        derived = handled_total(Requests.from_rows(rows)) if changed else handled_total(requests)
        filled = {
            key: getattr(derived, key) if getattr(stated, key) is None else getattr(stated, key)
            for key in _COLUMNS
        }
        if any(getattr(stated, key) != filled[key] for key in _COLUMNS):
            rows[_HANDLED] = ApplicantCounts(**filled)
            changed = True
    return Requests.from_rows(rows) if changed else requests


def _fill_review(review: ReviewLitigation) -> ReviewLitigation:
    blocks = _review_blocks(review)
    changed = False
    for key, block in blocks.items():
        if block.total is None:
            total = block_total(block)
            if total is not None:
                blocks[key] = attrs.evolve(block, total=total)
                changed = True
    return ReviewLitigation(**blocks) if changed else review
