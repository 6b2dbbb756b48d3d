// One receiving process of the GPS benchmark (several run side by side): opens its share of the
// watcher sockets, says `ready`, and notes when each fix reaches each socket until told `done`
// on its input. No schema parsing per message: the fix's `at` is found by a string search, so
// the receiving side costs as little as it can and the figure is the relay's, not ours.
import { specOf } from "./child.ts";
import { monotonicMs } from "./clock.ts";
import { openSocket } from "./sockets.ts";
import { type GpsWatchersResult, GpsWatchersSpec } from "./specs.ts";

const OPEN_AT_ONCE = 50;
const POSITION = '{"type":"position","position":{';
const AT = '"at":';

const spec = specOf(GpsWatchersSpec);
/** [at, received] per position message, across all this process's sockets. */
const samples: Array<[number, number]> = [];
let duplicates = 0;
let unreadable = 0;

/** The fix's own `at` (the publisher's key), read without parsing the message. */
function atOf(data: string): number | null {
	if (!data.startsWith(POSITION)) return null;
	const i = data.indexOf(AT, POSITION.length);
	if (i < 0) return null;
	const at = Number.parseInt(data.slice(i + AT.length, i + AT.length + 20), 10);
	return Number.isFinite(at) ? at : null;
}

function watcher() {
	const seen = new Set<number>();
	return (data: string) => {
		const received = monotonicMs();
		const at = atOf(data);
		if (at === null) {
			if (data.includes('"type":"position"')) unreadable++;
			return;
		}
		if (seen.has(at)) {
			duplicates++;
			return;
		}
		seen.add(at);
		samples.push([at, received]);
	};
}

const connectStart = monotonicMs();
const sockets: WebSocket[] = [];
for (let i = 0; i < spec.watchers; i += OPEN_AT_ONCE) {
	const batch = Math.min(OPEN_AT_ONCE, spec.watchers - i);
	sockets.push(
		...(await Promise.all(
			Array.from({ length: batch }, () => openSocket(spec.watcherUrl, { Origin: spec.origin }, watcher())),
		)),
	);
}
const connectSeconds = (monotonicMs() - connectStart) / 1000;
process.stdout.write("ready\n");

// The orchestrator writes `done` once the publisher finished (and stragglers had their time).
process.stdin.setEncoding("utf8");
let input = "";
await new Promise<void>((done) => {
	process.stdin.on("data", (d: string) => {
		input += d;
		if (input.includes("done")) done();
	});
	process.stdin.on("end", () => done());
});
for (const ws of sockets) ws.close(1000);
const result: GpsWatchersResult = {
	sockets: sockets.length,
	samples,
	duplicates,
	unreadable,
	connectSeconds,
};
// Exit only once the (large) result has reached the pipe: exiting at once can cut it short.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
