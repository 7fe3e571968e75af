#!/usr/bin/env python3
"""Writes the Grafana dashboards, k8s/monitoring/dashboards/*.json, from the definitions below.

    python3 k8s/monitoring/generate_dashboards.py            # rewrite the JSON files
    python3 k8s/monitoring/generate_dashboards.py --check    # exit 1 if a file differs

Edit this file, not the JSON: k8s/tests/check_monitoring.py fails when the two differ.
Grafana's dashboard model, schemaVersion 39; every query goes to the Prometheus data
source chosen in the `datasource` variable. The queries use the metric names of
docs/operations.md ("Metrics"); every target carries a `service` label
(k8s/monitoring/prometheus/scrape.yaml). The domain gauges are read by every replica
from the same database, so they are taken with max(), never summed.
"""
import argparse
import json
import os
import sys

DS = {"type": "prometheus", "uid": "${datasource}"}
OURS = "recruitment|familyfinding|panel|support|letterbox|gateway"
NOT_PROBES = 'grpc_service!~"grpc[.](health|reflection)[.].*"'
SERVER_ERRORS = "Unknown|DeadlineExceeded|ResourceExhausted|Unimplemented|Internal|Unavailable|DataLoss"
WAITING = "tracking|actively_family_finding|linked|matched_awaiting_placement|on_hold"


def target(expr, legend="", **extra):
    t = {"datasource": DS, "editorMode": "code", "expr": expr, "legendFormat": legend, "range": True}
    if extra.get("instant"):
        t.update({"instant": True, "range": False})
    if extra.get("table"):
        t["format"] = "table"
    return t


def thresholds(*steps):
    """steps: (value, colour) after the base green; e.g. (1, "red")."""
    return {"mode": "absolute", "steps": [{"color": "green", "value": None}]
            + [{"color": colour, "value": value} for value, colour in steps]}


def renames(names):
    """Overrides showing a series by the agency's word for it."""
    return [{"matcher": {"id": "byName", "options": raw},
             "properties": [{"id": "displayName", "value": shown}]} for raw, shown in names]


def timeseries(title, description, targets, unit="short", steps=(), overrides=(), w=12, h=8, stack=False,
               decimals=None, minimum=0):
    custom = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10, "showPoints": "never",
              "spanNulls": False, "stacking": {"mode": "normal" if stack else "none", "group": "A"},
              "thresholdsStyle": {"mode": "line" if steps else "off"}}
    defaults = {"unit": unit, "custom": custom, "thresholds": thresholds(*steps), "color": {"mode": "palette-classic"}}
    if minimum is not None:
        defaults["min"] = minimum
    if decimals is not None:
        defaults["decimals"] = decimals
    return {"type": "timeseries", "title": title, "description": description, "targets": targets,
            "fieldConfig": {"defaults": defaults, "overrides": list(overrides)},
            "options": {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True, "calcs": []},
                        "tooltip": {"mode": "multi", "sort": "desc"}},
            "_size": (w, h)}


def stat(title, description, targets, unit="none", steps=((1, "red"),), w=6, h=4, decimals=0, mappings=(),
         overrides=()):
    defaults = {"unit": unit, "thresholds": thresholds(*steps), "color": {"mode": "thresholds"},
                "mappings": list(mappings)}
    if decimals is not None:
        defaults["decimals"] = decimals
    return {"type": "stat", "title": title, "description": description, "targets": targets,
            "fieldConfig": {"defaults": defaults, "overrides": list(overrides)},
            "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "colorMode": "value", "graphMode": "area", "justifyMode": "auto",
                        "orientation": "auto", "textMode": "auto", "wideLayout": True,
                        "showPercentChange": False},
            "_size": (w, h)}


