#!/usr/bin/env python3
"""Proves the deployment where no cluster can run (docs/deployment.md, "How the checks prove it").

1. render: makes the development secrets (k8s/overlays/dev/make-secrets.sh) in a copy of k8s/
   and renders every overlay with `kubectl kustomize` (each --kubectl given; their renders
   must agree);
2. schemas: validates every rendered object against the Kubernetes API schemas of the npm
   package kubernetes-models, unknown fields included (k8s/tests/validate.mjs);
3. policy: every Deployment, StatefulSet and Job (probes, resources, security context, no
   service account token, Secrets as files), every process of config/services.tsv deployed
   with its Service, ConfigMap and ports, production's autoscalers, disruption budgets and
   NetworkPolicies (default deny, and exactly the flows config/services.tsv gives);
4. flags: every ADOPTION_* variable given to a process is one of its flags' twins (the
   binaries' --help, when --build has them), and the Job's adoptctl flags exist;
5. secrets: no Secret value, private key or password among the committed files under k8s/;
6. containerfile: the Containerfile's stages, user, packages and binaries, and (when --build
   has the binaries) that every shared library they load comes from a package it installs
   or from the base image.

Prints what each check covered with counts; exits 1 listing every failure.
Usage: check_manifests.py --root REPO --npm REPO/.tools/node_modules [--build BUILD_DIR]
                          [--kubectl PATH ...]
"""
import argparse
import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    sys.exit("check_manifests: python3-yaml is missing (scripts/bootstrap installs it)")

OVERLAYS = ("dev", "production")
IMAGE = "permanence"
UID = 10001
SANITIZER_LIBS = re.compile(r"^lib(asan|ubsan|lsan|tsan|hwasan)\.so")
# Build tools that must stay in the builder stage.
FORBIDDEN_RUNTIME = re.compile(
    r"(-dev$|-dbg$|^(g\+\+|gcc|cpp|clang|llvm|cmake|ninja-build|make|ccache|build-essential|pkg-config|"
    r"libtool|autoconf|automake|bison|flex|protobuf-compiler|protobuf-compiler-grpc|golang.*|nodejs|npm)"
    r"(-[0-9.]+)?$)")
# Data the processes read at run time that no ldd shows: the Europe/London zone
# (platform/core/calendar.cc).
RUNTIME_DATA = {"tzdata": "the Europe/London time zone (platform/core/calendar.cc)",
                "mariadb-client": "mariadb-dump and mariadb, run by adoptctl backup and restore (tools/adoptctl/backup.cc)"}


class Checks:
    """Counts what was checked and collects every failure."""

    def __init__(self):
        self.failures = []
        self.counts = {}

    def expect(self, ok, section, message):
        self.counts[section] = self.counts.get(section, 0) + 1
        if not ok:
            self.failures.append(f"[{section}] {message}")
        return ok

    def fail(self, section, message):
        self.expect(False, section, message)


def say(message):
    print(message, flush=True)


# ---------------------------------------------------------------- the registry

def read_registry(root):
    """config/services.tsv: one dict per process, reads as a list."""
    with open(os.path.join(root, "config", "services.tsv"), encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("".join(lines)), delimiter="\t"))
    for row in rows:
        row["reads"] = [] if row["reads"] == "-" else row["reads"].split(",")
        for port in ("grpc_port", "metrics_port", "http_port"):
            row[port] = None if row[port] == "-" else int(row[port])
    return {row["name"]: row for row in rows}


def services_of(registry):
    """The five services: every process with a contract (the gateway has none)."""
    return [name for name, row in registry.items() if row["grpc_service"] != "-"]


# ---------------------------------------------------------------- rendering

def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def kubectl_version(kubectl):
    out = run([kubectl, "version", "--client"]).stdout
    m = re.search(r"GitVersion:\"(v[^\"]+)\"", out) or re.search(r"Client Version: (v\S+)", out)
    return m.group(1) if m else "unknown version"


def render(kubectl, directory):
    result = run([kubectl, "kustomize", directory])
    if result.returncode != 0:
        # Newer kustomize warns of deprecated fields (bases:) that Debian 12's needs: not the error.
        return None, "\n".join(l for l in result.stderr.splitlines() if not l.startswith("# Warning")).strip()
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc], None


def key_of(obj):
    meta = obj.get("metadata") or {}
    return (obj.get("apiVersion"), obj.get("kind"), meta.get("namespace"), meta.get("name"))


def normalised(obj):
    """Secret data without the line breaks newer kustomize folds base64 with (the API's
    base64 decoding ignores them)."""
    if obj.get("kind") == "Secret" and isinstance(obj.get("data"), dict):
        obj = dict(obj, data={k: re.sub(r"\s", "", v or "") for k, v in obj["data"].items()})
    return obj


def first_difference(a, b, path=""):
    if type(a) is not type(b):
        return path or "/"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}/{k}"
            d = first_difference(a[k], b[k], f"{path}/{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path} (length)"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}/{i}")
            if d:
                return d
        return None
    return None if a == b else (path or "/")


def check_certificates(checks, secrets, names):
    """make-secrets.sh's certificates: each signed by its development CA, named (CN and DNS)
    for its process's Service, for both ends of mutual TLS, and its key its own."""
    s = "render"
    ca = os.path.join(secrets, "ca.crt")
    for name in names:
        crt, key = os.path.join(secrets, f"{name}.crt"), os.path.join(secrets, f"{name}.key")
        if not checks.expect(os.path.isfile(crt) and os.path.isfile(key), s,
                             f"make-secrets.sh made no {name}.crt/.key"):
            continue
        verified = run(["openssl", "verify", "-CAfile", ca, crt])
        checks.expect(verified.returncode == 0, s, f"{name}.crt is not signed by ca.crt: {verified.stdout.strip()}")
        text = run(["openssl", "x509", "-in", crt, "-noout", "-subject", "-ext", "subjectAltName,extendedKeyUsage"])
        checks.expect(re.search(rf"CN\s*=\s*{name}\b", text.stdout) is not None, s, f"{name}.crt: CN is not {name}")
        checks.expect(f"DNS:{name}," in text.stdout and f"DNS:{name}.permanence.svc" in text.stdout, s,
                      f"{name}.crt: its Service's DNS names are missing")
        checks.expect("TLS Web Server Authentication" in text.stdout and "TLS Web Client Authentication"
                      in text.stdout, s, f"{name}.crt: must serve and be a client")
        pub = [run(["openssl", "x509", "-in", crt, "-pubkey", "-noout"]).stdout,
               run(["openssl", "pkey", "-in", key, "-pubout"]).stdout]
        checks.expect(pub[0] and pub[0] == pub[1], s, f"{name}.key is not the key of {name}.crt")
    say(f"render: {len(names)} certificates signed by the development CA, named for their Services")


