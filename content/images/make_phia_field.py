#!/usr/bin/env python3
"""Draw the PHIA bands as a soft colour field: a backdrop for a full-image slide.

Regenerate with:  python3 make_phia_field.py
Writes phia-field.png (1600 x 1200 px, 4:3, so a 16:9 slide crops its top and
bottom) next to this script. Needs Pillow (pip install pillow).

Left to right the picture runs from 0 to 100 %: each PHIA band is a column of
its colour, the gaps between bands are pale grey, and the colours blur softly
into one another, as estimates do.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

# (low %, high %, colour): the bands of the PHIA yardstick, coloured as in
# make_phia_yardstick.py.
BANDS = [(0, 5, "#b2182b"), (10, 20, "#d6604d"), (25, 35, "#f4a582"), (40, 50, "#bababa"),
         (55, 75, "#92c5de"), (80, 90, "#4393c3"), (95, 100, "#2166ac")]
W, H = 1600, 1200
OUT = Path(__file__).with_name("phia-field.png")


def main() -> None:
    im = Image.new("RGB", (W, H), "#e8e8e8")
    draw = ImageDraw.Draw(im)
    for low, high, colour in BANDS:
        draw.rectangle([round(W * low / 100), 0, round(W * high / 100), H], fill=colour)
    # a horizon: the upper half a little lighter, so the picture has depth
    veil = Image.new("RGB", (W, H), "#ffffff")
    mask = Image.linear_gradient("L").resize((W, H)).point(lambda v: int((255 - v) * 0.35))
    im = Image.composite(veil, im, mask)
    im = im.filter(ImageFilter.GaussianBlur(18))
    im.save(OUT, optimize=True)


if __name__ == "__main__":
    main()
