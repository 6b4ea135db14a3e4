/*
 * Building blocks shared by the normalisation kernels: double-precision statistics and the float output pass, each
 * with a scalar and an AVX2/FMA version. Internal to CTensorKernels (not in include/, so Swift never sees it).
 */
#ifndef WEFT_NORM_STATS_H
#define WEFT_NORM_STATS_H

#include <stddef.h>

/** Σ(x[i] - shift) and Σ(x[i] - shift)² over a block of values, in double. */
typedef struct {
    double deviations, squares;
} wt_shifted_sums;

/** One implementation of the passes a normalisation makes over a block of values. */
typedef struct {
    /** Adds the deviations of `n` values from `shift`, and their squares, to `sums`. */
    void (*add_sums)(const float *x, size_t n, float shift, wt_shifted_sums *sums);
    /**
     * y[i] = (x[i] - mean) * scale * weight[i] + bias[i], where NULL `weight` counts as all ones and NULL `bias` as all
     * zeros.
     */
    void (*normalize)(const float *x, float *y, size_t n, float mean, float scale, const float *weight,
                      const float *bias);
    /** y[i] = (x[i] - mean) * scale + offset. */
    void (*affine)(const float *x, float *y, size_t n, float mean, float scale, float offset);
    /**
     * `affine(x, y, n, mean, scale, offset)` and `add_sums(next, n, next_shift, sums)` in one loop, so reading the
     * next block from memory overlaps writing this one's output.
     */
    void (*affine_and_sums)(const float *x, float *y, size_t n, float mean, float scale, float offset, const float *next,
                            float next_shift, wt_shifted_sums *sums);
} wt_norm_ops;

/** The fastest implementation this CPU supports. */
const wt_norm_ops *wt_norm_ops_for_cpu(void);

/** The shift to take statistics of `n` ≥ 1 values around: the mean of (up to) the first 64. */
float wt_moment_shift(const float *x, size_t n);

/**
 * The mean and biased variance of `n` ≥ 1 values from their sums around `shift`. Returns 0 when the shift was so far
 * from the mean that the variance lost more than two bits to cancellation (take the sums again around the mean), 1
 * otherwise.
 */
int wt_moments_from_sums(size_t n, float shift, wt_shifted_sums sums, double *mean, double *variance);

/**
 * The mean and biased variance of `n` ≥ 1 values: one pass around `shift`, and a second around the mean found when
 * `wt_moments_from_sums` rejects the first.
 */
void wt_moments(const wt_norm_ops *ops, const float *x, size_t n, float shift, double *mean, double *variance);

#endif