def bars(title, description, targets, unit="none", overrides=(), w=12, h=10, decimals=0):
    return {"type": "bargauge", "title": title, "description": description, "targets": targets,
            "fieldConfig": {"defaults": {"unit": unit, "decimals": decimals, "min": 0,
                                         "thresholds": thresholds(), "color": {"mode": "fixed",
                                                                               "fixedColor": "blue"}},
                            "overrides": list(overrides)},
            "options": {"orientation": "horizontal", "displayMode": "basic", "showUnfilled": True,
                        "valueMode": "color", "namePlacement": "left", "sizing": "auto",
                        "minVizHeight": 16, "minVizWidth": 8, "maxVizHeight": 300,
                        "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}},
            "_size": (w, h)}


def table(title, description, targets, w=24, h=10):
    return {"type": "table", "title": title, "description": description, "targets": targets,
            "fieldConfig": {"defaults": {"unit": "none", "decimals": 0, "thresholds": thresholds()},
                            "overrides": []},
            "options": {"showHeader": True, "cellHeight": "sm", "footer": {"show": False}},
            "transformations": [{"id": "organize", "options": {"excludeByName": {"Time": True}}}],
            "_size": (w, h)}


def gauge(title, description, targets, unit="percentunit", steps=((0.8, "orange"), (1, "red")), w=6, h=8):
    return {"type": "gauge", "title": title, "description": description, "targets": targets,
            "fieldConfig": {"defaults": {"unit": unit, "min": 0, "max": 1, "decimals": 0,
                                         "thresholds": thresholds(*steps), "color": {"mode": "thresholds"}},
                            "overrides": []},
            "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "showThresholdLabels": False, "showThresholdMarkers": True, "orientation": "auto"},
            "_size": (w, h)}


def service_variable(metric):
    return {"name": "service", "label": "Service", "type": "query", "datasource": DS,
            "definition": f'label_values({metric}{{service=~"{OURS}"}}, service)',
            "query": {"qryType": 1, "query": f'label_values({metric}{{service=~"{OURS}"}}, service)',
                      "refId": "PrometheusVariableQueryEditor-VariableQuery"},
            "refresh": 2, "includeAll": True, "multi": True, "allValue": OURS, "sort": 1, "hide": 0,
            "regex": "", "options": [], "skipUrlSync": False,
            "current": {"selected": True, "text": ["All"], "value": ["$__all"]}}


def query_variable(name, label, metric, label_name):
    v = service_variable(metric)
    v.update({"name": name, "label": label, "allValue": ".+", "definition": f"label_values({metric}, {label_name})",
              "query": {"qryType": 1, "query": f"label_values({metric}, {label_name})",
                        "refId": "PrometheusVariableQueryEditor-VariableQuery"}})
    return v


def dashboard(uid, title, description, panels, variables=(), tags=(), time_from="now-6h"):
    placed, heights = [], [0] * 24  # each grid column's height so far: a panel goes as high as it fits
    for number, p in enumerate(panels, start=1):
        w, h = p.pop("_size")
        y, x = min((max(heights[x:x + w]), x) for x in range(0, 25 - w))
        heights[x:x + w] = [y + h] * w
        p = {"id": number, "type": p.pop("type"), "title": p.pop("title"), "description": p.pop("description"),
             "datasource": DS, "gridPos": {"h": h, "w": w, "x": x, "y": y}, **p}
        for ref, t in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", p["targets"]):
            t["refId"] = ref
        placed.append(p)
    datasource = {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
                  "current": {}, "hide": 0, "includeAll": False, "multi": False, "options": [], "refresh": 1,
                  "regex": "", "skipUrlSync": False}
    return {
        "annotations": {"list": [{"builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"},
                                  "enable": True, "hide": True, "iconColor": "rgba(0, 211, 255, 1)",
                                  "name": "Annotations & Alerts", "type": "dashboard"}]},
        "description": description,
        "editable": True,
        "fiscalYearStartMonth": 3,  # April: the agency's and the ASF's financial year
        "graphTooltip": 1,
        "links": [{"title": "Permanence", "type": "dashboards", "tags": ["permanence"], "asDropdown": True,
                   "includeVars": False, "keepTime": True, "targetBlank": False, "icon": "external link",
                   "tooltip": "", "url": ""}],
        "panels": placed,
        "refresh": "1m",
        "schemaVersion": 39,
        "tags": ["permanence", *tags],
        "templating": {"list": [datasource, *variables]},
        "time": {"from": time_from, "to": "now"},
        "timepicker": {},
        "timezone": "browser",
        "title": title,
        "uid": uid,
        "version": 1,
        "weekStart": "monday",
    }


# ---------------------------------------------------------------------------------------
# The dashboards


