#!/usr/bin/env python3
"""Proves every query of the monitoring against a live Prometheus.

    python3 k8s/tests/check_queries.py --prometheus http://127.0.0.1:9090 [--wait 60] [--root REPO]

Loads every dashboard panel's target expr (k8s/monitoring/dashboards/*.json) and every
alert and recording rule's expr (k8s/monitoring/rules/*.yaml), substitutes Grafana's
variables, and splits each expression into its leaf vector expressions: at top-level
comparison operators (==, !=, >, <, >=, <=, with or without `bool`) and set operators
(and, or, unless), descending into parentheses, skipping scalar literals, and evaluating X
for absent(X). Each leaf is run with /api/v1/query and must answer success with at least
one series: a query whose metric or label was misspelt answers nothing rather than an
error, and this is what finds it. Also checks /api/v1/rules: every group of the rule files
is loaded and every rule in it evaluated with health "ok".

Run by the e2e suite (tests/e2e/suite_test.cc) at the end of a run in which every service
and the gateway held data and were scraped every second by a Prometheus that loaded the
rule files. Retries failing checks until --wait seconds have passed (a rate needs two
scrapes; a rule one evaluation). Exits 1 listing every failure.
"""
import argparse
import glob
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

# ---------------------------------------------------------------------------------------
# Grafana variables

