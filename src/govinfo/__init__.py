"""govinfo: Chinese government information-disclosure annual reports as typed, checked data.

The names most users need are importable from here::

    import govinfo

    report = govinfo.from_json(text)
    result = govinfo.read("report.pdf")          # or .docx, .html, .md, .txt
    files = list(govinfo.read_many("reports/", jobs=4))   # every report in a folder
    findings = result.check()                   # with where each cell was read
    rows = list(govinfo.records(report))
    province = govinfo.aggregate(reports)

Modules: :mod:`govinfo.model` (the report classes), :mod:`govinfo.registry` (every key and
label), :mod:`govinfo.serialization` (documents), :mod:`govinfo.checks` (the rule catalogue),
:mod:`govinfo.totals`, :mod:`govinfo.aggregation`, :mod:`govinfo.dates` (statutory deadlines),
:mod:`govinfo.strategies` (hypothesis strategies, extra ``strategies``), :mod:`govinfo.rulebase`
(what a rule and a finding are).

``import govinfo`` loads what reading a document needs; the other names load on first use.
"""

from typing import TYPE_CHECKING

# What reading a document needs is imported now; everything else (the rule catalogue, the
# narrative, serialization with cattrs, the JSON Schema, aggregation, batches and their
# process pool, frames, the calendar) is imported on first use, by :func:`__getattr__` below.
from govinfo.errors import (
    AggregationError,
    CalendarOutOfRange,
    GovinfoError,
    InconsistentReport,
    InternalError,
    InvalidDocument,
    InvalidValue,
    IsADirectory,
    LimitExceeded,
    MixedEditions,
    NoSuchFile,
    NotAReport,
    NothingToAggregate,
    Problem,
    RuleNotInForce,
    UnreadableDocument,
    UnsupportedEdition,
)
from govinfo.limits import Limits
from govinfo.model import Report
from govinfo.readers import ReadResult, read, read_all
from govinfo.registry import AgencyKind, Edition, Level

if TYPE_CHECKING:
    # the modules __getattr__ gives, under their own names (a redundant alias re-exports)
    from govinfo import aggregation as aggregation
    from govinfo import batch as batch
    from govinfo import checks as checks
    from govinfo import dates as dates
    from govinfo import frames as frames
    from govinfo import narrative as narrative
    from govinfo import regions as regions
    from govinfo import render as render
    from govinfo import rulebase as rulebase
    from govinfo import schema as schema
    from govinfo import serialization as serialization
    from govinfo import tidy as tidy
    from govinfo import totals as totals
    from govinfo.aggregation import AggregationWarning, aggregate, failure_summary
    from govinfo.batch import FileResult, read_many
    from govinfo.checks import (
        Culprit,
        Finding,
        Rule,
        Severity,
        Status,
        check,
        check_series,
        is_consistent,
        rules,
        validate,
    )
    from govinfo.frames import findings_frame, to_frame
    from govinfo.schema import json_schema
    from govinfo.serialization import (
        SCHEMA_VERSION,
        configure_converter,
        from_dict,
        from_json,
        make_converter,
        to_dict,
        to_json,
    )
    from govinfo.tidy import RECORD_FIELDS, finding_records, records
    from govinfo.totals import fill_totals, strip_totals

__version__ = "0.1.0"

__all__ = [
    "RECORD_FIELDS",
    "SCHEMA_VERSION",
    "AgencyKind",
    "AggregationError",
    "AggregationWarning",
    "CalendarOutOfRange",
    "Culprit",
    "Edition",
    "FileResult",
    "Finding",
    "GovinfoError",
    "InconsistentReport",
    "InternalError",
    "InvalidDocument",
    "InvalidValue",
    "IsADirectory",
    "Level",
    "LimitExceeded",
    "Limits",
    "MixedEditions",
    "NoSuchFile",
    "NotAReport",
    "NothingToAggregate",
    "Problem",
    "ReadResult",
    "Report",
    "Rule",
    "RuleNotInForce",
    "Severity",
    "Status",
    "UnreadableDocument",
    "UnsupportedEdition",
    "__version__",
    "aggregate",
    "check",
    "check_series",
    "configure_converter",
    "failure_summary",
    "fill_totals",
    "finding_records",
    "findings_frame",
    "from_dict",
    "from_json",
    "is_consistent",
    "json_schema",
    "make_converter",
    "read",
    "read_all",
    "read_many",
    "records",
    "rules",
    "strip_totals",
    "to_dict",
    "to_frame",
    "to_json",
    "validate",
]

_LAZY: dict[str, str] = {
    "AggregationWarning": "aggregation",
    "aggregate": "aggregation",
    "failure_summary": "aggregation",
    "FileResult": "batch",
    "read_many": "batch",
    "Culprit": "checks",
    "Finding": "checks",
    "Rule": "checks",
    "Severity": "checks",
    "Status": "checks",
    "check": "checks",
    "check_series": "checks",
    "is_consistent": "checks",
    "rules": "checks",
    "validate": "checks",
    "findings_frame": "frames",
    "to_frame": "frames",
    "json_schema": "schema",
    "SCHEMA_VERSION": "serialization",
    "configure_converter": "serialization",
    "from_dict": "serialization",
    "from_json": "serialization",
    "make_converter": "serialization",
    "to_dict": "serialization",
    "to_json": "serialization",
    "RECORD_FIELDS": "tidy",
    "finding_records": "tidy",
    "records": "tidy",
    "fill_totals": "totals",
    "strip_totals": "totals",
}
"""Each public name imported on first use, and the module (of this package) it comes from."""

_SUBMODULES = frozenset(
    {
        "aggregation",
        "batch",
        "checks",
        "dates",
        "frames",
        "narrative",
        "regions",
        "render",
        "rulebase",
        "schema",
        "serialization",
        "tidy",
        "totals",
    }
)
"""The modules that ``govinfo.<name>`` gives without an import of its own (PEP 562)."""


def __getattr__(name: str) -> object:
    """A public name, or one of :data:`_SUBMODULES`, imported on first use (PEP 562)."""
    import importlib  # noqa: PLC0415 - only on the first use of a lazy name

    if name in _SUBMODULES:
        return importlib.import_module(f"govinfo.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govinfo' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"govinfo.{module}"), name)
    globals()[name] = value  # the next lookup is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)
