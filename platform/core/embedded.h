#pragma once
// Files compiled into a binary by cmake/adoption.cmake's adoption_embed() and
// adoption_embed_data().
#include <string>
#include <string_view>

namespace platform {

struct EmbeddedFile {
  std::string name;
  std::string content;
};

// A larger file compiled in by adoption_embed_data(): its bytes stay in the
// binary's read-only data, where the view points, for the process's lifetime.
struct EmbeddedData {
  std::string_view name;
  std::string_view content;
};

}  // namespace platform
