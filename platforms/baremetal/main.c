/* Firmware for QEMU mps2-an386 (Cortex-M4F): opens the pack embedded in flash with a statically
 * allocated workspace, runs the shared port checks (lookup, suggestion, search, render, verify) and
 * reports over semihosting. Exit status 0 means every check passed. */
#include <folio/folio.h>

#include "../common/port_check.h"
#include "semihost.h"

#ifndef FOLIO_BM_WORKSPACE
#define FOLIO_BM_WORKSPACE (128u * 1024u)
#endif
#ifndef FOLIO_BM_RENDER_BUF
#define FOLIO_BM_RENDER_BUF (16u * 1024u)
#endif

extern const unsigned char folio_bm_pack[];
extern const unsigned char folio_bm_pack_end[];

/* The only RAM the engine gets: one static, 8-byte aligned workspace (its own section, so the link map
 * and the size table show it), plus the render buffer the caller owns. */
__attribute__((section(".folio_workspace"), aligned(8))) static uint64_t workspace[FOLIO_BM_WORKSPACE / 8];
static char render_buf[FOLIO_BM_RENDER_BUF];

static void out_write(void *ctx, const char *s, size_t n)
{
  (void)ctx;
  folio_bm_write(s, n);
}

int main(void)
{
  const size_t pack_len = (size_t)(folio_bm_pack_end - folio_bm_pack);
  folio_port_out out = {out_write, 0};
  folio_port_result res;

  folio_bm_puts("folio bare metal (Cortex-M4, mps2-an386), engine " FOLIO_VERSION_STRING "\n");
  int rc = folio_port_check(folio_bm_pack, pack_len, workspace, sizeof workspace, render_buf, sizeof render_buf,
                            &out, &res);

  folio_bm_puts("SIZE pack_flash=");
  folio_bm_putu((uint32_t)pack_len);
  folio_bm_puts(" workspace_needed=");
  folio_bm_putu((uint32_t)res.workspace_needed);
  folio_bm_puts(" workspace_static=");
  folio_bm_putu((uint32_t)sizeof workspace);
  folio_bm_puts(" render_max=");
  folio_bm_putu((uint32_t)res.render_bytes);
  folio_bm_puts(" stack_used=");
  folio_bm_putu((uint32_t)folio_bm_stack_used());
  folio_bm_puts(" stack_size=");
  folio_bm_putu((uint32_t)folio_bm_stack_size());
  folio_bm_puts("\n");
  folio_bm_putu(res.passed);
  folio_bm_puts(" passed, ");
  folio_bm_putu(res.failed);
  folio_bm_puts(" failed\n");
  return rc;
}
