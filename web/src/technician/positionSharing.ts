import { PositionFix } from "../../../workers/contracts/live-messages";
import {
	MAX_BACKLOG_AGE_MS,
	MAX_CLOCK_SKEW_MS,
	MAX_FRAME_BYTES,
	MIN_FRAME_INTERVAL_MS,
} from "../../../workers/domain/live/position-frames";
import { openLiveSocket, type SocketState } from "../shared/live/liveSocket";

/**
 * The relay drops frames that arrive less than MIN_FRAME_INTERVAL_MS apart (and closes a
 * repeat offender); the margin absorbs network jitter between our clock and its arrival times.
 */
const SEND_INTERVAL_MS = MIN_FRAME_INTERVAL_MS + 250;
/** The most fixes one backlog frame may carry (TechnicianMessage's limit). */
const BACKLOG_PER_FRAME = 30;
/** Saved while offline: at one fix per interval, about ten minutes without signal. */
const MAX_SAVED = 300;
/** Fixes this close to the relay's age limits are not sent: they would arrive too old. */
const AGE_MARGIN_MS = 30_000;

export type SharingStatus = {
	connection: SocketState["status"];
	/** Fixes kept for the next connection. */
	saved: number;
	/** The last geolocation problem, or null; the page words it in the technician's language. */
	problem: LocationProblem | null;
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const within = (value: number | null, max: number, digits: number) =>
	value === null || !Number.isFinite(value) || value < 0 || value > max ? null : round(value, digits);

/**
 * A browser position as the relay's fix, or null when it is not plausible. Rounded so that
 * thirty of them fit in one 4 KB backlog frame (6 decimals of a degree is ~10 cm).
 */
function toFix(position: GeolocationPosition): PositionFix | null {
	const { latitude, longitude, accuracy, heading, speed } = position.coords;
	const fix = {
		lat: round(latitude, 6),
		lng: round(longitude, 6),
		accuracy: within(accuracy, 100_000, 1),
		// Browsers report NaN while standing still.
		heading: within(heading, 360, 0),
		speed: within(speed, 120, 1),
		at: Math.round(position.timestamp),
	};
	return PositionFix.safeParse(fix).success ? fix : null;
}

/** The first backlog frame for `fixes` (oldest first) and how many fixes it carries. */
function nextBacklogFrame(fixes: PositionFix[]): { text: string; count: number } {
	for (let count = Math.min(fixes.length, BACKLOG_PER_FRAME); ; count--) {
		const text = JSON.stringify({ type: "backlog", positions: fixes.slice(0, count) });
		if (new TextEncoder().encode(text).byteLength <= MAX_FRAME_BYTES || count === 1) return { text, count };
	}
}

export type LocationProblem = "unsupported" | "blocked" | "unavailable" | "timeout";

/** `GeolocationPositionError` codes; an unknown one is treated as "can't find it right now". */
const PROBLEMS: Record<number, LocationProblem> = { 1: "blocked", 2: "unavailable", 3: "timeout" };

/**
 * Shares the phone's position on a job's relay socket until the returned function is called:
 * at most one frame per SEND_INTERVAL_MS (always the newest fix), fixes saved while the
 * connection is down and sent as backlog frames when it is back, reconnecting with backoff.
 */
export function sharePosition(
	path: string,
	geolocation: Geolocation | undefined,
	onStatus: (status: SharingStatus) => void,
): () => void {
	let saved: PositionFix[] = [];
	let latest: PositionFix | null = null;
	let lastFrameAt = 0;
	let open = false;
	let connection: SocketState["status"] = "connecting";
	let problem: LocationProblem | null = geolocation ? null : "unsupported";
	let timer: ReturnType<typeof setTimeout> | undefined;

	const report = () => onStatus({ connection, saved: saved.length, problem });

	const save = (fix: PositionFix) => {
		const last = saved[saved.length - 1];
		// One fix per interval, and the newest of it: a browser's cached fix handed over first
		// must not keep out where the phone is now.
		if (last && fix.at - last.at < MIN_FRAME_INTERVAL_MS) {
			if (fix.at > last.at) saved[saved.length - 1] = fix;
			return;
		}
		saved.push(fix);
		if (saved.length > MAX_SAVED) saved = saved.slice(-MAX_SAVED);
	};

	const flush = () => {
		clearTimeout(timer);
		if (!open) return;
		const now = Date.now();
		const wait = lastFrameAt + SEND_INTERVAL_MS - now;
		if (wait > 0) {
			timer = setTimeout(flush, wait);
			return;
		}
		saved = saved.filter((f) => f.at > now - MAX_BACKLOG_AGE_MS + AGE_MARGIN_MS);
		if (latest && latest.at < now - MAX_CLOCK_SKEW_MS + AGE_MARGIN_MS) latest = null;
		const backlog = saved.length > 0 ? nextBacklogFrame(saved) : null;
		const text = backlog?.text ?? (latest ? JSON.stringify({ type: "position", position: latest }) : null);
		if (!text || !socket.send(text)) return;
		if (backlog) saved = saved.slice(backlog.count);
		else latest = null;
		lastFrameAt = now;
		report();
		if (saved.length > 0 || latest) timer = setTimeout(flush, SEND_INTERVAL_MS);
	};

	const socket = openLiveSocket({
		path,
		onMessage: () => {
			// The relay's snapshots and pongs need no action here.
		},
		onState: ({ status }) => {
			connection = status;
			open = status === "open";
			if (open) {
				// A new socket starts a new rate-limit window at the relay.
				lastFrameAt = 0;
				flush();
			} else if (latest) {
				save(latest);
				latest = null;
			}
			report();
		},
	});

	const watchId = geolocation?.watchPosition(
		(position) => {
			const fix = toFix(position);
			problem = null;
			if (fix) {
				// While a backlog is waiting, new fixes queue behind it to keep their order.
				if (!open || saved.length > 0) save(fix);
				else latest = fix;
				flush();
			}
			report();
		},
		(error) => {
			problem = PROBLEMS[error.code] ?? "unavailable";
			report();
		},
		{ enableHighAccuracy: true, maximumAge: 5_000, timeout: 60_000 },
	);
	report();

	return () => {
		if (watchId !== undefined) geolocation?.clearWatch(watchId);
		clearTimeout(timer);
		socket.close();
	};
}
