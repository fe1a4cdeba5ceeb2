"""Fuzz the readers with mutated reports: ``python -m tools.fuzz --cases 100000``.

Every case is an input of some format — a sample report (the bundled one rendered as text,
Markdown, HTML and JSON, and every file of ``../shared/samples`` when present) mutated by
hypothesis (bytes, lines, digits, encodings, zip members, PDF objects, HTML spans and
entities, JSON shapes), or any text or bytes at all — and must end in a result or a govinfo
error within its time bound (and the process's memory bound); every number of a result must
have been printed in the input (see :func:`check_numbers`). Failures are shrunk by hypothesis
and written, one JSON line each, to ``--failures`` (``fuzz-failures.jsonl``).

The normal test suite runs a small slice (``tests/test_fuzz.py``).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import html
import io
import json
import os
import re
import resource
import signal
import sys
import time
import traceback
import warnings
import zipfile
from decimal import MAX_PREC, Decimal, localcontext
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as seed_of
from hypothesis import strategies as st

import govinfo
from govinfo._text import nfkc
from govinfo.narrative import stated_figures
from govinfo.readers.meta import chinese_number
from govinfo.readers.text import decode
from govinfo.render import to_html, to_markdown, to_text
from govinfo.samples import load

__all__ = ["Case", "cases", "check_case", "main"]

SHARED = Path(
    os.environ.get("GOVINFO_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
_SUFFIX_FORMAT = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".json": "json",
}

Case = tuple[str, bytes]
"""A format and the bytes to read as it."""


@cache
def seeds(*, shared: bool = True) -> tuple[Case, ...]:
    """The inputs mutations start from."""
    report = load("luoyang-scjgj-2020")
    found: list[Case] = [
        ("text", to_text(report).encode("utf-8")),
        ("markdown", to_markdown(report).encode("utf-8")),
        ("html", to_html(report).encode("utf-8")),
        ("json", govinfo.to_json(report).encode("utf-8")),
    ]
    folder = SHARED / "samples"
    if shared and folder.is_dir():
        for path in sorted(folder.iterdir()):
            fmt = _SUFFIX_FORMAT.get(path.suffix)
            if fmt is not None and path.stat().st_size < 2_000_000:
                found.append((fmt, path.read_bytes()))
    return tuple(found)


# --- mutations -------------------------------------------------------------------------------

_DIGITLIKE = [
    "1",
    "0",
    "9",
    "١",
    "٣",
    "⁷",
    "²",
    "⑥",
    "④",
    "１",
    "２",
    "₃",
    "𝟕",
    "⒎",
    "㊱",
    "〇",
    "一",
]
_INSERTS = [
    " ",
    "\t",
    "\n",
    "|",
    "-",
    "—",
    "、",
    "。",
    "（一）",
    "一、",
    "2020年",
    "万元",
    "元",
    "件",
    "——",
    "/",
    "\u3000",
    "\f",
    "\ud800",
    "\x00",
    "&#",
    "&#1234567890123;",
    "&amp;",
    "&nbsp;",
    "<i",
    ">",
    "<td>",
    "</td>",
    "<tr>",
    "<table>",
    "</table>",
    '<td colspan="999">',
    '<td rowspan="0">',
    "<br>",
    '<span style="display:none">',
    "<sup>1</sup>",
    '<meta charset="base64">',
    "```",
    "| --- |",
    "**",
    "\\",
]


@st.composite
def _digit_run(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["ascii", "spaced", "mixed", "long", "money"]))
    if kind == "ascii":
        return draw(st.from_regex(r"[0-9]{1,12}", fullmatch=True))
    if kind == "spaced":
        return draw(st.from_regex(r"[0-9]{1,4}( [0-9]{1,4}){1,3}", fullmatch=True))
    if kind == "mixed":
        return "".join(draw(st.lists(st.sampled_from(_DIGITLIKE), min_size=1, max_size=6)))
    if kind == "long":
        return draw(st.sampled_from("19一-")) * draw(st.integers(10, 20_000))
    return draw(st.from_regex(r"[0-9]{1,40}\.[0-9]{1,12}", fullmatch=True))


def _text_of(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogatepass")


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


@st.composite
def _mutate_text(draw: st.DrawFn, data: bytes) -> bytes:
    text = _text_of(data)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["lines", "digits", "insert", "delete", "repeat", "entity"]))
        lines = text.split("\n")
        if op == "lines" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            how = draw(st.sampled_from(["drop", "dup", "swap", "join"]))
            if how == "drop":
                del lines[i]
            elif how == "dup":
                lines.insert(i, lines[j])
            elif how == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            elif i + 1 < len(lines):
                lines[i : i + 2] = [lines[i] + lines[i + 1]]
            text = "\n".join(lines)
        elif op == "digits":
            runs = [m.span() for m in re.finditer(r"[0-9]+", text)]
            if runs:
                start, end = runs[draw(st.integers(0, len(runs) - 1))]
                text = text[:start] + draw(_digit_run()) + text[end:]
        elif op == "insert":
            at = draw(st.integers(0, len(text)))
            piece = draw(st.one_of(st.sampled_from(_INSERTS), st.text(max_size=8)))
            text = text[:at] + piece + text[at:]
        elif op == "delete" and text:
            at = draw(st.integers(0, len(text) - 1))
            text = text[:at] + text[at + draw(st.integers(1, 64)) :]
        elif op == "repeat" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            count = draw(st.sampled_from([2, 3, 10, 100, 500]))
            lines[i : i + 1] = [lines[i]] * count
            text = "\n".join(lines)
        elif op == "entity":
            at = draw(st.integers(0, len(text)))
            ref = draw(st.sampled_from(["&#", "&#x", "&"])) + draw(
                st.from_regex(r"[0-9a-zA-Z]{0,12};?", fullmatch=True)
            )
            text = text[:at] + ref + text[at:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "gb18030", "utf-16", "utf-8-sig"]))
    return _encode(text, encoding)


@st.composite
def _mutate_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if op == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del out[at : at + draw(st.integers(1, 256))]
        else:
            del out[at:]
    return bytes(out)


@st.composite
def _mutate_zip(draw: st.DrawFn, data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            members = [(info, source.read(info)) for info in source.infolist()]
    except Exception:
        return draw(_mutate_bytes(data))
    op = draw(st.sampled_from(["drop", "dup", "corrupt", "xml", "flags", "bomb"]))
    i = draw(st.integers(0, len(members) - 1))
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for k, (info, original) in enumerate(members):
                body = original
                if k == i and op == "drop":
                    continue
                if k == i and op == "corrupt":
                    body = draw(_mutate_bytes(body))
                if k == i and op == "xml":
                    body = draw(_mutate_text(body))
                if k == i and op == "bomb":
                    body = body + b" " * draw(st.sampled_from([2**20, 3 * 2**20]))
                target.writestr(info.filename, body)
                if k == i and op == "dup":
                    target.writestr(info.filename, body)
    result = bytearray(out.getvalue())
    if op == "flags":
        at = result.find(b"PK\x01\x02")
        while at >= 0:
            field = draw(st.sampled_from([6, 8, 10]))
            result[at + field] ^= draw(st.integers(1, 255))
            at = result.find(b"PK\x01\x02", at + 1)
    return bytes(result)


_PDF_KEYS = [b"/Kids", b"/MediaBox", b"/Count", b"/Length", b"/Root", b"/Pages", b"/Contents"]
_PDF_VALUES = [b"null", b"/Name", b"[]", b"-1", b"99999999999", b"<< >>", b"(x)", b"0 0 R", b"true"]


@st.composite
def _mutate_pdf(draw: st.DrawFn, data: bytes) -> bytes:
    if draw(st.booleans()):
        return draw(_mutate_bytes(data))
    key = draw(st.sampled_from(_PDF_KEYS))
    spots = [m.end() for m in re.finditer(re.escape(key), data)]
    if not spots:
        return draw(_mutate_bytes(data))
    at = spots[draw(st.integers(0, len(spots) - 1))]
    return data[:at] + b" " + draw(st.sampled_from(_PDF_VALUES)) + b" " + data[at:]


def _json_values() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([9999, 10**20, -1, 2**63, 2100, 2101, 0]),
        st.floats(allow_nan=False),
        st.text(max_size=10),
        st.sampled_from(["\ud800", "9999-12-31", "0001-01-01", "1e999", "1" * 50]),
    )
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


@st.composite
def _mutate_json(draw: st.DrawFn, data: bytes) -> bytes:
    document = json.loads(data)
    paths: list[tuple[Any, Any]] = []
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                paths.append((node, key))
                stack.append(value)
        elif isinstance(node, list):
            for key, value in enumerate(node):
                paths.append((node, key))
                stack.append(value)
    for _ in range(draw(st.integers(1, 3))):
        parent, key = paths[draw(st.integers(0, len(paths) - 1))]
        parent[key] = draw(_json_values())
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 9)) == 0:
        depth = draw(st.integers(10, 200_000))
        text = text[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"
    return text.encode("utf-8", errors="surrogatepass")


_MUTATORS = {
    "text": _mutate_text,
    "markdown": _mutate_text,
    "html": _mutate_text,
    "docx": _mutate_zip,
    "pdf": _mutate_pdf,
    "json": _mutate_json,
}


@st.composite
def cases(draw: st.DrawFn, *, shared: bool = True, pdf: bool = True) -> Case:
    """A case: a mutated sample, or any text or bytes read as any format."""
    pool = [s for s in seeds(shared=shared) if pdf or s[0] != "pdf"]
    if draw(st.integers(0, 9)) == 0:
        fmt = draw(st.sampled_from(["text", "markdown", "html", "json", "docx", "pdf", "auto"]))
        if fmt in ("text", "markdown", "html", "json", "auto") and draw(st.booleans()):
            return fmt, draw(st.text()).encode("utf-8", errors="surrogatepass")
        return fmt, draw(st.binary())
    fmt, data = draw(st.sampled_from(pool))
    if fmt not in ("pdf", "docx") and draw(st.integers(0, 4)) == 0:
        return fmt, draw(_mutate_bytes(data))
    return fmt, draw(_MUTATORS[fmt](data))


# --- the checks ------------------------------------------------------------------------------


class CaseTimeout(BaseException):
    """A case ran past its time bound."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise CaseTimeout


