import { z } from "zod";
import { jobStatuses, stopKinds } from "../../schema/job-values";

// Before the first object schema: zod would otherwise probe `new Function` to compile faster
// parsers, and the web app's CSP (`script-src 'self'`, no eval) reports every probe as a
// violation. Workers allow no eval either, so nothing changes on the server.
z.config({ jitless: true });

/**
 * Every message that crosses a WebSocket, shared by the Worker and the web app, parsed
 * with zod on arrival on both sides.
 */

const StopSummary = z.object({
	kind: z.enum(stopKinds),
	line1: z.string(),
	city: z.string(),
});

export const JobStatus = z.enum(jobStatuses);
export type JobStatus = z.infer<typeof JobStatus>;

/** A job as the dispatcher's board shows it. */
export const BoardJob = z.object({
	id: z.string(),
	number: z.number(),
	kind: z.string(),
	status: JobStatus,
	source: z.string(),
	customerName: z.string().nullable(),
	accountName: z.string().nullable(),
	reference: z.string().nullable(),
	windowStart: z.string().nullable(),
	windowEnd: z.string().nullable(),
	stops: z.array(StopSummary),
	technicianId: z.string().nullable(),
	technicianName: z.string().nullable(),
	pausedMessage: z.string().nullable(),
	updatedAt: z.string(),
	/** The last attempt that could not be completed, while the job is open again; null otherwise. */
	failedAttempt: z
		.object({ reason: z.enum(["nobody_home", "refused", "no_access", "other"]), text: z.string().nullable() })
		.nullable(),
});
export type BoardJob = z.infer<typeof BoardJob>;

/** A technician's reported position (what the phone sends, minus nothing). */
export const PositionFix = z.object({
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracy: z.number().min(0).max(100_000).nullable(),
	heading: z.number().min(0).max(360).nullable(),
	speed: z.number().min(0).max(120).nullable(),
	/** When the phone took the fix, epoch ms. */
	at: z.number().int(),
});
export type PositionFix = z.infer<typeof PositionFix>;

export const Eta = z.object({
	/** Seconds until arrival at the next stop. */
	seconds: z.number().int().min(0),
	confidence: z.enum(["low", "medium", "high"]),
	/** Within 150 m of the stop. */
	arriving: z.boolean(),
	distanceMeters: z.number().min(0),
});
export type Eta = z.infer<typeof Eta>;

/** Board fan-out: TenantGate → dispatcher consoles. `seq` orders events for catch-up after a reconnect. */
export const BoardMessage = z.discriminatedUnion("type", [
	z.object({ type: z.literal("hello"), seq: z.number().int() }),
	/** The client missed more than the gate keeps: reload the board. */
	z.object({ type: z.literal("resync"), seq: z.number().int() }),
	z.object({ type: z.literal("job"), seq: z.number().int(), job: BoardJob }),
	z.object({
		type: z.literal("position"),
		seq: z.number().int(),
		jobId: z.string(),
		technicianId: z.string(),
		position: PositionFix,
	}),
	z.object({ type: z.literal("alert"), seq: z.number().int(), unread: z.number().int() }),
]);
export type BoardMessage = z.infer<typeof BoardMessage>;
/** A board event before the gate numbers it. */
export type BoardEvent =
	| { type: "job"; job: BoardJob }
	| { type: "position"; jobId: string; technicianId: string; position: PositionFix }
	| { type: "alert"; unread: number };

/** Technician phone → JobRelay. */
export const TechnicianMessage = z.discriminatedUnion("type", [
	z.object({ type: z.literal("position"), position: PositionFix }),
	/** Fixes buffered while offline, oldest first, sent in one frame on reconnect. */
	z.object({ type: z.literal("backlog"), positions: z.array(PositionFix).min(1).max(30) }),
	z.object({ type: z.literal("ping") }),
]);
export type TechnicianMessage = z.infer<typeof TechnicianMessage>;

/** JobRelay → watchers (customer, tracking link, dispatcher) and the technician. */
export const RelayMessage = z.discriminatedUnion("type", [
	z.object({
		type: z.literal("snapshot"),
		status: JobStatus,
		pausedMessage: z.string().nullable(),
		position: PositionFix.nullable(),
		eta: Eta.nullable(),
		/** The stop the ETA is to, so a map can mark it (the watcher's own address). */
		destination: z.object({ lat: z.number(), lng: z.number() }).nullable(),
	}),
	z.object({ type: z.literal("position"), position: PositionFix, eta: Eta.nullable() }),
	z.object({ type: z.literal("status"), status: JobStatus, pausedMessage: z.string().nullable() }),
	z.object({ type: z.literal("pong") }),
]);
export type RelayMessage = z.infer<typeof RelayMessage>;
