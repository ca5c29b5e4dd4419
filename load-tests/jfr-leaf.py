#!/usr/bin/env python3
# Share of JFR execution samples by the first frame outside java/jdk/sun (its package), with example methods.
# jfr print --json --stack-depth 300 --events jdk.ExecutionSample rec.jfr > rec.json && python3 jfr-leaf.py rec.json
import json, sys, collections
data = json.load(open(sys.argv[1]))
n = 0; c = collections.Counter(); ex = collections.defaultdict(collections.Counter)
for e in data["recording"]["events"]:
    st = e["values"].get("stackTrace")
    if not st: continue
    n += 1
    names = [f["method"]["type"]["name"] for f in st["frames"]]
    meth = [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] for f in st["frames"]]
    key = "jdk only"
    for i, nm in enumerate(names):
        if nm.startswith(("java/", "jdk/", "sun/")): continue
        parts = nm.split("/")
        key = "/".join(parts[:4]) if parts[0] in ("io", "org", "com") else "/".join(parts[:3])
        ex[key][meth[i]] += 1
        break
    c[key] += 1
print("samples", n)
for k, v in c.most_common(30):
    print(f"{100*v/n:5.1f} {k}   e.g. {', '.join(m for m, _ in ex[k].most_common(3))}")
