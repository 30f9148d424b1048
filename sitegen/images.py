"""Photos: inspect sources, plan derivatives (pure, content-hash named), process them in parallel, prune.

The cache (`.sitegen-cache/` by default) holds `images/<key>-<width>.<format>` files, where
`key` hashes the photo's bytes, the image settings and PIPELINE_VERSION, so it stays valid
after `git clone` and can be saved between CI runs. `inspect.json` beside it is a memo: a
photo's path and stat (size, both times, inode) → its digest and upright size (so unchanged
photos are not even read); `placeholders.json` maps each key to its inline placeholder (LQIP).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from sitegen.cachefile import read_json, write_json
from sitegen.config import ImageConfig
from sitegen.errors import SiteError, SiteErrors, SourceRef
from sitegen.fingerprint import stat_identity
from sitegen.model import Photo

IMAGE_FOLDER = "img"  # where derivatives are published, named <key>-<width>.<format>
PIPELINE_VERSION = 3  # bump whenever the pixels of a derivative change for the same settings
FILES_MEMO = "inspect.json"  # "path|size:mtime:ctime:inode|version" → [digest, width, height, located]
MEMO_VERSION = 3  # bump when what the memo records changes
PLACEHOLDER_MEMO = "placeholders.json"  # settings key → LQIP data URI
RACY_NS = 2_000_000_000  # files changed more recently than this are not remembered by their stat
INLINE_JOBS = 2  # up to this many photos are quicker done here than by starting workers
Progress = Callable[[int, int], None]  # (photos done, photos to do)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What the pages need to know about a source photo: digest, upright size and placeholder."""

    digest: str
    width: int
    height: int
    located: bool = False  # its EXIF records where it was taken (GPS): worth a privacy warning
    lqip: str = ""


@dataclass(frozen=True, slots=True)
class Derivative:
    """One published image file made from a source photo."""

    path: str
    width: int
    height: int
    format: str

    @property
    def name(self) -> str:
        """The file name, the same in the cache and in the site's image folder."""
        return self.path.rsplit("/", 1)[1]


@dataclass(frozen=True, slots=True)
class PhotoPlan:
    """The derivatives of one source photo: WebP (and AVIF) at several widths plus a JPEG."""

    source: Path
    ref: SourceRef
    key: str
    info: SourceInfo
    webp: tuple[Derivative, ...]
    jpeg: Derivative
    avif: tuple[Derivative, ...] = ()

    @property
    def derivatives(self) -> tuple[Derivative, ...]:
        """Every file this photo publishes."""
        return self.avif + self.webp + (self.jpeg,)

    @property
    def identity(self) -> str:
        """What determines the whole plan, given sitegen's code and the image settings.

        `key` digests the photo's bytes with the settings; the upright size, the GPS flag and the
        placeholder come from those bytes, and every derivative from the key and that size. The
        page memo describes a photo's plan by this instead of walking its ~10 objects.
        """
        return f"{self.key}\0{self.ref.path}\0{self.ref.line}\0{self.source}"


ImagePlan = Mapping[Path, PhotoPlan]


def inspect_photos(photos: Iterable[Photo], cache_dir: Path) -> dict[Path, tuple[SourceInfo, SourceRef]]:
    """Digest and upright size of every photo, from its header; a stat-keyed memo skips unchanged files."""
    path = cache_dir / FILES_MEMO
    memo = read_json(path)
    first: dict[Path, Photo] = {}
    for photo in sorted(photos, key=lambda p: (str(p.source), p.ref.path, p.ref.line)):
        first.setdefault(photo.source, photo)
    stats = {source: source.stat() for source in first}
    keys = {source: _stat_key(source, stat) for source, stat in stats.items()}
    new = [photo for source, photo in first.items() if keys[source] not in memo]
    entries = {**{keys[s]: memo[keys[s]] for s in first if keys[s] in memo}, **_inspect_all(new, keys)}
    errors = [entry for entry in entries.values() if isinstance(entry, SiteError)]
    if errors:
        raise SiteErrors(errors)
    # A file changed within the last moments may change again within the same clock tick, keeping
    # its size and time: it is not remembered, so the next build reads it again (as git does).
    settled = time.time_ns() - RACY_NS
    _write_json(path, {keys[s]: entries[keys[s]] for s, st in stats.items() if st.st_mtime_ns < settled}, memo)
    return {source: (SourceInfo(*entries[keys[source]]), photo.ref) for source, photo in first.items()}


