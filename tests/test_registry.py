"""The registry holds exactly the keys and labels of the reference (shared/reference/format.md).

The reference's tables are parsed here, so a change on either side shows up as a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from govinfo import model
from govinfo.registry import (
    BOTH,
    REQUESTS_NOTE,
    RESULTS_LABEL,
    Applicant,
    CellKind,
    Edition,
    RequestRow,
    ReviewBlock,
    ReviewResult,
    Section,
    cells,
    table,
    tables,
)

_KEY = re.compile(r"`([a-z_.]+)`")
_ARROW_RE = re.compile(r"([^;|→]+?)\s*→\s*`([a-z_.]+)`")


def _arrows(text: str) -> list[tuple[str, str]]:
    """``label → `key``` pairs in a reference table cell."""
    return [(label.strip(), key) for label, key in _ARROW_RE.findall(text)]


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _table_rows(block: str) -> list[list[str]]:
    rows = []
    for line in block.splitlines():
        if line.startswith("|") and not re.match(r"^\|[-| ]+\|$", line):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows[1:]  # without the header row


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> str:
    return (shared_dir / "reference" / "format.md").read_text(encoding="utf-8")


def test_sections(reference: str) -> None:
    rows = _table_rows(_section(reference, "## 3. Sections"))
    assert [(r[0], r[1], _KEY.findall(r[2])[0]) for r in rows] == [
        (s.number, s.zh, s.key) for s in Section
    ]


def test_applicant_columns(reference: str) -> None:
    block = _section(reference, "## 5. Table 三").split("Rows (verbatim")[0]
    rows = _table_rows(block[block.index("| label | key |") :].split("\n\n")[0])
    assert [(r[0], _KEY.findall(r[1])[0]) for r in rows] == [(a.zh, a.key) for a in Applicant]


def test_request_rows_both_editions(reference: str) -> None:
    block = _section(reference, "## 5. Table 三").split("Rows (verbatim")[1]
    rows = _table_rows(block.split("\n\n", 1)[1].split("\n\n")[0])
    expected = []
    previous_group = None
    for member in RequestRow:
        parts = []
        if member.is_outcome and member is RequestRow.DISCLOSED:
            parts.append(RESULTS_LABEL)
        if member.group is not None and member.group != previous_group:
            parts.append(member.group.zh)
        previous_group = member.group
        parts.append(member.zh)
        versions = "both" if member.editions == BOTH else next(iter(member.editions)).value
        expected.append((" ".join(parts), member.key, versions))
    parsed = [
        (r[0].removesuffix(" (one row, no sub-items)"), _KEY.findall(r[1])[0], r[2]) for r in rows
    ]
    assert parsed == expected
    assert REQUESTS_NOTE in reference


@pytest.mark.parametrize(("edition", "count"), [(Edition.V2019, 23), (Edition.V2021, 25)])
def test_request_row_counts(edition: Edition, count: int) -> None:
    assert len(table("requests").rows_for(edition)) == count
    assert all(len(r.columns) == 7 for r in table("requests").rows_for(edition))


def test_review_litigation(reference: str) -> None:
    rows = _table_rows(_section(reference, "## 6. Table 四"))
    assert [_arrows(r[0])[0] for r in rows] == [(b.zh, b.key) for b in ReviewBlock]
    assert _arrows(rows[0][1]) == [(r.zh, r.key) for r in ReviewResult]
    assert all(r[1] == "same five" for r in rows[1:])


@pytest.mark.parametrize("edition", list(Edition))
def test_proactive(reference: str, edition: Edition) -> None:
    section = _section(reference, "## 4. Table 二")
    block = section.split(f"### Version {edition.value}")[1].split("###")[0]
    parsed = []
    columns: list[tuple[str, str]] = []
    for caption, row_labels, column_labels in _table_rows(block):
        if not column_labels.startswith("same"):
            columns = _arrows(column_labels)
        for row_label, key in _arrows(row_labels):
            parsed.append((caption, row_label, key, columns))
    expected = [
        (r.caption, r.zh, r.key, [(c.zh, c.key) for c in r.columns])
        for r in table("proactive").rows_for(edition)
    ]
    assert parsed == expected


def test_money_and_signed_cells() -> None:
    kinds = {(t.key, r.key, c.key): c.kind for e in Edition for t, r, c in cells(e)}
    assert {k for k, v in kinds.items() if v is CellKind.MONEY} == {
        ("proactive", "procurement", "amount"),
        ("proactive", "fees", "amount"),
    }
    assert {k[2] for k, v in kinds.items() if v is CellKind.SIGNED} == {"items_change"}


def test_table_order_and_lookup() -> None:
    assert [t.key for t in tables()] == ["proactive", "requests", "review_litigation"]
    assert table("requests").row("withheld.state_secret", Edition.V2021).zh == "1.属于国家秘密"
    with pytest.raises(KeyError, match="procurement"):
        table("proactive").row("procurement", Edition.V2021)
    with pytest.raises(KeyError, match="no table"):
        table("nope")
    assert RequestRow.from_key("other_handling.unpaid_fee") is RequestRow.OTHER_HANDLING_UNPAID_FEE


@pytest.mark.parametrize("edition", list(Edition))
def test_model_matches_registry(edition: Edition) -> None:
    """Every registry cell is an attribute path of the model, and nothing else is."""

    def model_cells(cls: type, prefix: tuple[str, ...]) -> set[tuple[str, ...]]:
        found: set[tuple[str, ...]] = set()
        for a in attrs.fields(cls):
            types = [t for t in getattr(a.type, "__args__", (a.type,)) if attrs.has(t)]
            if not types:
                found.add((*prefix, a.name))
            for t in types:
                if t is model.OtherHandling and edition is Edition.V2019:
                    continue
                if (
                    t is model.ApplicantCounts
                    and a.name == "other_handling"
                    and edition is Edition.V2021
                ):
                    continue  # the single-row deviation is not the 2021 template
                found |= model_cells(t, (*prefix, a.name))
        return found

    proactive = model.PROACTIVE_CLASSES[edition]
    expected = model_cells(proactive, ("proactive",))
    expected |= model_cells(model.Requests, ("requests",))
    expected |= model_cells(model.ReviewLitigation, ("review_litigation",))
    registry_cells = {(t.key, *r.path, c.key) for t, r, c in cells(edition)}
    assert registry_cells == expected


def test_outcomes() -> None:
    outcomes_2019 = RequestRow.outcomes(Edition.V2019)
    outcomes_2021 = RequestRow.outcomes(Edition.V2021)
    assert len(outcomes_2019) == 19
    assert len(outcomes_2021) == 21
    assert RequestRow.HANDLED_TOTAL not in outcomes_2019
    assert RequestRow.OTHER_HANDLING in outcomes_2019
    assert RequestRow.OTHER_HANDLING not in outcomes_2021
    assert RequestRow.WITHHELD_STATE_SECRET.group is not None
    assert RequestRow.WITHHELD_STATE_SECRET.group.zh == "（三）不予公开"


def test_edition_for_year() -> None:
    from govinfo import UnsupportedEdition

    assert Edition.for_year(2019) is Edition.for_year(2020) is Edition.V2019
    assert Edition.for_year(2021) is Edition.for_year(2035) is Edition.V2021
    with pytest.raises(UnsupportedEdition, match="before 2019"):
        Edition.for_year(2018)
