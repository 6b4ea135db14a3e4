/* Softmax over the last dimension: subtract the row maximum, exponentiate, divide by the double-precision sum. */
#include <math.h>

#include "wt_kernels.h"

void wt_softmax(const float *x, float *y, size_t rows, size_t dim) {
    for (size_t row = 0; row < rows; row++) {
        const float *source = x + row * dim;
        float *target = y + row * dim;
        if (dim == 0) continue;
        float maximum = source[0];
        for (size_t i = 1; i < dim; i++) maximum = source[i] > maximum ? source[i] : maximum;
        double total = 0;
        for (size_t i = 0; i < dim; i++) {
            float e = expf(source[i] - maximum);
            target[i] = e;
            total += e;
        }
        float inverse = (float)(1.0 / total);
        for (size_t i = 0; i < dim; i++) target[i] *= inverse;
    }
}
