/* Multi-head attention on token-major tensors (see wt_attention.h), one tile template per instruction set. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "vecmath.h"
#include "wt_attention.h"

/* The most floats one block of scores holds (512 KB): with the packed keys and values of a 4096-token head it still
 * fits a 2 MB L2 cache, and blocks of 24 rows (AVX-512) amortise each pass over the packed keys. */
#define WT_ATTENTION_SCORE_FLOATS 131072

#define WT_TILE(name) name##_portable
#define WT_TILE_TARGET
#define WT_TILE_LANES 4
#define WT_TILE_ROWS 4
#define WT_TILE_VALUE_VECTORS 2
#include "attention_tile.h"
#undef WT_TILE
#undef WT_TILE_TARGET
#undef WT_TILE_LANES
#undef WT_TILE_ROWS
#undef WT_TILE_VALUE_VECTORS

#if defined(__x86_64__) || defined(__i386__)

#define WT_TILE(name) name##_avx2
#define WT_TILE_TARGET __attribute__((target("avx2,fma")))
#define WT_TILE_LANES 8
#define WT_TILE_ROWS 6
#define WT_TILE_VALUE_VECTORS 2
#include "attention_tile.h"
#undef WT_TILE
#undef WT_TILE_TARGET
#undef WT_TILE_LANES
#undef WT_TILE_ROWS
#undef WT_TILE_VALUE_VECTORS

#define WT_TILE(name) name##_avx512
#define WT_TILE_TARGET __attribute__((target("avx512f,fma")))
#define WT_TILE_LANES 16
#define WT_TILE_ROWS 8
#define WT_TILE_VALUE_VECTORS 3
#include "attention_tile.h"
#undef WT_TILE
#undef WT_TILE_TARGET
#undef WT_TILE_LANES
#undef WT_TILE_ROWS
#undef WT_TILE_VALUE_VECTORS

wt_attention_kernel wt_attention_fastest_kernel(void) {
    static int cached = -1;
    int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (value < 0) {
        __builtin_cpu_init();
        value = __builtin_cpu_supports("avx512f") ? WT_ATTENTION_AVX512
                : wt_has_avx2_fma()               ? WT_ATTENTION_AVX2
                                                  : WT_ATTENTION_PORTABLE;
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return (wt_attention_kernel)value;
}

/* The geometry's kernel, or the fastest this CPU runs when it cannot run that one. */
static wt_attention_kernel runnable(const wt_attention_geometry *geometry) {
    wt_attention_kernel fastest = wt_attention_fastest_kernel();
    return geometry->kernel <= fastest ? geometry->kernel : fastest;
}

void wt_attention_prepare(wt_attention_geometry *geometry) {
    switch (runnable(geometry)) {
    case WT_ATTENTION_AVX512: prepare_avx512(geometry); break;
    case WT_ATTENTION_AVX2: prepare_avx2(geometry); break;
    case WT_ATTENTION_PORTABLE: prepare_portable(geometry); break;
    }
}

void wt_attention(const wt_attention_geometry *geometry, const float *q, const float *k, const float *v, float *output,
                  size_t first, size_t count, float *scratch) {
    switch (runnable(geometry)) {
    case WT_ATTENTION_AVX512: attention_avx512(geometry, q, k, v, output, first, count, scratch); break;
    case WT_ATTENTION_AVX2: attention_avx2(geometry, q, k, v, output, first, count, scratch); break;
    case WT_ATTENTION_PORTABLE: attention_portable(geometry, q, k, v, output, first, count, scratch); break;
    }
}

#else

wt_attention_kernel wt_attention_fastest_kernel(void) { return WT_ATTENTION_PORTABLE; }

void wt_attention_prepare(wt_attention_geometry *geometry) { prepare_portable(geometry); }

void wt_attention(const wt_attention_geometry *geometry, const float *q, const float *k, const float *v, float *output,
                  size_t first, size_t count, float *scratch) {
    attention_portable(geometry, q, k, v, output, first, count, scratch);
}

#endif
