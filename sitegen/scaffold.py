"""`sitegen new product|group`: a commented, ready-to-edit bundle that never overwrites anything."""

from __future__ import annotations

from pathlib import Path

from sitegen.fields import slugify

PRODUCT_TEMPLATE = """---
name: {name}            # nama produk (wajib) / product name (required)
group: {group}          # slug kelompok di content/groups/ (wajib) / group slug (required)
price: 15000            # harga rupiah: 15000, "15.000" atau "Rp 15.000"
unit: 100 g             # ukuran/isi kemasan / pack size
# variants:             # beberapa ukuran? ganti price dengan daftar ini / several sizes? use instead of price
#   - {{name: 100 g, price: 15000}}
#   - {{name: 250 g, price: 32000}}
status: tersedia        # tersedia | habis | pre-order
# category: makanan-ringan   # salah satu kategori di site.yaml / one of site.yaml's categories
# tags: [pedas, oleh-oleh]
# photos: [depan.jpg]        # default: semua foto di folder ini / default: every photo in this folder
# alt: {{depan.jpg: "Keterangan foto untuk tunanetra"}}
# pirt: "2063305010123-25"   # nomor P-IRT
# halal: "ID33110000123450823"
# shelf_life: 3 bulan
# weight_g: 120
# whatsapp: "0812-3456-7890" # hanya jika berbeda dari nomor kelompok / only if not the group's number
---
Tulis deskripsi produk di sini: bahan, rasa, cara penyajian.
"""

GROUP_TEMPLATE = """---
name: {name}              # nama kelompok (wajib) / group name (required)
whatsapp: "0812-0000-0000"  # nomor WhatsApp untuk pesanan (wajib) / order number (required)
village: ""               # desa
district: ""              # kecamatan
regency: Kebumen          # kabupaten
# photo: rumah-produksi.jpg
# founded: 2020
# members: 12
# links: {{facebook: "https://facebook.com/..."}}
---
Ceritakan kelompok Anda di sini. / Tell your group's story here.
"""


def create(project: Path, kind: str, name: str, group: str | None) -> str:
    """Create `content/<kind>s/<slug>/index.md`; return its path. Refuses to overwrite."""
    slug = slugify(name)
    if not slug:
        raise SystemExit(f"sitegen new: cannot make a folder name from {name!r}")
    if kind == "product" and not group:
        raise SystemExit("sitegen new product: --group SLUG is required")
    folder = project / "content" / f"{kind}s" / slug
    if folder.exists() or folder.with_suffix(".md").exists():
        raise SystemExit(f"sitegen new: {folder} already exists; nothing was changed")
    template = PRODUCT_TEMPLATE if kind == "product" else GROUP_TEMPLATE
    folder.mkdir(parents=True)
    target = folder / "index.md"
    target.write_text(template.format(name=_quoted(name), group=group), encoding="utf-8")
    return str(target)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
