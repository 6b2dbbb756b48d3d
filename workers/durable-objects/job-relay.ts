import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import { configuredOrigin } from "../app-origin";
import { type JobStatus, PositionFix, type RelayMessage } from "../contracts/live-messages";
import { RELAY_ROLES, RelayConfig, RelayRole, RelayVisitor, VISITOR_HEADERS } from "../contracts/relay";
import type { Db } from "../db";
import { billedEnv, countBillable, isMetered } from "../dev/billable-usage";
import { FINISHED_STATUSES } from "../domain/jobs/job-edits";
import { estimateEta } from "../domain/live/eta";
import { judgeFrame, MAX_STRIKES } from "../domain/live/position-frames";
import {
	arrivingSoonMinutes,
	MAX_ARRIVING_SOON_MINUTES,
	recordArrivingSoon,
} from "../domain/notifications/arriving";
import { noticeLog } from "../domain/notifications/record";
import { tenantGate } from "../live/channels";
import { enqueueNotifications } from "../queues/notification-queue";
import { openShard, shardOfTenant } from "../shards";
import { abortInDevelopment, answerClose, guarded, socketFailed } from "./guarded";

const Attachment = z.object({
	role: RelayRole,
	subjectId: z.string().nullable(),
	strikes: z.number().int(),
	/** The socket's frame pace (`judgeFrame`); sockets opened before it existed start afresh. */
	paceAt: z.number().default(0),
});
type Attachment = z.infer<typeof Attachment>;

/**
 * How long an ended job's relay keeps its breadcrumbs before the alarm deletes them: long enough
 * for a dispute about a delivery that week to be checked against the trail, short enough that a
 * technician's movements are not kept once nobody has a reason to look.
 */
export const ENDED_RELAY_RETENTION_MS = 7 * 24 * 60 * 60_000;

/** Close code telling a live view the session is over and not to reconnect (the web app's `SESSION_ENDED_CODE`). */
const NO_RECONNECT_CODE = 4003;

/** Kept for ETA smoothing and for late joiners; older fixes are dropped. */
const BREADCRUMB_SIZE = 200;
const ETA_WINDOW = 6;

/**
 * How long a relay trusts the tenant's "arriving soon" threshold it read from D1 before reading
 * it again: a change of the setting reaches a job already on its way within this time.
 */
export const ARRIVING_SETTINGS_TTL_MS = 5 * 60_000;

/** The newest fan-out times a relay keeps for the benchmark's probe (development only). */
const FAN_OUT_SAMPLES = 1000;
type FanOutTimes = { sendMs: number[]; turnMs: number[] };

/** Customers and anonymous links see the van only while it is on its way to them. */
const maySeePosition = (role: RelayRole, status: JobStatus) =>
	role === "staff" || ((role === "customer" || role === "tracking") && status === "en_route");

/**
 * One per active job (`idFromName(jobId)`): the assigned technician's phone publishes fixes,
 * customers, tracking links and dispatchers watch. Hibernating WebSockets; everything that
 * matters is in SQLite storage or the sockets' attachments, so eviction loses nothing.
 */
export class JobRelay extends DurableObject<Env> {
	constructor(ctx: DurableObjectState, env: Env) {
		super(ctx, billedEnv(env));
	}

	/**
	 * Tables are created on first use, not in the constructor, so a relay whose storage the
	 * alarm deleted stays empty when something merely wakes it.
	 */
	private tablesReady = false;

	private get sql(): SqlStorage {
		const sql = this.ctx.storage.sql;
		if (!this.tablesReady) {
			sql.exec(
				`CREATE TABLE IF NOT EXISTS relay_state (
				   id INTEGER PRIMARY KEY CHECK (id = 1), config TEXT NOT NULL);
				 CREATE TABLE IF NOT EXISTS breadcrumb (seq INTEGER PRIMARY KEY AUTOINCREMENT, fix TEXT NOT NULL);`,
			);
			this.tablesReady = true;
		}
		return sql;
	}

	/** Set once "arriving soon" is recorded (D1's once-only key is the guarantee; this spares the reads). */
	private arrivingRecorded = false;

	/**
	 * The job's state and its newest fixes (at most `ETA_WINDOW`, oldest first) as last read or
	 * written; `undefined` until read from storage, as after a wake from hibernation. Storage stays
	 * the record: these spare each fix two reads and their parsing.
	 */
	private configMemo: RelayConfig | null | undefined;
	private recentMemo: PositionFix[] | undefined;

