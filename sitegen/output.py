"""Write the site into a staging folder, then swap it in whole: a failed build changes nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Mapping

from sitegen.errors import SiteError, SiteErrors, SourceRef

SIGNATURE = ".nojekyll"  # every sitegen output has it; a folder without it is not ours to replace


def check_destination(dest: Path, project: Path) -> None:
    """Refuse to replace anything a volunteer wrote: the project, its content, a foreign folder."""
    dest, project = dest.resolve(), project.resolve()
    protected = [project / "content", project / "themes", project / "site.yaml"]
    unsafe = project.is_relative_to(dest) or any(dest.is_relative_to(p) for p in protected)
    foreign = dest.is_dir() and any(dest.iterdir()) and not (dest / SIGNATURE).exists()
    if unsafe or foreign:
        raise SiteErrors([SiteError(SourceRef(str(dest)), "output_unsafe", {"value": str(dest)})])


def write_site(dest: Path, files: Mapping[str, bytes], links: Mapping[str, Path]) -> None:
    """Create `dest` from `files` (path → bytes) and `links` (path → cached file), atomically."""
    dest = dest.resolve()
    staging = dest.with_name(f".{dest.name}.staging-{os.getpid()}")
    _remove(staging)
    for path in sorted(files):
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[path])
    for path in sorted(links):
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(links[path], target)
    _swap(staging, dest)


def recover(dest: Path) -> None:
    """Undo what killed builds left: put back the previous output if a build died between the
    two renames of a swap, then delete half-written staging folders. Call it holding the lock."""
    dest = dest.resolve()
    if not dest.parent.is_dir():
        return
    previous = sorted(dest.parent.glob(f".{dest.name}.previous-*"), key=lambda p: p.stat().st_mtime_ns)
    if previous and not dest.exists():
        os.replace(previous.pop(), dest)
    for leftover in previous + list(dest.parent.glob(f".{dest.name}.staging-*")):
        _remove(leftover)


def _swap(staging: Path, dest: Path) -> None:
    previous = dest.with_name(f".{dest.name}.previous-{os.getpid()}")
    if dest.exists():
        os.replace(dest, previous)
    os.replace(staging, dest)
    _remove(previous)


def _link_or_copy(source: Path, target: Path) -> None:
    # Hard links make a rebuild cost no image copying; copy where links are impossible.
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
