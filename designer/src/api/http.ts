/** Thrown for an answer that is not 2xx, with the problem+json `detail` when the server gave one. */
export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

function xsrfToken(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Calls the server's API with the session cookie; state-changing calls carry the antiforgery token the server asks for. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (init.body) headers.set('Content-Type', 'application/json');
  const token = xsrfToken();
  if (token && init.method && init.method !== 'GET') headers.set('X-XSRF-TOKEN', token);
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.assign(`/auth/signin?returnUrl=${encodeURIComponent(window.location.pathname)}`);
    throw new ApiError(401, 'Sign in first.');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem?.detail ?? `${response.status} ${response.statusText}`);
  }
  return (await response.json()) as T;
}