def services():
    calls = f'grpc_server_handled_total{{service=~"$service", {NOT_PROBES}}}'
    buckets = f'grpc_server_handling_seconds_bucket{{service=~"$service", grpc_method!="ReadEvents", {NOT_PROBES}}}'
    return dashboard(
        "permanence-services", "Permanence / Services: calls, errors and time taken",
        "Rate, errors and duration of every service's gRPC calls (the gateway's pass-through included), against "
        "the objectives the alerts defend: 99.9% of calls without a server error, 99% within 0.5 s.",
        [
            stat("Replicas answering", "How many replicas of each service Prometheus reached at its last scrape. "
                 "0 means nobody can use that service (alert ServiceDown).",
                 [target(f'sum by (service) (up{{service=~"$service"}})', "{{service}}")],
                 steps=(), w=24, h=4, mappings=[{"type": "value", "options": {"0": {"text": "DOWN", "color": "red"}}}]),
            timeseries("Calls per second", "gRPC calls each service answered per second, whatever the answer. "
                       "Health checks and reflection (the cluster's probes) are left out.",
                       [target(f"sum by (service) (rate({calls}[$__rate_interval]))", "{{service}}")], unit="reqps"),
            timeseries("Calls per second by method", "The same calls by method (grpc_method); `unknown` is a "
                       "method the process does not know, such as everything the gateway forwards.",
                       [target(f"sum by (service, grpc_method) (rate({calls}[$__rate_interval]))",
                               "{{service}} {{grpc_method}}")], unit="reqps"),
            timeseries("Unsuccessful calls per second, by code",
                       "Calls answered with anything but OK, by gRPC code. Server errors (Unknown, Internal, "
                       "Unavailable, DataLoss, DeadlineExceeded, Unimplemented, ResourceExhausted) spend the error "
                       "budget; a caller's mistakes (InvalidArgument, NotFound, PermissionDenied, "
                       "FailedPrecondition, Aborted: a stale etag) do not.",
                       [target(f'sum by (service, grpc_code) (rate(grpc_server_handled_total{{service=~"$service", '
                               f'grpc_code!="OK", {NOT_PROBES}}}[$__rate_interval]))', "{{service}} {{grpc_code}}")],
                       unit="reqps"),
            timeseries("Share of calls failing with a server error (objective: under 0.1%)",
                       "Server errors as a share of all calls over the last 5 minutes (recording rule "
                       "service:grpc_server_errors:ratio_rate5m). The lines: the objective (0.1%) and the paging "
                       "burn rate (1.44%, when sustained for an hour).",
                       [target('service:grpc_server_errors:ratio_rate5m{service=~"$service"}', "{{service}}")],
                       unit="percentunit", steps=((0.001, "orange"), (0.0144, "red")), decimals=2),
            timeseries("Time taken: median (p50)", "Half of the calls of the last interval were answered within "
                       "this time. ReadEvents (a long poll that waits up to 30 s by design) is left out.",
                       [target(f"histogram_quantile(0.5, sum by (service, le) (rate({buckets}[$__rate_interval])))",
                               "{{service}}")], unit="s"),
            timeseries("Time taken: 99th percentile (p99)", "99 calls in 100 of the last interval were answered "
                       "within this time (the histogram's buckets: an estimate). ReadEvents is left out.",
                       [target(f"histogram_quantile(0.99, sum by (service, le) (rate({buckets}[$__rate_interval])))",
                               "{{service}}")], unit="s", steps=((0.5, "red"),)),
            timeseries("Share of calls slower than 0.5 s (objective: under 1%)",
                       "Calls slower than 0.5 s as a share of all calls over the last 5 minutes (recording rule "
                       "service:grpc_server_slow_calls:ratio_rate5m). Lines: the objective (1%) and the paging burn "
                       "rate (14.4%).",
                       [target('service:grpc_server_slow_calls:ratio_rate5m{service=~"$service"}', "{{service}}")],
                       unit="percentunit", steps=((0.01, "orange"), (0.144, "red")), decimals=1),
            bars("Slowest methods over the time range (p99)", "The ten methods with the highest 99th percentile "
                 "time over the dashboard's time range.",
                 [target(f"topk(10, histogram_quantile(0.99, sum by (service, grpc_method, le) "
                         f"(rate({buckets}[$__range]))))", "{{service}} {{grpc_method}}", instant=True)],
                 unit="s", decimals=3),
            timeseries("Calls refused before the handler, per second",
                       "Calls refused for having no valid token (UNAUTHENTICATED) or a role the method does not "
                       "grant (PERMISSION_DENIED). A record outside the caller's reach is the handler's answer and "
                       "is not counted here. Behind the gateway, the peer is the gateway.",
                       [target('sum by (service, reason) (rate(rpc_refusals_total{service=~"$service"}'
                               '[$__rate_interval]))', "{{service}} {{reason}}")], unit="reqps"),
        ],
        variables=[service_variable("up")], tags=["operations"])


