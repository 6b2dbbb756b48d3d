import { DurableObject } from "cloudflare:workers";
import { ACCESS_HEADERS } from "../contracts/access";
import { type BoardEvent, BoardMessage, PositionFix } from "../contracts/live-messages";
import { billedEnv, countBillable, isMetered } from "../dev/billable-usage";
import { bookInGate, type GateBooked, type GateBooking } from "../domain/jobs/gate-booking";
import {
	IDEMPOTENCY_RETENTION_MS,
	type IdempotencyClaim,
	IN_FLIGHT_TAKEOVER_MS,
} from "../domain/jobs/idempotency";
import { LONGEST_WINDOW_MS, type SendLimit, waitBeforeNextSend } from "../domain/sign-in/send-limits";
import { openShard, shardBinding } from "../shards";
import { abortInDevelopment, answerClose, guarded, socketFailed } from "./guarded";

/** How many board events a reconnecting console can catch up on before it must reload. */
const BOARD_LOG_SIZE = 500;

export type BoardSocket = { staffId: string; sessionHash: string };

export type SendClaim = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** One API request counted: how many are left in the window and when it frees up. */
export type RateClaim =
	| { allowed: true; remaining: number; resetSeconds: number }
	| { allowed: false; remaining: 0; resetSeconds: number; retryAfterSeconds: number };

/**
 * One per tenant (`idFromName(tenantId)`): send rate limits, booking idempotency
 * and the dispatcher board fan-out all serialize through it. State lives in the
 * object's SQLite storage, so eviction loses nothing.
 */
