// `npm run soak` — ten minutes (SOAK_MINUTES) of mixed traffic on one local workerd, then the
// figures that must stay at zero and workerd's memory at the start and the end. Not part of
// `npm test`.
//
// Like `npm run bench` it starts its own `wrangler dev` (fresh state, demo data) pinned to core
// 0 and drives traffic from child processes pinned to core 1: sign-ins, reads and bookings with
// retries and replays (soak-http.ts); twenty technicians sharing GPS with watchers and the
// board, every socket dropped and reopened now and then (soak-live.ts). Halfway through, the
// tenant's TenantGate and a few JobRelays are evicted (/dev/soak/*). At the end it counts the
// soak's jobs in D1 per Idempotency-Key and reconciles fixes against the relays' breadcrumbs.
//
//   npm run soak                   # 10 minutes of traffic, about 12 in all
//   SOAK_MINUTES=2 npm run soak    # a quick one
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { ACME } from "../../schema/demo/people.ts";
import { startDevServer } from "../e2e/server.ts";
import { fetchWithin, SLUG, signIn, signInAs } from "./accounts.ts";
import { pickupBooking } from "./bookings.ts";
import { LOAD_CPU, runPinned } from "./child.ts";
import { heapUsage, isolateHeaps } from "./devtools.ts";
import { formatTable, type Row, row } from "./report.ts";
import { SoakHttpResult, SoakLiveResult, type SoakTechnician } from "./soak-specs.ts";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const TECHNICIANS = Number(process.env.SOAK_TECHNICIANS ?? 20);
const FIX_INTERVAL_MS = Number(process.env.SOAK_FIX_INTERVAL_MS ?? 2500);
const RELAYS_EVICTED = 3;
/**
 * Memory is judged from this far into the traffic. workerd's resident size climbs for the first
 * two minutes under any load (measured: `/api/health` alone takes it from 200 to ~890 MiB, then it
 * stays within 2%) while the isolate's JS heap stays under 65 MiB: the allocator's high-water mark,
 * not a leak. A leak keeps climbing after that.
 */
const WARM_AFTER_MS = 180_000;
const SETTLE_MS = 15_000;
const WORKERD_CPU = "0";

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
const runId = crypto.randomUUID().slice(0, 6).toUpperCase();

/** HTTP answers the orchestrator itself got (setup and probes), for the 5xx count. */
const ownStatuses: Record<string, number> = {};
async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
	const res = await fetchWithin(url, init);
	ownStatuses[res.status] = (ownStatuses[res.status] ?? 0) + 1;
	const text = await res.text();
	try {
		return { status: res.status, body: JSON.parse(text) };
	} catch {
		return { status: res.status, body: text };
	}
}
async function expectStatus(what: string, want: number, url: string, init: RequestInit = {}) {
	const res = await call(url, init);
	if (res.status !== want)
		throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
	return res.body as Record<string, unknown>;
}
const json = (cookie: string, body: unknown, extra: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "Content-Type": "application/json", Cookie: cookie, ...extra },
	body: JSON.stringify(body),
});

// —— workerd's memory ——
function childrenOf(): Map<number, number[]> {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync("/proc")) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
			// The name may hold spaces and parentheses; the fields after its last ")" do not.
			const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// gone meanwhile
		}
	}
	return children;
}

/**
 * The workerd processes under `wrangler dev`: the one that runs the Worker and its objects, and
 * wrangler's proxy in front of it (the one listening on the public port).
 */
function workerdsOf(wranglerPid: number, port: string) {
	const tree = childrenOf();
	const found: Array<{ pid: number; proxy: boolean }> = [];
	const walk = (pid: number) => {
		for (const child of tree.get(pid) ?? []) {
			try {
				const cmd = readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0");
				if (cmd[0]?.endsWith("/workerd"))
					found.push({ pid: child, proxy: cmd.some((a) => a === `--socket-addr=entry=127.0.0.1:${port}`) });
			} catch {
				// gone meanwhile
			}
			walk(child);
		}
	};
	walk(wranglerPid);
	return found;
}

