/** The help text (`--help`), also printed after a usage error. */
export const usage = `Usage:
  guidewire-batch-exporter [flags]              run the exporter
  guidewire-batch-exporter --demo               run against the built-in Guidewire simulator
  guidewire-batch-exporter simulate [flags]     run only the simulator (System Tools API)
  guidewire-batch-exporter probe [flags]        poll once and print each target's processes, or
                                                what failed and how to fix it (exit 0 ok, 1 failed)

Flags:
  --config.file=PATH           YAML configuration file (required unless --demo)
  --config.check               validate the configuration, print a summary and exit (0 ok, 2 invalid)
  --config.reload-timeout=D    a reload (SIGHUP, /-/reload) that has not read the configuration after D
                               fails and keeps the running one (default 5s)
  --web.listen-address=ADDR    address to serve on, HOST:PORT (default ":7723"; simulate: ":7724")
  --web.telemetry-path=PATH    path of the metrics endpoint (default "/metrics")
  --web.external-url=URL       the URL under which users reach the exporter, e.g. behind a reverse proxy
                               (default: none); its path is the default of --web.route-prefix
  --web.route-prefix=PATH      serve every endpoint below PATH, e.g. /exporter (default: the path of
                               --web.external-url, else "/"); / redirects to it
  --web.config.file=PATH       TLS and basic authentication of the endpoints (exporter-toolkit format,
                               see docs/security.md); with --config.check it is validated too
  --log.level=LEVEL            debug, info, warn or error (default "info")
  --log.format=FORMAT          json or pretty (default "json")
  --log.max-value-length=N     cut every string value of a log line (message, fields, error message and
                               stack) to N characters plus "…(M chars)" (default 1024, at least 16)
  --shard=N                    poll only the targets whose name hashes to shard N (default 0)
  --total-shards=M             the number of shards (replicas) the targets are split into (default 1);
                               FNV-1a 32-bit of the target name mod M (docs/deploy.md#sharding-many-targets)
  --shard.from-pod-name        take N from the trailing -<ordinal> of POD_NAME, else HOSTNAME (a
                               StatefulSet pod name), instead of --shard; needs --total-shards
  --demo                       start the simulator in-process on a free loopback port and monitor it
  --version                    print the version and exit
  -h, --help                   print this help and exit

Simulator flags (simulate):
  --simulator.seed=N           seed of the deterministic demo scenario (default 1)
  --simulator.list-status=V    whether list items carry status: true (default), false, or
                               when-asked (only when fields asks for it)
  --simulator.context-root=P   serve under P/rest, e.g. /pc (default: none)
  --simulator.history-order=O  newest-first or oldest-first run histories (default newest-first)
  --simulator.api-schema=S     the API definition served: openapi (default), swagger or none

Probe flags (probe):
  --config.file=PATH           YAML configuration file (required)
  --target=NAME                probe only this target
  --output=FORMAT              table, or metrics: Prometheus text of the one poll (default table)
  --no-color                   no colour, even on a terminal (NO_COLOR is honoured too)
  --schema                     also show what each target's API definition (openapi.json) declares
                               and the query parameters the exporter sends because of it
`;
