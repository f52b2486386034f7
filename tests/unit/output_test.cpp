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

TEST_CASE("AtomicFile writes through a symbolic link and keeps the link", "[output]") {
  TempDir dir;
  fs::create_directory(dir.path / "sub");
  const fs::path target = dir.path / "sub" / "real.txt";
  std::ofstream(target) << "old";
  fs::create_symlink("sub/real.txt", dir.path / "link.txt");           // relative to its folder
  fs::create_symlink(dir.path / "link.txt", dir.path / "chain.txt");  // a link to a link
  for (const char* name : {"link.txt", "chain.txt"}) {
    AtomicFile file((dir.path / name).string());
    file.writer().write(name);
    file.commit();
    CHECK(fs::is_symlink(dir.path / name));
    CHECK(slurp(target) == name);
  }
  CHECK(dir.entries() == 3);  // sub, link.txt, chain.txt: no temporary file left beside the link
  // A dangling link creates the file it points to, as the shell's `>` does.
  fs::create_symlink("new.txt", dir.path / "dangling.txt");
  {
    AtomicFile file((dir.path / "dangling.txt").string());
    file.writer().write("made");
    file.commit();
  }
  CHECK(fs::is_symlink(dir.path / "dangling.txt"));
  CHECK(slurp(dir.path / "new.txt") == "made");
  // A loop is an error that names the path, and nothing is written.
  fs::create_symlink("loop-b", dir.path / "loop-a");
  fs::create_symlink("loop-a", dir.path / "loop-b");
  CHECK_THROWS_WITH(AtomicFile((dir.path / "loop-a").string()), Catch::Contains("loop-a: cannot create output"));
  CHECK(fs::is_symlink(dir.path / "loop-a"));
}

TEST_CASE("replace_file through a symbolic link rewrites the target and keeps a backup", "[output]") {
  TempDir dir;
  const fs::path target = dir.path / "real.txt";
  std::ofstream(target) << "spun";
  fs::create_symlink("real.txt", dir.path / "link.txt");
  unspin::io::replace_file((dir.path / "link.txt").string(), "spun", "clean", ".orig");
  CHECK(fs::is_symlink(dir.path / "link.txt"));
  CHECK(slurp(target) == "clean");
  CHECK(slurp(dir.path / "link.txt.orig") == "spun");
}

TEST_CASE("replace_file keeps the file's mode, and its owner where the process may", "[output]") {
  TempDir dir;
  const fs::path file = dir.path / "a.txt";
  std::ofstream(file) << "spun";
  REQUIRE(::chmod(file.c_str(), 0640) == 0);
  const bool root = ::geteuid() == 0;
  if (root) REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);  // as root (CI): give it away
  unspin::io::replace_file(file.string(), "spun", "clean", ".orig");
  for (const fs::path& p : {file, dir.path / "a.txt.orig"}) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);
    if (root) CHECK(st.st_uid == 65534);
    if (root) CHECK(st.st_gid == 65534);
  }
  CHECK(slurp(file) == "clean");
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