_DIGITS = re.compile(r"[0-9]+")
_TAG = re.compile(r"<[^<>]*+>")


def _digits(text: str) -> str:
    return "".join(_DIGITS.findall(nfkc(text)))


_SPACED_RUN = re.compile(r"(?<![0-9])(?>[0-9]+(?:[ \t\u3000]+[0-9]+)+)")
_CHINESE_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万]+")
_PRINTED = re.compile(r"[0-9]{1,3}(?>(?:[, ][0-9]{3})+)(?>(?:\.[0-9]+)?)|(?>[0-9]+(?:\.[0-9]+)?)")


def _printed_values(sentence: str, *, chinese: bool = True) -> set[Decimal]:
    """Every number printed in a sentence of the narrative or a cell's token: ASCII digits
    (NFKC's), with thousands separators and a decimal part, or with ``chinese`` a run of
    Chinese numerals (each of its beginnings, as a pattern may stop before a unit)."""
    text = nfkc(sentence)
    found = {Decimal(m.group().replace(",", "").replace(" ", "")) for m in _PRINTED.finditer(text)}
    for m in _CHINESE_RUN.finditer("".join(text.split()) if chinese else ""):
        for end in range(1, min(len(m.group()), 12) + 1):
            value = chinese_number(m.group()[:end])
            if value is not None:
                found.add(Decimal(value))
    return found


