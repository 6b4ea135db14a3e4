#include "wic_jpeg_error.h"

#include <jerror.h>

#include "CImageCodecs.h"

void wic_jpeg_error_raise(j_common_ptr cinfo, int status, const char *text) {
    wic_jpeg_error *error = (wic_jpeg_error *)cinfo->err;
    if (error->status == WIC_OK) {
        error->status = status;
        wic_fail(error->message, status, "%s", text);
    }
    longjmp(error->jump, 1);
}

static int status_for_error(j_common_ptr cinfo) {
    switch (cinfo->err->msg_code) {
    case JERR_OUT_OF_MEMORY: return WIC_ERROR_OUT_OF_MEMORY;
    case JERR_CONVERSION_NOTIMPL:
    case JERR_NOT_COMPILED:
    case JERR_NOTIMPL: return WIC_ERROR_UNSUPPORTED;
    case JERR_INPUT_EOF: return WIC_ERROR_TRUNCATED;
    default: return cinfo->is_decompressor ? WIC_ERROR_CORRUPT : WIC_ERROR_INVALID_ARGUMENT;
    }
}

static void error_exit(j_common_ptr cinfo) {
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    wic_jpeg_error_raise(cinfo, status_for_error(cinfo), text);
}

/* libjpeg only warns when entropy-coded data is damaged or the file ends early, then fills the rest with gray.
 * Those warnings are errors here; harmless ones (extra bytes before a marker, an odd JFIF version) are ignored. */
static void emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) {
        return; /* trace messages */
    }
    int code = cinfo->err->msg_code;
    if (cinfo->is_decompressor &&
        (code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER || code == JWRN_HUFF_BAD_CODE || code == JWRN_MUST_RESYNC)) {
        char text[JMSG_LENGTH_MAX];
        (*cinfo->err->format_message)(cinfo, text);
        wic_jpeg_error_raise(cinfo, code == JWRN_JPEG_EOF ? WIC_ERROR_TRUNCATED : WIC_ERROR_CORRUPT, text);
    }
    cinfo->err->num_warnings++;
}

static void output_message(j_common_ptr cinfo) { (void)cinfo; }

struct jpeg_error_mgr *wic_jpeg_error_init(wic_jpeg_error *error, wic_message message) {
    struct jpeg_error_mgr *manager = jpeg_std_error(&error->manager);
    manager->error_exit = error_exit;
    manager->emit_message = emit_message;
    manager->output_message = output_message;
    error->status = WIC_OK;
    error->message = message;
    return manager;
}
