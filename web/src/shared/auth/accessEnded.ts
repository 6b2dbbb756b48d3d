import { signal } from "@preact/signals";

/** Why a person's access ended, as the server says it (a 401's code, the access socket's frame). */
export type AccessEndReason = "access_removed" | "blocked" | "signed_out";

const REASONS = new Set<string>(["access_removed", "blocked", "signed_out"]);

/**
 * Set once the person's access has ended, by whichever tells first: the access socket's push
 * or any answer that says so. Every app shows one full-page notice from it; nothing clears it
 * but a reload (which then shows the sign-in form).
 */
export const accessEnded = signal<AccessEndReason | null>(null);

/** The reason an error answer carries, if it says access ended: a 401's code, or a blocked customer's 403. */
export function accessEndReasonOf(status: number, code: string): AccessEndReason | null {
	if (status === 401 && REASONS.has(code)) return code as AccessEndReason;
	if (status === 403 && code === "customer_blocked") return "blocked";
	return null;
}

/** Records that access ended (the first reason stands). */
export function noteAccessEnded(reason: AccessEndReason): void {
	if (!accessEnded.value) accessEnded.value = reason;
}
