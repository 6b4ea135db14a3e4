/* GELU-gated linear units (see wt_gated.h), on wt_gelu_erf's vectorised GELU. */
#include "wt_gated.h"
#include "wt_kernels.h"

void wt_geglu(const float *x, float *y, size_t rows, size_t width) {
    for (size_t row = 0; row < rows; row++) {
        const float *values = x + row * 2 * width;
        float *out = y + row * width;
        wt_gelu_erf(values + width, out, width);
        for (size_t j = 0; j < width; j++) out[j] *= values[j];
    }
}
