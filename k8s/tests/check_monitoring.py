#!/usr/bin/env python3
"""Checks the monitoring of k8s/monitoring where no cluster and no live Prometheus run.

    python3 k8s/tests/check_monitoring.py --root REPO [--promtool promtool] [--kubectl K ...]

(ctest: monitoring_rules.) Checks, and lists every failure before exiting 1:
- every rule file passes `promtool check rules`; every alert has a severity (page or
  ticket), a summary, a description, and a runbook_url naming a heading of docs/runbook.md;
- every test file passes `promtool test rules`; every alert has a test in which it fires
  (exp_alerts not empty) and one in which it does not; every alert a test names exists;
  every recording rule is evaluated by a promql_expr_test; every rule file is tested;
- every dashboard is valid JSON in Grafana's model (schemaVersion 39, a `datasource`
  variable, unique uid, unique panel ids), every panel has a description, the
  `${datasource}` data source and a target with an expr, every variable a query uses is
  defined, and every query and every leaf check_queries.py will run parses (promtool);
- the JSON is what generate_dashboards.py writes;
- the scrape configuration parses (promtool, with static targets in place of Kubernetes
  discovery, which Debian's Prometheus lacks) and its relabelling keeps and labels the
  pods it should (simulated here);
- `kubectl kustomize k8s/monitoring` (each --kubectl; default the one on PATH) puts every
  dashboard in a ConfigMap labelled grafana_dashboard: "1", every rule file in the rules
  ConfigMap and the scrape configuration in its own;
- check_queries.py's own tests (test_check_queries.py) pass;
- no line of these files is longer than 120 columns (the JSON excepted).
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from check_queries import leaves, substitute, walk_panels  # noqa: E402

SEVERITIES = {"page", "ticket"}
DATASOURCES = ({"type": "prometheus", "uid": "${datasource}"}, {"type": "prometheus", "uid": "$datasource"})
BUILT_IN_VARIABLES = {"__rate_interval", "__interval", "__interval_ms", "__range", "__range_s", "__range_ms",
                      "datasource"}


class Check:
    def __init__(self):
        self.failures = []

    def fail(self, message):
        self.failures.append(message)


def run(command, cwd=None):
    try:
        p = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=240)
        return p.returncode, (p.stdout + p.stderr).strip()
    except (OSError, subprocess.TimeoutExpired) as e:
        return 127, str(e)


def github_anchors(markdown):
    """The anchors GitHub gives a document's headings."""
    anchors, seen, fenced = set(), {}, False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        m = None if fenced else re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        slug = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        anchors.add(slug if n == 0 else f"{slug}-{n}")
    return anchors


# ---------------------------------------------------------------------------------------


def check_rules(c, root, promtool):
    files = sorted(glob.glob(os.path.join(root, "k8s/monitoring/rules/*.yaml")))
    if not files:
        c.fail("no rule files in k8s/monitoring/rules")
    runbook_path = os.path.join(root, "docs/runbook.md")
    anchors = github_anchors(open(runbook_path).read()) if os.path.exists(runbook_path) else set()
    if not anchors:
        c.fail("docs/runbook.md is missing or has no headings")
    alerts, records = {}, {}
    for path in files:
        name = os.path.relpath(path, root)
        rc, out = run([promtool, "check", "rules", path])
        if rc != 0:
            c.fail(f"promtool check rules {name}:\n{out}")
        doc = yaml.safe_load(open(path)) or {}
        for group in doc.get("groups", []):
            for rule in group.get("rules", []):
                if "alert" in rule:
                    alert = rule["alert"]
                    if alert in alerts:
                        c.fail(f"{name}: alert {alert} is defined twice")
                    alerts[alert] = (name, rule)
                    labels, notes = rule.get("labels", {}), rule.get("annotations", {})
                    if labels.get("severity") not in SEVERITIES:
                        c.fail(f"{name}: alert {alert}: severity {labels.get('severity')!r} is not page or ticket")
                    for key in ("summary", "description"):
                        if not str(notes.get(key, "")).strip():
                            c.fail(f"{name}: alert {alert} has no {key} annotation")
                    url = str(notes.get("runbook_url", ""))
                    m = re.fullmatch(r"(?:.*/)?docs/runbook\.md#([\w-]+)", url)
                    if not m:
                        c.fail(f"{name}: alert {alert}: runbook_url {url!r} is not docs/runbook.md#<heading>")
                    elif m.group(1) not in anchors:
                        c.fail(f"{name}: alert {alert}: docs/runbook.md has no heading #{m.group(1)}")
                elif "record" in rule:
                    records[rule["record"]] = (name, rule)
    return files, alerts, records


