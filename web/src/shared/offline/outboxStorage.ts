import { signal } from "@preact/signals";

/**
 * What a person did offline and the app still has to send — a booking, a technician's status
 * moves — kept in localStorage per app, tenant and person, so it survives a reload or a closed
 * tab, and forgotten when the device signs out of that app, like the answers kept for offline.
 */

/** Whose outbox: the app (`c` portal, `t` technician app), the tenant's slug and the person's id. */
export type OutboxOwner = { area: "c" | "t"; slug: string; personId: string };

const PREFIX = "fleet-portal:outbox:";

const storageKey = ({ area, slug, personId }: OutboxOwner) => `${PREFIX}${area}:${slug}:${personId}`;

/** Bumped on every change, here or in another tab: components reading it re-render with the outbox. */
export const outboxChanged = signal(0);

if (typeof window !== "undefined") {
	window.addEventListener("storage", (event) => {
		if (event.key === null || event.key.startsWith(PREFIX)) outboxChanged.value++;
	});
}

/** The entries kept for `owner`, each checked by `parse`; what it refuses is dropped. */
export function readOutbox<T>(owner: OutboxOwner, parse: (raw: unknown) => T | null): T[] {
	try {
		const text = localStorage.getItem(storageKey(owner));
		const raw: unknown = text ? JSON.parse(text) : [];
		if (!Array.isArray(raw)) return [];
		return raw.map(parse).filter((entry): entry is T => entry !== null);
	} catch {
		return [];
	}
}

/** Whether anything is kept for `owner`, without reading it (the home page asks on every render). */
export function hasOutbox(owner: OutboxOwner): boolean {
	try {
		return localStorage.getItem(storageKey(owner)) !== null;
	} catch {
		return false;
	}
}

/** Replaces `owner`'s entries; false when the browser refused to store them (full or turned off). */
export function writeOutbox<T>(owner: OutboxOwner, entries: T[]): boolean {
	try {
		if (entries.length === 0) localStorage.removeItem(storageKey(owner));
		else localStorage.setItem(storageKey(owner), JSON.stringify(entries));
		return true;
	} catch {
		return false;
	} finally {
		outboxChanged.value++;
	}
}

/** Forgets every outbox of one app at one tenant: the device signed out of it. */
export function forgetOutboxes(area: string, slug: string): void {
	try {
		const prefix = `${PREFIX}${area}:${slug}:`;
		const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
		for (const key of keys) if (key?.startsWith(prefix)) localStorage.removeItem(key);
	} catch {
		// Storage turned off: nothing was kept.
	}
	outboxChanged.value++;
}

/**
 * Runs `send` for `owner` in one tab at a time (Web Locks where the browser has them), so two
 * open tabs do not send the same entry side by side; the server's key would still keep it once.
 */
export function oneTabAtATime<T>(owner: OutboxOwner, send: () => Promise<T>): Promise<T> {
	if (typeof navigator === "undefined" || !navigator.locks) return send();
	return navigator.locks.request(storageKey(owner), send);
}

/** False only when the browser knows it has no network; true when it may (it cannot be sure). */
export const mayBeOnline = () => typeof navigator === "undefined" || navigator.onLine !== false;
