import { signal } from "@preact/signals";
import type { z } from "zod";
import type {
	BoardSchema,
	BoardTechnicianSchema,
	TechnicianPositionSchema,
} from "../../../../workers/contracts/board";
import { type BoardJob, BoardMessage } from "../../../../workers/contracts/live-messages";
import { apiFetch } from "../../shared/api";
import {
	openReconnectingSocket,
	type ReconnectingSocket,
	type SocketState,
} from "../../shared/reconnectingSocket";
import { sendJson, staffPath } from "../consoleApi";

export type { BoardJob };
export type BoardTechnician = z.infer<typeof BoardTechnicianSchema>;
export type TechnicianPosition = z.infer<typeof TechnicianPositionSchema>;
type BoardSnapshot = z.infer<typeof BoardSchema>;

/** `closed`: the server closed the board for good (signed out, access ended). */
export type Connection = SocketState;

/** After the last page using the board is gone; a page change in between keeps the socket. */
const RELEASE_GRACE_MS = 5_000;
/** The gate closes a board whose session ended (sign-out, block) with this code. */
const SESSION_ENDED = 4001;

/**
 * The tenant's live board in this tab: the snapshot from `GET /board`, then ONE WebSocket whose
 * events keep it current. After a drop it reconnects by itself with backoff and `?since=` the last
 * event it applied, so the gate replays what it missed (or says `resync`, and the board reloads).
 */
export class BoardFeed {
	readonly jobs = signal<ReadonlyMap<string, BoardJob>>(new Map());
	readonly technicians = signal<BoardTechnician[]>([]);
	readonly positions = signal<ReadonlyMap<string, TechnicianPosition>>(new Map());
	readonly unread = signal(0);
	readonly connection = signal<Connection>({ status: "connecting" });
	readonly loaded = signal(false);
	readonly loadError = signal<string | null>(null);
	/** The latest job a customer booked while the board was open, for the announcement. */
	readonly newBooking = signal<BoardJob | null>(null);

	private seq = 0;
	/** Load `GET /board` before the next connection: at start, and after the gate says `resync`. */
	private needsSnapshot = true;
	private socket: ReconnectingSocket | null = null;
	/** Bumped at each start and stop, so a snapshot that answers after a stop is dropped. */
	private run = 0;
	private users = 0;
	private releaseTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly slug: string,
		/** Called when the socket suggests the session may have ended; the page re-checks it. */
		private readonly onSessionDoubt: () => void,
	) {}

	/** A page starts using the board; call the answer when it stops. */
	acquire(): () => void {
		this.users++;
		clearTimeout(this.releaseTimer);
		if (!this.socket) this.start();
		let released = false;
		return () => {
			if (released) return;
			released = true;
			if (--this.users > 0) return;
			this.releaseTimer = setTimeout(() => this.stop(), RELEASE_GRACE_MS);
		};
	}

	/** Loads the board and connects again now, instead of at the next backoff (the Retry button). */
	retry(): void {
		if (this.socket) this.socket.reconnect();
		else this.start();
	}

	/** Puts a job the API answered (after an assign) on the board before its event arrives. */
	upsertJob(job: BoardJob): void {
		const next = new Map(this.jobs.value);
		next.set(job.id, job);
		this.jobs.value = next;
	}

	private start() {
		this.needsSnapshot = true;
		const run = ++this.run;
		this.socket = openReconnectingSocket({
			// The snapshot is part of each attempt, so a failed load is retried like a failed connect.
			path: async () => {
				if (this.needsSnapshot) await this.loadSnapshot(run);
				return staffPath(this.slug, `/board/live?since=${this.seq}`);
			},
			schema: BoardMessage,
			ping: "ping",
			isGreeting: (message) => message.type === "hello",
			onMessage: (message) => this.receive(message),
			onState: (state) => {
				this.connection.value = state;
				// Refused upgrades (signed out meanwhile) look like any other drop from here.
				if (state.status === "waiting" || state.status === "closed") this.onSessionDoubt();
			},
			shouldReconnect: (code) => code !== SESSION_ENDED,
		});
	}

	private stop() {
		this.run++;
		this.socket?.close();
		this.socket = null;
		this.connection.value = { status: "connecting" };
	}

	private async loadSnapshot(run: number) {
		let board: BoardSnapshot;
		try {
			board = await apiFetch<BoardSnapshot>(staffPath(this.slug, "/board"));
		} catch (err) {
			if (run === this.run) this.loadError.value = err instanceof Error ? err.message : String(err);
			throw err;
		}
		if (run !== this.run) return;
		this.seq = board.seq;
		this.jobs.value = new Map(board.jobs.map((j) => [j.id, j]));
		this.technicians.value = board.technicians;
		this.positions.value = new Map(board.positions.map((p) => [p.technicianId, p]));
		this.unread.value = board.unreadAlerts;
		this.needsSnapshot = false;
		this.loaded.value = true;
		this.loadError.value = null;
	}

	private receive(message: BoardMessage) {
		switch (message.type) {
			case "hello":
				this.seq = Math.max(this.seq, message.seq);
				return;
			case "resync":
				// Missed more than the gate keeps: start over from a fresh snapshot.
				this.needsSnapshot = true;
				this.socket?.reconnect();
				return;
			case "job": {
				if (message.seq <= this.seq) return;
				this.seq = message.seq;
				const known = this.jobs.value.has(message.job.id);
				this.upsertJob(message.job);
				if (!known && message.job.source === "portal") this.newBooking.value = message.job;
				return;
			}
			case "alert":
				if (message.seq <= this.seq) return;
				this.seq = message.seq;
				this.unread.value = message.unread;
				return;
			case "position": {
				const next = new Map(this.positions.value);
				const { technicianId, jobId, position } = message;
				next.set(technicianId, { technicianId, jobId, position });
				this.positions.value = next;
				return;
			}
		}
	}
}

const feeds = new Map<string, BoardFeed>();

/** The one board feed of a tenant in this tab, shared by the board, the nav's unread badge and the map. */
export function boardFeedFor(slug: string, onSessionDoubt: () => void): BoardFeed {
	let feed = feeds.get(slug);
	if (!feed) {
		feed = new BoardFeed(slug, onSessionDoubt);
		feeds.set(slug, feed);
	}
	return feed;
}

/**
 * Assigns (or, with null, unassigns) a job from the board, puts the answer on the board at once
 * and says what happened, for the live region: what the card's form and the keyboard list share.
 */
export async function assignFromBoard(
	slug: string,
	feed: BoardFeed,
	jobId: string,
	technicianId: string | null,
): Promise<{ job: BoardJob; message: string }> {
	const job = await sendJson<BoardJob>(slug, `/jobs/${encodeURIComponent(jobId)}/assign`, "POST", {
		technicianId,
	});
	feed.upsertJob(job);
	const message = job.technicianName
		? `Job #${job.number} assigned to ${job.technicianName}.`
		: `Job #${job.number} is unassigned.`;
	return { job, message };
}
