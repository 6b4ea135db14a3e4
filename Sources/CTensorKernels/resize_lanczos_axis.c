/*
 * The Lanczos-3 sampling table of Pillow's resize (no box, no reducing gap), in double and then Q22 fixed point, so an
 * 8-bit resize through it gives Pillow's bytes. An axis whose size does not change is the identity, as Pillow then
 * skips the pass.
 */
#include <math.h>

#include "resize_axis.h"

/* Keep a·b + c as two roundings, as Pillow computes it. */
#pragma STDC FP_CONTRACT OFF

/* Fractional bits of the fixed-point weights: 32 − 8 (a byte) − 2 (headroom), as Pillow uses for 8-bit images. */
static const int fixed_bits = 22;

/* The Lanczos filter's half-width at scale 1. */
static const double lanczos_support = 3.0;

static const double pi = 3.14159265358979323846;

/* sin(πx) / (πx), 1 at 0. */
static double sinc(double x) {
    if (x == 0.0) return 1.0;
    x = x * pi;
    return sin(x) / x;
}

/* The Lanczos-3 window: sinc(x) · sinc(x / 3) on [−3, 3), 0 elsewhere. */
static double lanczos(double x) {
    return (x >= -lanczos_support && x < lanczos_support) ? sinc(x) * sinc(x / lanczos_support) : 0.0;
}

/* Input positions per output position, and the same widened to at least 1 (the filter stretches when reducing). */
static void scales(size_t in_size, size_t out_size, double *scale, double *filter_scale) {
    *scale = (double)(float)in_size / (double)out_size;
    *filter_scale = *scale < 1.0 ? 1.0 : *scale;
}

size_t wt_lanczos_taps(size_t in_size, size_t out_size) {
    if (in_size == out_size) return 1;
    double scale, filter_scale;
    scales(in_size, out_size, &scale, &filter_scale);
    return (size_t)ceil(lanczos_support * filter_scale) * 2 + 1;
}

/* `w` in Q22 fixed point, rounded half away from zero. */
static int32_t fixed(double w) {
    double scaled = w * (double)(1 << fixed_bits);
    return (int32_t)(scaled < 0.0 ? scaled - 0.5 : scaled + 0.5);
}

void wt_lanczos_fill(wt_resize_axis *axis) {
    const size_t in = axis->in_size;
    if (in == axis->out_size) {
        for (size_t o = 0; o < in; o++) {
            axis->start[o] = o;
            axis->count[o] = 1;
            axis->fixed_weights[o] = fixed(1.0);
        }
        return;
    }
    double scale, filter_scale;
    scales(in, axis->out_size, &scale, &filter_scale);
    const double support = lanczos_support * filter_scale, step = 1.0 / filter_scale;
    for (size_t o = 0; o < axis->out_size; o++) {
        double center = ((double)o + 0.5) * scale;
        double low = center - support + 0.5, high = center + support + 0.5;
        size_t first = low <= 0.0 ? 0 : (size_t)low;
        size_t end = high >= (double)in ? in : (size_t)high;
        if (end - first > axis->taps) end = first + axis->taps;
        /* The window is evaluated twice (sum, then normalised weights) rather than buffered: identical values. */
        double total = 0.0;
        for (size_t k = 0; k < end - first; k++) total += lanczos(((double)(first + k) - center + 0.5) * step);
        int32_t *target = axis->fixed_weights + o * axis->taps;
        for (size_t k = 0; k < end - first; k++) {
            double w = lanczos(((double)(first + k) - center + 0.5) * step);
            target[k] = fixed(total != 0.0 ? w / total : w);
        }
        axis->start[o] = first;
        axis->count[o] = end - first;
    }
}
