"""Lossless serialization of reports to dicts and JSON, with cattrs.

The document form is a JSON object: the report's fields plus ``schema_version``. Counts are
JSON integers, money is a decimal *string* in 万元 (``"1085.02"``: exact, never a binary
float), dates are ISO ``YYYY-MM-DD`` strings, a not-reported cell is ``null``. Every key is
required and unknown keys are rejected, so a document either loads completely or raises
:class:`~govinfo.errors.InvalidDocument` listing every bad field by path.

Hosts that own a cattrs converter call :func:`configure_converter` on it; govinfo registers
hooks for its own classes only and never touches the global converter or the host's hooks for
other types (``int``, ``str``, ``date``...).
"""

from __future__ import annotations

import enum
import json
import re
import types
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from govinfo import model
from govinfo._reports import OneReport, as_report
from govinfo.errors import InvalidDocument, Problem
from govinfo.model import CELL_KIND, MONEY_PATTERN, OtherHandling, Report, Requests
from govinfo.registry import CellKind, Edition

__all__ = [
    "SCHEMA_VERSION",
    "configure_converter",
    "from_dict",
    "from_json",
    "make_converter",
    "to_dict",
    "to_json",
]

SCHEMA_VERSION = 1
"""The version of the document format written by :func:`to_dict`; bumped on any change that
an older reader could not load."""

Hook = Callable[[Any, Any], Any]
Unhook = Callable[[Any], Any]

MODEL_CLASSES: tuple[type, ...] = (
    model.ApplicantCounts,
    model.Withheld,
    model.Unavailable,
    model.NotProcessed,
    model.OtherHandling,
    model.Requests,
    model.ResultCounts,
    model.ReviewLitigation,
    model.Documents2019,
    model.Items2019,
    model.FeeItems2019,
    model.Procurement2019,
    model.Documents2021,
    model.Decisions2021,
    model.Fees2021,
    model.Proactive2019,
    model.Proactive2021,
    model.OverviewSection,
    model.Overview,
    model.Period,
    model.Source,
    model.Report,
)
"""Every attrs class of the model, innermost first."""

for _cls in MODEL_CLASSES:
    attrs.resolve_types(_cls, vars(model))

OTHER_HANDLING_KEYS = frozenset(a.name for a in attrs.fields(OtherHandling))


# --- JSON type names for messages --------------------------------------------------------


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple):
        return "array"
    return type(value).__name__


# --- leaf structure hooks: strict, so nothing is coerced into a wrong value ---------------


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"expected an integer, got {_json_type(value)}")
    return value


def _structure_money(value: Any, _: Any) -> Decimal:
    if not isinstance(value, str):
        raise TypeError(f'expected a decimal string such as "1085.02", got {_json_type(value)}')
    if not re.fullmatch(MONEY_PATTERN, value):
        raise ValueError(f'expected a plain decimal such as "1085.02", got {value!r}')
    return Decimal(value)


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_json_type(value)}")
    return value


def _structure_date(value: Any, _: Any) -> date:
    if not isinstance(value, str):
        raise TypeError(f"expected a date string YYYY-MM-DD, got {_json_type(value)}")
    if len(value) != 10:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def _enum_hook(cls: type[enum.Enum], by: Callable[[Any], str]) -> Hook:
    members = {by(m): m for m in cls}

    def structure(value: Any, _: Any) -> enum.Enum:
        if isinstance(value, str) and value in members:
            return members[value]
        expected = ", ".join(repr(k) for k in members)
        raise ValueError(f"expected one of {expected}, got {value!r}")

    return structure


def _optional(hook: Hook) -> Hook:
    def structure(value: Any, type_: Any) -> Any:
        return None if value is None else hook(value, type_)

    return structure


