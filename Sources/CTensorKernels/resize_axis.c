/*
 * Per-axis sampling tables for resize: PyTorch's interpolation rules (nearest-exact, linear, cubic, area), computed in
 * float with PyTorch's order of operations, and the allocation shared with the Lanczos table (resize_lanczos_axis.c).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "resize_axis.h"

/* Keep a·b + c as two roundings, as the reference computes it. */
#pragma STDC FP_CONTRACT OFF

/* The largest axis length the tables accept: 2^31, so products of two lengths stay far below SIZE_MAX. */
static const size_t largest_axis = (size_t)1 << 31;

/* The cubic convolution coefficient of PyTorch's bicubic mode. */
static const float cubic_a = -0.75f;

/* PyTorch's ratio of input to output positions when only the output size is given: in / out, in float. */
static float axis_ratio(const wt_resize_axis *axis) {
    return (float)axis->in_size / (float)axis->out_size;
}

/* `index` moved into 0 ..< size. */
static size_t clamp_index(ptrdiff_t index, size_t size) {
    if (index < 0) return 0;
    return (size_t)index >= size ? size - 1 : (size_t)index;
}

/*
 * Stores output `o`'s `n` taps on inputs first ..< first + n, each clamped to the axis, with weights `w`; taps the
 * clamping puts on the same input share one weight.
 */
static void put_taps(wt_resize_axis *axis, size_t o, ptrdiff_t first, size_t n, const float *w) {
    size_t low = clamp_index(first, axis->in_size);
    size_t high = clamp_index(first + (ptrdiff_t)n - 1, axis->in_size);
    float *target = axis->weights + o * axis->taps;
    for (size_t k = 0; k <= high - low; k++) target[k] = 0.0f;
    for (size_t k = 0; k < n; k++) target[clamp_index(first + (ptrdiff_t)k, axis->in_size) - low] += w[k];
    axis->start[o] = low;
    axis->count[o] = high - low + 1;
}

/* nearest-exact: min(floor((o + 0.5) · ratio), in − 1), the product taken in double and rounded to float. */
static void fill_nearest_exact(wt_resize_axis *axis) {
    const float ratio = axis_ratio(axis), one = 1.0f;
    for (size_t o = 0; o < axis->out_size; o++) {
        float position = (float)(((double)o + 0.5) * (double)ratio);
        put_taps(axis, o, (ptrdiff_t)floorf(position), 1, &one);
    }
}

/* The source position of output `o` with align_corners=False: ratio · (o + 0.5) − 0.5, rounded after each step. */
static float source_position(float ratio, size_t o) {
    return ratio * ((float)o + 0.5f) - 0.5f;
}

/* The input index below `position` (at most in − 1) and the fraction of the way to the next, clamped to [0, 1]. */
static ptrdiff_t split_position(float position, size_t in_size, float *fraction) {
    ptrdiff_t index = (ptrdiff_t)floorf(position);
    if (index > (ptrdiff_t)in_size - 1) index = (ptrdiff_t)in_size - 1;
    float t = position - (float)index;
    *fraction = t < 0.0f ? 0.0f : (t > 1.0f ? 1.0f : t);
    return index;
}

/* linear: taps at floor(p) and the next input (the same one at the last input), p clamped below at 0. */
static void fill_linear(wt_resize_axis *axis) {
    const float ratio = axis_ratio(axis), one = 1.0f;
    for (size_t o = 0; o < axis->out_size; o++) {
        if (axis->in_size == axis->out_size) {
            put_taps(axis, o, (ptrdiff_t)o, 1, &one);
            continue;
        }
        float position = source_position(ratio, o), t;
        ptrdiff_t index = split_position(position < 0.0f ? 0.0f : position, axis->in_size, &t);
        const float w[2] = {1.0f - t, t};
        put_taps(axis, o, index, 2, w);
    }
}

/* Cubic convolution weight for a tap at distance |x| ≤ 1. */
static float cubic_near(float x) {
    return ((cubic_a + 2.0f) * x - (cubic_a + 3.0f)) * x * x + 1.0f;
}

