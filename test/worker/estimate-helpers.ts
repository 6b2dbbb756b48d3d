import { env } from "cloudflare:workers";
import * as schema from "../../schema";
import { newId } from "../../workers/domain/ids";
import { signIn } from "./auth-helpers";
import { db, makeAccount, makeContact, makeStaff, makeTenant, type TestTenant } from "./fixtures";
import { makeAdmin, send } from "./staff-helpers";

export type EstimateBody = Record<string, unknown>;

/** A location of an account, for location-scoped contacts and estimates. */
export async function makeLocation(tenant: TestTenant, accountId: string, name = "Uptown branch") {
	const id = newId("loc");
	await db.insert(schema.locations).values({
		id,
		tenantId: tenant.id,
		accountId,
		name,
		line1: "12 Mill Road",
		city: "Springfield",
		createdAt: Date.now(),
	});
	return { id, name };
}

type Role = "admin" | "booker" | "billing" | "viewer";

async function contactWith(
	tenant: TestTenant,
	email: string,
	name: string,
	accountId: string,
	role: Role,
	locationId: string | null = null,
) {
	const c = await makeContact(tenant, { email, name, accountId });
	await env.DB.prepare("UPDATE contacts SET role = ?, location_id = ? WHERE id = ?")
		.bind(role, locationId, c.id)
		.run();
	if (locationId) {
		await env.DB.prepare(
			"INSERT INTO contact_locations (tenant_id, contact_id, location_id) VALUES (?, ?, ?)",
		)
			.bind(tenant.id, c.id, locationId)
			.run();
	}
	return c;
}

/**
 * A service tenant (8.25 % tax) with a dispatcher and one account: an admin, a booker at the
 * Uptown location, a booker without one, billing and viewer contacts; and a second account
 * with its own admin. Everyone signed in.
 */
export async function estimateSetup(settings: Record<string, unknown> = {}) {
	const tenant = await makeTenant({
		jobKinds: ["pickup_delivery", "service_call"],
		taxRateBps: 825,
		...settings,
	});
	const account = await makeAccount(tenant, "Harbor Clinic");
	const other = await makeAccount(tenant, "Other Co");
	const location = await makeLocation(tenant, account.id);
	const admin = await contactWith(tenant, "ana.admin@clinic.example", "Ana Admin", account.id, "admin");
	const booker = await contactWith(
		tenant,
		"bo.booker@clinic.example",
		"Bo Booker",
		account.id,
		"booker",
		location.id,
	);
	const loner = await contactWith(tenant, "lu.loner@clinic.example", "Lu Loner", account.id, "booker");
	const billing = await contactWith(
		tenant,
		"bill@clinic.example",
		"Bill Ing",
		account.id,
		"billing",
		location.id,
	);
	const viewer = await contactWith(
		tenant,
		"vi.viewer@clinic.example",
		"Vi Viewer",
		account.id,
		"viewer",
		location.id,
	);
	const outsider = await contactWith(tenant, "oz@other.example", "Oz Outsider", other.id, "admin");
	await makeAdmin(tenant, "boss@fleet.example", "Ada Admin");
	await makeStaff(tenant, "desk@fleet.example", "Dot Dispatcher");
	const [staffCookie, adminC, bookerC, lonerC, billingC, viewerC, outsiderC] = await Promise.all([
		signIn(tenant.slug, "desk@fleet.example", "d"),
		signIn(tenant.slug, "ana.admin@clinic.example", "c"),
		signIn(tenant.slug, "bo.booker@clinic.example", "c"),
		signIn(tenant.slug, "lu.loner@clinic.example", "c"),
		signIn(tenant.slug, "bill@clinic.example", "c"),
		signIn(tenant.slug, "vi.viewer@clinic.example", "c"),
		signIn(tenant.slug, "oz@other.example", "c"),
	]);
	return {
		tenant,
		account,
		other,
		location,
		contacts: { admin, booker, loner, billing, viewer, outsider },
		staff: staffCookie,
		cookies: {
			admin: adminC,
			booker: bookerC,
			loner: lonerC,
			billing: billingC,
			viewer: viewerC,
			outsider: outsiderC,
		},
	};
}

export type EstimateFixture = Awaited<ReturnType<typeof estimateSetup>>;

/** Lines of a typical estimate: labour, parts, and one optional extra. */
export const sampleLines = () => [
	{ description: "Labour", quantity: 2.5, unitPriceMinor: 8_000 },
	{ description: "Valve (brass)", quantity: "1", unitPriceMinor: 4_599 },
	{ description: "Descale the boiler", quantity: 1, unitPriceMinor: 12_000, optional: true },
];

/** A day `days` from today, "YYYY-MM-DD" (fixtures use America/New_York; a day ahead is safe either side of UTC). */
export const dayFromNow = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export type StaffEstimateView = {
	id: string;
	number: number;
	version: number;
	status: string;
	subtotalMinor: number;
	taxMinor: number;
	totalMinor: number;
	optionalMinor: number;
	currency: string;
	lines: Array<{
		id: string;
		description: string;
		quantity: number;
		unitPriceMinor: number;
		totalMinor: number;
		optional: boolean;
	}>;
	versions: Array<{ version: number; changes: Record<string, unknown> | null; lines: Array<{ id: string }> }>;
	recipients: Array<{ email: string }>;
	jobId: string | null;
	approval: {
		signedName: string;
		contentSha256: string;
		optionalItemIds: string[];
		ip: string | null;
	} | null;
};

/** A dispatcher creates an estimate (default: for the account, for nobody in particular). */
export async function createEstimate(s: EstimateFixture, body: EstimateBody = {}) {
	const res = await send(`/api/d/${s.tenant.slug}/estimates`, s.staff, "POST", {
		accountId: s.account.id,
		title: "Boiler service",
		lines: sampleLines(),
		expiresAt: dayFromNow(14),
		terms: "Payment within 30 days.",
		...body,
	});
	if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
	return res.json<StaffEstimateView>();
}

/** Creates and shares an estimate; answers it as shared. */
export async function sharedEstimate(s: EstimateFixture, body: EstimateBody = {}) {
	const created = await createEstimate(s, body);
	const res = await send(`/api/d/${s.tenant.slug}/estimates/${created.id}/share`, s.staff, "POST");
	if (res.status !== 200) throw new Error(`share: ${res.status} ${await res.text()}`);
	return res.json<StaffEstimateView>();
}

/** A customer's approval with a key of its own unless given. */
export function approve(
	s: EstimateFixture,
	cookie: string,
	id: string,
	body: Record<string, unknown>,
	key: string = crypto.randomUUID(),
) {
	return send(`/api/c/${s.tenant.slug}/estimates/${id}/approve`, cookie, "POST", body, {
		"Idempotency-Key": key,
		"CF-Connecting-IP": "203.0.113.9",
	});
}

/** Puts an estimate's expiry in the past, as time passing would. */
export async function expire(id: string) {
	await env.DB.prepare("UPDATE estimates SET expires_at = ? WHERE id = ?")
		.bind(Date.now() - 1000, id)
		.run();
}
