#!/usr/bin/env python3
"""Group what dimsum could not follow in a measure.py --out file, by cause, most frequent first.

usage: tally_notes.py RESULTS.json [--files DIR] [--examples N] [--kind py|ipynb] [--coarse]

Each note, warning and "not checked" reason is reduced to its message with names and numbers blanked
out, so one cause is one class. A site is one file:line; a program run twice (fit, then evaluate)
repeats its notes, so classes are ranked by sites, not by raw count. Three classes are split further by
reading the program (from DIR, default /work/corpus/files, where measure.py leaves them):
- a layer class dimsum does not know: defined in the file as a Layer/Model subclass, or not;
- a subclassed model without an input shape: how the program uses its class (never makes one, fits it,
  calls it in its own loop, ...);
- a file with no model to follow: what the file defines instead.
A result left incomplete with no note and no reason is counted as "silent".
--kind keeps the files of one kind (the suffix of their path: py, ipynb); --coarse also blanks dotted
names (keras.applications.vgg16.VGG16, pandas.read_csv), so one cause is one class whatever it names.
"""
import argparse
import collections
import json
import pathlib
import re
import sys

QUOTED = re.compile(r"'[^']*'")
NUMBER = re.compile(r"\b\d+\b")
DOTTED = re.compile(r"\b[A-Za-z_]\w*(\.[A-Za-z_]\w*)+\b")
SUBCLASS = re.compile(r"^class\s+(\w+)\s*\(([^)]*)\)", re.M)


COARSE = False


def template(message):
    message = NUMBER.sub("N", QUOTED.sub("'X'", message))
    return DOTTED.sub("NAME", message) if COARSE else message


def local_name(entry):
    return "__".join([*entry["repo"].split("/"), *entry["path"].split("/")])


def read_source(files, entry):
    try:
        return (files / local_name(entry)).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def keras_bases(source):
    """Classes of the file whose bases name a Keras Layer or Model: name -> 'Layer' or 'Model'."""
    found = {}
    for name, bases in SUBCLASS.findall(source):
        if re.search(r"\bModel\b", bases):
            found[name] = "Model"
        elif re.search(r"\bLayer\b|\blayers\.[A-Z]\w*", bases):
            found[name] = "Layer"
    # A class deriving from one of the file's own Layer/Model classes is one too.
    for _ in range(3):
        for name, bases in SUBCLASS.findall(source):
            for base in re.split(r"\s*,\s*", bases):
                if name not in found and base.split(".")[-1] in found:
                    found[name] = found[base.split(".")[-1]]
    return found


def unknown_layer_cause(source, cls):
    kind = keras_bases(source).get(cls)
    if kind:
        return f"a {kind} subclass defined in the file, used as a layer"
    if re.search(rf"^\s*(from\s+\S+\s+)?import\b.*\b{cls}\b", source, re.M):
        return "a class imported from another module"
    return "a class neither defined in the file nor imported by name"


def instances(source, cls):
    """Variables the program binds to a new object of the class (v = Cls(...), self.v = Cls(...))."""
    return set(re.findall(rf"^\s*([\w.]+)\s*=\s*{cls}\s*\(", source, re.M))


def unfed_model_cause(source, cls):
    made = [m.start() for m in re.finditer(rf"(?<![\w.]){cls}\s*\(", source)
            if not source[:m.start()].rstrip().endswith("class")]
    made = [p for p in made if not re.match(r"\s*super", source[p - 6:p])]
    if not made:
        return "the class is never instantiated in the file (a module others import)"
    names = instances(source, cls)
    if not names:
        return "an object is made but not bound to a name (returned by a factory, passed on)"
    uses = "|".join(re.escape(n) for n in names)
    # Only what the program does after it makes the object counts (a name may be reused).
    source = source[made[0]:]
    if re.search(rf"(?<![\w.])({uses})\.build\s*\(", source):
        return "the program calls build() with a shape dimsum cannot read"
    if re.search(rf"(?<![\w.])({uses})\.fit\s*\(", source):
        return "the program fits it on data whose shape dimsum cannot follow (tf.data pipeline, generator)"
    if re.search(rf"(?<![\w.])({uses})\s*\(", source):
        if "GradientTape" in source:
            return "the program calls it in its own training loop (GradientTape) on data of unknown shape"
        return "the program calls it on a value of unknown shape"
    return "an object is made but never fed nor built"


def no_model_cause(source):
    kinds = collections.Counter(keras_bases(source).values())
    if not kinds:
        return "the file defines no Layer/Model subclass (functions building models that are never called)"
    if kinds["Model"] == 0:
        what = "only Layer subclasses"
        if "add_weight" in source or "self.add_variable" in source:
            what += " (with add_weight)"
        return f"the file defines {what}, no model"
    return "the file defines Model subclasses that no code instantiates"


def classify(item, source):
    message, base = item["message"], template(item["message"])
    if item.get("code") == "DS0101" and "does not know the layer class" in message:
        cls = QUOTED.search(message).group(0).strip("'")
        return f"{base} -- {unknown_layer_cause(source, cls)}"
    if "is a subclassed model" in message and "no object of it is given an input shape" in message:
        cls = QUOTED.search(message).group(0).strip("'")
        return f"subclassed model without an input shape -- {unfed_model_cause(source, cls)}"
    if "no Keras model it can follow" in message:
        return f"{base} -- {no_model_cause(source)}"
    return base


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--files", default="/work/corpus/files")
    parser.add_argument("--examples", type=int, default=1)
    parser.add_argument("--kind", help="only files whose path ends in .KIND (py, ipynb)")
    parser.add_argument("--coarse", action="store_true", help="blank dotted names out too")
    args = parser.parse_args()
    global COARSE
    COARSE = args.coarse
    entries = [e for e in json.load(open(args.results))
               if not args.kind or e["path"].endswith(f".{args.kind}")]
    files = pathlib.Path(args.files)
    counts, sites, in_files = (collections.Counter(), collections.defaultdict(set),
                               collections.defaultdict(set))
    for entry in entries:
        source = read_source(files, entry)
        where = f"{entry['repo']}/{entry['path']}"
        for result in entry.get("results", []):
            for note in result.get("notes", []):
                key = f"[{note.get('code')} {note['severity']}] {classify(note, source)}"
                counts[key] += 1
                sites[key].add(f"{where}:{note.get('line')}")
                in_files[key].add(where)
            if (not result.get("complete", True) and not result.get("notes")
                    and not result.get("unchecked")):
                key = "[silent] layers left unchecked with no note or reason saying why"
                counts[key] += 1
                sites[key].add(f"{where} (model {result.get('model')}: "
                               f"{', '.join(result.get('unchecked_layers', []))})")
                in_files[key].add(where)
            for reason in result.get("unchecked", []):
                key = f"[not checked] {template(reason)}"
                counts[key] += 1
                sites[key].add(f"{where} (model {result.get('model')})")
                in_files[key].add(where)
        if entry.get("exit") not in (0, 1):
            key = f"[exit {entry.get('exit')}] {template((entry.get('stderr') or [''])[0])}"
            counts[key] += 1
            sites[key].add(where)
            in_files[key].add(where)
    print(f"{'sites':>5} {'count':>5} {'files':>5}  class")
    for key in sorted(counts, key=lambda k: (-len(sites[k]), -counts[k], k)):
        print(f"{len(sites[key]):5} {counts[key]:5} {len(in_files[key]):5}  {key}")
        for example in sorted(sites[key])[:args.examples]:
            print(f"{'':19}e.g. {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
