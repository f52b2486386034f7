// The unspin command: parse options, run, map errors to the documented exit status.
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "errors.hpp"
#include "io/output.hpp"

int main(int argc, char** argv) {
  // A closed pipe shows up as EPIPE from write(), which ends the run quietly.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  unspin::io::FdWriter out(STDOUT_FILENO, "standard output");
  try {
    const unspin::cli::Options options = unspin::cli::parse_command_line(argc, argv);
    const unspin::cli::Config config = unspin::cli::make_config(options);
    const int status = unspin::cli::run(config, out, std::cerr);
    out.flush();
    return status;
  } catch (const unspin::io::BrokenPipe&) {
    return unspin::cli::kExitOk;  // the reader has what it wanted, as with `| head`
  } catch (const unspin::Error& e) {
    try {
      out.flush();
    } catch (...) {
      // the error being reported matters more than output that cannot be written
    }
    std::cerr << "unspin: " << e.what() << '\n';
    return unspin::cli::kExitError;
  } catch (const std::bad_alloc&) {
    std::cerr << "unspin: out of memory\n";
    return unspin::cli::kExitError;
  } catch (const std::filesystem::filesystem_error& e) {
    // A file-system call the code did not expect to fail (a loop of links, a folder it may not
    // read): named like every other error, not an abort.
    std::cerr << "unspin: " << (e.path1().empty() ? std::string() : e.path1().string() + ": ") << e.code().message()
              << '\n';
    return unspin::cli::kExitError;
  } catch (const std::exception& e) {
    std::cerr << "unspin: internal error: " << e.what() << '\n';
    return unspin::cli::kExitError;
  }
}
