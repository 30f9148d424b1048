"""The quick forms of what reading content asks again and again give what the plain forms give."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from sitegen import content, schema
from sitegen.sourcefile import LineDict
from tests.conftest import jpeg_bytes

NAMES = ["a.jpg", ".jpg", "..jpg", "a.", "a.b.JPG", "noext", ".hidden.png", "x.tar.gz", "é.webp", "a..png", "."]


@pytest.mark.parametrize("name", NAMES)
def test_suffix_is_that_of_a_path(name):
    assert content._suffix(name) == PurePosixPath(name).suffix == PureWindowsPath(name).suffix


@pytest.mark.parametrize("value", [None, "", [], {}, 0, False, " ", "0", [None], {"a": 1}, (), set(), 0.0,
                                   LineDict(), type("Text", (str,), {})("")])
def test_is_empty_is_a_value_of_exactly_an_empty_type(value):
    """A parsed `{}` is a LineDict (a mapping that keeps its lines), and empty like `{}` itself."""
    kinds = {type(empty) for empty in schema.EMPTY_VALUES} | {LineDict}
    slow = any(value == empty and type(value) in kinds for empty in schema.EMPTY_VALUES)
    assert schema.is_empty(value) is slow
    assert schema.is_empty(LineDict()) and not schema.is_empty(LineDict(a=1))


def test_photos_of_a_bundle_without_a_list_come_in_path_order(make_site):
    """Without `photos:`, a bundle's images are its files in the order of their paths, as before."""
    names = ["b.jpg", "A.jpg", "a.png", "Z.webp", "_x.jpg", "10.jpg", "9.jpg", "é.jpg", "e.JPG"]
    files = {f"content/products/keripik/{name}": jpeg_bytes((600, 450)) for name in names}
    files["content/products/keripik/index.md"] = "---\nname: Keripik\ngroup: sido\nprice: 15000\n---\nRenyah.\n"
    files["content/products/keripik/catatan.txt"] = "bukan foto"
    project = make_site(files)
    (project / "content/products/keripik/folder.jpg").mkdir()  # a folder is no photo: an error, as before
    from sitegen.build import _settings
    from sitegen.errors import SiteErrors

    config = _settings(project, None, "", None)[0]
    with pytest.raises(SiteErrors) as raised:
        content.load_catalogue(project, config)
    assert [e.args["value"] for e in raised.value.errors] == ["folder.jpg"]
    (project / "content/products/keripik/folder.jpg").rmdir()
    catalogue = content.load_catalogue(project, config)
    folder = project / "content/products/keripik"
    expected = [p.name for p in sorted(Path(folder).iterdir()) if p.suffix.lower() in content.IMAGE_SUFFIXES]
    assert [photo.name for photo in catalogue.products[0].photos] == expected


@pytest.mark.parametrize("path", ["content/products/keripik/index.md", "content/products/sagon.md"])
def test_a_relative_path_is_that_of_relative_to(tmp_path, path):
    project = tmp_path / "site"
    assert content._relative(project / path, project) == path
    assert content._relative(Path("/elsewhere") / path, Path("/")) == f"elsewhere/{path}"
    with pytest.raises(ValueError):
        content._relative(tmp_path / "other" / path, project)
