#include "io/output.hpp"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "errors.hpp"
#include "io/input.hpp"

namespace fs = std::filesystem;
using unspin::io::AtomicFile;
using unspin::io::BrokenPipe;
using unspin::io::FdWriter;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "unspin-test-XXXXXX").string();
    REQUIRE(::mkdtemp(templ.data()) != nullptr);
    path = templ;
  }
  ~TempDir() { fs::remove_all(path); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {}));
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("AtomicFile appears only on commit", "[output]") {
  TempDir dir;
  const fs::path target = dir.path / "out.txt";
  {
    AtomicFile file(target.string());
    file.writer().write("complete ");
    file.writer().write(std::string(200'000, 'x'));
    CHECK_FALSE(fs::exists(target));
    file.commit();
  }
  CHECK(fs::file_size(target) == 9 + 200'000);
  CHECK(dir.entries() == 1);
}

TEST_CASE("AtomicFile destroyed without commit leaves nothing", "[output]") {
  TempDir dir;
  const fs::path target = dir.path / "out.txt";
  {
    std::ofstream(target) << "old contents";
    AtomicFile file(target.string());
    file.writer().write("partial");
  }
  CHECK(slurp(target) == "old contents");
  CHECK(dir.entries() == 1);
}

TEST_CASE("AtomicFile in a missing directory is a clear error", "[output]") {
  TempDir dir;
  CHECK_THROWS_AS(AtomicFile((dir.path / "missing" / "out.txt").string()), unspin::OutputError);
}

TEST_CASE("writing to a closed pipe throws BrokenPipe", "[output]") {
  std::signal(SIGPIPE, SIG_IGN);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  ::close(fds[0]);
  FdWriter writer(fds[1], "pipe");
  writer.write("hello");
  CHECK_THROWS_AS(writer.flush(), BrokenPipe);
  ::close(fds[1]);
}

TEST_CASE("writing to a full device is an OutputError", "[output]") {
  const int fd = ::open("/dev/full", O_WRONLY);
  if (fd < 0) return;  // no /dev/full in this sandbox: nothing to check
  FdWriter writer(fd, "/dev/full");
  writer.write("data");
  CHECK_THROWS_WITH(writer.flush(), Catch::Contains("/dev/full: No space left on device"));
  ::close(fd);
}

TEST_CASE("read_input explains what is wrong", "[input]") {
  TempDir dir;
  CHECK_THROWS_WITH(unspin::io::read_input((dir.path / "nope").string()),
                    "No such file or directory");
  CHECK_THROWS_WITH(unspin::io::read_input(dir.path.string()), "is a directory");
  std::ofstream(dir.path / "a.txt") << "text\n";
  CHECK(unspin::io::read_input((dir.path / "a.txt").string()) == "text\n");
}
