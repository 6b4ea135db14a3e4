/*
 * CTensorKernels: separable image resampling behind WeftTensor's resize, matching PyTorch's
 * `torch.nn.functional.interpolate` (nearest-exact, bilinear and bicubic with align_corners=False, area) in float and
 * Pillow's 8-bit LANCZOS resize (as ComfyUI runs it) byte for byte.
 *
 * A resize is two per-axis tables (`wt_resize_axis`: which input lines each output line reads, with what weights) and
 * one pass over output rows that resamples each needed input row along the columns once, keeps the last few in a
 * small ring buffer, and combines them along the rows. Every function is thread-safe; callers split the output rows
 * of a batch across threads, giving each thread its own scratch buffer.
 */
#ifndef WEFT_WT_RESIZE_H
#define WEFT_WT_RESIZE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How an axis maps output positions to input positions. */
typedef enum wt_resize_rule {
    /** PyTorch's nearest-exact: input index min(floor((o + 0.5) · in / out), in − 1). */
    WT_RESIZE_NEAREST_EXACT = 0,
    /** PyTorch's linear interpolation, align_corners=False (source position clamped at 0, two taps). */
    WT_RESIZE_LINEAR = 1,
    /** PyTorch's cubic convolution, A = −0.75, align_corners=False, indices clamped to the border (four taps). */
    WT_RESIZE_CUBIC = 2,
    /** PyTorch's adaptive average pooling: the mean of inputs floor(o · in / out) ..< ceil((o + 1) · in / out). */
    WT_RESIZE_AREA = 3,
    /** Pillow's Lanczos-3 with the support widened by the downscale factor, weights in Q22 fixed point. */
    WT_RESIZE_LANCZOS = 4,
} wt_resize_rule;

/**
 * The sampling table of one axis: output `o` reads the inputs `start[o] ..< start[o] + count[o]` with weights
 * `weights[o · taps + k]` (float; WT_RESIZE_LANCZOS fills `fixed_weights` instead, in Q22 fixed point, and leaves
 * `weights` NULL). Windows whose clamped taps landed on the same input are merged into one weight.
 */
typedef struct wt_resize_axis {
    /** Input and output lengths of the axis (both ≥ 1). */
    size_t in_size, out_size;
    /** Distance between consecutive outputs' weights in `weights` / `fixed_weights`. */
    size_t taps;
    /** The largest `count[o]`: how many input lines one output line reads at most. */
    size_t span;
    /** First input index of each output. */
    size_t *start;
    /** Number of inputs each output reads (≥ 1). */
    size_t *count;
    /** Float weights (interpolation rules), or NULL. */
    float *weights;
    /** Q22 fixed-point weights (WT_RESIZE_LANCZOS), or NULL. */
    int32_t *fixed_weights;
} wt_resize_axis;

/**
 * Builds the table that resamples an axis of `in_size` inputs to `out_size` outputs under `rule` (both sizes ≥ 1 and
 * at most 2^31). Returns NULL when memory runs out or a size or the rule is out of range; release the table with
 * wt_resize_axis_free.
 */
wt_resize_axis *wt_resize_axis_new(wt_resize_rule rule, size_t in_size, size_t out_size);

/** Releases a table made by wt_resize_axis_new (NULL is ignored). */
void wt_resize_axis_free(wt_resize_axis *axis);

/** Where the elements of a batch of images sit: element (b, c, y, x) is at b·batch + c·channel + y·row + x·column. */
typedef struct wt_resize_layout {
    size_t batch, channel, row, column;
} wt_resize_layout;

/**
 * One resize of a batch of `channels`-channel images: `rows` maps input rows to output rows and `columns` input columns
 * to output columns (their `out_size`s are the output height and width); `source` and `target` place the elements.
 */
typedef struct wt_resize_geometry {
    size_t channels;
    const wt_resize_axis *rows, *columns;
    wt_resize_layout source, target;
} wt_resize_geometry;

/** How many floats of scratch one call of wt_resize_float needs. */
size_t wt_resize_float_scratch(const wt_resize_geometry *geometry);

/**
 * Resamples output rows `begin ..< end` of the batch (row `i` is image i / out_height, row i % out_height) of every
 * channel from `x` into `y` with float tables, in float arithmetic: each output is Σ_rows w · (Σ_columns w · x), which
 * is PyTorch's order of operations. `scratch` holds wt_resize_float_scratch floats; `x` and `y` must not overlap.
 */
void wt_resize_float(const wt_resize_geometry *geometry, const float *x, float *y, size_t begin, size_t end,
                     float *scratch);

/** How many bytes of scratch (aligned for int64_t) one call of wt_resize_lanczos needs. */
size_t wt_resize_lanczos_scratch(const wt_resize_geometry *geometry);

/**
 * Resamples output rows `begin ..< end` of the batch like ComfyUI's lanczos upscale through Pillow, with
 * WT_RESIZE_LANCZOS tables:
 * - each value becomes the byte trunc(clamp(255 · v, 0, 255)) (NaN becomes 0);
 * - when the size changes, images with 2 or 4 channels have their colour channels premultiplied by the last channel,
 *   alpha, as Pillow does for LA and RGBA (round(c · a / 255)), and divided by it again at the end
 *   (c = min(255, trunc(255 · c / a)) when 0 < a < 255);
 * - the image is resampled along the columns, then the rows (the rows first when the height shrinks by more than twice
 *   as many pixels as the width, as Pillow 13 chooses), in Q22 fixed point, rounding and clamping to a byte after each
 *   pass;
 * - each byte q is written as q / 255.
 * `scratch` holds wt_resize_lanczos_scratch bytes; `x` and `y` must not overlap.
 */
void wt_resize_lanczos(const wt_resize_geometry *geometry, const float *x, float *y, size_t begin, size_t end,
                       void *scratch);

#ifdef __cplusplus
}
#endif

#endif
