/*
 * The float resize pass: each needed input row (gathered into a contiguous line first when the channels are last) is
 * resampled along the columns once into a ring of `rows->span` rows, then each output row is the weighted sum of the
 * ring rows its window covers.
 */
#include "resize_rows.h"
#include "wt_resize.h"

/* w[0]·x[0] + … + w[n − 1]·x[n − 1], summed in that order; `n` is a constant where callers know it, so this unrolls. */
static inline float dot(const float *w, const float *x, size_t n) {
    float sum = w[0] * x[0];
    for (size_t k = 1; k < n; k++) sum += w[k] * x[k];
    return sum;
}

/* `line` resampled along the columns into `out`; windows of exactly `full` taps (a constant, or 0) take the unrolled
 * path. */
static inline void resample_windows(const float *line, const wt_resize_axis *columns, size_t full, float *restrict out) {
    for (size_t o = 0; o < columns->out_size; o++) {
        const size_t n = columns->count[o];
        out[o] = dot(columns->weights + o * columns->taps, line + columns->start[o], n == full ? full : n);
    }
}

/* One contiguous input row resampled along the columns into `out`. */
static void resample_columns(const float *line, const wt_resize_axis *columns, float *restrict out) {
    switch (columns->taps) {
    case 2: resample_windows(line, columns, 2, out); break;
    case 4: resample_windows(line, columns, 4, out); break;
    default: resample_windows(line, columns, 0, out); break;
    }
}

/* Output row `r` of one channel: the ring rows of its window, weighted and summed in order into `out`. */
static void combine_rows(const wt_resize_axis *rows, size_t r, const float *ring, size_t width, float *restrict out) {
    const float *w = rows->weights + r * rows->taps;
    const size_t start = rows->start[r], n = rows->count[r], span = rows->span;
    const float *restrict a = ring + (start % span) * width;
    if (n == 2 || n == 4) {
        const float *restrict b = ring + ((start + 1) % span) * width;
        if (n == 2) {
            for (size_t j = 0; j < width; j++) out[j] = w[0] * a[j] + w[1] * b[j];
            return;
        }
        const float *restrict c = ring + ((start + 2) % span) * width, *restrict d = ring + ((start + 3) % span) * width;
        for (size_t j = 0; j < width; j++) out[j] = w[0] * a[j] + w[1] * b[j] + w[2] * c[j] + w[3] * d[j];
        return;
    }
    for (size_t j = 0; j < width; j++) out[j] = w[0] * a[j];
    for (size_t k = 1; k < n; k++) {
        const float *restrict line = ring + ((start + k) % span) * width;
        const float weight = w[k];
        for (size_t j = 0; j < width; j++) out[j] += weight * line[j];
    }
}

size_t wt_resize_float_scratch(const wt_resize_geometry *geometry) {
    return (geometry->rows->span + 1) * geometry->columns->out_size + geometry->columns->in_size;
}

void wt_resize_float(const wt_resize_geometry *geometry, const float *x, float *y, size_t begin, size_t end,
                     float *scratch) {
    const wt_resize_axis *rows = geometry->rows, *columns = geometry->columns;
    const wt_resize_layout source = geometry->source, target = geometry->target;
    const size_t width = columns->out_size;
    float *ring = scratch, *line = scratch + rows->span * width, *gathered = line + width;
    while (begin < end) {
        resize_segment segment = resize_segment_at(begin, end, rows->out_size);
        for (size_t c = 0; c < geometry->channels; c++) {
            const float *plane = x + segment.image * source.batch + c * source.channel;
            float *output = y + segment.image * target.batch + c * target.channel;
            resize_ring held = {0, 0};
            for (size_t r = segment.begin; r < segment.end; r++) {
                const size_t start = rows->start[r], stop = start + rows->count[r];
                for (size_t i = resize_ring_enter(&held, start, stop); i < stop; i++) {
                    const float *input = plane + i * source.row;
                    if (source.column != 1) {
                        for (size_t j = 0; j < columns->in_size; j++) gathered[j] = input[j * source.column];
                        input = gathered;
                    }
                    resample_columns(input, columns, ring + (i % rows->span) * width);
                }
                float *row = output + r * target.row;
                if (target.column == 1) {
                    combine_rows(rows, r, ring, width, row);
                } else {
                    combine_rows(rows, r, ring, width, line);
                    for (size_t j = 0; j < width; j++) row[j * target.column] = line[j];
                }
            }
        }
        begin += segment.end - segment.begin;
    }
}
