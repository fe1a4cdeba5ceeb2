"""Reading: a document cut into reports and sections. Run-together (crawler) text cut at its
headings and labels (:func:`_segment`), where each report of a compilation starts and its
agency above its title (:func:`_report_starts`, :func:`_agency_above`), the section headings,
numbered, unnumbered or misnumbered (:func:`_find_sections`), the sections' line ranges and
where the report's body ends (:func:`_regions`, :func:`_body_end`), page furniture.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from functools import cache

from govinfo.readers.cells import _GLUED
from govinfo.readers.normal import normalise
from govinfo.readers.numbers import _is_value
from govinfo.readers.raw import Location, RawCell, RawDocument, RawLine
from govinfo.registry import REQUESTS_NOTE, OverviewPart, Section, table

_PAGE_FOOTER = re.compile(
    r"^[-—－–]\s*\d{1,3}\s*[-—－–]$"
    r"|^第\s*\d+\s*页(?:\s*,?\s*共\s*\d+\s*页)?$"
    r"|^(?i:p\.|page)\s*\d{1,3}(?:\s*(?:[-—–/|]|of)\s*.*)?$"
)
"""A page number printed in a footer: "-4-", "— 4 —", "第4页", "第4页，共9页"; a flipbook's
page marker ("P. 7", "Page 8 - 2022年报_某局"); a bare number is data."""


_SECTION_WORDS: dict[Section, tuple[str, ...]] = {
    Section.OVERVIEW: ("总体情况", "总体", "概述"),
    Section.PROACTIVE: ("主动公开",),
    Section.REQUESTS: ("收到和处理", "依申请公开", "收到", "申请情况"),
    Section.REVIEW_LITIGATION: ("复议", "诉讼"),
    Section.PROBLEMS: ("存在的主要问题", "主要问题", "问题", "改进"),
    Section.OTHER_MATTERS: ("其他需要报告", "其他事项", "其他"),
}
_HEADING = re.compile(r"^#*\s*([一二三四五六])\s*[、.．]\s*(.{2,40})$")


_UNNUMBERED = {normalise(s.zh): s for s in Section}
"""The template's section headings without their numbers, as a heading whose number was lost
prints them (Word's automatic numbering pasted into a web page: ``主动公开政府信息情况``, or
``、主动公开政府信息情况``)."""


_BARE_HEADING = re.compile(r"[#、.\s]*(.+?)[\s:]*")
_BARE_HEADING_MAX = 2 * max(len(k) for k in _UNNUMBERED) + 16
"""The longest text :data:`_BARE_HEADING` is tried on (the pattern is quadratic on a long line
of spaced colons; a heading without its number is its template text and a few marks)."""


def _unnumbered(text: str) -> Section | None:
    """The section whose template heading ``text`` (normalised) is without its number."""
    if len(text) > _BARE_HEADING_MAX:  # no template heading is near so long
        return None
    m = _BARE_HEADING.fullmatch(text)
    return _UNNUMBERED.get(m.group(1)) if m else None


def _section_of(text: str) -> Section | None:
    """The section whose numbered heading ``text`` (normalised: see :func:`normalise`) is, if
    any."""
    first = text.lstrip("# ")[:1]
    if not first or first not in "一二三四五六":
        return None  # what _HEADING cannot match, without running it
    m = _HEADING.match(text)
    if not m:
        return None
    number, rest = m.groups()
    for section in Section:
        if section.number == number and any(w in rest for w in _SECTION_WORDS[section]):
            # table 三's rows "一、本年新收…", "四、结转下年度…" are not headings
            if section is Section.REQUESTS and "本年度办理结果" in rest:
                return None
            if section is Section.REVIEW_LITIGATION and "结转" in rest:
                return None
            return section
    return None


def _segment(doc: RawDocument) -> tuple[list[RawLine], bool]:
    """The document's lines, with run-together text (a whole report on one line, as crawler
    copies have it) cut at headings and table labels; and whether any was cut."""
    out: list[RawLine] = []
    cut = False
    for line in doc.lines:
        text = line.cells[0].text if len(line.cells) == 1 else ""
        if line.table is None and len(text) > 60 and any(m in text for m in _TABLE_MARKS):
            pieces = _cut(line)
            glued = sum(_ends_in_cells(p) for p in pieces) >= 2 or _REVIEW_RUN.search(text)
            if len(text) > 400 or glued:
                cut = cut or len(pieces) > 1
                out.extend(pieces)
                continue
        if line.table is not None and "\n" in line.text:
            out.extend(_stacked_rows(line))
            continue
        out.append(line)
    return out, cut


def _stacked_rows(line: RawLine) -> list[RawLine]:
    """A table row holding several rows in its cells, one per line (``1.属于国家秘密<br>2.其他
    …`` beside ``1<br>0<br>…``), as those rows; a cell of one line (a group's label, merged
    over them) belongs to each. Only when every cell of several lines has as many, and a
    cell's lines are all numbers; else the row as it is (a label wrapped in its cell)."""
    parts = [cell.text.split("\n") for cell in line.cells]
    depth = max(map(len, parts))
    if any(len(p) not in (1, depth) for p in parts) or not any(
        len(p) == depth and all(_is_value(normalise(x)) for x in p) for p in parts
    ):
        return [line]
    return [
        RawLine(
            cells=tuple(
                RawCell(p[k] if len(p) == depth else p[0], cell.location)
                for p, cell in zip(parts, line.cells, strict=True)
            ),
            table=line.table,
            spaced=line.spaced,
        )
        for k in range(depth)
    ]


