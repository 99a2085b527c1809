// Statements and expressions. Library and Keras calls are in python/libraries/: library.cc and
// keras.cc.
#include "python/language/interpreter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <functional>

#include "python/libraries/library.h"

namespace dimsum::python {

namespace {

// Deeper than this, an expression or block is left unknown: no model code comes near it, and
// the reader must not overflow its stack on a hostile file.
constexpr int kMaxDepth = 150;
constexpr int kMaxCallDepth = 24;
// The whole reading of one file is bounded: a loop or recursion that would take longer leaves
// what follows unknown.
constexpr size_t kMaxSteps = 1'000'000;
// A for loop over more values than this is read as a loop over unknown values.
constexpr int64_t kMaxIterations = 10'000;
// A loop over more items than this (a training loop, not one that builds a model layer by
// layer) is left once this many iterations in a row made nothing Keras sees (IdleLoop).
constexpr size_t kLongLoop = 64;
constexpr int kIdleIterations = 8;

std::string_view operator_of(TSNode node) {
  TSNode op = field(node, "operator");
  return ts_node_is_null(op) ? std::string_view() : type_of(op);
}

std::optional<int64_t> parse_integer(std::string_view text) {
  std::string digits;
  for (char c : text)
    if (c != '_') digits += c;
  int base = 10;
  size_t skip = 0;
  if (digits.size() > 1 && digits[0] == '0') {
    char kind = static_cast<char>(std::tolower(digits[1]));
    if (kind == 'x') base = 16, skip = 2;
    if (kind == 'o') base = 8, skip = 2;
    if (kind == 'b') base = 2, skip = 2;
  }
  if (!digits.empty() && (digits.back() == 'l' || digits.back() == 'L')) digits.pop_back();
  errno = 0;
  char* end = nullptr;
  long long value = std::strtoll(digits.c_str() + skip, &end, base);
  if (errno != 0 || end != digits.c_str() + digits.size()) return std::nullopt;
  return value;
}

}  // namespace

const Value* Interpreter::Args::keyword(std::string_view name) const {
  for (const auto& [key, value] : keywords)
    if (key == name) return &value;
  return nullptr;
}

const Value* Interpreter::Args::get(size_t position, std::string_view name) const {
  if (position < positional.size()) return &positional[position];
  return keyword(name);
}

std::shared_ptr<Scope> Interpreter::new_scope(std::shared_ptr<Scope> parent) {
  auto scope = std::make_shared<Scope>();
  scope->parent = std::move(parent);
  scopes_.push_back(scope);
  return scope;
}

Interpreter::~Interpreter() {
  for (const std::weak_ptr<Scope>& weak : scopes_)
    if (auto scope = weak.lock()) {
      scope->vars.clear();
      scope->parent.reset();
    }
}

Interpreter::Interpreter(const std::string& source, Reading& out)
    : source_(source), out_(out), module_(new_scope(nullptr)), scope_(module_) {
  module_->vars["__name__"] = string("__main__", 0);
}

void Interpreter::run(TSNode module) {
  exec_block(module);
  run_uncalled_functions();
}

const Value* Interpreter::module_variable(const std::string& name) const {
  auto it = module_->vars.find(name);
  return it == module_->vars.end() ? nullptr : &it->second;
}

std::string Interpreter::line_of(uint32_t offset) const {
  if (line_namer_) return line_namer_(offset);
  // Where each line starts, found once: messages name lines at every step of a loop.
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (uint32_t i = 0; i < source_.size(); ++i)
      if (source_[i] == '\n') line_starts_.push_back(i + 1);
  }
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return fmt::format("line {}", after - line_starts_.begin());
}

void Interpreter::note(uint32_t offset, std::string message) {
  if (noted_.insert(offset).second) out_.notes.push_back(Note{offset, std::move(message)});
}

bool Interpreter::spend_step() {
  if (++steps_ <= kMaxSteps) return true;
  if (!out_.stopped) out_.stopped = true;
  return false;
}

// ---- statements -----------------------------------------------------------------------------

Interpreter::Flow Interpreter::exec_block(TSNode block) {
  for (TSNode statement : named_children(block)) {
    Flow flow = exec(statement);
    if (flow != Flow::kNormal) return flow;
  }
  return Flow::kNormal;
}

Interpreter::Flow Interpreter::exec(TSNode statement) {
  if (!spend_step()) {
    if (out_.stopped_at == 0) out_.stopped_at = start_of(statement);
    return Flow::kRaise;
  }
  if (depth_ > kMaxDepth) return Flow::kNormal;
  ++depth_;
  struct Leave {
    int& depth;
    ~Leave() { --depth; }
  } leave{depth_};
  std::string_view type = type_of(statement);
  if (type == "expression_statement") {
    for (TSNode child : named_children(statement)) {
      if (is(child, "assignment") || is(child, "augmented_assignment"))
        exec(child);
      else
        eval(child);
    }
  } else if (type == "assignment") {
    std::vector<TSNode> targets{field(statement, "left")};
    TSNode right = field(statement, "right");
    while (is(right, "assignment")) {  // a = b = value
      targets.push_back(field(right, "left"));
      right = field(right, "right");
    }
    if (ts_node_is_null(right)) return Flow::kNormal;  // an annotation alone: `x: int`
    Value value = eval(right);
    for (TSNode target : targets) assign(target, value);
  } else if (type == "augmented_assignment") {
    TSNode target = field(statement, "left");
    Value value = apply_operator(
        std::string(operator_of(statement)).substr(0, operator_of(statement).size() - 1),
        eval(target), eval(field(statement, "right")), start_of(statement));
    assign(target, value);
  } else if (type == "import_statement") {
    exec_import(statement);
  } else if (type == "import_from_statement") {
    exec_import_from(statement);
  } else if (type == "function_definition") {
    define_function(statement, text_of(field(statement, "name"), source_));
  } else if (type == "decorated_definition") {
    TSNode definition = field(statement, "definition");
    if (is(definition, "class_definition"))
      define_class(definition);
    else
      define_function(definition, text_of(field(definition, "name"), source_));
  } else if (type == "class_definition") {
    define_class(statement);
  } else if (type == "if_statement") {
    return exec_if(statement);
  } else if (type == "for_statement") {
    return exec_for(statement);
  } else if (type == "while_statement") {
    eval(field(statement, "condition"));
    return exec_uncertain(field(statement, "body"),
                          fmt::format("a while loop ({})", line_of(start_of(statement))),
                          start_of(statement));
  } else if (type == "with_statement") {
    for (TSNode clause : named_children(statement)) {
      if (!is(clause, "with_clause")) continue;
      for (TSNode item : named_children(clause)) {
        TSNode value = field(item, "value");
        if (is(value, "as_pattern")) {
          std::vector<TSNode> parts = named_children(value);
          if (!parts.empty()) eval(parts[0]);
          TSNode alias = field(value, "alias");
          if (!ts_node_is_null(alias))
            for (TSNode target : named_children(alias))
              assign(target, unknown("the value of a with statement", start_of(value)));
        } else if (!ts_node_is_null(value)) {
          eval(value);
        }
      }
    }
    return exec_block(field(statement, "body"));
  } else if (type == "try_statement") {
    return exec_try(statement);
  } else if (type == "return_statement") {
    std::vector<TSNode> parts = named_children(statement);
    Value value = parts.empty() ? none(start_of(statement)) : eval(parts[0]);
    return give_back(std::move(value));
  } else if (type == "raise_statement") {
    return uncertain_ > frame_uncertain_ ? Flow::kNormal : Flow::kRaise;
  } else if (type == "break_statement") {
    return uncertain_ > loop_uncertain_ ? Flow::kNormal : Flow::kBreak;
  } else if (type == "continue_statement") {
    return uncertain_ > loop_uncertain_ ? Flow::kNormal : Flow::kContinue;
  } else if (type == "global_statement") {
    for (TSNode name : named_children(statement))
      scope_->globals.insert(std::string(text_of(name, source_)));
  } else if (type == "print_statement") {
    for (TSNode argument : named_children(statement)) eval(argument);
  } else if (type == "block") {
    return exec_block(statement);
  }
  // pass, assert, del, nonlocal, match, type aliases: nothing that builds a model.
  return Flow::kNormal;
}

