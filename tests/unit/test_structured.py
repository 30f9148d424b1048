"""JSON-LD serialisation: any text survives unchanged and none can close the <script> element."""

import json

import pytest

from sitegen.structured import breadcrumbs, script_json

HOSTILE = [
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "Tom & Jerry's \"snack\" > 5",
    "line\u2028separator\u2029paragraph",
    "</SCRIPT >",
    "\\u003c already escaped",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_script_json_round_trips_and_cannot_break_out(text):
    data = {"@type": "Product", "name": text, "offers": [{"price": "15000", "seller": {"name": text}}]}
    serialised = str(script_json(data))
    assert json.loads(serialised) == data
    assert not set(serialised) & {"<", ">", "&", "\u2028", "\u2029"}


def test_breadcrumbs_number_their_items_from_one():
    trail = breadcrumbs([("Beranda", "https://e.org/"), ("Keripik", "https://e.org/produk/k/")])
    assert trail["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in trail["itemListElement"]] == [
        (1, "Beranda", "https://e.org/"), (2, "Keripik", "https://e.org/produk/k/")]