_REVIEW_RUN = re.compile(r"(?:结果维持|尚未审结|总计)[\s\d０-９]{15,}$")
"""Table 四 run together on a line of its own: its header, then its fifteen cells' digits."""


def _ends_in_cells(piece: RawLine) -> bool:
    """Whether a piece of a cut line is a table row whose cells lost their separators: a label
    with digits stuck to its end (``规章000``, ``行政许可1523``). A shorter line than a whole
    report (one table on a line of its own) is cut only when two of its pieces are."""
    return _GLUED.search(normalise(piece.cells[0].text)) is not None


@cache
def _cut_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Labels to cut run-together text before (longest first, so 行政规范性文件 is not cut
    inside at 规范性文件), and other places to cut at.

    The labels' pattern starts by naming every character one of them can start with, so that
    the engine passes over other positions at once instead of trying each label there (it
    finds what :func:`_cut_alternation` finds)."""
    alternation, firsts = _cut_alternation()
    ahead = "".join(map(re.escape, sorted(firsts)))
    return re.compile(f"(?=[{ahead}])(?:{alternation})"), _GLUED_ROW


@cache
def _cut_alternation() -> tuple[str, frozenset[str]]:
    """The places to cut run-together text before, as one alternation, and the characters
    each of its alternatives can start with."""
    labels: set[str] = set()
    for row in table("requests").rows:
        labels.add(row.zh)
        if row.group is not None:
            labels.add(row.group.zh)
    for row in table("proactive").rows:
        labels.add(row.zh)
        if row.caption:
            labels.add(row.caption)
    # table 四's header, where no heading stands before it (tables in an appendix)
    labels |= {"信息内容", "三、本年度办理结果", REQUESTS_NOTE, "行政复议行政诉讼"}
    # a heading under any number (a numbering slip, headings numbered anew)
    heads = [rf"[一二三四五六]、[^、]{{0,12}}{w}" for s in Section for w in _SECTION_WORDS[s][:1]]
    parts = [rf"\([{p.number[1]}]\)" for p in OverviewPart]
    alternatives = sorted(
        (r"\s*".join(map(re.escape, normalise(x))) for x in labels), key=len, reverse=True
    )
    firsts = frozenset({*"一二三四五六", "附", "表", "(", *(normalise(x)[0] for x in labels)})
    return "|".join([*heads, _APPENDIX_CAPTION, *parts, *alternatives]), firsts


_APPENDIX_CAPTION = (
    r"附表\s*[0-9一二三四]?\s*:?\s*(?=主动公开|收到和处理|政府信息公开行政复议|表\s*[二三四])"
    r"|表\s*[二三四]\s*:?\s*(?=主动公开|收到和处理|政府信息公开行政复议)"
)
"""The caption of a table printed in an appendix (``附表1：主动公开政府信息情况``, ``附表`` then
``表二 主动公开政府信息情况``): run-together text is cut before it."""


_GLUED_ROW = re.compile(r"\d(?=[一二三四]、)")
"""A digit with a row label glued to it (the digits of the row before): cut after it."""


_HEADING_ENDS = (
    "总体情况",
    "政府信息情况",
    "公开申请情况",
    "行政诉讼情况",
    "改进情况",
    "整改措施",
    "报告的事项",
)
"""How section headings end, to cut run-together text after them."""


_PAGE_BUTTON = (
    r"[\[【(]?\s*(?:关闭|打印|关闭窗口|打印本页|返回顶部|我要纠错|纠错|收藏|分享|大\s*中\s*小)"
    r"\s*[\]】)]?"
)
"""A button of a web page (``【打印本页】``, ``关闭``, the font sizes ``【大 中 小】``)."""
_PAGE_CHROME = re.compile(
    r"(?:主办单位|承办单位|主管单位|协办单位|版权所有|网站标识码|网站地图|联系我们|"
    r"上一篇|下一篇|相关链接|相关文章|相关阅读|扫一扫|分享到|文字解读|图片解读|视频解读|"
    r"扫描二维码|政府网站找错|浏览次数|阅读次数|访问次数|点击数|浏览量|"
    r"(?:主办|承办|分享|字体|字号)\s*:|\(?\s*责任编辑)"
    r"|.*(?:ICP备|ICP证|公网安备)"
    rf"|{_PAGE_BUTTON}(?:\s*\|?\s*{_PAGE_BUTTON})*$"
)
"""How the chrome of a web page that follows a report begins (its footer, the links and
buttons after an article: ``【打印本页】 【关闭窗口】``, ``打印 | 关闭``, ``字体：【大 中 小】``,
``（责任编辑：…）``, ``浏览次数：…``): not the report's, whichever section it would fall in."""


