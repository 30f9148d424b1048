"""Offline, as a shopper who opened a product link from WhatsApp: the pages seen reopen, marked as saved
copies, even after the site was published again; a page never seen gets the offline page in the site's
language; nothing of the admin or of another site on the same domain is kept."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.conftest import BASIC_SITE, run_sitegen

ACTIVE = "navigator.serviceWorker.controller !== null && navigator.serviceWorker.controller.state === 'activated'"
NOTICE = "Tanpa internet: ini salinan yang tersimpan di HP ini. Harga dan stok mungkin sudah berubah."
KEPT = """caches.keys().then(names => Promise.all(names.map(name => caches.open(name)
    .then(cache => cache.keys()).then(requests => [name, requests.map(r => r.url)]))))
    .then(entries => Object.fromEntries(entries))"""
LEGACY_WORKER = Path(__file__).parent / "fixtures" / "sw-one-pages-cache-per-version.js"


@pytest.fixture
def domain(example_site, serve, tmp_path):
    """The example at /katalog/ beside another project's site at /lain/, as on one github.io domain."""
    root = tmp_path / "domain"
    (root / "lain").mkdir(parents=True)
    (root / "lain" / "index.html").write_text("<!doctype html><title>Lain</title><h1>Situs lain</h1>")
    (root / "katalog").symlink_to(example_site)
    with serve(root, sub_path=False) as served:
        yield served


def first_visit(page, url: str) -> None:
    """Open `url` on a phone that never saw the site, and wait until the service worker it installs is in charge."""
    page.goto(url)
    page.wait_for_function(ACTIVE)


def test_the_page_read_on_a_first_visit_reopens_offline_without_being_downloaded_again(phone, domain):
    origin, requested = domain
    site = origin + "/katalog/"
    first_visit(phone, site + "produk/keripik-pare/")
    phone.get_by_role("link", name="Rengginang Ketela").first.click()  # another product of the same group
    phone.wait_for_url(site + "produk/rengginang-ketela/")
    phone.wait_for_load_state("networkidle")
    phone.context.set_offline(True)
    for path, name in (("produk/rengginang-ketela/", "Rengginang Ketela"), ("produk/keripik-pare/", "Keripik Pare")):
        response = phone.goto(site + path)
        assert (response.status, phone.locator("h1").inner_text()) == (200, name)
        assert phone.locator("main .offline-copy").inner_text() == NOTICE
    assert phone.locator("main img").first.evaluate("photo => photo.naturalWidth") > 0  # its photo came along
    assert requested.count("/katalog/produk/keripik-pare/") == 1  # kept from the browser's own copy
    photos = [path for path in requested if path.startswith("/katalog/img/")]
    assert photos and len(photos) == len(set(photos))


@pytest.mark.parametrize("path", ["produk/nastar/", "", "cari/?q=pandan"])
def test_a_page_never_seen_gives_the_offline_page_in_indonesian(phone, domain, path):
    origin, _ = domain
    site = origin + "/katalog/"
    first_visit(phone, site + "produk/keripik-pare/")
    phone.context.set_offline(True)
    response = phone.goto(site + path)
    assert response.status == 503 and response.url == site + path
    assert phone.locator("html").get_attribute("lang") == "id"
    assert phone.locator("h1").inner_text() == "Tidak ada koneksi internet"
    assert "Halaman ini belum pernah dibuka di HP ini, jadi belum tersimpan." in phone.locator("main").inner_text()
    assert phone.get_by_role("link", name="Kembali ke beranda").get_attribute("href") == "/katalog/"
    assert phone.locator("#seen h2").inner_text() == "Halaman yang tersimpan di HP ini"
    seen = phone.locator("#seen a")
    assert seen.all_inner_texts() == ["Keripik Pare · KUB Srikandi Tanjungsari (contoh)"]
    seen.click()
    assert phone.locator("h1").inner_text() == "Keripik Pare"


def test_the_admin_and_another_site_on_the_domain_are_never_kept(phone, domain):
    origin, _ = domain
    site = origin + "/katalog/"
    others = [phone.context.new_page() for _ in range(2)]
    others[0].goto(origin + "/lain/")
    others[1].goto(site + "admin/", wait_until="commit")  # its editor comes from a CDN this machine may not reach
    first_visit(phone, site + "produk/keripik-pare/")  # the worker looks at every window of the domain
    assert not phone.goto(site + "admin/", wait_until="commit").from_service_worker  # left to the browser
    assert phone.goto(site + "produk/sagon-kelapa/").from_service_worker
    kept = [url for urls in phone.evaluate(KEPT).values() for url in urls]
    assert site + "produk/keripik-pare/" in kept and site + "produk/sagon-kelapa/" in kept
    assert not [url for url in kept if not url.startswith(site) or url.startswith(site + "admin/")]


