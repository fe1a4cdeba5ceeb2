"""govinfo: Chinese government information-disclosure annual reports as typed, checked data.

The names most users need are importable from here::

    import govinfo
    report = govinfo.from_json(text)
    for record in govinfo.records(report): ...

See :mod:`govinfo.model` for the report classes, :mod:`govinfo.registry` for every key and
label, and :mod:`govinfo.serialization` for the document format.
"""

from govinfo.errors import GovinfoError, InvalidDocument, Problem, UnsupportedEdition
from govinfo.model import InvalidValue, Report
from govinfo.records import records
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

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "AgencyKind",
    "Edition",
    "GovinfoError",
    "InvalidDocument",
    "InvalidValue",
    "Level",
    "Problem",
    "Report",
    "UnsupportedEdition",
    "__version__",
    "configure_converter",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "records",
    "to_dict",
    "to_json",
]
