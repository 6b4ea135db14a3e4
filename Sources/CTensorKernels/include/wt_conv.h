/*
 * CTensorKernels: the im2col lowering behind WeftTensor's conv2d, compiled optimised in every build configuration.
 */
#ifndef WEFT_WT_CONV_H
#define WEFT_WT_CONV_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The geometry of one 2-D convolution over one image's group of channels (all sizes ≥ 1, padding ≥ 0). */
typedef struct wt_conv2d_geometry {
    /** Input channels read (one group's), and the input plane's height and width. */
    ptrdiff_t channels, height, width;
    /** Kernel height and width. */
    ptrdiff_t kernel_h, kernel_w;
    /** Step between neighbouring output positions, in input pixels. */
    ptrdiff_t stride_h, stride_w;
    /** Implicit zero rows (top and bottom) and columns (left and right). */
    ptrdiff_t pad_h, pad_w;
    /** Spacing between neighbouring kernel taps, in input pixels. */
    ptrdiff_t dilation_h, dilation_w;
    /** Output plane's height and width. */
    ptrdiff_t out_h, out_w;
} wt_conv2d_geometry;

/**
 * Writes the im2col matrix of output positions `first ..< first + count` (row-major over the output plane) into
 * `columns`, a row-major [channels · kernel_h · kernel_w, count] matrix: row (c · kernel_h + ky) · kernel_w + kx,
 * column j holds the input value that tap (c, ky, kx) reads for output position first + j, or 0 where that tap
 * falls in the padding. `image` is [channels, height, width], row-major. Thread-safe; `columns` must not overlap it.
 */
void wt_im2col(const wt_conv2d_geometry *geometry, const float *image, ptrdiff_t first, ptrdiff_t count, float *columns);

#ifdef __cplusplus
}
#endif

#endif
