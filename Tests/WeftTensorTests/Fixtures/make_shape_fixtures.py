"""Writes shape_ops.safetensors: inputs and PyTorch's outputs for broadcasting, view and padding cases (see README.md)."""
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

torch.manual_seed(20240607)


def randn(*shape):
    return torch.randn(*shape, dtype=torch.float32)


tensors = {}


def case(name, inputs, output=None, **outputs):
    """Stores each input and output as name.<key> (`output` as name.out), each contiguous."""
    if output is not None:
        outputs["out"] = output
    for key, value in {**inputs, **outputs}.items():
        tensors[f"{name}.{key}"] = value.contiguous()


a, b = randn(2, 3, 1, 4), randn(3, 5, 1)
case("add", {"a": a, "b": b}, a + b)
a, b = randn(4, 1), randn(3)
case("subtract", {"a": a, "b": b}, a - b)
a, b = randn(2, 3, 4, 5), randn(1, 3, 1, 1)
case("multiply", {"a": a, "b": b}, a * b)
a, b = randn(2, 3), randn(2, 1).abs() + 0.5
case("divide", {"a": a, "b": b}, a / b)
a, b = randn(5, 1, 3), randn(4, 3)
case("minmax", {"a": a, "b": b}, maximum=torch.maximum(a, b), minimum=torch.minimum(a, b))
x = randn(20)
case("clamp", {"x": x}, x.clamp(-0.5, 0.25))

x = randn(2, 3, 4, 5)
case("permute", {"x": x}, x.permute(2, 0, 3, 1))
x = randn(3, 4, 5)
case("transpose", {"x": x}, x.transpose(0, 2))
x = randn(2, 3, 4, 5)
case("chain", {"x": x}, x.permute(0, 2, 3, 1)[:, 1:3].transpose(1, 3))
x = randn(3, 1)
case("expand", {"x": x}, x.expand(2, 3, 4))
x = randn(4, 5, 6)
case("narrow", {"x": x}, x.narrow(1, 1, 3))
x = randn(3, 4, 5)
case("select", {"x": x}, x[:, 2])

a, b, c = randn(2, 1, 3), randn(2, 4, 3), randn(2, 0, 3)
case("concat", {"a": a, "b": b, "c": c}, torch.cat([a, b, c], dim=1))
x = randn(2, 6, 2)
case("chunk", {"x": x}, **{f"out{index}": piece for index, piece in enumerate(torch.chunk(x, 3, dim=1))})

# F.pad lists (before, after) pairs from the last dimension backwards.
x = randn(1, 2, 4, 5)
case(
    "pad",
    {"x": x},
    reflect=F.pad(x, (2, 1, 3, 0), mode="reflect"),
    replicate=F.pad(x, (1, 3, 2, 2), mode="replicate"),
    circular=F.pad(x, (2, 2, 1, 1), mode="circular"),
)
x = randn(2, 3, 4)
case("pad_constant", {"x": x}, F.pad(x, (1, 2, 0, 1, 2, 0), mode="constant", value=0.5))
x = randn(1, 1, 3, 4, 5)
case("pad_reflect3d", {"x": x}, F.pad(x, (1, 1, 2, 0, 0, 2), mode="reflect"))

save_file(tensors, "shape_ops.safetensors", {"torch": torch.__version__})
