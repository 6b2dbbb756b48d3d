import { localDate } from "../tenantTime";

/**
 * The last day an estimate can be approved ("YYYY-MM-DD" in the tenant's zone). `expiresAt` is
 * the instant it stops, the start of the day after, so the day is the one just before it.
 */
export const expiryDay = (expiresAt: string | null, timeZone: string): string | null =>
	expiresAt === null ? null : localDate(Date.parse(expiresAt) - 1, timeZone);
