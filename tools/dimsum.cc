// The dimsum command line: parse flags, call the library, render, exit.
//   0  no shape error     1  the model has shape errors     2  dimsum could not do its job
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "dimsum/dimsum.h"
#include "report/explain.h"
#include "report/report.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitShapeErrors = 1;
constexpr int kExitCannotCheck = 2;

struct Flags {
  std::vector<std::string> models;
  std::vector<std::string> input_shapes;
  std::string format = "human";
  std::string color = "auto";
  std::string code;
};

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

int run_models(const Flags& flags, bool summary) {
  dimsum::CheckOptions options;
  for (const std::string& spec : flags.input_shapes) {
    dimsum::InputShape shape;
    std::string error;
    if (!dimsum::parse_input_shape(spec, shape, error)) {
      std::cerr << "dimsum: error: " << error << "\n";
      return kExitCannotCheck;
    }
    options.input_shapes.push_back(std::move(shape));
  }
  dimsum::RenderOptions render{use_color(flags.color)};
  bool json = flags.format == "json";
  std::vector<dimsum::Result> results;
  results.reserve(flags.models.size());
  int status = kExitOk;
  for (const std::string& path : flags.models) {
    auto outcome = dimsum::check_file(path, options);
    if (auto* error = std::get_if<dimsum::LoadError>(&outcome)) {
      std::cout.flush();
      std::cerr << "dimsum: error: " << error->message << "\n";
      status = kExitCannotCheck;
      continue;
    }
    results.push_back(std::move(std::get<dimsum::Result>(outcome)));
    const dimsum::Result& result = results.back();
    if (!result.ok() && status == kExitOk) status = kExitShapeErrors;
    if (json) continue;
    if (flags.models.size() > 1) std::cout << (results.size() > 1 ? "\n" : "") << "==> " << path << " <==\n";
    std::cout << (summary ? dimsum::render_summary(result, render)
                          : dimsum::render_check(result, render));
  }
  if (json && !results.empty()) {
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

void add_model_options(CLI::App* command, Flags& flags) {
  command->add_option("MODEL", flags.models, "Keras model config files (JSON, any dialect)")
      ->required();
  command->add_option("--input-shape", flags.input_shapes,
                      "shape of the data fed to the model, batch axis first, e.g. 100,28,28,1; "
                      "? or None for unknown sizes; name=SHAPE for one of several inputs")
      ->expected(1)  // one shape per flag, so a model file after it is not taken for a shape
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->add_option("--format", flags.format, "output format")
      ->check(CLI::IsMember({"human", "json"}));
  command->add_option("--color", flags.color, "colour the human output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dimsum: static shape checker for Keras models"};
  app.set_version_flag("--version", "dimsum 0.1.0");
  app.require_subcommand(1);
  Flags flags;
  CLI::App* check = app.add_subcommand("check", "check a model for shape errors");
  add_model_options(check, flags);
  CLI::App* summary =
      app.add_subcommand("summary", "print the per-layer table of shapes and parameters");
  add_model_options(summary, flags);
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
    return run_models(flags, summary->parsed());
  } catch (const std::exception& e) {
    std::cerr << "dimsum: internal error: " << e.what() << "\n";
    return kExitCannotCheck;
  }
}
