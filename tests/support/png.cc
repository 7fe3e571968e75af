#include "tests/support/png.h"

#include <zlib.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace e2e {

namespace {

uint32_t BigEndian(const std::string& s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) |
         (uint32_t(uint8_t(s[at + 2])) << 8) | uint32_t(uint8_t(s[at + 3]));
}

uint8_t Paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return uint8_t(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

}  // namespace

long long Image::Count(uint8_t r, uint8_t g, uint8_t b) const {
  long long n = 0;
  for (size_t i = 0; i + 2 < rgb.size(); i += 3) n += rgb[i] == r && rgb[i + 1] == g && rgb[i + 2] == b;
  return n;
}

absl::StatusOr<Image> DecodePng(const std::string& bytes) {
  if (bytes.size() < 8 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
    return absl::InvalidArgumentError("not a PNG");
  }
  Image image;
  int channels = 0;
  std::string compressed;
  for (size_t at = 8; at + 12 <= bytes.size();) {
    const uint32_t length = BigEndian(bytes, at);
    const std::string type = bytes.substr(at + 4, 4);
    if (at + 12 + length > bytes.size()) return absl::InvalidArgumentError("a chunk runs past the end");
    if (type == "IHDR") {
      image.width = int(BigEndian(bytes, at + 8));
      image.height = int(BigEndian(bytes, at + 12));
      const int depth = uint8_t(bytes[at + 16]), colour = uint8_t(bytes[at + 17]), interlace = uint8_t(bytes[at + 20]);
      channels = colour == 0 ? 1 : colour == 2 ? 3 : colour == 6 ? 4 : 0;
      if (depth != 8 || channels == 0 || interlace != 0) {
        return absl::UnimplementedError(absl::StrCat("PNG colour type ", colour, " depth ", depth));
      }
    } else if (type == "IDAT") {
      compressed += bytes.substr(at + 8, length);
    } else if (type == "IEND") {
      break;
    }
    at += 12 + length;
  }
  if (channels == 0) return absl::InvalidArgumentError("no IHDR");
  const size_t stride = size_t(image.width) * channels;
  std::vector<uint8_t> raw((stride + 1) * image.height);
  uLongf size = raw.size();
  if (uncompress(raw.data(), &size, reinterpret_cast<const Bytef*>(compressed.data()), compressed.size()) != Z_OK ||
      size != raw.size()) {
    return absl::InvalidArgumentError("the image data does not inflate to its size");
  }
  // Undo each row's filter (PNG spec, section 9), against the row above.
  std::vector<uint8_t> pixels(stride * image.height), none(stride, 0);
  for (int y = 0; y < image.height; ++y) {
    const uint8_t filter = raw[y * (stride + 1)];
    const uint8_t* in = &raw[y * (stride + 1) + 1];
    uint8_t* out = &pixels[y * stride];
    const uint8_t* up = y ? &pixels[(y - 1) * stride] : none.data();
    for (size_t x = 0; x < stride; ++x) {
      const int left = x >= size_t(channels) ? out[x - channels] : 0;
      const int corner = x >= size_t(channels) ? up[x - channels] : 0;
      switch (filter) {
        case 0: out[x] = in[x]; break;
        case 1: out[x] = uint8_t(in[x] + left); break;
        case 2: out[x] = uint8_t(in[x] + up[x]); break;
        case 3: out[x] = uint8_t(in[x] + (left + up[x]) / 2); break;
        case 4: out[x] = uint8_t(in[x] + Paeth(left, up[x], corner)); break;
        default: return absl::InvalidArgumentError(absl::StrCat("row ", y, " has filter ", int(filter)));
      }
    }
  }
  image.rgb.resize(size_t(image.width) * image.height * 3);
  for (size_t i = 0, n = size_t(image.width) * image.height; i < n; ++i) {
    for (int c = 0; c < 3; ++c) image.rgb[i * 3 + c] = pixels[i * channels + (channels == 1 ? 0 : c)];
  }
  return image;
}

}  // namespace e2e
