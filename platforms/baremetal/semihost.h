/* Output and exit over ARM semihosting (QEMU: -semihosting-config enable=on,target=native). With
 * -nographic QEMU writes semihosting output to stderr. */
#ifndef FOLIO_BM_SEMIHOST_H
#define FOLIO_BM_SEMIHOST_H
#include <stddef.h>
#include <stdint.h>

void folio_bm_puts(const char *s);                 /* NUL-terminated */
void folio_bm_write(const char *s, size_t n);      /* n bytes, may contain anything but NUL */
void folio_bm_putu(uint32_t v);                    /* decimal */
__attribute__((noreturn)) void folio_bm_exit(int code); /* 0 = pass; QEMU exits with 0, else 1 */
size_t folio_bm_stack_used(void);                  /* stack high-water mark, bytes */
size_t folio_bm_stack_size(void);
#endif
