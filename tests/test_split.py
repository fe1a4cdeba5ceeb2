"""Recovering cells from digit runs whose separators were lost (govinfo.readers.split)."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Mapping
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo import strategies as gst
from govinfo.errors import GovinfoError
from govinfo.model import Requests, ReviewLitigation
from govinfo.readers.split import (
    Cells,
    RowStatus,
    Solution,
    solve_proactive_row,
    solve_requests,
    solve_review,
    solve_row,
    splits,
)
from govinfo.registry import CellKind, Edition, RequestRow, table

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- Pingtan 2024 (/work/shared/samples/pingtan-2024.txt), typed in from the page ------------

PINGTAN_RUNS: dict[str, str] = {
    "new_requests": "21710000218",
    "carried_over": "0000000",
    "disclosed": "710000071",
    "partially_disclosed": "290000029",
    # printed "40000042.其他…": the trailing 2 is the next label's item number
    "withheld.state_secret": "4000004",
    "withheld.prohibited_by_law": "0000000",
    "withheld.security_stability": "0000000",
    "withheld.third_party_rights": "3000003",
    "withheld.internal_affairs": "320000032",
    "withheld.process_information": "0000000",
    "withheld.enforcement_files": "0000000",
    "withheld.inquiry_matters": "0000000",
    "unavailable.not_held": "750000075",
    "unavailable.needs_creation": "0000000",
    "unavailable.unclear_after_correction": "0000000",
    "not_processed.complaint": "0000000",
    "not_processed.repeated": "1000001",
    "not_processed.publication": "0000000",
    "not_processed.excessive": "0000000",
    "not_processed.reissue": "0000000",
    "other_handling.no_correction": "1000001",
    "other_handling.unpaid_fee": "0000000",
    "other_handling.other": "1100002",
    "handled_total": "21710000218",
    "carried_forward": "0000000",
}

ZERO = (0, 0, 0, 0, 0, 0, 0)
PINGTAN_TABLE: dict[str, tuple[int, ...]] = {
    "new_requests": (217, 1, 0, 0, 0, 0, 218),
    "carried_over": ZERO,
    "disclosed": (71, 0, 0, 0, 0, 0, 71),
    "partially_disclosed": (29, 0, 0, 0, 0, 0, 29),
    "withheld.state_secret": (4, 0, 0, 0, 0, 0, 4),
    "withheld.prohibited_by_law": ZERO,
    "withheld.security_stability": ZERO,
    "withheld.third_party_rights": (3, 0, 0, 0, 0, 0, 3),
    "withheld.internal_affairs": (32, 0, 0, 0, 0, 0, 32),
    "withheld.process_information": ZERO,
    "withheld.enforcement_files": ZERO,
    "withheld.inquiry_matters": ZERO,
    "unavailable.not_held": (75, 0, 0, 0, 0, 0, 75),
    "unavailable.needs_creation": ZERO,
    "unavailable.unclear_after_correction": ZERO,
    "not_processed.complaint": ZERO,
    "not_processed.repeated": (1, 0, 0, 0, 0, 0, 1),
    "not_processed.publication": ZERO,
    "not_processed.excessive": ZERO,
    "not_processed.reissue": ZERO,
    "other_handling.no_correction": (1, 0, 0, 0, 0, 0, 1),
    "other_handling.unpaid_fee": ZERO,
    "other_handling.other": (1, 1, 0, 0, 0, 0, 2),
    "handled_total": (217, 1, 0, 0, 0, 0, 218),
    "carried_forward": ZERO,
}


def _holds_r1_r2_r3(rows: Mapping[str, Cells]) -> bool:
    """The table 三 rules, written out again here independently of the solver."""
    cells = {k: [0 if v is None else int(v) for v in values] for k, values in rows.items()}
    outcomes = [k for k in cells if RequestRow.from_key(k).is_outcome]
    for col in range(7):
        new, over = cells["new_requests"][col], cells["carried_over"][col]
        handled, forward = cells["handled_total"][col], cells["carried_forward"][col]
        if new + over != handled + forward:
            return False
        if sum(cells[k][col] for k in outcomes) != handled:
            return False
    return all(sum(v[:6]) == v[6] for v in cells.values())


def test_pingtan_table_3_expected_reading_adds_up() -> None:
    assert _holds_r1_r2_r3(PINGTAN_TABLE)
    for key, cells in PINGTAN_TABLE.items():
        assert "".join(map(str, cells)) == PINGTAN_RUNS[key]


@pytest.mark.parametrize(
    "known",
    [
        {"handled_total.total": 218},
        {"requests.handled_total.total": 218},
        {"new_requests.total": 218},
        {},
    ],
)
def test_pingtan_table_3(known: dict[str, int]) -> None:
    solution = solve_requests(PINGTAN_RUNS, edition=Edition.V2021, known=known)
    assert solution.unique
    assert solution.complete
    assert solution.count == 1
    assert solution.ambiguous == solution.unresolved == ()
    assert solution.determined == PINGTAN_TABLE
    assert dict(solution.assignments[0]) == PINGTAN_TABLE
    assert all(r.status is RowStatus.DETERMINED for r in solution.rows.values())
    assert list(solution.rows) == list(PINGTAN_TABLE)  # template order
    assert solution["new_requests"].values == (217, 1, 0, 0, 0, 0, 218)


def test_pingtan_table_3_is_fast() -> None:
    known = {"handled_total.total": 218}
    solve_requests(PINGTAN_RUNS, edition=Edition.V2021, known=known)  # warm caches
    best = min(
        _timed(lambda: solve_requests(PINGTAN_RUNS, edition=Edition.V2021, known=known))
        for _ in range(5)
    )
    assert best < 0.05


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


PINGTAN_REVIEW = "21317000001324019"


def test_pingtan_table_4() -> None:
    solution = solve_review(PINGTAN_REVIEW)
    assert solution.unique
    assert solution.determined == {
        "review": (2, 1, 3, 1, 7),
        "litigation_direct": (0, 0, 0, 0, 0),
        "litigation_after_review": (13, 2, 4, 0, 19),
    }


def test_pingtan_table_4_is_unique_by_brute_force() -> None:
    # every cut into 15 numbers, filtered by R4 per block: the solver's one solution is all
    readings = [
        cut
        for cut in splits(PINGTAN_REVIEW, 15)
        if all(sum(cut[b : b + 4]) == cut[b + 4] for b in (0, 5, 10))
    ]
    assert readings == [(2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19)]


def test_pingtan_table_2() -> None:
    documents = solve_proactive_row("6233440", [CellKind.COUNT] * 3, {0: 62})
    row = documents["row"]
    assert row.status is RowStatus.AMBIGUOUS
    assert row.values is None
    assert row.candidates == ((62, 3, 3440), (62, 33, 440), (62, 334, 40), (62, 3344, 0))
    assert documents.count == 4
    assert not documents.unique

    fees = solve_proactive_row("18651.06", [CellKind.MONEY], key="fees")
    assert fees["fees"].values == (Decimal("18651.06"),)
    assert fees.unique

    kinds = {
        row.key: [c.kind for c in row.columns] for row in table("proactive").rows_for(Edition.V2021)
    }
    assert solve_proactive_row("000", kinds["regulations"]).determined == {"row": (0, 0, 0)}
    assert solve_proactive_row("4529", kinds["licensing"]).determined == {"row": (4529,)}
    assert solve_proactive_row("1100", kinds["penalties"]).determined == {"row": (1100,)}
    assert solve_proactive_row("65", kinds["coercive_measures"]).determined == {"row": (65,)}
    assert solve_proactive_row("18651.06", kinds["fees"]).determined == {
        "row": (Decimal("18651.06"),)
    }
    # without the narrative figure, 本年制发件数 could be anything from 6 to 62334
    assert solve_proactive_row("6233440", kinds["normative_documents"]).count == 15


def test_proactive_kinds() -> None:
    # 本年增/减 may be negative; a count may not, and "-0" is no number
    signed = solve_proactive_row("12-3", [CellKind.COUNT, CellKind.SIGNED])
    assert signed.determined == {"row": (12, -3)}
    assert solve_proactive_row("12-3", [CellKind.COUNT] * 3).unresolved == ("row",)
    assert solve_proactive_row("7-0", [CellKind.COUNT, CellKind.SIGNED]).unresolved == ("row",)
    money = solve_proactive_row("31.5", [CellKind.COUNT, CellKind.MONEY])
    assert money["row"].candidates == ((3, Decimal("1.5")),)


# --- splits ----------------------------------------------------------------------------------


def test_splits() -> None:
    assert list(splits("1005", 2)) == [(100, 5)]
    assert list(splits("105", 2)) == [(10, 5)]
    assert list(splits("000", 3)) == [(0, 0, 0)]
    assert list(splits("000", 2)) == []
    assert list(splits("123", 1)) == [(123,)]
    assert list(splits("12", 3)) == []
    assert list(splits("", 1)) == []
    assert list(splits("1.5", 2)) == []  # no decimal point without decimals=True
    assert list(splits("18651.06", 1, decimals=True)) == [(Decimal("18651.06"),)]
    assert list(splits("1.52", 2, decimals=True)) == [(Decimal("1.5"), Decimal(2))]
    assert list(splits("10.5", 2, decimals=True)) == [(Decimal(1), Decimal("0.5"))]
    assert list(splits("1.", 1, decimals=True)) == []
    assert list(splits(".5", 1, decimals=True)) == []
    assert list(splits("1.2.3", 2, decimals=True)) == []  # a point must sit inside a number
    assert list(splits("1.22.3", 2, decimals=True)) == [(Decimal("1.2"), Decimal("2.3"))]


def test_splits_is_lazy() -> None:
    run = "1" * 400  # C(399, 199) splits: only the first is computed
    first = next(splits(run, 200))
    assert len(first) == 200
    assert "".join(map(str, first)) == run


@pytest.mark.parametrize(("run", "count"), [("12a", 2), ("1 2", 2), ("-12", 2), ("12", 0)])
def test_splits_rejects(run: str, count: int) -> None:
    with pytest.raises(GovinfoError):
        splits(run, count)


@SETTINGS
@given(st.text("0123456789", max_size=12), st.integers(1, 6))
def test_splits_round_trip(run: str, count: int) -> None:
    found = list(splits(run, count))
    assert len(found) == len(set(found))
    for cut in found:
        assert len(cut) == count
        assert "".join(str(v) for v in cut) == run  # so no "05" was read as 5
    # exactly the cuts without a leading zero
    brute = set()
    for ends in itertools.combinations(range(1, len(run)), count - 1):
        pieces = [run[i:j] for i, j in itertools.pairwise((0, *ends, len(run)))]
        if all(p == "0" or p[:1] not in ("", "0") for p in pieces):
            brute.add(tuple(int(p) for p in pieces))
    assert set(found) == brute


_NUMBER = {
    CellKind.COUNT: re.compile(r"0|[1-9][0-9]*"),
    CellKind.SIGNED: re.compile(r"0|-?[1-9][0-9]*"),
    CellKind.MONEY: re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"),
}


def _brute_cuts(run: str, kinds: list[CellKind]) -> set[tuple[str, ...]]:
    out = set()
    for ends in itertools.combinations(range(1, len(run)), len(kinds) - 1):
        pieces = tuple(run[i:j] for i, j in itertools.pairwise((0, *ends, len(run))))
        if all(_NUMBER[k].fullmatch(p) for k, p in zip(kinds, pieces, strict=True)):
            out.add(pieces)
    return out


@SETTINGS
@given(st.text("0123456789.", max_size=10), st.integers(1, 4))
def test_splits_round_trip_with_decimals(run: str, count: int) -> None:
    found = list(splits(run, count, decimals=True))
    for cut in found:
        assert all(isinstance(v, Decimal) for v in cut)
        assert "".join(str(v) for v in cut) == run
    assert {tuple(map(str, cut)) for cut in found} == _brute_cuts(run, [CellKind.MONEY] * count)


@SETTINGS
@given(
    st.text("0123456789.-", max_size=9), st.lists(st.sampled_from(CellKind), min_size=1, max_size=3)
)
def test_proactive_readings_match_brute_force(run: str, kinds: list[CellKind]) -> None:
    solution = solve_proactive_row(run, kinds)
    brute = _brute_cuts(run, kinds) if run else set()
    assert solution.count == len(brute)
    assert {tuple(map(str, cells)) for cells in solution["row"].candidates} == brute


# --- properties: generated consistent tables -------------------------------------------------


def _request_runs(tbl: Requests) -> tuple[dict[str, str], dict[str, tuple[int, ...]], Edition]:
    runs: dict[str, str] = {}
    truth: dict[str, tuple[int, ...]] = {}
    for row, counts in tbl.rows():
        values = tuple(int(v) for v in counts.values())
        truth[row.key] = values
        runs[row.key] = "".join(map(str, values))
    edition = Edition.V2021 if "other_handling.other" in runs else Edition.V2019
    return runs, truth, edition


def _agrees_with_truth(solution: Solution, truth: Mapping[str, Cells]) -> None:
    if solution.complete:
        assert truth in [dict(a) for a in solution.assignments] or solution.count > len(
            solution.assignments
        )
    for key, row in solution.rows.items():
        if row.status is not RowStatus.UNRESOLVED or row.candidates:
            assert truth[key] in row.candidates
    if solution.unique:
        assert dict(solution.assignments[0]) == truth
        assert solution.determined == truth


@SETTINGS
@given(gst.requests_tables(not_reported=False))
def test_requests_truth_is_among_the_solutions(tbl: Requests) -> None:
    runs, truth, edition = _request_runs(tbl)
    solution = solve_requests(runs, edition=edition)
    assert solution.complete
    assert truth in [dict(a) for a in solution.assignments]
    _agrees_with_truth(solution, truth)
    for assignment in solution.assignments:
        assert _holds_r1_r2_r3(assignment)


@SETTINGS
@given(gst.requests_tables(not_reported=False), st.data())
def test_requests_with_given_rows_and_known_figures(tbl: Requests, data: st.DataObject) -> None:
    runs, truth, edition = _request_runs(tbl)
    keys = list(runs)
    mixed: dict[str, str | tuple[int, ...]] = dict(runs)
    for key in data.draw(st.lists(st.sampled_from(keys), max_size=6), label="given rows"):
        mixed[key] = truth[key]
    paths = data.draw(st.lists(st.sampled_from(keys), max_size=3), label="known rows")
    known = {f"{k}.total": truth[k][6] for k in paths}
    solution = solve_requests(mixed, edition=edition, known=known)
    assert solution.satisfiable
    _agrees_with_truth(solution, truth)
    for key in keys:
        if not isinstance(mixed[key], str):
            assert solution[key].given
            assert solution[key].values == truth[key]


@SETTINGS
@given(gst.review_litigation_tables(not_reported=False))
def test_review_truth_is_among_the_solutions(tbl: ReviewLitigation) -> None:
    truth = {row.key: tuple(int(v) for v in c.values()) for row, c in tbl.rows()}
    blocks = ["".join(map(str, truth[k])) for k in truth]
    one_run = solve_review("".join(blocks))
    assert one_run.complete
    assert truth in [dict(a) for a in one_run.assignments]
    _agrees_with_truth(one_run, truth)
    per_block = solve_review(blocks)
    assert per_block.complete
    _agrees_with_truth(per_block, truth)
    # knowing where the blocks are cut can only remove readings
    for key in truth:
        assert set(per_block[key].candidates) <= set(one_run[key].candidates)


@SETTINGS
@given(st.text("0123456789", min_size=5, max_size=11))
def test_review_block_readings_match_brute_force(run: str) -> None:
    solution = solve_review([run, "00000", (1, 0, 0, 0, 1)])
    brute = [cut for cut in splits(run, 5) if sum(cut[:4]) == cut[4]]
    assert solution.count == len(brute)
    if brute:
        assert solution["review"].candidates == tuple(sorted(brute))
    else:
        assert solution.unresolved == ("review",)
    assert solution["litigation_direct"].values == (0, 0, 0, 0, 0)
    assert solution["litigation_after_review"].given


# --- ambiguity, no solution, caps ------------------------------------------------------------


def _ambiguous_table() -> dict[str, str | tuple[int, ...]]:
    """Every outcome row reads (1, 10, …, 11) or (11, 0, …, 11): "110000011"."""
    runs: dict[str, str | tuple[int, ...]] = {
        r.key: "110000011" for r in RequestRow if Edition.V2021 in r.editions
    }
    runs["handled_total"] = runs["new_requests"] = (111, 120, 0, 0, 0, 0, 231)
    runs["carried_over"] = runs["carried_forward"] = ZERO
    return runs


def test_ambiguity_is_reported_not_guessed() -> None:
    runs: dict[str, str | tuple[int, ...]] = dict(PINGTAN_TABLE)
    runs["disclosed"] = "110000011"
    runs["partially_disclosed"] = "110000011"
    # (1, 10) + (11, 0) or (11, 0) + (1, 10): natural persons 12, enterprises 10
    runs["handled_total"] = (12, 10, 0, 0, 0, 0, 22)
    runs["new_requests"] = (12, 10, 0, 0, 0, 0, 22)
    for key in RequestRow.outcomes(Edition.V2021):
        if key.key not in ("disclosed", "partially_disclosed"):
            runs[key.key] = ZERO
    solution = solve_requests(runs, edition=Edition.V2021)
    assert solution.complete
    assert solution.count == 2
    assert solution.ambiguous == ("disclosed", "partially_disclosed")
    assert solution["disclosed"].candidates == ((1, 10, 0, 0, 0, 0, 11), (11, 0, 0, 0, 0, 0, 11))
    assignments = [dict(a) for a in solution.assignments]
    assert {(a["disclosed"][0], a["partially_disclosed"][0]) for a in assignments} == {
        (1, 11),
        (11, 1),
    }
    pinned = solve_requests(runs, edition=Edition.V2021, known={"disclosed.natural_person": 11})
    assert pinned.unique
    assert pinned["partially_disclosed"].values == (1, 10, 0, 0, 0, 0, 11)


def test_too_many_solutions_keeps_exact_candidates() -> None:
    solution = solve_requests(_ambiguous_table(), edition=Edition.V2021, max_solutions=50)
    assert not solution.complete
    assert solution.count == 50
    assert len(solution.assignments) == 50
    assert solution.unresolved == ()
    assert set(solution.ambiguous) == {r.key for r in RequestRow.outcomes(Edition.V2021)}
    assert "more than 50 solutions" in solution.explanation


def test_work_budget_stops_the_search() -> None:
    start = time.perf_counter()
    solution = solve_requests(_ambiguous_table(), edition=Edition.V2021, max_steps=2_000)
    assert time.perf_counter() - start < 2
    assert not solution.complete
    assert solution.unresolved
    row = solution[solution.unresolved[0]]
    assert row.reason is not None
    assert "budget" in row.reason
    # the candidates of an unresolved row are a superset of the true ones
    assert set(row.candidates) == {(1, 10, 0, 0, 0, 0, 11), (11, 0, 0, 0, 0, 0, 11)}


def test_row_candidate_cap() -> None:
    runs: dict[str, str | tuple[int, ...]] = dict(PINGTAN_RUNS)
    runs["disclosed"] = "110000011"  # two readings satisfy R3
    solution = solve_requests(runs, edition=Edition.V2021, max_candidates=1)
    assert solution["disclosed"].status is RowStatus.UNRESOLVED
    assert "more than 1 readings" in (solution["disclosed"].reason or "")
    assert not solution.complete
    # (1, 10, 0, 0, 11) or (11, 0, 0, 0, 11)
    assert solve_review(["1100011", "00000", "00000"]).ambiguous == ("review",)
    review = solve_review(["1100011", "00000", "00000"], max_candidates=1)
    assert review.unresolved == ("review",)
    assert not review.complete
    assert review.determined.keys() == {"litigation_direct", "litigation_after_review"}


def test_pathological_runs_end() -> None:
    keys = [r.key for r in RequestRow if Edition.V2021 in r.editions]
    start = time.perf_counter()
    solution = solve_requests(dict.fromkeys(keys, "1" * 60), edition=Edition.V2021)
    assert time.perf_counter() - start < 5
    assert not solution.satisfiable
    review = solve_review("9" * 60)
    assert not review.satisfiable


def test_no_solution_falls_back_to_r3() -> None:
    solution = solve_requests(
        PINGTAN_RUNS, edition=Edition.V2021, known={"handled_total.total": 219}
    )
    assert solution.complete
    assert not solution.satisfiable
    assert solution.count == 0
    assert solution.assignments == ()
    assert "nothing satisfies" in solution.explanation
    assert "known figure contradicts" in solution.explanation
    # the rows hold their readings satisfying R3 alone
    assert solution.determined == PINGTAN_TABLE

    broken = dict(PINGTAN_RUNS)
    broken["disclosed"] = "710000072"  # a typo: no reading adds up (R3)
    solution = solve_requests(broken, edition=Edition.V2021, known={"handled_total.total": 218})
    assert not solution.satisfiable
    assert solution.unresolved == ("disclosed",)
    assert solution["disclosed"].candidates == ()
    assert "cannot be satisfied even without" in solution.explanation


def test_review_no_solution() -> None:
    solution = solve_review(PINGTAN_REVIEW, {"review.total": 8})
    assert not solution.satisfiable
    assert solution.complete
    assert solution["review"].candidates == ((2, 1, 3, 1, 7),)  # R4 alone
    assert solve_review(PINGTAN_REVIEW, {"review_litigation.review.total": 7}).unique
    blocks = solve_review(["12345", "00000", "00000"])
    assert not blocks.satisfiable
    assert blocks.unresolved == ("review",)
    assert solve_review("1234").unresolved == (
        "review",
        "litigation_direct",
        "litigation_after_review",
    )


def test_proactive_no_solution() -> None:
    solution = solve_proactive_row("6233440", [CellKind.COUNT] * 3, {0: 7})
    assert not solution.satisfiable
    assert solution["row"].status is RowStatus.AMBIGUOUS
    assert len(solution["row"].candidates) == 15
    assert "no reading agrees" in solution.explanation
    capped = solve_proactive_row("1" * 30, [CellKind.COUNT] * 3, max_candidates=5)
    assert capped["row"].status is RowStatus.UNRESOLVED
    assert len(capped["row"].candidates) == 5


# --- one row on its own, and flattened candidates --------------------------------------------


def test_solve_row() -> None:
    for key, run in PINGTAN_RUNS.items():
        alone = solve_row(run, 7, key=key)
        assert alone.unique
        assert alone.determined == {key: PINGTAN_TABLE[key]}
        assert alone.candidates == (PINGTAN_TABLE[key],)
    assert solve_row("1100011", 5).count == 2
    assert solve_row("1100011", 5, {0: 11}).determined == {"row": (11, 0, 0, 0, 11)}
    nothing = solve_row("1100011", 5, {0: 5})
    assert not nothing.satisfiable
    assert nothing["row"].status is RowStatus.AMBIGUOUS  # the sum alone
    assert solve_row("12345", 5).unresolved == ("row",)
    capped = solve_row("1100011", 5, max_candidates=1)
    assert not capped.complete
    assert capped.unresolved == ("row",)
    with pytest.raises(GovinfoError):
        solve_row("12", 1)


def test_flattened_candidates() -> None:
    review = solve_review(PINGTAN_REVIEW)
    assert review.candidates == ((2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19),)
    documents = solve_proactive_row("6233440", [CellKind.COUNT] * 3, {0: 62})
    assert documents.candidates == documents["row"].candidates
    assert solve_review(PINGTAN_REVIEW, {"review.total": 8}).candidates == ()


# --- inputs ----------------------------------------------------------------------------------


def test_single_other_handling_row_and_blanks() -> None:
    runs: dict[str, str | tuple[int | None, ...]] = {
        k: v for k, v in PINGTAN_RUNS.items() if not k.startswith("other_handling.")
    }
    runs["other_handling"] = "2100003"
    runs["carried_over"] = (None, None, None, None, None, None, None)  # blanks read as 0
    for edition in Edition:
        solution = solve_requests(runs, edition=edition)
        assert solution.unique
        assert solution["other_handling"].values == (2, 1, 0, 0, 0, 0, 3)
        assert solution["carried_over"].values == (None,) * 7


def test_bad_inputs() -> None:
    with pytest.raises(GovinfoError, match="missing"):
        solve_requests({"new_requests": "0000000"}, edition=Edition.V2021)
    with pytest.raises(GovinfoError, match="edition 2019"):
        solve_requests(PINGTAN_RUNS, edition=Edition.V2019)
    with pytest.raises(GovinfoError, match="not a cell"):
        solve_requests(PINGTAN_RUNS, edition=Edition.V2021, known={"handled_total": 218})
    with pytest.raises(GovinfoError, match="not a cell"):
        solve_requests(PINGTAN_RUNS, edition=Edition.V2021, known={"review.total": 1})
    with pytest.raises(GovinfoError, match="digits"):
        solve_requests({**PINGTAN_RUNS, "disclosed": "71 0"}, edition=Edition.V2021)
    with pytest.raises(GovinfoError, match="expected 7"):
        solve_requests({**PINGTAN_RUNS, "disclosed": (71, 0)}, edition=Edition.V2021)
    with pytest.raises(GovinfoError, match="positive"):
        solve_requests(PINGTAN_RUNS, edition=Edition.V2021, max_steps=0)
    with pytest.raises(GovinfoError, match="blocks"):
        solve_review(["00000", "00000"])
    with pytest.raises(GovinfoError, match="cell index"):
        solve_proactive_row("123", [CellKind.COUNT], {1: 2})


def test_propagation_drops_readings_that_cannot_add_up() -> None:
    from govinfo.readers.split import _propagate

    # x + y = z over one column: z is 5, so x = 9 cannot be completed and y must be 5 - x
    domains: list[list[tuple[int, ...]]] = [[(1,), (9,)], [(4,), (2,), (7,)], [(5,)]]
    narrowed = _propagate(domains, [[(0, 0, 1), (1, 0, 1), (2, 0, -1)]])
    assert narrowed is not None
    assert narrowed[0] == [(1,)]
    assert narrowed[1] == [(4,)]
    assert domains[0] == [(1,), (9,)]  # the input is left alone
    unequal: list[list[tuple[int, ...]]] = [[(1,)], [(2,)]]
    assert _propagate(unequal, [[(0, 0, 1), (1, 0, -1)]]) is None
