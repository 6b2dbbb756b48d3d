import { apiFetch } from "../shared/api";

/** `/api/d/:slug…`: the staff API of one tenant. */
export const staffPath = (slug: string, rest = "") => `/api/d/${encodeURIComponent(slug)}${rest}`;

/** `/d/:slug…`: a page of the console. */
export const consolePath = (slug: string, rest = "") => `/d/${encodeURIComponent(slug)}${rest}`;

/** `?a=1&b=2` of the parameters that are set ("" when none). */
export function queryString(params: Record<string, string | undefined>): string {
	const search = new URLSearchParams();
	for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
	const text = search.toString();
	return text ? `?${text}` : "";
}

/** A JSON POST/PATCH/PUT to the staff API. */
export function sendJson<T>(
	slug: string,
	path: string,
	method: "POST" | "PATCH" | "PUT",
	body?: object,
	headers?: Record<string, string>,
) {
	return apiFetch<T>(staffPath(slug, path), {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

/** Uploads a file as the raw request body, its type as the Content-Type. */
export function uploadImage<T>(slug: string, path: string, file: File) {
	return apiFetch<T>(staffPath(slug, path), {
		method: "PUT",
		headers: { "Content-Type": file.type || "application/octet-stream" },
		body: file,
	});
}

/** Only admins see and change the tenant's settings; the server has the last word (403). */
export const isAdmin = (role: string) => role === "admin";
