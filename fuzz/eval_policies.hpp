// The policies fuzz_eval evaluates fuzzed objects against, besides the
// standard packs: every built-in and operator applied to fields of the
// object (spec.a, spec.b numbers; spec.s, spec.t strings; spec.p a pattern;
// spec.q a quantity; spec.l a list; spec.m a map), one rule per operation so
// that a type error in one does not hide the others; paths, loops and match
// clauses on Pods and their controllers.
#pragma once

namespace writ::fuzz {

inline constexpr const char* kOpsPolicy = R"writ(
package fuzz.ops
import k8s
import regex
import glob
import cidr

param limit = 3

fn first(xs) = len(xs) > 0 ? xs[0] : null

rule add { deny "{object.spec.a + object.spec.b} {object.spec.a - object.spec.b} {-object.spec.a}" }
rule mul { deny "{object.spec.a * object.spec.b}" }
rule div { deny "{object.spec.a / object.spec.b}" }
rule mod { deny "{object.spec.a % object.spec.b}" }
rule cmp { deny "{object.spec.a < object.spec.b} {object.spec.a == object.spec.b} {object.spec.a > params.limit}" }
rule to_int { deny "{to_int(object.spec.a)} {to_int(object.spec.s)}" }
rule to_float { deny "{to_float(object.spec.a)} {to_float(object.spec.s)} {type_of(object.spec.a)}" }

rule case { deny "{lower(object.spec.s)} {upper(object.spec.s)} {trim(object.spec.s)} {quote(object.spec.s)} {len(object.spec.s)}" }
rule affixes {
  let s = object.spec.s
  let t = object.spec.t
  deny "{trim_prefix(s, t)} {trim_suffix(s, t)} {starts_with(s, t)} {ends_with(s, t)} {contains(s, t)}"
}
rule split { deny "{split(object.spec.s, object.spec.t)}" }
rule replace { deny "{replace(object.spec.s, object.spec.t, object.spec.s)}" }
rule join { deny "{join(object.spec.l, object.spec.t)}" }
rule concat { deny "{object.spec.s + object.spec.t} {object.spec.s in object.spec.t} {object.spec.s < object.spec.t}" }
rule slice { deny "{object.spec.s[object.spec.a:object.spec.b]}" }
rule index { deny "{object.spec.l[object.spec.a]} {first(object.spec.l)}" }
rule slice_list { deny "{object.spec.l[object.spec.a:object.spec.b]}" }

rule sort { deny "{sort(object.spec.l)}" }
rule unique { deny "{unique(object.spec.l)} {flatten(object.spec.l)} {len(object.spec.l)}" }
rule sum { deny "{sum(object.spec.l)}" }
rule min_max { deny "{min(object.spec.l)} {max(object.spec.l)}" }
rule maps { deny "{keys(object.spec.m)} {values(object.spec.m)} {object.spec.m[object.spec.s]} {object.spec.s in object.spec.m}" }
rule lists { deny "{object.spec.l + object.spec.l} {object.spec.a in object.spec.l} {object.spec.l == object.spec.m}" }
rule comprehension { deny "{[x for x in object.spec.l if x != null]} {{to_string(k): v for k, v in object.spec.m}}" }
rule quantifiers { deny "{any x in object.spec.l: x == object.spec.a} {count x in object.spec.l: x == 1}" }
rule every { deny "{all x in object.spec.l: x}" }

rule regex_match { deny "{regex.match(object.spec.p, object.spec.s)}" }
rule regex_find { deny "{regex.find(object.spec.p, object.spec.s)}" }
rule regex_replace { deny "{regex.replace(object.spec.p, object.spec.s, object.spec.t)}" }
rule glob_match { deny "{glob.match(object.spec.p, object.spec.s)}" }
rule cidr_contains { deny "{cidr.contains(object.spec.p, object.spec.s)} {cidr.is_ip(object.spec.s)}" }
rule cidr_list { deny "{cidr.contains(object.spec.l, object.spec.s)}" }
rule constants {
  let s = object.spec.s
  deny "{regex.match(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", s)} {glob.match("prod-*", s)} {cidr.contains("10.0.0.0/8", s)}"
}

rule quantity { deny "{k8s.quantity(object.spec.q)}" }
rule image { deny "{k8s.image(object.spec.s)}" }
rule pod { deny "{k8s.pod_spec(object)} {k8s.containers(object)} {k8s.pod_metadata(object)}" }
rule lookups { deny "{k8s.list(object.spec.s, object.spec.t)} {k8s.lookup(object.kind, object.metadata.namespace, object.spec.s)}" }
rule inputs { deny "{request.operation} {oldObject.kind} {namespaceObject.metadata.labels} {event.verb}" }
rule render { deny "{to_string(object)}" at object.spec.hostNetwork }

rule paths {
  match { kinds: ["Pod"] }
  for i, c in k8s.containers(object) {
    deny "container {i} {c.name}" at c.securityContext.privileged if c.securityContext.privileged != false
    for e in c.env ?? [] if e.name != null {
      warn "{e.name}={e.value}" at e.value
    }
    audit "{c.image}" at c.ports[0].containerPort
  }
  for k, v in object.metadata.labels ?? {} {
    deny "{k}={v}" at object.metadata.labels[k]
  }
}

rule selected {
  match {
    kinds: ["*"]
    namespaces: ["prod-*", "kube-?"]
    exclude_namespaces: ["kube-system"]
    selector: "tier in (web, api), !legacy"
    when: object.spec.replicas > 1
  }
  deny "selected {object.metadata.name}"
}
)writ";

}  // namespace writ::fuzz
