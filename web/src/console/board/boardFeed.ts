import { signal } from "@preact/signals";
import type { z } from "zod";
import type {
	BoardSchema,
	BoardTechnicianSchema,
	TechnicianPositionSchema,
} from "../../../../workers/contracts/board";
import { type BoardJob, BoardMessage } from "../../../../workers/contracts/live-messages";
import { apiFetch } from "../../shared/api";
import { reconnectDelay } from "../../shared/live/reconnect";
import { staffPath } from "../consoleApi";

export type { BoardJob };
export type BoardTechnician = z.infer<typeof BoardTechnicianSchema>;
export type TechnicianPosition = z.infer<typeof TechnicianPositionSchema>;
type BoardSnapshot = z.infer<typeof BoardSchema>;

export type Connection =
	| { state: "connecting" }
	| { state: "live" }
	| { state: "reconnecting"; retryAt: number }
	/** The server closed the board for good (signed out, access ended). */
	| { state: "ended"; reason: string };

/** The console pings this often; a socket silent for twice as long is dead even if the browser thinks not. */
const PING_MS = 25_000;
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
	readonly connection = signal<Connection>({ state: "connecting" });
	readonly loaded = signal(false);
	readonly loadError = signal<string | null>(null);
	/** The latest job a customer booked while the board was open, for the announcement. */
	readonly newBooking = signal<BoardJob | null>(null);

	private seq = 0;
	private socket: WebSocket | null = null;
	private attempt = 0;
	private users = 0;
	private running = false;
	private retryTimer: ReturnType<typeof setTimeout> | undefined;
	private releaseTimer: ReturnType<typeof setTimeout> | undefined;
	private pingTimer: ReturnType<typeof setInterval> | undefined;
	private lastHeard = 0;

	constructor(
		private readonly slug: string,
		/** Called when the socket suggests the session may have ended; the page re-checks it. */
		private readonly onSessionDoubt: () => void,
	) {}

	/** A page starts using the board; call the answer when it stops. */
	acquire(): () => void {
		this.users++;
		clearTimeout(this.releaseTimer);
		if (!this.running) this.start();
		let released = false;
		return () => {
			if (released) return;
			released = true;
			if (--this.users > 0) return;
			this.releaseTimer = setTimeout(() => this.stop(), RELEASE_GRACE_MS);
		};
	}

	/** Puts a job the API answered (after an assign) on the board before its event arrives. */
	upsertJob(job: BoardJob): void {
		const next = new Map(this.jobs.value);
		next.set(job.id, job);
		this.jobs.value = next;
	}

	private start() {
		this.running = true;
		window.addEventListener("online", this.reconnectNow);
		void this.loadThenConnect();
	}

	private stop() {
		this.running = false;
		window.removeEventListener("online", this.reconnectNow);
		clearTimeout(this.retryTimer);
		clearInterval(this.pingTimer);
		const socket = this.socket;
		this.socket = null;
		socket?.close(1000, "board closed");
		this.connection.value = { state: "connecting" };
	}

	private async loadThenConnect() {
		try {
			const board = await apiFetch<BoardSnapshot>(staffPath(this.slug, "/board"));
			if (!this.running) return;
			this.seq = board.seq;
			this.jobs.value = new Map(board.jobs.map((j) => [j.id, j]));
			this.technicians.value = board.technicians;
			this.positions.value = new Map(board.positions.map((p) => [p.technicianId, p]));
			this.unread.value = board.unreadAlerts;
			this.loaded.value = true;
			this.loadError.value = null;
			this.connect();
		} catch (err) {
			if (!this.running) return;
			this.loadError.value = err instanceof Error ? err.message : String(err);
			this.onSessionDoubt();
			this.scheduleRetry(() => void this.loadThenConnect());
		}
	}

	private connect() {
		if (!this.running) return;
		const scheme = location.protocol === "https:" ? "wss" : "ws";
		const url = `${scheme}://${location.host}${staffPath(this.slug, `/board/live?since=${this.seq}`)}`;
		const socket = new WebSocket(url);
		this.socket = socket;
		this.connection.value = this.attempt === 0 ? { state: "connecting" } : this.connection.value;
		this.lastHeard = Date.now();
		socket.addEventListener("message", (event) => {
			if (socket !== this.socket) return;
			this.lastHeard = Date.now();
			if (typeof event.data === "string" && event.data.startsWith("{")) this.receive(event.data);
		});
		socket.addEventListener("close", (event) => {
			if (socket !== this.socket) return;
			this.socket = null;
			clearInterval(this.pingTimer);
			if (event.code === SESSION_ENDED) {
				this.connection.value = { state: "ended", reason: event.reason || "Your session ended." };
				this.onSessionDoubt();
				return;
			}
			// Refused upgrades (signed out meanwhile) look like any other drop from here.
			this.onSessionDoubt();
			this.scheduleRetry(() => this.connect());
		});
		clearInterval(this.pingTimer);
		this.pingTimer = setInterval(() => {
			if (Date.now() - this.lastHeard > 2 * PING_MS) socket.close(4000, "no answer");
			else if (socket.readyState === WebSocket.OPEN) socket.send("ping");
		}, PING_MS);
	}

	private receive(text: string) {
		let raw: unknown;
		try {
			raw = JSON.parse(text);
		} catch {
			return;
		}
		const parsed = BoardMessage.safeParse(raw);
		if (!parsed.success) return;
		const message = parsed.data;
		switch (message.type) {
			case "hello":
				this.seq = Math.max(this.seq, message.seq);
				this.attempt = 0;
				this.connection.value = { state: "live" };
				return;
			case "resync":
				// Missed more than the gate keeps: start over from a fresh snapshot.
				this.socket?.close(1000, "resync");
				this.socket = null;
				void this.loadThenConnect();
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

	private scheduleRetry(action: () => void) {
		if (!this.running) return;
		const delay = reconnectDelay(this.attempt++);
		this.connection.value = { state: "reconnecting", retryAt: Date.now() + delay };
		clearTimeout(this.retryTimer);
		this.retryTimer = setTimeout(action, delay);
	}

	/** Back online: try now instead of waiting out the backoff. */
	private readonly reconnectNow = () => {
		if (!this.running || this.socket || this.connection.value.state !== "reconnecting") return;
		clearTimeout(this.retryTimer);
		if (this.loaded.value) this.connect();
		else void this.loadThenConnect();
	};
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
