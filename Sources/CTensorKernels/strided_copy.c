/* Strided copies (views made contiguous, concatenation) and the offset-table gather behind padding. */
#include <string.h>

#include "strided_walk.h"
#include "wt_elementwise.h"

/** The operands of one wt_copy_strided call, handed to each run. */
typedef struct copy_context {
    float *y;
    const float *x;
} copy_context;

static void copy_leaf(const void *context, const ptrdiff_t *offsets, const ptrdiff_t *strides, size_t n) {
    const copy_context *c = context;
    float *y = c->y + offsets[0];
    const float *x = c->x + offsets[1];
    const ptrdiff_t sy = strides[0], sx = strides[1];
    if (sy == 1 && sx == 1) {
        memcpy(y, x, n * sizeof(float));
    } else if (sy == 1 && sx == 0) {
        const float v = *x;
        for (size_t i = 0; i < n; i++) y[i] = v;
    } else if (sy == 1) {
        for (size_t i = 0; i < n; i++) y[i] = x[(ptrdiff_t)i * sx];
    } else {
        for (size_t i = 0; i < n; i++) y[(ptrdiff_t)i * sy] = x[(ptrdiff_t)i * sx];
    }
}

void wt_copy_strided(size_t rank, const size_t *shape, float *y, const ptrdiff_t *y_strides, const float *x,
                     const ptrdiff_t *x_strides, size_t first, size_t count) {
    const copy_context context = {y, x};
    const ptrdiff_t *strides[2] = {y_strides, x_strides};
    wt_walk(rank, shape, 2, strides, first, count, copy_leaf, &context);
}

void wt_gather_indexed(size_t rank, const size_t *shape, const ptrdiff_t *offsets, const float *x, float fill, float *y,
                       size_t row_begin, size_t row_end) {
    if (rank == 0) return;
    const size_t width = shape[rank - 1];
    size_t inner_table = 0;
    for (size_t d = 0; d + 1 < rank; d++) inner_table += shape[d];
    const ptrdiff_t *columns = offsets + inner_table;
    for (size_t row = row_begin; row < row_end; row++) {
        /* Decompose the row index over the outer dimensions, last to first, summing their table entries. */
        size_t rest = row, table = inner_table;
        ptrdiff_t base = 0;
        int padding = 0;
        for (size_t d = rank - 1; d-- > 0;) {
            table -= shape[d];
            ptrdiff_t offset = offsets[table + rest % shape[d]];
            rest /= shape[d];
            if (offset < 0) padding = 1;
            else base += offset;
        }
        float *out = y + row * width;
        if (padding) {
            for (size_t j = 0; j < width; j++) out[j] = fill;
        } else {
            for (size_t j = 0; j < width; j++) out[j] = columns[j] < 0 ? fill : x[base + columns[j]];
        }
    }
}