def _body_end(texts: Sequence[str], last_heading: int) -> int:
    """Where the report ends: at the first line of page chrome after its last section heading,
    else at its last line."""
    for i in range(last_heading + 1, len(texts)):
        if _PAGE_CHROME.match(texts[i]):
            return i
    return len(texts)


_TABLE_MARKS = ("本年新收", "信息内容", "收到和处理", "第二十条", "结果维持")
"""Text that only a report's tables contain: a long line holding one is run-together text."""


def _cut(line: RawLine) -> list[RawLine]:
    cell = line.cells[0]
    text = normalise(cell.text)
    # Cut where the normalised text says, but keep the printed text when widths allow.
    printed = cell.text if len(cell.text) == len(text) else text
    spans_re, glued_row = _cut_patterns()
    spans = [m.span() for m in spans_re.finditer(text)]
    points = {0} | {a for a, _ in spans} | {m.end() for m in glued_row.finditer(text)}
    title_end = text.find("年度报告", 0, 80)
    if title_end >= 0:  # the report's title runs into its first sentence
        points.add(title_end + len("年度报告"))
    for end in _HEADING_ENDS:  # a heading runs into its text: cut after its end
        at = text.find(end)
        while at >= 0:
            points.add(at + len(end))
            at = text.find(end, at + 1)
    inside = [(a, b) for a, b in spans if b - a > 1]
    cuts = sorted(c for c in points if c < len(text) and not _within(c, inside))
    out = []
    for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True):
        piece = printed[a:b].strip()
        if piece:
            loc = Location(line=cell.location.line, column=a + 1, page=cell.location.page)
            out.append(RawLine(cells=(type(cell)(piece, loc),)))
    return out


def _within(point: int, spans: Sequence[tuple[int, int]]) -> bool:
    """``any(a < point < b for a, b in spans)`` for ``spans`` in order and not overlapping (as
    ``finditer`` finds them): only the last span starting before ``point`` can hold it, since
    every earlier one ends before that one starts."""
    k = bisect.bisect_left(spans, (point,)) - 1  # (a,) sorts before every (a, b)
    return k >= 0 and point < spans[k][1]


_TITLE_PIECE = re.compile(r"[\u4e00-\u9fff0-9 ]{1,20}")
"""A line that may be a piece of a title wrapped over lines: short, Chinese and digits only."""


