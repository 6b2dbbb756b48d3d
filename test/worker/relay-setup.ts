import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { postJson, signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { makeAccount, makeContact, makeStaff, makeTechnician, makeTenant } from "./fixtures";

/** The pickup stop used by live-tracking tests: Times Square. */
export const PICKUP = { lat: 40.758, lng: -73.9855 };

/** A tenant with a customer's job assigned to a technician who is on the way to the pickup. */
export async function jobEnRoute() {
	const tenant = await makeTenant();
	const account = await makeAccount(tenant);
	const customerEmail = `c-${crypto.randomUUID().slice(0, 6)}@firm.example`;
	const contact = await makeContact(tenant, {
		email: customerEmail,
		name: "Cara Customer",
		accountId: account.id,
	});
	await makeStaff(tenant, "desk@fleet.example", "Dee Desk");
	const tech = await makeTechnician(tenant, "van@fleet.example", "Val Van");
	const customer = await signIn(tenant.slug, customerEmail, "c");
	const staff = await signIn(tenant.slug, "desk@fleet.example", "d");
	const technician = await signIn(tenant.slug, "van@fleet.example", "t");
	const job = await (await book(tenant.slug, customer, pickupBody())).json<{ id: string }>();
	await env.DB.prepare("UPDATE job_stops SET lat_e6 = ?, lng_e6 = ? WHERE job_id = ? AND seq = 1")
		.bind(PICKUP.lat * 1e6, PICKUP.lng * 1e6, job.id)
		.run();
	expect(
		(
			await postJson(
				`/api/d/${tenant.slug}/jobs/${job.id}/assign`,
				{ technicianId: tech.id },
				{ Cookie: staff },
			)
		).status,
	).toBe(200);
	expect((await setStatus(tenant.slug, job.id, technician, "en_route")).status).toBe(200);
	return { tenant, contact, tech, job, customer, staff, technician };
}

export function setStatus(slug: string, jobId: string, cookie: string, status: string, message?: string) {
	return postJson(`/api/t/${slug}/jobs/${jobId}/status`, { status, message }, { Cookie: cookie });
}

/** A GPS frame `metersNorth` of the pickup. */
export function fixFrame(metersNorth: number, extra: Record<string, unknown> = {}) {
	return JSON.stringify({
		type: "position",
		position: {
			lat: PICKUP.lat + metersNorth / 111_320,
			lng: PICKUP.lng,
			accuracy: 10,
			heading: 180,
			speed: 10,
			at: Date.now(),
			...extra,
		},
	});
}
