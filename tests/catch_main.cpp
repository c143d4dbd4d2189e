// Catch2's main lives in its own translation unit: it dominates compile time, so it is built once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