def _cell_text(cell: RawCell) -> str:
    return normalise(cell.text)


def _is_title(text: str) -> bool:
    """Whether a line (normalised) reads as a report's title."""
    return "年度报告" in text and "政府信息公开" in text and len(text) < 80


def _is_page_furniture(text: str) -> bool:
    """Whether a line (normalised) inside a report's sections is a page's footer or header,
    not the report's: a page number, or a title (PDFs print the report's title at the top of
    every page)."""
    return _PAGE_FOOTER.match(text) is not None or _is_title(text)


def _report_starts(lines: Sequence[RawLine], texts: Sequence[str]) -> list[int]:
    """Where each report begins: at its title, or at section 一 when no title precedes it
    (``texts``: the lines' normalised text).

    After a report's table 三, a title starts another report only if the next section
    heading after it is 一 or 二, where a report begins: the same title printed at the top of
    each page of a PDF (a running header), a link to another year's report under an article
    (上一篇：…年度报告) or an attachment's name is followed by the rest of the report, or by
    nothing. A second 一、总体情况 after a report's table 三 starts a report without a
    title."""
    starts: list[int] = []
    seen_requests = False
    for i, (line, text) in enumerate(zip(lines, texts, strict=True)):
        if line.table is None and _is_title(text):
            if not starts or (seen_requests and _begins_report(texts, i + 1)):
                starts.append(i)
                seen_requests = False
            continue
        section = _section_of(text)
        if section is Section.OVERVIEW and seen_requests:
            starts.append(i)
            seen_requests = False
        elif section is Section.REQUESTS or "本年新收" in text:
            seen_requests = True
            if not starts:
                starts.append(0)
    return starts


def _agency_above(lines: Sequence[RawLine], texts: Sequence[str], start: int, floor: int) -> int:
    """Where a report of a compilation whose title is at ``start`` begins: at its agency's
    name when that stands on the line(s) above a title without it (淮安市水利局 /
    2024年政府信息公开工作年度报告), else at its title. Those lines are the report's, not the
    end of the report before it (``floor``: that report's start)."""
    from govinfo.readers import meta  # local, as in _assemble_one

    if meta.title_info(texts[start]) is not None:
        return start  # the title names its agency
    above = 0
    while (
        above < 3
        and start - above - 1 > floor
        and lines[start - above - 1].table is None
        and _TITLE_PIECE.fullmatch(texts[start - above - 1])
    ):
        above += 1
    for joined in range(1, above + 1):
        # the fewest lines that name an agency: the line above may be the last word of the
        # report before (无); a name's tail alone (局, 理局) is too short to be one
        title = meta.title_info("".join(texts[start - joined : start + 1]))
        if title is not None and len(title[0]) >= _AGENCY_MIN:
            return start - joined
    return start


_AGENCY_MIN = 4
"""The fewest characters of an agency named above its title in a compilation (淮安市水利局,
平潭综合实验区; a county's office is longer still)."""


def _begins_report(texts: Sequence[str], start: int) -> bool:
    """Whether the first section heading from ``start`` on is 一 or 二 (a report's first)."""
    for text in itertools.islice(texts, start, None):
        section = _section_of(text) or _unnumbered(text)
        if section is not None:
            return section in (Section.OVERVIEW, Section.PROACTIVE)
    return False


