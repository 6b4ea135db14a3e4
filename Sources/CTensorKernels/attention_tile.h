/*
 * The tiles of wt_attention for one vector width, included by attention.c once per instruction set. Internal to
 * CTensorKernels (not in include/). Before each inclusion attention.c defines:
 *   WT_TILE(name)          the name with this instance's suffix;
 *   WT_TILE_TARGET         the function attributes selecting the instruction set (may be empty);
 *   WT_TILE_LANES          floats per vector;
 *   WT_TILE_ROWS           query rows per tile;
 *   WT_TILE_VALUE_VECTORS  vectors of output columns per tile.
 * A score tile is ROWS queries × 2 vectors of keys; a value tile is ROWS queries × VALUE_VECTORS vectors of output
 * columns; both keep their accumulators in registers. Scratch holds the head's keys transposed tile by tile (for each
 * tile of 2 vectors of keys, [depth, 2·LANES], zero-padded to whole tiles), its values ([keys, padded value depth],
 * zero-padded to whole vectors), one block of scores ([block rows, score stride]) and each block row's 1 / Σ e^s.
 */

typedef float WT_TILE(vector) __attribute__((ext_vector_type(WT_TILE_LANES)));
typedef int32_t WT_TILE(integers) __attribute__((ext_vector_type(WT_TILE_LANES)));

static inline __attribute__((always_inline)) WT_TILE_TARGET WT_TILE(vector) WT_TILE(load)(const float *p) {
    WT_TILE(vector) v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) WT_TILE_TARGET void WT_TILE(store)(float *p, WT_TILE(vector) v) {
    memcpy(p, &v, sizeof v);
}

/* 0, 1, 2, … per lane. */
static inline __attribute__((always_inline)) WT_TILE_TARGET WT_TILE(integers) WT_TILE(lane_indices)(void) {
    WT_TILE(integers) indices;
    for (int i = 0; i < WT_TILE_LANES; i++) indices[i] = i;
    return indices;
}

/* e^x per lane by vecmath.h's approximation (wt_exp_scalar1, wt_exp8) written for this vector width: clamping,
 * Cody–Waite reduction, the degree-4 polynomial and the two-step scaling by 2^n. NaN passes through. */
static inline __attribute__((always_inline)) WT_TILE_TARGET WT_TILE(vector) WT_TILE(exp)(WT_TILE(vector) x) {
    const WT_TILE(vector) lowest = WT_EXP_MIN, highest = WT_EXP_MAX, rounder = WT_ROUNDER;
    x = x < lowest ? lowest : x;
    x = x > highest ? highest : x;
    WT_TILE(vector) rounded = x * WT_LOG2E + rounder;
    WT_TILE(vector) n = rounded - rounder;
    WT_TILE(vector) r = (x - n * WT_LN2_HEAD) - n * WT_LN2_TAIL;
    WT_TILE(vector) q = (((WT_EXP_Q4 * r + WT_EXP_Q3) * r + WT_EXP_Q2) * r + WT_EXP_Q1) * r + WT_EXP_Q0;
    WT_TILE(vector) p = (q * (r * r) + r) + 1.0f;
    WT_TILE(integers) exponent = (WT_TILE(integers))rounded - (WT_TILE(integers))rounder;
    WT_TILE(integers) half = exponent >> 1;
    WT_TILE(vector) low = (WT_TILE(vector))((half + 127) << 23);
    WT_TILE(vector) high = (WT_TILE(vector))((exponent - half + 127) << 23);
    return p * low * high;
}

/* Padded key count: whole score tiles. */
static size_t WT_TILE(key_span)(size_t keys) {
    size_t tile = 2 * WT_TILE_LANES;
    return (keys + tile - 1) / tile * tile;
}

/* Padded value depth: whole vectors. */
static size_t WT_TILE(value_span)(size_t value_depth) {
    return (value_depth + WT_TILE_LANES - 1) / WT_TILE_LANES * WT_TILE_LANES;
}

/* Floats from one row of the score block to the next: one vector more than the keys, so rows do not fall on the
 * same cache sets when the key count is a multiple of 1024. */
