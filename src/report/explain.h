// The long explanation of each diagnostic code (docs/diagnostics/DSxxxx.md, built in).
#pragma once

#include <string_view>
#include <vector>

namespace dimsum {

struct Explanation {
  std::string_view code;
  std::string_view text;
};

const std::vector<Explanation>& explanations();

}  // namespace dimsum
