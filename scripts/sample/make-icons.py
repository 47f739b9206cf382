#!/usr/bin/env python3
"""Draw the app icons of The Daily Meridian (public/icons/, linked from the web manifest).

A serif "M" in white on the dark theme colour (#121212) with the accent rule (#a3122a)
under it. Three files:
  icon-192.png, icon-512.png   "any" purpose: the mark fills most of the square
  icon-maskable-512.png        "maskable": the mark inside the central 80 % safe zone,
                               the background running to every edge
Deterministic for a given Pillow and font: re-running it produces the same files.

Usage:  pip install pillow && python3 scripts/sample/make-icons.py
"""

import os
import sys

from PIL import Image, ImageDraw, ImageFont

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "public", "icons")
BG = (0x12, 0x12, 0x12)
FG = (0xFF, 0xFF, 0xFF)
ACCENT = (0xA3, 0x12, 0x2A)
SS = 4  # supersampling factor for smooth edges
FONTS = [
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
]


def font(size):
    for path in FONTS:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    sys.exit("make-icons: no serif font found (apt-get install fonts-liberation)")


def draw(size, content):
    """`content` is the share of the square the mark may use (1.0 = edge to edge)."""
    big = size * SS
    img = Image.new("RGB", (big, big), BG)
    d = ImageDraw.Draw(img)
    box = big * content
    # The letter: as large as fits 62 % of the box height, centred above the rule.
    f = font(int(box * 0.78))
    left, top, right, bottom = d.textbbox((0, 0), "M", font=f)
    w, h = right - left, bottom - top
    scale = min(box * 0.62 / h, box * 0.78 / w)
    f = font(int(box * 0.78 * scale))
    left, top, right, bottom = d.textbbox((0, 0), "M", font=f)
    w, h = right - left, bottom - top
    rule_h = box * 0.045
    gap = box * 0.07
    total = h + gap + rule_h
    x = (big - w) / 2 - left
    y = (big - total) / 2 - top
    d.text((x, y), "M", font=f, fill=FG)
    rule_w = w * 0.9
    ry = (big - total) / 2 + h + gap
    d.rectangle([(big - rule_w) / 2, ry, (big + rule_w) / 2, ry + rule_h], fill=ACCENT)
    return img.resize((size, size), Image.LANCZOS)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, size, content in [
        ("icon-192.png", 192, 0.92),
        ("icon-512.png", 512, 0.92),
        ("icon-maskable-512.png", 512, 0.72),
    ]:
        path = os.path.join(OUT, name)
        draw(size, content).save(path, optimize=True)
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
