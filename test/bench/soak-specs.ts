// What the soak's orchestrator hands its two traffic processes and what they answer.
import { z } from "zod";

const Statuses = z.record(z.string(), z.number());

export const SoakHttpSpec = z.object({
	baseUrl: z.string(),
	seconds: z.number().positive(),
	timezone: z.string(),
	/** Every booking's reference starts with this, so D1 can be asked for exactly the soak's jobs. */
	referencePrefix: z.string(),
	customerCookie: z.string(),
	staffCookie: z.string(),
	/** Who signs in again and again during the run (rotating), and where. */
	signIns: z.array(z.object({ area: z.enum(["c", "t", "d"]), email: z.string() })),
	signInEverySeconds: z.number().positive(),
	readers: z.number().int().positive(),
	bookers: z.number().int().positive(),
});
export type SoakHttpSpec = z.input<typeof SoakHttpSpec>;

export const BookingRecord = z.object({
	key: z.string(),
	reference: z.string(),
	/** plain: one request then a replay; dropped: the first answer is cut off; double: three at once. */
	kind: z.enum(["plain", "dropped", "double"]),
	/** Every job id a 2xx answer named; more than one is a duplicate. */
	ids: z.array(z.string()),
	/** Whether some request for the key got a 2xx answer. */
	settled: z.boolean(),
	attempts: z.number().int(),
	lastStatus: z.number().int(),
});
export type BookingRecord = z.infer<typeof BookingRecord>;

export const SoakHttpResult = z.object({
	statuses: z.object({ reads: Statuses, signIns: Statuses, bookings: Statuses }),
	signIns: z.object({ completed: z.number(), refused: z.number(), failed: z.number() }),
	bookings: z.array(BookingRecord),
	failures: z.array(z.string()),
});
export type SoakHttpResult = z.infer<typeof SoakHttpResult>;

export const SoakTechnician = z.object({
	technicianId: z.string(),
	cookie: z.string(),
	jobId: z.string(),
	/** The tracking link's token, which the watchers of this job open. */
	token: z.string(),
});
export type SoakTechnician = z.infer<typeof SoakTechnician>;

export const SoakLiveSpec = z.object({
	baseUrl: z.string(),
	seconds: z.number().positive(),
	staffCookie: z.string(),
	technicians: z.array(SoakTechnician),
	watchersPerJob: z.number().int().min(1),
	consoles: z.number().int().min(1),
	fixIntervalMs: z.number().int().positive(),
	/** Mean seconds between drops of one socket by the client (exponentially distributed). */
	meanSecondsBetweenDrops: z.number().positive(),
	reconcileEverySeconds: z.number().positive(),
});
export type SoakLiveSpec = z.input<typeof SoakLiveSpec>;

const SocketCounts = z.object({
	opened: z.number(),
	openFailures: z.number(),
	droppedByUs: z.number(),
	closedByServer: z.number(),
	/** Close codes of the sockets the server closed. */
	closeCodes: z.record(z.string(), z.number()),
});

export const SoakLiveResult = z.object({
	statuses: Statuses,
	sockets: z.object({ publishers: SocketCounts, watchers: SocketCounts, consoles: SocketCounts }),
	fixes: z.object({
		/** Fixes the phones sent on an open socket (as a position or in a backlog). */
		sent: z.number(),
		/** Still queued on a phone when the run ended (never sent: not lost). */
		unsent: z.number(),
		/** Sent and found in the relay's breadcrumbs. */
		recorded: z.number(),
		/** Sent, not in the breadcrumbs, and seen by no watcher: gone. */
		lost: z.number(),
		/** Recorded fixes that no watcher of the job received (watchers were away). */
		notDeliveredToAnyWatcher: z.number(),
		/** Fix times that were lost, per job, for the report (a few). */
		lostSamples: z.array(z.object({ jobId: z.string(), at: z.number(), fate: z.string() })),
	}),
	board: z.object({
		consoles: z.number(),
		/** Numbered events (jobs, alerts) received, summed over consoles, catch-up included. */
		events: z.number(),
		caughtUp: z.number(),
		/** Events skipped (a gap in the numbers, or a hello ahead of the last one seen). */
		missed: z.number(),
		resyncs: z.number(),
		/** The gate's last number at the end, and how far behind it each console ended. */
		finalSeq: z.number(),
		behindAtEnd: z.array(z.number()),
	}),
	failures: z.array(z.string()),
});
export type SoakLiveResult = z.infer<typeof SoakLiveResult>;
