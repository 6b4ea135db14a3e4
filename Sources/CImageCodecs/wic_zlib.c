/* zlib inflate with an output cap (for PNG zTXt and compressed iTXt chunks) and CRC-32. */
#include <limits.h>
#include <zlib.h>

#include "CImageCodecs.h"
#include "wic_internal.h"

int wic_inflate(const uint8_t *data, size_t size, size_t max_output, uint8_t **output, size_t *output_size,
                char *message, size_t message_capacity) {
    wic_message sink = {message, message_capacity};
    if (output == NULL || output_size == NULL || (data == NULL && size > 0)) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "no input or no place to return the output");
    }
    *output = NULL;
    *output_size = 0;
    if (max_output >= SIZE_MAX / 2) {
        max_output = SIZE_MAX / 2 - 1;
    }
    if (size > UINT_MAX) {
        return wic_fail(sink, WIC_ERROR_TOO_LARGE, "%zu bytes of compressed data is too much", size);
    }
    z_stream stream = {0};
    if (inflateInit(&stream) != Z_OK) {
        return wic_fail(sink, WIC_ERROR_OUT_OF_MEMORY, "zlib could not start inflating");
    }
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)size;
    wic_buffer buffer = {0};
    int status = WIC_OK;
    for (;;) {
        size_t extra = buffer.capacity - buffer.size;
        if (extra == 0) {
            /* grow by doubling, but never past one byte more than the cap (enough to see it is exceeded) */
            size_t limit = max_output - buffer.size + 1;
            size_t want = buffer.capacity == 0 ? (size < limit / 4 ? size * 4 + 64 : limit) : buffer.capacity;
            if (!wic_buffer_reserve(&buffer, want < limit ? want : limit)) {
                status = wic_fail(sink, WIC_ERROR_OUT_OF_MEMORY, "cannot grow the inflated output");
                break;
            }
            extra = buffer.capacity - buffer.size;
        }
        uInt chunk = extra > UINT_MAX ? UINT_MAX : (uInt)extra;
        stream.next_out = buffer.data + buffer.size;
        stream.avail_out = chunk;
        int result = inflate(&stream, Z_NO_FLUSH);
        buffer.size += chunk - stream.avail_out;
        if (buffer.size > max_output) {
            status = wic_fail(sink, WIC_ERROR_TOO_LARGE, "the data inflates to more than %zu bytes", max_output);
            break;
        }
        if (result == Z_STREAM_END) {
            break;
        }
        if (result == Z_BUF_ERROR && stream.avail_in == 0) {
            status = wic_fail(sink, WIC_ERROR_TRUNCATED, "the compressed data ends early");
            break;
        }
        if (result != Z_OK && result != Z_BUF_ERROR) {
            status = wic_fail(sink, result == Z_MEM_ERROR ? WIC_ERROR_OUT_OF_MEMORY : WIC_ERROR_CORRUPT,
                              "zlib: %s", stream.msg != NULL ? stream.msg : "invalid compressed data");
            break;
        }
    }
    inflateEnd(&stream);
    if (status == WIC_OK) {
        wic_buffer_release_to(&buffer, output, output_size);
    }
    wic_buffer_dispose(&buffer);
    return status;
}

uint32_t wic_crc32(uint32_t crc, const uint8_t *data, size_t size) {
    uLong value = crc;
    while (size > 0) {
        uInt chunk = size > UINT_MAX ? UINT_MAX : (uInt)size;
        value = crc32(value, data, chunk);
        data += chunk;
        size -= chunk;
    }
    return (uint32_t)value;
}