Interpreter::Flow Interpreter::give_back(Value value) {
  if (uncertain_ > frame_uncertain_) {  // a return that may or may not happen
    if (!maybe_return_)
      maybe_return_ = value;
    else if (auto same = equal(*maybe_return_, value); !same || !*same)
      maybe_return_ = unknown(fmt::format("a function whose result depends on {}", uncertain_why_),
                              value.offset);
    return Flow::kNormal;
  }
  if (maybe_return_) {
    auto same = equal(*maybe_return_, value);
    if (!same || !*same)
      value = unknown(fmt::format("a function whose result depends on {}", uncertain_why_),
                      value.offset);
  }
  return_value_ = std::move(value);
  return Flow::kReturn;
}

Interpreter::Flow Interpreter::exec_if(TSNode statement) {
  std::vector<std::pair<TSNode, TSNode>> branches;  // (condition, body); null condition: else
  branches.emplace_back(field(statement, "condition"), field(statement, "consequence"));
  for (TSNode alternative : fields(statement, "alternative")) {
    if (is(alternative, "elif_clause"))
      branches.emplace_back(field(alternative, "condition"), field(alternative, "consequence"));
    else
      branches.emplace_back(TSNode{}, field(alternative, "body"));
  }
  for (size_t i = 0; i < branches.size(); ++i) {
    auto [condition, body] = branches[i];
    std::optional<bool> taken = true;
    if (!ts_node_is_null(condition)) taken = truth(eval(condition));
    if (taken && !*taken) continue;
    if (taken) return exec_block(body);
    // A condition computed at run time: any of the remaining branches may run.
    std::string why = fmt::format("the condition on {}", line_of(start_of(condition)));
    for (size_t j = i; j < branches.size(); ++j)
      exec_uncertain(branches[j].second, why, start_of(condition));
    return Flow::kNormal;
  }
  return Flow::kNormal;
}

Interpreter::Flow Interpreter::exec_uncertain(TSNode body, std::string why, uint32_t offset) {
  std::unordered_map<std::string, Value> before = scope_->vars;
  // Lists and dicts are changed in place (xs.append(...)): their sizes tell.
  std::unordered_map<std::string, size_t> sizes;
  for (const auto& [name, value] : before)
    if ((value.kind == Kind::kList || value.kind == Kind::kDict) && value.items)
      sizes[name] = value.items->size();
  std::string outer_why = std::move(uncertain_why_);
  uncertain_why_ = std::move(why);
  ++uncertain_;
  exec_block(body);
  --uncertain_;
  // What the body changed may or may not have changed: it becomes unknown.
  for (auto& [name, value] : scope_->vars) {
    auto it = before.find(name);
    auto size = sizes.find(name);
    bool grown = size != sizes.end() && value.items && value.items->size() != size->second;
    if (it == before.end() || !unchanged(it->second, value) || grown)
      value = unknown(fmt::format("'{}' depends on {}", name, uncertain_why_), offset);
  }
  uncertain_why_ = std::move(outer_why);
  return Flow::kNormal;
}

Interpreter::Flow Interpreter::exec_for(TSNode statement) {
  TSNode target = field(statement, "left");
  Value iterable = eval(field(statement, "right"));
  std::optional<std::vector<Value>> items = iterate(iterable);
  if (!items) {
    assign(target, unknown(fmt::format("the loop variable of {}", line_of(start_of(statement))),
                           start_of(statement)));
    return exec_uncertain(
        field(statement, "body"),
        fmt::format("the loop on {}, over values dimsum cannot list", line_of(start_of(statement))),
        start_of(statement));
  }
  int outer_loop = loop_uncertain_;
  loop_uncertain_ = uncertain_;
  Flow result = Flow::kNormal;
  IdleLoop idle;
  // A loop over a model's layers (for layer in base.layers[:-10]: layer.trainable = False) does
  // something else to each: it runs to its end, as long as the model is.
  bool over_layers = std::any_of(items->begin(), items->end(), [](const Value& v) {
    return v.kind == Kind::kLayer || v.kind == Kind::kModel;
  });
  bool may_leave = items->size() > kLongLoop && !over_layers;
  if (may_leave) may_leave = loop_writes(field(statement, "body"), idle.assigned, 0);
  for (size_t i = 0; i < items->size(); ++i) {
    assign(target, (*items)[i]);
    size_t made = next_id_, fed = out_.feeds.size();
    Flow flow = exec_block(field(statement, "body"));
    if (flow == Flow::kBreak) break;
    if (flow == Flow::kReturn || flow == Flow::kRaise) {
      result = flow;
      break;
    }
    bool made_nothing = next_id_ == made && out_.feeds.size() == fed;
    if (may_leave && i + 1 < items->size() && idle.settled(made_nothing, scope_->vars)) {
      leave_idle_loop(statement, target, items->back(), idle, items->size() - i - 1);
      break;
    }
  }
  loop_uncertain_ = outer_loop;
  return result;
}

// The names a loop body assigns (in any branch: a skipped iteration might take another), into
// `names`; false when the body adds layers to or removes them from a model (x.add(...),
// x.pop()), which a loop must then run to its end.
bool Interpreter::loop_writes(TSNode node, std::vector<std::string>& names, int depth) const {
  if (depth > kMaxDepth) return false;
  std::string_view type = type_of(node);
  if (type == "function_definition" || type == "class_definition" || type == "lambda") return true;
  if (type == "call") {
    TSNode function = field(node, "function");
    if (is(function, "attribute")) {
      std::string_view method = text_of(field(function, "attribute"), source_);
      if (method == "add" || method == "pop") return false;
    }
  }
  auto targets = [&](TSNode target, auto& self) -> void {
    if (is(target, "identifier")) {
      names.emplace_back(text_of(target, source_));
      return;
    }
    if (is(target, "attribute") || is(target, "subscript")) return;
    for (TSNode inner : named_children(target)) self(inner, self);
  };
  if (type == "assignment" || type == "augmented_assignment" || type == "for_statement")
    targets(field(node, "left"), targets);
  if (type == "named_expression") targets(field(node, "name"), targets);
  for (TSNode child : named_children(node))
    if (!loop_writes(child, names, depth + 1)) return false;
  return true;
}

