"""A small on-disk cache of compiled resources (the parsed and checked knowledge base), keyed by their sources.

Why: every `kg build` process read, parsed and validated the ~650 KB records
(0.25 s) before its first article; with the start-up of a one-article build
at a few seconds that is worth keeping. An entry's key is a sha256 over the
bytes of every file it was compiled from, the code that compiles it and the
Python version, so a changed KB file or loader is never served stale, and a
broken KB is never cached (it raises before it is stored).

The cache lives in `$AIKG_CACHE_DIR`, else `$XDG_CACHE_HOME/aikg`, else
`~/.cache/aikg`; `AIKG_CACHE_DIR=off` turns it off. Any problem reading or
writing it (no home, a read-only disk, a truncated file) only means the
resource is compiled again: the cache never changes a result.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CACHE_VERSION = 1  # bump when the layout of cached objects changes in a way the key does not see


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    configured = os.environ.get("AIKG_CACHE_DIR")
    if configured:
        return None if configured.lower() in ("off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aikg"


def source_key(files: Iterable[Path], *extra: str) -> str:
    """sha256 over the names and bytes of `files`, the strings `extra`, the cache and Python versions."""
    digest = hashlib.sha256(f"aikg-cache {CACHE_VERSION} {sys.version}\0".encode())
    for text in extra:
        digest.update(text.encode() + b"\0")
    for path in files:
        digest.update(str(path.name).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def load(name: str, key: str) -> Any | None:
    """The object stored as `name` under `key`, or None (absent, unreadable, or off)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{name}-{key[:40]}.pickle", "rb") as fh:
            return pickle.load(fh)
    except Exception:  # noqa: BLE001  (a missing, truncated or foreign file: compile again)
        return None


def store(name: str, key: str, value: Any) -> None:
    """Keep `value` as `name` under `key` (atomically), dropping older entries of `name`; errors are ignored."""
    folder = cache_dir()
    if folder is None:
        return
    target = folder / f"{name}-{key[:40]}.pickle"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{name}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001  (no room, no permission: the cache is only an optimisation)
        return
