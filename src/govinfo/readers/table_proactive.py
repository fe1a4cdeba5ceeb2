"""Reading table 二 (主动公开政府信息情况): its rows found by label, their values on the row's
line or the lines around it, amounts scaled to 万元, into the edition's proactive model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from govinfo.model import PROACTIVE_CLASSES
from govinfo.readers.cells import _Line
from govinfo.readers.columns import (
    _place_long_row,
    _place_short_row,
    _with_lead,
    _without_padding,
)
from govinfo.readers.labels import _found_profile, _score_row, _template_index, _template_profile
from govinfo.readers.normal import label_key, normalise
from govinfo.readers.numbers import SlotLike
from govinfo.readers.raw import RawLine
from govinfo.readers.result import DiagnosticCode
from govinfo.readers.runs import _gathered_run, _split_run_proactive
from govinfo.readers.state import _State
from govinfo.readers.tables import _region_lines
from govinfo.registry import CellKind, Edition, Row, table

_UNIT_YUAN = re.compile(r"(?<!万)元")


def _unit_scale(text: str) -> Decimal | None:
    t = normalise(text).replace(" ", "")  # 万 and 元 may wrap onto two lines of a cell
    if "万元" in t:
        return Decimal(1)
    if _UNIT_YUAN.search(t):
        return Decimal("0.0001")
    return None


def _proactive(
    state: _State, lines: Sequence[RawLine], region: Sequence[int] | None, edition: Edition
) -> Any:
    if region is None:
        return None
    rows = table("proactive").rows_for(edition)
    index = _template_index(tuple(r.zh for r in rows))
    split = _region_lines(state, lines, region)
    found: dict[str, _Line] = {}
    order: list[tuple[int, Row]] = []
    used: set[int] = set()  # the lines whose values a row took
    scale_text = ""
    for n, line in enumerate(split):
        if "单位" in line.label or "元" in line.label:
            scale_text += line.label
        if line.label:
            scores = _score_row(line.label, index)
            score = max(scores)
            best = rows[scores.index(score)]  # the first best, as max() picks
        else:
            best, score = rows[0], 0.0
        found_key, best_key = _found_profile(line.label)[0], _template_profile(best.zh)[0]
        exact = found_key.endswith(best_key)
        shortened = len(found_key) >= 3 and best_key.endswith(found_key)  # 规范性文件
        if not (exact or shortened) and score < 0.9:
            continue
        if shortened and not exact:
            state.report(
                DiagnosticCode.LABEL_VARIANT,
                f"table 二 row {line.label!r} read as {best.zh} ({best.key})",
                line.location,
            )
        if best.key in {"normative_documents", "regulations"}:
            # 规章 vs (行政)规范性文件: prefer the longer exact match
            if found_key.endswith("规范性文件"):
                best = next(r for r in rows if r.key == "normative_documents")
            elif found_key.endswith("规章"):
                best = next(r for r in rows if r.key == "regulations")
        if best.key in found:
            continue
        own = line.slots
        used.add(n)
        if not own:  # values on the following lines (one cell per line) ...
            collected: list[SlotLike] = []
            for m in range(n + 1, len(split)):
                nxt = split[m]
                if m in used or (
                    nxt.label and (nxt.slots or collected or not _is_column_header(nxt.label))
                ):
                    break  # the next row or sub-table (a column header first is passed over)
                collected.extend(nxt.slots)
                used.add(m)
            if not collected:  # ... or, failing that, on the lines just before it
                for m in range(n - 1, -1, -1):
                    prev = split[m]
                    if prev.label or m in used:  # another row's values are not this one's
                        break
                    collected[:0] = prev.slots
                    used.add(m)
            own = tuple(collected)
        found[best.key] = line._replace(slots=own)
        order.append((n, best))
    for n, line in enumerate(split):
        if n not in used:
            for s in line.slots:
                if not s.blank:
                    state.report(
                        DiagnosticCode.UNPLACED_NUMBER,
                        f"table 二: {s.raw!r} belongs to no row of the template",
                        s.location,
                        raw=s.raw,
                    )
    if not found:
        return None
    values: dict[str, Any] = {}
    for row in rows:
        entry = found.get(row.key)
        cells: list[Any] = [None] * len(row.columns)
        if entry is None:
            state.report(
                DiagnosticCode.ROW_NOT_FOUND,
                f"table 二 row {row.zh} ({row.key}) was not found",
                cells=[f"proactive.{row.key}"],
            )
        else:
            line = entry
            width = len(row.columns)
            slots: list[SlotLike] = _without_padding(_with_lead(line, width), width)
            if width > 1 and not line.explicit:
                slots = list(_gathered_run(state, slots, width))
            first = slots[0] if slots else None
            if len(slots) == 1 and first is not None and first.run and width > 1:
                slots = _split_run_proactive(state, row, first)
            if (
                line.explicit
                and len(slots) > width
                and all(s.location == slots[width - 1].location for s in slots[width - 1 :])
            ):
                # one merged cell, repeated over the columns it spans (the same cell: equal
                # values in cells of their own are values, one of them none of the row's)
                slots = slots[:width]
            paths = [f"proactive.{row.key}.{c.key}" for c in row.columns]
            placed: Sequence[SlotLike | None] = slots
            if len(slots) > width:  # no rule ties a table 二 row's cells
                placed = _place_long_row(
                    state, f"table 二 row {row.zh}", paths, slots, None, line.location.line
                )
            elif 0 < len(slots) < width:
                placed = _place_short_row(
                    state,
                    None,
                    {},
                    f"proactive.{row.key}",
                    paths,
                    slots,
                    line,
                    DiagnosticCode.MISSING_CELLS,
                )
            for i, column in enumerate(row.columns):
                slot = placed[i] if i < len(placed) else None
                scale = Decimal(1)
                if column.kind is CellKind.MONEY:
                    unit = _unit_scale((slot.raw if slot else "") + line.label) or _unit_scale(
                        scale_text
                    )
                    if unit is None:
                        unit = Decimal(1)
                        if slot is not None and not slot.blank:
                            state.report(
                                DiagnosticCode.UNIT_ASSUMED,
                                f"table 二 {row.zh}: no unit printed; read as 万元",
                                slot.location,
                            )
                    elif unit != 1 and slot is not None:
                        state.report(
                            DiagnosticCode.UNIT_CONVERTED,
                            f"table 二 {row.zh}: amount in 元 converted to 万元",
                            slot.location,
                        )
                    scale = unit
                cells[i] = state.value(
                    f"proactive.{row.key}.{column.key}", slot, column.kind, scale
                )
        values[row.key] = _row_class(edition, row.key).from_values(cells)
    return PROACTIVE_CLASSES[edition](**values)


@cache
def _column_header_keys() -> tuple[str, ...]:
    """Label keys of table 二's column headers (信息内容 and each column), both editions."""
    words = {"信息内容"}
    for row in table("proactive").rows:
        words.update(column.zh for column in row.columns)
    return tuple(sorted({label_key(w) for w in words}))


def _is_column_header(label: str) -> bool:
    """Whether ``label`` is a line of table 二's column headers (not a row, not a caption)."""
    key = _found_profile(label)[0]
    return "第二十条" not in key and any(h in key for h in _column_header_keys())


@cache
def _row_class(edition: Edition, key: str) -> Any:
    """The model class of table 二's row ``key`` in ``edition`` (registry data: looked up once
    per process)."""
    return _resolve(attrs.fields_dict(PROACTIVE_CLASSES[edition])[key].type)


def _resolve(tp: Any) -> Any:
    if isinstance(tp, str):
        from govinfo import model

        return getattr(model, tp)
    return tp
