// What the Python reader infers for one variable of many small programs, one JSON line per
// program, for tests/numpy/differential.py to compare with what NumPy computes. The programs
// come in one file (the first argument), separated by lines "#---"; the variable is `out`.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "python/language/interpreter.h"
#include "python/language/syntax.h"

namespace {

using dimsum::ops::DType;
using dimsum::python::Kind;
using dimsum::python::Value;

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string dtype_json(DType dtype) {
  switch (dtype) {
    case DType::kBool: return "\"bool\"";
    case DType::kInt: return "\"int\"";
    case DType::kFloat: return "\"float\"";
    default: return "null";
  }
}

// {"array": [2, null], "dtype": "int"}, {"int": 3}, {"tuple": [...]}, {"unknown": "why"}, ...
std::string to_json(const Value& v, int depth) {
  if (depth > 8) return R"({"unknown": "nested too deeply"})";
  switch (v.kind) {
    case Kind::kData: {
      std::string dims = "null";
      if (v.shape) {
        dims = "[";
        for (size_t i = 0; i < v.shape->size(); ++i)
          dims += (i ? ", " : "") + ((*v.shape)[i].known() ? std::to_string((*v.shape)[i].value())
                                                           : std::string("null"));
        dims += "]";
      }
      return fmt::format(R"({{"array": {}, "dtype": {}}})", dims, dtype_json(v.dtype));
    }
    case Kind::kInt: return fmt::format(R"({{"int": {}}})", v.integer);
    case Kind::kBool: return fmt::format(R"({{"bool": {}}})", v.boolean ? "true" : "false");
    case Kind::kFloat: return fmt::format(R"({{"float": {}}})", quoted(fmt::format("{}", v.real)));
    case Kind::kNone: return R"({"none": true})";
    case Kind::kTuple:
    case Kind::kList: {
      if (v.repeat) return R"({"unknown": "a long sequence"})";
      std::string items;
      for (const Value& item : *v.items)
        items += (items.empty() ? "" : ", ") + to_json(item, depth + 1);
      return fmt::format(R"({{"{}": [{}]}})", v.kind == Kind::kTuple ? "tuple" : "list", items);
    }
    case Kind::kUnknown: return fmt::format(R"({{"unknown": {}}})", quoted(v.text));
    default: return R"({"other": true})";
  }
}

std::string probe(const std::string& program) {
  dimsum::python::SyntaxTree tree;
  uint32_t at = 0;
  std::string why;
  if (!tree.parse(program, at, why)) return fmt::format(R"({{"syntax": {}}})", quoted(why));
  dimsum::python::Reading reading;
  dimsum::python::Interpreter interpreter(program, reading);
  interpreter.run(tree.root());
  const Value* out = interpreter.module_variable("out");
  return out ? to_json(*out, 0) : R"({"unknown": "out is not bound"})";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: shape_probe PROGRAMS_FILE\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "shape_probe: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::string line, program;
  auto flush = [&] {
    std::cout << probe(program) << "\n";
    program.clear();
  };
  bool any = false;
  while (std::getline(in, line)) {
    if (line == "#---") {
      flush();
      any = false;
      continue;
    }
    program += line + "\n";
    any = true;
  }
  if (any) flush();
  return 0;
}
