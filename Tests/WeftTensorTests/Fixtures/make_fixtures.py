"""Writes reference.safetensors with the real `safetensors` Python package (see README.md)."""
import numpy as np
import safetensors

f32 = np.array([[0.0, 1.5, -2.25], [3.4028235e38, 2.0**-149, -0.0]], dtype=np.float32)
f16 = np.array([1.5, -2.25, 0.0, 65504.0, 2.0**-14, 2.0**-24, np.inf, -np.inf, np.nan], dtype=np.float16).reshape(3, 3)
bf16_values = np.array([1.0, -3.0, 0.15625, 2.0**-133], dtype=np.float32)
# numpy has no bfloat16: keep the top 16 bits of each float32 (exact for these values) and declare them "bfloat16".
bf16_bits = (bf16_values.view(np.uint32) >> 16).astype("<u2").reshape(2, 2)
i64 = np.array([-5, 0, 2**40], dtype="<i8")
u8 = np.array([0, 1, 255], dtype=np.uint8)
scalar = np.array(42.5, dtype=np.float32)
empty = np.zeros((0, 4), dtype=np.float32)


arrays = [("f32", f32), ("f16", f16), ("i64", i64), ("u8", u8), ("scalar", scalar), ("empty", empty)]
tensors = {name: safetensors.TensorSpec(dtype=a.dtype.name, shape=a.shape, data_ptr=a.ctypes.data, data_len=a.nbytes) for name, a in arrays}
tensors["bf16"] = safetensors.TensorSpec(dtype="bfloat16", shape=(2, 2), data_ptr=bf16_bits.ctypes.data, data_len=bf16_bits.nbytes)
safetensors.serialize_file(tensors, "reference.safetensors", {"format": "pt", "note": "made by safetensors " + safetensors.__version__})
