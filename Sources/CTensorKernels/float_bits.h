/* A float's IEEE 754 bit pattern and back, without aliasing rules broken. Internal to CTensorKernels. */
#ifndef WEFT_FLOAT_BITS_H
#define WEFT_FLOAT_BITS_H

#include <stdint.h>
#include <string.h>

static inline uint32_t wt_float_bits(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

static inline float wt_bits_float(uint32_t bits) {
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

#endif
