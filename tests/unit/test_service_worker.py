"""The build's stamp on the service worker: at the site root, versioned by content, the offline notice in the site's language."""

from __future__ import annotations

import json
import re

import pytest

from sitegen.build import builtin_theme_dirs
from sitegen.i18n import Strings, load_strings
from sitegen.pipeline import stamp_service_worker

WORKER = b'var VERSION = "__SITEGEN_VERSION__";\nvar NOTICE = "__SITEGEN_OFFLINE_COPY__";\n'


def stamped(files: dict[str, bytes], strings: Strings) -> tuple[str, str]:
    """The version and the notice the worker of `files` was given."""
    worker = stamp_service_worker({**files, "static/sw.js": WORKER}, strings)["sw.js"].decode()
    version = re.search(r'VERSION = "([0-9a-f]{16})"', worker).group(1)
    return version, json.loads(re.search(r"NOTICE = (\".*\");", worker).group(1))


@pytest.mark.parametrize("language, notice", [
    ("id", "Tanpa internet: ini salinan yang tersimpan di HP ini. Harga dan stok mungkin sudah berubah."),
    ("en", "Offline: this is the copy saved on this phone. Prices and stock may have changed."),
])
def test_the_worker_moves_to_the_root_with_the_notice_in_the_sites_language(language, notice):
    strings = load_strings(builtin_theme_dirs(), language)
    assert set(stamp_service_worker({"index.html": b"<p>", "static/sw.js": WORKER}, strings)) == {"index.html", "sw.js"}
    assert stamped({"index.html": b"<p>"}, strings)[1] == notice


def test_the_notice_is_html_text_in_a_javascript_string():
    strings = Strings("id", {"ui.offline_copy": 'Harga "lama" <b>& mungkin</b> berubah'})
    assert stamped({}, strings)[1] == "Harga &quot;lama&quot; &lt;b&gt;&amp; mungkin&lt;/b&gt; berubah"


def test_any_changed_file_gives_a_new_version():
    strings = load_strings(builtin_theme_dirs(), "id")
    before = stamped({"index.html": b"Rp15.000", "static/app.js": b"a"}, strings)[0]
    assert stamped({"index.html": b"Rp15.000", "static/app.js": b"a"}, strings)[0] == before
    assert stamped({"index.html": b"Rp17.500", "static/app.js": b"a"}, strings)[0] != before
    assert stamped({"index.html": b"Rp15.000", "static/app.js": b"b"}, strings)[0] != before


def test_a_theme_without_a_worker_publishes_none():
    assert stamp_service_worker({"index.html": b"<p>"}, load_strings(builtin_theme_dirs(), "id")) == {"index.html": b"<p>"}
