/*
 * Single-precision exp and erf, each as a portable scalar function and an eight-lane AVX2/FMA function computing the
 * same approximation, plus the loop helpers the element-wise kernels share. Internal to CTensorKernels (not in
 * include/, so Swift never sees it); the public array functions built on it are in wt_kernels.h.
 *
 * exp: x is clamped to [-104, 89] (exp(-104) is below half the smallest subnormal, exp(89) above FLT_MAX), split as
 * x = n·ln 2 + r with n = round(x / ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite: ln 2 in a 9-bit head, so n·head is exact,
 * and a tail), e^r ≈ 1 + r + r²·q(r) with q a degree-4 minimax fit (relative error 3.1e-9 on the interval), and the
 * result is scaled by 2^n in two steps, 2^(n/2) then 2^(n - n/2), so subnormal results and overflow to infinity come
 * out right. NaN propagates.
 *
 * erf, for a = |x|: below 0.875, erf(a) = a·P(a²) with P a degree-5 minimax fit; from 0.875 on, erfc(a) =
 * e^(-a²)·t·Q(t) with t = 1 / (1 + a/2) and Q a degree-7 minimax fit of erfc(a)·e^(a²)/t (relative error 8.7e-8),
 * where a² is carried as an exact head and tail (e^(-a²) = e^(-head)·(1 - tail)), so erfc keeps its relative
 * accuracy far into the tail. Both erf(a) and erfc(a) are returned, each computed directly where it is small.
 * The coefficients were fitted for Weft (Remez exchange in extended precision) and rounded to float.
 */
#ifndef WEFT_VECMATH_H
#define WEFT_VECMATH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "float_bits.h"
#include "wt_kernels.h"

#define WT_EXP_MIN -104.0f
#define WT_EXP_MAX 89.0f
#define WT_LOG2E 1.44269504088896341f
#define WT_LN2_HEAD 0.693359375f
#define WT_LN2_TAIL -2.12194440e-4f
/* 1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer, left in the low mantissa bits. */
#define WT_ROUNDER 12582912.0f
#define WT_EXP_Q0 4.999999404e-01f
#define WT_EXP_Q1 1.666652113e-01f
#define WT_EXP_Q2 4.166838899e-02f
#define WT_EXP_Q3 8.368710056e-03f
#define WT_EXP_Q4 1.381461276e-03f

#define WT_ERF_SPLIT 0.875f
/* Beyond this erfc(a) underflows to 0, and clamping keeps a² finite. */
#define WT_ERF_CLAMP 12.0f
#define WT_ERF_P0 1.128379107e+00f
#define WT_ERF_P1 -3.761255145e-01f
#define WT_ERF_P2 1.128245518e-01f
#define WT_ERF_P3 -2.679146267e-02f
#define WT_ERF_P4 5.032181274e-03f
#define WT_ERF_P5 -6.203255034e-04f
#define WT_ERFC_Q0 2.820947766e-01f
#define WT_ERFC_Q1 2.821005285e-01f
#define WT_ERFC_Q2 2.466152310e-01f
#define WT_ERFC_Q3 1.794209033e-01f
#define WT_ERFC_Q4 6.209444627e-02f
#define WT_ERFC_Q5 7.634902745e-02f
#define WT_ERFC_Q6 -2.175729126e-01f
#define WT_ERFC_Q7 8.929742128e-02f

/* 2^n for -126 ≤ n ≤ 127. */
static inline float wt_power_of_two(int32_t n) { return wt_bits_float((uint32_t)(n + 127) << 23); }

static inline float wt_exp_scalar1(float x) {
    x = x < WT_EXP_MIN ? WT_EXP_MIN : x;
    x = x > WT_EXP_MAX ? WT_EXP_MAX : x;
    float rounded = x * WT_LOG2E + WT_ROUNDER;
    float n = rounded - WT_ROUNDER;
    float r = (x - n * WT_LN2_HEAD) - n * WT_LN2_TAIL;
    float q = (((WT_EXP_Q4 * r + WT_EXP_Q3) * r + WT_EXP_Q2) * r + WT_EXP_Q1) * r + WT_EXP_Q0;
    float p = (q * (r * r) + r) + 1.0f;
    int32_t exponent = (int32_t)(wt_float_bits(rounded) - wt_float_bits(WT_ROUNDER));
    int32_t half = exponent >> 1;
    return p * wt_power_of_two(half) * wt_power_of_two(exponent - half);
}

