/** Where a request came from, for rate limits and the audit log. */
export type RequestMeta = { ip: string; userAgent: string | null };
