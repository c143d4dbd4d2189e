// win32_lean.h: <windows.h> for the _WIN32 branches of the tools and tests, without its min/max macros
// (which break std::min/std::max) and the rarely used parts WIN32_LEAN_AND_MEAN leaves out. Nothing on
// other systems.
#ifndef FOLIO_TOOLS_WIN32_LEAN_H
#define FOLIO_TOOLS_WIN32_LEAN_H
#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#endif
#endif  // FOLIO_TOOLS_WIN32_LEAN_H
