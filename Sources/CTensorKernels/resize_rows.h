/* Private to the resize kernels: walking a range of output rows image by image, and the ring of resampled rows. */
#ifndef WEFT_RESIZE_ROWS_H
#define WEFT_RESIZE_ROWS_H

#include <stddef.h>

/** The output rows of one image that a range of batch rows covers: rows `begin ..< end` of image `image`. */
typedef struct resize_segment {
    size_t image, begin, end;
} resize_segment;

/** The part of batch rows `item ..< end` (row i is image i / height, row i % height) that lies in `item`'s image. */
static inline resize_segment resize_segment_at(size_t item, size_t end, size_t height) {
    resize_segment segment = {item / height, item % height, item % height + (end - item)};
    if (segment.end > height) segment.end = height;
    return segment;
}

/**
 * Which input rows a ring buffer of `span` slots holds (row r sits in slot r % span): `low ..< high`, never more than
 * `span` of them. Start with both 0.
 */
typedef struct resize_ring {
    size_t low, high;
} resize_ring;

/**
 * Moves the ring to the window `start ..< end` (at most `span` rows, windows moving forward) and returns the first row
 * it lacks; the caller fills that row's slot and every later one up to `end`.
 */
static inline size_t resize_ring_enter(resize_ring *ring, size_t start, size_t end) {
    if (start < ring->low || start > ring->high) ring->high = start;
    ring->low = start;
    size_t missing = ring->high;
    if (end > ring->high) ring->high = end;
    return missing;
}

#endif
