"""Report metadata from text: title (agency and year), agency kind and level, statistical
period and publication date.

Pure functions over strings; each returns ``None`` rather than guess. All of them first
normalise the text with Unicode NFKC (full-width digits, letters, colons and brackets become
ASCII: "２０２５年" → "2025年", "：" → ":") and turn Chinese-numeral dates into Arabic ones
("二〇二五年一月二十日" → "2025年1月20日"; 〇, ○, 零 and a letter O all read as zero in a year).

Recognised patterns
-------------------

:func:`title_info`
    ``<agency><year>年[度]<doc>[<suffix>]``, ``<year>年[度]<agency><doc>`` and
    ``<agency>政府信息公开[工作]<year>年[度]报告`` (or ``<year>年报``), where ``<doc>`` is
    政府信息公开工作年度报告 or a shortening of it (政府信息公开年度报告, 信息公开工作年报,
    政务公开工作年度报告 …) and ``<suffix>`` is empty or starts with a separator
    ("-沭阳县发改局", "（全文）"). Spaces anywhere are ignored ("洛阳市市场监督管理局 2020 年…"),
    and so are a leading Markdown ``#``, ``*`` emphasis and a "标题:"/"题目:"/"名称:" label. Given
    several lines (the start of a document), the first ten non-empty lines are tried one by one,
    and each joined to the next, since PDF titles wrap ("淮安市人民政府" / "2024 年政府信息公开工作
    年度报告"). The agency must be 2–40 characters with no digits or sentence punctuation, and
    must not start like a sentence (现将, 根据, 本报告 …).

:func:`agency_kind` and :func:`level`
    Heuristics on the name's suffixes and its leading chain of place names; see their docstrings.

:func:`statistical_period`
    A keyword (统计期限, 统计时限, 统计时间, 统计区间, 统计期间, 统计周期, 统计范围, 统计时段, or
    所列数据/报告数据 + 期限/时限/时间/时段/区间), at most 12 characters (no 。 or ;), then
    ``<date>[起](至|到|—|-|~)<date>[止]``, where a date is ``Y年M月D日`` or ``Y-M-D`` / ``Y.M.D``
    / ``Y/M/D`` and the end date may omit the year ("2024年1月1日至12月31日"). Whitespace and line
    breaks are ignored (PDF text breaks the sentence anywhere). "统计期限为2024年度" (or
    ``2024年``/``2024全年``) gives the calendar year.

:func:`publication_date`
    In order of preference:

    1. a labelled field: 发布时间, 发布日期, 公开日期, 公开时间, 公布日期, 公布时间, 发文日期,
       印发日期, optionally followed by ":" and whitespace (the value may be on the next line,
       as in a saved web page), then a date (a time of day after it is ignored). Other labels
       (采集时间, 成文日期, 更新时间) are deliberately not recognised;
    2. a signature date: one of the last three non-empty lines (page numbers such as "-6-" or
       "第 6 页" skipped) that is only a date, optionally in brackets, or a short name followed
       by a date ("沭阳县人民政府 2026年1月23日");
    3. a bracketed date alone on a line among the first eight non-empty lines ("（2026年1月23日）"
       under the title).

    Dates inside the narrative are never used. Dates are parsed with
    :meth:`datetime.date.fromisoformat` after normalisation; an impossible date (2月30日) is
    skipped.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from govinfo._text import chinese_number, nfkc
from govinfo.errors import InvalidValue
from govinfo.model import Period
from govinfo.registry import AgencyKind, Level

__all__ = [
    "agency_key",
    "agency_kind",
    "chinese_number",
    "level",
    "normalise",
    "publication_date",
    "statistical_period",
    "title_info",
]

# --- numerals and normalisation ----------------------------------------------------------

_CN_YEAR = re.compile(r"([〇○零Oo一二三四五六七八九]{4})(?<![0-9].{4})(?=\s*年)")
"""Four numerals before 年, not right after a digit. The numerals come first and the digit
is looked for behind them (``.`` stands for the four numerals, none a line break): a pattern
that starts with a character class lets the regex engine jump from one candidate character
to the next, where one that starts with a lookbehind tries it at every position (a third of
the time of a read's statistical period went there). The plain form is
:data:`_CN_YEAR_PLAIN` (a property test holds the two equal)."""
_CN_MONTH = re.compile(r"(年)(\s*)([一二三四五六七八九十]{1,3})(?=\s*月)")
"""年 and the numerals after it, before 月 (the 年 matched, not looked behind for: as above;
it is put back unchanged)."""
_CN_DAY = re.compile(r"(月)(\s*)([一二三四五六七八九十]{1,3})(?=\s*[日号])")
_CN_YEAR_PLAIN = re.compile(r"(?<![0-9])([〇○零Oo一二三四五六七八九]{4})(?=\s*年)")
_CN_MONTH_PLAIN = re.compile(r"(?<=年)(\s*)([一二三四五六七八九十]{1,3})(?=\s*月)")
_CN_DAY_PLAIN = re.compile(r"(?<=月)(\s*)([一二三四五六七八九十]{1,3})(?=\s*[日号])")


def _year_digits(match: re.Match[str]) -> str:
    text = match.group(1)
    if not any(c in "〇○零一二三四五六七八九" for c in text):
        return text  # "Oooo年" is not a year
    value = chinese_number(text)
    return text if value is None else str(value)


def _small_number(match: re.Match[str]) -> str:
    value = chinese_number(match.group(3))
    return match.group(0) if value is None else match.group(1) + match.group(2) + str(value)


def _small_number_plain(match: re.Match[str]) -> str:
    value = chinese_number(match.group(2))
    return match.group(0) if value is None else match.group(1) + str(value)


def normalise(text: str) -> str:
    """``text`` in NFKC with Chinese-numeral dates in Arabic digits.

    >>> normalise("二〇二五年一月二十日，２０２４年")
    '2025年1月20日,2024年'
    """
    text = nfkc(text)  # a superscript or circled digit is no digit of a date
    text = _CN_YEAR.sub(_year_digits, text)
    text = _CN_MONTH.sub(_small_number, text)
    return _CN_DAY.sub(_small_number, text)


def _normalise_plain(text: str) -> str:
    """:func:`normalise` with the patterns in their plain form (lookbehinds first): what the
    faster ones are tested against."""
    text = nfkc(text)
    text = _CN_YEAR_PLAIN.sub(_year_digits, text)
    text = _CN_MONTH_PLAIN.sub(_small_number_plain, text)
    return _CN_DAY_PLAIN.sub(_small_number_plain, text)


# --- dates ---------------------------------------------------------------------------------

_DATE = (
    r"(?P<{p}y>(?:19|20)\d{{2}})\s*(?:年\s*(?P<{p}m>\d{{1,2}})\s*月\s*(?P<{p}d>\d{{1,2}})\s*[日号]"
    r"|(?P<{p}sep>[-./])\s*(?P<{p}m2>\d{{1,2}})\s*(?P={p}sep)\s*(?P<{p}d2>\d{{1,2}})(?!\d))"
)


def _date_re(prefix: str = "") -> str:
    return _DATE.format(p=prefix)


def _to_date(match: re.Match[str], prefix: str = "", *, year: str | None = None) -> date | None:
    """The date captured by a :func:`_date_re` group (or month/day with ``year``)."""
    groups = match.groupdict()
    y = year if year is not None else groups[f"{prefix}y"]
    m = groups.get(f"{prefix}m") or groups.get(f"{prefix}m2")
    d = groups.get(f"{prefix}d") or groups.get(f"{prefix}d2")
    if y is None or m is None or d is None:
        return None
    return _parse_date(f"{int(y):04d}-{int(m):02d}-{int(d):02d}")


def _parse_date(text: str) -> date | None:
    """The date ``text`` (``YYYY-MM-DD``, as :func:`_to_date` writes it) names, or ``None``
    for an impossible one (2月30日) or digits other than ASCII ones. The standard library's
    ISO parser: python-dateutil's, which gave the same dates (a property test compares
    them), cost every process that reads a date 35 ms to import."""
    if not text.isascii():
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# --- title ---------------------------------------------------------------------------------

_DOC = r"(?:政府信息|政务信息|信息|政务)公开(?:工作)?(?:年度)?(?:报告|年报)"
_AGENCY_MAX = 40
"""The longest agency name a title gives (see :func:`_clean_agency`)."""
_AGENCY_SPAN = rf".{{1,{_AGENCY_MAX + 8}}}?"
"""An agency name before it is cleaned (quotes, 关于, a trailing 政府 or 政务 still on it):
bounded, so that a long line that is no title fails each pattern after a few characters."""
_TITLE_AGENCY_FIRST = re.compile(
    rf"(?P<agency>{_AGENCY_SPAN})(?:关于)?(?P<year>(?:19|20)\d{{2}})年(?:度)?(?:的)?{_DOC}(?P<rest>.?)"
)
_TITLE_YEAR_FIRST = re.compile(
    rf"(?P<year>(?:19|20)\d{{2}})年(?:度)?(?P<agency>{_AGENCY_SPAN})(?:信息公开|政务公开)"
    r"(?:工作)?(?:年度)?(?:报告|年报)(?P<rest>.?)"
)
_TITLE_YEAR_INSIDE = re.compile(
    rf"(?P<agency>{_AGENCY_SPAN})(?:政府信息|政务信息|信息|政务)公开(?:工作)?"
    r"(?P<year>(?:19|20)\d{2})"
    r"(?:年度?报告|年报)(?P<rest>.?)"
)
_TITLE_LABEL = re.compile(r"^(?:标题|题目|名称|文章标题|title)\s*:\s*", re.IGNORECASE)
_TITLE_SUFFIX_START = "-—–_|([【<《"
_AGENCY_BAD_CHARS = re.compile(r"[0-9,.;:!?。、“”\"'《》<>()\[\]【】]")
_AGENCY_BAD_START = re.compile(r"^(?:现将|根据|依据|按照|本报告|本年度|本|关于印发|印发|附件|转发)")
_DEPARTMENT_END = re.compile(r"(?:局|委员会|委|办公室|办公厅|办|厅|部|署|中心)$")


def _clean_title_line(line: str) -> str:
    line = _TITLE_LABEL.sub("", line.strip().lstrip("#").strip())
    line = line.strip("*_ \t")
    line = _TITLE_LABEL.sub("", line)
    return re.sub(r"\s+", "", line)


def _clean_agency(agency: str, *, year_first: bool) -> str | None:
    agency = agency.strip("“”\"'")
    agency = agency.removeprefix("关于").removesuffix("关于")
    if year_first:
        if agency.endswith("政务"):
            agency = agency[:-2]
        elif agency.endswith("政府") and (
            agency[:-2].endswith("政府") or _DEPARTMENT_END.search(agency[:-2])
        ):
            # "2024年度洛阳市财政局政府信息公开…", "二〇二四年淮安市人民政府政府信息公开…":
            # 政府 belongs to the document's name
            agency = agency[:-2]
    if not 2 <= len(agency) <= _AGENCY_MAX or agency == "政府":
        return None
    if _AGENCY_BAD_CHARS.search(agency) or _AGENCY_BAD_START.search(agency):
        return None
    if not re.search(r"[\u4e00-\u9fff]", agency):
        return None
    return agency


_TITLE_PREFIX_END = re.compile(r"[-—–_|>»:]")
"""Where a prefix before a title may end: a page marker ("Page 8 - 某局2022年…"), a breadcrumb
("首页>政务公开>某局2022年…"), a label ("附件:")."""


def _title_of_line(line: str) -> tuple[str, int] | None:
    compact = _clean_title_line(normalise(line))
    if not compact:
        return None
    found = _title_of_compact(compact)
    if found is None:
        for prefix in _TITLE_PREFIX_END.finditer(compact):
            found = _title_of_compact(compact, prefix.end())
            if found is not None:
                break
    return found


def _title_of_compact(compact: str, start: int = 0) -> tuple[str, int] | None:
    """The title at ``start`` in ``compact``; each pattern looks at a bounded stretch from
    there (the agency is bounded and only the character after the document's name is looked
    at), so trying every prefix end of a long line takes time linear in its length."""
    patterns = (
        (_TITLE_AGENCY_FIRST, False),
        (_TITLE_YEAR_FIRST, True),
        (_TITLE_YEAR_INSIDE, False),
    )
    for pattern, year_first in patterns:
        m = pattern.match(compact, start)
        if m is None:
            continue
        rest = m.group("rest")
        if rest and rest[0] not in _TITLE_SUFFIX_START:
            continue
        agency = _clean_agency(m.group("agency"), year_first=year_first)
        if agency is not None:
            return agency, int(m.group("year"))
    return None


def title_info(text: str) -> tuple[str, int] | None:
    """The agency name and report year of a title line, or ``None`` if it is not a title.

    >>> title_info("# 洛阳市市场监督管理局 2020 年政府信息公开工作年度报告")
    ('洛阳市市场监督管理局', 2020)
    >>> title_info("标题: 平潭综合实验区2024年度政府信息公开工作年度报告")
    ('平潭综合实验区', 2024)

    ``text`` may also be the start of a document: the first ten non-empty lines are tried,
    each alone and joined to the next (titles wrap in PDF text).
    """
    lines = [line for line in text.splitlines() if line.strip()][:10]
    for i, line in enumerate(lines):
        found = _title_of_line(line)
        if found is None and i + 1 < len(lines):
            found = _title_of_line(line + lines[i + 1])
        if found is not None:
            return found
    return None


_YEAR_MENTION = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")


def narrative_year(text: str) -> int | None:
    """The year that ``text`` (a report's overview) names most often, the first named among
    equals; ``None`` if it names none.

    A fallback for a report whose title and statistical period are missing: its overview
    tells what the agency did in the year reported on ("2022年，区政府办公室…").

    >>> narrative_year("2022年，我局…。2022年共收到申请5件，较2021年减少2件。")
    2022
    """
    counts: dict[int, int] = {}
    for m in _YEAR_MENTION.finditer(normalise(text)):
        year = int(m.group(1))
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: counts[y])  # dicts keep order: the first among equals


# --- agency kind and level -------------------------------------------------------------------

ZONE = re.compile(
    r"(?:开发区|实验区|试验区|示范区|高新区|新区|园区|保税区|合作区|自贸区|管理区|度假区|"
    r"风景区|景区|港区|林区|垦区|农场)"
)
_ZONE_COMMITTEE = re.compile(rf"{ZONE.pattern}(?:管理委员会|管委会)$")
_GOVERNMENT_END = re.compile(r"(?:人民政府|政府)$")
_STREET_OFFICE = re.compile(r"(?:街道办事处|街道办|办事处|街道)$")

_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_PLACE = re.compile(
    r"(?P<name>[\u4e00-\u9fffA-Za-z]{1,7}?)"
    r"(?P<suffix>特别行政区|自治区|自治州|自治县|自治旗|地区|街道|省(?!级)|市(?!场)|州(?![市县区])"
    r"|盟|县(?![域级])|区(?![域划])|旗|镇(?![街区])|乡(?![村镇]))"
)
_NOT_PLACE_NAME = re.compile(
    r"^(?:城|都|超|社|辖|郊|山|牧|矿|林|园|景|小|片|市|省|县|本|全|各|该|我|两|城乡)$"
    r"|[和与及的]|管理|建设|住房|发展|改革|资源|保障|事务|监督|服务|执法|综合|交通|教育|卫生"
    r"|公安|财政|文化|农业|水利|商务|应急|生态|环境|统计|审计|民政|司法|人力|医疗|体育|旅游"
    r"|科学|技术|工业|信息|经济|政府|人民"
)
_NATIONAL_START = re.compile(r"^(?:国务院|中华人民共和国|国家|中国|中央)")
_NATIONAL_END = re.compile(r"(?:部|委员会|总署|署|总局|局|办公厅|办公室|银行|行)$")
_VERTICAL_PREFIXES = (
    "国家税务总局",
    "国家金融监督管理总局",
    "国家外汇管理局",
    "中国人民银行",
    "国家统计局",
    "国家邮政局",
    "中国证券监督管理委员会",
)


def _compact(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def place_chain(name: str) -> list[tuple[str, str]]:
    """The place names (name, suffix) that ``name`` starts with, contiguous from the start."""
    chain: list[tuple[str, str]] = []
    pos = 0
    while True:
        m = _PLACE.match(name, pos)
        if m is None or _NOT_PLACE_NAME.search(m.group("name")):
            return chain
        chain.append((m.group("name"), m.group("suffix")))
        pos = m.end()


def agency_kind(agency: str) -> AgencyKind | None:
    """Whether ``agency`` is a people's government (roll-up report) or a department.

    Heuristics, in order (the first that applies wins):

    1. ends with 街道办事处, 街道办, 办事处 or 街道 → ``None`` (a sub-district office is an
       agency of the district government but reports as a whole body; unsure);
    2. ends with 办公室, 办公厅 or 办 → DEPARTMENT (this includes 人民政府办公室: the office's own
       report, not the government's);
    3. ends with 人民政府 or 政府 → GOVERNMENT;
    4. a zone's management committee ("…开发区管理委员会", "…实验区管委会") or a bare zone name
       ("平潭综合实验区") → GOVERNMENT: the zone's committee acts as its government;
    5. a bare administrative-division name ("北京市", "沭阳县", "某某镇") → GOVERNMENT: a report
       titled with a place is that place's government's report;
    6. ends with 局, 委员会, 委, 厅, 部, 署 or 中心 → DEPARTMENT ("城市管理委员会" is a department:
       only a zone's committee is a government);
    7. otherwise ``None``.
    """
    name = _compact(agency)
    if not name:
        return None
    if _STREET_OFFICE.search(name):
        return None
    if re.search(r"(?:办公室|办公厅|办)$", name):
        return AgencyKind.DEPARTMENT
    if _GOVERNMENT_END.search(name):
        return AgencyKind.GOVERNMENT
    if _ZONE_COMMITTEE.search(name) or re.search(rf"{ZONE.pattern}$", name):
        return AgencyKind.GOVERNMENT
    chain = place_chain(name)
    if chain and "".join(n + s for n, s in chain) == name:
        return AgencyKind.GOVERNMENT
    if _DEPARTMENT_END.search(name):
        return AgencyKind.DEPARTMENT
    return None


TOWNSHIP_SUFFIXES = ("镇", "乡", "街道")
"""The place suffixes of a township-level division (乡镇级)."""


def compact_agency(agency: str) -> str:
    """``agency`` in NFKC without spaces, and without the prefix of a vertically managed
    branch ("国家税务总局洛阳市税务局" → "洛阳市税务局"); the prefix alone is kept."""
    name = _compact(agency)
    for prefix in _VERTICAL_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


_GOVERNMENT_SHORT = re.compile(r"(?<!人民)政府$")


def agency_key(agency: str) -> str:
    """The name by which the reports of one agency are matched across years.

    An agency prints its name with or without the governing places before its own (全称 and
    简称: "淮安市洪泽区人民政府" one year, "洪泽区人民政府" the next), and 政府 for 人民政府.
    The key keeps the agency's own place and what follows it:

    - with the extra ``regions``, when the division list places the name
      (:func:`govinfo.regions.locate`): the most specific division's code and name, then the
      rest ("320813:洪泽区人民政府" for both names above), so that 北京市朝阳区 and 长春市朝阳区
      stay apart;
    - otherwise the name from its last leading place on ("某某县某某局" for
      "某某市某某县某某局"), after NFKC, without spaces and without the prefix of a vertically
      managed branch (国家税务总局).

    >>> agency_key("淮安市洪泽区人民政府") == agency_key("洪泽区政府")
    True
    """
    name = _GOVERNMENT_SHORT.sub("人民政府", compact_agency(agency))
    from govinfo import regions

    if regions.available():
        located = regions.locate(name)
        if located is not None:
            region, rest = located
            place = regions.division(region.code)
            own = "" if place is None else place.name
            return f"{region.code}:{own}{rest}"
    chain = place_chain(name)
    if len(chain) > 1:
        name = name[sum(len(n) + len(s) for n, s in chain[:-1]) :]
    return name


def level(agency: str) -> Level | None:
    """The administrative level of ``agency``, when its name shows it; else ``None``.

    With the extra ``regions`` installed, the name is first read against the list of
    administrative divisions (:func:`govinfo.regions.region_of`): "淮安市人民政府" and
    "洛阳市市场监督管理局" are 地市级 (a prefecture-level city), "江苏省昆山市人民政府" 县级
    (昆山市 is a county-level city), "上海市浦东新区人民政府" 县级 (浦东新区 is a district, not a
    zone). A name the list does not place (a central organ, a name several divisions share, a
    placeholder) is read by :func:`level_by_suffix`, which is all there is without the extra.
    """
    name = _compact(agency)
    if not name:
        return None
    from govinfo import regions

    if regions.available():
        found = regions.region_of(name)
        if found is not None:
            return found.level
    return level_by_suffix(name)


def level_by_suffix(agency: str) -> Level | None:
    """The administrative level of ``agency`` from the suffixes of its place names alone.

    The name's leading place names are read as a chain ("淮安市" + "洪泽区" + …; words such as
    市场, 城市, 城乡, 乡村, 区域 are not place names). From the last place in the chain:

    - 镇, 乡, 街道 → TOWNSHIP;
    - 县, 区, 旗, 自治县, 自治旗, or a 县级市 → COUNTY;
    - 市 under another 市, 州, 地区 or 盟 (a county-level city) → COUNTY;
    - 自治州, 州, 地区, 盟 → PREFECTURAL;
    - 省, 自治区, 特别行政区, and 北京/天津/上海/重庆市 → PROVINCIAL;
    - any other 市 (alone or under a province) → ``None``: prefecture-level and county-level
      cities look the same;
    - no place at all: 国务院…, or a name starting with 国家/中华人民共和国/中国/中央 and ending
      like a central organ (部, 委员会, 署, 总局, 局, 银行 …), or ending with 部/总署/总局 →
      NATIONAL ("财政部", "国家税务总局"). A vertically managed branch ("国家税务总局洛阳市税务局")
      is judged by the place after the prefix.

    A development or other special zone anywhere in the name (开发区, 实验区, 新区 …) gives
    ``None``: zones sit at different levels.
    """
    name = _compact(agency)
    if not name or ZONE.search(name):
        return None
    for prefix in _VERTICAL_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            rest = name[len(prefix) :]
            return _level_of_chain(place_chain(rest)) if place_chain(rest) else None
    chain = place_chain(name)
    if not chain:
        if name.startswith("国务院"):
            return Level.NATIONAL
        if _NATIONAL_START.search(name) and _NATIONAL_END.search(name):
            return Level.NATIONAL
        if re.search(r"(?:部|总署|总局)$", name):
            return Level.NATIONAL
        return None
    return _level_of_chain(chain)


def _level_of_chain(chain: list[tuple[str, str]]) -> Level | None:
    name, suffix = chain[-1]
    if suffix in TOWNSHIP_SUFFIXES:
        return Level.TOWNSHIP
    if suffix in ("县", "区", "旗", "自治县", "自治旗"):
        return Level.COUNTY
    if suffix == "市":
        if name.endswith("县级"):
            return Level.COUNTY
        if len(chain) == 1 and name in _MUNICIPALITIES:
            return Level.PROVINCIAL
        if any(s in ("市", "州", "自治州", "地区", "盟") for _, s in chain[:-1]):
            return Level.COUNTY
        return None
    if suffix in ("自治州", "州", "地区", "盟"):
        return Level.PREFECTURAL
    return Level.PROVINCIAL  # 省, 自治区, 特别行政区


# --- statistical period --------------------------------------------------------------------

_PERIOD_KEY = (
    r"(?:统计(?:期限|时限|时间|区间|期间|周期|范围|时段)"
    r"|(?:所列|报告)数据(?:的)?(?:统计)?(?:期限|时限|时间|时段|区间))"
)
_PERIOD = re.compile(
    rf"{_PERIOD_KEY}[^。;]{{0,12}}?{_date_re('s')}(?:起)?(?:至|到|—|–|-|~)+"
    rf"(?:{_date_re('e')}|(?P<xm>\d{{1,2}})月(?P<xd>\d{{1,2}})[日号])"
)
_PERIOD_YEAR = re.compile(
    rf"{_PERIOD_KEY}[^。;\d]{{0,8}}?(?P<year>(?:19|20)\d{{2}})(?:年度|全年|年)(?![\d])"
)


_STOPS = "。｡︒"
"""The full stop and the characters NFKC makes into one (a test checks every code point)."""
_SENTENCE = re.compile(f"[^{_STOPS}]++")
"""A sentence: what lies between full stops (met one after another, not all held at once)."""


def _period_sentences(text: str) -> str:
    """The sentences of ``text`` that can state a period: those with a 统计 or 数据 keyword
    (spaces ignored), joined by 。 (the whole text, normalised, would cost far more). A match
    never spans a full stop, and NFKC makes no other character into one of the keywords' (a
    test checks every code point)."""
    kept = [
        sentence
        for sentence in map(re.Match.group, _SENTENCE.finditer(text))
        if ("统" in sentence or "数" in sentence)  # cheap first: most sentences have neither
        and ("统计" in (compact := "".join(sentence.split())) or "数据" in compact)
    ]
    return "。".join(kept)


def statistical_period(text: str) -> Period | None:
    """The statistical period stated in ``text`` ("统计期限为2024年1月1日至2024年12月31日").

    >>> statistical_period("本年报所列数据的统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。")
    Period(start=datetime.date(2020, 1, 1), end=datetime.date(2020, 12, 31))
    """
    compact = "".join(normalise(_period_sentences(text)).split())  # \s is what str.split() cuts at
    for m in _PERIOD.finditer(compact):
        start = _to_date(m, "s")
        if m.group("xm") is not None:
            month, day = int(m.group("xm")), int(m.group("xd"))
            end = _parse_date(f"{m.group('sy')}-{month:02d}-{day:02d}")
        else:
            end = _to_date(m, "e")
        if start is None or end is None:
            continue
        try:
            return Period(start=start, end=end)
        except InvalidValue:
            continue
    whole_year = _PERIOD_YEAR.search(compact)
    if whole_year is not None:
        return Period.calendar_year(int(whole_year.group("year")))
    return None


# --- publication date ----------------------------------------------------------------------

_LABELLED = re.compile(
    rf"(?:(?:发布|公开|公布)(?:时间|日期)|(?:发文|印发)日期|^(?:时间|日期)(?=\s*:))"
    rf"\s*:?\s*{_date_re()}",
    re.MULTILINE,
)
"""A labelled publication date; a bare 时间 or 日期 label only at the start of a line (an
article's byline, ``时间：2026-05-10 12:56``), where no other date is labelled so."""
_FOOTER_LINE = re.compile(
    r"^[-—–\s]*(?:第\s*\d+\s*页(?:\s*,?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+)[-—–\s]*$"
)
_DATE_LINE = re.compile(rf"^[(\[【]?\s*{_date_re()}\s*[)\]】]?$")
_SIGNED_LINE = re.compile(rf"^[\u4e00-\u9fff()]{{2,30}}\s+{_date_re()}$")
_BRACKETED_DATE_LINE = re.compile(rf"^[(\[【]\s*{_date_re()}\s*[)\]】]$")


def publication_date(text: str) -> date | None:
    """The publication date of a report, from a labelled field or the signature.

    >>> publication_date("标题: …\\n发布时间: 2025-03-10 15:35\\n…")
    datetime.date(2025, 3, 10)
    >>> publication_date("……\\n沭阳县人民政府\\n二〇二六年一月二十三日\\n")
    datetime.date(2026, 1, 23)
    """
    norm = normalise(text)
    for labelled in _LABELLED.finditer(norm):
        found = _to_date(labelled)
        if found is not None:
            return found
    lines = [line.strip() for line in norm.splitlines()]
    lines = [line for line in lines if line and not _FOOTER_LINE.match(line)]
    for line in reversed(lines[-3:]):
        signed = _DATE_LINE.match(line) or _SIGNED_LINE.match(line)
        if signed is not None and (found := _to_date(signed)) is not None:
            return found
    for line in lines[:8]:
        bracketed = _BRACKETED_DATE_LINE.match(line)
        if bracketed is not None and (found := _to_date(bracketed)) is not None:
            return found
    return None
