// Soak traffic process (pinned to the load core): reads, sign-ins and bookings for the run's
// length. Bookings retry and replay as a flaky phone would: answers cut off mid-flight, three
// taps at once, a retry after every failure with the same Idempotency-Key, and one replay once
// settled. Prints every key it used and the job ids its answers named, for the D1 check.
import { fetchWithin, SignInError, SLUG, signInAs } from "./accounts.ts";
import { pickupBooking } from "./bookings.ts";
import { specOf } from "./child.ts";
import { type BookingRecord, type SoakHttpResult, SoakHttpSpec } from "./soak-specs.ts";

const spec = specOf(SoakHttpSpec);
const until = Date.now() + spec.seconds * 1000;
const statuses = { reads: {}, signIns: {}, bookings: {} } as Record<
	"reads" | "signIns" | "bookings",
	Record<string, number>
>;
const failures: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = (kind: keyof typeof statuses, status: number) => {
	statuses[kind][status] = (statuses[kind][status] ?? 0) + 1;
};
const note = (line: string) => {
	if (failures.length < 50) failures.push(`${new Date().toISOString()} ${line}`);
};

/** One request; status 0 when the connection failed or `abortAfterMs` cut the answer off. */
async function send(
	kind: keyof typeof statuses,
	url: string,
	init: RequestInit = {},
	abortAfterMs?: number,
): Promise<{ status: number; body: unknown; headers: Headers | null }> {
	try {
		// Aborted on a timer that keeps the process alive: an unanswered request counts as failed.
		const res = await fetchWithin(url, init, abortAfterMs ?? 60_000);
		const text = await res.text();
		count(kind, res.status);
		if (res.status >= 500) note(`${init.method ?? "GET"} ${url} → ${res.status} ${text.slice(0, 200)}`);
		let body: unknown = null;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: res.status, body, headers: res.headers };
	} catch (err) {
		// A cut-off answer is the point of a "dropped" booking; only other failures are counted.
		if (abortAfterMs === undefined) {
			count(kind, 0);
			note(`${init.method ?? "GET"} ${url} → ${String(err)}`);
		}
		return { status: 0, body: null, headers: null };
	}
}

async function reader(i: number) {
	const routes = [
		{ url: `${spec.baseUrl}/api/c/${SLUG}/jobs`, cookie: spec.customerCookie },
		{ url: `${spec.baseUrl}/api/d/${SLUG}/board`, cookie: spec.staffCookie },
		{ url: `${spec.baseUrl}/api/c/${SLUG}/jobs?status=active`, cookie: spec.customerCookie },
		{ url: `${spec.baseUrl}/api/health`, cookie: "" },
	];
	for (let n = i; Date.now() < until; n++) {
		const route = routes[n % routes.length];
		if (!route) continue;
		await send("reads", route.url, { headers: route.cookie ? { Cookie: route.cookie } : {} });
		await sleep(50);
	}
}

let signInCount = 0;
const signIns = { completed: 0, refused: 0, failed: 0 };
async function signer() {
	for (let n = 0; Date.now() < until; n++) {
		const who = spec.signIns[n % spec.signIns.length];
		if (!who) return;
		// Each sign-in from a device of its own, as real people's are.
		const ip = `10.77.${Math.floor(signInCount / 250)}.${(signInCount % 250) + 1}`;
		signInCount++;
		try {
			const cookie = await signInAs(spec.baseUrl, who.area, who.email, ip);
			count("signIns", 200);
			const read = who.area === "c" ? "jobs" : who.area === "t" ? "jobs" : "board";
			await send("reads", `${spec.baseUrl}/api/${who.area}/${SLUG}/${read}`, { headers: { Cookie: cookie } });
			signIns.completed++;
		} catch (err) {
			const status = err instanceof SignInError ? err.status : 0;
			count("signIns", status);
			// The send limits refusing a fourth email in 15 minutes is the product working.
			if (status === 429) signIns.refused++;
			else {
				signIns.failed++;
				note(`sign-in ${who.email}: ${String(err)}`);
			}
		}
		await sleep(spec.signInEverySeconds * 1000);
	}
}

const bookings: BookingRecord[] = [];
let bookingCount = 0;
async function booker(i: number) {
	const kinds = ["plain", "dropped", "double"] as const;
	for (let n = i; Date.now() < until; n++) {
		const kind = kinds[n % kinds.length] ?? "plain";
		const reference = `${spec.referencePrefix}${String(++bookingCount).padStart(5, "0")}`;
		const record: BookingRecord = {
			key: crypto.randomUUID(),
			reference,
			kind,
			ids: [],
			settled: false,
			attempts: 0,
			lastStatus: 0,
		};
		bookings.push(record);
		const body = JSON.stringify(pickupBooking(spec.timezone, reference));
		const headers = {
			"Content-Type": "application/json",
			Cookie: spec.customerCookie,
			"Idempotency-Key": record.key,
		};
		const attempt = async (abortAfterMs?: number) => {
			record.attempts++;
			const url = `${spec.baseUrl}/api/c/${SLUG}/bookings`;
			const res = await send("bookings", url, { method: "POST", headers, body }, abortAfterMs);
			if (abortAfterMs === undefined) record.lastStatus = res.status;
			const id = (res.body as { id?: unknown } | null)?.id;
			if (res.status >= 200 && res.status < 300 && typeof id === "string") {
				if (!record.ids.includes(id)) record.ids.push(id);
				record.settled = true;
			}
			return res;
		};
		if (kind === "dropped") await attempt(5 + Math.floor(Math.random() * 80));
		if (kind === "double") await Promise.all([attempt(), attempt(), attempt()]);
		// Retry with the same key until an answer names the job (409: still being made).
		for (let tries = 0; !record.settled && tries < 60; tries++) {
			const res = await attempt();
			if (record.settled) break;
			if (res.status >= 400 && res.status < 500 && res.status !== 409 && res.status !== 429) {
				note(`booking ${reference}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
				break;
			}
			await sleep(res.status === 409 ? 1000 : 500 * Math.min(8, 2 ** tries));
		}
		// A replay once settled must name the same job (a second id is counted as a duplicate).
		if (record.settled) await attempt();
		await sleep(200);
	}
}

await Promise.all([
	...Array.from({ length: spec.readers }, (_, i) => reader(i)),
	...Array.from({ length: spec.bookers }, (_, i) => booker(i)),
	signer(),
]);
const result: SoakHttpResult = { statuses, signIns, bookings, failures };
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