def check_tests(c, root, promtool, rule_files, alerts, records):
    files = sorted(glob.glob(os.path.join(root, "k8s/monitoring/tests/*.yaml")))
    if not files:
        c.fail("no promtool tests in k8s/monitoring/tests")
    fired, quiet, tested_files, evaluated = {}, {}, set(), []
    cases = 0
    for path in files:
        name = os.path.relpath(path, root)
        rc, out = run([promtool, "test", "rules", os.path.basename(path)], cwd=os.path.dirname(path))
        if rc != 0:
            c.fail(f"promtool test rules {name}:\n{out}")
        doc = yaml.safe_load(open(path)) or {}
        for rule_file in doc.get("rule_files", []):
            tested_files.add(os.path.normpath(os.path.join(os.path.dirname(path), rule_file)))
        for test in doc.get("tests", []):
            for case in test.get("alert_rule_test", []):
                cases += 1
                alert = case.get("alertname")
                if alert not in alerts:
                    c.fail(f"{name}: tests alert {alert!r}, which no rule file defines")
                (fired if case.get("exp_alerts") else quiet).setdefault(alert, []).append(name)
            for case in test.get("promql_expr_test", []):
                cases += 1
                evaluated.append(str(case.get("expr", "")))
    for alert, (rule_file, _) in sorted(alerts.items()):
        if alert not in fired:
            c.fail(f"alert {alert} ({rule_file}) has no promtool test in which it fires")
        if alert not in quiet:
            c.fail(f"alert {alert} ({rule_file}) has no promtool test in which it stays quiet")
    for record, (rule_file, _) in sorted(records.items()):
        if not any(re.search(r"(?<![\w:])" + re.escape(record) + r"(?![\w:])", e) for e in evaluated):
            c.fail(f"recording rule {record} ({rule_file}) is evaluated by no promql_expr_test")
    for path in rule_files:
        if os.path.normpath(path) not in tested_files:
            c.fail(f"{os.path.relpath(path, root)} is in no test file's rule_files")
    return files, cases


