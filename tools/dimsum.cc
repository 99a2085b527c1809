// The dimsum command line: parse flags, call the library, render, exit.
//   0  no shape error     1  the model has shape errors     2  dimsum could not do its job
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "dimsum/dimsum.h"
#include "ordered_pool.h"
#include "readers/source.h"
#include "report/explain.h"
#include "report/report.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitShapeErrors = 1;
constexpr int kExitCannotCheck = 2;

// One model file's outcome: a load error, or its rendered report (and, for --format json, its
// results, rendered together at the end).
struct FileReport {
  std::optional<std::string> error;
  std::vector<dimsum::Result> results;
  std::vector<dimsum::Domain> domains;  // `dimsum domain`: one per result
  std::string text;
  bool shape_errors = false;
};

struct Flags {
  std::vector<std::string> models;
  std::vector<std::string> input_shapes;
  std::vector<std::string> assumed_shapes;
  std::vector<std::string> data;
  std::vector<std::string> labels;
  std::vector<std::string> losses;
  std::vector<std::string> custom_objects;
  std::optional<int64_t> batch_size;
  std::optional<int64_t> samples;
  std::string max_file_size;
  std::string format = "human";
  std::string color = "auto";
  std::string code;
};

// Names and strings from a model file reach the terminal inside messages: a control character
// in them (a newline, an escape sequence that clears the screen or retitles the window) is shown
// as \n or \x1b instead. A report keeps its own newlines and tabs, and with colour on, the
// SGR sequences that colour it; a one-line error message keeps nothing.
std::string printable(std::string_view text, bool report, bool color) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (color && c == 0x1b && text.substr(i + 1, 1) == "[") {
      size_t end = text.find_first_not_of("0123456789;", i + 2);
      if (end != std::string_view::npos && text[end] == 'm') {
        out.append(text.substr(i, end + 1 - i));
        i = end;
        continue;
      }
    }
    // C1 controls (U+0080 to U+009F) are two bytes in UTF-8; some terminals obey them too.
    bool c1 = c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (c1) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[++i]));
    } else if (report && (c == '\n' || c == '\t')) {
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void print_error(std::string_view message) {
  std::cerr << "dimsum: error: " << printable(message, /*report=*/false, /*color=*/false) << "\n";
}

// "256M", "2G", "1024": bytes, with an optional K, M or G (powers of 1024).
bool parse_file_size(const std::string& spec, uint64_t& bytes, std::string& error) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(spec.data(), spec.data() + spec.size(), value);
  std::string_view unit(end, spec.data() + spec.size() - end);
  constexpr std::pair<std::string_view, int> kUnits[] = {
      {"", 0}, {"K", 10}, {"k", 10}, {"M", 20}, {"G", 30}};
  int shift = -1;
  for (auto [name, bits] : kUnits)
    if (unit == name) shift = bits;
  if (ec != std::errc() || end == spec.data() || shift < 0 || value == 0 ||
      value > (UINT64_MAX >> shift)) {
    error = fmt::format(
        "invalid --max-file-size \"{}\": expected a size in bytes, with an "
        "optional K, M or G, such as 512M or 2G",
        spec);
    return false;
  }
  bytes = value << shift;
  return true;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

enum class Command { kCheck, kSummary, kDomain };

// One result as --format human shows it; `shape_errors` says whether it counts as a failure (for
// `dimsum domain`: no size works).
// `domain` is solved for `dimsum domain`, and for check and summary when the result has symbolic
// sizes; else nullptr.
std::string render_result(Command command, const dimsum::Result& result,
                          const dimsum::Domain* domain, const dimsum::RenderOptions& render,
                          bool& shape_errors) {
  if (command == Command::kDomain) {
    shape_errors = !domain->works();
    return dimsum::render_domain(result, *domain);
  }
  shape_errors = !result.ok();
  return command == Command::kSummary ? dimsum::render_summary(result, domain, render)
                                      : dimsum::render_check(result, domain, render);
}

// Applies `apply(spec, error)` to each spec of a repeated flag; the first that fails is printed.
template <typename Apply>
bool for_each_spec(const std::vector<std::string>& specs, Apply apply) {
  for (const std::string& spec : specs) {
    std::string error;
    if (!apply(spec, error)) {
      print_error(error);
      return false;
    }
  }
  return true;
}

// Parses each spec of a repeated flag into an item of `out`.
template <typename T, typename Parse>
bool parse_each(const std::vector<std::string>& specs, Parse parse, std::vector<T>& out) {
  return for_each_spec(specs, [&](const std::string& spec, std::string& error) {
    T item;
    if (!parse(spec, item, error)) return false;
    out.push_back(std::move(item));
    return true;
  });
}

int run_models(const Flags& flags, Command command) {
  dimsum::CheckOptions options;
  options.symbolic_inputs = command == Command::kDomain;
  auto read_into_options = [&options](auto read) {
    return [&options, read](const std::string& spec, std::string& error) {
      return read(spec, options, error);
    };
  };
  if (!parse_each(flags.input_shapes, dimsum::parse_input_shape, options.input_shapes) ||
      !parse_each(flags.assumed_shapes, dimsum::parse_assumed_shape, options.assumed_shapes) ||
      !for_each_spec(flags.data, read_into_options(dimsum::read_data)) ||
      !for_each_spec(flags.labels, read_into_options(dimsum::read_labels)) ||
      !parse_each(flags.losses, dimsum::parse_loss, options.losses))
    return kExitCannotCheck;
  options.batch_size = flags.batch_size;
  options.samples = flags.samples;
  if (!flags.max_file_size.empty()) {
    std::string error;
    if (!parse_file_size(flags.max_file_size, options.max_file_size, error)) {
      print_error(error);
      return kExitCannotCheck;
    }
  }
  // After --max-file-size, which applies to them too.
  if (!for_each_spec(flags.custom_objects, read_into_options(dimsum::read_custom_objects)))
    return kExitCannotCheck;
  dimsum::RenderOptions render{use_color(flags.color)};
  bool json = flags.format == "json";
  std::vector<std::string> paths = dimsum::expand_model_paths(flags.models);
  // Each file is checked and rendered on a worker thread; the main thread prints in order.
  auto work = [&](size_t i) {
    FileReport report;
    try {
      auto outcome = dimsum::check_file_models(paths[i], options);
      if (auto* error = std::get_if<dimsum::LoadError>(&outcome)) {
        report.error = std::move(error->message);
        return report;
      }
      report.results = std::move(std::get<std::vector<dimsum::Result>>(outcome));
    } catch (const std::exception& e) {
      report.error = fmt::format("{}: internal error: {}", paths[i], e.what());
      return report;
    }
    for (size_t m = 0; m < report.results.size(); ++m) {
      const dimsum::Result& result = report.results[m];
      std::optional<dimsum::Domain> domain;
      if (command == Command::kDomain || !result.conditions.empty())
        domain = dimsum::solve_domain(result);
      bool failed = false;
      std::string text =
          render_result(command, result, domain ? &*domain : nullptr, render, failed);
      if (command == Command::kDomain) report.domains.push_back(std::move(*domain));
      report.shape_errors = report.shape_errors || failed;
      if (json) continue;
      report.text += (m > 0 ? "\n" : "") + printable(text, /*report=*/true, render.color);
    }
    if (!json) report.results.clear();  // rendered: only --format json needs them
    return report;
  };
  std::vector<dimsum::Result> results;
  std::vector<dimsum::Domain> domains;
  int status = kExitOk;
  bool printed = false;
  auto emit = [&](size_t i, FileReport report) {
    if (report.error) {
      std::cout.flush();
      print_error(*report.error);
      status = kExitCannotCheck;
      return;
    }
    if (report.shape_errors && status == kExitOk) status = kExitShapeErrors;
    if (!json && paths.size() > 1)
      std::cout << (printed ? "\n" : "") << "==> " << printable(paths[i], false, false) << " <==\n";
    std::cout << report.text;
    printed = true;
    std::move(report.results.begin(), report.results.end(), std::back_inserter(results));
    std::move(report.domains.begin(), report.domains.end(), std::back_inserter(domains));
  };
  dimsum_cli::run_in_order<FileReport>(paths.size(), std::thread::hardware_concurrency(), work,
                                       emit);
  if (json && !results.empty() && command == Command::kDomain) {
    std::vector<std::pair<const dimsum::Result*, dimsum::Domain>> pairs;
    for (size_t i = 0; i < results.size(); ++i) pairs.emplace_back(&results[i], domains[i]);
    std::cout << dimsum::render_domain_json(pairs);
  } else if (json && !results.empty()) {
    std::vector<const dimsum::Result*> pointers;
    for (const dimsum::Result& r : results) pointers.push_back(&r);
    std::cout << dimsum::render_json(pointers);
  }
  return status;
}

int explain(const std::string& code) {
  for (const dimsum::Explanation& page : dimsum::explanations()) {
    if (page.code == code) {
      std::cout << page.text;
      return kExitOk;
    }
  }
  std::cerr << "dimsum: error: no diagnostic code \"" << code << "\"; the codes are:";
  for (const dimsum::Explanation& page : dimsum::explanations()) std::cerr << " " << page.code;
  std::cerr << "\n";
  return kExitCannotCheck;
}

// `training`: check and summary also take what the model is trained against (--labels, --loss).
// A flag that may be given several times, one value each (so that a model file after it is not
// taken for a value).
void add_repeated(CLI::App* command, const std::string& flag, std::vector<std::string>& values,
                  const std::string& help) {
  command->add_option(flag, values, help)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_model_options(CLI::App* command, Flags& flags, bool training) {
  command
      ->add_option("MODEL", flags.models,
                   "model files: Keras config JSON (any dialect), .keras, .h5, a TensorFlow.js "
                   "model.json or its folder, Python source (.py) that builds models")
      ->required();
  add_repeated(command, "--input-shape", flags.input_shapes,
               "shape of the data fed to the model, batch axis first, e.g. 100,28,28,1; "
               "? or None for unknown sizes; names for symbolic sizes (1,H,W,3); "
               "name=SHAPE for one of several inputs");
  add_repeated(command, "--assume", flags.assumed_shapes,
               "output shape of a layer dimsum cannot infer (a custom layer), batch axis "
               "first: LAYER=?,32,32,16");
  add_repeated(command, "--custom-objects", flags.custom_objects,
               "Python source (.py) defining the custom layer classes a model config names "
               "(keras.layers.Layer subclasses, as load_model's custom_objects): a layer of "
               "such a class is followed through its build() and call()");
  add_repeated(command, "--data", flags.data,
               "training data as a NumPy .npy or .npz file (only its header is read): "
               "x.npy, INPUT=x.npy, d.npz (arrays go to the inputs of their names), "
               "d.npz:KEY");
  if (training) {
    add_repeated(command, "--labels", flags.labels,
                 "the labels the model is trained against, as a NumPy .npy or .npz file (only "
                 "its header is read): y.npy, OUTPUT=y.npy, d.npz (arrays go to the outputs of "
                 "their names; one output takes \"y\"), d.npz:KEY");
    add_repeated(command, "--loss", flags.losses,
                 "the loss the model is trained with, instead of the one it is compiled with, "
                 "as Keras names it: mse, OUTPUT=categorical_crossentropy, "
                 "binary_crossentropy:from_logits");
  }
  command
      ->add_option("--batch-size", flags.batch_size,
                   "the batch size the data is fed in (fit's batch_size)")
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--samples", flags.samples,
                   "how many samples are fed in all (instead of the data's first axis)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--max-file-size", flags.max_file_size,
                      "refuse a model file read whole (JSON, Python) larger than this, before "
                      "reading it: 512M, 2G (default 256M)");
  command->add_option("--format", flags.format, "output format")
      ->check(CLI::IsMember({"human", "json"}));
  command->add_option("--color", flags.color, "colour the human output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

}  // namespace

int main(int argc, char** argv) {
  dimsum::keep_freed_memory();  // many files are checked one after another in this process
  CLI::App app{"dimsum: static shape checker for Keras models"};
  app.set_version_flag("--version", "dimsum 0.1.0");
  app.require_subcommand(1);
  Flags flags;
  CLI::App* check = app.add_subcommand("check", "check a model for shape errors");
  add_model_options(check, flags, /*training=*/true);
  CLI::App* summary =
      app.add_subcommand("summary", "print the per-layer table of shapes and parameters");
  add_model_options(summary, flags, /*training=*/true);
  CLI::App* domain = app.add_subcommand(
      "domain",
      "state the input sizes a model builds for (its unknown sizes, or names such as H "
      "given with --input-shape)");
  add_model_options(domain, flags, /*training=*/false);
  CLI::App* explain_command =
      app.add_subcommand("explain", "print the long explanation of a diagnostic code");
  explain_command->add_option("CODE", flags.code, "a diagnostic code such as DS0001")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "dimsum: error: " << e.what() << "\nRun 'dimsum --help' for usage.\n";
    return kExitCannotCheck;
  }
  try {
    if (explain_command->parsed()) return explain(flags.code);
    Command command = summary->parsed()  ? Command::kSummary
                      : domain->parsed() ? Command::kDomain
                                         : Command::kCheck;
    return run_models(flags, command);
  } catch (const std::exception& e) {
    std::cerr << "dimsum: internal error: " << e.what() << "\n";
    return kExitCannotCheck;
  }
}
