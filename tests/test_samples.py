"""The bundled samples: each equals its hand-built fixture, and the fixture is sound."""

from __future__ import annotations

import hashlib
import json
import os
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from jsonschema import Draft202012Validator, FormatChecker

import govinfo
from govinfo import samples
from govinfo.model import ApplicantCounts, ResultCounts
from govinfo.registry import OverviewPart
from tests.fixtures import luoyang_scjgj_2020

if TYPE_CHECKING:
    from govinfo.model import Report

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_SAMPLES = REPO_ROOT.parent / "shared" / "samples"
REGENERATE = ".venv/bin/python tools/regenerate_samples.py"

NAME = luoyang_scjgj_2020.NAME
RESULT_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


@pytest.fixture
def report() -> Report:
    return luoyang_scjgj_2020.build()


@pytest.fixture
def shared_sample() -> Path:
    """The shared sample file the fixture models; skipped when the shared folder is absent,
    except under CI, where its absence is a failure."""
    path = SHARED_SAMPLES / luoyang_scjgj_2020.SOURCE_FILE
    if not path.is_file():
        reason = f"shared sample {path} not found (the shared folder is not checked out here)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so the source check must run")
        pytest.skip(reason)
    return path


# --- the bundled file -------------------------------------------------------------------


def test_bundled_json_is_the_fixture_byte_for_byte() -> None:
    resource = resources.files("govinfo") / "data" / "samples" / f"{NAME}.json"
    expected = (govinfo.to_json(luoyang_scjgj_2020.build()) + "\n").encode("utf-8")
    assert resource.read_bytes() == expected, (
        f"src/govinfo/data/samples/{NAME}.json is out of date with "
        f"tests/fixtures/luoyang_scjgj_2020.py; regenerate it with: {REGENERATE}"
    )


def test_sample_is_listed_and_loads_as_the_fixture(report: Report) -> None:
    assert NAME in samples.names()
    assert samples.load(NAME) == report


def test_unknown_sample_names_the_available_ones() -> None:
    with pytest.raises(KeyError, match="nope") as info:
        samples.load("nope")
    assert NAME in str(info.value)


# --- the fixture --------------------------------------------------------------------------


def test_fixture_round_trips(report: Report) -> None:
    assert govinfo.from_json(govinfo.to_json(report)) == report
    assert govinfo.from_dict(govinfo.to_dict(report)) == report


def test_fixture_validates_against_the_json_schema(report: Report) -> None:
    schema = govinfo.json_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    document = json.loads(govinfo.to_json(report))
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def test_identity_and_metadata(report: Report) -> None:
    assert report.agency == "洛阳市市场监督管理局"
    assert (report.year, report.edition) == (2020, govinfo.Edition.V2019)
    assert report.level is govinfo.Level.PREFECTURAL
    assert report.agency_kind is govinfo.AgencyKind.DEPARTMENT
    assert report.published is None
    assert report.period is not None
    assert (report.period.start.isoformat(), report.period.end.isoformat()) == (
        "2020-01-01",
        "2020-12-31",
    )
    assert report.source is not None
    assert report.source.location == "luoyang-scjgj-2020.txt"


def test_narrative(report: Report) -> None:
    assert report.overview is not None
    assert [(p.part, p.heading) for p in report.overview.parts] == [
        (OverviewPart.PROACTIVE, "（一）主动公开"),
        (OverviewPart.ON_REQUEST, "（二）依申请公开"),
        (OverviewPart.MANAGEMENT, "（三）政府信息管理"),
        (OverviewPart.PLATFORMS, "（四）平台建设"),
        (OverviewPart.OVERSIGHT, "（五）监督保障"),
    ]
    assert "（国务院令 711 号）" in report.overview.text
    proactive = report.overview.part(OverviewPart.PROACTIVE)
    assert proactive is not None
    lines = proactive.text.split("\n")
    assert (lines[0], lines[2]) == ("1. 政务网站", "2. 新闻发布会及报纸、广播、电视等媒体")
    assert len(lines) == 4
    assert report.problems is not None
    assert report.problems.startswith("2020年，我局政府信息公开工作也存在一些薄弱环节")
    assert report.other_matters == "无"


# --- spot checks through the public API -------------------------------------------------


def test_table_2_cells(report: Report) -> None:
    assert report.cell("proactive.licensing.decisions") == 23606
    assert report.cell("proactive.penalties.decisions") == 2473
    assert report.cell("proactive.normative_documents.published_total") == 19
    assert report.cell("proactive.fees.items_change") == 0
    amount = report.cell("proactive.procurement.amount")
    assert isinstance(amount, Decimal)
    assert str(amount) == "1085.02"
    assert govinfo.to_dict(report)["proactive"]["procurement"] == {
        "items": 3,
        "amount": "1085.02",
    }
    assert '"amount": "1085.02"' in govinfo.to_json(report)


