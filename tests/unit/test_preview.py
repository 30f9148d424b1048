"""The preview's WSGI side, driven directly: files, redirects, the error overlay, the error page."""

from __future__ import annotations

import json
import re

import pytest

from sitegen import serve
from sitegen.build import builtin_theme_dirs
from sitegen.i18n import load_strings
from sitegen.serve import OVERLAY_ID, Preview, add_overlay
from tests.conftest import BASIC_SITE

PRODUCT = "content/products/keripik/index.md"


def get(preview: Preview, path: str) -> tuple[str, dict[str, str], str]:
    """One GET through the WSGI interface: status, headers, body text."""
    response: dict = {}

    def start_response(status, headers):
        response.update(status=status, headers=dict(headers))

    body = b"".join(preview({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, start_response))
    return response["status"], response["headers"], body.decode("utf-8")


def make_preview(project, tmp_path) -> Preview:
    return Preview(project, tmp_path / "preview", "http://127.0.0.1:8000/", tmp_path / "cache")


def break_price(project) -> None:
    path = project / PRODUCT
    path.write_text(path.read_text(encoding="utf-8").replace("price: 15000", 'price: "15,5"'), encoding="utf-8")


def test_serves_the_built_site(make_site, tmp_path):
    preview = make_preview(make_site({}), tmp_path)
    assert preview.rebuild()
    status, headers, body = get(preview, "/produk/keripik/")
    assert status == "200 OK" and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Renyah." in body and OVERLAY_ID not in body
    assert headers["Cache-Control"] == "no-store"


def test_a_folder_without_its_slash_is_redirected_so_relative_links_work(make_site, tmp_path):
    preview = make_preview(make_site({}), tmp_path)
    preview.rebuild()
    status, headers, _ = get(preview, "/produk/keripik")
    assert status == "302 Found" and headers["Location"] == "/produk/keripik/"


def test_nothing_outside_the_site_is_served(make_site, tmp_path):
    project = make_site({})
    preview = make_preview(project, tmp_path)
    preview.rebuild()
    for path in ("/../site/site.yaml", "/../../etc/passwd", "/nope/", "/a\x00b"):
        status, _, body = get(preview, path)
        assert status == "404 Not Found" and "title:" not in body and "root:" not in body


def test_a_failed_rebuild_keeps_the_last_good_site_under_the_errors(make_site, tmp_path):
    project = make_site({})
    preview = make_preview(project, tmp_path)
    preview.rebuild()
    break_price(project)
    assert not preview.rebuild()
    status, _, body = get(preview, "/produk/keripik/")
    assert status == "200 OK" and "Renyah." in body
    assert f'<section id="{OVERLAY_ID}" role="alert"' in body
    assert "<code style=\"font-weight:bold\">content/products/keripik/index.md:4</code>" in body
    assert "harga &quot;15,5&quot; tidak dikenali" in body and "Cara memperbaiki:</b> tulis 15000" in body
    assert body.index(OVERLAY_ID) < body.index("</body>")
    path = project / PRODUCT
    path.write_text(path.read_text(encoding="utf-8").replace('"15,5"', "15000"), encoding="utf-8")
    assert preview.rebuild()
    assert OVERLAY_ID not in get(preview, "/produk/keripik/")[2]


def test_the_errors_speak_the_site_language(make_site, tmp_path):
    project = make_site({"site.yaml": BASIC_SITE["site.yaml"] + "language: en\n"})
    preview = make_preview(project, tmp_path)
    preview.rebuild()
    break_price(project)
    preview.rebuild()
    body = get(preview, "/")[2]
    assert "The site was not updated: 1 problem to fix" in body
    assert "price &quot;15,5&quot; is not understood" in body and "How to fix:</b>" in body


def test_before_any_good_build_every_page_is_the_error_page(make_site, tmp_path):
    project = make_site({})
    break_price(project)
    preview = make_preview(project, tmp_path)
    assert not preview.rebuild()
    status, _, body = get(preview, "/produk/keripik/")
    assert status == "503 Service Unavailable"
    assert "<title>Belum ada versi situs yang berhasil dibangun</title>" in body
    assert body.count("</head>") == 1 and "</script></head>" in body  # livereload's snippet goes before </head>
    assert "content/products/keripik/index.md:4" in body


def _info(build) -> str:
    """The `info` message livereload.js sends when a page has connected."""
    return json.dumps({"command": "info", "url": "http://127.0.0.1:8000/", "plugins": {"sitegen": {"build": build}}})


def _shown(body: str) -> str:
    """The build a served page says it shows (what its livereload plugin reports)."""
    return re.search(r"return\{build:'([^']*)'\}", body).group(1)


def test_each_page_says_which_build_it_shows_and_an_older_one_is_to_reload(make_site, tmp_path):
    project = make_site({})
    preview = make_preview(project, tmp_path)
    before = _shown(get(preview, "/")[2])  # no site yet: the error page says it too
    assert preview.rebuild()
    page = get(preview, "/produk/keripik/")[2]
    first = _shown(page)
    assert first != before and page.count("LiveReloadPluginSitegen") == 1
    assert page.index("LiveReloadPluginSitegen") < page.index("</head>")
    assert "LiveReloadPluginSitegen" not in get(preview, "/static/app.js")[2]
    for address in ("/admin/", "/admin/index.html", "//admin/"):  # never reloaded: its plugin takes every reload as done
        admin = get(preview, address)[2]
        assert "p.prototype.reload=function(){return true}" in admin and "build:" not in admin, address
    assert "build:" in get(preview, "/admin/no-such-page")[2]  # the 404 page is the site's
    assert not preview.shows_old_build(_info(first)) and preview.shows_old_build(_info(before))
    (project / PRODUCT).write_text((project / PRODUCT).read_text(encoding="utf-8").replace("Renyah.", "Renyah sekali."),
                                   encoding="utf-8")
    assert preview.rebuild()
    second = _shown(get(preview, "/produk/keripik/")[2])
    assert preview.shows_old_build(_info(first)) and not preview.shows_old_build(_info(second))
    break_price(project)
    assert not preview.rebuild()  # a failed build is a new one too: its errors show over the page
    assert preview.shows_old_build(_info(second)) and OVERLAY_ID in get(preview, "/produk/keripik/")[2]
    assert OVERLAY_ID not in get(preview, "/admin/")[2]  # not reloaded, it would keep the panel after the fix
    # A page of an earlier `sitegen serve`, which counted its builds the same way, is not this one's.
    again = make_preview(project, tmp_path)
    assert not again.rebuild() and again.builds == 1 and again.shows_old_build(_info(first))
    for other in ('{"command": "hello"}', '{"command": "info", "url": "x"}', "not json", '{"plugins": {"sitegen": 1}}'):
        assert not preview.shows_old_build(other)


def test_the_overlay_goes_before_the_end_of_the_body_or_at_the_end():
    assert add_overlay(b"<body><p>x</p></body></html>", "<b>!</b>") == b"<body><p>x</p><b>!</b></body></html>"
    assert add_overlay(b"<p>x</p>", "<b>!</b>") == b"<p>x</p><b>!</b>"


@pytest.mark.parametrize("bind, lan, local, phones", [
    ("127.0.0.1", (), "http://127.0.0.1:8000/", ()),
    ("0.0.0.0", ("192.168.1.7",), "http://127.0.0.1:8000/", ("http://192.168.1.7:8000/",)),
    ("0.0.0.0", (), "http://127.0.0.1:8000/", ()),
    ("192.168.1.7", (), "http://192.168.1.7:8000/", ("http://192.168.1.7:8000/",)),
])
def test_preview_urls_name_what_a_phone_on_the_same_wifi_opens(bind, lan, local, phones):
    assert serve.preview_urls(bind, 8000, lan) == (local, phones)


def test_binding_every_address_prints_the_lan_address_in_both_languages():
    for language, words in (("id", "Di HP yang tersambung ke Wi-Fi yang sama, buka http://192.168.1.7:8000/"),
                            ("en", "On a phone on the same Wi-Fi, open http://192.168.1.7:8000/")):
        strings = load_strings(builtin_theme_dirs(), language)
        assert serve.phone_messages("0.0.0.0", 8000, ("http://192.168.1.7:8000/",), strings)[0].startswith(words)
        assert "8000" in serve.phone_messages("0.0.0.0", 8000, (), strings)[0]
        assert serve.phone_messages("127.0.0.1", 8000, (), strings) == []


def test_the_watcher_looks_often_at_a_small_catalogue_and_less_at_a_big_one(tmp_path):
    """Polling costs at most a tenth of a core: ~65 ms to compare 1,000 products' files means a look
    every 0.65 s, not every 50 ms (which would keep the core busy while nothing changes)."""
    from sitegen.serve import POLL_MS, _FastWatcher, poll_delay

    assert poll_delay(0.001) == POLL_MS / 1000
    assert poll_delay(0.065) == pytest.approx(0.65)
    (tmp_path / "a.md").write_text("x")
    watcher = _FastWatcher()
    watcher.watch(str(tmp_path), lambda: None)
    watcher.examine()
    assert watcher.looking > 0