	/** The tenant's "arriving soon" threshold in minutes (null: no such tenant) and until when it holds. */
	private arrivingThreshold: { minutes: number | null; until: number } | null = null;

	/**
	 * Development only, for the benchmark: milliseconds from a fix's arrival to its last send, and
	 * to the relay's next timer turn (after the runtime has done what the event left it to do).
	 */
	private fanOut: FanOutTimes = { sendMs: [], turnMs: [] };

	/** The threshold, from memory while fresh, else from D1 (a failed read is not remembered). */
	private async arrivingMinutes(db: Db, tenantId: string): Promise<number | null> {
		const now = Date.now();
		if (this.arrivingThreshold && this.arrivingThreshold.until > now) return this.arrivingThreshold.minutes;
		const minutes = await arrivingSoonMinutes(db, tenantId);
		this.arrivingThreshold = { minutes, until: now + ARRIVING_SETTINGS_TTL_MS };
		return minutes;
	}

	/** Whether an ETA could be "arriving soon": not when it is over the threshold the relay knows. */
	private mayBeArrivingSoon(etaSeconds: number): boolean {
		if (etaSeconds >= MAX_ARRIVING_SOON_MINUTES * 60) return false;
		const known = this.arrivingThreshold;
		if (!known || known.until <= Date.now()) return true;
		return known.minutes !== null && etaSeconds < known.minutes * 60;
	}

	/** Records "arriving soon" once the ETA first drops under the tenant's threshold; the queue emails it. */
	private async arrivingSoon(config: RelayConfig, etaSeconds: number): Promise<void> {
		try {
			// The relay knows its job's tenant, and so its shard (the directory, cached in the isolate).
			const db = openShard(this.env, await shardOfTenant(this.env, config.tenantId));
			const log = noticeLog(configuredOrigin(this.env));
			const now = Date.now();
			const job = { tenantId: config.tenantId, jobId: config.jobId, etaSeconds };
			if (await recordArrivingSoon(db, log, job, now, (d, id) => this.arrivingMinutes(d, id))) {
				this.arrivingRecorded = true;
				if (log.ids.length) await enqueueNotifications(this.env, db, log.ids, now);
			}
		} catch (err) {
			console.error("JobRelay:arriving soon", this.context({ err: String(err) }));
		}
	}

	/** What every log line of this relay carries. */
	private context(extra: Record<string, unknown> = {}) {
		return { jobId: this.ctx.id.name, ...extra };
	}

	/** Resets the object as an eviction would (development only): see `abortInDevelopment`. */
	async evict(): Promise<never> {
		abortInDevelopment(this.ctx, this.env);
	}

	/** The `at` of every fix kept (development only): the soak reconciles what phones sent against it. */
	async breadcrumbTimes(): Promise<number[]> {
		return guarded("JobRelay:breadcrumbTimes", this.context(), () => {
			if (this.env.ENVIRONMENT !== "development")
				throw new Error("breadcrumbTimes exists only in development");
			return this.sql
				.exec<{ fix: string }>("SELECT fix FROM breadcrumb ORDER BY seq")
				.toArray()
				.map((r) => PositionFix.parse(JSON.parse(r.fix)).at);
		});
	}

	private config(): RelayConfig | null {
		if (this.configMemo === undefined) {
			const row = this.sql
				.exec<{ config: string }>("SELECT config FROM relay_state WHERE id = 1")
				.toArray()[0];
			this.configMemo = row ? RelayConfig.parse(JSON.parse(row.config)) : null;
		}
		return this.configMemo;
	}

	/** The newest fixes, oldest first (at most `ETA_WINDOW`). */
	private recentFixes(): PositionFix[] {
		if (this.recentMemo === undefined) {
			this.recentMemo = this.sql
				.exec<{ fix: string }>("SELECT fix FROM breadcrumb ORDER BY seq DESC LIMIT ?", ETA_WINDOW)
				.toArray()
				.map((r) => PositionFix.parse(JSON.parse(r.fix)))
				.reverse();
		}
		return this.recentMemo;
	}

