"""Shared test fixtures.

Tests that read the real data in ../shared/data skip cleanly where it is absent
(CI machines may not have it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytest_plugins: list[str] = ["crossref_fake"]


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or skip the test."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("../shared/data is not present")
    return path


@pytest.fixture
def ketamine_sample() -> Path:
    """The real AI-drafted blog post in ../shared/samples, or skip."""
    path = SHARED / "samples" / "ketamine-blog-post.txt"
    if not path.is_file():
        pytest.skip("../shared/samples is not present")
    return path


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
