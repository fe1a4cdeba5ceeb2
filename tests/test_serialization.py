"""Loading documents: every bad field is reported by path, and nothing but InvalidDocument
escapes."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import InvalidDocument, model
from govinfo.registry import Edition


def _rows(cls: Any, names: list[str]) -> Any:
    return cls(**{n: model.ApplicantCounts.from_values([0] * 7) for n in names})


def minimal_report(edition: Edition = Edition.V2021) -> model.Report:
    """A report with every table present: table 二 not reported, the others all 0."""
    zero = model.ApplicantCounts.from_values([0] * 7)
    proactive_cls = model.PROACTIVE_CLASSES[edition]
    proactive = proactive_cls(
        **{a.name: a.type.not_reported() for a in attrs.fields(proactive_cls)}
    )
    other: model.ApplicantCounts | model.OtherHandling = (
        zero
        if edition is Edition.V2019
        else _rows(model.OtherHandling, ["no_correction", "unpaid_fee", "other"])
    )
    return model.Report(
        agency="某市某局",
        year=2020 if edition is Edition.V2019 else 2023,
        edition=edition,
        overview=None,
        proactive=proactive,
        requests=model.Requests(
            new_requests=zero,
            carried_over=zero,
            disclosed=zero,
            partially_disclosed=zero,
            withheld=_rows(model.Withheld, [a.name for a in attrs.fields(model.Withheld)]),
            unavailable=_rows(model.Unavailable, [a.name for a in attrs.fields(model.Unavailable)]),
            not_processed=_rows(
                model.NotProcessed, [a.name for a in attrs.fields(model.NotProcessed)]
            ),
            other_handling=other,
            handled_total=zero,
            carried_forward=zero,
        ),
        review_litigation=model.ReviewLitigation(
            review=model.ResultCounts.not_reported(),
            litigation_direct=model.ResultCounts.from_values([0] * 5),
            litigation_after_review=model.ResultCounts.from_values([0] * 5),
        ),
        problems="无",
        other_matters=None,
    )


def _paths(doc: Any) -> list[str]:
    with pytest.raises(InvalidDocument) as info:
        govinfo.from_dict(doc, source="doc.json")
    assert "doc.json" in str(info.value)
    return [p.path for p in info.value.problems]


@pytest.fixture(params=list(Edition))
def document(request: pytest.FixtureRequest) -> dict[str, Any]:
    return govinfo.to_dict(minimal_report(request.param))


def test_valid_document_loads(document: dict[str, Any]) -> None:
    report = govinfo.from_dict(document)
    assert govinfo.to_dict(report) == document


def test_negative_count(document: dict[str, Any]) -> None:
    document["requests"]["withheld"]["state_secret"]["natural_person"] = -1
    with pytest.raises(InvalidDocument) as info:
        govinfo.from_dict(document)
    (problem,) = info.value.problems
    assert str(problem) == "$.requests.withheld.state_secret.natural_person: must be >= 0, got -1"


@pytest.mark.parametrize("bad", ["3", 3.0, True, [3], {"n": 3}])
def test_wrong_type_of_count(document: dict[str, Any], bad: object) -> None:
    document["review_litigation"]["litigation_direct"]["upheld"] = bad
    assert _paths(document) == ["$.review_litigation.litigation_direct.upheld"]


def test_money_must_be_an_exact_decimal_string() -> None:
    document = govinfo.to_dict(minimal_report(Edition.V2019))
    document["proactive"]["procurement"]["amount"] = "1,085.02"  # a separator: not data
    assert _paths(document) == ["$.proactive.procurement.amount"]
    for bad in (1085.02, "NaN", "-1", " 1", "1e3"):
        document["proactive"]["procurement"]["amount"] = bad
        assert _paths(document) == ["$.proactive.procurement.amount"], bad
    document["proactive"]["procurement"]["amount"] = "1085.020"
    amount = govinfo.from_dict(document).cell("proactive.procurement.amount")
    assert amount == Decimal("1085.02")
    assert isinstance(amount, Decimal)


def test_missing_table(document: dict[str, Any]) -> None:
    del document["requests"]
    with pytest.raises(InvalidDocument) as info:
        govinfo.from_dict(document)
    assert [str(p) for p in info.value.problems] == ["$.requests: required field missing"]


def test_explicitly_absent_table_is_representable(document: dict[str, Any]) -> None:
    document["requests"] = None
    assert govinfo.from_dict(document).requests is None


def test_unknown_keys(document: dict[str, Any]) -> None:
    document["comment"] = "x"
    document["requests"]["disclosed"]["subtotal"] = 1
    assert sorted(_paths(document)) == ["$.comment", "$.requests.disclosed.subtotal"]


@pytest.mark.parametrize("edition", ["2018", "2022", 2021, None])
def test_unknown_edition(document: dict[str, Any], edition: object) -> None:
    document["edition"] = edition
    assert _paths(document) == ["$.edition"]


def test_edition_mismatch_names_the_table(document: dict[str, Any]) -> None:
    document["edition"] = "2019" if document["edition"] == "2021" else "2021"
    assert all(p.startswith(("$.proactive.", "$.requests.", "$.year")) for p in _paths(document))


def test_every_problem_is_listed(document: dict[str, Any]) -> None:
    document["year"] = 2017
    document["agency"] = " "
    document["published"] = "2024/01/31"
    document["source"] = {"location": "x.pdf", "sha256": "ABC"}
    document["review_litigation"]["review"] = [0, 0, 0, 0, 0]
    del document["problems"]
    assert sorted(_paths(document)) == [
        "$.agency",
        "$.problems",
        "$.published",
        "$.review_litigation.review",
        "$.source.sha256",
        "$.year",
    ]


def test_schema_version(document: dict[str, Any]) -> None:
    assert document["schema_version"] == govinfo.SCHEMA_VERSION
    assert next(iter(document)) == "schema_version"
    del document["schema_version"]
    assert _paths(document) == ["$.schema_version"]
    document["schema_version"] = 99
    assert _paths(document) == ["$.schema_version"]


def test_not_json() -> None:
    with pytest.raises(InvalidDocument, match=r"(?s)report\.json.*not valid JSON"):
        govinfo.from_json("{", source="report.json")
    with pytest.raises(InvalidDocument, match="not valid JSON"):
        govinfo.from_json(b"\xff\xfe")
    with pytest.raises(InvalidDocument, match="expected an object, got array"):
        govinfo.from_json("[]")


def test_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="invalid govinfo document"):
        govinfo.from_json("null")


def test_not_reported_is_not_zero(document: dict[str, Any]) -> None:
    document["requests"]["disclosed"]["research_institution"] = None
    report = govinfo.from_dict(document)
    assert report.cell("requests.disclosed.research_institution") is None
    assert report.cell("requests.disclosed.natural_person") == 0
    assert govinfo.to_dict(report)["requests"]["disclosed"]["research_institution"] is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200)
@given(json_values)
def test_arbitrary_json_raises_only_invalid_document(value: object) -> None:
    with pytest.raises(InvalidDocument):
        govinfo.from_dict(value)  # type: ignore[arg-type]


def _nodes(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _nodes(value, (*path, key))
    return found


@settings(max_examples=300)
@given(st.sampled_from(list(Edition)), st.data(), json_values)
def test_any_node_replaced_loads_or_raises_invalid_document(
    edition: Edition, data: st.DataObject, replacement: object
) -> None:
    document = govinfo.to_dict(minimal_report(edition))
    path = data.draw(st.sampled_from(_nodes(document)[1:]))
    mutated = copy.deepcopy(document)
    target = mutated
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    try:
        report = govinfo.from_dict(mutated)
    except InvalidDocument as exc:
        problems = exc.problems
    else:
        assert govinfo.to_dict(report) == json.loads(json.dumps(mutated, allow_nan=True))
        return
    assert problems
    assert all(p.path.startswith("$.") for p in problems)


def test_host_converter_is_left_alone() -> None:
    conv = cattrs.Converter()
    govinfo.configure_converter(conv)
    assert conv.structure("5", int) == 5  # the host's own int behaviour is untouched
    report = minimal_report()
    body = conv.unstructure(report)
    assert "schema_version" not in body
    assert conv.structure(body, model.Report) == report
    assert govinfo.make_converter() is not govinfo.make_converter()


def test_host_converter_errors_are_cattrs_groups() -> None:
    conv = govinfo.make_converter()
    body = conv.unstructure(minimal_report())
    body["year"] = "2023"
    with pytest.raises(cattrs.BaseValidationError):
        conv.structure(body, model.Report)
