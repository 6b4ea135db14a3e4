/* EXIF orientation: copies each output pixel from the source pixel the orientation maps it to. */
#include <string.h>

#include "CImageCodecs.h"

void wic_reorient(const uint8_t *src, size_t width, size_t height, size_t channels, int orientation, uint8_t *dst) {
    int swaps = orientation >= 5 && orientation <= 8;
    size_t out_width = swaps ? height : width;
    size_t out_height = swaps ? width : height;
    for (size_t oy = 0; oy < out_height; oy++) {
        for (size_t ox = 0; ox < out_width; ox++) {
            size_t sx, sy;
            switch (orientation) {
            case 2: sx = width - 1 - ox; sy = oy; break;
            case 3: sx = width - 1 - ox; sy = height - 1 - oy; break;
            case 4: sx = ox; sy = height - 1 - oy; break;
            case 5: sx = oy; sy = ox; break;
            case 6: sx = oy; sy = height - 1 - ox; break;
            case 7: sx = width - 1 - oy; sy = height - 1 - ox; break;
            case 8: sx = width - 1 - oy; sy = ox; break;
            default: sx = ox; sy = oy; break;
            }
            memcpy(dst + (oy * out_width + ox) * channels, src + (sy * width + sx) * channels, channels);
        }
    }
}