_FIXED = {
    "__rate_interval": "1m",
    "__interval": "1m",
    "__range": "5m",
    "__range_s": "300",
    "__range_ms": "300000",
    "__interval_ms": "60000",
}
_VARIABLE = re.compile(r"\$\{([A-Za-z_]\w*)(?::\w+)?\}|\$([A-Za-z_]\w*)|\[\[([A-Za-z_]\w*)(?::\w+)?\]\]")
_MATCHER_WITH_VARIABLE = re.compile(r"""(\w+)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")


def substitute(expr):
    """Grafana's variables replaced by values Prometheus accepts: the built-in intervals
    by fixed durations, a dashboard variable (in a label matcher) by `.+`; an equality
    matcher that held a variable becomes a regex matcher, as Grafana's multi-value
    variables need. $datasource names the data source, never a value in a query."""

    def in_matcher(m):
        name, op, value = m.group(1), m.group(2), m.group(3)
        if not _VARIABLE.search(value):
            return m.group(0)
        value = _VARIABLE.sub(lambda v: _FIXED.get(v.group(1) or v.group(2) or v.group(3), ".+"), value)
        op = {"=": "=~", "!=": "!~"}.get(op, op)
        return f"{name}{op}{value}"

    expr = _MATCHER_WITH_VARIABLE.sub(in_matcher, expr)

    def elsewhere(v):
        name = v.group(1) or v.group(2) or v.group(3)
        if name == "datasource":
            return ""
        return _FIXED.get(name, ".+")

    return _VARIABLE.sub(elsewhere, expr)


# ---------------------------------------------------------------------------------------
# Splitting an expression into its leaf vector expressions

_COMPARISONS = ("==", "!=", ">=", "<=", ">", "<")
_SET_OPERATORS = ("and", "or", "unless")
_MODIFIERS = ("on", "ignoring", "group_left", "group_right")
_IDENT = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")
_NUMBER = re.compile(r"(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI]nf|[nN]a[nN])")
_DURATION = re.compile(r"(?:\d+(?:ms|[smhdwy]))+")


def _strip_comments(expr):
    out, i, quote = [], 0, None
    while i < len(expr):
        c = expr[i]
        if quote:
            out.append(c)
            if c == "\\" and quote != "`" and i + 1 < len(expr):
                out.append(expr[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'`":
            quote = c
            out.append(c)
        elif c == "#":
            while i < len(expr) and expr[i] != "\n":
                i += 1
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _top_level_parts(expr):
    """Splits at comparison and set operators outside any bracket or string."""
    parts, start, depth, i, quote = [], 0, 0, 0, None
    n = len(expr)
    while i < n:
        c = expr[i]
        if quote:
            if c == "\\" and quote != "`":
                i += 2
                continue
            if c == quote:
                quote = None
            i += 1
            continue
        if c in "\"'`":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0:
            op = next((o for o in _COMPARISONS if expr.startswith(o, i)), None)
            if op:
                parts.append(expr[start:i])
                i += len(op)
                start = i
                continue
            m = _IDENT.match(expr, i)
            if m:
                word = m.group(0)
                preceded = i > 0 and (expr[i - 1].isalnum() or expr[i - 1] in "_:")
                if not preceded and word.lower() in _SET_OPERATORS:
                    parts.append(expr[start:i])
                    start = m.end()
                i = m.end()
                continue
        i += 1
    parts.append(expr[start:])
    return parts


def _strip_modifiers(part):
    """`bool`, `on(...)`, `ignoring(...)`, `group_left(...)`, `group_right(...)` that
    followed the operator now begin the right-hand part."""
    part = part.strip()
    while True:
        m = _IDENT.match(part)
        if not m:
            return part
        word = m.group(0).lower()
        rest = part[m.end():].lstrip()
        if word == "bool":
            part = rest
        elif word in _MODIFIERS and (rest.startswith("(") or word.startswith("group_")):
            if rest.startswith("("):
                close = _matching(rest, 0)
                rest = rest[close + 1:].lstrip()
            part = rest
        else:
            return part


def _matching(text, open_index):
    """Index of the bracket closing the one at open_index (strings skipped)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack, i, quote = [], open_index, None
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote != "`":
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "\"'`":
            quote = c
        elif c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            if not stack or stack.pop() != c:
                raise ValueError(f"unbalanced {c!r} at {i} in {text!r}")
            if not stack:
                return i
        i += 1
    raise ValueError(f"unclosed bracket in {text!r}")


def is_scalar_literal(expr):
    """Numbers, durations-free arithmetic and parentheses only: `0`, `(14.4 * 0.001)`, `-1`."""
    rest = expr.strip()
    if not rest:
        return True
    i = 0
    while i < len(rest):
        c = rest[i]
        if c.isspace() or c in "()+-*/%^":
            i += 1
            continue
        m = _NUMBER.match(rest, i)
        if not m or (m.end() < len(rest) and (rest[m.end()].isalnum() or rest[m.end()] in "_:")):
            return False
        i = m.end()
    return True


def _unwrap(expr):
    """`( X )` → `X` when the outer parentheses enclose everything."""
    expr = expr.strip()
    while expr.startswith("(") and _matching(expr, 0) == len(expr) - 1:
        expr = expr[1:-1].strip()
    return expr


def leaves(expr):
    """The leaf vector expressions of a PromQL expression, in order, without repeats."""
    out = []

    def visit(e):
        e = _unwrap(_strip_modifiers(e))
        parts = _top_level_parts(e)
        if len(parts) > 1:
            for p in parts:
                visit(p)
            return
        if is_scalar_literal(e):
            return
        m = re.match(r"absent\s*\(", e)
        if m and _matching(e, m.end() - 1) == len(e) - 1:
            visit(e[m.end():-1])
            return
        if e not in out:
            out.append(e)

    visit(_strip_comments(expr))
    return [" ".join(leaf.split()) for leaf in out]


# ---------------------------------------------------------------------------------------
# What to prove


def load_queries(root):
    """[(source, expr)] from every dashboard target and every rule, and the rule groups."""
    import yaml  # python3-yaml; imported here so the splitter's tests need only the standard library

    queries, groups = [], []
    for path in sorted(glob.glob(os.path.join(root, "k8s/monitoring/dashboards/*.json"))):
        with open(path) as f:
            dashboard = json.load(f)
        for variable in dashboard.get("templating", {}).get("list", []):
            query = variable.get("query")
            query = query.get("query") if isinstance(query, dict) else query
            m = variable.get("type") == "query" and re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\)\s*", str(query))
            if m:  # the variable's values: the selector's series that carry the label
                selector, label = m.group(1).strip(), m.group(2)
                has_label = f'{label}!=""'
                selector = (selector[:-1] + ", " + has_label + "}" if selector.endswith("}")
                            else selector + "{" + has_label + "}")
                queries.append((f"{os.path.basename(path)} variable {variable.get('name')}",
                                f"count by ({label}) ({selector})"))
        for panel in walk_panels(dashboard.get("panels", [])):
            for target in panel.get("targets", []):
                if target.get("expr"):
                    source = (f"{os.path.basename(path)} panel {panel.get('id')} "
                              f"{panel.get('title', '')!r} target {target.get('refId', '?')}")
                    queries.append((source, target["expr"]))
    for path in sorted(glob.glob(os.path.join(root, "k8s/monitoring/rules/*.yaml"))):
        with open(path) as f:
            doc = yaml.safe_load(f) or {}
        for group in doc.get("groups", []):
            groups.append((os.path.basename(path), group["name"], len(group.get("rules", []))))
            for rule in group.get("rules", []):
                name = rule.get("alert") and f"alert {rule['alert']}" or f"record {rule.get('record')}"
                queries.append((f"{os.path.basename(path)} {name}", str(rule["expr"])))
    return queries, groups


