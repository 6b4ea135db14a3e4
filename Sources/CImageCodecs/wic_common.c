#include "wic_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CImageCodecs.h"

int wic_fail(wic_message message, int status, const char *format, ...) {
    if (message.text != NULL && message.capacity > 0) {
        va_list arguments;
        va_start(arguments, format);
        vsnprintf(message.text, message.capacity, format, arguments);
        va_end(arguments);
    }
    return status;
}

int wic_buffer_reserve(wic_buffer *buffer, size_t extra) {
    if (extra <= buffer->capacity - buffer->size) {
        return 1;
    }
    if (extra > SIZE_MAX - buffer->size) {
        return 0;
    }
    size_t needed = buffer->size + extra;
    size_t capacity = buffer->capacity < 4096 ? 4096 : buffer->capacity;
    while (capacity < needed) {
        capacity = capacity > SIZE_MAX / 2 ? needed : capacity * 2;
    }
    uint8_t *data = realloc(buffer->data, capacity);
    if (data == NULL) {
        return 0;
    }
    buffer->data = data;
    buffer->capacity = capacity;
    return 1;
}

int wic_buffer_append(wic_buffer *buffer, const uint8_t *bytes, size_t count) {
    if (count == 0) {
        return 1;
    }
    if (!wic_buffer_reserve(buffer, count)) {
        return 0;
    }
    memcpy(buffer->data + buffer->size, bytes, count);
    buffer->size += count;
    return 1;
}

void wic_buffer_release_to(wic_buffer *buffer, uint8_t **output, size_t *output_size) {
    *output = buffer->data;
    *output_size = buffer->size;
    buffer->data = NULL;
    buffer->size = 0;
    buffer->capacity = 0;
}

void wic_buffer_dispose(wic_buffer *buffer) {
    free(buffer->data);
    buffer->data = NULL;
    buffer->size = 0;
    buffer->capacity = 0;
}

int wic_size_matches(uint32_t width, uint32_t height, uint32_t channels, size_t size) {
    uint64_t pixels = (uint64_t)width * (uint64_t)height;
    if (channels != 0 && pixels > UINT64_MAX / channels) {
        return 0;
    }
    uint64_t total = pixels * channels;
    return total <= SIZE_MAX && (size_t)total == size;
}

void wic_free(void *buffer) { free(buffer); }
