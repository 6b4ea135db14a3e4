/*
 * Building blocks shared by the normalisation kernels: double-precision statistics and the float output pass, each
 * with a scalar and an AVX2/FMA version. Internal to CTensorKernels (not in include/, so Swift never sees it).
 */
#ifndef WEFT_NORM_STATS_H
#define WEFT_NORM_STATS_H

#include <stddef.h>

/** One implementation of the three passes a normalisation makes over a block of values. */
typedef struct {
    /** Σ(x[i] - shift) and Σ(x[i] - shift)² over `n` values, accumulated in double. */
    void (*shifted_sums)(const float *x, size_t n, float shift, double *deviations, double *squares);
    /**
     * y[i] = (x[i] - mean) * scale * weight[i] + bias[i], where NULL `weight` counts as all ones and NULL `bias` as all
     * zeros.
     */
    void (*normalize)(const float *x, float *y, size_t n, float mean, float scale, const float *weight,
                      const float *bias);
    /** y[i] = (x[i] - mean) * scale + shift. */
    void (*affine)(const float *x, float *y, size_t n, float mean, float scale, float shift);
} wt_norm_ops;

/** The fastest implementation this CPU supports. */
const wt_norm_ops *wt_norm_ops_for_cpu(void);

/**
 * The mean and biased variance of `n` ≥ 1 values. One pass when the values are well centred on a sample of their first
 * elements; otherwise (the variance would lose more than two bits to cancellation) a second pass around the mean.
 */
void wt_moments(const wt_norm_ops *ops, const float *x, size_t n, double *mean, double *variance);

#endif