/** A figure of `/proc/<pid>/status`, in KiB: `VmRSS` (all resident memory), `RssAnon` (not file-backed). */
function statusKiB(pid: number, field: "VmRSS" | "RssAnon"): number {
	const line = readFileSync(`/proc/${pid}/status`, "utf8")
		.split("\n")
		.find((l) => l.startsWith(`${field}:`));
	return Number(line?.match(/(\d+)/)?.[1] ?? Number.NaN);
}

const rssKiB = (pid: number) => statusKiB(pid, "VmRSS");

/**
 * workerd's own inspector, on the port it chose: the one of the ports it listens on that lists
 * the Worker's service among its isolates (undefined when none does).
 */
async function workerdInspectorPort(pid: number): Promise<number | undefined> {
	const listening = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" })
		.split("\n")
		.filter((line) => line.includes(`pid=${pid},`))
		.map((line) => Number(line.trim().split(/\s+/)[3]?.split(":").pop()))
		.filter((port) => Number.isInteger(port));
	for (const port of listening) {
		const listed = await fetchWithin(`http://127.0.0.1:${port}/json`, {}, 2_000)
			.then((r) => r.text())
			.catch(() => "");
		if (listed.includes("core:user:")) return port;
	}
	return undefined;
}

/** The Worker's name, as `wrangler.toml` gives it: its isolate's name in workerd is `core:user:<name>`. */
function workerName(): string {
	const toml = readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8");
	const name = toml.match(/^name\s*=\s*"([^"]+)"/m)?.[1];
	if (!name) throw new Error("wrangler.toml names no Worker");
	return name;
}

/** What every isolate committed for its JS heap: the total, and the largest, "name 12.3" in MiB. */
async function largestIsolates(port: number | undefined): Promise<string> {
	if (port === undefined) return "workerd's inspector not found";
	const heaps = await isolateHeaps(port);
	const total = Object.values(heaps).reduce((a, b) => a + b, 0);
	const top = Object.entries(heaps)
		.sort((a, b) => b[1] - a[1])
		.slice(0, 6)
		.map(([name, kib]) => `${name} ${(kib / 1024).toFixed(1)}`);
	return `${(total / 1024).toFixed(1)} MiB over ${Object.keys(heaps).length} isolates (${top.join(", ")})`;
}

// —— D1, read straight from the local state ——
function sqliteFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sqliteFiles(path);
		return name.endsWith(".sqlite") ? [path] : [];
	});
}

/** The soak's jobs in every local D1 that has a jobs table: reference → ids (and their keys). */
function soakJobsInD1(
	persistTo: string,
	prefix: string,
): Map<string, Array<{ id: string; key: string | null }>> {
	const jobs = new Map<string, Array<{ id: string; key: string | null }>>();
	for (const file of sqliteFiles(join(persistTo, "v3", "d1"))) {
		const db = new DatabaseSync(file, { readOnly: true });
		try {
			const hasJobs = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'jobs'").get();
			if (!hasJobs) continue;
			const rows = db
				.prepare("SELECT id, reference, idempotency_key FROM jobs WHERE tenant_id = ? AND reference LIKE ?")
				.all(ACME.id, `${prefix}%`) as Array<{
				id: string;
				reference: string;
				idempotency_key: string | null;
			}>;
			for (const r of rows) {
				jobs.set(r.reference, [...(jobs.get(r.reference) ?? []), { id: r.id, key: r.idempotency_key }]);
			}
		} finally {
			db.close();
		}
	}
	return jobs;
}

