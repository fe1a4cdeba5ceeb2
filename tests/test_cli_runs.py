"""The command line over many files: selection, statistics, output formats, files not read,
reading errors, closed pipes and internal errors (exit statuses 0–3)."""

from __future__ import annotations

import json
import multiprocessing
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import govinfo
from govinfo import batch
from govinfo.cli import main
from govinfo.readers import DiagnosticCode

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def samples_dir(shared_dir: Path) -> Path:
    return shared_dir / "samples"


@pytest.fixture
def folder(samples_dir: Path, tmp_path: Path) -> Path:
    """Two clean reports and a README, as a folder of reports often has."""
    root = tmp_path / "reports"
    root.mkdir()
    for name in ("huaian-2024.txt", "pingtan-2024.txt"):
        shutil.copy(samples_dir / name, root / name)
    (root / "README.md").write_text("# 说明\n\n这些是年度报告。\n", encoding="utf-8")
    return root


def _json(capsys: Capture) -> dict[str, Any]:
    document = json.loads(capsys.readouterr().out)
    assert isinstance(document, dict)
    return document


# --- a README in a folder of reports ----------------------------------------------------------


def test_check_dir_skips_what_is_not_a_report(folder: Path, capsys: Capture) -> None:
    # check DIR tried README.md and exited 2
    assert main(["check", str(folder)]) == 0
    captured = capsys.readouterr()
    (note,) = captured.err.splitlines()
    assert note.startswith(f"govinfo: skipped (not a report): {folder / 'README.md'}: ")
    summary = captured.out.splitlines()[-1]
    assert summary.startswith("2 report(s) in 3 file(s): 0 error(s), ")
    assert summary.endswith(" warning(s), 1 skipped (not reports)")
    assert main(["check", "--format", "json", str(folder)]) == 0
    document = _json(capsys)
    assert document["skipped"] == [
        {"source": str(folder / "README.md"), "reason": note.split(": ", 2)[2]}
    ]
    assert document["unread"] == []
    # named as is, it is an input that could not be read
    assert main(["check", str(folder / "README.md")]) == 2


