import { iso, localDayBounds, zonedToUtc } from "../../../../workers/domain/time";
import { t } from "../../shared/i18n/i18n";
import { formatWindow } from "../../shared/tenantTime";
import type { BookingDraft, StopDraft } from "./bookingDraft";

/**
 * A booking not yet sent, in words, as a job card says them: when, where, what, reference —
 * read from what was typed, in the tenant's zone.
 */

const place = (stop: StopDraft) =>
	stop.line1.trim() ? [stop.line1.trim(), stop.city.trim()].filter(Boolean).join(", ") : null;

function windowBounds(draft: BookingDraft, timeZone: string): [number | null, number | null] {
	if (draft.kind === "service_call") {
		const { from, to } = localDayBounds({ from: draft.preferredFrom, to: draft.preferredTo }, timeZone);
		return [from ?? null, to ?? null];
	}
	return [zonedToUtc(draft.readyAt, timeZone), zonedToUtc(draft.deliverBy, timeZone)];
}

/** The window asked for: the pickup's ready and deliver-by times, or the service call's days. */
export function bookingWhen(draft: BookingDraft, timeZone: string): string | null {
	const [from, to] = windowBounds(draft, timeZone);
	// A window the server has yet to refuse (its end before its start) shows only its start.
	const end = from !== null && to !== null && to <= from ? null : to;
	return formatWindow(iso(from), iso(end), timeZone);
}

/** "88 Route 4 West, Hackensack" for a service call; pickup and drop-off for a pickup. */
export function bookingWhere(draft: BookingDraft): { from: string; to?: string } {
	const pending = t("portal.card.addressPending");
	if (draft.kind === "service_call") return { from: place(draft.service) ?? pending };
	return { from: place(draft.pickup) ?? pending, to: place(draft.dropoff) ?? pending };
}

/** What is to be carried or done, as typed. */
export const bookingWhat = (draft: BookingDraft) =>
	(draft.kind === "service_call" ? draft.description : draft.packageDescription).trim();
