#pragma once
// Files compiled into a binary by cmake/adoption.cmake's adoption_embed().
#include <string>

namespace platform {

struct EmbeddedFile {
  std::string name;
  std::string content;
};

}  // namespace platform