def render_all(args, checks, tmp):
    """Copies k8s/ to tmp (without any developer's secrets), makes the dev secrets there and
    renders each overlay with each kubectl. Returns {overlay: objects} of the first kubectl."""
    k8s = os.path.join(tmp, "k8s")
    own = os.path.join(args.root, "k8s", "overlays", "dev")
    shutil.copytree(os.path.join(args.root, "k8s"), k8s, ignore=lambda d, names: [
        n for n in names if n == "__pycache__" or (n == "secrets" and os.path.samefile(d, own))])
    secrets = os.path.join(k8s, "overlays", "dev", "secrets")
    made = run(["bash", os.path.join(k8s, "overlays", "dev", "make-secrets.sh"), secrets])
    if not checks.expect(made.returncode == 0, "render", f"make-secrets.sh failed: {made.stderr.strip()}"):
        return {}
    again = run(["bash", os.path.join(k8s, "overlays", "dev", "make-secrets.sh"), secrets])
    checks.expect(again.returncode == 0 and again.stdout.strip() == "", "render",
                  "make-secrets.sh run a second time changed something: " + again.stdout.strip())
    say(f"render: make-secrets.sh made {len(os.listdir(secrets))} files; a second run changed nothing")
    check_certificates(checks, secrets, list(read_registry(args.root)) + ["mariadb"])

    renders = {}
    for kubectl in args.kubectl:
        version = kubectl_version(kubectl)
        for overlay in OVERLAYS:
            directory = os.path.join(k8s, "overlays", overlay)
            if not checks.expect(os.path.isfile(os.path.join(directory, "kustomization.yaml")), "render",
                                 f"k8s/overlays/{overlay}/kustomization.yaml is missing"):
                continue
            objects, error = render(kubectl, directory)
            if not checks.expect(objects is not None, "render",
                                 f"{overlay}: `kubectl kustomize` ({version}) failed: {error}"):
                continue
            kinds = {}
            for obj in objects:
                kinds[obj.get("kind")] = kinds.get(obj.get("kind"), 0) + 1
            summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
            say(f"render: {overlay}: {len(objects)} objects with kubectl {version} ({summary})")
            if overlay not in renders:
                renders[overlay] = (version, objects)
                continue
            # The same objects from every kubectl (kustomize v2.0.3 in Debian 12's, v5 in newer ones).
            first_version, first = renders[overlay]
            a = {key_of(o): normalised(o) for o in first}
            b = {key_of(o): normalised(o) for o in objects}
            before = len(checks.failures)
            for k in sorted(set(a) | set(b), key=str):
                if k not in b or k not in a:
                    checks.fail("render", f"{overlay}: {k} only in the render of kubectl "
                                          f"{first_version if k in a else version}")
                    continue
                diff = first_difference(a[k], b[k])
                checks.expect(diff is None, "render",
                              f"{overlay}: {k[1]}/{k[3]} differs at {diff} between kubectl {first_version} "
                              f"and {version}")
            differences = len(checks.failures) - before
            say(f"render: {overlay}: kubectl {version} renders the same {len(a)} objects as {first_version}"
                if not differences else f"render: {overlay}: {differences} differences between kubectl "
                                        f"{first_version} and {version}")
    return {overlay: objects for overlay, (_, objects) in renders.items()}


# ---------------------------------------------------------------- schemas

def validate_schemas(args, checks, renders):
    node = shutil.which("node")
    if not checks.expect(node is not None, "schemas", "node is not installed (scripts/bootstrap installs it)"):
        return
    objects = [(overlay, normalised(obj)) for overlay, objs in renders.items() for obj in objs]
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "validate.mjs")
    result = run([node, script, args.npm], input=json.dumps([obj for _, obj in objects]))
    if not checks.expect(result.returncode == 0, "schemas", f"validate.mjs failed: {result.stderr.strip()}"):
        return
    answer = json.loads(result.stdout)
    for (overlay, obj), errors in zip(objects, answer["results"]):
        checks.expect(not errors, "schemas",
                      f"{overlay}: {obj.get('kind')}/{(obj.get('metadata') or {}).get('name')}: " + "; ".join(errors))
    valid = sum(1 for errors in answer["results"] if not errors)
    say(f"schemas: {valid} of {len(objects)} objects valid against kubernetes-models {answer['version']} "
        f"(its validate(), and no unknown field in {answer['fields']} walked along its declarations)")


# ---------------------------------------------------------------- policy helpers

def selects(selector, labels):
    """A Kubernetes label selector (matchLabels and matchExpressions) against labels."""
    if selector is None:
        return False
    for k, v in (selector.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for e in selector.get("matchExpressions") or []:
        key, op, values = e.get("key"), e.get("operator"), e.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def quantity(text):
    units = {"m": 1e-3, "Ki": 2 ** 10, "Mi": 2 ** 20, "Gi": 2 ** 30, "Ti": 2 ** 40, "k": 1e3, "M": 1e6, "G": 1e9}
    m = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(text))
    if not m or (m.group(2) and m.group(2) not in units):
        return None
    return float(m.group(1)) * units.get(m.group(2), 1)


class Workload:
    def __init__(self, obj):
        self.obj = obj
        self.kind = obj["kind"]
        self.name = obj["metadata"]["name"]
        spec = obj.get("spec") or {}
        if self.kind == "CronJob":
            spec = (spec.get("jobTemplate") or {}).get("spec") or {}
        template = spec.get("template") or {}
        self.labels = (template.get("metadata") or {}).get("labels") or {}
        self.annotations = (template.get("metadata") or {}).get("annotations") or {}
        self.pod = template.get("spec") or {}
        self.app = self.labels.get("app.kubernetes.io/name", self.name)
        self.containers = (self.pod.get("initContainers") or []) + (self.pod.get("containers") or [])

    def __str__(self):
        return f"{self.kind}/{self.name}"

    def volumes(self):
        return {v["name"]: v for v in self.pod.get("volumes") or []}

    def secret_names(self):
        """Every Secret the pod mounts (secret and projected volumes)."""
        names = []
        for v in self.volumes().values():
            if "secret" in v:
                names.append(v["secret"].get("secretName"))
            for source in (v.get("projected") or {}).get("sources") or []:
                if "secret" in source:
                    names.append(source["secret"].get("name"))
        return names

    def secret_mount_paths(self, container):
        volumes = self.volumes()
        paths = []
        for m in container.get("volumeMounts") or []:
            v = volumes.get(m["name"]) or {}
            projected = (v.get("projected") or {}).get("sources") or []
            if "secret" in v or (projected and all("secret" in s for s in projected)):
                paths.append(m["mountPath"].rstrip("/") + "/")
        return paths


def index(objects, kind):
    return {o["metadata"]["name"]: o for o in objects if o.get("kind") == kind}


def environment(workload, container, configmaps):
    """The variables a container gets: its envFrom ConfigMaps, then its env."""
    env = {}
    for source in container.get("envFrom") or []:
        ref = source.get("configMapRef")
        if ref and ref.get("name") in configmaps:
            env.update((configmaps[ref["name"]].get("data") or {}))
    for e in container.get("env") or []:
        if "value" in e:
            env[e["name"]] = e["value"]
    return env


SECRETISH = re.compile(r"PASSWORD|SECRET|TOKEN|KEYS?\b|KEY_|CREDENTIAL|DB_URL")