static size_t WT_TILE(score_stride)(size_t keys) { return WT_TILE(key_span)(keys) + WT_TILE_LANES; }

static void WT_TILE(prepare)(wt_attention_geometry *g) {
    size_t key_span = WT_TILE(key_span)(g->keys), score_stride = WT_TILE(score_stride)(g->keys);
    size_t rows = WT_ATTENTION_SCORE_FLOATS / score_stride / WT_TILE_ROWS * WT_TILE_ROWS;
    size_t all_rows = (g->queries + WT_TILE_ROWS - 1) / WT_TILE_ROWS * WT_TILE_ROWS;
    rows = rows < WT_TILE_ROWS ? WT_TILE_ROWS : rows;
    g->block_rows = rows < all_rows ? rows : all_rows;
    g->items = g->batch * g->heads * ((g->queries + g->block_rows - 1) / g->block_rows);
    g->scratch_floats =
        g->depth * key_span + g->keys * WT_TILE(value_span)(g->value_depth) + g->block_rows * (score_stride + 1);
}

/* scores[r][0 .. 2·LANES) = q_r · keys_t[:, 0 .. 2·LANES) for the `rows` query rows at q; `keys_t` is one packed
 * tile, [depth, 2·LANES]. */
static inline __attribute__((always_inline)) WT_TILE_TARGET void WT_TILE(score_tile)(
    const float *q, size_t q_stride, const float *keys_t, size_t depth, float *scores, size_t score_stride,
    const int rows) {
    WT_TILE(vector) sum[WT_TILE_ROWS][2];
    for (int r = 0; r < rows; r++) sum[r][0] = sum[r][1] = (WT_TILE(vector))0;
    for (size_t d = 0; d < depth; d++) {
        WT_TILE(vector) k0 = WT_TILE(load)(keys_t + 2 * d * WT_TILE_LANES);
        WT_TILE(vector) k1 = WT_TILE(load)(keys_t + (2 * d + 1) * WT_TILE_LANES);
        for (int r = 0; r < rows; r++) {
            float x = q[r * q_stride + d];
            sum[r][0] += x * k0;
            sum[r][1] += x * k1;
        }
    }
    for (int r = 0; r < rows; r++) {
        WT_TILE(store)(scores + r * score_stride, sum[r][0]);
        WT_TILE(store)(scores + r * score_stride + WT_TILE_LANES, sum[r][1]);
    }
}

/* tile[r][0 .. vectors·LANES) = Σ_j p_r[j] · values[j][0 .. vectors·LANES) for `rows` rows of probabilities at p. */
static inline __attribute__((always_inline)) WT_TILE_TARGET void WT_TILE(value_tile)(
    const float *p, size_t score_stride, const float *values, size_t value_span, size_t keys, float *tile,
    const int rows, const int vectors) {
    WT_TILE(vector) sum[WT_TILE_ROWS][WT_TILE_VALUE_VECTORS];
    for (int r = 0; r < rows; r++)
        for (int t = 0; t < vectors; t++) sum[r][t] = (WT_TILE(vector))0;
    for (size_t j = 0; j < keys; j++) {
        WT_TILE(vector) value[WT_TILE_VALUE_VECTORS];
        for (int t = 0; t < vectors; t++) value[t] = WT_TILE(load)(values + j * value_span + t * WT_TILE_LANES);
        for (int r = 0; r < rows; r++) {
            float x = p[r * score_stride + j];
            for (int t = 0; t < vectors; t++) sum[r][t] += x * value[t];
        }
    }
    for (int r = 0; r < rows; r++)
        for (int t = 0; t < vectors; t++)
            WT_TILE(store)(tile + (r * WT_TILE_VALUE_VECTORS + t) * WT_TILE_LANES, sum[r][t]);
}

