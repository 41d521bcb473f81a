#!/usr/bin/env python3
"""Writes examples/audit/audit.jsonl: one working day (2024-05-14, 08:00 to
18:00 UTC) of the example cluster's API server audit log (examples/cluster/).

Deterministic: the same script always writes the same file (seeded random
numbers, fixed clock). Python 3 standard library only.

    python3 examples/audit/generate.py > examples/audit/audit.jsonl

The log looks like what the API server writes with a typical audit policy:
  * RequestReceived is omitted; long-running requests (exec, port-forward,
    watch) have a ResponseStarted and a ResponseComplete event;
  * Secrets, ConfigMaps and reads are logged at Metadata; pod and RBAC
    writes at RequestResponse (the request body is in `requestObject`);
  * high-volume read-only system traffic (leases, endpoint watches, events)
    is excluded, so the system users below are a sample, not all of it.

Besides the system traffic the day has a story (what the audit-events
pack should find is in brackets):
  * 09:14 alice execs into a shop web pod [pod_exec];
  * 09:40 an intern tries to exec into the payments database and is refused;
  * 10:05 carol reads the Stripe key of payments [secret_read];
  * 10:30 an internet scanner probes the API server from 203.0.113.66
    [source_ip; the probes are refused, so no anonymous_request];
  * 11:41 erin binds `view` to system:anonymous "for INC-4412"
    [rbac_change], and from 11:50 anonymous curl requests from inside the
    network list pods and configmaps [anonymous_request];
  * 12:00 bob starts a privileged debug pod with the node's root file system
    in shop [privileged_pod_created, hostpath_pod_created], then execs into it
    [pod_exec], and port-forwards to the payments database [pod_exec];
  * 13:20 dave, on a hotel network, lists every Secret of the cluster
    [secret_read, source_ip];
  * 14:10 a CI job starts a privileged docker-in-docker pod with the
    Docker socket in ci [privileged_pod_created, hostpath_pod_created];
  * 15:02 the CI deployer service account binds cluster-admin to itself
    [cluster_admin_granted], 15:40 erin deletes that binding [rbac_change];
  * 16:30 erin tightens a Role [rbac_change].
"""
import json
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

SEED = 20240514
rng = random.Random(SEED)
DAY = datetime(2024, 5, 14, 8, 0, 0, tzinfo=timezone.utc)
END = DAY + timedelta(hours=10)

NODES = ["gke-acme-pool-1-7f3c2a1b-x9kq", "gke-acme-pool-1-7f3c2a1b-m2vd", "gke-acme-pool-1-7f3c2a1b-q8zt"]
NODE_IPS = {"gke-acme-pool-1-7f3c2a1b-x9kq": "10.128.0.12", "gke-acme-pool-1-7f3c2a1b-m2vd": "10.128.0.13",
            "gke-acme-pool-1-7f3c2a1b-q8zt": "10.128.0.14"}
CONTROL_PLANE_IP = "10.128.0.2"
KUBECTL = "kubectl/v1.30.2 (darwin/arm64) kubernetes/3968350"
KUBECTL_LINUX = "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350"

PODS = {  # namespace -> pods running today (from examples/cluster/)
    "shop": ["web-6d9f7c5b8-x2k4p", "web-6d9f7c5b8-h7m9q", "web-6d9f7c5b8-z4w8n", "api-58c7d9f6b4-qp2rt",
             "api-58c7d9f6b4-v6jk3", "api-58c7d9f6b4-b9x5c", "cart-7b5f8d6c9-k3n8m", "cart-7b5f8d6c9-w2p7r", "redis-0"],
    "payments": ["payments-api-6c8b7d5f9-r4t6y", "payments-api-6c8b7d5f9-m8n2b", "payments-api-6c8b7d5f9-j5k9l",
                 "ledger-db-0"],
    "monitoring": ["prometheus-5f7d8c9b6-p9q2w", "grafana-7c6d5b8f4-t3y7u"],
    "ingress-nginx": ["ingress-nginx-controller-7d9c8b6f5-a1s2d", "ingress-nginx-controller-7d9c8b6f5-f3g4h"],
    "ci": ["gitlab-runner-6b9d7c8f5-n5m6b"],
}