def gateway():
    requests = 'gateway_http_requests_total{route=~"$route"}'
    passthrough = f'service="gateway", {NOT_PROBES}'
    return dashboard(
        "permanence-gateway", "Permanence / Gateway: REST and gRPC pass-through",
        "The gateway's REST requests by route and status, how long they take, and the gRPC calls it forwards.",
        [
            timeseries("REST requests per second by route", "Requests to each route template of the REST API "
                       "(`unmatched`: a path no route serves).",
                       [target(f"sum by (method, route) (rate({requests}[$__rate_interval]))", "{{method}} {{route}}")],
                       unit="reqps"),
            timeseries("REST requests per second by HTTP status", "The same requests by the status answered: 4xx "
                       "the caller's mistake (400 bad input, 401 no valid token, 403, 404, 409 a stale etag), 5xx "
                       "the suite's.",
                       [target(f"sum by (code) (rate({requests}[$__rate_interval]))", "{{code}}")], unit="reqps"),
            timeseries("Share of REST requests answered 5xx", "Server errors as a share of REST requests; 0 when "
                       "there were none.",
                       [target(f'(sum(rate(gateway_http_requests_total{{route=~"$route", code=~"5.."}}'
                               f"[$__rate_interval])) or sum(rate({requests}[$__rate_interval])) * 0) "
                               f"/ sum(rate({requests}[$__rate_interval]))", "5xx")],
                       unit="percentunit", steps=((0.001, "orange"), (0.0144, "red")), decimals=2),
            timeseries("REST time taken by route: p50 and p99", "Time from the request's arrival to the answer, "
                       "including the service's call behind it.",
                       [target("histogram_quantile(0.5, sum by (route, le) (rate(gateway_http_request_duration_seconds"
                               '_bucket{route=~"$route"}[$__rate_interval])))', "p50 {{route}}"),
                        target("histogram_quantile(0.99, sum by (route, le) (rate(gateway_http_request_duration_"
                               'seconds_bucket{route=~"$route"}[$__rate_interval])))', "p99 {{route}}")],
                       unit="s"),
            table("REST requests over the time range, by route and status", "How many requests each route "
                  "answered with each status over the dashboard's time range.",
                  [target(f"sum by (method, route, code) (increase({requests}[$__range]))", instant=True,
                          table=True)]),
            timeseries("gRPC pass-through calls per second, by code", "Unary calls forwarded by the gateway's gRPC "
                       "port (9090) to the services, by the code the service answered.",
                       [target(f"sum by (grpc_code) (rate(grpc_server_handled_total{{{passthrough}}}"
                               "[$__rate_interval]))", "{{grpc_code}}")], unit="reqps"),
            timeseries("gRPC pass-through time taken: p50 and p99", "Time of the forwarded calls, the service's "
                       "part included.",
                       [target(f"histogram_quantile(0.5, sum by (le) (rate(grpc_server_handling_seconds_bucket"
                               f"{{{passthrough}}}[$__rate_interval])))", "p50"),
                        target(f"histogram_quantile(0.99, sum by (le) (rate(grpc_server_handling_seconds_bucket"
                               f"{{{passthrough}}}[$__rate_interval])))", "p99")], unit="s"),
            timeseries("REST connections waiting for a worker", "Connections each replica has accepted while all "
                       "its --http-threads workers were busy, waiting for one: at most --http-waiting (64), beyond "
                       "which the next are turned away. Every route: a connection waits before its request is "
                       "read.",
                       [target("gateway_http_connections_waiting", "{{instance}}")]),
            timeseries("REST connections turned away busy, per minute", "Connections each replica answered 503 "
                       "GATEWAY_BUSY at once (Retry-After: 1) because every worker was busy and --http-waiting "
                       "connections waited already (route `shed` above). Any, for 5 minutes: alert GatewayShedding.",
                       [target("sum by (instance) (rate(gateway_http_connections_shed_total[$__rate_interval])) * 60",
                               "{{instance}}")], decimals=1),
        ],
        variables=[query_variable("route", "Route", "gateway_http_requests_total", "route")], tags=["operations"])


