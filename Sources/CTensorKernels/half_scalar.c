/* Portable half-precision conversions: plain bit manipulation, no CPU features assumed. */
#include "CTensorKernels.h"

#include "float_bits.h"

static inline float half_to_float(uint16_t half) {
    uint32_t sign = (uint32_t)(half & 0x8000u) << 16;
    uint32_t exponent = (half >> 10) & 0x1fu;
    uint32_t mantissa = half & 0x3ffu;
    if (exponent == 0x1fu) {
        /* Infinity, or NaN: quieted (as IEEE 754 conversions and the F16C instruction do), payload kept. */
        uint32_t quiet = mantissa != 0 ? 0x400000u : 0;
        return wt_bits_float(sign | 0x7f800000u | quiet | (mantissa << 13));
    }
    if (exponent == 0) {
        if (mantissa == 0) {
            return wt_bits_float(sign);
        }
        /* Subnormal: shift the leading 1 into the implicit position and lower the exponent to match. */
        uint32_t floatExponent = 113;
        while ((mantissa & 0x400u) == 0) {
            mantissa <<= 1;
            floatExponent -= 1;
        }
        return wt_bits_float(sign | (floatExponent << 23) | ((mantissa & 0x3ffu) << 13));
    }
    return wt_bits_float(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

static inline uint16_t float_to_half(float value) {
    uint32_t bits = wt_float_bits(value);
    uint16_t sign = (uint16_t)((bits >> 16) & 0x8000u);
    uint32_t magnitude = bits & 0x7fffffffu;
    if (magnitude > 0x7f800000u) {
        /* NaN: quiet it and keep the top payload bits. */
        return (uint16_t)(sign | 0x7e00u | ((magnitude >> 13) & 0x3ffu));
    }
    if (magnitude >= 0x38800000u) {
        /* Normal in half precision (or too large): rebias, then round on the 13 dropped bits. A carry out of the
         * mantissa moves to the next exponent, and past the largest one to infinity. */
        if (magnitude >= 0x47800000u) {
            return (uint16_t)(sign | 0x7c00u);
        }
        uint32_t rebased = magnitude - 0x38000000u;
        uint32_t rounded = (rebased + 0xfffu + ((rebased >> 13) & 1u)) >> 13;
        return (uint16_t)(sign | rounded);
    }
    if (magnitude <= 0x33000000u) {
        /* At most half the smallest subnormal: rounds to zero (the exact half is a tie that goes to even zero). */
        return sign;
    }
    /* Subnormal in half precision: the value in units of 2^-24 is the full significand shifted right. */
    uint32_t exponent = magnitude >> 23;
    uint32_t significand = (magnitude & 0x7fffffu) | 0x800000u;
    uint32_t shift = 126 - exponent;
    uint32_t quotient = significand >> shift;
    uint32_t remainder = significand & ((1u << shift) - 1);
    uint32_t half = 1u << (shift - 1);
    if (remainder > half || (remainder == half && (quotient & 1u))) {
        quotient += 1;
    }
    return (uint16_t)(sign | quotient);
}

static inline uint16_t float_to_bfloat(float value) {
    uint32_t bits = wt_float_bits(value);
    if ((bits & 0x7fffffffu) > 0x7f800000u) {
        return (uint16_t)((bits >> 16) | 0x40u);
    }
    return (uint16_t)((bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16);
}

void wt_f16_to_f32_scalar(const uint16_t *src, float *dst, size_t n) {
    for (size_t i = 0; i < n; i++) {
        dst[i] = half_to_float(src[i]);
    }
}

void wt_bf16_to_f32_scalar(const uint16_t *src, float *dst, size_t n) {
    for (size_t i = 0; i < n; i++) {
        dst[i] = wt_bits_float((uint32_t)src[i] << 16);
    }
}

void wt_f32_to_f16_scalar(const float *src, uint16_t *dst, size_t n) {
    for (size_t i = 0; i < n; i++) {
        dst[i] = float_to_half(src[i]);
    }
}

void wt_f32_to_bf16_scalar(const float *src, uint16_t *dst, size_t n) {
    for (size_t i = 0; i < n; i++) {
        dst[i] = float_to_bfloat(src[i]);
    }
}
