import type { Area } from "./session";

/**
 * Where someone was when they asked for a sign-in link, so the link brings them back there (an
 * estimate's deep link, say) and not to the area's home. Kept on this device only, for as long as
 * a sign-in link lasts; the link opened on another device lands on the home page.
 */

const KEY = (area: Area, slug: string) => `fleet-portal.return.${area}/${slug}`;
/** A sign-in link works for 10 minutes; a little longer covers a slow mailbox. */
const KEEP_MS = 15 * 60_000;

/** The page shown now, under the area (not its sign-in pages), to come back to after signing in. */
export function rememberReturnPath(area: Area, slug: string, path: string): void {
	const prefix = `/${area}/${encodeURIComponent(slug)}/`;
	try {
		if (!path.startsWith(prefix) || path.startsWith(`${prefix}sign-in`)) {
			localStorage.removeItem(KEY(area, slug));
			return;
		}
		localStorage.setItem(KEY(area, slug), JSON.stringify({ path, at: Date.now() }));
	} catch {
		// Storage refused (private mode): the link lands on the home page.
	}
}

/** The remembered page, once: null when none, expired, or not a page of this area. */
export function takeReturnPath(area: Area, slug: string, now = Date.now()): string | null {
	try {
		const raw = localStorage.getItem(KEY(area, slug));
		localStorage.removeItem(KEY(area, slug));
		if (!raw) return null;
		const parsed: unknown = JSON.parse(raw);
		if (typeof parsed !== "object" || parsed === null) return null;
		const { path, at } = parsed as Record<string, unknown>;
		const prefix = `/${area}/${encodeURIComponent(slug)}/`;
		if (typeof path !== "string" || typeof at !== "number") return null;
		if (now - at > KEEP_MS || !path.startsWith(prefix) || path.startsWith("//")) return null;
		return path;
	} catch {
		return null;
	}
}
