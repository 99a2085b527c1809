// Times dimsum::check_text on one model file in-process over repeated runs and prints the
// median in milliseconds (for bench/peer/peer.js, which compares it with TensorFlow.js).
//   inprocess_time RUNS MODEL.json
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "dimsum/dimsum.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: inprocess_time RUNS MODEL.json\n");
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string config = text.str();
  dimsum::keep_freed_memory();  // as the command does
  int runs = std::max(1, std::atoi(argv[1]));
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    std::string text = config;  // handed over as the command hands over the file it read
    auto start = std::chrono::steady_clock::now();
    auto result = dimsum::check_text(std::move(text), argv[2], {});
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    if (std::holds_alternative<dimsum::LoadError>(result)) {
      std::fprintf(stderr, "%s\n", std::get<dimsum::LoadError>(result).message.c_str());
      return 2;
    }
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%.4f\n", ms[ms.size() / 2]);
}
