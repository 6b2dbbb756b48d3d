// (f) The bill: one day of a 40-job fleet on a local workerd whose bindings are metered
// (BILL_METERING=1, workers/dev/billable-usage.ts), and what Cloudflare would charge for it per
// 1,000 jobs at the published prices (test/bench/prices.ts). Time is compressed — a 30-minute
// trip's 450 fixes are sent in seconds, ten hours of keep-alive pings in a minute — but every
// request, message, row and object operation of the day is made and counted.
import { ACME } from "../../schema/demo/people.ts";
import { PEOPLE, type Person, SLUG } from "./accounts.ts";
import { pickupBooking } from "./bookings.ts";
import type { BenchContext } from "./context.ts";
import {
	DURABLE_OBJECT_GB,
	type Meter,
	PRICES,
	QUEUE_OPERATIONS_PER_MESSAGE,
	WEBSOCKET_MESSAGES_PER_REQUEST,
} from "./prices.ts";
import { type Row, row } from "./report.ts";
import { openSocket } from "./sockets.ts";
import { median, round } from "./stats.ts";

const JOBS = 40;
const PORTAL_BOOKINGS = 30;
const FIXES_PER_TRIP = (30 * 60) / 4;
const TRIPS_AT_ONCE = 8;
const OPEN_HOURS = 10;
/** The apps' keep-alive (web/src/shared/reconnectingSocket.ts KEEPALIVE_MS). */
const KEEPALIVE_S = 25;
const TECHNICIAN = "tec_acme_jordan";
const CONTACT = "con_acme_dana";
const GOAL_USD_PER_1000_JOBS = 0.1;
/** Tables of the local email outbox and webhook inbox (development only). */
const LOCAL_STAND_INS = ["outbox_emails", "dev_webhook_inbox"];
const PNG = Uint8Array.from(
	atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
	(c) => c.charCodeAt(0),
);

type Usage = {
	workerInvocations: number;
	durableObjectCalls: number;
	durableObjectAlarms: number;
	webSocketMessagesIn: number;
	d1: {
		roundTrips: number;
		rowsRead: number;
		rowsWritten: number;
		unmeasured: number;
		writtenBy?: Record<string, number>;
	};
	r2ClassA: number;
	r2ClassB: number;
	queueMessages: number;
	queueMessagesBy?: Record<string, number>;
};

/**
 * a + k·b, counter by counter; the breakdowns (rows written by statement, messages by queue) are
 * a's: the bookkeeping writes and sends none.
 */
const combine = (a: Usage, b: Usage, k: 1 | -1): Usage => ({
	workerInvocations: a.workerInvocations + k * b.workerInvocations,
	durableObjectCalls: a.durableObjectCalls + k * b.durableObjectCalls,
	durableObjectAlarms: a.durableObjectAlarms + k * b.durableObjectAlarms,
	webSocketMessagesIn: a.webSocketMessagesIn + k * b.webSocketMessagesIn,
	d1: {
		roundTrips: a.d1.roundTrips + k * b.d1.roundTrips,
		rowsRead: a.d1.rowsRead + k * b.d1.rowsRead,
		rowsWritten: a.d1.rowsWritten + k * b.d1.rowsWritten,
		unmeasured: a.d1.unmeasured + k * b.d1.unmeasured,
		writtenBy: a.d1.writtenBy,
	},
	r2ClassA: a.r2ClassA + k * b.r2ClassA,
	r2ClassB: a.r2ClassB + k * b.r2ClassB,
	queueMessages: a.queueMessages + k * b.queueMessages,
	queueMessagesBy: a.queueMessagesBy,
});
const minus = (a: Usage, b: Usage) => combine(a, b, -1);
const plus = (a: Usage, b: Usage) => combine(a, b, 1);

/** The simulated day, against one metered server. */
class Day {
	/** What the benchmark's own bookkeeping cost (outbox reads, usage reads): taken off the bill. */
	private own: Usage | null = null;
	private usageReads = 0;
	private asides = 0;
	readonly cookies = {} as Record<Person, string>;
	readonly ws: string;
	readonly base: string;

