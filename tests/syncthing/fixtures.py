"""Pytest fixtures for Syncthing; a conftest makes them available with
``from tests.syncthing.fixtures import syncthing_pair  # noqa: F401``."""

from __future__ import annotations

import pytest

from tests.syncthing.cluster import Cluster, running_cluster


@pytest.fixture
def syncthing_pair(tmp_path) -> Cluster:
    """Two started, connected Syncthing instances (``.a`` and ``.b``) sharing one folder;
    stopped after the test, whatever its outcome. Skips when syncthing is not installed
    (fails instead with PLGCYCLE_REQUIRE_SYNCTHING=1)."""
    with running_cluster(tmp_path / "syncthing") as cluster:
        yield cluster