/* value_tile with `vectors` (1 ... VALUE_VECTORS) made a constant, so each case keeps its sums in registers. */
static WT_TILE_TARGET void WT_TILE(value_tile_rows)(const float *p, size_t score_stride, const float *values,
                                                    size_t value_span, size_t keys, float *tile, int rows,
                                                    int vectors) {
#define WT_TILE_VALUE_CASE(n)                                                                                          \
    case n:                                                                                                            \
        if (rows == WT_TILE_ROWS) {                                                                                    \
            WT_TILE(value_tile)(p, score_stride, values, value_span, keys, tile, WT_TILE_ROWS, n);                     \
        } else {                                                                                                       \
            for (int r = 0; r < rows; r++)                                                                             \
                WT_TILE(value_tile)(p + r * score_stride, score_stride, values, value_span, keys,                      \
                                    tile + r * WT_TILE_VALUE_VECTORS * WT_TILE_LANES, 1, n);                           \
        }                                                                                                              \
        break;
    switch (vectors) {
        WT_TILE_VALUE_CASE(1)
#if WT_TILE_VALUE_VECTORS >= 2
        WT_TILE_VALUE_CASE(2)
#endif
#if WT_TILE_VALUE_VECTORS >= 3
        WT_TILE_VALUE_CASE(3)
#endif
    default:
        break;
    }
#undef WT_TILE_VALUE_CASE
}

/* Copies the head's keys transposed and its values into scratch, zero-padded. */
static void WT_TILE(pack)(const wt_attention_geometry *g, const float *k, const float *v, size_t entry, size_t head,
                          float *keys_t, float *values) {
    size_t key_span = WT_TILE(key_span)(g->keys), value_span = WT_TILE(value_span)(g->value_depth);
    for (size_t j = 0; j < g->keys; j++) {
        const float *key = k + (entry * g->keys + j) * g->key_stride + head * g->depth;
        float *tile = keys_t + j / (2 * WT_TILE_LANES) * g->depth * 2 * WT_TILE_LANES + j % (2 * WT_TILE_LANES);
        for (size_t d = 0; d < g->depth; d++) tile[2 * d * WT_TILE_LANES] = key[d];
        const float *value = v + (entry * g->keys + j) * g->value_stride + head * g->value_depth;
        memcpy(values + j * value_span, value, g->value_depth * sizeof(float));
        memset(values + j * value_span + g->value_depth, 0, (value_span - g->value_depth) * sizeof(float));
    }
    for (size_t j = g->keys; j < key_span; j++) {
        float *tile = keys_t + j / (2 * WT_TILE_LANES) * g->depth * 2 * WT_TILE_LANES + j % (2 * WT_TILE_LANES);
        for (size_t d = 0; d < g->depth; d++) tile[2 * d * WT_TILE_LANES] = 0;
    }
}

/* The sum of the lanes of `v`. */
static inline __attribute__((always_inline)) WT_TILE_TARGET float WT_TILE(lane_sum)(WT_TILE(vector) v) {
    float sum = 0;
    for (int i = 0; i < WT_TILE_LANES; i++) sum += v[i];
    return sum;
}

/* Replaces scores[0 ..< keys) with e^(scale·s − m), m the largest scale·s, and returns 1 / Σ e^(scale·s − m); the
 * sum is carried in float over short runs and in double across them. The row has room for whole vectors past `keys`;
 * the lanes there are computed but left out of the maximum and the sum. */
static WT_TILE_TARGET float WT_TILE(exponentiate)(float *scores, size_t keys, float scale) {
    const WT_TILE(integers) lanes = WT_TILE(lane_indices)();
    const WT_TILE(vector) none = -INFINITY, zero = 0;
    WT_TILE(vector) largest = none;
    for (size_t j = 0; j < keys; j += WT_TILE_LANES) {
        WT_TILE(vector) x = WT_TILE(load)(scores + j) * scale;
        x = lanes < (int32_t)(keys - j) ? x : none;
        largest = x > largest ? x : largest;
    }
    float maximum = largest[0];
    for (int i = 1; i < WT_TILE_LANES; i++) maximum = largest[i] > maximum ? largest[i] : maximum;
    double total = 0;
    WT_TILE(vector) run = zero;
    for (size_t j = 0; j < keys; j += WT_TILE_LANES) {
        WT_TILE(vector) e = WT_TILE(exp)(WT_TILE(load)(scores + j) * scale - maximum);
        WT_TILE(store)(scores + j, e);
        run += lanes < (int32_t)(keys - j) ? e : zero;
        if ((j / WT_TILE_LANES) % 16 == 15) {
            total += WT_TILE(lane_sum)(run);
            run = zero;
        }
    }
    return (float)(1.0 / (total + WT_TILE(lane_sum)(run)));
}

