"""Writes brownian.safetensors: ComfyUI's Brownian-tree noise computed with torchsde itself, for Weft's tests.

Run with torch and torchsde (0.2.6) installed, from this folder: `python make_brownian.py`.

The noise follows ComfyUI's BrownianTreeNoiseSampler on the CPU (identity time transform, one tree for the batch):
a torchsde.BrownianTree over [smallest positive sigma, largest sigma] of a schedule, entropy = the seed, w0 = zeros of
the latent's shape; the noise for a step (sigma, sigma_next) is the tree's increment between the two (ordered, sign
restored) divided by sqrt(|sigma_next - sigma|). The schedules are ComfyUI's own (sigmas.safetensors).

Also written: numpy SeedSequence states (uint32 words stored as int64) and Python round(x, 6) of a few doubles, the
two primitives torchsde's tree is built from.
"""
import numpy as np
import torch
import torchsde
from safetensors.numpy import load_file
from safetensors.torch import save_file

SHAPE = (1, 4, 8, 8)


def comfy_brownian_noise(sigmas, seed, pairs):
    positive = sigmas[sigmas > 0]
    t0, t1 = torch.as_tensor(positive.min()), torch.as_tensor(sigmas.max())
    t0, t1, tree_sign = (t0, t1, 1) if t0 < t1 else (t1, t0, -1)
    tree = torchsde.BrownianTree(t0.cpu(), torch.zeros(SHAPE), t1.cpu(), entropy=seed)
    out = []
    for sigma, sigma_next in pairs:
        a, b = torch.as_tensor(sigma), torch.as_tensor(sigma_next)
        lo, hi, sign = (a, b, 1) if a < b else (b, a, -1)
        w = tree(lo.cpu().float(), hi.cpu().float()) * (tree_sign * sign)
        out.append(w / (b - a).abs().sqrt())
    return torch.stack(out)


def sampler_pairs(sigmas):
    """The (sigma, sigma_next) queries of dpmpp_2m_sde and dpmpp_sde (r = 1/2, float32 as ComfyUI), then a reversed
    pair and a pair below the tree's range."""
    pairs = []
    for i in range(len(sigmas) - 1):
        s, n = sigmas[i], sigmas[i + 1]
        if n == 0:
            continue
        lam_s, lam_t = -s.log(), -n.log()
        mid = (-(lam_s + 0.5 * (lam_t - lam_s))).exp()
        pairs += [(s, mid), (s, n)]
    pairs.append((sigmas[1], sigmas[0]))
    pairs.append((sigmas[-2] * 0.5, sigmas[-2] * 0.25))
    return pairs


def main():
    schedules = load_file("sigmas.safetensors")
    tensors = {}
    cases = [("normal.steps6", [42, 123456789, 0, 2**64 - 1]), ("karras.steps10", [42])]
    for name, seeds in cases:
        sigmas = torch.from_numpy(schedules[name])
        pairs = sampler_pairs(sigmas)
        tensors[f"{name}.sigmas"] = sigmas
        tensors[f"{name}.pairs"] = torch.stack([torch.stack([a, b]) for a, b in pairs])
        for seed in seeds:
            tensors[f"{name}.seed{seed}.noise"] = comfy_brownian_noise(sigmas, seed, pairs).contiguous()

    for entropy, spawn_key, count in [(42, (), 3), (42, (0, 0), 4), (123456789, (5, 3), 4), (2**64 - 1, (2**33 + 5, 34), 4)]:
        words = np.random.SeedSequence(entropy=entropy, spawn_key=spawn_key, pool_size=24).generate_state(count)
        key = "_".join(str(k) for k in spawn_key) or "none"
        tensors[f"seedsequence.entropy{entropy}.spawn{key}"] = torch.from_numpy(words.astype(np.int64))

    inputs = [14.614641189575195, 0.029167532920837402, 0.0078125, 0.0000005, 2.5e-7, 1234.5678905, 7.3e-6, 1e12 + 0.3]
    tensors["round6.input"] = torch.tensor(inputs, dtype=torch.float64)
    tensors["round6.output"] = torch.tensor([round(x, 6) for x in inputs], dtype=torch.float64)
    save_file(tensors, "brownian.safetensors", metadata={"torchsde": torchsde.__version__, "torch": torch.__version__})


if __name__ == "__main__":
    main()
