"""Writes the reference images WeftImageTests decodes. Run once from this folder:

    python3 -m venv /tmp/pillow-venv && /tmp/pillow-venv/bin/pip install pillow
    /tmp/pillow-venv/bin/python make_fixtures.py

Pillow (13.0) makes the files it can write; the rest (16-bit RGBA, Adam7 interlacing, text after the image data)
come from the tiny PNG writer below, built on Python's zlib only. Every file is read back with Pillow and compared
with the pixel formulas, which the Swift tests compute on their own.
"""

import struct
import zlib

from PIL import Image
from PIL.PngImagePlugin import PngInfo


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png(path, width, height, bit_depth, color_type, pixel, samples, interlace=0, before=(), after=()):
    """pixel(x, y) -> tuple of samples; 8- or 16-bit only."""
    size = bit_depth // 8

    def row(xs):
        out = bytearray([0])  # filter type None
        for x, y in xs:
            for value in pixel(x, y):
                out += value.to_bytes(size, "big")
        return bytes(out)

    raw = b""
    if interlace == 0:
        raw = b"".join(row([(x, y) for x in range(width)]) for y in range(height))
    else:
        for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
            columns = list(range(x0, width, dx))
            if not columns:
                continue
            for y in range(y0, height, dy):
                raw += row([(x, y) for x in columns])
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    data += b"".join(before) + chunk(b"IDAT", zlib.compress(raw, 9)) + b"".join(after) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def check(path, mode, expected):
    with Image.open(path) as image:
        image.load()
        converted = image.convert(mode) if image.mode != mode else image
        width, height = converted.size
        assert [converted.getpixel((x, y)) for y in range(height) for x in range(width)] == expected, path


# gray16.png: 5x3, 16-bit gray, sample = (x * 16411 + y * 7919) % 65536 (decodes to the high byte)
def gray16(x, y):
    return (x * 16411 + y * 7919) % 65536


image = Image.new("I;16", (5, 3))
image.putdata([gray16(x, y) for y in range(3) for x in range(5)])
image.save("gray16.png")
check("gray16.png", "I;16", [gray16(x, y) for y in range(3) for x in range(5)])


# rgba16.png: 3x2, 16-bit RGBA, samples (x*20000+y*3000+c*1111) % 65536 for c = 0...3
def rgba16(x, y):
    return tuple((x * 20000 + y * 3000 + c * 1111) % 65536 for c in range(4))


write_png("rgba16.png", 3, 2, 16, 6, rgba16, 4)
check("rgba16.png", "RGBA", [tuple(v >> 8 for v in rgba16(x, y)) for y in range(2) for x in range(3)])

# palette_trns.png: 4x2, 2-bit palette of 4 colours, tRNS for the first two entries only (0 and 128)
palette = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (10, 20, 30)]
indices = [0, 1, 2, 3, 3, 2, 1, 0]
image = Image.new("P", (4, 2))
image.putpalette([v for colour in palette for v in colour])
image.putdata(indices)
image.save("palette_trns.png", bits=2, transparency=bytes([0, 128]))
alphas = [0, 128, 255, 255]
check("palette_trns.png", "RGBA", [palette[i] + (alphas[i],) for i in indices])

# gray_alpha.png: 3x3 LA, gray = 30 * (x + 3y), alpha = 255 - 25 * (x + 3y)
gray_alpha = [(30 * i, 255 - 25 * i) for i in range(9)]
image = Image.new("LA", (3, 3))
image.putdata(gray_alpha)
image.save("gray_alpha.png")
check("gray_alpha.png", "LA", gray_alpha)


# interlaced_rgb.png: 9x7 Adam7 RGB, pixel = (x*28, y*36, (x*y*5) % 256)
def interlaced(x, y):
    return (x * 28, y * 36, (x * y * 5) % 256)


write_png("interlaced_rgb.png", 9, 7, 8, 2, interlaced, 3, interlace=1)
with Image.open("interlaced_rgb.png") as image:
    assert image.info.get("interlace") == 1
