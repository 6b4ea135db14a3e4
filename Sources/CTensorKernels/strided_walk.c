/* The recursive run-by-run traversal shared by the strided kernels. */
#include "strided_walk.h"

/** What stays fixed during one walk. */
typedef struct walk_state {
    size_t rank;
    const size_t *shape;
    size_t operands;
    const ptrdiff_t *const *strides;
    ptrdiff_t inner_strides[WT_WALK_MAX_OPERANDS];
    wt_walk_leaf leaf;
    const void *context;
} walk_state;

/** One element offset per operand, passed by value down the recursion. */
typedef struct walk_offsets {
    ptrdiff_t at[WT_WALK_MAX_OPERANDS];
} walk_offsets;

/* Visits the elements [lo, hi) (row-major, relative to the block's first element) of the block made of dimensions
 * d ..< rank, which holds `block` elements and whose first element sits at `base`. */
static void walk_block(const walk_state *s, size_t d, size_t block, walk_offsets base, size_t lo, size_t hi) {
    if (d + 1 == s->rank) {
        walk_offsets start = {{0}};
        for (size_t k = 0; k < s->operands; k++) start.at[k] = base.at[k] + (ptrdiff_t)lo * s->inner_strides[k];
        s->leaf(s->context, start.at, s->inner_strides, hi - lo);
        return;
    }
    size_t inner = block / s->shape[d];
    for (size_t i = lo / inner; i * inner < hi; i++) {
        size_t start = i * inner;
        size_t sub_lo = lo > start ? lo - start : 0;
        size_t sub_hi = hi - start < inner ? hi - start : inner;
        walk_offsets next = {{0}};
        for (size_t k = 0; k < s->operands; k++) next.at[k] = base.at[k] + (ptrdiff_t)i * s->strides[k][d];
        walk_block(s, d + 1, inner, next, sub_lo, sub_hi);
    }
}

void wt_walk(size_t rank, const size_t *shape, size_t operands, const ptrdiff_t *const *strides, size_t first,
             size_t count, wt_walk_leaf leaf, const void *context) {
    if (count == 0 || rank == 0 || operands == 0 || operands > WT_WALK_MAX_OPERANDS) return;
    walk_state state = {rank, shape, operands, strides, {0}, leaf, context};
    size_t total = 1;
    for (size_t d = 0; d < rank; d++) total *= shape[d];
    for (size_t k = 0; k < operands; k++) state.inner_strides[k] = strides[k][rank - 1];
    walk_offsets origin = {{0}};
    walk_block(&state, 0, total, origin, first, first + count);
}
