import { jobKinds } from "../../../../schema/job-values";
import { type BookingDraft, emptyStop, newDraft, type StopDraft } from "./bookingDraft";

/**
 * The booking in progress on this tab, kept in sessionStorage per tenant and contact (someone
 * signing in after on a shared device must not see it): what was typed and
 * the one Idempotency-Key of this form, so a reload restores the form and a resubmit after it
 * cannot book twice.
 */
export type StoredBooking = {
	key: string;
	/** The job "Book again" started from, so a reload of `?from=` keeps the typed values. */
	from: string | null;
	/** A submit was sent and no answer said how it ended. */
	attempted: boolean;
	draft: BookingDraft;
};

/** Whose booking: the tenant's slug and the signed-in contact's id. */
export type BookingOwner = { slug: string; contactId: string };

const storageKey = ({ slug, contactId }: BookingOwner) => `fleet-portal:booking:${slug}:${contactId}`;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === "object" && value !== null && !Array.isArray(value);

/** The template with every key whose stored value has the template's type taken from `raw`. */
function sameShape<T extends Record<string, string | boolean>>(template: T, raw: unknown): T {
	const out = { ...template };
	if (!isRecord(raw)) return out;
	for (const key of Object.keys(template) as Array<keyof T & string>) {
		const value = raw[key];
		// Same primitive type as the template's value, so it is a T[key].
		if (typeof value === typeof template[key]) out[key] = value as T[keyof T & string];
	}
	return out;
}

/** A draft read back from storage: the known kind, each field of the type the form holds, or null. */
export function parseDraft(raw: unknown): BookingDraft | null {
	if (!isRecord(raw)) return null;
	const kind = jobKinds.find((k) => k === raw.kind);
	if (!kind) return null;
	const { pickup, dropoff, service, ...fields } = newDraft(kind, "UTC", 0);
	const stop = (value: unknown): StopDraft => sameShape(emptyStop(), value);
	return {
		...sameShape(fields, raw),
		kind,
		pickup: stop(raw.pickup),
		dropoff: stop(raw.dropoff),
		service: stop(raw.service),
	};
}

export function loadBooking(owner: BookingOwner): StoredBooking | null {
	try {
		const text = sessionStorage.getItem(storageKey(owner));
		if (!text) return null;
		const raw: unknown = JSON.parse(text);
		if (!isRecord(raw) || typeof raw.key !== "string" || !raw.key) return null;
		const draft = parseDraft(raw.draft);
		if (!draft) return null;
		return {
			key: raw.key,
			from: typeof raw.from === "string" ? raw.from : null,
			attempted: raw.attempted === true,
			draft,
		};
	} catch {
		return null;
	}
}

export function saveBooking(owner: BookingOwner, booking: StoredBooking): void {
	try {
		sessionStorage.setItem(storageKey(owner), JSON.stringify(booking));
	} catch {
		// Storage full or turned off: the form still works, it just won't survive a reload.
	}
}

export function forgetBooking(owner: BookingOwner): void {
	try {
		sessionStorage.removeItem(storageKey(owner));
	} catch {
		// Nothing stored.
	}
}
