// SHA-256: the data hash in run manifests and the store's content hashes (checked on every load).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace qat {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  void Update(const void* data, std::size_t size);
  // Lower-case hex digest; the object must not be updated afterwards.
  std::string HexDigest();

 private:
  void Compress(const std::uint8_t* block);
  std::uint32_t state_[8];
  std::uint8_t buffer_[64];
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

std::string Sha256Hex(std::string_view bytes);

// Whether this process hashes with the CPU's SHA extensions (x86-64 SHA-NI, chosen once at
// start-up; the portable code otherwise). Both give the same digests.
bool Sha256UsesShaExtensions();
// The portable compression of one 64-byte block into `state`, for the test that compares it
// with the hardware path.
void Sha256PortableCompress(std::uint32_t state[8], const std::uint8_t block[64]);

}  // namespace qat
