"""Two or more Syncthing instances sharing one folder, and the waits a test needs.

Every wait is bounded: when it runs out it raises SyncthingError with what it saw, each
instance's folder state and connections, its files, and the tail of its log. Waits trigger
scans through the REST API (``POST /rest/db/scan`` returns once the scan is done) instead of
waiting for the file-system watcher, so a test never depends on the watcher's timing.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from tests.syncthing.files import conflict_pattern, folder_contents, write_atomic
from tests.syncthing.process import (
    FOLDER_ID,
    START_TIMEOUT,
    Instance,
    SyncthingError,
    poll,
    syncthing_binary,
)

SYNC_TIMEOUT = 60.0


class Cluster:
    """``count`` instances (``a``, ``b``, ...) that share the folder ``folder_id``."""

    def __init__(
        self, root: Path, count: int = 2, folder_id: str = FOLDER_ID, binary: str | None = None
    ):
        if count < 2:
            raise ValueError("a cluster needs at least two instances")
        binary = binary or syncthing_binary()
        self.folder_id = folder_id
        self.instances = [
            Instance(chr(ord("a") + i), root / chr(ord("a") + i), binary) for i in range(count)
        ]

    @property
    def a(self) -> Instance:
        return self.instances[0]

    @property
    def b(self) -> Instance:
        return self.instances[1]

    def pairs(self) -> Iterator[tuple[Instance, Instance]]:
        for one in self.instances:
            for other in self.instances:
                if one is not other:
                    yield one, other

    # Starting and stopping ----------------------------------------------------------------

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Configure, start, give each the others' real addresses, wait until all connected."""
        for inst in self.instances:
            inst.configure([p for p in self.instances if p is not inst], self.folder_id)
        for inst in self.instances:  # all at once: starting takes most of a second each
            inst.launch()
        for inst in self.instances:
            inst.wait_ready()
        for one, other in self.dialers():
            one.patch(
                f"/rest/config/devices/{other.device_id}",
                {"addresses": [f"tcp://127.0.0.1:{other.sync_port}"]},
            )
        self.wait_connected(timeout)

    def dialers(self) -> Iterator[tuple[Instance, Instance]]:
        """(dialer, listener): of each pair only the first knows the other's address. Two
        Syncthing 1.19 instances that dial each other at the same moment can both stall in
        the Hello exchange until its 20 s timeout; one dialer never races."""
        for i, one in enumerate(self.instances):
            for other in self.instances[i + 1 :]:
                yield one, other

    def stop(self) -> None:
        """Stop every process (REST shutdown, then SIGTERM, then SIGKILL); never raises for one
        that is already gone, and tries every instance even when one fails."""
        errors = []
        for inst in self.instances:  # all at once: each then exits while the next is waited for
            inst.request_shutdown()
        for inst in self.instances:
            try:
                inst.stop()
            except Exception as exc:  # noqa: BLE001  (the others must still be stopped)
                errors.append(f"{inst.name}: {exc!r}")
        if errors:
            raise SyncthingError("stopping syncthing failed: " + "; ".join(errors))

    # Connections ------------------------------------------------------------------------

    def _connections(self) -> dict[tuple[str, str], bool]:
        return {(one.name, other.name): one.connected(other) for one, other in self.pairs()}

    def _wait_connections(self, connected: bool, timeout: float) -> None:
        seen: dict[tuple[str, str], bool] = {}

        def check() -> bool:
            seen.update(self._connections())
            return all(value is connected for value in seen.values())

        poll(
            lambda: (
                f"waited for every connection to be {'up' if connected else 'down'}; "
                f"connected: {seen}"
            ),
            check,
            timeout,
            self.instances,
        )

    def wait_connected(self, timeout: float = SYNC_TIMEOUT) -> None:
        """Wait until every instance is connected to every other."""
        self._wait_connections(True, timeout)

    def pause(self, timeout: float = SYNC_TIMEOUT) -> None:
        """Pause every device on every instance (config API) and wait until all are apart:
        from then on each side changes files without the others knowing."""
        for one, other in self.pairs():
            one.patch(f"/rest/config/devices/{other.device_id}", {"paused": True})
        self._wait_connections(False, timeout)

    def resume(self, timeout: float = SYNC_TIMEOUT) -> None:
        """Undo :meth:`pause` and wait until every instance is connected again. Syncthing dials
        at once after the first resumes; after about three within two minutes it waits for its
        reconnection interval (5 s, its minimum) instead."""
        # The listening side first: a dialer resumed first could dial a side that still
        # refuses it, and then wait for its next attempt.
        for dialer, listener in self.dialers():
            listener.patch(f"/rest/config/devices/{dialer.device_id}", {"paused": False})
        for dialer, listener in self.dialers():
            dialer.patch(f"/rest/config/devices/{listener.device_id}", {"paused": False})
        self.wait_connected(timeout)

    # Scanning and waiting ----------------------------------------------------------------

    def rescan(self) -> None:
        """Scan the shared folder on every instance; returns when every scan is done."""
        for inst in self.instances:
            inst.scan()

    def sync_problems(self) -> list[str]:
        """Why the instances are not (yet) in sync; empty when they are."""
        problems = []
        for one, other in self.pairs():
            if not one.connected(other):
                problems.append(f"{one.name} is not connected to {other.name}")
        summaries = {}
        for inst in self.instances:
            status = inst.status()
            if status.get("state") != "idle":
                problems.append(f"{inst.name} is {status.get('state')!r}")
            for key in ("needTotalItems", "pullErrors", "errors"):
                if status.get(key):
                    problems.append(f"{inst.name} has {key}={status[key]}")
            summaries[inst.name] = tuple(
                status.get(k)
                for k in ("globalFiles", "globalDirectories", "globalDeleted", "globalBytes")
            )
        if len(set(summaries.values())) > 1:
            problems.append(f"the global states differ: {summaries}")
        for one, other in self.pairs():
            done = one.get("/rest/db/completion", folder=self.folder_id, device=other.device_id)
            if done.get("completion") != 100 or done.get("needItems") or done.get("needDeletes"):
                problems.append(
                    f"{one.name} sees {other.name} at {done.get('completion')}% "
                    f"(needItems={done.get('needItems')}, needDeletes={done.get('needDeletes')})"
                )
        contents = {inst.name: folder_contents(inst.folder) for inst in self.instances}
        reference = contents[self.a.name]
        for name, found in contents.items():
            if found != reference:
                differ = sorted(
                    k for k in set(found) | set(reference) if found.get(k) != reference.get(k)
                )
                problems.append(f"{name}'s files differ from {self.a.name}'s: {differ}")
        return problems

    def wait_until_synced(self, timeout: float = SYNC_TIMEOUT) -> dict[str, bytes]:
        """Scan everywhere, then wait until every instance is idle, needs nothing, sees every
        other at 100 % completion, agrees on the global state and holds the same files with the
        same bytes, twice in a row. Returns those files (name -> bytes)."""
        problems: list[str] = ["not checked yet"]
        good_rounds = 0

        def check() -> bool:
            nonlocal problems, good_rounds
            self.rescan()
            problems = self.sync_problems()
            good_rounds = good_rounds + 1 if not problems else 0
            return good_rounds >= 2

        poll(
            lambda: "the instances did not get in sync: " + "; ".join(problems),
            check,
            timeout,
            self.instances,
        )
        return folder_contents(self.a.folder)

    def wait_for_file(
        self,
        inst: Instance,
        name: str,
        predicate: Callable[[bytes], bool] | None = None,
        timeout: float = SYNC_TIMEOUT,
    ) -> bytes:
        """Wait until ``name`` exists in ``inst``'s folder (and ``predicate(content)`` holds);
        returns its bytes. Scans every instance about once a second meanwhile."""
        path = inst.path(name)
        last: list[bytes | None] = [None]

        def check() -> tuple[bytes] | None:
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                return None
            last[0] = data
            return (data,) if predicate is None or predicate(data) else None

        found = poll(
            lambda: (
                f"{name} did not arrive on {inst.name} as expected "
                f"(last content seen: {last[0]!r:.300})"
            ),
            check,
            timeout,
            self.instances,
            every=self.rescan,
        )
        return found[0]

    def wait_for_absence(self, inst: Instance, name: str, timeout: float = SYNC_TIMEOUT) -> None:
        """Wait until ``name`` is gone from ``inst``'s folder."""
        path = inst.path(name)
        poll(
            lambda: f"{name} is still on {inst.name}",
            lambda: not path.exists(),
            timeout,
            self.instances,
            every=self.rescan,
        )

    # Conflicts --------------------------------------------------------------------------

    def conflict_copies(self, inst: Instance, name: str) -> list[str]:
        """The names of every conflict copy of ``name`` in ``inst``'s folder, sorted."""
        pattern = conflict_pattern(name)
        return sorted(p.name for p in inst.folder.iterdir() if pattern.match(p.name))

    def _local_entry_is(self, inst: Instance, name: str, data: bytes, mtime: int) -> bool:
        entry = inst.get("/rest/db/file", folder=self.folder_id, file=name).get("local") or {}
        modified = go_time(entry.get("modified", ""))
        return (
            entry.get("size") == len(data)
            and not entry.get("deleted")
            and modified is not None
            and int(modified.timestamp()) == mtime
        )

    def force_conflict(
        self,
        name: str,
        loser_data: bytes,
        winner_data: bytes,
        loser: Instance | None = None,
        winner: Instance | None = None,
        timeout: float = SYNC_TIMEOUT,
    ) -> ConflictOutcome:
        """Make Syncthing see concurrent changes to ``name``: pause all devices, write
        ``loser_data`` on ``loser`` (default a) and ``winner_data`` on ``winner`` (default b),
        the winner with the newer modification time, scan both, resume, and wait until every
        instance holds ``winner_data`` as ``name`` and exactly one new conflict copy holding
        ``loser_data``, and all are in sync."""
        loser, winner = loser or self.a, winner or self.b
        if loser is winner or loser_data == winner_data:
            raise ValueError("a conflict needs two instances and two different contents")
        self.wait_until_synced(timeout)
        before = {copy for inst in self.instances for copy in self.conflict_copies(inst, name)}
        self.pause(timeout)
        now = int(time.time())
        # Both in the past and a minute apart: the winner's is newer whatever the clock does.
        times = {loser.name: now - 120, winner.name: now - 60}
        for inst, data in ((loser, loser_data), (winner, winner_data)):
            write_atomic(inst.path(name), data, mtime=times[inst.name])
        for inst, data in ((loser, loser_data), (winner, winner_data)):
            poll(
                lambda inst=inst: f"{inst.name} did not index its own change to {name}",
                lambda inst=inst, data=data: self._local_entry_is(
                    inst, name, data, times[inst.name]
                ),
                timeout,
                self.instances,
                every=lambda inst=inst: inst.scan(),
            )
        resumed = datetime.now(UTC).replace(microsecond=0)
        self.resume(timeout)
        seen: dict[str, object] = {}

        def settled() -> bool:
            for inst in self.instances:
                copies = [c for c in self.conflict_copies(inst, name) if c not in before]
                try:
                    main = inst.path(name).read_bytes()
                    contents = [inst.path(c).read_bytes() for c in copies]
                except FileNotFoundError:
                    return False
                seen[inst.name] = (copies, main == winner_data, [c == loser_data for c in contents])
                if len(copies) != 1 or main != winner_data or contents != [loser_data]:
                    return False
            return len({tuple(v[0]) for v in seen.values()}) == 1

        poll(
            lambda: f"no single conflict copy of {name} everywhere: {seen}",
            settled,
            timeout,
            self.instances,
            every=self.rescan,
        )
        self.wait_until_synced(timeout)
        finished = datetime.now(UTC)
        copy = self.conflict_copies(self.a, name)
        copy = [c for c in copy if c not in before][0]
        return ConflictOutcome(copy, resumed, finished)


def go_time(text: str) -> datetime | None:
    """A time as Go writes it in JSON (RFC 3339, up to nanoseconds), to the whole second."""
    found = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)", text)
    if not found:
        return None
    zone = "+00:00" if found.group(2) == "Z" else found.group(2)
    return datetime.fromisoformat(found.group(1) + zone)


class ConflictOutcome:
    """What :meth:`Cluster.force_conflict` produced: the copy's name and when it could be made."""

    def __init__(self, name: str, not_before: datetime, not_after: datetime):
        self.name = name
        self.not_before = not_before
        self.not_after = not_after

    def __repr__(self) -> str:
        return f"ConflictOutcome({self.name!r})"


@contextlib.contextmanager
def running_cluster(
    root: Path, count: int = 2, timeout: float = START_TIMEOUT, folder_id: str = FOLDER_ID
) -> Iterator[Cluster]:
    """A started cluster under ``root``; every process is stopped afterwards, also when the
    start itself or the body fails."""
    cluster = Cluster(root, count, folder_id)
    try:
        cluster.start(timeout)
        yield cluster
    except BaseException:
        with contextlib.suppress(SyncthingError):  # the first failure is the one to see
            cluster.stop()
        raise
    cluster.stop()
