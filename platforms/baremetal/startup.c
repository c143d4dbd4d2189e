/* Reset handler, vector table and the few C library functions the engine and zstd's decoder need, for a
 * firmware linked with -nostdlib: there is no malloc, calloc, realloc or operator new anywhere in the
 * image, so any use of one is an undefined symbol at link time (the no-allocator check). */
#include <stddef.h>
#include <stdint.h>

#include "semihost.h"

extern uint32_t __data_start[], __data_end[], __data_load[], __bss_start[], __bss_end[];
extern uint32_t __stack_limit[], __stack_top[];
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

int main(void);
void folio_bm_reset(void);

static void folio_bm_fault(void)
{
  folio_bm_puts("FAIL: hard fault\n");
  folio_bm_exit(1);
}

/* Cortex-M vector table: initial stack pointer, then the handlers. Only reset and faults matter here. */
__attribute__((section(".vectors"), used)) static void (*const folio_bm_vectors[16])(void) = {
  (void (*)(void))(uintptr_t)__stack_top, /* initial MSP */
  folio_bm_reset,                         /* Reset */
  folio_bm_fault,                         /* NMI */
  folio_bm_fault,                         /* HardFault */
  folio_bm_fault,                         /* MemManage */
  folio_bm_fault,                         /* BusFault */
  folio_bm_fault,                         /* UsageFault */
};

void folio_bm_reset(void)
{
  /* Enable the FPU (CP10, CP11 full access) before any code that may use it. */
  *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
  __asm volatile("dsb\n\tisb" ::: "memory");

  for (uint32_t *s = __data_load, *d = __data_start; d < __data_end;) *d++ = *s++;
  for (uint32_t *d = __bss_start; d < __bss_end;) *d++ = 0;

  /* Paint the stack below the current frame so main can report the high-water mark. */
  uint32_t *sp;
  __asm volatile("mov %0, sp" : "=r"(sp));
  for (uint32_t *p = __stack_limit; p < sp - 16; ++p) *p = 0x5A5A5A5Au;

  for (void (**f)(void) = __init_array_start; f < __init_array_end; ++f) (*f)();
  folio_bm_exit(main());
}

size_t folio_bm_stack_used(void)
{
  const uint32_t *p = __stack_limit;
  while (p < __stack_top && *p == 0x5A5A5A5Au) ++p;
  return (size_t)((const char *)__stack_top - (const char *)p);
}

size_t folio_bm_stack_size(void) { return (size_t)((const char *)__stack_top - (const char *)__stack_limit); }

/* zstd's decoder reaches free() through ZSTD_clearDict → ZSTD_freeDDict → ZSTD_customFree, but with a
 * static DCtx it only ever passes NULL. Anything else would mean an allocation happened somewhere. */
void free(void *p)
{
  if (p) {
    folio_bm_puts("FAIL: free() called with a non-NULL pointer\n");
    folio_bm_exit(1);
  }
}

void abort(void)
{
  folio_bm_puts("FAIL: abort()\n");
  folio_bm_exit(1);
}

void __assert_func(const char *file, int line, const char *fn, const char *expr)
{
  (void)line; (void)fn;
  folio_bm_puts("FAIL: assertion ");
  folio_bm_puts(expr ? expr : "?");
  folio_bm_puts(" in ");
  folio_bm_puts(file ? file : "?");
  folio_bm_puts("\n");
  folio_bm_exit(1);
}

/* Minimal string functions. This file is compiled with -fno-tree-loop-distribute-patterns so that GCC
 * does not turn these loops back into calls to themselves. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;
  if ((((uintptr_t)d | (uintptr_t)s) & 3u) == 0) {
    for (; n >= 4; n -= 4, d += 4, s += 4) *(uint32_t *)(void *)d = *(const uint32_t *)(const void *)s;
  }
  while (n--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d == s || n == 0) return dst;
  if (d < s || d >= s + n) return memcpy(dst, src, n);
  while (n--) d[n] = s[n];
  return dst;
}

void *memset(void *dst, int c, size_t n)
{
  unsigned char *d = dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
  const unsigned char *x = a, *y = b;
  for (; n; --n, ++x, ++y)
    if (*x != *y) return *x - *y;
  return 0;
}

void *memchr(const void *s, int c, size_t n)
{
  const unsigned char *p = s;
  for (; n; --n, ++p)
    if (*p == (unsigned char)c) return (void *)(uintptr_t)p;
  return NULL;
}

size_t strlen(const char *s)
{
  const char *p = s;
  while (*p) ++p;
  return (size_t)(p - s);
}

int strcmp(const char *a, const char *b)
{
  while (*a && *a == *b) ++a, ++b;
  return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
  for (; n; --n, ++a, ++b) {
    if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
    if (!*a) return 0;
  }
  return 0;
}
