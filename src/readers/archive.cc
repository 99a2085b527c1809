#include "readers/archive.h"

#include <fmt/format.h>
#include <unzip.h>

#include <algorithm>

namespace dimsum {

namespace {

constexpr size_t kMaxNameLength = 4096;
constexpr unsigned kChunk = 1 << 20;

}  // namespace

ZipArchive::~ZipArchive() {
  if (zip_) unzClose(zip_);
}

bool ZipArchive::open(const std::string& path, std::string& error) {
  zip_ = unzOpen64(path.c_str());
  if (!zip_) {
    error = "not a zip archive (no central directory: truncated or not a zip)";
    return false;
  }
  int status = UNZ_OK;
  for (status = unzGoToFirstFile(zip_); status == UNZ_OK; status = unzGoToNextFile(zip_)) {
    unz_file_info64 info;
    char name[kMaxNameLength + 1] = {};
    unz64_file_pos position;
    if (unzGetCurrentFileInfo64(zip_, &info, name, sizeof name - 1, nullptr, 0, nullptr, 0) !=
            UNZ_OK ||
        unzGetFilePos64(zip_, &position) != UNZ_OK) {
      status = UNZ_BADZIPFILE;
      break;
    }
    names_.push_back(name);
    sizes_.push_back(info.uncompressed_size);
    positions_.push_back({position.pos_in_zip_directory, position.num_of_file});
  }
  if (status != UNZ_END_OF_LIST_OF_FILE) {
    error = "damaged zip archive: its central directory cannot be read";
    return false;
  }
  return true;
}

std::optional<uint64_t> ZipArchive::find(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return i;
  return std::nullopt;
}

uint64_t ZipArchive::size(uint64_t index) const { return sizes_[index]; }

// Reads up to `count` bytes; `whole` reads to the end of the member too, where minizip checks
// its CRC.
bool ZipArchive::read_member(uint64_t index, uint64_t count, bool whole, std::string& out,
                             std::string& error) const {
  unz64_file_pos position{positions_[index].in_directory, positions_[index].number};
  if (unzGoToFilePos64(zip_, &position) != UNZ_OK || unzOpenCurrentFile(zip_) != UNZ_OK) {
    error = fmt::format(
        "member \"{}\" is damaged: its local header does not match the archive's "
        "directory",
        names_[index]);
    return false;
  }
  out.assign(count + (whole ? 1 : 0), '\0');
  uint64_t filled = 0;
  int got = 0;
  while (filled < out.size()) {
    unsigned want = static_cast<unsigned>(std::min<uint64_t>(kChunk, out.size() - filled));
    got = unzReadCurrentFile(zip_, out.data() + filled, want);
    if (got <= 0) break;
    filled += static_cast<uint64_t>(got);
  }
  int closed = unzCloseCurrentFile(zip_);
  out.resize(filled);
  if (got < 0 || (whole && closed == UNZ_CRCERROR)) {
    error = fmt::format("member \"{}\" is damaged: {}", names_[index],
                        got < 0 ? "its compressed data cannot be read" : "CRC error");
    return false;
  }
  return true;
}

bool ZipArchive::read(uint64_t index, uint64_t max_bytes, std::string& out,
                      std::string& error) const {
  uint64_t recorded = size(index);
  if (recorded > max_bytes) {
    error = fmt::format("member \"{}\" is {} bytes, more than the {} dimsum reads", names_[index],
                        recorded, max_bytes);
    return false;
  }
  if (!read_member(index, recorded, true, out, error)) return false;
  if (out.size() != recorded) {
    error = fmt::format("member \"{}\" is damaged: {} bytes where the archive records {}",
                        names_[index], out.size(), recorded);
    return false;
  }
  return true;
}

bool ZipArchive::read_prefix(uint64_t index, uint64_t count, std::string& out,
                             std::string& error) const {
  return read_member(index, count, false, out, error);
}

}  // namespace dimsum