GROUPS_SA = lambda ns: ["system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"]


def new_id():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond:06d}Z"


def sa_user(ns, name):
    return {"username": f"system:serviceaccount:{ns}:{name}", "uid": str(uuid.UUID(int=hash_int(ns + name), version=4)),
            "groups": GROUPS_SA(ns),
            "extra": {"authentication.kubernetes.io/credential-id": [f"JTI={str(uuid.UUID(int=hash_int('jti' + ns + name), version=4))}"]}}


def hash_int(s):
    # A stable 128-bit number from a string (Python's hash() is salted per run).
    h = 0
    for ch in s.encode():
        h = (h * 1099511628211 + ch) % (1 << 128)
    return h


def person(name, groups):
    return {"username": name, "groups": groups + ["system:authenticated"]}


ALICE = person("alice@example.com", ["shop-devs"])
BOB = person("bob@example.com", ["ops-oncall", "sre"])
CAROL = person("carol@example.com", ["payments-devs"])
DAVE = person("dave@example.com", ["ops-oncall"])
ERIN = person("erin@example.com", ["platform-admins"])
INTERN = person("sam.intern@example.com", ["shop-devs"])
ANON = {"username": "system:anonymous", "groups": ["system:unauthenticated"]}

IPS = {"alice@example.com": "10.20.0.14", "bob@example.com": "10.20.0.31", "carol@example.com": "10.20.0.21",
       "dave@example.com": "10.20.0.40", "erin@example.com": "fd00:10:20::14", "sam.intern@example.com": "10.20.0.55"}

events = []


def allow(reason):
    return {"authorization.k8s.io/decision": "allow", "authorization.k8s.io/reason": reason}


def forbid():
    return {"authorization.k8s.io/decision": "forbid", "authorization.k8s.io/reason": ""}


def event(t, user, verb, uri, ref, code, *, level="Metadata", ips=None, agent=KUBECTL, annotations=None,
          request=None, response=None, stage="ResponseComplete", duration_ms=None, status=None, audit_id=None,
          impersonated=None):
    e = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": level, "auditID": audit_id or new_id(),
         "stage": stage, "requestURI": uri, "verb": verb, "user": user}
    if impersonated:
        e["impersonatedUser"] = impersonated
    e["sourceIPs"] = ips or [IPS.get(user["username"], CONTROL_PLANE_IP)]
    e["userAgent"] = agent
    if ref is not None:
        e["objectRef"] = ref
    rs = {"metadata": {}, "code": code}
    if status:
        rs.update(status)
    e["responseStatus"] = rs
    if request is not None and level in ("Request", "RequestResponse"):
        e["requestObject"] = request
    if response is not None and level == "RequestResponse":
        e["responseObject"] = response
    e["requestReceivedTimestamp"] = stamp(t)
    d = duration_ms if duration_ms is not None else rng.randint(2, 40)
    e["stageTimestamp"] = stamp(t + timedelta(milliseconds=d, microseconds=rng.randint(0, 999)))
    e["annotations"] = annotations if annotations is not None else {}
    events.append((t, len(events), e))
    return e


def ref(resource, ns=None, name=None, group="", version="v1", sub=None):
    r = {"resource": resource}
    if ns:
        r["namespace"] = ns
    if name:
        r["name"] = name
    if group:
        r["apiGroup"] = group
    r["apiVersion"] = version
    if sub:
        r["subresource"] = sub
    return r


def api_path(resource, ns=None, name=None, group="", version="v1", sub=None):
    base = f"/api/{version}" if not group else f"/apis/{group}/{version}"
    p = base + (f"/namespaces/{ns}" if ns else "") + f"/{resource}" + (f"/{name}" if name else "") + (f"/{sub}" if sub else "")
    return p


def forbidden_status(user, verb, resource, ns, group=""):
    what = resource if not group else f"{resource}.{group}"
    where = f' in the namespace "{ns}"' if ns else " at the cluster scope"
    return {"status": "Failure", "reason": "Forbidden",
            "message": f'{what} is forbidden: User "{user}" cannot {verb} resource "{resource}" in API group "{group}"{where}'}


