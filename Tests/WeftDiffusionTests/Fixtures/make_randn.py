"""Writes torch_randn.safetensors: torch.randn drawn from torch.manual_seed(seed), the way ComfyUI makes its noise,
for seeds and sizes that take each of PyTorch's CPU paths (see README.md). Needs torch and safetensors."""
import torch
from safetensors.torch import save_file

cases = {
    "seed42.n5": (42, [5]),                  # fewer than 16: double-precision Box-Muller, pairs cached
    "seed42.n15": (42, [15]),
    "seed0.n16": (0, [16]),                  # exactly one block of 16
    "seed7.n37": (7, [37]),                  # not a multiple of 16: the last 16 are redrawn
    "seed4294967338.n20": (2**32 + 42, [20]),  # only the low 32 bits of the seed count
    "seed18446744073709551615.latent": (2**64 - 1, [1, 4, 16, 16]),
}
tensors = {name: torch.randn(shape, generator=torch.manual_seed(seed), dtype=torch.float32) for name, (seed, shape) in cases.items()}
save_file(tensors, "torch_randn.safetensors", {"torch": torch.__version__})
