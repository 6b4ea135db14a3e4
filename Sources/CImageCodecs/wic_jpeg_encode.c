/* JPEG encoding through libjpeg-turbo's libjpeg API into a growing malloc'd buffer. */
#include <stdlib.h>
#include <string.h>

#include "CImageCodecs.h"
#include "wic_jpeg_error.h"

typedef struct jpeg_writer {
    struct jpeg_compress_struct cinfo;
    wic_jpeg_error error;
    struct jpeg_destination_mgr destination;
    wic_buffer output;
    int created;
} jpeg_writer;

/* A destination manager of our own: jpeg_mem_dest's buffer is hard to free correctly after an error. */
static void point_at_free_space(jpeg_writer *writer) {
    writer->destination.next_output_byte = writer->output.data + writer->output.size;
    writer->destination.free_in_buffer = writer->output.capacity - writer->output.size;
}

static void destination_init(j_compress_ptr cinfo) {
    jpeg_writer *writer = cinfo->client_data;
    if (!wic_buffer_reserve(&writer->output, 16384)) {
        wic_jpeg_error_raise((j_common_ptr)cinfo, WIC_ERROR_OUT_OF_MEMORY, "cannot allocate the JPEG output");
    }
    point_at_free_space(writer);
}

static boolean destination_empty(j_compress_ptr cinfo) {
    jpeg_writer *writer = cinfo->client_data;
    writer->output.size = writer->output.capacity; /* libjpeg calls this only when the buffer is full */
    if (!wic_buffer_reserve(&writer->output, writer->output.capacity)) {
        wic_jpeg_error_raise((j_common_ptr)cinfo, WIC_ERROR_OUT_OF_MEMORY, "cannot grow the JPEG output");
    }
    point_at_free_space(writer);
    return TRUE;
}

static void destination_term(j_compress_ptr cinfo) {
    jpeg_writer *writer = cinfo->client_data;
    writer->output.size = writer->output.capacity - writer->destination.free_in_buffer;
}

static int encode_body(jpeg_writer *writer, const uint8_t *pixels, uint32_t width, uint32_t height,
                       uint32_t channels, int quality) {
    if (setjmp(writer->error.jump)) {
        return writer->error.status;
    }
    struct jpeg_compress_struct *cinfo = &writer->cinfo;
    jpeg_create_compress(cinfo);
    writer->created = 1;
    cinfo->client_data = writer;
    writer->destination.init_destination = destination_init;
    writer->destination.empty_output_buffer = destination_empty;
    writer->destination.term_destination = destination_term;
    cinfo->dest = &writer->destination;
    cinfo->image_width = width;
    cinfo->image_height = height;
    cinfo->input_components = (int)channels;
    cinfo->in_color_space = channels == 1 ? JCS_GRAYSCALE : channels == 3 ? JCS_RGB : JCS_EXT_RGBA;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, quality, TRUE);
    jpeg_start_compress(cinfo, TRUE);
    size_t stride = (size_t)width * channels;
    while (cinfo->next_scanline < height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)cinfo->next_scanline * stride); /* libjpeg only reads it */
        jpeg_write_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_compress(cinfo);
    return WIC_OK;
}

int wic_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, int quality,
                    uint8_t **output, size_t *output_size, char *message, size_t message_capacity) {
    wic_message sink = {message, message_capacity};
    if (output == NULL || output_size == NULL) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "no place to return the JPEG");
    }
    *output = NULL;
    *output_size = 0;
    if (pixels == NULL || (channels != 1 && channels != 3 && channels != 4) || width == 0 || height == 0) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "cannot write a %u x %u JPEG with %u channels", width,
                        height, channels);
    }
    if (quality < 1 || quality > 100) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "JPEG quality %d is outside 1...100", quality);
    }
    jpeg_writer writer;
    memset(&writer, 0, sizeof writer);
    writer.cinfo.err = wic_jpeg_error_init(&writer.error, sink);
    int status = encode_body(&writer, pixels, width, height, channels, quality);
    if (status == WIC_OK) {
        wic_buffer_release_to(&writer.output, output, output_size);
    }
    if (writer.created) {
        jpeg_destroy_compress(&writer.cinfo);
    }
    wic_buffer_dispose(&writer.output);
    return status;
}