def _find_sections(texts: Sequence[str]) -> dict[Section, int]:
    """Where each section's heading is: the numbered headings in order; then, for sections
    without one, their headings without a number or under another number (a numbering slip:
    ``二、收到和处理政府信息公开申请情况``; headings numbered on after a dropped one), the most
    that stand in the template's order between the numbered ones, a narrative section's
    heading counting for more than a table's (a table is found by its rows wherever it is:
    tables appended after the text under headings numbered anew do not take the place of
    the sections the text's headings name). A list of the sections in the introduction
    (``…、收到和处理政府信息公开申请情况、…``) is no heading."""
    found: dict[Section, int] = {}
    order = list(Section)
    for i, text in enumerate(texts):
        section = _section_of(text)
        if section is None or section in found:
            continue
        if any(order.index(s) > order.index(section) for s in found):
            continue
        found[section] = i
    if len(found) == len(order):
        return found
    candidates = [(i, s, _FIXED) for s, i in found.items()]
    for i, text in enumerate(texts):
        section = _unnumbered(text) or _misnumbered(text)
        if section is not None and section not in found:
            candidates.append((i, section, _HEADING_WEIGHT[section]))
    if len(candidates) > _MAX_CANDIDATES:  # no report has so many: keep the numbered ones
        return dict(sorted(found.items(), key=lambda kv: order.index(kv[0])))
    candidates.sort(key=lambda c: c[0])
    chain = _ordered_chain([(i, order.index(s), w) for i, s, w in candidates])
    chosen = {order[rank]: i for i, rank in chain}
    return dict(sorted(chosen.items(), key=lambda kv: order.index(kv[0])))


_FIXED = 1000
"""The weight of a heading numbered as the template numbers it: always kept."""
_HEADING_WEIGHT = {
    s: 2 if s in (Section.PROACTIVE, Section.REQUESTS, Section.REVIEW_LITIGATION) else 4
    for s in Section
}
"""How much a heading without its number, or under another, counts towards the sections
found: a narrative section's more than a table's (see :func:`_find_sections`)."""
_MAX_CANDIDATES = 300


def _ordered_chain(items: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Of ``items`` (line, section rank, weight) in line order, the chain with lines and
    ranks both rising of the greatest weight (the earliest lines among equals), as (line,
    rank) pairs. Quadratic in the items, which are few (headings)."""
    best: list[tuple[int, list[int]]] = [(0, [])] * len(items)
    for k in range(len(items) - 1, -1, -1):
        line, rank, weight = items[k]
        tail: tuple[int, list[int]] = (0, [])
        for j in range(k + 1, len(items)):
            if items[j][0] > line and items[j][1] > rank and best[j][0] > tail[0]:
                tail = best[j]
        best[k] = (weight + tail[0], [k, *tail[1]])
    top: tuple[int, list[int]] = (0, [])
    for b in best:
        if b[0] > top[0]:
            top = b
    return [(items[k][0], items[k][1]) for k in top[1]]


_ANY_NUMBER = re.compile(r"^#*\s*([一二三四五六七八九十])\s*[、.．]\s*(.{2,30})$")
_MISNUMBERED_WORDS: dict[Section, tuple[str, ...]] = {
    Section.OVERVIEW: ("总体情况",),
    Section.PROACTIVE: ("主动公开政府信息",),
    Section.REQUESTS: ("收到和处理政府信息公开申请",),
    Section.REVIEW_LITIGATION: ("行政复议", "行政诉讼"),
    Section.PROBLEMS: ("存在的主要问题",),
    Section.OTHER_MATTERS: ("其他需要报告",),
}
"""What a heading under another number than the template's must say (all of it) to be that
section's: the template heading's own words, not any word of it. A numbered line of the text
is often about 主动公开 or 依申请公开 (an overview's parts numbered 一、主动公开情况 …), and
often about 问题 or 申请."""


def _misnumbered(text: str) -> Section | None:
    """The section whose heading ``text`` (normalised) is, numbered otherwise than the
    template numbers it (see :func:`_find_sections`)."""
    first = text.lstrip("# ")[:1]
    if not first or first not in "一二三四五六七八九十":
        return None
    m = _ANY_NUMBER.match(text)
    if m is None or "。" in text or "本年度办理结果" in text or "结转" in text:
        return None
    rest = m.group(2)
    named = [s for s, words in _MISNUMBERED_WORDS.items() if all(w in rest for w in words)]
    return named[0] if len(named) == 1 else None


def _heading_number(text: str) -> str | None:
    """The number a heading line (normalised) is printed with, if any."""
    m = _ANY_NUMBER.match(text)
    return m.group(1) if m else None


def _regions(sections: dict[Section, int], end: int) -> dict[Section, range]:
    ordered = sorted(sections.items(), key=lambda kv: kv[1])
    regions = {}
    for (section, start), nxt in zip(ordered, [*ordered[1:], (None, end)], strict=True):
        regions[section] = range(start + 1, nxt[1])
    return regions
