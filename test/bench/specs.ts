// What the orchestrator hands each load generator and what it answers, checked on both sides.
import { z } from "zod";

export const HttpLoadSpec = z.object({
	url: z.string(),
	method: z.enum(["GET", "POST"]).default("GET"),
	headers: z.record(z.string(), z.string()).default({}),
	body: z.string().optional(),
	/** Give each request its own Idempotency-Key (bookings). */
	freshIdempotencyKey: z.boolean().default(false),
	mode: z.discriminatedUnion("kind", [
		z.object({ kind: z.literal("open"), ratePerSecond: z.number().positive() }),
		z.object({ kind: z.literal("closed"), concurrency: z.number().int().positive() }),
	]),
	seconds: z.number().positive(),
	warmupSeconds: z.number().min(0).default(1),
});
export type HttpLoadSpec = z.input<typeof HttpLoadSpec>;

export const HttpLoadResult = z.object({
	/** Latency of each completed request in ms; for the open loop counted from its scheduled send time. */
	latenciesMs: z.array(z.number()),
	completed: z.number(),
	errors: z.number(),
	statuses: z.record(z.string(), z.number()),
	seconds: z.number(),
});
export type HttpLoadResult = z.infer<typeof HttpLoadResult>;

/** One receiving process of the GPS benchmark: its share of the watchers. */
export const GpsWatchersSpec = z.object({
	/** ws:// URL each watcher opens (a tracking link's live feed). */
	watcherUrl: z.string(),
	origin: z.string(),
	watchers: z.number().int().positive(),
});
export type GpsWatchersSpec = z.input<typeof GpsWatchersSpec>;

/** A time on the machine-wide monotonic clock (test/bench/clock.ts), keyed by the fix's `at`. */
const AtTime = z.tuple([z.number(), z.number()]);

export const GpsWatchersResult = z.object({
	sockets: z.number().int(),
	/** [at, received]: the first arrival of each fix at each socket. */
	samples: z.array(AtTime),
	/** A fix a socket had already received (not counted again). */
	duplicates: z.number().int(),
	/** Position messages whose `at` could not be read. */
	unreadable: z.number().int(),
	connectSeconds: z.number(),
});
export type GpsWatchersResult = z.infer<typeof GpsWatchersResult>;

export const GpsPublisherSpec = z.object({
	/** ws:// URL the technician publishes on. */
	publisherUrl: z.string(),
	publisherCookie: z.string(),
	origin: z.string(),
	frames: z.number().int().positive(),
	intervalMs: z.number().int().positive(),
});
export type GpsPublisherSpec = z.input<typeof GpsPublisherSpec>;

export const GpsPublisherResult = z.object({
	/** [at, sent] of each fix published. */
	sent: z.array(AtTime),
});
export type GpsPublisherResult = z.infer<typeof GpsPublisherResult>;
