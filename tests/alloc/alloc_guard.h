// alloc_guard.h: switch the aborting allocator of the zero-heap test on and off (alloc_guard.cpp).
#ifndef FOLIO_TESTS_ALLOC_GUARD_H
#define FOLIO_TESTS_ALLOC_GUARD_H

// While on, any malloc/calloc/realloc/aligned allocation, operator new, or free of a non-NULL pointer
// prints the call and aborts the process.
void alloc_guard_forbid(bool on);
// Allocation calls seen so far (allowed or not): lets the sanity test prove the interposer is active.
unsigned long alloc_guard_count();

#endif
