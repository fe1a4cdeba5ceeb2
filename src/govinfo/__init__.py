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
:mod:`govinfo.strategies` (hypothesis strategies, extra ``strategies``).
"""

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
from govinfo.errors import (
    AggregationError,
    CalendarOutOfRange,
    GovinfoError,
    InconsistentReport,
    InternalError,
    InvalidDocument,
    InvalidValue,
    IsADirectory,
    MixedEditions,
    NoSuchFile,
    NotAReport,
    NothingToAggregate,
    Problem,
    RuleNotInForce,
    UnreadableDocument,
    UnsupportedEdition,
)
from govinfo.frames import findings_frame, to_frame
from govinfo.model import Report
from govinfo.readers import ReadResult, read, read_all
from govinfo.registry import AgencyKind, Edition, Level
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
