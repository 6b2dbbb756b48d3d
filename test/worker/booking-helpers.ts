import { localDateTime } from "../../workers/domain/time";
import { postJson } from "./auth-helpers";

const HOUR = 3_600_000;

/** A valid pickup booking in the tenant's zone (fixtures use America/New_York). */
export function pickupBody(overrides: Record<string, unknown> = {}) {
	const tz = "America/New_York";
	return {
		kind: "pickup_delivery",
		pickup: {
			address: { line1: "350 Fifth Avenue", city: "New York", region: "NY", postalCode: "10118" },
			contactName: "Front desk",
			contactPhone: "+1 212 555 0100",
			instructions: "Mailroom",
		},
		dropoff: { address: { line1: "60 Centre Street", city: "New York" } },
		readyAt: localDateTime(Date.now() + HOUR, tz),
		deliverBy: localDateTime(Date.now() + 4 * HOUR, tz),
		packageDescription: "Sealed envelope",
		reference: `PO-${crypto.randomUUID().slice(0, 8)}`,
		...overrides,
	};
}

export function book(slug: string, cookie: string, body: unknown, key: string | null = crypto.randomUUID()) {
	return postJson(`/api/c/${slug}/bookings`, body, {
		Cookie: cookie,
		...(key === null ? {} : { "Idempotency-Key": key }),
	});
}
