/* F16C/AVX2 half-precision conversions and the runtime dispatch between them and the scalar path. */
#include "CTensorKernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define WT_TARGET __attribute__((target("f16c,avx2")))

WT_TARGET static void f16_to_f32_avx2(const uint16_t *src, float *dst, size_t n) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i low = _mm_loadu_si128((const __m128i *)(src + i));
        __m128i high = _mm_loadu_si128((const __m128i *)(src + i + 8));
        _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(low));
        _mm256_storeu_ps(dst + i + 8, _mm256_cvtph_ps(high));
    }
    for (; i + 8 <= n; i += 8) {
        _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(src + i))));
    }
    wt_f16_to_f32_scalar(src + i, dst + i, n - i);
}

WT_TARGET static void bf16_to_f32_avx2(const uint16_t *src, float *dst, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i wide = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(src + i)));
        _mm256_storeu_si256((__m256i *)(dst + i), _mm256_slli_epi32(wide, 16));
    }
    wt_bf16_to_f32_scalar(src + i, dst + i, n - i);
}

WT_TARGET static void f32_to_f16_avx2(const float *src, uint16_t *dst, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m128i half = _mm256_cvtps_ph(_mm256_loadu_ps(src + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        _mm_storeu_si128((__m128i *)(dst + i), half);
    }
    wt_f32_to_f16_scalar(src + i, dst + i, n - i);
}

WT_TARGET static void f32_to_bf16_avx2(const float *src, uint16_t *dst, size_t n) {
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i bias = _mm256_set1_epi32(0x7fff);
    const __m256i magnitudeMask = _mm256_set1_epi32(0x7fffffff);
    const __m256i infinity = _mm256_set1_epi32(0x7f800000);
    const __m256i quietBit = _mm256_set1_epi32(0x400000);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256i result[2];
        for (int part = 0; part < 2; part++) {
            __m256i bits = _mm256_loadu_si256((const __m256i *)(src + i + 8 * part));
            __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(bits, 16), one);
            __m256i rounded = _mm256_add_epi32(bits, _mm256_add_epi32(bias, lsb));
            __m256i isNaN = _mm256_cmpgt_epi32(_mm256_and_si256(bits, magnitudeMask), infinity);
            __m256i quieted = _mm256_or_si256(bits, quietBit);
            result[part] = _mm256_srli_epi32(_mm256_blendv_epi8(rounded, quieted, isNaN), 16);
        }
        /* packus works within 128-bit lanes, so restore element order with a 64-bit permute. */
        __m256i packed = _mm256_packus_epi32(result[0], result[1]);
        _mm256_storeu_si256((__m256i *)(dst + i), _mm256_permute4x64_epi64(packed, 0xd8));
    }
    wt_f32_to_bf16_scalar(src + i, dst + i, n - i);
}

int wt_has_f16c_avx2(void) {
    static int cached = -1;
    int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (value < 0) {
        __builtin_cpu_init();
        value = (__builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx2")) ? 1 : 0;
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return value;
}

void wt_f16_to_f32(const uint16_t *src, float *dst, size_t n) {
    if (wt_has_f16c_avx2()) {
        f16_to_f32_avx2(src, dst, n);
    } else {
        wt_f16_to_f32_scalar(src, dst, n);
    }
}

void wt_bf16_to_f32(const uint16_t *src, float *dst, size_t n) {
    if (wt_has_f16c_avx2()) {
        bf16_to_f32_avx2(src, dst, n);
    } else {
        wt_bf16_to_f32_scalar(src, dst, n);
    }
}

void wt_f32_to_f16(const float *src, uint16_t *dst, size_t n) {
    if (wt_has_f16c_avx2()) {
        f32_to_f16_avx2(src, dst, n);
    } else {
        wt_f32_to_f16_scalar(src, dst, n);
    }
}

void wt_f32_to_bf16(const float *src, uint16_t *dst, size_t n) {
    if (wt_has_f16c_avx2()) {
        f32_to_bf16_avx2(src, dst, n);
    } else {
        wt_f32_to_bf16_scalar(src, dst, n);
    }
}

#else

int wt_has_f16c_avx2(void) { return 0; }

void wt_f16_to_f32(const uint16_t *src, float *dst, size_t n) { wt_f16_to_f32_scalar(src, dst, n); }

void wt_bf16_to_f32(const uint16_t *src, float *dst, size_t n) { wt_bf16_to_f32_scalar(src, dst, n); }

void wt_f32_to_f16(const float *src, uint16_t *dst, size_t n) { wt_f32_to_f16_scalar(src, dst, n); }

void wt_f32_to_bf16(const float *src, uint16_t *dst, size_t n) { wt_f32_to_bf16_scalar(src, dst, n); }

#endif
