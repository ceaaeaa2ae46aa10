// Declares libFuzzer's driver entry point for Swift.
//
// Why this exists: SwiftPM links an executable target with its own `main` (on Linux, `--defsym
// main=<Module>_main`), so libFuzzer's `main` is never linked in and a harness that only exports
// LLVMFuzzerTestOneInput starts, does nothing and exits 0. Each harness's main.swift instead hands
// its callback to LLVMFuzzerRunDriver, which parses libFuzzer's flags and runs the fuzzing loop.
#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the process's arguments and `callback` as LLVMFuzzerTestOneInput.
int CFuzzDriver_run(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size));

#endif