def stream(t, user, sub, ns, pod, query, seconds, reason, ips=None):
    """exec / attach / portforward: ResponseStarted, then ResponseComplete when the stream ends."""
    uri = api_path("pods", ns, pod, sub=sub) + "?" + query
    aid = new_id()
    r = ref("pods", ns, pod, sub=sub)
    event(t, user, "create" if sub != "portforward" else "get", uri, r, 101, stage="ResponseStarted", audit_id=aid,
          annotations=allow(reason), ips=ips, duration_ms=rng.randint(20, 60))
    event(t, user, "create" if sub != "portforward" else "get", uri, r, 101, audit_id=aid, annotations=allow(reason),
          ips=ips, duration_ms=seconds * 1000 + rng.randint(0, 999))


def pod_object(ns, name, containers, volumes=None, labels=None, sa="default", extra=None):
    spec = {"containers": containers, "restartPolicy": "Always", "serviceAccountName": sa}
    if volumes:
        spec["volumes"] = volumes
    if extra:
        spec.update(extra)
    return {"kind": "Pod", "apiVersion": "v1",
            "metadata": {"name": name, "namespace": ns, "labels": labels or {}, "creationTimestamp": None}, "spec": spec,
            "status": {}}


# ---------------------------------------------------------------- background system traffic

def background():
    t = DAY
    actions = [
        (14, kubelet_status), (10, kubelet_get), (8, kubelet_secret), (6, controller_write), (5, scheduler_bind),
        (5, lb_health), (5, prometheus_list), (4, ingress_watch), (3, replicaset_churn), (3, person_read),
        (2, cronjob_run), (2, node_lease_renew),
    ]
    total = sum(w for w, _ in actions)
    while True:
        t += timedelta(seconds=rng.randint(20, 210), microseconds=rng.randint(0, 999999))
        if t >= END:
            return
        x = rng.uniform(0, total)
        for w, f in actions:
            if x < w:
                f(t)
                break
            x -= w


def any_pod():
    ns = rng.choice(list(PODS))
    return ns, rng.choice(PODS[ns])


def node_user(node):
    return {"username": f"system:node:{node}", "groups": ["system:nodes", "system:authenticated"]}


def kubelet_status(t):
    node = rng.choice(NODES)
    ns, pod = any_pod()
    event(t, node_user(node), "patch", api_path("pods", ns, pod, sub="status"), ref("pods", ns, pod, sub="status"), 200,
          ips=[NODE_IPS[node]], agent="kubelet/v1.30.2 (linux/amd64) kubernetes/3968350", annotations=allow(""))


def kubelet_get(t):
    node = rng.choice(NODES)
    ns, pod = any_pod()
    event(t, node_user(node), "get", api_path("pods", ns, pod), ref("pods", ns, pod), 200, ips=[NODE_IPS[node]],
          agent="kubelet/v1.30.2 (linux/amd64) kubernetes/3968350", annotations=allow(""))


def kubelet_secret(t):
    node = rng.choice(NODES)
    ns, name = rng.choice([("shop", "orders-db"), ("shop", "redis"), ("payments", "stripe-api"), ("payments", "ledger-db"),
                           ("ci", "gitlab-runner"), ("ci", "registry-credentials"), ("shop", "shop-tls")])
    event(t, node_user(node), "get", api_path("secrets", ns, name) + "?resourceVersion=0", ref("secrets", ns, name), 200,
          ips=[NODE_IPS[node]], agent="kubelet/v1.30.2 (linux/amd64) kubernetes/3968350", annotations=allow(""))


