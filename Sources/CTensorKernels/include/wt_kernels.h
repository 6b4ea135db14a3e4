/*
 * Normalisation and activation kernels for WeftTensor: float32, contiguous row-major memory.
 *
 * Statistics are accumulated in double (norms: short float blocks of deviations from a shift, carried in double, with
 * a second pass when the shift was poor; softmax: the row sum), so results stay within about 1e-6 relative of a
 * double-precision reference. Each function uses AVX2/FMA when `__builtin_cpu_supports` reports them and a
 * portable scalar path otherwise. `x` and `y` may be the same buffer (in-place) but must not otherwise overlap.
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

/** Softmax of each of `rows` rows of `dim` values, with the row maximum subtracted first so large inputs stay finite. */
void wt_softmax(const float *x, float *y, size_t rows, size_t dim);

/** SiLU, x·sigmoid(x), of `n` values. */
void wt_silu(const float *x, float *y, size_t n);
/** GELU in its exact form, x·Φ(x) = x·(1 + erf(x/√2))/2, of `n` values. */
void wt_gelu_erf(const float *x, float *y, size_t n);
/** GELU's tanh approximation, x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))/2, of `n` values. */
void wt_gelu_tanh(const float *x, float *y, size_t n);
/** Quick-GELU, x·sigmoid(1.702·x), of `n` values. */
void wt_quick_gelu(const float *x, float *y, size_t n);

/** 1 when the norm kernels use the AVX2/FMA path on this CPU, 0 when they use the scalar path. */
int wt_has_avx2_fma(void);

#ifdef __cplusplus
}
#endif

#endif
