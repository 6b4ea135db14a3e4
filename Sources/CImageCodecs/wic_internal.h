/* Helpers shared by the codec files of CImageCodecs; not part of the public header. */
#ifndef WEFT_WIC_INTERNAL_H
#define WEFT_WIC_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/** The caller's message buffer. */
typedef struct wic_message {
    char *text;
    size_t capacity;
} wic_message;

/** Writes a formatted message into `message` (truncating it to fit) and returns `status`. */
int wic_fail(wic_message message, int status, const char *format, ...) __attribute__((format(printf, 3, 4)));

/** A byte buffer that grows by doubling; data is malloc'd so wic_free releases it. */
typedef struct wic_buffer {
    uint8_t *data;
    size_t size;
    size_t capacity;
} wic_buffer;

/** Makes room for at least `extra` more bytes after `size`; returns 0 when the allocation fails. */
int wic_buffer_reserve(wic_buffer *buffer, size_t extra);

/** Appends `count` bytes; returns 0 when the allocation fails. */
int wic_buffer_append(wic_buffer *buffer, const uint8_t *bytes, size_t count);

/** Hands the buffer to the caller (`*output`, `*output_size`) and empties `buffer`. */
void wic_buffer_release_to(wic_buffer *buffer, uint8_t **output, size_t *output_size);

/** Frees the buffer's storage. */
void wic_buffer_dispose(wic_buffer *buffer);

/** True when width * height * channels fits in size_t and equals `size`. */
int wic_size_matches(uint32_t width, uint32_t height, uint32_t channels, size_t size);

#endif /* WEFT_WIC_INTERNAL_H */