	/**
	 * Stores the job's state, before every upgrade and at every status change; a changed status
	 * is sent to every watcher (customers then stop or start receiving positions). Once the job
	 * has ended, the alarm that deletes the relay's storage is set.
	 */
	async configure(config: RelayConfig): Promise<void> {
		return guarded("JobRelay:configure", this.context({ status: config.status }), async () => {
			// Refused here, where the Worker hears of it, rather than at the next read.
			const parsed = RelayConfig.parse(config);
			const before = this.config();
			this.sql.exec(
				"INSERT INTO relay_state (id, config) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config",
				JSON.stringify(parsed),
			);
			this.configMemo = parsed;
			if (before && (before.status !== config.status || before.pausedMessage !== config.pausedMessage)) {
				this.broadcast(() => ({
					type: "status",
					status: config.status,
					pausedMessage: config.pausedMessage,
				}));
			}
			if (!FINISHED_STATUSES.has(config.status)) await this.ctx.storage.deleteAlarm();
			// The first end counts: watchers reopening an ended job do not push the deletion back.
			else if ((await this.ctx.storage.getAlarm()) === null) {
				await this.ctx.storage.setAlarm(Date.now() + ENDED_RELAY_RETENTION_MS);
			}
		});
	}

	/**
	 * WebSocket upgrades, authenticated by the Worker, which passes who is connecting in headers
	 * and has configured the relay over RPC just before.
	 */
	override async fetch(request: Request): Promise<Response> {
		return guarded("JobRelay:fetch", this.context(), () => {
			const visitor = RelayVisitor.safeParse({
				upgrade: request.headers.get("Upgrade"),
				role: request.headers.get(VISITOR_HEADERS.role),
				subjectId: request.headers.get(VISITOR_HEADERS.subjectId),
				sessionHash: request.headers.get(VISITOR_HEADERS.sessionHash),
			});
			if (!visitor.success) {
				return new Response("expected an authenticated WebSocket upgrade", { status: 400 });
			}
			const { role, subjectId, sessionHash } = visitor.data;
			const config = this.config();
			if (!config) return new Response("the relay is not configured", { status: 409 });
			// The Worker checks this too; the relay does not take a publisher it was not told about.
			if (role === "technician" && subjectId !== config.technicianId) {
				return new Response("not the job's technician", { status: 403 });
			}
			const tags = [`role:${role}`];
			if (subjectId) tags.push(role === "customer" ? `contact:${subjectId}` : `${role}:${subjectId}`);
			if (sessionHash) tags.push(`session:${sessionHash}`);
			const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
			this.ctx.acceptWebSocket(server, tags);
			server.serializeAttachment({ role, subjectId, strikes: 0, paceAt: 0 } satisfies Attachment);
			server.send(JSON.stringify(this.snapshotFor(role, config)));
			return new Response(null, { status: 101, webSocket: client });
		});
	}

	private snapshotFor(role: RelayRole, config: RelayConfig): RelayMessage {
		const recent = this.recentFixes();
		const visible = maySeePosition(role, config.status) || role === "technician";
		return {
			type: "snapshot",
			status: config.status,
			pausedMessage: config.status === "paused" ? config.pausedMessage : null,
			position: visible ? (recent[recent.length - 1] ?? null) : null,
			eta: visible ? estimateEta(recent, config.destination) : null,
			destination: config.destination,
		};
	}

	/**
	 * Sends each socket what its role may see; `message` returns null to skip a role. Sockets are
	 * found by their role tag and each role's message is serialized once, so a publish to a thousand
	 * watchers costs a thousand sends, not a thousand attachment reads and encodings.
	 */
	private broadcast(message: (role: RelayRole) => RelayMessage | null): number {
		let sent = 0;
		for (const role of RELAY_ROLES) {
			const body = message(role);
			if (!body) continue;
			const encoded = JSON.stringify(body);
			for (const ws of this.ctx.getWebSockets(`role:${role}`)) {
				try {
					ws.send(encoded);
					sent++;
				} catch {
					// closing; its close handler runs next
				}
			}
		}
		return sent;
	}

