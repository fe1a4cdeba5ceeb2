"""The JSON Schema (draft 2020-12) of a serialized report, generated from the model.

Nothing here is written by hand: object shapes come from the attrs classes of
:mod:`govinfo.model`, cell types from their :class:`~govinfo.registry.CellKind` metadata, and
titles from the labels of :mod:`govinfo.registry`. Edition-specific shapes (table 二, table 三's
（六）其他处理) are expressed with ``if``/``then`` on ``edition``.
"""

from __future__ import annotations

import enum
import inspect
import types
from datetime import date
from typing import Any, Union, get_args, get_origin

import attrs

from govinfo import model, registry
from govinfo.model import CELL_KIND, JSON_SCHEMA, MONEY_PATTERN, Report
from govinfo.registry import CellKind, Edition
from govinfo.serialization import MODEL_CLASSES, SCHEMA_VERSION

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = f"urn:govinfo:report:{SCHEMA_VERSION}"
"""The ``$id`` of the generated schema; it changes with :data:`SCHEMA_VERSION`."""

_NULL = {"type": "null"}

_CELL_SCHEMAS: dict[CellKind, dict[str, Any]] = {
    CellKind.COUNT: {"type": ["integer", "null"], "minimum": 0},
    CellKind.SIGNED: {"type": ["integer", "null"]},
    CellKind.MONEY: {
        "type": ["string", "null"],
        "pattern": MONEY_PATTERN,
        "description": "an exact decimal amount in 万元 (10,000 yuan), written as a string",
    },
}


def _ref(cls: type) -> dict[str, str]:
    return {"$ref": f"#/$defs/{cls.__name__}"}


def _type_schema(tp: Any) -> dict[str, Any]:
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType):
        return {"anyOf": [_type_schema(a) for a in args]}
    if tp is type(None):
        return dict(_NULL)
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0])}
    if tp is str:
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    if tp is date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [getattr(m, "key", m.value) for m in tp]}
    if attrs.has(tp):
        return _ref(tp)
    raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover


def _labels() -> dict[tuple[type, str], str]:
    """Titles for every table, row and column property, from the registry."""
    titles: dict[tuple[type, str], str] = {}

    def label(entry: Any) -> str:
        return f"{entry.zh} ({entry.en})"

    for edition in Edition:
        for tbl in registry.tables():
            titles[(Report, tbl.key)] = label(tbl)
            for row in tbl.rows_for(edition):
                owner: Any = Report
                *parents, leaf = (tbl.key, *row.path)
                for part in parents:
                    owner = _attribute_class(owner, part, edition)
                if row.group is not None:
                    titles[(_attribute_class(Report, tbl.key, edition), row.group.key)] = label(
                        row.group
                    )
                titles[(owner, leaf)] = label(row)
                row_cls = _attribute_class(owner, leaf, edition)
                for column in row.columns:
                    titles[(row_cls, column.key)] = label(column)
    return titles


def _attribute_class(owner: type, name: str, edition: Edition) -> type:
    """The attrs class held by ``owner.name`` in ``edition`` (resolving unions)."""
    if owner is Report and name == "proactive":
        return model.PROACTIVE_CLASSES[edition]
    tp = attrs.fields_dict(owner)[name].type
    candidates: list[Any] = [a for a in get_args(tp) if attrs.has(a)] or [tp]
    if len(candidates) > 1:  # other_handling: the edition 2021 breakdown
        return model.OtherHandling
    cls: type = candidates[0]
    return cls


def _class_schema(cls: type, titles: dict[tuple[type, str], str]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required = []
    for a in attrs.fields(cls):
        kind = a.metadata.get(CELL_KIND)
        prop = dict(_CELL_SCHEMAS[kind]) if kind else _type_schema(a.type)
        prop.update(a.metadata.get(JSON_SCHEMA, {}))
        if (cls, a.name) in titles:
            prop["title"] = titles[(cls, a.name)]
        properties[a.name] = prop
        if a.default is attrs.NOTHING:
            required.append(a.name)
    doc = inspect.getdoc(cls) or cls.__name__
    return {
        "type": "object",
        "title": cls.__name__,
        "description": doc.split("\n\n")[0].replace("\n", " "),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _edition_rules() -> list[dict[str, Any]]:
    rules = []
    for edition in Edition:
        then: dict[str, Any] = {
            "proactive": {"anyOf": [_ref(model.PROACTIVE_CLASSES[edition]), _NULL]}
        }
        if edition is Edition.V2019:  # （六）其他处理 is a single row
            then["requests"] = {
                "anyOf": [_NULL, {"properties": {"other_handling": _ref(model.ApplicantCounts)}}]
            }
        rules.append(
            {
                "if": {"properties": {"edition": {"const": edition.value}}},
                "then": {"properties": then},
            }
        )
    return rules


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every document written by
    :func:`govinfo.to_dict` validates against.

    A fresh dict on every call, safe to modify.
    """
    titles = _labels()
    defs = {cls.__name__: _class_schema(cls, titles) for cls in MODEL_CLASSES if cls is not Report}
    root = _class_schema(Report, titles)
    root["properties"] = {
        "schema_version": {"const": SCHEMA_VERSION, "description": "the document format version"},
        **root["properties"],
    }
    root["required"] = ["schema_version", *root["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **root,
        "title": "govinfo report",
        "allOf": _edition_rules(),
        "$defs": defs,
    }
