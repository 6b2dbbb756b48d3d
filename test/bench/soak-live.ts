// Soak traffic process (pinned to the load core): the live side. Twenty technicians' phones
// publish a fix every few seconds (queued while offline and sent as a backlog, as the app does),
// watchers follow each job by its tracking link, dispatcher consoles follow the board and catch
// up with `?since=N`; every socket is dropped now and then and reconnects. Fixes are
// reconciled against the relays' breadcrumbs; board events against their sequence numbers.
import { fetchWithin, SLUG } from "./accounts.ts";
import { specOf } from "./child.ts";
import { type SoakLiveResult, SoakLiveSpec, type SoakTechnician } from "./soak-specs.ts";
import { openSocket } from "./sockets.ts";

const spec = specOf(SoakLiveSpec);
const until = Date.now() + spec.seconds * 1000;
const ws = spec.baseUrl.replace(/^http/, "ws");
const origin = spec.baseUrl;
const statuses: Record<string, number> = {};
const failures: string[] = [];
const note = (line: string) => {
	if (failures.length < 50) failures.push(`${new Date().toISOString()} ${line}`);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const running = () => Date.now() < until;
/** Exponentially distributed wait with the given mean, so drops do not line up. */
const nextDropMs = () => -Math.log(1 - Math.random()) * spec.meanSecondsBetweenDrops * 1000;

type Counts = {
	opened: number;
	openFailures: number;
	droppedByUs: number;
	closedByServer: number;
	closeCodes: Record<string, number>;
};
const counts = (): Counts => ({
	opened: 0,
	openFailures: 0,
	droppedByUs: 0,
	closedByServer: 0,
	closeCodes: {},
});
/** How each socket ended, for explaining a lost fix. */
const endings = new WeakMap<WebSocket, { at: number; code: number; ours: boolean }>();
const sockets = { publishers: counts(), watchers: counts(), consoles: counts() };

/**
 * One socket kept open for the whole run: reopened after every close (with a short backoff), and
 * closed by us at random moments. `open` opens it; `onOpen` runs once it is up.
 */
function keepOpen(
	kind: keyof typeof sockets,
	open: () => Promise<WebSocket>,
	onOpen: (socket: WebSocket) => void,
	onClose: () => void,
) {
	let current: WebSocket | null = null;
	let stopped = false;
	const connect = async () => {
		for (let attempt = 0; !stopped; attempt++) {
			try {
				const socket = await open();
				sockets[kind].opened++;
				current = socket;
				let ours = false;
				socket.addEventListener("close", (e) => {
					if (current === socket) current = null;
					endings.set(socket, { at: Date.now(), code: e.code, ours: ours || stopped });
					// Closed by the end of the run (stop) is neither a drop nor the server's doing.
					if (!ours && !stopped) {
						sockets[kind].closedByServer++;
						sockets[kind].closeCodes[e.code] = (sockets[kind].closeCodes[e.code] ?? 0) + 1;
					}
					onClose();
					if (!stopped) setTimeout(connect, 300 + Math.random() * 1500);
				});
				onOpen(socket);
				const drop = setTimeout(() => {
					if (stopped || socket.readyState !== WebSocket.OPEN) return;
					ours = true;
					sockets[kind].droppedByUs++;
					socket.close(1000, "soak drop");
				}, nextDropMs());
				socket.addEventListener("close", () => clearTimeout(drop));
				return;
			} catch (err) {
				sockets[kind].openFailures++;
				if (sockets[kind].openFailures <= 5) note(`${kind}: ${String(err)}`);
				await sleep(Math.min(5000, 300 * 2 ** attempt));
			}
		}
	};
	void connect();
	return {
		socket: () => current,
		stop() {
			stopped = true;
			try {
				current?.close(1000, "soak over");
			} catch {
				// closing already
			}
		},
	};
}

// —— Phones ——
type Fix = { lat: number; lng: number; accuracy: number; heading: number; speed: number; at: number };
const sent = new Map<string, Set<number>>();
/** The socket each fix went out on and when, keyed by job and fix time. */
const sentOn = new Map<string, { socket: WebSocket; at: number; frame: string }>();
const received = new Map<string, Set<number>>();
const recorded = new Map<string, Set<number>>();
let unsent = 0;

function phone(tech: SoakTechnician, index: number) {
	const queue: Fix[] = [];
	const mine = new Set<number>();
	sent.set(tech.jobId, mine);
	const link = keepOpen(
		"publishers",
		() => openSocket(`${ws}/api/t/${SLUG}/jobs/${tech.jobId}/live`, { Origin: origin, Cookie: tech.cookie }),
		() => {},
		() => {},
	);
	let f = 0;
	const tick = async () => {
		// Offset per phone, so twenty phones do not publish in the same millisecond.
		await sleep((index * spec.fixIntervalMs) / spec.technicians.length);
		while (running()) {
			f++;
			queue.push({
				lat: 40.7 + index * 0.002 + f * 0.0001,
				lng: -74.0 + f * 0.0001,
				accuracy: 8,
				heading: 45,
				speed: 9,
				at: Date.now(),
			});
			const socket = link.socket();
			if (socket && socket.readyState === WebSocket.OPEN) {
				// One frame per interval (the relay drops faster ones): the backlog first, up to 30 fixes.
				const batch = queue.splice(0, 30);
				const frame =
					batch.length === 1
						? { type: "position", position: batch[0] }
						: { type: "backlog", positions: batch };
				try {
					socket.send(JSON.stringify(frame));
					for (const fix of batch) {
						mine.add(fix.at);
						sentOn.set(`${tech.jobId}:${fix.at}`, { socket, at: Date.now(), frame: frame.type });
					}
				} catch {
					queue.unshift(...batch);
				}
			}
			await sleep(spec.fixIntervalMs);
		}
		unsent += queue.length;
		link.stop();
	};
	return tick();
}

// —— Watchers ——
const PositionMessage = (data: string): number | null => {
	try {
		const m = JSON.parse(data) as { type?: string; position?: { at?: unknown } | null };
		if ((m.type === "position" || m.type === "snapshot") && typeof m.position?.at === "number")
			return m.position.at;
	} catch {
		// a pong
	}
	return null;
};

function watcher(tech: SoakTechnician) {
	const seen = received.get(tech.jobId) ?? new Set<number>();
	received.set(tech.jobId, seen);
	return keepOpen(
		"watchers",
		() =>
			openSocket(`${ws}/api/track/${tech.token}/live`, { Origin: origin }, (data) => {
				const at = PositionMessage(data);
				if (at !== null) seen.add(at);
			}),
		() => {},
		() => {},
	);
}

// —— Consoles ——
const board = { events: 0, caughtUp: 0, missed: 0, resyncs: 0 };

async function boardSeq(): Promise<number> {
	const res = await fetchWithin(`${spec.baseUrl}/api/d/${SLUG}/board`, {
		headers: { Cookie: spec.staffCookie },
	});
	statuses[res.status] = (statuses[res.status] ?? 0) + 1;
	const body = (await res.json()) as { seq?: unknown };
	if (typeof body.seq !== "number") throw new Error(`board answered ${res.status} without a seq`);
	return body.seq;
}

function console_(startSeq: number) {
	let lastSeq = startSeq;
	/** Until its hello arrives, a reconnected console is catching up. */
	let catchingUp = true;
	const onMessage = (data: string) => {
		let m: { type?: string; seq?: unknown };
		try {
			m = JSON.parse(data) as typeof m;
		} catch {
			return; // pong
		}
		if (typeof m.seq !== "number") return;
		if (m.type === "resync") {
			board.resyncs++;
			lastSeq = m.seq;
			return;
		}
		if (m.type === "hello") {
			if (m.seq > lastSeq) board.missed += m.seq - lastSeq;
			lastSeq = Math.max(lastSeq, m.seq);
			catchingUp = false;
			return;
		}
		if (m.type !== "job" && m.type !== "alert") return; // positions carry the current number, unnumbered
		board.events++;
		if (catchingUp) board.caughtUp++;
		if (m.seq > lastSeq + 1) board.missed += m.seq - lastSeq - 1;
		lastSeq = Math.max(lastSeq, m.seq);
	};
	const link = keepOpen(
		"consoles",
		() => {
			catchingUp = true;
			return openSocket(
				`${ws}/api/d/${SLUG}/board/live?since=${lastSeq}`,
				{ Origin: origin, Cookie: spec.staffCookie },
				onMessage,
			);
		},
		() => {},
		() => {},
	);
	return { lastSeq: () => lastSeq, stop: link.stop };
}

// —— Reconciliation ——
async function reconcile() {
	await Promise.all(
		spec.technicians.map(async (t) => {
			try {
				const res = await fetchWithin(`${spec.baseUrl}/dev/soak/job-relay/${t.jobId}/breadcrumbs`);
				statuses[res.status] = (statuses[res.status] ?? 0) + 1;
				const { at } = (await res.json()) as { at: number[] };
				const set = recorded.get(t.jobId) ?? new Set<number>();
				for (const a of at) set.add(a);
				recorded.set(t.jobId, set);
			} catch (err) {
				statuses[0] = (statuses[0] ?? 0) + 1;
				note(`breadcrumbs of ${t.jobId}: ${String(err)}`);
			}
		}),
	);
}

const consoles: Array<ReturnType<typeof console_>> = [];
const startSeq = await boardSeq();
for (let i = 0; i < spec.consoles; i++) consoles.push(console_(startSeq));
const watchers = spec.technicians.flatMap((t) =>
	Array.from({ length: spec.watchersPerJob }, () => watcher(t)),
);
const phones = spec.technicians.map((t, i) => phone(t, i));
const reconciler = (async () => {
	while (running()) {
		await sleep(spec.reconcileEverySeconds * 1000);
		await reconcile();
	}
})();
await Promise.all(phones);
await reconciler;
// The last fixes and the bookings still retrying land; then the consoles must be level with the gate.
await sleep(4000);
await reconcile();
let finalSeq = await boardSeq();
for (let i = 0; i < 30; i++) {
	await sleep(2000);
	const seq = await boardSeq();
	if (seq === finalSeq && consoles.every((c) => c.lastSeq() >= seq)) break;
	finalSeq = seq;
}
for (const w of watchers) w.stop();
const behindAtEnd = consoles.map((c) => Math.max(0, finalSeq - c.lastSeq()));
for (const c of consoles) c.stop();

let sentCount = 0;
let recordedCount = 0;
let lost = 0;
let notDelivered = 0;
const lostSamples: Array<{ jobId: string; at: number; fate: string }> = [];
for (const [jobId, ats] of sent) {
	const kept = recorded.get(jobId) ?? new Set<number>();
	const seen = received.get(jobId) ?? new Set<number>();
	for (const at of ats) {
		sentCount++;
		if (kept.has(at)) recordedCount++;
		if (!kept.has(at) && !seen.has(at)) {
			lost++;
			if (lostSamples.length < 10) {
				const how = sentOn.get(`${jobId}:${at}`);
				const end = how ? endings.get(how.socket) : undefined;
				const fate = !how
					? "no record"
					: end
						? `sent as ${how.frame}; its socket closed ${end.at - how.at} ms later (code ${end.code}, ${end.ours ? "by us" : "by the server"})`
						: `sent as ${how.frame}; its socket stayed open`;
				lostSamples.push({ jobId, at, fate });
			}
		}
		if (kept.has(at) && !seen.has(at)) notDelivered++;
	}
}
const result: SoakLiveResult = {
	statuses,
	sockets,
	fixes: {
		sent: sentCount,
		unsent,
		recorded: recordedCount,
		lost,
		notDeliveredToAnyWatcher: notDelivered,
		lostSamples,
	},
	board: { consoles: spec.consoles, ...board, finalSeq, behindAtEnd },
	failures,
};
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
