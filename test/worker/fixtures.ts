import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../schema";
import type { TenantSettingsJson } from "../../schema/tables/tenants";
import { normalizeEmail } from "../../workers/domain/email";
import { newId } from "../../workers/domain/ids";

export const db = drizzle(env.DB, { schema });

export type TestTenant = { id: string; slug: string; name: string };

/** A fresh tenant of its own for one test, so no test shares rate limits or rows with another. */
export async function makeTenant(settings: TenantSettingsJson = {}): Promise<TestTenant> {
	const id = newId("ten");
	const slug = `t-${crypto.randomUUID().slice(0, 12)}`;
	const name = `Tenant ${slug}`;
	await db
		.insert(schema.tenants)
		.values({ id, slug, name, timezone: "America/New_York", settings, createdAt: Date.now() });
	return { id, slug, name };
}

export async function makeAccount(tenant: TestTenant, name = "Account") {
	const id = newId("acc");
	await db.insert(schema.accounts).values({ id, tenantId: tenant.id, name, createdAt: Date.now() });
	return { id, name };
}

export async function makeContact(
	tenant: TestTenant,
	input: {
		email: string;
		name?: string;
		accountId?: string | null;
		blocked?: boolean;
		role?: "admin" | "booker";
	},
) {
	const id = newId("con");
	await db.insert(schema.contacts).values({
		id,
		tenantId: tenant.id,
		accountId: input.accountId ?? null,
		name: input.name ?? "Test Contact",
		email: input.email,
		emailNormalized: normalizeEmail(input.email),
		role: input.role ?? "booker",
		blockedAt: input.blocked ? Date.now() : null,
		createdAt: Date.now(),
	});
	return { id, email: input.email };
}

export async function makeStaff(tenant: TestTenant, email: string, name = "Dee Spatcher") {
	const id = newId("stf");
	await db.insert(schema.staff).values({
		id,
		tenantId: tenant.id,
		name,
		email,
		emailNormalized: normalizeEmail(email),
		role: "dispatcher",
		createdAt: Date.now(),
	});
	return { id, email };
}

export async function makeTechnician(tenant: TestTenant, email: string, name = "Tess Driver") {
	const id = newId("tec");
	await db.insert(schema.technicians).values({
		id,
		tenantId: tenant.id,
		name,
		email,
		emailNormalized: normalizeEmail(email),
		createdAt: Date.now(),
	});
	return { id, email };
}

let jobNumber = 1;

/** A job typed by a dispatcher with the customer email exactly as given. */
export async function makeJob(tenant: TestTenant, input: { customerEmail: string; customerName?: string }) {
	const id = newId("job");
	const now = Date.now();
	await db.insert(schema.jobs).values({
		id,
		tenantId: tenant.id,
		number: jobNumber++,
		kind: "pickup_delivery",
		source: "dispatcher",
		customerEmail: input.customerEmail,
		customerEmailNormalized: normalizeEmail(input.customerEmail),
		customerName: input.customerName ?? null,
		createdByType: "staff",
		createdAt: now,
		updatedAt: now,
	});
	return { id };
}

/** A random address of the client, so tests never share the per-IP send limit. */
export const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;

/** An endpoint of the tenant's subscribed to `events` (the local inbox answers in process in development). */
export async function makeWebhookEndpoint(
	tenantId: string,
	events: string[],
	url = "https://hooks.example/in",
	secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
): Promise<string> {
	const id = newId("whe");
	await env.DB.prepare(
		"INSERT INTO webhook_endpoints (id, tenant_id, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)",
	)
		.bind(id, tenantId, url, JSON.stringify(events), secret, Date.now())
		.run();
	return id;
}

/** A queue producer that keeps the bodies it was handed, in order. */
export function recordingQueue<Body>() {
	const sent: Body[] = [];
	return {
		sent,
		send: async (body: Body) => void sent.push(body),
		sendBatch: async (messages: Iterable<{ body: Body }>) => {
			for (const m of messages) sent.push(m.body);
		},
	};
}
