/* Element-wise activations on vecmath.h's exp and erf, each with an AVX2/FMA path and a portable one. */
#include "vecmath.h"

#define WT_INVERSE_SQRT2 0.70710678118654752f
/* GELU's tanh form is x·sigmoid(2u), u = √(2/π)·(x + 0.044715·x³): x / (1 + e^(x·(A + B·x²))) with these. */
#define WT_GELU_TANH_A -1.59576912160573081f
#define WT_GELU_TANH_B -0.07135481627260025f
#define WT_QUICK_GELU -1.702f

static inline float silu1(float x) { return x / (1.0f + wt_exp_scalar1(-x)); }

static inline float quick_gelu1(float x) { return x / (1.0f + wt_exp_scalar1(WT_QUICK_GELU * x)); }

static inline float gelu_tanh1(float x) {
    return x / (1.0f + wt_exp_scalar1(x * (WT_GELU_TANH_A + WT_GELU_TANH_B * (x * x))));
}

/* x·Φ(x) = x·(1 + erf(x/√2))/2, with 1 + erf taken as erfc(|x|/√2) for negative x, so the tail stays accurate. */
static inline float gelu_erf1(float x) {
    float erf_abs, erfc_abs;
    wt_erf_scalar1(x * WT_INVERSE_SQRT2, &erf_abs, &erfc_abs);
    return 0.5f * x * (x < 0 ? erfc_abs : 1.0f + erf_abs);
}

#if defined(__x86_64__) || defined(__i386__)

WT_AVX2_INLINE __m256 negate8(__m256 x) { return _mm256_xor_ps(x, _mm256_set1_ps(-0.0f)); }

/* x / (1 + e^z). */
WT_AVX2_INLINE __m256 over_one_plus_exp8(__m256 x, __m256 z) {
    return _mm256_div_ps(x, _mm256_add_ps(_mm256_set1_ps(1.0f), wt_exp8(z)));
}

WT_AVX2_INLINE __m256 silu8(__m256 x) { return over_one_plus_exp8(x, negate8(x)); }

WT_AVX2_INLINE __m256 quick_gelu8(__m256 x) {
    return over_one_plus_exp8(x, _mm256_mul_ps(_mm256_set1_ps(WT_QUICK_GELU), x));
}

WT_AVX2_INLINE __m256 gelu_tanh8(__m256 x) {
    __m256 inner = _mm256_fmadd_ps(_mm256_set1_ps(WT_GELU_TANH_B), _mm256_mul_ps(x, x), _mm256_set1_ps(WT_GELU_TANH_A));
    return over_one_plus_exp8(x, _mm256_mul_ps(x, inner));
}

WT_AVX2_INLINE __m256 gelu_erf8(__m256 x) {
    __m256 erf_abs, erfc_abs;
    wt_erf8(_mm256_mul_ps(x, _mm256_set1_ps(WT_INVERSE_SQRT2)), &erf_abs, &erfc_abs);
    __m256 negative = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ);
    __m256 doubled_cdf = _mm256_blendv_ps(_mm256_add_ps(_mm256_set1_ps(1.0f), erf_abs), erfc_abs, negative);
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), x), doubled_cdf);
}

#endif

WT_ELEMENTWISE(wt_silu, silu1, silu8)
WT_ELEMENTWISE(wt_gelu_erf, gelu_erf1, gelu_erf8)
WT_ELEMENTWISE(wt_gelu_tanh, gelu_tanh1, gelu_tanh8)
WT_ELEMENTWISE(wt_quick_gelu, quick_gelu1, quick_gelu8)
