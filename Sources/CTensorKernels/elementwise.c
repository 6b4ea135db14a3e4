/* Broadcasting binary arithmetic and clamping. */
#include "strided_walk.h"
#include "wt_elementwise.h"

#define WT_ALWAYS_INLINE static inline __attribute__((always_inline))

/* One operation on one pair; `op` is a constant wherever this is inlined, so the switch folds away. */
WT_ALWAYS_INLINE float apply(wt_binary_op op, float a, float b) {
    switch (op) {
    case WT_BINARY_ADD: return a + b;
    case WT_BINARY_SUBTRACT: return a - b;
    case WT_BINARY_MULTIPLY: return a * b;
    case WT_BINARY_DIVIDE: return a / b;
    case WT_BINARY_MAXIMUM: return (a > b || a != a) ? a : b;
    case WT_BINARY_MINIMUM: return (a < b || a != a) ? a : b;
    }
    return a;
}

/* One run of `n` elements, with the common stride patterns as separate loops the compiler can vectorise. The
 * in-place cases read through `y` itself, so no runtime overlap check between y and a is needed. */
WT_ALWAYS_INLINE void run(wt_binary_op op, float *y, ptrdiff_t sy, const float *a, ptrdiff_t sa, const float *b,
                          ptrdiff_t sb, size_t n) {
    if (sy == 1 && sa == 1 && sb == 1) {
        if (y == a) {
            for (size_t i = 0; i < n; i++) y[i] = apply(op, y[i], b[i]);
        } else {
            for (size_t i = 0; i < n; i++) y[i] = apply(op, a[i], b[i]);
        }
    } else if (sy == 1 && sa == 1 && sb == 0) {
        const float s = *b;
        if (y == a) {
            for (size_t i = 0; i < n; i++) y[i] = apply(op, y[i], s);
        } else {
            for (size_t i = 0; i < n; i++) y[i] = apply(op, a[i], s);
        }
    } else if (sy == 1 && sa == 0 && sb == 1) {
        const float s = *a;
        for (size_t i = 0; i < n; i++) y[i] = apply(op, s, b[i]);
    } else {
        for (size_t i = 0; i < n; i++) {
            ptrdiff_t j = (ptrdiff_t)i;
            y[j * sy] = apply(op, a[j * sa], b[j * sb]);
        }
    }
}

typedef void (*run_fn)(float *y, ptrdiff_t sy, const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, size_t n);

static void run_add(float *y, ptrdiff_t sy, const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, size_t n) {
    run(WT_BINARY_ADD, y, sy, a, sa, b, sb, n);
}
static void run_subtract(float *y, ptrdiff_t sy, const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, size_t n) {
    run(WT_BINARY_SUBTRACT, y, sy, a, sa, b, sb, n);
}
static void run_multiply(float *y, ptrdiff_t sy, const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, size_t n) {
    run(WT_BINARY_MULTIPLY, y, sy, a, sa, b, sb, n);
}
static void run_divide(float *y, ptrdiff_t sy, const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, size_t n) {
    run(WT_BINARY_DIVIDE, y, sy, a, sa, b, sb, n);
}
static void run_maximum(float *y, ptrdiff_t sy, const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, size_t n) {
    run(WT_BINARY_MAXIMUM, y, sy, a, sa, b, sb, n);
}
static void run_minimum(float *y, ptrdiff_t sy, const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, size_t n) {
    run(WT_BINARY_MINIMUM, y, sy, a, sa, b, sb, n);
}

/** The operands of one wt_binary_strided call, handed to each run. */
typedef struct binary_context {
    run_fn run;
    float *y;
    const float *a;
    const float *b;
} binary_context;

static void binary_leaf(const void *context, const ptrdiff_t *offsets, const ptrdiff_t *strides, size_t n) {
    const binary_context *c = context;
    c->run(c->y + offsets[0], strides[0], c->a + offsets[1], strides[1], c->b + offsets[2], strides[2], n);
}

void wt_binary_strided(wt_binary_op op, size_t rank, const size_t *shape, float *y, const ptrdiff_t *y_strides,
                       const float *a, const ptrdiff_t *a_strides, const float *b, const ptrdiff_t *b_strides,
                       size_t first, size_t count) {
    run_fn chosen;
    switch (op) {
    case WT_BINARY_ADD: chosen = run_add; break;
    case WT_BINARY_SUBTRACT: chosen = run_subtract; break;
    case WT_BINARY_MULTIPLY: chosen = run_multiply; break;
    case WT_BINARY_DIVIDE: chosen = run_divide; break;
    case WT_BINARY_MAXIMUM: chosen = run_maximum; break;
    case WT_BINARY_MINIMUM: chosen = run_minimum; break;
    default: return;
    }
    const binary_context context = {chosen, y, a, b};
    const ptrdiff_t *strides[3] = {y_strides, a_strides, b_strides};
    wt_walk(rank, shape, 3, strides, first, count, binary_leaf, &context);
}

void wt_clamp(const float *x, float *y, size_t n, float lo, float hi) {
    for (size_t i = 0; i < n; i++) {
        float v = x[i] < lo ? lo : x[i];
        y[i] = v > hi ? hi : v;
    }
}
