// Running a validated command: read inputs, call the engine, hand results to a printer.
//
//   io::FdWriter out(STDOUT_FILENO, "standard output");
//   int status = run(config, out, std::cerr);   // kExitOk, kExitSpun or kExitError
//
// Per-input errors are written to `err` as "unspin: FILE: reason" and processing goes on;
// resource and output errors are thrown (unspin::Error) and end the run. io::BrokenPipe passes
// through for main() to end quietly.
#pragma once

#include <ostream>

#include "cli/options.hpp"
#include "io/output.hpp"

namespace unspin::cli {

int run(const Config& config, io::FdWriter& out, std::ostream& err);

}  // namespace unspin::cli
