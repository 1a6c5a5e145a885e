// Kafka's four record-batch codecs, from Debian's C libraries (zlib1g-dev, libsnappy-dev, liblz4-dev,
// libzstd-dev). Swift cannot use zlib's function-like macros, so the one it needs is wrapped here.
#ifndef SAMSA_CCOMPRESSION_SHIM_H
#define SAMSA_CCOMPRESSION_SHIM_H

#include <zlib.h>
#include <snappy-c.h>
#include <lz4frame.h>
#include <zstd.h>

/// inflateInit2 is a macro around inflateInit2_.
static inline int samsa_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

/// deflateInit2 is a macro around deflateInit2_.
static inline int samsa_deflate_init(z_stream *stream, int level, int window_bits) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
}

#endif