def test_only_the_most_recent_pages_are_kept(phone, domain, example_site):
    origin, _ = domain
    site = origin + "/katalog/"
    most = int(re.search(r"MAX_PAGES = (\d+)", (example_site / "sw.js").read_text()).group(1))
    pages = sorted((p.parent.relative_to(example_site).as_posix() + "/" for p in example_site.glob("*/*/index.html")),
                   key=lambda path: (not path.startswith("produk/"), path))[: most + 3]  # price lists have no script
    first_visit(phone, site + pages[0])
    for path in pages[1:]:
        phone.goto(site + path)
    phone.context.set_offline(True)
    assert phone.goto(site + pages[-1]).status == 200
    assert phone.goto(site + pages[2]).status == 503
    assert phone.locator("#seen a").count() == most
    assert phone.goto(site + pages[3]).status == 200


def published(project: Path, root: Path, tmp_path: Path) -> None:
    """Build `project` into the folder the domain serves at /katalog/, as a deploy would."""
    # HTTP dates count whole seconds: a build in the second of the last one would look unchanged (304).
    time.sleep(1 - time.time() % 1)
    result = run_sitegen("build", "--project", str(project), "--output", str(root / "katalog"),
                         "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr


def updated(page) -> None:
    """Have the browser look for a new service worker (as it does on a navigation) and wait until it is in charge."""
    page.evaluate("""() => new Promise((done, fail) => {
        navigator.serviceWorker.addEventListener('controllerchange', done, { once: true });
        navigator.serviceWorker.getRegistration().then(r => r.update());
        setTimeout(() => fail(new Error('no new service worker')), 10000);
    })""")
    page.wait_for_function(ACTIVE)


@pytest.fixture
def catalogue(make_site, serve, tmp_path):
    """A small catalogue at /katalog/ and a `publish()` that builds it there again."""
    site_yaml = BASIC_SITE["site.yaml"].replace("https://example.org/", "https://example.org/katalog/")
    project = make_site({"site.yaml": site_yaml, "content/products/sagon/index.md":
                         "---\nname: Sagon\ngroup: sido\nprice: 12000\n---\nManis.\n"})
    root = tmp_path / "domain"
    with serve(root, sub_path=False) as (origin, _):
        yield project, lambda: published(project, root, tmp_path), origin + "/katalog/"


def test_a_page_seen_before_a_redeploy_still_reopens_offline_after_the_update(phone, catalogue):
    project, publish, site = catalogue
    publish()
    first_visit(phone, site + "produk/keripik/")
    assert "Rp15.000" in phone.locator("main").inner_text()
    phone.goto(site + "produk/sagon/")
    static_before = [name for name in phone.evaluate(KEPT) if name.startswith("sitegen-static-")]
    product = project / "content/products/keripik/index.md"
    product.write_text(product.read_text().replace("price: 15000", "price: 17500"))
    publish()
    updated(phone)
    phone.goto(site)  # online once after the update
    static_after = [name for name in phone.evaluate(KEPT) if name.startswith("sitegen-static-")]
    assert len(static_before) == len(static_after) == 1 and static_before != static_after
    phone.context.set_offline(True)
    phone.goto(site + "produk/keripik/")
    main = phone.locator("main").inner_text()
    assert "Rp15.000" in main and NOTICE in main  # the copy the shopper saw, said to be one
    phone.context.set_offline(False)
    phone.goto(site + "produk/keripik/")
    main = phone.locator("main").inner_text()
    assert "Rp17.500" in main and "Rp15.000" not in main and NOTICE not in main  # online: today's price


def test_pages_kept_by_the_previous_worker_survive_the_update_to_this_one(phone, catalogue):
    project, publish, site = catalogue
    site_yaml = project / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "theme: lama\n")
    legacy = project / "themes/lama/static/sw.js"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(LEGACY_WORKER.read_bytes())
    publish()
    first_visit(phone, site + "produk/keripik/")
    phone.goto(site + "kelompok/sido/")  # kept by that worker, in a cache of its version
    assert any(name.startswith("sitegen-pages-") for name in phone.evaluate(KEPT))
    legacy.unlink()
    publish()
    updated(phone)
    assert not any(name.startswith("sitegen-pages-") for name in phone.evaluate(KEPT))  # none left behind
    phone.goto(site)
    phone.context.set_offline(True)
    phone.goto(site + "kelompok/sido/")
    assert phone.locator("h1").inner_text() == "KUB Sido" and NOTICE in phone.locator("main").inner_text()


def test_without_javascript_no_worker_is_installed(phone_without_js, site_url):
    phone_without_js.goto(site_url + "produk/keripik-pare/")
    phone_without_js.wait_for_load_state("networkidle")
    assert not phone_without_js.reload().from_service_worker
    assert phone_without_js.context.service_workers == []
