// Python's standard library where configuration lives: argparse defaults, os.environ defaults,
// functools.partial, dataclasses, collections.namedtuple / typing.NamedTuple and
// types.SimpleNamespace. Each as Python documents it; what only the command line or the
// environment can tell is taken at the default the code gives (the run without arguments, with
// the variable unset), or is unknown when the code gives none.
#include <fmt/format.h>

#include <algorithm>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

namespace {

// An object of a class of the standard library: its name has a dot, which no class of the
// source can have.
Value library_object(std::string class_name, std::shared_ptr<Scope> attributes, uint32_t offset) {
  auto c = std::make_shared<ClassObject>();
  c->name = std::move(class_name);
  c->offset = offset;
  Value v;
  v.kind = Kind::kInstance;
  v.class_object = std::move(c);
  v.attributes = std::move(attributes);
  v.offset = offset;
  return v;
}

bool is_library_object(const Value& v, std::string_view class_name) {
  return v.kind == Kind::kInstance && v.class_object && v.class_object->name == class_name;
}

// int(text) and float(text) as Python reads a string: surrounding whitespace, a sign, digits
// with single underscores between them; nullopt for anything else.
std::string python_number_text(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '_') {
      out += text[i];
      continue;
    }
    bool between = i > 0 && i + 1 < text.size() &&
                   std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                   std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (!between) return "";
  }
  return out;
}

}  // namespace

std::optional<int64_t> parse_int_text(std::string_view text) {
  std::string digits = python_number_text(text);
  size_t start = !digits.empty() && (digits[0] == '-' || digits[0] == '+') ? 1 : 0;
  if (start == digits.size() || digits.size() - start > 18) return std::nullopt;
  for (size_t i = start; i < digits.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(digits[i]))) return std::nullopt;
  return std::stoll(digits);
}

std::optional<double> parse_float_text(std::string_view text) {
  std::string number = python_number_text(text);
  if (number.empty()) return std::nullopt;
  // Decimal notation only: strtod also reads hexadecimal floats, which Python's float() rejects.
  for (char c : number)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'e' && c != 'E' &&
        c != '+' && c != '-')
      return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size()) return std::nullopt;
  return d;
}

// ---- argparse -------------------------------------------------------------------------------

namespace {

// The attribute add_argument stores an option under: dest=, else the first long option (or
// the first short one) without its dashes, inner dashes as underscores; a positional's name.
std::string option_dest(const Interpreter::Args& args) {
  if (const Value* dest = args.keyword("dest"); dest && dest->kind == Kind::kStr) return dest->text;
  std::string chosen;
  for (const Value& name : args.positional) {
    if (name.kind != Kind::kStr || name.text.empty()) return "";
    if (name.text[0] != '-') return name.text;
    bool long_option = name.text.starts_with("--");
    if (chosen.empty() || long_option) {
      chosen = name.text.substr(name.text.find_first_not_of('-') == std::string::npos
                                    ? name.text.size()
                                    : name.text.find_first_not_of('-'));
      std::replace(chosen.begin(), chosen.end(), '-', '_');
      if (long_option) break;
    }
  }
  return chosen;
}

}  // namespace

// argparse parses a string default as if the command line gave it: with the option's type=.
Value Interpreter::option_default(const Value& value, const Value* type, uint32_t offset) {
  if (value.kind != Kind::kStr || !type || type->kind == Kind::kNone) return value;
  std::string name = type->kind == Kind::kModule ? type->text : "";
  if (name == "builtins.str") return value;
  if (name == "builtins.int")
    if (auto i = parse_int_text(value.text)) return integer(*i, offset);
  if (name == "builtins.float")
    if (auto d = parse_float_text(value.text)) return real(*d, offset);
  return unknown(fmt::format("the default '{}' of an option, read by its type=", value.text),
                 offset);
}

Value Interpreter::add_argument(const Value& parser, Args& args, uint32_t offset) {
  std::string dest = option_dest(args);
  if (dest.empty()) return unknown("an option dimsum cannot name", offset);
  const Value* positional = args.positional.empty() ? nullptr : &args.positional[0];
  bool is_positional = positional && !positional->text.starts_with("-");
  const Value* nargs = args.keyword("nargs");
  bool optional_positional =
      nargs && nargs->kind == Kind::kStr && (nargs->text == "?" || nargs->text == "*");
  const Value* required = args.keyword("required");
  bool must_be_given = (is_positional && !optional_positional) ||
                       (required && (required->kind != Kind::kBool || required->boolean));
  auto& vars = parser.attributes->vars;
  const Value* given = args.keyword("default");
  std::string option = positional ? positional->text : dest;
  if (must_be_given) {
    vars[dest] =
        unknown(fmt::format("'{}', an argument the command line must give", option), offset);
  } else if (given) {
    vars[dest] = option_default(*given, args.keyword("type"), offset);
  } else if (!vars.count(dest)) {  // set_defaults() may have given it
    vars[dest] = unknown(
        fmt::format("'{}', an option read from the command line, with no default in the code",
                    option),
        offset);
  }
  return none(offset);
}

