/* config_check.h: a FOLIO_CONFIG header as a bare-metal port would write it (no C library hooks): the
 * engine's memory helpers map to compiler builtins and assertions trap. tests/alloc builds engine sources
 * with it (and FOLIO_NO_ERROR_STRINGS) to keep the hook compiling, and nm-checks the result. */
#ifndef FOLIO_CONFIG_CHECK_H
#define FOLIO_CONFIG_CHECK_H
#define FOLIO_MEMCPY(d, s, n) __builtin_memcpy((d), (s), (n))
#define FOLIO_MEMCMP(a, b, n) __builtin_memcmp((a), (b), (n))
#define FOLIO_MEMSET(d, c, n) __builtin_memset((d), (c), (n))
#define FOLIO_ASSERT(x) ((x) ? (void)0 : __builtin_trap())
#define FOLIO_CRC32C_SMALL 1
#endif