def check_dashboards(c, root, promtool, rules):
    files = sorted(glob.glob(os.path.join(root, "k8s/monitoring/dashboards/*.json")))
    if not files:
        c.fail("no dashboards in k8s/monitoring/dashboards")
    uids, panels, queries, syntax = {}, 0, 0, []
    for path in files:
        name = os.path.relpath(path, root)
        try:
            d = json.load(open(path))
        except ValueError as e:
            c.fail(f"{name}: not valid JSON: {e}")
            continue
        if d.get("schemaVersion") != 39:
            c.fail(f"{name}: schemaVersion {d.get('schemaVersion')!r}, not 39")
        for key in ("title", "uid"):
            if not d.get(key):
                c.fail(f"{name}: no {key}")
        if d.get("uid") in uids:
            c.fail(f"{name}: uid {d.get('uid')!r} is also {uids[d.get('uid')]}'s")
        uids[d.get("uid")] = name
        variables = {v.get("name"): v for v in d.get("templating", {}).get("list", [])}
        ds = variables.get("datasource")
        if not ds or ds.get("type") != "datasource" or ds.get("query") != "prometheus":
            c.fail(f"{name}: no `datasource` variable of type datasource for Prometheus")
        defined = set(variables) | BUILT_IN_VARIABLES
        ids = set()
        all_panels = list(walk_panels(d.get("panels", [])))
        if not all_panels:
            c.fail(f"{name}: no panels")
        for p in all_panels:
            panels += 1
            where = f"{name} panel {p.get('id')} {p.get('title', '')!r}"
            if p.get("id") in ids or not isinstance(p.get("id"), int):
                c.fail(f"{where}: panel id {p.get('id')!r} missing or repeated")
            ids.add(p.get("id"))
            if not str(p.get("description", "")).strip():
                c.fail(f"{where}: no description")
            if p.get("datasource") not in DATASOURCES:
                c.fail(f"{where}: datasource {p.get('datasource')!r} is not the ${{datasource}} variable")
            if "gridPos" not in p:
                c.fail(f"{where}: no gridPos")
            targets = [t for t in p.get("targets", []) if str(t.get("expr", "")).strip()]
            if not targets:
                c.fail(f"{where}: no target with an expr")
            refs = [t.get("refId") for t in p.get("targets", [])]
            if len(set(refs)) != len(refs):
                c.fail(f"{where}: repeated refIds {refs}")
            for t in targets:
                queries += 1
                if "datasource" in t and t["datasource"] not in DATASOURCES:
                    c.fail(f"{where} target {t.get('refId')}: datasource {t['datasource']!r}")
                for var in re.findall(r"\$\{?([A-Za-z_]\w*)", t["expr"]):
                    if var not in defined:
                        c.fail(f"{where} target {t.get('refId')}: variable ${var} is not defined")
                syntax.append((f"{where} target {t.get('refId')}", substitute(t["expr"])))
        for v in variables.values():
            if v.get("type") == "query":
                q = v.get("query")
                q = q.get("query") if isinstance(q, dict) else q
                m = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\)\s*", str(q))
                if not m:
                    c.fail(f"{name}: variable {v.get('name')}: query {q!r} is not label_values(selector, label)")
                else:
                    syntax.append((f"{name} variable {v.get('name')}", m.group(1)))
    # Every expression, and every leaf check_queries.py will run, must parse: as recording
    # rules in a scratch file, one group each so that promtool names the one that fails.
    for source, expr in [(f"rule {r.get('alert') or r.get('record')}", str(r["expr"])) for r in rules] + syntax:
        try:
            for leaf in leaves(substitute(expr)):
                syntax.append((f"{source}, leaf", leaf))
        except ValueError as e:
            c.fail(f"{source}: cannot split into leaves: {e}")
    groups = [{"name": f"{i}: {source}", "rules": [{"record": "check:query", "expr": expr}]}
              for i, (source, expr) in enumerate(syntax)]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = os.path.join(tmp, "queries.yaml")
        yaml.safe_dump({"groups": groups}, open(scratch, "w"), width=1000)
        rc, out = run([promtool, "check", "rules", scratch])
        if rc != 0:
            c.fail("a dashboard query or a leaf does not parse:\n" + out)
    generator = os.path.join(root, "k8s/monitoring/generate_dashboards.py")
    if os.path.exists(generator):
        rc, out = run([sys.executable, generator, "--check"])
        if rc != 0:
            c.fail(f"k8s/monitoring/generate_dashboards.py --check: {out}")
    return files, panels, queries


# ---------------------------------------------------------------------------------------
# The scrape configuration


def relabel(labels, configs):
    """Prometheus's relabelling (the actions scrape.yaml uses); None when dropped."""
    labels = dict(labels)
    for rc in configs:
        action = rc.get("action", "replace")
        value = rc.get("separator", ";").join(labels.get(s, "") for s in rc.get("source_labels", []))
        regex = re.compile(f"^(?:{rc.get('regex', '(.*)')})$")
        m = regex.match(value)
        if action == "keep" and not m:
            return None
        if action == "drop" and m:
            return None
        if action == "replace" and m:
            replacement = re.sub(r"\$\{?(\d+)\}?", r"\\g<\1>", str(rc.get("replacement", "$1")))
            result = m.expand(replacement)
            if result:
                labels[rc["target_label"]] = result
            else:
                labels.pop(rc["target_label"], None)
    return {k: v for k, v in labels.items() if not k.startswith("__") or k in ("__address__", "__metrics_path__")}


