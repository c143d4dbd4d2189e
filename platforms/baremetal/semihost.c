#include "semihost.h"

#define SYS_WRITE0 0x04
#define SYS_EXIT 0x18
#define ADP_Stopped_ApplicationExit 0x20026
#define ADP_Stopped_RunTimeErrorUnknown 0x20023

static uint32_t folio_bm_semihost(uint32_t op, const void *arg)
{
  register uint32_t r0 __asm("r0") = op;
  register const void *r1 __asm("r1") = arg;
  __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void folio_bm_puts(const char *s) { folio_bm_semihost(SYS_WRITE0, s); }

void folio_bm_write(const char *s, size_t n)
{
  char buf[65];
  while (n) {
    size_t k = n < 64 ? n : 64, j = 0;
    for (size_t i = 0; i < k; ++i)
      if (s[i]) buf[j++] = s[i];
    buf[j] = 0;
    folio_bm_puts(buf);
    s += k;
    n -= k;
  }
}

void folio_bm_putu(uint32_t v)
{
  char buf[11];
  char *p = buf + sizeof buf - 1;
  *p = 0;
  do *--p = (char)('0' + v % 10); while (v /= 10);
  folio_bm_puts(p);
}

void folio_bm_exit(int code)
{
  /* AArch32 SYS_EXIT takes the reason code itself in r1 (not a pointer to a block). */
  folio_bm_semihost(SYS_EXIT, (const void *)(uintptr_t)(code == 0 ? ADP_Stopped_ApplicationExit
                                                                  : ADP_Stopped_RunTimeErrorUnknown));
  for (;;) {}
}
