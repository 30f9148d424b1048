"""The image pipeline on photos of every kind a phone or a volunteer produces, generated here."""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat, features

from sitegen.config import ImageConfig
from sitegen.errors import SiteErrors, SourceRef
from sitegen.images import cached_file, inspect_photos, plan_images, process_images
from sitegen.model import Photo
from sitegen.pixels import draft, placeholder, save_atomically
from tests.conftest import jpeg_bytes

SMALL = ImageConfig(widths=(160, 320), fallback_width=200, quality=66)
RED, BLUE = (255, 0, 0), (0, 0, 255)


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def process(folder: Path, photos: dict[str, bytes], config: ImageConfig = SMALL, **options):
    """Run inspect → plan → process on `photos` (name → bytes); return name → plan, and the cache."""
    source = folder / "content"
    source.mkdir(parents=True, exist_ok=True)
    models = []
    for line, (name, data) in enumerate(sorted(photos.items()), start=1):
        (source / name).write_bytes(data)
        models.append(Photo(source / name, name, "", SourceRef(f"content/{name}", line)))
    cache = folder / "cache"
    plan = process_images(plan_images(inspect_photos(models, cache), config), cache, config, **options)
    return {path.name: photo_plan for path, photo_plan in plan.items()}, cache


def opened(cache: Path, derivative) -> Image.Image:
    image = Image.open(cached_file(cache, derivative))
    image.load()
    return image


def assert_clean(cache: Path, derivative) -> None:
    """No EXIF, GPS, XMP, ICC profile or comment reaches a published image."""
    data = cached_file(cache, derivative).read_bytes()
    image = opened(cache, derivative)
    assert not image.getexif()
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(image.info)
    assert b"Exif\x00\x00" not in data and b"PhoneMaker" not in data


def swapped_primaries_profile() -> bytes:
    """A minimal ICC v2 RGB display profile whose red and blue colorants are swapped, linear TRC."""
    def xyz(x, y, z):
        return b"XYZ \0\0\0\0" + struct.pack(">3i", *(round(v * 65536) for v in (x, y, z)))
    text = b"Swapped primaries (test)"
    tags = [
        (b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(text) + 1) + text + b"\0" + bytes(12 + 67)),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.1431, 0.0606, 0.7141)),  # sRGB's blue
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.4361, 0.2225, 0.0139)),  # sRGB's red
    ] + [(tag, b"curv\0\0\0\0" + bytes(4)) for tag in (b"rTRC", b"gTRC", b"bTRC")]
    offset, table, data = 128 + 4 + 12 * len(tags), b"", b""
    for signature, body in tags:
        body += bytes(-len(body) % 4)
        table += signature + struct.pack(">2I", offset + len(data), len(body))
        data += body
    size = 128 + 4 + len(table) + len(data)
    header = struct.pack(">I4sI4s4s4s", size, b"none", 0x02100000, b"mntr", b"RGB ", b"XYZ ") + bytes(12)
    header += b"acsp" + bytes(24) + struct.pack(">I", 0) + struct.pack(">3i", 63190, 65536, 54061)
    header += bytes(128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + data


def test_exif_rotated_phone_photo_comes_out_upright_without_metadata(tmp_path):
    stored = Image.new("RGB", (400, 300), (200, 200, 200))
    stored.paste(RED, (0, 0, 100, 60))  # a mark in the stored top-left corner
    exif = Image.Exif()
    exif[0x0112], exif[0x010F] = 6, "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "S", 2: (7.0, 40.0, 12.0)})
    data = encoded(stored, "JPEG", quality=95, exif=exif.tobytes())
    plans, cache = process(tmp_path, {"depan.jpg": data})
    plan = plans["depan.jpg"]
    assert (plan.info.width, plan.info.height) == (300, 400)
    assert [(d.width, d.height) for d in plan.webp] == [(160, 213), (300, 400)]
    upright = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).resize((300, 400))
    made = opened(cache, plan.webp[-1]).convert("RGB")
    for corner in ((5, 5), (295, 5), (5, 395), (295, 395)):
        assert_close(made.getpixel(corner), upright.getpixel(corner), 40)
    for derivative in plan.derivatives:
        assert_clean(cache, derivative)


def assert_close(actual, expected, tolerance) -> None:
    assert all(abs(a - e) <= tolerance for a, e in zip(actual, expected)), (actual, expected)


def test_png_with_alpha_keeps_it_in_webp_and_sits_on_white_in_the_jpeg(tmp_path):
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((0, 128, 0, 255), (200, 0, 400, 300))
    plans, cache = process(tmp_path, {"logo.png": encoded(image, "PNG")})
    webp = opened(cache, plans["logo.png"].webp[0])
    assert webp.mode == "RGBA" and webp.getpixel((5, 5))[3] == 0 and webp.getpixel((150, 100))[3] == 255
    jpeg = opened(cache, plans["logo.png"].jpeg)
    assert jpeg.mode == "RGB"
    assert_close(jpeg.getpixel((5, 5)), (255, 255, 255), 8)
    assert_close(jpeg.getpixel((190, 100)), (0, 128, 0), 30)


