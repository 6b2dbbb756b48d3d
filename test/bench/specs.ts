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

export const GpsLoadSpec = z.object({
	/** ws:// URL each watcher opens (a tracking link's live feed). */
	watcherUrl: z.string(),
	/** ws:// URL the technician publishes on. */
	publisherUrl: z.string(),
	publisherCookie: z.string(),
	origin: z.string(),
	watchers: z.number().int().positive(),
	frames: z.number().int().positive(),
	intervalMs: z.number().int().positive(),
});
export type GpsLoadSpec = z.input<typeof GpsLoadSpec>;

export const GpsLoadResult = z.object({
	/** Publish → receive, one sample per watcher per frame received. */
	latenciesMs: z.array(z.number()),
	expected: z.number(),
	received: z.number(),
	connectSeconds: z.number(),
});
export type GpsLoadResult = z.infer<typeof GpsLoadResult>;
