/* Element-wise activations, evaluated with the C library's expf, erff and tanhf. */
#include <math.h>

#include "wt_kernels.h"

void wt_silu(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = x[i] / (1.0f + expf(-x[i]));
}

void wt_gelu_erf(const float *x, float *y, size_t n) {
    const float inverse_sqrt2 = 0.70710678118654752f;
    for (size_t i = 0; i < n; i++) y[i] = 0.5f * x[i] * (1.0f + erff(x[i] * inverse_sqrt2));
}

void wt_gelu_tanh(const float *x, float *y, size_t n) {
    const float sqrt_2_over_pi = 0.79788456080286536f;
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        y[i] = 0.5f * v * (1.0f + tanhf(sqrt_2_over_pi * (v + 0.044715f * v * v * v)));
    }
}

void wt_quick_gelu(const float *x, float *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = x[i] / (1.0f + expf(-1.702f * x[i]));
}