def check_workload(checks, overlay, w, objects, dev):
    """What every pod of the deployment keeps to, whatever it runs."""
    s = f"policy:{overlay}"
    pod = w.pod
    checks.expect(pod.get("automountServiceAccountToken") is False, s,
                  f"{w}: automountServiceAccountToken must be false")
    psc = pod.get("securityContext") or {}
    checks.expect(psc.get("runAsNonRoot") is True, s, f"{w}: pod securityContext.runAsNonRoot must be true")
    checks.expect(isinstance(psc.get("runAsUser"), int) and psc.get("runAsUser") > 0, s,
                  f"{w}: pod securityContext.runAsUser must be a non-root uid")
    checks.expect((psc.get("seccompProfile") or {}).get("type") == "RuntimeDefault", s,
                  f"{w}: pod seccompProfile must be RuntimeDefault")
    checks.expect(not pod.get("hostNetwork") and not pod.get("hostPID") and not pod.get("hostIPC"), s,
                  f"{w}: no host namespaces")
    configmaps = index(objects, "ConfigMap")
    secrets = index(objects, "Secret")
    volumes = w.volumes()
    for c in w.containers:
        where = f"{w} container {c.get('name')}"
        sc = c.get("securityContext") or {}
        checks.expect(sc.get("allowPrivilegeEscalation") is False, s,
                      f"{where}: allowPrivilegeEscalation must be false")
        checks.expect(sc.get("readOnlyRootFilesystem") is True, s, f"{where}: readOnlyRootFilesystem must be true")
        checks.expect("ALL" in ((sc.get("capabilities") or {}).get("drop") or []), s,
                      f"{where}: capabilities must drop ALL")
        checks.expect(not ((sc.get("capabilities") or {}).get("add")), s, f"{where}: adds capabilities")
        checks.expect(sc.get("privileged") is not True, s, f"{where}: privileged")
        checks.expect(sc.get("runAsNonRoot", psc.get("runAsNonRoot")) is True, s, f"{where}: runAsNonRoot")
        checks.expect(sc.get("runAsUser", psc.get("runAsUser")) not in (0, None), s, f"{where}: runs as root")
        checks.expect((sc.get("seccompProfile") or psc.get("seccompProfile") or {}).get("type") == "RuntimeDefault",
                      s, f"{where}: seccompProfile must be RuntimeDefault")
        resources = c.get("resources") or {}
        for part in ("requests", "limits"):
            for r in ("cpu", "memory"):
                checks.expect(r in (resources.get(part) or {}), s, f"{where}: resources.{part}.{r} is missing")
        for r in ("cpu", "memory"):
            req, lim = (resources.get("requests") or {}).get(r), (resources.get("limits") or {}).get(r)
            if req is not None and lim is not None:
                checks.expect(quantity(req) is not None and quantity(lim) is not None
                              and quantity(req) <= quantity(lim), s, f"{where}: {r} request {req} over limit {lim}")
        # A read-only root needs somewhere to write: /tmp from an emptyDir.
        if c.get("image", "").split("/")[-1].split(":")[0].split("@")[0] == IMAGE:
            tmp = [m for m in c.get("volumeMounts") or [] if m.get("mountPath") == "/tmp"]
            checks.expect(bool(tmp) and "emptyDir" in volumes.get(tmp[0]["name"], {}), s,
                          f"{where}: /tmp must be an emptyDir")
        # Secrets are files: never an environment value, never secretKeyRef.
        for e in c.get("env") or []:
            checks.expect("secretKeyRef" not in (e.get("valueFrom") or {}), s,
                          f"{where}: {e['name']} comes from a Secret through the environment (mount it as a file)")
        for source in c.get("envFrom") or []:
            checks.expect("secretRef" not in source, s, f"{where}: envFrom a Secret (mount it as a file)")
            ref = source.get("configMapRef")
            if ref:
                checks.expect(ref.get("name") in configmaps, s, f"{where}: envFrom ConfigMap {ref.get('name')} "
                                                               "is not in the render")
        mounts = w.secret_mount_paths(c)
        for name, value in environment(w, c, configmaps).items():
            if not SECRETISH.search(name):
                continue
            paths = [p for p in str(value).split(",") if p]
            ok = name.endswith("_FILE") or name == "ADOPTION_JWT_PUBLIC_KEYS"
            checks.expect(ok and paths and all(p.startswith("/") for p in paths), s,
                          f"{where}: {name} looks secret: give it as a file (…_FILE, a mounted Secret)")
            for p in paths:
                checks.expect(any(p.startswith(m) for m in mounts), s,
                              f"{where}: {name}={p} is not under a mounted Secret")
    for v in volumes.values():
        if "configMap" in v:
            checks.expect(v["configMap"].get("name") in configmaps, s,
                          f"{w}: volume {v['name']}: ConfigMap {v['configMap'].get('name')} is not in the render")
    # Development brings every Secret it mounts; production's come from the operator.
    if dev:
        for name in w.secret_names():
            checks.expect(name in secrets, s, f"{w}: Secret {name} is mounted but dev does not generate it")


