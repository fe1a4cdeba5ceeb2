"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The workplace's shared folder (reference docs and real sample reports).

    It sits beside the repository (``../shared``) or where ``GOVINFO_SHARED`` points. Tests
    that need it are skipped on a machine without it, except under CI, where its absence is a
    failure: CI must never pass by running nothing.
    """
    path = Path(os.environ.get("GOVINFO_SHARED", REPO_ROOT.parent / "shared"))
    if not (path / "reference" / "format.md").is_file():
        message = f"shared folder with reference/format.md not found at {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
