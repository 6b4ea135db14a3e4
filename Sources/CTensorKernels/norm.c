/* Group normalisation and layer normalisation, built on the passes in norm_stats.c. */
#include <math.h>

#include "norm_stats.h"
#include "wt_kernels.h"

/*
 * Groups are taken in order, and each group's output pass also takes the statistics of the next group in the range,
 * so reading the next group from memory overlaps writing this one (the group itself is read a second time from
 * cache). Only the range's first group has a statistics pass of its own.
 */
void wt_group_norm(const float *x, float *y, size_t channels, size_t spatial, size_t groups, size_t begin, size_t end,
                   const float *weight, const float *bias, float eps) {
    const wt_norm_ops *ops = wt_norm_ops_for_cpu();
    const size_t channels_per_group = channels / groups;
    const size_t length = channels_per_group * spatial;
    if (length == 0 || begin >= end) return;
    double mean, variance;
    wt_moments(ops, x + begin * length, length, wt_moment_shift(x + begin * length, length), &mean, &variance);
    for (size_t group = begin; group < end; group++) {
        const float *source = x + group * length;
        const float *next = group + 1 < end ? source + length : NULL;
        float *target = y + group * length;
        float scale = (float)(1.0 / sqrt(variance + (double)eps));
        float next_shift = next ? wt_moment_shift(next, length) : 0;
        wt_shifted_sums next_sums = {0, 0};
        size_t first_channel = (group % groups) * channels_per_group;
        for (size_t c = 0; c < channels_per_group; c++) {
            size_t channel = first_channel + c, offset = c * spatial;
            float channel_scale = weight ? scale * weight[channel] : scale;
            float shift = bias ? bias[channel] : 0.0f;
            if (next) {
                ops->affine_and_sums(source + offset, target + offset, spatial, (float)mean, channel_scale, shift,
                                     next + offset, next_shift, &next_sums);
            } else {
                ops->affine(source + offset, target + offset, spatial, (float)mean, channel_scale, shift);
            }
        }
        if (next && !wt_moments_from_sums(length, next_shift, next_sums, &mean, &variance)) {
            wt_moments(ops, next, length, (float)mean, &mean, &variance);
        }
    }
}

void wt_layer_norm(const float *x, float *y, size_t rows, size_t dim, const float *weight, const float *bias,
                   float eps) {
    if (dim == 0) return;
    const wt_norm_ops *ops = wt_norm_ops_for_cpu();
    for (size_t row = 0; row < rows; row++) {
        const float *source = x + row * dim;
        double mean, variance;
        wt_moments(ops, source, dim, wt_moment_shift(source, dim), &mean, &variance);
        float scale = (float)(1.0 / sqrt(variance + (double)eps));
        ops->normalize(source, y + row * dim, dim, (float)mean, scale, weight, bias);
    }
}
