import { z } from "zod";
import { JobStatus } from "./live-messages";

/** What passes between the Worker and a job's `JobRelay`: its configuration, and who connects. */

/** Who is on the other end of a relay socket. */
export const RELAY_ROLES = ["technician", "customer", "staff", "tracking"] as const;
export const RelayRole = z.enum(RELAY_ROLES);
export type RelayRole = z.infer<typeof RelayRole>;

/** What the Worker tells the relay about the job, fresh from D1 at every connect and status change. */
export const RelayConfig = z.object({
	tenantId: z.string(),
	jobId: z.string(),
	technicianId: z.string().nullable(),
	status: JobStatus,
	pausedMessage: z.string().nullable(),
	destination: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type RelayConfig = z.infer<typeof RelayConfig>;

/** Who is connecting, as the Worker authenticated them; the headers of the upgrade request. */
export const RelayVisitor = z.object({
	upgrade: z.literal("websocket"),
	role: RelayRole,
	subjectId: z.string().min(1).nullable(),
	sessionHash: z.string().min(1).nullable(),
});
export type RelayVisitor = Omit<z.infer<typeof RelayVisitor>, "upgrade">;

/** The headers `relayUpgradeRequest` writes and `fetch` reads. */
export const VISITOR_HEADERS = {
	role: "X-Relay-Role",
	subjectId: "X-Subject-Id",
	sessionHash: "X-Session-Hash",
} as const;
