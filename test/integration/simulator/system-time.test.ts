import { describe, expect, it } from 'vitest';
import { createScenarioModel, createStaticModel } from '../../../src/simulator/index.js';
import type { ScenarioProcess } from '../../../src/simulator/scenario-spec.js';
import { basicHeader, documented, fetchJson, rawProcess, simulatorPerTest } from './helpers.js';

const start = simulatorPerTest();
const NOW = Date.UTC(2026, 11, 6, 20, 49, 15, 956);
const PATH = '/systemtools/v1/system-time';

describe('GET /system-time', () => {
  it('answers the server clock, zone and offset inside data.attributes by default (America/Chicago)', async () => {
    const s = await start({ now: () => NOW });
    const reply = await fetchJson(`${s.baseUrl}${PATH}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      data: {
        attributes: { dateTime: '2026-12-06T20:49:15.956Z', zoneId: 'America/Chicago', zoneOffset: '-06:00' },
        checksum: expect.any(String),
        links: { self: { href: PATH, methods: ['get'] } },
      },
    });
  });

  it('serves the bare object, another zone, or a 404 as an older release does', async () => {
    const bare = await start({ now: () => NOW, systemTime: { shape: 'bare', zone: 'Europe/Zurich' } });
    expect((await fetchJson(`${bare.baseUrl}${PATH}`)).json).toEqual({ dateTime: '2026-12-06T20:49:15.956Z', zoneId: 'Europe/Zurich', zoneOffset: '+01:00' });
    await bare.close();
    const old = await start({ now: () => NOW, systemTime: { shape: 'absent' } });
    const reply = await fetchJson(`${old.baseUrl}${PATH}`);
    expect(reply.status).toBe(404);
    expect(reply.json['errorCode']).toBe('gw.api.rest.exceptions.NotFoundException');
  });

  it('refuses any query parameter (it declares none) and asks for credentials like every resource', async () => {
    const s = await start({ now: () => NOW, auth: { basic: { username: 'u', password: 'p' } } });
    expect((await fetchJson(`${s.baseUrl}${PATH}`)).status).toBe(401);
    const auth = { headers: { authorization: basicHeader('u', 'p') } };
    expect((await fetchJson(`${s.baseUrl}${PATH}`, auth)).status).toBe(200);
    const refused = await fetchJson(`${s.baseUrl}${PATH}?fields=*all`, auth);
    expect(refused.status).toBe(400);
    expect(String(refused.json['developerMessage'])).toContain("'fields'");
  });

  it('refuses a bad zone, shape or offset at start', async () => {
    await expect(start({ systemTime: { zone: 'Mars/Olympus' } })).rejects.toThrow(/IANA/);
    await expect(start({ systemTime: { shape: 'soap' as 'bare' } })).rejects.toThrow(/shape/);
    await expect(start({ clockOffsetMs: Number.NaN })).rejects.toThrow(/clockOffsetMs/);
  });
});

describe('clockOffsetMs', () => {
  const spec: ScenarioProcess = { code: 'Workflow', name: 'Workflow Writer', distributed: false, periodMs: 20_000, durationMs: 1_000, opsPerRun: 10 };

  it('runs the simulator clock ahead of (or behind) the caller: /system-time and every run date move with it', async () => {
    const model = createScenarioModel({ seed: 1, epoch: NOW, processes: [spec], schedules: new Map([['Workflow', ['0/20 * * * * ?']]]) });
    const ahead = await start({ now: () => NOW, clockOffsetMs: 90_000, model });
    const time = (await fetchJson(`${ahead.baseUrl}${PATH}`)).json as { data: { attributes: { dateTime: string } } };
    expect(Date.parse(time.data.attributes.dateTime) - NOW).toBe(90_000);
    const aheadStatus = (await fetchJson(`${ahead.baseUrl}/systemtools/v1/batch-processes/Workflow`)).json as { data: { attributes: { status: Record<string, string> } } };
    // 20:49:15.956 + 90 s = 20:50:45.956: the latest fire time is 20:50:40.
    expect(aheadStatus.data.attributes.status['dateCreated']).toBe('2026-12-06T20:50:40.000Z');
    await ahead.close();
    const behind = await start({ now: () => NOW, clockOffsetMs: -30_000, model });
    const behindStatus = (await fetchJson(`${behind.baseUrl}/systemtools/v1/batch-processes/Workflow`)).json as { data: { attributes: { status: Record<string, string> } } };
    expect(behindStatus.data.attributes.status['dateCreated']).toBe('2026-12-06T20:48:40.000Z');
  });
});

describe('declared query parameters', () => {
  it('refuses a parameter a resource does not declare, with 400, and accepts the declared ones', async () => {
    const model = createStaticModel([rawProcess('ActivityEsc', documented.completed)]);
    const s = await start({ model });
    const base = `${s.baseUrl}/systemtools/v1/batch-processes`;
    for (const path of [`${base}?foo=1`, `${base}/ActivityEsc?pageSize=1`, `${base}/ActivityEsc/histories?sort=dateCreated`]) {
      const reply = await fetchJson(path);
      expect(reply.status, path).toBe(400);
      expect(reply.json['errorCode']).toBe('gw.api.rest.exceptions.BadInputException');
    }
    for (const path of [`${base}?pageSize=5&pageOffset=0&includeTotal=true&fields=*all`, `${base}/ActivityEsc?fields=*all`, `${base}/ActivityEsc/histories?pageSize=5&fields=*all`]) {
      expect((await fetchJson(path)).status, path).toBe(200);
    }
    // An unknown type stays a 404 whatever the query.
    expect((await fetchJson(`${base}/Nope/histories?foo=1`)).status).toBe(404);
  });
});
