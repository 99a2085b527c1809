// In-process checking speed. Target (issue 3): VGG16 under 1 ms.
#include <benchmark/benchmark.h>

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

// Scaling with model size: residual graphs of 1k, 10k and 100k layers.
void BM_CheckResidualGraph(benchmark::State& state) {
  const std::string config = dimsum::bench::residual_graph_config(static_cast<int>(state.range(0)));
  dimsum::CheckOptions options;
  for (auto _ : state) {
    auto result = dimsum::check_text(config, "residual.json", options);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * config.size()));
  state.counters["layers"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_CheckResidualGraph)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
