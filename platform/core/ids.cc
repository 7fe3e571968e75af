#include "platform/core/ids.h"

#include <sys/random.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace platform {
namespace {
constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford, lowercase
constexpr size_t kLength = 26;
}  // namespace

std::string NewId() {
  uint64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  std::array<uint8_t, 16> bytes{};
  for (int i = 5; i >= 0; --i) {
    bytes[i] = static_cast<uint8_t>(ms & 0xff);
    ms >>= 8;
  }
  size_t filled = 0;
  while (filled < 10) {
    ssize_t n = getrandom(bytes.data() + 6 + filled, 10 - filled, 0);
    if (n < 0) throw std::runtime_error("getrandom failed");
    filled += static_cast<size_t>(n);
  }
  // 128 bits as 26 base32 digits, most significant first (the first carries 3 bits).
  std::string out(kLength, '0');
  for (size_t i = 0; i < kLength; ++i) {
    int bit = static_cast<int>(128 - 5 * (kLength - i));  // first bit of this digit, may be negative
    int value = 0;
    for (int b = bit; b < bit + 5; ++b) {
      value <<= 1;
      if (b >= 0) value |= (bytes[b / 8] >> (7 - b % 8)) & 1;
    }
    out[i] = kAlphabet[value];
  }
  return out;
}

bool IsWellFormedId(absl::string_view id) {
  if (id.size() != kLength) return false;
  for (char c : id) {
    bool ok = false;
    for (const char* a = kAlphabet; *a; ++a) ok |= (*a == c);
    if (!ok) return false;
  }
  return id[0] <= '7';
}

}  // namespace platform
