/* Private to the resize kernels: the Pillow Lanczos table builder that resize_axis.c dispatches to. */
#ifndef WEFT_RESIZE_AXIS_H
#define WEFT_RESIZE_AXIS_H

#include "wt_resize.h"

/** How many Q22 weights one output of a Lanczos axis from `in_size` to `out_size` reads at most (Pillow's ksize). */
size_t wt_lanczos_taps(size_t in_size, size_t out_size);

/** Fills `axis` (sizes, `taps` from wt_lanczos_taps, arrays allocated) with Pillow's Lanczos-3 windows and weights. */
void wt_lanczos_fill(wt_resize_axis *axis);

#endif
