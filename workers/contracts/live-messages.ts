import * as z from "zod/mini";
import { jobStatuses, stopKinds } from "../../schema/job-values";

// Before the first object schema: zod would otherwise probe `new Function` to compile faster
// parsers, and the web app's CSP (`script-src 'self'`, no eval) reports every probe as a
// violation. Workers allow no eval either, so nothing changes on the server.
z.config({ jitless: true });

/**
 * Every message that crosses a WebSocket, shared by the Worker and the web app, parsed
 * with zod on arrival on both sides. In `zod/mini`, imported as a namespace so the bundler keeps
 * only what these schemas use (about 6 kB gzipped): the live views, the board and the technician
 * app load them, and classic zod would be 88 kB of script for a phone to parse.
 */

/** The zod calls `boardSchemas` makes, handed over one by one: a whole namespace would keep all of zod. */
const MINI = {
	array: z.array,
	enum: z.enum,
	gte: z.gte,
	int: z.int,
	lte: z.lte,
	nullable: z.nullable,
	number: z.number,
	object: z.object,
	string: z.string,
};
export type BoardSchemaKit = typeof MINI;

/**
 * The schemas the HTTP API's document shows too (the board's jobs and positions), built from the
 * zod calls given: `zod/mini`'s here, and classic zod's for the OpenAPI document
 * (contracts/board.ts), whose generator reads only classic schemas. Both take these calls the same
 * way, so the socket's check and the document come from one definition.
 */
export function boardSchemas(zod: BoardSchemaKit) {
	const StopSummary = zod.object({
		kind: zod.enum(stopKinds),
		line1: zod.string(),
		city: zod.string(),
	});

	const JobStatus = zod.enum(jobStatuses);

	/** A job as the dispatcher's board shows it. */
	const BoardJob = zod.object({
		id: zod.string(),
		number: zod.number(),
		kind: zod.string(),
		status: JobStatus,
		source: zod.string(),
		customerName: zod.nullable(zod.string()),
		accountName: zod.nullable(zod.string()),
		reference: zod.nullable(zod.string()),
		windowStart: zod.nullable(zod.string()),
		windowEnd: zod.nullable(zod.string()),
		stops: zod.array(StopSummary),
		technicianId: zod.nullable(zod.string()),
		technicianName: zod.nullable(zod.string()),
		pausedMessage: zod.nullable(zod.string()),
		updatedAt: zod.string(),
		/** The last attempt that could not be completed, while the job is open again; null otherwise. */
		failedAttempt: zod.nullable(
			zod.object({
				reason: zod.enum(["nobody_home", "refused", "no_access", "other"]),
				text: zod.nullable(zod.string()),
			}),
		),
	});

	/** A technician's reported position (what the phone sends, minus nothing). */
	const PositionFix = zod.object({
		lat: zod.number().check(zod.gte(-90), zod.lte(90)),
		lng: zod.number().check(zod.gte(-180), zod.lte(180)),
		accuracy: zod.nullable(zod.number().check(zod.gte(0), zod.lte(100_000))),
		heading: zod.nullable(zod.number().check(zod.gte(0), zod.lte(360))),
		speed: zod.nullable(zod.number().check(zod.gte(0), zod.lte(120))),
		/** When the phone took the fix, epoch ms. */
		at: zod.int(),
	});
	return { JobStatus, BoardJob, PositionFix };
}

export const { JobStatus, BoardJob, PositionFix } = boardSchemas(MINI);
export type JobStatus = z.infer<typeof JobStatus>;
/** A job as the dispatcher's board shows it. */
export type BoardJob = z.infer<typeof BoardJob>;
/** A technician's reported position (what the phone sends, minus nothing). */
export type PositionFix = z.infer<typeof PositionFix>;

export const Eta = z.object({
	/** Seconds until arrival at the next stop. */
	seconds: z.int().check(z.gte(0)),
	confidence: z.enum(["low", "medium", "high"]),
	/** Within 150 m of the stop. */
	arriving: z.boolean(),
	distanceMeters: z.number().check(z.gte(0)),
});
export type Eta = z.infer<typeof Eta>;

/** Board fan-out: TenantGate → dispatcher consoles. `seq` orders events for catch-up after a reconnect. */
export const BoardMessage = z.discriminatedUnion("type", [
	z.object({ type: z.literal("hello"), seq: z.int() }),
	/** The client missed more than the gate keeps: reload the board. */
	z.object({ type: z.literal("resync"), seq: z.int() }),
	z.object({ type: z.literal("job"), seq: z.int(), job: BoardJob }),
	z.object({
		type: z.literal("position"),
		seq: z.int(),
		jobId: z.string(),
		technicianId: z.string(),
		position: PositionFix,
	}),
	z.object({ type: z.literal("alert"), seq: z.int(), unread: z.int() }),
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
	z.object({
		type: z.literal("backlog"),
		positions: z.array(PositionFix).check(z.minLength(1), z.maxLength(30)),
	}),
	z.object({ type: z.literal("ping") }),
]);
export type TechnicianMessage = z.infer<typeof TechnicianMessage>;

/** JobRelay → watchers (customer, tracking link, dispatcher) and the technician. */
export const RelayMessage = z.discriminatedUnion("type", [
	z.object({
		type: z.literal("snapshot"),
		status: JobStatus,
		pausedMessage: z.nullable(z.string()),
		position: z.nullable(PositionFix),
		eta: z.nullable(Eta),
		/** The stop the ETA is to, so a map can mark it (the watcher's own address). */
		destination: z.nullable(z.object({ lat: z.number(), lng: z.number() })),
	}),
	z.object({ type: z.literal("position"), position: PositionFix, eta: z.nullable(Eta) }),
	z.object({ type: z.literal("status"), status: JobStatus, pausedMessage: z.nullable(z.string()) }),
	z.object({ type: z.literal("pong") }),
]);
export type RelayMessage = z.infer<typeof RelayMessage>;