// —— setup ——
if (!existsSync("web/dist/index.html")) {
	execFileSync("node_modules/.bin/vite", ["build", "--config", "web/vite.config.ts"], { stdio: "inherit" });
}
log(`soak ${runId}: ${MINUTES} min of traffic; starting wrangler dev on core ${WORKERD_CPU}…`);
const server = await startDevServer({}, { cpus: WORKERD_CPU });
const base = server.baseUrl;
const port = new URL(base).port;
let exitCode = 0;
try {
	execFileSync("taskset", ["-pc", LOAD_CPU, String(process.pid)], { stdio: "ignore" });
	const customer = await signIn(base, "customer");
	const staff = await signIn(base, "staff");
	const tenant = (await expectStatus("tenant", 200, `${base}/api/tenants/${SLUG}`)) as { timezone: string };

	log(`setting up ${TECHNICIANS} technicians, each en route on a job of their own…`);
	const technicians: SoakTechnician[] = [];
	const techEmails: string[] = [];
	for (let i = 1; i <= TECHNICIANS; i++) {
		const email = `soak-${runId.toLowerCase()}-${i}@acme-courier.example`;
		techEmails.push(email);
		const tech = await expectStatus(
			`add technician ${i}`,
			201,
			`${base}/api/d/${SLUG}/technicians`,
			json(staff, { name: `Soak Driver ${i}`, email }),
		);
		const cookie = await signInAs(base, "t", email, `10.66.0.${i}`);
		const job = await expectStatus(
			`book job ${i}`,
			201,
			`${base}/api/c/${SLUG}/bookings`,
			json(customer, pickupBooking(tenant.timezone, `SOAKSETUP-${runId}-${i}`), {
				"Idempotency-Key": crypto.randomUUID(),
			}),
		);
		const jobId = String(job.id);
		await expectStatus(
			`assign job ${i}`,
			200,
			`${base}/api/d/${SLUG}/jobs/${jobId}/assign`,
			json(staff, { technicianId: tech.id }),
		);
		await expectStatus(
			`en route ${i}`,
			200,
			`${base}/api/t/${SLUG}/jobs/${jobId}/status`,
			json(cookie, { status: "en_route" }),
		);
		const link = await expectStatus(
			`tracking link ${i}`,
			201,
			`${base}/api/d/${SLUG}/jobs/${jobId}/tracking-links`,
			{ method: "POST", headers: { Cookie: staff } },
		);
		const token = String(link.url).split("/track/")[1] ?? "";
		technicians.push({ technicianId: String(tech.id), cookie, jobId, token });
	}

	const workerds = workerdsOf(server.pid, port);
	const runtime = workerds.find((w) => !w.proxy) ?? workerds[0];
	if (!runtime) throw new Error(`no workerd under wrangler dev (pid ${server.pid})`);
	log(
		`workerd: pid ${runtime.pid} runs the Worker${workerds.length > 1 ? ` (${workerds.length - 1} proxy)` : ""}`,
	);
	await sleep(SETTLE_MS);
	const rssStart = rssKiB(runtime.pid);
	// The isolate's JS heap beside the process's RSS: growth in one is ours, in the other workerd's.
	// What V8 committed for the heap, and the process's anonymous memory, tell the rest apart.
	// Read through workerd's own inspector when it is found (an isolate takes one debugger at a
	// time, so the survey of every isolate would otherwise cut wrangler's proxy off the Worker).
	const inspector = await workerdInspectorPort(runtime.pid);
	const workerTarget =
		inspector === undefined ? undefined : `ws://127.0.0.1:${inspector}/core:user:${workerName()}`;
	const heapNow = () =>
		heapUsage(inspector ?? server.inspectorPort, 5_000, workerTarget).catch(() => ({
			used: Number.NaN,
			total: Number.NaN,
		}));
	const heapSamples: Array<{ used: number; total: number }> = [await heapNow()];
	const anonSamples: number[] = [statusKiB(runtime.pid, "RssAnon")];
	const isolatesAtStart = await largestIsolates(inspector);
	const reloadsBefore = server.reloads();
	log(
		`workerd RSS at start ${(rssStart / 1024).toFixed(1)} MiB; traffic for ${MINUTES} min on core ${LOAD_CPU}…`,
	);

	const seconds = MINUTES * 60;
	const referencePrefix = `SOAK-${runId}-`;
	const http = runPinned(
		"test/bench/soak-http.ts",
		{
			baseUrl: base,
			seconds,
			timezone: tenant.timezone,
			referencePrefix,
			customerCookie: customer,
			staffCookie: staff,
			// Known people and the soak's drivers, in turn: each address about once in ten minutes at most.
			signIns: [
				{ area: "c", email: "ken.okafor@northgatemotors.example" },
				{ area: "c", email: "dana.reyes@hartwellpine.example" },
				{ area: "d", email: "morgan@acme-courier.example" },
				...techEmails.map((email) => ({ area: "t" as const, email })),
			],
			signInEverySeconds: 15,
			readers: 3,
			bookers: 2,
		},
		SoakHttpResult,
	);
	const live = runPinned(
		"test/bench/soak-live.ts",
		{
			baseUrl: base,
			seconds,
			staffCookie: staff,
			technicians,
			watchersPerJob: 2,
			consoles: 3,
			fixIntervalMs: FIX_INTERVAL_MS,
			meanSecondsBetweenDrops: 60,
			reconcileEverySeconds: 40,
		},
		SoakLiveResult,
	);

	// workerd's memory every 30 s, so growth that levels off can be told from a leak.
	const rssSamples: number[] = [rssStart];
	const sampler = setInterval(() => {
		try {
			rssSamples.push(rssKiB(runtime.pid));
			anonSamples.push(statusKiB(runtime.pid, "RssAnon"));
			void heapNow().then((k) => heapSamples.push(k));
		} catch {
			// workerd gone; the end reading says so
		}
	}, 30_000);
	let rssWarm = Number.NaN;
	const warm = setTimeout(
		() => {
			rssWarm = rssKiB(runtime.pid);
		},
		Math.min(WARM_AFTER_MS, (MINUTES * 60_000) / 2 - 1000),
	);

	// Halfway: the tenant's gate and a few relays go, as Cloudflare may evict them at any time.
	await sleep((seconds * 1000) / 2);
	const probes = [
		{ name: `TenantGate ${ACME.id}`, path: `tenant-gate/${ACME.id}` },
		...technicians
			.slice(0, RELAYS_EVICTED)
			.map((t) => ({ name: `JobRelay ${t.jobId}`, path: `job-relay/${t.jobId}` })),
	];
	let evictedOk = true;
	log(`  evicting at ${new Date().toISOString()}`);
	for (const probe of probes) {
		const res = await call(`${base}/dev/soak/${probe.path}/evict`, { method: "POST" });
		if (res.status !== 200 || (res.body as { evicted?: unknown }).evicted !== true) evictedOk = false;
		log(`  evicted ${probe.name}: ${res.status} ${JSON.stringify(res.body)}`);
	}

	const [h, l] = await Promise.all([http, live]);
	clearInterval(sampler);
	clearTimeout(warm);
	const restarts = server.reloads() - reloadsBefore;
	log(`traffic done; settling ${SETTLE_MS / 1000} s before reading workerd's memory…`);
	await sleep(SETTLE_MS);
	const rssEnd = rssKiB(runtime.pid);
	rssSamples.push(rssEnd);
	anonSamples.push(statusKiB(runtime.pid, "RssAnon"));
	heapSamples.push(await heapNow());
	const isolatesAtEnd = await largestIsolates(inspector);

	// —— bookings against D1 ——
	const inD1 = soakJobsInD1(server.persistTo, referencePrefix);
	let duplicated = 0;
	let lost = 0;
	let unsettled = 0;
	let unsettledButMade = 0;
	const replays = h.bookings.filter((b) => b.settled).length;
	const problems: string[] = [];
	for (const b of h.bookings) {
		const jobs = inD1.get(b.reference) ?? [];
		const extra = Math.max(jobs.length, b.ids.length) - 1;
		if (extra > 0) {
			duplicated += extra;
			problems.push(
				`duplicate ${b.reference} (${b.kind}): answers ${b.ids.join(",")}, D1 ${jobs.map((j) => j.id)}`,
			);
		}
		if (b.settled && b.ids.some((id) => !jobs.some((j) => j.id === id))) {
			lost++;
			problems.push(`lost ${b.reference} (${b.kind}): answered ${b.ids.join(",")}, D1 has ${jobs.length}`);
		}
		if (!b.settled) {
			unsettled++;
			if (jobs.length) unsettledButMade++;
			problems.push(
				`unsettled ${b.reference} (${b.kind}), last status ${b.lastStatus}, ${jobs.length} in D1`,
			);
		}
	}
	const strayInD1 = [...inD1.keys()].filter((ref) => !h.bookings.some((b) => b.reference === ref)).length;

	// —— 5xx ——
	const all: Record<string, number>[] = [
		ownStatuses,
		h.statuses.reads,
		h.statuses.signIns,
		h.statuses.bookings,
		l.statuses,
	];
	const total = (pick: (status: number) => boolean) =>
		all.reduce((n, s) => n + Object.entries(s).reduce((m, [k, v]) => m + (pick(Number(k)) ? v : 0), 0), 0);
	const fiveXx = total((s) => s >= 500);
	const connectionFailures = total((s) => s === 0);
	const answers = total((s) => s > 0);
	const sum = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);

	const kinds = (k: string) => h.bookings.filter((b) => b.kind === k).length;
	const growth = (rssEnd - rssWarm) / rssWarm;
	const coldGrowth = (rssEnd - rssStart) / rssStart;
	const sockets = l.sockets;
	const rows: Row[] = [
		row("HTTP answers 5xx", fiveXx, "", null, { op: "==", target: 0 }, `of ${answers} answers`),
		row(
			"bookings duplicated",
			duplicated,
			"",
			null,
			{ op: "==", target: 0 },
			`of ${h.bookings.length} bookings`,
		),
		row("bookings lost", lost, "", null, { op: "==", target: 0 }),
		row("GPS fixes lost", l.fixes.lost, "", null, { op: "==", target: 0 }, `of ${l.fixes.sent} sent`),
		row("board events missed after catch-up", l.board.missed + l.board.resyncs, "", null, {
			op: "==",
			target: 0,
		}),
		row("workerd RSS before the traffic", Math.round(rssStart / 1024), "MiB", null, null),
		row(
			`workerd RSS after ${Math.round(Math.min(WARM_AFTER_MS, (MINUTES * 60_000) / 2 - 1000) / 1000)} s of traffic`,
			Math.round(rssWarm / 1024),
			"MiB",
			null,
			null,
		),
		row(
			"workerd RSS at the end (settled)",
			Math.round(rssEnd / 1024),
			"MiB",
			Math.round(growth * 1000) / 1000,
			{ op: "<=", target: 0.1 },
			`ratio = growth since the warm reading; ${(coldGrowth * 100).toFixed(0)}% since before the traffic`,
		),
	];
	log("");
	log(`HTTP: ${answers} answers, ${fiveXx} 5xx, ${connectionFailures} connections failed`);
	log(`  reads ${JSON.stringify(h.statuses.reads)}`);
	log(
		`  sign-ins ${JSON.stringify(h.statuses.signIns)}: ${h.signIns.completed} completed, ${h.signIns.refused} refused by the send limit (429), ${h.signIns.failed} failed`,
	);
	log(`  bookings ${JSON.stringify(h.statuses.bookings)} (a cut-off answer is not counted)`);
	log(
		`bookings: ${h.bookings.length} keys (plain ${kinds("plain")}, answer cut off ${kinds("dropped")}, three at once ${kinds("double")}), ${sum(h.statuses.bookings)} requests answered, ${replays} replays after settling; in D1 ${[...inD1.values()].reduce((n, j) => n + j.length, 0)} jobs for ${inD1.size} references; duplicated ${duplicated}, lost ${lost}, never settled ${unsettled} (${unsettledButMade} of them made in D1), jobs in D1 no key asked for ${strayInD1}`,
	);
	log(
		`GPS: ${TECHNICIANS} technicians, ${TECHNICIANS * 2} watchers; fixes sent ${l.fixes.sent}, in breadcrumbs ${l.fixes.recorded}, lost ${l.fixes.lost}, still queued at the end ${l.fixes.unsent}, recorded but seen by no watcher ${l.fixes.notDeliveredToAnyWatcher}`,
	);
	for (const [kind, c] of Object.entries(sockets))
		log(
			`  ${kind}: opened ${c.opened}, dropped by us ${c.droppedByUs}, closed by the server ${c.closedByServer} (codes ${JSON.stringify(c.closeCodes)}), failed to open ${c.openFailures}`,
		);
	log(
		`board: ${l.board.consoles} consoles, ${l.board.events} numbered events received (${l.board.caughtUp} in catch-ups), missed ${l.board.missed}, resyncs ${l.board.resyncs}; gate at ${l.board.finalSeq}, consoles behind at the end ${l.board.behindAtEnd.join(", ")}`,
	);
	log(`evictions midway: ${evictedOk ? "TenantGate and" : "FAILED:"} ${RELAYS_EVICTED} JobRelays`);
	log(
		`workerd RSS: before the traffic ${(rssStart / 1024).toFixed(1)} MiB, warm ${(rssWarm / 1024).toFixed(1)} MiB, end ${(rssEnd / 1024).toFixed(1)} MiB (${(growth * 100).toFixed(1)}% since warm, ${(coldGrowth * 100).toFixed(1)}% since before); every 30 s: ${rssSamples.map((k) => (k / 1024).toFixed(0)).join(" ")} MiB`,
	);
	const mib = (samples: number[], digits = 0) => samples.map((k) => (k / 1024).toFixed(digits)).join(" ");
	log(`workerd anonymous memory (RssAnon), every 30 s: ${mib(anonSamples)} MiB`);
	log(
		`Worker JS heap in use, every 30 s: ${mib(
			heapSamples.map((h) => h.used),
			1,
		)} MiB`,
	);
	log(
		`Worker JS heap committed by V8, every 30 s: ${mib(
			heapSamples.map((h) => h.total),
			1,
		)} MiB`,
	);
	log(`every isolate's committed JS heap, before the traffic: ${isolatesAtStart}`);
	log(`every isolate's committed JS heap, at the end: ${isolatesAtEnd}`);
	log(`\n${formatTable(rows)}\n`);
	for (const r of rows.filter((r) => r.note)) log(`  ${r.measure}: ${r.note}`);
	for (const p of [...problems.slice(0, 20), ...h.failures.slice(0, 20), ...l.failures.slice(0, 20)])
		log(`  ${p}`);
	for (const s of l.fixes.lostSamples)
		log(`  lost fix ${s.jobId} at ${new Date(s.at).toISOString()}: ${s.fate}`);
	// What the Worker logged as failing (guarded entry points, uncaught errors), for the 5xx and losses.
	const errors = server
		.output()
		.split("\n")
		.filter((line) => /error|exception|✘/i.test(line));
	if (errors.length) log(`the Worker logged ${errors.length} error lines; the first:`);
	for (const line of errors.slice(0, 15)) log(`  ${line.slice(0, 400)}`);
	const notMet = rows.filter((r) => r.met === false).length;
	log(
		`${rows.filter((r) => r.met !== null).length - notMet} of ${rows.filter((r) => r.met !== null).length} goals met; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
	);
	if (restarts > 0)
		log(`NOT TRUSTWORTHY: the Worker restarted ${restarts}× during the run (a source file changed)`);
	if (notMet > 0) exitCode = 1;
} catch (err) {
	console.error(err);
	exitCode = 1;
} finally {
	await server.stop();
}
process.exit(exitCode);
