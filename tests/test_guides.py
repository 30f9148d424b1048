"""The volunteer guides: built around the admin in both languages, every screenshot present."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO

GUIDES = ("docs/panduan-relawan.md", "docs/volunteer-guide.md")


@pytest.mark.parametrize("guide", GUIDES)
def test_guides_show_the_admin_with_screenshots_that_exist(guide):
    text = (REPO / guide).read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)" width="\d+" alt="[^"]{10,}">', text)
    assert len(images) >= 8
    assert all((REPO / "docs" / image).is_file() for image in images), images
    assert "/admin/" in text and "Fine-grained tokens" in text and "sveltia-cms-auth" in text
    assert "Contents" in text and "Only select repositories" in text  # the token is limited to one repository


def test_both_guides_show_the_same_screens():
    found = [re.findall(r'<img src="([^"]+)"', (REPO / guide).read_text(encoding="utf-8")) for guide in GUIDES]
    assert found[0] == found[1]