def test_table_3_rows(report: Report) -> None:
    assert report.requests is not None
    eight = ApplicantCounts.from_values((8, 0, 0, 0, 0, 0, 8))
    zeros = ApplicantCounts.from_values((0,) * 7)
    assert report.requests.new_requests == eight
    assert report.requests.disclosed == eight
    assert report.requests.handled_total == eight
    # the row whose label the extraction split over two lines ("…已获取信" / "息")
    assert report.requests.row("not_processed.reissue") == zeros
    # edition 2019: （六）其他处理 is one row
    assert isinstance(report.requests.other_handling, ApplicantCounts)
    assert report.requests.other_handling == zeros
    rows = {row.key: cells for row, cells in report.requests.rows()}
    assert len(rows) == 23
    assert {key for key, cells in rows.items() if cells != zeros} == {
        "new_requests",
        "disclosed",
        "handled_total",
    }


def test_table_4_review_block_is_not_reported(report: Report) -> None:
    for column in RESULT_COLUMNS:
        assert report.cell(f"review_litigation.review.{column}") is None
    assert report.review_litigation is not None
    assert report.review_litigation.review == ResultCounts.not_reported()
    assert govinfo.to_dict(report)["review_litigation"]["review"] == dict.fromkeys(RESULT_COLUMNS)


def test_table_4_positional_reading(report: Report) -> None:
    assert report.review_litigation is not None
    assert report.review_litigation.litigation_direct.values() == (0, 0, 1, 1, 2)
    assert report.review_litigation.litigation_after_review.values() == (0, 0, 0, 0, 0)


def test_records(report: Report) -> None:
    records = list(govinfo.records(report))
    # table 二 (2019): 3+3 （一）, 3+3 （五）, 3+3 （六）, 2 （八）, 2 （九） = 22 cells;
    # table 三 (2019): 23 rows x 7 columns; table 四: 3 blocks x 5 columns
    table_2_cells = 3 + 3 + 3 + 3 + 3 + 3 + 2 + 2
    assert len(records) == table_2_cells + 23 * 7 + 15 == 198
    assert report.source is not None
    document = {
        "source": report.source.location,
        "sha256": report.source.sha256,
        "report_index": None,  # a bare report does not know its place in its document
        "level": "prefectural",
        "agency_kind": "department",
        "region": "410300",  # 洛阳市 (the regions extra)
    }
    assert all({k: r[k] for k in document} == document for r in records)
    kinds = {(r["row"], r["column"]): r["kind"] for r in records}
    assert kinds[("procurement", "amount")] == "money"
    assert kinds[("licensing", "items_change")] == "signed"
    assert kinds[("regulations", "made")] == "count"
    records = [{k: r[k] for k in r if k not in document and k != "kind"} for r in records]
    identity = {"agency": "洛阳市市场监督管理局", "year": 2020, "edition": "2019"}
    assert records[0] == {
        **identity,
        "table": "proactive",
        "row": "regulations",
        "column": "made",
        "value": 0,
    }
    assert {
        **identity,
        "table": "proactive",
        "row": "procurement",
        "column": "amount",
        "value": "1085.02",
    } in records
    assert {
        **identity,
        "table": "requests",
        "row": "other_handling",
        "column": "total",
        "value": 0,
    } in records
    assert records[-15] == {
        **identity,
        "table": "review_litigation",
        "row": "review",
        "column": "upheld",
        "value": None,
    }
    assert records[-1] == {
        **identity,
        "table": "review_litigation",
        "row": "litigation_after_review",
        "column": "total",
        "value": 0,
    }


# --- against the published text -------------------------------------------------------


def test_source_hash_matches_the_shared_sample(report: Report, shared_sample: Path) -> None:
    assert report.source is not None
    assert report.source.sha256 == hashlib.sha256(shared_sample.read_bytes()).hexdigest()


def test_narrative_is_verbatim_in_the_shared_sample(report: Report, shared_sample: Path) -> None:
    text = shared_sample.read_text(encoding="utf-8")
    assert report.overview is not None
    assert report.problems is not None
    assert report.other_matters is not None
    paragraphs = [report.overview.text, report.problems, report.other_matters]
    for part in report.overview.parts:
        assert part.heading in text
        paragraphs.extend(part.text.split("\n"))
    missing = [p for p in paragraphs if p not in text]
    assert missing == []
