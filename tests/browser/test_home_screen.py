"""Chromium reads the manifest under /katalog/ as a phone would before offering "Add to home screen"."""

from __future__ import annotations


def test_chromium_parses_the_manifest_with_start_url_and_scope_under_the_sub_path(phone, site_url):
    phone.goto(site_url + "produk/sagon-kelapa/")
    session = phone.context.new_cdp_session(phone)
    manifest = session.send("Page.getAppManifest")
    assert manifest["url"] == site_url + "manifest.json"
    assert manifest["errors"] == []
    parsed = session.send("Page.getAppId")
    assert parsed.get("appId", "").startswith(site_url)
    icons = phone.evaluate("""url => fetch(url).then(r => r.json()).then(m => Promise.all(m.icons.map(i =>
        fetch(new URL(i.src, url)).then(r => r.ok && r.headers.get('content-type'))))) """, manifest["url"])
    assert icons and all(kind == "image/png" for kind in icons)
    phone.wait_for_function("navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready")
    scope = phone.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == site_url
