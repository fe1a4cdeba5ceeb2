"""Hypothesis strategies for the text of published reports, shared by the tests that hold the
readers' shortcuts against the plain computations."""

from __future__ import annotations

from hypothesis import strategies as st

from govinfo.registry import RequestRow, table

LABELS = [r.zh for r in RequestRow] + [r.zh for r in table("proactive").rows]
"""Every row label of tables 二 and 三."""
COMMON = [*LABELS, "（三）", "三、", "1.", "２．", "①", " ", "\u3000", "\t", "\n", "，", "12"]
"""Labels, numbering, whitespace and a number: what every reader shortcut must meet."""


def pieces(*extra: str) -> st.SearchStrategy[str]:
    """One piece of report text: a :data:`COMMON` piece or one of ``extra``."""
    return st.sampled_from([*COMMON, *extra])


def texts(of: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Text made of up to twelve pieces ``of``, or any text at all."""
    return st.one_of(st.lists(of, max_size=12).map("".join), st.text(max_size=40))
