/*
 * CImageCodecs: a small C layer over libpng 1.6, libjpeg-turbo (libjpeg API), libwebp and zlib for WeftImage.
 *
 * Error handling: libpng and libjpeg report fatal errors by longjmp (or exit, by default). Every entry point here
 * installs its own handler (setjmp for libpng, a custom error_exit plus setjmp for libjpeg), so no call ever aborts
 * or exits the process and none prints to stderr. Each function returns a WIC_* status and, on failure, writes a
 * NUL-terminated English message (the library's own where it has one) into the caller's `message` buffer of
 * `message_capacity` bytes (WIC_MESSAGE_CAPACITY is enough).
 *
 * Memory:
 * - Decoding is two calls: `wic_*_read_info` parses only the header, so the caller can check the size before it
 *   allocates anything; `wic_*_decode` then writes width * height * channels bytes (8-bit samples, interleaved,
 *   rows top to bottom, no padding) into a caller-allocated buffer whose size must be exactly that.
 * - Encoders and wic_inflate return a buffer allocated by this library in `*output` (its length in
 *   `*output_size`); release it with wic_free. On failure `*output` is NULL.
 * - Nothing keeps state between calls; every function is safe to call from several threads at once.
 */
#ifndef WEFT_CIMAGECODECS_H
#define WEFT_CIMAGECODECS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Success. */
#define WIC_OK 0
/** The data is damaged or not valid for its format (bad CRC, bad Huffman code, impossible header …). */
#define WIC_ERROR_CORRUPT 1
/** The data ends before the image does. */
#define WIC_ERROR_TRUNCATED 2
/** Valid data that this library does not handle (animated WebP, an unknown colour space …). */
#define WIC_ERROR_UNSUPPORTED 3
/** An allocation failed. */
#define WIC_ERROR_OUT_OF_MEMORY 4
/** A parameter is out of range (buffer size, channel count, quality …). */
#define WIC_ERROR_INVALID_ARGUMENT 5
/** The result would exceed a limit given by the caller (see wic_inflate). */
#define WIC_ERROR_TOO_LARGE 6

/** A message buffer of this many bytes holds any message this library writes. */
#define WIC_MESSAGE_CAPACITY 256

/** What a header says about an image, as it will be decoded. */
typedef struct wic_image_info {
    /** Pixels per row. */
    uint32_t width;
    /** Rows. */
    uint32_t height;
    /** Interleaved 8-bit samples per pixel after decoding: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
    uint32_t channels;
    /**
     * A lower bound on the size of any complete file with this header (0 when the format gives none). A PNG's
     * pixel data cannot deflate by more than 1032:1, so a short file claiming a huge image is refused before
     * anything is allocated.
     */
    uint64_t minimum_data_size;
} wic_image_info;

/** One PNG text chunk to write: NUL-terminated key (Latin-1, 1-79 bytes) and value. */
typedef struct wic_png_text {
    /** The keyword, Latin-1. */
    const char *key;
    /** The value: Latin-1 when is_utf8 is 0 (written as tEXt), UTF-8 otherwise (written as uncompressed iTXt). */
    const char *value;
    /** Non-zero to write an iTXt chunk. */
    int is_utf8;
} wic_png_text;

/**
 * PNG header: size and decoded channel count (palette -> RGB(A), tRNS -> alpha, 16-bit -> 8-bit, gray stays gray).
 */
int wic_png_read_info(const uint8_t *data, size_t size, wic_image_info *info, char *message, size_t message_capacity);

/** Decodes a PNG (any bit depth, colour type or interlacing) into `pixels`, as described by wic_png_read_info. */
int wic_png_decode(const uint8_t *data, size_t size, uint8_t *pixels, size_t pixels_size, char *message,
                   size_t message_capacity);

/**
 * Encodes 8-bit pixels (channels 1-4) as a non-interlaced PNG at zlib level 0-9, writing `texts` before the image
 * data in the given order.
 */
int wic_png_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, int compression_level,
                   const wic_png_text *texts, size_t text_count, uint8_t **output, size_t *output_size, char *message,
                   size_t message_capacity);

