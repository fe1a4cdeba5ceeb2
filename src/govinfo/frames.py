"""Tidy records as a pandas DataFrame (extra ``pandas``) and as Parquet (extra ``parquet``).

>>> frame = govinfo.to_frame(reports)                         # doctest: +SKIP
>>> frame[frame["row"] == "new_requests"]                     # doctest: +SKIP

The frame has the columns of :data:`govinfo.RECORD_FIELDS`, one row per table cell. ``value``
holds Python objects as the records do: ``int`` counts, ``None`` for not reported, and money
as exact decimal strings in 万元 — convert deliberately (``pd.to_numeric`` for counts,
``decimal.Decimal`` for money) rather than letting a float creep in.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govinfo._reports import SomeReports
from govinfo.errors import MissingExtra
from govinfo.tidy import RECORD_FIELDS, records

if TYPE_CHECKING:
    import pandas

__all__ = ["to_frame", "to_parquet"]


def to_frame(reports: SomeReports | Iterable[SomeReports]) -> pandas.DataFrame:
    """One row per table cell of ``reports`` (see :func:`govinfo.records`)."""
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra
    except ImportError:
        raise MissingExtra("data frames", "pandas", "pandas") from None
    return pd.DataFrame.from_records(list(records(reports)), columns=list(RECORD_FIELDS))


def to_parquet(reports: SomeReports | Iterable[SomeReports], path: str | Path) -> None:
    """Write the tidy records of ``reports`` to a Parquet file.

    Parquet columns have one type, so ``value`` is written as text (``"3119"``, ``"1085.02"``;
    null when not reported): exact for counts and money alike.
    """
    if importlib.util.find_spec("pyarrow") is None:
        raise MissingExtra("Parquet", "pyarrow", "parquet")
    frame = to_frame(reports)
    frame["value"] = frame["value"].map(_text)
    frame.to_parquet(path, index=False)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