def check_process(checks, overlay, row, objects, registry, production):
    """A process of config/services.tsv: its Deployment, Service, ConfigMap and probes."""
    s = f"policy:{overlay}"
    name = row["name"]
    deployments = [Workload(o) for o in objects if o.get("kind") == "Deployment"]
    mine = [d for d in deployments if d.labels.get("app.kubernetes.io/name") == name]
    if not checks.expect(len(mine) == 1, s, f"{name}: {len(mine)} Deployments labelled app.kubernetes.io/name={name} "
                                            "(one expected)"):
        return None
    d = mine[0]
    checks.expect(d.labels.get("app.kubernetes.io/part-of") == "permanence", s,
                  f"{d}: pod label app.kubernetes.io/part-of: permanence is missing")
    checks.expect((d.obj["metadata"].get("labels") or {}).get("app.kubernetes.io/name") == name, s,
                  f"{d}: label app.kubernetes.io/name: {name} is missing")
    containers = d.pod.get("containers") or []
    if not checks.expect(len(containers) == 1, s, f"{d}: one container expected"):
        return d
    c = containers[0]
    image = c.get("image", "")
    checks.expect(image.split("/")[-1].split(":")[0].split("@")[0] == IMAGE, s, f"{d}: image {image}, not {IMAGE}")
    checks.expect((c.get("command") or [None])[0] == f"/usr/local/bin/{row['binary']}", s,
                  f"{d}: command must be /usr/local/bin/{row['binary']}")
    ports = {p.get("name"): p.get("containerPort") for p in c.get("ports") or []}
    wanted = {"grpc": row["grpc_port"], "metrics": row["metrics_port"]}
    if row["http_port"]:
        wanted["http"] = row["http_port"]
    configmaps = index(objects, "ConfigMap")
    env = environment(d, c, configmaps)
    # The gRPC ports speak only TLS, which the kubelet's gRPC probe cannot: the probes ask
    # grpc.health.v1 on each process's plaintext health-only port (--health-address),
    # which for the gateway is also out of its REST queue.
    health = re.fullmatch(r"0\.0\.0\.0:(\d+)", env.get("ADOPTION_HEALTH_ADDRESS", ""))
    health_port = int(health.group(1)) if health else None
    checks.expect(health_port is not None and health_port not in wanted.values(), s,
                  f"{d}: ADOPTION_HEALTH_ADDRESS must be 0.0.0.0:<a port of its own> for the probes")
    container_wanted = dict(wanted, health=health_port)
    checks.expect(ports == container_wanted, s, f"{d}: container ports {ports}, expected {container_wanted}")
    # Probes: gRPC health on the health port — the gateway's own, never /healthz, which
    # follows the services behind it, so one service down would take out or restart every
    # gateway. A service's liveness asks for "liveness", which stays SERVING while its
    # database is away (readiness, the whole service, does not): a database outage must
    # not restart it.
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        p = c.get(probe) or {}
        wanted_service = "liveness" if probe == "livenessProbe" and name != "gateway" else None
        checks.expect((p.get("grpc") or {}).get("port") == health_port
                      and (p.get("grpc") or {}).get("service") == wanted_service, s,
                      f"{d}: {probe} must be grpc on its health port {health_port}"
                      + (f" asking for service {wanted_service}" if wanted_service else ""))
    a = d.annotations
    checks.expect(a.get("prometheus.io/scrape") == "true" and a.get("prometheus.io/port") == str(row["metrics_port"])
                  and a.get("prometheus.io/path") == "/metrics", s,
                  f"{d}: prometheus.io annotations must be scrape true, port {row['metrics_port']}, path /metrics")
    # Its Service: selects its pods, names its ports.
    services = [o for o in objects if o.get("kind") == "Service"
                and (o.get("spec") or {}).get("selector") and selects({"matchLabels": o["spec"]["selector"]}, d.labels)]
    if checks.expect(len(services) == 1, s, f"{d}: {len(services)} Services select its pods (one expected)"):
        svc = services[0]
        checks.expect(svc["metadata"]["name"] == name, s, f"{d}: its Service is {svc['metadata']['name']}, not {name}")
        sports = {}
        for p in svc["spec"].get("ports") or []:
            target = p.get("targetPort", p.get("port"))
            sports[p.get("name")] = (p.get("port"), ports.get(target) if isinstance(target, str) else target)
        checks.expect(sports == {k: (v, v) for k, v in wanted.items()}, s,
                      f"Service/{svc['metadata']['name']}: ports {sports}, expected {wanted} by name")
    # Its settings.
    checks.expect(env.get("ADOPTION_GRPC_ADDRESS") == f"0.0.0.0:{row['grpc_port']}", s,
                  f"{d}: ADOPTION_GRPC_ADDRESS must be 0.0.0.0:{row['grpc_port']}")
    checks.expect(env.get("ADOPTION_METRICS_PORT") == str(row["metrics_port"]), s,
                  f"{d}: ADOPTION_METRICS_PORT must be {row['metrics_port']}")
    if row["http_port"]:
        checks.expect(env.get("ADOPTION_HTTP_PORT") == str(row["http_port"]), s,
                      f"{d}: ADOPTION_HTTP_PORT must be {row['http_port']}")
    upstreams = services_of(registry) if name == "gateway" else row["reads"]
    given = {k for k in env if re.fullmatch(r"ADOPTION_[A-Z]+_ADDRESS", k) and k != "ADOPTION_GRPC_ADDRESS"
             and k not in ("ADOPTION_METRICS_ADDRESS", "ADOPTION_HTTP_ADDRESS", "ADOPTION_HEALTH_ADDRESS")}
    checks.expect(given == {f"ADOPTION_{u.upper()}_ADDRESS" for u in upstreams}, s,
                  f"{d}: upstream addresses {sorted(given)}, expected those of {upstreams}")
    for u in upstreams:
        value = env.get(f"ADOPTION_{u.upper()}_ADDRESS")
        checks.expect(value == f"{u}:{registry[u]['grpc_port']}", s,
                      f"{d}: ADOPTION_{u.upper()}_ADDRESS is {value}, expected {u}:{registry[u]['grpc_port']}")
    # TLS everywhere (docs/operations.md, "Transport security"): each process's certificate,
    # key and the suite's CA from a mounted Secret; never the development flag.
    mounts = d.secret_mount_paths(c)
    for k in ("ADOPTION_TLS_CERT_FILE", "ADOPTION_TLS_KEY_FILE", "ADOPTION_TLS_CA_FILE"):
        checks.expect(str(env.get(k, "")).startswith("/") and any(env[k].startswith(m) for m in mounts), s,
                      f"{d}: {k} must be a file of a mounted Secret")
    checks.expect(str(env.get("ADOPTION_PLAINTEXT_DEVELOPMENT", "false")).lower() in ("false", "0", ""), s,
                  f"{d}: ADOPTION_PLAINTEXT_DEVELOPMENT: the deployment speaks TLS")
    if name != "gateway":
        files = ["ADOPTION_DB_URL_FILE", "ADOPTION_PAGE_TOKEN_SECRET_FILE", "ADOPTION_DB_TLS_CA_FILE"]
        for k in files:
            checks.expect(k in env, s, f"{d}: {k} is not set")
        # Over mutual TLS a service is known by its certificate: no token to hold or leak.
        checks.expect("ADOPTION_SERVICE_TOKEN_FILE" not in env, s,
                      f"{d}: ADOPTION_SERVICE_TOKEN_FILE: a service is known by its certificate")
        checks.expect("ADOPTION_DB_URL" not in env, s,
                      f"{d}: ADOPTION_DB_URL holds a password: use ADOPTION_DB_URL_FILE")
    checks.expect("ADOPTION_JWT_SECRET" not in env, s, f"{d}: ADOPTION_JWT_SECRET: use ADOPTION_JWT_SECRET_FILE")
    checks.expect(env.get("ADOPTION_JWT_ISSUER") and env.get("ADOPTION_JWT_AUDIENCE"), s,
                  f"{d}: ADOPTION_JWT_ISSUER and ADOPTION_JWT_AUDIENCE must be set")
    if production:
        checks.expect(("ADOPTION_JWT_JWKS_FILE" in env or "ADOPTION_JWT_PUBLIC_KEYS" in env)
                      and "ADOPTION_JWT_SECRET_FILE" not in env, s,
                      f"{d}: production verifies the identity provider's keys and has no HS256 secret")
    else:
        checks.expect("ADOPTION_JWT_SECRET_FILE" in env, s, f"{d}: development signs with ADOPTION_JWT_SECRET_FILE")
    if env.get("ADOPTION_LOG_LEVEL") is not None:
        checks.expect(env["ADOPTION_LOG_LEVEL"] in ("debug", "info", "warn", "error"), s,
                      f"{d}: ADOPTION_LOG_LEVEL {env['ADOPTION_LOG_LEVEL']}")
    return d


# ---------------------------------------------------------------- network policies

PROMETHEUS = "namespace monitoring, pods app.kubernetes.io/name=prometheus"
DNS = "namespace kube-system, pods k8s-app=kube-dns"
INGRESS = "namespace ingress-nginx, pods app.kubernetes.io/name=ingress-nginx"
DATABASE = "the database's address range"


