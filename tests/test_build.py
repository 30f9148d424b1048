"""Whole builds of small scratch catalogues, checking what shoppers and volunteers get."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from PIL import Image

from sitegen.build import BuildFailed, build
from tests.conftest import jpeg_bytes


def built(project, **kwargs):
    output = project / "output"
    build(project, output, cache_dir=project.parent / "cache", **kwargs)
    return output


def read(output, path: str) -> str:
    return (output / path).read_text(encoding="utf-8")


def test_english_site_speaks_english(make_site):
    project = make_site({"site.yaml": "title: Test\nbase_url: https://example.org/\nlanguage: en\n"})
    page = read(built(project), "produk/keripik/index.html")
    assert '<html lang="en">' in page and "Order via WhatsApp" in page and "Pesan" not in page
    assert "Rp15,000" in page
    assert unquote(page.split('href="https://wa.me/6281200000001?text=')[1].split('"')[0]) == (
        "Hello KUB Sido, I would like to order Keripik for Rp15,000. https://example.org/produk/keripik/"
    )


def test_order_message_template_names_product_variant_price_and_url(make_site):
    project = make_site({
        "site.yaml": "title: T\nbase_url: https://user.github.io/katalog/\n"
                     "order_message: \"Pesan {product} / {variant} / {price} / {unit}\\n{url}\"\n",
        "content/products/keripik/index.md": "---\nname: Keripik & Pare\ngroup: sido\nunit: 100 g\n"
                                             "variants:\n  - {name: Pedas, price: 16000}\n  - {name: Asin, price: '15.000'}\n---\n",
    })
    page = read(built(project), "produk/keripik/index.html")
    links = [part.split('"')[0] for part in page.split('href="https://wa.me/')[1:] if not part.startswith("?")]
    assert [unquote(link) for link in links] == [
        "6281200000001?text=Pesan Keripik & Pare / Pedas / Rp16.000 / 100 g\nhttps://user.github.io/katalog/produk/keripik/",
        "6281200000001?text=Pesan Keripik & Pare / Asin / Rp15.000 / 100 g\nhttps://user.github.io/katalog/produk/keripik/",
    ]
    assert all("%0A" in link and "+" not in link and " " not in link for link in links)


def test_product_number_overrides_the_groups(make_site):
    project = make_site({"content/products/keripik/index.md":
                         "---\nname: K\ngroup: sido\nprice: 1000\nwhatsapp: +62 813-1111-2222\n---\n"})
    assert "https://wa.me/6281311112222?text=" in read(built(project), "produk/keripik/index.html")


def test_site_theme_overrides_the_built_in_one_file_by_file(make_site):
    project = make_site({
        "site.yaml": "title: T\nbase_url: https://example.org/\ntheme: desa\n",
        "themes/desa/templates/404.html": "{% extends 'base.html' %}{% block main %}<p>Tersesat!</p>{% endblock %}",
        "themes/desa/strings/id.yaml": "ui:\n  order: Beli lewat WA\n",
        "themes/desa/static/extra.txt": "hello",
    })
    output = built(project)
    assert "Tersesat!" in read(output, "404.html")
    assert "Beli lewat WA" in read(output, "produk/keripik/index.html")
    assert "Kelompok" in read(output, "produk/keripik/index.html")  # other strings still built in
    assert read(output, "static/extra.txt") == "hello"


@pytest.mark.parametrize("page_path", ["404.html", "offline.html"])  # served at any URL
@pytest.mark.parametrize("base_url, prefix", [("https://example.org/", "/"), ("https://u.github.io/katalog/", "/katalog/")])
def test_stand_in_pages_link_from_the_site_root_and_stay_out_of_the_sitemap(make_site, base_url, prefix, page_path):
    project = make_site({"site.yaml": f"title: T\nbase_url: {base_url}\n"})
    output = built(project)
    assert page_path not in read(output, "sitemap.xml")
    page = read(output, page_path)
    hrefs = [part.split('"')[0] for part in page.split('href="')[1:] if not part.startswith(("http", "data:", "#"))]
    assert hrefs and all(href.startswith(prefix) for href in hrefs)


def test_single_file_and_yaml_products(make_site):
    project = make_site({
        "content/products/sagon.md": "---\nname: Sagon\ngroup: sido\nprice: Rp 12.000\n---\nManis *sekali*.\n",
        "content/products/tikar/index.yaml": "name: Tikar\ngroup: sido\nprice: 90000\ndescription: |\n  Anyaman **pandan**.\n",
    })
    output = built(project)
    assert "<em>sekali</em>" in read(output, "produk/sagon/index.html")
    assert "<strong>pandan</strong>" in read(output, "produk/tikar/index.html")


def test_photos_default_to_every_image_by_name_and_come_out_upright(make_site):
    project = make_site({
        "content/products/keripik/b.jpg": jpeg_bytes((1200, 800), orientation=6, gps=True),
        "content/products/keripik/a.jpg": jpeg_bytes((800, 600)),
    })
    output = built(project)
    page = read(output, "produk/keripik/index.html")
    first, second = [part.split('"')[0] for part in page.split('<img src="')[1:3]]
    with Image.open(output / "produk/keripik" / first) as a, Image.open(output / "produk/keripik" / second) as b:
        assert a.width > a.height  # a.jpg: landscape, listed first by name
        assert b.height > b.width  # b.jpg: stored landscape, Orientation 6 → shown portrait
        assert not b.getexif()


def test_cname_from_site_yaml(make_site):
    project = make_site({"site.yaml": "title: T\nbase_url: https://katalog.desa.id/\ncname: katalog.desa.id\n"})
    assert read(built(project), "CNAME") == "katalog.desa.id\n"


def test_build_refuses_an_output_folder_it_did_not_make(make_site):
    project = make_site({"notes/keep.txt": "mine"})
    with pytest.raises(BuildFailed) as failure:
        build(project, project / "notes", cache_dir=project.parent / "cache")
    assert "notes" in failure.value.messages[0]
    assert (project / "notes/keep.txt").read_text() == "mine"


def test_markdown_html_is_sanitised(make_site):
    project = make_site({"content/products/keripik/index.md":
                         "---\nname: K\ngroup: sido\nprice: 1000\n---\n<script>alert(1)</script>\n\n"
                         "[x](javascript:alert(1)) <img src=x onerror=alert(2)> <iframe src=//e.vil></iframe>\n"})
    page = read(built(project), "produk/keripik/index.html")
    for bad in ("alert(1)", "javascript:", "onerror", "<iframe"):
        assert bad not in page
