"""Skip a build whose inputs and output folder are exactly those of the last successful build.

A stamp in the cache records a digest of everything a build reads (sitegen's code, library
versions, the theme files, site.yaml, content/, fonts and the build options) and the identity of
the output folder it swapped in. An unchanged catalogue of 10,000 products then rebuilds in about
a second instead of re-rendering every page. Small files count by content; big ones (phone
photos) by their stat (`stat_identity`: size, both times and inode), as the photo memo does. The
content digests of small files are remembered by that same stat, as git's index does, so a build
reads again only the files that changed (a thousand WhatsApp-size photos cost 0.2–0.4 s to read and
hash each time).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Mapping

from sitegen.cachefile import digest_bytes, read_json, read_versioned, write_json, write_versioned

STAMP = "last-build.json"
STAMP_VERSION = 3  # bump when what the stamp records changes
KNOWN = "file-digests.json"  # small files' content digests by their stat
KNOWN_VERSION = 1
CONTENT_LIMIT = 256 * 1024  # bytes; smaller files are hashed, bigger ones judged by their stat
RACY_NS = 2_000_000_000  # a file this fresh may change again within the same clock tick: no stamp
LIBRARIES = ("PIL", "pillow_heif", "jinja2", "markupsafe", "cmarkgfm", "nh3", "babel", "yaml", "segno")  # modules
_CODE = Path(__file__).resolve().parent


def input_digest(project: Path, themes: Iterable[Path], options: Mapping[str, Any],
                 files: Iterable[Path] = (), cache_dir: Path | None = None) -> tuple[str | None, str | None]:
    """The digest of a build's inputs (`files`: more files it reads, such as fonts), and the part of
    it that covers sitegen's code and the themes (for the page memo); None when it cannot be trusted
    (a file is too fresh, or a linked folder the walk does not follow). Small files' digests are
    remembered in `cache_dir`, if given."""
    head = json.dumps({**options, **environment()}, sort_keys=True, default=str)
    known = KnownFiles(cache_dir)
    code = digest_files([_CODE, *themes], known)
    content = digest_files([project / "site.yaml", project / "content", *files], known)
    known.save()
    whole = hashlib.sha256(f"{head}\0{code}\0{content}".encode()).hexdigest() if code and content else None
    return whole, code


class KnownFiles:
    """The content digests of small files, remembered with the size, times and inode they were read
    at. Any write changes a file's ctime, which no tool can set back, so a file whose stat is as
    remembered holds what it held. A file changed in the last moments may change again within the
    same clock tick: it is read, never remembered (as git does)."""

    def __init__(self, cache_dir: Path | None = None):
        self.path = cache_dir / KNOWN if cache_dir else None
        self.old = read_versioned(self.path, KNOWN_VERSION, "files") if self.path else {}
        self.new: dict[str, list[str]] = {}
        self.settled = time.time_ns() - RACY_NS

    def digest(self, path: str, stat: os.stat_result) -> str:
        """The digest of the content of the small file at `path`, whose stat is `stat`."""
        seen = stat_identity(stat)
        entry = self.old.get(path)
        if entry and entry[0] == seen:
            value = entry[1]
        else:
            with open(path, "rb") as file:
                value = digest_bytes(file.read())
        if max(stat.st_mtime_ns, stat.st_ctime_ns) < self.settled:
            self.new[path] = [seen, value]
        return value

    def save(self) -> None:
        """Remember this build's settled files (only when that changed anything)."""
        if self.path and self.new != self.old:
            write_versioned(self.path, KNOWN_VERSION, "files", self.new, sort_keys=True)


def stat_identity(stat: os.stat_result) -> str:
    """What tells a file's content apart without reading it: size, modification and change times,
    inode. Tools can set a file's mtime back (`rsync -a`, `cp -p`, `touch -r`, an unzip), so a photo
    replaced by one of the same size keeps its size and mtime; but every write moves its ctime,
    which nothing but the clock sets."""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"


def digest_files(roots: Iterable[Path], known: KnownFiles | None = None) -> str | None:
    """A digest of every file under `roots`: small ones by content, big ones (photos) by their stat
    (`stat_identity`); None when that cannot be trusted (a big file is too fresh, a linked folder is not followed).
    `known` remembers small files' digests across builds (by default, for this call only)."""
    known = known or KnownFiles()
    digest = hashlib.sha256()
    newest = 0
    for path in _files(roots):
        if path is None:
            return None
        stat = os.stat(path)
        digest.update(f"{path}\0{stat.st_size}\0".encode())
        if stat.st_size <= CONTENT_LIMIT:
            digest.update(known.digest(path, stat).encode())
        else:
            digest.update(stat_identity(stat).encode())
            # Fresh by its mtime: a file whose date a tool set back was written once, and its
            # ctime, in the identity, tells that write apart from any later one.
            newest = max(newest, stat.st_mtime_ns)
    return digest.hexdigest() if newest < time.time_ns() - RACY_NS else None


def last_build(cache_dir: Path, output: Path) -> dict[str, Any] | None:
    """The stamp of the last successful build, if the output folder is the one it swapped in."""
    stamp = read_json(cache_dir / STAMP)
    if stamp.get("version") != STAMP_VERSION or stamp.get("output") != _identity(output):
        return None
    return stamp


def record(cache_dir: Path, digest: str | None, output: Path, result: Mapping[str, Any]) -> None:
    """Remember a successful build (or forget the last one when its inputs were untrustworthy).

    `result` holds what replaying it needs: the report's numbers and strings, and the theme folders.
    """
    path = cache_dir / STAMP
    if digest is None:
        path.unlink(missing_ok=True)
        return
    write_json(path, {"version": STAMP_VERSION, "inputs": digest, "output": _identity(output), "result": result})


def _files(roots: Iterable[Path]) -> Iterable[str | None]:
    """Every file under `roots`, in a stable order (a folder's files, then its folders, by name);
    None for a linked folder (not followed). Plain strings: a no-op rebuild walks every file."""
    for root in roots:
        if root.is_file():
            yield str(root)
        elif root.is_dir():
            yield from _walk(str(root))


def _walk(folder: str) -> Iterable[str | None]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    folders = [entry for entry in entries if entry.is_dir()]
    if any(entry.is_symlink() for entry in folders):
        yield None
    for entry in entries:
        if not entry.is_dir() and not entry.name.endswith((".pyc", ".tmp")):
            yield entry.path
    for entry in folders:
        if not entry.is_symlink():
            yield from _walk(entry.path)


def _identity(output: Path) -> list[int] | None:
    """The output folder as the last swap left it: a new folder, or one changed at its top, differs."""
    try:
        stat = output.stat()
    except OSError:
        return None
    return [stat.st_dev, stat.st_ino, stat.st_mtime_ns]


def environment() -> dict[str, str]:
    """Python's and the libraries' versions, and what of the environment can change the output."""
    versions = {name: library_release(name) for name in LIBRARIES}
    return {"python": sys.version, "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""), **versions}


def library_release(name: str) -> str:
    """What tells one installed release of a library (a module name) from another: the stat of its
    package file, found without importing it, far cheaper than importlib.metadata, which scans
    every installed distribution ("" when it is not installed)."""
    spec = importlib.util.find_spec(name)
    origin = Path(spec.origin) if spec and spec.origin else None
    return repr(_stat_of(origin)) if origin else ""


def _stat_of(path: Path) -> tuple[int, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0, 0)
    return stat.st_size, stat.st_mtime_ns, stat.st_ino
