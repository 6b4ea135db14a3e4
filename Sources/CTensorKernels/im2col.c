#include "wt_conv.h"

#include <string.h>

/* Fills one output row segment of one im2col row: output columns ox0 ..< ox0 + run of output row `oy` for the tap
 * whose input offset is (dy, dx). Columns whose input pixel lies in the padding get 0. */
static void im2col_segment(const wt_conv2d_geometry *g, const float *plane, ptrdiff_t oy, ptrdiff_t ox0,
                           ptrdiff_t run, ptrdiff_t dy, ptrdiff_t dx, float *dst) {
    ptrdiff_t iy = oy * g->stride_h + dy;
    if (iy < 0 || iy >= g->height) {
        memset(dst, 0, (size_t)run * sizeof(float));
        return;
    }
    /* Output columns ox with 0 <= ox * stride_w + dx < width form the range [lo, hi). */
    ptrdiff_t sw = g->stride_w;
    ptrdiff_t lo = dx >= 0 ? 0 : (-dx + sw - 1) / sw;
    ptrdiff_t hi = g->width - 1 - dx < 0 ? 0 : (g->width - 1 - dx) / sw + 1;
    ptrdiff_t end = ox0 + run;
    if (lo < ox0) lo = ox0;
    if (hi > end) hi = end;
    if (hi < lo) hi = lo;
    for (ptrdiff_t ox = ox0; ox < lo; ox++) dst[ox - ox0] = 0;
    const float *line = plane + iy * g->width;
    if (sw == 1) {
        if (hi > lo) memcpy(dst + (lo - ox0), line + lo + dx, (size_t)(hi - lo) * sizeof(float));
    } else {
        for (ptrdiff_t ox = lo; ox < hi; ox++) dst[ox - ox0] = line[ox * sw + dx];
    }
    for (ptrdiff_t ox = hi; ox < end; ox++) dst[ox - ox0] = 0;
}

void wt_im2col(const wt_conv2d_geometry *g, const float *image, ptrdiff_t first, ptrdiff_t count, float *columns) {
    ptrdiff_t plane_size = g->height * g->width;
    float *row = columns;
    for (ptrdiff_t c = 0; c < g->channels; c++) {
        const float *plane = image + c * plane_size;
        for (ptrdiff_t ky = 0; ky < g->kernel_h; ky++) {
            ptrdiff_t dy = ky * g->dilation_h - g->pad_h;
            for (ptrdiff_t kx = 0; kx < g->kernel_w; kx++) {
                ptrdiff_t dx = kx * g->dilation_w - g->pad_w;
                ptrdiff_t oy = first / g->out_w;
                ptrdiff_t ox = first % g->out_w;
                for (ptrdiff_t j = 0; j < count;) {
                    ptrdiff_t run = g->out_w - ox;
                    if (run > count - j) run = count - j;
                    im2col_segment(g, plane, oy, ox, run, dy, dx, row + j);
                    j += run;
                    ox = 0;
                    oy++;
                }
                row += count;
            }
        }
    }
}