bool Interpreter::IdleLoop::settled(bool made_nothing,
                                    const std::unordered_map<std::string, Value>& vars) {
  if (!made_nothing) {
    idle_iterations = 0;
    return false;
  }
  if (++idle_iterations < kIdleIterations) return false;
  if (idle_iterations == kIdleIterations) {  // what the variables hold after this one
    before.clear();
    for (const auto& [name, value] : vars) before.emplace(name, Snapshot{value, value.length()});
    return false;
  }
  moving.clear();
  for (const auto& [name, value] : vars) {
    auto it = before.find(name);
    // A list or dict the iteration appends to stays the same object: its length tells.
    if (it == before.end() || !unchanged(it->second.value, value) ||
        it->second.length != value.length())
      moving.push_back(name);
  }
  return true;
}

// A long loop whose iterations stopped making anything Keras sees (no layer, model or data fed:
// a training loop of thousands of steps) is not run to its end: the iterations left would do
// the same. The loop variable ends at the last item, as in Python; the variables the iterations
// change become unknown, and a note says so.
void Interpreter::leave_idle_loop(TSNode statement, TSNode target, const Value& last,
                                  const IdleLoop& idle, size_t skipped) {
  uint32_t at = start_of(statement);
  std::vector<std::string> unknown_now = idle.moving;
  unknown_now.insert(unknown_now.end(), idle.assigned.begin(), idle.assigned.end());
  for (const std::string& name : unknown_now)
    scope_->vars[name] = unknown(fmt::format("'{}' after the loop on {}, which dimsum did not run "
                                             "to its end",
                                             name, line_of(at)),
                                 at);
  assign(target, last);
  if (!unknown_now.empty())
    note(at, fmt::format("dimsum ran the loop on {} until its iterations stopped making layers, "
                         "models or data for them ({} iterations left); what it changes after "
                         "that is unknown",
                         line_of(at), skipped));
}

std::optional<std::vector<Value>> Interpreter::iterate(const Value& iterable) {
  if (iterable.kind == Kind::kStr) {
    std::vector<Value> out;
    for (char c : iterable.text) out.push_back(string(std::string(1, c), iterable.offset));
    return out;
  }
  if (iterable.kind == Kind::kDict) {
    std::vector<Value> out;
    for (const std::string& key : *iterable.keys) out.push_back(string(key, iterable.offset));
    return out;
  }
  if (!iterable.is_sequence() || iterable.length() > kMaxIterations) return std::nullopt;
  std::vector<Value> out;
  for (int64_t i = 0; i < iterable.length(); ++i) out.push_back(iterable.item(i));
  return out;
}

Interpreter::Flow Interpreter::exec_try(TSNode statement) {
  Flow flow = exec_block(field(statement, "body"));
  // The handlers run only when something fails at run time: they are not read.
  for (TSNode clause : named_children(statement)) {
    if (is(clause, "else_clause") && flow == Flow::kNormal)
      flow = exec_block(field(clause, "body"));
    if (is(clause, "finally_clause"))
      for (TSNode block : named_children(clause)) exec_block(block);
  }
  return flow == Flow::kRaise ? Flow::kNormal : flow;
}

// A name imported from `path`: a module value for the libraries dimsum knows, unknown for any
// other (the project's own modules, most of scikit-learn, ...).
Value Interpreter::imported(const std::string& path, uint32_t offset) {
  out_.cues.imported(path);
  std::string root = path.substr(0, path.find('.'));
  for (const char* known : {"tensorflow", "keras", "tf_keras", "numpy", "math"})
    if (root == known) {
      out_.keras_code = out_.keras_code || (root != "numpy" && root != "math");
      return module(canonical(path), offset);
    }
  // Where configuration lives (libraries/stdlib.cc), and libraries whose layers dimsum names
  // without modelling them (libraries/foreign.cc).
  for (const char* known :
       {"argparse", "os", "functools", "dataclasses", "collections", "types", "typing"})
    if (root == known) return module(path, offset);
  if (is_foreign_library(root)) return module(path, offset);
  // What labels are made with: scikit-learn's encoders and train_test_split, pandas' dummies.
  for (const char* known : {"sklearn.preprocessing", "sklearn.model_selection", "pandas"})
    if (path == known || path.starts_with(std::string(known) + ".")) return module(path, offset);
  return unknown(fmt::format("'{}', from a module dimsum does not read", path), offset);
}

void Interpreter::exec_import(TSNode statement) {
  for (TSNode name : fields(statement, "name")) {
    if (is(name, "aliased_import")) {
      std::string path(text_of(field(name, "name"), source_));
      bind(std::string(text_of(field(name, "alias"), source_)), imported(path, start_of(name)));
    } else {  // `import tensorflow.keras` binds `tensorflow`
      std::string path(text_of(name, source_));
      std::string first = path.substr(0, path.find('.'));
      bind(first, imported(first, start_of(name)));
    }
  }
}

void Interpreter::exec_import_from(TSNode statement) {
  TSNode from = field(statement, "module_name");
  if (is(from, "relative_import")) return;  // the project's own modules: not read
  std::string base(text_of(from, source_));
  for (TSNode child : named_children(statement))
    if (is(child, "wildcard_import")) star_imports_.push_back(canonical(base));
  for (TSNode name : fields(statement, "name")) {
    TSNode dotted = is(name, "aliased_import") ? field(name, "name") : name;
    std::string path(text_of(dotted, source_));
    std::string bound =
        is(name, "aliased_import") ? std::string(text_of(field(name, "alias"), source_)) : path;
    bind(bound, imported(base + "." + path, start_of(name)));
  }
}

void Interpreter::define_function(TSNode definition, std::string_view name) {
  auto function = std::make_shared<FunctionObject>();
  function->name = std::string(name);
  function->definition = definition;
  function->closure = scope_;
  TSNode parameters = field(definition, "parameters");
  if (!ts_node_is_null(parameters)) {
    for (TSNode parameter : named_children(parameters)) {
      TSNode value = field(parameter, "value");
      if (ts_node_is_null(value)) continue;
      std::string key(text_of(field(parameter, "name"), source_));
      function->defaults[key] = eval(value);
    }
  }
  Value v;
  v.kind = Kind::kFunction;
  v.function = function;
  v.offset = start_of(definition);
  bind(function->name, v);
  if (scope_ == module_) defined_.push_back(function);
}

