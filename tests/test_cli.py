"""The command line, through main(argv) and once as a real installed command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import govinfo
from govinfo import samples
from govinfo.cli import main
from govinfo.frames import FRAME_COLUMNS


def test_show_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--sample", "luoyang-scjgj-2020"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("洛阳市市场监督管理局 2020 年")
    assert "处理决定数量 23606" in out
    assert "采购总金额 1085.02 万元" in out
    assert "行政复议: 结果维持 — ·" in out  # not reported is shown as such, not as 0
    assert "未经复议直接起诉: 结果维持 0 · 结果纠正 0 · 其他结果 1 · 尚未审结 1 · 总计 2" in out


def test_show_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.json"
    path.write_text(govinfo.to_json(samples.load("luoyang-scjgj-2020")), encoding="utf-8")
    assert main(["show", str(path)]) == 0
    assert "洛阳市市场监督管理局" in capsys.readouterr().out


def test_show_invalid_document_names_file_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = govinfo.to_dict(samples.load("luoyang-scjgj-2020"))
    document["requests"]["disclosed"]["total"] = -8
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["show", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert str(path) in line
    assert "$.requests.disclosed.total: must be >= 0" in line


def test_show_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(tmp_path / "nope.json")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("govinfo: error: ")
    assert "nope.json" in line


def test_unknown_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--sample", "nope"]) == 2
    assert "luoyang-scjgj-2020" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [[], ["frobnicate"], ["show"], ["show", "a.json", "--sample", "x"]]
)
def test_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage: govinfo" in capsys.readouterr().err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "show" in capsys.readouterr().out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"govinfo {govinfo.__version__}"


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == govinfo.json_schema()


def test_samples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["samples"]) == 0
    assert capsys.readouterr().out.split() == list(samples.names())


def test_installed_command_runs() -> None:
    command = shutil.which("govinfo", path=str(Path(sys.executable).parent))
    assert command is not None, "the govinfo console script is not installed"
    result = subprocess.run(
        [command, "show", "--sample", "luoyang-scjgj-2020"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "洛阳市市场监督管理局" in result.stdout
    module = subprocess.run(
        [sys.executable, "-m", "govinfo", "show", "missing.json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )
    assert module.returncode == 2
    assert "Traceback" not in module.stderr
    assert "missing.json" in module.stderr


# --- govinfo check ----------------------------------------------------------------------------

CHECK_OUTPUT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["reports", "summary"],
    "additionalProperties": False,
    "properties": {
        "reports": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["source", "edition", "agency", "year", "diagnostics", "findings"],
                "properties": {
                    "source": {"type": "string"},
                    "edition": {"enum": ["2019", "2021"]},
                    "agency": {"type": "string"},
                    "year": {"type": "integer"},
                    "diagnostics": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["code", "severity", "message", "location", "cells"],
                            "additionalProperties": False,
                            "properties": {
                                "code": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
                                "severity": {"enum": ["error", "warning", "info"]},
                                "message": {"type": "string", "minLength": 1},
                                "location": {"type": ["string", "null"]},
                                "cells": {"type": "array", "items": {"type": "string"}},
                            },
                        },
                    },
                    "findings": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": [
                                "rule",
                                "severity",
                                "status",
                                "cells",
                                "expected",
                                "actual",
                                "message",
                                "location",
                            ],
                            "properties": {
                                "rule": {"type": "string", "pattern": "^[A-Z][0-9]$"},
                                "severity": {"enum": ["error", "warning"]},
                                "status": {"enum": ["fail", "uncertain"]},
                                "cells": {"type": "array", "items": {"type": "string"}},
                                "message": {"type": "string", "minLength": 1},
                                "location": {"type": ["string", "null"]},
                            },
                        },
                    },
                },
            },
        },
        "unread": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["source", "reason", "internal"],
                "additionalProperties": False,
                "properties": {
                    "source": {"type": "string"},
                    "reason": {"type": "string", "minLength": 1},
                    "internal": {"type": "boolean"},
                },
            },
        },
        "skipped": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["source", "reason"],
                "additionalProperties": False,
                "properties": {"source": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
        "statistics": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "severity", "count", "title"],
                "properties": {"count": {"type": "integer", "minimum": 1}},
            },
        },
        "summary": {
            "type": "object",
            "required": [
                "files",
                "reports",
                "errors",
                "warnings",
                "unread",
                "internal_errors",
                "skipped",
            ],
        },
    },
}


def test_check_clean_report_exits_0(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(shared_dir / "samples" / "huaian-2024.txt")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["1 report(s) in 1 file(s): 0 error(s), 0 warning(s)"]


def test_check_errors_exit_1_with_locations(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shared_dir / "samples" / "hongzequ-2023.txt"
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    r4 = [line for line in lines if " R4 error " in line]
    assert len(r4) == 2  # the published table 四 does not add up
    assert all(line.startswith(f"{path}:") for line in r4)
    # and what the reader met: （六） printed as one row, table 四's values not adding up
    reading = [line for line in lines if " other-handling-single-row warning " in line]
    assert reading == [f"{path}:-: other-handling-single-row warning {_SINGLE_ROW}"]
    assert lines[-1].endswith("2 error(s), 2 warning(s)")
    assert main(["check", "--reading", "none", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("2 error(s), 0 warning(s)")


def test_check_summary_counts_inputs_not_read(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the summary said "0 error(s)" after a file that could not be read at all
    notes = tmp_path / "notes.txt"
    notes.write_text("今天天气很好。\n", encoding="utf-8")
    report = shared_dir / "samples" / "huaian-2024.txt"
    assert main(["check", str(notes), str(report)]) == 2
    summary = capsys.readouterr().out.splitlines()[-1]
    assert summary == "1 report(s) in 2 file(s): 0 error(s), 0 warning(s), 1 not read (see above)"
    assert main(["check", "--format", "json", str(notes)]) == 2
    assert json.loads(capsys.readouterr().out)["summary"]["unread"] == 1


def test_a_finding_points_at_the_total_it_compares_with(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a row whose 总计 is off: the finding points at the 总计 cell, not the row's first cell
    text = (shared_dir / "samples" / "luoyang-scjgj-2020.txt").read_text(encoding="utf-8")
    row = "(一) 予以公开\t8\t0\t0\t0\t0\t0\t8"
    assert text.count(row) == 1
    path = tmp_path / "wrong-total.txt"
    path.write_text(text.replace(row, row[:-1] + "9"), encoding="utf-8")
    read = govinfo.read(path)
    total = read.provenance["requests.disclosed.total"].location.short()
    first = read.provenance["requests.disclosed.natural_person"].location.short()
    assert total != first
    main(["check", str(path)])
    r3 = [line for line in capsys.readouterr().out.splitlines() if " R3 " in line]
    assert r3
    assert r3[0].startswith(f"{path}:{total}: R3 ")


_SINGLE_ROW = (
    "table 三 prints （六）其他处理 as one row although the edition is 2021; kept as one row"
)


def test_check_shows_numbers_the_reader_could_not_place(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shared_dir / "samples" / "luoyang-scjgj-2020.txt"
    assert main(["check", str(path)]) == 1  # a number of table 四 lands in no cell: an error
    lines = capsys.readouterr().out.splitlines()
    assert (
        f"{path}:94:26: unplaced-number error table 四: '0' is none of its cells: the row adds "
        "up without it" in lines
    )
    assert main(["check", "--reading", "error", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if "ambiguous-layout" in line]
    assert main(["check", "--reading", "none", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", "--format", "json", str(path)]) == 1
    (report,) = json.loads(capsys.readouterr().out)["reports"]
    assert {d["code"] for d in report["diagnostics"]} == {"unplaced-number", "ambiguous-layout"}
    # --reading all adds what the reader only tells (hongzequ 2023: rows printed column by
    # column, read as a block)
    hongzequ = str(shared_dir / "samples" / "hongzequ-2023.txt")
    main(["check", "--reading", "all", "--format", "json", hongzequ])
    (report,) = json.loads(capsys.readouterr().out)["reports"]
    assert "column-major" in {d["code"] for d in report["diagnostics"]}


def test_check_json_matches_its_schema(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jsonschema import Draft202012Validator

    samples_dir = shared_dir / "samples"
    status = main(["check", "--format", "json", str(samples_dir / "*.txt")])
    document = json.loads(capsys.readouterr().out)
    Draft202012Validator(CHECK_OUTPUT_SCHEMA).validate(document)
    assert status == 1  # hongzequ-2023's table 四
    assert document["summary"]["reports"] == len(list(samples_dir.glob("*.txt")))
    cells = {c for r in document["reports"] for f in r["findings"] for c in f["cells"]}
    assert "review_litigation.review.total" in cells


def test_check_select_and_ignore(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(shared_dir / "samples" / "hongzequ-2023.txt")
    assert main(["check", "--ignore", "R4", path]) == 0
    assert main(["check", "--select", "arithmetic", path]) == 1
    capsys.readouterr()
    assert main(["check", "--select", "R9", path]) == 2
    assert "R9" in capsys.readouterr().err


def test_check_unreadable_input_exits_2(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("今天天气很好。\n", encoding="utf-8")
    assert main(["check", str(notes), str(shared_dir / "samples" / "huaian-2024.txt")]) == 2
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert str(notes) in line
    assert "Traceback" not in captured.err
    assert "1 report(s)" in captured.out  # the readable file was still checked
    assert main(["check", str(tmp_path / "missing.pdf")]) == 2


# --- govinfo rules and convert ----------------------------------------------------------------


def test_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [r.id for r in govinfo.rules()]
    assert main(["rules", "--format", "json"]) == 0
    catalogue = json.loads(capsys.readouterr().out)
    assert catalogue[0]["id"] == "R1"
    assert catalogue[0]["basis"] == "official"


def test_convert_csv_has_bom_and_header(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "huaian.csv"
    path = shared_dir / "samples" / "huaian-2024.txt"
    assert main(["convert", str(path), "--to", "csv", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    import csv as csv_module

    rows = list(csv_module.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0]) == list(govinfo.RECORD_FIELDS)
    report = govinfo.read(path).report
    assert len(rows) == len(list(govinfo.records(report)))
    first = next(r for r in rows if r["row"] == "new_requests" and r["column"] == "total")
    assert first["value"] == "3119"


def test_convert_json_and_records_round_trip(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shared_dir / "samples" / "pingtan-2024.txt"
    assert main(["convert", str(path), "--to", "json"]) == 0
    report = govinfo.from_json(capsys.readouterr().out)
    assert report == govinfo.read(path).report
    assert main(["convert", str(path), "--to", "records"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the records of what was read: they name the report's place in its document
    assert [json.loads(line) for line in lines] == list(govinfo.records(govinfo.read(path)))
    assert {json.loads(line)["report_index"] for line in lines} == {0}


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_convert_to_layouts_reads_back(shared_dir: Path, tmp_path: Path, fmt: str) -> None:
    path = shared_dir / "samples" / "huaian-2024.txt"
    suffix = {"markdown": ".md", "html": ".html", "text": ".txt"}[fmt]
    out = tmp_path / f"huaian{suffix}"
    assert main(["convert", str(path), "--to", fmt, "-o", str(out)]) == 0
    original = govinfo.read(path).report
    back = govinfo.read(out).report
    for key in ("proactive", "requests", "review_litigation"):
        assert getattr(back, key) == getattr(original, key)


def test_aggregate(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = ["huaian-2024.txt", "hongzequ-2024.txt", "pingtan-2024.txt"]
    paths = [str(shared_dir / "samples" / n) for n in names]
    assert main(["aggregate", *paths]) == 0
    total = govinfo.from_json(capsys.readouterr().out)
    assert total.cell("requests.new_requests.total") == 3119 + 95 + 218
    assert govinfo.check(total, select=["R1", "R2", "R3"]) == ()  # sums of consistent tables
    assert main(["aggregate", "--to", "csv", *paths]) == 0
    assert capsys.readouterr().out.startswith("\ufeffagency,year,edition,table,row,column,value")


def test_aggregate_mixed_editions_exit_2(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(shared_dir / "samples" / n) for n in ("luoyang-scjgj-2020.txt", "huaian-2024.txt")]
    assert main(["aggregate", *paths]) == 2
    # luoyang's reading error (a number beyond table 四's last column) first, then the reason
    reading, line = capsys.readouterr().err.splitlines()
    assert " unplaced-number error " in reading
    assert "edition" in line


def test_aggregate_writes_no_partial_total_unless_asked(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(shared_dir / "samples" / n) for n in ("huaian-2024.txt", "hongzequ-2024.txt")]
    broken = tmp_path / "broken.txt"
    broken.write_text("not a report at all\n", encoding="utf-8")
    out = tmp_path / "total.json"
    assert main(["aggregate", *paths, str(broken), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "broken.txt" in err
    assert "no total written" in err
    assert not out.exists()
    assert main(["aggregate", *paths, str(tmp_path / "nope.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nope.txt" in captured.err
    # asked for: the total of the others, with a warning, and still exit 2
    assert main(["aggregate", "--partial", *paths, str(broken), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "leaves out the inputs not read" in err
    total = govinfo.from_json(out.read_text(encoding="utf-8"))
    assert total.cell("requests.new_requests.total") == 3119 + 95


def test_aggregate_warns_on_several_years_and_on_a_file_twice(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twice = str(shared_dir / "samples" / "hongzequ-2024.txt")
    copy = tmp_path / "copy-of-hongzequ-2024.txt"  # one path given twice is read once
    copy.write_bytes(Path(twice).read_bytes())
    other_year = str(shared_dir / "samples" / "hongzequ-2023.txt")
    assert main(["aggregate", twice, str(copy)]) == 0
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith("govinfo: warning: ")
    assert "hongzequ-2024.txt" in line
    assert "given 2 times" in line
    total = govinfo.from_json(captured.out)
    assert total.cell("requests.new_requests.total") == 2 * 95
    assert main(["aggregate", twice, other_year]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert "2 years (2023, 2024)" in line


def test_check_jobs_keep_input_order(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in sorted((shared_dir / "samples").glob("*.txt"))]
    status = main(["check", "--format", "json", *paths])
    sequential = capsys.readouterr()
    assert main(["check", "--format", "json", "--jobs", "2", *paths]) == status
    parallel = capsys.readouterr()
    assert parallel.out == sequential.out
    assert parallel.err == ""  # no progress bar when stderr is not a terminal
    assert [r["source"] for r in json.loads(parallel.out)["reports"]] == paths
    assert main(["check", "--jobs", "0", *paths]) == 2


def test_to_frame_and_parquet_round_trip(shared_dir: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    path = shared_dir / "samples" / "luoyang-scjgj-2020.txt"
    report = govinfo.read(path).report
    frame = govinfo.to_frame(report)
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert len(frame) == len(list(govinfo.records(report)))
    amount = frame[(frame["row"] == "procurement") & (frame["column"] == "amount")]["money"]
    assert amount.tolist() == [Decimal("1085.02")]  # exact, never a float
    out = tmp_path / "luoyang.parquet"
    # 1: luoyang 2020 has a number that lands in no cell, said on stderr; the file is written
    assert main(["convert", str(path), "--to", "parquet", "-o", str(out)]) == 1
    back = pd.read_parquet(out)
    assert (
        back[["table", "row", "column"]]
        .astype(str)
        .equals(frame[["table", "row", "column"]].astype(str))
    )
    for column in ("value", "money"):
        assert [None if pd.isna(v) else v for v in back[column]] == [
            None if pd.isna(v) else v for v in frame[column]
        ]
    assert main(["convert", str(path), "--to", "parquet"]) == 2  # binary: needs -o


def test_check_bundled_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--sample", "luoyang-scjgj-2020"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert " S3 warning " in lines[0]
    assert lines[-1] == "1 report(s) in 1 file(s): 0 error(s), 1 warning(s)"
    assert main(["check"]) == 2
    assert "PATH or --sample" in capsys.readouterr().err
    assert main(["check", "--sample", "nope"]) == 2
