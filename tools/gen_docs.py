"""Regenerate the generated parts of docs/ from the registry and the model.

Generated text sits between ``<!-- BEGIN GENERATED: name -->`` and ``<!-- END GENERATED: name
-->`` markers in a hand-written page; everything else on the page is left alone. The test
suite fails when a page is out of date, so run this after changing the registry or the model::

    python tools/gen_docs.py          # rewrite the pages
    python tools/gen_docs.py --check  # exit 1 if a page is out of date
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_args

import attrs

from govinfo import model
from govinfo.checks import rules
from govinfo.cli import build_parser
from govinfo.limits import Limits
from govinfo.readers import DiagnosticCode
from govinfo.registry import (
    APPLICANT_HEADER,
    ORGANISATIONS_HEADER,
    REQUESTS_NOTE,
    RESULTS_LABEL,
    Applicant,
    Edition,
    OverviewPart,
    RequestRow,
    ReviewBlock,
    ReviewResult,
    Section,
    cells,
    table,
)
from govinfo.serialization import MODEL_CLASSES

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _editions(editions: frozenset[Edition]) -> str:
    return ", ".join(e.value for e in sorted(editions))


def render_sections() -> str:
    sections = _table(
        ["#", "key", "heading", "English"],
        [(s.number, f"`{s.key}`", s.zh, s.en) for s in Section],
    )
    parts = _table(
        ["part", "key", "heading", "English"],
        [(p.number, f"`{p.key}`", p.zh, p.en) for p in OverviewPart],
    )
    return f"{sections}\n\nThe usual sub-parts of section 一 (`Overview.parts[].part`):\n\n{parts}"


def render_proactive() -> str:
    out = []
    for edition in Edition:
        rows = [
            (
                r.caption,
                f"`{r.key}`",
                r.zh,
                r.en,
                "; ".join(f"`{c.key}` {c.zh} ({c.kind.value})" for c in r.columns),
            )
            for r in table("proactive").rows_for(edition)
        ]
        out.append(
            f"Edition {edition.value}:\n\n"
            + _table(["caption", "row", "label", "English", "columns (key, label, kind)"], rows)
        )
    return "\n\n".join(out)


def render_requests() -> str:
    columns = _table(
        ["column", "label", "English"], [(f"`{a.key}`", a.zh, a.en) for a in Applicant]
    )
    rows = _table(
        ["row", "group", "label", "English", "editions", "outcome"],
        [
            (
                f"`{r.key}`",
                r.group.zh if r.group else "",
                r.zh,
                r.en,
                _editions(r.editions),
                "yes" if r.is_outcome else "",
            )
            for r in RequestRow
        ],
    )
    counts = ", ".join(
        f"{len(table('requests').rows_for(e))} rows in edition {e.value}" for e in Edition
    )
    return (
        f"Header: {APPLICANT_HEADER} over all columns; {ORGANISATIONS_HEADER} over the five "
        f"organisation columns (no subtotal column). Top-left cell: {REQUESTS_NOTE}\n\n"
        f"{columns}\n\nRows ({counts}; every result row sits under {RESULTS_LABEL}):\n\n{rows}"
    )


def render_review_litigation() -> str:
    blocks = _table(
        ["block", "label", "English"], [(f"`{b.key}`", b.zh, b.en) for b in ReviewBlock]
    )
    results = _table(
        ["column", "label", "English"], [(f"`{r.key}`", r.zh, r.en) for r in ReviewResult]
    )
    return f"{blocks}\n\nEach block has the same five columns:\n\n{results}"


def _type_name(tp: Any) -> str:
    args = get_args(tp)
    if args:
        inner = " \\| ".join(_type_name(a) for a in args if a is not Ellipsis)
        return f"tuple[{inner}, ...]" if Ellipsis in args else inner
    return "None" if tp is type(None) else getattr(tp, "__name__", str(tp))


def render_classes() -> str:
    out = []
    for cls in reversed(MODEL_CLASSES):
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        fields = [
            (
                f"`{a.name}`",
                _type_name(a.type),
                a.metadata.get(model.CELL_KIND, ""),
                "required" if a.default is attrs.NOTHING else "optional",
            )
            for a in attrs.fields(cls)
        ]
        out.append(
            f"### `{cls.__name__}`\n\n{doc}\n\n"
            + _table(["field", "type", "cell kind", "in documents"], fields)
        )
    return "\n\n".join(out)


def render_cell_counts() -> str:
    rows = []
    for edition in Edition:
        by_table: dict[str, int] = {}
        for t, _, _ in cells(edition):
            by_table[t.key] = by_table.get(t.key, 0) + 1
        rows.append((edition.value, *by_table.values(), sum(by_table.values())))
    return _table(["edition", "proactive", "requests", "review_litigation", "all"], rows)


def render_cli() -> str:
    """``--help`` of the command and every subcommand, at a fixed width."""
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal; the docs must not vary
    try:
        parser = build_parser()
        out = ["```text", parser.format_help().rstrip(), "```"]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    help_text = sub.format_help().rstrip()
                    out += ["", f"### `govinfo {name}`", "", "```text", help_text, "```"]
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return "\n".join(out)


def render_rules() -> str:
    rows = [
        (
            f"`{r.id}`",
            f"{r.title_zh}<br>{r.title_en}",
            r.severity.value,
            ", ".join(f"`{t}`" for t in sorted(r.tags)),
            _editions(r.editions),
            r.basis.value,
            r.source,
        )
        for r in rules()
    ]
    return _table(["id", "title", "severity", "tags", "editions", "basis", "source"], rows)


def render_diagnostics() -> str:
    rows = [(f"`{c.value}`", c.severity.value, c.meaning) for c in DiagnosticCode]
    return _table(["code", "severity", "meaning"], rows)


def render_limits() -> str:
    rows = [(f"`{name}`", f"{default:,}", meaning) for name, default, meaning in Limits.described()]
    return _table(["limit", "default", "what it bounds"], rows)


GENERATORS: dict[str, Callable[[], str]] = {
    "limits": render_limits,
    "rules": render_rules,
    "diagnostics": render_diagnostics,
    "cli": render_cli,
    "sections": render_sections,
    "proactive": render_proactive,
    "requests": render_requests,
    "review_litigation": render_review_litigation,
    "classes": render_classes,
    "cell_counts": render_cell_counts,
}

_REGION = re.compile(
    r"(<!-- BEGIN GENERATED: (?P<name>[a-z_]+) -->\n)(?:.*?\n)?(<!-- END GENERATED: (?P=name) -->)",
    re.DOTALL,
)


def render_page(text: str) -> str:
    """``text`` with every generated region brought up to date."""

    def replace(match: re.Match[str]) -> str:
        body = GENERATORS[match.group("name")]()
        return f"{match.group(1)}{body}\n{match.group(3)}"

    return _REGION.sub(replace, text)


def pages() -> list[Path]:
    """The docs pages that contain generated regions."""
    return sorted(p for p in DOCS.glob("**/*.md") if "<!-- BEGIN GENERATED:" in p.read_text())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report out-of-date pages")
    args = parser.parse_args(argv)
    stale = []
    for page in pages():
        text = page.read_text(encoding="utf-8")
        fresh = render_page(text)
        if fresh != text:
            stale.append(page)
            if not args.check:
                page.write_text(fresh, encoding="utf-8")
    for page in stale:
        print(f"{'out of date' if args.check else 'updated'}: {page}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
