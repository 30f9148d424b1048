#!/usr/bin/env python3
"""Bytes against fidelity of sitegen's image derivatives at several qualities, next to a Hugo-like anchor.

For a sample of photos it makes the default derivatives (WebP 360/720/1080 plus a 640 px JPEG,
from `sitegen.config.ImageConfig`) with sitegen's own code
(`sitegen.pixels.make_derivatives`) at each quality, and the same set the way Hugo 0.111 does
by default (full decode, box filter, quality 75, standard JPEG tables). Each file is compared
with a reference downscale of the full-resolution photo (Lanczos, no compression): PSNR in dB
and, when numpy is installed, SSIM on luma (8x8 windows); each setting's CPU milliseconds per
photo (decode, resizes and encodes, one process) are printed beside. Not a test: it prints a table.

    python benchmarks/image_quality.py                      # the benchmark catalogue, 1 photo in 10
    python benchmarks/image_quality.py --qualities 64,68,72 --every 5
    python benchmarks/image_quality.py --qualities 62,64,66,68 --efforts 2,4   # encoder effort against bytes
    python benchmarks/image_quality.py --photos DIR_OR_FILE ... --every 1      # real photographs (README)
"""

from __future__ import annotations

import argparse
import io
import math
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageOps, ImageStat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from sitegen.config import ImageConfig  # noqa: E402
from sitegen import pixels  # noqa: E402
from sitegen.pixels import PhotoJob, Target, make_derivatives  # noqa: E402

WIDTHS = ImageConfig().widths
FALLBACK = ImageConfig().fallback_width
DEFAULT_EFFORT = pixels.WEBP_METHOD
COLUMNS = (*(f"webp {w}" for w in WIDTHS), f"jpeg {FALLBACK}")


def main() -> None:
    """Measure every quality on the sample and print one row per setting."""
    args = _arguments()
    photos = _photos(args.photos or [args.project / "content"])[:: args.every]
    if not photos:
        sys.exit("no JPEG photos found")
    settings = [(q, e) for e in args.efforts for q in args.qualities]
    rows = {"Hugo-like (box, q75)": [], **{_label(q, e, args.efforts): [] for q, e in settings}}
    cpu = dict.fromkeys(rows, 0.0)
    with tempfile.TemporaryDirectory() as store:
        for photo in photos:
            full = ImageOps.exif_transpose(Image.open(photo)).convert("RGB")
            sizes = [(w, round(full.height * w / full.width)) for w in (*WIDTHS, FALLBACK)]
            references = [full.resize(size, Image.Resampling.LANCZOS) for size in sizes]
            started = time.process_time()
            made = _hugo_like(full, sizes)  # from the decoded photo: its decode is not counted
            cpu["Hugo-like (box, q75)"] += time.process_time() - started
            rows["Hugo-like (box, q75)"].append(_scores(made, references))
            for quality, effort in settings:
                label = _label(quality, effort, args.efforts)
                pixels.WEBP_METHOD = effort  # the libwebp effort sitegen's encoder passes
                started = time.process_time()
                made = _sitegen(photo, sizes, quality, Path(store))
                cpu[label] += time.process_time() - started
                rows[label].append(_scores(made, references))
    _print(rows, cpu, len(photos))


def _photos(places: list[Path]) -> list[Path]:
    """The JPEGs named, and those in the folders named (searched through), in name order."""
    found: set[Path] = set()
    for place in places:
        if place.is_dir():
            found.update(path for path in place.rglob("*") if path.suffix.lower() in (".jpg", ".jpeg"))
        else:
            found.add(place)
    return sorted(found)


def _label(quality: int, effort: int, efforts: list[int]) -> str:
    return f"sitegen q{quality}" + (f" effort {effort}" if efforts != [DEFAULT_EFFORT] else "")


def _hugo_like(full: Image.Image, sizes: list[tuple[int, int]]) -> list[bytes]:
    encoded = []
    for size, fmt in zip(sizes, ["WEBP"] * len(WIDTHS) + ["JPEG"]):
        buffer = io.BytesIO()
        full.resize(size, Image.Resampling.BOX).save(buffer, fmt, quality=75)
        encoded.append(buffer.getvalue())
    return encoded


