"""The example catalogue's photos, drawn with Pillow: stylised illustrations, no real people or products.

`tools/make_example_photos.py` writes them at phone size (long side 4000 px) with EXIF orientation
and GPS into the repository's `content/`, to exercise the image pipeline; `sitegen new site
--example` draws them here instead of shipping 20 MB of JPEGs in the package: smaller (long side
1600 px), upright, without EXIF, so a new catalogue starts small and its first check has no
warning about them. Every picture has its own fixed random seed and nothing reads the clock,
so the same scale always gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

LAND = (4000, 3000)
PORT = (3000, 4000)
JPEG_QUALITY = 80
NEW_SITE_SCALE = 0.4  # 1600x1200: sharp on any phone, about 8 s for all 40 photos on one core


# --------------------------------------------------------------------------

def rng_for(key: str) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    return random.Random(seed)


def mix(c1, c2, t):
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c1, c2))


def shade(c, f):
    return tuple(max(0, min(255, int(round(v * f)))) for v in c[:3])


def tint(c, t):
    return mix(c[:3], (255, 255, 255), t)


def jitter(c, rng, amount=12):
    return tuple(max(0, min(255, v + rng.randint(-amount, amount))) for v in c[:3])


def vary(c, rng, f=0.06):
    """Same hue, slightly lighter or darker."""
    return shade(c, rng.uniform(1 - f, 1 + f))


def alpha(c, a):
    return tuple(c[:3]) + (int(a),)


_FONTS: dict[int, ImageFont.FreeTypeFont] = {}


def font(size: int):
    size = max(8, int(size))
    if size not in _FONTS:
        _FONTS[size] = ImageFont.load_default(size=size)
    return _FONTS[size]


def fit_font(text: str, max_w: float, size: int):
    size = int(size)
    while size > 10:
        f = font(size)
        if f.getlength(text) <= max_w:
            return f
        size = int(size * 0.92)
    return font(10)


def rot_pts(pts, cx, cy, ang):
    c, s = math.cos(ang), math.sin(ang)
    return [(cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c) for x, y in pts]


def ellipse_pts(cx, cy, rx, ry, ang=0.0, n=40, rng=None, wobble=0.0):
    pts = []
    for k in range(n):
        a = 2 * math.pi * k / n
        f = 1.0 + (rng.uniform(-wobble, wobble) if rng and wobble else 0.0)
        pts.append((cx + rx * f * math.cos(a), cy + ry * f * math.sin(a)))
    return rot_pts(pts, cx, cy, ang) if ang else pts


def rect_pts(cx, cy, w, h, ang):
    pts = [(cx - w / 2, cy - h / 2), (cx + w / 2, cy - h / 2), (cx + w / 2, cy + h / 2), (cx - w / 2, cy + h / 2)]
    return rot_pts(pts, cx, cy, ang)


def blob_pts(rng, cx, cy, r, n=7, wob=0.35, ang=None):
    ang = rng.uniform(0, math.pi) if ang is None else ang
    pts = []
    for k in range(n):
        a = ang + 2 * math.pi * k / n + rng.uniform(-0.25, 0.25)
        rr = r * (1 + rng.uniform(-wob, wob))
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def bezier(p0, p1, p2, n=24):
    out = []
    for i in range(n + 1):
        t = i / n
        x = (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0]
        y = (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1]
        out.append((x, y))
    return out


def ramp(fn, size, vertical=False):
    """An 'L' image whose value varies along x (or y) following fn(t), t in [0, 1]."""
    n = 256
    line = Image.new("L", (n, 1))
    line.putdata([max(0, min(255, int(round(fn(i / (n - 1)))))) for i in range(n)])
    if vertical:
        line = line.transpose(Image.Transpose.ROTATE_270)  # left end becomes the top
    return line.resize(size, Image.Resampling.BILINEAR)


def apply_shading(img, dark=None, light=None, vertical=False):
    mode = img.mode
    rgb = img.convert("RGB")
    if dark:
        rgb = ImageChops.multiply(rgb, ramp(dark, rgb.size, vertical).convert("RGB"))
    if light:
        rgb = ImageChops.screen(rgb, ramp(light, rgb.size, vertical).convert("RGB"))
    if mode == "RGBA":
        rgb.putalpha(img.getchannel("A"))
    return rgb


def cyl_dark(lo=0.62):
    return lambda t: 255 * (lo + (1 - lo) * max(0.0, math.sin(math.pi * t)) ** 0.55)


def highlight(pos=0.26, width=0.06, strength=0.42, pos2=0.83, width2=0.025, strength2=0.18):
    def f(t):
        return 255 * (strength * math.exp(-((t - pos) / width) ** 2)
                      + strength2 * math.exp(-((t - pos2) / width2) ** 2))
    return f


def vgrad(size, top, bottom):
    mask = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def soft_ellipse(base: Image.Image, box, blur, color=(35, 25, 15), strength=120):
    """Paste a blurred ellipse (shadow or glow) onto base."""
    x0, y0, x1, y1 = box
    m = int(blur * 3) + 2
    rx0, ry0 = int(x0 - m), int(y0 - m)
    size = (int(x1 - x0) + 2 * m, int(y1 - y0) + 2 * m)
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse((m, m, m + x1 - x0, m + y1 - y0), fill=int(strength))
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    base.paste(Image.new(base.mode, size, color), (rx0, ry0), mask)


def paste_sprite(base: Image.Image, sprite: Image.Image, x, y):
    base.paste(sprite, (int(x), int(y)), sprite.getchannel("A"))


def low_res_layer(size, factor, draw_fn):
    """Draw at 1/factor resolution and scale up: soft, out-of-focus backgrounds."""
    small = (size[0] // factor, size[1] // factor)
    return draw_fn(small).filter(ImageFilter.GaussianBlur(1.2)).resize(size, Image.Resampling.BICUBIC)


# --------------------------------------------------------------------------
# backdrops and finishing
# --------------------------------------------------------------------------

def backdrop(size, rng, wall=((236, 226, 208), (214, 198, 176)), table="wood",
             table_color=(160, 110, 70), horizon=0.6, bokeh=(255, 248, 230), plant=True):
    W, H = size
    ty = int(H * horizon)

    def wall_fn(sz):
        w, h = sz
        img = vgrad(sz, wall[0], wall[1])
        d = ImageDraw.Draw(img, "RGBA")
        # window light and bokeh circles
        d.rectangle((w * rng.uniform(0.05, 0.5), -10, w * rng.uniform(0.6, 0.95), h * 0.45), fill=alpha(bokeh, 40))
        for _ in range(14):
            x, y, r = rng.uniform(0, w), rng.uniform(0, h * horizon), rng.uniform(w * 0.02, w * 0.07)
            d.ellipse((x - r, y - r, x + r, y + r), fill=alpha(bokeh, rng.randint(20, 60)))
        if plant:  # out-of-focus potted plant in a corner
            px = w * (0.9 if rng.random() < 0.5 else 0.1)
            for _ in range(18):
                a = rng.uniform(-math.pi * 0.95, -math.pi * 0.05)
                L = rng.uniform(h * 0.12, h * 0.3)
                ex, ey = px + L * math.cos(a), h * horizon * 0.95 + L * math.sin(a)
                d.polygon(ellipse_pts((px + ex) / 2, (h * horizon * 0.95 + ey) / 2, L / 2, L / 9, a),
                          fill=alpha(jitter((70, 120, 70), rng, 20), 200))
            d.polygon([(px - w * 0.04, h * horizon * 0.9), (px + w * 0.04, h * horizon * 0.9),
                       (px + w * 0.03, h * horizon + 2), (px - w * 0.03, h * horizon + 2)], fill=(170, 100, 70, 230))
        return img

    img = low_res_layer(size, 8, wall_fn)
    d = ImageDraw.Draw(img, "RGBA")
    tc = table_color
    if table == "wood":
        n = 9
        ys = [ty + (H - ty) * (k / n) ** 1.5 for k in range(n + 1)]
        for k in range(n):
            c = vary(tc, rng, 0.07)
            d.rectangle((0, ys[k], W, ys[k + 1] + 1), fill=c)
            hgt = ys[k + 1] - ys[k]
            for _ in range(int(6 + hgt / 14)):
                y = rng.uniform(ys[k], ys[k + 1])
                amp, ph, per = rng.uniform(2, 10), rng.uniform(0, 6.3), rng.uniform(300, 900)
                pts = [(x, y + amp * math.sin(x / per * 6.283 + ph)) for x in range(0, W + 80, 80)]
                d.line(pts, fill=alpha(shade(c, rng.uniform(0.78, 0.9)), 120), width=rng.randint(2, 5))
            d.line((0, ys[k + 1], W, ys[k + 1]), fill=alpha(shade(c, 0.55), 200), width=max(2, int(hgt / 25)))
        d.line((0, ty, W, ty), fill=alpha(tint(tc, 0.35), 200), width=6)
    elif table == "cloth":
        d.rectangle((0, ty, W, H), fill=tc)
        stripe = tint(tc, 0.7)
        n = 12
        ys = [ty + (H - ty) * (k / n) ** 1.35 for k in range(n + 1)]
        for k in range(0, n, 2):
            d.rectangle((0, ys[k], W, ys[k + 1]), fill=alpha(stripe, 110))
        vx = W / 2
        for i in range(-14, 15):
            if i % 2:
                continue
            xt0, xt1 = vx + i * W / 26, vx + (i + 1) * W / 26
            xb0, xb1 = vx + i * W / 26 * 1.9, vx + (i + 1) * W / 26 * 1.9
            d.polygon([(xt0, ty), (xt1, ty), (xb1, H), (xb0, H)], fill=alpha(stripe, 110))
        d.line((0, ty, W, ty), fill=alpha(shade(tc, 0.7), 160), width=5)
    elif table == "tiles":
        d.rectangle((0, ty, W, H), fill=tc)
        n = 7
        ys = [ty + (H - ty) * (k / n) ** 1.4 for k in range(n + 1)]
        for y in ys:
            d.line((0, y, W, y), fill=alpha(shade(tc, 0.75), 180), width=5)
        vx = W / 2
        for i in range(-10, 11):
            d.line((vx + i * W / 9, ty, vx + i * W / 9 * 2.2, H), fill=alpha(shade(tc, 0.75), 180), width=5)
    # a soft contact shadow where wall meets table
    d.rectangle((0, ty, W, ty + H * 0.015), fill=(0, 0, 0, 25))
    return img


def floor_topdown(size, rng, color=(196, 160, 120), kind="wood"):
    """Floor seen from above (for mats and things photographed from above)."""
    W, H = size
    img = Image.new("RGB", size, color)
    d = ImageDraw.Draw(img, "RGBA")
    if kind == "wood":
        bw = W / 7
        for i in range(8):
            c = vary(color, rng, 0.07)
            d.rectangle((i * bw, 0, (i + 1) * bw, H), fill=c)
            for _ in range(24):
                x = rng.uniform(i * bw, (i + 1) * bw)
                amp, ph = rng.uniform(3, 12), rng.uniform(0, 6.3)
                pts = [(x + amp * math.sin(y / 700 * 6.283 + ph), y) for y in range(0, H + 100, 100)]
                d.line(pts, fill=alpha(shade(c, 0.85), 110), width=rng.randint(2, 4))
            d.line((i * bw, 0, i * bw, H), fill=alpha(shade(c, 0.5), 200), width=6)
    else:  # ceramic tiles
        s = W / 8
        for i in range(9):
            for j in range(int(H / s) + 1):
                d.rectangle((i * s, j * s, (i + 1) * s, (j + 1) * s), fill=jitter(color, rng, 5),
                            outline=alpha(shade(color, 0.8), 255), width=6)
    return img


def add_grain(img, rng, amp=5, scale=2):
    w, h = img.size
    sw, sh = w // scale, h // scale
    n = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh))
    lut = [128 - amp + (v * (2 * amp + 1)) // 256 for v in range(256)]
    n = n.point(lut).resize((w, h), Image.Resampling.BILINEAR)
    return ImageChops.add(img, Image.merge("RGB", (n, n, n)), 1.0, -128)


def vignette(img, strength=0.35):
    mask = Image.radial_gradient("L").resize(img.size, Image.Resampling.BILINEAR)
    mask = mask.point([int((v / 255) ** 2 * 255 * strength) for v in range(256)])
    img.paste((20, 15, 10), mask=mask)
    return img


def draw_corner_label(img, text, where="bl"):
    W, H = img.size
    s = int(min(W, H) * 0.024)
    f1, f2 = font(s), font(int(s * 0.68))
    sub = "ilustrasi contoh"
    pad = s * 0.55
    tw = max(f1.getlength(text), f2.getlength(sub))
    bw, bh = tw + 2 * pad, s * 1.9 + 2 * pad
    m = s * 0.9
    x0 = m if where.endswith("l") else W - m - bw
    y0 = H - m - bh if where.startswith("b") else m
    d = ImageDraw.Draw(img, "RGBA")
    d.rounded_rectangle((x0, y0, x0 + bw, y0 + bh), radius=s * 0.35, fill=(255, 255, 255, 205))
    d.text((x0 + pad, y0 + pad), text, font=f1, fill=(45, 45, 45))
    d.text((x0 + pad, y0 + pad + s * 1.15), sub, font=f2, fill=(110, 110, 110))


def finish(img, rng, label, grain=3, label_pos="bl"):
    # soften like a phone lens; the grain is deliberately low-frequency (mottling)
    # because fine pixel noise would triple the JPEG sizes
    img = img.convert("RGB").filter(ImageFilter.GaussianBlur(1.8))
    if grain:
        img = add_grain(img, rng, amp=grain, scale=12)
    img = vignette(img, 0.32)
    draw_corner_label(img, label, label_pos)
    return img


# --------------------------------------------------------------------------
# food items (each draws one piece at x, y with size s)
# --------------------------------------------------------------------------

def item_flake(d, x, y, s, rng):
    c = rng.choice([(196, 128, 56), (214, 156, 78), (170, 102, 44), (226, 178, 102), (150, 88, 40)])
    d.polygon(blob_pts(rng, x, y, s * 0.5, n=rng.randint(5, 8), wob=0.45), fill=c)
    if rng.random() < 0.4:
        d.polygon(blob_pts(rng, x - s * 0.1, y - s * 0.1, s * 0.2, n=5), fill=tint(c, 0.3))


def item_flake_red(d, x, y, s, rng):
    if rng.random() < 0.3:
        c = rng.choice([(190, 50, 30), (160, 35, 25), (210, 80, 40)])
        d.polygon(blob_pts(rng, x, y, s * 0.28, n=5, wob=0.4), fill=c)
    else:
        item_flake(d, x, y, s, rng)


def _stick(d, x, y, s, rng, base, speck):
    ang = rng.uniform(0, math.pi)
    L, w = s * rng.uniform(1.6, 2.6), s * 0.22
    d.polygon(rect_pts(x, y, L, w * 1.25, ang), fill=shade(base, 0.72))
    d.polygon(rect_pts(x, y, L * 0.97, w, ang), fill=base)
    ox, oy = -math.sin(ang) * w * 0.2, math.cos(ang) * w * 0.2
    d.polygon(rect_pts(x - ox, y - oy, L * 0.9, w * 0.3, ang), fill=tint(base, 0.3))
    for _ in range(3):
        t = rng.uniform(-0.4, 0.4) * L
        sx, sy = x + math.cos(ang) * t, y + math.sin(ang) * t
        r = s * 0.035
        d.ellipse((sx - r, sy - r, sx + r, sy + r), fill=speck)


def item_stick(d, x, y, s, rng):
    _stick(d, x, y, s, rng, jitter((226, 174, 88), rng, 10), (70, 110, 40))


def item_stick_kelor(d, x, y, s, rng):
    _stick(d, x, y, s, rng, jitter((170, 168, 80), rng, 10), (50, 85, 30))


def item_granule(d, x, y, s, rng):
    c = rng.choice([(122, 82, 56), (150, 106, 72), (96, 66, 46), (170, 128, 88), (110, 74, 52)])
    r = s * rng.uniform(0.25, 0.5)
    d.ellipse((x - r, y - r * 0.8, x + r, y + r * 0.8), fill=c)


def item_manggleng(d, x, y, s, rng):
    ang = rng.uniform(0, math.pi)
    rx, ry = s * rng.uniform(0.65, 0.85), s * rng.uniform(0.38, 0.5)
    base = jitter((240, 214, 150), rng, 8)
    d.polygon(ellipse_pts(x, y, rx, ry, ang, 28, rng, 0.06), fill=shade(base, 0.82))
    d.polygon(ellipse_pts(x, y, rx * 0.9, ry * 0.86, ang, 28, rng, 0.05), fill=base)
    d.polygon(ellipse_pts(x - rx * 0.15, y - ry * 0.2, rx * 0.45, ry * 0.3, ang, 20), fill=tint(base, 0.35))
    for _ in range(rng.randint(0, 4)):
        px, py = x + rng.uniform(-0.5, 0.5) * rx, y + rng.uniform(-0.5, 0.5) * ry
        r = s * 0.04
        d.ellipse((px - r, py - r, px + r, py + r), fill=(200, 110, 50))


def item_pare(d, x, y, s, rng):
    r = s * rng.uniform(0.45, 0.6)
    outer = jitter((96, 124, 54), rng, 10)
    d.polygon(blob_pts(rng, x, y, r, n=14, wob=0.1), fill=outer)
    d.polygon(blob_pts(rng, x, y, r * 0.72, n=12, wob=0.08), fill=jitter((176, 164, 96), rng, 8))
    d.polygon(blob_pts(rng, x, y, r * 0.35, n=9, wob=0.15), fill=(120, 92, 50))
    for _ in range(3):
        a = rng.uniform(0, 6.3)
        px, py = x + r * 0.5 * math.cos(a), y + r * 0.5 * math.sin(a)
        q = r * 0.09
        d.ellipse((px - q, py - q, px + q, py + q), fill=(200, 190, 130))


def item_sagon(d, x, y, s, rng, base=(236, 214, 168)):
    ang = rng.uniform(-0.5, 0.5) + (math.pi / 2 if rng.random() < 0.3 else 0)
    w, h = s * rng.uniform(1.2, 1.5), s * rng.uniform(0.75, 0.9)
    base = vary(base, rng, 0.05)
    d.polygon(rect_pts(x, y, w * 1.06, h * 1.1, ang), fill=shade(base, 0.78))
    d.polygon(rect_pts(x, y, w, h, ang), fill=base)
    d.polygon(rect_pts(x - s * 0.05, y - s * 0.08, w * 0.8, h * 0.45, ang), fill=tint(base, 0.2))
    for _ in range(10):
        px, py = x + rng.uniform(-0.42, 0.42) * w, y + rng.uniform(-0.38, 0.38) * h
        px, py = rot_pts([(px, py)], x, y, ang)[0]
        q = s * rng.uniform(0.03, 0.06)
        d.ellipse((px - q, py - q * 0.5, px + q, py + q * 0.5), fill=rng.choice([(250, 244, 228), (205, 170, 120)]))


def item_sagon_tiwul(d, x, y, s, rng):
    item_sagon(d, x, y, s, rng, base=(176, 122, 84))


def item_nastar(d, x, y, s, rng):
    r = s * rng.uniform(0.45, 0.52)
    base = jitter((226, 166, 72), rng, 8)
    d.ellipse((x - r, y - r * 0.95, x + r, y + r * 0.95), fill=shade(base, 0.72))
    d.ellipse((x - r * 0.94, y - r * 0.95, x + r * 0.9, y + r * 0.82), fill=base)
    d.ellipse((x - r * 0.62, y - r * 0.78, x + r * 0.1, y - r * 0.15), fill=tint(base, 0.3))
    d.ellipse((x - r * 0.12, y - r * 0.75, x + r * 0.12, y - r * 0.55), fill=(88, 52, 30))  # clove
    d.line((x, y - r * 0.75, x + r * 0.05, y - r * 0.95), fill=(70, 40, 24), width=max(2, int(r * 0.08)))


def item_kastengel(d, x, y, s, rng):
    ang = rng.uniform(0, math.pi)
    L, w = s * 1.5, s * 0.55
    base = jitter((232, 180, 74), rng, 8)
    d.polygon(rect_pts(x, y, L * 1.04, w * 1.12, ang), fill=shade(base, 0.7))
    d.polygon(rect_pts(x, y, L, w, ang), fill=base)
    ox, oy = -math.sin(ang) * w * 0.15, math.cos(ang) * w * 0.15
    d.polygon(rect_pts(x - ox, y - oy, L * 0.9, w * 0.35, ang), fill=tint(base, 0.28))
    for _ in range(9):
        t, u = rng.uniform(-0.45, 0.45) * L, rng.uniform(-0.35, 0.35) * w
        px = x + math.cos(ang) * t - math.sin(ang) * u
        py = y + math.sin(ang) * t + math.cos(ang) * u
        q = s * 0.05
        d.rectangle((px - q, py - q * 0.6, px + q, py + q * 0.6), fill=rng.choice([(250, 226, 120), (200, 140, 50)]))


def item_putri_salju(d, x, y, s, rng):
    R = s * 0.62
    pts = []
    for i in range(19):
        a = math.pi * (0.08 + 0.84 * i / 18)
        pts.append((x + R * math.cos(a), y + R * math.sin(a) - R * 0.2))
    for i in range(19):
        a = math.pi * (0.92 - 0.84 * i / 18)
        pts.append((x + R * 0.78 * math.cos(a), y + R * 0.55 * math.sin(a) - R * 0.2))
    pts = rot_pts(pts, x, y, rng.uniform(0, 2 * math.pi))
    d.polygon(pts, fill=jitter((248, 246, 238), rng, 4), outline=(190, 178, 150), width=max(3, int(s * 0.07)))


def item_kue_kacang(d, x, y, s, rng):
    r = s * rng.uniform(0.48, 0.55)
    base = jitter((214, 150, 80), rng, 8)
    d.ellipse((x - r, y - r * 0.9, x + r, y + r * 0.9), fill=shade(base, 0.75))
    d.ellipse((x - r * 0.93, y - r * 0.86, x + r * 0.93, y + r * 0.78), fill=base)
    d.ellipse((x - r * 0.55, y - r * 0.65, x + r * 0.15, y - r * 0.1), fill=tint(base, 0.25))
    for _ in range(3):
        a = rng.uniform(0, 6.3)
        d.line((x + r * 0.15 * math.cos(a), y + r * 0.15 * math.sin(a),
                x + r * 0.6 * math.cos(a + 0.3), y + r * 0.55 * math.sin(a + 0.3)),
               fill=shade(base, 0.7), width=max(2, int(r * 0.07)))
    q = r * 0.18
    d.ellipse((x - q, y - q * 0.7, x + q, y + q * 0.7), fill=(236, 206, 160))


def item_lanting(d, x, y, s, rng):
    r = s * 0.3
    w = max(3, int(s * 0.15))
    base = jitter((232, 168, 72), rng, 10)
    horiz = rng.random() < 0.5
    for k in (-1, 1):
        cx, cy = (x + k * r * 0.95, y) if horiz else (x, y + k * r * 0.95)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=shade(base, 0.7), width=w + 4)
        d.ellipse((cx - r + 2, cy - r + 2, cx + r - 2, cy + r - 2), outline=base, width=w)


def item_rengginang(d, x, y, s, rng):
    r = s * 0.55
    base = jitter((236, 204, 136), rng, 8)
    d.ellipse((x - r, y - r * 0.92, x + r, y + r * 0.92), fill=shade(base, 0.8))
    d.ellipse((x - r * 0.95, y - r * 0.9, x + r * 0.95, y + r * 0.85), fill=base)
    for _ in range(38):
        a, rr = rng.uniform(0, 6.3), r * 0.85 * math.sqrt(rng.random())
        px, py = x + rr * math.cos(a), y + rr * math.sin(a) * 0.9
        ln = s * 0.12
        aa = rng.uniform(0, 3.14)
        d.line((px - ln * math.cos(aa), py - ln * math.sin(aa), px + ln * math.cos(aa), py + ln * math.sin(aa)),
               fill=rng.choice([tint(base, 0.35), shade(base, 0.85), (245, 226, 170)]), width=max(2, int(s * 0.05)))


def item_peanut(d, x, y, s, rng):
    ang = rng.uniform(0, math.pi)
    r = s * 0.22
    c = jitter((222, 192, 146), rng, 8)
    for k in (-1, 1):
        px, py = x + k * r * 0.8 * math.cos(ang), y + k * r * 0.8 * math.sin(ang)
        d.ellipse((px - r, py - r, px + r, py + r), fill=c, outline=shade(c, 0.8), width=2)


ITEMS: dict[str, Callable] = {
    "flake": item_flake, "flake_red": item_flake_red, "stick": item_stick, "stick_kelor": item_stick_kelor,
    "granule": item_granule, "manggleng": item_manggleng, "pare": item_pare, "sagon": item_sagon,
    "sagon_tiwul": item_sagon_tiwul, "nastar": item_nastar, "kastengel": item_kastengel,
    "putri_salju": item_putri_salju, "kue_kacang": item_kue_kacang, "lanting": item_lanting,
    "rengginang": item_rengginang, "peanut": item_peanut,
}


def fill_items(d, box, kind, s, rng, step=1.0):
    x0, y0, x1, y1 = box
    st = s * step
    pts = []
    y, row = y0 - s * 0.3, 0
    while y < y1 + s * 0.5:
        x = x0 - s * 0.5 + (st / 2 if row % 2 else 0)
        while x < x1 + s * 0.5:
            pts.append((x + rng.uniform(-0.3, 0.3) * st, y + rng.uniform(-0.3, 0.3) * st))
            x += st
        y += st * 0.85
        row += 1
    rng.shuffle(pts)
    for x, y in pts:
        ITEMS[kind](d, x, y, s * rng.uniform(0.88, 1.12), rng)


def scatter_items(d, box, kind, s, rng, n):
    x0, y0, x1, y1 = box
    for _ in range(n):
        ITEMS[kind](d, rng.uniform(x0, x1), rng.uniform(y0, y1), s * rng.uniform(0.85, 1.15), rng)


# --------------------------------------------------------------------------
# object sprites (drawn in local coordinates, returned as RGBA)
# --------------------------------------------------------------------------

def pouch_sprite(w, h, rng, color, label_color, title, sub, contents, item_s, material="foil",
                 text_color=(255, 255, 255), window=True):
    w, h = int(w), int(h)
    img = Image.new("RGB", (w, h), color)
    d = ImageDraw.Draw(img, "RGBA")
    mask = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mask)
    tooth = max(8, int(h * 0.012))
    md.rounded_rectangle((0, tooth, w - 1, h - 1), radius=int(w * 0.08), fill=255,
                         corners=(False, False, True, True))
    n = 48
    md.polygon([(0, tooth)] + [(w * i / n, 0 if i % 2 else tooth) for i in range(n + 1)] + [(w, tooth)], fill=255)
    md.rounded_rectangle((w / 2 - w * 0.06, h * 0.03, w / 2 + w * 0.06, h * 0.03 + w * 0.04),
                         radius=int(w * 0.02), fill=0)

    if material == "clear":
        img.paste((246, 244, 238), (0, 0, w, h))
        fill_items(d, (w * 0.02, h * 0.16, w * 0.98, h * 0.99), contents, item_s, rng)
        d.rectangle((0, 0, w, h), fill=(255, 255, 255, 46))
    elif material == "kraft":
        for _ in range(int(w * h / 2500)):
            x, y = rng.uniform(0, w), rng.uniform(0, h)
            a = rng.uniform(0, 3.14)
            ln = rng.uniform(8, 30)
            d.line((x, y, x + ln * math.cos(a), y + ln * math.sin(a)),
                   fill=alpha(shade(color, rng.uniform(0.82, 1.1)), 90), width=2)

    # top seal with crimp lines, zipper
    d.rectangle((0, 0, w, h * 0.1), fill=alpha(tint(color, 0.15) if material != "clear" else (255, 255, 255), 150))
    for x in range(0, w, 14):
        d.line((x, 0, x, h * 0.1), fill=alpha(shade(color, 0.8), 70), width=3)
    d.line((0, h * 0.125, w, h * 0.125), fill=alpha(shade(color, 0.7), 200), width=max(3, int(h * 0.006)))

    # window with contents
    if window and material != "clear":
        wx0, wy0, wx1, wy1 = int(w * 0.2), int(h * 0.56), int(w * 0.8), int(h * 0.9)
        win = Image.new("RGB", (wx1 - wx0, wy1 - wy0), (240, 236, 226))
        wd = ImageDraw.Draw(win, "RGBA")
        fill_items(wd, (0, 0, win.size[0], win.size[1]), contents, item_s, rng)
        wd.polygon([(win.size[0] * 0.1, 0), (win.size[0] * 0.22, 0), (win.size[0] * 0.08, win.size[1]),
                    (0, win.size[1]), (0, win.size[1] * 0.6)], fill=(255, 255, 255, 60))
        wm = Image.new("L", win.size, 0)
        ImageDraw.Draw(wm).rounded_rectangle((0, 0, win.size[0] - 1, win.size[1] - 1),
                                             radius=int(w * 0.12), fill=255)
        img.paste(win, (wx0, wy0), wm)
        d.rounded_rectangle((wx0, wy0, wx1, wy1), radius=int(w * 0.12), outline=alpha(tint(color, 0.5), 180),
                            width=max(4, int(w * 0.008)))

    # label
    ly0, ly1 = h * 0.2, h * (0.5 if window else 0.6)
    if material == "clear":
        ly0, ly1 = h * 0.22, h * 0.5
    d.rounded_rectangle((w * 0.08, ly0, w * 0.92, ly1), radius=int(w * 0.05), fill=label_color)
    d.rounded_rectangle((w * 0.1, ly0 + w * 0.02, w * 0.9, ly1 - w * 0.02), radius=int(w * 0.04),
                        outline=alpha(text_color, 160), width=max(3, int(w * 0.006)))
    # simple emblem: a leaf / wave motif
    ex, ey, er = w / 2, ly0 + (ly1 - ly0) * 0.22, w * 0.06
    d.ellipse((ex - er, ey - er, ex + er, ey + er), fill=alpha(text_color, 230))
    d.polygon(ellipse_pts(ex, ey, er * 0.7, er * 0.32, -0.6), fill=label_color)
    words = title.split()
    lines = [title] if len(title) <= 14 or len(words) == 1 else [" ".join(words[:len(words) // 2]),
                                                                  " ".join(words[len(words) // 2:])]
    fs = int(w * 0.11)
    f = min((fit_font(t, w * 0.72, fs) for t in lines), key=lambda ff: ff.size)
    ty = ly0 + (ly1 - ly0) * (0.52 if len(lines) == 2 else 0.6)
    for i, t in enumerate(lines):
        d.text((w / 2, ty + (i - (len(lines) - 1) / 2) * f.size * 1.1), t, font=f, fill=text_color, anchor="mm")
    d.text((w / 2, ly1 - (ly1 - ly0) * 0.1), sub, font=fit_font(sub, w * 0.7, int(w * 0.045)),
           fill=alpha(text_color, 220), anchor="mm")

    d.rectangle((0, h * 0.94, w, h), fill=(0, 0, 0, 30))  # bottom gusset
    img = apply_shading(img, dark=cyl_dark(0.68), light=highlight(0.22, 0.07, 0.35))
    img = apply_shading(img, dark=lambda t: 255 * (0.92 + 0.08 * math.sin(math.pi * min(1, t * 1.2))), vertical=True)
    img.putalpha(mask)
    return img


def jar_sprite(w, h, rng, lid_color, contents, item_s, sticker_text, sticker_color=(250, 246, 236),
               sticker_text_color=(120, 60, 30), step=1.0):
    w, h = int(w), int(h)
    lid_h, neck = int(h * 0.13), int(h * 0.05)
    img = Image.new("RGB", (w, h), (236, 240, 238))
    d = ImageDraw.Draw(img, "RGBA")
    mask = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mask)
    body_top = lid_h + neck
    md.rounded_rectangle((0, body_top, w - 1, h - 1), radius=int(w * 0.12), fill=255)
    md.rectangle((w * 0.07, lid_h - 5, w * 0.93, body_top + w * 0.1), fill=255)
    md.rounded_rectangle((w * 0.03, 0, w * 0.97, lid_h), radius=int(w * 0.04), fill=255)

    fill_items(d, (w * 0.02, body_top + h * 0.04, w * 0.98, h * 0.985), contents, item_s, rng, step)
    d.rectangle((0, lid_h, w, h), fill=(255, 255, 255, 40))               # glass
    d.rectangle((w * 0.07, lid_h, w * 0.93, body_top + h * 0.01), fill=(255, 255, 255, 90))  # neck
    d.line((w * 0.04, body_top + h * 0.012, w * 0.96, body_top + h * 0.012), fill=(255, 255, 255, 150),
           width=max(4, int(h * 0.008)))
    d.polygon([(w * 0.1, body_top + h * 0.05), (w * 0.2, body_top + h * 0.05), (w * 0.18, h * 0.95),
               (w * 0.09, h * 0.95)], fill=(255, 255, 255, 85))
    d.polygon([(w * 0.82, body_top + h * 0.08), (w * 0.85, body_top + h * 0.08), (w * 0.86, h * 0.9),
               (w * 0.83, h * 0.9)], fill=(255, 255, 255, 70))
    d.rounded_rectangle((w * 0.03, h * 0.965, w * 0.97, h), radius=int(w * 0.05), fill=(255, 255, 255, 60))

    # lid with ridges
    d.rounded_rectangle((w * 0.03, 0, w * 0.97, lid_h), radius=int(w * 0.04), fill=lid_color)
    for x in range(int(w * 0.05), int(w * 0.96), max(8, w // 45)):
        d.line((x, lid_h * 0.22, x, lid_h * 0.95), fill=alpha(shade(lid_color, 0.7), 140), width=max(3, w // 160))
    d.rectangle((w * 0.03, 0, w * 0.97, lid_h * 0.18), fill=alpha(tint(lid_color, 0.3), 200))

    if sticker_text:
        sx, sy, sw, sh = w / 2, body_top + (h - body_top) * 0.42, w * 0.62, (h - body_top) * 0.3
        d.rounded_rectangle((sx - sw / 2, sy - sh / 2, sx + sw / 2, sy + sh / 2), radius=int(sh * 0.25),
                            fill=sticker_color, outline=shade(sticker_color, 0.8), width=max(3, w // 150))
        f = fit_font(sticker_text, sw * 0.82, int(sh * 0.3))
        d.text((sx, sy - sh * 0.08), sticker_text, font=f, fill=sticker_text_color, anchor="mm")
        d.text((sx, sy + sh * 0.28), "contoh", font=font(int(sh * 0.14)), fill=alpha(sticker_text_color, 170),
               anchor="mm")
    img = apply_shading(img, dark=cyl_dark(0.66), light=highlight(0.2, 0.05, 0.3))
    img.putalpha(mask)
    return img


def place_jar(base, cx, bottom, w, h, rng, **kw):
    soft_ellipse(base, (cx - w * 0.55, bottom - h * 0.06, cx + w * 0.62, bottom + h * 0.05), blur=w * 0.05,
                 strength=130)
    paste_sprite(base, jar_sprite(w, h, rng, **kw), cx - w / 2, bottom - h)


def place_pouch(base, cx, bottom, w, h, rng, **kw):
    soft_ellipse(base, (cx - w * 0.5, bottom - h * 0.05, cx + w * 0.62, bottom + h * 0.04), blur=w * 0.05,
                 strength=130)
    paste_sprite(base, pouch_sprite(w, h, rng, **kw), cx - w / 2, bottom - h)


def plate(base, cx, cy, rx, ry, color=(248, 246, 240), rim=(226, 222, 212)):
    soft_ellipse(base, (cx - rx * 0.98, cy - ry * 0.8, cx + rx * 1.05, cy + ry * 1.15), blur=rx * 0.06, strength=120)
    d = ImageDraw.Draw(base, "RGBA")
    d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=rim)
    d.ellipse((cx - rx * 0.97, cy - ry * 0.97, cx + rx * 0.97, cy + ry * 0.93), fill=color)
    d.ellipse((cx - rx * 0.72, cy - ry * 0.68, cx + rx * 0.72, cy + ry * 0.72), fill=shade(color, 0.95))
    d.arc((cx - rx * 0.9, cy - ry * 0.9, cx + rx * 0.9, cy + ry * 0.9), 200, 290, fill=(255, 255, 255, 200),
          width=int(rx * 0.02))


def banana_leaf(base, cx, cy, rx, ry, ang, rng):
    d = ImageDraw.Draw(base, "RGBA")
    d.polygon(ellipse_pts(cx, cy, rx, ry, ang, 60), fill=(64, 128, 58))
    d.polygon(ellipse_pts(cx, cy - ry * 0.1, rx * 0.96, ry * 0.8, ang, 60), fill=(84, 150, 70))
    p1 = rot_pts([(cx - rx, cy), (cx + rx, cy)], cx, cy, ang)
    d.line(p1, fill=(150, 190, 110), width=int(ry * 0.05))
    for k in range(-20, 21):
        x = cx + rx * k / 21
        for sgn in (-1, 1):
            q = rot_pts([(x, cy), (x + rx * 0.12, cy + sgn * ry * 0.9 * math.sqrt(max(0, 1 - (k / 21) ** 2)))],
                        cx, cy, ang)
            d.line(q, fill=(60, 120, 52, 120), width=4)


def tampah(base, cx, cy, r, rng):
    soft_ellipse(base, (cx - r * 0.98, cy - r * 0.7, cx + r * 1.05, cy + r * 1.0), blur=r * 0.05, strength=120)
    d = ImageDraw.Draw(base, "RGBA")
    ry = r * 0.82
    d.ellipse((cx - r, cy - ry, cx + r, cy + ry), fill=(150, 106, 56))
    d.ellipse((cx - r * 0.93, cy - ry * 0.93, cx + r * 0.93, cy + ry * 0.93), fill=(214, 178, 118))
    k = 0
    rr = r * 0.9
    while rr > 20:
        d.ellipse((cx - rr, cy - rr * 0.82, cx + rr, cy + rr * 0.82), outline=alpha((170, 130, 80), 150), width=5)
        rr -= r * 0.035
        k += 1
    for i in range(36):
        a = 2 * math.pi * i / 36
        d.line((cx, cy, cx + r * 0.92 * math.cos(a), cy + ry * 0.92 * math.sin(a)), fill=(180, 140, 90, 90), width=4)
    for i in range(120):  # rattan binding on the rim
        a = 2 * math.pi * i / 120
        x, y = cx + r * 0.965 * math.cos(a), cy + ry * 0.965 * math.sin(a)
        d.line((x - 10, y - 14, x + 10, y + 14), fill=(110, 74, 40), width=7)


# --------------------------------------------------------------------------
# scenes: food
# --------------------------------------------------------------------------

def scene_pouch(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=p.get("wall", ((238, 228, 210), (216, 200, 178))),
                   table=p.get("table", "wood"), table_color=p.get("table_color", (158, 108, 68)))
    d = ImageDraw.Draw(img, "RGBA")
    if "second" in p:  # a second pouch (other variant) behind, to the left
        s2 = p["second"]
        place_pouch(img, W * 0.3, H * 0.8, W * 0.4, H * 0.48, rng, contents=p["contents"], item_s=p["item_s"] * 0.8,
                    material=p.get("material", "foil"), text_color=p.get("text_color", (255, 255, 255)), **s2)
    cx = W * (0.58 if "second" in p else 0.5)
    place_pouch(img, cx, H * 0.87, W * 0.52, H * 0.6, rng, color=p["color"], label_color=p["label_color"],
                title=p["title"], sub=p["sub"], contents=p["contents"], item_s=p["item_s"],
                material=p.get("material", "foil"), text_color=p.get("text_color", (255, 255, 255)))
    if p.get("scatter"):
        kind, s, n = p["scatter"]
        scatter_items(d, (W * 0.06, H * 0.88, W * 0.94, H * 0.97), kind, s, rng, n)
    if p.get("chili"):
        for _ in range(5):
            chili(d, rng.uniform(W * 0.08, W * 0.92), rng.uniform(H * 0.88, H * 0.96), W * 0.08, rng)
    if p.get("moringa"):
        for x in (0.14, 0.8, 0.62):
            moringa(d, W * x + rng.uniform(-40, 40), rng.uniform(H * 0.89, H * 0.95), W * 0.3, rng)
    return img


def chili(d, x, y, L, rng):
    ang = rng.uniform(-0.5, 0.5) + (math.pi if rng.random() < 0.5 else 0)
    pts = []
    for i in range(13):
        t = i / 12
        pts.append((x + L * (t - 0.5), y + L * 0.1 * (1 - t) * math.sin(t * 3)))
    top = [(px, py - L * 0.08 * (1 - t / 1.1)) for (px, py), t in zip(pts, [i / 12 for i in range(13)])]
    poly = rot_pts(top + pts[::-1], x, y, ang)
    c = jitter((196, 32, 24), rng, 14)
    d.polygon(poly, fill=c)
    hl = rot_pts([(x - L * 0.4, y - L * 0.05), (x + L * 0.2, y - L * 0.04)], x, y, ang)
    d.line(hl, fill=tint(c, 0.45), width=max(3, int(L * 0.012)))
    st = rot_pts([(x - L * 0.5, y - L * 0.04), (x - L * 0.62, y - L * 0.1)], x, y, ang)
    d.line(st, fill=(60, 110, 40), width=max(4, int(L * 0.03)))


def moringa(d, x, y, L, rng):
    ang = rng.uniform(-0.4, 0.4)
    a, b = rot_pts([(x - L / 2, y), (x + L / 2, y)], x, y, ang)
    d.line((a, b), fill=(90, 120, 50), width=max(3, int(L * 0.012)))
    for i in range(8):
        t = (i + 0.5) / 8
        px, py = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        for sgn in (-1, 1):
            q = ellipse_pts(px + sgn * L * 0.03 * math.sin(ang), py - sgn * L * 0.06, L * 0.035, L * 0.055,
                            ang + sgn * 0.3, 16)
            d.polygon(q, fill=jitter((86, 140, 56), rng, 12))


def scene_jars(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=p.get("wall", ((232, 236, 226), (206, 214, 198))),
                   table=p.get("table", "cloth"), table_color=p.get("table_color", (190, 70, 60)), horizon=0.58)
    d = ImageDraw.Draw(img, "RGBA")
    jars = p["jars"]
    n = len(jars)
    for i, j in enumerate(jars):
        if n == 1:
            cx, jw, jh, bottom = W * 0.42, W * 0.34, H * 0.66, H * 0.86
        else:
            cx = W * (0.3 + 0.36 * i)
            jw, jh = W * (0.27 - 0.03 * i), H * (0.56 - 0.1 * i)
            bottom = H * (0.88 - 0.04 * i)
        place_jar(img, cx, bottom, jw, jh, rng, lid_color=j["lid"], contents=p["contents"], item_s=p["item_s"],
                  sticker_text=j.get("sticker", p["title"]), step=p.get("step", 1.0))
    # scattered pieces in front / to the side
    kind, s, cnt = p.get("scatter", (p["contents"], p["item_s"] * 1.3, 7))
    x0 = W * (0.64 if n == 1 else 0.08)
    scatter_items(d, (x0, H * 0.78, W * 0.94, H * 0.95), kind, s, rng, cnt)
    if p.get("peanuts"):
        scatter_items(d, (W * 0.62, H * 0.9, W * 0.95, H * 0.97), "peanut", W * 0.05, rng, 14)
    if p.get("sugar"):
        for _ in range(900):
            x, y = rng.uniform(W * 0.6, W * 0.95), rng.uniform(H * 0.8, H * 0.97)
            r = rng.uniform(2, 6)
            d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, 180))
    return img


def scene_plate(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=p.get("wall", ((228, 218, 200), (200, 186, 166))), table="wood",
                   table_color=p.get("table_color", (132, 88, 56)), horizon=0.34, plant=False)
    d = ImageDraw.Draw(img, "RGBA")
    cx, cy, rx, ry = W * 0.47, H * 0.62, W * 0.34, H * 0.3
    if p.get("leaf"):
        banana_leaf(img, cx + W * 0.04, cy + H * 0.02, W * 0.46, H * 0.28, -0.12, rng)
    if p.get("coconut"):
        coconut_half(img, W * 0.86, H * 0.42, W * 0.11, rng)
    if p.get("plate", True):
        plate(img, cx, cy, rx, ry)
    kind = p["contents"]
    if kind == "tiwul":
        mx, my, mr = cx, cy - ry * 0.08, rx * 0.5
        soft_ellipse(img, (mx - mr, my + mr * 0.2, mx + mr * 1.05, my + mr * 0.75), blur=mr * 0.08, strength=90)
        d.pieslice((mx - mr, my - mr * 0.9, mx + mr, my + mr * 0.9), 180, 360, fill=(130, 88, 60))
        d.ellipse((mx - mr, my - mr * 0.25, mx + mr, my + mr * 0.45), fill=(130, 88, 60))
        gx0, gy0 = mx - mr, my - mr * 0.9
        for _ in range(2600):
            x, y = rng.uniform(gx0, mx + mr), rng.uniform(gy0, my + mr * 0.4)
            if ((x - mx) / mr) ** 2 + ((y - my) / (mr * 0.88)) ** 2 < 1 and (y < my or ((x - mx) / mr) ** 2 +
                                                                              ((y - my - mr * 0.1) / (mr * 0.34)) ** 2 < 1):
                item_granule(d, x, y, W * 0.012, rng)
        for _ in range(420):  # grated coconut on top
            a = rng.uniform(math.pi * 1.05, math.pi * 1.95)
            rr = mr * 0.75 * math.sqrt(rng.random())
            x, y = mx + rr * math.cos(a), my - mr * 0.35 + rr * 0.55 * math.sin(a)
            ang = rng.uniform(0, 3.14)
            ln = W * 0.008
            d.line((x - ln * math.cos(ang), y - ln * math.sin(ang), x + ln * math.cos(ang), y + ln * math.sin(ang)),
                   fill=(250, 248, 240), width=6)
    elif kind == "bowl":
        # a bowl seen slightly from above, heaped with flakes
        bx, by, br = cx, cy - ry * 0.25, rx * 0.62
        bowl = (250, 248, 242)
        soft_ellipse(img, (bx - br * 0.7, by + br * 0.55, bx + br * 0.95, by + br * 0.95), blur=br * 0.08,
                     strength=130)
        d.rectangle((bx - br * 0.32, by + br * 0.62, bx + br * 0.32, by + br * 0.8), fill=shade(bowl, 0.82))
        d.chord((bx - br, by - br * 0.85, bx + br, by + br * 0.85), 0, 180, fill=shade(bowl, 0.9))
        d.chord((bx - br * 0.97, by - br * 0.8, bx + br * 0.9, by + br * 0.8), 0, 180, fill=bowl)
        d.chord((bx - br * 0.9, by - br * 0.7, bx - br * 0.2, by + br * 0.7), 95, 165, fill=(255, 255, 255))
        for i in range(9):  # painted pattern on the side
            a = math.pi * (0.12 + 0.76 * i / 8)
            x, y = bx + br * 0.8 * math.cos(a), by + br * 0.42 * math.sin(a) + br * 0.08
            q = br * 0.045
            d.ellipse((x - q, y - q, x + q, y + q), fill=(60, 110, 170))
        d.arc((bx - br * 0.93, by - br * 0.2, bx + br * 0.93, by + br * 0.62), 15, 165, fill=(60, 110, 170),
              width=int(br * 0.02))
        # inside of the bowl and the heap
        d.ellipse((bx - br, by - br * 0.28, bx + br, by + br * 0.28), fill=shade(bowl, 0.86))
        heap = Image.new("RGBA", (int(2 * br), int(br * 0.9)), (0, 0, 0, 0))
        hd = ImageDraw.Draw(heap)
        fill_items(hd, (0, 0, heap.size[0], heap.size[1]), p.get("flake", "flake"), W * 0.02, rng, 0.75)
        hm = Image.new("L", heap.size, 0)
        hmd = ImageDraw.Draw(hm)
        oy = br * 0.62  # heap image top is at by - oy
        hmd.ellipse((br * 0.06, oy - br * 0.24, br * 1.94, oy + br * 0.25), fill=255)
        hmd.chord((br * 0.14, oy - br * 0.55, br * 1.86, oy + br * 0.55), 180, 360, fill=255)
        img.paste(heap, (int(bx - br), int(by - oy)), ImageChops.multiply(hm, heap.getchannel("A")))
        d.arc((bx - br, by - br * 0.28, bx + br, by + br * 0.28), 0, 180, fill=tint(bowl, 0.5), width=int(br * 0.035))
        d.arc((bx - br, by - br * 0.28, bx + br, by + br * 0.28), 180, 360, fill=shade(bowl, 0.95),
              width=int(br * 0.02))
    else:  # a heap of pieces on the plate, back to front
        pts = []
        s = p["item_s"]
        while len(pts) < p.get("count", 60):
            x, y = rng.uniform(-1, 1), rng.uniform(-1, 1)
            if x * x + y * y < 1:
                pts.append((cx + x * rx * 0.62, cy - ry * 0.05 + y * ry * 0.58))
        for x, y in sorted(pts, key=lambda q: q[1]):
            ITEMS[kind](d, x, y, s * rng.uniform(0.9, 1.1), rng)
    if p.get("spoon"):
        d.polygon(rect_pts(W * 0.86, H * 0.8, W * 0.2, H * 0.025, -0.4), fill=(190, 190, 196))
        d.polygon(ellipse_pts(W * 0.76, H * 0.86, W * 0.05, H * 0.035, -0.4), fill=(205, 205, 210))
    return img


def coconut_half(base, cx, cy, r, rng):
    soft_ellipse(base, (cx - r, cy - r * 0.3, cx + r * 1.1, cy + r * 0.8), blur=r * 0.1, strength=110)
    d = ImageDraw.Draw(base, "RGBA")
    d.ellipse((cx - r, cy - r * 0.7, cx + r, cy + r * 0.7), fill=(112, 72, 42))
    for _ in range(160):
        a = rng.uniform(0, 6.3)
        x, y = cx + r * 0.98 * math.cos(a), cy + r * 0.68 * math.sin(a)
        d.line((x, y, x + rng.uniform(-20, 20), y + rng.uniform(-20, 20)), fill=(150, 104, 64, 200), width=3)
    d.ellipse((cx - r * 0.86, cy - r * 0.6, cx + r * 0.86, cy + r * 0.58), fill=(250, 247, 238))
    d.ellipse((cx - r * 0.74, cy - r * 0.5, cx + r * 0.74, cy + r * 0.5), fill=(236, 232, 220))


def scene_tampah(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=((226, 220, 206), (196, 186, 170)), table="wood", table_color=(120, 84, 52),
                   horizon=0.3, plant=False)
    cx, cy, r = W * 0.48, H * 0.62, W * 0.38
    tampah(img, cx, cy, r, rng)
    layer = Image.new("RGBA", (int(r * 1.6), int(r * 1.2)), (0, 0, 0, 0))
    ld = ImageDraw.Draw(layer)
    fill_items(ld, (0, 0, layer.size[0], layer.size[1]), p["contents"], p["item_s"], rng, 1.05)
    m = Image.new("L", layer.size, 0)
    ImageDraw.Draw(m).ellipse((0, 0, layer.size[0], layer.size[1]), fill=255)
    img.paste(layer, (int(cx - r * 0.8), int(cy - r * 0.6)), ImageChops.multiply(m, layer.getchannel("A")))
    return img


def scene_cups(size, rng, p):
    """Close-up of nastar in paper cups, seen from above."""
    W, H = size
    img = floor_topdown(size, rng, (232, 222, 206), kind="tiles")
    d = ImageDraw.Draw(img, "RGBA")
    cols, rows = 4, 3
    cw, ch = W / (cols + 0.6), H / (rows + 0.5)
    cup_colors = [(214, 60, 70), (236, 196, 70), (60, 140, 110), (240, 240, 236)]
    for j in range(rows):
        for i in range(cols):
            x = W * 0.08 + cw * (i + 0.8) + rng.uniform(-30, 30)
            y = H * 0.06 + ch * (j + 0.75) + rng.uniform(-30, 30)
            r = min(cw, ch) * 0.44
            soft_ellipse(img, (x - r * 0.95, y - r * 0.85, x + r * 1.1, y + r * 1.1), blur=r * 0.08, strength=110)
            c = cup_colors[(i + j) % len(cup_colors)]
            pts = []
            for k in range(72):
                a = 2 * math.pi * k / 72
                rr = r * (1.0 if k % 2 else 0.93)
                pts.append((x + rr * math.cos(a), y + rr * math.sin(a)))
            d.polygon(pts, fill=c)
            d.ellipse((x - r * 0.78, y - r * 0.78, x + r * 0.78, y + r * 0.78), fill=shade(c, 0.85))
            for k in range(36):
                a = 2 * math.pi * k / 36
                d.line((x + r * 0.78 * math.cos(a), y + r * 0.78 * math.sin(a), x + r * 0.97 * math.cos(a),
                        y + r * 0.97 * math.sin(a)), fill=alpha(shade(c, 0.75), 160), width=4)
            item_nastar(d, x, y, r * 1.45, rng)
    return img


# --------------------------------------------------------------------------
# scenes: crafts
# --------------------------------------------------------------------------

def weave(d, box, rng, cell, colors, motif="diamond", center=None):
    """Plain over-under weave of pandan strips, with a coloured motif."""
    x0, y0, x1, y1 = box
    nx, ny = int((x1 - x0) / cell) + 1, int((y1 - y0) / cell) + 1
    cx, cy = center if center else (nx // 2, ny // 2)
    natural, c1, c2 = colors[0], colors[1], colors[2] if len(colors) > 2 else colors[1]
    for j in range(ny):
        for i in range(nx):
            x, y = x0 + i * cell, y0 + j * cell
            k = abs(i - cx) + abs(j - cy)
            if motif == "diamond":
                c = c1 if k % 14 in (0, 1) else (c2 if k % 14 == 7 else natural)
            elif motif == "stripes":
                c = c1 if (j // 4) % 5 == 0 else (c2 if (i // 4) % 7 == 0 else natural)
            else:
                c = natural
            c = jitter(c, rng, 6)
            horiz = (i + j) % 2 == 0
            d.rectangle((x, y, x + cell, y + cell), fill=c)
            if horiz:
                d.line((x, y + 2, x + cell, y + 2), fill=shade(c, 0.7), width=3)
                d.line((x, y + cell * 0.35, x + cell, y + cell * 0.35), fill=tint(c, 0.25), width=max(2, cell // 12))
                d.line((x + cell - 2, y, x + cell - 2, y + cell), fill=shade(c, 0.65), width=3)
            else:
                d.line((x + 2, y, x + 2, y + cell), fill=shade(c, 0.7), width=3)
                d.line((x + cell * 0.35, y, x + cell * 0.35, y + cell), fill=tint(c, 0.25), width=max(2, cell // 12))
                d.line((x, y + cell - 2, x + cell, y + cell - 2), fill=shade(c, 0.65), width=3)


PANDAN = (214, 196, 140)


def scene_mat(size, rng, p):
    W, H = size
    img = floor_topdown(size, rng, (150, 104, 70), kind="wood")
    mx0, my0, mx1, my1 = W * 0.07, H * 0.08, W * 0.93, H * 0.9
    soft_ellipse(img, (mx0, my0 + 20, mx1 + 40, my1 + 60), blur=40, strength=80)
    layer = Image.new("RGB", (int(mx1 - mx0), int(my1 - my0)), PANDAN)
    ld = ImageDraw.Draw(layer, "RGBA")
    weave(ld, (0, 0, layer.size[0], layer.size[1]), rng, p.get("cell", 64), p["colors"], p.get("motif", "diamond"))
    b = int(W * 0.02)  # folded border
    for (bx0, by0, bx1, by1) in ((0, 0, layer.size[0], b), (0, layer.size[1] - b, layer.size[0], layer.size[1]),
                                 (0, 0, b, layer.size[1]), (layer.size[0] - b, 0, layer.size[0], layer.size[1])):
        ld.rectangle((bx0, by0, bx1, by1), fill=shade(p["colors"][1], 0.9))
    for x in range(0, layer.size[0], 30):
        ld.line((x, 0, x + 20, b), fill=(0, 0, 0, 50), width=4)
        ld.line((x, layer.size[1] - b, x + 20, layer.size[1]), fill=(0, 0, 0, 50), width=4)
    layer = apply_shading(layer, dark=lambda t: 255 * (0.9 + 0.1 * math.sin(math.pi * t)))
    img.paste(layer, (int(mx0), int(my0)))
    return img


def scene_roll(size, rng, p):
    W, H = size
    img = floor_topdown(size, rng, (200, 186, 160), kind="tiles")
    d = ImageDraw.Draw(img, "RGBA")
    # unrolled part lying flat
    fx0, fy0, fx1, fy1 = W * 0.14, H * 0.5, W * 0.86, H * 0.93
    soft_ellipse(img, (fx0, fy0, fx1 + 40, fy1 + 50), blur=35, strength=80)
    flat = Image.new("RGB", (int(fx1 - fx0), int(fy1 - fy0)), PANDAN)
    weave(ImageDraw.Draw(flat, "RGBA"), (0, 0, flat.size[0], flat.size[1]), rng, 56, p["colors"], "stripes")
    img.paste(flat, (int(fx0), int(fy0)))
    # the roll (a cylinder lying across the top of the flat part)
    rr = H * 0.13
    rx0, rx1, ry = W * 0.12, W * 0.88, H * 0.5 - rr * 0.3
    soft_ellipse(img, (rx0, ry + rr * 0.6, rx1 + 60, ry + rr * 1.35), blur=40, strength=120)
    roll = Image.new("RGB", (int(rx1 - rx0), int(2 * rr)), PANDAN)
    rd = ImageDraw.Draw(roll, "RGBA")
    weave(rd, (0, 0, roll.size[0], roll.size[1]), rng, 48, p["colors"], "stripes")
    roll = apply_shading(roll, dark=cyl_dark(0.5), light=highlight(0.3, 0.08, 0.3, 0.8, 0.03, 0.1), vertical=True)
    img.paste(roll, (int(rx0), int(ry - rr)))
    # spiral end cap on the left
    ex = rx0
    d.ellipse((ex - rr * 0.32, ry - rr, ex + rr * 0.32, ry + rr), fill=shade(PANDAN, 0.85))
    for k in range(1, 10):
        f = 1 - k * 0.095
        d.ellipse((ex - rr * 0.32 * f, ry - rr * f, ex + rr * 0.32 * f, ry + rr * f),
                  outline=shade(PANDAN, 0.6), width=6)
    d.ellipse((ex - rr * 0.03, ry - rr * 0.1, ex + rr * 0.03, ry + rr * 0.1), fill=(90, 70, 50))
    # a strap tied around the roll
    for sx in (W * 0.32, W * 0.68):
        d.rectangle((sx - 22, ry - rr, sx + 22, ry + rr), fill=p["colors"][1])
        d.rectangle((sx - 22, ry - rr, sx - 10, ry + rr), fill=alpha(tint(p["colors"][1], 0.3), 200))
    return img


def tote_sprite(w, h, rng, colors, motif="diamond", handle=(120, 78, 44), cell=52, shape="tote"):
    w, h = int(w), int(h)
    img = Image.new("RGB", (w, h), PANDAN)
    d = ImageDraw.Draw(img, "RGBA")
    body_top = int(h * 0.3) if shape == "tote" else 0
    mask = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mask)
    weave(d, (0, body_top, w, h), rng, cell, colors, motif, center=(int(w / cell) // 2, int((h - body_top) / cell) // 2))
    if shape == "tote":
        md.polygon([(0, body_top), (w, body_top), (w * 0.93, h), (w * 0.07, h)], fill=255)
        # handles
        hw = max(16, int(w * 0.045))
        for hx0, hx1 in ((w * 0.18, w * 0.42), (w * 0.58, w * 0.82)):
            box = (hx0, h * 0.02, hx1, body_top + h * 0.2)
            md.arc(box, 180, 360, fill=255, width=hw)
            d.arc(box, 180, 360, fill=handle, width=hw)
            d.arc((box[0] + hw * 0.3, box[1] + hw * 0.3, box[2] - hw * 0.3, box[3]), 190, 350,
                  fill=alpha(tint(handle, 0.3), 200), width=max(4, hw // 4))
        d.rectangle((0, body_top, w, body_top + h * 0.05), fill=shade(colors[1], 0.85))
        for x in range(0, w, 24):
            d.line((x, body_top, x + 14, body_top + h * 0.05), fill=(0, 0, 0, 45), width=4)
    else:  # clutch / wallet with a flap
        md.rounded_rectangle((0, 0, w, h), radius=int(h * 0.08), fill=255)
        flap = [(0, 0), (w, 0), (w, h * 0.32), (w * 0.5, h * 0.5), (0, h * 0.32)]
        d.polygon([(x, y + 10) for x, y in flap], fill=(0, 0, 0, 60))
        d.polygon(flap, fill=shade(colors[1], 0.95))
        d.line(flap + [flap[0]], fill=shade(colors[1], 0.6), width=8)
        bx, by, br = w * 0.5, h * 0.47, h * 0.05
        d.ellipse((bx - br, by - br, bx + br, by + br), fill=(120, 80, 46), outline=(80, 50, 28), width=5)
    img = apply_shading(img, dark=cyl_dark(0.75), light=highlight(0.25, 0.08, 0.2))
    img.putalpha(mask)
    return img


def scene_tote(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=((226, 232, 222), (196, 208, 192)), table="wood", table_color=(176, 132, 90),
                   horizon=0.72)
    w, h = W * 0.7, H * 0.68
    cx, bottom = W * 0.5, H * 0.9
    soft_ellipse(img, (cx - w * 0.5, bottom - h * 0.05, cx + w * 0.56, bottom + h * 0.05), blur=w * 0.04, strength=130)
    paste_sprite(img, tote_sprite(w, h, rng, p["colors"], p.get("motif", "diamond")), cx - w / 2, bottom - h)
    return img


def scene_clutch(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=((236, 226, 214), (210, 196, 182)), table="cloth", table_color=(70, 110, 130),
                   horizon=0.45)
    for i, colors in enumerate(p["variants"]):
        w, h = W * 0.4, H * 0.38
        cx, bottom = W * (0.3 + 0.4 * i), H * (0.78 + 0.08 * i)
        soft_ellipse(img, (cx - w * 0.5, bottom - h * 0.1, cx + w * 0.55, bottom + h * 0.08), blur=w * 0.04,
                     strength=130)
        paste_sprite(img, tote_sprite(w, h, rng, colors, "stripes", shape="clutch", cell=40), cx - w / 2, bottom - h)
    return img


def knit(d, box, rng, color, stitch, stripes=None, vertical_rib=False):
    x0, y0, x1, y1 = box
    sw, sh = stitch, stitch * 0.8
    row = 0
    y = y0
    while y < y1 + sh:
        c = color
        if stripes:
            c = stripes[(row // 5) % len(stripes)]
        c = jitter(c, rng, 4)
        x = x0 + (sw / 2 if row % 2 and not vertical_rib else 0)
        while x < x1 + sw:
            for sgn in (-1, 1):
                pts = ellipse_pts(x + sgn * sw * 0.22, y, sw * 0.28, sh * 0.62, sgn * 0.5, 14)
                d.polygon(pts, fill=shade(c, 0.78))
                pts = ellipse_pts(x + sgn * sw * 0.22, y - sh * 0.05, sw * 0.2, sh * 0.5, sgn * 0.5, 14)
                d.polygon(pts, fill=c)
                pts = ellipse_pts(x + sgn * sw * 0.2, y - sh * 0.2, sw * 0.08, sh * 0.2, sgn * 0.5, 10)
                d.polygon(pts, fill=tint(c, 0.25))
            x += sw
        y += sh * 0.9
        row += 1


def knit_bag_sprite(w, h, rng, color, stripes=None, handle=None):
    w, h = int(w), int(h)
    img = Image.new("RGB", (w, h), shade(color, 0.7))
    d = ImageDraw.Draw(img, "RGBA")
    mask = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mask)
    body_top = int(h * 0.32)
    md.rounded_rectangle((0, body_top, w, h), radius=int(w * 0.25), fill=255)
    md.rectangle((0, body_top, w, body_top + h * 0.2), fill=255)
    st = max(28, int(w / 20))
    knit(d, (0, body_top, w, h), rng, color, st, stripes)
    d.rectangle((0, body_top, w, body_top + h * 0.05), fill=shade(color, 0.8))
    for x in range(0, w, st // 2):
        d.line((x, body_top, x, body_top + h * 0.05), fill=alpha(shade(color, 0.6), 160), width=4)
    handle = handle or shade(color, 0.85)
    for box in ((w * 0.1, h * 0.0, w * 0.9, body_top + h * 0.25),):
        cxh, cyh = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        rxh, ryh = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
        for k in range(90):  # braided handle drawn as little beads along an arc
            a = math.pi + math.pi * k / 89
            x, y = cxh + rxh * math.cos(a), cyh + ryh * math.sin(a)
            r = w * 0.028
            md.ellipse((x - r, y - r, x + r, y + r), fill=255)
            d.ellipse((x - r, y - r, x + r, y + r), fill=shade(handle, 0.8))
            d.ellipse((x - r * 0.8, y - r * 0.9, x + r * 0.5, y + r * 0.4), fill=handle)
    img = apply_shading(img, dark=cyl_dark(0.7), light=highlight(0.25, 0.08, 0.18))
    img.putalpha(mask)
    return img


def scene_knit_bag(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=((240, 232, 228), (218, 204, 200)), table="wood", table_color=(196, 160, 120),
                   horizon=0.74)
    w, h = W * 0.68, H * 0.66
    cx, bottom = W * 0.5, H * 0.9
    soft_ellipse(img, (cx - w * 0.48, bottom - h * 0.05, cx + w * 0.55, bottom + h * 0.05), blur=w * 0.04,
                 strength=130)
    paste_sprite(img, knit_bag_sprite(w, h, rng, p["color"], p.get("stripes")), cx - w / 2, bottom - h)
    return img


def scene_knit_bags(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=((232, 236, 240), (204, 212, 220)), table="wood", table_color=(186, 150, 112),
                   horizon=0.66)
    for i, (color, stripes) in enumerate(p["bags"]):
        w, h = W * 0.28, H * 0.56
        cx, bottom = W * (0.2 + 0.3 * i), H * (0.88 + (0.04 if i == 1 else 0))
        soft_ellipse(img, (cx - w * 0.48, bottom - h * 0.05, cx + w * 0.55, bottom + h * 0.05), blur=w * 0.05,
                     strength=130)
        paste_sprite(img, knit_bag_sprite(w, h, rng, color, stripes), cx - w / 2, bottom - h)
    return img


def beanie_sprite(w, h, rng, color, rib, pom):
    w, h = int(w), int(h)
    img = Image.new("RGB", (w, h), color)
    d = ImageDraw.Draw(img, "RGBA")
    mask = Image.new("L", (w, h), 0)
    md = ImageDraw.Draw(mask)
    pr = w * 0.16
    dome_top = pr * 1.4
    md.ellipse((0, dome_top, w, dome_top + (h - dome_top) * 1.3), fill=255)
    md.rectangle((0, dome_top + (h - dome_top) * 0.6, w, h), fill=255)
    st = max(26, w // 18)
    knit(d, (0, dome_top, w, h), rng, color, st)
    # ribbed brim
    by = dome_top + (h - dome_top) * 0.7
    d.rectangle((0, by, w, h), fill=rib)
    k = 0
    for x in range(0, w, st // 2):
        d.rectangle((x, by, x + st // 4, h), fill=shade(rib, 0.82) if k % 2 else tint(rib, 0.12))
        k += 1
    d.line((0, by, w, by), fill=shade(rib, 0.6), width=8)
    img = apply_shading(img, dark=cyl_dark(0.6), light=highlight(0.3, 0.1, 0.2))
    # pompom
    px, py = w / 2, pr * 1.15
    md.ellipse((px - pr, py - pr, px + pr, py + pr), fill=255)
    for _ in range(900):
        a, rr = rng.uniform(0, 6.3), pr * math.sqrt(rng.random()) * 0.92
        x, y = px + rr * math.cos(a), py + rr * math.sin(a)
        r = pr * rng.uniform(0.06, 0.12)
        lit = 1.15 - 0.5 * ((x - px + pr) / (2 * pr)) - 0.2 * ((y - py + pr) / (2 * pr))
        d.ellipse((x - r, y - r, x + r, y + r), fill=shade(jitter(pom, rng, 10), max(0.6, lit)))
    img.putalpha(mask)
    return img


def scene_beanies(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=((222, 230, 236), (190, 204, 214)), table="wood", table_color=(150, 112, 80),
                   horizon=0.55)
    for i, (c, rib, pom) in enumerate(p["hats"]):
        w, h = W * 0.34, H * 0.56
        cx, bottom = W * (0.3 + 0.4 * i), H * (0.82 + 0.08 * i)
        soft_ellipse(img, (cx - w * 0.5, bottom - h * 0.06, cx + w * 0.55, bottom + h * 0.05), blur=w * 0.05,
                     strength=130)
        paste_sprite(img, beanie_sprite(w, h, rng, c, rib, pom), cx - w / 2, bottom - h)
    return img


# --------------------------------------------------------------------------
# scenes: gift bouquets
# --------------------------------------------------------------------------

def flower(d, x, y, r, rng, petal, center=(246, 200, 60), kind=None):
    kind = kind or rng.choice(["daisy", "rose", "tulip"])
    if kind == "daisy":
        n = rng.randint(7, 10)
        a0 = rng.uniform(0, 6.3)
        for k in range(n):
            a = a0 + 2 * math.pi * k / n
            d.polygon(ellipse_pts(x + r * 0.55 * math.cos(a), y + r * 0.55 * math.sin(a), r * 0.48, r * 0.2, a, 20),
                      fill=shade(petal, 0.85))
            d.polygon(ellipse_pts(x + r * 0.52 * math.cos(a), y + r * 0.52 * math.sin(a), r * 0.42, r * 0.15, a, 20),
                      fill=petal)
        d.ellipse((x - r * 0.25, y - r * 0.25, x + r * 0.25, y + r * 0.25), fill=center)
        d.ellipse((x - r * 0.12, y - r * 0.15, x + r * 0.05, y - r * 0.02), fill=tint(center, 0.4))
    elif kind == "rose":
        d.ellipse((x - r * 0.8, y - r * 0.8, x + r * 0.8, y + r * 0.8), fill=shade(petal, 0.8))
        for k in range(6):
            f = 0.75 - k * 0.12
            d.arc((x - r * f, y - r * f, x + r * f, y + r * f), 30 + k * 50, 300 + k * 50, fill=tint(petal, 0.1 * k),
                  width=max(6, int(r * 0.12)))
        d.ellipse((x - r * 0.1, y - r * 0.1, x + r * 0.1, y + r * 0.1), fill=shade(petal, 0.6))
    else:  # tulip
        d.polygon([(x - r * 0.55, y - r * 0.2), (x - r * 0.3, y - r * 0.8), (x, y - r * 0.35), (x + r * 0.3, y - r * 0.8),
                   (x + r * 0.55, y - r * 0.2), (x + r * 0.35, y + r * 0.55), (x - r * 0.35, y + r * 0.55)], fill=petal)
        d.polygon([(x - r * 0.15, y - r * 0.3), (x, y - r * 0.7), (x + r * 0.15, y - r * 0.3), (x, y + r * 0.4)],
                  fill=tint(petal, 0.25))


def leaf(d, x, y, L, ang, color):
    d.polygon(ellipse_pts(x + L * 0.5 * math.cos(ang), y + L * 0.5 * math.sin(ang), L * 0.5, L * 0.16, ang, 24),
              fill=color)
    d.line((x, y, x + L * 0.9 * math.cos(ang), y + L * 0.9 * math.sin(ang)), fill=tint(color, 0.3), width=4)


def mini_pouch(d, x, y, w, h, ang, color, rng):
    d.polygon(rect_pts(x, y, w * 1.04, h * 1.03, ang), fill=shade(color, 0.7))
    d.polygon(rect_pts(x, y, w, h, ang), fill=color)
    top = rot_pts([(x - w / 2, y - h * 0.38), (x + w / 2, y - h * 0.38)], x, y, ang)
    d.line(top, fill=tint(color, 0.4), width=max(4, int(h * 0.03)))
    lab = rot_pts(rect_pts(x, y + h * 0.05, w * 0.7, h * 0.3, 0), x, y, ang)
    d.polygon(lab, fill=(250, 246, 236))
    inner = rot_pts(rect_pts(x, y + h * 0.05, w * 0.5, h * 0.06, 0), x, y, ang)
    d.polygon(inner, fill=shade(color, 0.8))
    hl = rot_pts(rect_pts(x - w * 0.3, y, w * 0.08, h * 0.8, 0), x, y, ang)
    d.polygon(hl, fill=alpha((255, 255, 255), 60))


def mini_jar(d, x, y, w, h, lid, fill, rng):
    d.rounded_rectangle((x - w / 2, y - h / 2 + h * 0.18, x + w / 2, y + h / 2), radius=int(w * 0.15), fill=fill)
    d.rectangle((x - w * 0.42, y - h / 2 + h * 0.12, x + w * 0.42, y - h / 2 + h * 0.22), fill=tint(fill, 0.3))
    d.rounded_rectangle((x - w * 0.46, y - h / 2, x + w * 0.46, y - h / 2 + h * 0.16), radius=int(w * 0.05), fill=lid)
    for _ in range(10):
        px, py = rng.uniform(x - w * 0.38, x + w * 0.38), rng.uniform(y - h * 0.2, y + h * 0.45)
        r = w * 0.08
        d.ellipse((px - r, py - r, px + r, py + r), fill=shade(fill, 0.75))
    d.rectangle((x - w * 0.35, y - h * 0.2, x - w * 0.25, y + h * 0.4), fill=(255, 255, 255, 90))
    d.rectangle((x - w * 0.3, y + h * 0.02, x + w * 0.3, y + h * 0.22), fill=(250, 246, 236))


def scene_bucket(size, rng, p):
    W, H = size
    img = backdrop(size, rng, wall=p.get("wall", ((246, 232, 236), (226, 204, 212))), table="wood",
                   table_color=(206, 176, 140), horizon=0.86, bokeh=(255, 240, 245), plant=False)
    d = ImageDraw.Draw(img, "RGBA")
    cx = W * 0.5
    top, neck, bottom = H * 0.3, H * 0.74, H * 0.93
    paper_back, paper_front = p["paper"]
    soft_ellipse(img, (cx - W * 0.2, bottom - H * 0.02, cx + W * 0.26, bottom + H * 0.03), blur=40, strength=120)
    # back sheet: a wide fan with a wavy top
    back = [(cx - W * 0.02, neck)]
    for i in range(21):
        t = i / 20
        a = math.pi * (1.1 + 0.8 * t)
        back.append((cx + W * 0.46 * math.cos(a), top + H * 0.12 + H * 0.3 * math.sin(a) * 0.7 +
                     H * 0.015 * math.sin(t * 31)))
    back.append((cx + W * 0.02, neck))
    d.polygon(back, fill=paper_back)
    d.line(back[1:-1], fill=shade(paper_back, 0.85), width=10)
    # contents
    kind = p["contents"]
    if kind == "snack":
        colors = [(214, 60, 56), (240, 180, 40), (60, 140, 90), (230, 120, 40), (90, 110, 190), (200, 70, 140)]
        spots = []
        for row in range(3):
            for k in range(5 - row):
                x = cx + (k - (4 - row) / 2) * W * 0.15 + rng.uniform(-20, 20)
                y = top + H * 0.05 + row * H * 0.1 + rng.uniform(-20, 20)
                spots.append((x, y))
        for i, (x, y) in enumerate(spots):
            ang = (x - cx) / W * 0.9 + rng.uniform(-0.08, 0.08)
            mini_pouch(d, x, y, W * 0.15, H * 0.17, ang, colors[i % len(colors)], rng)
        for _ in range(12):  # little wrapped candies between them
            x, y = rng.uniform(cx - W * 0.3, cx + W * 0.3), rng.uniform(top, top + H * 0.25)
            c = rng.choice(colors)
            d.polygon(ellipse_pts(x, y, W * 0.022, H * 0.012, 0.3, 16), fill=c)
            d.polygon([(x - W * 0.02, y), (x - W * 0.04, y - H * 0.012), (x - W * 0.04, y + H * 0.012)], fill=tint(c, .3))
            d.polygon([(x + W * 0.02, y), (x + W * 0.04, y - H * 0.012), (x + W * 0.04, y + H * 0.012)], fill=tint(c, .3))
    elif kind == "flowers":
        for _ in range(16):
            a = rng.uniform(math.pi * 1.1, math.pi * 1.9)
            leaf(d, cx + rng.uniform(-W * 0.2, W * 0.2), top + H * 0.25, W * rng.uniform(0.14, 0.22), a,
                 jitter((70, 130, 70), rng, 15))
        for _ in range(260):  # baby's breath
            x, y = rng.uniform(cx - W * 0.38, cx + W * 0.38), rng.uniform(top - H * 0.05, top + H * 0.25)
            r = rng.uniform(6, 12)
            d.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, 220))
        petals = p.get("petals", [(226, 80, 110), (246, 160, 180), (250, 250, 246), (200, 60, 80), (250, 200, 120)])
        pts = []
        for row in range(3):
            for k in range(5 - row):
                pts.append((cx + (k - (4 - row) / 2) * W * 0.16 + rng.uniform(-30, 30),
                            top + H * 0.02 + row * H * 0.09 + rng.uniform(-30, 30)))
        rng.shuffle(pts)
        for i, (x, y) in enumerate(pts):
            flower(d, x, y, W * rng.uniform(0.075, 0.095), rng, petals[i % len(petals)])
    else:  # mini cookie jars
        fills = [(226, 166, 72), (232, 180, 74), (248, 246, 238), (214, 150, 80), (176, 122, 84)]
        lids = [(190, 40, 40), (230, 180, 40), (40, 120, 80), (150, 60, 120), (40, 90, 160)]
        k = 0
        for row in range(2):
            for i in range(4 - row):
                x = cx + (i - (3 - row) / 2) * W * 0.18
                y = top + H * 0.07 + row * H * 0.12
                mini_jar(d, x, y, W * 0.15, H * 0.17, lids[k % 5], fills[k % 5], rng)
                k += 1
        for _ in range(6):
            flower(d, rng.uniform(cx - W * 0.35, cx + W * 0.35), rng.uniform(top - H * 0.06, top + H * 0.02),
                   W * 0.05, rng, (250, 240, 200), kind="daisy")
    # front sheet: folded cone
    front = [(cx - W * 0.36, top + H * 0.18), (cx - W * 0.1, top + H * 0.26), (cx + W * 0.12, top + H * 0.2),
             (cx + W * 0.37, top + H * 0.17), (cx + W * 0.05, neck), (cx - W * 0.05, neck)]
    d.polygon(front, fill=paper_front)
    d.polygon([(cx - W * 0.1, top + H * 0.26), (cx + W * 0.12, top + H * 0.2), (cx + W * 0.05, neck)],
              fill=shade(paper_front, 0.9))
    d.line([(cx - W * 0.1, top + H * 0.26), (cx - W * 0.01, neck)], fill=shade(paper_front, 0.8), width=8)
    # skirt below the neck
    d.polygon([(cx - W * 0.05, neck), (cx + W * 0.05, neck), (cx + W * 0.12, bottom), (cx - W * 0.12, bottom)],
              fill=paper_back)
    d.polygon([(cx - W * 0.03, neck), (cx + W * 0.03, neck), (cx + W * 0.04, bottom), (cx - W * 0.06, bottom)],
              fill=shade(paper_back, 0.88))
    # ribbon bow
    rb = p.get("ribbon", (200, 40, 60))
    by = neck
    for sgn in (-1, 1):
        d.polygon(ellipse_pts(cx + sgn * W * 0.09, by - H * 0.01, W * 0.09, H * 0.035, sgn * -0.35, 30), fill=rb)
        d.polygon(ellipse_pts(cx + sgn * W * 0.08, by - H * 0.012, W * 0.05, H * 0.015, sgn * -0.35, 20),
                  fill=shade(rb, 0.7))
        d.polygon([(cx, by), (cx + sgn * W * 0.04, by), (cx + sgn * W * 0.13, by + H * 0.13),
                   (cx + sgn * W * 0.09, by + H * 0.12)], fill=shade(rb, 0.9))
    d.ellipse((cx - W * 0.03, by - H * 0.025, cx + W * 0.03, by + H * 0.02), fill=tint(rb, 0.15))
    # a small gift tag
    tx, ty = cx + W * 0.2, neck + H * 0.03
    d.line((cx + W * 0.02, neck, tx, ty), fill=(120, 90, 60), width=5)
    d.polygon(rect_pts(tx + W * 0.05, ty + H * 0.03, W * 0.13, H * 0.06, 0.2), fill=(250, 246, 236))
    d.text((tx + W * 0.05, ty + H * 0.03), p.get("tag", "untukmu"), font=font(int(W * 0.022)), fill=(150, 60, 70),
           anchor="mm")
    return img


# --------------------------------------------------------------------------
# scenes: the groups' production houses
# --------------------------------------------------------------------------

def palm(d, x, ground, height, lean, rng, scale=1.0):
    top = (x + lean, ground - height)
    trunk = bezier((x, ground), (x + lean * 0.2, ground - height * 0.5), top, 30)
    for i in range(len(trunk) - 1):
        w = int(scale * (46 - 18 * i / len(trunk)))
        d.line((trunk[i], trunk[i + 1]), fill=(120, 100, 80), width=w)
        if i % 2 == 0:
            px, py = trunk[i]
            d.line((px - w / 2, py, px + w / 2, py), fill=(96, 78, 62), width=4)
    for k in range(11):
        a = -math.pi / 2 + (k - 5) * 0.32 + rng.uniform(-0.08, 0.08)
        L = height * rng.uniform(0.3, 0.42)
        end = (top[0] + L * math.cos(a) * 1.1, top[1] + L * math.sin(a) * 0.5 + L * 0.55)
        ctrl = (top[0] + L * 0.6 * math.cos(a), top[1] + L * 0.8 * math.sin(a) - L * 0.1)
        frond = bezier(top, ctrl, end, 20)
        green = jitter((60, 110, 50), rng, 12)
        d.line(frond, fill=shade(green, 0.8), width=max(1, int(8 * scale)))
        for i in range(2, len(frond) - 1):
            fx, fy = frond[i]
            dx, dy = frond[i + 1][0] - frond[i - 1][0], frond[i + 1][1] - frond[i - 1][1]
            n = math.hypot(dx, dy) or 1
            nx, ny = -dy / n, dx / n
            ll = L * 0.2 * (1 - i / len(frond) * 0.7)
            for sgn in (-1, 1):
                d.line((fx, fy, fx + sgn * nx * ll + dx / n * ll * 0.4, fy + sgn * ny * ll + ll * 0.5),
                       fill=green, width=max(1, int(7 * scale)))
    for k in range(4):
        cx, cy = top[0] + rng.uniform(-30, 30) * scale, top[1] + rng.uniform(10, 50) * scale
        r = 22 * scale
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(150, 120, 50))


def banana(d, x, ground, h, rng):
    d.polygon([(x - 22, ground), (x + 22, ground), (x + 14, ground - h * 0.55), (x - 14, ground - h * 0.55)],
              fill=(110, 130, 70))
    for k in range(7):
        a = -math.pi / 2 + (k - 3) * 0.45 + rng.uniform(-0.1, 0.1)
        L = h * rng.uniform(0.45, 0.6)
        sx, sy = x, ground - h * 0.55
        cxl, cyl = sx + L * 0.5 * math.cos(a), sy + L * 0.5 * math.sin(a) + L * 0.1
        c = jitter((96, 160, 70), rng, 15)
        d.polygon(ellipse_pts(cxl, cyl, L * 0.5, L * 0.13, a + 0.15 * (1 if math.cos(a) > 0 else -1), 30), fill=c)
        d.line((sx, sy, sx + L * math.cos(a), sy + L * math.sin(a) + L * 0.15), fill=tint(c, 0.3), width=5)


def bush(d, x, y, r, rng, base=(70, 120, 60)):
    for _ in range(14):
        px, py, rr = x + rng.uniform(-r, r), y + rng.uniform(-r * 0.5, r * 0.2), r * rng.uniform(0.35, 0.6)
        d.ellipse((px - rr, py - rr, px + rr, py + rr), fill=jitter(base, rng, 12))
    for _ in range(8):
        px, py, rr = x + rng.uniform(-r * 0.8, r * 0.6), y + rng.uniform(-r * 0.6, -r * 0.1), r * rng.uniform(0.15, 0.3)
        d.ellipse((px - rr, py - rr, px + rr, py + rr), fill=tint(base, 0.2))


def scene_village(size, rng, p):
    W, H = size
    horizon = int(H * 0.56)
    sky_top, sky_bot = p.get("sky", ((120, 170, 220), (222, 236, 240)))

    def far(sz):
        w, h = sz
        img = vgrad(sz, sky_top, sky_bot)
        d = ImageDraw.Draw(img, "RGBA")
        sx, sy = w * p.get("sun_x", 0.8), h * 0.16
        for k in range(6, 0, -1):
            r = w * 0.02 * k
            d.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(255, 250, 225, 40))
        for _ in range(6):  # clouds
            cx, cy = rng.uniform(0, w), rng.uniform(h * 0.05, h * 0.3)
            for _ in range(7):
                r = rng.uniform(w * 0.02, w * 0.045)
                x, y = cx + rng.uniform(-w * 0.05, w * 0.05), cy + rng.uniform(-h * 0.015, h * 0.015)
                d.ellipse((x - r * 1.6, y - r, x + r * 1.6, y + r), fill=(255, 255, 255, 150))
        hy = h * 0.56
        for layer, (col, amp, base_y) in enumerate(((p.get("mountain", (150, 178, 196)), 0.16, 0.42),
                                                    ((116, 156, 120), 0.06, 0.5))):
            pts = [(0, h)]
            y = h * base_y
            peak = rng.uniform(0.2, 0.8)
            for i in range(0, w + 10, 4):
                t = i / w
                y_peak = h * (base_y - amp * math.exp(-((t - peak) / 0.18) ** 2))
                y = y_peak + h * 0.01 * math.sin(i * 0.09 + layer) + rng.uniform(-1, 1)
                pts.append((i, y))
            pts.append((w, h))
            d.polygon(pts, fill=col)
        # rice fields on the plain
        for k in range(10):
            y0 = hy - h * 0.06 + k * h * 0.012
            d.rectangle((0, y0, w, y0 + h * 0.012), fill=jitter((120, 170, 70), rng, 14))
        for _ in range(10):
            palm(d, rng.uniform(0, w), hy - h * 0.02, h * rng.uniform(0.1, 0.16), rng.uniform(-10, 10), rng, 0.12)
        return img

    img = low_res_layer(size, 4, far)
    d = ImageDraw.Draw(img, "RGBA")
    # front yard
    yard = vgrad((W, H - horizon), (126, 160, 80), (96, 130, 60))
    img.paste(yard, (0, horizon))
    for _ in range(1500):
        x, y = rng.uniform(0, W), rng.uniform(horizon, H)
        ln = 10 + (y - horizon) / (H - horizon) * 40
        d.line((x, y, x + rng.uniform(-6, 6), y - ln), fill=alpha(jitter((80, 130, 50), rng, 20), 160), width=4)
    # background palms behind the house
    for i in range(p.get("palms", 4)):
        x = rng.uniform(W * 0.05, W * 0.95)
        palm(d, x, horizon + 20, H * rng.uniform(0.45, 0.6), rng.uniform(-120, 120), rng, 0.9)

    # the house
    hx0 = W * p.get("house_x", 0.3)
    hw = W * 0.5
    hx1 = hx0 + hw
    wall_top, wall_bot = H * 0.44, H * 0.76
    wall = p.get("wall", (240, 234, 220))
    roof = p.get("roof", (170, 80, 50))
    soft_ellipse(img, (hx0 - W * 0.05, wall_bot - H * 0.02, hx1 + W * 0.08, wall_bot + H * 0.05), blur=40, strength=110)
    d.rectangle((hx0 - W * 0.03, wall_bot - H * 0.005, hx1 + W * 0.03, wall_bot + H * 0.03), fill=(176, 170, 160))
    d.rectangle((hx0, wall_top, hx1, wall_bot), fill=wall)
    d.rectangle((hx0, wall_bot - H * 0.05, hx1, wall_bot), fill=shade(wall, 0.82))  # plinth
    # roof (limasan)
    rt = H * 0.22
    roof_poly = [(hx0 - W * 0.05, wall_top + H * 0.02), (hx1 + W * 0.05, wall_top + H * 0.02),
                 (hx1 - W * 0.1, rt), (hx0 + W * 0.1, rt)]
    d.polygon(roof_poly, fill=roof)
    n_rows = 14
    for k in range(1, n_rows):
        t = k / n_rows
        y = rt + (wall_top + H * 0.02 - rt) * t
        xl = hx0 + W * 0.1 - (W * 0.15) * t
        xr = hx1 - W * 0.1 + (W * 0.15) * t
        d.line((xl, y, xr, y), fill=shade(roof, 0.7), width=6)
        off = (k % 2) * 30
        for x in range(int(xl) + off, int(xr), 60):
            d.line((x, y, x, y - (wall_top - rt) / n_rows * 0.8), fill=alpha(shade(roof, 0.78), 160), width=4)
    d.line((hx0 + W * 0.1, rt, hx1 - W * 0.1, rt), fill=shade(roof, 0.55), width=22)
    d.rectangle((hx0 - W * 0.05, wall_top + H * 0.02, hx1 + W * 0.05, wall_top + H * 0.035),
                fill=shade(roof, 0.5))
    d.rectangle((hx0, wall_top + H * 0.035, hx1, wall_top + H * 0.06), fill=(0, 0, 0, 45))  # eave shadow
    # door and windows
    dc = p.get("wood", (120, 80, 50))
    dx = hx0 + hw * 0.5
    d.rectangle((dx - hw * 0.08, wall_top + H * 0.09, dx + hw * 0.08, wall_bot), fill=shade(dc, 0.7))
    for sgn in (-1, 1):
        x0 = dx + (0 if sgn > 0 else -hw * 0.075)
        d.rectangle((x0, wall_top + H * 0.1, x0 + hw * 0.072, wall_bot - 4), fill=dc)
        for k in range(3):
            y0 = wall_top + H * (0.12 + 0.065 * k)
            d.rectangle((x0 + hw * 0.012, y0, x0 + hw * 0.06, y0 + H * 0.05), outline=shade(dc, 0.75), width=6)
    for wx in (hx0 + hw * 0.17, hx0 + hw * 0.83):
        ww, wh = hw * 0.16, H * 0.15
        wy = wall_top + H * 0.1
        d.rectangle((wx - ww / 2 - 16, wy - 16, wx + ww / 2 + 16, wy + wh + 16), fill=dc)
        glass = vgrad((int(ww), int(wh)), (60, 80, 100), (120, 150, 170))
        img.paste(glass, (int(wx - ww / 2), int(wy)))
        d.line((wx, wy, wx, wy + wh), fill=dc, width=12)
        d.line((wx - ww / 2, wy + wh * 0.45, wx + ww / 2, wy + wh * 0.45), fill=dc, width=12)
        d.polygon([(wx - ww * 0.4, wy + wh), (wx - ww * 0.1, wy), (wx, wy), (wx - ww * 0.3, wy + wh)],
                  fill=(255, 255, 255, 40))
        for y in range(int(wy - H * 0.045), int(wy - 20), 16):  # vent above
            d.line((wx - ww / 2, y, wx + ww / 2, y), fill=shade(dc, 0.7), width=6)
        # flower box
        d.rectangle((wx - ww / 2 - 20, wy + wh + 16, wx + ww / 2 + 20, wy + wh + 60), fill=(170, 100, 70))
        for _ in range(14):
            fx, fy = rng.uniform(wx - ww / 2, wx + ww / 2), wy + wh + rng.uniform(0, 16)
            d.ellipse((fx - 16, fy - 16, fx + 16, fy + 16), fill=jitter((70, 130, 60), rng, 15))
            if rng.random() < 0.5:
                d.ellipse((fx - 9, fy - 9, fx + 9, fy + 9), fill=rng.choice([(220, 60, 80), (250, 200, 60), (250, 250, 250)]))
    # porch posts
    for k in range(4):
        px = hx0 + hw * (0.04 + 0.92 * k / 3)
        d.rectangle((px - 14, wall_top + H * 0.035, px + 14, wall_bot), fill=shade(dc, 0.9))
    # a bench with product crates on the porch
    bx = hx0 + hw * (0.3 if p.get("bench_left", True) else 0.62)
    d.rectangle((bx - hw * 0.1, wall_bot - H * 0.07, bx + hw * 0.1, wall_bot - H * 0.06), fill=dc)
    for sgn in (-1, 1):
        d.rectangle((bx + sgn * hw * 0.085 - 8, wall_bot - H * 0.06, bx + sgn * hw * 0.085 + 8, wall_bot), fill=dc)
    for k in range(4):
        c = p.get("crates", [(214, 60, 56), (240, 180, 40), (60, 140, 90), (90, 110, 190)])[k % 4]
        cx = bx - hw * 0.075 + k * hw * 0.05
        d.rectangle((cx - hw * 0.02, wall_bot - H * 0.12, cx + hw * 0.02, wall_bot - H * 0.07), fill=c)
        d.rectangle((cx - hw * 0.014, wall_bot - H * 0.105, cx + hw * 0.014, wall_bot - H * 0.085), fill=(250, 246, 236))
    # garden: bananas, bushes, a path, a fence
    d.polygon([(dx - hw * 0.07, wall_bot + H * 0.03), (dx + hw * 0.07, wall_bot + H * 0.03), (dx + hw * 0.3, H),
               (dx - hw * 0.25, H)], fill=(196, 170, 130))
    for _ in range(200):
        t = rng.random()
        y = wall_bot + H * 0.03 + t * (H - wall_bot)
        x = dx + rng.uniform(-hw * (0.07 + 0.2 * t), hw * (0.07 + 0.22 * t))
        r = 6 + 14 * t
        d.ellipse((x - r, y - r * 0.6, x + r, y + r * 0.6), fill=(170, 150, 120, 200))
    for bx_ in p.get("bananas", (0.08, 0.92)):
        banana(d, W * bx_, H * 0.85, H * 0.42, rng)
    for _ in range(5):
        bush(d, rng.uniform(0, W), rng.uniform(H * 0.8, H * 0.95), W * rng.uniform(0.04, 0.07), rng)
    if p.get("fence", True):
        fy = H * 0.9
        for x in range(0, int(W * 0.35), 60):
            d.rectangle((x, fy - H * 0.09, x + 26, fy), fill=(190, 160, 110))
            d.polygon([(x, fy - H * 0.09), (x + 13, fy - H * 0.1), (x + 26, fy - H * 0.09)], fill=(190, 160, 110))
        d.rectangle((0, fy - H * 0.07, W * 0.35, fy - H * 0.06), fill=(160, 130, 90))
        d.rectangle((0, fy - H * 0.03, W * 0.35, fy - H * 0.02), fill=(160, 130, 90))
    # signboard
    sx = hx0 - W * 0.12 if hx0 > W * 0.2 else hx1 + W * 0.12
    sw, sh = W * 0.2, H * 0.12
    sy = H * 0.62
    for sgn in (-1, 1):
        d.rectangle((sx + sgn * sw * 0.35 - 12, sy, sx + sgn * sw * 0.35 + 12, H * 0.82), fill=(110, 80, 50))
    d.rectangle((sx - sw / 2 - 10, sy - sh / 2 - 10, sx + sw / 2 + 10, sy + sh / 2 + 10), fill=(110, 80, 50))
    d.rectangle((sx - sw / 2, sy - sh / 2, sx + sw / 2, sy + sh / 2), fill=p.get("sign", (246, 240, 220)))
    d.text((sx, sy - sh * 0.22), "RUMAH PRODUKSI", font=fit_font("RUMAH PRODUKSI", sw * 0.85, int(sh * 0.25)),
           fill=(80, 50, 30), anchor="mm")
    d.text((sx, sy + sh * 0.12), p["sign_text"], font=fit_font(p["sign_text"], sw * 0.88, int(sh * 0.2)),
           fill=(130, 60, 40), anchor="mm")
    d.text((sx, sy + sh * 0.36), "(contoh)", font=font(int(sh * 0.13)), fill=(130, 110, 90), anchor="mm")
    return img


# --------------------------------------------------------------------------
# the photo list
# --------------------------------------------------------------------------

@dataclass
class Photo:
    path: str                 # relative to content/
    size: tuple[int, int]     # upright width, height
    scene: Callable
    params: dict
    label: str
    orientation: int = 1
    gps: tuple[float, float] | None = None
    taken: str | None = None  # "YYYY:MM:DD HH:MM:SS" -> Make/Model/DateTimeOriginal are written
    grain: int = 3


P = "products/"
G = "groups/"

PHOTOS: list[Photo] = [
    # ---- KUB Sidomulyo: sagon
    Photo(P + "sagon-kelapa/sagon-kelapa.jpg", PORT, scene_pouch, dict(
        color=(236, 230, 214), label_color=(46, 120, 80), title="Sagon Kelapa", sub="Sidomulyo - contoh",
        contents="sagon", item_s=150, material="clear", scatter=("sagon", 190, 5)),
        "Sagon Kelapa", orientation=6, gps=(-7.7713, 109.6544), taken="2026:01:10 09:12:31"),
    Photo(P + "sagon-kelapa/sagon-kelapa-isi.jpg", LAND, scene_plate, dict(
        contents="sagon", item_s=190, coconut=True), "Sagon Kelapa"),
    Photo(P + "sagon-tiwul/sagon-tiwul.jpg", LAND, scene_jars, dict(
        contents="sagon_tiwul", item_s=130, title="Sagon Tiwul", jars=[dict(lid=(120, 70, 40))],
        table_color=(60, 110, 80)), "Sagon Tiwul"),
    # ---- Karangrejo: abon kelapa, stick bawang, stick kelor
    Photo(P + "abon-kelapa-krispi/abon-kelapa-krispi.jpg", PORT, scene_pouch, dict(
        color=(226, 132, 40), label_color=(120, 60, 20), title="Abon Kelapa Krispi", sub="original - contoh",
        contents="flake", item_s=60, scatter=("flake", 60, 120)), "Abon Kelapa Krispi"),
    Photo(P + "abon-kelapa-krispi/abon-kelapa-pedas.jpg", PORT, scene_pouch, dict(
        color=(190, 36, 32), label_color=(250, 236, 200), title="Abon Kelapa Pedas", sub="pedas - contoh",
        contents="flake_red", item_s=60, text_color=(150, 30, 20), chili=True,
        wall=((246, 234, 214), (224, 206, 180))), "Abon Kelapa Krispi Pedas"),
    Photo(P + "abon-kelapa-krispi/abon-kelapa-mangkuk.jpg", LAND, scene_plate, dict(
        contents="bowl", spoon=True, plate=False, wall=((236, 226, 206), (214, 196, 170))), "Abon Kelapa Krispi",
        orientation=8, taken="2026:01:14 15:40:02"),
    Photo(P + "stick-bawang/stick-bawang.jpg", PORT, scene_pouch, dict(
        color=(246, 196, 50), label_color=(170, 40, 30), title="Stick Bawang", sub="gurih renyah - contoh",
        contents="stick", item_s=110, scatter=("stick", 130, 14), table="cloth", table_color=(60, 120, 160)),
        "Stick Bawang"),
    Photo(P + "stick-bawang/stick-bawang-toples.jpg", LAND, scene_jars, dict(
        contents="stick", item_s=120, step=0.8, title="Stick Bawang", jars=[dict(lid=(200, 40, 40)),
                                                                          dict(lid=(240, 190, 40))]),
        "Stick Bawang"),
    Photo(P + "stick-kelor/stick-kelor.jpg", PORT, scene_pouch, dict(
        color=(196, 168, 120), label_color=(60, 110, 50), title="Stick Kelor", sub="daun kelor - contoh",
        contents="stick_kelor", item_s=110, material="kraft", moringa=True,
        wall=((232, 236, 222), (204, 214, 194))), "Stick Kelor"),
    # ---- Tanjungsari: keripik pare, rengginang ketela
    Photo(P + "keripik-pare/keripik-pare.jpg", PORT, scene_pouch, dict(
        color=(40, 96, 56), label_color=(240, 232, 200), title="Keripik Pare", sub="pahitnya pas - contoh",
        contents="pare", item_s=150, text_color=(40, 90, 50), scatter=("pare", 170, 8)), "Keripik Pare"),
    Photo(P + "rengginang-ketela/rengginang-ketela.jpg", LAND, scene_tampah, dict(
        contents="rengginang", item_s=330), "Rengginang Ketela"),
    Photo(P + "rengginang-ketela/rengginang-ketela-kemasan.jpg", PORT, scene_pouch, dict(
        color=(240, 236, 226), label_color=(200, 90, 40), title="Rengginang Ketela", sub="siap goreng - contoh",
        contents="rengginang", item_s=260, material="clear"), "Rengginang Ketela"),
    # ---- Wonoharjo: tiwul instan, manggleng
    Photo(P + "tiwul-instan/tiwul-instan.jpg", PORT, scene_pouch, dict(
        color=(184, 146, 100), label_color=(250, 244, 228), title="Tiwul Instan", sub="tinggal kukus - contoh",
        contents="granule", item_s=34, material="kraft", text_color=(110, 70, 40),
        table="cloth", table_color=(150, 60, 50)), "Tiwul Instan"),
    Photo(P + "tiwul-instan/tiwul-instan-sajian.jpg", LAND, scene_plate, dict(
        contents="tiwul", leaf=True), "Tiwul Instan", gps=(-7.6182, 109.5627), taken="2026:01:18 07:05:44"),
    Photo(P + "manggleng/manggleng.jpg", LAND, scene_jars, dict(
        contents="manggleng", item_s=150, title="Manggleng", jars=[dict(lid=(40, 120, 80))],
        table_color=(200, 150, 60)), "Manggleng"),
    # ---- Banjarsari: kue kering
    Photo(P + "nastar/nastar.jpg", LAND, scene_jars, dict(
        contents="nastar", item_s=120, title="Nastar", jars=[dict(lid=(190, 30, 40)), dict(lid=(220, 170, 50))],
        table_color=(170, 40, 50)), "Nastar", gps=(-7.6469, 109.6582), taken="2026:02:02 10:21:09"),
    Photo(P + "nastar/nastar-dekat.jpg", LAND, scene_cups, {}, "Nastar"),
    Photo(P + "kastengel/kastengel.jpg", LAND, scene_jars, dict(
        contents="kastengel", item_s=110, title="Kastengel", jars=[dict(lid=(30, 60, 120))],
        table_color=(230, 200, 90)), "Kastengel"),
    Photo(P + "putri-salju/putri-salju.jpg", LAND, scene_jars, dict(
        contents="putri_salju", item_s=120, title="Putri Salju", jars=[dict(lid=(140, 180, 210))], sugar=True,
        table_color=(150, 120, 180), wall=((236, 236, 242), (210, 210, 222))), "Putri Salju"),
    # ---- Pandansari: anyaman pandan
    Photo(P + "tikar-pandan/tikar-pandan.jpg", LAND, scene_mat, dict(
        colors=[PANDAN, (170, 40, 60), (60, 110, 70)], motif="diamond"), "Tikar Pandan",
        orientation=3, taken="2026:01:22 11:02:57"),
    Photo(P + "tikar-pandan/tikar-pandan-gulung.jpg", LAND, scene_roll, dict(
        colors=[PANDAN, (120, 50, 110), (60, 110, 70)]), "Tikar Pandan"),
    Photo(P + "tas-anyaman-pandan/tas-pandan.jpg", PORT, scene_tote, dict(
        colors=[PANDAN, (40, 100, 130), (190, 70, 50)], motif="diamond"), "Tas Anyaman Pandan"),
    Photo(P + "dompet-pandan/dompet-pandan.jpg", LAND, scene_clutch, dict(
        variants=[[PANDAN, (170, 50, 60), (230, 180, 60)], [PANDAN, (50, 110, 90), (120, 60, 110)]]),
        "Dompet Pandan"),
    # ---- Sumberadi: rajutan
    Photo(P + "tas-rajut/tas-rajut.jpg", PORT, scene_knit_bag, dict(
        color=(214, 150, 140), stripes=[(214, 150, 140), (214, 150, 140), (246, 238, 222)]), "Tas Rajut",
        orientation=6, gps=(-7.6321, 109.5853), taken="2026:01:27 16:48:20"),
    Photo(P + "tas-rajut/tas-rajut-warna.jpg", LAND, scene_knit_bags, dict(
        bags=[((230, 190, 80), None), ((150, 180, 150), [(150, 180, 150), (246, 238, 222)]),
              ((120, 140, 190), None)]), "Tas Rajut"),
    Photo(P + "topi-rajut/topi-rajut.jpg", LAND, scene_beanies, dict(
        hats=[((190, 70, 70), (170, 60, 60), (250, 246, 236)), ((90, 120, 150), (80, 106, 134), (230, 200, 110))]),
        "Topi Rajut"),
    # ---- Kaliputih: bucket
    Photo(P + "bucket-snack/bucket-snack.jpg", PORT, scene_bucket, dict(
        contents="snack", paper=((250, 246, 236), (214, 60, 90)), ribbon=(240, 190, 40)), "Bucket Snack"),
    Photo(P + "bucket-bunga-flanel/bucket-bunga.jpg", PORT, scene_bucket, dict(
        contents="flowers", paper=((240, 220, 190), (170, 120, 80)), ribbon=(200, 40, 70), tag="selamat!",
        wall=((236, 238, 246), (210, 214, 228))), "Bucket Bunga Flanel", orientation=8,
        taken="2026:02:10 13:15:36"),
    Photo(P + "bucket-kue-kering/bucket-kue-kering.jpg", PORT, scene_bucket, dict(
        contents="jars", paper=((246, 240, 226), (40, 110, 90)), ribbon=(230, 190, 60), tag="Lebaran",
        wall=((240, 236, 222), (218, 210, 190))), "Bucket Kue Kering"),
    # ---- Tambaksari: lanting, kue kacang
    Photo(P + "lanting-bawang/lanting-bawang.jpg", PORT, scene_pouch, dict(
        color=(40, 80, 150), label_color=(246, 200, 60), title="Lanting Bawang", sub="khas Kebumen - contoh",
        contents="lanting", item_s=130, text_color=(40, 60, 120), scatter=("lanting", 150, 10)), "Lanting Bawang"),
    Photo(P + "kue-kacang/kue-kacang.jpg", LAND, scene_jars, dict(
        contents="kue_kacang", item_s=120, title="Kue Kacang", jars=[dict(lid=(200, 150, 40))], peanuts=True,
        table_color=(90, 140, 120)), "Kue Kacang"),
]

GROUP_SCENES = [
    # slug, sign text, params, orientation, gps, taken
    ("kub-sidomulyo", "KUB Sidomulyo", dict(wall=(244, 238, 222), roof=(170, 80, 50), house_x=0.36), 6,
     (-7.7748, 109.6521), "2026:01:09 08:30:12"),
    ("sekar-arum-karangrejo", "Sekar Arum Karangrejo", dict(wall=(214, 232, 214), roof=(150, 70, 50), house_x=0.4,
                                                           sky=((150, 180, 220), (250, 226, 200)), sun_x=0.2), 1,
     (-7.7492, 109.6018), "2026:01:12 16:55:03"),
    ("srikandi-tanjungsari", "Srikandi Tanjungsari", dict(wall=(246, 230, 206), roof=(120, 70, 60), house_x=0.38,
                                                         bananas=(0.9,)), 1, None, None),
    ("tunas-harapan-wonoharjo", "Tunas Harapan Wonoharjo", dict(wall=(230, 224, 240), roof=(160, 90, 60), house_x=0.4,
                                                               mountain=(130, 160, 170), palms=6), 1, None, None),
    ("dapur-kenanga-banjarsari", "Dapur Kenanga Banjarsari", dict(wall=(250, 246, 236), roof=(180, 90, 60),
                                                                 house_x=0.35, bench_left=False), 1, None, None),
    ("mekar-pandan-pandansari", "Mekar Pandan Pandansari", dict(wall=(236, 214, 180), roof=(140, 80, 55), house_x=0.42,
                                                               sky=((110, 160, 210), (230, 240, 236))), 1,
     (-7.7385, 109.5571), "2026:01:20 10:41:27"),
    ("rajut-kasih-sumberadi", "Rajut Kasih Sumberadi", dict(wall=(240, 220, 222), roof=(160, 70, 60), house_x=0.37,
                                                           sun_x=0.3), 1, None, None),
    ("bucket-ceria-kaliputih", "Bucket Ceria Kaliputih", dict(wall=(220, 234, 240), roof=(150, 80, 60), house_x=0.4,
                                                             fence=False), 1, None, None),
    ("guyub-rukun-tambaksari", "Guyub Rukun Tambaksari", dict(wall=(236, 236, 214), roof=(170, 90, 50), house_x=0.36,
                                                             sky=((140, 176, 214), (246, 232, 210)), sun_x=0.15), 1,
     None, None),
]

for slug, sign, params, orient, gps, taken in GROUP_SCENES:
    params = dict(params, sign_text=sign)
    PHOTOS.append(Photo(G + slug + "/rumah-produksi.jpg", LAND, scene_village, params, "Rumah produksi " + sign,
                        orientation=orient, gps=gps, taken=taken))


# --------------------------------------------------------------------------
# rendering and saving
# --------------------------------------------------------------------------

def render_upright(photo: Photo, scale: float = 1.0) -> Image.Image:
    """Draw one photo upright at `scale` times its phone size; the seed is its path, whatever the scale."""
    if scale != 1.0:
        photo = replace(photo, size=(round(photo.size[0] * scale), round(photo.size[1] * scale)))
    rng = rng_for(photo.path)
    img = photo.scene(photo.size, rng, photo.params)
    assert img.size == photo.size, (photo.path, img.size)
    return finish(img, rng, photo.label, grain=photo.grain)


def draw_example_photos(content: Path, scale: float = NEW_SITE_SCALE) -> int:
    """Write every example photo under `content/`, upright and without EXIF; return how many."""
    for photo in PHOTOS:
        target = content / photo.path
        target.parent.mkdir(parents=True, exist_ok=True)
        render_upright(photo, scale).save(target, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return len(PHOTOS)
