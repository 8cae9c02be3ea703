"""Integration tests with real outside programs (Syncthing); their fixtures."""

from tests.syncthing.fixtures import syncthing_pair  # noqa: F401  (a fixture, found by name)