def _tuple_of(item: Hook) -> Hook:
    def structure(value: Any, type_: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected an array, got {_json_type(value)}")
        result, errors = [], []
        for index, element in enumerate(value):
            try:
                result.append(item(element, None))
            except Exception as exc:  # collected, then re-raised as a group
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring item @ index {index}", index, object),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError("While structuring an array", errors, tuple)
        return tuple(result)

    return structure


def _enum_key(member: enum.Enum) -> str:
    key: str = getattr(member, "key", member.value)
    return key


def _leaf_hooks(tp: Any) -> tuple[Hook, Unhook] | None:
    if tp is str:
        return _structure_str, _identity
    if tp is int:
        return _structure_int, _identity
    if tp is date:
        return _structure_date, date.isoformat
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_hook(tp, _enum_key), _enum_key
    return None


def _identity(value: Any) -> Any:
    return value


def _unstructure_money(value: Decimal) -> str:
    return format(value, "f")


_CELL_HOOKS: dict[CellKind, tuple[Hook, Unhook]] = {
    CellKind.COUNT: (_structure_int, _identity),  # >= 0 by the model's validator
    CellKind.SIGNED: (_structure_int, _identity),
    CellKind.MONEY: (_structure_money, _unstructure_money),
}


def _hooks_for(conv: cattrs.Converter, tp: Any, kind: CellKind | None) -> tuple[Hook, Unhook]:
    """Structure and unstructure hooks for a field of type ``tp``."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        inner = rest[0] if len(rest) == 1 else Union[tuple(rest)]  # noqa: UP007
        hook, unhook = _hooks_for(conv, inner, kind)
        return _optional(hook), lambda v: None if v is None else unhook(v)
    if kind is not None:
        return _CELL_HOOKS[kind]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        hook, unhook = _hooks_for(conv, args[0], None)
        return _tuple_of(hook), lambda v: [unhook(x) for x in v]
    leaf = _leaf_hooks(tp)
    if leaf is not None:
        return leaf
    if attrs.has(tp) or origin in (Union, types.UnionType):
        # Classes (and unions of classes) are dispatched on the runtime class when writing;
        # unions are resolved by the overrides below when reading.
        return _class_dispatch(conv, tp), conv.unstructure
    raise TypeError(f"govinfo cannot serialize fields of type {tp!r}")  # pragma: no cover


def _validated(hook: Hook, attribute: attrs.Attribute[Any]) -> Hook:
    check = attribute.validator
    assert check is not None

    def structure(value: Any, type_: Any) -> Any:
        result = hook(value, type_)
        check(None, attribute, result)
        return result

    return structure


def _mapping_guard(fn: Hook, cls: type) -> Hook:
    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected an object ({cls.__name__}), got {_json_type(value)}")
        return fn(value, cls)

    return structure


def _class_hooks(conv: cattrs.Converter, cls: type, **special: Hook) -> tuple[Hook, Unhook]:
    structure_overrides: dict[str, Any] = {}
    unstructure_overrides: dict[str, Any] = {}
    for a in attrs.fields(cls):
        hook, unhook = _hooks_for(conv, a.type, a.metadata.get(CELL_KIND))
        hook = special.get(a.name, hook)
        if model.is_standalone(a.validator):
            hook = _validated(hook, a)
        structure_overrides[a.name] = override(struct_hook=hook)
        unstructure_overrides[a.name] = override(unstruct_hook=unhook)
    structure: Hook = make_dict_structure_fn(
        cls,
        conv,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True,
        **structure_overrides,
    )
    unstructure: Unhook = make_dict_unstructure_fn(cls, conv, **unstructure_overrides)
    return _mapping_guard(structure, cls), unstructure


def _other_handling_hook(conv: cattrs.Converter, edition: Edition) -> Hook:
    """（六）其他处理: one row in edition 2019; a breakdown (or one printed row) in 2021."""

    def structure(value: Any, _: Any) -> Any:
        if (
            edition is Edition.V2021
            and isinstance(value, Mapping)
            and OTHER_HANDLING_KEYS & set(value)
        ):
            return conv.structure(value, OtherHandling)
        return conv.structure(value, model.ApplicantCounts)

    return structure


def configure_converter(conv: cattrs.Converter) -> None:
    """Register govinfo's structure and unstructure hooks on ``conv``.

    Only govinfo's own classes are affected. After this, ``conv.structure(doc, Report)`` loads
    a report (without the ``schema_version`` envelope) and ``conv.unstructure(report)`` dumps
    one; errors surface as cattrs exception groups, which :func:`from_dict` turns into
    :class:`~govinfo.errors.InvalidDocument`.
    """
    for cls in MODEL_CLASSES:
        if cls in (Requests, Report):
            continue
        structure, unstructure = _class_hooks(conv, cls)
        conv.register_structure_hook(cls, structure)
        conv.register_unstructure_hook(cls, unstructure)

    requests_by_edition = {
        e: _class_hooks(conv, Requests, other_handling=_other_handling_hook(conv, e))
        for e in Edition
    }
    conv.register_structure_hook(Requests, requests_by_edition[Edition.V2021][0])
    conv.register_unstructure_hook(Requests, requests_by_edition[Edition.V2021][1])

    reports_by_edition: dict[Edition, Hook] = {}
    for e in Edition:
        proactive_cls = model.PROACTIVE_CLASSES[e]
        proactive = _optional(_class_dispatch(conv, proactive_cls))
        reports_by_edition[e], unstructure_report = _class_hooks(
            conv,
            Report,
            proactive=proactive,
            requests=_optional(requests_by_edition[e][0]),
        )

    edition_hook = _enum_hook(Edition, _enum_key)

    def structure_report(value: Any, _: Any) -> Report:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected an object (Report), got {_json_type(value)}")
        try:
            edition = edition_hook(value["edition"], Edition)
        except (KeyError, ValueError) as exc:
            exc.__notes__ = [_attribute_note("edition")]
            raise ClassValidationError("While structuring Report", [exc], Report) from None
        report: Report = reports_by_edition[edition](value, Report)
        return report

    conv.register_structure_hook(Report, structure_report)
    conv.register_unstructure_hook(Report, unstructure_report)


def _class_dispatch(conv: cattrs.Converter, cls: type) -> Hook:
    def structure(value: Any, _: Any) -> Any:
        return conv.structure(value, cls)

    return structure


def _attribute_note(name: str) -> Any:
    return AttributeValidationNote(f"Structuring class Report @ attribute {name}", name, str)


def make_converter() -> cattrs.Converter:
    """A new cattrs converter configured for govinfo (see :func:`configure_converter`)."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(conv)
    return conv


@cache
def _converter() -> cattrs.Converter:
    """The module's own converter, built on first use: building it generates the structuring
    code of every model class, which a program that imports this module only for its names
    (the command line, the JSON Schema) need not pay for."""
    return make_converter()


# --- errors -------------------------------------------------------------------------------


def _problems(exc: BaseException, path: str) -> list[Problem]:
    if isinstance(exc, ClassValidationError):
        found: list[Problem] = []
        with_notes, without_notes = exc.group_exceptions()
        for sub, note in with_notes:
            found.extend(_problems(sub, f"{path}.{note.name}"))
        for sub in without_notes:
            found.extend(_problems(sub, path))
        return found
    if isinstance(exc, IterableValidationError):
        found = []
        with_index, without_index = exc.group_exceptions()
        for sub, index_note in with_index:
            found.extend(_problems(sub, f"{path}[{index_note.index}]"))
        for sub in without_index:
            found.extend(_problems(sub, path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return [Problem(f"{path}.{key}", "unknown key") for key in sorted(exc.extra_fields)]
    if isinstance(exc, KeyError):
        return [Problem(path, "required field missing")]
    if isinstance(exc, TypeError | ValueError):
        message = str(exc)
        if ": " in message and message.split(": ", 1)[0].isidentifier():
            message = message.split(": ", 1)[1]  # model validators prefix the field name
        return [Problem(path, message)]
    return [Problem(path, f"invalid value ({type(exc).__name__}: {exc})")]


# --- public API -----------------------------------------------------------------------------


def to_dict(report: OneReport) -> dict[str, Any]:
    """The report (or a :class:`~govinfo.readers.ReadResult`'s) as a JSON-ready dict, with
    ``schema_version`` first."""
    body: dict[str, Any] = _converter().unstructure(as_report(report))
    return {"schema_version": SCHEMA_VERSION, **body}


def from_dict(document: Mapping[str, Any], *, source: str | None = None) -> Report:
    """Load a report from the dict form written by :func:`to_dict`.

    Raises :class:`~govinfo.errors.InvalidDocument` listing every problem with its path;
    ``source`` (a file name, say) is named in the message.
    """
    if not isinstance(document, Mapping):
        raise InvalidDocument(
            (Problem("$", f"expected an object, got {_json_type(document)}"),), source
        )
    body = dict(document)
    problems: list[Problem] = []
    if "schema_version" not in body:
        problems.append(Problem("$.schema_version", "required field missing"))
    else:
        version = body.pop("schema_version")
        if version != SCHEMA_VERSION or type(version) is not int:
            problems.append(
                Problem(
                    "$.schema_version",
                    f"unsupported schema version {version!r}; this govinfo reads {SCHEMA_VERSION}",
                )
            )
    try:
        report: Report = _converter().structure(body, Report)
    except Exception as exc:  # every failure becomes InvalidDocument
        problems.extend(_problems(exc, "$"))
    if problems:
        raise InvalidDocument(tuple(problems), source)
    return report


def to_json(report: OneReport, *, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8 friendly: Chinese is written as is)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, *, source: str | None = None) -> Report:
    """Load a report from JSON text written by :func:`to_json`; see :func:`from_dict`."""
    try:
        document = json.loads(text, parse_int=_parse_int)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidDocument((Problem("$", f"not valid JSON: {exc}"),), source) from None
    except _TooLong as exc:
        raise InvalidDocument((Problem("$", f"not valid JSON: {exc}"),), source) from None
    except RecursionError:
        raise InvalidDocument(
            (Problem("$", "not valid JSON: nested too deeply (arrays or objects in each other)"),),
            source,
        ) from None
    unencodable = _lone_surrogates(document)
    if unencodable:
        raise InvalidDocument(unencodable, source)
    return from_dict(document, source=source)


def _lone_surrogates(document: object) -> tuple[Problem, ...]:
    """Every string of ``document`` holding a lone surrogate (``"\\ud800"``): JSON allows the
    escape, but no text encoding can write the character, so such a report could not be
    printed or saved again."""
    problems = []
    stack: list[tuple[str, object]] = [("$", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and _SURROGATE.search(value):
                problems.append(Problem(path, "holds a lone surrogate (no character)"))
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((f"{path}.{key}", item))
                if _SURROGATE.search(key):
                    problems.append(Problem(path, "a key holds a lone surrogate"))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
    return tuple(sorted(problems, key=lambda p: p.path))


_SURROGATE = re.compile("[\ud800-\udfff]")


class _TooLong(Exception):
    """An integer of more digits than any field of a report can hold."""


_INT_DIGITS = 30
"""The most digits a JSON integer may have: every integer field is a count or a year."""


def _parse_int(text: str) -> int:
    if len(text) > _INT_DIGITS + 1 and len(text.lstrip("-")) > _INT_DIGITS:
        raise _TooLong(f"an integer of {len(text.lstrip('-'))} digits (at most {_INT_DIGITS})")
    return int(text)
