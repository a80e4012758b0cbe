import type { SimResponse } from './http-io.js';

/** `errorCode`s in the style of Guidewire's `gw.api.rest.exceptions` package, by HTTP status. */
const ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'gw.api.rest.exceptions.BadInputException',
  401: 'gw.api.rest.exceptions.AuthenticationException',
  403: 'gw.api.rest.exceptions.PermissionException',
  404: 'gw.api.rest.exceptions.NotFoundException',
  405: 'gw.api.rest.exceptions.MethodNotAllowedException',
  429: 'gw.api.rest.exceptions.TooManyRequestsException',
  500: 'gw.api.rest.exceptions.InternalServerErrorException',
  503: 'gw.api.rest.exceptions.ServiceUnavailableException',
};

/** The Guidewire error body: `{ status, errorCode, userMessage, developerMessage }`. */
export function guidewireErrorBody(status: number, userMessage: string, developerMessage = userMessage): Record<string, unknown> {
  const errorCode = ERROR_CODES[status] ?? (status >= 500 ? ERROR_CODES[500] : ERROR_CODES[400]);
  return { status, errorCode, userMessage, developerMessage };
}

/** A response carrying the Guidewire error body for `status`. */
export function guidewireError(
  status: number,
  userMessage: string,
  developerMessage?: string,
  headers?: Readonly<Record<string, string>>,
): SimResponse {
  return { status, body: guidewireErrorBody(status, userMessage, developerMessage), ...(headers === undefined ? {} : { headers }) };
}
