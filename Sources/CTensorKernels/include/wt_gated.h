/*
 * CTensorKernels: GELU-gated linear units (GEGLU), the activation of the gated feed-forward networks in diffusion
 * transformers, fused so the gate's GELU and the product take one pass over each row.
 */
#ifndef WEFT_WT_GATED_H
#define WEFT_WT_GATED_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * For each of `rows` rows of `x`, 2·width values [a | g], writes the `width` values a[j]·GELU(g[j]) to the row of
 * `y` (GELU in its exact erf form, wt_gelu_erf's). `y` must not overlap `x`. Thread-safe; callers split large inputs
 * into ranges of rows across threads.
 */
void wt_geglu(const float *x, float *y, size_t rows, size_t width);

#ifdef __cplusplus
}
#endif

#endif