std::optional<Value> Interpreter::parser_method(const Value& parser, const std::string& method,
                                                Args& args, uint32_t offset) {
  if (method == "add_argument") return add_argument(parser, args, offset);
  if (method == "add_argument_group" || method == "add_mutually_exclusive_group")
    return parser;  // its options are the parser's
  if (method == "set_defaults") {
    for (const auto& [key, value] : args.keywords) parser.attributes->vars[key] = value;
    return none(offset);
  }
  if (method != "parse_args" && method != "parse_known_args")
    return unknown(fmt::format("ArgumentParser.{}(...)", method), offset);
  // The run without arguments: each option at its default. A list given in the code (other
  // than an empty one) is not parsed.
  const Value* given = args.get(0, "args");
  if (given && given->kind != Kind::kNone && !(given->is_sequence() && given->length() == 0))
    return unknown("the options parsed from a list in the code", offset);
  auto attributes = new_scope(nullptr);
  attributes->vars = parser.attributes->vars;
  Value space = library_object("argparse.Namespace", attributes, offset);
  if (method == "parse_args") return space;
  return sequence(Kind::kTuple, {space, sequence(Kind::kList, {}, offset)}, offset);
}

// ---- os.environ, SimpleNamespace, namedtuple, dataclasses, partial ----------------------------

namespace {

// namedtuple's field names: a list of strings, or one string of names separated by commas or
// spaces; typing.NamedTuple's list of (name, type) pairs. Empty when dimsum cannot read them.
std::vector<std::string> field_names(const Value& v) {
  std::vector<std::string> names;
  if (v.kind == Kind::kStr) {
    std::string name;
    for (char c : v.text + " ") {
      if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
        if (!name.empty()) names.push_back(std::move(name));
        name.clear();
      } else {
        name += c;
      }
    }
    return names;
  }
  if (!v.is_sequence() || v.repeat) return {};
  for (int64_t i = 0; i < v.length(); ++i) {
    const Value& item = v.item(i);
    const Value* name = &item;
    if (item.kind == Kind::kTuple && item.length() == 2) name = &item.item(0);
    if (name->kind != Kind::kStr) return {};
    names.push_back(name->text);
  }
  return names;
}

}  // namespace

Value Interpreter::make_named_tuple_class(Args& args, uint32_t offset) {
  const Value* type_name = args.get(0, "typename");
  const Value* names = args.get(1, "field_names");
  if (!names) names = args.get(1, "fields");
  if (!type_name || type_name->kind != Kind::kStr || !names)
    return unknown("a namedtuple dimsum cannot read", offset);
  auto c = std::make_shared<ClassObject>();
  c->name = type_name->text;
  c->offset = offset;
  c->named_tuple = true;
  c->fields = field_names(*names);
  if (c->fields.empty()) return unknown("a namedtuple whose fields dimsum cannot read", offset);
  // defaults= applies to the last fields.
  if (const Value* defaults = args.keyword("defaults"); defaults && defaults->kind != Kind::kNone) {
    if (!defaults->is_sequence() || defaults->repeat ||
        defaults->length() > static_cast<int64_t>(c->fields.size()))
      return unknown("a namedtuple whose defaults dimsum cannot read", offset);
    size_t first = c->fields.size() - static_cast<size_t>(defaults->length());
    for (int64_t i = 0; i < defaults->length(); ++i)
      c->field_defaults.emplace_back(c->fields[first + static_cast<size_t>(i)], defaults->item(i));
  }
  Value v;
  v.kind = Kind::kClass;
  v.class_object = std::move(c);
  v.offset = offset;
  return v;
}