static WT_TILE_TARGET void WT_TILE(attention)(const wt_attention_geometry *g, const float *q, const float *k,
                                              const float *v, float *output, size_t first, size_t count,
                                              float *scratch) {
    const size_t key_span = WT_TILE(key_span)(g->keys), value_span = WT_TILE(value_span)(g->value_depth);
    const size_t score_stride = WT_TILE(score_stride)(g->keys), key_tile = 2 * WT_TILE_LANES;
    float *keys_t = scratch, *values = keys_t + g->depth * key_span, *scores = values + g->keys * value_span;
    float *inverse_sums = scores + g->block_rows * score_stride;
    const size_t blocks = (g->queries + g->block_rows - 1) / g->block_rows;
    const size_t tile_floats = WT_TILE_VALUE_VECTORS * WT_TILE_LANES;
    float tile[WT_TILE_ROWS * WT_TILE_VALUE_VECTORS * WT_TILE_LANES];
    size_t packed = (size_t)-1;
    for (size_t item = first; item < first + count; item++) {
        size_t pair = item / blocks, start = item % blocks * g->block_rows;
        size_t entry = pair / g->heads, head = pair % g->heads;
        size_t rows = g->queries - start < g->block_rows ? g->queries - start : g->block_rows;
        if (pair != packed) {
            WT_TILE(pack)(g, k, v, entry, head, keys_t, values);
            packed = pair;
        }
        const float *query = q + (entry * g->queries + start) * g->query_stride + head * g->depth;
        const size_t full_rows = rows / WT_TILE_ROWS * WT_TILE_ROWS;
        for (size_t j = 0; j < key_span; j += key_tile) {
            const float *packed_keys = keys_t + j * g->depth;
            for (size_t r = 0; r < full_rows; r += WT_TILE_ROWS)
                WT_TILE(score_tile)(query + r * g->query_stride, g->query_stride, packed_keys, g->depth,
                                    scores + r * score_stride + j, score_stride, WT_TILE_ROWS);
            for (size_t r = full_rows; r < rows; r++)
                WT_TILE(score_tile)(query + r * g->query_stride, g->query_stride, packed_keys, g->depth,
                                    scores + r * score_stride + j, score_stride, 1);
        }
        for (size_t r = 0; r < rows; r++)
            inverse_sums[r] = WT_TILE(exponentiate)(scores + r * score_stride, g->keys, g->scale);
        float *out = output + (entry * g->queries + start) * g->output_stride + head * g->value_depth;
        for (size_t r = 0; r < rows; r += WT_TILE_ROWS) {
            int n = (int)(rows - r < WT_TILE_ROWS ? rows - r : WT_TILE_ROWS);
            for (size_t c = 0; c < value_span; c += tile_floats) {
                size_t remaining = (value_span - c) / WT_TILE_LANES;
                int vectors = (int)(remaining < WT_TILE_VALUE_VECTORS ? remaining : WT_TILE_VALUE_VECTORS);
                WT_TILE(value_tile_rows)(scores + r * score_stride, score_stride, values + c, value_span, g->keys,
                                         tile, n, vectors);
                size_t columns = g->value_depth - c < (size_t)vectors * WT_TILE_LANES ? g->value_depth - c
                                                                                      : (size_t)vectors * WT_TILE_LANES;
                for (int i = 0; i < n; i++) {
                    float *row = out + (r + i) * g->output_stride + c;
                    for (size_t column = 0; column < columns; column++)
                        row[column] = tile[i * tile_floats + column] * inverse_sums[r + i];
                }
            }
        }
    }
}
