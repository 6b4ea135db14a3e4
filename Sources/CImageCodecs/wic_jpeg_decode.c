/* JPEG decoding through libjpeg-turbo's libjpeg API, always to RGB. */
#include <stdlib.h>
#include <string.h>

#include "CImageCodecs.h"
#include "wic_jpeg_error.h"

/** More scans than this is a denial-of-service pattern (progressive JPEGs can repeat scans), not a real image. */
#define WIC_JPEG_MAX_SCANS 500

typedef struct jpeg_reader {
    struct jpeg_decompress_struct cinfo;
    wic_jpeg_error error;
    struct jpeg_progress_mgr progress;
    uint8_t *row; /* CMYK scratch row */
    int created;
} jpeg_reader;

static void reader_progress(j_common_ptr cinfo) {
    if (((j_decompress_ptr)cinfo)->input_scan_number > WIC_JPEG_MAX_SCANS) {
        wic_jpeg_error_raise(cinfo, WIC_ERROR_CORRUPT, "the JPEG has more than 500 scans");
    }
}

/** Creates the decompressor and reads the header. Call only after setjmp(reader->error.jump). */
static void reader_start(jpeg_reader *reader, const uint8_t *data, size_t size) {
    jpeg_create_decompress(&reader->cinfo);
    reader->created = 1;
    reader->progress.progress_monitor = reader_progress;
    reader->cinfo.progress = &reader->progress;
    jpeg_mem_src(&reader->cinfo, data, (unsigned long)size);
    jpeg_read_header(&reader->cinfo, TRUE);
}

static void reader_init(jpeg_reader *reader, wic_message message) {
    memset(reader, 0, sizeof *reader);
    reader->cinfo.err = wic_jpeg_error_init(&reader->error, message);
}

static void reader_close(jpeg_reader *reader) {
    if (reader->created) {
        jpeg_destroy_decompress(&reader->cinfo);
    }
    free(reader->row);
    reader->row = NULL;
}

static int read_info_body(jpeg_reader *reader, const uint8_t *data, size_t size, wic_image_info *info) {
    if (setjmp(reader->error.jump)) {
        return reader->error.status;
    }
    reader_start(reader, data, size);
    info->width = reader->cinfo.image_width;
    info->height = reader->cinfo.image_height;
    info->channels = 3;
    info->minimum_data_size = 0;
    return WIC_OK;
}

int wic_jpeg_read_info(const uint8_t *data, size_t size, wic_image_info *info, char *message,
                       size_t message_capacity) {
    wic_message sink = {message, message_capacity};
    if (data == NULL || size == 0 || info == NULL) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "no JPEG data or no info to fill");
    }
    jpeg_reader reader;
    reader_init(&reader, sink);
    int status = read_info_body(&reader, data, size, info);
    reader_close(&reader);
    return status;
}

static uint8_t multiply(unsigned a, unsigned b) { return (uint8_t)((a * b + 127) / 255); }

/* Adobe's CMYK JPEGs (the usual kind, and what Pillow writes) store inverted samples: 255 means no ink. */
static void cmyk_to_rgb(const uint8_t *cmyk, uint8_t *rgb, uint32_t width, int inverted) {
    for (uint32_t x = 0; x < width; x++, cmyk += 4, rgb += 3) {
        unsigned k = inverted ? cmyk[3] : 255u - cmyk[3];
        for (int i = 0; i < 3; i++) {
            rgb[i] = multiply(inverted ? cmyk[i] : 255u - cmyk[i], k);
        }
    }
}

static int decode_body(jpeg_reader *reader, const uint8_t *data, size_t size, uint8_t *pixels, size_t pixels_size) {
    if (setjmp(reader->error.jump)) {
        return reader->error.status;
    }
    reader_start(reader, data, size);
    struct jpeg_decompress_struct *cinfo = &reader->cinfo;
    uint32_t width = cinfo->image_width;
    uint32_t height = cinfo->image_height;
    if (!wic_size_matches(width, height, 3, pixels_size)) {
        return wic_fail(reader->error.message, WIC_ERROR_INVALID_ARGUMENT,
                        "the pixel buffer holds %zu bytes, not %u x %u x 3", pixels_size, width, height);
    }
    int cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    cinfo->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(cinfo);
    if (cinfo->output_width != width || cinfo->output_height != height ||
        cinfo->output_components != (cmyk ? 4 : 3)) {
        return wic_fail(reader->error.message, WIC_ERROR_UNSUPPORTED, "libjpeg produced an unexpected layout");
    }
    if (cmyk) {
        reader->row = malloc((size_t)width * 4);
        if (reader->row == NULL) {
            return wic_fail(reader->error.message, WIC_ERROR_OUT_OF_MEMORY, "cannot allocate a CMYK row");
        }
    }
    size_t stride = (size_t)width * 3;
    while (cinfo->output_scanline < height) {
        uint8_t *destination = pixels + (size_t)cinfo->output_scanline * stride;
        JSAMPROW row = cmyk ? reader->row : destination;
        if (jpeg_read_scanlines(cinfo, &row, 1) != 1) {
            return wic_fail(reader->error.message, WIC_ERROR_TRUNCATED, "libjpeg stopped before the last row");
        }
        if (cmyk) {
            cmyk_to_rgb(reader->row, destination, width, cinfo->saw_Adobe_marker);
        }
    }
    jpeg_finish_decompress(cinfo);
    return WIC_OK;
}

int wic_jpeg_decode(const uint8_t *data, size_t size, uint8_t *pixels, size_t pixels_size, char *message,
                    size_t message_capacity) {
    wic_message sink = {message, message_capacity};
    if (data == NULL || size == 0 || pixels == NULL) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "no JPEG data or no pixel buffer");
    }
    jpeg_reader reader;
    reader_init(&reader, sink);
    int status = decode_body(&reader, data, size, pixels, pixels_size);
    reader_close(&reader);
    return status;
}
