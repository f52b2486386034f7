#include "io/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "errors.hpp"

namespace unspin::io {
namespace {

constexpr std::size_t kBufferSize = 1 << 16;

// The process umask, read once (umask() can only be read by setting it).
mode_t process_umask() {
  static const mode_t mask = [] {
    const mode_t m = ::umask(022);
    ::umask(m);
    return m;
  }();
  return mask;
}

// The file a path names once its symbolic links are followed, as the shell's `>` would: writing
// through a link replaces its target and keeps the link. A dangling link names the file it would
// create. Relative targets are read from the link's folder. A loop is an error, as for the shell.
std::string follow_links(const std::string& given) {
  namespace fs = std::filesystem;
  fs::path path = given;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) return path.string();
    const fs::path target = fs::read_symlink(path, ec);
    if (ec) return path.string();
    path = target.is_absolute() ? target : path.parent_path() / target;
  }
  throw OutputError(given + ": cannot create output: " + std::strerror(ELOOP));
}

}  // namespace

FdWriter::FdWriter(int fd, std::string name) : fd_(fd), name_(std::move(name)) {
  buffer_.reserve(kBufferSize);
}

FdWriter::~FdWriter() = default;

void FdWriter::write(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > kBufferSize) {
    flush();
    if (bytes.size() >= kBufferSize) {
      write_through(bytes);
      return;
    }
  }
  buffer_.append(bytes);
}

void FdWriter::flush() {
  const std::string pending = std::move(buffer_);
  buffer_.clear();
  buffer_.reserve(kBufferSize);
  write_through(pending);
}

void FdWriter::write_through(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t put = ::write(fd_, bytes.data(), bytes.size());
    if (put < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) throw BrokenPipe();
      throw OutputError(name_ + ": " + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(put));
  }
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), target_(follow_links(path_)) {
  const auto slash = target_.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : target_.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? target_ : target_.substr(slash + 1);
  if (base.empty()) throw OutputError(path_ + ": not a file name");
  std::vector<char> templ;
  const std::string pattern =
      (slash == std::string::npos ? std::string() : dir) + "." + base + ".unspin-XXXXXX";
  templ.assign(pattern.begin(), pattern.end());
  templ.push_back('\0');
  fd_ = ::mkostemp(templ.data(), O_CLOEXEC);
  if (fd_ < 0) throw OutputError(path_ + ": cannot create output: " + std::strerror(errno));
  temp_path_ = templ.data();
  ::fchmod(fd_, 0666 & ~process_umask());  // mkstemp makes 0600; give the usual mode
  writer_ = std::make_unique<FdWriter>(fd_, path_);
}

AtomicFile::~AtomicFile() {
  writer_.reset();
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

void AtomicFile::commit() {
  try {
    writer_->flush();
  } catch (...) {
    ::unlink(temp_path_.c_str());
    temp_path_.clear();
    throw;
  }
  const int fd = fd_;
  fd_ = -1;
  // fsync before rename: after a crash the target is the old file or the whole new one.
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    ::unlink(temp_path_.c_str());
    temp_path_.clear();
    throw OutputError(path_ + ": " + why);
  }
  if (::close(fd) != 0 || ::rename(temp_path_.c_str(), target_.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp_path_.c_str());
    temp_path_.clear();
    throw OutputError(path_ + ": " + why);
  }
  committed_ = true;
}

void AtomicFile::copy_mode_from(const std::string& path) {
  struct stat st {};
  if (fd_ < 0 || ::stat(path.c_str(), &st) != 0) return;
  // The owner too, where allowed (root rewriting a user's file leaves it the user's, as sed -i
  // does); before the mode, because a change of owner can clear set-id bits. Not allowed is fine.
  [[maybe_unused]] const int owned = ::fchown(fd_, st.st_uid, st.st_gid);
  ::fchmod(fd_, st.st_mode & 07777);
}

void replace_file(const std::string& path, std::string_view original, std::string_view contents,
                  const std::string& backup_suffix) {
  AtomicFile backup(path + backup_suffix);
  backup.copy_mode_from(path);
  backup.writer().write(original);
  backup.commit();
  AtomicFile file(path);
  file.copy_mode_from(path);
  file.writer().write(contents);
  file.commit();
}

}  // namespace unspin::io