	constructor(base: string) {
		this.base = base;
		this.ws = base.replace(/^http/, "ws");
	}

	async usage(): Promise<Usage> {
		this.usageReads++;
		const res = await fetch(`${this.base}/dev/usage`);
		if (res.status !== 200) throw new Error(`/dev/usage: ${res.status} (is BILL_METERING on?)`);
		return (await res.json()) as Usage;
	}

	/** Runs `work` (the benchmark's, not the fleet's) and books what it cost as the benchmark's own. */
	private async aside<T>(work: () => Promise<T>): Promise<T> {
		this.asides++;
		const before = await this.usage();
		const result = await work();
		const spent = minus(await this.usage(), before);
		this.own = this.own ? plus(this.own, spent) : spent;
		return result;
	}

	async call(path: string, who: Person | null, init: RequestInit = {}, expect = [200, 201]) {
		const headers = new Headers(init.headers);
		if (who) headers.set("Cookie", this.cookies[who]);
		headers.set("Origin", this.base);
		if (init.body && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
		const res = await fetch(`${this.base}${path}`, { ...init, headers });
		if (!expect.includes(res.status))
			throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
		return res;
	}

	async json<T>(path: string, who: Person | null, init: RequestInit = {}): Promise<T> {
		return (await (await this.call(path, who, init)).json()) as T;
	}

	/** The portal's sign-in: the link request and the code are the fleet's; reading the outbox is ours. */
	async signIn(who: Person): Promise<void> {
		const { area, email } = PEOPLE[who];
		const since = Date.now();
		await this.call(
			`/api/${area}/${SLUG}/auth/link`,
			null,
			{ method: "POST", body: JSON.stringify({ email }) },
			[202],
		);
		const code = await this.aside(() => this.codeFor(email, since));
		const res = await this.call(`/api/${area}/${SLUG}/auth/code`, null, {
			method: "POST",
			body: JSON.stringify({ email, code }),
		});
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-session="));
		if (!cookie) throw new Error(`no session for ${email}`);
		this.cookies[who] = cookie.split(";")[0] ?? "";
	}

	private async codeFor(address: string, since: number): Promise<string> {
		for (let i = 0; i < 50; i++) {
			const emails = (await (await fetch(`${this.base}/dev/outbox.json`)).json()) as Array<{
				to?: string;
				text?: string;
				sentAt?: string;
			}>;
			for (const e of emails) {
				if (String(e.to).toLowerCase() !== address || Date.parse(String(e.sentAt)) < since - 1000) continue;
				const m = String(e.text)
					.replace(/https?:\/\/\S+/g, " ")
					.match(/(?<![\d-])(\d{3}) ?(\d{3})(?![\d-])/);
				if (m) return `${m[1]}${m[2]}`;
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error(`no code for ${address}`);
	}

	socket(path: string, who: Person | null): Promise<WebSocket> {
		const headers: Record<string, string> = { Origin: this.base };
		if (who) headers.Cookie = this.cookies[who];
		return openSocket(`${this.ws}${path}`, headers);
	}

	/** The day's own figures: everything counted, less the benchmark's bookkeeping. */
	async total(): Promise<Usage> {
		const all = await this.usage();
		const own = this.own ?? minus(all, all);
		const day = minus(all, own);
		// Each usage read counts itself as one invocation; a bracket's second read is already in
		// `own`, so the first reads and this last one remain.
		day.workerInvocations -= this.usageReads - this.asides;
		return day;
	}
}

/** The keep-alives of a day-long socket: the board and the access sockets all send "ping". */
async function pings(ws: WebSocket, count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		ws.send("ping");
		if (i % 50 === 49) await new Promise((r) => setTimeout(r, 5));
	}
}

async function trip(day: Day, jobId: string): Promise<void> {
	await day.call(`/api/d/${SLUG}/jobs/${jobId}/assign`, "staff", {
		method: "POST",
		body: JSON.stringify({ technicianId: TECHNICIAN }),
	});
	const move = (status: string) =>
		day.call(`/api/t/${SLUG}/jobs/${jobId}/status`, "technician", {
			method: "POST",
			headers: { "Idempotency-Key": crypto.randomUUID() },
			body: JSON.stringify({ status }),
		});
	await move("en_route");
	const watcher = await day.socket(`/api/c/${SLUG}/jobs/${jobId}/live`, "customer");
	const phone = await day.socket(`/api/t/${SLUG}/jobs/${jobId}/live`, "technician");
	for (let f = 0; f < FIXES_PER_TRIP; f++) {
		const fix = {
			lat: 40.7 + f * 1e-4,
			lng: -74.01 + f * 1e-4,
			accuracy: 8,
			heading: 45,
			speed: 9,
			at: Date.now() + f,
		};
		phone.send(JSON.stringify({ type: "position", position: fix }));
		if (f % 25 === 24) await new Promise((r) => setTimeout(r, 10));
	}
	await new Promise((r) => setTimeout(r, 200));
	phone.close(1000);
	watcher.close(1000);
	await move("in_progress");
	const done = await day.call(
		`/api/t/${SLUG}/jobs/${jobId}/complete`,
		"technician",
		{
			method: "POST",
			headers: { "Idempotency-Key": crypto.randomUUID() },
			body: JSON.stringify({ outcome: "completed", recipientName: "Reception", note: "Left at reception." }),
		},
		[200, 201],
	);
	await done.body?.cancel();
	await day.call(`/api/c/${SLUG}/jobs/${jobId}`, "customer");
}

/** Cost in USD of `count` units of `meter` at its marginal price (no included usage). */
const usd = (meter: Meter, count: number) => (count / 1e6) * PRICES[meter].usdPerMillion;

export async function measureBill(ctx: BenchContext & { meteredBaseUrl: string }) {
	const day = new Day(ctx.meteredBaseUrl);
	await day.call("/dev/usage/reset", null, { method: "POST" });
	for (const who of ["staff", "technician", "customer"] as const) await day.signIn(who);

	// The console and the technician app open for the day: board and access sockets, keep-alives.
	const board = await day.socket(`/api/d/${SLUG}/board/live`, "staff");
	const consoleAccess = await day.socket(`/api/d/${SLUG}/access/live`, "staff");
	const phoneAccess = await day.socket(`/api/t/${SLUG}/access/live`, "technician");
	await day.call(`/api/d/${SLUG}/board`, "staff");
	await day.call(`/api/t/${SLUG}/jobs`, "technician");

	const tz = "America/New_York";
	const jobIds: string[] = [];
	for (let i = 0; i < JOBS; i++) {
		const booking = pickupBooking(tz, `BILL-${i}-${crypto.randomUUID().slice(0, 6)}`);
		if (i < PORTAL_BOOKINGS) {
			await day.call(`/api/c/${SLUG}/jobs`, "customer");
			await day.call(`/api/c/${SLUG}/addresses`, "customer");
			const job = await day.json<{ id: string }>(`/api/c/${SLUG}/bookings`, "customer", {
				method: "POST",
				headers: { "Idempotency-Key": crypto.randomUUID() },
				body: JSON.stringify(booking),
			});
			jobIds.push(job.id);
		} else {
			const job = await day.json<{ id: string }>(`/api/d/${SLUG}/jobs`, "staff", {
				method: "POST",
				headers: { "Idempotency-Key": crypto.randomUUID() },
				body: JSON.stringify({ ...booking, customer: { contactId: CONTACT } }),
			});
			jobIds.push(job.id);
		}
	}
	// Before the visits, a note and a photo on a quarter of the jobs; the dispatcher opens each photo.
	for (const id of jobIds.slice(0, JOBS / 4)) {
		await day.call(`/api/c/${SLUG}/jobs/${id}/notes`, "customer", {
			method: "POST",
			body: JSON.stringify({ text: "Please ring the bell." }),
		});
		const photo = await day.json<{ id: string }>(`/api/c/${SLUG}/jobs/${id}/photos`, "customer", {
			method: "POST",
			headers: { "Content-Type": "image/png" },
			body: PNG,
		});
		await (await day.call(`/api/d/${SLUG}/jobs/${id}/photos/${photo.id}`, "staff")).body?.cancel();
	}
	for (let i = 0; i < jobIds.length; i += TRIPS_AT_ONCE) {
		await Promise.all(jobIds.slice(i, i + TRIPS_AT_ONCE).map((id) => trip(day, id)));
	}
	// Invoices for a quarter of the jobs: drafted from the job, shared, opened as a PDF.
	for (const id of jobIds.slice(0, JOBS / 4)) {
		const draft = await day.json<Record<string, unknown>>(
			`/api/d/${SLUG}/invoices/draft-from-job/${id}`,
			"staff",
		);
		const invoice = await day.json<{ id: string }>(`/api/d/${SLUG}/invoices`, "staff", {
			method: "POST",
			// As the console sends it: the fields the draft fills in.
			body: JSON.stringify(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== null))),
		});
		await day.call(`/api/d/${SLUG}/invoices/${invoice.id}/share`, "staff", { method: "POST" });
		await (await day.call(`/api/c/${SLUG}/invoices/${invoice.id}/pdf`, "customer")).body?.cancel();
	}
	// Ten open hours of keep-alives on the three day-long sockets.
	const keepAlives = Math.round((OPEN_HOURS * 3600) / KEEPALIVE_S);
	await Promise.all([board, consoleAccess, phoneAccess].map((ws) => pings(ws, keepAlives)));
	await new Promise((r) => setTimeout(r, 3000)); // queues drain: notifications, webhooks
	for (const ws of [board, consoleAccess, phoneAccess]) ws.close(1000);

