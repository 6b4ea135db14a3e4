/* A libjpeg error manager that never exits: fatal errors (and, when decoding, warnings that mean lost pixel data)
 * record a status and message, then longjmp to `jump`, which the caller sets with setjmp before any libjpeg call. */
#ifndef WEFT_WIC_JPEG_ERROR_H
#define WEFT_WIC_JPEG_ERROR_H

#include <setjmp.h>
#include <stdio.h>

#include <jpeglib.h>

#include "wic_internal.h"

typedef struct wic_jpeg_error {
    struct jpeg_error_mgr manager; /* first, so a j_common_ptr's err can be cast back */
    jmp_buf jump;
    int status; /* set by the first error; WIC_OK until then */
    wic_message message;
} wic_jpeg_error;

/** Prepares `error` and returns the manager to store in cinfo.err before jpeg_create_(de)compress. */
struct jpeg_error_mgr *wic_jpeg_error_init(wic_jpeg_error *error, wic_message message);

/** Records `status` and `text` (unless an error was already recorded) and longjmps; never returns. */
void wic_jpeg_error_raise(j_common_ptr cinfo, int status, const char *text) __attribute__((noreturn));

#endif /* WEFT_WIC_JPEG_ERROR_H */