def controller_write(t):
    user = {"username": "system:kube-controller-manager", "groups": ["system:authenticated"]}
    kind = rng.choice([("deployments", "apps", "status"), ("replicasets", "apps", "status"), ("statefulsets", "apps", "status"),
                       ("endpointslices", "discovery.k8s.io", None)])
    ns = rng.choice(["shop", "payments", "monitoring", "ci"])
    name = {"deployments": rng.choice(["web", "api", "cart"]) if ns == "shop" else {"payments": "payments-api", "monitoring": "prometheus", "ci": "gitlab-runner"}[ns],
            "replicasets": "web-6d9f7c5b8" if ns == "shop" else {"payments": "payments-api-6c8b7d5f9", "monitoring": "grafana-7c6d5b8f4", "ci": "gitlab-runner-6b9d7c8f5"}[ns],
            "statefulsets": "redis" if ns == "shop" else "ledger-db",
            "endpointslices": f"{rng.choice(['web', 'api', 'payments-api', 'prometheus'])}-{rng.choice(['7xk2p', 'q9w3e', 'm4n5b'])}"}[kind[0]]
    if kind[0] == "statefulsets" and ns not in ("shop", "payments"):
        ns = "payments"
    event(t, user, "update", api_path(kind[0], ns, name, kind[1], sub=kind[2]), ref(kind[0], ns, name, kind[1], sub=kind[2]), 200,
          ips=[CONTROL_PLANE_IP], agent="kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:deployment-controller",
          annotations=allow(""))


def scheduler_bind(t):
    user = {"username": "system:kube-scheduler", "groups": ["system:authenticated"]}
    ns, pod = any_pod()
    event(t, user, "create", api_path("pods", ns, pod, sub="binding"), ref("pods", ns, pod, sub="binding"), 201,
          ips=[CONTROL_PLANE_IP], agent="kube-scheduler/v1.30.2 (linux/amd64) kubernetes/3968350/scheduler", annotations=allow(""))


def lb_health(t):
    path = rng.choice(["/readyz", "/livez", "/healthz", "/version"])
    event(t, ANON, "get", path, None, 200, ips=[rng.choice(["10.128.0.250", "10.128.0.251"])], agent="GoogleHC/1.0",
          annotations=allow('RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"'))


def prometheus_list(t):
    res = rng.choice(["pods", "nodes", "services", "endpoints"])
    ns = None if res == "nodes" else rng.choice([None, "shop", "payments"])
    event(t, sa_user("monitoring", "prometheus"), "list", api_path(res, ns) + "?limit=500&resourceVersion=0", ref(res, ns), 200,
          ips=["10.244.1.23"], agent="prometheus/v2.52.0",
          annotations=allow('RBAC: allowed by ClusterRoleBinding "prometheus" of ClusterRole "prometheus" to ServiceAccount "prometheus/monitoring"'))


def ingress_watch(t):
    res = rng.choice(["secrets", "endpointslices", "ingresses", "configmaps"])
    group = {"endpointslices": "discovery.k8s.io", "ingresses": "networking.k8s.io"}.get(res, "")
    event(t, sa_user("ingress-nginx", "ingress-nginx"), "watch",
          api_path(res, None, None, group) + f"?allowWatchBookmarks=true&resourceVersion={rng.randint(400000, 900000)}&timeout={rng.randint(5, 9)}m{rng.randint(0, 59)}s&watch=true",
          ref(res, None, None, group), 200, ips=[rng.choice(["10.244.0.17", "10.244.2.9"])],
          agent="nginx-ingress-controller/v1.10.1 (linux/amd64) ingress-nginx/4fb5aac1dd3669daa3a14d9de3e3cdb371b4c518",
          annotations=allow('RBAC: allowed by ClusterRoleBinding "ingress-nginx" of ClusterRole "ingress-nginx" to ServiceAccount "ingress-nginx/ingress-nginx"'),
          duration_ms=rng.randint(300000, 540000))