def check_scrape(c, root, promtool):
    path = os.path.join(root, "k8s/monitoring/prometheus/scrape.yaml")
    if not os.path.exists(path):
        c.fail("k8s/monitoring/prometheus/scrape.yaml is missing")
        return
    configs = yaml.safe_load(open(path))
    if not isinstance(configs, list) or not configs:
        c.fail("scrape.yaml: not a list of scrape configs")
        return
    job = configs[0]
    sd = job.get("kubernetes_sd_configs", [])
    if not sd or sd[0].get("role") != "pod":
        c.fail("scrape.yaml: the first scrape config does not discover pods (kubernetes_sd_configs role pod)")
    with tempfile.TemporaryDirectory() as tmp:
        static = [{k: v for k, v in cfg.items() if k != "kubernetes_sd_configs"} for cfg in configs]
        for cfg in static:
            cfg["static_configs"] = [{"targets": ["127.0.0.1:9102"]}]
        cfg_path = os.path.join(tmp, "prometheus.yml")
        yaml.safe_dump({"scrape_configs": static}, open(cfg_path, "w"))
        rc, out = run([promtool, "check", "config", cfg_path])
        if rc != 0:
            c.fail(f"scrape.yaml does not parse (promtool check config, static targets):\n{out}")

    def pod(namespace="permanence", scrape="true", port="9102", name="recruitment", phase="Running"):
        labels = {"__address__": "10.1.2.3:50051", "__meta_kubernetes_namespace": namespace,
                  "__meta_kubernetes_pod_phase": phase, "__meta_kubernetes_pod_name": f"{name}-7d9f-abcde",
                  "__meta_kubernetes_pod_label_app_kubernetes_io_name": name, "__metrics_path__": "/metrics"}
        if scrape is not None:
            labels["__meta_kubernetes_pod_annotation_prometheus_io_scrape"] = scrape
        if port is not None:
            labels["__meta_kubernetes_pod_annotation_prometheus_io_port"] = port
        return labels

    relabels = job.get("relabel_configs", [])
    got = relabel(pod(), relabels)
    want = {"__address__": "10.1.2.3:9102", "service": "recruitment"}
    if got is None or any(got.get(k) != v for k, v in want.items()):
        c.fail(f"scrape.yaml: an annotated recruitment pod relabels to {got}, wanted at least {want}")
    got = relabel(pod(name="gateway", port="9101"), relabels)
    if not got or got.get("service") != "gateway" or got.get("__address__") != "10.1.2.3:9101":
        c.fail(f"scrape.yaml: the gateway's pod relabels to {got}")
    for why, labels in [("not annotated", pod(scrape=None)), ("annotated false", pod(scrape="false")),
                        ("in another namespace", pod(namespace="default")), ("finished", pod(phase="Succeeded"))]:
        if relabel(labels, relabels) is not None:
            c.fail(f"scrape.yaml: a pod {why} is kept")


# ---------------------------------------------------------------------------------------
# The kustomization


