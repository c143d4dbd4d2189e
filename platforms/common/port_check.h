/* port_check.h: the smoke test every native port runs over the public C API (bare metal, Windows, the
 * cross builds' extra check), with no C library beyond memcmp/strlen: output goes through a callback so the
 * same code reports over semihosting, stdout or a debugger.
 *
 * The checks derive their queries from the pack itself (article 0's slug and title), so any valid pack
 * works: open (with the checksum), info, slug and title lookup, a miss, suggestions for a title prefix,
 * full-text search for a title word, rendering as text and HTML (with a size query first), and the deep
 * verify of every article. */
#ifndef FOLIO_PORT_CHECK_H
#define FOLIO_PORT_CHECK_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct folio_port_out {
  void (*write)(void *ctx, const char *s, size_t n); /* n bytes, not NUL-terminated */
  void *ctx;
} folio_port_out;

typedef struct folio_port_result {
  uint32_t passed, failed;
  size_t workspace_needed;   /* folio_workspace_size() for the pack in this build */
  size_t render_bytes;       /* largest rendering produced */
} folio_port_result;

/* Runs every check over `pack` with the caller's workspace `ws` (8-byte aligned) and render buffer `dst`.
 * Prints one line per check ("ok ..." / "FAIL ...") and fills *res. Returns 0 when all passed. */
int folio_port_check(const void *pack, size_t pack_len, void *ws, size_t ws_len, char *dst, size_t dst_cap,
                     const folio_port_out *out, folio_port_result *res);

#ifdef __cplusplus
}
#endif
#endif