	// How long a Durable Object is busy with one request, from the same server: the median of 50
	// no-op calls, each timed from the outside (Worker hop included, so an upper bound). The
	// median, because a call that waited behind the queues' last deliveries says how busy the
	// server was, not how long an object works on a request.
	const took: number[] = [];
	for (let i = 0; i < 50; i++) {
		const started = performance.now();
		await day.call(`/dev/bench/tenant-gate/${ACME.id}/noop`, null, { method: "POST" });
		took.push(performance.now() - started);
	}
	const perRequestS = median(took) / 1000;
	const usage = await day.total();
	const writes = Object.entries(usage.d1.writtenBy ?? {}).sort((a, b) => b[1] - a[1]);
	// The local stand-ins for Resend and for a partner's webhook endpoint write rows a deploy
	// never writes: they are not on the bill.
	const standIns = writes.filter(([kind]) => LOCAL_STAND_INS.some((table) => kind.includes(table)));
	const standInRows = standIns.reduce((n, [, rows]) => n + rows, 0);
	usage.d1.rowsWritten -= standInRows;
	ctx.log(
		`  D1 rows written by statement (on the bill): ${writes
			.filter((entry) => !standIns.includes(entry))
			.slice(0, 16)
			.map(([k, n]) => `${k} ${n}`)
			.join(", ")}`,
	);
	ctx.log(
		`  queue messages by queue: ${Object.entries(usage.queueMessagesBy ?? {})
			.map(([k, n]) => `${k} ${n}`)
			.join(", ")}`,
	);
	ctx.log(`  left off the bill: ${standInRows} rows written by the local outbox and webhook inbox`);
	ctx.log(`  D1 round trips whose rows written D1 did not report: ${usage.d1.unmeasured}`);
	// The no-op probes above are the benchmark's: 50 invocations and 50 object calls.
	usage.workerInvocations -= 50;
	usage.durableObjectCalls -= 50;
	// The day's fleet has a partner's endpoint subscribed to every event; most have none. Its
	// webhook rows and messages (counted above, by statement and by queue) taken off: what the
	// same day costs such a fleet, at most (the webhook consumer's own invocations stay in).
	const webhookRows = writes
		.filter(([kind]) => kind.includes("webhook_") && !standIns.some(([k]) => k === kind))
		.reduce((n, [, rows]) => n + rows, 0);
	const webhookMessages = usage.queueMessagesBy?.WEBHOOK_QUEUE ?? 0;
	ctx.log(`  for the partner's endpoint: ${webhookRows} rows written, ${webhookMessages} queue messages`);
	const withoutWebhooks: Usage = {
		...usage,
		d1: { ...usage.d1, rowsWritten: usage.d1.rowsWritten - webhookRows },
		queueMessages: usage.queueMessages - webhookMessages,
	};
	return billRows(usage, withoutWebhooks, perRequestS, ctx);
}

