#!/usr/bin/env python3
# The JVM's CPU by component, from JFR execution samples (run by profile.sh):
#   jfr print --json --stack-depth 300 --events jdk.ExecutionSample rec.jfr > rec.json && python3 jfr-where.py rec.json
# "self": each sample counts once, for the innermost frame that belongs to a known component (a JDK frame such as
# HashMap.get counts for whoever called it, except crypto and regex, which are components of their own).
# "inclusive": the share of samples with the component anywhere on the stack (nested components overlap).
# Then the 25 hottest innermost methods.
import collections
import json
import sys

COMPONENTS = [  # (name, type-name prefixes); the first match, innermost frame first, wins
    ("Huimin code", ("org/huimin/",)),
    ("crypto (token signatures, HMAC)", ("sun/security/", "java/security/", "javax/crypto/", "com/sun/crypto/",
                                         "sun/nio/cs/")),
    ("regex", ("java/util/regex/",)),
    ("JSON (Jackson)", ("com/fasterxml/jackson/", "io/quarkus/jackson/", "io/quarkus/resteasy/reactive/jackson/")),
    ("token (smallrye-jwt, jose4j)", ("io/smallrye/jwt/", "org/jose4j/")),
    ("security (OIDC, identity)", ("io/quarkus/oidc/", "io/quarkus/security/", "io/quarkus/vertx/http/runtime/security/",
                                   "io/smallrye/jwt/auth/")),
    ("PostgreSQL client", ("io/vertx/pgclient/", "io/vertx/sqlclient/")),
    ("Hibernate Reactive", ("org/hibernate/",)),
    ("Bean Validation", ("org/hibernate/validator/", "jakarta/validation/")),
    ("metrics (Micrometer)", ("io/micrometer/", "io/quarkus/micrometer/")),
    ("tracing (OpenTelemetry)", ("io/opentelemetry/", "io/quarkus/opentelemetry/")),
    ("context propagation", ("io/smallrye/context/", "io/quarkus/context/", "org/eclipse/microprofile/context/")),
    ("CDI (ArC)", ("io/quarkus/arc/",)),
    ("REST (Quarkus REST)", ("org/jboss/resteasy/reactive/", "io/quarkus/resteasy/reactive/", "io/quarkus/rest/")),
    ("Mutiny", ("io/smallrye/mutiny/",)),
    ("logging", ("org/jboss/logging/", "org/jboss/logmanager/", "io/quarkus/bootstrap/logging/")),
    ("Vert.x HTTP and web", ("io/vertx/core/http/", "io/vertx/ext/web/", "io/quarkus/vertx/http/")),
    ("Vert.x core", ("io/vertx/", "io/quarkus/vertx/", "io/smallrye/common/vertx/")),
    ("Netty (sockets, HTTP codec, buffers)", ("io/netty/",)),
]
# Hibernate Validator is under org/hibernate/ too: check it first.
COMPONENTS.sort(key=lambda c: 0 if c[0] == "Bean Validation" else 1)


def component(type_name):
    for name, prefixes in COMPONENTS:
        if type_name.startswith(prefixes):
            return name
    return None


data = json.load(open(sys.argv[1]))
total = 0
own = collections.Counter()
inclusive = collections.Counter()
leaf = collections.Counter()
examples = collections.defaultdict(collections.Counter)
for event in data["recording"]["events"]:
    stack = event["values"].get("stackTrace")
    if not stack:
        continue
    total += 1
    frames = [(f["method"]["type"]["name"], f["method"]["name"]) for f in stack["frames"]]
    if frames:
        t, m = frames[0]
        leaf[t.split("/")[-1] + "." + m] += 1
    chosen = None
    seen = set()
    for t, m in frames:  # innermost first
        c = component(t)
        if c is None:
            continue
        seen.add(c)
        if chosen is None:
            chosen = c
            examples[c][t.split("/")[-1] + "." + m] += 1
    if chosen is None:
        first_other = next((t for t, _ in frames if not t.startswith(("java/", "jdk/", "sun/"))), None)
        chosen = "other: " + "/".join(first_other.split("/")[:3]) if first_other else "JDK only"
    own[chosen] += 1
    inclusive.update(seen)

print(f"{total} samples")
print(f"{'self %':>7} {'incl %':>7}  component (e.g.)")
for name, n in own.most_common():
    eg = ", ".join(m for m, _ in examples[name].most_common(2))
    print(f"{100 * n / total:7.1f} {100 * inclusive.get(name, 0) / total:7.1f}  {name}" + (f"   ({eg})" if eg else ""))
print()
print("hottest innermost methods")
for m, n in leaf.most_common(25):
    print(f"{100 * n / total:7.1f}  {m}")
