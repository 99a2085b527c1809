// Runs work(i) for i in [0, n) on several threads and hands each result to emit(i, result) on the
// calling thread, in index order, as soon as it and every result before it are ready: many model
// files use every core while the report reads as if they had been checked one after another.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace dimsum_cli {

template <typename Result, typename Work, typename Emit>
void run_in_order(size_t n, unsigned threads, Work work, Emit emit) {
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n)));
  if (threads == 1) {  // one file, or one core: no thread at all
    for (size_t i = 0; i < n; ++i) emit(i, work(i));
    return;
  }
  std::vector<std::optional<Result>> done(n);
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::condition_variable ready;
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) {
      Result result = work(i);
      std::lock_guard lock(mutex);
      done[i] = std::move(result);
      ready.notify_one();
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (size_t i = 0; i < n; ++i) {
    std::optional<Result> result;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return done[i].has_value(); });
      result = std::move(done[i]);
      done[i].reset();
    }
    emit(i, std::move(*result));
  }
}

}  // namespace dimsum_cli