Value Interpreter::make_partial(Args& args, uint32_t offset) {
  if (args.positional.empty() || !args.complete)
    return unknown("a functools.partial dimsum cannot read", offset);
  auto partial = std::make_shared<FunctionObject>();
  partial->name = fmt::format("partial({})", describe(args.positional[0]));
  partial->wrapped = std::make_shared<Value>(args.positional[0]);
  partial->bound_positional.assign(args.positional.begin() + 1, args.positional.end());
  partial->bound_keywords = args.keywords;
  Value v;
  v.kind = Kind::kFunction;
  v.function = std::move(partial);
  v.offset = offset;
  return v;
}

// A partial's call: its own positional arguments first, then the call's; the call's keywords
// override its own.
Value Interpreter::call_partial(const FunctionObject& partial, Args& args, uint32_t offset) {
  Args merged;
  merged.complete = args.complete;
  merged.positional = partial.bound_positional;
  merged.positional.insert(merged.positional.end(), args.positional.begin(), args.positional.end());
  for (const auto& [key, value] : partial.bound_keywords)
    if (!args.keyword(key)) merged.keywords.emplace_back(key, value);
  merged.keywords.insert(merged.keywords.end(), args.keywords.begin(), args.keywords.end());
  return call(*partial.wrapped, merged, offset);
}

std::optional<Value> Interpreter::stdlib_call(const std::string& path, Args& args,
                                              uint32_t offset) {
  if (path == "functools.partial") return make_partial(args, offset);
  // The environment at the default the code gives: the variable unset.
  if (path == "os.environ.get" || path == "os.getenv" || path == "os.environ.setdefault") {
    const Value* fallback = args.get(1, path == "os.getenv" ? "default" : "value");
    const Value* key = args.get(0, "key");
    std::string name = key && key->kind == Kind::kStr ? key->text : "a variable";
    if (!fallback)
      return unknown(fmt::format("the environment variable {}, with no default in the code", name),
                     offset);
    return *fallback;
  }
  if (path == "argparse.ArgumentParser")
    return library_object("argparse.ArgumentParser", new_scope(nullptr), offset);
  if (path == "argparse.Namespace" || path == "types.SimpleNamespace") {
    auto attributes = new_scope(nullptr);
    const Value* from = args.positional.empty() ? nullptr : &args.positional[0];
    if (from && from->kind == Kind::kDict)  // SimpleNamespace(mapping) (Python 3.13)
      for (size_t i = 0; i < from->keys->size(); ++i)
        attributes->vars[(*from->keys)[i]] = (*from->items)[i];
    for (const auto& [key, value] : args.keywords) attributes->vars[key] = value;
    if (!args.complete) return unknown("a namespace of arguments dimsum cannot expand", offset);
    return library_object(std::string(last_part(path)) == "Namespace" ? "argparse.Namespace"
                                                                      : "types.SimpleNamespace",
                          attributes, offset);
  }
  if (path == "collections.namedtuple" || path == "typing.NamedTuple")
    return make_named_tuple_class(args, offset);
  if (path == "dataclasses.field") {  // a field's default, or its default_factory
    if (const Value* value = args.keyword("default")) return *value;
    if (const Value* factory = args.keyword("default_factory")) {
      Value marker = module("dataclasses.field()", offset);
      marker.items = std::make_shared<std::vector<Value>>(1, *factory);
      return marker;
    }
    return module("dataclasses.field()", offset);  // a field without a default
  }
  return std::nullopt;
}

std::optional<Value> Interpreter::stdlib_method(const Value& object, const std::string& method,
                                                Args& args, uint32_t offset) {
  if (is_library_object(object, "argparse.ArgumentParser"))
    return parser_method(object, method, args, offset);
  return std::nullopt;
}

// ---- classes whose fields make their __init__ -----------------------------------------------

