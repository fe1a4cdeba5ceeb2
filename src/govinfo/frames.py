"""Tidy records as typed pandas DataFrames (extra ``pandas``) and as Parquet (extra ``parquet``).

>>> frame = govinfo.to_frame(results)                         # doctest: +SKIP
>>> frame[frame["row"] == "new_requests"]["value"].sum()      # doctest: +SKIP
>>> govinfo.findings_frame(results)                           # doctest: +SKIP

:func:`to_frame` has the columns of :data:`FRAME_COLUMNS`, one row per table cell: those of
:data:`govinfo.RECORD_FIELDS` with ``value`` split by kind, so that every column has one type
and sums need no cast:

- ``value``: counts (``count`` and ``signed`` cells) as nullable ``Int64``; ``<NA>`` for a cell
  not reported, and for a money cell;
- ``money``: amounts in 万元 as exact :class:`decimal.Decimal` objects (``<NA>`` elsewhere),
  never a binary float; ``frame["money"].sum()`` is an exact ``Decimal``;
- ``kind`` says which (``count``, ``signed``, ``money``); ``year`` and ``report_index`` are
  ``Int64``, the other columns text.

:func:`to_parquet` writes the same columns with ``value`` as ``int64`` and ``money`` as
``decimal128(38, 6)`` (more decimal places when an amount has more), so that DuckDB's
``SUM(value)`` and ``SUM(money)`` work without a cast.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govinfo.errors import GovinfoError, MissingExtra
from govinfo.tidy import FINDING_FIELDS, RECORD_FIELDS, Reports, finding_records, records

if TYPE_CHECKING:
    import pandas

__all__ = ["FRAME_COLUMNS", "MONEY_SCALE", "findings_frame", "to_frame", "to_parquet"]

_AFTER_VALUE = RECORD_FIELDS.index("value") + 1
FRAME_COLUMNS = (*RECORD_FIELDS[:_AFTER_VALUE], "money", *RECORD_FIELDS[_AFTER_VALUE:])
"""The columns of :func:`to_frame`, in order: :data:`govinfo.RECORD_FIELDS` with ``money``
after ``value``."""

MONEY_SCALE = 6
"""The decimal places of the Parquet ``money`` column (万元 to the 分 of 元 needs six), unless
an amount has more."""
_MONEY_PRECISION = 38
"""decimal128's largest precision."""

_INTEGERS = ("year", "report_index")


def _pandas() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra
    except ImportError:
        raise MissingExtra("data frames", "pandas", "pandas") from None
    return pd


def _cell_columns(reports: Reports) -> dict[str, list[Any]]:
    """The columns of :data:`FRAME_COLUMNS` as lists of Python values: ``value`` the counts,
    ``money`` the amounts as :class:`~decimal.Decimal`."""
    rows = list(records(reports))
    columns: dict[str, list[Any]] = {name: [r[name] for r in rows] for name in RECORD_FIELDS}
    kinds = columns["kind"]
    values = columns["value"]
    columns["money"] = [
        None if v is None or k != "money" else Decimal(v)
        for v, k in zip(values, kinds, strict=True)
    ]
    columns["value"] = [None if k == "money" else v for v, k in zip(values, kinds, strict=True)]
    return {name: columns[name] for name in FRAME_COLUMNS}


def to_frame(reports: Reports) -> pandas.DataFrame:
    """One row per table cell of ``reports`` (reports or read results, one or many), typed
    as the module documentation says."""
    pd = _pandas()
    columns = _cell_columns(reports)
    for name, values in columns.items():
        if name in ("value", *_INTEGERS):
            columns[name] = pd.array(values, dtype="Int64")
        elif name == "money":
            columns[name] = pd.array(values, dtype=object)
        else:
            columns[name] = pd.array(values, dtype="string")
    frame: pandas.DataFrame = pd.DataFrame(columns, columns=list(FRAME_COLUMNS))
    return frame


def findings_frame(
    reports: Reports,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> pandas.DataFrame:
    """One row per finding and reading problem of ``reports`` (reports or read results, one
    or many), with the columns of :data:`govinfo.tidy.FINDING_FIELDS`: a table of failure
    cases to filter, count and pivot. ``select``/``ignore`` narrow the checks' rules (ids or
    tags). ``year`` and ``report_index`` are ``Int64``; ``cells`` holds tuples of cell paths,
    ``expected``, ``actual`` and ``suggested`` the values as the findings have them (``int``,
    ``Decimal`` or date); the other columns are text."""
    pd = _pandas()
    rows = list(finding_records(reports, select=select, ignore=ignore))
    columns: dict[str, Any] = {}
    for name in FINDING_FIELDS:
        values = [r[name] for r in rows]
        if name in _INTEGERS:
            columns[name] = pd.array(values, dtype="Int64")
        elif name in ("cells", "expected", "actual", "suggested"):
            columns[name] = pd.array(values, dtype=object)
        else:
            columns[name] = pd.array(values, dtype="string")
    frame: pandas.DataFrame = pd.DataFrame(columns, columns=list(FINDING_FIELDS))
    return frame


def to_parquet(reports: Reports, path: str | Path) -> None:
    """Write the cells of ``reports`` to a Parquet file: the columns of :func:`to_frame`, with
    ``value`` as ``int64`` and ``money`` as ``decimal128(38, 6)`` (or more decimal places when
    an amount has more; see :data:`MONEY_SCALE`)."""
    if importlib.util.find_spec("pyarrow") is None:
        raise MissingExtra("Parquet", "pyarrow", "parquet")
    import pyarrow as pa  # type: ignore[import-untyped]  # noqa: PLC0415 - an optional extra
    import pyarrow.parquet as pq  # type: ignore[import-untyped]  # noqa: PLC0415

    columns = _cell_columns(reports)
    amounts = [v for v in columns["money"] if v is not None]
    scale = max([MONEY_SCALE, *(_places(v) for v in amounts)])
    digits = max([1, *(_integer_digits(v) for v in amounts)])
    if digits + scale > _MONEY_PRECISION:
        raise GovinfoError(
            f"Parquet: an amount needs {digits} digits before the point and {scale} after it, "
            f"more than decimal128's {_MONEY_PRECISION}"
        )
    types = {
        "value": pa.int64(),
        "money": pa.decimal128(_MONEY_PRECISION, scale),
        "year": pa.int64(),
        "report_index": pa.int64(),
    }
    schema = pa.schema([(name, types.get(name, pa.string())) for name in FRAME_COLUMNS])
    arrays = [pa.array(columns[name], type=types.get(name, pa.string())) for name in FRAME_COLUMNS]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _integer_digits(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # pragma: no cover - amounts are finite
        return 0
    return max(len(value.as_tuple().digits) + exponent, 1)
