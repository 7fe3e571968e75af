#pragma once
// `adoptctl import FILE`: an agency's case-history extract, record by record through
// the services' APIs (docs/import.md).
#include <string>

#include "tools/adoptctl/cli.h"

namespace adoptctl {

int Import(Cli& cli);
std::string ImportDescription();

}  // namespace adoptctl