const PER_1000 = 1000 / JOBS;

/** What a day's usage bills, meter by meter, with hibernation; and its cost per 1,000 jobs. */
function billedLines(u: Usage, perRequestS: number) {
	const doRequests =
		u.durableObjectCalls + u.durableObjectAlarms + u.webSocketMessagesIn / WEBSOCKET_MESSAGES_PER_REQUEST;
	// With hibernation an object is billed only while it runs: each request or message for as long
	// as a request takes on this server (an upper bound: the no-op includes the Worker's hop).
	const hibernatedGbS =
		(u.durableObjectCalls + u.durableObjectAlarms + u.webSocketMessagesIn) * perRequestS * DURABLE_OBJECT_GB;
	const lines: Array<[Meter, number]> = [
		["workerRequests", u.workerInvocations],
		["durableObjectRequests", doRequests],
		["durableObjectGbSeconds", hibernatedGbS],
		["d1RowsRead", u.d1.rowsRead],
		["d1RowsWritten", u.d1.rowsWritten],
		["r2ClassA", u.r2ClassA],
		["r2ClassB", u.r2ClassB],
		["queueOperations", u.queueMessages * QUEUE_OPERATIONS_PER_MESSAGE],
	];
	const cost = lines.reduce((sum, [m, n]) => sum + usd(m, n * PER_1000), 0);
	return { lines, cost, hibernatedGbS };
}

