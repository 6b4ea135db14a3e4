/*
 * The 8-bit Lanczos pass of ComfyUI's lanczos upscale through Pillow: quantise each needed input row (all channels,
 * premultiplied by alpha for LA and RGBA layouts), resample it along the columns once into a ring of `rows->span` rows
 * of bytes, combine the ring rows into each output row, divide alpha out, and write the bytes back as q / 255. When
 * Pillow would resample along the rows first, the ring holds the quantised input rows instead, and each combined row is
 * then resampled along the columns.
 */
#include <stdint.h>

#include "resize_rows.h"
#include "wt_resize.h"

/* Fractional bits of the Q22 weights, and the rounding bias added to every weighted sum. */
static const int fixed_bits = 22;
static const int64_t fixed_half = (int64_t)1 << (fixed_bits - 1);

/* ComfyUI's float-to-byte step, numpy's `clip(255 · v, 0, 255).astype(uint8)` in float: truncation; NaN becomes 0. */
static uint8_t to_byte(float v) {
    float scaled = 255.0f * v;
    if (!(scaled > 0.0f)) return 0;
    return scaled < 255.0f ? (uint8_t)scaled : 255;
}

/* A rounded Q22 sum as a byte: its integer part, clamped to 0 ... 255. */
static uint8_t fixed_to_byte(int64_t sum) {
    if (sum <= 0) return 0;
    return sum >= ((int64_t)256 << fixed_bits) ? 255 : (uint8_t)(sum >> fixed_bits);
}

/*
 * Whether Pillow premultiplies: images of 2 or 4 channels are LA or RGBA, whose colours it premultiplies by alpha for
 * the resize, unless the size does not change (then it returns a copy).
 */
static int premultiplies(const wt_resize_geometry *geometry) {
    const wt_resize_axis *rows = geometry->rows, *columns = geometry->columns;
    const int resizes = rows->in_size != rows->out_size || columns->in_size != columns->out_size;
    return resizes && (geometry->channels == 2 || geometry->channels == 4);
}

/* One input row (all channels, from `line`) as bytes, channel-major into `bytes` (channels × width), premultiplied
 * when `premultiplied` is set. */
static void load_row(const wt_resize_geometry *geometry, const float *line, int premultiplied,
                     uint8_t *restrict bytes) {
    const size_t channels = geometry->channels, width = geometry->columns->in_size;
    for (size_t c = 0; c < channels; c++) {
        const float *source = line + c * geometry->source.channel;
        for (size_t i = 0; i < width; i++) bytes[c * width + i] = to_byte(source[i * geometry->source.column]);
    }
    if (!premultiplied) return;
    const uint8_t *alpha = bytes + (channels - 1) * width;
    for (size_t c = 0; c + 1 < channels; c++) {
        for (size_t i = 0; i < width; i++) {
            /* round(v · a / 255): v · a / 255 is never halfway between integers, so this floor is the rounding. */
            bytes[c * width + i] = (uint8_t)(((unsigned)bytes[c * width + i] * alpha[i] + 127) / 255);
        }
    }
}

/* One loaded row resampled along the columns into `out` (channels × out width), rounded to bytes. */
static void resample_columns(const uint8_t *bytes, const wt_resize_axis *columns, size_t channels,
                             uint8_t *restrict out) {
    for (size_t c = 0; c < channels; c++) {
        const uint8_t *line = bytes + c * columns->in_size;
        for (size_t o = 0; o < columns->out_size; o++) {
            const int32_t *w = columns->fixed_weights + o * columns->taps;
            const uint8_t *source = line + columns->start[o];
            int64_t sum = fixed_half;
            for (size_t k = 0; k < columns->count[o]; k++) sum += (int64_t)w[k] * source[k];
            out[c * columns->out_size + o] = fixed_to_byte(sum);
        }
    }
}

/* Output row `r`: the ring rows of its window (each `length` bytes), weighted and summed in `sums`, into `out`. */
static void combine_rows(const wt_resize_axis *rows, size_t r, const uint8_t *ring, size_t length,
                         int64_t *restrict sums, uint8_t *restrict out) {
    const int32_t *w = rows->fixed_weights + r * rows->taps;
    for (size_t j = 0; j < length; j++) sums[j] = fixed_half;
    for (size_t k = 0; k < rows->count[r]; k++) {
        const uint8_t *restrict line = ring + ((rows->start[r] + k) % rows->span) * length;
        const int64_t weight = w[k];
        for (size_t j = 0; j < length; j++) sums[j] += weight * line[j];
    }
    for (size_t j = 0; j < length; j++) out[j] = fixed_to_byte(sums[j]);
}

