#!/usr/bin/env python3
"""Which crates the widget's code comes from: reads the names-preserving wasm that scripts/build-element.sh
links (target/element/variants/*.wasm, before wasm-bindgen and wasm-opt), sums each function body's bytes by
the crate its name starts in, and prints the top contributors with their share of the code. Then the largest
generic families: functions that are one generic function (or method, or closure in one) compiled once per
type, their copies and bytes together ("reactive_graph::graph::subscriber::untrack_with_diagnostics: 41
copies, 9.8 KB"), from the names demangled by llvm-cxxfilt with their generic arguments taken out. wasm-bindgen's
describe functions (removed from the shipped wasm) are left out. The shares are of code bytes before wasm-opt;
they say where to look, not what brotli will save.

Usage: scripts/size-by-crate.py <wasm> [top N, default 12] [label, default the file's name]
"""
import re
import shutil
import subprocess
import sys
from collections import Counter


def leb(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def sections(data):
    i = 8
    while i < len(data):
        kind = data[i]
        size, i = leb(data, i + 1)
        yield kind, data[i:i + size]
        i += size


def imported_functions(body):
    count, i = leb(body, 0)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, i = leb(body, i)
            i += n
        kind = body[i]
        i += 1
        if kind == 0:  # function: type index
            _, i = leb(body, i)
            functions += 1
        elif kind == 1:  # table: element type, limits
            i += 1
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 2:  # memory: limits
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 3:  # global: type, mutability
            i += 2
        else:
            _, i = leb(body, i)
    return functions


def body_sizes(body):
    count, i = leb(body, 0)
    sizes = []
    for _ in range(count):
        size, i = leb(body, i)
        sizes.append(size)
        i += size
    return sizes


def function_names(body):
    names = {}
    i = 0
    while i < len(body):
        kind = body[i]
        size, i = leb(body, i + 1)
        if kind == 1:
            sub = body[i:i + size]
            count, j = leb(sub, 0)
            for _ in range(count):
                index, j = leb(sub, j)
                n, j = leb(sub, j)
                names[index] = sub[j:j + n].decode("utf-8", "replace")
                j += n
        i += size
    return names


def crate_of(name):
    if name.startswith("_R"):
        # Rust v0 mangling: the first crate root, `C` + optional disambiguator + length-prefixed name.
        match = re.search(r"C(?:s[0-9a-zA-Z]*_)?(\d+)", name)
        if match:
            length = int(match.group(1))
            return name[match.end():match.end() + length]
    if name.startswith("_ZN"):
        match = re.match(r"_ZN(\d+)", name)
        if match:
            length = int(match.group(1))
            start = match.end()
            return name[start:start + length]
    if name.startswith("<"):
        name = name[1:]
    name = re.sub(r"\[[0-9a-f]+\]", "", name)
    crate = re.split(r"::|<| ", name, maxsplit=1)[0]
    return crate or "(unnamed)"


def without_generic_args(name):
    """ "<RwSignal<String> as Get>::get" -> "<RwSignal as Get>::get", "f::<u8>" -> "f": the generic function a
    monomorphised copy is of. A `<` after a name or `::` opens generic arguments; one at the start or after a
    space, comma or bracket opens a qualified path (`<T as Trait>`), which is kept."""
    out = []
    depth = 0
    i = 0
    while i < len(name):
        c = name[i]
        if depth:
            depth += (c == "<") - (c == ">")
        elif c == "<" and out and (out[-1].isalnum() or out[-1] in "_:"):
            depth = 1
            while out and out[-1] == ":":
                out.pop()
        else:
            out.append(c)
        i += 1
    return "".join(out)


def families(named_sizes, top):
    """The generic families with more than one copy, largest first: (family, copies, bytes)."""
    cxxfilt = shutil.which("llvm-cxxfilt")
    if not cxxfilt:
        return None
    mangled = [name.replace("\n", "") for name, _ in named_sizes]
    demangled = subprocess.run([cxxfilt], input="\n".join(mangled), capture_output=True, text=True).stdout.split("\n")
    copies, total = Counter(), Counter()
    for (_, size), name in zip(named_sizes, demangled):
        family = re.sub(r"::h[0-9a-f]{16}$", "", without_generic_args(name))
        copies[family] += 1
        total[family] += size
    shared = [(family, copies[family], size) for family, size in total.most_common() if copies[family] > 1]
    return shared[:top]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    label = sys.argv[3] if len(sys.argv) > 3 else path.split("/")[-1]
    data = open(path, "rb").read()
    imports, sizes, names = 0, [], {}
    for kind, body in sections(data):
        if kind == 2:
            imports = imported_functions(body)
        elif kind == 10:
            sizes = body_sizes(body)
        elif kind == 0:
            n, j = leb(body, 0)
            if body[j:j + n] == b"name":
                names = function_names(body[j + n:])
    by_crate = Counter()
    named_sizes = []
    for offset, size in enumerate(sizes):
        name = names.get(imports + offset, "")
        if "describe" in name and "wasm_bindgen" in name or name.startswith("__wbindgen_describe"):
            continue
        by_crate[crate_of(name)] += size
        named_sizes.append((name, size))
    total = sum(by_crate.values())
    print(f"  code by crate ({label}, {total / 1000:.0f} KB of function bodies before wasm-opt):")
    for crate, size in by_crate.most_common(top):
        print(f"    {crate:<28} {size / 1000:8.1f} KB  {100 * size / total:5.1f} %")
    shared = families(named_sizes, top)
    if shared is None:
        print("  (generic families: llvm-cxxfilt not found; scripts/setup.sh test installs it)")
        return
    copies = sum(n for _, n, _ in shared)
    print(f"  largest generic families ({label}; copies, bytes; the top {len(shared)} hold {copies} functions):")
    for family, n, size in shared:
        shown = family if len(family) <= 90 else family[:87] + "..."
        print(f"    {shown:<90} {n:4d}x {size / 1000:7.1f} KB")


if __name__ == "__main__":
    main()