function billRows(
	u: Usage,
	withoutWebhooks: Usage,
	perRequestS: number,
	ctx: BenchContext,
): { rows: Row[]; detail: unknown } {
	const per1000 = PER_1000;
	const { lines, cost, hibernatedGbS } = billedLines(u, perRequestS);
	// Without it, an object with an open socket is billed all the while: the tenant's TenantGate
	// for the open hours, and each job's relay for its 30-minute trip.
	const awakeGbS = (OPEN_HOURS * 3600 + JOBS * 30 * 60) * DURABLE_OBJECT_GB + hibernatedGbS;
	const awakeCost =
		cost -
		usd("durableObjectGbSeconds", hibernatedGbS * per1000) +
		usd("durableObjectGbSeconds", awakeGbS * per1000);
	// A fleet of this size alone, 30 days a month, stays inside the plan's included usage.
	const monthly = (n: number) => n * 30;
	const beyondIncluded = lines.reduce(
		(sum, [m, n]) => sum + usd(m, Math.max(0, monthly(n) - PRICES[m].includedPerMonth)),
		0,
	);
	for (const [m, n] of lines)
		ctx.log(`  ${m}: ${round(n, 1)} for the day (${round(n * per1000, 1)} per 1,000 jobs)`);
	const rows = [
		...lines.map(([m, n]) => row(`bill: ${m} per 1,000 jobs`, round(n * per1000, 1), "", null, null)),
		row("bill: cost per 1,000 jobs at marginal prices (hibernation)", round(cost, 4), "USD", null, {
			op: "<=",
			target: GOAL_USD_PER_1000_JOBS,
		}),
		row("bill: the same day without hibernation", round(awakeCost, 4), "USD per 1,000 jobs", null, null),
		row(
			"bill: the same day for a fleet with no webhook endpoint (its webhook rows and messages off)",
			round(billedLines(withoutWebhooks, perRequestS).cost, 4),
			"USD per 1,000 jobs",
			null,
			null,
		),
		row(
			"bill: this fleet alone, 30 days, beyond the plan's included usage",
			round(beyondIncluded, 4),
			"USD/month",
			null,
			null,
		),
	];
	return { rows, detail: { usage: u, perRequestS, hibernatedGbS, awakeGbS, jobs: JOBS, lines } };
}
