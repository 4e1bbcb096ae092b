#!/usr/bin/env python3
"""Writes docs/ARCHITECTURE.md's Mermaid diagram from the code's folder graph. Run from the repository root."""
import json, os, re, subprocess

LABELS = {
    "Webhooks": "Webhooks (EventBridge in)", "Queue": "Queue (SQS poller)",
    "Slack": "Slack (routes, signature, Web API client)", "Slack.SocketMode": "Slack.SocketMode (WebSocket, envelopes)",
    "Braket": "Braket (SigV4 client, quotas)", "Storage": "Storage (in memory, PostgreSQL)",
    "Cli": "Cli (terminal commands, doctor)", "Interactions": "Interactions (intake, queue, dispatcher)",
    "Info": "Info (/braket info: day, month, budget)", "Cancel": "Cancel (cancel ARN, Cancel all queued, the rest)",
    "Caps": "Caps (/braket caps)", "Limits": "Limits (Braket's spending limits and their commands)",
    "Budgets": "Budgets (/braket budgets)", "Charts": "Charts (/braket chart, publisher, renderer)",
    "Digest": "Digest (the daily digest)", "Home": "Home (the Home tab)",
    "Enforcement": "Enforcement (events, evaluation, runs, alerts)", "Usage": "Usage (ledger, scans, catalog, origins)",
    "Prices": "Prices (AWS price list)", "Commands": "Commands (parser, results, lookups, help)",
    "Views": "Views (formats, buttons)", "Jobs": "Jobs (Hangfire, job convention)", "Hosting": "Hosting",
    "Telemetry": "Telemetry (meters, /metrics)", "Ports": "Ports (the edges' interfaces)",
    "Messages": "Messages (Slack Block Kit, payloads)", "Domain": "Domain (pure)",
}
GROUPS = [
    ("adapters", ["Webhooks", "Queue", "Slack", "Slack.SocketMode", "Braket", "Storage", "Cli"]),
    ("features", ["Interactions", "Info", "Cancel", "Caps", "Limits", "Budgets", "Charts", "Digest", "Home", "Enforcement"]),
    ("shared", ["Usage", "Prices", "Commands", "Views", "Jobs", "Hosting", "Telemetry"]),
    ("core", ["Ports", "Messages", "Domain"]),
]
node = lambda f: f.replace("Slack.", "")
graph = json.loads(subprocess.run([os.environ.get("FOLDER_GRAPH", "../shared/tools/folder-graph"), "src/BraketBot", "--json"], capture_output=True, text=True).stdout)
arrows = sorted(tuple(k.split(" -> ")) for k in graph["arrows"] if not k.startswith("(root)"))
known = {f for _, fs in GROUPS for f in fs}
missing = {f for a in arrows for f in a} - known
assert not missing, f"folders without a place in the diagram: {missing}"
out = ["```mermaid", "flowchart TD"]
for name, folders in GROUPS:
    out.append(f"    subgraph {name}")
    out += [f'        {node(f)}["{LABELS[f]}"]' for f in folders]
    out.append("    end")
out.append("")
out += [f"    {node(a)} --> {node(b)}" for a, b in arrows]
out.append("```")
p = "docs/ARCHITECTURE.md"
doc = open(p).read()
doc = re.sub(r"```mermaid\n.*?```", lambda m: "\n".join(out), doc, count=1, flags=re.S)
open(p, "w").write(doc)
print(len(arrows), "arrows")
