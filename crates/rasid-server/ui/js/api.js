// The JSON API, as the interface uses it.

/** An error the server answered, with its status and message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(path, options = {}) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, String(e.message || e));
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, response.statusText);
  }
  if (!response.ok) throw new ApiError(body.status || response.status, body.message || response.statusText);
  return body;
}

/** Query string from an object, leaving out empty values. */
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "" && value !== false) search.set(key, value);
  }
  return search.toString();
}

export const api = {
  search: (params, signal) => call(`/api/search?${queryString(params)}`, { signal }),
  timeline: (params, signal) => call(`/api/timeline?${queryString(params)}`, { signal }),
  entities: (params, signal) => call(`/api/entities?${queryString(params)}`, { signal }),
  places: (params, signal) => call(`/api/places?${queryString(params)}`, { signal }),
  article: (id, signal) => call(`/api/articles/${encodeURIComponent(id)}`, { signal }),
  health: () => call("/api/health"),
  events: (params, signal) => call(`/api/events?${queryString(params)}`, { signal }),
  dyads: (params, signal) => call(`/api/events/dyads?${queryString(params)}`, { signal }),
  cooccurrence: (params, signal) => call(`/api/cooccurrence?${queryString(params)}`, { signal }),
  stories: (params, signal) => call(`/api/stories?${queryString(params)}`, { signal }),
  story: (id, signal) => call(`/api/stories/${encodeURIComponent(id)}`, { signal }),
  analyze: (body, { name, contentType } = {}) =>
    call(`/api/analyze?${queryString({ name })}`, {
      method: "POST",
      body,
      headers: contentType ? { "content-type": contentType } : {},
    }),
};
