import { type PositionFix, TechnicianMessage } from "../../contracts/live-messages";

export const MAX_FRAME_BYTES = 4096;
/** The phone sends at most one fix per this interval on average; faster frames are dropped. */
export const MIN_FRAME_INTERVAL_MS = 2000;
/**
 * Frames that may arrive back to back within that pace: two sent 2 s apart can reach a busy relay
 * together (a slow network, a relay handling queued messages in a row), and dropping the second
 * would lose a fix the phone sent on time.
 */
export const FRAME_BURST = 3;
/** A fix stamped further than this from the server's clock is not believed. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Buffered fixes sent after a reconnect may be this old. */
export const MAX_BACKLOG_AGE_MS = 30 * 60_000;
/** Dropped frames after which a socket is closed for violating the policy. */
export const MAX_STRIKES = 5;

export type FrameVerdict =
	/** `paceAt`: the socket's pace after this frame, for the next one. */
	| { accept: true; fixes: PositionFix[]; paceAt: number }
	| { accept: false; reason: "too_large" | "malformed" | "too_fast" | "implausible" | "ping" };

/**
 * Judges one frame from a technician's phone: size, shape (zod), plausible coordinates and
 * time, and the rate limit. Pure, so the rules are testable without a socket.
 *
 * The rate limit keeps a pace per socket (`paceAt`, 0 for a new one; the generic cell rate
 * algorithm): each accepted frame moves it one interval past the later of itself and now, and a
 * frame is accepted while now is no more than `FRAME_BURST - 1` intervals behind it. A steady
 * phone is never refused, a few frames bunched in transit pass, and a flood gets one frame
 * through per interval.
 */
export function judgeFrame(raw: string | ArrayBuffer, paceAt: number, now: number): FrameVerdict {
	const size = typeof raw === "string" ? new TextEncoder().encode(raw).byteLength : raw.byteLength;
	if (size > MAX_FRAME_BYTES) return { accept: false, reason: "too_large" };
	if (typeof raw !== "string") return { accept: false, reason: "malformed" };
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		return { accept: false, reason: "malformed" };
	}
	const parsed = TechnicianMessage.safeParse(json);
	if (!parsed.success) {
		// Out-of-range coordinates fail the schema too; report them as implausible.
		const rangeIssue = parsed.error.issues.some((i) => i.code === "too_big" || i.code === "too_small");
		return { accept: false, reason: rangeIssue ? "implausible" : "malformed" };
	}
	const message = parsed.data;
	if (message.type === "ping") return { accept: false, reason: "ping" };
	const fixes = message.type === "position" ? [message.position] : message.positions;
	const oldest = message.type === "position" ? MAX_CLOCK_SKEW_MS : MAX_BACKLOG_AGE_MS;
	const believable = (f: PositionFix) =>
		f.at <= now + MAX_CLOCK_SKEW_MS && f.at >= now - oldest && !(f.lat === 0 && f.lng === 0);
	if (!fixes.every(believable)) return { accept: false, reason: "implausible" };
	if (now < paceAt - (FRAME_BURST - 1) * MIN_FRAME_INTERVAL_MS) return { accept: false, reason: "too_fast" };
	return {
		accept: true,
		fixes: [...fixes].sort((a, b) => a.at - b.at),
		paceAt: Math.max(paceAt, now) + MIN_FRAME_INTERVAL_MS,
	};
}
