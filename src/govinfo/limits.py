"""Bounds on what reading will take on, so that hostile or broken input ends in an error
instead of a hang or an exhausted machine.

>>> import govinfo
>>> govinfo.Limits().max_pdf_pages
500
>>> result = govinfo.read("big.pdf", limits=govinfo.Limits(max_pdf_pages=2000))  # doctest: +SKIP

Every limit is checked before the work it bounds (a DOCX's members are measured from its zip
directory before anything is inflated). Exceeding one raises
:class:`~govinfo.errors.LimitExceeded`, naming the limit, the value met and how to raise it.
The command line takes ``--limit NAME=VALUE`` (repeatable).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Any

import attrs
from attrs import frozen

from govinfo.errors import LimitExceeded

__all__ = [
    "DEFAULT_LIMITS",
    "LimitExceeded",
    "Limits",
    "check_text",
    "current_limits",
    "set_limits",
    "using",
]


def _positive(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 1:
        raise ValueError(f"Limits.{attribute.name} must be a positive int, got {value!r}")


def _limit(default: int, meaning: str) -> Any:
    return attrs.field(default=default, validator=_positive, metadata={"meaning": meaning})


@frozen(kw_only=True)
class Limits:
    """What :func:`govinfo.read` and :func:`govinfo.read_all` accept; every field has a
    default generous for any real report, and may be raised (or lowered) per call::

        govinfo.read(path, limits=govinfo.Limits(max_input_bytes=200 * 2**20))
    """

    max_input_bytes: int = _limit(
        64 * 2**20, "bytes of input (a file's size, measured before it is read; text in UTF-8)"
    )
    max_pdf_pages: int = _limit(500, "pages of a PDF")
    max_zip_bytes: int = _limit(
        128 * 2**20, "bytes of a DOCX's members together, uncompressed, as its zip directory states"
    )
    max_zip_members: int = _limit(2000, "members of a DOCX's zip archive")
    max_zip_ratio: int = _limit(
        100, "uncompressed over compressed size of any DOCX member of more than 1 MiB"
    )
    max_table_cells: int = _limit(
        100_000, "cells of one HTML table, each position a merged cell covers counted"
    )
    max_row_width: int = _limit(
        1000, "columns of one HTML table row, each column a merged cell covers counted"
    )
    max_line_chars: int = _limit(
        2_000_000, "characters of one line (or table row) handed to the readers' patterns"
    )
    max_number_digits: int = _limit(
        4000, "digits in one unbroken run (a number, or a crawler text's cells run together)"
    )

    @classmethod
    def described(cls) -> tuple[tuple[str, int, str], ...]:
        """Each limit's name, default and meaning (the docs' table is made from these)."""
        return tuple(
            (a.name, a.default, a.metadata["meaning"])
            for a in attrs.fields(cls)
            if isinstance(a.default, int)
        )

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The limits' names, as ``--limit NAME=VALUE`` takes them."""
        return tuple(a.name for a in attrs.fields(cls))

    def with_(self, **changes: int) -> Limits:
        """These limits with some changed."""
        return attrs.evolve(self, **changes)

    def exceeded(self, name: str, value: int, what: str, where: str | None = None) -> LimitExceeded:
        """The error to raise: ``value`` met where at most ``getattr(self, name)`` is allowed."""
        return LimitExceeded(name, getattr(self, name), value, what, where)

    def check(self, name: str, value: int, what: str, where: str | None = None) -> None:
        """Raise :class:`LimitExceeded` when ``value`` is above the limit ``name``."""
        if value > getattr(self, name):
            raise self.exceeded(name, value, what, where)


DEFAULT_LIMITS = Limits()

_CURRENT: ContextVar[Limits] = ContextVar("govinfo_limits", default=DEFAULT_LIMITS)


def current_limits() -> Limits:
    """The limits of the read in progress (the defaults outside one)."""
    return _CURRENT.get()


def set_limits(limits: Limits) -> None:
    """Make ``limits`` the defaults of every read from now on in this context (the command
    line's ``--limit`` does so); a read given ``limits=`` still uses its own."""
    _CURRENT.set(limits)


class using:  # noqa: N801 - used as a context manager, like contextlib's
    """``with using(limits):`` — the limits every reader consults until the block ends."""

    def __init__(self, limits: Limits | None) -> None:
        self.limits = limits

    def __enter__(self) -> Limits:
        limits = self.limits if self.limits is not None else _CURRENT.get()
        self._token = _CURRENT.set(limits)
        return limits

    def __exit__(self, *_exc: object) -> None:
        _CURRENT.reset(self._token)


_LONG_LINE = re.compile(r"[^\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+")


def check_text(text: str, name: str | None = None, limits: Limits | None = None) -> None:
    """Check decoded text against the line-length and digit-run limits (linear time)."""
    limits = limits or current_limits()
    if len(text) > limits.max_line_chars:
        longest = max((m.end() - m.start() for m in _LONG_LINE.finditer(text)), default=0)
        limits.check("max_line_chars", longest, "characters on one line", name)
    # from the first digit of a run only, so each run is looked at once
    digits = re.search(rf"(?<!\d)\d{{{limits.max_number_digits + 1}}}", text)
    if digits is not None:
        run = re.compile(r"\d*+").match(text, digits.start())
        length = run.end() - run.start() if run else limits.max_number_digits + 1
        raise limits.exceeded("max_number_digits", length, "digits in one run", name)