def _exact_scaleb(value: Decimal, places: int) -> Decimal:
    with localcontext(prec=MAX_PREC):
        return value.scaleb(places)


def check_figures(report: govinfo.Report, runs: set[str], haystack: str) -> list[str]:
    """Every figure the narrative states (:func:`govinfo.narrative.stated_figures`) that was not
    printed: its value must be a number of its sentence (an amount in 元 counts as its 万元)
    or a zero (a pattern that says none was received), and the sentence's digits must be in
    the input."""
    problems = []
    for figure in stated_figures(report):
        value = Decimal(figure.value)
        printed = _printed_values(figure.sentence)
        if value != 0 and value not in printed and _exact_scaleb(value, 4) not in printed:
            problems.append(
                f"{figure.location}: {figure.kind.name} {figure.value} not printed in "
                f"{figure.sentence[:80]!r}"
            )
        for run in _DIGITS.findall(nfkc(figure.sentence)):
            if run not in runs and run not in haystack:
                problems.append(f"{figure.location}: {run!r} of its sentence is not in the input")
                break
    return problems


def printed_runs(source: str) -> tuple[set[str], str]:
    """The runs of digits printed in ``source`` (decoded input; each also without its stray
    spaces), and all of them joined into one text to search: made once for an input, however
    many reports it holds (for each report of a compilation, it would cost the whole input
    again)."""
    text = nfkc(source)
    runs = set(_DIGITS.findall(text))
    runs.update("".join(m.group().split()) for m in _SPACED_RUN.finditer(text))
    return runs, "|".join(runs)  # each distinct run once: a repeated input costs no more