export class TenantGate extends DurableObject<Env> {
	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, billedEnv(env));
		this.ctx.storage.sql.exec(
			`CREATE TABLE IF NOT EXISTS send_events (bucket TEXT NOT NULL, at INTEGER NOT NULL);
			 CREATE INDEX IF NOT EXISTS send_events_bucket_at ON send_events (bucket, at);
			 CREATE TABLE IF NOT EXISTS idempotency_keys (
			   scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
			   state TEXT NOT NULL, status INTEGER, body TEXT, claimed_at INTEGER NOT NULL,
			   PRIMARY KEY (scope, key));
			 CREATE INDEX IF NOT EXISTS idempotency_keys_claimed ON idempotency_keys (claimed_at);
			 CREATE TABLE IF NOT EXISTS board_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
			 CREATE TABLE IF NOT EXISTS technician_positions (
			   technician_id TEXT PRIMARY KEY, job_id TEXT NOT NULL, position TEXT NOT NULL);`,
		);
	}

	/** What every log line of this gate carries. */
	private context(extra: Record<string, unknown> = {}) {
		return { tenantId: this.ctx.id.name, ...extra };
	}

	/**
	 * Round trip with no work, the baseline the booking benchmark is measured against; it
	 * exists only in development (`npm start`, the tests, the benchmark), like `/dev/*`.
	 */
	async noop(): Promise<number> {
		return guarded("TenantGate:noop", this.context(), () => {
			if (this.env.ENVIRONMENT !== "development") throw new Error("noop exists only in development");
			return Date.now();
		});
	}

	/** Resets the object as an eviction would (development only): see `abortInDevelopment`. */
	async evict(): Promise<never> {
		abortInDevelopment(this.ctx, this.env);
	}

	/**
	 * Counts one sign-in email against every limit, or refuses with the wait until all
	 * would allow it. Check and record run without an await between them, so two
	 * concurrent claims can never both take the last slot.
	 */
	async claimSend(limits: SendLimit[], now = Date.now()): Promise<SendClaim> {
		return guarded("TenantGate:claimSend", this.context({ buckets: limits.map((l) => l.bucket) }), () => {
			const sql = this.ctx.storage.sql;
			sql.exec("DELETE FROM send_events WHERE at <= ?", now - LONGEST_WINDOW_MS);
			let waitMs = 0;
			for (const limit of limits) {
				const recent = sql
					.exec<{ at: number }>(
						"SELECT at FROM send_events WHERE bucket = ? AND at > ?",
						limit.bucket,
						now - limit.windowMs,
					)
					.toArray()
					.map((r) => r.at);
				waitMs = Math.max(waitMs, waitBeforeNextSend(limit, recent, now));
			}
			if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
			for (const bucket of new Set(limits.map((l) => l.bucket))) {
				sql.exec("INSERT INTO send_events (bucket, at) VALUES (?, ?)", bucket, now);
			}
			return { allowed: true };
		});
	}

	/**
	 * Counts one API request of a key against its per-minute limit (the same sliding-window
	 * ledger as the send limits, bucket `api:<keyId>`), answering what the RateLimit headers say.
	 * Check and record run without an await between them, so concurrent requests never overshoot.
	 */
	async claimRate(limit: SendLimit, now = Date.now()): Promise<RateClaim> {
		return guarded("TenantGate:claimRate", this.context({ bucket: limit.bucket }), () => {
			const sql = this.ctx.storage.sql;
			sql.exec("DELETE FROM send_events WHERE at <= ?", now - LONGEST_WINDOW_MS);
			const recent = sql
				.exec<{ at: number }>(
					"SELECT at FROM send_events WHERE bucket = ? AND at > ? ORDER BY at",
					limit.bucket,
					now - limit.windowMs,
				)
				.toArray()
				.map((r) => r.at);
			const waitMs = waitBeforeNextSend(limit, recent, now);
			const oldest = recent[0] ?? now;
			const resetSeconds = Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
			if (waitMs > 0) {
				return { allowed: false, remaining: 0, resetSeconds, retryAfterSeconds: Math.ceil(waitMs / 1000) };
			}
			sql.exec("INSERT INTO send_events (bucket, at) VALUES (?, ?)", limit.bucket, now);
			return { allowed: true, remaining: limit.max - recent.length - 1, resetSeconds };
		});
	}

	/**
	 * Claims an idempotency key for one request before it does any work. The read and the
	 * write happen with no await between them, so of concurrent requests with one key exactly
	 * one is "claimed"; the others see "in_flight", "mismatch" or, once it finished, "replay".
	 */
	async claimIdempotencyKey(
		scope: string,
		key: string,
		fingerprint: string,
		now = Date.now(),
	): Promise<IdempotencyClaim> {
		return guarded("TenantGate:claimIdempotencyKey", this.context({ scope }), () => {
			const sql = this.ctx.storage.sql;
			sql.exec("DELETE FROM idempotency_keys WHERE claimed_at < ?", now - IDEMPOTENCY_RETENTION_MS);
			const existing = sql
				.exec<{
					fingerprint: string;
					state: string;
					status: number | null;
					body: string | null;
					claimed_at: number;
				}>(
					"SELECT fingerprint, state, status, body, claimed_at FROM idempotency_keys WHERE scope = ? AND key = ?",
					scope,
					key,
				)
				.toArray()[0];
			if (existing) {
				if (existing.fingerprint !== fingerprint) return { outcome: "mismatch" };
				if (existing.state === "completed") {
					return { outcome: "replay", status: existing.status ?? 200, body: existing.body ?? "" };
				}
				if (now - existing.claimed_at < IN_FLIGHT_TAKEOVER_MS) return { outcome: "in_flight" };
			}
			sql.exec(
				`INSERT INTO idempotency_keys (scope, key, fingerprint, state, claimed_at) VALUES (?, ?, ?, 'in_flight', ?)
				 ON CONFLICT (scope, key) DO UPDATE SET state = 'in_flight', claimed_at = excluded.claimed_at`,
				scope,
				key,
				fingerprint,
				now,
			);
			return { outcome: "claimed" };
		});
	}

	/** Records the answer of a claimed key, to be replayed to every retry. */
	async completeIdempotencyKey(
		scope: string,
		key: string,
		status: number,
		body: string,
		/** Board events of the booking, fanned out in this same call: two RPCs per booking, not four. */
		publish: BoardEvent[] = [],
	): Promise<void> {
		return guarded("TenantGate:completeIdempotencyKey", this.context({ scope, status }), async () => {
			this.ctx.storage.sql.exec(
				"UPDATE idempotency_keys SET state = 'completed', status = ?, body = ? WHERE scope = ? AND key = ?",
				status,
				body,
				scope,
				key,
			);
			// Logged by publishBoard; a board that missed it catches up on reconnect. Never fails the booking.
			for (const event of publish) await this.publishBoard(event).catch(() => undefined);
		});
	}

	/**
	 * A portal booking in one call (see `bookInGate`): the claim, the booking's atomic D1 batch
	 * through this object's own binding, the recorded answer and the boards told. The gate is
	 * not held while D1 answers: other calls run meanwhile, and the claim's check and record
	 * still have no await between them.
	 */
	async book(request: GateBooking): Promise<GateBooked> {
		return guarded("TenantGate:book", this.context({ shard: request.shard }), () =>
			bookInGate(this, (shard) => this.primarySession(shard), request),
		);
	}

	/** A client on the primary of `shard`, and the bookmark it has reached. */
	private primarySession(shard: number) {
		const binding = shardBinding(this.env, shard);
		if (!binding) throw new Error(`No D1 binding DB_${shard}.`);
		const session = binding.withSession("first-primary");
		return { db: openShard(this.env, shard, session), bookmark: () => session.getBookmark() };
	}

	/** Forgets a claim whose request failed, so a retry with the same key can succeed. */
	async releaseIdempotencyKey(scope: string, key: string): Promise<void> {
		return guarded("TenantGate:releaseIdempotencyKey", this.context({ scope }), () => {
			this.ctx.storage.sql.exec(
				"DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND state = 'in_flight'",
				scope,
				key,
			);
		});
	}

	/**
	 * WebSocket upgrades for the dispatcher board, already authenticated by the Worker,
	 * which passes who it is in headers. `?since=N` replays the events after N.
	 */
	override async fetch(request: Request): Promise<Response> {
		return guarded("TenantGate:fetch", this.context({ url: request.url }), () => {
			const person = request.headers.get(ACCESS_HEADERS.person);
			if (person) return this.acceptAccessSocket(request, person);
			const staffId = request.headers.get("X-Staff-Id");
			const sessionHash = request.headers.get("X-Session-Hash");
			if (request.headers.get("Upgrade") !== "websocket" || !staffId || !sessionHash) {
				return new Response("expected an authenticated WebSocket upgrade", { status: 400 });
			}
			const since = Number(new URL(request.url).searchParams.get("since") ?? Number.NaN);
			const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
			this.ctx.acceptWebSocket(server, ["board", `staff:${staffId}`, `session:${sessionHash}`]);
			server.serializeAttachment({ staffId, sessionHash } satisfies BoardSocket);
			for (const message of this.catchUp(since)) server.send(JSON.stringify(message));
			return new Response(null, { status: 101, webSocket: client });
		});
	}

	/**
	 * An "access" socket: one light socket per open page of any app, tagged by person and
	 * session, that only ever hears `access_ended` (see `endAccess`). Hibernates between pings.
	 */
	private acceptAccessSocket(request: Request, person: string): Response {
		const sessionHash = request.headers.get(ACCESS_HEADERS.sessionHash);
		if (request.headers.get("Upgrade") !== "websocket" || !sessionHash) {
			return new Response("expected an authenticated WebSocket upgrade", { status: 400 });
		}
		const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
		this.ctx.acceptWebSocket(server, ["access", person, `session:${sessionHash}`]);
		server.serializeAttachment({ person, sessionHash });
		server.send(JSON.stringify({ type: "hello" }));
		return new Response(null, { status: 101, webSocket: client });
	}

	/**
	 * Tells every access socket tagged `tag` (a person) that their access ended, sparing those
	 * tagged `exceptTag` (the browser that signed out everywhere), and closes them. Board
	 * sockets of the same session are closed by the caller, as before.
	 */
	async endAccess(tag: string, frame: string, exceptTag?: string): Promise<number> {
		return guarded("TenantGate:endAccess", this.context({ tag }), () => {
			const spared = new Set(exceptTag ? this.ctx.getWebSockets(exceptTag) : []);
			let told = 0;
			for (const ws of this.ctx.getWebSockets(tag)) {
				if (spared.has(ws) || !this.ctx.getTags(ws).includes("access")) continue;
				try {
					ws.send(frame);
					ws.close(4003, "access ended");
					told++;
				} catch {
					// Closing already.
				}
			}
			return told;
		});
	}

	private currentSeq(): number {
		return (
			this.ctx.storage.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM board_events").one()
				.seq ?? 0
		);
	}

	/** The number of the latest board event; a console loading the board reconnects from it. */
	async boardSeq(): Promise<number> {
		return guarded("TenantGate:boardSeq", this.context(), () => this.currentSeq());
	}

	/** What a (re)connecting console needs: the missed events, or a resync when too many were missed. */
	private catchUp(since: number): BoardMessage[] {
		const seq = this.currentSeq();
		if (!Number.isInteger(since) || since >= seq) return [{ type: "hello", seq }];
		const oldest =
			this.ctx.storage.sql.exec<{ seq: number | null }>("SELECT min(seq) AS seq FROM board_events").one()
				.seq ?? seq;
		if (since < oldest - 1) return [{ type: "resync", seq }];
		const missed = this.ctx.storage.sql
			.exec<{ body: string }>("SELECT body FROM board_events WHERE seq > ? ORDER BY seq", since)
			.toArray()
			.map((r) => BoardMessage.parse(JSON.parse(r.body)));
		return [...missed, { type: "hello", seq }];
	}

	/**
	 * Sends an event to every open board. Job and alert events are numbered and kept for
	 * catch-up; positions are not (the next one supersedes them) but the latest per
	 * technician is kept for consoles that load later.
	 */
	async publishBoard(event: BoardEvent): Promise<number> {
		return guarded("TenantGate:publishBoard", this.context({ type: event.type }), () => {
			const sql = this.ctx.storage.sql;
			let message: BoardMessage;
			if (event.type === "position") {
				sql.exec(
					"INSERT INTO technician_positions (technician_id, job_id, position) VALUES (?, ?, ?) ON CONFLICT (technician_id) DO UPDATE SET job_id = excluded.job_id, position = excluded.position",
					event.technicianId,
					event.jobId,
					JSON.stringify(event.position),
				);
				message = { ...event, seq: this.currentSeq() };
			} else {
				const seq = sql
					.exec<{ seq: number }>("INSERT INTO board_events (body) VALUES ('') RETURNING seq")
					.one().seq;
				message = { ...event, seq };
				sql.exec("UPDATE board_events SET body = ? WHERE seq = ?", JSON.stringify(message), seq);
				sql.exec("DELETE FROM board_events WHERE seq <= ?", seq - BOARD_LOG_SIZE);
			}
			const text = JSON.stringify(message);
			for (const ws of this.ctx.getWebSockets("board")) {
				try {
					ws.send(text);
				} catch {
					// A socket closing right now; its close handler cleans up.
				}
			}
			return message.seq;
		});
	}

	/** The latest position of each technician, for a board that is loading. */
	async boardPositions(): Promise<Array<{ technicianId: string; jobId: string; position: PositionFix }>> {
		return guarded("TenantGate:boardPositions", this.context(), () =>
			this.ctx.storage.sql
				.exec<{ technician_id: string; job_id: string; position: string }>(
					"SELECT technician_id, job_id, position FROM technician_positions",
				)
				.toArray()
				.map((r) => ({
					technicianId: r.technician_id,
					jobId: r.job_id,
					position: PositionFix.parse(JSON.parse(r.position)),
				})),
		);
	}

	/** Forgets a technician's position once they stop sharing it (job started, paused or done). */
	async clearPosition(technicianId: string): Promise<void> {
		return guarded("TenantGate:clearPosition", this.context({ technicianId }), () => {
			this.ctx.storage.sql.exec("DELETE FROM technician_positions WHERE technician_id = ?", technicianId);
		});
	}

	/** Closes the board sockets carrying a tag (`session:<hash>` at sign-out, `staff:<id>`). */
	async closeSockets(tag: string, reason: string): Promise<number> {
		return guarded("TenantGate:closeSockets", this.context({ tag }), () => {
			const sockets = this.ctx.getWebSockets(tag);
			for (const ws of sockets) ws.close(4001, reason);
			return sockets.length;
		});
	}

	override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
		if (isMetered(this.env)) countBillable("webSocketMessagesIn");
		return guarded(
			"TenantGate:webSocketMessage",
			() => this.context({ socket: ws.deserializeAttachment() }),
			() => {
				// Consoles only ever send keep-alive pings.
				if (message === "ping") ws.send("pong");
			},
			ws,
		);
	}

	override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
		return answerClose("TenantGate:webSocketClose", this.context({ code, reason }), ws, code, reason);
	}

	override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
		return socketFailed(
			"TenantGate:webSocketError",
			() => this.context({ socket: ws.deserializeAttachment() }),
			ws,
			error,
		);
	}
}
