"""One Syncthing process: its home, its copy of the shared folder, its REST API, its end.

The configuration is written before the first start, so the process never announces itself:
GUI/REST and the sync protocol listen on 127.0.0.1 only, on port 0 (the kernel picks a free
port, so parallel pytest-xdist workers cannot race for one; the real ports are read back from
the log and the REST API). Global and local discovery, relays, NAT traversal and STUN, usage
and crash reporting and upgrades are off; there is no default folder.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.syncthing.files import MARKER
from tests.syncthing.sockets import Socket, group_pids, process_sockets

FALLBACK_BINARY = "/usr/bin/syncthing"
FOLDER_ID = "plgcycle-shared"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
REQUEST_TIMEOUT = 15.0
POLL = 0.1
LOG_TAIL_LINES = 30

# Options switched off or tightened before the first start. Names absent from a version's
# config are added; Syncthing ignores options it does not know.
OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "urSeen": "3",
    "autoUpgradeIntervalH": "0",
    "crashReportingEnabled": "false",
    "startBrowser": "false",
    "announceLANAddresses": "false",
    "stunKeepaliveStartS": "0",
    "restartOnWakeup": "false",
    "setLowPriority": "false",
    "reconnectionIntervalS": "5",  # the smallest Syncthing accepts; resume() does not wait for it
    "minHomeDiskFree": "0",
}

FOLDER_ATTRIBUTES = {
    "type": "sendreceive",
    "rescanIntervalS": "5",
    "fsWatcherEnabled": "true",
    "fsWatcherDelayS": "1",
    # Shared school drives keep no Unix permission bits, and a file written with
    # tempfile.mkstemp is 0600: with permissions synced a chmod alone would be a change.
    "ignorePerms": "true",
    "autoNormalize": "true",
}

FOLDER_SETTINGS = {
    "minDiskFree": "0",
    "order": "alphabetic",
    "maxConflicts": "10",
    "markerName": MARKER,
    "paused": "false",
}

# Never through a proxy from the environment: the API is on 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

_LIVE: list[Instance] = []  # every started process, so that nothing outlives the session


class SyncthingError(AssertionError):
    """Syncthing did not do what a test waited for; the message says what it did instead."""


def syncthing_binary() -> str:
    """The syncthing program; skips the test when missing, unless PLGCYCLE_REQUIRE_SYNCTHING=1."""
    found = shutil.which("syncthing") or (
        FALLBACK_BINARY if Path(FALLBACK_BINARY).exists() else None
    )
    if found:
        return found
    reason = (
        "syncthing is not installed (Debian: apt-get install syncthing); "
        "set PLGCYCLE_REQUIRE_SYNCTHING=1 to make this a failure"
    )
    if os.environ.get("PLGCYCLE_REQUIRE_SYNCTHING") == "1":
        pytest.fail("PLGCYCLE_REQUIRE_SYNCTHING=1 but " + reason)
    pytest.skip(reason)


def poll(
    what: Callable[[], str],
    check: Callable[[], object],
    timeout: float,
    instances: list[Instance],
    every: Callable[[], None] | None = None,
    every_s: float = 1.0,
) -> object:
    """Call ``check`` until it returns something truthy and return that; ``every`` (a scan)
    runs about every ``every_s`` seconds meanwhile. An instance that exits fails at once; an
    API error is retried. On timeout raise SyncthingError with ``what()``, the last API error
    and every instance's state and log tail."""
    deadline = time.monotonic() + timeout
    next_every = time.monotonic()
    last_error = ""
    while True:
        for inst in instances:
            inst.assert_running()
        try:
            if every is not None and time.monotonic() >= next_every:
                every()
                next_every = time.monotonic() + every_s
            result = check()
        except (OSError, SyncthingError) as exc:  # the API is busy or refuses: ask again
            last_error, result = f"\nlast error: {exc}", None
        if result:
            return result
        if time.monotonic() >= deadline:
            report = "\n\n".join(inst.describe() for inst in instances)
            raise SyncthingError(f"{what()} (after {timeout:.0f} s){last_error}\n\n{report}")
        time.sleep(POLL)