def plan_images(found: Mapping[Path, tuple[SourceInfo, SourceRef]], config: ImageConfig) -> dict[Path, PhotoPlan]:
    """Decide every derivative's size and content-addressed name (pure)."""
    return {source: _plan_photo(source, info, ref, config) for source, (info, ref) in sorted(found.items())}


def process_images(plan: ImagePlan, cache_dir: Path, config: ImageConfig, progress: Progress | None = None,
                   verify_only: bool = False) -> dict[Path, PhotoPlan]:
    """Make what the cache lacks, in parallel; prune what nothing uses; return the plan with placeholders.

    With `verify_only` (for `sitegen check`) new photos are only test-decoded and nothing is written.
    """
    store = cache_dir / "images"
    store.mkdir(parents=True, exist_ok=True)
    memo_path = cache_dir / PLACEHOLDER_MEMO
    memo = read_json(memo_path)
    present = set(os.listdir(store))
    todo = [p for p in plan.values() if p.key not in memo or not {d.name for d in p.derivatives} <= present]
    results = _run_jobs([_job(p, store, config, verify_only) for p in todo], progress)
    errors = [_error(plan[r.source].ref, r.source.name, r.problem, dict(r.values)) for r in results if r.problem]
    if errors:
        raise SiteErrors(errors)
    if verify_only:
        return dict(plan)
    placeholders = {**memo, **{plan[r.source].key: r.lqip for r in results}}
    _write_json(memo_path, {p.key: placeholders[p.key] for p in plan.values()}, memo)
    prune_cache(store, {d.name for p in plan.values() for d in p.derivatives})
    return {source: _with_placeholder(p, placeholders[p.key]) for source, p in plan.items()}


def prune_cache(store: Path, wanted: set[str]) -> None:
    """Delete cached images nothing uses, and temp files a killed build left behind.

    The build lock keeps other builds out of this cache, so no temp file here is in use.
    """
    for entry in os.scandir(store):
        if entry.name not in wanted:
            os.unlink(entry.path)


def cached_file(cache_dir: Path, derivative: Derivative) -> Path:
    """Where a processed derivative lives in the cache."""
    return image_store(cache_dir) / derivative.name


def image_store(cache_dir: Path) -> Path:
    """The cache folder of processed derivatives."""
    return cache_dir / "images"


def settings_key(digest: str, config: ImageConfig) -> str:
    """The cache key of one photo under one set of image settings and this pipeline version."""
    settings = ":".join(map(str, (digest, PIPELINE_VERSION, config.widths, config.fallback_width, config.quality,
                                  config.avif, config.avif_quality)))
    return hashlib.sha256(settings.encode()).hexdigest()[:16]


def _plan_photo(source: Path, info: SourceInfo, ref: SourceRef, config: ImageConfig) -> PhotoPlan:
    key = settings_key(info.digest, config)
    # Never enlarge: a photo narrower than a width gets one derivative at its own width instead.
    widths = sorted({min(width, info.width) for width in config.widths})
    webp = tuple(_derivative(key, w, info, "webp") for w in widths)
    avif = tuple(_derivative(key, w, info, "avif") for w in widths) if config.avif else ()
    jpeg = _derivative(key, min(config.fallback_width, info.width), info, "jpg")
    return PhotoPlan(source, ref, key, info, webp, jpeg, avif)


