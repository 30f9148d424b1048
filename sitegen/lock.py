"""One build at a time per output folder and per image cache, so two builds never mix their files.

The lock is an OS file lock (flock on Linux/macOS, msvcrt on Windows): the kernel releases it
when the build ends in any way, even killed with SIGKILL, so a stale lock cannot block anyone.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import BinaryIO, Iterator

from sitegen.errors import SiteError, SiteErrors, SourceRef

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


def lock_paths(output: Path, cache_dir: Path) -> tuple[Path, Path]:
    """The lock files of a build: beside the output folder (it is swapped whole) and in the cache."""
    return output.with_name(f".{output.name}.lock"), cache_dir / "lock"


@contextlib.contextmanager
def build_lock(paths: tuple[Path, ...]) -> Iterator[None]:
    """Hold every lock in `paths` for the duration; one already held is a located SiteError."""
    with contextlib.ExitStack() as stack:
        for path in paths:
            stack.enter_context(_locked(path))
        yield


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    # The file stays after the build: deleting it would let a waiting build lock a dead inode.
    with open(path, "a+b") as handle:
        if not _try_lock(handle):
            raise SiteErrors([SiteError(SourceRef(str(path)), "build_locked", {})])
        yield  # closing the file releases the lock


def _try_lock(handle: BinaryIO) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True

