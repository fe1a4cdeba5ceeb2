"""The generated parts of docs/ are up to date with the registry and the model."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from govinfo.registry import Edition, table
from tools import gen_docs


@pytest.mark.parametrize("page", gen_docs.pages(), ids=lambda p: p.name)
def test_generated_docs_are_current(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert gen_docs.render_page(text) == text, f"{page} is stale: run python tools/gen_docs.py"


def test_model_page_lists_every_row() -> None:
    text = (gen_docs.DOCS / "model.md").read_text(encoding="utf-8")
    for edition in Edition:
        for tbl_key in ("proactive", "requests", "review_litigation"):
            for row in table(tbl_key).rows_for(edition):
                assert f"`{row.key}`" in text
                assert row.zh in text


def test_check_mode_reports_stale_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "x\n<!-- BEGIN GENERATED: cell_counts -->\nold\n<!-- END GENERATED: cell_counts -->\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(gen_docs, "DOCS", tmp_path)
    assert gen_docs.main(["--check"]) == 1
    assert gen_docs.main([]) == 0
    assert "| 2021 |" in page.read_text(encoding="utf-8")
    assert gen_docs.main(["--check"]) == 0


@pytest.mark.parametrize("page", sorted(gen_docs.DOCS.glob("*.md")), ids=lambda p: p.name)
def test_each_heading_of_a_page_is_there_once(page: Path) -> None:
    # an edit that pasted a section again left two "## Speed" sections with different figures
    headings, fenced = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        fenced ^= line.startswith("```")
        if not fenced and line.startswith("#"):
            headings.append(line)
    repeated = sorted({h for h in headings if headings.count(h) > 1})
    assert not repeated, f"{page.name} repeats {repeated}"


def test_the_notebook_session_gives_what_the_page_shows(
    shared_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every ``>>>`` example of docs/notebook.md, run in the shared folder, must print what the
    # page shows: a change to records, frames or findings that changes the session fails here.
    pytest.importorskip("pandas")
    page = gen_docs.DOCS / "notebook.md"
    monkeypatch.chdir(shared_dir)
    # a code fence ends an example's expected output, as a blank line does
    lines = page.read_text(encoding="utf-8").splitlines()
    text = "\n".join("" if line.startswith("```") else line for line in lines)
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    assert len(test.examples) >= 10
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    out: list[str] = []
    result = runner.run(test, out=out.append)
    assert result.failed == 0, "".join(out)
