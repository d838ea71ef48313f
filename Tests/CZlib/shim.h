/* CZlib (tests only): deflateInit2 is a macro, which Swift cannot call. */
#include <zlib.h>
/* windowBits 15 + 16: a gzip wrapper (RFC 1952) around the deflate stream, as Content-Encoding: gzip needs. */
static inline int gz_deflate_init_gzip(z_streamp s, int level) { return deflateInit2(s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY); }