def walk_panels(panels):
    for panel in panels:
        yield panel
        yield from walk_panels(panel.get("panels", []))


# ---------------------------------------------------------------------------------------
# Asking Prometheus


def _api(base, path, params=None):
    data = urllib.parse.urlencode(params).encode() if params else None
    request = urllib.request.Request(base.rstrip("/") + path, data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        try:
            return json.load(e)
        except ValueError:
            return {"status": "error", "errorType": f"HTTP {e.code}", "error": e.reason}
    except (urllib.error.URLError, OSError, ValueError) as e:
        return {"status": "error", "errorType": "unreachable", "error": str(e)}


def prove_leaf(base, leaf):
    """None if the leaf answers at least one series, else why not."""
    answer = _api(base, "/api/v1/query", {"query": leaf})
    if answer.get("status") != "success":
        return f"{answer.get('errorType', 'error')}: {answer.get('error', answer)}"
    data = answer.get("data", {})
    if data.get("resultType") in ("scalar", "string"):
        return None
    if not data.get("result"):
        return "no series"
    return None


def rule_problems(base, expected_groups):
    answer = _api(base, "/api/v1/rules")
    if answer.get("status") != "success":
        return [f"/api/v1/rules: {answer.get('errorType', 'error')}: {answer.get('error', answer)}"]
    loaded = {}
    for group in answer["data"].get("groups", []):
        loaded[(os.path.basename(group.get("file", "")), group["name"])] = group
    problems = []
    for file, name, count in expected_groups:
        group = loaded.get((file, name))
        if group is None:
            problems.append(f"rule group {name} of {file} is not loaded")
            continue
        if len(group.get("rules", [])) != count:
            problems.append(f"rule group {name} of {file}: {len(group['rules'])} rules loaded, {count} in the file")
        for rule in group.get("rules", []):
            if rule.get("health") != "ok":
                why = rule.get("lastError") or "not evaluated yet"
                problems.append(f"rule {rule.get('name')} in group {name}: health {rule.get('health')}: {why}")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prometheus", required=True, help="Prometheus base URL, e.g. http://127.0.0.1:9090")
    parser.add_argument("--wait", type=float, default=0, help="seconds to keep retrying failing checks")
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."),
                        help="the repository (default: this script's)")
    args = parser.parse_args(argv)

    queries, groups = load_queries(os.path.abspath(args.root))
    sources = {}  # leaf -> [source]
    for source, expr in queries:
        for leaf in leaves(substitute(expr)):
            sources.setdefault(leaf, []).append(source)
    if not queries:
        print("check_queries: no queries found under", args.root)
        return 1

    deadline = time.monotonic() + args.wait
    failing = {leaf: "not run" for leaf in sources}
    rules = ["not checked"]
    while True:
        for leaf in list(failing):
            why = prove_leaf(args.prometheus, leaf)
            if why is None:
                del failing[leaf]
            else:
                failing[leaf] = why
        rules = rule_problems(args.prometheus, groups)
        if (not failing and not rules) or time.monotonic() >= deadline:
            break
        time.sleep(min(2.0, max(0.0, deadline - time.monotonic())))

    for leaf, why in failing.items():
        print(f"FAIL {leaf}\n     {why}\n     used by: {'; '.join(sources[leaf])}")
    for problem in rules:
        print(f"FAIL {problem}")
    proven = len(sources) - len(failing)
    print(f"check_queries: {proven}/{len(sources)} queries proven (leaves of {len(queries)} expressions); "
          f"{len(groups)} rule groups, {len(rules)} rule problems")
    return 1 if failing or rules else 0


if __name__ == "__main__":
    sys.exit(main())
