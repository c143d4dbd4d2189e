// state_selftest.cpp: an object with writable global and static state. nm_check.cmake with CHECK=state
// must reject it (ctest folio_state_check_selftest, WILL_FAIL): proof that the check sees such state at
// all. It allocates nothing, so the heap check passes it.
int folio_state_selftest_counter;  // .bss

int folio_state_selftest_bump() {
  static int calls = 7;  // .data
  return ++calls + folio_state_selftest_counter;
}
