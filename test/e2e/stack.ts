import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startDaemon, waitReady, type Daemon } from './binaries.js';

const monitoring = fileURLToPath(new URL('../../monitoring/', import.meta.url));

export interface AmAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly status: { readonly state: string };
}

export interface Stack {
  readonly prometheusUrl: string;
  readonly alertmanagerUrl: string;
  /** Instant query; returns the result vector (throws on a query error). */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Active alerts in Alertmanager. */
  alerts(): Promise<AmAlert[]>;
  stop(): Promise<void>;
}

/**
 * Starts a real Alertmanager and a real Prometheus that scrapes `exporter` every second, evaluates the
 * shipped rule files (monitoring/*.yml, unmodified) every second and sends alerts to the Alertmanager.
 */
export async function startStack(binaries: { prometheus: string; alertmanager: string }, exporter: string): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'gwe-e2e-'));
  const [promPort, amPort] = [await freePort(), await freePort()];
  await writeFile(
    join(dir, 'alertmanager.yml'),
    `route:\n  receiver: blackhole\n  group_wait: 1s\n  group_interval: 1s\n  repeat_interval: 1h\nreceivers:\n  - name: blackhole\n`,
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
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
