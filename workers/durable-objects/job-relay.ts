import { DurableObject } from "cloudflare:workers";
import type { JobStatus, PositionFix, RelayMessage } from "../contracts/live-messages";
import { estimateEta } from "../domain/eta";
import type { RelayConfig } from "../domain/live-jobs";
import { judgeFrame, MAX_STRIKES } from "../domain/position-frames";
import { tenantGate } from "../live/channels";
import { guarded } from "./guarded";

/** Who is on the other end of a relay socket. */
const RELAY_ROLES = ["technician", "customer", "staff", "tracking"] as const;
export type RelayRole = (typeof RELAY_ROLES)[number];

export type { RelayConfig } from "../domain/live-jobs";

type Attachment = { role: RelayRole; subjectId: string | null; strikes: number; lastAcceptedAt: number };

/** Kept for ETA smoothing and for late joiners; older fixes are dropped. */
const BREADCRUMB_SIZE = 200;
const ETA_WINDOW = 6;

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
		super(ctx, env);
		this.ctx.storage.sql.exec(
			`CREATE TABLE IF NOT EXISTS relay_state (
			   id INTEGER PRIMARY KEY CHECK (id = 1), config TEXT NOT NULL);
			 CREATE TABLE IF NOT EXISTS breadcrumb (seq INTEGER PRIMARY KEY AUTOINCREMENT, fix TEXT NOT NULL);`,
		);
	}

	private config(): RelayConfig | null {
		const row = this.ctx.storage.sql
			.exec<{ config: string }>("SELECT config FROM relay_state WHERE id = 1")
			.toArray()[0];
		return row ? (JSON.parse(row.config) as RelayConfig) : null;
	}

	private recentFixes(limit: number): PositionFix[] {
		return this.ctx.storage.sql
			.exec<{ fix: string }>("SELECT fix FROM breadcrumb ORDER BY seq DESC LIMIT ?", limit)
			.toArray()
			.map((r) => JSON.parse(r.fix) as PositionFix)
			.reverse();
	}

	/**
	 * Stores the job's state; a changed status is sent to every watcher (customers then stop
	 * or start receiving positions).
	 */
	async configure(config: RelayConfig): Promise<void> {
		return guarded("JobRelay:configure", () => {
			const before = this.config();
			this.ctx.storage.sql.exec(
				"INSERT INTO relay_state (id, config) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config",
				JSON.stringify(config),
			);
			if (before && (before.status !== config.status || before.pausedMessage !== config.pausedMessage)) {
				this.broadcast(() => ({
					type: "status",
					status: config.status,
					pausedMessage: config.pausedMessage,
				}));
			}
		});
	}

	/** Upgrades authenticated by the Worker; who and what ride in headers. */
	override async fetch(request: Request): Promise<Response> {
		return guarded("JobRelay:fetch", () => {
			const role = request.headers.get("X-Relay-Role") as RelayRole | null;
			const configHeader = request.headers.get("X-Relay-Config");
			if (request.headers.get("Upgrade") !== "websocket" || !role || !configHeader) {
				return new Response("expected an authenticated WebSocket upgrade", { status: 400 });
			}
			const config = JSON.parse(configHeader) as RelayConfig;
			this.ctx.storage.sql.exec(
				"INSERT INTO relay_state (id, config) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config",
				JSON.stringify(config),
			);
			const subjectId = request.headers.get("X-Subject-Id");
			const sessionHash = request.headers.get("X-Session-Hash");
			const tags = [`role:${role}`];
			if (subjectId) tags.push(role === "customer" ? `contact:${subjectId}` : `${role}:${subjectId}`);
			if (sessionHash) tags.push(`session:${sessionHash}`);
			const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
			this.ctx.acceptWebSocket(server, tags);
			server.serializeAttachment({ role, subjectId, strikes: 0, lastAcceptedAt: 0 } satisfies Attachment);
			server.send(JSON.stringify(this.snapshotFor(role, config)));
			return new Response(null, { status: 101, webSocket: client });
		});
	}

	private snapshotFor(role: RelayRole, config: RelayConfig): RelayMessage {
		const recent = this.recentFixes(ETA_WINDOW);
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
		return guarded("JobRelay:webSocketMessage", () => {
			const attachment = ws.deserializeAttachment() as Attachment;
			const config = this.config();
			const verdict = judgeFrame(raw, attachment.lastAcceptedAt, Date.now());
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
			attachment.lastAcceptedAt = Date.now();
			ws.serializeAttachment(attachment);
			this.publish(config, verdict.fixes);
		});
	}

	/** Records fixes and sends the newest, with its ETA, to everyone allowed to see it. */
	private publish(config: RelayConfig, fixes: PositionFix[]): void {
		const sql = this.ctx.storage.sql;
		for (const fix of fixes) sql.exec("INSERT INTO breadcrumb (fix) VALUES (?)", JSON.stringify(fix));
		sql.exec("DELETE FROM breadcrumb WHERE seq <= (SELECT max(seq) FROM breadcrumb) - ?", BREADCRUMB_SIZE);
		const position = fixes[fixes.length - 1];
		if (!position) return;
		const eta = estimateEta(this.recentFixes(ETA_WINDOW), config.destination);
		this.broadcast((role) =>
			maySeePosition(role, config.status) ? { type: "position", position, eta } : null,
		);
		if (config.technicianId) {
			tenantGate(this.env, config.tenantId)
				.publishBoard({ type: "position", jobId: config.jobId, technicianId: config.technicianId, position })
				.catch((err: unknown) => console.error("JobRelay:publish board", String(err)));
		}
	}

	override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
		try {
			ws.close(code === 1005 ? 1000 : code, reason);
		} catch {
			// already closed
		}
	}

	/** Closes the sockets carrying a tag (`contact:<id>` when a customer is blocked, `session:<hash>`). */
	async closeWatchers(tag: string, reason: string): Promise<number> {
		return guarded("JobRelay:closeWatchers", () => {
			const sockets = this.ctx.getWebSockets(tag);
			for (const ws of sockets) ws.close(4003, reason);
			return sockets.length;
		});
	}

	/** Round trip with no work, for the benchmark's baseline. */
	async noop(): Promise<number> {
		return Date.now();
	}
}
