/*
 * CTensorKernels: small numeric kernels for WeftTensor that must be fast in every build configuration.
 *
 * Half-precision conversion. Each public function picks, once per call, a path that uses the CPU's F16C and AVX2
 * instructions when `__builtin_cpu_supports` reports them, and otherwise a portable scalar path. Both paths give
 * bit-identical results:
 * - f16 -> f32 is exact (every half value is a float), including signed zeros, subnormals and infinities; a NaN
 *   keeps its sign and payload and comes out quiet (a signalling NaN is quieted, as IEEE 754 conversions and the
 *   F16C instruction do).
 * - bf16 -> f32 is exact for every bit pattern, NaNs included (it is a 16-bit shift).
 * - f32 -> f16 and f32 -> bf16 round to nearest, ties to even; values too large become infinity; NaN stays NaN
 *   (quieted, sign and top payload bits kept), as the F16C instruction does.
 * `src` and `dst` must not overlap and must be aligned for their element types. Every function is thread-safe.
 */
#ifndef WEFT_CTENSORKERNELS_H
#define WEFT_CTENSORKERNELS_H

#include <stddef.h>
#include <stdint.h>

#include "wt_kernels.h"

#include "wt_conv.h"

#include "wt_resize.h"

#include "wt_elementwise.h"

#include "wt_attention.h"

#include "wt_gated.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Converts `n` IEEE binary16 values (bit patterns) to float. */
void wt_f16_to_f32(const uint16_t *src, float *dst, size_t n);
/** Converts `n` bfloat16 values (bit patterns: the top 16 bits of a float) to float. */
void wt_bf16_to_f32(const uint16_t *src, float *dst, size_t n);
/** Converts `n` floats to IEEE binary16 bit patterns, rounding to nearest even. */
void wt_f32_to_f16(const float *src, uint16_t *dst, size_t n);
/** Converts `n` floats to bfloat16 bit patterns, rounding to nearest even. */
void wt_f32_to_bf16(const float *src, uint16_t *dst, size_t n);

/** The portable path of wt_f16_to_f32, exposed so tests can check it on any CPU. */
void wt_f16_to_f32_scalar(const uint16_t *src, float *dst, size_t n);
/** The portable path of wt_bf16_to_f32. */
void wt_bf16_to_f32_scalar(const uint16_t *src, float *dst, size_t n);
/** The portable path of wt_f32_to_f16. */
void wt_f32_to_f16_scalar(const float *src, uint16_t *dst, size_t n);
/** The portable path of wt_f32_to_bf16. */
void wt_f32_to_bf16_scalar(const float *src, uint16_t *dst, size_t n);

/** 1 when the public conversion functions use the F16C/AVX2 path on this CPU, 0 when they use the scalar path. */
int wt_has_f16c_avx2(void);

#ifdef __cplusplus
}
#endif

#endif
