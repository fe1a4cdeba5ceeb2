"""Sample reports bundled with govinfo, for trying the library without any files of your own.

Each sample is a real published report, modelled by hand from the published document and
stored as a govinfo JSON document (``govinfo/data/samples/<name>.json``); the test suite holds
each one equal to its hand-built model.

>>> from govinfo import samples
>>> samples.names()
('luoyang-scjgj-2020',)
>>> samples.load("luoyang-scjgj-2020").agency
'洛阳市市场监督管理局'
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from govinfo.model import Report

__all__ = ["load", "names", "path"]

_PACKAGE_DIR = resources.files("govinfo") / "data" / "samples"


def names() -> tuple[str, ...]:
    """The names of the bundled samples, sorted."""
    return tuple(
        sorted(
            p.name.removesuffix(".json") for p in _PACKAGE_DIR.iterdir() if p.name.endswith(".json")
        )
    )


def path(name: str) -> Traversable:
    """Where the bundled sample ``name`` is stored: a govinfo JSON document that
    :func:`govinfo.read` and ``govinfo check`` read like any other file."""
    if name not in names():
        raise KeyError(f"no bundled sample {name!r}; available: {', '.join(names())}")
    return _PACKAGE_DIR / f"{name}.json"


def load(name: str) -> Report:
    """Load the bundled sample ``name`` (one of :func:`names`)."""
    if name not in names():
        raise KeyError(f"no bundled sample {name!r}; available: {', '.join(names())}")
    from govinfo.serialization import from_json  # noqa: PLC0415 - cattrs: only when a sample is loaded

    resource = _PACKAGE_DIR / f"{name}.json"
    return from_json(resource.read_text(encoding="utf-8"), source=f"govinfo sample {name}")