class Instance:
    """One Syncthing process: its home, its copy of the shared folder and its REST API."""

    def __init__(self, name: str, root: Path, binary: str):
        self.name = name
        self.home = root / "home"
        self.folder = root / "shared"
        self.binary = binary
        self.api_key = secrets.token_urlsafe(24)
        self.log_path = root / "syncthing.log"
        self.process: subprocess.Popen | None = None
        self.api_url = ""
        self.sync_port = 0
        self.folder_id = FOLDER_ID
        self.device_id = self._generate()

    @property
    def short_id(self) -> str:
        return self.device_id[:7]

    def path(self, name: str) -> Path:
        return self.folder / name

    def _generate(self) -> str:
        self.home.mkdir(parents=True)
        result = subprocess.run(
            [self.binary, "generate", f"--home={self.home}", "--no-default-folder"],
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            env=self._env(),
        )
        found = re.search(
            r"Device ID:\s*([A-Z2-7]{7}(?:-[A-Z2-7]{7}){7})", result.stdout + result.stderr
        )
        if result.returncode != 0 or not found:
            raise SyncthingError(
                f"syncthing generate failed for {self.name} "
                f"(exit {result.returncode}):\n{result.stdout}{result.stderr}"
            )
        return found.group(1)

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        # STMONITORED: run the real process directly, without the monitor process that would
        # otherwise be its parent (one process to stop, and PDEATHSIG reaches it).
        # STHASHING: skip the start-up benchmark of SHA-256 implementations.
        env.update(
            HOME=str(self.home),
            TZ="UTC",
            STNODEFAULTFOLDER="1",
            STNOUPGRADE="1",
            STNORESTART="1",
            STHASHING="standard",
            STMONITORED="yes",
        )
        env.pop("STGUIADDRESS", None)
        env.pop("STGUIAPIKEY", None)
        return env

    def configure(self, peers: list[Instance], folder_id: str) -> None:
        """Write the whole configuration before the first start: nothing is ever announced."""
        self.folder_id = folder_id
        config = self.home / "config.xml"
        tree = ET.parse(config)
        root = tree.getroot()
        options = root.find("options")
        for key, value in OPTIONS.items():
            _set_child(options, key, value)
        for tag in ("listenAddress", "globalAnnounceServer"):
            for old in options.findall(tag):
                options.remove(old)
        ET.SubElement(options, "listenAddress").text = "tcp://127.0.0.1:0"
        gui = root.find("gui")
        gui.set("enabled", "true")
        gui.set("tls", "false")
        _set_child(gui, "address", "127.0.0.1:0")
        _set_child(gui, "apikey", self.api_key)
        defaults = root.find("defaults")
        for old in root.findall("device") + root.findall("folder"):
            root.remove(old)
        position = list(root).index(gui)
        for i, inst in enumerate([self, *peers]):
            device = _copy(defaults, "device")
            device.set("id", inst.device_id)
            device.set("name", inst.name)
            _set_child(device, "address", "dynamic")  # the real address is set once it is known
            _set_child(device, "paused", "false")
            _set_child(device, "autoAcceptFolders", "false")
            root.insert(position + i, device)
        folder = _copy(defaults, "folder")
        folder.set("id", folder_id)
        folder.set("label", folder_id)
        folder.set("path", str(self.folder))
        for key, value in FOLDER_ATTRIBUTES.items():
            folder.set(key, value)
        for old in folder.findall("device"):
            folder.remove(old)
        for inst in [self, *peers]:
            ET.SubElement(folder, "device", {"id": inst.device_id, "introducedBy": ""})
        for key, value in FOLDER_SETTINGS.items():
            _set_child(folder, key, value)
        root.insert(position, folder)
        tree.write(config, encoding="utf-8", xml_declaration=False)
        # The marker must exist before the start, or Syncthing refuses the folder.
        (self.folder / MARKER).mkdir(parents=True, exist_ok=True)

    def start(self) -> None:
        """Start the process and wait until its API answers and its listener has a port."""
        self.launch()
        self.wait_ready()

    def launch(self) -> None:
        """Start the process; :meth:`wait_ready` waits for it (so several start together)."""
        log = open(self.log_path, "wb")
        try:
            self.process = subprocess.Popen(
                [
                    self.binary,
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--no-default-folder",
                    "--logflags=7",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self._env(),
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        finally:
            log.close()
        _LIVE.append(self)

    def wait_ready(self) -> None:
        """Wait until the API answers and the sync listener has its port."""
        # The real GUI port is only in the log ("GUI and API listening on 127.0.0.1:40421").
        gui = re.compile(r"GUI and API listening\b.*?(127\.0\.0\.1:\d+)")
        address = poll(
            lambda: f"{self.name}: the API did not start",
            lambda: (found := gui.search(self.log())) and found.group(1),
            START_TIMEOUT,
            [self],
        )
        self.api_url = f"http://{address}"
        poll(
            lambda: f"{self.name}: the API at {self.api_url} did not answer",
            self._pings,
            START_TIMEOUT,
            [self],
        )
        self.sync_port = poll(
            lambda: f"{self.name}: the sync listener did not start",
            self._listener_port,
            START_TIMEOUT,
            [self],
        )

    def _pings(self) -> bool:
        return self.get("/rest/system/ping").get("ping") == "pong"

    def _listener_port(self) -> int:
        status = self.get("/rest/system/status").get("connectionServiceStatus") or {}
        for value in status.values():
            if value.get("error"):
                raise SyncthingError(f"{self.name}: the sync listener failed: {value['error']}")
            for address in value.get("lanAddresses") or []:
                found = re.fullmatch(r"tcp://127\.0\.0\.1:(\d+)", address)
                if found and int(found.group(1)):
                    return int(found.group(1))
        return 0

    # The REST API -------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        body: object = None,
        timeout: float = REQUEST_TIMEOUT,
        **params: str,
    ) -> object:
        url = self.api_url + path
        if params:
            url += "?" + urllib.parse.urlencode(params)
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            url, data=data, method=method, headers={"X-API-Key": self.api_key}
        )
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with _OPENER.open(req, timeout=timeout) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as exc:
            raise SyncthingError(
                f"{self.name}: {method} {path} gave {exc.code}: "
                f"{exc.read().decode(errors='replace').strip()}"
            ) from None
        return json.loads(text) if text.strip() else None

    def get(self, path: str, **params: str) -> dict:
        return self.request("GET", path, **params)

    def post(self, path: str, timeout: float = REQUEST_TIMEOUT, **params: str) -> object:
        return self.request("POST", path, timeout=timeout, **params)

    def patch(self, path: str, body: dict) -> object:
        return self.request("PATCH", path, body=body)

    def scan(self, timeout: float = 60.0) -> None:
        """Scan the shared folder now; returns when the scan is done."""
        self.post("/rest/db/scan", timeout=timeout, folder=self.folder_id)

    def status(self) -> dict:
        """The shared folder's /rest/db/status (state, need*, global*, local*, errors)."""
        return self.get("/rest/db/status", folder=self.folder_id)

    def connected(self, other: Instance) -> bool:
        conn = self.get("/rest/system/connections")["connections"].get(other.device_id) or {}
        return bool(conn.get("connected"))

    def pids(self) -> list[int]:
        """The live processes of this instance's process group: the one Syncthing process
        (and a monitor process, should a Syncthing version start one anyway)."""
        return group_pids(self.process.pid) if self.process is not None else []

    def sockets(self) -> list[Socket]:
        """Every TCP and UDP socket the instance's processes have open (read from /proc)."""
        return [s for pid in self.pids() for s in process_sockets(pid)]

    # Life and death ----------------------------------------------------------------------

    def assert_running(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            raise SyncthingError(
                f"{self.name}: syncthing exited with {self.process.returncode}\n" + self.log_tail()
            )

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        tail = self.log().splitlines()[-lines:]
        return f"--- last {len(tail)} lines of {self.name}'s log ---\n" + "\n".join(tail)

    def describe(self) -> str:
        """The instance's state for a failure message: folder status, connections, log tail."""
        parts = [f"=== {self.name} ({self.short_id}) ==="]
        try:
            status = self.status()
            parts.append(
                "folder: "
                + ", ".join(
                    f"{k}={status.get(k)}"
                    for k in (
                        "state",
                        "needTotalItems",
                        "pullErrors",
                        "errors",
                        "globalFiles",
                        "localFiles",
                        "inSyncFiles",
                        "sequence",
                    )
                )
            )
            errors = self.get("/rest/folder/errors", folder=self.folder_id).get("errors")
            if errors:
                parts.append(f"file errors: {errors}")
            connections = self.get("/rest/system/connections")["connections"]
            parts.append(
                "connected: "
                + json.dumps({d[:7]: c.get("connected") for d, c in connections.items()})
            )
        except (OSError, SyncthingError, ValueError, KeyError) as exc:
            parts.append(f"(API not answering: {exc})")
        files = sorted(p.name for p in self.folder.iterdir()) if self.folder.exists() else []
        parts.append(f"files on disk: {files}")
        parts.append(self.log_tail())
        return "\n".join(parts)

    def request_shutdown(self) -> None:
        """Ask the process to exit through the REST API (no wait; :meth:`stop` waits)."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(OSError, SyncthingError, ValueError):
                self.post("/rest/system/shutdown", timeout=5)

    def stop(self) -> None:
        """REST shutdown, then SIGTERM, then SIGKILL to the whole process group; returns when
        no process of the group is left, raises SyncthingError if one survives."""
        proc = self.process
        if proc is None:
            return
        try:
            self.request_shutdown()
            for sig, wait in ((None, STOP_TIMEOUT), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
                if sig is not None:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(proc.pid, sig)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=wait)
                    break
            # A process the first one left in its group (a monitor's child) goes too.
            deadline = time.monotonic() + 5.0
            while group_pids(proc.pid):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)
                if time.monotonic() > deadline:
                    raise SyncthingError(
                        f"{self.name}: processes {group_pids(proc.pid)} survived SIGKILL"
                    )
                time.sleep(POLL)
        finally:
            if self in _LIVE:
                _LIVE.remove(self)


def _set_child(parent: ET.Element, tag: str, text: str) -> None:
    child = parent.find(tag)
    if child is None:
        child = ET.SubElement(parent, tag)
    child.text = text


def _copy(defaults: ET.Element | None, tag: str) -> ET.Element:
    """A copy of the version's own defaults for a new ``tag``, so every field it knows is set."""
    element = defaults.find(tag) if defaults is not None else None
    return ET.fromstring(ET.tostring(element)) if element is not None else ET.Element(tag)


try:  # looked up here, not in the child: between fork and exec nothing may import or lock
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):
    _PRCTL = None
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child before exec: be killed when the thread that started it dies, even by
    SIGKILL, so a crashed pytest worker leaves no syncthing behind (Linux; elsewhere the
    teardown and the atexit hook are the only guards)."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGKILL))


def stop_all() -> None:
    """Stop every instance still running (for an interrupted session)."""
    for inst in list(_LIVE):
        inst.stop()


atexit.register(stop_all)
