"""Series: the reports of one agency across years, matched by a normalised name (全称 and 简称),
checked with the cross-year rules X1–X3, from the library and from ``govinfo check --series``."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo import read, regions, samples, to_json
from govinfo.checks import check_each_series, check_series, group_series
from govinfo.cli import main
from govinfo.errors import GovinfoError
from govinfo.model import Report
from govinfo.readers.meta import agency_key


def _base() -> Report:
    return samples.load("luoyang-scjgj-2020")


def _next_year(report: Report, agency: str, carried_over: int | None = None) -> Report:
    """The same agency a year later under ``agency``, carrying over what it carried forward
    (or ``carried_over`` in the total column)."""
    assert report.requests is not None
    nxt = attrs.evolve(report, year=report.year + 1, agency=agency, source=None)
    for key in ("natural_person", "other_org", "total"):
        nxt = nxt.with_cell(
            f"requests.carried_over.{key}", report.cell(f"requests.carried_forward.{key}")
        )
    if carried_over is not None:
        nxt = nxt.with_cell("requests.carried_over.total", carried_over)
    return nxt


# --- the normalised name ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("洪泽区人民政府", "淮安市洪泽区人民政府"),
        ("淮安市洪泽区人民政府", "江苏省淮安市洪泽区人民政府"),
        ("洪泽区政府", "淮安市洪泽区人民政府"),
        ("淮安市人民政府", "江苏省淮安市人民政府"),
        ("沭阳县发展和改革局", "宿迁市沭阳县发展和改革局"),
        ("洛阳市税务局", "国家税务总局洛阳市税务局"),
        ("淮安市 洪泽区人民政府", "淮安市洪泽区人民政府"),
    ],
)
def test_full_and_short_names_have_one_key(a: str, b: str) -> None:
    assert agency_key(a) == agency_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("北京市朝阳区人民政府", "长春市朝阳区人民政府"),  # two districts of one name
        ("淮安市人民政府", "淮安市洪泽区人民政府"),
        ("洪泽区人民政府", "洪泽区发展和改革局"),
        ("淮安市人民政府", "淮安市人民政府办公室"),
    ],
)
def test_different_agencies_have_different_keys(a: str, b: str) -> None:
    assert agency_key(a) != agency_key(b)


def test_without_the_extra_the_governing_places_are_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(regions, "available", lambda: False)
    assert agency_key("淮安市洪泽区人民政府") == "洪泽区人民政府"
    assert agency_key("洪泽区政府") == "洪泽区人民政府"
    assert agency_key("淮安市市场监督管理局") == "淮安市市场监督管理局"
    assert agency_key("某某市某某县某某镇人民政府") == "某某镇人民政府"


# --- check_series -----------------------------------------------------------------------------


def test_check_series_takes_the_full_and_the_short_name(shared_dir: Path) -> None:
    samples_dir = shared_dir / "samples"
    before = read(samples_dir / "hongzequ-2023.txt").report
    after = read(samples_dir / "hongzequ-2024.txt").report
    assert (before.agency, after.agency) == ("洪泽区人民政府", "淮安市洪泽区人民政府")
    assert check_series([before, after]) == ()  # it refused: "takes the reports of one agency"
    wrong = after.with_cell("requests.carried_over.total", 99)
    (finding,) = check_series([before, wrong])
    assert finding.rule == "X1"
    assert finding.cells == (
        "2024:requests.carried_over.total",
        "2023:requests.carried_forward.total",
    )


def test_check_series_still_refuses_two_agencies() -> None:
    base = _base()
    with pytest.raises(GovinfoError, match="one agency"):
        check_series([base, _next_year(base, "淮安市洪泽区人民政府")])


# --- grouping a folder --------------------------------------------------------------------------


def test_group_series_sorts_a_batch_by_agency() -> None:
    base = attrs.evolve(_base(), agency="洪泽区人民政府")
    later = _next_year(base, "淮安市洪泽区人民政府")
    other = attrs.evolve(_base(), agency="淮安市人民政府")
    groups = group_series([later, other, base])
    assert [g.key for g in groups] == [agency_key("洪泽区人民政府"), agency_key("淮安市人民政府")]
    assert groups[0].reports == (base, later)
    assert groups[0].agency == "淮安市洪泽区人民政府"  # the latest name
    assert groups[0].years == (2020, 2021)
    assert groups[1].reports == (other,)


def test_a_copy_of_a_report_is_kept_once(shared_dir: Path) -> None:
    samples_dir = shared_dir / "samples"
    copies = [read(samples_dir / f"hongzequ-2023.{suffix}").report for suffix in ("pdf", "txt")]
    assert copies[0].source != copies[1].source
    (group,) = group_series(copies)
    assert group.reports == (copies[0],)


def test_a_year_with_two_different_reports_checks_each() -> None:
    base = _base()
    right = _next_year(base, base.agency)
    wrong = _next_year(base, base.agency, carried_over=99)
    (series,) = check_each_series([base, right, wrong], select=["X1"])
    assert len(series.pairs) == 2
    assert [len(p.findings) for p in series.pairs] == [0, 1]
    assert series.pairs[1].after == wrong


def test_an_ambiguous_short_name_joins_the_one_district_of_its_name() -> None:
    base = attrs.evolve(_base(), agency="北京市朝阳区人民政府")
    short = _next_year(base, "朝阳区人民政府")
    (group,) = group_series([base, short])
    assert group.reports == (base, short)
    other = attrs.evolve(_base(), agency="长春市朝阳区人民政府", year=2019)
    assert len(group_series([base, short, other])) == 3  # which 朝阳区? not guessed


NAMES = [
    "洪泽区人民政府",
    "淮安市洪泽区人民政府",
    "淮安市人民政府",
    "洛阳市市场监督管理局",
    "某某局",
]


@settings(max_examples=60, deadline=None)
@given(picks=st.lists(st.tuples(st.sampled_from(NAMES), st.integers(2019, 2024)), max_size=8))
def test_each_series_is_check_series_of_its_group(picks: list[tuple[str, int]]) -> None:
    base = _base()
    reports = [attrs.evolve(base, agency=name, year=year) for name, year in picks]
    checked = check_each_series(reports)
    kept = [r for s in checked for r in s.reports]
    # every report is in exactly one series, or is a copy of one kept
    assert len(kept) == len({(agency_key(r.agency), r.year) for r in reports})
    for series in checked:
        assert len({agency_key(r.agency) for r in series.reports}) == 1
        assert list(series.years) == sorted({r.year for r in series.reports})
        assert series.findings == check_series(series.reports)


# --- the command line ---------------------------------------------------------------------------


def test_cli_series_over_the_samples(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    samples_dir = shared_dir / "samples"
    paths = [str(samples_dir / n) for n in ("hongzequ-2023.txt", "hongzequ-2024.pdf")]
    assert main(["check", "--series", *paths, str(samples_dir / "huaian-2024.txt")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "淮安市洪泽区人民政府 (320813:洪泽区人民政府): 2023, 2024"
    assert out[-1] == "2 agency series, 1 pair(s) of consecutive years checked: 0 warning(s)"


def test_cli_series_names_a_broken_carry_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = attrs.evolve(_base(), agency="洪泽区人民政府")
    (tmp_path / "a.json").write_text(to_json(base), encoding="utf-8")
    later = _next_year(base, "淮安市洪泽区人民政府", carried_over=99)
    (tmp_path / "b.json").write_text(to_json(later), encoding="utf-8")
    assert main(["check", "--series", str(tmp_path)]) == 0  # cross-year rules are warnings
    lines = capsys.readouterr().out.splitlines()
    assert any(" X1 warning " in line and "b.json" in line for line in lines), lines
    assert main(["check", "--series", "--format", "json", "--select", "X1", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    (series,) = data["series"]
    assert series["years"] == [2020, 2021]
    assert [f["rule"] for f in series["findings"]] == ["X1"]
    assert series["findings"][0]["after"].endswith("b.json")
    assert data["summary"] == {"series": 1, "pairs": 1, "warnings": 1}
    assert main(["check", "--series", "--ignore", "X1,X3", str(tmp_path)]) == 0
    assert capsys.readouterr().out.endswith(": 0 warning(s)\n")