/** JPEG header: size; channels is always 3 (every JPEG decodes to RGB). */
int wic_jpeg_read_info(const uint8_t *data, size_t size, wic_image_info *info, char *message, size_t message_capacity);

/**
 * Decodes a baseline or progressive JPEG (gray, YCbCr, RGB, CMYK or YCCK) to RGB. A file that ends early or whose
 * entropy-coded data is damaged is an error, not a gray-filled image.
 */
int wic_jpeg_decode(const uint8_t *data, size_t size, uint8_t *pixels, size_t pixels_size, char *message,
                    size_t message_capacity);

/**
 * Encodes 8-bit gray (channels 1), RGB (3) or RGBA (4, alpha ignored) pixels as a baseline JPEG at quality 1-100
 * with 4:2:0 chroma subsampling.
 */
int wic_jpeg_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, int quality,
                    uint8_t **output, size_t *output_size, char *message, size_t message_capacity);

/** WebP header: size; channels 4 when the image has alpha, else 3. Animated WebP is refused. */
int wic_webp_read_info(const uint8_t *data, size_t size, wic_image_info *info, char *message, size_t message_capacity);

/** Decodes a still lossy or lossless WebP to RGB or RGBA, as described by wic_webp_read_info. */
int wic_webp_decode(const uint8_t *data, size_t size, uint8_t *pixels, size_t pixels_size, char *message,
                    size_t message_capacity);

/** Encodes 8-bit RGB (channels 3) or RGBA (4, alpha kept losslessly) pixels as lossy WebP at quality 0-100. */
int wic_webp_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels, float quality,
                    uint8_t **output, size_t *output_size, char *message, size_t message_capacity);

/**
 * Inflates a zlib stream (as in PNG zTXt and compressed iTXt chunks), refusing with WIC_ERROR_TOO_LARGE to produce
 * more than `max_output` bytes.
 */
int wic_inflate(const uint8_t *data, size_t size, size_t max_output, uint8_t **output, size_t *output_size,
                char *message, size_t message_capacity);

/** Updates a CRC-32 (the PNG/zlib polynomial) with `size` bytes; start with 0. */
uint32_t wic_crc32(uint32_t crc, const uint8_t *data, size_t size);

/** Releases a buffer returned by this library; NULL is ignored. */
void wic_free(void *buffer);

/**
 * Converts 8-bit samples to floats in 0...1 as `(float)byte / 255.0f` (ComfyUI's `astype(float32) / 255.0`), or
 * `1.0f - (float)byte / 255.0f` when `invert` is non-zero (how an alpha channel becomes a mask). For each of
 * `pixels` pixels, `channels` consecutive samples are read from `src` (pixels `src_stride` bytes apart) and written
 * to `dst` (pixels `dst_stride` floats apart), so a channel can be picked out by offsetting `src`.
 */
void wic_bytes_to_unit_floats(
    const uint8_t *src, size_t src_stride, float *dst, size_t dst_stride, size_t channels, size_t pixels, int invert);

/**
 * Converts floats to 8-bit samples as ComfyUI saves images: `255 * value` clipped to 0...255 and truncated toward
 * zero (NumPy's `clip(...).astype(uint8)`); NaN becomes 0. Strides and channels work as in wic_bytes_to_unit_floats.
 */
void wic_unit_floats_to_bytes(
    const float *src, size_t src_stride, uint8_t *dst, size_t dst_stride, size_t channels, size_t pixels);

/**
 * Turns an image upright according to its EXIF orientation (1-8, as Pillow's `ImageOps.exif_transpose`): 2 mirrors
 * left-right, 3 rotates 180 degrees, 4 mirrors top-bottom, 5 transposes, 6 rotates 90 degrees clockwise, 7 transverses,
 * 8 rotates 90 degrees counter-clockwise. `dst` holds width * height * channels bytes; for 5-8 its rows are `height`
 * pixels wide. Any other orientation copies the image unchanged.
 */
void wic_reorient(const uint8_t *src, size_t width, size_t height, size_t channels, int orientation, uint8_t *dst);

#ifdef __cplusplus
}
#endif

#endif /* WEFT_CIMAGECODECS_H */
