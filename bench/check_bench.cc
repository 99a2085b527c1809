// In-process checking speed (docs/performance.md has the targets): VGG16, generated residual
// graphs of 1k, 10k and 100k layers, and every model file named on the command line
// (bench/run.sh passes the ResNet50 and EfficientNetB0 configs that tests/applications writes):
//   dimsum_bench [GOOGLE BENCHMARK FLAGS] [MODEL FILE ...]
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "dimsum/dimsum.h"
#include "generated.h"
#include "vgg16.h"

namespace {

void BM_CheckVgg16(benchmark::State& state) {
  const std::string config = dimsum::bench::vgg16_config();
  dimsum::CheckOptions options;
  for (auto _ : state) {
    auto result = dimsum::check_text(config, "vgg16.json", options);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * config.size()));
}
BENCHMARK(BM_CheckVgg16)->Unit(benchmark::kMicrosecond);

// Scaling with model size: residual graphs of 1k, 10k and 100k layers. check_text takes its
// text by value, as the command hands over the file it read; each iteration's text is copied
// before the clock starts and moved in, so the figure is dimsum's work and not a copy of 4 or
// 40 MB into fresh pages, which the command never makes (docs/performance.md).
void BM_CheckResidualGraph(benchmark::State& state) {
  const std::string config = dimsum::bench::residual_graph_config(static_cast<int>(state.range(0)));
  dimsum::CheckOptions options;
  for (auto _ : state) {
    state.PauseTiming();
    std::string text = config;
    state.ResumeTiming();
    auto result = dimsum::check_text(std::move(text), "residual.json", options);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * config.size()));
  state.counters["layers"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_CheckResidualGraph)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// A model file as the command reads it (any format: a config, a Python source file), read and
// checked whole on each iteration.
void check_model_file(benchmark::State& state, const std::string& path) {
  dimsum::CheckOptions options;
  for (auto _ : state) {
    auto result = dimsum::check_file_models(path, options);
    benchmark::DoNotOptimize(result);
  }
}

}  // namespace

int main(int argc, char** argv) {
  dimsum::keep_freed_memory();         // as the command does
  benchmark::Initialize(&argc, argv);  // takes the --benchmark_* flags; the rest are model files
  for (int i = 1; i < argc; ++i) {
    std::string name = std::filesystem::path(argv[i]).filename().string();
    benchmark::RegisterBenchmark(("BM_CheckFile/" + name).c_str(), check_model_file,
                                 std::string(argv[i]))
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
