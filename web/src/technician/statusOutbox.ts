import { signal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { ApiError } from "../shared/api";
import { useSession } from "../shared/auth/session";
import {
	mayBeOnline,
	type OutboxOwner,
	oneTabAtATime,
	outboxChanged,
	readOutbox,
	writeOutbox,
} from "../shared/offline/outboxStorage";
import { queuedCompletions, sendQueuedCompletions } from "./completionOutbox";
import { moveJob, type StatusMoved, type TechnicianJob, type TechnicianMove } from "./technicianApi";

/**
 * Status moves a technician made without a connection (shared/offline/outboxStorage), each with
 * its own Idempotency-Key, sent in the order they were made once the connection is back. The
 * server applies a key once and answers a repeat with the first move, so a move whose answer was
 * lost can be sent again; a move the server refuses (the dispatcher reassigned or cancelled the
 * job meanwhile) is dropped with the moves after it for that job, and the technician told why.
 */
export type QueuedMove = {
	key: string;
	jobId: string;
	status: TechnicianMove;
	/** For a pause: what the customer reads. */
	message: string | null;
	queuedAt: number;
};

/** A move the server would not make, shown on its job until the technician moves it again. */
export type RefusedMove = { status: TechnicianMove; reason: string };

/** While moves wait, how often to try again without an `online` event (a van between cell towers). */
const RETRY_EVERY_MS = 15_000;

const MOVES: readonly string[] = ["en_route", "in_progress", "paused", "completed"];
const isMove = (value: unknown): value is TechnicianMove =>
	typeof value === "string" && MOVES.includes(value);

function parseMove(raw: unknown): QueuedMove | null {
	if (typeof raw !== "object" || raw === null) return null;
	const { key, jobId, status, message, queuedAt } = raw as Record<string, unknown>;
	if (typeof key !== "string" || typeof jobId !== "string" || !isMove(status)) return null;
	if (typeof queuedAt !== "number") return null;
	return { key, jobId, status, message: typeof message === "string" ? message : null, queuedAt };
}

/** The technician's moves waiting to be sent, oldest first. */
export function queuedMoves(owner: OutboxOwner): QueuedMove[] {
	return readOutbox(owner, parseMove);
}

/** Refused moves by job id, for the session of this page. */
export const refusedMoves = signal<ReadonlyMap<string, RefusedMove>>(new Map());

function noteRefusal(jobId: string, refusal: RefusedMove | null): void {
	const next = new Map(refusedMoves.peek());
	if (refusal) next.set(jobId, refusal);
	else next.delete(jobId);
	refusedMoves.value = next;
}

/** True when the move did not reach the server and may be sent again under its key. */
const notThrough = (err: unknown) => err instanceof ApiError && (err.code === "network" || err.status >= 500);

export type MoveOutcome = { sent: StatusMoved } | { queued: QueuedMove };

/**
 * Makes a move now when nothing is waiting before it, else — or when the connection is gone —
 * queues it behind the others. Throws ApiError for a move the server refuses while online
 * (shown beside the form, as before).
 */
export async function makeMove(
	owner: OutboxOwner,
	jobId: string,
	status: TechnicianMove,
	message: string | null,
): Promise<MoveOutcome> {
	noteRefusal(jobId, null);
	const move: QueuedMove = { key: crypto.randomUUID(), jobId, status, message, queuedAt: Date.now() };
	const queue = () => {
		if (!writeOutbox(owner, [...queuedMoves(owner), move])) return false;
		void sendQueuedMoves(owner).catch(() => undefined);
		return true;
	};
	if (queuedMoves(owner).length > 0 || !mayBeOnline()) {
		if (queue()) return { queued: move };
	}
	try {
		return { sent: await moveJob(owner.slug, jobId, status, message ?? undefined, move.key) };
	} catch (err) {
		if (notThrough(err) && queue()) return { queued: move };
		throw err;
	}
}

export type SendOutcome = "done" | "offline" | "signed_out";

async function sendInOrder(owner: OutboxOwner, onRefused: () => void): Promise<SendOutcome> {
	for (;;) {
		// Read again each time: the technician may have queued another move meanwhile.
		const [next, ...later] = queuedMoves(owner);
		if (!next) {
			// Then the completions, each made from the status its job's moves set.
			const sent = await sendQueuedCompletions(owner, (jobId) =>
				queuedMoves(owner).some((m) => m.jobId === jobId),
			);
			for (const r of sent.refused) noteRefusal(r.jobId, { status: "completed", reason: r.reason });
			if (sent.refused.length) onRefused();
			return sent.outcome;
		}
		if (!mayBeOnline()) return "offline";
		try {
			await moveJob(owner.slug, next.jobId, next.status, next.message ?? undefined, next.key);
			writeOutbox(
				owner,
				queuedMoves(owner).filter((m) => m.key !== next.key),
			);
		} catch (err) {
			if (notThrough(err)) return "offline";
			if (err instanceof ApiError && err.status === 401) return "signed_out";
			// The moves after it on this job were made from the status it would have set.
			const reason = err instanceof ApiError ? err.message : String(err);
			const dropped = new Set([next.key, ...later.filter((m) => m.jobId === next.jobId).map((m) => m.key)]);
			writeOutbox(
				owner,
				queuedMoves(owner).filter((m) => !dropped.has(m.key)),
			);
			noteRefusal(next.jobId, { status: next.status, reason });
			onRefused();
		}
	}
}

let running: Promise<SendOutcome> | null = null;
const refusedListeners = new Set<() => void>();

/** Sends the queued moves in order, once at a time in this tab and across tabs. */
export function sendQueuedMoves(owner: OutboxOwner): Promise<SendOutcome> {
	running ??= oneTabAtATime(owner, () =>
		sendInOrder(owner, () => {
			for (const listener of refusedListeners) listener();
		}),
	).finally(() => {
		running = null;
	});
	return running;
}

/** The signed-in technician's outbox, or null while nobody is signed in. */
export function useTechnicianOutbox(slug: string): OutboxOwner | null {
	const session = useSession("t", slug);
	const personId = session.state.status === "signed-in" ? session.state.me.id : null;
	// Reading the signal re-renders the caller whenever the outbox changes.
	outboxChanged.value;
	return personId ? { area: "t", slug, personId } : null;
}

/**
 * Keeps sending the technician's queued moves while the page is open: now, when the browser is
 * back online, and every RETRY_EVERY_MS while any wait. `onRefused` runs when the server refused
 * one (the page reloads the jobs to show where they really are).
 */
export function useSendQueuedMoves(slug: string, onRefused: () => void): void {
	const session = useSession("t", slug);
	const personId = session.state.status === "signed-in" ? session.state.me.id : null;
	useEffect(() => {
		if (!personId) return;
		const owner: OutboxOwner = { area: "t", slug, personId };
		const send = () => {
			if (queuedMoves(owner).length === 0 && queuedCompletions(owner).length === 0) return;
			void sendQueuedMoves(owner)
				.then((outcome) => {
					if (outcome === "signed_out") void session.refresh();
				})
				.catch((err: unknown) => console.error("queued moves not sent", { err: String(err) }));
		};
		refusedListeners.add(onRefused);
		send();
		window.addEventListener("online", send);
		const timer = setInterval(send, RETRY_EVERY_MS);
		return () => {
			refusedListeners.delete(onRefused);
			window.removeEventListener("online", send);
			clearInterval(timer);
		};
	}, [slug, personId, onRefused]);
}

/** Today's jobs as the technician left them: each job in the status of its last queued move or completion. */
export function withQueuedMoves(
	jobs: TechnicianJob[],
	moves: QueuedMove[],
	completions: ReadonlyArray<{ jobId: string; body: { outcome: string } }> = [],
): TechnicianJob[] {
	return jobs.map((job) => {
		const done = completions.find((c) => c.jobId === job.id);
		if (done)
			return {
				...job,
				status: done.body.outcome === "completed" ? "completed" : "unassigned",
				pausedMessage: null,
			};
		const last = moves.filter((m) => m.jobId === job.id).at(-1);
		if (!last) return job;
		return { ...job, status: last.status, pausedMessage: last.status === "paused" ? last.message : null };
	});
}
