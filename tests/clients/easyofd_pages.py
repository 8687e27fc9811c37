"""An OFD as easyofd (PyPI) reads and draws it: each page's text, in the order of its objects,
and each page at 100 dpi (easyofd writes a PDF with reportlab; PyMuPDF, which easyofd itself
uses for images, rasterises it).

usage: python3 easyofd_pages.py FILE.ofd OUTDIR FONT
  OUTDIR gets text.json (a list of strings, one per page) and page-N.png (N from 1), drawn at
  100 dpi of the page's physical size (easyofd's PDF pages are not in the file's units).
  FONT is the font easyofd draws every character in: it ignores the file's embedded fonts and
  asks for "simsun.ttc" in ./fonts, so this runs in OUTDIR with that name linked to FONT.
"""
import json
import os
import sys

src, out, font = (os.path.abspath(a) for a in sys.argv[1:4])
os.makedirs(os.path.join(out, "fonts"), exist_ok=True)
link = os.path.join(out, "fonts", "simsun.ttc")
if not os.path.exists(link):
    os.symlink(font, link)
# easyofd registers its font at import time, and writes its scratch files in the working folder.
os.chdir(out)
from easyofd import OFD  # noqa: E402
import fitz  # noqa: E402

ofd = OFD()
ofd.read(src, fmt="path")
doc = ofd.data[0]
pages = sorted(doc["page_info"].items(), key=lambda kv: int(kv[0]))
texts = ["".join(t["text"] for t in page["text_list"]) for _, page in pages]
with open("text.json", "w", encoding="utf-8") as f:
    json.dump(texts, f, ensure_ascii=False)
pdf = fitz.open(stream=ofd.to_pdf(), filetype="pdf")
for n, (page, box) in enumerate(zip(pdf, doc["page_size"]), start=1):
    width_mm = float(box[2])
    zoom = width_mm / 25.4 * 100 / page.rect.width
    page.get_pixmap(matrix=fitz.Matrix(zoom, zoom)).save(f"page-{n}.png")
print(f"easyofd: {len(texts)} pages read, {pdf.page_count} drawn")
