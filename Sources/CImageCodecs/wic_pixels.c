/* Conversions between 8-bit samples and the 0...1 floats of IMAGE and MASK tensors. */
#include "CImageCodecs.h"

void wic_bytes_to_unit_floats(
    const uint8_t *src, size_t src_stride, float *dst, size_t dst_stride, size_t channels, size_t pixels, int invert) {
    for (size_t p = 0; p < pixels; p++) {
        const uint8_t *in = src + p * src_stride;
        float *out = dst + p * dst_stride;
        for (size_t c = 0; c < channels; c++) {
            float value = (float)in[c] / 255.0f;
            out[c] = invert ? 1.0f - value : value;
        }
    }
}

void wic_unit_floats_to_bytes(
    const float *src, size_t src_stride, uint8_t *dst, size_t dst_stride, size_t channels, size_t pixels) {
    for (size_t p = 0; p < pixels; p++) {
        const float *in = src + p * src_stride;
        uint8_t *out = dst + p * dst_stride;
        for (size_t c = 0; c < channels; c++) {
            float scaled = 255.0f * in[c];
            /* `!(scaled > 0)` also catches NaN. */
            out[c] = !(scaled > 0.0f) ? 0 : scaled >= 255.0f ? 255 : (uint8_t)scaled;
        }
    }
}
