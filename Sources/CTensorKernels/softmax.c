/*
 * Softmax over the last dimension of scale·x: subtract the row maximum, exponentiate (vecmath.h's exp), divide by the
 * sum, accumulated in double.
 */
#include <math.h>

#include "vecmath.h"

static void softmax_row_scalar(const float *x, float *y, size_t dim, float scale) {
    float maximum = scale * x[0];
    for (size_t i = 1; i < dim; i++) maximum = scale * x[i] > maximum ? scale * x[i] : maximum;
    double total = 0;
    for (size_t i = 0; i < dim; i++) {
        float e = wt_exp_scalar1(scale * x[i] - maximum);
        y[i] = e;
        total += e;
    }
    float inverse = (float)(1.0 / total);
    for (size_t i = 0; i < dim; i++) y[i] *= inverse;
}

void wt_softmax_scalar(const float *x, float *y, size_t rows, size_t dim, float scale) {
    if (dim == 0) return;
    for (size_t row = 0; row < rows; row++) softmax_row_scalar(x + row * dim, y + row * dim, dim, scale);
}

#if defined(__x86_64__) || defined(__i386__)

/* Sums of exponentials are carried in float over blocks of this many values, then in double. */
#define WT_SUM_BLOCK 64

WT_AVX2_INLINE float horizontal_max(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    return _mm_cvtss_f32(_mm_max_ss(m, _mm_movehdup_ps(m)));
}

WT_AVX2 static void softmax_row_avx2(const float *x, float *y, size_t dim, float scale) {
    const __m256 factor = _mm256_set1_ps(scale), lowest = _mm256_set1_ps(-INFINITY);
    const size_t body = dim & ~(size_t)7;
    const __m256i tail = wt_tail_mask(dim - body);
    __m256 maxima = lowest, other = lowest;
    size_t i = 0;
    for (; i + 16 <= body; i += 16) {
        maxima = _mm256_max_ps(maxima, _mm256_mul_ps(_mm256_loadu_ps(x + i), factor));
        other = _mm256_max_ps(other, _mm256_mul_ps(_mm256_loadu_ps(x + i + 8), factor));
    }
    if (i < body) maxima = _mm256_max_ps(maxima, _mm256_mul_ps(_mm256_loadu_ps(x + i), factor));
    if (body < dim) {
        __m256 last = _mm256_mul_ps(_mm256_maskload_ps(x + body, tail), factor);
        other = _mm256_max_ps(other, _mm256_blendv_ps(lowest, last, _mm256_castsi256_ps(tail)));
    }
    const __m256 maximum = _mm256_set1_ps(horizontal_max(_mm256_max_ps(maxima, other)));

    __m256d totals = _mm256_setzero_pd();
    __m256 block = _mm256_setzero_ps();
    for (i = 0; i < body; i += 8) {
        __m256 e = wt_exp8(_mm256_sub_ps(_mm256_mul_ps(_mm256_loadu_ps(x + i), factor), maximum));
        _mm256_storeu_ps(y + i, e);
        block = _mm256_add_ps(block, e);
        if ((i + 8) % WT_SUM_BLOCK == 0) {
            totals = wt_accumulate8d(totals, block);
            block = _mm256_setzero_ps();
        }
    }
    if (body < dim) {
        __m256 last = _mm256_mul_ps(_mm256_maskload_ps(x + body, tail), factor);
        __m256 e = _mm256_and_ps(wt_exp8(_mm256_sub_ps(last, maximum)), _mm256_castsi256_ps(tail));
        _mm256_maskstore_ps(y + body, tail, e);
        block = _mm256_add_ps(block, e);
    }
    const __m256 inverse = _mm256_set1_ps((float)(1.0 / wt_sum4d(wt_accumulate8d(totals, block))));
    for (i = 0; i < body; i += 8) _mm256_storeu_ps(y + i, _mm256_mul_ps(_mm256_loadu_ps(y + i), inverse));
    if (body < dim) _mm256_maskstore_ps(y + body, tail, _mm256_mul_ps(_mm256_maskload_ps(y + body, tail), inverse));
}

void wt_softmax(const float *x, float *y, size_t rows, size_t dim, float scale) {
    if (dim == 0) return;
    if (!wt_has_avx2_fma()) {
        wt_softmax_scalar(x, y, rows, dim, scale);
        return;
    }
    for (size_t row = 0; row < rows; row++) softmax_row_avx2(x + row * dim, y + row * dim, dim, scale);
}

#else

void wt_softmax(const float *x, float *y, size_t rows, size_t dim, float scale) {
    wt_softmax_scalar(x, y, rows, dim, scale);
}

#endif
