"""No script injection: every text a volunteer writes is escaped or sanitised wherever it lands.

One build per place (product, group and site fields, Markdown, alt text, the WhatsApp message),
each with a hostile payload; then every published HTML file is scanned for anything a browser
would run, and the payload must show up escaped (proving the field was really published).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import escape

from sitegen.build import BuildFailed, build
from tests.conftest import jpeg_bytes, write_tree
from tests.htmlsafety import active_content

PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
ESCAPED = str(escape(PAYLOAD))  # what autoescaped HTML text and attributes contain
SITE = "title: Tes\nbase_url: https://example.org/\ncategories:\n  makanan: Makanan\n"
GROUP = "---\nname: KUB Sido\nwhatsapp: 0812-0000-0001\n---\nCerita.\n"
PRODUCT = "---\nname: Keripik\ngroup: sido\nprice: 15000\ncategory: makanan\n---\nRenyah.\n"
HOSTILE_MARKDOWN = """Sebelum.

<script>alert(3)</script><iframe src="https://evil.example/"></iframe>
<img src=x onerror="alert(4)"> <a href="#" onclick="alert(5)">klik</a>
<a href="javascript:alert(6)">a</a> <a href="JaVaScRiPt:alert(7)">b</a> <a href="java&#x09;script:alert(8)">c</a>
[tautan](javascript:alert(9)) [data](data:text/html;base64,PHNjcmlwdD4=) ![gambar](javascript:alert(10))
<svg onload="alert(11)"></svg> <div style="background:url(javascript:alert(12))">gaya</div>
<object data="x.swf"></object><embed src="x.swf"><base href="https://evil.example/"><form action="javascript:alert(13)">
<meta http-equiv="refresh" content="0;url=javascript:alert(14)">