def event_log():
    return dashboard(
        "permanence-event-log", "Permanence / Event log",
        "Each service's event log and each consumer's progress through its upstreams' logs "
        "(docs/operations.md, \"Event logs\").",
        [
            timeseries("Events in each service's log", "The sequence number of the last event in each service's "
                       "log (its head): how many events it has published.",
                       [target('max by (service) (event_log_head_sequence{service=~"$service"})', "{{service}}")]),
            timeseries("Events published per minute", "How fast each service's log grows.",
                       [target('max by (service) (deriv(event_log_head_sequence{service=~"$service"}'
                               '[$__rate_interval])) * 60', "{{service}}")], decimals=1),
            timeseries("Consumers: events behind their upstream", "How many events each consumer has still to "
                       "apply from its upstream's log (the upstream's head less the consumer's cursor). It should "
                       "return to 0 (alert EventConsumerLagging). A consumer stopped because its upstream's log "
                       "went back keeps its last value here.",
                       [target('max by (service, upstream) (event_consumer_lag{service=~"$service"})',
                               "{{service}} reading {{upstream}}")]),
            timeseries("Consumers: position in their upstream's log", "The last upstream event each consumer has "
                       "applied (its cursor), beside each log's head. A head that falls below a consumer's cursor "
                       "is a log that went back (restored or reset; alert EventUpstreamLogWentBack).",
                       [target('max by (service, upstream) (event_consumer_cursor{service=~"$service"})',
                               "{{service}} reading {{upstream}}"),
                        target('max by (service) (event_log_head_sequence{service=~"$service"})',
                               "head of {{service}}")]),
            stat("Consumers blocked on an event", "The upstream event a consumer failed to apply and is retrying, "
                 "or 0 when it is not blocked. An event failing for a reason trying again will not cure is set "
                 "aside after --event-dead-letter-after tries; one that stays here fails for a reason that may "
                 "pass, such as the consumer's database being away (alert EventConsumerBlocked).",
                 [target('max by (service, upstream) (event_consumer_blocked_sequence{service=~"$service"})',
                         "{{service}} reading {{upstream}}")], w=12, h=6,
                 mappings=[{"type": "value", "options": {"0": {"text": "not blocked", "color": "green"}}}]),
            timeseries("Consumer failures per minute", "Failed polls of each consumer: `read`, the upstream's log "
                       "could not be read (unreachable, or the token refused); `apply`, an event could not be "
                       "applied (alert EventConsumerFailing).",
                       [target('sum by (service, upstream, stage) (rate(event_consumer_failures_total'
                               '{service=~"$service"}[$__rate_interval])) * 60',
                               "{{service}} reading {{upstream}}: {{stage}}")], decimals=1),
            stat("Consumers: dead letters waiting", "Events of its upstream's log each consumer set aside, after "
                 "they kept failing to apply for a reason trying again will not cure, and that nobody has replayed "
                 "or skipped yet (recounted every 15 s). Above 0, what they recorded has not reached the service "
                 "(alert EventDeadLettersWaiting; `adoptctl events dead-letter list` names them).",
                 [target('max by (service, upstream) (event_consumer_dead_letters_waiting{service=~"$service"})',
                         "{{service}} reading {{upstream}}")], w=12, h=6, steps=((1, "orange"),),
                 mappings=[{"type": "value", "options": {"0": {"text": "none", "color": "green"}}}]),
            stat("Consumers stopped: upstream's log went back", "1 while a consumer has stopped because its "
                 "upstream's log no longer holds the event at its cursor, or ends before it (the upstream restored "
                 "from an older backup, or its database reset): it applies nothing from that upstream until a "
                 "manager re-baselines it (alert EventUpstreamLogWentBack; `adoptctl events consumers` shows where "
                 "each stands).",
                 [target('max by (service, upstream) (event_consumer_upstream_diverged{service=~"$service"})',
                         "{{service}} reading {{upstream}}")], w=12, h=6,
                 mappings=[{"type": "value", "options": {"0": {"text": "reading", "color": "green"},
                                                         "1": {"text": "STOPPED", "color": "red"}}}]),
            timeseries("Oldest event waiting for its sequence number", "How long ago the oldest committed, "
                       "unnumbered event was written. The sequencer numbers events within a second; minutes mean "
                       "it cannot (alert EventOutboxUnsequenced).",
                       [target('max by (service) (event_outbox_oldest_unsequenced_age_seconds{service=~"$service"})',
                               "{{service}}")], unit="s", steps=((120, "red"),)),
            timeseries("Events waiting for their sequence number", "Committed events not yet numbered into the "
                       "log.",
                       [target('max by (service) (event_outbox_unsequenced_rows{service=~"$service"})',
                               "{{service}}")]),
            stat("Events sent without their payload over the time range", "How many times each service sent an "
                 "event of its log marked unreadable: its stored payload could not be read back (a rollback past "
                 "the version that wrote it, a damaged row). Each read counts, every consumer's and every retry; "
                 "each consumer sets the event aside as a dead letter (alert EventPayloadUnreadable; the "
                 "event_payload_unreadable log names the sequence).",
                 [target('sum by (service) (increase(event_log_unreadable_payloads_total{service=~"$service"}'
                         '[$__range]))', "{{service}}", instant=True)], w=24, h=4,
                 mappings=[{"type": "value", "options": {"0": {"text": "none", "color": "green"}}}]),
            timeseries("Reads of the log waiting for an event", "Consumers' reads (long polls) waiting on each "
                       "replica for an event of its log, each holding a handler thread: at most "
                       "--event-log-waiting-reads (8 by default), beyond which reads are answered at once.",
                       [target('event_log_waiting_reads{service=~"$service"}', "{{service}} {{instance}}")]),
            timeseries("Reads answered at once, per minute", "Reads that asked to wait for an event but were "
                       "answered at once, --event-log-waiting-reads reads waiting already on that replica; each "
                       "consumer so answered pauses 250 ms before reading again. Lasting: more readers than the "
                       "log lets wait (alert EventLogReadsNotWaited).",
                       [target('sum by (service, instance) (rate(event_log_reads_not_waited_total'
                               '{service=~"$service"}[$__rate_interval])) * 60', "{{service}} {{instance}}")],
                       decimals=1),
        ],
        variables=[service_variable("event_log_head_sequence")], tags=["operations"])


