/* Scalar and AVX2/FMA versions of the normalisation passes, and the choice between them. */
#include "norm_stats.h"
#include "vecmath.h"

static void add_sums_scalar(const float *x, size_t n, float shift, wt_shifted_sums *sums) {
    double deviation_total = 0, square_total = 0;
    for (size_t i = 0; i < n; i++) {
        double deviation = (double)(x[i] - shift);
        deviation_total += deviation;
        square_total += deviation * deviation;
    }
    sums->deviations += deviation_total;
    sums->squares += square_total;
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

static void affine_scalar(const float *x, float *y, size_t n, float mean, float scale, float offset) {
    for (size_t i = 0; i < n; i++) y[i] = (x[i] - mean) * scale + offset;
}

static void affine_and_sums_scalar(const float *x, float *y, size_t n, float mean, float scale, float offset,
                                   const float *next, float next_shift, wt_shifted_sums *sums) {
    affine_scalar(x, y, n, mean, scale, offset);
    add_sums_scalar(next, n, next_shift, sums);
}

float wt_moment_shift(const float *x, size_t n) {
    size_t sample = n < 64 ? n : 64;
    double total = 0;
    for (size_t i = 0; i < sample; i++) total += x[i];
    return (float)(total / (double)sample);
}

int wt_moments_from_sums(size_t n, float shift, wt_shifted_sums sums, double *mean, double *variance) {
    *mean = (double)shift + sums.deviations / (double)n;
    double centered = sums.squares - sums.deviations * sums.deviations / (double)n;
    *variance = (centered > 0 ? centered : 0) / (double)n;
    return centered >= 0.25 * sums.squares;
}

void wt_moments(const wt_norm_ops *ops, const float *x, size_t n, float shift, double *mean, double *variance) {
    for (int pass = 0; pass < 2; pass++) {
        wt_shifted_sums sums = {0, 0};
        ops->add_sums(x, n, shift, &sums);
        if (wt_moments_from_sums(n, shift, sums, mean, variance)) return;
        shift = (float)*mean;
    }
}

static const wt_norm_ops scalar_ops = {add_sums_scalar, normalize_scalar, affine_scalar, affine_and_sums_scalar};

#if defined(__x86_64__) || defined(__i386__)

/*
 * Adds blocks of WT_BLOCK values in float (each of the eight-lane accumulators sees WT_BLOCK / 16 values, so the
 * float rounding stays near 1e-7 relative) and carries the block totals in double.
 */
#define WT_BLOCK 64

/*
 * add_sums over `next`, and, when `with_affine` (a constant wherever this is inlined), the affine pass from `x` to `y`
 * over the same indices.
 */
WT_AVX2_INLINE void sums_pass_avx2(const float *next, size_t n, float shift, wt_shifted_sums *sums, int with_affine,
                                   const float *x, float *y, float mean, float scale, float offset) {
    const __m256 center = _mm256_set1_ps(shift);
    const __m256 affine_center = _mm256_set1_ps(mean), factor = _mm256_set1_ps(scale);
    const __m256 addend = _mm256_set1_ps(offset);
    __m256d square_totals = _mm256_setzero_pd(), deviation_totals = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + WT_BLOCK <= n; i += WT_BLOCK) {
        __m256 sa = _mm256_setzero_ps(), sb = _mm256_setzero_ps(), da = _mm256_setzero_ps(), db = _mm256_setzero_ps();
        for (size_t j = i; j < i + WT_BLOCK; j += 16) {
            __m256 a = _mm256_sub_ps(_mm256_loadu_ps(next + j), center);
            __m256 b = _mm256_sub_ps(_mm256_loadu_ps(next + j + 8), center);
            sa = _mm256_fmadd_ps(a, a, sa);
            sb = _mm256_fmadd_ps(b, b, sb);
            da = _mm256_add_ps(da, a);
            db = _mm256_add_ps(db, b);
            if (with_affine) {
                __m256 low = _mm256_sub_ps(_mm256_loadu_ps(x + j), affine_center);
                __m256 high = _mm256_sub_ps(_mm256_loadu_ps(x + j + 8), affine_center);
                _mm256_storeu_ps(y + j, _mm256_fmadd_ps(low, factor, addend));
                _mm256_storeu_ps(y + j + 8, _mm256_fmadd_ps(high, factor, addend));
            }
        }
        square_totals = wt_accumulate8d(square_totals, _mm256_add_ps(sa, sb));
        deviation_totals = wt_accumulate8d(deviation_totals, _mm256_add_ps(da, db));
    }
    sums->deviations += wt_sum4d(deviation_totals);
    sums->squares += wt_sum4d(square_totals);
    add_sums_scalar(next + i, n - i, shift, sums);
    if (with_affine) affine_scalar(x + i, y + i, n - i, mean, scale, offset);
}

WT_AVX2 static void add_sums_avx2(const float *x, size_t n, float shift, wt_shifted_sums *sums) {
    sums_pass_avx2(x, n, shift, sums, 0, NULL, NULL, 0, 0, 0);
}

WT_AVX2 static void affine_and_sums_avx2(const float *x, float *y, size_t n, float mean, float scale, float offset,
                                         const float *next, float next_shift, wt_shifted_sums *sums) {
    sums_pass_avx2(next, n, next_shift, sums, 1, x, y, mean, scale, offset);
}

WT_AVX2 static void normalize_avx2(const float *x, float *y, size_t n, float mean, float scale, const float *weight,
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

WT_AVX2 static void affine_avx2(const float *x, float *y, size_t n, float mean, float scale, float offset) {
    const __m256 center = _mm256_set1_ps(mean), factor = _mm256_set1_ps(scale), addend = _mm256_set1_ps(offset);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 centered = _mm256_sub_ps(_mm256_loadu_ps(x + i), center);
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(centered, factor, addend));
    }
    affine_scalar(x + i, y + i, n - i, mean, scale, offset);
}

static const wt_norm_ops avx2_ops = {add_sums_avx2, normalize_avx2, affine_avx2, affine_and_sums_avx2};

const wt_norm_ops *wt_norm_ops_for_cpu(void) { return wt_has_avx2_fma() ? &avx2_ops : &scalar_ops; }

#else

const wt_norm_ops *wt_norm_ops_for_cpu(void) { return &scalar_ops; }

#endif
