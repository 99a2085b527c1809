// Writes the generated benchmark models (bench/run.sh, bench/peer/peer.js):
//   write_models vgg16                 the VGG16 config, to stdout
//   write_models residual LAYERS       a residual Functional graph of about LAYERS layers
//   write_models folder DIR COUNT      COUNT small Sequential configs, DIR/model_00000.json ...
//   write_models python LINES          Python source of about LINES lines that builds and feeds
//                                      models, as tests/python's snippets do
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "generated.h"
#include "vgg16.h"

int main(int argc, char** argv) {
  std::string what = argc > 1 ? argv[1] : "";
  if (what == "vgg16" && argc == 2) {
    std::cout << dimsum::bench::vgg16_config() << "\n";
    return 0;
  }
  if (what == "residual" && argc == 3) {
    std::cout << dimsum::bench::residual_graph_config(std::atoi(argv[2])) << "\n";
    return 0;
  }
  if (what == "folder" && argc == 4) {
    std::filesystem::create_directories(argv[2]);
    int count = std::atoi(argv[3]);
    for (int i = 0; i < count; ++i)
      std::ofstream(fmt::format("{}/model_{:05}.json", argv[2], i))
          << dimsum::bench::small_config(i) << "\n";
    return 0;
  }
  if (what == "python" && argc == 3) {
    std::cout << dimsum::bench::python_source(std::atoi(argv[2]));
    return 0;
  }
  std::cerr << "usage: write_models vgg16 | residual LAYERS | folder DIR COUNT | python LINES\n";
  return 2;
}