def database():
    return dashboard(
        "permanence-database", "Permanence / Database pool",
        "Each replica's pool of database sessions (--db-pool): how much of it is in use and how long calls wait "
        "for a session.",
        [
            timeseries("Sessions in use", "Database sessions leased by each replica (sampled every 2 s), beside "
                       "the size of its pool.",
                       [target('db_pool_sessions_in_use{service=~"$service"}', "{{service}} {{instance}}"),
                        target('db_pool_connections{service=~"$service"}', "pool of {{service}} {{instance}}")]),
            timeseries("Share of the pool in use", "Sessions in use as a share of the pool, per replica. Held "
                       "above 80% for long, calls start to queue (alert DatabasePoolSaturated).",
                       [target('db_pool_sessions_in_use{service=~"$service"} / db_pool_connections{service=~'
                               '"$service"}', "{{service}} {{instance}}")],
                       unit="percentunit", steps=((0.8, "red"),)),
            timeseries("Time calls waited for a session", "Seconds spent waiting for a free session per second, "
                       "all calls of a service together: 0.1 means calls queue a tenth of the time "
                       "(alert DatabasePoolWaiting).",
                       [target('sum by (service) (rate(db_pool_wait_seconds_total{service=~"$service"}'
                               '[$__rate_interval]))', "{{service}}")], unit="s", steps=((0.1, "red"),),
                       decimals=3),
            bars("Most sessions in use over the time range", "The highest number of sessions any replica of each "
                 "service had in use at once, out of its pool.",
                 [target('max by (service) (max_over_time(db_pool_sessions_in_use{service=~"$service"}[$__range]))',
                         "{{service}}", instant=True),
                  target('max by (service) (db_pool_connections{service=~"$service"})', "pool of {{service}}",
                         instant=True)]),
        ],
        variables=[service_variable("db_pool_connections")], tags=["operations"])


PIPELINE = [
    ("enquiry", "Enquiry"), ("info_session_booked", "Information session booked"),
    ("info_session_attended", "Information session attended"), ("initial_visit", "Initial visit"),
    ("roi_received", "Registration of interest received"), ("stage_one", "Stage 1"),
    ("stage_one_completed", "Stage 1 completed"), ("break", "Break before Stage 2"), ("stage_two", "Stage 2"),
    ("awaiting_panel", "Awaiting panel"), ("approved", "Approved, waiting for a match"),
    ("linked", "Linked with a child"), ("matched", "Matched"), ("child_placed", "Child placed"),
    ("adoption_order", "Adoption order made"),
]
LEFT = [("withdrawn", "Withdrew"), ("counselled_out", "Counselled out"), ("not_approved", "Not approved"),
        ("approval_terminated", "Approval terminated"), ("roi_declined", "Registration of interest declined")]
CHILDREN_WAITING = [
    ("tracking", "Tracking (before a plan or referral)"), ("actively_family_finding", "Actively family finding"),
    ("linked", "Linked with a family"), ("matched_awaiting_placement", "Matched, awaiting placement"),
    ("on_hold", "On hold (placement order appeal)"),
]
CHILDREN_NOT_WAITING = [("placed", "Placed for adoption"), ("adopted", "Adopted"),
                        ("plan_changed", "Plan changed"), ("disrupted", "Placement disrupted")]


