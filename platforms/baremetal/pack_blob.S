/* The pack, embedded in flash. FOLIO_BM_PACK_FILE is the quoted path of a pack built at build time by the
 * host builder (see CMakeLists.txt). Pack data must be 8-byte aligned (FlatBuffers reads in place). */
  .section .folio_pack, "a"
  .balign 8
  .global folio_bm_pack
  .global folio_bm_pack_end
folio_bm_pack:
  .incbin FOLIO_BM_PACK_FILE
folio_bm_pack_end:
  .byte 0
