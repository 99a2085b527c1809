// Read-only access to a zip archive (a Keras .keras file, a NumPy .npz file) through minizip,
// zlib's zip library (ZIP64 included), which checks each member's local header against the
// central directory, and its CRC when it is read whole. minizip, not libzip: Debian ships it as a
// static archive, so the dimsum binary stays static (README, Performance).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dimsum {

class ZipArchive {
 public:
  ZipArchive() = default;
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ~ZipArchive();

  // Opens `path`; false with `error` ("not a zip archive", "damaged: ...") when it cannot.
  bool open(const std::string& path, std::string& error);

  // The members' names, in archive order.
  const std::vector<std::string>& names() const { return names_; }
  // The member's index, by name.
  std::optional<uint64_t> find(std::string_view name) const;
  // The member's uncompressed size, as the archive records it.
  uint64_t size(uint64_t index) const;

  // Reads member `index` whole; false with `error` when it is larger than `max_bytes` or damaged.
  bool read(uint64_t index, uint64_t max_bytes, std::string& out, std::string& error) const;
  // Reads the first `count` bytes of member `index` (fewer if it is shorter), decompressing no
  // more than that: how an .npz member's header is read without its array.
  bool read_prefix(uint64_t index, uint64_t count, std::string& out, std::string& error) const;

 private:
  // Where a member's entry sits in the central directory (minizip's unz64_file_pos).
  struct Position {
    uint64_t in_directory = 0;
    uint64_t number = 0;
  };
  bool read_member(uint64_t index, uint64_t count, bool whole, std::string& out,
                   std::string& error) const;

  void* zip_ = nullptr;  // minizip's unzFile
  std::vector<std::string> names_;
  std::vector<uint64_t> sizes_;
  std::vector<Position> positions_;
};

}  // namespace dimsum
