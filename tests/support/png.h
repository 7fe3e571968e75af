#pragma once
// A PNG read back into pixels, for tests that look at what a browser drew (the annual
// report's charts in a headless Chromium's screenshot). 8-bit greyscale, RGB and RGBA,
// not interlaced: what Chromium writes.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace e2e {

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // width × height × 3, row by row

  // The pixels of exactly this colour.
  long long Count(uint8_t r, uint8_t g, uint8_t b) const;
};

absl::StatusOr<Image> DecodePng(const std::string& bytes);

}  // namespace e2e
