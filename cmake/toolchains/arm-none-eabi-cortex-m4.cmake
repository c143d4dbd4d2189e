# Bare-metal Cortex-M4F (QEMU mps2-an386; any M4 with an FPU), arm-none-eabi GCC from Debian.
# Needs: gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-dev qemu-system-arm.
# Only newlib's and libstdc++'s *headers* are used: the firmware links with -nostdlib (no malloc at all).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR cortex-m4)
set(CMAKE_C_COMPILER   arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(FOLIO_MCU_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
string(APPEND CMAKE_C_FLAGS_INIT   " ${FOLIO_MCU_FLAGS} -ffunction-sections -fdata-sections")
string(APPEND CMAKE_CXX_FLAGS_INIT " ${FOLIO_MCU_FLAGS} -ffunction-sections -fdata-sections -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit")
string(APPEND CMAKE_ASM_FLAGS_INIT " ${FOLIO_MCU_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${FOLIO_MCU_FLAGS} -nostdlib -Wl,--gc-sections")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
