# Run with torch 2.15 and diffusers 0.42.1 from this folder: python make_unet_odd_sizes.py
"""Independent reference outputs of the tiny SD1 UNet from diffusers' UNet2DConditionModel (not ComfyUI, not Weft):
checked first against ComfyUI's own fixture at 8x8, then run on latents whose sizes are not multiples of 4, where
every upsampling must match the skip connection's odd size."""
import sys
import torch
from safetensors.torch import load_file, save_file
from diffusers import UNet2DConditionModel
from diffusers.loaders.single_file_utils import convert_ldm_unet_checkpoint

fixtures = sys.argv[1] if len(sys.argv) > 1 else "."
torch.manual_seed(0)
checkpoint = load_file(f"{fixtures}/tiny-sd1.safetensors")
config = dict(
    sample_size=32, in_channels=4, out_channels=4, layers_per_block=1, block_out_channels=(32, 64, 64),
    down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"),
    up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
    cross_attention_dim=64, attention_head_dim=2, norm_num_groups=32, use_linear_projection=False,
)
converted = convert_ldm_unet_checkpoint(checkpoint, config)
unet = UNet2DConditionModel(**config)
unet.load_state_dict(converted, strict=True)
unet.eval()

fixture = load_file(f"{fixtures}/unet.safetensors")
with torch.no_grad():
    eps = unet(fixture["x"], torch.tensor([999.0]), encoder_hidden_states=fixture["context"]).sample
error = (eps - fixture["eps.t999"]).abs().max() / fixture["eps.t999"].abs().max()
print("diffusers vs ComfyUI fixture at 8x8, t=999: relative error", float(error))
assert error < 1e-5

out = {}
context = fixture["context"]
for name, (h, w, t) in {"odd.9x13": (9, 13, 500.0), "odd.7x6": (7, 6, 250.0)}.items():
    x = torch.randn(1, 4, h, w, generator=torch.Generator().manual_seed(h * 100 + w))
    with torch.no_grad():
        eps = unet(x, torch.tensor([t]), encoder_hidden_states=context).sample
    out[f"{name}.x"] = x.contiguous()
    out[f"{name}.eps"] = eps.contiguous()
    out[f"{name}.timestep"] = torch.tensor([t])
    print(name, eps.shape)
save_file(out, "unet_odd_sizes.safetensors")
