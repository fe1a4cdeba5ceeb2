"""Reading: the template edition (2019 or 2021) a report's tables follow, told by the words only
one edition's tables print, and checked against the year.
"""

from __future__ import annotations

from govinfo.readers.normal import label_key
from govinfo.readers.result import DiagnosticCode
from govinfo.readers.state import _State
from govinfo.registry import Edition

_EDITION_WORDS = {
    Edition.V2019: (
        "本年新制作数量",
        "对外公开总数量",
        "上一年项目数量",
        "采购项目数量",
        "第二十条第(九)项",
    ),
    Edition.V2021: (
        "本年制发件数",
        "现行有效件数",
        "本年废止件数",
        "本年收费金额",
        "逾期不补正",
        "缴纳费用",
    ),
}


_EDITION_KEYS = {e: tuple(label_key(w) for w in words) for e, words in _EDITION_WORDS.items()}


def _edition(state: _State, key: str, year: int | None) -> Edition:
    """The template edition the tables follow (``key``: the report's lines' keys joined, which
    is the key of its text: a line break is whitespace, which numbering never spans and
    punctuation removal drops; see :func:`~govinfo.readers.normal._line_keys_of`)."""
    text = key
    votes = {e: sum(w in text for w in words) for e, words in _EDITION_KEYS.items()}
    by_tables = None
    if votes[Edition.V2019] != votes[Edition.V2021]:
        by_tables = max(votes, key=lambda e: votes[e])
    by_year = Edition.for_year(year) if year is not None and year >= 2019 else None
    if by_tables is None and by_year is None:
        state.report(
            DiagnosticCode.EDITION_UNKNOWN, "the template edition could not be told; assumed 2021"
        )
        return Edition.V2021
    if by_tables is not None and by_year is not None and by_tables is not by_year:
        state.report(
            DiagnosticCode.EDITION_MISMATCH,
            f"the tables follow edition {by_tables} but a report on {year} should use edition "
            f"{by_year}; read as edition {by_tables}",
        )
    return by_tables or by_year  # type: ignore[return-value]
