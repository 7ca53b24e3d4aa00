import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** Thrown for an answer that is not 2xx, with the problem+json `detail` when the server gave one. */
export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

function xsrfToken(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

// The session cookie goes with every call; state-changing ones carry the antiforgery token; a lost session goes to sign-in.
const session: Middleware = {
  onRequest({ request }) {
    const token = xsrfToken();
    if (token && request.method !== 'GET') request.headers.set('X-XSRF-TOKEN', token);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) window.location.assign(`/auth/signin?returnUrl=${encodeURIComponent(window.location.pathname)}`);
    return response;
  },
};

/** The API client, typed from the server's OpenAPI document. */
export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
client.use(session);

/** The data of a call, or an ApiError saying what the server said. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data: body, error, response } = await call;
  if (body === undefined || !response.ok) {
    const detail = (error as { detail?: string } | undefined)?.detail;
    throw new ApiError(response.status, detail ?? `${response.status} ${response.statusText}`);
  }
  return body;
}