/* Cubic convolution weight for a tap at distance 1 < |x| < 2. */
static float cubic_far(float x) {
    return ((cubic_a * x - 5.0f * cubic_a) * x + 8.0f * cubic_a) * x - 4.0f * cubic_a;
}

/*
 * cubic: four taps from floor(p) − 1, p not clamped, indices clamped to the axis. PyTorch's compiled kernel fuses the
 * source position's multiply and subtract (one rounding), which moves p by an ulp at some outputs, so this does too.
 */
static void fill_cubic(wt_resize_axis *axis) {
    const float ratio = axis_ratio(axis);
    for (size_t o = 0; o < axis->out_size; o++) {
        float t;
        ptrdiff_t index = split_position(fmaf(ratio, (float)o + 0.5f, -0.5f), axis->in_size, &t);
        const float w[4] = {cubic_far(t + 1.0f), cubic_near(t), cubic_near(1.0f - t), cubic_far(2.0f - t)};
        put_taps(axis, o, index - 1, 4, w);
    }
}

/* area: the mean of inputs floor(o · in / out) ..< ceil((o + 1) · in / out). */
static void fill_area(wt_resize_axis *axis) {
    const size_t in = axis->in_size, out = axis->out_size;
    for (size_t o = 0; o < out; o++) {
        size_t first = o * in / out, end = ((o + 1) * in + out - 1) / out;
        float *target = axis->weights + o * axis->taps;
        for (size_t k = 0; k < end - first; k++) target[k] = 1.0f / (float)(end - first);
        axis->start[o] = first;
        axis->count[o] = end - first;
    }
}

/* How many taps one output of `rule` reads at most. */
static size_t rule_taps(wt_resize_rule rule, size_t in_size, size_t out_size) {
    switch (rule) {
    case WT_RESIZE_NEAREST_EXACT: return 1;
    case WT_RESIZE_LINEAR: return 2;
    case WT_RESIZE_CUBIC: return 4;
    case WT_RESIZE_AREA: return (in_size + out_size - 1) / out_size + 1;
    case WT_RESIZE_LANCZOS: return wt_lanczos_taps(in_size, out_size);
    }
    return 0;
}

wt_resize_axis *wt_resize_axis_new(wt_resize_rule rule, size_t in_size, size_t out_size) {
    if (in_size == 0 || out_size == 0 || in_size > largest_axis || out_size > largest_axis) return NULL;
    size_t taps = rule_taps(rule, in_size, out_size);
    if (taps == 0 || taps > SIZE_MAX / sizeof(float) / out_size) return NULL;
    wt_resize_axis *axis = calloc(1, sizeof *axis);
    if (!axis) return NULL;
    axis->in_size = in_size;
    axis->out_size = out_size;
    axis->taps = taps;
    axis->start = malloc(out_size * sizeof *axis->start);
    axis->count = malloc(out_size * sizeof *axis->count);
    if (rule == WT_RESIZE_LANCZOS) {
        axis->fixed_weights = malloc(out_size * taps * sizeof *axis->fixed_weights);
    } else {
        axis->weights = malloc(out_size * taps * sizeof *axis->weights);
    }
    if (!axis->start || !axis->count || (!axis->weights && !axis->fixed_weights)) {
        wt_resize_axis_free(axis);
        return NULL;
    }
    switch (rule) {
    case WT_RESIZE_NEAREST_EXACT: fill_nearest_exact(axis); break;
    case WT_RESIZE_LINEAR: fill_linear(axis); break;
    case WT_RESIZE_CUBIC: fill_cubic(axis); break;
    case WT_RESIZE_AREA: fill_area(axis); break;
    case WT_RESIZE_LANCZOS: wt_lanczos_fill(axis); break;
    }
    for (size_t o = 0; o < out_size; o++) axis->span = axis->count[o] > axis->span ? axis->count[o] : axis->span;
    return axis;
}

void wt_resize_axis_free(wt_resize_axis *axis) {
    if (!axis) return;
    free(axis->start);
    free(axis->count);
    free(axis->weights);
    free(axis->fixed_weights);
    free(axis);
}