def test_exclude(folder: Path, capsys: Capture) -> None:
    main(["check", *(str(p) for p in sorted(folder.glob("*.txt")))])
    named = capsys.readouterr().out
    assert main(["check", "--exclude", "*.md", str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == named
    assert named.splitlines()[-1].startswith("2 report(s) in 2 file(s): ")
    assert main(["check", "--exclude", "README.md,pingtan-*", "--exclude", "x", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 report(s) in 1 file(s)")


def test_unread_files_are_named_with_their_reason(
    folder: Path, samples_dir: Path, tmp_path: Path, capsys: Capture
) -> None:
    missing = tmp_path / "missing.pdf"
    garbled = samples_dir / "broken" / "cid-garbled.pdf"
    assert main(["check", "--format", "json", str(folder), str(missing), str(garbled)]) == 2
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    unread = document["unread"]
    assert [u["source"] for u in unread] == [str(missing), str(garbled)]
    assert unread[0]["reason"] == f"{missing}: no such file"
    assert "unreadable document" in unread[1]["reason"]
    assert not any(u["internal"] for u in unread)
    assert document["summary"]["unread"] == 2
    assert len(captured.err.splitlines()) == 3  # the two, and the README skipped


# --- --select and --ignore over rules, tags and reading codes ---------------------------------


def test_select_and_ignore_take_reading_codes(samples_dir: Path, capsys: Capture) -> None:
    path = str(samples_dir / "luoyang-scjgj-2020.txt")
    main(["check", path])
    every = capsys.readouterr().out.splitlines()[:-1]
    codes = {line.split(": ", 1)[1].split()[0] for line in every}
    assert {"unplaced-number", "ambiguous-layout", "S3"} <= codes
    # a reading code alone: only it
    assert main(["check", "--select", "unplaced-number", path]) == 1
    lines = capsys.readouterr().out.splitlines()[:-1]
    assert lines
    assert all(" unplaced-number error " in line for line in lines)
    # rules alone: no reading problem
    assert main(["check", "--select", "S3", path]) == 0
    lines = capsys.readouterr().out.splitlines()[:-1]
    assert lines
    assert all(" S3 " in line for line in lines)
    # both, and 'reading' for every reading code
    assert main(["check", "--select", "structure,reading", path]) == 1
    lines = capsys.readouterr().out.splitlines()[:-1]
    assert {line.split(": ", 1)[1].split()[0] for line in lines} == codes
    # --ignore takes them too
    assert main(["check", "--ignore", "unplaced-number", path]) == 0
    assert "unplaced-number" not in capsys.readouterr().out
    assert main(["check", "--ignore", "reading", path]) == 0
    out = capsys.readouterr().out
    assert "unplaced-number" not in out
    assert "ambiguous-layout" not in out


def test_a_selected_code_is_shown_whatever_its_severity(samples_dir: Path, capsys: Capture) -> None:
    path = str(samples_dir / "hongzequ-2023.txt")
    main(["check", "--reading", "all", "--select", "reading", path])
    info = {
        line.split(": ", 1)[1].split()[0]
        for line in capsys.readouterr().out.splitlines()[:-1]
        if " info " in line
    }
    assert info  # hongzequ 2023 has rows printed column by column
    code = sorted(info)[0]
    assert DiagnosticCode(code).severity == "info"
    main(["check", "--select", code, path])  # --reading is 'warning' by default
    lines = capsys.readouterr().out.splitlines()[:-1]
    assert lines
    assert all(f" {code} info " in line for line in lines)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_name_is_a_usage_error(samples_dir: Path, option: str, capsys: Capture) -> None:
    assert main(["check", option, "unplaced-numbers", str(samples_dir / "huaian-2024.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert "'unplaced-numbers'" in line


# --- --statistics and --output-format ---------------------------------------------------------


def test_statistics_count_what_the_lines_say(samples_dir: Path, capsys: Capture) -> None:
    paths = [str(p) for p in sorted(samples_dir.glob("*.txt"))]
    status = main(["check", *paths])
    lines = capsys.readouterr().out.splitlines()
    expected: dict[str, int] = {}
    for line in lines[:-1]:
        code = line.split(": ", 1)[1].split()[0]
        expected[code] = expected.get(code, 0) + 1
    assert main(["check", "--statistics", *paths]) == status
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == lines[-1]  # the same summary
    counted = {row.split()[1]: int(row.split()[0]) for row in out[:-1]}
    assert counted == expected
    assert [int(row.split()[0]) for row in out[:-1]] == sorted(counted.values(), reverse=True)
    assert main(["check", "--statistics", "--output-format", "json", *paths]) == status
    statistics = _json(capsys)["statistics"]
    assert isinstance(statistics, list)
    assert {s["code"]: s["count"] for s in statistics} == expected
    assert all(s["title"] for s in statistics)


_ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=([^,]+)(?:,line=(\d+)(?:,col=(\d+))?)?,title=([^,:]+)::(.+)$"
)


def test_github_annotations(samples_dir: Path, tmp_path: Path, capsys: Capture) -> None:
    path = samples_dir / "hongzequ-2023.txt"
    main(["check", str(path)])
    text = capsys.readouterr().out.splitlines()[:-1]
    assert main(["check", "--output-format", "github", str(path)]) == 1
    annotations = capsys.readouterr().out.splitlines()
    assert len(annotations) == len(text)  # one per problem, and no summary
    for annotation, line in zip(annotations, text, strict=True):
        found = _ANNOTATION.match(annotation)
        assert found is not None, annotation
        level, file, row, col, title, message = found.groups()
        where, code, severity, said = line.split(" ", 3)
        assert file == str(path)
        assert title == code
        assert {"error": "error", "warning": "warning", "info": "notice"}[severity] == level
        assert message == said
        location = where[len(str(path)) + 1 : -1]
        if row is not None:
            assert location.split(":") == ([row, col] if col else [row])
    assert any(",line=" in a for a in annotations)
    # a file name with the characters GitHub reserves, escaped
    odd = tmp_path / "a,b:c%.txt"
    shutil.copy(path, odd)
    main(["check", "--output-format", "github", str(odd)])
    first = capsys.readouterr().out.splitlines()[0]
    assert first.split(" ", 1)[1].startswith(f"file={tmp_path}/a%2Cb%3Ac%25.txt,")


def test_github_annotates_files_not_read(
    folder: Path, tmp_path: Path, samples_dir: Path, capsys: Capture
) -> None:
    missing = tmp_path / "missing.pdf"
    assert main(["check", "--output-format", "github", str(folder), str(missing)]) == 2
    captured = capsys.readouterr()
    not_read = [line for line in captured.out.splitlines() if ",title=not-read::" in line]
    assert not_read == [f"::error file={missing},title=not-read::{missing}: no such file"]
    assert "README.md" not in captured.out  # skipped: a note on stderr only
    assert f"govinfo: error: {missing}: no such file" in captured.err.splitlines()


def test_format_is_an_alias_of_output_format(samples_dir: Path, capsys: Capture) -> None:
    path = str(samples_dir / "pingtan-2024.txt")
    main(["check", "--format", "json", path])
    old = capsys.readouterr().out
    main(["check", "--output-format", "json", path])
    assert capsys.readouterr().out == old


# --- convert and show say what was lost while reading -----------------------------------------


def test_convert_and_show_print_reading_errors(
    samples_dir: Path, tmp_path: Path, capsys: Capture
) -> None:
    # luoyang 2020 has a number of table 四 that lands in no cell: exit 0 and no word, before
    luoyang = samples_dir / "luoyang-scjgj-2020.txt"
    errors = [str(d) for d in govinfo.read(luoyang).errors]
    assert errors
    out = tmp_path / "out.json"
    assert main(["convert", str(luoyang), "--to", "json", "-o", str(out)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == len(errors)
    assert all(line.startswith(f"{luoyang}:") and " error " in line for line in lines)
    assert govinfo.from_json(out.read_text(encoding="utf-8")) == govinfo.read(luoyang).report
    assert main(["show", str(luoyang)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == lines
    assert captured.out.startswith("洛阳市市场监督管理局 2020 年")
    # a clean report: nothing said, exit 0
    assert main(["convert", str(samples_dir / "huaian-2024.txt"), "--to", "records"]) == 0
    assert main(["show", str(samples_dir / "huaian-2024.txt")]) == 0
    assert capsys.readouterr().err == ""


def test_show_a_directory(folder: Path, capsys: Capture) -> None:
    assert main(["show", str(folder)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert str(folder) in line
    assert "directory" in line


def test_missing_extra_names_the_file(
    samples_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    pdf = samples_dir / "huaian-2024.pdf"
    assert main(["convert", str(pdf), str(samples_dir / "huaian-2024.txt"), "--to", "csv"]) == 2
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith(f"govinfo: error: {pdf}: ")
    assert "govinfo[pdf]" in line
    assert captured.out.count("淮安市人民政府") > 1  # the text copy was still converted


# --- a closed pipe ----------------------------------------------------------------------------


@pytest.mark.parametrize("to", ["records", "csv", "text"])
def test_a_closed_pipe_ends_quietly(samples_dir: Path, tmp_path: Path, to: str) -> None:
    for n in range(40):  # well over what a pipe holds
        shutil.copy(samples_dir / "huaian-2024.txt", tmp_path / f"r{n:02}.txt")
    command = shutil.which("govinfo")
    argv = [command] if command else [sys.executable, "-m", "govinfo"]
    with subprocess.Popen(
        [*argv, "convert", str(tmp_path), "--to", to],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()  # as `| head -1` does
        process.stdout.close()
        err = process.stderr.read().decode("utf-8")
        status = process.wait(timeout=120)
    assert first
    assert err == ""  # no "Broken pipe", no traceback
    assert status == 141


# --- an internal error: exit 3, one line, the run goes on -------------------------------------


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a file whose name starts with 'pingtan' meets a bug."""
    real = govinfo.read_all

    def broken(source: Path) -> list[govinfo.ReadResult]:
        if Path(source).name.startswith("pingtan"):
            raise KeyError("the bug")
        return real(source)

    monkeypatch.setattr(batch, "read_all", broken)


_NAMES = ("hongzequ-2023.txt", "pingtan-2024.txt", "huaian-2024.txt")


@pytest.mark.usefixtures("crashing")
@pytest.mark.parametrize(
    "jobs",
    [
        "1",
        pytest.param(
            "2",
            marks=pytest.mark.skipif(
                multiprocessing.get_start_method() != "fork",
                reason="workers see the patched module only when forked from this process",
            ),
        ),
    ],
)
def test_an_internal_error_is_not_exit_1(samples_dir: Path, jobs: str, capsys: Capture) -> None:
    paths = [str(samples_dir / n) for n in _NAMES]
    # hongzequ 2023 has errors (exit 1 alone); the bug makes it 3, and huaian is still checked
    assert main(["check", "--jobs", jobs, *paths]) == 3
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith(f"govinfo: internal error: {paths[1]}: KeyError: ")
    assert "bug in govinfo" in line
    assert "--debug" in line
    assert "Traceback" not in captured.err
    summary = captured.out.splitlines()[-1]
    assert summary.startswith("2 report(s) in 3 file(s): 2 error(s)")
    assert summary.endswith(", 1 internal error(s) (see above)")
    assert main(["check", "--jobs", jobs, "--format", "json", *paths]) == 3
    document = _json(capsys)
    assert [r["source"] for r in document["reports"]] == [paths[0], paths[2]]
    assert document["unread"] == [
        {"source": paths[1], "reason": f"{paths[1]}: KeyError: 'the bug'", "internal": True}
    ]


@pytest.mark.usefixtures("crashing")
def test_debug_prints_the_traceback(samples_dir: Path, capsys: Capture) -> None:
    path = str(samples_dir / "pingtan-2024.txt")
    assert main(["check", "--debug", path]) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert 'raise KeyError("the bug")' in err


@pytest.mark.usefixtures("crashing")
def test_convert_and_show_exit_3_on_an_internal_error(samples_dir: Path, capsys: Capture) -> None:
    pingtan, huaian = str(samples_dir / "pingtan-2024.txt"), str(samples_dir / "huaian-2024.txt")
    assert main(["convert", pingtan, huaian, "--to", "records"]) == 3
    captured = capsys.readouterr()
    assert captured.err.startswith(f"govinfo: internal error: {pingtan}: ")
    assert "淮安市人民政府" in captured.out
    assert main(["show", pingtan]) == 3
    assert main(["aggregate", pingtan, huaian]) == 3


def test_an_internal_error_while_checking(
    samples_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    def broken(*args: object, **kwargs: object) -> tuple[govinfo.Finding, ...]:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(govinfo.ReadResult, "check", broken)
    path = str(samples_dir / "huaian-2024.txt")
    assert main(["check", path, str(samples_dir / "nope.txt")]) == 3  # 3 wins over 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"govinfo: internal error: {path}: RecursionError: ")
    assert err[1] == f"govinfo: error: {samples_dir / 'nope.txt'}: no such file"


def test_the_installed_command_exits_3_on_a_bug(samples_dir: Path) -> None:
    # through sys.exit, as the installed command runs: the status a script sees
    script = (
        "import sys, govinfo.batch as b\n"
        "def broken(source): raise ZeroDivisionError('division by zero')\n"
        "b.read_all = broken\n"
        "from govinfo.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    path = str(samples_dir / "huaian-2024.txt")
    run = subprocess.run(
        [sys.executable, "-c", script, "check", path],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert run.returncode == 3
    assert run.stderr.count("\n") == 1
    assert "ZeroDivisionError" in run.stderr
