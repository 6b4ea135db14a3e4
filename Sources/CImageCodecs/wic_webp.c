/* WebP decoding and lossy encoding through libwebp, which reports errors by status codes (no longjmp). */
#include <string.h>

#include <webp/decode.h>
#include <webp/encode.h>

#include "CImageCodecs.h"
#include "wic_internal.h"

static int fail_decoding(wic_message message, VP8StatusCode code) {
    switch (code) {
    case VP8_STATUS_OUT_OF_MEMORY: return wic_fail(message, WIC_ERROR_OUT_OF_MEMORY, "libwebp ran out of memory");
    case VP8_STATUS_INVALID_PARAM: return wic_fail(message, WIC_ERROR_INVALID_ARGUMENT, "invalid decoding parameter");
    case VP8_STATUS_UNSUPPORTED_FEATURE:
        return wic_fail(message, WIC_ERROR_UNSUPPORTED, "the WebP uses a feature libwebp cannot decode here");
    case VP8_STATUS_NOT_ENOUGH_DATA: return wic_fail(message, WIC_ERROR_TRUNCATED, "the WebP data ends early");
    default: return wic_fail(message, WIC_ERROR_CORRUPT, "the WebP bitstream is corrupt (status %d)", (int)code);
    }
}

static int read_features(const uint8_t *data, size_t size, WebPBitstreamFeatures *features, wic_message message) {
    VP8StatusCode code = WebPGetFeatures(data, size, features);
    if (code != VP8_STATUS_OK) {
        return fail_decoding(message, code);
    }
    if (features->has_animation) {
        return wic_fail(message, WIC_ERROR_UNSUPPORTED, "animated WebP is not supported");
    }
    if (features->width <= 0 || features->height <= 0) {
        return wic_fail(message, WIC_ERROR_CORRUPT, "the WebP header gives a %d x %d image", features->width,
                        features->height);
    }
    return WIC_OK;
}

int wic_webp_read_info(const uint8_t *data, size_t size, wic_image_info *info, char *message,
                       size_t message_capacity) {
    wic_message sink = {message, message_capacity};
    if (data == NULL || info == NULL) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "no WebP data or no info to fill");
    }
    WebPBitstreamFeatures features;
    int status = read_features(data, size, &features, sink);
    if (status == WIC_OK) {
        info->width = (uint32_t)features.width;
        info->height = (uint32_t)features.height;
        info->channels = features.has_alpha ? 4 : 3;
        info->minimum_data_size = 0;
    }
    return status;
}

int wic_webp_decode(const uint8_t *data, size_t size, uint8_t *pixels, size_t pixels_size, char *message,
                    size_t message_capacity) {
    wic_message sink = {message, message_capacity};
    if (data == NULL || pixels == NULL) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "no WebP data or no pixel buffer");
    }
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) {
        return wic_fail(sink, WIC_ERROR_UNSUPPORTED, "libwebp's decoder version does not match its header");
    }
    int status = read_features(data, size, &config.input, sink);
    if (status != WIC_OK) {
        return status;
    }
    uint32_t width = (uint32_t)config.input.width;
    uint32_t height = (uint32_t)config.input.height;
    uint32_t channels = config.input.has_alpha ? 4 : 3;
    if (!wic_size_matches(width, height, channels, pixels_size)) {
        return wic_fail(sink, WIC_ERROR_INVALID_ARGUMENT, "the pixel buffer holds %zu bytes, not %u x %u x %u",
                        pixels_size, width, height, channels);
    }
    config.output.colorspace = channels == 4 ? MODE_RGBA : MODE_RGB;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = pixels;
    config.output.u.RGBA.stride = (int)(width * channels);
    config.output.u.RGBA.size = pixels_size;
    VP8StatusCode code = WebPDecode(data, size, &config);
    WebPFreeDecBuffer(&config.output);
    return code == VP8_STATUS_OK ? WIC_OK : fail_decoding(sink, code);
}

