/* Scalar and AVX2/FMA versions of the normalisation passes, and the choice between them. */
#include "norm_stats.h"
#include "wt_kernels.h"

static void shifted_sums_scalar(const float *x, size_t n, float shift, double *deviations, double *squares) {
    double deviation_total = 0, square_total = 0;
    for (size_t i = 0; i < n; i++) {
        double deviation = (double)(x[i] - shift);
        deviation_total += deviation;
        square_total += deviation * deviation;
    }
    *deviations = deviation_total;
    *squares = square_total;
}

static void normalize_scalar(const float *x, float *y, size_t n, float mean, float scale, const float *weight,
                             const float *bias) {
    for (size_t i = 0; i < n; i++) {
        float value = (x[i] - mean) * scale;
        if (weight) value *= weight[i];
        if (bias) value += bias[i];
        y[i] = value;
    }
}

static void affine_scalar(const float *x, float *y, size_t n, float mean, float scale, float shift) {
    for (size_t i = 0; i < n; i++) y[i] = (x[i] - mean) * scale + shift;
}

void wt_moments(const wt_norm_ops *ops, const float *x, size_t n, double *mean, double *variance) {
    size_t sample = n < 64 ? n : 64;
    double sample_total = 0;
    for (size_t i = 0; i < sample; i++) sample_total += x[i];
    float shift = (float)(sample_total / (double)sample);
    for (int pass = 0; pass < 2; pass++) {
        double deviations, squares;
        ops->shifted_sums(x, n, shift, &deviations, &squares);
        *mean = (double)shift + deviations / (double)n;
        double centered = squares - deviations * deviations / (double)n;
        *variance = (centered > 0 ? centered : 0) / (double)n;
        if (centered >= 0.25 * squares) return;
        shift = (float)*mean;
    }
}

static const wt_norm_ops scalar_ops = {shifted_sums_scalar, normalize_scalar, affine_scalar};

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define WT_TARGET __attribute__((target("avx2,fma")))

/* Adds the four doubles of `v`. */
WT_TARGET static double horizontal_sum(__m256d v) {
    __m128d pair = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair)));
}

/* Adds the eight floats of `v` into `total` in double. */
WT_TARGET static __m256d flush(__m256d total, __m256 v) {
    total = _mm256_add_pd(total, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
    return _mm256_add_pd(total, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
}

/*
 * Adds blocks of WT_BLOCK values in float (each of the eight-lane accumulators sees WT_BLOCK / 16 values, so the
 * float rounding stays near 1e-7 relative) and carries the block totals in double.
 */
#define WT_BLOCK 64

WT_TARGET static void shifted_sums_avx2(const float *x, size_t n, float shift, double *deviations, double *squares) {
    const __m256 center = _mm256_set1_ps(shift);
    __m256d square_totals = _mm256_setzero_pd(), deviation_totals = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + WT_BLOCK <= n; i += WT_BLOCK) {
        __m256 sa = _mm256_setzero_ps(), sb = _mm256_setzero_ps(), da = _mm256_setzero_ps(), db = _mm256_setzero_ps();
        for (size_t j = 0; j < WT_BLOCK; j += 16) {
            __m256 a = _mm256_sub_ps(_mm256_loadu_ps(x + i + j), center);
            __m256 b = _mm256_sub_ps(_mm256_loadu_ps(x + i + j + 8), center);
            sa = _mm256_fmadd_ps(a, a, sa);
            sb = _mm256_fmadd_ps(b, b, sb);
            da = _mm256_add_ps(da, a);
            db = _mm256_add_ps(db, b);
        }
        square_totals = flush(square_totals, _mm256_add_ps(sa, sb));
        deviation_totals = flush(deviation_totals, _mm256_add_ps(da, db));
    }
    double tail_deviations, tail_squares;
    shifted_sums_scalar(x + i, n - i, shift, &tail_deviations, &tail_squares);
    *deviations = horizontal_sum(deviation_totals) + tail_deviations;
    *squares = horizontal_sum(square_totals) + tail_squares;
}

WT_TARGET static void normalize_avx2(const float *x, float *y, size_t n, float mean, float scale, const float *weight,
                                     const float *bias) {
    const __m256 center = _mm256_set1_ps(mean), factor = _mm256_set1_ps(scale);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 value = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(x + i), center), factor);
        if (weight) value = _mm256_mul_ps(value, _mm256_loadu_ps(weight + i));
        if (bias) value = _mm256_add_ps(value, _mm256_loadu_ps(bias + i));
        _mm256_storeu_ps(y + i, value);
    }
    normalize_scalar(x + i, y + i, n - i, mean, scale, weight ? weight + i : NULL, bias ? bias + i : NULL);
}

WT_TARGET static void affine_avx2(const float *x, float *y, size_t n, float mean, float scale, float shift) {
    const __m256 center = _mm256_set1_ps(mean), factor = _mm256_set1_ps(scale), offset = _mm256_set1_ps(shift);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 centered = _mm256_sub_ps(_mm256_loadu_ps(x + i), center);
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(centered, factor, offset));
    }
    affine_scalar(x + i, y + i, n - i, mean, scale, shift);
}

static const wt_norm_ops avx2_ops = {shifted_sums_avx2, normalize_avx2, affine_avx2};

int wt_has_avx2_fma(void) {
    static int cached = -1;
    int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (value < 0) {
        __builtin_cpu_init();
        value = (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? 1 : 0;
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return value;
}

const wt_norm_ops *wt_norm_ops_for_cpu(void) { return wt_has_avx2_fma() ? &avx2_ops : &scalar_ops; }

#else

int wt_has_avx2_fma(void) { return 0; }

const wt_norm_ops *wt_norm_ops_for_cpu(void) { return &scalar_ops; }

#endif
