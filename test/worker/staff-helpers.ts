import { env } from "cloudflare:workers";
import { signIn } from "./auth-helpers";
import { makeAccount, makeContact, makeStaff, makeTechnician, makeTenant, type TestTenant } from "./fixtures";
import { call } from "./helpers";

/** A tenant with an admin, a dispatcher, a technician and a customer contact, all signed in. */
export async function consoleSetup() {
	const tenant = await makeTenant();
	const account = await makeAccount(tenant, "Riverside Clinic");
	const contact = await makeContact(tenant, {
		email: "Cal.Client@Clinic.example",
		name: "Cal Client",
		accountId: account.id,
	});
	const admin = await makeAdmin(tenant, "boss@fleet.example", "Ada Admin");
	const dispatcher = await makeStaff(tenant, "desk@fleet.example", "Dot Dispatcher");
	const tech = await makeTechnician(tenant, "van@fleet.example", "Vic Van");
	return {
		tenant,
		account,
		contact,
		admin,
		dispatcher,
		tech,
		adminCookie: await signIn(tenant.slug, "boss@fleet.example", "d"),
		staff: await signIn(tenant.slug, "desk@fleet.example", "d"),
		customer: await signIn(tenant.slug, "cal.client@clinic.example", "c"),
		technician: await signIn(tenant.slug, "van@fleet.example", "t"),
	};
}

export async function makeAdmin(tenant: TestTenant, email: string, name = "Ada Admin") {
	const member = await makeStaff(tenant, email, name);
	await env.DB.prepare("UPDATE staff SET role = 'admin' WHERE id = ?").bind(member.id).run();
	return member;
}

/** A request with a session cookie and, for bodies, JSON. */
export function send(
	path: string,
	cookie: string,
	method = "GET",
	body?: unknown,
	headers: Record<string, string> = {},
) {
	return call(path, {
		method,
		headers: {
			Cookie: cookie,
			...(body === undefined ? {} : { "Content-Type": "application/json" }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

/** Audit entries of a tenant for an action, newest first. */
export async function auditEntries(tenantId: string, action: string) {
	const { results } = await env.DB.prepare(
		"SELECT actor_type, actor_id, actor_label, target_id, data FROM audit_log WHERE tenant_id = ? AND action = ? ORDER BY created_at DESC",
	)
		.bind(tenantId, action)
		.all<{
			actor_type: string;
			actor_id: string;
			actor_label: string;
			target_id: string;
			data: string | null;
		}>();
	return results;
}

/** The smallest valid PNG: a 1×1 transparent pixel. */
export const PNG_BYTES = Uint8Array.from(
	atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="),
	(ch) => ch.charCodeAt(0),
);

/** Uploads raw bytes with a declared type. */
export function upload(path: string, cookie: string, bytes: Uint8Array, type: string, method = "PUT") {
	return call(path, { method, headers: { Cookie: cookie, "Content-Type": type }, body: bytes });
}