/* Divides the last channel, alpha, out of the others: min(255, trunc(255 · v / a)) where 0 < a < 255. */
static void unpremultiply(uint8_t *bytes, size_t channels, size_t width) {
    const uint8_t *alpha = bytes + (channels - 1) * width;
    for (size_t i = 0; i < width; i++) {
        const unsigned a = alpha[i];
        if (a == 0 || a == 255) continue;
        for (size_t c = 0; c + 1 < channels; c++) {
            unsigned v = 255u * bytes[c * width + i] / a;
            bytes[c * width + i] = (uint8_t)(v > 255u ? 255u : v);
        }
    }
}

/*
 * Whether Pillow resamples along the columns first (the usual order) rather than along the rows: it goes rows first
 * only when the height shrinks, by more than twice as many pixels as the width does.
 */
static int columns_first(const wt_resize_geometry *geometry) {
    const wt_resize_axis *rows = geometry->rows, *columns = geometry->columns;
    const ptrdiff_t lost_rows = (ptrdiff_t)rows->in_size - (ptrdiff_t)rows->out_size;
    const ptrdiff_t lost_columns = (ptrdiff_t)columns->in_size - (ptrdiff_t)columns->out_size;
    return !(lost_rows > 0 && lost_rows > 2 * lost_columns);
}

/* The bytes one ring row holds: an input row resampled along the columns, or (rows first) a loaded input row. */
static size_t ring_length(const wt_resize_geometry *geometry) {
    const wt_resize_axis *columns = geometry->columns;
    return geometry->channels * (columns_first(geometry) ? columns->out_size : columns->in_size);
}

size_t wt_resize_lanczos_scratch(const wt_resize_geometry *geometry) {
    const size_t channels = geometry->channels, in_row = channels * geometry->columns->in_size;
    const size_t out_row = channels * geometry->columns->out_size, length = ring_length(geometry);
    return length * sizeof(int64_t) + in_row + geometry->rows->span * length + out_row;
}

void wt_resize_lanczos(const wt_resize_geometry *geometry, const float *x, float *y, size_t begin, size_t end,
                       void *scratch) {
    const wt_resize_axis *rows = geometry->rows, *columns = geometry->columns;
    const wt_resize_layout source = geometry->source, target = geometry->target;
    const size_t channels = geometry->channels, width = columns->out_size, length = ring_length(geometry);
    const int premultiplied = premultiplies(geometry), columns_pass_first = columns_first(geometry);
    int64_t *sums = scratch;
    uint8_t *loaded = (uint8_t *)(sums + length);
    uint8_t *ring = loaded + channels * columns->in_size;
    uint8_t *bytes = ring + rows->span * length;
    while (begin < end) {
        resize_segment segment = resize_segment_at(begin, end, rows->out_size);
        const float *image = x + segment.image * source.batch;
        float *output = y + segment.image * target.batch;
        resize_ring held = {0, 0};
        for (size_t r = segment.begin; r < segment.end; r++) {
            const size_t start = rows->start[r], stop = start + rows->count[r];
            for (size_t i = resize_ring_enter(&held, start, stop); i < stop; i++) {
                uint8_t *slot = ring + (i % rows->span) * length;
                load_row(geometry, image + i * source.row, premultiplied, columns_pass_first ? loaded : slot);
                if (columns_pass_first) resample_columns(loaded, columns, channels, slot);
            }
            if (columns_pass_first) {
                combine_rows(rows, r, ring, length, sums, bytes);
            } else {
                combine_rows(rows, r, ring, length, sums, loaded);
                resample_columns(loaded, columns, channels, bytes);
            }
            if (premultiplied) unpremultiply(bytes, channels, width);
            float *row = output + r * target.row;
            for (size_t c = 0; c < channels; c++) {
                float *line = row + c * target.channel;
                for (size_t j = 0; j < width; j++) line[j * target.column] = (float)bytes[c * width + j] / 255.0f;
            }
        }
        begin += segment.end - segment.begin;
    }
}