def describe_peer(peer, workloads):
    """A NetworkPolicy peer as workload names (this namespace) or one description outside it."""
    if "ipBlock" in peer:
        cidr = peer["ipBlock"].get("cidr")
        return ["ANYWHERE " + cidr] if cidr in ("0.0.0.0/0", "::/0") else [DATABASE]
    if "namespaceSelector" in peer:
        ns = (peer["namespaceSelector"].get("matchLabels") or {}).get("kubernetes.io/metadata.name", "?")
        labels = (peer.get("podSelector") or {}).get("matchLabels") or {}
        pods = ",".join(f"{k}={v}" for k, v in sorted(labels.items()))
        if peer["namespaceSelector"].get("matchExpressions") or (peer.get("podSelector") or {}).get("matchExpressions"):
            pods += " (with expressions)"
        return [f"namespace {ns}, pods {pods or 'ALL'}"]
    return [w.app for w in workloads if selects(peer.get("podSelector") or {}, w.labels)] or ["NO POD"]


def flows(policies, workloads):
    """(from, to, protocol, port) for every ingress and egress rule, each side on its own."""
    ingress, egress = set(), set()
    for p in policies:
        spec = p.get("spec") or {}
        selected = [w for w in workloads if selects(spec.get("podSelector") or {}, w.labels)]
        types = spec.get("policyTypes") or (["Ingress"] + (["Egress"] if spec.get("egress") else []))
        for direction, key, peers_key, out in (("Ingress", "ingress", "from", ingress),
                                               ("Egress", "egress", "to", egress)):
            if direction not in types:
                continue
            for rule in spec.get(key) or []:
                peers = rule.get(peers_key)
                names = [n for peer in peers for n in describe_peer(peer, workloads)] if peers else ["ANYONE"]
                ports = [(q.get("protocol", "TCP"), q.get("port", "ALL")) for q in rule.get("ports") or []] \
                    or [("ANY", "ALL")]
                for w in selected:
                    for n in names:
                        for proto, port in ports:
                            out.add((n, w.app, proto, port) if direction == "Ingress" else (w.app, n, proto, port))
    return ingress, egress


def check_network(checks, overlay, objects, registry, dev):
    s = f"network:{overlay}"
    policies = [o for o in objects if o.get("kind") == "NetworkPolicy"]
    workloads = [Workload(o) for o in objects if o.get("kind") in ("Deployment", "StatefulSet", "Job", "CronJob")]
    deny = [p for p in policies if (p["spec"].get("podSelector") or {}) == {}
            and {"Ingress", "Egress"} <= set(p["spec"].get("policyTypes") or [])
            and not p["spec"].get("ingress") and not p["spec"].get("egress")]
    checks.expect(bool(deny), s, "no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)")
    for w in workloads:
        own = [p for p in policies if p["spec"].get("podSelector") and selects(p["spec"]["podSelector"], w.labels)]
        checks.expect(bool(own), s, f"{w}: no NetworkPolicy selects it")
    services = services_of(registry)
    grpc = {n: registry[n]["grpc_port"] for n in registry}
    want_in, want_out = set(), set()
    for n in services:
        want_in.add(("gateway", n, "TCP", grpc[n]))
        want_out.add(("gateway", n, "TCP", grpc[n]))
        for u in registry[n]["reads"]:
            want_in.add((n, u, "TCP", grpc[u]))
            want_out.add((n, u, "TCP", grpc[u]))
    app_in, app_out = set(want_in), set(want_out)
    for n, row in registry.items():
        want_in.add((PROMETHEUS, n, "TCP", row["metrics_port"]))
    want_in.add((INGRESS, "gateway", "TCP", registry["gateway"]["http_port"]))
    for w in workloads:
        want_out.update({(w.app, DNS, "UDP", 53), (w.app, DNS, "TCP", 53)})
    if dev:
        for n in services + ["permanence-provision"]:
            want_in.add((n, "mariadb", "TCP", 3306))
            want_out.add((n, "mariadb", "TCP", 3306))
    else:
        for n in services:
            want_out.add((n, DATABASE, "TCP", 3306))
    got_in, got_out = flows(policies, workloads)
    for direction, got, want in (("ingress", got_in, want_in), ("egress", got_out, want_out)):
        for f in sorted(want, key=str):
            checks.expect(f in got, s, f"{direction} not allowed: {f[0]} -> {f[1]} {f[2]}/{f[3]}")
        for f in sorted(got - want, key=str):
            checks.fail(s, f"{direction} allowed but not a flow of config/services.tsv: {f[0]} -> {f[1]} {f[2]}/{f[3]}")
    between = {f for f in got_in | got_out if f[0] in registry and f[1] in registry}
    say(f"network: {overlay}: {len(policies)} NetworkPolicies, {len(got_in)} ingress and {len(got_out)} egress "
        f"rules' flows; {len(between)} between processes = {len(app_in)} of config/services.tsv "
        f"(gateway -> {len(services)} services, {len(app_in) - len(services)} reads)"
        + (", plus default deny" if deny else ""))


# ---------------------------------------------------------------- overlays