void Interpreter::define_class(TSNode definition) {
  auto object = std::make_shared<ClassObject>();
  object->name = std::string(text_of(field(definition, "name"), source_));
  object->offset = start_of(definition);
  TSNode bases = field(definition, "superclasses");
  if (!ts_node_is_null(bases)) {
    for (TSNode base : named_children(bases)) {
      if (is(base, "keyword_argument")) continue;
      Value v = eval(base);
      std::string path = v.kind == Kind::kModule ? v.text : "";
      if (v.kind == Kind::kClass) {
        object->keras_layer = object->keras_layer || v.class_object->keras_layer;
        object->keras_model = object->keras_model || v.class_object->keras_model;
        object->custom_layer = object->custom_layer || v.class_object->custom_layer;
        object->bases.push_back(v.class_object);
      }
      object->named_tuple = object->named_tuple || path == "typing.NamedTuple";
      if (path == "keras.Model" || path == "keras.models.Model" || path == "keras.Sequential" ||
          path == "keras.models.Sequential")
        object->keras_model = true;
      else if (path.starts_with("keras.layers.") || path == "keras.Layer")
        object->keras_layer = true;
      if (path == "keras.layers.Layer" || path == "keras.Layer" ||
          path == "keras.engine.base_layer.Layer")
        object->custom_layer = true;
    }
  }
  if (object->keras_model) out_.subclassed_models.push_back(object);
  // A subclass of one of Keras' layer classes is not run (construct_layer stands for it); a
  // model's body is, for its __init__ and call(), and so is a keras.layers.Layer subclass's.
  if (!object->keras_layer || object->custom_layer) run_class_body(definition, *object);
  if (!object->keras_layer && !object->keras_model) record_fields(definition, *object);
  Value v;
  v.kind = Kind::kClass;
  v.class_object = object;
  v.offset = object->offset;
  bind(object->name, v);
}

// A plain class's body runs once, where the class is defined, as in Python: its defs become
// methods, its assignments class attributes. A method sees the scope around the class, not the
// class body.
void Interpreter::run_class_body(TSNode definition, ClassObject& object) {
  object.members = new_scope(scope_);
  auto outside = scope_;
  scope_ = object.members;
  TSNode body = field(definition, "body");
  for (TSNode statement : named_children(body)) {
    if (is(statement, "decorated_definition")) {
      TSNode inner = field(statement, "definition");
      std::string name(text_of(field(inner, "name"), source_));
      for (TSNode decorator : named_children(statement)) {
        if (!is(decorator, "decorator")) continue;
        std::string_view text = text_of(decorator, source_);
        if (text == "@staticmethod") object.static_methods.push_back(name);
        if (text == "@classmethod") object.class_methods.push_back(name);
      }
    }
    exec(statement);
  }
  scope_ = outside;
  for (auto& [name, value] : object.members->vars)
    if (value.kind == Kind::kFunction) value.function->closure = outside;
}

Interpreter::Member Interpreter::class_member(const ClassObject& c, const std::string& name,
                                              int depth) const {
  if (depth > kMaxNesting) return {};
  if (c.members)
    if (auto it = c.members->vars.find(name); it != c.members->vars.end()) return {&it->second, &c};
  for (const auto& base : c.bases)
    if (Member found = class_member(*base, name, depth + 1); found.value) return found;
  return {};
}

bool Interpreter::has_member(const Value& object, const std::string& name) const {
  if (object.attributes && object.attributes->vars.count(name)) return true;
  return class_member(*object.class_object, name, 0).value != nullptr;
}

