"""The same synthetic catalogue as a Hugo site, for build_speed.py's `--hugo` reference (not a test).

Issue 11 compares sitegen with Hugo 0.111 extended (Debian's `hugo` package is that release) on the
same photos. `make_hugo_site` turns a benchmark catalogue into a Hugo project beside it: every
product and group becomes a page bundle whose front matter is the sitegen file's own (plus the
`title` Hugo needs) and whose photos are hard links to the very same files. Its templates make
what sitegen's default settings make of each photo, with Hugo's default image settings (quality
75, box filter): WebP at 360, 720 and 1080 px wide for a srcset and a 640 px JPEG fallback, on the
photo's page; the listings (home page, products, groups) show each product's first photo through
the 360 px WebP, which Hugo has then already made. Hugo keeps processed images in
`resources/_gen`, as sitegen keeps them in `.sitegen-cache`, so a cold build deletes both that and
`public/`, and the rebuilds are timed with the cache in place.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

HUGO_CONFIG = """baseURL = "https://example.org/katalog/"
languageCode = "id"
title = "Katalog Benchmark"
disableKinds = ["taxonomy", "term"]
"""

SINGLE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>
{{ range .Resources.ByType "image" }}
{{ $small := .Resize "360x webp" }}{{ $medium := .Resize "720x webp" }}{{ $large := .Resize "1080x webp" }}
{{ $fallback := .Resize "640x jpg" }}
<picture><source type="image/webp" srcset="{{ $small.RelPermalink }} 360w, {{ $medium.RelPermalink }} 720w, {{ $large.RelPermalink }} 1080w" sizes="(max-width: 700px) 100vw, 700px">
<img src="{{ $fallback.RelPermalink }}" width="{{ $fallback.Width }}" height="{{ $fallback.Height }}" alt="{{ $.Title }}"></picture>
{{ end }}
{{ .Content }}
</main></body></html>
"""

LIST = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>
{{ range (cond .IsHome site.RegularPages .Pages) }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with index (.Resources.ByType "image") 0 }}{{ $small := .Resize "360x webp" }}<img src="{{ $small.RelPermalink }}" width="{{ $small.Width }}" height="{{ $small.Height }}" alt="">{{ end }}</li>
{{ end }}
</ul></main></body></html>
"""

SECTIONS = {"products": "produk", "groups": "kelompok"}  # sitegen's content folders → Hugo sections


def make_hugo_site(project: Path, site: Path) -> None:
    """Write (or refresh) the Hugo twin of the sitegen catalogue in `project`; photos are hard-linked."""
    (site / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(LIST, encoding="utf-8")
    for kind, section in SECTIONS.items():
        for bundle in sorted((project / "content" / kind).iterdir()):
            target = site / "content" / section / bundle.name
            target.mkdir(parents=True, exist_ok=True)
            for photo in bundle.glob("*.jpg"):
                if not (target / photo.name).exists():
                    os.link(photo, target / photo.name)
            write_page(bundle / "index.md", target / "index.md")


def write_page(source: Path, target: Path) -> None:
    """The sitegen document as a Hugo page: the same front matter and body, with a `title`."""
    text = source.read_text(encoding="utf-8")
    name = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("name:"))
    target.write_text(text.replace("---\n", f"---\ntitle: \"{name}\"\n", 1), encoding="utf-8")


def clean(site: Path) -> None:
    """What a cold Hugo build starts without: the published site and the processed images."""
    for folder in ("public", "resources"):
        shutil.rmtree(site / folder, ignore_errors=True)