def test_palette_image_with_transparency(tmp_path):
    image = Image.new("P", (300, 200), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    image.paste(0, (0, 0, 100, 200))
    image.info["transparency"] = 0
    plans, cache = process(tmp_path, {"gambar.png": encoded(image, "PNG", transparency=0)})
    webp = opened(cache, plans["gambar.png"].webp[0])
    assert webp.mode == "RGBA" and webp.getpixel((5, 5))[3] == 0
    assert_close(webp.convert("RGB").getpixel((140, 50)), RED, 30)


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    image = Image.new("CMYK", (300, 200), (0, 255, 255, 0))  # no cyan, full magenta and yellow: red
    plans, cache = process(tmp_path, {"cetak.jpg": encoded(image, "JPEG", quality=95)})
    for derivative in plans["cetak.jpg"].derivatives:
        made = opened(cache, derivative)
        assert made.mode == "RGB"
        assert_close(made.getpixel((50, 50)), RED, 40)


def test_16_bit_png_keeps_its_tones(tmp_path):
    image = Image.new("I;16", (256, 64))
    image.putdata([x * 256 for _ in range(64) for x in range(256)])  # a ramp over the full 16-bit range
    plans, cache = process(tmp_path, {"scan.png": encoded(image, "PNG")})
    made = opened(cache, plans["scan.png"].webp[-1]).convert("L")
    left, middle, right = (made.getpixel((x, 32)) for x in (5, 128, 250))
    assert left < 20 and 100 < middle < 160 and right > 235  # scaled, not clipped at 255


def test_colour_profile_is_converted_to_srgb_then_dropped(tmp_path):
    image = Image.new("RGB", (300, 200), RED)
    plans, cache = process(tmp_path, {"p3.png": encoded(image, "PNG", icc_profile=swapped_primaries_profile())})
    for derivative in plans["p3.png"].derivatives:
        assert_close(opened(cache, derivative).convert("RGB").getpixel((150, 100)), BLUE, 40)
        assert_clean(cache, derivative)


def test_heic_from_an_iphone(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    buffer = io.BytesIO()
    try:
        pillow_heif.from_pillow(Image.new("RGB", (320, 240), RED)).save(buffer, quality=90)
    except (OSError, ValueError, RuntimeError) as exc:
        pytest.skip(f"no HEIF encoder here: {exc}")
    plans, cache = process(tmp_path, {"IMG_0001.HEIC": buffer.getvalue()})
    assert_close(opened(cache, plans["IMG_0001.HEIC"].jpeg).getpixel((100, 100)), RED, 40)


@pytest.mark.skipif(not features.check("avif"), reason="this Pillow cannot write AVIF")
def test_avif_by_configuration(tmp_path):
    config = ImageConfig(widths=(160, 320), fallback_width=200, quality=66, avif=True)
    plans, cache = process(tmp_path, {"a.jpg": jpeg_bytes((400, 300), gps=True)}, config)
    plan = plans["a.jpg"]
    assert [d.path.rsplit(".", 1)[1] for d in plan.avif] == ["avif", "avif"]
    assert [opened(cache, d).format for d in plan.avif] == ["AVIF", "AVIF"]
    for derivative in plan.avif:
        assert_clean(cache, derivative)
    assert not ImageConfig().avif  # off unless asked for: AVIF is slow to encode


def test_a_photo_is_never_enlarged(tmp_path):
    plans, _ = process(tmp_path, {"kecil.jpg": jpeg_bytes((200, 150))})
    plan = plans["kecil.jpg"]
    assert [d.width for d in plan.webp] == [160, 200] and plan.jpeg.width == 200


def test_truncated_photo_is_an_error_at_its_line(tmp_path):
    data = jpeg_bytes((800, 600))
    with pytest.raises(SiteErrors) as raised:
        process(tmp_path, {"ok.jpg": jpeg_bytes(), "rusak.jpg": data[: len(data) // 2]})
    [error] = raised.value.errors
    assert (error.key, str(error.ref), error.args["value"]) == ("photo_broken", "content/rusak.jpg:2", "rusak.jpg")


def test_placeholder_is_a_tiny_inline_webp(tmp_path):
    plans, _ = process(tmp_path, {"a.jpg": jpeg_bytes((800, 600))})
    lqip = plans["a.jpg"].info.lqip
    assert lqip.startswith("data:image/webp;base64,") and len(lqip) < 600
    assert placeholder(Image.new("RGB", (320, 240), RED)).startswith("data:image/webp;base64,")


def test_cache_survives_a_clone_and_prunes_what_nothing_uses(tmp_path):
    data = jpeg_bytes((400, 300), gps=True)
    plans, cache = process(tmp_path, {"a.jpg": data})
    first = {d.name: os.stat(cached_file(cache, d)) for d in plans["a.jpg"].derivatives}
    os.utime(tmp_path / "content" / "a.jpg", (1, 1))  # what `git clone` does to every file's time
    plans, _ = process(tmp_path, {"a.jpg": data})
    again = {d.name: os.stat(cached_file(cache, d)) for d in plans["a.jpg"].derivatives}
    assert {name: (s.st_ino, s.st_mtime_ns) for name, s in again.items()} == {
        name: (s.st_ino, s.st_mtime_ns) for name, s in first.items()}  # nothing made again
    stale = cache / "images" / ".x.webp.99.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1, 1))  # left by a build killed long ago
    plans, _ = process(tmp_path, {"a.jpg": data}, ImageConfig(widths=(160,), fallback_width=160, quality=50))
    assert sorted(os.listdir(cache / "images")) == sorted(d.name for d in plans["a.jpg"].derivatives)


def test_work_reports_progress_and_is_the_same_in_workers_and_inline(tmp_path):
    photos = {f"{n}.jpg": jpeg_bytes((400, 300), color=(40 * n, 90, 40)) for n in range(3)}
    calls = []
    pooled, pooled_cache = process(tmp_path / "pool", photos, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (3, 3) and len(calls) == 3
    inline, inline_cache = process(tmp_path / "inline", {"1.jpg": photos["1.jpg"]})
    for a, b in zip(pooled["1.jpg"].derivatives, inline["1.jpg"].derivatives):
        assert cached_file(pooled_cache, a).read_bytes() == cached_file(inline_cache, b).read_bytes()
    assert pooled["1.jpg"].info == inline["1.jpg"].info


def test_a_failed_encode_leaves_neither_the_image_nor_a_temp_file(tmp_path):
    with pytest.raises((OSError, ValueError)):
        save_atomically(Image.new("RGB", (20_000, 1)), tmp_path / "x.webp", "webp", 66)  # too wide for WebP
    assert list(tmp_path.iterdir()) == []


def test_check_mode_decodes_but_writes_no_image(tmp_path):
    source = tmp_path / "content"
    source.mkdir()
    (source / "a.jpg").write_bytes(jpeg_bytes())
    photo = Photo(source / "a.jpg", "a.jpg", "", SourceRef("content/a.jpg", 1))
    cache = tmp_path / "cache"
    process_images(plan_images(inspect_photos([photo], cache), SMALL), cache, SMALL, verify_only=True)
    assert os.listdir(cache / "images") == []


def detailed_jpeg(size: tuple[int, int]) -> bytes:
    """A JPEG with detail at every scale (a smooth gradient under fine noise), as photos have."""
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    noise = Image.effect_noise(size, 60).convert("RGB")
    return encoded(Image.blend(gradient, noise, 0.3), "JPEG", quality=90)


@pytest.mark.parametrize("size, wanted, decoded", [
    ((1600, 1200), (480, 360), (600, 450)),  # 3/8: covers 480 x 360 with fewer pixels than 1/2
    ((1001, 751), (300, 200), (376, 282)),  # odd sides round up, as libjpeg's own output does
    ((1600, 1200), (601, 450), (800, 600)),  # 3/8 would be too small: 1/2 as before
    ((1600, 1200), (390, 290), (400, 300)),  # 1/4 is smaller still
    ((1600, 1200), (1000, 750), (1600, 1200)),  # no scaling at all
])
def test_jpeg_is_decoded_at_the_smallest_dct_scale_that_covers_the_size(size, wanted, decoded):
    image = Image.open(io.BytesIO(detailed_jpeg(size)))
    draft(image, wanted)
    assert image.size == decoded
    image.load()
    assert image.size == decoded  # what libjpeg delivered, not only what the plugin was told


def test_a_three_eighths_decode_matches_a_full_decode_resized():
    data = detailed_jpeg((1600, 1200))
    image = Image.open(io.BytesIO(data))
    draft(image, (480, 360))
    scaled = image.convert("RGB").resize((480, 360), Image.Resampling.BICUBIC)
    reference = Image.open(io.BytesIO(data)).convert("RGB").resize((480, 360), Image.Resampling.LANCZOS)
    difference = ImageChops.difference(scaled, reference)
    assert max(ImageStat.Stat(difference).mean) < 4  # a sound downscale: no shift, stretch or garbage


def test_draft_leaves_other_formats_alone():
    image = Image.open(io.BytesIO(encoded(Image.new("RGB", (1600, 1200), RED), "PNG")))
    draft(image, (480, 360))
    image.load()
    assert image.size == (1600, 1200)


def test_a_sideways_photo_decoded_at_three_eighths_comes_out_upright(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6
    stored = Image.new("RGB", (1600, 1200), (200, 200, 200))
    stored.paste(RED, (0, 0, 400, 240))  # stored top-left: upright top-right
    data = encoded(stored, "JPEG", quality=95, exif=exif.tobytes())
    config = ImageConfig(widths=(300, 450), fallback_width=300, quality=66)
    plans, cache = process(tmp_path, {"depan.jpg": data}, config)
    made = opened(cache, plans["depan.jpg"].webp[-1]).convert("RGB")
    assert made.size == (450, 600)
    assert_close(made.getpixel((440, 10)), RED, 40)
    assert_close(made.getpixel((10, 590)), (200, 200, 200), 40)
