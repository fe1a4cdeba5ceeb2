"""Records that name their document, typed frames and Parquet, findings as data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import samples
from govinfo import strategies as gst
from govinfo.checks import Status, check
from govinfo.frames import FRAME_COLUMNS, findings_frame, to_frame, to_parquet
from govinfo.model import Report, Source
from govinfo.readers import ReadResult, read, read_all
from govinfo.registry import CellKind
from govinfo.render import to_text
from govinfo.tidy import FINDING_FIELDS, RECORD_FIELDS, RECORD_VERSION, finding_records, records

pd = pytest.importorskip("pandas")

FEW = settings(max_examples=30, deadline=None)
ANY_REPORTS = st.one_of(gst.reports(), gst.reports(consistent=False))
DOCUMENT = ("source", "sha256", "report_index", "level", "agency_kind", "region")


def plain(values: Any) -> list[Any]:
    return [None if v is None or v is pd.NA else v for v in values]


# --- records ----------------------------------------------------------------------------------


def test_record_version_2_keeps_the_version_1_fields_first() -> None:
    assert RECORD_VERSION == 2
    assert RECORD_FIELDS[:7] == ("agency", "year", "edition", "table", "row", "column", "value")
    assert set(DOCUMENT) | {"kind"} == set(RECORD_FIELDS[7:])


def test_records_of_a_read_result_name_its_document(shared_dir: Path) -> None:
    path = shared_dir / "samples" / "hongzequ-2024.txt"
    result = read(path)
    assert result.report.source is not None
    recs = list(records(result))
    assert recs
    assert {r["source"] for r in recs} == {str(path)}
    assert {r["sha256"] for r in recs} == {result.report.source.sha256}
    assert {r["report_index"] for r in recs} == {0}
    assert {r["agency_kind"] for r in recs} == {"government"}
    assert {r["level"] for r in recs} == {"county"}
    assert {r["region"] for r in recs} == {"320813"}  # 淮安市洪泽区 (the regions extra)
    # the bare report has the same cells, but does not know its place in its document
    bare = list(records(result.report))
    assert [{**r, "report_index": 0} for r in bare] == recs


def test_a_pdf_and_its_text_copy_stay_apart(shared_dir: Path) -> None:
    pytest.importorskip("pdfplumber")
    results = [read(shared_dir / "samples" / f"hongzequ-2024.{s}") for s in ("txt", "pdf")]
    frame = to_frame(results)
    keys = ["source", "table", "row", "column"]
    assert not frame.duplicated(keys).any()
    assert frame.duplicated(["agency", "year", "table", "row", "column"]).sum() == len(frame) // 2
    assert frame["sha256"].nunique() == 2


def test_reports_of_a_compilation_are_told_apart_by_their_index() -> None:
    first = samples.load("luoyang-scjgj-2020")
    second = attrs.evolve(first, agency="洛阳市财政局")
    results = read_all(to_text(first) + "\n" + to_text(second), format="text", name="c.txt")
    assert [r.index for r in results] == [0, 1]
    assert [r.report.agency for r in results] == [first.agency, second.agency]
    frame = to_frame(results)
    assert set(frame["source"]) == {"c.txt"}
    assert frame["sha256"].nunique() == 1
    by_index = frame.groupby("report_index")["agency"].unique()
    assert [list(v) for v in by_index] == [[first.agency], [second.agency]]
    assert not frame.duplicated(["sha256", "report_index", "table", "row", "column"]).any()
    assert plain(findings_frame(results)["report_index"]) == [
        r.index for r in results for _ in (*r.diagnostics, *r.check())
    ]


@FEW
@given(st.lists(ANY_REPORTS, max_size=3))
def test_an_empty_input_gives_empty_frames_with_every_column(reports: list[Report]) -> None:
    assert to_frame(reports[:0]).columns.tolist() == list(FRAME_COLUMNS)
    assert findings_frame(reports[:0]).columns.tolist() == list(FINDING_FIELDS)
    assert len(to_frame(reports)) == len(list(records(reports)))


@FEW
@given(ANY_REPORTS)
def test_money_stays_a_decimal_string_in_records_and_counts_ints(report: Report) -> None:
    for rec in records(report):
        cell = report.cell(f"{rec['table']}.{rec['row']}.{rec['column']}")
        if cell is None:
            assert rec["value"] is None
        elif rec["kind"] == CellKind.MONEY:
            assert rec["value"] == format(cell, "f")
        else:
            assert rec["value"] == cell
            assert type(rec["value"]) is int


@FEW
@given(st.lists(ANY_REPORTS, max_size=3))
def test_records_of_many_follow_one_another(reports: list[Report]) -> None:
    assert list(records(reports)) == [rec for r in reports for rec in records(r)]


# --- frames -----------------------------------------------------------------------------------


@FEW
@given(st.lists(ANY_REPORTS, min_size=1, max_size=3))
def test_frame_values_are_typed_and_sum_exactly(reports: list[Report]) -> None:
    frame = to_frame(reports)
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert str(frame["value"].dtype) == "Int64"
    assert str(frame["year"].dtype) == "Int64"
    cells = [
        (r.cell(f"{rec['table']}.{rec['row']}.{rec['column']}"), rec["kind"])
        for r in reports
        for rec in records(r)
    ]
    counts = [v for v, kind in cells if v is not None and kind != "money"]
    money = [v for v, kind in cells if v is not None and kind == "money"]
    assert frame["value"].sum() == sum(counts)
    assert frame["value"].count() == len(counts)
    assert frame["money"].count() == len(money)
    total = frame["money"].sum()
    assert total == sum(money, Decimal(0))
    if money:
        assert isinstance(total, Decimal)
    # a money cell is never in value, a count never in money
    is_money = frame["kind"] == "money"
    assert frame.loc[is_money, "value"].isna().all()
    assert frame.loc[~is_money, "money"].isna().all()


@FEW
@given(reports=st.lists(ANY_REPORTS, min_size=1, max_size=3))
def test_parquet_has_int64_and_decimal_columns(
    reports: list[Report], tmp_path_factory: Any
) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path_factory.mktemp("parquet") / "cells.parquet"
    to_parquet(reports, path)
    table = pq.read_table(path)
    assert table.schema.names == list(FRAME_COLUMNS)
    assert table.schema.field("value").type == pa.int64()
    money_type = table.schema.field("money").type
    assert pa.types.is_decimal(money_type)
    assert money_type.scale >= 6
    frame = to_frame(reports)
    assert table.column("value").to_pylist() == plain(frame["value"])
    assert table.column("money").to_pylist() == plain(frame["money"])


def test_parquet_keeps_more_decimal_places_when_an_amount_has_them(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    report = samples.load("luoyang-scjgj-2020")
    amount = Decimal("0.12345678")
    report = report.with_cell("proactive.procurement.amount", amount)
    to_parquet(report, tmp_path / "x.parquet")
    table = pq.read_table(tmp_path / "x.parquet")
    assert table.schema.field("money").type.scale == 8
    assert amount in table.column("money").to_pylist()


def test_parquet_refuses_an_amount_too_wide_for_decimal128(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    report = samples.load("luoyang-scjgj-2020")
    report = report.with_cell("proactive.procurement.amount", Decimal("1" * 33))
    with pytest.raises(govinfo.GovinfoError, match="decimal128"):
        to_parquet(report, tmp_path / "x.parquet")
    assert not (tmp_path / "x.parquet").exists()


# --- findings as data -------------------------------------------------------------------------


@FEW
@given(gst.reports(consistent=False))
def test_a_finding_prints_as_one_line_with_its_cells(report: Report) -> None:
    for finding in check(report):
        line = str(finding)
        assert "\n" not in line
        assert line.startswith(f"{finding.rule} {finding.severity}")
        assert finding.message_en in line
        assert ("(uncertain)" in line) is (finding.status is Status.UNCERTAIN)
        for operand in finding.operands:
            shown = "—" if operand.value is None else str(operand.value)
            assert f"{operand.path} = {shown}" in line
        if finding.culprit is not None:
            assert f"likely culprit {finding.culprit.path}" in line
        assert "Finding(" not in line


def test_a_finding_names_its_culprit() -> None:
    report = samples.load("luoyang-scjgj-2020").with_cell("requests.disclosed.natural_person", 6)
    (r3,) = [f for f in check(report) if f.rule == "R3"]
    assert str(r3) == (
        "R3 error: row disclosed: the applicant columns add up to 6, but the total is 8 "
        "[requests.disclosed.natural_person = 6, requests.disclosed.commercial_enterprise = 0, "
        "requests.disclosed.research_institution = 0, requests.disclosed.public_interest_org = 0, "
        "requests.disclosed.legal_service_org = 0, requests.disclosed.other_org = 0, "
        "requests.disclosed.total = 8]; likely culprit requests.disclosed.natural_person = 6, "
        "8 makes every rule hold"
    )


@FEW
@given(st.lists(ANY_REPORTS, max_size=3))
def test_finding_records_are_the_findings_of_each_report(reports: list[Report]) -> None:
    recs = list(finding_records(reports))
    expected = [f for r in reports for f in check(r)]
    assert [r["code"] for r in recs] == [f.rule for f in expected]
    for rec, finding in zip(recs, expected, strict=True):
        assert tuple(rec) == FINDING_FIELDS
        assert rec["origin"] == "check"
        assert rec["cells"] == finding.cells
        assert (rec["expected"], rec["actual"]) == (finding.expected, finding.actual)
        assert rec["status"] == str(finding.status)
        assert rec["message_zh"] == finding.message_zh


def test_findings_frame_lists_reading_problems_then_findings(shared_dir: Path) -> None:
    results = [
        read(shared_dir / "samples" / n) for n in ("luoyang-scjgj-2020.txt", "hongzequ-2023.txt")
    ]
    frame = findings_frame(results)
    assert list(frame.columns) == list(FINDING_FIELDS)
    assert len(frame) == sum(len(r.diagnostics) + len(r.check()) for r in results)
    luoyang = frame[frame["agency"] == results[0].report.agency]
    assert luoyang["origin"].tolist()[: len(results[0].diagnostics)] == ["read"] * len(
        results[0].diagnostics
    )
    unplaced = luoyang[luoyang["code"] == "unplaced-number"]
    assert unplaced["severity"].tolist() == ["error"]
    assert unplaced["location"].tolist() == ["94:26"]
    r4 = frame[frame["code"] == "R4"]
    assert len(r4) == 2
    assert set(r4["source"]) == {str(shared_dir / "samples" / "hongzequ-2023.txt")}
    assert plain(r4["expected"]) == [11, 5]
    assert plain(r4["actual"]) == [0, 0]
    assert r4["status"].tolist() == ["fail", "fail"]
    assert all(r4["message_zh"].str.contains("总计"))
    # pivot: findings by severity and agency
    counts = frame.pivot_table(index="agency", columns="severity", values="code", aggfunc="count")
    assert counts.loc[results[1].report.agency, "error"] == 2


def test_select_narrows_the_findings_not_the_reading_problems(shared_dir: Path) -> None:
    result = read(shared_dir / "samples" / "luoyang-scjgj-2020.txt")
    frame = findings_frame(result, select=["R4"])
    assert set(frame["origin"]) == {"read"}
    assert len(frame) == len(result.diagnostics)


def test_read_result_index_defaults_to_the_first() -> None:
    report = samples.load("luoyang-scjgj-2020")
    result = ReadResult(report=report, format="json")
    assert result.index == 0
    moved = attrs.evolve(report, source=Source(location="elsewhere.txt"))
    assert {r["source"] for r in records(moved)} == {"elsewhere.txt"}
    assert {r["sha256"] for r in records(moved)} == {None}


def test_csv_of_a_pdf_and_its_text_copy_has_no_duplicate_keys(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pdfplumber")
    import csv
    import io

    from govinfo.cli import main

    paths = [str(shared_dir / "samples" / f"hongzequ-2024.{s}") for s in ("txt", "pdf")]
    assert main(["convert", *paths, "--to", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert list(rows[0]) == list(RECORD_FIELDS)
    keys = [(r["source"], r["report_index"], r["table"], r["row"], r["column"]) for r in rows]
    assert len(set(keys)) == len(keys)
    assert {r["source"] for r in rows} == set(paths)
    # without the document, the two copies' cells collide: what the source columns prevent
    bare = [(r["agency"], r["year"], r["table"], r["row"], r["column"]) for r in rows]
    assert len(set(bare)) == len(bare) // 2
