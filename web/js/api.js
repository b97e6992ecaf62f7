// Calls the JSON API; a 401 sends the user back to the login page.
// The API says each error in Chinese (message) with its English apart (message_en): the console shows the Chinese.

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `请求失败（${status}）`);
    this.status = status;
    this.code = error?.code;
    this.field = error?.field;
  }
}

// root: '/api/v1', or '' for the EPCIS standard's own paths (/epcis/capture, /epcis/events).
export async function api(method, url, body, { raw, contentType, root = '/api/v1' } = {}) {
  const headers = {};
  let payload;
  if (method !== 'GET') headers['X-Requested-With'] = 'shian';
  if (raw !== undefined) { payload = raw; headers['Content-Type'] = contentType || 'text/csv'; }
  else if (body !== undefined) { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  const r = await fetch(`${root}${url}`, { method, headers, body: payload, credentials: 'same-origin' });
  if (r.status === 204) return null;
  const data = await r.json().catch(() => null);
  if (r.status === 401 && !url.startsWith('/auth/login')) {
    location.hash = '#/login';
    throw new ApiError(401, data?.error);
  }
  if (!r.ok) throw new ApiError(r.status, data?.error);
  return data;
}

export const get = (url) => api('GET', url);
// Uploads a file (photo) as the raw request body.
export const upload = (url, file) => api('POST', url, undefined, { raw: file, contentType: file.type || 'application/octet-stream' });
export const post = (url, body) => api('POST', url, body);
export const patch = (url, body) => api('PATCH', url, body);
export const put = (url, body) => api('PUT', url, body);

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
