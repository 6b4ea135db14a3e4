/* PNG encoding through libpng 1.6, with tEXt/iTXt chunks written before the image data (where ComfyUI puts its
 * "prompt" and "workflow"). Errors longjmp back into the helper that set the jump target. */
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "CImageCodecs.h"
#include "wic_internal.h"

typedef struct png_writer {
    png_structp png;
    png_infop info;
    png_text *texts;
    wic_buffer output;
    int status; /* set by the first error; returned after the longjmp */
    wic_message message;
} png_writer;

static void writer_error(png_structp png, png_const_charp text) {
    png_writer *writer = png_get_error_ptr(png);
    if (writer->status == WIC_OK) {
        writer->status = strstr(text, "memory") != NULL ? WIC_ERROR_OUT_OF_MEMORY : WIC_ERROR_INVALID_ARGUMENT;
        wic_fail(writer->message, writer->status, "%s", text);
    }
    png_longjmp(png, 1);
}

static void writer_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void writer_write(png_structp png, png_bytep bytes, size_t count) {
    png_writer *writer = png_get_io_ptr(png);
    if (!wic_buffer_append(&writer->output, bytes, count)) {
        writer->status = WIC_ERROR_OUT_OF_MEMORY;
        wic_fail(writer->message, WIC_ERROR_OUT_OF_MEMORY, "cannot grow the PNG output past %zu bytes",
                 writer->output.size);
        png_error(png, "out of memory");
    }
}

static void writer_flush(png_structp png) { (void)png; }

static int color_type_for(uint32_t channels) {
    switch (channels) {
    case 1: return PNG_COLOR_TYPE_GRAY;
    case 2: return PNG_COLOR_TYPE_GRAY_ALPHA;
    case 3: return PNG_COLOR_TYPE_RGB;
    default: return PNG_COLOR_TYPE_RGB_ALPHA;
    }
}

static int encode_body(png_writer *writer, const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                       int level, size_t text_count) {
    if (setjmp(png_jmpbuf(writer->png))) {
        return writer->status == WIC_OK ? WIC_ERROR_INVALID_ARGUMENT : writer->status;
    }
    png_structp png = writer->png;
    png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);
    png_set_write_fn(png, writer, writer_write, writer_flush);
    png_set_IHDR(png, writer->info, width, height, 8, color_type_for(channels), PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    if (text_count > 0) {
        png_set_text(png, writer->info, writer->texts, (int)text_count);
    }
    png_write_info(png, writer->info);
    size_t stride = (size_t)width * channels;
    for (uint32_t y = 0; y < height; y++) {
        png_write_row(png, pixels + (size_t)y * stride);
    }
    png_write_end(png, NULL);
    return WIC_OK;
}

int wic_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, int compression_level,
                   const wic_png_text *texts, size_t text_count, uint8_t **output, size_t *output_size, char *message,
                   size_t message_capacity) {
    wic_message sink = {message, message_capacity};
    if (output == NULL || output_size == NULL) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "no place to return the PNG");
    }
    *output = NULL;
    *output_size = 0;
    if (pixels == NULL || channels < 1 || channels > 4 || width == 0 || height == 0 || width > PNG_UINT_31_MAX ||
        height > PNG_UINT_31_MAX) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "cannot write a %u x %u PNG with %u channels", width,
                        height, channels);
    }
    if (compression_level < 0 || compression_level > 9) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "compression level %d is outside 0...9", compression_level);
    }
    if (text_count > 0 && (texts == NULL || text_count > 0x7fffffff)) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "invalid text chunk list");
    }
    png_writer writer;
    memset(&writer, 0, sizeof writer);
    writer.message = sink;
    int status = WIC_OK;
    writer.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &writer, writer_error, writer_warning);
    writer.info = writer.png == NULL ? NULL : png_create_info_struct(writer.png);
    writer.texts = text_count == 0 ? NULL : calloc(text_count, sizeof(png_text));
    if (writer.info == NULL || (text_count > 0 && writer.texts == NULL)) {
        status = wic_fail(sink, WIC_ERROR_OUT_OF_MEMORY, "cannot set up libpng for writing");
    }
    for (size_t i = 0; status == WIC_OK && i < text_count; i++) {
        if (texts[i].key == NULL || texts[i].value == NULL) {
            status = wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "text chunk %zu has no key or value", i);
            break;
        }
        writer.texts[i].compression = texts[i].is_utf8 ? PNG_ITXT_COMPRESSION_NONE : PNG_TEXT_COMPRESSION_NONE;
        writer.texts[i].key = (png_charp)texts[i].key;
        writer.texts[i].text = (png_charp)texts[i].value;
        writer.texts[i].text_length = strlen(texts[i].value);
    }
    if (status == WIC_OK) {
        status = encode_body(&writer, pixels, width, height, channels, compression_level, text_count);
    }
    if (status == WIC_OK) {
        wic_buffer_release_to(&writer.output, output, output_size);
    }
    png_destroy_write_struct(&writer.png, &writer.info);
    free(writer.texts);
    wic_buffer_dispose(&writer.output);
    return status;
}