	override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
		const arrived = Date.now();
		if (isMetered(this.env)) countBillable("webSocketMessagesIn");
		return guarded(
			"JobRelay:webSocketMessage",
			() => this.context({ attachment: ws.deserializeAttachment() }),
			() => this.receive(ws, raw, arrived),
			ws,
		);
	}

	private receive(ws: WebSocket, raw: string | ArrayBuffer, arrived: number): void {
		const attachment = Attachment.parse(ws.deserializeAttachment());
		const config = this.config();
		const verdict = judgeFrame(raw, attachment.paceAt, Date.now());
		if (!verdict.accept && verdict.reason === "ping") {
			ws.send(JSON.stringify({ type: "pong" } satisfies RelayMessage));
			return;
		}
		// Only the assigned technician publishes; anything else they send is a strike.
		const publisher =
			attachment.role === "technician" && config !== null && attachment.subjectId === config.technicianId;
		if (!verdict.accept || !publisher || !config) {
			attachment.strikes++;
			ws.serializeAttachment(attachment);
			if (attachment.strikes >= MAX_STRIKES) ws.close(1008, "too many invalid frames");
			return;
		}
		attachment.paceAt = verdict.paceAt;
		ws.serializeAttachment(attachment);
		this.publish(config, verdict.fixes, arrived);
	}

	/**
	 * Sends the newest fix, with its ETA, to everyone allowed to see it, then records the fixes.
	 * The sends come first: a message sent while a storage write is pending is held by the output
	 * gate until the write is confirmed, so writing first would delay every watcher by a disk
	 * flush. The price: should the relay crash between the sends and the write, watchers saw a
	 * fix the breadcrumb lacks, which a trail that keeps 200 fixes for ETAs and late joiners can
	 * afford.
	 */
	private publish(config: RelayConfig, fixes: PositionFix[], arrived: number): void {
		const position = fixes[fixes.length - 1];
		if (!position) return;
		const recent = [...this.recentFixes(), ...fixes].slice(-ETA_WINDOW);
		const eta = estimateEta(recent, config.destination);
		this.broadcast((role) =>
			maySeePosition(role, config.status) ? { type: "position", position, eta } : null,
		);
		if (this.env.ENVIRONMENT === "development") this.timeFanOut(arrived);
		this.recentMemo = recent;
		const sql = this.sql;
		for (const fix of fixes) sql.exec("INSERT INTO breadcrumb (fix) VALUES (?)", JSON.stringify(fix));
		sql.exec("DELETE FROM breadcrumb WHERE seq <= (SELECT max(seq) FROM breadcrumb) - ?", BREADCRUMB_SIZE);
		if (
			config.status === "en_route" &&
			eta &&
			!this.arrivingRecorded &&
			this.mayBeArrivingSoon(eta.seconds)
		) {
			this.ctx.waitUntil(this.arrivingSoon(config, eta.seconds));
		}
		if (config.technicianId) {
			tenantGate(this.env, config.tenantId)
				.publishBoard({ type: "position", jobId: config.jobId, technicianId: config.technicianId, position })
				.catch((err: unknown) => console.error("JobRelay:publish board", this.context({ err: String(err) })));
		}
	}

	/**
	 * Notes how long the fix took from its arrival to its last send. (Deployed, the runtime's
	 * clock stands still while code runs; workerd in development lets it run, which is where
	 * this is read.)
	 */
	private timeFanOut(arrived: number): void {
		const note = (samples: number[]) => {
			samples.push(Date.now() - arrived);
			if (samples.length > FAN_OUT_SAMPLES) samples.shift();
		};
		note(this.fanOut.sendMs);
		setTimeout(() => note(this.fanOut.turnMs), 0);
	}

	/** Development only (the benchmark's probe): the fan-out times noted since the last call. */
	async takeFanOutTimes(): Promise<FanOutTimes> {
		if (this.env.ENVIRONMENT !== "development") return { sendMs: [], turnMs: [] };
		const taken = this.fanOut;
		this.fanOut = { sendMs: [], turnMs: [] };
		return taken;
	}

	override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
		return answerClose("JobRelay:webSocketClose", this.context({ code, reason }), ws, code, reason);
	}

	override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
		return socketFailed(
			"JobRelay:webSocketError",
			() => this.context({ attachment: ws.deserializeAttachment() }),
			ws,
			error,
		);
	}

	/** Closes the sockets carrying a tag (`contact:<id>` when a customer is blocked, `session:<hash>`). */
	async closeWatchers(tag: string, reason: string): Promise<number> {
		return guarded("JobRelay:closeWatchers", this.context({ tag }), () => {
			const sockets = this.ctx.getWebSockets(tag);
			for (const ws of sockets) ws.close(NO_RECONNECT_CODE, reason);
			return sockets.length;
		});
	}

	/** Set by `configure` once the job ended: forgets the job, its breadcrumbs and its watchers. */
	override async alarm(): Promise<void> {
		if (isMetered(this.env)) countBillable("durableObjectAlarms");
		return guarded("JobRelay:alarm", this.context(), async () => {
			for (const ws of this.ctx.getWebSockets()) {
				try {
					ws.close(NO_RECONNECT_CODE, "the job is over");
				} catch {
					// already closed
				}
			}
			await this.ctx.storage.deleteAll();
			this.tablesReady = false;
			this.configMemo = undefined;
			this.recentMemo = undefined;
		});
	}
}