def adopters_and_children():
    return dashboard(
        "permanence-adopters-children", "Permanence / Adopters and children waiting",
        "Where the agency's adopters stand in their journey (recruitment) and where its children stand in family "
        "finding: every figure is a count today, read from the services' databases every minute.",
        [
            stat("Children waiting for a family", "Children tracked, actively family finding, linked, matched "
                 "awaiting placement, or on hold: not yet placed for adoption.",
                 [target(f'sum(max by (status) (familyfinding_children{{status=~"{WAITING}"}}))', "children waiting")],
                 steps=(), w=8),
            stat("Approved adopters waiting for a match", "Households approved by the agency decision maker and "
                 "not yet linked or matched with a child.",
                 [target('max(recruitment_households{status="approved"})', "approved, waiting")], steps=(), w=8),
            stat("Households in assessment", "Households in Stage 1, Stage 2, the break between, or awaiting "
                 "panel.",
                 [target('sum(max by (status) (recruitment_households{status=~"stage_one|stage_one_completed|break'
                         '|stage_two|awaiting_panel"}))', "in assessment")], steps=(), w=8),
            bars("Adopters' journey: households at each stage", "Households by where they stand today, in the "
                 "order of the journey (enquiry to adoption order).",
                 [target(f'max(recruitment_households{{status="{status}"}})', shown) for status, shown in PIPELINE],
                 h=14),
            bars("Households that left the journey", "Households whose journey ended before an adoption order, "
                 "by how it ended.",
                 [target('max by (status) (recruitment_households{status=~"'
                         + "|".join(s for s, _ in LEFT) + '"})', "{{status}}")],
                 overrides=renames(LEFT), h=7),
            bars("Children waiting, by where family finding stands", "Children not yet placed, by their family-"
                 "finding status today.",
                 [target(f'max(familyfinding_children{{status="{status}"}})', shown)
                  for status, shown in CHILDREN_WAITING], h=7),
            timeseries("Children waiting and approved adopters over time", "Children waiting for a family beside "
                       "approved households waiting for a match.",
                       [target(f'sum(max by (status) (familyfinding_children{{status=~"{WAITING}"}}))',
                               "Children waiting"),
                        target('max(recruitment_households{status="approved"})', "Approved adopters waiting")],
                       decimals=0),
            bars("Children no longer waiting", "Children placed, adopted, or whose plan changed or placement "
                 "disrupted (a disrupted child may return to family finding).",
                 [target(f'max(familyfinding_children{{status="{status}"}})', shown)
                  for status, shown in CHILDREN_NOT_WAITING], h=8),
        ],
        tags=["casework"], time_from="now-30d")


CLOCKS = [
    ("recruitment_households_overdue", "Adopter households with a journey clock past due",
     "Households whose ROI decision, Stage 1, break before the Stage 2 notice, Stage 2 or ROI-to-approval clock "
     "runs past its due date (ListHouseholds with overdue = true). Alert AdopterJourneyClockOverdue."),
    ("panel_decisions_overdue", "Recommendations awaiting the ADM past the due day",
     "Panel recommendations with no decision from the agency decision maker by the due day after the final "
     "minutes (ListAgendaItems with decision_overdue = true). Alert AdmDecisionOverdue."),
    ("panel_member_training_due", "Panel members due their annual training",
     "Members on a panel's central list whose annual training is due (12 months after the last by default, or "
     "none recorded). Alert PanelMemberTrainingDue."),
    ("panel_member_appraisal_due", "Panel members due their annual appraisal",
     "Members on a panel's central list whose annual appraisal is due (12 months after the last by default, or "
     "none recorded). Alert PanelMemberAppraisalDue."),
    ("support_calls_overdue", "Support and advice calls past due",
     "Support requests triaged for a support and advice call not held within the configured working days of "
     "receipt (5 by default). Alert SupportCallOverdue."),
    ("support_asf_decisions_overdue", "ASF applications past their decision due date",
     "Adoption Support Fund applications submitted, past their decision due date (20 working days by default) "
     "and undecided. Alert AsfDecisionOverdue."),
    ("support_complaints_overdue", "Complaints past their stage's response date",
     "Complaints whose current stage (1, local resolution, or 2, investigation) has had no response by its due "
     "date. Alert ComplaintResponseOverdue."),
    ("letterbox_exchanges_overdue", "Letterbox items overdue",
     "Parties of active letterbox arrangements whose item is more than the grace days (28 by default) past its "
     "due date (ListDueExchanges with overdue = true). Alert LetterboxExchangeOverdue."),
    ("letterbox_arrangement_reviews_overdue", "Contact arrangements past their review date",
     "Contact arrangements not ended whose review date has passed (ListContactArrangements with review_overdue "
     "= true). Alert LetterboxReviewOverdue."),
]


def statutory_clocks():
    panels = [stat(title, description, [target(f"max({metric})", title)], w=6, h=5)
              for metric, title, description in CLOCKS]
    panels.append(timeseries("Past due over time", "Every clock above, as a count over time: work past its "
                             "statutory or agency timescale.",
                             [target(f"max({metric})", title) for metric, title, _ in CLOCKS], w=24, h=10,
                             decimals=0))
    return dashboard(
        "permanence-statutory-clocks", "Permanence / Statutory clocks",
        "Work past its statutory or agency timescale, counted today by each service from its own database "
        "(docs/domain.md gives each timescale and its source). 0 is the aim; each has a ticket alert.",
        panels, tags=["casework"], time_from="now-7d")


