"""The `images:` section of site.yaml: defaults, AVIF by configuration, located mistakes."""

from __future__ import annotations

import pytest
from PIL import features

from sitegen.config import ImageConfig, parse_config
from sitegen.errors import SiteErrors
from sitegen.sourcefile import read_source

BASE = "title: T\nbase_url: https://example.org/\n"


def config_from(tmp_path, text: str):
    (tmp_path / "site.yaml").write_text(BASE + text, encoding="utf-8")
    return parse_config(read_source(tmp_path / "site.yaml", "site.yaml"))


def test_defaults_are_sensible_for_phones():
    config = ImageConfig()
    assert (config.widths, config.fallback_width, config.quality, config.avif) == ((360, 720, 1080), 640, 66, False)


@pytest.mark.skipif(not features.check("avif"), reason="this Pillow cannot write AVIF")
def test_avif_and_its_quality_by_configuration(tmp_path):
    images = config_from(tmp_path, "images:\n  avif: true\n  avif_quality: 40\n  quality: 70\n").images
    assert (images.avif, images.avif_quality, images.quality) == (True, 40, 70)


@pytest.mark.parametrize("text, key, line", [
    ("images:\n  avif: ja\n", "avif_invalid", 4),
    ("images:\n  avif_quality: 0\n", "quality_invalid", 4),
    ("images:\n  qualty: 70\n", "unknown_key", 4),
])
def test_mistakes_name_their_line(tmp_path, text, key, line):
    with pytest.raises(SiteErrors) as raised:
        config_from(tmp_path, text)
    [error] = raised.value.errors
    assert (error.key, error.ref.line) == (key, line)