Sesudah.
"""


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site_with(place: str) -> dict[str, str | bytes]:
    """The scratch catalogue with the payload written into one place."""
    files: dict[str, str | bytes] = {"site.yaml": SITE, "content/groups/sido/index.md": GROUP,
                                     "content/products/keripik/index.md": PRODUCT}
    kind, key = place.split(".")
    value = quoted(PAYLOAD)
    if kind == "site":
        replaced = {"category": ("  makanan: Makanan", f"  makanan: {value}"), "title": ("title: Tes", f"title: {value}")}
        old, new = replaced.get(key, ("categories:", f"{key}: {value}\ncategories:"))
        files["site.yaml"] = SITE.replace(old, new)
    elif kind == "group":
        line = f"{key}: {value}"
        files["content/groups/sido/index.md"] = GROUP.replace("name: KUB Sido", line) if key == "name" \
            else GROUP.replace("---\nCerita", f"{line}\n---\nCerita")
    elif key == "variant":
        files["content/products/keripik/index.md"] = PRODUCT.replace(
            "price: 15000", f"variants:\n  - {{name: {value}, price: 15000}}\n  - {{name: 250 g, price: 30000}}")
    elif key == "alt":
        files["content/products/keripik/index.md"] = PRODUCT.replace("---\nRenyah", f"alt: {{depan.jpg: {value}}}\n---\nRenyah")
        files["content/products/keripik/depan.jpg"] = jpeg_bytes((64, 48))
    else:
        line = f"{key}: [{value}]" if key == "tags" else f"{key}: {value}"
        files["content/products/keripik/index.md"] = PRODUCT.replace("name: Keripik", "name: Keripik\n" + line, 1) \
            if key != "name" else PRODUCT.replace("name: Keripik", line)
    return files


def built(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    project = write_tree(tmp_path / "site", files)
    build(project, cache_dir=tmp_path / "cache")
    return project / "output"


def pages(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): p.read_text(encoding="utf-8") for p in sorted(output.rglob("*.html"))}


def wa_links(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="(https://wa\.me/[^"]*)"', page)]


PLACES = [
    "product.name", "product.unit", "product.variant", "product.tags", "product.pirt", "product.halal",
    "product.shelf_life", "product.alt", "group.name", "group.village", "group.district", "group.regency",
    "site.title", "site.description", "site.category",
]


@pytest.mark.parametrize("place", PLACES)
def test_a_hostile_field_is_escaped_everywhere_it_is_published(tmp_path, place):
    site = pages(built(tmp_path, site_with(place)))
    for path, page in site.items():
        assert active_content(page) == [], (path, active_content(page))
        assert PAYLOAD not in page, path
    assert any(ESCAPED in page for page in site.values()), f"{place} was not published at all"


@pytest.mark.parametrize("place", ["product.name", "product.variant", "product.unit", "group.name", "site.order_message"])
def test_the_whatsapp_message_carries_the_text_as_text_in_a_clean_url(tmp_path, place):
    files = site_with(place)
    if place == "site.order_message":
        files["site.yaml"] = SITE + f"order_message: {quoted(PAYLOAD + ' {product} {url}')}\n"
    site = pages(built(tmp_path, files))
    links = wa_links(site["produk/keripik/index.html"]) + wa_links(site["kelompok/sido/index.html"])
    assert links
    for link in links:
        assert re.fullmatch(r"https://wa\.me/\d*\?text=[A-Za-z0-9%._~-]*", link), link  # \d* : share links
    messages = [parse_qs(urlsplit(link).query)["text"][0] for link in links]
    if place != "group.name":  # the group's own contact link greets with the site title and page URL
        assert any(PAYLOAD in message for message in messages), messages


@pytest.mark.parametrize("where", ["content/products/keripik/index.md", "content/groups/sido/index.md"])
def test_raw_html_scripts_and_dangerous_links_in_markdown_are_removed(tmp_path, where):
    files = {"site.yaml": SITE, "content/groups/sido/index.md": GROUP, "content/products/keripik/index.md": PRODUCT}
    files[where] = files[where].split("---\n")[0] + "---\n" + files[where].split("---\n")[1] + "---\n" + HOSTILE_MARKDOWN
    site = pages(built(tmp_path, files))
    page = site["produk/keripik/index.html" if "products" in where else "kelompok/sido/index.html"]
    assert "Sebelum." in page and "Sesudah." in page
    for path, text in site.items():
        assert active_content(text) == [], (path, active_content(text))


def test_markdown_in_a_yaml_description_is_sanitised_too(tmp_path):
    files = {"site.yaml": SITE, "content/groups/sido/index.md": GROUP,
             "content/products/keripik/index.yaml": "name: Keripik\ngroup: sido\nprice: 15000\ndescription: |\n"
             + "".join(f"  {line}\n" for line in HOSTILE_MARKDOWN.splitlines())}
    page = pages(built(tmp_path, files))["produk/keripik/index.html"]
    assert "Sebelum." in page and active_content(page) == []


def test_template_syntax_in_content_is_shown_not_run(tmp_path):
    files = site_with("product.name")
    files["content/products/keripik/index.md"] = PRODUCT.replace("name: Keripik", 'name: "{{ 2222*3 }} {% raw %}"') \
        .replace("Renyah.", "Isi {{ site.base_url }} dan {{ 1111*3 }}.")
    page = pages(built(tmp_path, files))["produk/keripik/index.html"]
    assert "{{ 2222*3 }} {% raw %}" in page and "{{ site.base_url }}" in page and "{{ 1111*3 }}" in page
    assert "6666" not in page and "3333" not in page


def test_group_links_accept_only_plain_https_addresses(tmp_path):
    for link in ("javascript:alert(1)", 'https://example.org/"onmouseover="alert(1)', "http://example.org/",
                 "https://example.org/<script>"):
        files = {"site.yaml": SITE, "content/products/keripik/index.md": PRODUCT,
                 "content/groups/sido/index.md": GROUP.replace("---\nCerita", f"links: {{facebook: {quoted(link)}}}\n---\nCerita")}
        project = write_tree(tmp_path / "site", files)
        with pytest.raises(BuildFailed) as caught:
            build(project, cache_dir=tmp_path / "cache")
        assert caught.value.messages[0].startswith("content/groups/sido/index.md:4: "), link


# --- JSON-LD and feeds --------------------------------------------------------------------------

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
JSON_LD_PLACES = ["product.name", "product.variant", "group.name", "group.village", "site.title",
                  "site.description", "site.category"]
FEED_PLACES = {  # where each hostile value must arrive, intact, as data
    "product.name": ("new-products.atom", "google-merchant.xml", "meta-catalogue.csv", "products.json", "search.json"),
    "product.variant": ("google-merchant.xml", "meta-catalogue.csv", "products.json"),
    "product.unit": ("products.json",),
    "product.tags": ("products.json",),
    "group.name": ("new-products.atom", "google-merchant.xml", "meta-catalogue.csv", "products.json"),
    "site.title": ("new-products.atom", "google-merchant.xml", "products.json"),
    "site.category": ("new-products.atom",),
}


def strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []


def feed_values(output: Path) -> dict[str, list[str]]:
    """Every text value of every feed, read with a real parser (XML, CSV, JSON)."""
    values: dict[str, list[str]] = {}
    for path in sorted(output.rglob("*")):
        text = path.read_text(encoding="utf-8") if path.suffix in (".xml", ".atom", ".csv", ".json") else None
        if text is None:
            continue
        if path.suffix == ".json":
            found = strings_in(json.loads(text))
        elif path.suffix == ".csv":
            found = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        else:
            root = ElementTree.fromstring(text)
            found = [t for element in root.iter() for t in [element.text or "", *element.attrib.values()]]
        values[path.name] = found
    return values


@pytest.mark.parametrize("place", JSON_LD_PLACES + ["product.unit", "product.tags", "product.alt"])
def test_json_ld_holds_hostile_text_as_data_and_never_closes_its_script(tmp_path, place):
    site = pages(built(tmp_path, site_with(place)))
    found = []
    for path, page in site.items():
        for block in JSON_LD.findall(page):
            assert "<" not in block and ">" not in block, path  # nothing can end the element or open a comment
            found += strings_in(json.loads(block))
    assert found
    if place in JSON_LD_PLACES:
        assert any(PAYLOAD in value for value in found), f"{place} missing from JSON-LD"


@pytest.mark.parametrize("place", sorted(FEED_PLACES))
def test_feeds_parse_and_carry_hostile_text_as_plain_values(tmp_path, place):
    output = built(tmp_path, site_with(place))
    values = feed_values(output)
    for name in FEED_PLACES[place]:
        assert any(PAYLOAD in value for value in values[name]), f"{place} missing from {name}"
    atom = ElementTree.parse(output / "feeds" / "new-products.atom").getroot()
    for content in atom.iter("{http://www.w3.org/2005/Atom}content"):
        assert active_content(content.text or "") == [], content.text  # readers render this HTML


def test_feed_html_content_keeps_markdown_sanitised(tmp_path):
    files = site_with("product.name")
    files["content/products/keripik/index.md"] = PRODUCT.replace("Renyah.", HOSTILE_MARKDOWN)
    atom = ElementTree.parse(built(tmp_path, files) / "feeds" / "new-products.atom").getroot()
    contents = [c.text or "" for c in atom.iter("{http://www.w3.org/2005/Atom}content")]
    assert any("Sebelum." in text for text in contents)
    assert all(active_content(text) == [] for text in contents)