def check_overlay(checks, overlay, objects, registry):
    s = f"policy:{overlay}"
    production, dev = overlay == "production", overlay == "dev"
    checks.expect(all((o.get("metadata") or {}).get("namespace") == "permanence" for o in objects
                      if o.get("kind") != "Namespace"), s, "every object must be in namespace permanence")
    workloads = [Workload(o) for o in objects if o.get("kind") in ("Deployment", "StatefulSet", "Job", "CronJob",
                                                                   "DaemonSet", "ReplicaSet", "Pod")]
    for w in workloads:
        check_workload(checks, overlay, w, objects, dev)
    deployments = {}
    for name, row in registry.items():
        d = check_process(checks, overlay, row, objects, registry, production)
        if d:
            deployments[name] = d
    for w in workloads:
        checks.expect(w.kind != "Deployment" or w.app in registry, s,
                      f"{w}: a process config/services.tsv does not name")
    ingresses = [o for o in objects if o.get("kind") == "Ingress"]
    backends = [((p.get("backend") or {}).get("service") or {}) for i in ingresses
                for r in i["spec"].get("rules") or [] for p in (r.get("http") or {}).get("paths") or []]
    checks.expect(bool(backends) and all(b.get("name") == "gateway" and (b.get("port") or {}).get("name", (
        b.get("port") or {}).get("number")) in ("http", registry["gateway"]["http_port"]) for b in backends), s,
                  "an Ingress must route to the gateway's REST port, and only there")
    for i in ingresses:
        a = i["metadata"].get("annotations") or {}
        checks.expect(a.get("nginx.ingress.kubernetes.io/backend-protocol") == "HTTPS"
                      and a.get("nginx.ingress.kubernetes.io/proxy-ssl-verify") == "on", s,
                      f"Ingress/{i['metadata']['name']}: must reach the gateway over HTTPS and check its certificate")
        if production:
            checks.expect(bool(i["spec"].get("tls")), s, f"Ingress/{i['metadata']['name']}: production needs tls:")
    if production:
        checks.expect(not [o for o in objects if o.get("kind") == "Secret"], s,
                      "production must carry no Secret: the operator makes them")
        checks.expect(not [w for w in workloads if w.kind == "StatefulSet"], s,
                      "production has no database server of its own (the managed MySQL)")
        hpas = [o for o in objects if o.get("kind") == "HorizontalPodAutoscaler"]
        pdbs = [o for o in objects if o.get("kind") == "PodDisruptionBudget"]
        for name, d in deployments.items():
            mine = [h for h in hpas if h.get("apiVersion") == "autoscaling/v2"
                    and (h["spec"].get("scaleTargetRef") or {}).get("kind") == "Deployment"
                    and h["spec"]["scaleTargetRef"].get("name") == d.name]
            checks.expect(len(mine) == 1 and mine[0]["spec"].get("minReplicas", 1) >= 2, s,
                          f"{d}: one autoscaling/v2 HorizontalPodAutoscaler with minReplicas >= 2 expected")
            mine = [p for p in pdbs
                    if p.get("apiVersion") == "policy/v1" and selects(p["spec"].get("selector"), d.labels)]
            checks.expect(len(mine) == 1, s, f"{d}: one policy/v1 PodDisruptionBudget expected")
            checks.expect("replicas" not in d.obj["spec"], s,
                          f"{d}: replicas is the autoscaler's, not the Deployment's")
    if dev:
        sts = [w for w in workloads if w.kind == "StatefulSet" and w.app == "mariadb"]
        if checks.expect(len(sts) == 1, s, "dev needs the mariadb StatefulSet"):
            m = sts[0]
            checks.expect((m.pod.get("containers") or [{}])[0].get("image") == "docker.io/library/mariadb:10.11", s,
                          f"{m}: image must be docker.io/library/mariadb:10.11")
            checks.expect(bool(m.obj["spec"].get("volumeClaimTemplates")), s, f"{m}: needs a volumeClaimTemplate")
            checks.expect("mariadb" in index(objects, "Service"), s, "dev needs the mariadb Service")
        jobs = [w for w in workloads if w.kind == "Job"]
        if checks.expect(len(jobs) == 1, s, "dev needs the provisioning Job"):
            script = "\n".join(x for c in jobs[0].containers for x in (c.get("command") or []) + (c.get("args") or []))
            commands = [command for command, _ in adoptctl_calls(script)]
            checks.expect("mysql provision" in commands and "migrate" in commands, s,
                          f"{jobs[0]}: must run adoptctl mysql provision and adoptctl migrate")
            migrates = [flags for command, flags in adoptctl_calls(script) if command == "migrate"]
            checks.expect(bool(migrates) and all("--grant-to" in f for f in migrates), s,
                          f"{jobs[0]}: adoptctl migrate must grant each runtime user its tables (--grant-to): the "
                          "services run as <service>_svc, which may not change the schema nor the audit log")
            loop = re.search(r"for \w+ in ([^;\n]*)", script)
            checks.expect(loop is not None and set(loop.group(1).split()) == set(services_of(registry)), s,
                          f"{jobs[0]}: must migrate every service of config/services.tsv (for … in <services>)")
    say(f"policy: {overlay}: {len(workloads)} workloads, {len(deployments)} of {len(registry)} processes of "
        f"config/services.tsv, {checks.counts.get(s, 0)} checks")


# ---------------------------------------------------------------- flags

def binaries(build, registry):
    paths = {name: os.path.join(build, row["binary"], row["binary"]) for name, row in registry.items()}
    paths["adoptctl"] = os.path.join(build, "tools", "adoptctl", "adoptctl")
    return paths


