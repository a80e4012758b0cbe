import { describe, expect, it } from 'vitest';
import { fnv1a32, inShard, podOrdinal, shardOf } from '../../../src/config/shard.js';

describe('the shard of a target', () => {
  it('is FNV-1a 32-bit of the name: these values never change (replicas of two versions must agree)', () => {
    // Reference values of FNV-1a 32 (http://www.isthe.com/chongo/tech/comp/fnv/).
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // Over UTF-8 bytes, not UTF-16 code units.
    expect(fnv1a32('é')).toBe(fnv1a32('\u00e9'));
    expect(fnv1a32('é')).not.toBe(fnv1a32('\u00e9'.normalize('NFD')));
    expect(shardOf('foobar', 3)).toBe(0xbf9cf968 % 3);
    expect(shardOf('policycenter-prod', 3)).toBe(fnv1a32('policycenter-prod') % 3);
  });

  it('three shards together cover every target of a 50-target config exactly once', () => {
    const names = Array.from({ length: 50 }, (_, i) => `${['pc', 'cc', 'bc'][i % 3] as string}-tenant-${i}`);
    const shards = [0, 1, 2].map((index) => names.filter((name) => inShard(name, { index, total: 3 })));
    expect(shards.flat().sort()).toEqual([...names].sort());
    expect(new Set(shards.flat()).size).toBe(50);
    // The split is not degenerate: every replica has work.
    for (const shard of shards) expect(shard.length).toBeGreaterThan(5);
  });

  it('one shard (the default) polls every target', () => {
    for (const name of ['a', 'b', 'policycenter']) expect(inShard(name, { index: 0, total: 1 })).toBe(true);
  });

  it('reads the ordinal of a StatefulSet pod name', () => {
    expect(podOrdinal('guidewire-batch-exporter-0')).toBe(0);
    expect(podOrdinal('guidewire-batch-exporter-12')).toBe(12);
    for (const bad of ['guidewire-batch-exporter', 'gwe-7d9f8c-x2k4q', '', 'gwe-']) expect(podOrdinal(bad)).toBeUndefined();
  });
});
