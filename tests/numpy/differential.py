#!/usr/bin/python3
"""NumPy as the oracle for the shapes dimsum infers for arrays.

Generates random array programs (creation, indexing, reshaping, joining, broadcasting
arithmetic, reductions, dtypes, masks, fancy indexing, np.tile, np.repeat; chains of 2 to
5 operations, some of which NumPy rejects), runs each with Debian's python3-numpy and reads
each with dimsum (tests/numpy/shape_probe.cc), and compares the value of the variable `out`. dimsum's answer
must be NumPy's, or honestly unknown (wholly, or some sizes): never a different shape, and no
shape where NumPy raises, even where the sizes depend on the data (a boolean mask, np.where(c)),
which dimsum cannot see: x[mask] + y is unknown, since NumPy may give y's size or raise.

    differential.py --probe build/tests/numpy_shape_probe --seed 1 --count 3000
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

SEPARATOR = "#---"
HEADER = "import numpy as np\n"


class Program:
    """One program under construction: its lines, and the live NumPy values of its variables."""

    def __init__(self, rng, seed):
        self.rng = rng
        self.lines = []
        self.names = {}  # variable -> NumPy value
        self.namespace = {"np": np}
        np.random.seed(seed)
        self.error = None
        self.result = None

    def run(self, name, expression):
        """Adds `name = expression` and runs it; False when NumPy raises (the program ends)."""
        self.lines.append(f"{name} = {expression}")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = eval(expression, self.namespace)
        except Exception as e:  # NumPy's verdict: the program raises
            self.error = f"{type(e).__name__}: {e}"
            return False
        self.namespace[name] = value
        if isinstance(value, (np.ndarray, np.generic)):
            self.names[name] = value
        self.result = value
        return True


    def text(self):
        return HEADER + "\n".join(self.lines) + "\n"


# ---- random parameters ------------------------------------------------------------------------


def size(rng):
    return rng.choice([0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 1000][: 16 if rng.random() < 0.1 else 15])


def shape(rng, low=0, high=4):
    return tuple(size(rng) for _ in range(rng.randint(low, high)))


def shape_text(s):
    return "(" + ", ".join(map(str, s)) + ("," if len(s) == 1 else "") + ")"


def literal(rng, s, kind):
    if not s:
        if kind == "bool":
            return rng.choice(["True", "False"])
        if kind == "int":
            return str(rng.randint(-3, 9))
        return rng.choice(["0.5", "1.0", "-2.25", "3.0"])
    return "[" + ", ".join(literal(rng, s[1:], kind) for _ in range(s[0])) + "]"


def small_shape(rng, high=3):
    while True:
        s = shape(rng, 0, high)
        if int(np.prod(s)) <= 24:
            return s


def dtype_text(rng):
    return rng.choice(["float", "int", "bool", "np.float32", "np.int64", "np.uint8", "np.bool_",
                       "'float32'", "'int32'", "'bool'", "np.float64"])


def axis(rng, rank, extra=0):
    """A valid axis (negative or not), or now and then an invalid one."""
    if rng.random() < 0.04 or rank + extra == 0:
        return rng.choice([rank + extra, -rank - extra - 1, 5])
    a = rng.randrange(rank + extra)
    return a - (rank + extra) if rng.random() < 0.4 else a


def index_value(rng, n):
    if rng.random() < 0.04:
        return rng.choice([n, -n - 1, n + 3])  # out of bounds
    if n == 0:
        return 0
    i = rng.randrange(n)
    return i - n if rng.random() < 0.3 else i


def bound(rng, n):
    return rng.choice([None, None, 0, 1, 2, -1, -2, n, n + 2, -n - 3, 1000, rng.randint(-6, 6)])


def slice_text(rng, n):
    start, stop = bound(rng, n), bound(rng, n)
    step = rng.choice([None, None, None, 1, 2, 3, -1, -2]) if rng.random() > 0.02 else 0
    parts = ["" if start is None else str(start), "" if stop is None else str(stop)]
    text = ":".join(parts)
    if step is not None:
        text += ":" + str(step)
    return text


# ---- creation ---------------------------------------------------------------------------------


def create(p, name):
    rng = p.rng
    s = small_shape(rng)
    kind = rng.random()
    if kind < 0.12:
        return p.run(name, f"np.zeros({shape_text(s)})")
    if kind < 0.2:
        return p.run(name, f"np.ones({shape_text(s)}, dtype={dtype_text(rng)})")
    if kind < 0.32:
        dims = ", ".join(map(str, s))
        return p.run(name, f"np.random.rand({dims})")
    if kind < 0.4:
        return p.run(name, f"np.arange({rng.randint(0, 12)})")
    if kind < 0.48:
        return p.run(name, f"np.arange({rng.randint(-4, 4)}, {rng.randint(-4, 12)}, "
                           f"{rng.choice([1, 2, 3, -1, -2])})")
    if kind < 0.62:
        k = rng.choice(["int", "float", "bool"])
        return p.run(name, f"np.array({literal(rng, s, k)})")
    if kind < 0.7:
        return p.run(name, f"np.random.randint(0, 5, size={shape_text(s)})")
    if kind < 0.76:
        return p.run(name, f"np.eye({rng.randint(0, 5)})")
    if kind < 0.82:
        fill = rng.choice(["0", "1.5", "True", "7"])
        return p.run(name, f"np.full({shape_text(s)}, {fill})")
    if kind < 0.88:
        return p.run(name, f"np.random.rand({', '.join(map(str, s))}) > 0.5")
    if kind < 0.92:
        return p.run(name, f"np.linspace(0, 1, {rng.randint(0, 7)})")
    if kind < 0.96:  # np.eye(k)[y]: one-hot rows picked by integer labels
        k = rng.randint(1, 6)
        labels = shape_text(small_shape(rng, 2))
        return p.run(name, f"np.eye({k})[np.random.randint(0, {k}, size={labels})]")
    if kind < 0.98:
        return p.run(name, f"np.zeros({literal(rng, (rng.randint(0, 4),), 'int')})")  # sizes < 0?
    return p.run(name, f"np.ones({shape_text(s)}, dtype=int)")


# ---- operations on an array -------------------------------------------------------------------


def basic_index(rng, a):
    s = a.shape
    if rng.random() < 0.15 and s:
        return f"[:{rng.choice([1000, 1, 2, 0, -1])}]"
    keys = []
    axis_at = 0  # the next axis a key indexes (approximately, after an ellipsis)
    ellipsis = False
    for _ in range(rng.randint(1, len(s) + 1)):
        r = rng.random()
        room = axis_at < len(s) or rng.random() < 0.03  # rarely, too many indices
        n = s[axis_at] if axis_at < len(s) else 3
        if r < 0.3 and room:
            keys.append(str(index_value(rng, n)))
            axis_at += 1
        elif r < 0.7 and room:
            keys.append(slice_text(rng, n))
            axis_at += 1
        elif r < 0.85 or ellipsis:
            keys.append(rng.choice(["None", "np.newaxis"]))
        elif not ellipsis or rng.random() < 0.1:
            keys.append("...")
            ellipsis = True
            axis_at = len(s)
        else:
            keys.append(":")
            axis_at += 1
    if len(keys) == 1 and rng.random() < 0.5:
        return f"[{keys[0]}]"
    if rng.random() < 0.1:
        return f"[({', '.join(keys)},)]" if all(":" not in k for k in keys) else f"[{', '.join(keys)}]"
    return f"[{', '.join(keys)}]"


def fancy_index(rng, a, name):
    s = a.shape
    if not s:
        return f"[[0]]"
    n = s[0]
    r = rng.random()
    picks = [index_value(rng, n) if n else rng.choice([0, 0, 1]) for _ in range(rng.randint(0, 4))]
    if r < 0.2:
        return f"[{picks}]"
    if r < 0.3:  # an array of indices: values kept in range (dimsum does not see array values)
        good = [i for i in picks if -n <= i < n]
        return f"[np.array({good}, dtype=int)]"
    if r < 0.4 and len(s) >= 2:
        m = s[1]
        cols = [index_value(rng, m) if m else 0 for _ in range(len(picks))]
        if rng.random() < 0.2:
            cols = cols + [0]
        return f"[{picks}, {cols}]"
    if r < 0.5 and len(s) >= 2:
        m = s[1]
        return f"[:, {[index_value(rng, m) if m else 0 for _ in range(rng.randint(1, 3))]}]"
    if r < 0.58 and len(s) >= 3:
        return f"[{index_value(rng, n)}, :, [{index_value(rng, s[2])}]]"
    if r < 0.64:
        return f"[[{picks}]]"  # a 2-D list of indices
    if r < 0.76:  # a comparison mask over the whole array
        return f"[{name} > {name}.mean()]" if a.dtype.kind != "b" else f"[{name}]"
    if r < 0.88:  # a mask for the first axis, of the right length or not
        length = n if rng.random() < 0.85 else n + 1
        return f"[np.array({literal(rng, (length,), 'bool')}, dtype=bool)]"
    if r < 0.94 and len(s) >= 2:
        return f"[:, np.array({literal(rng, (s[1],), 'bool')}, dtype=bool)]"
    return f"[{rng.choice(['True', 'False'])}]"


def factor_shape(rng, total, rank_hint):
    """A reshape target for `total` items, with a -1 sometimes; invalid now and then."""
    dims = []
    left = total
    for _ in range(rank_hint - 1):
        divisors = [d for d in range(1, 7) if left % d == 0] if left else [0, 1, 2]
        d = rng.choice(divisors)
        dims.append(d)
        left = left // d if d else left
    dims.append(left if total else rng.choice([0, 1, 3]))
    if rng.random() < 0.5 and dims:
        dims[rng.randrange(len(dims))] = -1
    if rng.random() < 0.12:
        dims[rng.randrange(len(dims))] += rng.choice([1, 2])
    if rng.random() < 0.03:
        dims = [-1, -1]
    return dims


def other_array(p, a, want):
    """Text of a second operand: an existing variable, or a new array broadcastable with `a`
    (or, now and then, not)."""
    rng = p.rng
    fits = [v for v, x in p.names.items() if x.shape == a.shape or (want != "same" and x.ndim <= 1)]
    if fits and rng.random() < 0.3:
        return rng.choice(fits)
    s = list(a.shape)
    if want == "same" or rng.random() < 0.3:
        t = s
    else:
        t = s[rng.randint(0, len(s)):] if s else []
        t = [1 if rng.random() < 0.3 else d for d in t]
        if rng.random() < 0.3:
            t = [rng.randint(1, 3)] + t
    if rng.random() < 0.05:
        t = [d + 1 for d in t] or [2]
    kind = rng.random()
    if kind < 0.6:
        return f"np.ones({shape_text(tuple(t))})"
    if kind < 0.8:
        return f"np.random.randint(1, 4, size={shape_text(tuple(t))})"
    return f"(np.random.rand({', '.join(map(str, t))}) > 0.5)"


def operation(p, name, source):
    """Adds name = (an operation on variable `source`); False when NumPy raises."""
    rng = p.rng
    a = p.names[source]
    s, r = a.shape, a.ndim
    pick = rng.random()
    if pick < 0.2:
        return p.run(name, f"{source}{basic_index(rng, a)}")
    if pick < 0.3:
        key = fancy_index(rng, a, source)
        return p.run(name, f"{source}{key}")
    if pick < 0.37:
        target = factor_shape(rng, a.size, rng.randint(1, 4))
        form = rng.random()
        if form < 0.4:
            return p.run(name, f"{source}.reshape({', '.join(map(str, target))})")
        if form < 0.7:
            return p.run(name, f"{source}.reshape({shape_text(tuple(target))})")
        if form < 0.85:
            return p.run(name, f"np.reshape({source}, {shape_text(tuple(target))})")
        return p.run(name, f"{source}.reshape(-1)")
    if pick < 0.42:
        if rng.random() < 0.8:
            return p.run(name, f"np.expand_dims({source}, {axis(rng, r, 1)})")
        return p.run(name, f"np.expand_dims({source}, ({axis(rng, r, 2)}, {axis(rng, r, 2)}))")
    if pick < 0.47:
        ones = [i for i, d in enumerate(s) if d == 1]
        form = rng.random()
        if form < 0.3 or (not ones and rng.random() < 0.8):
            return p.run(name, f"np.squeeze({source})")
        if form < 0.5:
            return p.run(name, f"{source}.squeeze()")
        k = rng.choice(ones) if ones and rng.random() < 0.95 else axis(rng, r)
        return p.run(name, f"np.squeeze({source}, axis={k})")
    if pick < 0.53:
        form = rng.random()
        if form < 0.3:
            return p.run(name, f"{source}.T")
        if form < 0.5:
            return p.run(name, f"np.transpose({source})")
        perm = list(range(r))
        rng.shuffle(perm)
        if rng.random() < 0.1:
            perm = perm[:-1] if perm else [0]
        if rng.random() < 0.3:
            perm = [i - r if rng.random() < 0.5 else i for i in perm]
        if form < 0.8:
            return p.run(name, f"np.transpose({source}, {perm})")
        return p.run(name, f"{source}.transpose({', '.join(map(str, perm))})")
    if pick < 0.62:
        other = other_array(p, a, "same")
        fn = rng.choice(["np.stack", "np.concatenate", "np.hstack", "np.vstack"])
        items = [source, other] + ([source] if rng.random() < 0.3 else [])
        if fn == "np.concatenate" and rng.random() < 0.1:
            return p.run(name, f"{fn}([{', '.join(items)}], axis=None)")
        if fn in ("np.stack", "np.concatenate") and rng.random() < 0.7:
            extra = 1 if fn == "np.stack" else 0
            return p.run(name, f"{fn}([{', '.join(items)}], axis={axis(rng, r, extra)})")
        return p.run(name, f"{fn}(({', '.join(items)}))")
    if pick < 0.75:
        op = rng.choice(["+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "@", "<", ">=", "==",
                         "!="])
        if op == "**":
            return p.run(name, f"{source} ** {rng.choice([2, 0.5, 3])}")
        if rng.random() < 0.2:
            scalar = rng.choice(["2", "1.5", "True", "-1"])
            return p.run(name, f"{source} {op} {scalar}" if rng.random() < 0.5
                         else f"{scalar} {op} {source}")
        return p.run(name, f"{source} {op} {other_array(p, a, 'broadcast')}")
    if pick < 0.78:
        return p.run(name, f"{rng.choice(['-', '~', '+'])}{source}")
    if pick < 0.88:
        fn = rng.choice(["sum", "mean", "max", "min", "prod", "argmax", "argmin", "std", "any",
                         "all"])
        args = []
        if rng.random() < 0.75:
            if rng.random() < 0.75 or fn in ("argmax", "argmin"):
                args.append(f"axis={axis(rng, r)}")
            else:
                first, second = axis(rng, r), axis(rng, r)
                if rng.random() < 0.8 and r > 1:
                    second = (first + rng.randrange(1, r)) % r
                args.append(f"axis=({first}, {second})")
        if rng.random() < 0.4:
            args.append(f"keepdims={rng.choice(['True', 'False'])}")
        if rng.random() < 0.5:
            return p.run(name, f"{source}.{fn}({', '.join(args)})")
        return p.run(name, f"np.{fn}({', '.join([source] + args)})")
    if pick < 0.92:
        if rng.random() < 0.5:
            return p.run(name, f"{source}.astype({dtype_text(rng)})")
        return p.run(name, f"np.array({source}, dtype={dtype_text(rng)})")
    if pick < 0.96:
        if rng.random() < 0.7:
            cond = f"{source} > 0" if a.dtype.kind != "b" else source
            return p.run(name, f"np.where({cond}, {source}, {other_array(p, a, 'broadcast')})")
        return p.run(name, f"np.where({source})[0]")
    if rng.random() < 0.5:
        return p.run(name, copies(rng, source, a))
    fn = rng.choice(["np.exp", "np.sqrt", "np.abs", "np.square"])
    return p.run(name, f"{fn}({source})")


def copies(rng, source, a):
    """np.tile with reps shorter or longer than the rank, or np.repeat with or without an axis
    (a count per item, or a wrong number of counts, which NumPy rejects)."""
    if rng.random() < 0.5:
        reps = [rng.randint(0, 3) for _ in range(rng.randint(1, a.ndim + 2))]
        form = shape_text(tuple(reps)) if len(reps) > 1 or rng.random() < 0.5 else str(reps[0])
        return f"np.tile({source}, {form})"
    if a.ndim == 0 or rng.random() < 0.3:
        return f"np.repeat({source}, {rng.randint(0, 3)})"
    ax = axis(rng, a.ndim)
    n = (a.shape[ax] if -a.ndim <= ax < a.ndim else 2) + (rng.choice([-1, 1]) if rng.random() < 0.2 else 0)
    counts = [rng.randint(0, 3) for _ in range(max(n, 0))]
    repeats = str(rng.randint(0, 3)) if rng.random() < 0.4 else f"[{', '.join(map(str, counts))}]"
    return f"np.repeat({source}, {repeats}, axis={ax})"


def terminal(p, source):
    """out = an int or tuple read from an array: np.shape, len, .shape[i], ndim, size."""
    rng = p.rng
    a = p.names[source]
    form = rng.random()
    if form < 0.3:
        return p.run("out", f"np.shape({source})")
    if form < 0.55:
        return p.run("out", f"len({source})")
    if form < 0.8:
        return p.run("out", f"{source}.shape[{axis(rng, a.ndim)}]")
    if form < 0.9:
        return p.run("out", f"{source}.ndim")
    return p.run("out", f"{source}.size")


def generate(seed):
    rng = random.Random(seed)
    p = Program(rng, seed % (2**32))
    created = 0
    for i in range(rng.randint(1, 2)):
        if not create(p, f"a{i}"):
            p.lines[-1] = "out" + p.lines[-1][p.lines[-1].index(" = "):]
            return p
        created += 1
    if not p.names:  # a Python number (np.random.rand()): nothing to chain on
        p.lines[-1] = "out" + p.lines[-1][p.lines[-1].index(" = "):]
        return p
    steps = rng.randint(2, 5)
    last = None
    for k in range(steps):
        source = rng.choice(list(p.names))
        name = f"v{k}"
        final = k == steps - 1
        if final and rng.random() < 0.15:
            terminal(p, source)
            return p
        ok = operation(p, "out" if final else name, source)
        if not ok:
            p.lines[-1] = "out" + p.lines[-1][p.lines[-1].index(" = "):]
            return p
        last = name
    return p


# ---- comparison -------------------------------------------------------------------------------


def numpy_json(value):
    if isinstance(value, (np.ndarray, np.generic)):
        kind = {"b": "bool", "i": "int", "u": "int", "f": "float"}.get(value.dtype.kind, "other")
        return {"array": list(np.shape(value)), "dtype": kind}
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        return {"int": value}
    if isinstance(value, float):
        return {"float": value}
    if isinstance(value, tuple):
        return {"tuple": [numpy_json(v) for v in value]}
    if isinstance(value, list):
        return {"list": [numpy_json(v) for v in value]}
    return {"other": type(value).__name__}


def compare(d, n):
    """'equal', 'partial' (some sizes unknown), 'unknown' or 'wrong'."""
    if "unknown" in d or ("array" in d and d["array"] is None):
        return "unknown"
    if "array" in d:
        scalar = {"bool": "bool", "int": "int", "float": "float"}
        for kind, dtype in scalar.items():  # a Python number is an array of shape () to NumPy
            if kind in n:
                n = {"array": [], "dtype": dtype}
        if "array" not in n:
            return "wrong"
        if len(d["array"]) != len(n["array"]):
            return "wrong"
        if d["dtype"] is not None and d["dtype"] != n["dtype"]:
            return "wrong"
        partial = False
        for x, y in zip(d["array"], n["array"]):
            if x is None:
                partial = True
            elif x != y:
                return "wrong"
        return "partial" if partial or d["dtype"] is None else "equal"
    for kind in ("tuple", "list"):
        if kind in d:
            if kind not in n or len(d[kind]) != len(n[kind]):
                return "wrong"
            verdicts = [compare(x, y) for x, y in zip(d[kind], n[kind])]
            if "wrong" in verdicts:
                return "wrong"
            return "equal" if all(v == "equal" for v in verdicts) else "partial"
    if "int" in d:
        return "equal" if n.get("int") == d["int"] else "wrong"
    if "bool" in d:
        return "equal" if n.get("bool") == d["bool"] else "wrong"
    if "float" in d:
        return "equal" if "float" in n else "wrong"
    return "wrong"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--probe", required=True, help="tests/numpy/shape_probe.cc's executable")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--show", type=int, default=10, help="failures to print")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    started = time.time()
    master = random.Random(seed)
    programs = [generate(master.randrange(2**62)) for _ in range(args.count)]
    generated = time.time()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        for p in programs:
            f.write(p.text() + SEPARATOR + "\n")
        path = f.name
    try:
        run = subprocess.run([args.probe, path], capture_output=True, text=True, timeout=600)
    finally:
        os.unlink(path)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        return 1
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    if len(answers) != len(programs):
        print(f"the probe answered {len(answers)} programs of {len(programs)}", file=sys.stderr)
        return 1
    counts = {k: 0 for k in ("equal", "partial", "unknown", "raises_unknown", "wrong")}
    failures = []
    for p, d in zip(programs, answers):
        if p.error is not None:
            verdict = "unknown" if "unknown" in d or d.get("array", 0) is None else "raised"
            if verdict == "unknown":
                counts["raises_unknown"] += 1
            else:
                counts["wrong"] += 1
                failures.append((p, d, p.error))
            continue
        verdict = compare(d, numpy_json(p.result))
        counts[verdict] += 1
        if verdict == "wrong":
            failures.append((p, d, numpy_json(p.result)))
    total = len(programs)
    succeeded = total - counts["raises_unknown"] - sum(
        1 for p, _, n in failures if isinstance(n, str))
    print(f"seed {seed}: {total} programs ({succeeded} run by NumPy, "
          f"{total - succeeded} rejected by NumPy) in {time.time() - started:.1f} s "
          f"(generation and NumPy {generated - started:.1f} s)")
    for k, v in counts.items():
        print(f"  {k:15} {v:6}  {100.0 * v / total:5.1f}%")
    for p, d, n in failures[: args.show]:
        print("---- WRONG\n" + p.text() + f"# numpy: {n}\n# dimsum: {d}")
    return 1 if counts["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
