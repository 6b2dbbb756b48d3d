/**
 * The values a job's kind, its status and its stops' kinds take. They import nothing, so the live
 * messages the web app parses can name them without bundling the tables.
 */
export const jobStatuses = [
	"unassigned",
	"assigned",
	"en_route",
	"in_progress",
	"paused",
	"completed",
	"cancelled",
] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** The statuses of a job still to be done: the board's lanes and a technician's open day. */
export const openJobStatuses = ["unassigned", "assigned", "en_route", "in_progress", "paused"] as const;

export const stopKinds = ["pickup", "dropoff", "service"] as const;
export type StopKind = (typeof stopKinds)[number];

export const jobKinds = ["pickup_delivery", "service_call"] as const;
export type JobKind = (typeof jobKinds)[number];