def support_fund():
    limits = [("therapy", "Therapy"), ("assessment", "Specialist assessment"),
              ("total", "Therapy and assessment together")]
    return dashboard(
        "permanence-support-fund", "Permanence / Adoption Support Fund",
        "The Adoption Support Fund this financial year (April to March): applications that count against the fair "
        "access limits (submitted, approved, in delivery or completed), against the limits per child in force "
        "today.",
        [
            stat("Fund's share this financial year", "What the fund pays for this year's applications that count "
                 "against the limits.",
                 [target('max(support_asf_spend_pence{part="fund"}) / 100', "fund")], unit="currencyGBP",
                 steps=(), decimals=2),
            stat("Agency's match funding this financial year", "What the agency pays above a limit where the rules "
                 "allow match funding (none from April 2025).",
                 [target('max(support_asf_spend_pence{part="match"}) / 100', "match funding")], unit="currencyGBP",
                 steps=(), decimals=2),
            stat("Children funded this financial year", "Children with at least one application that counts "
                 "against the limits this year.",
                 [target("max(support_asf_children_funded)", "children")], steps=()),
            stat("Most spent on one child", "The fund's share spent on the child with the most this year.",
                 [target("max(support_asf_child_highest_pence) / 100", "most on one child")], unit="currencyGBP",
                 steps=(), decimals=2),
            bars("Fair access limits per child in force today", "The limits per child per financial year in force "
                 "today (config/statutory.tsv): therapy, specialist assessment, and both together.",
                 [target("max by (limit) (support_asf_limit_pence) / 100", "{{limit}}", instant=True)],
                 unit="currencyGBP", overrides=renames(limits), decimals=2, h=8),
            gauge("Most spent on one child, against the total limit", "The most spent on one child this year as a "
                  "share of the limit for therapy and assessment together; empty when no such limit is in force "
                  "(before April 2025).",
                  [target('max(support_asf_child_highest_pence) / max(support_asf_limit_pence{limit="total"})',
                          "share of the limit")]),
            stat("Average per child funded", "The fund's share this year divided by the children funded.",
                 [target('max(support_asf_spend_pence{part="fund"}) / max(support_asf_children_funded) / 100',
                         "average")], unit="currencyGBP", steps=(), decimals=2, h=8),
            timeseries("Spend this financial year over time", "The fund's share and the agency's match funding "
                       "for the year so far (the figures restart each April).",
                       [target('max(support_asf_spend_pence{part="fund"}) / 100', "Fund's share"),
                        target('max(support_asf_spend_pence{part="match"}) / 100', "Agency's match funding")],
                       unit="currencyGBP", w=24, decimals=2),
        ],
        tags=["casework"], time_from="now-90d")


def letterbox():
    return dashboard(
        "permanence-letterbox", "Permanence / Letterbox",
        "Letterbox contact: items waiting for the coordinator's review, parties whose item is overdue, and "
        "arrangements past their review date (docs/letterbox.md).",
        [
            stat("Items awaiting review", "Letters, cards and other items received and not yet approved, returned "
                 "for changes or withheld.",
                 [target("max(letterbox_exchanges_awaiting_review)", "awaiting review")], steps=(), w=8),
            stat("Parties whose item is overdue", "Parties of active arrangements whose item is more than the "
                 "grace days (28 by default) past its due date (ListDueExchanges with overdue = true).",
                 [target("max(letterbox_exchanges_overdue)", "overdue")], w=8),
            stat("Arrangements past their review date", "Contact arrangements not ended whose review date has "
                 "passed (ListContactArrangements with review_overdue = true).",
                 [target("max(letterbox_arrangement_reviews_overdue)", "reviews overdue")], w=8),
            timeseries("Letterbox over time", "The three counts above over time.",
                       [target("max(letterbox_exchanges_awaiting_review)", "Items awaiting review"),
                        target("max(letterbox_exchanges_overdue)", "Parties whose item is overdue"),
                        target("max(letterbox_arrangement_reviews_overdue)", "Arrangements past their review date")],
                       w=24, decimals=0),
        ],
        tags=["casework"], time_from="now-30d")


DASHBOARDS = {
    "services.json": services,
    "gateway.json": gateway,
    "event-log.json": event_log,
    "database.json": database,
    "adopters-children.json": adopters_and_children,
    "statutory-clocks.json": statutory_clocks,
    "support-fund.json": support_fund,
    "letterbox.json": letterbox,
}


def render():
    return {name: json.dumps(build(), indent=2, ensure_ascii=False) + "\n" for name, build in DASHBOARDS.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if a file differs")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboards"))
    args = parser.parse_args()
    differ = []
    for name, text in render().items():
        path = os.path.join(args.out, name)
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            differ.append(name)
            if not args.check:
                with open(path, "w") as f:
                    f.write(text)
    if args.check and differ:
        print("dashboards differ from generate_dashboards.py (run it): " + ", ".join(differ))
        return 1
    if not args.check:
        print(f"{len(DASHBOARDS)} dashboards written to {args.out}" + (f" ({len(differ)} changed)" if differ else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