def replicaset_churn(t):
    ns = rng.choice(["shop", "payments"])
    if ns == "shop":
        app, rs, image = rng.choice([("web", "web-6d9f7c5b8", "registry.example.com/shop/web:2.14.1"),
                                     ("cart", "cart-7b5f8d6c9", "registry.example.com/shop/cart:latest")])
        sc = {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}}
    else:
        app, rs, image = "payments-api", "payments-api-6c8b7d5f9", "registry.example.com/payments/api:5.0.3@sha256:9a3f6c0f4c7b2a1e8d5f0b6c3a9e7d1f2b4c6a8e0d2f4b6a8c0e2d4f6a8b0c2d"
        sc = {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}, "readOnlyRootFilesystem": True}
    name = f"{rs}-{''.join(rng.choice('bcdfghjklmnpqrstvwxz2456789') for _ in range(5))}"
    obj = pod_object(ns, name, [{"name": app if app != "payments-api" else "api", "image": image,
                                 "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}, "securityContext": sc}],
                     labels={"app.kubernetes.io/name": app, "pod-template-hash": rs.rsplit("-", 1)[1]})
    obj["metadata"]["generateName"] = rs + "-"
    obj["metadata"]["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": rs, "uid": str(uuid.UUID(int=hash_int(rs), version=4)),
                                           "controller": True, "blockOwnerDeletion": True}]
    event(t, sa_user("kube-system", "replicaset-controller"), "create", api_path("pods", ns), ref("pods", ns, name), 201,
          level="Request", ips=[CONTROL_PLANE_IP],
          agent="kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:replicaset-controller",
          request=obj, annotations=dict(allow('RBAC: allowed by ClusterRoleBinding "system:controller:replicaset-controller" of ClusterRole "system:controller:replicaset-controller" to ServiceAccount "replicaset-controller/kube-system"'),
                                        **{"pod-security.kubernetes.io/enforce-policy": "restricted:latest" if ns == "payments" else "baseline:latest"}))


def person_read(t):
    who, ns = rng.choice([(ALICE, "shop"), (ALICE, "shop"), (CAROL, "payments"), (BOB, "monitoring"), (BOB, "shop")])
    what = rng.choice(["pods", "pods", "deployments", "events", "log"])
    reason = {"shop-devs": 'RBAC: allowed by RoleBinding "shop-devs-view/shop" of ClusterRole "view" to Group "shop-devs"',
              "payments-devs": 'RBAC: allowed by RoleBinding "payments-devs/payments" of ClusterRole "edit" to Group "payments-devs"',
              "ops-oncall": 'RBAC: allowed by ClusterRoleBinding "ops-support" of ClusterRole "ops-support" to Group "ops-oncall"'}[who["groups"][0]]
    if what == "log":
        pod = rng.choice(PODS[ns])
        event(t, who, "get", api_path("pods", ns, pod, sub="log") + "?container=" + pod.split("-")[0] + "&tailLines=200",
              ref("pods", ns, pod, sub="log"), 200, annotations=allow(reason))
    elif what == "deployments":
        event(t, who, "list", api_path("deployments", ns, None, "apps") + "?limit=500", ref("deployments", ns, None, "apps"), 200,
              annotations=allow(reason))
    else:
        event(t, who, "list", api_path(what, ns) + "?limit=500", ref(what, ns), 200, annotations=allow(reason))


def cronjob_run(t):
    user = sa_user("kube-system", "cronjob-controller")
    ns, cj = rng.choice([("shop", "sitemap"), ("ci", "cache-cleanup")])
    job = f"{cj}-{28598400 + rng.randint(0, 720)}"
    event(t, user, "create", api_path("jobs", ns, None, "batch"), ref("jobs", ns, job, "batch"), 201, ips=[CONTROL_PLANE_IP],
          agent="kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350/system:serviceaccount:kube-system:cronjob-controller",
          annotations=allow('RBAC: allowed by ClusterRoleBinding "system:controller:cronjob-controller" of ClusterRole "system:controller:cronjob-controller" to ServiceAccount "cronjob-controller/kube-system"'))


def node_lease_renew(t):
    node = rng.choice(NODES)
    event(t, node_user(node), "update", api_path("nodes", None, node, sub="status"), ref("nodes", None, node, sub="status"), 200,
          ips=[NODE_IPS[node]], agent="kubelet/v1.30.2 (linux/amd64) kubernetes/3968350", annotations=allow(""))


# ---------------------------------------------------------------- the day's story

def at(h, m, s=0):
    return DAY.replace(hour=h, minute=m, second=s, microsecond=rng.randint(0, 999999))


def story():
    edit_shop = 'RBAC: allowed by RoleBinding "shop-devs-edit/shop" of ClusterRole "edit" to Group "shop-devs"'
    oncall = 'RBAC: allowed by ClusterRoleBinding "ops-support" of ClusterRole "ops-support" to Group "ops-oncall"'
    admin = 'RBAC: allowed by ClusterRoleBinding "platform-admins" of ClusterRole "cluster-admin" to Group "platform-admins"'

    # 09:14 alice looks into a web pod.
    event(at(9, 13, 2), ALICE, "get", api_path("pods", "shop", "web-6d9f7c5b8-x2k4p"), ref("pods", "shop", "web-6d9f7c5b8-x2k4p"), 200,
          annotations=allow(edit_shop))
    stream(at(9, 14, 10), ALICE, "exec", "shop", "web-6d9f7c5b8-x2k4p",
           "command=sh&command=-c&command=cat%20/etc/nginx/conf.d/default.conf&container=web&stderr=true&stdout=true", 2, edit_shop)
    stream(at(9, 16, 41), ALICE, "exec", "shop", "web-6d9f7c5b8-x2k4p",
           "command=sh&container=web&stdin=true&stdout=true&tty=true", 311, edit_shop)

    # 09:40 the intern is refused.
    for i, pod in enumerate(["ledger-db-0", "ledger-db-0"]):
        event(at(9, 40, 12 + i * 20), INTERN, "create", api_path("pods", "payments", pod, sub="exec") + "?command=psql&container=postgres&stdin=true&stdout=true&tty=true",
              ref("pods", "payments", pod, sub="exec"), 403, annotations=forbid(),
              status=forbidden_status("sam.intern@example.com", "create", "pods/exec", "payments"))

    # 10:05 carol reads the Stripe key.
    event(at(10, 5, 33), CAROL, "get", api_path("secrets", "payments", "stripe-api"), ref("secrets", "payments", "stripe-api"), 200,
          annotations=allow('RBAC: allowed by RoleBinding "payments-devs/payments" of ClusterRole "edit" to Group "payments-devs"'))

    # 10:30 an internet scanner.
    scanner = ["203.0.113.66"]
    for i, (verb, path, res, code) in enumerate([
            ("get", "/", None, 403), ("get", "/version", None, 200), ("get", "/api", None, 403),
            ("list", "/api/v1/secrets", "secrets", 403), ("list", "/api/v1/namespaces/kube-system/pods", "pods", 403),
            ("get", "/.env", None, 403)]):
        r = None
        if res:
            r = ref(res, "kube-system" if res == "pods" else None, None, "rbac.authorization.k8s.io" if res == "clusterrolebindings" else "")
        ann = allow('RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"') if code == 200 else forbid()
        event(at(10, 30, 5 + i * 3), ANON, verb, path, r, code, ips=scanner, agent="Mozilla/5.0 zgrab/0.x", annotations=ann,
              status=None if code == 200 else {"status": "Failure", "reason": "Forbidden",
                                                "message": f'forbidden: User "system:anonymous" cannot {verb} path "{path}"'})

    # 11:41 erin opens the API to anonymous users "for INC-4412".
    crb = {"kind": "ClusterRoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
           "metadata": {"name": "debug-anonymous-view", "annotations": {"description": "temporary, for INC-4412; remove"}},
           "subjects": [{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "system:anonymous"}],
           "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"}}
    event(at(11, 41, 7), ERIN, "create", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?fieldManager=kubectl-client-side-apply&fieldValidation=Strict",
          ref("clusterrolebindings", None, "debug-anonymous-view", "rbac.authorization.k8s.io"), 201, level="RequestResponse",
          request=crb, response=dict(crb, metadata=dict(crb["metadata"], uid=new_id(), resourceVersion="458211", creationTimestamp="2024-05-14T11:41:07Z")),
          annotations=allow(admin))
    anon_view = 'RBAC: allowed by ClusterRoleBinding "debug-anonymous-view" of ClusterRole "view" to User "system:anonymous"'
    for i, (res, ns) in enumerate([("pods", "shop"), ("configmaps", "shop"), ("pods", "payments"), ("services", None)]):
        event(at(11, 50 + i * 3, 14), ANON, "list", api_path(res, ns) + "?limit=500", ref(res, ns), 200,
              ips=["10.20.0.77"], agent="curl/8.5.0", annotations=allow(anon_view))

    # 12:00 bob's debug pod, then exec into it, then a port-forward to the ledger.
    debug = pod_object("shop", "debug-tools", [{"name": "debug-tools", "image": "busybox", "command": ["sleep", "86400"],
                                                "securityContext": {"privileged": True},
                                                "volumeMounts": [{"name": "host-root", "mountPath": "/host"}]}],
                       volumes=[{"name": "host-root", "hostPath": {"path": "/", "type": ""}}], labels={"run": "debug-tools"},
                       extra={"hostPID": True, "nodeName": "gke-acme-pool-1-7f3c2a1b-x9kq"})
    event(at(12, 0, 0), BOB, "create", "/api/v1/namespaces/shop/pods?fieldManager=kubectl-run", ref("pods", "shop", "debug-tools"), 201,
          level="RequestResponse", request=debug,
          response=dict(debug, metadata=dict(debug["metadata"], uid=new_id(), resourceVersion="459003", creationTimestamp="2024-05-14T12:00:00Z"),
                        status={"phase": "Pending", "qosClass": "BestEffort"}),
          annotations=dict(allow(oncall), **{"pod-security.kubernetes.io/enforce-policy": "privileged:latest",
                                            "pod-security.kubernetes.io/audit-violations": 'would violate PodSecurity "baseline:latest": host namespaces (hostPID=true), privileged (container "debug-tools" must not set securityContext.privileged=true), hostPath volumes (volume "host-root")'}))
    stream(at(12, 1, 30), BOB, "exec", "shop", "debug-tools",
           "command=chroot&command=/host&command=crictl&command=ps&container=debug-tools&stdin=true&stdout=true&tty=true", 94, oncall)
    stream(at(12, 20, 3), BOB, "portforward", "payments", "ledger-db-0", "ports=5432", 1260, oncall)

    # 13:20 dave on a hotel network lists every Secret.
    hotel = ["198.51.100.23"]
    event(at(13, 19, 50), DAVE, "get", "/api?timeout=32s", None, 200, ips=hotel, annotations=allow(oncall))
    event(at(13, 20, 2), DAVE, "list", "/api/v1/secrets?limit=500", ref("secrets"), 200, ips=hotel, annotations=allow(oncall))
    event(at(13, 21, 40), DAVE, "get", api_path("secrets", "payments", "ledger-db"), ref("secrets", "payments", "ledger-db"), 200,
          ips=hotel, annotations=allow(oncall))

    # 14:10 a docker-in-docker CI job.
    job_pod = "runner-xk2m9p4q-project-42-concurrent-0-7hd2s"
    dind = pod_object("ci", job_pod,
                      [{"name": "build", "image": "docker:26.1", "command": ["sh", "-c", "docker build -t registry.example.com/shop/cart:latest ."],
                        "volumeMounts": [{"name": "docker-sock", "mountPath": "/var/run/docker.sock"}]},
                       {"name": "svc-0", "image": "docker:26.1-dind", "securityContext": {"privileged": True}}],
                      volumes=[{"name": "docker-sock", "hostPath": {"path": "/var/run/docker.sock", "type": "Socket"}}],
                      labels={"pod": "runner-xk2m9p4q-project-42-concurrent-0"}, sa="default")
    event(at(14, 10, 21), sa_user("ci", "gitlab-runner"), "create", "/api/v1/namespaces/ci/pods", ref("pods", "ci", job_pod), 201,
          level="RequestResponse", request=dind, ips=["10.244.2.44"], agent="gitlab-runner 17.0.0 (17-0-stable; go1.22.3; linux/amd64)",
          response=dict(dind, status={"phase": "Pending", "qosClass": "BestEffort"}),
          annotations=dict(allow('RBAC: allowed by RoleBinding "gitlab-runner/ci" of Role "gitlab-runner" to ServiceAccount "gitlab-runner/ci"'),
                           **{"pod-security.kubernetes.io/enforce-policy": "privileged:latest"}))
    stream(at(14, 10, 40), sa_user("ci", "gitlab-runner"), "attach", "ci", job_pod, "container=build&stdin=true&stdout=true&stderr=true", 380,
           'RBAC: allowed by RoleBinding "gitlab-runner/ci" of Role "gitlab-runner" to ServiceAccount "gitlab-runner/ci"', ips=["10.244.2.44"])

    # 15:02 the CI deployer binds cluster-admin to itself; 15:40 erin deletes it.
    grant = {"kind": "ClusterRoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
             "metadata": {"name": "ci-crd-installer"},
             "subjects": [{"kind": "ServiceAccount", "name": "deployer", "namespace": "ci"}],
             "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"}}
    deployer = sa_user("ci", "deployer")
    event(at(15, 2, 9), deployer, "create", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?fieldManager=helm",
          ref("clusterrolebindings", None, "ci-crd-installer", "rbac.authorization.k8s.io"), 201, level="RequestResponse",
          request=grant, response=dict(grant, metadata=dict(grant["metadata"], uid=new_id(), resourceVersion="463377", creationTimestamp="2024-05-14T15:02:09Z")),
          ips=["10.244.2.45"], agent="Helm/3.15.1",
          annotations=allow('RBAC: allowed by ClusterRoleBinding "ci-deployer-admin" of ClusterRole "cluster-admin" to ServiceAccount "deployer/ci"'))
    event(at(15, 40, 51), ERIN, "delete", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/ci-crd-installer",
          ref("clusterrolebindings", None, "ci-crd-installer", "rbac.authorization.k8s.io"), 200, level="RequestResponse",
          request={"kind": "DeleteOptions", "apiVersion": "rbac.authorization.k8s.io/v1", "propagationPolicy": "Background"},
          annotations=allow(admin))

    # The deployer rolls out shop (normal work).
    for i, app in enumerate(["web", "api"]):
        event(at(15, 10 + i, 30), deployer, "patch", api_path("deployments", "shop", app, "apps") + "?fieldManager=helm",
              ref("deployments", "shop", app, "apps"), 200, ips=["10.244.2.45"], agent="Helm/3.15.1",
              annotations=allow('RBAC: allowed by RoleBinding "deployer/shop" of Role "deployer" to ServiceAccount "deployer/ci"'))

    # 16:30 erin tightens the shop deployer Role.
    role = {"kind": "Role", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": {"name": "deployer", "namespace": "shop"},
            "rules": [{"apiGroups": ["apps"], "resources": ["deployments", "statefulsets"], "verbs": ["get", "list", "watch", "update", "patch"]},
                      {"apiGroups": [""], "resources": ["services", "configmaps"], "verbs": ["get", "list", "watch", "create", "update", "patch"]}]}
    event(at(16, 30, 44), ERIN, "update", "/apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles/deployer?fieldManager=kubectl-edit",
          ref("roles", "shop", "deployer", "rbac.authorization.k8s.io"), 200, level="RequestResponse", request=role,
          response=dict(role, metadata=dict(role["metadata"], resourceVersion="466120")), annotations=allow(admin))

    # The API server's own bootstrap reconciliation (a system user; not reported).
    event(at(8, 0, 31), {"username": "system:apiserver", "uid": "5e6b6d8a-8a27-4b1e-a1f0-2c0cf5bd5e0f", "groups": ["system:authenticated", "system:masters"]},
          "update", "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:aggregate-to-edit",
          ref("clusterroles", None, "system:aggregate-to-edit", "rbac.authorization.k8s.io"), 200, ips=["::1"],
          agent="kube-apiserver/v1.30.2 (linux/amd64) kubernetes/3968350", annotations=allow(""))


background()
story()
events.sort(key=lambda x: (x[2]["stageTimestamp"], x[1]))
out = sys.stdout
for _, _, e in events:
    out.write(json.dumps(e, separators=(",", ":")) + "\n")
