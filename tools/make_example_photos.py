#!/usr/bin/env python3
"""Draw the illustrative photos of the bundled example catalogue.

Every picture is a stylised illustration drawn with Pillow (shapes, gradients
and a little grain) -- there are no real people and no real products in them.
They are deliberately "phone sized" (long side 4000 px) and some of them carry
EXIF data (Orientation, GPS, Make/Model, DateTimeOriginal) so that the
generator's resizing, rotation and metadata stripping are exercised.

The output is deterministic: every picture uses its own fixed random seed and
nothing depends on the clock, so re-running the script rewrites byte-identical
files. The drawing itself lives in `sitegen/examplephotos.py`, which
`sitegen new site --example` uses to draw smaller copies for a new catalogue.

Usage (from the repository root):

    python tools/make_example_photos.py            # (re)draw all photos
    python tools/make_example_photos.py --verify   # check orientation / EXIF
    python tools/make_example_photos.py --only nastar   # redraw a subset
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageOps
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
sys.path.insert(0, str(ROOT))  # this checkout's sitegen, not another installed one

from sitegen.examplephotos import JPEG_QUALITY, PHOTOS, Photo, render_upright  # noqa: E402

# EXIF tag numbers
TAG_MAKE, TAG_MODEL, TAG_ORIENTATION, TAG_DATETIME = 0x010F, 0x0110, 0x0112, 0x0132
IFD_EXIF, IFD_GPS = 0x8769, 0x8825
TAG_DATETIME_ORIGINAL, TAG_DATETIME_DIGITIZED = 0x9003, 0x9004

# Pixels are stored so that a viewer that APPLIES the orientation shows the
# picture upright: this is the inverse of what ImageOps.exif_transpose does.
STORE_TRANSPOSE = {
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,   # stored = upright turned 90 deg counter-clockwise
    8: Image.Transpose.ROTATE_270,  # stored = upright turned 90 deg clockwise
}


def _dms(value: float):
    value = abs(value)
    deg = int(value)
    minutes_f = (value - deg) * 60
    minutes = int(minutes_f)
    seconds = round((minutes_f - minutes) * 60 * 100)
    return (IFDRational(deg, 1), IFDRational(minutes, 1), IFDRational(seconds, 100))


def make_exif(photo: Photo) -> bytes | None:
    if photo.orientation == 1 and not photo.gps and not photo.taken:
        return None
    ex = Image.Exif()
    if photo.taken:
        ex[TAG_MAKE] = "ContohPhone"
        ex[TAG_MODEL] = "CP-21 (contoh)"
        ex[TAG_DATETIME] = photo.taken
        sub = ex.get_ifd(IFD_EXIF)
        sub[TAG_DATETIME_ORIGINAL] = photo.taken
        sub[TAG_DATETIME_DIGITIZED] = photo.taken
    if photo.orientation != 1:
        ex[TAG_ORIENTATION] = photo.orientation
    if photo.gps:
        lat, lon = photo.gps
        g = ex.get_ifd(IFD_GPS)
        g[0] = b"\x02\x03\x00\x00"           # GPSVersionID
        g[1] = "S" if lat < 0 else "N"       # GPSLatitudeRef
        g[2] = _dms(lat)                     # GPSLatitude
        g[3] = "E" if lon >= 0 else "W"      # GPSLongitudeRef
        g[4] = _dms(lon)                     # GPSLongitude
        g[5] = b"\x00"                       # GPSAltitudeRef: above sea level
        g[6] = IFDRational(2300, 100)        # GPSAltitude: 23 m
    return ex.tobytes()


def save_photo(photo: Photo, upright: Image.Image) -> Path:
    out = CONTENT / photo.path
    out.parent.mkdir(parents=True, exist_ok=True)
    stored = upright.transpose(STORE_TRANSPOSE[photo.orientation]) if photo.orientation != 1 else upright
    kwargs = dict(quality=JPEG_QUALITY, optimize=True)
    exif = make_exif(photo)
    if exif:
        kwargs["exif"] = exif
    stored.save(out, "JPEG", **kwargs)
    return out


def generate(only: str | None = None) -> None:
    total = 0
    for photo in PHOTOS:
        if only and only not in photo.path:
            continue
        out = save_photo(photo, render_upright(photo))
        size = out.stat().st_size
        total += size
        flags = []
        if photo.orientation != 1:
            flags.append(f"orientation={photo.orientation}")
        if photo.gps:
            flags.append("gps")
        print(f"{size / 1024:7.0f} KB  {out.relative_to(ROOT)}  {' '.join(flags)}")
    print(f"total {total / 1024 / 1024:.1f} MB")


def _thumb(img: Image.Image) -> list[int]:
    return list(img.convert("L").resize((48, 36) if img.width > img.height else (36, 48),
                                        Image.Resampling.BOX).tobytes())


def _diff(a: list[int], b: list[int]) -> float:
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def verify() -> None:
    """Check that oriented photos show upright after exif_transpose, and EXIF is present."""
    problems = 0
    checked = 0
    for photo in PHOTOS:
        path = CONTENT / photo.path
        with Image.open(path) as im:
            exif = im.getexif()
            assert exif.get(TAG_ORIENTATION, 1) == photo.orientation, (photo.path, exif.get(TAG_ORIENTATION))
            if photo.gps:
                g = exif.get_ifd(IFD_GPS)
                lat = g[2][0] + g[2][1] / 60 + g[2][2] / 3600
                lon = g[4][0] + g[4][1] / 60 + g[4][2] / 3600
                lat = -lat if g[1] == "S" else lat
                assert abs(lat - photo.gps[0]) < 1e-3 and abs(lon - photo.gps[1]) < 1e-3, (photo.path, lat, lon)
                assert exif.get(TAG_MAKE) and exif.get(TAG_MODEL), photo.path
                assert exif.get_ifd(IFD_EXIF).get(TAG_DATETIME_ORIGINAL), photo.path
            assert max(im.size) >= 3000, (photo.path, im.size)
            if photo.orientation == 1:
                assert im.size == photo.size, (photo.path, im.size)
                continue
            stored_size = im.size
            shown = ImageOps.exif_transpose(im)
        checked += 1
        assert shown.size == photo.size, (photo.path, shown.size, photo.size)
        if photo.orientation in (6, 8):
            assert stored_size == photo.size[::-1], (photo.path, stored_size)
        expected = render_upright(photo)
        good = _diff(_thumb(shown), _thumb(expected))
        wrong = _diff(_thumb(shown.transpose(Image.Transpose.ROTATE_180)), _thumb(expected))
        ok = good < 6 and wrong > good * 2
        problems += not ok
        print(f"{'ok ' if ok else 'BAD'} orientation={photo.orientation} stored={stored_size} shown={shown.size} "
              f"diff={good:.1f} (rotated 180: {wrong:.1f})  {photo.path}")
    assert problems == 0, f"{problems} photo(s) are not upright after exif_transpose"
    print(f"verify: {checked} oriented photos upright, EXIF checked on {len(PHOTOS)} photos")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--verify", action="store_true", help="check the written photos instead of drawing them")
    ap.add_argument("--only", help="only draw photos whose path contains this text")
    args = ap.parse_args(argv)
    if args.verify:
        verify()
    else:
        generate(args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
