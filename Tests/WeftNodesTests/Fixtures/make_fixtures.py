"""Writes the image-node fixtures with Pillow, the library ComfyUI saves and loads images with (see README.md)."""
import json

import numpy as np
from PIL import Image
from PIL.PngImagePlugin import PngInfo

# An API prompt and an editor workflow with the values whose spelling json.dumps decides: non-ASCII text, quotes,
# a 64-bit seed, floats that print as 8.0 / 1e-05 / 0.1, a negative zero and NaN.
prompt = {
    "3": {
        "inputs": {"seed": 18446744073709551615, "steps": 20, "cfg": 8.0, "denoise": 1e-05, "eta": 0.1,
                   "text": "a caf\u00e9 \u2013 \"quoted\" \u732b", "ratio": -0.0, "odd": float("nan"),
                   "model": ["4", 0]},
        "class_type": "KSampler",
        "_meta": {"title": "KSampler"},
    },
    "9": {"inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}, "class_type": "SaveImage"},
}
workflow = {
    "last_node_id": 9,
    "nodes": [{"id": 9, "type": "SaveImage", "pos": [1451, 189], "size": [210, 58], "widgets_values": ["ComfyUI"]}],
    "links": [],
    "extra": {"ds": {"scale": 1.1, "offset": [0.5, -12.25]}},
    "version": 0.4,
}

# ComfyUI's SaveImage: one tEXt chunk per key, json.dumps defaults, zlib level 4.
rgb = (np.arange(4 * 3 * 3).reshape(3, 4, 3) * 7 % 256).astype(np.uint8)
metadata = PngInfo()
metadata.add_text("prompt", json.dumps(prompt))
metadata.add_text("workflow", json.dumps(workflow))
Image.fromarray(rgb).save("comfyui_saved.png", pnginfo=metadata, compress_level=4)

# An RGBA image whose alpha ComfyUI's LoadImage turns into a mask, and a palette image with transparency.
rgba = np.zeros((2, 3, 4), dtype=np.uint8)
rgba[..., 0] = [[0, 128, 255], [1, 2, 3]]
rgba[..., 1] = [[10, 20, 30], [40, 50, 60]]
rgba[..., 2] = [[200, 201, 202], [203, 204, 205]]
rgba[..., 3] = [[255, 0, 127], [128, 1, 254]]
Image.fromarray(rgba, "RGBA").save("rgba.png")

# A PNG whose header claims 65535 x 65535 RGBA 16-bit (32 GiB of pixels) with an empty image data stream.
import struct
import zlib


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


with open("huge_header.png", "wb") as f:
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 65535, 65535, 16, 6, 0, 0, 0))
    f.write(b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
