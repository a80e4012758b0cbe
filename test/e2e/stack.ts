import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeServer } from '../support/fake-http.js';
import { freePort, startDaemon, waitReady, type Daemon } from './binaries.js';

const monitoring = fileURLToPath(new URL('../../monitoring/', import.meta.url));

export interface AmAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly status: { readonly state: string };
}

/** A notification Alertmanager sent to one of the owner receivers (its webhook payload, reduced). */
export interface Notification {
  readonly receiver: string;
  readonly alerts: { readonly status: string; readonly labels: Record<string, string> }[];
}

/**
 * The owner teams the stack's Alertmanager routes to, one webhook receiver each (`team="<name>"`), as
 * docs/alerts.md#routing-by-owner shows; everything else goes to the default receiver, which drops it.
 */
export const ownerTeams = ['billing', 'claims'] as const;

export interface Stack {
  readonly prometheusUrl: string;
  readonly alertmanagerUrl: string;
  /** Instant query; returns the result vector (throws on a query error). */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Active alerts in Alertmanager. */
  alerts(): Promise<AmAlert[]>;
  /** Notifications the owner receivers got so far, oldest first. */
  notifications(): Notification[];
  stop(): Promise<void>;
}

/**
 * Starts a real Alertmanager and a real Prometheus that scrapes `exporter` every second, evaluates the
 * shipped rule files (monitoring/*.yml, unmodified) every second and sends alerts to the Alertmanager,
 * which routes alerts by their `team` label to one webhook receiver per owner team (`notifications()`).
 */
export async function startStack(binaries: { prometheus: string; alertmanager: string }, exporter: string): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-e2e-'));
  const [promPort, amPort] = [await freePort(), await freePort()];
  // The webhooks of the owner receivers: one fake HTTP server, a path per team.
  const webhooks = await startFakeServer();
  const notifications: Notification[] = [];
  for (const team of ownerTeams) {
    webhooks.on('POST', `/${team}`, (req) => {
      const payload = JSON.parse(req.body) as { receiver: string; alerts: Notification['alerts'] };
      notifications.push({ receiver: payload.receiver, alerts: payload.alerts.map((a) => ({ status: a.status, labels: a.labels })) });
      return { status: 200, body: '' };
    });
  }
  await writeFile(
    join(dir, 'alertmanager.yml'),
    [
      'route:',
      '  receiver: blackhole',
      '  group_by: [alertname, target, batch_process]',
      '  group_wait: 1s',
      '  group_interval: 1s',
      '  repeat_interval: 1h',
      '  routes:',
      ...ownerTeams.flatMap((team) => [`    - matchers: ['team="${team}"']`, `      receiver: ${team}`]),
      'receivers:',
      '  - name: blackhole',
      ...ownerTeams.flatMap((team) => [`  - name: ${team}`, `    webhook_configs: [{url: '${webhooks.origin}/${team}', send_resolved: false}]`]),
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'prometheus.yml'),
    [
      'global: {scrape_interval: 1s, evaluation_interval: 1s}',
      `rule_files: ['${join(monitoring, 'recording-rules.yml')}', '${join(monitoring, 'alerts.yml')}']`,
      `alerting: {alertmanagers: [{static_configs: [{targets: ['127.0.0.1:${amPort}']}]}]}`,
      `scrape_configs: [{job_name: guidewire-batch-exporter, static_configs: [{targets: ['${exporter}']}]}]`,
      '',
    ].join('\n'),
  );
  const daemons: Daemon[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(daemons.map((d) => d.stop()));
    await webhooks.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const am = startDaemon(binaries.alertmanager, [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'am-data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);
    daemons.push(am);
    const prom = startDaemon(binaries.prometheus, [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'prom-data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--rules.alert.resend-delay=1s',
    ]);
    daemons.push(prom);
    const alertmanagerUrl = `http://127.0.0.1:${amPort}`;
    const prometheusUrl = `http://127.0.0.1:${promPort}`;
    await waitReady(`${alertmanagerUrl}/-/ready`, am);
    await waitReady(`${prometheusUrl}/-/ready`, prom);
    return {
      prometheusUrl,
      alertmanagerUrl,
      async query(expr) {
        const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
        const body = (await response.json()) as { status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
        if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error ?? response.status}`);
        return body.data?.result ?? [];
      },
      async alerts() {
        const response = await fetch(`${alertmanagerUrl}/api/v2/alerts?active=true&silenced=false&inhibited=false`);
        return (await response.json()) as AmAlert[];
      },
      notifications: () => [...notifications],
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
