/*
 * Normalisation and activation kernels for WeftTensor: float32, contiguous row-major memory.
 *
 * Statistics are accumulated in double (norms: short float blocks of deviations from a shift, carried in double, with
 * a second pass when the shift was poor; softmax: the row sum), so results stay within about 1e-6 relative of a
 * double-precision reference. exp and erf are Weft's own polynomial approximations (see vecmath.h), not the C
 * library's. Each function uses AVX2/FMA when `__builtin_cpu_supports` reports them and a portable scalar path
 * otherwise. `x` and `y` may be the same buffer (in-place) but must not otherwise overlap.
 * Every function is thread-safe, and callers split large tensors into ranges of rows or groups across threads.
 */
#ifndef WEFT_WT_KERNELS_H
#define WEFT_WT_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Group normalisation (PyTorch semantics) of groups `[begin, end)` of `x`, laid out [N, channels, spatial]. Group `i`
 * is sample `i / groups`, channels `(i % groups) * channels / groups` onward; `groups` must divide `channels`. Each
 * group is normalised with its mean and biased variance, then channel `c` is scaled by `weight[c]` and shifted by
 * `bias[c]` (either may be NULL: scale 1, shift 0).
 */
void wt_group_norm(const float *x, float *y, size_t channels, size_t spatial, size_t groups, size_t begin, size_t end,
                   const float *weight, const float *bias, float eps);

/**
 * Layer normalisation of `rows` rows of `dim` values each: every row is normalised with its mean and biased variance,
 * then element `j` is scaled by `weight[j]` and shifted by `bias[j]` (either may be NULL).
 */
void wt_layer_norm(const float *x, float *y, size_t rows, size_t dim, const float *weight, const float *bias,
                   float eps);

/**
 * Softmax of `scale`·x over each of `rows` rows of `dim` values: the row maximum is subtracted first, so large inputs
 * stay finite, and -infinity gives 0 (a masked position). A row holding NaN or +infinity, or only -infinity, comes out
 * NaN.
 */
void wt_softmax(const float *x, float *y, size_t rows, size_t dim, float scale);

/** SiLU, x·sigmoid(x), of `n` values. */
void wt_silu(const float *x, float *y, size_t n);
/** GELU in its exact form, x·Φ(x) = x·(1 + erf(x/√2))/2, of `n` values. */
void wt_gelu_erf(const float *x, float *y, size_t n);
/** GELU's tanh approximation, x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))/2, of `n` values. */
void wt_gelu_tanh(const float *x, float *y, size_t n);
/** Quick-GELU, x·sigmoid(1.702·x), of `n` values. */
void wt_quick_gelu(const float *x, float *y, size_t n);

/**
 * e^x of `n` values: within 1.02 ulp of the exact result for normal results (within 0.75 of the smallest subnormal
 * below them), 0 below -103.97, +infinity above 88.72, NaN for NaN.
 */
void wt_exp(const float *x, float *y, size_t n);
/** erf(x) of `n` values, within 1.4e-7 of the exact result; erf(±infinity) = ±1, erf(-0) = -0, NaN for NaN. */
void wt_erf(const float *x, float *y, size_t n);

/*
 * The portable paths of the functions above (the same approximations without AVX2/FMA, so results may differ in the
 * last bit), exposed so tests can check them on any CPU.
 */
void wt_softmax_scalar(const float *x, float *y, size_t rows, size_t dim, float scale);
void wt_silu_scalar(const float *x, float *y, size_t n);
void wt_gelu_erf_scalar(const float *x, float *y, size_t n);
void wt_gelu_tanh_scalar(const float *x, float *y, size_t n);
void wt_quick_gelu_scalar(const float *x, float *y, size_t n);
void wt_exp_scalar(const float *x, float *y, size_t n);
void wt_erf_scalar(const float *x, float *y, size_t n);

/** 1 when the kernels above use their AVX2/FMA paths on this CPU, 0 when they use the portable ones. */
int wt_has_avx2_fma(void);

#ifdef __cplusplus
}
#endif

#endif
