"""Run one component's show() in AppTest on the fixture tables: `run(script, **kwargs)`.

A script is a self-contained function (AppTest runs its source as the page), so it imports what it uses;
keyword arguments (the loaded fixture Data, Options, a FilterState) are handed to it as objects.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def run() -> Callable[..., AppTest]:
    def make(script: Callable[..., None], query: dict[str, str | list[str]] | None = None, **kwargs: object) -> AppTest:
        at = AppTest.from_function(script, kwargs=kwargs, default_timeout=60)
        at.query_params.update(query or {})
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make
