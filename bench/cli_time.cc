// Times a whole command, process start-up included, over repeated runs (docs/performance.md).
// Prints the median and the minimum, the largest peak RSS of a run, and the same for /bin/true,
// the floor that process creation alone costs on this machine.
//   cli_time RUNS COMMAND [ARGS...]
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

extern char** environ;

namespace {

long peak_rss_kb = 0;  // the largest of every run

std::vector<double> time_runs(int runs, char** argv) {
  peak_rss_kb = 0;
  std::vector<double> ms;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv, environ) != 0) {
      std::perror(argv[0]);
      std::exit(2);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    peak_rss_kb = std::max(peak_rss_kb, usage.ru_maxrss);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  posix_spawn_file_actions_destroy(&actions);
  std::sort(ms.begin(), ms.end());
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: cli_time RUNS COMMAND [ARGS...]\n");
    return 2;
  }
  int runs = std::atoi(argv[1]);
  char* true_argv[] = {const_cast<char*>("/bin/true"), nullptr};
  auto floor = time_runs(runs, true_argv);
  auto times = time_runs(runs, argv + 2);
  std::printf("%-40s median %7.2f ms  min %7.2f ms  peak RSS %6.1f MB  (%d runs)\n", argv[2],
              times[times.size() / 2], times.front(), peak_rss_kb / 1024.0, runs);
  std::printf("%-40s median %7.2f ms  min %7.2f ms  (process creation alone)\n", "/bin/true",
              floor[floor.size() / 2], floor.front());
}