/* erf(|x|) and erfc(|x|). */
static inline void wt_erf_scalar1(float x, float *erf_abs, float *erfc_abs) {
    float a = x < 0 ? -x : x;
    float s = a * a;
    float p = ((((WT_ERF_P5 * s + WT_ERF_P4) * s + WT_ERF_P3) * s + WT_ERF_P2) * s + WT_ERF_P1) * s + WT_ERF_P0;
    float small = a * p;
    float b = a > WT_ERF_CLAMP ? WT_ERF_CLAMP : a;
    double square = (double)b * (double)b;
    float head = (float)square, tail = (float)(square - (double)head);
    float t = 1.0f / (1.0f + 0.5f * b);
    float q = (((WT_ERFC_Q7 * t + WT_ERFC_Q6) * t + WT_ERFC_Q5) * t + WT_ERFC_Q4) * t + WT_ERFC_Q3;
    q = ((q * t + WT_ERFC_Q2) * t + WT_ERFC_Q1) * t + WT_ERFC_Q0;
    float large = wt_exp_scalar1(-head) * (1.0f - tail) * (t * q);
    int is_small = a < WT_ERF_SPLIT;
    *erf_abs = is_small ? small : 1.0f - large;
    *erfc_abs = is_small ? 1.0f - small : large;
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define WT_AVX2 __attribute__((target("avx2,fma")))
#define WT_AVX2_INLINE static inline __attribute__((always_inline, target("avx2,fma")))

/* A mask selecting the first `remaining` (< 8) lanes, for masked loads and stores of a row's tail. */
WT_AVX2_INLINE __m256i wt_tail_mask(size_t remaining) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)remaining), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/* 2^n per lane for -126 ≤ n ≤ 127. */
WT_AVX2_INLINE __m256 wt_power_of_two8(__m256i n) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23));
}

WT_AVX2_INLINE __m256 wt_exp8(__m256 x) {
    /* max/min return their second operand when either is NaN, so NaN passes through. */
    x = _mm256_min_ps(_mm256_set1_ps(WT_EXP_MAX), _mm256_max_ps(_mm256_set1_ps(WT_EXP_MIN), x));
    const __m256 rounder = _mm256_set1_ps(WT_ROUNDER);
    __m256 rounded = _mm256_fmadd_ps(x, _mm256_set1_ps(WT_LOG2E), rounder);
    __m256 n = _mm256_sub_ps(rounded, rounder);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(WT_LN2_HEAD), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(WT_LN2_TAIL), r);
    __m256 q = _mm256_fmadd_ps(_mm256_set1_ps(WT_EXP_Q4), r, _mm256_set1_ps(WT_EXP_Q3));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(WT_EXP_Q2));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(WT_EXP_Q1));
    q = _mm256_fmadd_ps(q, r, _mm256_set1_ps(WT_EXP_Q0));
    __m256 p = _mm256_add_ps(_mm256_fmadd_ps(q, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1.0f));
    __m256i exponent = _mm256_sub_epi32(_mm256_castps_si256(rounded), _mm256_castps_si256(rounder));
    __m256i half = _mm256_srai_epi32(exponent, 1);
    __m256 scaled = _mm256_mul_ps(p, wt_power_of_two8(half));
    return _mm256_mul_ps(scaled, wt_power_of_two8(_mm256_sub_epi32(exponent, half)));
}

