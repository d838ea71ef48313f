/* libFuzzer's driver entry (compiler-rt FuzzerInterface.h). SwiftPM renames an executable's main,
   so libFuzzer's own main() is never linked; main.swift hands control to the driver instead. */
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
