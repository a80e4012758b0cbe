import { isTimeZone } from '../cron/quartz.js';
import { InvalidResponseError } from '../errors.js';
import { FieldError, isObject, optionalDate } from './parse-fields.js';

/** What `GET /systemtools/v1/system-time` says of the server's clock. */
export interface SystemTime {
  /** `dateTime`, ms since the epoch. */
  readonly dateTime: number;
  /** `zoneId` (`America/Chicago`), kept only when it names a zone this runtime knows. */
  readonly zoneId?: string;
  /** `zoneOffset` (`-06:00`, or `Z`), kept only in that form. */
  readonly zoneOffset?: string;
}

/** A `SystemTime` with when the request left and its answer arrived, on the exporter's clock (ms). */
export interface SystemTimeReading extends SystemTime {
  readonly requestedAt: number;
  readonly answeredAt: number;
}

const offsetPattern = /^(?:Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)$/;

/**
 * Parses the answer of `/system-time`: `dateTime`, `zoneId` and `zoneOffset`, inside the usual
 * `data.attributes` envelope or as a bare object (the docs do not say which). `dateTime` is required; a
 * `zoneId` this runtime does not know and a `zoneOffset` of another form are dropped rather than trusted
 * (the zone becomes the default of schedules). Throws `InvalidResponseError` naming the field. Pure.
 */
export function parseSystemTime(json: unknown, endpoint: string): SystemTime {
  try {
    if (!isObject(json)) throw new FieldError('(body)', 'expected a JSON object');
    const attributes = isObject(json.data) ? json.data.attributes : undefined;
    const [body, path] = isObject(attributes) ? [attributes, 'data.attributes'] : [json, '(body)'];
    const dateTime = optionalDate(body, 'dateTime', path);
    if (dateTime === undefined) throw new FieldError(`${path}.dateTime`, 'expected an ISO-8601 date-time');
    // isTimeZone refuses anything longer than 64 characters: an unbounded string is never kept.
    const zoneId = typeof body.zoneId === 'string' && isTimeZone(body.zoneId) ? body.zoneId : undefined;
    const zoneOffset = typeof body.zoneOffset === 'string' && offsetPattern.test(body.zoneOffset) ? body.zoneOffset : undefined;
    return { dateTime, ...(zoneId === undefined ? {} : { zoneId }), ...(zoneOffset === undefined ? {} : { zoneOffset }) };
  } catch (err) {
    if (err instanceof FieldError) throw new InvalidResponseError(endpoint, err.message);
    throw err;
  }
}
