#ifndef FOLIO_CCMARK_SHIM_H
#define FOLIO_CCMARK_SHIM_H
#if __has_include(<cmark.h>)
#include <cmark.h>
#else
#error "cmark.h not found: install the Debian package libcmark-dev (apt-get install libcmark-dev)"
#endif
#endif
