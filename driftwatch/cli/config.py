"""`config check`: the whole configuration validated, and where each server's drift would go.

Like `amtool check-config`: it loads the settings (environment, config file) and the registry
exactly as the daemon does, so any error is the daemon's own, one line naming the file and the
line (exit 2), and it needs no database. Then it prints, for every server, its resolved route
(alerts/triggers.py `route_of`): per event type the receivers reached and at which severities,
and its paging thresholds; and it warns about a server whose drift would reach nobody.
"""

from __future__ import annotations

from typing import Annotated

from driftwatch import console, jsonout
from driftwatch.cli.app import config_app, settings
from driftwatch.cli.params import Format, format_option
from driftwatch.model import JSONObject


@config_app.command("check")
def config_check(output: Annotated[Format, format_option(Format.TEXT, Format.JSON)] = Format.TEXT) -> None:
    """Validate the settings and the registry; show where each server's drift would be sent."""
    from driftwatch.alerts.triggers import route_of
    from driftwatch.registry import load_registry

    loaded = settings()
    registry = load_registry(loaded)
    rows: list[JSONObject] = []
    for spec in registry.servers:
        route = {
            kind: [
                {"receiver": name, "type": type_, "severities": [str(s) for s in levels]}
                for name, type_, levels in reached
            ]
            for kind, reached in route_of(loaded, spec).items()
        }
        rows.append(
            {
                "server": spec.name,
                "transport": spec.transport,
                "target": spec.target,
                "team": spec.owner.team,
                "tags": list(spec.tags),
                "route": route,
                "page_at": str(spec.alerting.page_at),
                "notify_at": str(spec.alerting.notify_at),
                "change_windows": len(spec.change_windows),
            }
        )
    unheard = [str(row["server"]) for row in rows if not row["route"]["drift"]]
    receivers = {name: r.type for name, r in loaded.receiver_specs().items()}
    if output is Format.JSON:
        document = {
            "registry": str(loaded.registry_path),
            "receivers": receivers,
            "servers": rows,
            "unheard": unheard,
        }
        console.write_stdout(jsonout.dumps(jsonout.document("config-check", document)))
        return
    console.show(console.routes_table(rows))
    err = console.stderr()
    err.print(console.safe(f"configuration valid: {len(rows)} servers in {loaded.registry_path}"))
    if unheard:
        err.print(console.safe(f"drift of these servers reaches no channel: {', '.join(unheard)}", "yellow"))