def _sitegen(photo: Path, sizes: list[tuple[int, int]], quality: int, store: Path) -> list[bytes]:
    targets = [Target(f"{w}.webp", w, h, "webp", quality) for w, h in sizes[:-1]]
    targets.append(Target(f"{sizes[-1][0]}.jpg", *sizes[-1], "jpg", quality))
    result = make_derivatives(PhotoJob(photo, store, tuple(targets)))
    if result.problem:
        sys.exit(f"{photo}: {result.problem}")
    return [(store / target.name).read_bytes() for target in targets]


def _scores(encoded: list[bytes], references: list[Image.Image]) -> list[tuple[int, float, float]]:
    scores = []
    for data, reference in zip(encoded, references):
        decoded = Image.open(io.BytesIO(data)).convert("RGB")
        scores.append((len(data), psnr(decoded, reference), ssim(decoded, reference)))
    return scores


def psnr(image: Image.Image, reference: Image.Image) -> float:
    """Peak signal-to-noise ratio over R, G and B, in dB."""
    rms = ImageStat.Stat(ImageChops.difference(image, reference)).rms
    mse = sum(value * value for value in rms) / 3
    return 10 * math.log10(255 * 255 / mse) if mse else 99.0


def ssim(image: Image.Image, reference: Image.Image) -> float:
    """Mean SSIM of the luma over 8x8 windows (stride 4); NaN without numpy."""
    try:
        import numpy as np
        from numpy.lib.stride_tricks import sliding_window_view
    except ImportError:
        return float("nan")
    x, y = (np.asarray(i.convert("L"), dtype=np.float64) for i in (image, reference))

    def windows(a):
        return sliding_window_view(a, (8, 8))[::4, ::4]

    mx, my = windows(x).mean(axis=(2, 3)), windows(y).mean(axis=(2, 3))
    vx, vy = windows(x).var(axis=(2, 3)), windows(y).var(axis=(2, 3))
    cxy = windows(x * y).mean(axis=(2, 3)) - mx * my
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    return float((((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx**2 + my**2 + c1) * (vx + vy + c2))).mean())


def _print(rows: dict[str, list], cpu: dict[str, float], count: int) -> None:
    print(f"{count} photos; PSNR dB / SSIM against an uncompressed Lanczos downscale of the original")
    print("| setting | KB per photo | CPU ms per photo | " + " | ".join(COLUMNS) + " |")
    print("|---|---|---|" + "---|" * len(COLUMNS))
    for name, per_photo in rows.items():
        kb = sum(size for photo in per_photo for size, _, _ in photo) / count / 1000
        cells = []
        for column in range(len(COLUMNS)):
            psnrs = [photo[column][1] for photo in per_photo]
            ssims = [photo[column][2] for photo in per_photo]
            cells.append(f"{sum(psnrs) / count:.2f} / {sum(ssims) / count:.3f}")
        print(f"| {name} | {kb:.1f} | {cpu[name] / count * 1000:.0f} | " + " | ".join(cells) + " |")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=Path("/tmp/sitegen-bench/p100x3-4000x3000-v3"),
                        help="a catalogue made by build_speed.py (default: its 100-product one)")
    parser.add_argument("--photos", type=Path, nargs="+", metavar="PATH",
                        help="JPEG files or folders of them to use instead of the catalogue's photos")
    parser.add_argument("--qualities", type=lambda text: [int(v) for v in text.split(",")], default=[ImageConfig().quality])
    parser.add_argument("--efforts", type=lambda text: [int(v) for v in text.split(",")], default=[DEFAULT_EFFORT],
                        help="libwebp efforts (0-6) to compare; sitegen uses %(default)s")
    parser.add_argument("--every", type=int, default=10, help="take one photo in this many")
    return parser.parse_args()


if __name__ == "__main__":
    main()
