/* The CPU feature check behind every AVX2/FMA dispatch, and exp and erf over arrays (see vecmath.h). */
#include <math.h>

#include "vecmath.h"

#if defined(__x86_64__) || defined(__i386__)

int wt_has_avx2_fma(void) {
    static int cached = -1;
    int value = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (value < 0) {
        __builtin_cpu_init();
        value = (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? 1 : 0;
        __atomic_store_n(&cached, value, __ATOMIC_RELAXED);
    }
    return value;
}

WT_AVX2_INLINE __m256 erf8(__m256 x) {
    __m256 erf_abs, erfc_abs;
    wt_erf8(x, &erf_abs, &erfc_abs);
    const __m256 sign = _mm256_set1_ps(-0.0f);
    return _mm256_or_ps(erf_abs, _mm256_and_ps(sign, x));
}

#else

int wt_has_avx2_fma(void) { return 0; }

#endif

static inline float erf1(float x) {
    float erf_abs, erfc_abs;
    wt_erf_scalar1(x, &erf_abs, &erfc_abs);
    return copysignf(erf_abs, x);
}

WT_ELEMENTWISE(wt_exp, wt_exp_scalar1, wt_exp8)
WT_ELEMENTWISE(wt_erf, erf1, erf8)
