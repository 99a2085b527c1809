// Times dimsum::check_text on model files in-process and prints each file's median in
// milliseconds, one line per file in the order given:
//   inprocess_time RUNS MODEL.json...
// bench/peer/peer.js compares the median with TensorFlow.js; bench/run.sh gives it two residual
// graphs to measure how time grows with size. Given several files it takes them in turn, one
// check of each per round, so that every file is timed across the same stretch of time: on a
// shared machine whose speed changes from one minute to the next, files timed one after the
// other would compare two different machines. A first round, untimed, touches the memory the
// later ones reuse, as in a process that checks model after model.
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

namespace {

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One check of `config`, in milliseconds; a negative number when the file does not load.
double time_check(const std::string& config, const char* path) {
  std::string text = config;  // handed over as the command hands over the file it read
  auto start = std::chrono::steady_clock::now();
  auto result = dimsum::check_text(std::move(text), path, {});
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (auto* error = std::get_if<dimsum::LoadError>(&result)) {
    std::fprintf(stderr, "%s\n", error->message.c_str());
    return -1;
  }
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: inprocess_time RUNS MODEL.json...\n");
    return 2;
  }
  dimsum::keep_freed_memory();  // as the command does
  int runs = std::max(1, std::atoi(argv[1]));
  std::vector<const char*> paths(argv + 2, argv + argc);
  std::vector<std::string> configs;
  for (const char* path : paths) configs.push_back(read_file(path));
  std::vector<std::vector<double>> ms(paths.size());
  for (int round = 0; round <= runs; ++round) {
    for (size_t f = 0; f < paths.size(); ++f) {
      double time = time_check(configs[f], paths[f]);
      if (time < 0) return 2;
      if (round > 0) ms[f].push_back(time);
    }
  }
  for (std::vector<double>& times : ms) {
    std::sort(times.begin(), times.end());
    std::printf("%.4f\n", times[times.size() / 2]);
  }
}
