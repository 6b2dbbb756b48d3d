// The GPS benchmark's publisher, in a process of its own: publishes fixes as the technician's
// phone would and answers when each was sent, keyed by the fix's `at`, on the shared clock.
import { specOf } from "./child.ts";
import { monotonicMs } from "./clock.ts";
import { openSocket } from "./sockets.ts";
import { type GpsPublisherResult, GpsPublisherSpec } from "./specs.ts";

const spec = specOf(GpsPublisherSpec);
const publisher = await openSocket(spec.publisherUrl, { Origin: spec.origin, Cookie: spec.publisherCookie });
const sent: Array<[number, number]> = [];

// A path heading north-east from lower Manhattan, one fix per frame.
for (let f = 0; f < spec.frames; f++) {
	const at = Date.now() + f; // distinct even if two frames share a millisecond
	const fix = { lat: 40.7 + f * 0.0005, lng: -74.01 + f * 0.0005, accuracy: 8, heading: 45, speed: 9, at };
	const frame = JSON.stringify({ type: "position", position: fix });
	sent.push([at, monotonicMs()]);
	publisher.send(frame);
	await new Promise((r) => setTimeout(r, spec.intervalMs));
}
// The last frame had a whole interval to arrive; give stragglers one more.
await new Promise((r) => setTimeout(r, spec.intervalMs));
publisher.close(1000);
const result: GpsPublisherResult = { sent };
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