def check_kustomize(c, root, kubectls, rule_files, dashboards):
    directory = os.path.join(root, "k8s/monitoring")
    for kubectl in kubectls:
        rc, out = run([kubectl, "kustomize", directory])
        if rc != 0:
            c.fail(f"{kubectl} kustomize k8s/monitoring:\n{out}")
            continue
        docs = [d for d in yaml.safe_load_all(out.split("\n", 1)[1] if out.startswith("#") else out) if d]
        maps = [d for d in docs if d.get("kind") == "ConfigMap"]
        dashboard_keys, rule_keys, scrape = {}, {}, False
        for m in maps:
            labels = m.get("metadata", {}).get("labels", {}) or {}
            data = m.get("data", {}) or {}
            for key, text in data.items():
                if key.endswith(".json"):
                    if labels.get("grafana_dashboard") != "1":
                        c.fail(f"{kubectl}: ConfigMap {m['metadata']['name']} holds {key} without the label "
                               "grafana_dashboard: \"1\"")
                    dashboard_keys[key] = text
                elif labels.get("grafana_dashboard"):
                    c.fail(f"{kubectl}: ConfigMap {m['metadata']['name']} is labelled for Grafana but holds {key}")
                elif key == "scrape.yaml":
                    scrape = True
                else:
                    rule_keys[key] = text
        for path in dashboards:
            key = os.path.basename(path)
            if dashboard_keys.get(key) != open(path).read():
                c.fail(f"{kubectl}: no ConfigMap holds dashboards/{key} as it is (list it in "
                       "k8s/monitoring/dashboards/kustomization.yaml)")
        for path in rule_files:
            key = os.path.basename(path)
            if rule_keys.get(key) != open(path).read():
                c.fail(f"{kubectl}: the rules ConfigMap does not hold rules/{key} as it is (list it in "
                       "k8s/monitoring/kustomization.yaml)")
        if not scrape:
            c.fail(f"{kubectl}: no ConfigMap holds scrape.yaml")


def check_line_lengths(c, root):
    paths = (glob.glob(os.path.join(root, "k8s/monitoring/**/*.yaml"), recursive=True)
             + glob.glob(os.path.join(root, "k8s/monitoring/**/*.py"), recursive=True)
             + [os.path.join(root, "docs/runbook.md"), os.path.join(root, "k8s/monitoring/README.md")]
             + [os.path.join(HERE, f) for f in ("check_monitoring.py", "check_queries.py", "test_check_queries.py")])
    for path in sorted(set(paths)):
        if not os.path.exists(path):
            continue
        for number, line in enumerate(open(path), start=1):
            if len(line.rstrip("\n")) > 120:
                c.fail(f"{os.path.relpath(path, root)}:{number}: longer than 120 columns")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", required=True, help="the repository")
    parser.add_argument("--promtool", default="promtool")
    parser.add_argument("--kubectl", action="append",
                        help="a kubectl to render k8s/monitoring with (repeatable; default: kubectl on PATH)")
    args = parser.parse_args(argv)
    root = os.path.abspath(args.root)
    c = Check()
    if not shutil.which(args.promtool):
        print(f"check_monitoring: {args.promtool} not found (Debian's package prometheus provides it)")
        return 1

    rule_files, alerts, records = check_rules(c, root, args.promtool)
    test_files, cases = check_tests(c, root, args.promtool, rule_files, alerts, records)
    rules = [rule for _, rule in list(alerts.values()) + list(records.values())]
    dashboards, panels, queries = check_dashboards(c, root, args.promtool, rules)
    check_scrape(c, root, args.promtool)
    kubectls = args.kubectl or [k for k in [shutil.which("kubectl")] if k]
    if kubectls:
        check_kustomize(c, root, kubectls, rule_files, dashboards)
    else:
        print("check_monitoring: no kubectl on PATH: the kustomization was not rendered")
    rc, out = run([sys.executable, os.path.join(HERE, "test_check_queries.py")])
    if rc != 0:
        c.fail(f"test_check_queries.py:\n{out}")
    check_line_lengths(c, root)

    print(f"check_monitoring: {len(rule_files)} rule files, {len(alerts)} alerts, {len(records)} recording rules; "
          f"{len(test_files)} test files, {cases} promtool test cases; {len(dashboards)} dashboards, "
          f"{panels} panels, {queries} queries; kustomize rendered by {len(kubectls)} kubectl")
    for failure in c.failures:
        print("FAIL " + failure)
    if c.failures:
        print(f"check_monitoring: {len(c.failures)} failures")
        return 1
    print("check_monitoring: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
