// One kind of request at a time, closed-loop, as the profile and the memory phases drive them.
import { ACME } from "../../schema/demo/people.ts";
import { SLUG, signIn } from "./accounts.ts";
import { pickupBooking } from "./bookings.ts";
import type { HttpLoadSpec } from "./specs.ts";

/**
 * Signs in as the demo customer and returns the loads by name: `bookings` (each with a fresh
 * key, references starting with `reference`), `noop` (an RPC to the tenant's gate), `read` (the
 * customer's jobs) and `health`.
 */
export async function singleLoads(
	baseUrl: string,
	options: { concurrency: number; seconds: number; reference: string },
): Promise<Record<string, HttpLoadSpec>> {
	const cookie = await signIn(baseUrl, "customer");
	const { timezone } = (await (await fetch(`${baseUrl}/api/tenants/${SLUG}`)).json()) as { timezone: string };
	const loop = {
		mode: { kind: "closed", concurrency: options.concurrency },
		seconds: options.seconds,
	} as const;
	return {
		bookings: {
			url: `${baseUrl}/api/c/${SLUG}/bookings`,
			method: "POST",
			headers: { Cookie: cookie },
			body: JSON.stringify(pickupBooking(timezone, options.reference)),
			freshIdempotencyKey: true,
			...loop,
		},
		noop: { url: `${baseUrl}/dev/bench/tenant-gate/${ACME.id}/noop`, method: "POST", ...loop },
		read: { url: `${baseUrl}/api/c/${SLUG}/jobs`, headers: { Cookie: cookie }, ...loop },
		health: { url: `${baseUrl}/api/health`, ...loop },
	};
}
