/* Group normalisation and layer normalisation, built on the passes in norm_stats.c. */
#include <math.h>

#include "norm_stats.h"
#include "wt_kernels.h"

void wt_group_norm(const float *x, float *y, size_t channels, size_t spatial, size_t groups, size_t begin, size_t end,
                   const float *weight, const float *bias, float eps) {
    const wt_norm_ops *ops = wt_norm_ops_for_cpu();
    const size_t channels_per_group = channels / groups;
    const size_t length = channels_per_group * spatial;
    for (size_t group = begin; group < end; group++) {
        const float *source = x + group * length;
        float *target = y + group * length;
        if (length == 0) continue;
        double mean, variance;
        wt_moments(ops, source, length, &mean, &variance);
        float scale = (float)(1.0 / sqrt(variance + (double)eps));
        size_t first_channel = (group % groups) * channels_per_group;
        for (size_t c = 0; c < channels_per_group; c++) {
            size_t channel = first_channel + c;
            float channel_scale = weight ? scale * weight[channel] : scale;
            float shift = bias ? bias[channel] : 0.0f;
            ops->affine(source + c * spatial, target + c * spatial, spatial, (float)mean, channel_scale, shift);
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
        wt_moments(ops, source, dim, &mean, &variance);
        float scale = (float)(1.0 / sqrt(variance + (double)eps));
        ops->normalize(source, y + row * dim, dim, (float)mean, scale, weight, bias);
    }
}
