// In-process checking speed. Target (issue 3): VGG16 under 1 ms.
#include <benchmark/benchmark.h>

#include "dimsum/dimsum.h"
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

}  // namespace

BENCHMARK_MAIN();
