"""Photos: inspect sources, plan derivatives (pure, content-hash named), process them in parallel."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from sitegen.config import ImageConfig
from sitegen.errors import SiteError, SiteErrors
from sitegen.model import Photo

PIPELINE_VERSION = 1
MAX_PIXELS = 120_000_000  # a 108-megapixel phone photo still fits; bombs do not
MAX_ASPECT = 12  # long side / short side: panoramas fit, a 10×100000 strip would break WebP's 16383 px limit
# Decoders for what phones and volunteers produce; never EPS/PDF (Ghostscript) or exotic formats.
FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "BMP", "HEIF", "AVIF")
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_ORIENTATION = 0x0112
_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What the pages need to know about a source photo: its digest, upright size and placeholder."""

    digest: str
    width: int
    height: int
    lqip: str


@dataclass(frozen=True, slots=True)
class Derivative:
    """One published image file made from a source photo."""

    path: str
    width: int
    height: int
    format: str


@dataclass(frozen=True, slots=True)
class PhotoPlan:
    """The derivatives of one source photo: WebP at several widths plus a JPEG fallback."""

    source: Path
    info: SourceInfo
    webp: tuple[Derivative, ...]
    jpeg: Derivative

    @property
    def derivatives(self) -> tuple[Derivative, ...]:
        """Every file this photo publishes."""
        return self.webp + (self.jpeg,)


ImagePlan = Mapping[Path, PhotoPlan]


def inspect_photos(photos: Iterable[Photo], cache_dir: Path) -> dict[Path, SourceInfo]:
    """Hash, measure and test-decode every source photo; a stat-keyed memo skips unchanged files."""
    memo_path = cache_dir / "inspect.json"
    memo = _read_json(memo_path)
    infos: dict[Path, SourceInfo] = {}
    errors: list[SiteError] = []
    for photo in sorted(set(photos), key=lambda p: str(p.source)):
        stat = photo.source.stat()
        key = f"{photo.source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
        if key not in memo:
            try:
                memo[key] = _inspect_safely(photo.source)
            except _PhotoProblem as problem:
                errors.append(SiteError(photo.ref, problem.key, {"value": photo.name, **problem.values}))
                continue
        infos[photo.source] = SourceInfo(**memo[key])
    if errors:
        raise SiteErrors(errors)
    _write_json(memo_path, {k: v for k, v in memo.items() if k.split("|")[0] in _resolved(infos)})
    return infos


def plan_images(infos: Mapping[Path, SourceInfo], config: ImageConfig) -> dict[Path, PhotoPlan]:
    """Decide every derivative's size and content-addressed name (pure)."""
    return {source: _plan_photo(source, info, config) for source, info in sorted(infos.items())}


def process_images(plan: Mapping[Path, PhotoPlan], cache_dir: Path, quality: int) -> None:
    """Make every derivative missing from the cache, in parallel; prune cached files nothing uses."""
    store = cache_dir / "images"
    store.mkdir(parents=True, exist_ok=True)
    todo = [p for p in plan.values() if not all((store / _name(d)).exists() for d in p.derivatives)]
    if todo:
        _run_workers(todo, store, quality)
    wanted = {_name(d) for p in plan.values() for d in p.derivatives}
    for stale in store.iterdir():
        if stale.name not in wanted:
            stale.unlink()


def cached_file(cache_dir: Path, derivative: Derivative) -> Path:
    """Where a processed derivative lives in the cache."""
    return cache_dir / "images" / _name(derivative)


class PhotosFailed(Exception):
    """Photos whose processing failed in a worker: source → short description of the problem."""

    def __init__(self, problems: Mapping[Path, str]):
        super().__init__(f"{len(problems)} photo(s) failed")
        self.problems = dict(problems)


def _run_workers(todo: list[PhotoPlan], store: Path, quality: int) -> None:
    problems: dict[Path, str] = {}
    with ProcessPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
        futures = {pool.submit(_make_derivatives, plan, store, quality): plan for plan in todo}
        for future, plan in futures.items():
            try:
                future.result()
            except Exception as exc:  # noqa: BLE001 - a hostile file or a killed worker becomes a located error
                problems[plan.source] = _describe(exc)
    if problems:
        raise PhotosFailed(problems)


def _describe(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:80]


class _PhotoProblem(Exception):
    def __init__(self, key: str, **args: object):
        super().__init__(key)
        self.key, self.values = key, args


