"""A slice of the fuzz suite (``python -m tools.fuzz`` runs 100,000 cases): mutated samples of
every format, and any text or bytes, each end in a result or a govinfo error within its time
bound, and every number of a result was printed in the input."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings

from tools.fuzz import Case, cases, check_case

SLICE = int(os.environ.get("GOVINFO_FUZZ_CASES", "40"))
"""How many cases the slice runs (``GOVINFO_FUZZ_CASES`` to change it)."""


@settings(
    max_examples=SLICE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cases(shared=False))
def test_mutated_input_ends_in_a_result_or_a_govinfo_error(case: Case) -> None:
    problem = check_case(*case, seconds=20.0)
    assert problem is None, problem


def test_check_case_catches_a_number_not_in_the_input() -> None:
    # the check itself can fail: a result whose cell's token is not in the input
    import govinfo
    from tools.fuzz import check_numbers

    text = govinfo.render.to_text(govinfo.samples.load("luoyang-scjgj-2020"))
    result = govinfo.read(text, format="text")
    assert check_numbers(result, text) == []
    assert check_numbers(result, text.replace("1085.02", "")) != []


def test_check_case_catches_a_narrative_figure_not_printed() -> None:
    # the narrative's figures are checked too: one whose value is no number of its sentence
    import attrs

    import govinfo
    from tools.fuzz import check_figures

    text = govinfo.render.to_text(govinfo.samples.load("luoyang-scjgj-2020"))
    text = text.replace("一、总体情况\n", "一、总体情况\n本年度共收到政府信息公开申请35件。\n", 1)
    report = govinfo.read(text, format="text").report
    runs = set(re.findall(r"[0-9]+", text))
    assert check_figures(report, runs, "|".join(runs)) == []
    assert report.overview is not None
    changed = attrs.evolve(
        report,
        overview=attrs.evolve(report.overview, text=report.overview.text.replace("35", "3 5")),
    )
    assert check_figures(changed, runs, "|".join(runs)) == []  # 3 5 is no figure: none read
    forged = attrs.evolve(
        report,
        overview=attrs.evolve(
            report.overview, text=report.overview.text.replace("35", "987654321")
        ),
    )
    assert check_figures(forged, runs, "|".join(runs)) != []  # 987654321 is not in the input


def test_check_numbers_takes_an_amount_of_any_length_as_printed() -> None:
    # the check compared abs(value), which a Decimal rounds to 28 digits: an amount of 29
    # read exactly as printed was a failure of the campaign (seed 1011500)
    import govinfo
    from tools.fuzz import check_numbers

    text = govinfo.render.to_text(govinfo.samples.load("luoyang-scjgj-2020"))
    text = text.replace("1085.02", "1085.1111111111111111111111111")
    result = govinfo.read(text, format="text")
    assert (
        str(result.report.cell("proactive.procurement.amount")) == "1085.1111111111111111111111111"
    )
    assert check_numbers(result, text) == []
