/* CBrotli (tests only): the encoder, for the loopback server's Content-Encoding: br route. */
#include <brotli/encode.h>
