"""Test-wide guards: no socket leaves loopback, no user config leaks into a test."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _is_loopback(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    if not isinstance(address, tuple) or not address:
        return False
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_loopback(address):
        raise OSError(f"tests may not open sockets outside loopback (tried {address!r})")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_loopback(address):
        raise OSError(f"tests may not open sockets outside loopback (tried {address!r})")
    return _real_connect_ex(self, address)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]

# Chroma and friends must never phone home from a test run.
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
for _var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MLSD_API_KEY", "MLSD_BASE_URL", "MLSD_BACKEND"):
    os.environ.pop(_var, None)

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own data dir, so no test reads a user's interviews or store."""
    from agent.settings import get_settings

    data = tmp_path_factory.mktemp("mlsd-data")
    monkeypatch.setenv("MLSD_DATA_DIR", str(data))
    get_settings.cache_clear()
    yield data
    get_settings.cache_clear()