/* erf(|x|) and erfc(|x|) per lane. */
WT_AVX2_INLINE void wt_erf8(__m256 x, __m256 *erf_abs, __m256 *erfc_abs) {
    __m256 a = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), x);
    __m256 s = _mm256_mul_ps(a, a);
    __m256 p = _mm256_fmadd_ps(_mm256_set1_ps(WT_ERF_P5), s, _mm256_set1_ps(WT_ERF_P4));
    p = _mm256_fmadd_ps(p, s, _mm256_set1_ps(WT_ERF_P3));
    p = _mm256_fmadd_ps(p, s, _mm256_set1_ps(WT_ERF_P2));
    p = _mm256_fmadd_ps(p, s, _mm256_set1_ps(WT_ERF_P1));
    p = _mm256_fmadd_ps(p, s, _mm256_set1_ps(WT_ERF_P0));
    __m256 small = _mm256_mul_ps(a, p);
    __m256 b = _mm256_min_ps(_mm256_set1_ps(WT_ERF_CLAMP), a);
    __m256 head = _mm256_mul_ps(b, b);
    __m256 tail = _mm256_fmsub_ps(b, b, head);
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 t = _mm256_div_ps(one, _mm256_fmadd_ps(_mm256_set1_ps(0.5f), b, one));
    __m256 q = _mm256_fmadd_ps(_mm256_set1_ps(WT_ERFC_Q7), t, _mm256_set1_ps(WT_ERFC_Q6));
    q = _mm256_fmadd_ps(q, t, _mm256_set1_ps(WT_ERFC_Q5));
    q = _mm256_fmadd_ps(q, t, _mm256_set1_ps(WT_ERFC_Q4));
    q = _mm256_fmadd_ps(q, t, _mm256_set1_ps(WT_ERFC_Q3));
    q = _mm256_fmadd_ps(q, t, _mm256_set1_ps(WT_ERFC_Q2));
    q = _mm256_fmadd_ps(q, t, _mm256_set1_ps(WT_ERFC_Q1));
    q = _mm256_fmadd_ps(q, t, _mm256_set1_ps(WT_ERFC_Q0));
    __m256 gaussian = _mm256_mul_ps(wt_exp8(_mm256_sub_ps(_mm256_setzero_ps(), head)), _mm256_sub_ps(one, tail));
    __m256 large = _mm256_mul_ps(gaussian, _mm256_mul_ps(t, q));
    __m256 is_small = _mm256_cmp_ps(a, _mm256_set1_ps(WT_ERF_SPLIT), _CMP_LT_OQ);
    *erf_abs = _mm256_blendv_ps(_mm256_sub_ps(one, large), small, is_small);
    *erfc_abs = _mm256_blendv_ps(large, _mm256_sub_ps(one, small), is_small);
}

/* Adds the four doubles of `v`. */
WT_AVX2_INLINE double wt_sum4d(__m256d v) {
    __m128d pair = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair)));
}

/* Adds the eight floats of `v` into `total` in double. */
WT_AVX2_INLINE __m256d wt_accumulate8d(__m256d total, __m256 v) {
    total = _mm256_add_pd(total, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
    return _mm256_add_pd(total, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
}

/*
 * Defines `void name(const float *x, float *y, size_t n)`, y[i] = scalar(x[i]) for every i, and `name##_scalar`,
 * its portable path; `name` runs `vector` over eight lanes at a time (the tail through masked loads and stores, so
 * every element takes the same path) when the CPU has AVX2 and FMA.
 */
#define WT_ELEMENTWISE(name, scalar, vector)                                                                           \
    void name##_scalar(const float *x, float *y, size_t n) {                                                           \
        for (size_t i = 0; i < n; i++) y[i] = scalar(x[i]);                                                            \
    }                                                                                                                  \
    WT_AVX2 static void name##_avx2(const float *x, float *y, size_t n) {                                              \
        size_t i = 0;                                                                                                  \
        for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, vector(_mm256_loadu_ps(x + i)));                            \
        if (i < n) {                                                                                                   \
            __m256i mask = wt_tail_mask(n - i);                                                                        \
            _mm256_maskstore_ps(y + i, mask, vector(_mm256_maskload_ps(x + i, mask)));                                 \
        }                                                                                                              \
    }                                                                                                                  \
    void name(const float *x, float *y, size_t n) {                                                                    \
        if (wt_has_avx2_fma()) {                                                                                       \
            name##_avx2(x, y, n);                                                                                      \
        } else {                                                                                                       \
            name##_scalar(x, y, n);                                                                                    \
        }                                                                                                              \
    }

#else

#define WT_ELEMENTWISE(name, scalar, vector)                                                                           \
    void name##_scalar(const float *x, float *y, size_t n) {                                                           \
        for (size_t i = 0; i < n; i++) y[i] = scalar(x[i]);                                                            \
    }                                                                                                                  \
    void name(const float *x, float *y, size_t n) { name##_scalar(x, y, n); }

#endif

#endif