def help_text(binary, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADOPTION_")}
    env["ASAN_OPTIONS"] = "detect_leaks=0"
    result = run([binary, *args, "--help"], env=env, timeout=60)
    return result.returncode, result.stdout + result.stderr


def adoptctl_calls(script):
    """Each `adoptctl <command> [<sub>] --flags…` of a shell script: (command, [flags])."""
    script = script.replace("\\\n", " ")
    calls = []
    for line in script.splitlines():
        for m in re.finditer(r"\badoptctl\s+(mysql\s+provision|[a-z]+)\b([^;&|]*)", line):
            flags = [t.split("=")[0] for t in shlex.split(m.group(2), posix=True) if t.startswith("--")]
            calls.append((" ".join(m.group(1).split()), flags))
    return calls


def check_flags(args, checks, renders, registry):
    s = "flags"
    paths = binaries(args.build, registry) if args.build else {}
    missing = [p for p in paths.values() if not os.access(p, os.X_OK)]
    if not paths or missing:
        say(f"flags: skipped, binaries not built under {args.build or '(no --build)'}"
            + (f" ({len(missing)} missing, e.g. {missing[0]})" if missing else ""))
        return
    twins = {}
    for name in registry:
        rc, out = help_text(paths[name])
        twins[name] = set(re.findall(r"--[a-z0-9-]+ \((ADOPTION_[A-Z0-9_]+)\)", out))
        checks.expect(rc == 0 and twins[name], s, f"{paths[name]} --help: exit {rc}, {len(twins[name])} flags")
    checked = 0
    for overlay, objects in renders.items():
        configmaps = index(objects, "ConfigMap")
        for o in objects:
            if o.get("kind") != "Deployment":
                continue
            w = Workload(o)
            if w.app not in registry:
                continue
            for c in w.pod.get("containers") or []:
                for k in environment(w, c, configmaps):
                    checked += 1
                    checks.expect(k in twins[w.app], s, f"{overlay}: {w}: {k} is not a flag of "
                                                        f"{registry[w.app]['binary']} (its --help)")
    # The provisioning Job's adoptctl commands and flags.
    calls = 0
    for overlay, objects in renders.items():
        for o in objects:
            if o.get("kind") != "Job":
                continue
            for c in Workload(o).containers:
                for command, flags in adoptctl_calls("\n".join((c.get("command") or []) + (c.get("args") or []))):
                    rc, out = help_text(paths["adoptctl"], *command.split())
                    known = set(re.findall(r"(--[a-z0-9-]+)", out))
                    calls += 1
                    for f in flags:
                        checks.expect(f in known, s, f"{overlay}: Job/{o['metadata']['name']}: adoptctl {command} "
                                                     f"has no {f} (adoptctl {command} --help)")
    say(f"flags: {checked} variables given to {len(registry)} processes are their flags' twins "
        f"({sum(len(t) for t in twins.values())} twins from --help); {calls} adoptctl calls' flags exist")


# ---------------------------------------------------------------- secrets in the repository

PEM_PRIVATE = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
PASSWORD_VALUE = re.compile(r"(?i)\bpassword\s*=\s*([^\s\"'`;,)\]}]+)")


def committed_files(root, under):
    """Tracked and untracked-but-not-ignored files under `under` (every file when not a git work tree)."""
    git = shutil.which("git")
    if git and run([git, "-C", root, "rev-parse", "--is-inside-work-tree"]).returncode == 0:
        out = run([git, "-C", root, "ls-files", "--cached", "--others", "--exclude-standard", "--", under]).stdout
        return sorted({f for f in out.splitlines() if os.path.isfile(os.path.join(root, f))}), True
    found = []
    for d, _, names in os.walk(os.path.join(root, under)):
        found += [os.path.relpath(os.path.join(d, n), root) for n in names]
    return sorted(found), False


def check_secrets(args, checks):
    s = "secrets"
    files, git = committed_files(args.root, "k8s")
    files += [f for f in ("Containerfile", ".containerignore") if os.path.isfile(os.path.join(args.root, f))]
    generator_sources = 0
    for f in files:
        path = os.path.join(args.root, f)
        try:
            text = open(path, encoding="utf-8").read()
        except (UnicodeDecodeError, OSError):
            checks.fail(s, f"{f}: not readable as text")
            continue
        checks.expect(not PEM_PRIVATE.search(text), s, f"{f}: holds a private key")
        docs = []
        if f.endswith((".yaml", ".yml")):
            try:
                docs = [d for d in yaml.safe_load_all(text) if isinstance(d, dict)]
            except yaml.YAMLError as e:
                checks.fail(s, f"{f}: not YAML: {e}")
        skip = set()
        for d in docs:
            if d.get("kind") == "Secret":
                values = {k: v for part in ("data", "stringData") for k, v in (d.get(part) or {}).items() if v}
                checks.expect(not values, s, f"{f}: Secret {(d.get('metadata') or {}).get('name')} holds values "
                                             f"({', '.join(values)})")
            for g in d.get("secretGenerator") or []:
                checks.expect(not g.get("literals"), s, f"{f}: secretGenerator {g.get('name')} has literal values")
                for source in (g.get("files") or []) + ([g["env"]] if g.get("env") else []) + (g.get("envs") or []):
                    generator_sources += 1
                    skip.add(source)
                    target = os.path.normpath(os.path.join(os.path.dirname(f), source.split("=")[-1]))
                    if git:
                        ignored = run(["git", "-C", args.root, "check-ignore", "-q", "--no-index", target]).returncode
                        checks.expect(ignored == 0, s, f"{f}: secretGenerator source {target} is not git-ignored")
        for m in PASSWORD_VALUE.finditer(text):
            value = m.group(1)
            line = text[text.rfind("\n", 0, m.start()) + 1:text.find("\n", m.end())].strip()
            placeholder = value[0] in "$%<{" or value in ("W", "…", "...")
            checks.expect(placeholder or line.lstrip("- ") in skip, s, f"{f}: a password with a value: {line[:80]}")
    say(f"secrets: {len(files)} {'committed' if git else ''} files scanned (k8s/, Containerfile): no Secret value, "
        f"private key or password; {generator_sources} secretGenerator sources, all git-ignored")


# ---------------------------------------------------------------- the Containerfile

def containerfile_stages(text):
    """[(image, alias, [(instruction, argument)])] of a Containerfile."""
    text = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    stages = []
    for line in text.splitlines():
        if not line.strip():
            continue
        instruction, _, argument = line.strip().partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            words = [w for w in argument.split() if not w.startswith("--")]
            alias = words[2] if len(words) > 2 and words[1].lower() == "as" else None
            stages.append((words[0], alias, []))
        elif stages:
            stages[-1][2].append((instruction, argument.strip()))
    return stages


def installed_by(run_argument):
    """The packages every `apt-get install` of a RUN names, and whether each used --no-install-recommends."""
    packages, all_no_recommends = [], True
    for m in re.finditer(r"apt-get\s+(?:-\S+\s+)*install\b([^;&|]*)", run_argument):
        words = m.group(1).split()
        all_no_recommends &= "--no-install-recommends" in words
        packages += [w for w in words if not w.startswith("-")]
    return packages, all_no_recommends


def base_image_packages():
    """What debian:12-slim holds: the Essential and Priority required packages (debootstrap's
    minbase) and what they depend on, as this Debian 12's dpkg database says."""
    out = run(["dpkg-query", "-W", "-f", "${Package}\t${Essential}\t${Priority}\t${Pre-Depends}, ${Depends}\t"
               "${Provides}\n"]).stdout
    deps, provides, todo = {}, {}, []
    for line in out.splitlines():
        name, essential, priority, depends, provided = (line.split("\t") + [""] * 5)[:5]
        deps[name] = depends
        for p in provided.split(","):
            if p.strip():
                provides.setdefault(p.split()[0].split(":")[0], name)
        if essential == "yes" or priority == "required":
            todo.append(name)
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in deps:
            continue
        seen.add(name)
        for clause in deps[name].split(","):
            for alternative in clause.split("|"):
                dep = alternative.split("(")[0].strip().split(":")[0]
                dep = dep if dep in deps else provides.get(dep)
                if dep:
                    todo.append(dep)
                    break
    return seen


def packages_of(libraries):
    """{library: package} by `dpkg -S`, trying each path as ldd gave it, resolved, and with
    or without /usr (merged /usr: dpkg knows a file by the path its package ships)."""
    candidates = {}
    for library in libraries:
        paths = [library, os.path.realpath(library)]
        for c in list(paths):
            paths.append(c[4:] if c.startswith("/usr/lib/") else "/usr" + c if c.startswith("/lib") else c)
        candidates[library] = list(dict.fromkeys(paths))
    every = sorted({c for paths in candidates.values() for c in paths})
    owner = {}
    for line in run(["dpkg", "-S", *every]).stdout.splitlines() if every else []:
        package, _, path = line.partition(": ")
        if path in every:
            owner.setdefault(path, package.split(",")[0].split(":")[0].strip())
    return {library: next((owner[c] for c in paths if c in owner), None) for library, paths in candidates.items()}


def check_containerfile(args, checks, renders, registry):
    s = "containerfile"
    path = os.path.join(args.root, "Containerfile")
    if not checks.expect(os.path.isfile(path), s, "Containerfile is missing at the repository's root"):
        return
    stages = containerfile_stages(open(path, encoding="utf-8").read())
    if not checks.expect(len(stages) >= 2, s, f"{len(stages)} stage(s): a multi-stage build is expected"):
        return
    debian = r"(docker\.io/(library/)?)?debian:(12|bookworm)"
    builder = stages[0]
    final_image, _, final = stages[-1]
    checks.expect(re.fullmatch(debian + r"(@sha256:[0-9a-f]{64})?", builder[0]), s,
                  f"the builder stage is FROM {builder[0]}, not docker.io/library/debian:12")
    runs = " && ".join(a for i, a in builder[2] if i == "RUN")
    checks.expect(re.search(r"scripts/bootstrap\b", runs), s, "the builder stage must run scripts/bootstrap")
    checks.expect(re.search(r"scripts/build\s+release\b", runs), s, "the builder stage must run scripts/build release")
    checks.expect(re.fullmatch(r"(docker\.io/(library/)?)?debian:(12|bookworm)-slim(@sha256:[0-9a-f]{64})?",
                               final_image), s, f"the final stage is FROM {final_image}, not debian:12-slim")
    users = [a for i, a in final if i == "USER"]
    uid = users[-1].split(":")[0] if users else ""
    checks.expect(uid.isdigit() and int(uid) != 0, s, f"the final stage's USER must be a numeric non-root uid, "
                                                      f"not {users[-1] if users else 'unset'}")
    checks.expect(not uid.isdigit() or int(uid) == UID, s, f"USER {uid}: the manifests run as {UID}")
    packages = []
    for i, a in final:
        if i == "RUN" and "apt-get" in a:
            names, no_recommends = installed_by(a)
            packages += names
            checks.expect(no_recommends, s, "apt-get install in the final stage needs --no-install-recommends")
            checks.expect(not names or re.search(r"rm -rf /var/lib/apt/lists", a), s,
                          "the final stage's apt-get RUN must remove /var/lib/apt/lists")
    for p in packages:
        checks.expect(not FORBIDDEN_RUNTIME.search(p), s, f"the final stage installs {p}: a build tool or -dev package")
    # No secret baked in, none sent to the build.
    for i, a in (x for stage in stages for x in stage[2]):
        if i in ("ENV", "ARG"):
            checks.expect(not re.search(r"(?i)(secret|password|token|private)\w*\s*=", a), s, f"{i} {a}: a secret")
    ignore = os.path.join(args.root, ".containerignore")
    ignored = open(ignore, encoding="utf-8").read().split() if os.path.isfile(ignore) else []
    for needed in ("var", "k8s/overlays/dev/secrets", "build", ".git"):
        checks.expect(any(x.strip("/") in (needed, needed + "/**") for x in ignored), s,
                      f".containerignore must exclude {needed}/ (it holds secrets or build output)")
    # Every binary copied from the builder to /usr/local/bin.
    wanted = {f"build/release/{row['binary']}/{row['binary']}" for row in registry.values()}
    wanted.add("build/release/tools/adoptctl/adoptctl")
    copied = set()
    for i, a in final:
        if i in ("COPY", "ADD") and "--from=" in a:
            words = [w for w in a.split() if not w.startswith("--")]
            if words and words[-1].rstrip("/") == "/usr/local/bin":
                copied |= {w.split("/src/", 1)[-1].lstrip("/") if "/src/" in w else w for w in words[:-1]}
    for w in sorted(wanted):
        checks.expect(any(c.endswith(w) for c in copied), s, f"{w} is not copied to /usr/local/bin")
    # The processes' commands exist in the image.
    for overlay, objects in renders.items():
        for o in objects:
            if o.get("kind") in ("Deployment", "Job"):
                for c in Workload(o).containers:
                    cmd = (c.get("command") or [""])[0]
                    if c.get("image", "").split("/")[-1].split(":")[0] == IMAGE and cmd.startswith("/usr/local/bin/"):
                        checks.expect(any(x.endswith("/" + cmd.split("/")[-1]) for x in copied), s,
                                      f"{overlay}: {o['kind']}/{o['metadata']['name']} runs {cmd}, not in the image")
    base = base_image_packages()
    for package, why in RUNTIME_DATA.items():
        checks.expect(package in packages or package in base, s,
                      f"{package} ({why}) is neither installed nor in the base")
    say(f"containerfile: {len(stages)} stages, USER {users[-1] if users else '?'}, {len(packages)} runtime packages, "
        f"{len(wanted)} binaries copied, {len(base)} packages in debian:12-slim's base")
    # The shared libraries the binaries load.
    paths = binaries(args.build, registry) if args.build else {}
    missing = [p for p in paths.values() if not os.access(p, os.X_OK)]
    if not paths or missing:
        say(f"containerfile: ldd skipped, binaries not built under {args.build or '(no --build)'}")
        return
    sanitized = False
    cache = os.path.join(args.build, "CMakeCache.txt")
    if os.path.isfile(cache):
        sanitized = re.search(r"^ADOPTION_SANITIZE:BOOL=ON$", open(cache, encoding="utf-8").read(), re.M) is not None
    libraries, skipped = {}, set()
    for name, binary in paths.items():
        out = run(["ldd", binary]).stdout
        for line in out.splitlines():
            m = re.match(r"\s*(\S+)\s*=>\s*(\S+)", line)
            if not m:
                continue
            soname, library = m.groups()
            if not checks.expect(library != "not", s, f"ldd {binary}: {soname} not found"):
                continue
            if sanitized and SANITIZER_LIBS.match(soname):
                skipped.add(soname)
                continue
            libraries.setdefault(library, set()).add(name)
    providers = {}
    owners = packages_of(list(libraries))
    for library, users_of in sorted(libraries.items()):
        package = owners[library]
        if not checks.expect(package is not None, s, f"{library} (of {', '.join(sorted(users_of))}) is in no package"):
            continue
        providers.setdefault(package, []).append(library)
        checks.expect(package in packages or package in base, s,
                      f"{library} (of {', '.join(sorted(users_of))}) comes from {package}, which the final stage "
                      "does not install")
    extra = sorted(set(packages) - set(providers) - set(RUNTIME_DATA))
    say(f"containerfile: ldd of {len(paths)} binaries: {len(libraries)} shared libraries from "
        f"{len(providers)} packages "
        f"({len([p for p in providers if p in base])} in the base image)"
        + (f"; skipped the dev build's sanitizer runtimes {', '.join(sorted(skipped))} (not in a release build)"
           if skipped else "")
        + (f"; installed but no binary loads: {', '.join(extra)}" if extra else ""))


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", required=True, help="the repository")
    parser.add_argument("--npm", required=True, help="node_modules holding kubernetes-models")
    parser.add_argument("--build", help="a build directory; its binaries' --help and ldd are checked when built")
    parser.add_argument("--kubectl", action="append",
                        help="kubectl to render with (repeatable; their renders must agree); default: kubectl on PATH")
    args = parser.parse_args()
    args.root = os.path.abspath(args.root)
    if not args.kubectl:
        found = shutil.which("kubectl")
        if not found:
            sys.exit("check_manifests: kubectl is not installed "
                     "(scripts/bootstrap installs Debian's kubernetes-client)")
        args.kubectl = [found]
    checks = Checks()
    registry = read_registry(args.root)
    with tempfile.TemporaryDirectory(prefix="check-manifests-") as tmp:
        renders = render_all(args, checks, tmp)
    validate_schemas(args, checks, renders)
    for overlay, objects in renders.items():
        check_overlay(checks, overlay, objects, registry)
        check_network(checks, overlay, objects, registry, overlay == "dev")
    check_flags(args, checks, renders, registry)
    check_secrets(args, checks)
    check_containerfile(args, checks, renders, registry)
    total = sum(checks.counts.values())
    if checks.failures:
        print(f"\ncheck_manifests: {len(checks.failures)} of {total} checks FAILED:", file=sys.stderr)
        for f in checks.failures:
            print("  " + f, file=sys.stderr)
        return 1
    print(f"check_manifests: all {total} checks hold "
          f"({', '.join(f'{k} {v}' for k, v in sorted(checks.counts.items()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
