"""Fixtures for the sandbox tests: an httpx-based client per sandbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pecdesk.sandbox import EmbeddedSandbox
from tests.helpers.sandbox_http import Api


@pytest.fixture
def api(sandbox: EmbeddedSandbox) -> Iterator[Api]:
    """A client of the default test sandbox."""
    client = Api(sandbox)
    yield client
    client.close()