check("interlaced_rgb.png", "RGB", [interlaced(x, y) for y in range(7) for x in range(9)])

# gray1.png: 10x2, 1-bit gray, white where (x + y) % 3 == 0 (decodes to 0 or 255)
image = Image.new("1", (10, 2))
image.putdata([255 if (x + y) % 3 == 0 else 0 for y in range(2) for x in range(10)])
image.save("gray1.png")
check("gray1.png", "L", [255 if (x + y) % 3 == 0 else 0 for y in range(2) for x in range(10)])

# rgb_trns.png: 3x1 RGB with colour key (0, 255, 0): pixels red, key green, blue -> alpha 255, 0, 255
image = Image.new("RGB", (3, 1))
image.putdata([(255, 0, 0), (0, 255, 0), (0, 0, 255)])
image.save("rgb_trns.png", transparency=(0, 255, 0))
check("rgb_trns.png", "RGBA", [(255, 0, 0, 255), (0, 255, 0, 0), (0, 0, 255, 255)])

# text_chunks.png: 2x2 RGB with, in order: tEXt prompt, zTXt note, compressed iTXt title, plain iTXt caption
info = PngInfo()
info.add_text("prompt", '{"3": {"class_type": "KSampler", "inputs": {"seed": 7}}}')
info.add_text("note", "compressed " * 40, zip=True)
info.add_itxt("title", "Grüße ✓ 日本", lang="de", tkey="Titel", zip=True)
info.add_itxt("caption", "naïve ✓", zip=False)
Image.new("RGB", (2, 2), (9, 8, 7)).save("text_chunks.png", pnginfo=info)

# text_after_idat.png: 2x1 gray (0, 200), tEXt "before"="1" ahead of IDAT and tEXt "after"="2" behind it
write_png("text_after_idat.png", 2, 1, 8, 0, lambda x, y: (200 * x,), 1,
          before=[chunk(b"tEXt", b"before\x001")], after=[chunk(b"tEXt", b"after\x002")])
check("text_after_idat.png", "L", [0, 200])

# JPEGs (lossy: tests allow a tolerance). blocks: 16x16 quadrants red, green / blue, white; 4:4:4, quality 95.
quadrants = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)]
image = Image.new("RGB", (16, 16))
image.putdata([quadrants[(y // 8) * 2 + x // 8] for y in range(16) for x in range(16)])
image.save("blocks.jpg", quality=95, subsampling=0)
image.save("blocks_progressive.jpg", quality=95, subsampling=0, progressive=True)
# gray.jpg: 8x8 gray, value 32 * x (a horizontal ramp)
image = Image.new("L", (8, 8))
image.putdata([32 * x for y in range(8) for x in range(8)])
image.save("gray.jpg", quality=95)
# cmyk.jpg: 16x8 CMYK, left half (0, 255, 255, 0) = red ink, right half (0, 0, 0, 128) = 50% black.
# Pillow writes Adobe-style inverted CMYK with an Adobe marker.
image = Image.new("CMYK", (16, 8))
image.putdata([(0, 255, 255, 0) if x < 8 else (0, 0, 0, 128) for y in range(8) for x in range(16)])
image.save("cmyk.jpg", quality=95)
with Image.open("cmyk.jpg") as image:
    rgb = image.convert("RGB")
    print("cmyk.jpg via Pillow:", rgb.getpixel((3, 3)), rgb.getpixel((12, 3)))

# lossless_rgba.webp: 4x3 RGBA, pixel = (x*60, y*80, 200 - x*10, 255 - (x + 4y)*20), lossless and exact
def webp_pixel(x, y):
    return (x * 60, y * 80, 200 - x * 10, 255 - (x + 4 * y) * 20)


image = Image.new("RGBA", (4, 3))
image.putdata([webp_pixel(x, y) for y in range(3) for x in range(4)])
image.save("lossless_rgba.webp", lossless=True, exact=True)
check("lossless_rgba.webp", "RGBA", [webp_pixel(x, y) for y in range(3) for x in range(4)])
print("done")
