#!/usr/bin/env python3
"""Draw the bundled sample illustrations for The Daily Meridian.

Deterministic: every picture is built from shapes and gradients with a fixed
random seed, so re-running the script produces the same files. Output goes to
public/api/images/ as progressive JPEGs (quality ~70), each under 25 KB.

Usage:  pip install pillow && python3 scripts/sample/make-sample-images.py
"""

import math
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "public", "api", "images")
SS = 2  # supersampling factor for smoother edges
MAX_BYTES = 25 * 1024


def lerp(a, b, t):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def vgradient(draw, box, top, bottom):
    x0, y0, x1, y1 = box
    h = max(1, y1 - y0)
    for y in range(y0, y1):
        draw.line([(x0, y), (x1, y)], fill=lerp(top, bottom, (y - y0) / h))


def canvas(w, h, top, bottom):
    img = Image.new("RGB", (w * SS, h * SS))
    d = ImageDraw.Draw(img)
    vgradient(d, (0, 0, w * SS, h * SS), top, bottom)
    return img, d


def s(v):
    """Scale a logical coordinate (or tuple/list of them) to the supersampled canvas."""
    if isinstance(v, (list, tuple)):
        return type(v)(s(x) for x in v)
    return v * SS


# --------------------------------------------------------------------------
# Lead illustrations, 800x450
# --------------------------------------------------------------------------

