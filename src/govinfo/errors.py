"""The exceptions govinfo raises.

Every exception is a :class:`GovinfoError`, which is also a :class:`ValueError`, so callers
that only care whether an input was acceptable can catch either::

    GovinfoError (ValueError)
    ├── InvalidDocument      a serialized report does not match the schema
    └── UnsupportedEdition   no template edition applies (a report year before 2019)
"""

from __future__ import annotations

from attrs import frozen

__all__ = ["GovinfoError", "InvalidDocument", "Problem", "UnsupportedEdition"]


class GovinfoError(ValueError):
    """Base class of every error govinfo raises on bad input."""


class UnsupportedEdition(GovinfoError):
    """No State Council template edition applies (for example, a report year before 2019)."""


@frozen
class Problem:
    """One thing wrong with a document: where (a JSONPath such as ``$.requests.disclosed``)
    and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidDocument(GovinfoError):
    """A serialized report could not be loaded; :attr:`problems` lists every bad field.

    The message names the source (when known) and every problem, one per line::

        invalid govinfo document (report.json): 2 problems
          $.requests.withheld.state_secret.natural_person: must be >= 0
          $.year: expected an integer, got str
    """

    def __init__(self, problems: tuple[Problem, ...], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        where = f" ({source})" if source else ""
        count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
        lines = [f"invalid govinfo document{where}: {count}"]
        lines.extend(f"  {p}" for p in problems)
        super().__init__("\n".join(lines))
