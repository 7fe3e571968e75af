// adoptctl: the operator's command line. `adoptctl --help` lists the commands;
// `adoptctl COMMAND --help` shows a command's flags (cli.h: the command table).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "tools/adoptctl/cli.h"

int main(int argc, char** argv) {
  return adoptctl::Run(std::vector<std::string>(argv + 1, argv + argc),
                       {std::cout, std::cerr, [](const char* name) { return std::getenv(name); }});
}
