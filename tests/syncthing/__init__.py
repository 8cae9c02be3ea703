"""Real Syncthing (Debian's ``syncthing`` package) for tests of sharing through a synced folder.

``running_cluster(tmp_path)`` (or the ``syncthing_pair`` fixture) gives two started instances,
``a`` and ``b``, each with its own home and its own copy of one shared folder, connected only to
each other over 127.0.0.1. See ``files`` for what Syncthing does to names in the folder,
``process`` for how one instance is configured and stopped, ``cluster`` for the waits.
"""

from tests.syncthing.cluster import Cluster, ConflictOutcome, go_time, running_cluster
from tests.syncthing.files import (MARKER, conflict_name, conflict_pattern, folder_contents,
                                   go_ext, is_syncthing_own, write_atomic)
from tests.syncthing.fixtures import syncthing_pair
from tests.syncthing.process import FOLDER_ID, Instance, SyncthingError, poll, syncthing_binary

__all__ = ["Cluster", "ConflictOutcome", "FOLDER_ID", "Instance", "MARKER", "SyncthingError",
           "conflict_name", "conflict_pattern", "folder_contents", "go_ext", "go_time",
           "is_syncthing_own", "poll", "running_cluster", "syncthing_binary", "syncthing_pair",
           "write_atomic"]
