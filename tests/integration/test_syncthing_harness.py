"""The Syncthing test harness against the real program (Debian's syncthing).

It proves what the sharing tests will rely on: a file written atomically on one side arrives
byte for byte on the other, a deletion travels, a conflict leaves exactly the conflict copy
tests/syncthing/files.py documents, nothing listens beyond 127.0.0.1 and no process outlives
its test. Skips when syncthing is missing, unless PLGCYCLE_REQUIRE_SYNCTHING=1 (CI), then fails.
Each test prints how long it took (``pytest -s -n 0`` shows it).
"""

from __future__ import annotations

import json
import os
import random
import time
from datetime import UTC, datetime

import pytest

from tests.syncthing import (
    MARKER,
    SyncthingError,
    conflict_name,
    conflict_pattern,
    go_time,
    is_syncthing_own,
    poll,
    running_cluster,
    write_atomic,
)
from tests.syncthing import process as st_process
from tests.syncthing.sockets import group_pids

NAME = "sanne.plgcycle.json"


def export_bytes(owner: str, size: int = 0) -> bytes:
    """An export-like JSON file; ``size`` pads it past one Syncthing block (128 KiB), with
    no two blocks alike (Syncthing copies a block it already has instead of sending it)."""
    body = {
        "format": "plgcycle-export",
        "owner": owner,
        "tekst": "één ‘vraag’ — ✓",
        "padding": random.Random(owner).randbytes(size // 2).hex(),
    }
    return json.dumps(body, ensure_ascii=False, indent=1).encode()


@pytest.fixture(autouse=True)
def timed(request):
    """Prints each test's time, starting and stopping Syncthing included (set up first)."""
    start = time.monotonic()
    yield
    print(f"\n{request.node.name}: {time.monotonic() - start:.2f} s")


@pytest.mark.slow
def test_an_atomic_write_arrives_byte_identical_both_ways(syncthing_pair):
    a, b = syncthing_pair.a, syncthing_pair.b
    first = export_bytes("Sanne", size=300_000)  # three blocks
    write_atomic(a.path(NAME), first)
    assert syncthing_pair.wait_for_file(b, NAME, lambda data: data == first) == first

    other = export_bytes("Bram")
    write_atomic(b.path("bram.plgcycle.json"), other)
    assert syncthing_pair.wait_for_file(a, "bram.plgcycle.json", lambda d: d == other) == other

    # A second version replaces the first on the other side, too.
    second = export_bytes("Sanne, later")
    write_atomic(a.path(NAME), second)
    assert syncthing_pair.wait_for_file(b, NAME, lambda data: data == second) == second

    files = syncthing_pair.wait_until_synced()
    assert files == {NAME: second, "bram.plgcycle.json": other}
    for inst in (a, b):
        # Only the marker beside the two files: no temporary name (Syncthing's or ours) is left.
        assert sorted(p.name for p in inst.folder.iterdir()) == [MARKER, "bram.plgcycle.json", NAME]
        assert inst.path(NAME).read_bytes() == second


@pytest.mark.slow
def test_a_file_in_transit_shows_only_under_syncthings_temporary_name(syncthing_pair):
    a, b = syncthing_pair.a, syncthing_pair.b
    # Slow b's download to 400 KiB/s (loopback counts as LAN, unlimited unless told; the
    # first ~512 KiB pass at once) so the transfer lasts well over a second and its
    # temporary file can be seen.
    b.patch("/rest/config/options", {"limitBandwidthInLan": True})
    b.patch(f"/rest/config/devices/{a.device_id}", {"maxRecvKbps": 400})
    data = random.Random(7).randbytes(1_200_000)  # no repeated block Syncthing could copy locally
    name, temp = "groot.plgcycle.json", ".syncthing.groot.plgcycle.json.tmp"
    write_atomic(a.path(name), data)

    def in_transit() -> bool:
        if b.path(name).exists():
            # Under its own name the file is never partial.
            assert b.path(name).read_bytes() == data
        return b.path(temp).exists() and not b.path(name).exists()

    poll(
        lambda: f"{temp} never appeared on b",
        in_transit,
        30,
        syncthing_pair.instances,
        every=a.scan,
    )
    assert is_syncthing_own(temp) and not temp.endswith(".plgcycle.json")
    assert syncthing_pair.wait_for_file(b, name, lambda d: d == data) == data
    assert syncthing_pair.wait_until_synced() == {name: data}
    assert not b.path(temp).exists()


@pytest.mark.slow
def test_a_deleted_file_disappears_on_the_other_side(syncthing_pair):
    a, b = syncthing_pair.a, syncthing_pair.b
    write_atomic(a.path(NAME), export_bytes("Sanne"))
    write_atomic(a.path("blijft.plgcycle.json"), export_bytes("Blijft"))
    syncthing_pair.wait_for_file(b, NAME)
    syncthing_pair.wait_until_synced()

    os.remove(b.path(NAME))
    syncthing_pair.wait_for_absence(a, NAME)
    files = syncthing_pair.wait_until_synced()
    assert files == {"blijft.plgcycle.json": export_bytes("Blijft")}
    entry = a.get("/rest/db/file", folder=syncthing_pair.folder_id, file=NAME)
    assert entry["global"]["deleted"] is True and entry["local"]["deleted"] is True


@pytest.mark.slow
def test_a_conflict_keeps_the_losers_version_under_syncthings_name(syncthing_pair):
    a, b = syncthing_pair.a, syncthing_pair.b
    write_atomic(a.path(NAME), export_bytes("Sanne, shared"))
    syncthing_pair.wait_until_synced()
    mine, theirs = export_bytes("Sanne, on a"), export_bytes("Sanne, on b")

    outcome = syncthing_pair.force_conflict(
        NAME, loser_data=mine, winner_data=theirs, loser=a, winner=b
    )

    # What Syncthing 1.19 really does: only the last extension stays at the end, and the ID in
    # the name is the WINNING device's (the one whose version replaced the loser's), not the
    # ID of the device that wrote the content kept in the copy.
    found = conflict_pattern(NAME).match(outcome.name)
    assert found and found["device"] == b.short_id != a.short_id
    when = datetime.strptime(found["when"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    assert outcome.not_before <= when <= outcome.not_after
    assert outcome.name == conflict_name(NAME, when, b.device_id)
    assert outcome.name.startswith("sanne.plgcycle.sync-conflict-")
    assert outcome.name.endswith(".json") and not outcome.name.endswith(".plgcycle.json")
    for inst in (a, b):
        assert sorted(p.name for p in inst.folder.iterdir()) == sorted([MARKER, NAME, outcome.name])
        assert inst.path(NAME).read_bytes() == theirs
        assert inst.path(outcome.name).read_bytes() == mine

    # The other way round the other device's ID is in the name: the rule, not a fixed side.
    again = syncthing_pair.force_conflict(
        "bram.plgcycle.json",
        loser_data=export_bytes("on b"),
        winner_data=export_bytes("on a"),
        loser=b,
        winner=a,
    )
    assert conflict_pattern("bram.plgcycle.json").match(again.name)["device"] == a.short_id
    assert syncthing_pair.wait_until_synced()[again.name] == export_bytes("on b")


@pytest.mark.slow
def test_three_instances_share_one_folder(tmp_path):
    with running_cluster(tmp_path / "st", count=3) as cluster:
        a, b, c = cluster.instances
        assert len({a.device_id, b.device_id, c.device_id}) == 3
        write_atomic(c.path(NAME), export_bytes("Sanne, via c"))
        write_atomic(a.path("bram.plgcycle.json"), export_bytes("Bram, via a"))
        files = cluster.wait_until_synced()
        # wait_until_synced holds only when all three folders hold these same bytes.
        assert files == {
            NAME: export_bytes("Sanne, via c"),
            "bram.plgcycle.json": export_bytes("Bram, via a"),
        }
        assert b.path(NAME).read_bytes() == export_bytes("Sanne, via c")


@pytest.mark.slow
def test_nothing_listens_beyond_loopback(syncthing_pair):
    for inst in syncthing_pair.instances:
        config = inst.get("/rest/config")
        options = config["options"]
        assert options["listenAddresses"] == ["tcp://127.0.0.1:0"]
        assert (
            options["globalAnnounceEnabled"],
            options["localAnnounceEnabled"],
            options["relaysEnabled"],
            options["natEnabled"],
            options["crashReportingEnabled"],
            options["startBrowser"],
        ) == (False,) * 6
        assert options["urAccepted"] == -1 and options["autoUpgradeIntervalH"] == 0
        assert config["gui"]["address"] == "127.0.0.1:0" and inst.api_url.startswith(
            "http://127.0.0.1:"
        )
        assert [f["id"] for f in config["folders"]] == [
            syncthing_pair.folder_id
        ]  # no default folder
        # Each device knows its peers by ID; the dialing side (a) has b's explicit address,
        # b waits for a's call: nothing is ever looked up.
        peers = {
            d["deviceID"]: d["addresses"]
            for d in config["devices"]
            if d["deviceID"] != inst.device_id
        }
        dials = {
            listener.device_id for dialer, listener in syncthing_pair.dialers() if dialer is inst
        }
        assert peers == {
            p.device_id: [f"tcp://127.0.0.1:{p.sync_port}"] if p.device_id in dials else ["dynamic"]
            for p in syncthing_pair.instances
            if p is not inst
        }
        assert inst.get("/rest/system/discovery") == {}

        sockets = inst.sockets()
        listening = sorted((s.proto, s.local, s.local_port) for s in sockets if s.listening)
        # Exactly the API and the sync listener, TCP on 127.0.0.1; no UDP (discovery, QUIC).
        assert listening == sorted(
            [
                ("tcp", "127.0.0.1", int(inst.api_url.rsplit(":", 1)[1])),
                ("tcp", "127.0.0.1", inst.sync_port),
            ]
        )
        assert all(
            s.local == "127.0.0.1" and s.remote in ("127.0.0.1", "0.0.0.0") for s in sockets
        ), sockets


@pytest.mark.slow
def test_every_process_is_gone_after_a_failing_test(tmp_path):
    with pytest.raises(SyncthingError) as failed:
        with running_cluster(tmp_path / "st") as cluster:
            groups = [inst.process.pid for inst in cluster.instances]
            assert all(group_pids(g) for g in groups)
            cluster.wait_for_file(cluster.b, "komt-nooit.plgcycle.json", timeout=1)
    assert [group_pids(g) for g in groups] == [[], []]
    assert all(inst.process.returncode == 0 for inst in cluster.instances)  # a clean shutdown
    message = str(failed.value)
    # The failure says what it waited for and shows each instance's state and log.
    assert "komt-nooit.plgcycle.json did not arrive on b" in message
    assert "=== a (" in message and "=== b (" in message
    assert "lines of a's log ---" in message and "lines of b's log ---" in message
    assert "INFO: Completed initial scan" in message


@pytest.mark.slow
def test_a_syncthing_that_dies_fails_the_wait_at_once_with_its_log(syncthing_pair):
    b = syncthing_pair.b
    b.process.kill()
    b.process.wait()
    # The wait notices the dead process before anything else: not a timeout after 60 s.
    with pytest.raises(SyncthingError, match=r"\Ab: syncthing exited with -9\n--- last \d+ lines"):
        syncthing_pair.wait_for_file(b, NAME, timeout=60)


def test_conflict_names_follow_gos_extension_rule():
    when = datetime(2026, 11, 23, 10, 15, 0)
    device = "ABCDEFG-HIJKLMN-OPQRSTU-VWXYZ23-4567ABC-DEFGHIJ-KLMNOPQ-RSTUVWX"
    assert (
        conflict_name("x.plgcycle.json", when, device)
        == "x.plgcycle.sync-conflict-20261123-101500-ABCDEFG.json"
    )
    assert (
        conflict_name("notities", when, device) == "notities.sync-conflict-20261123-101500-ABCDEFG"
    )
    # Go's filepath.Ext(".stignore") is the whole name, unlike os.path.splitext.
    assert (
        conflict_name(".stignore", when, device)
        == ".sync-conflict-20261123-101500-ABCDEFG.stignore"
    )
    pattern = conflict_pattern("x.plgcycle.json")
    assert pattern.match("x.plgcycle.sync-conflict-20261123-101500-ABCDEFG.json")
    for other in (
        "x.plgcycle.json",
        "y.plgcycle.sync-conflict-20261123-101500-ABCDEFG.json",
        "x.plgcycle.sync-conflict-20261123-101500-ABCDEFG.json.tmp",
        "x.plgcycle.sync-conflict-20261123-101500-abcdefg.json",
    ):
        assert not pattern.match(other), other
    assert go_time("2026-12-01T22:31:00.428456837Z") == datetime(2026, 12, 1, 22, 31, tzinfo=UTC)
    assert go_time("2026-12-01T23:31:00+01:00") == datetime(2026, 12, 1, 22, 31, tzinfo=UTC)
    assert go_time("yesterday") is None


@pytest.mark.parametrize("required", [False, True])
def test_a_missing_syncthing_skips_unless_required(monkeypatch, tmp_path, required):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(st_process, "FALLBACK_BINARY", str(tmp_path / "syncthing"))
    if required:
        monkeypatch.setenv("PLGCYCLE_REQUIRE_SYNCTHING", "1")
        with pytest.raises(
            pytest.fail.Exception,
            match="PLGCYCLE_REQUIRE_SYNCTHING=1 but syncthing is not installed",
        ):
            st_process.syncthing_binary()
    else:
        monkeypatch.delenv("PLGCYCLE_REQUIRE_SYNCTHING", raising=False)
        with pytest.raises(pytest.skip.Exception, match=r"apt-get install syncthing"):
            st_process.syncthing_binary()