def skyline(w, h, rng):
    img, d = canvas(w, h, (28, 40, 84), (236, 146, 92))
    d.ellipse(s((560, 250, 660, 350)), fill=(252, 214, 140))
    for layer, (col, base, hmin, hmax) in enumerate([
        ((70, 72, 110), 330, 60, 170),
        ((38, 40, 66), 380, 90, 240),
    ]):
        x = -10
        while x < w:
            bw = rng.randint(30, 70)
            bh = rng.randint(hmin, hmax)
            d.rectangle(s((x, base - bh, x + bw, h)), fill=col)
            if layer == 1 and rng.random() < 0.3:
                d.polygon(s([(x, base - bh), (x + bw // 2, base - bh - 30), (x + bw, base - bh)]), fill=col)
            if layer == 1:
                for wy in range(base - bh + 12, h - 20, 18):
                    for wx in range(x + 6, x + bw - 8, 12):
                        if rng.random() < 0.35:
                            d.rectangle(s((wx, wy, wx + 5, wy + 8)), fill=(250, 210, 120))
            x += bw + rng.randint(0, 6)
    return img


def barges(w, h, rng):
    img, d = canvas(w, h, (170, 196, 214), (226, 232, 226))
    d.polygon(s([(0, 230), (200, 200), (420, 225), (620, 195), (800, 220), (800, 260), (0, 260)]), fill=(104, 132, 110))
    vgradient(d, s((0, 255, w, h)), (92, 122, 140), (46, 70, 92))
    for i in range(14):
        y = 270 + i * 13
        d.line(s([(rng.randint(0, 300), y), (rng.randint(400, 800), y)]), fill=(120, 150, 168), width=SS)
    for bx, by, bl, col in [(90, 300, 300, (150, 60, 44)), (450, 350, 280, (40, 52, 70))]:
        d.polygon(s([(bx, by), (bx + bl, by), (bx + bl - 20, by + 30), (bx + 12, by + 30)]), fill=col)
        for k in range(5):
            cx = bx + 30 + k * (bl - 80) // 5
            d.rectangle(s((cx, by - 22, cx + (bl - 80) // 5 - 6, by)), fill=[(196, 80, 52), (52, 110, 140), (210, 170, 60)][k % 3])
        d.rectangle(s((bx + bl - 46, by - 40, bx + bl - 20, by)), fill=(236, 236, 230))
        d.rectangle(s((bx + bl - 42, by - 34, bx + bl - 24, by - 26)), fill=(60, 80, 100))
    return img


def turbines(w, h, rng):
    img, d = canvas(w, h, (120, 176, 222), (226, 238, 244))
    d.polygon(s([(0, 340), (260, 300), (520, 330), (800, 290), (800, 450), (0, 450)]), fill=(122, 168, 96))
    d.polygon(s([(0, 390), (300, 360), (800, 400), (800, 450), (0, 450)]), fill=(88, 138, 74))
    for cx, cy, r, ang in [(180, 150, 90, 10), (420, 190, 70, 50), (620, 130, 100, 85), (300, 240, 40, 30)]:
        base = cy + r * 2.2
        d.polygon(s([(cx - 4, cy), (cx + 4, cy), (cx + 7, base), (cx - 7, base)]), fill=(246, 248, 250))
        for k in range(3):
            a = math.radians(ang + k * 120)
            tip = (cx + r * math.cos(a), cy + r * math.sin(a))
            side = (cx + 10 * math.cos(a + 1.57), cy + 10 * math.sin(a + 1.57))
            d.polygon(s([(cx, cy), side, tip]), fill=(250, 250, 252))
        d.ellipse(s((cx - 7, cy - 7, cx + 7, cy + 7)), fill=(210, 214, 220))
    return img


def stadium(w, h, rng):
    img, d = canvas(w, h, (8, 12, 34), (30, 40, 80))
    for lx in (120, 680):
        d.rectangle(s((lx - 3, 60, lx + 3, 300)), fill=(70, 76, 96))
        d.rectangle(s((lx - 40, 40, lx + 40, 70)), fill=(250, 250, 236))
        d.polygon(s([(lx - 40, 70), (lx + 40, 70), (lx + 260 * (1 if lx < 400 else -1), 330), (lx + 60 * (1 if lx < 400 else -1), 330)]), fill=(52, 60, 100))
    d.polygon(s([(0, 280), (800, 280), (800, 330), (0, 330)]), fill=(44, 40, 64))
    for i in range(260):
        x = rng.randint(0, 800)
        y = rng.randint(284, 326)
        d.point(s((x, y)), fill=rng.choice([(200, 60, 60), (230, 230, 230), (60, 90, 200)]))
    vgradient(d, s((0, 330, w, h)), (56, 140, 70), (34, 100, 50))
    for k in range(8):
        x0 = k * 100
        d.polygon(s([(x0, 330), (x0 + 50, 330), (x0 + 40, 450), (x0 - 20, 450)]), fill=(48, 126, 62))
    d.line(s([(400, 330), (400, 450)]), fill=(230, 240, 230), width=2 * SS)
    d.ellipse(s((330, 370, 470, 430)), outline=(230, 240, 230), width=2 * SS)
    return img


def flask(w, h, rng):
    img, d = canvas(w, h, (226, 236, 240), (190, 206, 216))
    d.rectangle(s((0, 360, w, h)), fill=(120, 130, 142))
    cx = 400
    d.rectangle(s((cx - 22, 70, cx + 22, 170)), fill=(236, 244, 248), outline=(80, 100, 120), width=3 * SS)
    d.polygon(s([(cx - 22, 170), (cx + 22, 170), (cx + 130, 350), (cx - 130, 350)]), fill=(236, 244, 248), outline=(80, 100, 120))
    d.polygon(s([(cx - 72, 255), (cx + 72, 255), (cx + 126, 346), (cx - 126, 346)]), fill=(64, 178, 160))
    for i in range(12):
        bx = cx + rng.randint(-70, 70)
        by = rng.randint(120, 330)
        r = rng.randint(4, 12)
        d.ellipse(s((bx - r, by - r, bx + r, by + r)), outline=(60, 150, 140), width=2 * SS)
    for tx, col in [(180, (214, 90, 70)), (220, (230, 180, 60)), (600, (90, 120, 200))]:
        d.rectangle(s((tx - 10, 220, tx + 10, 350)), fill=(240, 244, 246), outline=(100, 110, 120))
        d.rectangle(s((tx - 9, 290, tx + 9, 349)), fill=col)
    return img


def curtain(w, h, rng):
    img, d = canvas(w, h, (40, 8, 14), (20, 4, 8))
    d.polygon(s([(250, 0), (550, 0), (680, 450), (120, 450)]), fill=(232, 210, 160))
    for side in (0, 1):
        for k in range(9):
            x = k * 30 if side == 0 else 800 - (k + 1) * 30
            shade = 120 + (k % 2) * 40
            d.rectangle(s((x, 0, x + 30, 450)), fill=(shade, 20, 30))
    for k in range(26):
        x = k * 32
        d.pieslice(s((x - 4, -30, x + 36, 50)), 0, 180, fill=(150 + (k % 2) * 30, 24, 36))
    d.rectangle(s((0, 400, w, h)), fill=(84, 52, 30))
    d.ellipse(s((370, 300, 430, 400)), fill=(30, 24, 30))
    d.ellipse(s((385, 260, 415, 300)), fill=(30, 24, 30))
    return img


def mountains(w, h, rng):
    img, d = canvas(w, h, (150, 186, 220), (244, 220, 200))
    for col, pts in [
        ((124, 140, 170), [(0, 300), (120, 160), (230, 250), (380, 110), (520, 260), (640, 150), (800, 260)]),
        ((80, 96, 122), [(0, 350), (160, 230), (300, 330), (460, 210), (600, 320), (720, 240), (800, 300)]),
        ((46, 70, 70), [(0, 410), (200, 320), (420, 400), (620, 330), (800, 390)]),
    ]:
        d.polygon(s(pts + [(800, 450), (0, 450)]), fill=col)
    for (px, py) in [(380, 110), (640, 150), (120, 160)]:
        d.polygon(s([(px, py), (px - 30, py + 40), (px - 8, py + 32), (px + 10, py + 44), (px + 30, py + 38)]), fill=(248, 250, 252))
    return img


def circuit(w, h, rng):
    img, d = canvas(w, h, (10, 52, 44), (6, 30, 30))
    for _ in range(70):
        x, y = rng.randrange(0, 800, 20), rng.randrange(0, 450, 20)
        pts = [(x, y)]
        for _ in range(rng.randint(2, 5)):
            if rng.random() < 0.5:
                x += rng.choice([-1, 1]) * rng.randrange(20, 120, 20)
            else:
                y += rng.choice([-1, 1]) * rng.randrange(20, 100, 20)
            pts.append((x, y))
        d.line(s(pts), fill=(70, 170, 120), width=2 * SS)
        ex, ey = pts[-1]
        d.ellipse(s((ex - 4, ey - 4, ex + 4, ey + 4)), fill=(214, 180, 90))
    d.rectangle(s((310, 150, 490, 300)), fill=(24, 26, 30), outline=(120, 130, 140), width=2 * SS)
    for k in range(9):
        for (ax, ay, bx, by) in [(320 + k * 20, 140, 326 + k * 20, 150), (320 + k * 20, 300, 326 + k * 20, 310)]:
            d.rectangle(s((ax, ay, bx, by)), fill=(200, 200, 206))
    return img


def field(w, h, rng):
    img, d = canvas(w, h, (168, 206, 236), (250, 236, 200))
    d.ellipse(s((90, 60, 160, 130)), fill=(255, 236, 160))
    for k in range(12):
        y0 = 230
        x0 = -400 + k * 110
        col = [(196, 168, 70), (150, 170, 70), (210, 186, 96)][k % 3]
        d.polygon(s([(400 + (x0 - 400) * 0.15, y0), (400 + (x0 + 110 - 400) * 0.15, y0), (x0 + 110, 450), (x0, 450)]), fill=col)
    d.rectangle(s((0, 222, 800, 232)), fill=(90, 120, 70))
    d.rectangle(s((600, 180, 640, 226)), fill=(150, 50, 40))
    d.polygon(s([(594, 180), (646, 180), (620, 160)]), fill=(90, 40, 30))
    for i in range(6):
        tx = 40 + i * 34
        d.ellipse(s((tx - 14, 190, tx + 14, 222)), fill=(60, 96, 60))
    return img


def train(w, h, rng):
    img, d = canvas(w, h, (196, 214, 230), (236, 230, 220))
    d.rectangle(s((0, 300, w, h)), fill=(120, 116, 108))
    for x in range(-20, 820, 24):
        d.rectangle(s((x, 350, x + 12, 372)), fill=(90, 72, 56))
    d.line(s([(0, 352), (800, 352)]), fill=(180, 184, 190), width=3 * SS)
    d.line(s([(0, 368), (800, 368)]), fill=(180, 184, 190), width=3 * SS)
    d.polygon(s([(60, 340), (700, 340), (760, 300), (760, 240), (700, 200), (60, 200)]), fill=(196, 40, 48))
    d.rectangle(s((60, 300, 760, 314)), fill=(240, 240, 240))
    for x in range(90, 640, 56):
        d.rectangle(s((x, 220, x + 40, 262)), fill=(40, 56, 76))
    d.polygon(s([(690, 216), (740, 236), (740, 266), (690, 266)]), fill=(40, 56, 76))
    for x in range(0, 800, 120):
        d.rectangle(s((x + 50, 120, x + 54, 300)), fill=(80, 86, 96))
        d.line(s([(x + 10, 130), (x + 100, 130)]), fill=(80, 86, 96), width=SS)
    d.line(s([(0, 150), (800, 150)]), fill=(60, 60, 70), width=SS)
    return img


def telescope(w, h, rng):
    img, d = canvas(w, h, (4, 8, 28), (34, 30, 70))
    for _ in range(220):
        x, y = rng.randint(0, 800), rng.randint(0, 330)
        r = rng.choice([0.5, 0.5, 1, 1.5])
        b = rng.randint(170, 255)
        d.ellipse(s((x - r, y - r, x + r, y + r)), fill=(b, b, min(255, b + 20)))
    d.polygon(s([(0, 380), (250, 330), (520, 360), (800, 320), (800, 450), (0, 450)]), fill=(20, 20, 30))
    d.pieslice(s((340, 240, 520, 420)), 180, 360, fill=(210, 214, 222))
    d.rectangle(s((340, 330, 520, 400)), fill=(196, 200, 210))
    d.polygon(s([(430, 290), (560, 170), (580, 190), (452, 310)]), fill=(60, 64, 80))
    d.rectangle(s((420, 360, 440, 400)), fill=(60, 64, 80))
    return img


def chart(w, h, rng):
    img, d = canvas(w, h, (244, 242, 236), (228, 226, 218))
    for y in range(60, 420, 60):
        d.line(s([(60, y), (760, y)]), fill=(200, 198, 190), width=SS)
    vals = [0.5]
    for _ in range(27):
        vals.append(min(0.95, max(0.05, vals[-1] + rng.uniform(-0.12, 0.13))))
    pts = [(60 + i * 26, 400 - v * 330) for i, v in enumerate(vals)]
    d.polygon(s(pts + [(pts[-1][0], 400), (60, 400)]), fill=(206, 222, 232))
    d.line(s(pts), fill=(30, 80, 140), width=4 * SS, joint="curve")
    for i in range(10):
        bh = rng.randint(10, 60)
        d.rectangle(s((80 + i * 68, 420 - bh, 110 + i * 68, 420)), fill=(190, 60, 50) if i % 3 == 0 else (120, 130, 140))
    return img


def parliament(w, h, rng):
    img, d = canvas(w, h, (216, 224, 236), (180, 192, 210))
    d.polygon(s([(150, 150), (400, 60), (650, 150)]), fill=(230, 226, 214))
    d.rectangle(s((150, 150, 650, 170)), fill=(214, 208, 194))
    for k in range(9):
        x = 175 + k * 56
        d.rectangle(s((x, 170, x + 22, 340)), fill=(238, 234, 222))
        d.rectangle(s((x - 3, 170, x + 25, 178)), fill=(200, 194, 180))
    d.rectangle(s((130, 340, 670, 360)), fill=(200, 194, 180))
    d.rectangle(s((110, 360, 690, 380)), fill=(186, 180, 166))
    d.rectangle(s((0, 380, w, h)), fill=(140, 136, 128))
    for k in range(12):
        a = math.radians(90 + k * 30)
        x, y = 400 + 30 * math.cos(a), 116 + 30 * math.sin(a) * 0.9
        d.regular_polygon((s(x), s(y), s(4)), 5, fill=(220, 184, 40))
    return img


def coast(w, h, rng):
    img, d = canvas(w, h, (244, 200, 160), (200, 170, 190))
    d.ellipse(s((340, 150, 460, 270)), fill=(255, 226, 170))
    vgradient(d, s((0, 230, w, h)), (90, 110, 150), (30, 50, 90))
    for i in range(30):
        y = rng.randint(240, 440)
        x = rng.randint(0, 760)
        d.line(s([(x, y), (x + rng.randint(20, 90), y)]), fill=(170, 150, 170), width=SS)
    d.polygon(s([(0, 330), (160, 300), (260, 450), (0, 450)]), fill=(40, 36, 40))
    d.rectangle(s((90, 200, 110, 310)), fill=(240, 240, 236))
    d.rectangle(s((90, 230, 110, 246)), fill=(200, 50, 50))
    d.rectangle(s((86, 190, 114, 204)), fill=(60, 60, 70))
    return img


def cycling(w, h, rng):
    img, d = canvas(w, h, (250, 214, 150), (236, 240, 236))
    d.polygon(s([(0, 260), (800, 200), (800, 450), (0, 450)]), fill=(70, 74, 80))
    for k in range(10):
        x = k * 90
        d.polygon(s([(x, 330 - k * 6), (x + 40, 327 - k * 6), (x + 40, 333 - k * 6), (x, 336 - k * 6)]), fill=(240, 240, 230))
    for bx, col in [(260, (40, 90, 180)), (470, (220, 200, 40))]:
        by = 330 - bx * 0.07
        for wx in (bx - 50, bx + 50):
            d.ellipse(s((wx - 40, by - 40, wx + 40, by + 40)), outline=(20, 20, 24), width=4 * SS)
        d.line(s([(bx - 50, by), (bx, by - 50), (bx + 50, by), (bx - 5, by)]), fill=col, width=5 * SS)
        d.line(s([(bx - 5, by), (bx - 50, by)]), fill=col, width=5 * SS)
        d.line(s([(bx, by - 50), (bx - 15, by - 100), (bx + 30, by - 110)]), fill=col, width=14 * SS)
        d.ellipse(s((bx + 26, by - 140, bx + 52, by - 114)), fill=col)
    return img


def tennis(w, h, rng):
    img, d = canvas(w, h, (60, 120, 90), (40, 100, 74))
    d.polygon(s([(250, 40), (550, 40), (740, 430), (60, 430)]), fill=(190, 90, 56))
    white = (246, 244, 236)
    d.line(s([(250, 40), (550, 40), (740, 430), (60, 430), (250, 40)]), fill=white, width=3 * SS)
    d.line(s([(170, 200), (630, 200)]), fill=white, width=2 * SS)
    d.line(s([(400, 40), (400, 430)]), fill=white, width=2 * SS)
    d.rectangle(s((128, 240, 672, 250)), fill=(30, 30, 34))
    d.line(s([(128, 240), (672, 240)]), fill=white, width=3 * SS)
    d.ellipse(s((520, 120, 540, 140)), fill=(220, 240, 60))
    return img


def satellite(w, h, rng):
    img, d = canvas(w, h, (2, 4, 18), (10, 14, 40))
    for _ in range(160):
        x, y = rng.randint(0, 800), rng.randint(0, 300)
        b = rng.randint(150, 240)
        d.point(s((x, y)), fill=(b, b, b))
    d.ellipse(s((-300, 300, 1100, 1300)), fill=(40, 96, 170))
    d.ellipse(s((-280, 318, 1080, 1300)), fill=(52, 120, 190))
    for _ in range(9):
        cx, cy = rng.randint(0, 800), rng.randint(340, 440)
        d.ellipse(s((cx - 60, cy - 10, cx + 60, cy + 10)), fill=(220, 230, 240))
    d.arc(s((-300, 300, 1100, 1300)), 200, 340, fill=(140, 200, 250), width=3 * SS)
    cx, cy = 430, 170
    d.rectangle(s((cx - 30, cy - 22, cx + 30, cy + 22)), fill=(214, 180, 90))
    for sx in (-1, 1):
        x0 = cx + sx * 40
        x1 = cx + sx * 180
        d.line(s([(cx + sx * 30, cy), (x0, cy)]), fill=(180, 180, 190), width=2 * SS)
        d.rectangle(s((min(x0, x1), cy - 30, max(x0, x1), cy + 30)), fill=(40, 60, 130), outline=(150, 160, 200), width=SS)
        for k in range(1, 7):
            gx = min(x0, x1) + k * 20
            d.line(s([(gx, cy - 30), (gx, cy + 30)]), fill=(90, 110, 180), width=SS)
    d.polygon(s([(cx - 8, cy + 22), (cx + 8, cy + 22), (cx + 14, cy + 40), (cx - 14, cy + 40)]), fill=(200, 200, 210))
    return img


def gallery(w, h, rng):
    img, d = canvas(w, h, (236, 232, 224), (222, 216, 204))
    vgradient(d, s((0, 360, w, h)), (170, 130, 90), (130, 96, 66))
    for x in range(0, 800, 60):
        d.line(s([(x, 360), (x - 120, 450)]), fill=(150, 112, 78), width=SS)
    frames = [(70, 110, 230, 300), (290, 80, 510, 260), (570, 120, 730, 300)]
    palettes = [[(180, 70, 50), (220, 170, 80), (60, 80, 110)],
                [(40, 90, 120), (200, 200, 180), (120, 160, 90)],
                [(90, 60, 100), (220, 140, 120), (240, 220, 160)]]
    for (x0, y0, x1, y1), pal in zip(frames, palettes):
        d.rectangle(s((x0 - 12, y0 - 12, x1 + 12, y1 + 12)), fill=(150, 118, 50))
        d.rectangle(s((x0, y0, x1, y1)), fill=pal[2])
        for _ in range(5):
            a, b = rng.randint(x0, x1 - 40), rng.randint(y0, y1 - 40)
            d.ellipse(s((a, b, a + rng.randint(30, 80), b + rng.randint(30, 80))), fill=rng.choice(pal[:2]))
        d.rectangle(s((x0 - 12, y0 - 12, x1 + 12, y1 + 12)), outline=(110, 84, 30), width=3 * SS)
    d.rectangle(s((340, 330, 460, 345)), fill=(70, 50, 40))
    d.rectangle(s((350, 345, 360, 380)), fill=(70, 50, 40))
    d.rectangle(s((440, 345, 450, 380)), fill=(70, 50, 40))
    return img


def cinema(w, h, rng):
    img, d = canvas(w, h, (20, 18, 30), (44, 30, 40))
    d.polygon(s([(20, 40), (160, 40), (800, 180), (800, 300), (160, 120), (20, 120)]), fill=(70, 64, 60))
    d.polygon(s([(140, 60), (800, 150), (800, 330), (140, 100)]), fill=(90, 84, 74))
    d.rectangle(s((20, 30, 150, 130)), fill=(30, 30, 34), outline=(120, 120, 130), width=2 * SS)
    d.ellipse(s((110, 55, 150, 105)), fill=(250, 240, 200))
    for row in range(3):
        y = 250 + row * 60
        for k in range(11):
            x = 30 + k * 70 + (row % 2) * 30
            d.rounded_rectangle(s((x, y, x + 54, y + 70)), radius=s(10), fill=(150, 30, 40))
    d.rectangle(s((0, 420, w, h)), fill=(30, 20, 24))
    d.rectangle(s((0, 150, 120, 190)), fill=(20, 20, 20))
    for x in range(4, 120, 14):
        d.rectangle(s((x, 154, x + 8, 160)), fill=(220, 220, 220))
        d.rectangle(s((x, 180, x + 8, 186)), fill=(220, 220, 220))
    return img


# --------------------------------------------------------------------------
# Inline illustrations (800x533 landscape, 600x800 portrait)
# --------------------------------------------------------------------------

def cranes(w, h, rng):
    img, d = canvas(w, h, (180, 200, 220), (236, 226, 210))
    vgradient(d, s((0, 380, w, h)), (80, 100, 120), (50, 64, 84))
    for x0, col in [(120, (220, 120, 40)), (420, (210, 60, 50)), (640, (220, 160, 40))]:
        d.rectangle(s((x0, 120, x0 + 16, 380)), fill=col)
        d.line(s([(x0 - 90, 130), (x0 + 180, 130)]), fill=col, width=8 * SS)
        d.line(s([(x0 + 8, 60), (x0 - 80, 130)]), fill=col, width=2 * SS)
        d.line(s([(x0 + 8, 60), (x0 + 170, 130)]), fill=col, width=2 * SS)
        d.line(s([(x0 + 120, 130), (x0 + 120, 260)]), fill=(50, 50, 50), width=SS)
        d.rectangle(s((x0 + 100, 260, x0 + 140, 280)), fill=(60, 100, 150))
    for k in range(40):
        x = 20 + (k % 20) * 38
        y = 360 - (k // 20) * 20
        d.rectangle(s((x, y, x + 34, y + 18)), fill=rng.choice([(180, 60, 50), (50, 100, 150), (200, 170, 60), (80, 130, 90)]))
    return img


def greenhouse(w, h, rng):
    img, d = canvas(w, h, (200, 224, 236), (232, 240, 230))
    d.rectangle(s((0, 400, w, h)), fill=(110, 96, 76))
    for k in range(4):
        x0 = 20 + k * 195
        d.polygon(s([(x0, 400), (x0, 250), (x0 + 90, 190), (x0 + 180, 250), (x0 + 180, 400)]), fill=(214, 232, 226), outline=(140, 150, 150))
        for gx in range(x0 + 20, x0 + 180, 20):
            d.line(s([(gx, 250 - (60 if abs(gx - x0 - 90) < 10 else 0)), (gx, 400)]), fill=(170, 186, 186), width=SS)
        for px in range(x0 + 12, x0 + 170, 18):
            d.ellipse(s((px - 7, 360, px + 7, 390)), fill=(70, 140, 70))
    return img


def lighthouse(w, h, rng):
    img, d = canvas(w, h, (30, 44, 90), (230, 150, 120))
    d.polygon(s([(300, 180), (260, 100), (800 - 40, 0), (800, 0)]), fill=(250, 236, 180))
    vgradient(d, s((0, 620, w, h)), (40, 60, 100), (20, 30, 60))
    d.polygon(s([(0, 620), (420, 600), (600, 680), (600, 800), (0, 800)]), fill=(40, 34, 36))
    d.polygon(s([(260, 620), (340, 620), (325, 220), (275, 220)]), fill=(240, 238, 230))
    for y in (300, 420, 540):
        d.polygon(s([(270 - (y - 220) * 0.02, y), (330 + (y - 220) * 0.02, y), (331 + (y - 220) * 0.02, y + 40), (269 - (y - 220) * 0.02, y + 40)]), fill=(196, 50, 50))
    d.rectangle(s((270, 180, 330, 220)), fill=(250, 230, 150))
    d.polygon(s([(262, 180), (338, 180), (300, 150)]), fill=(40, 40, 46))
    return img


def tower(w, h, rng):
    img, d = canvas(w, h, (120, 160, 210), (230, 232, 236))
    for k in range(6):
        y = 120 + k * 110
        d.ellipse(s((40 + k * 30, y, 240 + k * 30, y + 40)), fill=(246, 246, 250))
    d.polygon(s([(220, 800), (260, 140), (340, 140), (380, 800)]), fill=(70, 84, 104))
    for y in range(160, 800, 24):
        for x in range(262, 340, 16):
            if rng.random() < 0.7:
                d.rectangle(s((x, y, x + 8, y + 12)), fill=(170, 200, 226))
    d.rectangle(s((296, 60, 302, 140)), fill=(70, 84, 104))
    d.rectangle(s((0, 740, w, h)), fill=(90, 94, 100))
    d.polygon(s([(420, 800), (440, 480), (540, 480), (560, 800)]), fill=(110, 118, 128))
    return img


IMAGES = [
    # name, function, width, height
    ("skyline.jpg", skyline, 800, 450),
    ("barges.jpg", barges, 800, 450),
    ("turbines.jpg", turbines, 800, 450),
    ("stadium.jpg", stadium, 800, 450),
    ("flask.jpg", flask, 800, 450),
    ("curtain.jpg", curtain, 800, 450),
    ("mountains.jpg", mountains, 800, 450),
    ("circuit.jpg", circuit, 800, 450),
    ("field.jpg", field, 800, 450),
    ("train.jpg", train, 800, 450),
    ("telescope.jpg", telescope, 800, 450),
    ("chart.jpg", chart, 800, 450),
    ("parliament.jpg", parliament, 800, 450),
    ("coast.jpg", coast, 800, 450),
    ("cycling.jpg", cycling, 800, 450),
    ("tennis.jpg", tennis, 800, 450),
    ("satellite.jpg", satellite, 800, 450),
    ("gallery.jpg", gallery, 800, 450),
    ("cinema.jpg", cinema, 800, 450),
    ("cranes.jpg", cranes, 800, 533),
    ("greenhouse.jpg", greenhouse, 800, 533),
    ("lighthouse.jpg", lighthouse, 600, 800),
    ("tower.jpg", tower, 600, 800),
]


def save(img, path):
    for q in (70, 64, 58, 52, 46):
        img.save(path, "JPEG", quality=q, progressive=True, optimize=True)
        if os.path.getsize(path) < MAX_BYTES:
            return q
    raise SystemExit(f"{path} is still over {MAX_BYTES} bytes")


def main():
    os.makedirs(OUT, exist_ok=True)
    for i, (name, fn, w, h) in enumerate(IMAGES):
        rng = random.Random(1000 + i)
        big = fn(w, h, rng)
        img = big.resize((w, h), Image.LANCZOS).filter(ImageFilter.SMOOTH)
        path = os.path.join(OUT, name)
        q = save(img, path)
        print(f"{name:16} {w}x{h}  q={q}  {os.path.getsize(path):6d} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
