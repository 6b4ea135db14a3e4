/*
 * CTensorKernels: multi-head scaled dot-product attention on token-major tensors, the layout linear projections
 * produce, so no head is ever copied out into a [batch, heads, tokens, depth] tensor.
 *
 * Layout. Row `i` of batch entry `b` of the queries starts at `q + (b·queries + i)·query_stride`, and holds every
 * head's `depth` values side by side (head `h` at offset h·depth); keys likewise with `key_stride`, values with
 * `value_stride` (`value_depth` values per head) and the output with `output_stride` (`value_depth` per head). The
 * strides are in floats and may exceed heads·depth, e.g. for queries, keys and values packed in one tensor.
 *
 * Each output row is softmax(scale · q·kᵀ over the keys) · v for its head. Work is split into items — one batch
 * entry, one head and a block of up to `block_rows` queries — so callers can spread the items over threads; each
 * thread needs its own scratch buffer of `scratch_floats` floats. There are three kernels, for AVX-512, for AVX2/FMA
 * and in portable vector code; `wt_attention_fastest_kernel` names the fastest this CPU runs (via
 * `__builtin_cpu_supports`), and results of the three agree to float rounding.
 */
#ifndef WEFT_WT_ATTENTION_H
#define WEFT_WT_ATTENTION_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The instruction sets wt_attention has a kernel for, slowest first. */
typedef enum wt_attention_kernel {
    /** Portable vector code (four lanes). */
    WT_ATTENTION_PORTABLE = 0,
    /** AVX2 and FMA (eight lanes). */
    WT_ATTENTION_AVX2 = 1,
    /** AVX-512 (sixteen lanes). */
    WT_ATTENTION_AVX512 = 2,
} wt_attention_kernel;

/** The fastest kernel this CPU can run. */
wt_attention_kernel wt_attention_fastest_kernel(void);

/** The sizes of one attention computation; `wt_attention_prepare` fills the last three fields. */
typedef struct wt_attention_geometry {
    /** The kernel to run; one the CPU cannot run is replaced by the fastest it can. */
    wt_attention_kernel kernel;
    /** Batch entries and heads. */
    size_t batch, heads;
    /** Query rows and key (and value) rows per batch entry. */
    size_t queries, keys;
    /** Values per head in queries and keys, and in values and the output. */
    size_t depth, value_depth;
    /** Floats from one token's row to the next in the queries, keys, values and output. */
    size_t query_stride, key_stride, value_stride, output_stride;
    /** The factor applied to every score before the softmax, usually 1/√depth. */
    float scale;
    /** Filled by wt_attention_prepare: queries per item, the number of items, and the scratch each thread needs. */
    size_t block_rows, items, scratch_floats;
} wt_attention_geometry;

/**
 * Fills `block_rows`, `items` and `scratch_floats` of `geometry` for its kernel (every other field set, all sizes
 * ≥ 1, `keys` below 2³¹).
 */
void wt_attention_prepare(wt_attention_geometry *geometry);

/**
 * Writes the output rows of items [first, first + count) (numbered batch entry, then head, then query block), given
 * a prepared geometry and `scratch`, `scratch_floats` floats of the calling thread's own. The output must not overlap
 * the inputs. Thread-safe for disjoint item ranges with separate scratch buffers.
 */
void wt_attention(const wt_attention_geometry *geometry, const float *q, const float *k, const float *v, float *output,
                  size_t first, size_t count, float *scratch);

#ifdef __cplusplus
}
#endif

#endif