typedef struct webp_sink {
    wic_buffer output;
    int out_of_memory;
} webp_sink;

static int sink_write(const uint8_t *data, size_t data_size, const WebPPicture *picture) {
    webp_sink *sink = picture->custom_ptr;
    if (!wic_buffer_append(&sink->output, data, data_size)) {
        sink->out_of_memory = 1;
        return 0;
    }
    return 1;
}

static const char *encoding_error_text(WebPEncodingError error) {
    switch (error) {
    case VP8_ENC_ERROR_OUT_OF_MEMORY:
    case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY: return "libwebp ran out of memory";
    case VP8_ENC_ERROR_BAD_DIMENSION: return "the image is larger than WebP's 16383 x 16383 limit";
    case VP8_ENC_ERROR_PARTITION0_OVERFLOW:
    case VP8_ENC_ERROR_PARTITION_OVERFLOW: return "a WebP partition overflowed (image too large for lossy WebP)";
    case VP8_ENC_ERROR_FILE_TOO_BIG: return "the WebP file would exceed 4 GiB";
    case VP8_ENC_ERROR_INVALID_CONFIGURATION: return "invalid WebP encoder configuration";
    default: return "libwebp could not encode the image";
    }
}

int wic_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, float quality,
                    uint8_t **output, size_t *output_size, char *message, size_t message_capacity) {
    wic_message text = {message, message_capacity};
    if (output == NULL || output_size == NULL) {
        return wic_fail(text, WIC_ERROR_INVALID_ARGUMENT, "no place to return the WebP");
    }
    *output = NULL;
    *output_size = 0;
    if (pixels == NULL || (channels != 3 && channels != 4) || width == 0 || height == 0) {
        return wic_fail(text, WIC_ERROR_INVALID_ARGUMENT, "cannot write a %u x %u WebP with %u channels", width,
                        height, channels);
    }
    if (width > WEBP_MAX_DIMENSION || height > WEBP_MAX_DIMENSION) {
        return wic_fail(text, WIC_ERROR_INVALID_ARGUMENT, "a %u x %u image is larger than WebP's %d x %d limit",
                        width, height, WEBP_MAX_DIMENSION, WEBP_MAX_DIMENSION);
    }
    if (!(quality >= 0.0f && quality <= 100.0f)) {
        return wic_fail(text, WIC_ERROR_INVALID_ARGUMENT, "WebP quality %g is outside 0...100", (double)quality);
    }
    WebPConfig config;
    WebPPicture picture;
    if (!WebPConfigInit(&config) || !WebPPictureInit(&picture)) {
        return wic_fail(text, WIC_ERROR_UNSUPPORTED, "libwebp's encoder version does not match its header");
    }
    config.quality = quality;
    config.lossless = 0;
    webp_sink sink;
    memset(&sink, 0, sizeof sink);
    picture.width = (int)width;
    picture.height = (int)height;
    picture.writer = sink_write;
    picture.custom_ptr = &sink;
    int stride = (int)(width * channels);
    int imported = channels == 4 ? WebPPictureImportRGBA(&picture, pixels, stride)
                                 : WebPPictureImportRGB(&picture, pixels, stride);
    int status = WIC_OK;
    if (!imported) {
        status = wic_fail(text, WIC_ERROR_OUT_OF_MEMORY, "libwebp could not import the pixels");
    } else if (!WebPEncode(&config, &picture)) {
        status = sink.out_of_memory ? wic_fail(text, WIC_ERROR_OUT_OF_MEMORY, "cannot grow the WebP output")
                                    : wic_fail(text, WIC_ERROR_INVALID_ARGUMENT, "%s",
                                               encoding_error_text(picture.error_code));
    } else {
        wic_buffer_release_to(&sink.output, output, output_size);
    }
    WebPPictureFree(&picture);
    wic_buffer_dispose(&sink.output);
    return status;
}
