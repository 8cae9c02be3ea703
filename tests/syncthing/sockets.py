"""The internet sockets a process holds, read from /proc (Linux), without psutil or ss.

A socket belongs to a process when one of the process's file descriptors links to
``socket:[<inode>]``; /proc/net/{tcp,tcp6,udp,udp6} give each inode's addresses and state.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import NamedTuple

TCP_LISTEN = "0A"


class Socket(NamedTuple):
    proto: str  # tcp, tcp6, udp, udp6
    state: str  # the kernel's hex state: 0A is a listening TCP socket
    local: str
    local_port: int
    remote: str
    remote_port: int

    @property
    def listening(self) -> bool:
        """Listening for TCP; for UDP every socket can receive, so every one counts."""
        return self.state == TCP_LISTEN if self.proto.startswith("tcp") else True


def _address(hex_address: str) -> tuple[str, int]:
    host, port = hex_address.split(":")
    raw = bytes.fromhex(host)
    # The kernel prints each 32-bit word in host (little-endian) order.
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    ip = ipaddress.ip_address(words)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return str(ip), int(port, 16)


def socket_inodes(pid: int) -> set[str]:
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def group_pids(pgid: int) -> list[int]:
    """Every live process in the process group ``pgid`` (Syncthing runs a monitor process
    and the real one as its child)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # The command name is in parentheses and may hold spaces: the fields follow the last ")".
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(entry.name))
    return sorted(pids)


def process_sockets(pid: int) -> list[Socket]:
    """Every TCP and UDP socket (IPv4 and IPv6) the process ``pid`` has open."""
    try:
        inodes = socket_inodes(pid)
    except OSError:
        return []  # the process is gone
    found = []
    for proto in ("tcp", "tcp6", "udp", "udp6"):
        table = Path(f"/proc/{pid}/net/{proto}")
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            if len(fields) < 10 or fields[9] not in inodes:
                continue
            local, local_port = _address(fields[1])
            remote, remote_port = _address(fields[2])
            found.append(Socket(proto, fields[3], local, local_port, remote, remote_port))
    return found
