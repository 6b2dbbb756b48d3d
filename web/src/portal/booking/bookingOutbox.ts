import { signal } from "@preact/signals";
import { ApiError, type FieldIssue } from "../../shared/api";
import {
	mayBeOnline,
	type OutboxOwner,
	oneTabAtATime,
	readOutbox,
	writeOutbox,
} from "../../shared/offline/outboxStorage";
import type { BookingDraft } from "./bookingDraft";
import { type BookingOwner, isRecord, parseDraft } from "./bookingStore";
import { sendBooking } from "./sendBooking";

/**
 * Bookings made without a connection, waiting in the outbox (shared/offline/outboxStorage) with
 * the form's Idempotency-Key and the body as submitted, sent when the connection is back. The key
 * is what makes that safe: a send that reached the server but whose answer was lost is sent
 * again under it, and the server answers the job it already made.
 */
export type WaitingBooking = {
	/** The entry's own id: the key it was first queued under (the key itself may change, see sendBooking). */
	id: string;
	key: string;
	body: Record<string, unknown>;
	/** What was typed, to bring the form back when the server refuses the booking. */
	draft: BookingDraft;
	/** The job "Book again" started from. */
	from: string | null;
	queuedAt: number;
	/** `refused`: the server answered 4xx, the person has to look; `sent`: booked, not yet seen. */
	state: "waiting" | "refused" | "sent";
	refusal?: { status: number; code: string; message: string; issues: FieldIssue[] };
	job?: { id: string; number: number };
};

/** A booking that was sent but whose confirmation nobody opened is let go after a day. */
const SENT_KEPT_MS = 24 * 3_600_000;
/** While bookings wait, how often to try again even without an `online` event (a flaky network). */
export const RETRY_EVERY_MS = 30_000;

const outboxOf = ({ slug, contactId }: BookingOwner): OutboxOwner => ({
	area: "c",
	slug,
	personId: contactId,
});

const isIssue = (v: unknown): v is FieldIssue =>
	isRecord(v) && typeof v.field === "string" && typeof v.message === "string" && Array.isArray(v.path);

function parseRefusal(raw: unknown): WaitingBooking["refusal"] {
	if (!isRecord(raw) || typeof raw.status !== "number" || typeof raw.code !== "string") return undefined;
	if (typeof raw.message !== "string") return undefined;
	const issues = Array.isArray(raw.issues) ? raw.issues.filter(isIssue) : [];
	return { status: raw.status, code: raw.code, message: raw.message, issues };
}

function parseWaiting(raw: unknown): WaitingBooking | null {
	if (!isRecord(raw) || typeof raw.id !== "string" || typeof raw.key !== "string" || !raw.key) return null;
	const draft = parseDraft(raw.draft);
	if (!draft || !isRecord(raw.body) || typeof raw.queuedAt !== "number") return null;
	const state = raw.state === "refused" || raw.state === "sent" ? raw.state : "waiting";
	const job =
		isRecord(raw.job) && typeof raw.job.id === "string" && typeof raw.job.number === "number"
			? { id: raw.job.id, number: raw.job.number }
			: undefined;
	if (state === "sent" && !job) return null;
	const refusal = parseRefusal(raw.refusal);
	if (state === "refused" && !refusal) return null;
	return {
		id: raw.id,
		key: raw.key,
		body: raw.body,
		draft,
		from: typeof raw.from === "string" ? raw.from : null,
		queuedAt: raw.queuedAt,
		state,
		refusal,
		job,
	};
}

/** The person's bookings in the outbox, oldest first. */
export function waitingBookings(owner: BookingOwner, now = Date.now()): WaitingBooking[] {
	return readOutbox(outboxOf(owner), parseWaiting).filter(
		(b) => b.state !== "sent" || now - b.queuedAt < SENT_KEPT_MS,
	);
}

/** Puts a booking in the outbox; false when the browser would not store it. */
export function queueBooking(owner: BookingOwner, booking: Omit<WaitingBooking, "id" | "state">): boolean {
	const others = waitingBookings(owner).filter((b) => b.id !== booking.key);
	return writeOutbox(outboxOf(owner), [...others, { ...booking, id: booking.key, state: "waiting" }]);
}

function changeBooking(owner: BookingOwner, id: string, change: Partial<WaitingBooking>): void {
	writeOutbox(
		outboxOf(owner),
		waitingBookings(owner).map((b) => (b.id === id ? { ...b, ...change } : b)),
	);
}

/** Takes a booking out of the outbox: its confirmation was shown, or its form took it back. */
export function removeBooking(owner: BookingOwner, id: string): void {
	writeOutbox(
		outboxOf(owner),
		waitingBookings(owner).filter((b) => b.id !== id),
	);
}

/** The booking being sent right now (its id), for the page to say so. */
export const sendingBooking = signal<string | null>(null);
/** The last try found no connection (or a server that did not answer): say we keep trying. */
export const lastTryFailed = signal(false);

export type SendOutcome = "done" | "offline" | "signed_out";

/** Sends each waiting booking in turn, under its key; stops at the first that cannot get through. */
async function sendEach(owner: BookingOwner): Promise<SendOutcome> {
	for (;;) {
		// Read again each time: another tab may have sent one meanwhile.
		const next = waitingBookings(owner).find((b) => b.state === "waiting");
		if (!next) return "done";
		if (!mayBeOnline()) return "offline";
		sendingBooking.value = next.id;
		try {
			const job = await sendBooking({
				slug: owner.slug,
				body: next.body,
				key: next.key,
				onNewKey: (key) => changeBooking(owner, next.id, { key }),
				onProgress: () => undefined,
			});
			changeBooking(owner, next.id, { state: "sent", job: { id: job.id, number: job.number } });
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			// No answer, a server error or a first send still running: it may yet be booked, so it
			// stays as it is and goes again later under the same key.
			if (err.code === "network" || err.status >= 500 || err.code === "idempotency_in_flight")
				return "offline";
			if (err.status === 401) return "signed_out";
			const { status, code, message, issues } = err;
			changeBooking(owner, next.id, { state: "refused", refusal: { status, code, message, issues } });
		} finally {
			sendingBooking.value = null;
		}
	}
}

let running: Promise<SendOutcome> | null = null;

/**
 * Sends what waits in the person's outbox, once: one run at a time in this tab and across tabs.
 * Called at app start, on the `online` event, now and then while bookings wait, and by "Try now".
 */
export function sendWaitingBookings(owner: BookingOwner): Promise<SendOutcome> {
	running ??= oneTabAtATime(outboxOf(owner), () => sendEach(owner))
		.then((outcome) => {
			lastTryFailed.value = outcome === "offline";
			return outcome;
		})
		.finally(() => {
			running = null;
		});
	return running;
}