def _derivative(key: str, width: int, info: SourceInfo, fmt: str) -> Derivative:
    height = max(1, round(info.height * width / info.width))
    return Derivative(f"{IMAGE_FOLDER}/{key}-{width}.{fmt}", width, height, fmt)


def _with_placeholder(plan: PhotoPlan, lqip: str) -> PhotoPlan:
    # Constructed, not dataclasses.replace()d: a 1,000-product build does this 3,000 times per rebuild.
    info = SourceInfo(plan.info.digest, plan.info.width, plan.info.height, plan.info.located, lqip)
    return PhotoPlan(plan.source, plan.ref, plan.key, info, plan.webp, plan.jpeg, plan.avif)


def _job(plan: PhotoPlan, store: Path, config: ImageConfig, verify_only: bool):
    from sitegen.pixels import PhotoJob, Target

    def target(d: Derivative) -> Target:
        return Target(d.name, d.width, d.height, d.format, config.avif_quality if d.format == "avif" else config.quality)

    return PhotoJob(plan.source, store, () if verify_only else tuple(map(target, plan.derivatives)))


def _run_jobs(jobs: list, progress: Progress | None) -> list:
    """One job runs here; more run on every core in freshly spawned, lean worker processes."""
    if not jobs:
        return []
    from sitegen.pixels import make_derivatives

    report = progress or (lambda done, total: None)
    if len(jobs) <= INLINE_JOBS or _cores() == 1:
        results = []
        for job in jobs:
            results.append(make_derivatives(job))
            report(len(results), len(jobs))
        return results
    return _run_in_pool(jobs, report)


def _run_in_pool(jobs: list, report: Progress) -> list:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from sitegen.pixels import make_derivatives

    # "spawn": a forked worker would count the whole parent (templates, catalogue) in its memory.
    context = multiprocessing.get_context("spawn")
    results = []
    with ProcessPoolExecutor(max_workers=min(len(jobs), _cores()), mp_context=context) as pool:
        futures = {pool.submit(make_derivatives, job): job for job in jobs}
        for future in as_completed(futures):
            results.append(_result_of(future, futures[future]))
            report(len(results), len(jobs))
    return results


def _result_of(future, job):
    """The worker's report, or a located problem when the worker itself died (a decoder crash)."""
    from sitegen.pixels import PhotoResult

    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a killed or crashed worker becomes a located error
        problem = (str(exc).splitlines() or [type(exc).__name__])[0][:80]
        return PhotoResult(job.source, problem="photo_process_failed", values=(("problem", problem),))


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _inspect_all(photos: list[Photo], keys: Mapping[Path, str]) -> dict[str, list | SiteError]:
    """Read and hash new photos on every core (hashing and file reads release the GIL)."""
    if len(photos) <= 1:
        return {keys[photo.source]: _inspect(photo) for photo in photos}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=_cores()) as pool:
        return dict(zip((keys[p.source] for p in photos), pool.map(_inspect, photos)))


def _inspect(photo: Photo) -> list | SiteError:
    from sitegen.pixels import PhotoProblem, read_header

    data = photo.source.read_bytes()
    try:
        width, height, located = read_header(data)
    except PhotoProblem as problem:
        return _error(photo.ref, photo.name, problem.key, problem.values)
    return [hashlib.sha256(data).hexdigest()[:16], width, height, located]


def _error(ref: SourceRef, name: str, key: str, values: Mapping[str, object]) -> SiteError:
    return SiteError(ref, key, {"value": name, **values})


def _stat_key(source: Path, stat: os.stat_result) -> str:
    # The project folder is already resolved, so the path is absolute. Size and mtime alone would
    # miss a photo replaced by one of the same size with its date kept (`rsync -a`, `cp -p`).
    return f"{source}|{stat_identity(stat)}|{PIPELINE_VERSION}.{MEMO_VERSION}"


def _write_json(path: Path, data: dict, previous: dict) -> None:
    """Write a memo atomically, and only when it changed: a no-op build writes nothing."""
    if data != previous:
        write_json(path, data, sort_keys=True)
