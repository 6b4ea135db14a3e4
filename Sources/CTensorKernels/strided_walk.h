/* Internal: visits a range of a strided layout (see wt_elementwise.h) run by run, for the strided kernels. */
#ifndef WEFT_STRIDED_WALK_H
#define WEFT_STRIDED_WALK_H

#include <stddef.h>

/** The most operands one walk advances (output plus two inputs). */
#define WT_WALK_MAX_OPERANDS 3

/**
 * Handles one run: `n` consecutive elements along the innermost dimension. `offsets[k]` is operand k's element
 * offset of the run's first element and `strides[k]` its innermost stride.
 */
typedef void (*wt_walk_leaf)(const void *context, const ptrdiff_t *offsets, const ptrdiff_t *strides, size_t n);

/**
 * Calls `leaf` for the elements [first, first + count) of the layout `shape` (rank >= 1, every size >= 1 when
 * count > 0), split into runs that never cross the end of the innermost dimension, in row-major order.
 * `strides[k]` holds operand k's `rank` strides, for `operands` (1 ... WT_WALK_MAX_OPERANDS) operands.
 */
void wt_walk(size_t rank, const size_t *shape, size_t operands, const ptrdiff_t *const *strides, size_t first,
             size_t count, wt_walk_leaf leaf, const void *context);

#endif