def check_numbers(
    result: govinfo.ReadResult, source: str, *, runs: tuple[set[str], str] | None = None
) -> list[str]:
    """Every number in ``result`` that was not printed in ``source`` (decoded input): a cell
    with a value must have its printed token (provenance) whose number is the value (an
    amount in 元 its 万元), and that token's digits must
    appear in the input — in one run of digits, or, for a piece of a run-together row split
    by the tables' rules, in a run whose stray spaces are dropped (docs/reading.md); every
    figure the narrative states must be printed in its sentence (:func:`check_figures`).
    Table 一's counts, table 二's counts and amounts, table 三's and table 四's counts are
    all cells of :func:`govinfo.records`."""
    problems = []
    printed_in, haystack = runs if runs is not None else printed_runs(source)
    for record in govinfo.records(result.report):
        path = f"{record['table']}.{record['row']}.{record['column']}"
        value = result.report.cell(path)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            continue  # no value (None)
        provenance = result.provenance.get(path)
        if provenance is None:
            if value != 0:  # a zero may stand for a blank a report's rule makes zero
                problems.append(f"{path} = {value}: no token it was read from")
            continue
        number = Decimal(value).copy_abs()  # exact: no context rounds either
        printed = _printed_values(provenance.raw, chinese=False)
        if number != 0 and number not in printed and _exact_scaleb(number, 4) not in printed:
            problems.append(f"{path} = {value}: not the number of {provenance.raw!r}")
        for run in _DIGITS.findall(nfkc(provenance.raw)):
            if run not in printed_in and run not in haystack:
                problems.append(f"{path}: token {provenance.raw!r} is not in the input")
                break
    problems.extend(check_figures(result.report, printed_in, haystack))
    return problems


PER_MB = 5.0
"""CPU seconds allowed per MB of input beyond the fixed bound (reading takes about 2 s per MB
of a compilation of a thousand reports, each read, checked and serialized)."""


def check_case(fmt: str, data: bytes, *, seconds: float = 20.0) -> str | None:
    """Read one case; ``None`` when it ended well, else what went wrong. The time bound is
    ``seconds`` of CPU time plus :data:`PER_MB` per MB of input."""
    bound = seconds + PER_MB * len(data) / 1e6
    # CPU time, not wall time: the bound holds however loaded the machine is
    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, bound)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                results = govinfo.read_all(data, format=None if fmt == "auto" else fmt)
            except govinfo.GovinfoError:
                return None
            problems: list[str] = []
            source = ""
            if fmt in ("text", "markdown", "html", "json", "auto"):
                source = decode(data)
                if fmt in ("html", "auto"):
                    with contextlib.suppress(Exception):
                        # the page as shown too: tags dropped (an unknown end tag inside a
                        # cell, "0</ttd>23606", shows as 023606), then references resolved
                        text = source
                        source += "\n" + html.unescape(text)
                        source += "\n" + html.unescape(_TAG.sub("", text))
            digit_runs = printed_runs(source) if source else None
            for result in results:
                result.check()
                govinfo.to_json(result.report).encode("utf-8")
                if source and result.format != "json":
                    problems.extend(check_numbers(result, source, runs=digit_runs))
            return "; ".join(problems[:5]) or None
    except CaseTimeout:
        return f"ran past {bound:.0f} s of CPU time"
    except MemoryError:
        return "MemoryError"
    except Exception as exc:
        frames = traceback.extract_tb(exc.__traceback__)[-3:]
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames))
        return f"{type(exc).__name__}: {str(exc)[:200]} at {where}"
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# --- the command -----------------------------------------------------------------------------