def _inspect_safely(source: Path) -> dict:
    """`_inspect`, with whatever a hostile file makes the decoder raise turned into a problem."""
    try:
        return _inspect(source)
    except _PhotoProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - decoder errors on untrusted bytes are content errors
        raise _PhotoProblem("photo_broken", problem=_describe(exc)) from None


def _inspect(source: Path) -> dict:
    data = source.read_bytes()
    image = _open(io.BytesIO(data))
    if image.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8):
        width, height = image.height, image.width
    else:
        width, height = image.size
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise _PhotoProblem("photo_shape", width=width, height=height, ratio=MAX_ASPECT)
    try:
        image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
        thumb = ImageOps.exif_transpose(image).convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise _PhotoProblem("photo_broken", problem=str(exc)[:80]) from None
    return {"digest": hashlib.sha256(data).hexdigest()[:16], "width": width, "height": height,
            "lqip": _placeholder(thumb)}


def _open(stream: io.BytesIO) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(stream, formats=_formats())
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _PhotoProblem("photo_too_big", limit=MAX_PIXELS // 1_000_000) from None
    except UnidentifiedImageError:
        raise _PhotoProblem("photo_unrecognised") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise _PhotoProblem("photo_broken", problem=str(exc)[:80]) from None
    if image.width * image.height > MAX_PIXELS:
        raise _PhotoProblem("photo_too_big", limit=MAX_PIXELS // 1_000_000)
    return image


def _formats() -> list[str]:
    """The allowed formats this Pillow can open (HEIF/AVIF only with their plugins)."""
    Image.init()
    return [name for name in FORMATS if name in Image.OPEN]


def _placeholder(image: Image.Image) -> str:
    """A ~16 px blurred WebP as a data URI, shown while the real photo loads."""
    image.thumbnail((16, 16))
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=30, method=6)
    return "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _plan_photo(source: Path, info: SourceInfo, config: ImageConfig) -> PhotoPlan:
    key = hashlib.sha256(f"{info.digest}:{PIPELINE_VERSION}:{config.quality}".encode()).hexdigest()[:16]
    widths = [w for w in config.widths if w < info.width] or [info.width]
    if max(config.widths) < info.width and max(widths) < min(info.width, max(config.widths)):
        widths.append(max(config.widths))
    webp = tuple(_derivative(key, w, info, "webp") for w in sorted(set(widths)))
    jpeg = _derivative(key, min(config.fallback_width, info.width), info, "jpg")
    return PhotoPlan(source, info, webp, jpeg)


def _derivative(key: str, width: int, info: SourceInfo, fmt: str) -> Derivative:
    height = max(1, round(info.height * width / info.width))
    return Derivative(f"img/{key}-{width}.{fmt}", width, height, fmt)


def _name(derivative: Derivative) -> str:
    return derivative.path.rsplit("/", 1)[1]


def _make_derivatives(plan: PhotoPlan, store: Path, quality: int) -> None:
    """Decode once at the smallest sufficient scale, then write each derivative atomically."""
    largest = max(d.width for d in plan.derivatives)
    with Image.open(plan.source, formats=_formats()) as image:
        scale = largest / plan.info.width
        image.draft("RGB", (int(image.width * scale) + 1, int(image.height * scale) + 1))
        upright = _to_srgb(ImageOps.exif_transpose(image))
    for derivative in sorted(plan.derivatives, key=lambda d: -d.width):
        resized = upright.resize((derivative.width, derivative.height), Image.Resampling.LANCZOS)
        _save(resized, store / _name(derivative), derivative.format, quality)


def _to_srgb(image: Image.Image) -> Image.Image:
    """Pixels in sRGB, RGB or RGBA, with no metadata carried over."""
    profile = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        source_profile = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        image = ImageCms.profileToProfile(image, source_profile, _SRGB, outputMode=mode)
    if image.mode == "I;16" or image.mode.startswith("I"):
        image = image.point(lambda value: value / 256).convert("L")
    return image.convert(mode)


def _save(image: Image.Image, target: Path, fmt: str, quality: int) -> None:
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if fmt == "jpg":
        if image.mode == "RGBA":
            background = Image.new("RGB", image.size, (255, 255, 255))
            background.paste(image, mask=image.getchannel("A"))
            image = background
        image.save(temp, "JPEG", quality=quality, optimize=True, progressive=True)
    else:
        image.save(temp, "WEBP", quality=quality, method=4)
    os.replace(temp, target)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(temp, path)


def _resolved(infos: Mapping[Path, SourceInfo]) -> set[str]:
    return {str(source.resolve()) for source in infos}
