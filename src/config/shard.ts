/**
 * Sharding like kube-state-metrics: with `--shard=N --total-shards=M`, a replica polls only the targets
 * whose name hashes to shard N. Pure.
 *
 * THE HASH NEVER CHANGES: FNV-1a, 32 bits, over the UTF-8 bytes of the target name, modulo the total
 * number of shards. Replicas of different versions run side by side during a rolling update; were the
 * hash to change, a target would be polled twice or by nobody until the rollout ended. Changing it is a
 * breaking change (test/unit/config/shard.test.ts pins known values).
 */

/** This replica's shard: `index` in `0 .. total - 1`. */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

/** One replica that polls every target (the default). */
export const wholeEstate: Shard = { index: 0, total: 1 };

/** FNV-1a 32-bit of the UTF-8 bytes of `text`, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The shard (0 .. total - 1) that polls the target named `name`. */
export function shardOf(name: string, total: number): number {
  return fnv1a32(name) % total;
}

/** True when `shard` polls the target named `name`. */
export function inShard(name: string, shard: Shard): boolean {
  return shard.total <= 1 || shardOf(name, shard.total) === shard.index;
}

/**
 * The ordinal of a StatefulSet pod from its name (`gwe-2` → 2), as kube-state-metrics' automatic
 * sharding reads it; undefined when the name does not end in `-<digits>`.
 */
export function podOrdinal(podName: string): number | undefined {
  const match = /-(\d+)$/.exec(podName);
  if (match === null) return undefined;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}