SLOW = 5.0
"""CPU seconds past which a case that ended well is still recorded (``--slow``), to be looked
at: well within its bound, but perhaps a pattern or a loop that is not linear."""


def _property(
    n: int,
    failed: list[tuple[str, bytes, str]],
    *,
    shared: bool,
    pdf: bool,
    slow: list[tuple[str, bytes, float]] | None = None,
) -> Any:
    """A hypothesis test of ``n`` cases, appending each failing case to ``failed`` (and each
    that took more than :data:`SLOW` seconds of CPU time to ``slow``)."""

    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(cases(shared=shared, pdf=pdf))
    def property_(case: Case) -> None:
        started = time.process_time()
        problem = check_case(*case)
        spent = time.process_time() - started
        if slow is not None and spent > SLOW and problem is None:
            slow.append((case[0], case[1], spent))
        if problem is not None:
            failed.append((case[0], case[1], problem))
            raise AssertionError(problem)

    return property_


def _record(path: Path, fmt: str, data: bytes, **fields: Any) -> None:
    with path.open("a", encoding="utf-8") as out:
        record = {"format": fmt, **fields, "data": base64.b64encode(data).decode("ascii")}
        out.write(json.dumps(record) + "\n")


def run(
    total: int,
    *,
    chunk: int,
    seed: int,
    failures: Path,
    pdf: bool,
    shared: bool,
    slow: Path | None = None,
) -> int:
    """Run ``total`` cases in chunks of ``chunk`` examples; returns the failures found. Cases
    that ended well but slowly are written to ``slow``, when given."""
    found = 0
    done = 0
    started = time.time()
    cpu = time.process_time()
    while done < total:
        n = min(chunk, total - done)
        failed: list[tuple[str, bytes, str]] = []
        slow_cases: list[tuple[str, bytes, float]] = []
        property_ = _property(n, failed, shared=shared, pdf=pdf, slow=slow_cases)
        with contextlib.suppress(Exception):  # the failure (or a flaky one) is in `failed`
            seed_of(seed + done)(property_)()
        if failed:
            fmt, data, problem = failed[-1]  # the shrunk one
            found += 1
            _record(failures, fmt, data, problem=problem, seed=seed + done)
            print(f"FAIL {fmt}: {problem} ({len(data)} bytes)", flush=True)
        for fmt, data, spent in slow_cases:
            if slow is not None:
                _record(slow, fmt, data, seconds=round(spent, 1), seed=seed + done)
            print(f"SLOW {fmt}: {spent:.1f} s of CPU time ({len(data)} bytes)", flush=True)
        done += n
        wall = time.time() - started
        print(
            f"{done} cases, {found} failures, {done / max(wall, 1e-9):.1f} cases/s,"
            f" {wall:.0f} s wall, {time.process_time() - cpu:.0f} s CPU",
            flush=True,
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.fuzz", description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=500, help="examples per hypothesis run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures.jsonl"))
    parser.add_argument(
        "--slow", type=Path, default=None, help=f"record cases over {SLOW:.0f} s of CPU here"
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip PDF seeds (slow to read)")
    parser.add_argument("--no-shared", action="store_true", help="bundled sample only")
    parser.add_argument(
        "--memory", type=int, default=3072, help="address-space bound of the process, MiB"
    )
    args = parser.parse_args(argv)
    limit = args.memory * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    found = run(
        args.cases,
        chunk=args.chunk,
        seed=args.seed,
        failures=args.failures,
        pdf=not args.no_pdf,
        shared=not args.no_shared,
        slow=args.slow,
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
