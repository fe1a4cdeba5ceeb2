"""The PDF engine: pages read with pypdfium2 (the PDF library of Chromium) into the objects
pdfplumber would give, tables found from their rules as pdfplumber finds them.

:func:`govinfo.readers.formats.pdf_document` reads a PDF's pages through :func:`open_pdf`; what
it asks of a page (``chars``, ``edges``, ``filter``, ``find_tables``, ``extract_text_lines``) is
what it asked of a pdfplumber page, with the same answers, about eight times sooner: pdfium
parses the content streams in C, where pdfminer (under pdfplumber) parses them in Python.

What is taken from where:

* characters: pdfium's text page, each with its text, its box and its font. The box is the
  one pdfminer computes: from the glyph's origin along its advance width, from the font's
  descent up one font size (pdfium's "loose" box, whose bottom and sides are exactly that, and
  whose top is the font's ascent instead). Characters pdfium adds between text runs (spaces,
  line ends) are left out; a glyph without a Unicode mapping reads as ``(cid:N)``, as pdfminer
  has it;
* rules: every path drawn (stroked or filled; clipping paths are not drawn), split into its
  subpaths, each a ``line`` (one segment), a ``rect`` (an axis-aligned closed four-sided
  path) or a ``curve`` (anything else, its points the ends of its segments) as pdfminer
  classifies them; paths inside form XObjects included;
* tables: pdfplumber's own steps (:func:`pdfplumber.table.merge_edges`,
  :func:`pdfplumber.table.cells_to_tables`, its ``Table`` rows), except the two that compare
  every edge with every other and every corner with every other
  (``edges_to_intersections``, ``intersections_to_cells``): here the same results come from
  sorted lookups (:func:`intersections`, :func:`cells`; a property test holds them to
  pdfplumber's);
* text: a cell's text and the page's text lines as pdfplumber's default text extraction
  builds them (words split at gaps wider than 3 pt, lines within 3 pt), in one pass.

A page this engine does not model exactly — a page rotated by ``/Rotate``, or characters not
upright (rotated or skewed text) — raises :class:`NeedsPdfplumber`, and the document is read
by pdfplumber instead.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import operator
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.fontmetrics import FONT_METRICS
from pdfplumber.table import Table, TableSettings, merge_edges
from pdfplumber.utils.geometry import (
    curve_to_edges,
    filter_edges,
    line_to_edge,
    obj_to_edges,
    rect_to_edges,
)
from pdfplumber.utils.text import LIGATURES

__all__ = [
    "LOCK",
    "NeedsPdfplumber",
    "PdfiumDocument",
    "PdfiumPage",
    "cells",
    "intersections",
    "open_pdf",
    "tables",
]

Obj = dict[str, Any]
Box = tuple[float, float, float, float]
Point = tuple[float, float]

_LIGATURE_OF = {letters: ligature for ligature, letters in LIGATURES.items()}
"""The letters pdfium splits a ligature into, and the ligature (pdfminer's one char)."""
_DESCENT = re.compile(rb"/Descent\b")
_ZERO_DESCENT = re.compile(rb"/Descent\s*0(?![\d.])")
"""A font descriptor's zero descent, as LibreOffice writes them."""
_X_TOLERANCE = 3.0
_Y_TOLERANCE = 3.0
_TEXT, _PATH, _FORM = 1, 2, 5
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2


LOCK = threading.Lock()
"""Held while a document is read: pdfium is not safe to call from two threads at once."""


class NeedsPdfplumber(Exception):
    """A page has a shape this engine does not model exactly: read the document with
    pdfplumber."""


def open_pdf(content: bytes) -> PdfiumDocument:
    """The document in ``content``; raises ``pypdfium2.PdfiumError`` when it is no PDF."""
    return PdfiumDocument(content)


class PdfiumDocument:
    """A PDF opened with pdfium: its :attr:`pages`, each read when first used."""

    def __init__(self, content: bytes) -> None:
        self._document = pypdfium2.PdfDocument(content)
        self.pages = [PdfiumPage(self._document, i) for i in range(len(self._document))]
        # A font descriptor may give a font no descent (LibreOffice's do): pdfminer's glyphs
        # then reach down to their baseline, pdfium's to the font file's descent, and pdfium
        # does not tell what the PDF said. When every descriptor the PDF shows says so, every
        # glyph is placed on its baseline; when only some do, or descriptors may be hidden in
        # compressed object streams, pdfplumber reads the document.
        zero = len(_ZERO_DESCENT.findall(content))
        if zero:
            if zero == len(_DESCENT.findall(content)) and b"/ObjStm" not in content:
                for page in self.pages:
                    page.no_descent = True
            else:
                for page in self.pages:
                    page.unmodelled = "fonts some of whose descriptors give them no descent"

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        for page in self.pages:
            page.close()
        self._document.close()


class _View:
    """Characters and drawn objects of a page, or of a filtered page."""

    def __init__(self, chars: list[Obj], graphics: dict[str, list[Obj]], bbox: Box) -> None:
        self.chars = chars
        self.graphics = graphics
        self.bbox = bbox
        self._edges: list[Obj] | None = None

    @property
    def edges(self) -> list[Obj]:
        """pdfplumber's edges: those of the lines, then of the rects, then of the curves."""
        if self._edges is None:
            graphics = self.graphics
            edges = [line_to_edge(line) for line in graphics["line"]]
            for rect in graphics["rect"]:
                edges += rect_to_edges(rect)
            for curve in graphics["curve"]:
                edges += curve_to_edges(curve)
            self._edges = edges
        return self._edges

    def filter(self, keep: Callable[[Obj], bool]) -> _View:
        graphics = {kind: list(filter(keep, objs)) for kind, objs in self.graphics.items()}
        return _View(list(filter(keep, self.chars)), graphics, self.bbox)

    def find_tables(self, settings: dict[str, Any] | None = None) -> list[_Table]:
        """The tables pdfplumber's ``find_tables`` finds with its default ``lines`` strategy
        (``explicit_horizontal_lines``, as objects, is the one setting taken)."""
        tset = TableSettings.resolve(settings)
        if tset.vertical_strategy != "lines" or tset.horizontal_strategy != "lines":
            raise ValueError("only the 'lines' strategy is modelled")
        edges = self.edges
        vertical = filter_edges(edges, "v", min_length=tset.edge_min_length_prefilter)
        horizontal = filter_edges(edges, "h", min_length=tset.edge_min_length_prefilter)
        for line in tset.explicit_vertical_lines or ():
            if isinstance(line, dict):
                vertical += [e for e in obj_to_edges(line) if e["orientation"] == "v"]
        for line in tset.explicit_horizontal_lines or ():
            if isinstance(line, dict):
                horizontal += [e for e in obj_to_edges(line) if e["orientation"] == "h"]
        merged = merge_edges(
            vertical + horizontal,
            snap_x_tolerance=tset.snap_x_tolerance,
            snap_y_tolerance=tset.snap_y_tolerance,
            join_x_tolerance=tset.join_x_tolerance,
            join_y_tolerance=tset.join_y_tolerance,
        )
        merged = filter_edges(merged, min_length=tset.edge_min_length)
        found = cells(
            intersections(merged, tset.intersection_x_tolerance, tset.intersection_y_tolerance)
        )
        groups = tables(found)
        if not groups:
            return []
        chars = self.chars
        middles = sorted(
            ((c["top"] + c["bottom"]) / 2, i, (c["x0"] + c["x1"]) / 2) for i, c in enumerate(chars)
        )
        heights = [m[0] for m in middles]
        return [_Table(chars, (middles, heights), group) for group in groups]

    def extract_text_lines(self, strip: bool = True, return_chars: bool = True) -> list[Obj]:
        """pdfplumber's ``extract_text_lines()`` (default settings): each line's text, box
        and characters."""
        lines = []
        ligatures = LIGATURES
        for line in _lines(_words(self.chars), preserve_order=True):
            # one entry per letter, as pdfplumber's text map has it (a ligature twice)
            chars: list[Obj] = []
            for word in line:
                if len(word[0]) == len(word[2]):
                    # a letter a character (an empty character is a word of its own, a
                    # ligature or a "(cid:N)" makes the word's text longer)
                    chars += word[2]
                    continue
                for c in word[2]:
                    letters: str = c["text"]
                    if len(letters) == 1 and letters not in ligatures:
                        chars.append(c)
                    else:
                        chars += [c] * len(ligatures.get(letters) or letters)
            text = " ".join([word[0] for word in line]).strip(" ")
            if not text.strip() or not chars:
                continue
            lines.append(
                {
                    "text": text,
                    "x0": min(map(_X0, chars)),
                    "top": min([w[1] for w in line]),
                    "x1": max(map(_X1, chars)),
                    "bottom": max(map(_BOTTOM, chars)),
                    "chars": chars,
                }
            )
        return lines


class PdfiumPage:
    """One page: read from pdfium when first asked about, then answered as a pdfplumber page
    answers."""

    def __init__(self, document: Any, index: int) -> None:
        self._document = document
        self._index = index
        self._view: _View | None = None
        self.unmodelled: str | None = None
        """Why this engine does not read the page, when it does not."""
        self.no_descent = False
        """Every font descriptor of the PDF gives its font no descent."""

    def close(self) -> None:
        self._view = None

    @property
    def view(self) -> _View:
        if self._view is None:
            if self.unmodelled:
                raise NeedsPdfplumber(self.unmodelled)
            self._view = _load(self._document, self._index, self.no_descent)
        return self._view

    @property
    def chars(self) -> list[Obj]:
        return self.view.chars

    @property
    def edges(self) -> list[Obj]:
        return self.view.edges

    def filter(self, keep: Callable[[Obj], bool]) -> _View:
        return self.view.filter(keep)

    def find_tables(self, settings: dict[str, Any] | None = None) -> list[_Table]:
        return self.view.find_tables(settings)

    def extract_text_lines(self, strip: bool = True, return_chars: bool = True) -> list[Obj]:
        return self.view.extract_text_lines(strip, return_chars)


def _load(document: Any, index: int, no_descent: bool = False) -> _View:
    page = document[index]
    try:
        if page.get_rotation() % 360:
            raise NeedsPdfplumber("a rotated page")
        x0, y0, x1, y1 = page.get_mediabox()
        left, right = min(x0, x1), max(x0, x1)
        bottom, top = min(y0, y1), max(y0, y1)
        height = top - bottom
        # pdfplumber's coordinates: x as in the PDF, top = the media box's height less y
        texts: set[int] = set()
        chars = _chars(page, height, texts, no_descent)
        graphics = _graphics(page, height, texts)
    finally:
        page.close()
    return _View(chars, graphics, (left, height - top, right, height - bottom))


# ---------------------------------------------------------------------------------------------
# Reading a page


def _chars(page: Any, top_y: float, texts: set[int], no_descent: bool = False) -> list[Obj]:
    """The page's characters; the addresses of its text objects are added to ``texts``."""
    textpage = page.get_textpage()
    try:
        return _read_chars(textpage.raw, top_y, texts, no_descent)
    finally:
        textpage.close()


def _address(handle: Any) -> int:
    return int(ctypes.cast(handle, ctypes.c_void_p).value or 0)


def _direct(function: Any, result: Any, *arguments: Any) -> Any:
    """pdfium's ``function`` called with plain addresses (ints) for its handles and
    returning one for a handle: a third faster a call than through pypdfium2's typed
    pointers, and a handle kept as a dictionary key without a ``ctypes.cast``."""
    return ctypes.CFUNCTYPE(result, *arguments)(_address(function))


def _loose(function: Any, result: Any) -> Any:
    """pdfium's ``function`` called without argument conversion: its pointers passed as
    ``ctypes.c_void_p`` objects made once, its indexes as ints (C ints). A call a third
    faster again than :func:`_direct`'s, for the calls made once a character."""
    return ctypes.CFUNCTYPE(result)(_address(function))


_P, _I, _D, _F = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float
_TEXT_OBJECT = _direct(pdfium_c.FPDFText_GetTextObject, _P, _P, _I)
_FONT = _direct(pdfium_c.FPDFTextObj_GetFont, _P, _P)
_MAP_ERROR = _direct(pdfium_c.FPDFText_HasUnicodeMapError, _I, _P, _I)
_UNICODE = _direct(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _P, _I)
_LOOSE_BOX = _direct(pdfium_c.FPDFText_GetLooseCharBox, _I, _P, _I, _P)
_CHAR_MATRIX = _direct(pdfium_c.FPDFText_GetMatrix, _I, _P, _I, _P)
_FONT_SIZE = _direct(pdfium_c.FPDFText_GetFontSize, _D, _P, _I)
_ORIGIN = _direct(pdfium_c.FPDFText_GetCharOrigin, _I, _P, _I, _P, _P)
_FORM_OBJECT = _direct(pdfium_c.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
_FORM_COUNT = _direct(pdfium_c.FPDFFormObj_CountObjects, _I, _P)
_OBJECT_TYPE = _direct(pdfium_c.FPDFPageObj_GetType, _I, _P)
_OBJECT_MATRIX = _direct(pdfium_c.FPDFPageObj_GetMatrix, _I, _P, _P)
_DRAW_MODE = _direct(pdfium_c.FPDFPath_GetDrawMode, _I, _P, _P, _P)
_SEGMENT_COUNT = _direct(pdfium_c.FPDFPath_CountSegments, _I, _P)
_SEGMENT = _direct(pdfium_c.FPDFPath_GetPathSegment, _P, _P, _I)
_SEGMENT_POINT = _direct(pdfium_c.FPDFPathSegment_GetPoint, _I, _P, _P, _P)
_SEGMENT_TYPE = _direct(pdfium_c.FPDFPathSegment_GetType, _I, _P)
_SEGMENT_CLOSE = _direct(pdfium_c.FPDFPathSegment_GetClose, _I, _P)
_GET_TEXT = _direct(pdfium_c.FPDFText_GetText, _I, _P, _I, _I, _P)
_FONT_NAME = _direct(pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t, _P, _P, ctypes.c_size_t)
_FONT_ASCENT = _direct(pdfium_c.FPDFFont_GetAscent, _I, _P, _F, _P)
_FONT_DESCENT = _direct(pdfium_c.FPDFFont_GetDescent, _I, _P, _F, _P)
_FONT_EMBEDDED = _direct(pdfium_c.FPDFFont_GetIsEmbedded, _I, _P)
# once a character: a page's and a buffer's address as c_void_p, an index as an int
_EACH_TEXT_OBJECT = _loose(pdfium_c.FPDFText_GetTextObject, _P)
_EACH_MAP_ERROR = _loose(pdfium_c.FPDFText_HasUnicodeMapError, _I)
_EACH_LOOSE_BOX = _loose(pdfium_c.FPDFText_GetLooseCharBox, _I)
_EACH_CHAR_MATRIX = _loose(pdfium_c.FPDFText_GetMatrix, _I)
_EACH_PAGE_OBJECT = _loose(pdfium_c.FPDFPage_GetObject, _P)


def _page_text(raw: Any, count: int) -> str | None:
    """The text of all ``count`` characters in one call, when each is one UTF-16 unit."""
    buffer = bytearray(2 * count + 2)
    written = _GET_TEXT(_address(raw), 0, count, _buffer_address(buffer))
    text = buffer[: 2 * max(written - 1, 0)].decode("utf-16-le", "replace")
    return text if len(text) == count else None


def _buffer_address(buffer: bytearray) -> int:
    """Where a (non-empty) bytearray's bytes are: a buffer passed to pdfium without a ctypes
    array type made for its length (making one takes longer than pdfium's call)."""
    return ctypes.addressof(ctypes.c_char.from_buffer(buffer))


def _read_chars(raw: Any, top_y: float, texts: set[int], no_descent: bool = False) -> list[Obj]:
    count = pdfium_c.FPDFText_CountChars(raw)
    page = _address(raw)
    whole = _page_text(raw, count) or [chr(_UNICODE(page, i)) for i in range(count)]
    page_arg = ctypes.c_void_p(page)
    get_object, get_font, map_error, loose = (
        _EACH_TEXT_OBJECT,
        _FONT,
        _EACH_MAP_ERROR,
        _EACH_LOOSE_BOX,
    )
    get_matrix, get_size, get_origin = _EACH_CHAR_MATRIX, _FONT_SIZE, _ORIGIN
    # results are written into these and read through memoryviews (ctypes arrays are slow
    # to index)
    # FS_RECTF (left, top, right, bottom) then FS_MATRIX (a, b, c, d, e, f): a new text
    # object's box and matrix read at once
    box_memory = (ctypes.c_float * 10)()
    box_at = ctypes.c_void_p(ctypes.addressof(box_memory))
    matrix_at = ctypes.c_void_p(ctypes.addressof(box_memory) + 4 * ctypes.sizeof(ctypes.c_float))
    both = memoryview(box_memory).cast("B").cast("f")
    box = both[:4]
    origin_memory = (ctypes.c_double * 2)()
    origin_x_at = ctypes.addressof(origin_memory)
    origin = memoryview(origin_memory).cast("B").cast("d")
    origin_y_at = origin_x_at + ctypes.sizeof(ctypes.c_double)
    fonts: dict[int | None, tuple[str, bool, float | None]] = {}
    even_fonts: set[int | None] = set()  # fonts whose loose boxes are all one height
    run_font: int | None = None  # the font, matrix and box height the size was taken for
    run_a = run_d = run_height = 0.0
    box_values = cast("Callable[[], list[float]]", box.tolist)
    both_values = cast("Callable[[], list[float]]", both.tolist)
    add_text = texts.add
    ligature_of = _LIGATURE_OF
    chars: list[Obj] = []
    append = chars.append
    last: int | None = None
    known_font: int | None = -1  # the font the last text object's is (not a font at first)
    known: tuple[str, bool, float | None] | None = None
    size = 0.0
    fontname = ""
    vertical = False
    descent: float | None = None
    for i in range(count):
        key = get_object(page_arg, i)
        if key is None:
            continue  # a space or line end pdfium adds between runs: not in the PDF
        loose(page_arg, i, box_at)
        if key == last:
            x0, high, x1, low = box_values()
        else:
            add_text(key)
            get_matrix(page_arg, i, matrix_at)
            x0, high, x1, low, a, b, c, d, e, _ = both_values()
            if b or c or a <= 0 or d <= 0:
                raise NeedsPdfplumber("text that is not upright")
            font = get_font(key)
            # the loose box's height is the font's (ascent - descent) times its size: the
            # same font, matrix and height as the run before means the same size
            height = high - low
            if not (font == run_font and a == run_a and d == run_d and height == run_height):
                size = get_size(page, i) * d
                if font in even_fonts:
                    run_font, run_a, run_d, run_height = font, a, d, height
                else:
                    run_font = None
            if font != known_font:
                known = fonts.get(font)
            if known is None:
                get_origin(page, i, origin_x_at, origin_y_at)
                origin_x, origin_y = cast("list[float]", origin.tolist())
                name = _font_name(font)
                # pdfminer's glyphs reach down to the descent its font descriptor gives (its
                # own metrics for the standard fonts); pdfium's loose boxes to the descent of
                # the font it renders with, another one when the PDF does not embed it
                descent = _standard_descent(name)
                if descent is None:
                    if not _FONT_EMBEDDED(font):
                        # pdfium measures such glyphs with the font it substitutes, pdfminer
                        # with the widths the PDF gives
                        raise NeedsPdfplumber("text in a font the PDF does not embed")
                    descent = 0.0 if no_descent else _descent(font)
                    if abs((low - origin_y) / size - descent) < 1e-4:
                        descent = None  # the loose box's bottom is pdfminer's
                known = fonts[font] = (
                    name,
                    # a font written vertically puts a glyph's origin half a glyph to the
                    # left of where the text is placed; horizontally the two are the same
                    abs(origin_x - e) > 1e-3 * size,
                    descent,
                )
                if _has_ascent(font):
                    even_fonts.add(font)
                    run_font, run_a, run_d, run_height = font, a, d, height
            fontname, vertical, descent = known
            known_font = font
        text = f"(cid:{_UNICODE(page, i)})" if map_error(page_arg, i) else whole[i]
        if vertical:
            # pdfminer's box of a vertically written glyph: one size square, its bottom
            # left at the origin pdfium gives
            get_origin(page, i, origin_x_at, origin_y_at)
            x0, origin_y = cast("list[float]", origin.tolist())
            x1 = x0 + size
            bottom = top_y - origin_y
        else:
            if descent is None:
                bottom = top_y - low
            else:
                get_origin(page, i, origin_x_at, origin_y_at)
                bottom = top_y - (origin[1] + descent * size)
            if key == last and chars and x0 == chars[-1]["x0"] and x1 == chars[-1]["x1"]:
                # one glyph pdfium split into letters (a ligature): pdfminer's one char
                previous = chars[-1]
                joined = previous["text"] + text
                previous["text"] = ligature_of.get(joined, joined)
                continue
        last = key
        top = bottom - size
        append(
            {
                "object_type": "char",
                "text": text,
                "fontname": fontname,
                "size": size,
                "upright": True,
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
            }
        )
    return chars


def _has_ascent(font: int | None) -> bool:
    """Whether pdfium's loose boxes in ``font`` span its ascent to its descent (one height
    for every glyph of a size), not each glyph's own outline (when the two are equal)."""
    if not font:
        return False
    metrics = (ctypes.c_float * 2)()  # ascent, descent
    at = ctypes.addressof(metrics)
    return bool(
        _FONT_ASCENT(font, 1.0, at)
        and _FONT_DESCENT(font, 1.0, at + ctypes.sizeof(ctypes.c_float))
        and metrics[0] != metrics[1]
    )


def _descent(font: int | None) -> float:
    """The descent (in ems) of a font's descriptor (or, without one, of its font file)."""
    if not font:
        return 0.0
    descent = (ctypes.c_float * 1)()
    if not _FONT_DESCENT(font, 1.0, ctypes.addressof(descent)):
        return 0.0
    return float(descent[0])


def _standard_descent(fontname: str) -> float | None:
    """The descent (in ems) pdfminer takes for one of the standard fonts (Helvetica, Times,
    Arial...) from its own metrics, whatever the PDF says; ``None`` for other fonts, whose
    descent pdfium reads as pdfminer does."""
    metrics = FONT_METRICS.get(fontname)
    if metrics is None:
        return None
    descent = float(metrics[0].get("Descent", 0))  # type: ignore[arg-type]
    return -abs(descent) / 1000


def _font_name(font: int | None) -> str:
    if not font:
        return ""
    length = _FONT_NAME(font, None, 0)
    if length <= 0:
        return ""
    buffer = bytearray(length)
    _FONT_NAME(font, _buffer_address(buffer), length)
    return buffer.split(b"\0", 1)[0].decode("utf-8", "replace")


Matrix = tuple[float, float, float, float, float, float]


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n``."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _graphics(page: Any, top_y: float, texts: set[int]) -> dict[str, list[Obj]]:
    """The page's paths as pdfminer's lines, rects and curves; the objects in ``texts`` (text
    objects, known from the characters) are passed over without asking their type."""
    graphics: dict[str, list[Obj]] = {"line": [], "rect": [], "curve": []}
    matrix_memory = (ctypes.c_float * 6)()
    matrix_at = ctypes.addressof(matrix_memory)
    matrix = memoryview(matrix_memory).cast("B").cast("f")
    modes_memory = (ctypes.c_int * 2)()  # fill mode, stroke
    fill_at = ctypes.addressof(modes_memory)
    stroke_at = fill_at + ctypes.sizeof(ctypes.c_int)
    modes = memoryview(modes_memory).cast("B").cast("i")
    point_memory = (ctypes.c_float * 2)()
    x_at = ctypes.addressof(point_memory)
    point = memoryview(point_memory).cast("B").cast("f")
    y_at = x_at + ctypes.sizeof(ctypes.c_float)
    get_type, get_matrix, draw_mode = _OBJECT_TYPE, _OBJECT_MATRIX, _DRAW_MODE
    get_segment, get_point = _SEGMENT, _SEGMENT_POINT
    segment_type, segment_close = _SEGMENT_TYPE, _SEGMENT_CLOSE

    def walk(objects: Iterator[int | None], outer: Matrix | None) -> None:
        for obj in objects:
            if obj in texts:
                continue
            kind = get_type(obj)
            if kind == _TEXT:
                if _blank(obj):
                    continue  # only glyphs without outlines (an ideographic space)
                # text pdfium's text page left out: glyphs it cannot place (a font the PDF
                # does not embed and this machine does not have), which pdfminer reads
                raise NeedsPdfplumber("text without characters in pdfium's text page")
            if kind != _PATH and kind != _FORM:  # noqa: PLR1714 - ints, compared fast
                continue
            get_matrix(obj, matrix_at)
            own: Matrix = tuple(matrix.tolist())  # type: ignore[assignment]
            full = _multiply(own, outer) if outer is not None else own
            if kind == _FORM:
                form = obj
                walk((_FORM_OBJECT(form, j) for j in range(_FORM_COUNT(form))), full)
                continue
            draw_mode(obj, fill_at, stroke_at)
            fill, stroke = modes.tolist()
            if not fill and not stroke:
                continue
            a, b, c, d, e, f = full
            segments: list[tuple[int, float, float, bool]] = []
            for k in range(_SEGMENT_COUNT(obj)):
                segment = get_segment(obj, k)
                get_point(segment, x_at, y_at)
                px, py = point.tolist()
                segment_kind = segment_type(segment)
                segments.append(
                    (
                        segment_kind,
                        a * px + c * py + e,
                        b * px + d * py + f,
                        # a move closes nothing (pdfium keeps no flag there to ask about)
                        segment_kind != _MOVETO and bool(segment_close(segment)),
                    )
                )
            _paint(segments, bool(stroke), bool(fill), graphics, top_y)

    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    page_arg = ctypes.c_void_p(_address(page.raw))
    walk(map(_EACH_PAGE_OBJECT, itertools.repeat(page_arg, count), range(count)), None)
    return graphics


def _blank(obj: int | None) -> bool:
    """Whether a text object pdfium's text page leaves out draws nothing: its glyphs, in a
    font the PDF embeds, have no outlines (its bounds are a point: spaces)."""
    font = _FONT(obj)
    if not font or not _FONT_EMBEDDED(font):
        return False
    bounds = [ctypes.c_float() for _ in range(4)]
    handle = ctypes.cast(ctypes.c_void_p(obj), pdfium_c.FPDF_PAGEOBJECT)
    if not pdfium_c.FPDFPageObj_GetBounds(handle, *(ctypes.byref(b) for b in bounds)):
        return False
    left, bottom, right, top = (b.value for b in bounds)
    return bool(left == right and bottom == top)


def _subpaths(
    segments: Sequence[tuple[int, float, float, bool]],
) -> Iterator[tuple[str, list[Point]]]:
    """pdfminer's view of a path: each subpath's operators (``m``, ``l``, ``c``, ``h``) and
    points (a curve's end point; ``h``'s is the subpath's start)."""
    shape: list[str] = []
    points: list[Point] = []
    pending = 0  # control points of a Bézier segment still to come
    for kind, px, py, close in segments:
        if kind == _MOVETO:
            if shape:
                yield "".join(shape), points
            shape, points, pending = ["m"], [(px, py)], 0
            continue
        if not shape:
            continue
        if kind == _BEZIERTO:
            if pending == 0:
                pending = 2
                continue
            pending -= 1
            if pending:
                continue
            shape.append("c")
        else:
            shape.append("l")
        points.append((px, py))
        if close:
            shape.append("h")
            points.append(points[0])
    if shape:
        yield "".join(shape), points


def _paint(
    segments: Sequence[tuple[int, float, float, bool]],
    stroke: bool,
    fill: bool,
    graphics: dict[str, list[Obj]],
    top_y: float,
) -> None:
    """The objects pdfminer makes of one painted path (``PDFLayoutAnalyzer.paint_path``)."""
    for path_shape, path_points in _subpaths(segments):
        shape, points = path_shape, path_points
        if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
            shape = shape[:-2] + "h"
            points = points[:-2] + points[-1:]
        if shape in ("mlh", "ml"):
            kind = "line"
            points = points[:2]
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            kind = "rect" if points[0] == points[4] and square else "curve"
            if kind == "rect":
                points = [points[0], points[2]]
        else:
            kind = "curve"
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        x0, x1 = min(xs), max(xs)
        top, bottom = top_y - max(ys), top_y - min(ys)
        obj: Obj = {
            "object_type": kind,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "y0": top_y - bottom,
            "y1": top_y - top,
            "width": x1 - x0,
            "height": bottom - top,
            "stroke": stroke,
            "fill": fill,
        }
        if kind == "curve":
            obj["pts"] = [(px, top_y - py) for px, py in points]
        graphics[kind].append(obj)


# ---------------------------------------------------------------------------------------------
# Tables


def intersections(
    edges: Sequence[Obj], x_tolerance: float = 1, y_tolerance: float = 1
) -> dict[Point, tuple[set[Box], set[Box]]]:
    """pdfplumber's ``edges_to_intersections``: each point where a vertical and a horizontal
    edge meet (within the tolerances), with the boxes of the vertical and of the horizontal
    edges meeting there. Horizontal edges are looked up by height instead of each compared
    with each vertical one."""
    horizontal = sorted(
        (
            (e["top"], e["x0"], e["x1"], (e["x0"], e["top"], e["x1"], e["bottom"]))
            for e in edges
            if e["orientation"] == "h"
        ),
        key=lambda h: h[0],
    )
    tops = [h[0] for h in horizontal]
    found: dict[Point, tuple[set[Box], set[Box]]] = {}
    margin = 2 * y_tolerance + 1
    for v in edges:
        if v["orientation"] != "v":
            continue
        x, v_top, v_bottom = v["x0"], v["top"], v["bottom"]
        box = (x, v_top, v["x1"], v_bottom)
        start = bisect.bisect_left(tops, v_top - margin)
        end = bisect.bisect_right(tops, v_bottom + margin)
        for h_top, h_x0, h_x1, h_box in horizontal[start:end]:
            if (
                v_top <= h_top + y_tolerance
                and v_bottom >= h_top - y_tolerance
                and x >= h_x0 - x_tolerance
                and x <= h_x1 + x_tolerance
            ):
                vertex = (x, h_top)
                sets = found.get(vertex)
                if sets is None:
                    sets = found[vertex] = (set(), set())
                sets[0].add(box)
                sets[1].add(h_box)
    return found


def cells(found: dict[Point, tuple[set[Box], set[Box]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``: for each corner, in order, the smallest cell
    it is the top left of (the first corner below and the first to its right, joined to it
    by edges, whose opposite corner is joined to both). The corners below and to the right
    are looked up by column and by row instead of searched for among all the corners."""
    points = sorted(found)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    places = []  # each point's place in its column and in its row
    for point in points:
        column = columns.setdefault(point[0], [])
        row = rows.setdefault(point[1], [])
        places.append((len(column), len(row)))
        column.append(point)
        row.append(point)
    result: list[Box] = []
    for point, (in_column, in_row) in zip(points, places, strict=True):
        vertical, horizontal = found[point]
        below = columns[point[0]][in_column + 1 :]
        right = rows[point[1]][in_row + 1 :]
        cell = _smallest_cell(point, vertical, horizontal, below, right, found)
        if cell is not None:
            result.append(cell)
    return result


def _smallest_cell(
    point: Point,
    vertical: set[Box],
    horizontal: set[Box],
    below: list[Point],
    right: list[Point],
    found: dict[Point, tuple[set[Box], set[Box]]],
) -> Box | None:
    for below_point in below:
        below_v, below_h = found[below_point]
        if vertical.isdisjoint(below_v):
            continue
        for right_point in right:
            right_v, right_h = found[right_point]
            if horizontal.isdisjoint(right_h):
                continue
            corner = (right_point[0], below_point[1])
            sets = found.get(corner)
            if (
                sets is not None
                and not sets[0].isdisjoint(right_v)
                and not sets[1].isdisjoint(below_h)
            ):
                return (point[0], point[1], corner[0], corner[1])
    return None


def tables(found: Sequence[Box]) -> list[list[Box]]:
    """pdfplumber's ``cells_to_tables``: cells into tables, each grown from the first cell
    left by taking, pass after pass over the cells left in order, every cell sharing a corner
    with it; tables of more than one cell, top to bottom. The cells left are kept in a new
    list each pass instead of each taken cell removed from the middle of one."""
    remaining = [(cell, _corners(cell)) for cell in found]
    result: list[list[Box]] = []
    current: list[Box] = []
    corners: set[Point] = set()
    while remaining:
        before = len(current)
        left = []
        for cell, cell_corners in remaining:
            if not current or not corners.isdisjoint(cell_corners):
                corners.update(cell_corners)
                current.append(cell)
            else:
                left.append((cell, cell_corners))
        remaining = left
        if len(current) == before:
            result.append(current)
            current, corners = [], set()
    if current:
        result.append(current)
    result.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in result if len(t) > 1]


def _corners(box: Box) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = box
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))


class _Table:
    """A table found: its cells (boxes), rows and bounding box as pdfplumber's ``Table`` has
    them, and the text of each cell as its ``extract()`` reads it."""

    def __init__(
        self,
        chars: list[Obj],
        middles: tuple[list[tuple[float, int, float]], list[float]],
        found: list[Box],
    ) -> None:
        self._chars = chars
        self._middles = middles
        table = Table(None, found)  # type: ignore[arg-type]
        self.cells = found
        self.bbox: Box = table.bbox
        self.rows = table.rows

    def extract(self) -> list[list[str | None]]:
        """Each cell's text: of the characters whose middle is inside it (left and top edges
        included), in the page's order."""
        chars = self._chars
        middles, heights = self._middles
        texts: list[list[str | None]] = []
        for row in self.rows:
            x0, top, x1, bottom = row.bbox
            start = bisect.bisect_left(heights, top)
            end = bisect.bisect_left(heights, bottom)
            in_row = sorted((i, y, x) for y, i, x in middles[start:end] if x0 <= x < x1)
            boxes: list[Box] = [cell for cell in row.cells if cell is not None]
            lefts = [box[0] for box in boxes]
            found: list[list[Obj]]
            if lefts == sorted(lefts) and all(a[2] <= b[0] for a, b in itertools.pairwise(boxes)):
                # side by side (as cells of a row are): a character can only be in the
                # last cell starting left of it
                found = [[] for _ in boxes]
                for i, y, x in in_row:
                    k = bisect.bisect_right(lefts, x) - 1
                    if k >= 0:
                        _, high, right, low = boxes[k]
                        if x < right and high <= y < low:
                            found[k].append(chars[i])
            else:
                found = [
                    [chars[i] for i, y, x in in_row if left <= x < right and high <= y < low]
                    for left, high, right, low in boxes
                ]
            each = iter(found)
            line: list[str | None] = []
            for cell in row.cells:
                if cell is None:
                    line.append(None)
                    continue
                inside = next(each)
                line.append(_text(inside) if inside else "")
            texts.append(line)
        return texts


# ---------------------------------------------------------------------------------------------
# Text, as pdfplumber's default extraction builds it

Word = tuple[str, float, list[Obj]]
"""A word: its text, its top, and its characters."""


def _clusters(values: Sequence[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's ``make_cluster_dict``: each distinct value's cluster, values within
    ``tolerance`` of the one before joining its cluster."""
    result: dict[float, int] = {}
    number = -1
    last = 0.0
    for value in sorted(set(values)):
        if number < 0 or value > last + tolerance:
            number += 1
        result[value] = number
        last = value
    return result


def _words(chars: Sequence[Obj]) -> list[Word]:
    """pdfplumber's ``WordExtractor`` (default settings) over upright characters: lines of
    characters within 3 pt of each other's top, each sorted left to right, split into words
    at blanks and at gaps wider than 3 pt."""
    if not chars:
        return []
    tops = [c["top"] for c in chars]
    if max(tops) - min(tops) <= _Y_TOLERANCE:
        groups: Sequence[Sequence[Obj]] = [chars]  # one line
    else:
        cluster = _clusters(tops, _Y_TOLERANCE)
        # the characters of each cluster in their order (as a stable sort by cluster, then
        # grouped, has them); every cluster number holds a character
        clustered: list[list[Obj]] = [[] for _ in range(max(cluster.values()) + 1)]
        for char, top in zip(chars, tops, strict=True):
            clustered[cluster[top]].append(char)
        groups = clustered
    words: list[Word] = []
    ligatures = LIGATURES
    tolerance = _X_TOLERANCE
    y_tolerance = _Y_TOLERANCE
    fields = _TEXT_X0_X1_TOP
    for group in groups:
        current: list[Obj] = []
        last_x0 = last_x1 = last_top = 0.0
        for char in sorted(group, key=_X0):
            text, x0, x1, top = fields(char)
            if not text or text.isspace():
                if current:
                    words.append(_word(current, ligatures))
                current = []
                if not text:  # pdfplumber's word of its own
                    words.append(_word([char], ligatures))
                continue
            if current and (
                x0 < last_x0 or x0 > last_x1 + tolerance or abs(top - last_top) > y_tolerance
            ):
                words.append(_word(current, ligatures))
                current = [char]
            else:
                current.append(char)
            last_x0, last_x1, last_top = x0, x1, top
        if current:
            words.append(_word(current, ligatures))
    return words


_X0 = operator.itemgetter("x0")
_TEXT_X0_X1_TOP = operator.itemgetter("text", "x0", "x1", "top")
_X1 = operator.itemgetter("x1")
_BOTTOM = operator.itemgetter("bottom")


def _word(chars: list[Obj], ligatures: dict[str, str]) -> Word:
    if len(chars) == 1:
        char = chars[0]
        text: str = char["text"]
        return (ligatures.get(text, text), char["top"], chars)
    texts: list[str] = [c["text"] for c in chars]
    return (
        "".join([ligatures.get(t, t) for t in texts]),
        min([c["top"] for c in chars]),
        chars,
    )


def _lines(words: list[Word], *, preserve_order: bool) -> list[list[Word]]:
    """Words into lines by their tops (within 3 pt): pdfplumber's ``cluster_objects``."""
    if not words:
        return []
    tops = [w[1] for w in words]
    if max(tops) - min(tops) <= _Y_TOLERANCE:
        return [words]
    cluster = _clusters(tops, _Y_TOLERANCE)
    ordered = words if preserve_order else sorted(words, key=lambda w: cluster[w[1]])
    return [list(group) for _, group in itertools.groupby(ordered, key=lambda w: cluster[w[1]])]


def _text(chars: Sequence[Obj]) -> str:
    """pdfplumber's ``extract_text`` (default settings) of a cell's characters."""
    if len(chars) == 1:  # most cells hold one digit
        text: str = chars[0]["text"]
        return "" if text.isspace() else LIGATURES.get(text, text)
    words = _words(chars)
    if words and max(w[1] for w in words) - min(w[1] for w in words) <= _Y_TOLERANCE:
        return " ".join([word[0] for word in words])  # one line (as most cells are)
    lines = _lines(words, preserve_order=False)
    return "\n".join(" ".join(word[0] for word in line) for line in lines)