Value Interpreter::member_of(const Value& object, const std::string& name, uint32_t offset) {
  const ClassObject& c = *object.class_object;
  if (object.kind == Kind::kInstance && object.attributes)
    if (auto it = object.attributes->vars.find(name); it != object.attributes->vars.end())
      return it->second;
  auto [member, owner] = class_member(c, name, 0);
  if (!member)
    return unknown(fmt::format("'{}' of class '{}', which dimsum does not see set", name, c.name),
                   offset);
  // A functools.partial is no method: taken from a class, it binds no self.
  if (member->kind != Kind::kFunction || member->function->wrapped) return *member;
  // Whether the class that defines the method made it static or a class method.
  auto has = [&name](const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  const auto& static_methods = owner->static_methods;
  const auto& class_methods = owner->class_methods;
  if (has(static_methods) || (object.kind == Kind::kClass && !has(class_methods)))
    return *member;  // a static method, or a method taken from the class: called with self
  Value bound = *member;
  bound.function = std::make_shared<FunctionObject>(*member->function);
  Value self = object;
  if (has(class_methods)) {
    self.kind = Kind::kClass;
    self.attributes.reset();
  }
  bound.function->self = std::make_shared<Value>(std::move(self));
  return bound;
}

void Interpreter::bind(const std::string& name, const Value& value) {
  if (value.kind == Kind::kModel && value.model->name.empty()) value.model->name = name;
  if (scope_ != module_ && scope_->globals.count(name))
    module_->vars[name] = value;
  else
    scope_->vars[name] = value;
}

void Interpreter::assign(TSNode target, const Value& value) {
  std::string_view type = type_of(target);
  if (type == "identifier") {
    bind(std::string(text_of(target, source_)), value);
  } else if (type == "pattern_list" || type == "tuple_pattern" || type == "list_pattern" ||
             type == "tuple" || type == "list" || type == "expression_list") {
    std::vector<TSNode> targets = named_children(target);
    bool unpacks = value.is_sequence() && value.length() == static_cast<int64_t>(targets.size());
    for (size_t i = 0; i < targets.size(); ++i) {
      if (is(targets[i], "list_splat_pattern")) {
        std::vector<TSNode> inner = named_children(targets[i]);
        if (!inner.empty()) assign(inner[0], unknown("a starred assignment", start_of(targets[i])));
        continue;
      }
      assign(targets[i], unpacks         ? value.item(static_cast<int64_t>(i))
                         : value.known() ? unknown(fmt::format("an item of {}", describe(value)),
                                                   start_of(targets[i]))
                                         : moved(value, start_of(targets[i])));
    }
  } else if (type == "parenthesized_expression") {
    std::vector<TSNode> inner = named_children(target);
    if (!inner.empty()) assign(inner[0], value);
  } else if (type == "attribute") {
    assign_attribute(target, value);
  } else if (type == "subscript") {
    assign_subscript(target, value);
  }
}

void Interpreter::assign_attribute(TSNode target, const Value& value) {
  Value object = eval(field(target, "object"));
  std::string_view name = text_of(field(target, "attribute"), source_);
  if (object.kind == Kind::kInstance && object.attributes) {
    // Under a condition dimsum cannot decide, the attribute may or may not be set.
    object.attributes->vars[std::string(name)] =
        uncertain_ > frame_uncertain_
            ? unknown(fmt::format("'{}', set under {}", name, uncertain_why_), start_of(target))
            : value;
    return;
  }
  if (name == "trainable" && value.kind == Kind::kBool) set_trainable(object, value.boolean, 0);
  // model.outputs = [model.layers[9].output]: standalone Keras runs the model to the new
  // outputs, tf.keras 2 keeps running its old graph; which one the code meets is not known.
  static constexpr std::string_view kGraph[] = {"outputs", "output", "inputs", "input", "layers"};
  if (object.kind == Kind::kModel &&
      std::find(std::begin(kGraph), std::end(kGraph), name) != std::end(kGraph))
    object.model->unfollowed =
        fmt::format("its {} are set by hand on {}, which Keras versions run differently", name,
                    line_of(start_of(target)));
}

void Interpreter::assign_subscript(TSNode target, const Value& value) {
  TSNode holder = field(target, "value");
  Value container = eval(holder);
  // y[y > 6] -= 2 changes values the code told (class ids): keep the shape, drop the values.
  if (container.kind == Kind::kData && container.values && is(holder, "identifier")) {
    container.values.reset();
    bind(std::string(text_of(holder, source_)), container);
    return;
  }
  std::vector<TSNode> keys = fields(target, "subscript");
  if (keys.size() != 1) return;
  Value key = eval(keys[0]);
  if (container.kind == Kind::kDict && key.kind == Kind::kStr) {
    for (size_t i = 0; i < container.keys->size(); ++i)
      if ((*container.keys)[i] == key.text) {
        (*container.items)[i] = value;
        return;
      }
    container.keys->push_back(key.text);
    container.items->push_back(value);
  } else if (container.kind == Kind::kList && !container.repeat && key.kind == Kind::kInt) {
    int64_t n = container.length();
    int64_t i = key.integer < 0 ? key.integer + n : key.integer;
    if (i >= 0 && i < n) (*container.items)[static_cast<size_t>(i)] = value;
  }
}

// ---- expressions ----------------------------------------------------------------------------

Value Interpreter::eval(TSNode expression) {
  if (ts_node_is_null(expression)) return none(0);
  if (depth_ > kMaxDepth || !spend_step())
    return unknown("an expression nested too deeply", start_of(expression));
  ++depth_;
  Value v = eval_node(expression);
  --depth_;
  return v;
}

Value Interpreter::eval_node(TSNode node) {
  std::string_view type = type_of(node);
  uint32_t at = start_of(node);
  if (type == "identifier") return lookup(std::string(text_of(node, source_)), at);
  if (type == "yield") return yield_value(node);
  if (type == "integer") {
    auto i = parse_integer(text_of(node, source_));
    return i ? integer(*i, at) : unknown("an integer dimsum cannot read", at);
  }
  if (type == "float") {
    std::string text(text_of(node, source_));
    std::erase(text, '_');
    if (!text.empty() && (text.back() == 'j' || text.back() == 'J'))
      return unknown("a complex number", at);
    return real(std::strtod(text.c_str(), nullptr), at);
  }
  if (type == "true" || type == "false") return boolean(type == "true", at);
  if (type == "none") return none(at);
  if (type == "ellipsis") {
    Value v;
    v.kind = Kind::kEllipsis;
    v.offset = at;
    return v;
  }
  if (type == "string" || type == "concatenated_string") return eval_string(node);
  if (type == "tuple" || type == "expression_list") return eval_sequence(node, Kind::kTuple);
  if (type == "list") return eval_sequence(node, Kind::kList);
  if (type == "dictionary") return eval_dict(node);
  if (type == "parenthesized_expression" || type == "await") {
    std::vector<TSNode> inner = named_children(node);
    return inner.empty() ? none(at) : eval(inner[0]);
  }
  if (type == "binary_operator") {
    std::string op(operator_of(node));
    return apply_operator(op, eval(field(node, "left")), eval(field(node, "right")), at);
  }
  if (type == "unary_operator")
    return negate(std::string(operator_of(node)), eval(field(node, "argument")), at);
  if (type == "not_operator") {
    auto t = truth(eval(field(node, "argument")));
    return t ? boolean(!*t, at) : unknown("a condition computed at run time", at);
  }
  if (type == "boolean_operator") {
    Value left = eval(field(node, "left"));
    auto t = truth(left);
    bool is_and = operator_of(node) == "and";
    if (t && *t != is_and) return left;  // `False and x`, `True or x`
    Value right = eval(field(node, "right"));
    return t ? right : unknown("a condition computed at run time", at);
  }
  if (type == "comparison_operator") return eval_comparison(node);
  if (type == "conditional_expression") {
    std::vector<TSNode> parts = named_children(node);  // consequence, condition, alternative
    if (parts.size() != 3) return unknown("a conditional expression", at);
    auto t = truth(eval(parts[1]));
    if (t) return eval(*t ? parts[0] : parts[2]);
    Value a = eval(parts[0]);
    Value b = eval(parts[2]);
    auto same = equal(a, b);
    return same && *same ? a : unknown(fmt::format("the condition on {}", line_of(at)), at);
  }
  if (type == "call") return eval_call(node);
  if (type == "attribute") return eval_attribute(node);
  if (type == "subscript") return eval_subscript(node);
  if (type == "list_comprehension" || type == "generator_expression")
    return eval_comprehension(node, Kind::kList);
  if (type == "lambda") {
    auto function = std::make_shared<FunctionObject>();
    function->name = "<lambda>";
    function->definition = node;
    function->closure = scope_;
    Value v;
    v.kind = Kind::kFunction;
    v.function = function;
    v.offset = at;
    return v;
  }
  if (type == "named_expression") {
    Value v = eval(field(node, "value"));
    bind(std::string(text_of(field(node, "name"), source_)), v);
    return v;
  }
  return unknown(fmt::format("a Python {} that dimsum does not follow", type), at);
}

Value Interpreter::lookup(const std::string& name, uint32_t offset) {
  for (Scope* s = scope_.get(); s; s = s->parent.get()) {
    auto it = s->vars.find(name);
    if (it == s->vars.end()) continue;
    if (it->second.known()) return it->second;
    // What dimsum cannot follow is noted where it is used; the reason says where it comes from.
    Value v = it->second;
    v.offset = offset;
    return v;
  }
  if (is_builtin(name)) return module("builtins." + name, offset);
  // `from keras.layers import *` brings the layer classes, capitalised.
  if (!name.empty() && std::isupper(static_cast<unsigned char>(name[0])))
    for (const std::string& base : star_imports_)
      if (base.starts_with("keras")) return module(canonical(base + "." + name), offset);
  return unknown(fmt::format("'{}', which is not defined where dimsum can see it", name), offset);
}

Value Interpreter::eval_string(TSNode node) {
  if (is(node, "concatenated_string")) {
    std::string text;
    for (TSNode part : named_children(node)) {
      Value v = eval_string(part);
      if (v.kind != Kind::kStr) return v;
      text += v.text;
    }
    return string(std::move(text), start_of(node));
  }
  std::string text;
  for (TSNode part : named_children(node)) {
    if (is(part, "interpolation")) return unknown("an f-string", start_of(node));
    if (is(part, "string_content") || is(part, "escape_sequence")) text += text_of(part, source_);
  }
  return string(std::move(text), start_of(node));
}

Value Interpreter::eval_sequence(TSNode node, Kind kind) {
  std::vector<Value> items;
  for (TSNode child : named_children(node)) {
    if (is(child, "list_splat")) {
      std::vector<TSNode> inner = named_children(child);
      Value spread = inner.empty() ? none(0) : eval(inner[0]);
      auto all = iterate(spread);
      if (!all)
        return unknown(
            fmt::format("a {} with *{}", kind == Kind::kList ? "list" : "tuple", describe(spread)),
            start_of(node));
      items.insert(items.end(), all->begin(), all->end());
      continue;
    }
    items.push_back(eval(child));
  }
  return sequence(kind, std::move(items), start_of(node));
}

Value Interpreter::eval_dict(TSNode node) {
  Value v = sequence(Kind::kDict, {}, start_of(node));
  v.keys = std::make_shared<std::vector<std::string>>();
  for (TSNode pair : named_children(node)) {
    if (!is(pair, "pair"))
      return unknown("a dict built with ** or a comprehension", start_of(node));
    Value key = eval(field(pair, "key"));
    Value value = eval(field(pair, "value"));
    if (key.kind != Kind::kStr) return unknown("a dict whose keys are not strings", start_of(node));
    v.keys->push_back(key.text);
    v.items->push_back(std::move(value));
  }
  return v;
}

Value Interpreter::eval_comparison(TSNode node) {
  std::vector<TSNode> operands = named_children(node);
  std::vector<TSNode> operators = fields(node, "operators");
  if (operands.size() != operators.size() + 1) return unknown("a comparison", start_of(node));
  Value left = eval(operands[0]);
  if (operators.size() == 1) {  // an array compared item by item: an array of booleans
    std::string_view op = type_of(operators[0]);
    bool ordering = op == "<" || op == "<=" || op == ">" || op == ">=" || op == "==" || op == "!=";
    Value right = eval(operands[1]);
    if (ordering && (left.kind == Kind::kData || right.kind == Kind::kData))
      return array_comparison(op, left, right, start_of(node));
    auto holds = compare(op, left, right);
    if (!holds)
      return unknown(fmt::format("a comparison computed at run time ({})", line_of(start_of(node))),
                     start_of(node));
    return boolean(*holds, start_of(node));
  }
  bool result = true;
  for (size_t i = 0; i < operators.size(); ++i) {
    Value right = eval(operands[i + 1]);
    auto holds = compare(type_of(operators[i]), left, right);
    if (!holds)
      return unknown(fmt::format("a comparison computed at run time ({})", line_of(start_of(node))),
                     start_of(node));
    result = result && *holds;
    left = std::move(right);
  }
  return boolean(result, start_of(node));
}

Value Interpreter::eval_comprehension(TSNode node, Kind kind) {
  // [body for target in iterable if condition]: read concretely over short lists; a long one
  // (a data set built sample by sample) is read once, as `n` alike items.
  TSNode body = field(node, "body");
  std::vector<TSNode> clauses;
  for (TSNode child : named_children(node))
    if (is(child, "for_in_clause") || is(child, "if_clause")) clauses.push_back(child);
  auto saved = scope_;
  scope_ = new_scope(saved);
  std::vector<Value> items;
  std::optional<int64_t> repeat;
  bool certain = true;
  std::function<void(size_t)> run = [&](size_t clause) {
    if (!certain) return;
    if (clause == clauses.size()) {
      items.push_back(eval(body));
      return;
    }
    TSNode c = clauses[clause];
    if (is(c, "if_clause")) {
      std::vector<TSNode> condition = named_children(c);
      auto t = condition.empty() ? std::optional<bool>(true) : truth(eval(condition[0]));
      if (!t) certain = false;
      if (t && *t) run(clause + 1);
      return;
    }
    Value iterable = eval(field(c, "right"));
    TSNode target = field(c, "left");
    if (clauses.size() == 1 && iterable.is_sequence() && iterable.length() > 1 &&
        iterable.length() > 64) {
      assign(target, iterable.item(0));
      items.push_back(eval(body));
      repeat = iterable.length();
      return;
    }
    auto all = iterate(iterable);
    if (!all) {
      certain = false;
      return;
    }
    for (const Value& item : *all) {
      assign(target, item);
      run(clause + 1);
    }
  };
  run(0);
  scope_ = saved;
  if (!certain)
    return unknown(
        fmt::format("a comprehension over values dimsum cannot list ({})", line_of(start_of(node))),
        start_of(node));
  Value v = sequence(kind, std::move(items), start_of(node));
  v.repeat = repeat;
  return v;
}

Value Interpreter::eval_attribute(TSNode node) {
  Value object = eval(field(node, "object"));
  std::string name(text_of(field(node, "attribute"), source_));
  uint32_t at = start_of(node);
  switch (object.kind) {
    case Kind::kModule: return library_constant(canonical(object.text + "." + name), at);
    case Kind::kData: return data_attribute(object, name, at);
    case Kind::kDataset: return dataset_attribute(object, name, at);
    case Kind::kModel: return model_attribute(object, name, at);
    case Kind::kLayer: return layer_attribute(object, name, at);
    case Kind::kTensor: return tensor_attribute(object, name, at);
    case Kind::kTuple:
      if (object.text == "TensorShape" && (name == "rank" || name == "ndims"))
        return integer(object.length(), at);
      if (object.keys && !object.repeat)  // a named tuple's field
        for (size_t i = 0; i < object.keys->size() && i < object.items->size(); ++i)
          if ((*object.keys)[i] == name) return (*object.items)[i];
      return unknown(fmt::format("{}.{}", describe(object), name), at);
    case Kind::kClass:
    case Kind::kInstance:
      if (object.kind == Kind::kInstance && object.model && !has_member(object, name)) {
        if (object.model->trace != ModelObject::Trace::kTraced)
          return unknown(
              fmt::format("{}.{} of a subclassed model not traced yet", describe(object), name),
              at);
        Value as_model = object;
        as_model.kind = Kind::kModel;
        return model_attribute(as_model, name, at);
      }
      if (object.class_object->members || object.attributes) return member_of(object, name, at);
      return unknown(fmt::format("{}.{}", describe(object), name), at);
    case Kind::kUnknown: return object;
    default: return unknown(fmt::format("{}.{}", describe(object), name), at);
  }
}

Value Interpreter::eval_subscript(TSNode node) {
  Value container = eval(field(node, "value"));
  std::vector<Value> keys;
  for (TSNode key : fields(node, "subscript"))
    keys.push_back(is(key, "slice") ? eval_slice(key) : eval(key));
  uint32_t at = start_of(node);
  if (keys.size() == 1 && keys[0].kind == Kind::kTuple && !keys[0].repeat &&
      container.kind == Kind::kData)
    keys = std::vector<Value>(*keys[0].items);  // x[(..., None)] is x[..., None]
  return subscript(container, keys, at);
}

Value Interpreter::eval_slice(TSNode node) {
  // start:stop:step, each part optional; the colons tell them apart.
  std::vector<Value> parts(3, none(start_of(node)));
  size_t part = 0;
  for (TSNode child : all_children(node)) {
    if (type_of(child) == ":") {
      ++part;
      continue;
    }
    if (ts_node_is_named(child) && part < 3) parts[part] = eval(child);
  }
  Value v = sequence(Kind::kTuple, std::move(parts), start_of(node));
  v.kind = Kind::kSlice;
  return v;
}

Value Interpreter::eval_call(TSNode node) {
  TSNode function = field(node, "function");
  TSNode arguments = field(node, "arguments");
  uint32_t at = start_of(node);
  if (is(function, "attribute")) {
    TSNode object_node = field(function, "object");
    std::string name(text_of(field(function, "attribute"), source_));
    // super().__init__(...) in a Keras class: what Keras' own constructor makes of the arguments.
    if (name == "__init__" && is(object_node, "call") &&
        text_of(field(object_node, "function"), source_) == "super") {
      Args args = eval_arguments(arguments);
      return keras_super_init(args, at);
    }
    Value object = eval(object_node);
    Args args = eval_arguments(arguments);
    if (object.kind == Kind::kModule)
      return call_library(canonical(object.text + "." + name), args, at);
    return call_method(object, name, args, at);
  }
  Value callee = eval(function);
  Args args = eval_arguments(arguments);
  return call(callee, args, at);
}

Interpreter::Args Interpreter::eval_arguments(TSNode arguments) {
  Args args;
  if (ts_node_is_null(arguments)) return args;
  if (is(arguments, "generator_expression")) {  // f(x for x in xs)
    args.positional.push_back(eval_comprehension(arguments, Kind::kList));
    return args;
  }
  for (TSNode argument : named_children(arguments)) {
    if (is(argument, "keyword_argument")) {
      std::string name(text_of(field(argument, "name"), source_));
      TSNode callee = field(ts_node_parent(arguments), "function");
      out_.cues.keyword(name, ts_node_is_null(callee) ? "" : text_of(callee, source_));
      args.keywords.emplace_back(std::move(name), eval(field(argument, "value")));
    } else if (is(argument, "list_splat")) {
      std::vector<TSNode> inner = named_children(argument);
      auto all = iterate(inner.empty() ? none(0) : eval(inner[0]));
      if (all)
        args.positional.insert(args.positional.end(), all->begin(), all->end());
      else
        args.complete = false;
    } else if (is(argument, "dictionary_splat")) {
      std::vector<TSNode> inner = named_children(argument);
      Value dict = inner.empty() ? none(0) : eval(inner[0]);
      if (dict.kind != Kind::kDict) {
        args.complete = false;
        continue;
      }
      for (size_t i = 0; i < dict.keys->size(); ++i)
        args.keywords.emplace_back((*dict.keys)[i], (*dict.items)[i]);
    } else {
      args.positional.push_back(eval(argument));
    }
  }
  return args;
}

Value Interpreter::call(const Value& callee, Args& args, uint32_t offset) {
  switch (callee.kind) {
    case Kind::kModule: return call_library(callee.text, args, offset);
    case Kind::kFunction: return call_function(*callee.function, args, offset);
    case Kind::kLayer: return call_layer(callee, args, offset);
    case Kind::kModel: return call_model(callee, args, offset);
    case Kind::kClass: return instantiate(callee, args, offset);
    case Kind::kInstance:
      if (callee.model) return call_subclass(callee, args, offset);
      if (callee.layer) return call_custom_layer(callee, args, offset);
      return unknown(fmt::format("the result of calling {}", describe(callee)), offset);
    case Kind::kUnknown: return moved(callee, offset);  // what it depends on says why
    default: return unknown(fmt::format("the result of calling {}", describe(callee)), offset);
  }
}

Value Interpreter::instantiate(const Value& class_value, Args& args, uint32_t offset) {
  const ClassObject& c = *class_value.class_object;
  if (c.custom_layer) return make_custom_layer(class_value, args, offset);
  if (c.keras_layer) return construct_layer(c.name, args, offset);
  if (auto record = make_record(class_value, args, offset)) return *record;
  Value v;
  v.kind = Kind::kInstance;
  v.class_object = class_value.class_object;
  v.offset = offset;
  v.attributes = new_scope(nullptr);
  if (c.keras_model) {  // the model it stands for, made of its call() when it is traced
    auto model = std::make_shared<ModelObject>();
    model->id = next_id_++;
    model->sequential = false;
    model->offset = offset;
    model->subclass = class_value.class_object;
    const Value* name = args.keyword("name");
    model->name = name && name->kind == Kind::kStr ? name->text : keras_name(c.name);
    v.model = model;
  }
  if (Value init = member_of(v, "__init__", offset); init.kind == Kind::kFunction)
    call(init, args, offset);
  else if (c.keras_model)  // Keras' own constructor: MyModel(inputs, outputs) is functional
    init_functional(v, args, offset);
  return v;
}

Value Interpreter::call_function(const FunctionObject& function, Args& args, uint32_t offset) {
  if (function.wrapped) return call_partial(function, args, offset);
  if (!function.self) return run_function(function, args, offset);
  Args with_self = args;  // a bound method: its object is the first argument
  with_self.positional.insert(with_self.positional.begin(), *function.self);
  return run_function(function, with_self, offset);
}

Value Interpreter::run_function(const FunctionObject& function, Args& args, uint32_t offset) {
  if (call_depth_ >= kMaxCallDepth)
    return unknown(fmt::format("calls of '{}' nested too deeply", function.name), offset);
  auto scope = new_scope(function.closure);
  bool is_lambda = is(function.definition, "lambda");
  TSNode parameters = field(function.definition, "parameters");
  size_t next = 0;
  std::vector<std::string> taken;
  if (!ts_node_is_null(parameters)) {
    for (TSNode parameter : named_children(parameters)) {
      std::string_view type = type_of(parameter);
      if (type == "list_splat_pattern" || type == "dictionary_splat_pattern") {
        std::vector<TSNode> inner = named_children(parameter);
        if (inner.empty()) continue;
        std::string name(text_of(inner[0], source_));
        if (type == "list_splat_pattern") {
          std::vector<Value> rest;
          while (next < args.positional.size()) rest.push_back(args.positional[next++]);
          scope->vars[name] = sequence(Kind::kTuple, std::move(rest), offset);
        } else {
          Value dict = sequence(Kind::kDict, {}, offset);
          dict.keys = std::make_shared<std::vector<std::string>>();
          for (const auto& [key, value] : args.keywords)
            if (std::find(taken.begin(), taken.end(), key) == taken.end()) {
              dict.keys->push_back(key);
              dict.items->push_back(value);
            }
          scope->vars[name] = dict;
        }
        continue;
      }
      TSNode name_node = type == "identifier" ? parameter : field(parameter, "name");
      if (type == "typed_parameter") {
        std::vector<TSNode> inner = named_children(parameter);
        name_node = inner.empty() ? TSNode{} : inner[0];
      }
      if (ts_node_is_null(name_node) || !is(name_node, "identifier")) continue;
      std::string name(text_of(name_node, source_));
      taken.push_back(name);
      if (const Value* given = args.keyword(name)) {
        scope->vars[name] = *given;
      } else if (next < args.positional.size()) {
        scope->vars[name] = args.positional[next++];
      } else if (auto it = function.defaults.find(name); it != function.defaults.end()) {
        scope->vars[name] = it->second;
      } else if (is_lambda && !ts_node_is_null(field(parameter, "value"))) {
        scope->vars[name] = eval(field(parameter, "value"));
      } else {
        scope->vars[name] =
            unknown(fmt::format("parameter '{}' of '{}', not given", name, function.name), offset);
      }
    }
  }
  auto saved_scope = scope_;
  scope_ = scope;
  ++call_depth_;
  Value result = none(offset);
  if (is_lambda) {
    result = eval(field(function.definition, "body"));
  } else {
    int saved_frame = frame_uncertain_;
    auto saved_maybe = std::move(maybe_return_);
    frame_uncertain_ = uncertain_;
    maybe_return_.reset();
    yields_.emplace_back();
    Flow flow = exec_block(field(function.definition, "body"));
    if (flow == Flow::kReturn)
      result = std::move(return_value_);
    else if (maybe_return_)
      result = unknown(fmt::format("'{}', which returns under {}", function.name,
                                   "a condition computed at run time"),
                       offset);
    result = generator_result(function.definition, std::move(result), offset);
    frame_uncertain_ = saved_frame;
    maybe_return_ = std::move(saved_maybe);
  }
  --call_depth_;
  scope_ = saved_scope;
  called_.insert(function.definition.id);
  return result;
}

void Interpreter::run_uncalled_functions() {
  // A file that only defines its model in a function (and calls it from elsewhere) is read as if
  // each function were called once: with its defaults, the parameters without one being values
  // dimsum cannot know (what the caller passes).
  for (const auto& function : defined_) {
    if (called_.count(function->definition.id) || out_.stopped) continue;
    Args none_given;
    call_function(*function, none_given, start_of(function->definition));
  }
}

Value Interpreter::call_method(const Value& object, const std::string& method, Args& args,
                               uint32_t offset) {
  if (auto result = stdlib_method(object, method, args, offset)) return *result;
  switch (object.kind) {
    case Kind::kModel: return model_method(object, method, args, offset);
    case Kind::kData: return data_method(object, method, args, offset);
    case Kind::kDataset: return dataset_method(object, method, args, offset);
    case Kind::kList: return list_method(object, method, args, offset);
    case Kind::kTensor: return tensor_method(object, method, args, offset);
    case Kind::kTuple:
      if (object.text == "TensorShape" && method == "as_list") {
        Value list = sequence(Kind::kList, *object.items, offset);
        return list;
      }
      return unknown(fmt::format("{}.{}(...)", describe(object), method), offset);
    case Kind::kDict: {
      const Value* key = args.get(0, "key");
      if (method == "get" && key && key->kind == Kind::kStr) {
        for (size_t i = 0; i < object.keys->size(); ++i)
          if ((*object.keys)[i] == key->text) return (*object.items)[i];
        const Value* fallback = args.get(1, "default");
        return fallback ? *fallback : none(offset);
      }
      return unknown(fmt::format("dict.{}(...)", method), offset);
    }
    case Kind::kUnknown: return moved(object, offset);
    case Kind::kModule:  // an object kept as its path: encoder.fit_transform(y)
      return call_library(canonical(object.text + "." + method), args, offset);
    case Kind::kClass:
    case Kind::kInstance:
      // A keras.Model subclass's own methods run as written; Keras' (fit, compile, ...) are
      // the model's it stands for.
      if (object.kind == Kind::kInstance && object.model) {
        if (!has_member(object, method)) return subclass_method(object, method, args, offset);
        if (method == "build") {  // its own build(input_shape), then call() on that shape
          object.model->built = true;
          call(member_of(object, method, offset), args, offset);
          const Value* shape = args.get(0, "input_shape");
          if (auto dims = shape ? as_shape(*shape) : std::nullopt)
            trace_subclass(object, data(dims, shape->offset), offset);
          return none(offset);
        }
      }
      // Keras' own Layer methods on a keras.layers.Layer subclass.
      if (object.kind == Kind::kInstance && object.layer && !has_member(object, method)) {
        if (method == "add_weight" || method == "add_variable")
          return add_weight(object, args, offset);
        return unknown(fmt::format("the result of Layer.{}()", method), offset);
      }
      if (object.class_object->members || object.attributes) {
        Value callee = member_of(object, method, offset);
        return call(callee, args, offset);
      }
      return unknown(fmt::format("{}.{}(...)", describe(object), method), offset);
    default: return unknown(fmt::format("{}.{}(...)", describe(object), method), offset);
  }
}

Value Interpreter::list_method(const Value& list, const std::string& method, Args& args,
                               uint32_t offset) {
  std::vector<Value>& items = *list.items;
  if (list.repeat) return unknown(fmt::format("list.{}(...)", method), offset);
  if (method == "append" && args.positional.size() == 1) {
    items.push_back(args.positional[0]);
    return none(offset);
  }
  if (method == "extend" && args.positional.size() == 1) {
    if (auto all = iterate(args.positional[0]))
      items.insert(items.end(), all->begin(), all->end());
    else  // items dimsum cannot count: the list is unknown from here on, wherever it is named
      forget_list(
          list,
          fmt::format("a list extended on {} by {}", line_of(offset), describe(args.positional[0])),
          offset);
    return none(offset);
  }
  if (method == "insert" && args.positional.size() == 2 && args.positional[0].kind == Kind::kInt) {
    int64_t n = static_cast<int64_t>(items.size());
    int64_t i = std::clamp<int64_t>(args.positional[0].integer < 0 ? args.positional[0].integer + n
                                                                   : args.positional[0].integer,
                                    0, n);
    items.insert(items.begin() + i, args.positional[1]);
    return none(offset);
  }
  if (method == "pop" && !items.empty() && args.positional.empty()) {
    Value last = items.back();
    items.pop_back();
    return last;
  }
  if (method == "copy") return sequence(Kind::kList, items, offset);
  return unknown(fmt::format("list.{}(...)", method), offset);
}

void Interpreter::forget_list(const Value& list, const std::string& why, uint32_t offset) {
  // Held here: `list` may be one of the values replaced.
  std::shared_ptr<std::vector<Value>> items = list.items;
  for (Scope* scope = scope_.get(); scope; scope = scope->parent.get())
    for (auto& [name, value] : scope->vars)
      if (value.is_sequence() && value.items == items) value = unknown(why, offset);
}

std::string Interpreter::describe(const Value& v) const {
  switch (v.kind) {
    case Kind::kUnknown: return v.text;
    case Kind::kModule: return v.text;
    case Kind::kData: return "an array";
    case Kind::kDataset: return "a dataset";
    case Kind::kLayer: return fmt::format("layer '{}'", v.layer->name);
    case Kind::kModel: return fmt::format("model '{}'", v.model->name);
    case Kind::kTensor: return "a symbolic tensor";
    case Kind::kFunction: return fmt::format("'{}'", v.function->name);
    case Kind::kClass:
    case Kind::kInstance: return fmt::format("an object of class '{}'", v.class_object->name);
    default: return "a value";
  }
}

}  // namespace dimsum::python
