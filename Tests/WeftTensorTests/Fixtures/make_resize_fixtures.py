"""Writes resize.safetensors: what ComfyUI's upscale methods give, computed by real PyTorch and Pillow (see README.md).

Run with a Python that has torch, numpy, pillow and safetensors: `python make_resize_fixtures.py` in this folder.
"""
import numpy as np
import PIL
import safetensors
import safetensors.numpy
import torch
import torch.nn.functional as F
from PIL import Image

TORCH_METHODS = ["nearest-exact", "bilinear", "area", "bicubic"]
METHODS = TORCH_METHODS + ["lanczos"]

rng = np.random.default_rng(20261121)
INPUTS = {
    # An RGB image, values in [0, 1).
    "a": rng.random((1, 3, 7, 9), dtype=np.float32),
    # Two 4-channel images (RGBA for Pillow, so premultiplied) with values in [-0.25, 1.25): bicubic keeps the range,
    # lanczos clamps it.
    "b": rng.random((2, 4, 5, 6), dtype=np.float32) * np.float32(1.5) - np.float32(0.25),
    # Grey + alpha (Pillow's LA) and grey alone (L): lanczos only.
    "c": rng.random((1, 2, 6, 5), dtype=np.float32),
    "g": rng.random((1, 1, 6, 7), dtype=np.float32),
    # A larger RGB image for lanczos, including one-axis resizes (Pillow then skips the other pass).
    "p": rng.random((1, 3, 16, 20), dtype=np.float32),
}

# (input, methods, (height, width) targets, crop)
CASES = [
    ("a", METHODS, [(12, 16), (4, 5), (3, 20), (14, 18)], "disabled"),
    # 5x6 is the same size: Pillow then copies, so lanczos only quantises (no premultiplication round trip).
    ("b", METHODS, [(8, 9), (3, 4), (1, 1), (5, 6)], "disabled"),
    # Centre crops of the 7x9 image: 12x12 and 16x8 cut columns, 4x12 cuts rows; 4x18 (2.5 rows -> 2), 7x6
    # (1.5 columns -> 2) and 6x9 (0.5 rows -> 0) are ties that Python's round sends to the even neighbour.
    ("a", METHODS, [(12, 12), (16, 8), (4, 12), (4, 18), (7, 6), (6, 9)], "center"),
    ("b", METHODS, [(8, 4)], "center"),
    ("c", ["lanczos"], [(9, 4), (3, 8)], "disabled"),
    ("g", ["lanczos"], [(9, 4)], "disabled"),
    ("p", ["lanczos"], [(28, 35), (6, 7), (16, 33), (9, 20)], "disabled"),
]


def center_crop(x, height, width):
    """The window common_upscale keeps with crop="center": equal cuts from both ends of the relatively longer axis."""
    old_height, old_width = x.shape[-2:]
    old_aspect, new_aspect = old_width / old_height, width / height
    top = left = 0
    if old_aspect > new_aspect:
        left = round((old_width - old_width * (new_aspect / old_aspect)) / 2)
    elif old_aspect < new_aspect:
        top = round((old_height - old_height * (old_aspect / new_aspect)) / 2)
    return x[..., top : old_height - top, left : old_width - left]


def pillow_lanczos(x, height, width):
    """ComfyUI's lanczos: each image to 8-bit (clip(255 x).astype(uint8)), Pillow LANCZOS resize, back as bytes / 255."""
    results = []
    for image in x:
        channels_last = image.transpose(1, 2, 0)
        if channels_last.shape[2] == 1:
            channels_last = channels_last[:, :, 0]
        pixels = np.clip(255.0 * channels_last, 0, 255).astype(np.uint8)
        resized = Image.fromarray(pixels).resize((width, height), resample=Image.Resampling.LANCZOS)
        values = np.asarray(resized).astype(np.float32) / 255.0
        results.append(values.reshape(height, width, -1).transpose(2, 0, 1))
    return np.stack(results)


def upscaled(x, method, height, width, crop):
    source = center_crop(x, height, width) if crop == "center" else x
    if method == "lanczos":
        return pillow_lanczos(source, height, width)
    return F.interpolate(torch.from_numpy(np.ascontiguousarray(source)), size=(height, width), mode=method).numpy()


tensors = {f"input.{name}": value for name, value in INPUTS.items()}
for name, methods, targets, crop in CASES:
    for method in methods:
        for height, width in targets:
            tensors[f"{name}.{method}.{height}x{width}.{crop}"] = np.ascontiguousarray(
                upscaled(INPUTS[name], method, height, width, crop), dtype=np.float32)

versions = f"torch {torch.__version__}, numpy {np.__version__}, pillow {PIL.__version__}, safetensors {safetensors.__version__}"
safetensors.numpy.save_file(tensors, "resize.safetensors", {"format": "pt", "made_by": versions})
print(f"{len(tensors)} tensors ({versions})")