void Interpreter::record_fields(TSNode definition, ClassObject& object) {
  TSNode parent = ts_node_parent(definition);
  if (is(parent, "decorated_definition"))
    for (TSNode decorator : named_children(parent)) {
      if (!is(decorator, "decorator")) continue;
      std::vector<TSNode> inner = named_children(decorator);
      if (inner.empty()) continue;
      TSNode expression = is(inner[0], "call") ? field(inner[0], "function") : inner[0];
      Value v = eval(expression);
      object.dataclass =
          object.dataclass || (v.kind == Kind::kModule && v.text == "dataclasses.dataclass");
    }
  if (!object.dataclass && !object.named_tuple) return;
  for (const auto& base : object.bases)  // a dataclass's fields follow its bases'
    if (base->dataclass) {
      object.fields = base->fields;
      object.field_defaults = base->field_defaults;
    }
  // The fields are the body's annotated names (x: int = 1), ClassVars aside.
  for (TSNode statement : named_children(field(definition, "body"))) {
    std::vector<TSNode> parts = named_children(statement);
    if (!is(statement, "expression_statement") || parts.empty() || !is(parts[0], "assignment"))
      continue;
    TSNode assignment = parts[0];
    TSNode type = field(assignment, "type");
    TSNode target = field(assignment, "left");
    if (ts_node_is_null(type) || !is(target, "identifier")) continue;
    std::string_view annotation = text_of(type, source_);
    if (annotation.starts_with("ClassVar") || annotation.starts_with("typing.ClassVar")) continue;
    std::string name(text_of(target, source_));
    if (std::find(object.fields.begin(), object.fields.end(), name) == object.fields.end())
      object.fields.push_back(name);
    std::erase_if(object.field_defaults, [&](const auto& d) { return d.first == name; });
    if (!object.members) continue;
    auto member = object.members->vars.find(name);
    if (member == object.members->vars.end()) continue;
    bool no_default = member->second.kind == Kind::kModule &&
                      member->second.text == "dataclasses.field()" && !member->second.items;
    if (!no_default) object.field_defaults.emplace_back(name, member->second);
    // A field made by field(default_factory=...) or without a default is no class attribute.
    if (member->second.kind == Kind::kModule && member->second.text == "dataclasses.field()")
      object.members->vars.erase(member);
  }
}

// The class whose generated __init__ an object of `c` runs: `c` or a base, when it is a
// dataclass or a named tuple and no class before it defines __init__; nullptr otherwise.
const ClassObject* Interpreter::record_class(const ClassObject& c, int depth) const {
  if (depth > kMaxNesting) return nullptr;
  if (c.members && c.members->vars.count("__init__")) return nullptr;
  if (c.dataclass || c.named_tuple) return &c;
  for (const auto& base : c.bases)
    if (const ClassObject* found = record_class(*base, depth + 1)) return found;
  return nullptr;
}

// The values the generated __init__ gives the fields: by position, then by keyword, then the
// defaults; nullopt when the call does not match (Python raises a TypeError).
std::optional<std::vector<Value>> Interpreter::field_values(const ClassObject& c, Args& args,
                                                            uint32_t offset) {
  if (!args.complete || args.positional.size() > c.fields.size()) return std::nullopt;
  std::vector<Value> values;
  for (size_t i = 0; i < c.fields.size(); ++i) {
    const std::string& name = c.fields[i];
    if (i < args.positional.size()) {
      if (args.keyword(name)) return std::nullopt;
      values.push_back(args.positional[i]);
      continue;
    }
    if (const Value* given = args.keyword(name)) {
      values.push_back(*given);
      continue;
    }
    auto d = std::find_if(c.field_defaults.begin(), c.field_defaults.end(),
                          [&](const auto& entry) { return entry.first == name; });
    if (d == c.field_defaults.end()) return std::nullopt;
    if (d->second.kind == Kind::kModule && d->second.items && !d->second.items->empty()) {
      Args none_given;  // a default_factory, called for each object
      values.push_back(call(d->second.items->front(), none_given, offset));
    } else {
      values.push_back(d->second);
    }
  }
  for (const auto& [key, value] : args.keywords)
    if (std::find(c.fields.begin(), c.fields.end(), key) == c.fields.end()) return std::nullopt;
  return values;
}

std::optional<Value> Interpreter::make_record(const Value& class_value, Args& args,
                                              uint32_t offset) {
  const ClassObject* c = record_class(*class_value.class_object, 0);
  if (!c) return std::nullopt;
  auto values = field_values(*c, args, offset);
  if (!values)
    return unknown(fmt::format("an object of class '{}' made with arguments its fields do not take",
                               class_value.class_object->name),
                   offset);
  if (c->named_tuple) {  // a tuple whose items are also named
    Value v = sequence(Kind::kTuple, std::move(*values), offset);
    v.keys = std::make_shared<std::vector<std::string>>(c->fields);
    return v;
  }
  Value v;
  v.kind = Kind::kInstance;
  v.class_object = class_value.class_object;
  v.offset = offset;
  v.attributes = new_scope(nullptr);
  for (size_t i = 0; i < c->fields.size(); ++i) v.attributes->vars[c->fields[i]] = (*values)[i];
  if (Value post = member_of(v, "__post_init__", offset); post.kind == Kind::kFunction) {
    Args none_given;
    call(post, none_given, offset);
  }
  return v;
}

}  // namespace dimsum::python
