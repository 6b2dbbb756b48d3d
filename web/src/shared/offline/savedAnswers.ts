import { signal } from "@preact/signals";
import { SAVED_ANSWERS_CACHE, SAVED_AT_HEADER } from "./cachePolicy";

/**
 * When the oldest answer on screen was saved, while the service worker answers from its cache
 * because the network failed; null while answers are live.
 */
export const showingSavedFrom = signal<number | null>(null);

/** Called with every API answer: a kept one says when it was saved, a live one ends the offline notice. */
export function noteAnswerSource(res: Response): void {
	const savedAt = Date.parse(res.headers.get(SAVED_AT_HEADER) ?? "");
	if (Number.isNaN(savedAt)) {
		if (res.ok && showingSavedFrom.peek() !== null) showingSavedFrom.value = null;
		return;
	}
	const shown = showingSavedFrom.peek();
	if (shown === null || savedAt < shown) showingSavedFrom.value = savedAt;
}

/** A tenant's public branding: kept through sign-out, so the shell still opens offline. */
const PUBLIC_ANSWER = /^\/api\/tenants\/[^/]+$/;

/** Forgets every kept answer about a person, so a signed-out device shows no one's jobs offline. */
export async function forgetSavedAnswers(): Promise<void> {
	if (typeof caches === "undefined" || !(await caches.has(SAVED_ANSWERS_CACHE))) return;
	try {
		const cache = await caches.open(SAVED_ANSWERS_CACHE);
		const personal = (await cache.keys()).filter((req) => !PUBLIC_ANSWER.test(new URL(req.url).pathname));
		await Promise.all(personal.map((req) => cache.delete(req)));
	} catch (err) {
		console.error("saved answers not cleared", { err: String(err) });
	}
}
