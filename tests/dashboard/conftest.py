"""Shared fixtures: the hand-written tables in tests/fixtures/tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.services.data import Data, load_data
from dashboard.services.filters import Options, options_from

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "tables"


@pytest.fixture(scope="session")
def data() -> Data:
    return load_data(FIXTURES)


@pytest.fixture(scope="session")
def options(data: Data) -> Options:
    return options_from(data)
