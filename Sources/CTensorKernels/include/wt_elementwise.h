/*
 * CTensorKernels: element-wise arithmetic, strided copies and padding gathers behind WeftTensor's broadcasting,
 * views, concat and pad, compiled optimised in every build configuration.
 *
 * Strided layouts. A layout is `rank` (>= 1) sizes `shape` and, per operand, `rank` element strides: the element at
 * multi-index (i0, ..., i[rank-1]) of an operand whose pointer is `p` lives at p[i0 * strides[0] + ... ]. A stride may
 * be 0 (a broadcast dimension, read only). The `first`/`count` arguments select the elements whose row-major linear
 * index over `shape` lies in [first, first + count), so callers can split one layout across threads; every element
 * in that range is visited once. Every function is thread-safe.
 */
#ifndef WEFT_WT_ELEMENTWISE_H
#define WEFT_WT_ELEMENTWISE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The operation wt_binary_strided applies to each pair of elements (a, b). */
typedef enum wt_binary_op {
    /** a + b */
    WT_BINARY_ADD,
    /** a - b */
    WT_BINARY_SUBTRACT,
    /** a * b */
    WT_BINARY_MULTIPLY,
    /** a / b (IEEE: division by zero gives an infinity or NaN) */
    WT_BINARY_DIVIDE,
    /** The larger of a and b; NaN when either is NaN. */
    WT_BINARY_MAXIMUM,
    /** The smaller of a and b; NaN when either is NaN. */
    WT_BINARY_MINIMUM,
} wt_binary_op;

/**
 * y = a op b element-wise over the strided layout `shape`, for the elements [first, first + count). `y` may be
 * exactly `a` (in place: same pointer and strides); otherwise `y` must not overlap either input. No element of `y`
 * may be addressed twice. Runs where y, a and b advance by one, or one input stays put (a stride of 0), are
 * plain vectorisable loops.
 */
void wt_binary_strided(wt_binary_op op, size_t rank, const size_t *shape, float *y, const ptrdiff_t *y_strides,
                       const float *a, const ptrdiff_t *a_strides, const float *b, const ptrdiff_t *b_strides,
                       size_t first, size_t count);

/**
 * Copies x into y element by element over the strided layout `shape`, for the elements [first, first + count).
 * `y` must not overlap `x`, and no element of `y` may be addressed twice. Runs contiguous on both sides are copied
 * with memcpy, runs of a broadcast input (stride 0) are fills.
 */
void wt_copy_strided(size_t rank, const size_t *shape, float *y, const ptrdiff_t *y_strides, const float *x,
                     const ptrdiff_t *x_strides, size_t first, size_t count);

/**
 * Writes rows [row_begin, row_end) of `y`, a contiguous row-major tensor of `rank` (>= 1) dimensions `shape` (a row
 * is shape[rank-1] elements), gathering from `x` through per-dimension offset tables: `offsets` holds
 * shape[0] + ... + shape[rank-1] entries, dimension d's table starting after the tables of dimensions 0..<d. Element
 * (i0, ..., i[rank-1]) is `fill` when any table entry offsets_d[i_d] is negative, and otherwise
 * x[offsets_0[i0] + ... + offsets_{rank-1}[i_{rank-1}]]. `x` is only read at such sums (it may be NULL when every
 * element is `fill`) and must not overlap `y`.
 */
void wt_gather_indexed(size_t rank, const size_t *shape, const ptrdiff_t *offsets, const float *x, float fill, float *y,
                       size_t row_begin, size_t row_end);

/** y[i] = x[i] raised to at least `lo` and then lowered to at most `hi`, for `n` values; NaN stays NaN. `y` may be `x`. */
void wt_clamp(const float *x, float *y, size_t n, float lo, float hi);

#ifdef __cplusplus
}
#endif

#endif
