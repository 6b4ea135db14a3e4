/* PNG decoding through libpng 1.6. libpng reports fatal errors by longjmp; each entry point sets the jump target
 * in a helper that touches only the reader struct owned by its caller, so nothing relies on locals surviving a
 * longjmp. */
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CImageCodecs.h"
#include "wic_internal.h"

/** Deflate cannot shrink data by more than 1032:1 (a 258-byte match in two 1-bit codes). */
#define WIC_DEFLATE_MAX_RATIO 1032u

typedef struct png_reader {
    const uint8_t *data;
    size_t size;
    size_t offset;
    png_structp png;
    png_infop info;
    png_bytep *rows;
    int status; /* set by the first error; returned after the longjmp */
    wic_message message;
    char warning[96];            /* the last warning, which often says why the next error happened */
    png_uint_32 warning_chunk;   /* the chunk being read when it was issued */
} png_reader;

static void reader_error(png_structp png, png_const_charp text) {
    png_reader *reader = png_get_error_ptr(png);
    if (reader->status == WIC_OK) {
        reader->status = strstr(text, "memory") != NULL ? WIC_ERROR_OUT_OF_MEMORY : WIC_ERROR_CORRUPT;
        if (reader->warning[0] != '\0' && reader->warning_chunk == png_get_io_chunk_type(png)) {
            /* "Invalid IHDR data" alone does not say what is invalid; its warning does */
            wic_fail(reader->message, reader->status, "%s (%s)", text, reader->warning);
        } else {
            wic_fail(reader->message, reader->status, "%s", text);
        }
    }
    png_longjmp(png, 1);
}

/* Warnings (a damaged ancillary chunk, an odd gamma) leave the pixels intact; only the last is kept, to explain an
 * error in the same chunk. */
static void reader_warning(png_structp png, png_const_charp text) {
    png_reader *reader = png_get_error_ptr(png);
    snprintf(reader->warning, sizeof reader->warning, "%s", text);
    reader->warning_chunk = png_get_io_chunk_type(png);
}

static void reader_read(png_structp png, png_bytep out, size_t count) {
    png_reader *reader = png_get_io_ptr(png);
    if (count > reader->size - reader->offset) {
        reader->status = WIC_ERROR_TRUNCATED;
        wic_fail(reader->message, WIC_ERROR_TRUNCATED, "the PNG data ends early (after %zu bytes)", reader->size);
        png_error(png, "truncated");
    }
    memcpy(out, reader->data + reader->offset, count);
    reader->offset += count;
}

static int reader_open(png_reader *reader, const uint8_t *data, size_t size, wic_message message) {
    memset(reader, 0, sizeof *reader);
    reader->data = data;
    reader->size = size;
    reader->message = message;
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, reader_error, reader_warning);
    if (reader->png == NULL) {
        return wic_fail(message, WIC_ERROR_OUT_OF_MEMORY, "libpng could not create a read structure");
    }
    reader->info = png_create_info_struct(reader->png);
    if (reader->info == NULL) {
        return wic_fail(message, WIC_ERROR_OUT_OF_MEMORY, "libpng could not create an info structure");
    }
    return WIC_OK;
}

static void reader_close(png_reader *reader) {
    png_destroy_read_struct(&reader->png, &reader->info, NULL);
    free(reader->rows);
    reader->rows = NULL;
}

/** Reads the chunks before the image data. Call only after setjmp. Text chunks are skipped unread: pixels do not
 * need them, and a huge zTXt would otherwise be inflated for nothing. */
static void reader_start(png_reader *reader) {
    static const png_byte text_chunks[] = "tEXt\0zTXt\0iTXt";
    png_set_user_limits(reader->png, PNG_UINT_31_MAX, PNG_UINT_31_MAX); /* the caller checks the size itself */
    png_set_keep_unknown_chunks(reader->png, PNG_HANDLE_CHUNK_NEVER, text_chunks, 3);
    png_set_read_fn(reader->png, reader, reader_read);
    png_read_info(reader->png, reader->info);
}

