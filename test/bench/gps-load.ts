// Load generator (a child process on the load core): opens N watcher sockets on one job, then
// publishes fixes as the technician's phone would and times each fix's arrival at each watcher.
import { z } from "zod";
import { specOf } from "./child.ts";
import { openSocket } from "./sockets.ts";
import { type GpsLoadResult, GpsLoadSpec } from "./specs.ts";

const OPEN_AT_ONCE = 50;

const spec = specOf(GpsLoadSpec);
/** Send time of each published fix, keyed by its `at`, which every receiver sees again. */
const sentAt = new Map<number, number>();
const latencies: number[] = [];

const open = openSocket;

const PositionMessage = z.object({ type: z.literal("position"), position: z.object({ at: z.number() }) });

function onWatcherMessage(data: string) {
	const received = performance.now();
	const message = PositionMessage.safeParse(JSON.parse(data));
	if (!message.success) return;
	const sent = sentAt.get(message.data.position.at);
	if (sent !== undefined) latencies.push(received - sent);
}

const connectStart = performance.now();
const watchers: WebSocket[] = [];
for (let i = 0; i < spec.watchers; i += OPEN_AT_ONCE) {
	const batch = Math.min(OPEN_AT_ONCE, spec.watchers - i);
	watchers.push(
		...(await Promise.all(
			Array.from({ length: batch }, () => open(spec.watcherUrl, { Origin: spec.origin }, onWatcherMessage)),
		)),
	);
}
const connectSeconds = (performance.now() - connectStart) / 1000;
const publisher = await open(spec.publisherUrl, { Origin: spec.origin, Cookie: spec.publisherCookie });

// A path heading north-east from lower Manhattan, one fix per frame.
for (let f = 0; f < spec.frames; f++) {
	const at = Date.now() + f; // distinct even if two frames share a millisecond
	const fix = { lat: 40.7 + f * 0.0005, lng: -74.01 + f * 0.0005, accuracy: 8, heading: 45, speed: 9, at };
	sentAt.set(at, performance.now());
	publisher.send(JSON.stringify({ type: "position", position: fix }));
	await new Promise((r) => setTimeout(r, spec.intervalMs));
}
// The last frame had a whole interval to arrive; give stragglers one more.
await new Promise((r) => setTimeout(r, spec.intervalMs));
for (const ws of [...watchers, publisher]) ws.close(1000);
const result: GpsLoadResult = {
	latenciesMs: latencies,
	expected: spec.watchers * spec.frames,
	received: latencies.length,
	connectSeconds,
};
// Exit only once the (large) result has reached the pipe: exiting at once can cut it short.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
