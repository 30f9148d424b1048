"""Pixel work on one photo, run in the image workers: decode, turn upright, sRGB, resize, encode.

This module imports only Pillow and the standard library, so a freshly spawned worker starts
in a few tens of milliseconds and does not carry the rest of sitegen in its memory.
"""

from __future__ import annotations

import base64
import importlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, UnidentifiedImageError

MAX_PIXELS = 120_000_000  # a 108-megapixel phone photo still fits; decompression bombs do not
MAX_ASPECT = 12  # long side / short side: panoramas fit, a 10×100000 strip would break WebP's 16383 px limit
# Decoders for what phones and volunteers produce; never EPS/PDF (Ghostscript) or exotic formats.
FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "BMP", "HEIF", "AVIF")
_PLUGINS = ("JpegImagePlugin", "MpoImagePlugin", "PngImagePlugin", "WebPImagePlugin", "GifImagePlugin",
            "TiffImagePlugin", "BmpImagePlugin", "AvifImagePlugin")  # HEIF comes from pillow_heif
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
RESAMPLE = Image.Resampling.BICUBIC  # sharper than Hugo's box filter, ~7 % fewer bytes than Lanczos
# libwebp effort 0–6, measured with benchmarks/image_quality.py and build_speed.py: 2 encodes a
# 1080 px frame in ~30 ms against ~80 ms at 4 (3 is as slow as 4) but publishes ~3 % more bytes at
# the same quality, and shoppers pay for every byte on mobile data, so 4 stays; 6 saves ~3 % more
# for twice the time.
WEBP_METHOD = 4
AVIF_SPEED = 8  # libavif effort 0 (slowest) – 10; 8 is 3x faster than 6 for ~2 % more bytes
LQIP_SIZE = 16  # long side of the inline placeholder (px)
# The "ImageMagick" quantisation table by N. Robidoux that mozjpeg uses by default: at the
# same PSNR it makes JPEGs 15–20 % smaller than the standard libjpeg table.
ROBIDOUX_TABLE = [
    16, 16, 16, 18, 25, 37, 56, 85, 16, 17, 20, 27, 34, 40, 53, 75,
    16, 20, 24, 31, 43, 62, 91, 135, 18, 27, 31, 40, 53, 74, 106, 156,
    25, 34, 43, 53, 69, 94, 131, 189, 37, 40, 62, 74, 94, 124, 169, 238,
    56, 53, 91, 106, 131, 169, 226, 311, 85, 75, 135, 156, 189, 238, 311, 418,
]
_ORIENTATION = 0x0112
_GPS_IFD, _GPS_LATITUDE, _GPS_LONGITUDE = 0x8825, 2, 4
_SIDEWAYS = (5, 6, 7, 8)  # EXIF orientations that swap width and height
_TURNS = {  # EXIF orientation → the transpose that shows the photo upright (as ImageOps.exif_transpose)
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

try:  # HEIC/HEIF photos from iPhones (pillow-heif is a dependency; a trimmed install may lack it)
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - depends on the machine
    register_heif_opener = None
else:
    register_heif_opener()


@dataclass(frozen=True, slots=True)
class Target:
    """One derivative to write: file name in the cache, size in pixels, format and quality."""

    name: str
    width: int
    height: int
    format: str
    quality: int


@dataclass(frozen=True, slots=True)
class PhotoJob:
    """The work on one photo: the derivatives to write into `store` (none: only test-decode)."""

    source: Path
    store: Path
    targets: tuple[Target, ...]


class PhotoProblem(Exception):
    """A photo that cannot be used; `key` names the message, `values` fill it."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key, self.values = key, values


def read_header(data: bytes) -> tuple[int, int, bool]:
    """The upright (width, height) of an encoded photo, and whether its EXIF holds a GPS position.

    Read from the header and EXIF only, never the pixels.
    """
    if not data:  # an upload that failed half-way, or a file made empty by hand
        raise PhotoProblem("photo_empty")
    image = open_photo(io.BytesIO(data))
    try:
        exif = image.getexif()
        sideways = exif.get(_ORIENTATION, 1) in _SIDEWAYS
        gps = exif.get_ifd(_GPS_IFD)
    except Exception as exc:  # noqa: BLE001 - any decoder error on untrusted bytes is a content error
        raise PhotoProblem("photo_broken", problem=_describe(exc)) from None
    width, height = (image.height, image.width) if sideways else image.size
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise PhotoProblem("photo_shape", width=width, height=height, ratio=MAX_ASPECT)
    return width, height, _GPS_LATITUDE in gps or _GPS_LONGITUDE in gps


def open_photo(stream: io.BytesIO | Path) -> Image.Image:
    """Open a photo lazily; unreadable, unknown or oversized files raise PhotoProblem."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(stream, formats=_formats())
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoProblem("photo_too_big", limit=MAX_PIXELS // 1_000_000) from None
    except UnidentifiedImageError:
        raise PhotoProblem("photo_unrecognised") from None
    except Exception as exc:  # noqa: BLE001 - any decoder error on untrusted bytes is a content error
        raise PhotoProblem("photo_broken", problem=_describe(exc)) from None
    if image.width * image.height > MAX_PIXELS:
        raise PhotoProblem("photo_too_big", limit=MAX_PIXELS // 1_000_000)
    return image


@dataclass(frozen=True, slots=True)
class PhotoResult:
    """What a worker reports: the placeholder, or the problem that made the photo unusable."""

    source: Path
    lqip: str = ""
    problem: str = ""
    values: tuple[tuple[str, object], ...] = ()


def make_derivatives(job: PhotoJob) -> PhotoResult:
    """Decode once at the smallest sufficient scale, write each target atomically, make the LQIP.

    A worker never raises for a volunteer's photo: the caller turns the problem into a
    located SiteError. Without targets, the photo is only test-decoded (for `sitegen check`).
    """
    try:
        if not job.targets:
            decode_upright(job.source, (LQIP_SIZE, LQIP_SIZE))
            return PhotoResult(job.source)
        largest = max(job.targets, key=lambda t: t.width)
        images = {largest.width: decode_upright(job.source, (largest.width, largest.height))}
        for target in sorted(job.targets, key=lambda t: -t.width):
            if target.width not in images:
                images[target.width] = _resize(_next_larger(images, target.width), target)
            save_atomically(images[target.width], job.store / target.name, target.format, target.quality)
        return PhotoResult(job.source, lqip=placeholder(images[min(images)]))
    except PhotoProblem as problem:
        return PhotoResult(job.source, problem=problem.key, values=tuple(sorted(problem.values.items())))
    except (MemoryError, OverflowError, ValueError, TypeError, IndexError, KeyError, ZeroDivisionError) as exc:
        # A hostile file that gets past the header and trips the decoder: a located error, no traceback.
        return PhotoResult(job.source, problem="photo_process_failed", values=(("problem", _describe(exc)),))


def decode_upright(source: Path, size: tuple[int, int]) -> Image.Image:
    """Pixels turned upright, in sRGB (RGB or RGBA), resized to `size`."""
    with open_photo(source) as image:
        orientation = image.getexif().get(_ORIENTATION, 1)
        stored = (size[1], size[0]) if orientation in _SIDEWAYS else size
        try:
            draft(image, stored)
            image.load()
            decoded = _to_8bit(image)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise PhotoProblem("photo_broken", problem=_describe(exc)) from None
        profile = image.info.get("icc_profile")
    if decoded.size != stored:
        decoded = decoded.resize(stored, RESAMPLE)
    # Turned after resizing: fewer pixels to move.
    upright = decoded.transpose(_TURNS[orientation]) if orientation in _TURNS else decoded
    return to_srgb(upright, profile)


def draft(image: Image.Image, size: tuple[int, int]) -> None:
    """Let libjpeg scale a JPEG while decoding, to the smallest of 1/8, 1/4, 3/8, 1/2 or 1 that covers `size`.

    Pillow's `draft` offers 1/8, 1/4 and 1/2; libjpeg-turbo also decodes at 3/8 (a 3x3 inverse DCT
    of each block) when asked for 1/3. A 4000x3000 phone photo for a 1080 px derivative is then
    decoded to 1500x1125 instead of 2000x1500: ~4 % less CPU a photo, in the resizes, at the same
    fidelity per byte (benchmarks/image_quality.py: +0.05 dB PSNR and +1.3 % bytes at the same
    quality). Only the JPEG plugin's decoder settings are changed, and only where they are as
    Pillow's `draft` leaves them for 1/2 (tests/unit/test_images.py checks what libjpeg delivers).
    """
    original = image.size
    image.draft("RGB", size)
    if getattr(image, "decoderconfig", None) != (2, 0) or len(image.tile) != 1:
        return  # not a JPEG, or not one decoded at 1/2: nothing finer to gain
    width, height = (-(-side * 3 // 8) for side in original)  # rounded up, as libjpeg does
    if width < size[0] or height < size[1]:
        return
    codec, _, offset, args = image.tile[0]
    image.tile = [(codec, (0, 0, width, height), offset, args)]
    image._size = (width, height)  # noqa: SLF001 - the size the decoder now delivers
    image.decoderconfig = (3, 0)  # libjpeg's scale_denom 3: its 3/8 scaling


def to_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    """RGB or RGBA pixels in sRGB; a colour profile is applied, then dropped like all metadata."""
    mode = "RGBA" if "A" in image.mode else "RGB"
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L") and not _is_srgb(profile):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            target = ImageCms.createProfile("sRGB")
            image = _with_alpha(ImageCms.profileToProfile(image, source, target, outputMode=mode), image)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: keep the pixels as they are rather than refuse the photo
    converted = image.convert(mode) if image.mode != mode else image.copy()
    converted.info.clear()  # nothing of the original (EXIF, GPS, XMP, ICC, comments) may follow
    return converted


def save_atomically(image: Image.Image, target: Path, fmt: str, quality: int) -> None:
    """Encode without any metadata into a temp file, then rename: no half-written image survives."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        if fmt == "jpg":
            _flatten(image).save(temp, "JPEG", quality=quality, optimize=True, progressive=True,
                                 qtables=[ROBIDOUX_TABLE, ROBIDOUX_TABLE])
        elif fmt == "avif":
            image.save(temp, "AVIF", quality=quality, speed=AVIF_SPEED)
        else:
            image.save(temp, "WEBP", quality=quality, method=WEBP_METHOD)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def placeholder(image: Image.Image) -> str:
    """A tiny WebP (16 px on the long side, a few hundred bytes) as a data URI."""
    small = image.copy()
    small.thumbnail((LQIP_SIZE, LQIP_SIZE), RESAMPLE)
    buffer = io.BytesIO()
    _flatten(small).save(buffer, "WEBP", quality=30, method=6)
    return "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _formats() -> list[str]:
    """The allowed formats this Pillow can open (HEIF/AVIF only with their plugins)."""
    # Importing just these plugins registers them; Image.init() would import all ~40 (~90 ms).
    for plugin in _PLUGINS:
        try:
            importlib.import_module(f"PIL.{plugin}")
        except ImportError:  # pragma: no cover - a Pillow built without one of them
            pass
    if not all(name in Image.OPEN for name in ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP")):  # pragma: no cover
        Image.init()
    return [name for name in FORMATS if name in Image.OPEN]


def _describe(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:80]


def _to_8bit(image: Image.Image) -> Image.Image:
    """Modes Pillow can resize and colour-manage: palette, 1-bit and 16-bit become 8-bit."""
    if image.mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("PA", "LA", "La", "RGBa"):
        return image.convert("RGBA")
    if image.mode.startswith("I") or image.mode == "F":
        scale = 1 / 257 if _wide(image) else 1  # 16-bit 0–65535 onto 8-bit 0–255, not clipped
        return image.convert("I").point(lambda value: value * scale).convert("L")
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image.convert("RGB")
    return image


def _wide(image: Image.Image) -> bool:
    return image.mode.startswith("I;16") or image.getextrema()[1] > 255


def _resize(source: Image.Image, target: Target) -> Image.Image:
    return source.resize((target.width, target.height), RESAMPLE)


def _next_larger(images: dict[int, Image.Image], width: int) -> Image.Image:
    """Each smaller derivative is made from the next larger one: fewer pixels to filter."""
    return images[min(w for w in images if w > width)]


def _flatten(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: put transparent parts on white."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _is_srgb(profile: bytes) -> bool:
    """Most phones tag plain sRGB; converting sRGB to sRGB would only cost time."""
    try:
        description = ImageCms.ImageCmsProfile(io.BytesIO(profile)).profile.profile_description or ""
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return False
    return description.startswith("sRGB")


def _with_alpha(transformed: Image.Image, original: Image.Image) -> Image.Image:
    """Keep the original transparency, whatever the colour engine did with it."""
    if transformed.mode == "RGBA" and original.mode == "RGBA":
        transformed.putalpha(original.getchannel("A"))
    return transformed