/** Channels after png_set_expand: palette becomes RGB, tRNS becomes an alpha channel. */
static uint32_t reader_channels(png_reader *reader) {
    uint32_t alpha = png_get_valid(reader->png, reader->info, PNG_INFO_tRNS) != 0 ? 1 : 0;
    switch (png_get_color_type(reader->png, reader->info)) {
    case PNG_COLOR_TYPE_GRAY: return 1 + alpha;
    case PNG_COLOR_TYPE_GRAY_ALPHA: return 2;
    case PNG_COLOR_TYPE_RGB_ALPHA: return 4;
    default: return 3 + alpha; /* RGB and palette */
    }
}

static int read_info_body(png_reader *reader, wic_image_info *info) {
    if (setjmp(png_jmpbuf(reader->png))) {
        return reader->status == WIC_OK ? WIC_ERROR_CORRUPT : reader->status;
    }
    reader_start(reader);
    uint64_t width = png_get_image_width(reader->png, reader->info);
    uint64_t height = png_get_image_height(reader->png, reader->info);
    uint64_t bits = (uint64_t)png_get_channels(reader->png, reader->info) * png_get_bit_depth(reader->png, reader->info);
    info->width = (uint32_t)width;
    info->height = (uint32_t)height;
    info->channels = reader_channels(reader);
    info->minimum_data_size = (width * bits / 8) * height / WIC_DEFLATE_MAX_RATIO;
    return WIC_OK;
}

int wic_png_read_info(const uint8_t *data, size_t size, wic_image_info *info, char *message, size_t message_capacity) {
    wic_message sink = {message, message_capacity};
    if (data == NULL || info == NULL) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "no PNG data or no info to fill");
    }
    png_reader reader;
    int status = reader_open(&reader, data, size, sink);
    if (status == WIC_OK) {
        status = read_info_body(&reader, info);
    }
    reader_close(&reader);
    return status;
}

static int decode_body(png_reader *reader, uint8_t *pixels, size_t pixels_size) {
    if (setjmp(png_jmpbuf(reader->png))) {
        return reader->status == WIC_OK ? WIC_ERROR_CORRUPT : reader->status;
    }
    reader_start(reader);
    png_structp png = reader->png;
    uint32_t width = png_get_image_width(png, reader->info);
    uint32_t height = png_get_image_height(png, reader->info);
    uint32_t channels = reader_channels(reader);
    if (!wic_size_matches(width, height, channels, pixels_size)) {
        return wic_fail(reader->message, WIC_ERROR_INVALID_ARGUMENT,
                        "the pixel buffer holds %zu bytes, not %u x %u x %u", pixels_size, width, height, channels);
    }
    png_set_expand(png);
    if (png_get_bit_depth(png, reader->info) == 16) {
        png_set_strip_16(png); /* keep the high byte, as Pillow does */
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, reader->info);
    size_t stride = (size_t)width * channels;
    if (png_get_channels(png, reader->info) != channels || png_get_rowbytes(png, reader->info) != stride) {
        return wic_fail(reader->message, WIC_ERROR_UNSUPPORTED, "libpng produced an unexpected row layout");
    }
    reader->rows = malloc((size_t)height * sizeof(png_bytep));
    if (reader->rows == NULL) {
        return wic_fail(reader->message, WIC_ERROR_OUT_OF_MEMORY, "cannot allocate %u row pointers", height);
    }
    for (uint32_t y = 0; y < height; y++) {
        reader->rows[y] = pixels + (size_t)y * stride;
    }
    png_read_image(png, reader->rows);
    png_read_end(png, NULL);
    return WIC_OK;
}

int wic_png_decode(const uint8_t *data, size_t size, uint8_t *pixels, size_t pixels_size, char *message,
                   size_t message_capacity) {
    wic_message sink = {message, message_capacity};
    if (data == NULL || pixels == NULL) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "no PNG data or no pixel buffer");
    }
    png_reader reader;
    int status = reader_open(&reader, data, size, sink);
    if (status == WIC_OK) {
        status = decode_body(&reader, pixels, pixels_size);
    }
    reader_close(&reader);
    return status;
}
