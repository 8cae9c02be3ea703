"""Real Syncthing (Debian's ``syncthing`` package) for tests of sharing through a synced folder.

Use the ``syncthing_pair`` fixture (import it into a conftest from ``tests.syncthing.fixtures``)
or ``with running_cluster(tmp_path / "st", count=3) as cluster:``. Either gives started
instances ``cluster.a``, ``cluster.b`` ... (``cluster.instances``), each with its own home and
its own copy (``inst.folder``, ``inst.path(name)``) of one shared folder, connected only to each
other over 127.0.0.1; every process is stopped afterwards, whatever the test did. Without
syncthing the test is skipped, or fails when PLGCYCLE_REQUIRE_SYNCTHING=1.

The cluster's waits (each bounded; on timeout SyncthingError with every instance's state,
files and log tail; an instance that dies fails the wait at once):

* ``wait_until_synced(timeout)``: scans everywhere; returns the shared files (name -> bytes)
  once every instance is idle, needs nothing, sees every other at 100 %, agrees on the global
  state and holds the same bytes, twice in a row.
* ``wait_for_file(inst, name, predicate, timeout)``: the file's bytes once it exists on
  ``inst`` (and ``predicate(bytes)`` holds); ``wait_for_absence(inst, name, timeout)``.
* ``rescan()``: a finished scan on every instance; ``pause()`` / ``resume()``: every device
  connection down / up again.
* ``force_conflict(name, loser_data, winner_data, loser, winner)``: concurrent changes while
  paused; returns the ConflictOutcome (``.name`` of the one new conflict copy, and the window
  in which it was made) once every instance holds the winner's bytes as ``name`` and the
  loser's in the copy.

``files`` says what Syncthing does to names (temporary files, the marker, conflict copies);
``write_atomic`` writes as plgcycle does; ``process`` configures and stops one instance.
"""

from tests.syncthing.cluster import Cluster, ConflictOutcome, go_time, running_cluster
from tests.syncthing.files import (
    MARKER,
    conflict_name,
    conflict_pattern,
    folder_contents,
    go_ext,
    is_syncthing_own,
    write_atomic,
)
from tests.syncthing.process import FOLDER_ID, Instance, SyncthingError, poll, syncthing_binary

__all__ = [
    "Cluster",
    "ConflictOutcome",
    "FOLDER_ID",
    "Instance",
    "MARKER",
    "SyncthingError",
    "conflict_name",
    "conflict_pattern",
    "folder_contents",
    "go_ext",
    "go_time",
    "is_syncthing_own",
    "poll",
    "running_cluster",
    "syncthing_binary",
    "write_atomic",
]
