"""Skip a build whose inputs and output folder are exactly those of the last successful build.

A stamp in the cache records a digest of everything a build reads (sitegen's code, library
versions, the theme files, site.yaml, content/, fonts and the build options) and the identity of
the output folder it swapped in. An unchanged catalogue of 10,000 products then rebuilds in about
a second instead of re-rendering every page. Small files count by content; big ones (phone
photos) by size and modification time, as the photo memo does.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Mapping

STAMP = "last-build.json"
CONTENT_LIMIT = 256 * 1024  # bytes; smaller files are hashed, bigger ones judged by size and time
RACY_NS = 2_000_000_000  # a file this fresh may change again within the same clock tick: no stamp
LIBRARIES = ("pillow", "pillow-heif", "jinja2", "markdown-it-py", "nh3", "babel", "pyyaml", "segno")
_CODE = Path(__file__).resolve().parent


def input_digest(project: Path, themes: Iterable[Path], options: Mapping[str, Any],
                 files: Iterable[Path] = ()) -> str | None:
    """The digest of a build's inputs (`files`: more files it reads, such as fonts), or None when
    it cannot be trusted (a file is too fresh, or a linked folder the walk does not follow)."""
    digest = hashlib.sha256(json.dumps({**options, **_environment()}, sort_keys=True, default=str).encode())
    newest = 0
    roots = [_CODE, *themes, project / "site.yaml", project / "content", *files]
    for path in _files(roots):
        if path is None:
            return None
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0".encode())
        if stat.st_size <= CONTENT_LIMIT:
            digest.update(path.read_bytes())
        else:
            digest.update(str(stat.st_mtime_ns).encode())
            newest = max(newest, stat.st_mtime_ns)
    return digest.hexdigest() if newest < time.time_ns() - RACY_NS else None


def unchanged_result(cache_dir: Path, digest: str | None, output: Path) -> dict[str, Any] | None:
    """The recorded result when the last successful build had these inputs and left this output."""
    try:
        stamp = json.loads((cache_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if digest is None or stamp.get("inputs") != digest or stamp.get("output") != _identity(output):
        return None
    return stamp.get("result")


def record(cache_dir: Path, digest: str | None, output: Path, result: Mapping[str, Any]) -> None:
    """Remember a successful build (or forget the last one when its inputs were untrustworthy)."""
    path = cache_dir / STAMP
    if digest is None:
        path.unlink(missing_ok=True)
        return
    temp = path.with_name(f".{STAMP}.{os.getpid()}.tmp")
    temp.write_text(json.dumps({"inputs": digest, "output": _identity(output), "result": result}), encoding="utf-8")
    os.replace(temp, path)


def _files(roots: Iterable[Path]) -> Iterable[Path | None]:
    """Every file under `roots`, in a stable order; None for a linked folder (not followed)."""
    for root in roots:
        if root.is_file():
            yield root
            continue
        for folder, folders, names in os.walk(root):
            folders.sort()
            if any(os.path.islink(os.path.join(folder, name)) for name in folders):
                yield None
            for name in sorted(names):
                if not name.endswith((".pyc", ".tmp")):
                    yield Path(folder, name)


def _identity(output: Path) -> list[int] | None:
    """The output folder as the last swap left it: a new folder, or one changed at its top, differs."""
    try:
        stat = output.stat()
    except OSError:
        return None
    return [stat.st_dev, stat.st_ino, stat.st_mtime_ns]


def _environment() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = ""
    return {"python": sys.version, "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""), **versions}
