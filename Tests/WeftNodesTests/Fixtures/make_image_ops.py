"""Writes image_ops.safetensors: inputs and expected outputs of the image transform nodes, computed with PyTorch the
way ComfyUI 0.3.64's nodes compute them (see README.md). Run with a Python that has torch, numpy and safetensors."""
import math

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

generator = torch.Generator().manual_seed(1234)


def rand(*shape):
    return torch.rand(*shape, generator=generator, dtype=torch.float32)


def to_batch(t, n):
    """ComfyUI's repeat_to_batch_size."""
    if t.shape[0] > n:
        return t[:n]
    if t.shape[0] < n:
        return t.repeat([math.ceil(n / t.shape[0])] + [1] * (t.ndim - 1))[:n]
    return t


def composite(dest, src, x, y, mask, resize):
    """ImageCompositeMasked: channels-first composite with multiplier 1."""
    dest = dest.clone().movedim(-1, 1)
    src = src.movedim(-1, 1)
    if resize:
        src = F.interpolate(src, size=(dest.shape[2], dest.shape[3]), mode="bilinear")
    src = to_batch(src, dest.shape[0])
    x = max(-src.shape[3], min(x, dest.shape[3]))
    y = max(-src.shape[2], min(y, dest.shape[2]))
    left, top, right, bottom = x, y, x + src.shape[3], y + src.shape[2]
    if mask is None:
        mask = torch.ones_like(src)
    else:
        mask = F.interpolate(mask.reshape(-1, 1, mask.shape[-2], mask.shape[-1]), size=(src.shape[2], src.shape[3]), mode="bilinear")
        mask = to_batch(mask, src.shape[0])
    vw, vh = dest.shape[3] - left + min(0, x), dest.shape[2] - top + min(0, y)
    mask = mask[:, :, :vh, :vw]
    dest[:, :, top:bottom, left:right] = mask * src[:, :, :vh, :vw] + (1 - mask) * dest[:, :, top:bottom, left:right]
    return dest.movedim(1, -1)


def pad(image, left, top, right, bottom, feathering):
    """ImagePadForOutpaint."""
    b, h, w, c = image.shape
    out = torch.ones((b, h + top + bottom, w + left + right, c), dtype=torch.float32) * 0.5
    out[:, top:top + h, left:left + w, :] = image
    mask = torch.ones((h + top + bottom, w + left + right), dtype=torch.float32)
    t = torch.zeros((h, w), dtype=torch.float32)
    if feathering > 0 and feathering * 2 < h and feathering * 2 < w:
        for i in range(h):
            for j in range(w):
                d = min(i if top != 0 else h, h - i if bottom != 0 else h, j if left != 0 else w, w - j if right != 0 else w)
                if d >= feathering:
                    continue
                v = (feathering - d) / feathering
                t[i, j] = v * v
    mask[top:top + h, left:left + w] = t
    return out, mask.unsqueeze(0)


def center_crop_bilinear(image, width, height):
    """ComfyUI's common_upscale(..., "bilinear", "center") on channels-first samples."""
    old_w, old_h = image.shape[3], image.shape[2]
    old_aspect, new_aspect = old_w / old_h, width / height
    x = y = 0
    if old_aspect > new_aspect:
        x = round((old_w - old_w * (new_aspect / old_aspect)) / 2)
    elif old_aspect < new_aspect:
        y = round((old_h - old_h * (old_aspect / new_aspect)) / 2)
    s = image.narrow(-2, y, old_h - y * 2).narrow(-1, x, old_w - x * 2)
    return F.interpolate(s, size=(height, width), mode="bilinear")


tensors = {}
dest, src, mask = rand(2, 5, 6, 3), rand(1, 3, 4, 3), rand(3, 2)
tensors.update({"composite.destination": dest, "composite.source": src, "composite.mask": mask})
tensors["composite.masked_x2_y3"] = composite(dest, src, 2, 3, mask, False)
tensors["composite.plain_x4_y1"] = composite(dest, src, 4, 1, None, False)
tensors["composite.resized_mask"] = composite(dest, src, 0, 0, mask, True)

image = rand(1, 6, 7, 3)
tensors["pad.input"] = image
tensors["pad.image"], tensors["pad.mask"] = pad(image, 2, 0, 3, 1, 2)

first, second = rand(1, 4, 6, 3), rand(2, 5, 5, 3)
tensors.update({"batch.first": first, "batch.second": second})
tensors["batch.joined"] = torch.cat((first, center_crop_bilinear(second.movedim(-1, 1), 6, 4).movedim(1, -1)), 0)

save_file({k: v.contiguous() for k, v in tensors.items()}, "image_ops.safetensors")
