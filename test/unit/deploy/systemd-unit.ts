import { readRepoFile } from './kubernetes-manifests.js';

/** A systemd unit file as section → key → values (a key may repeat). */
export type Unit = Record<string, Record<string, string[]>>;

/** Parses a unit file (no line continuations in ours). */
export function parseUnit(text: string): Unit {
  const unit: Unit = {};
  let section: Record<string, string[]> = {};
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) unit[header[1] ?? ''] = section = {};
    else {
      const at = line.indexOf('=');
      (section[line.slice(0, at)] ??= []).push(line.slice(at + 1));
    }
  }
  return unit;
}

export const unitPath = 'deploy/systemd/guidewire-batch-exporter.service';
export const unitText = (): string => readRepoFile(unitPath);

/** KEY=VALUE lines of the environment file example. */
export function envFile(): Record<string, string> {
  const lines = readRepoFile('deploy/systemd/guidewire-batch-exporter.env').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}
