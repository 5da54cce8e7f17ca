#ifndef FOLIO_COPENBLAS_SHIM_H
#define FOLIO_COPENBLAS_SHIM_H
#if __has_include(<cblas.h>)
#include <cblas.h>
#elif __has_include(<openblas/cblas.h>)
#include <openblas/cblas.h>
#else
#error "cblas.h not found: install the Debian package libopenblas-dev (apt-get install libopenblas-dev)"
#endif
#endif
