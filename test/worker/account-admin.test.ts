import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { awaitEmail, outboxFor, postJson, sessionCookieFrom, signIn, tokenFrom } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { estimateSetup, makeLocation, sharedEstimate } from "./estimate-helpers";
import { makeContact } from "./fixtures";
import type { Envelope } from "./helpers";
import { auditEntries, send } from "./staff-helpers";

type Setup = Awaited<ReturnType<typeof estimateSetup>>;
type Colleague = { id: string; email: string; role: string; locationIds: string[]; you: boolean };
type Account = {
	colleagues: Colleague[];
	locations: Array<{
		id: string;
		name: string;
		notes: string | null;
		addresses: Array<{ id: string; label: string }>;
	}>;
	joinRequests: Array<{ id: string; email: string }>;
};

const api = (s: Setup, path: string) => `/api/c/${s.tenant.slug}${path}`;

async function scope(s: Setup, contactId: string, locationIds: string[]) {
	await env.DB.prepare("DELETE FROM contact_locations WHERE contact_id = ?").bind(contactId).run();
	for (const id of locationIds) {
		await env.DB.prepare(
			"INSERT INTO contact_locations (tenant_id, contact_id, location_id) VALUES (?, ?, ?)",
		)
			.bind(s.tenant.id, contactId, id)
			.run();
	}
	await env.DB.prepare("UPDATE contacts SET location_id = ? WHERE id = ?")
		.bind(locationIds[0] ?? null, contactId)
		.run();
}

/** Signs in from the invitation email's link, as the invited person would. */
async function signInFromInvitation(slug: string, email: string): Promise<string> {
	const [mail] = await outboxFor(email);
	if (!mail) throw new Error(`no invitation to ${email}`);
	const res = await postJson(`/api/c/${slug}/auth/consume`, { token: tokenFrom(mail.text) });
	expect(res.status).toBe(200);
	return sessionCookieFrom(res);
}

describe("location scoping", () => {
	it("lets a booker see their locations' jobs and not another location's (404), and an admin filter by location", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		const downtown = await makeLocation(s.tenant, s.account.id, "Downtown branch");
		// Bo Booker is of Uptown; a colleague of Downtown books there.
		const dee = await makeContact(s.tenant, {
			email: "dee@clinic.example",
			name: "Dee",
			accountId: s.account.id,
		});
		await scope(s, dee.id, [downtown.id]);
		const deeCookie = await signIn(s.tenant.slug, dee.email);
		const theirs = await (await book(s.tenant.slug, deeCookie, pickupBody())).json<{ id: string }>();
		const mine = await (await book(s.tenant.slug, s.cookies.booker, pickupBody())).json<{ id: string }>();

		// Uptown's other booker (scoped there too) sees Bo's job but not Downtown's.
		await scope(s, s.contacts.loner.id, [s.location.id]);
		const lonerCookie = await signIn(s.tenant.slug, "lu.loner@clinic.example");
		expect((await send(api(s, `/jobs/${mine.id}`), lonerCookie)).status).toBe(200);
		const hidden = await send(api(s, `/jobs/${theirs.id}`), lonerCookie);
		expect(hidden.status).toBe(404);
		expect((await hidden.json<Envelope>()).error.code).toBe("not_found");
		const listed = await (await send(api(s, "/jobs"), lonerCookie)).json<{ items: Array<{ id: string }> }>();
		expect(listed.items.map((j) => j.id)).toEqual([mine.id]);
		expect((await send(api(s, `/jobs/${theirs.id}/cancel`), lonerCookie, "POST", {})).status).toBe(404);

		// The places to book from are Uptown's and the account's addresses of no location.
		const places = await (await send(api(s, "/addresses"), lonerCookie)).json<{
			locations: Array<{ id: string }>;
		}>();
		expect(places.locations.map((l) => l.id)).toEqual([s.location.id]);
		const adminPlaces = await (await send(api(s, "/addresses"), s.cookies.admin)).json<{
			locations: Array<{ id: string }>;
		}>();
		expect(adminPlaces.locations.map((l) => l.id).sort()).toEqual([s.location.id, downtown.id].sort());

		// Scoped to both, the portal home shows both in one list.
		await scope(s, s.contacts.loner.id, [s.location.id, downtown.id]);
		const both = await (await send(api(s, "/jobs"), lonerCookie)).json<{ items: Array<{ id: string }> }>();
		expect(both.items.map((j) => j.id).sort()).toEqual([mine.id, theirs.id].sort());

		// Admin and viewer see the whole account; the location filter narrows it.
		for (const cookie of [s.cookies.admin, s.cookies.viewer]) {
			const all = await (await send(api(s, "/jobs"), cookie)).json<{ items: Array<{ id: string }> }>();
			expect(all.items.map((j) => j.id).sort()).toEqual([mine.id, theirs.id].sort());
		}
		const filtered = await (await send(api(s, `/jobs?locationId=${downtown.id}`), s.cookies.admin)).json<{
			items: Array<{ id: string; locationId: string | null }>;
		}>();
		expect(filtered.items).toEqual([expect.objectContaining({ id: theirs.id, locationId: downtown.id })]);

		// Billing has no jobs at all; the outsider's account sees none of these.
		const billing = await send(api(s, "/jobs"), s.cookies.billing);
		expect(billing.status).toBe(403);
		expect((await billing.json<Envelope>()).error.code).toBe("forbidden");
		expect((await send(api(s, `/jobs/${mine.id}`), s.cookies.outsider)).status).toBe(404);
		// A viewer changes nothing.
		expect((await send(api(s, `/jobs/${mine.id}/cancel`), s.cookies.viewer, "POST", {})).status).toBe(403);
	});
});

describe("a dispatcher's location for a contact", () => {
	it("replaces the contact's locations, which is what the portal scopes by", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		const downtown = await makeLocation(s.tenant, s.account.id, "Downtown branch");
		const res = await send(
			`/api/d/${s.tenant.slug}/customers/contacts/${s.contacts.booker.id}`,
			s.staff,
			"PATCH",
			{
				locationId: downtown.id,
			},
		);
		expect(res.status).toBe(200);
		const me = await (await send(api(s, "/me"), s.cookies.booker)).json<{ locationIds: string[] }>();
		expect(me.locationIds).toEqual([downtown.id]);
		await send(`/api/d/${s.tenant.slug}/customers/contacts/${s.contacts.booker.id}`, s.staff, "PATCH", {
			locationId: null,
		});
		expect(
			(await (await send(api(s, "/me"), s.cookies.booker)).json<{ locationIds: string[] }>()).locationIds,
		).toEqual([]);
	});
});

describe("estimates by location", () => {
	it("show a booker of two locations both, and narrow to one location with ?locationId=", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		const downtown = await makeLocation(s.tenant, s.account.id, "Downtown branch");
		const uptownEstimate = await sharedEstimate(s, { locationId: s.location.id, title: "Uptown" });
		const downtownEstimate = await sharedEstimate(s, { locationId: downtown.id, title: "Downtown" });
		const ids = async (cookie: string, q = "") =>
			(await (await send(api(s, `/estimates${q}`), cookie)).json<{ items: Array<{ id: string }> }>()).items
				.map((i) => i.id)
				.sort();
		// Bo is of Uptown only: Downtown's is not his (404).
		expect(await ids(s.cookies.booker)).toEqual([uptownEstimate.id]);
		expect((await send(api(s, `/estimates/${downtownEstimate.id}`), s.cookies.booker)).status).toBe(404);
		await scope(s, s.contacts.booker.id, [s.location.id, downtown.id]);
		expect(await ids(s.cookies.booker)).toEqual([uptownEstimate.id, downtownEstimate.id].sort());
		expect(await ids(s.cookies.admin, `?locationId=${downtown.id}`)).toEqual([downtownEstimate.id]);
	});
});

describe("account admin", () => {
	it("invites a billing colleague who signs in from the email, then changes their role, then removes them: their sessions end at once", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		const invited = await send(api(s, "/account/contacts"), s.cookies.admin, "POST", {
			email: "Pat.Payables@Clinic.example",
			name: "Pat Payables",
			role: "billing",
			locationIds: [s.location.id],
		});
		expect(invited.status).toBe(201);
		const account = await invited.json<Account>();
		const pat = account.colleagues.find((c) => c.email === "Pat.Payables@Clinic.example");
		expect(pat).toMatchObject({ role: "billing", locationIds: [s.location.id], you: false });
		const [mail] = await outboxFor("Pat.Payables@Clinic.example");
		expect(mail?.subject).toContain("Harbor Clinic");
		expect(mail?.text).toContain("Ana Admin");

		const patCookie = await signInFromInvitation(s.tenant.slug, "Pat.Payables@Clinic.example");
		expect(await (await send(api(s, "/me"), patCookie)).json()).toMatchObject({
			role: "billing",
			accountName: "Harbor Clinic",
			locationIds: [s.location.id],
		});
		const invoices = await send(api(s, "/invoices"), patCookie);
		expect(invoices.status, await invoices.clone().text()).toBe(200);
		expect((await send(api(s, "/jobs"), patCookie)).status).toBe(403);
		expect((await send(api(s, "/account"), patCookie)).status).toBe(403);

		// A role change applies on their very next request.
		const changed = await send(api(s, `/account/contacts/${pat?.id}`), s.cookies.admin, "PATCH", {
			role: "viewer",
			locationIds: [],
		});
		expect(changed.status).toBe(200);
		expect((await send(api(s, "/jobs"), patCookie)).status).toBe(200);

		const removed = await send(api(s, `/account/contacts/${pat?.id}`), s.cookies.admin, "DELETE");
		expect(removed.status).toBe(200);
		expect((await removed.json<Account>()).colleagues.some((c) => c.id === pat?.id)).toBe(false);
		const after = await send(api(s, "/jobs"), patCookie);
		expect(after.status).toBe(401);
		const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE subject_id = ?")
			.bind(pat?.id)
			.first<{ n: number }>();
		expect(left?.n).toBe(0);

		// Every change audited, by name.
		const [invite] = await auditEntries(s.tenant.id, "contact.invited");
		expect(JSON.parse(invite?.data ?? "{}")).toMatchObject({
			name: "Pat Payables",
			role: "billing",
			locations: ["Uptown branch"],
		});
		expect(invite?.actor_label).toBe("Ana Admin");
		const [access] = await auditEntries(s.tenant.id, "contact.access_changed");
		expect(JSON.parse(access?.data ?? "{}")).toMatchObject({
			name: "Pat Payables",
			role: { before: "billing", after: "viewer" },
			locations: { before: ["Uptown branch"], after: [] },
		});
		const [gone] = await auditEntries(s.tenant.id, "contact.removed");
		expect(JSON.parse(gone?.data ?? "{}")).toMatchObject({ name: "Pat Payables", account: "Harbor Clinic" });
	});

	it("refuses to let the last admin demote or remove themselves (409), and allows it once another admin exists", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		const me = s.contacts.admin.id;
		const demote = await send(api(s, `/account/contacts/${me}`), s.cookies.admin, "PATCH", {
			role: "booker",
		});
		expect(demote.status).toBe(409);
		expect((await demote.json<Envelope>()).error.code).toBe("last_admin");
		const remove = await send(api(s, `/account/contacts/${me}`), s.cookies.admin, "DELETE");
		expect(remove.status).toBe(409);
		expect(
			(
				await send(api(s, `/account/contacts/${s.contacts.booker.id}`), s.cookies.admin, "PATCH", {
					role: "admin",
				})
			).status,
		).toBe(200);
		const now = await send(api(s, `/account/contacts/${me}`), s.cookies.admin, "PATCH", { role: "booker" });
		expect(now.status).toBe(200);
		expect((await send(api(s, "/account"), s.cookies.admin)).status).toBe(403);
	});

	it("answers 400 naming the field for bad input and 409 for an address already known", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		const bad = await send(api(s, "/account/contacts"), s.cookies.admin, "POST", {
			email: "nope",
			name: "",
			role: "owner",
		});
		expect(bad.status).toBe(400);
		expect((await bad.json<Envelope>()).error.issues?.map((i) => i.field).sort()).toEqual([
			"email",
			"name",
			"role",
		]);
		const foreignLocation = await makeLocation(s.tenant, s.other.id, "Their branch");
		const wrong = await send(api(s, "/account/contacts"), s.cookies.admin, "POST", {
			email: "new@clinic.example",
			name: "New",
			role: "booker",
			locationIds: [foreignLocation.id],
		});
		expect(wrong.status).toBe(400);
		expect((await wrong.json<Envelope>()).error.issues?.[0]?.field).toBe("locationIds");
		const taken = await send(api(s, "/account/contacts"), s.cookies.admin, "POST", {
			email: "OZ@other.example",
			name: "Oz again",
			role: "booker",
		});
		expect(taken.status).toBe(409);
	});

	it("manages locations with notes, a default contact and saved addresses, audited by name", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		const created = await send(api(s, "/account/locations"), s.cookies.admin, "POST", {
			name: "Harbor West",
			address: { line1: "1 Pier Road", city: "Springfield" },
			notes: "Loading dock at the back",
			defaultContactId: s.contacts.booker.id,
		});
		expect(created.status).toBe(201);
		const west = (await created.json<Account>()).locations.find((l) => l.name === "Harbor West");
		expect(west).toMatchObject({ notes: "Loading dock at the back", defaultContactName: "Bo Booker" });
		const added = await send(api(s, `/account/locations/${west?.id}/addresses`), s.cookies.admin, "POST", {
			label: "Dock 4",
			address: { line1: "1 Pier Road", line2: "Dock 4", city: "Springfield" },
		});
		expect(added.status).toBe(201);
		const address = (await added.json<Account>()).locations.find((l) => l.id === west?.id)?.addresses[0];
		expect(address?.label).toBe("Dock 4");
		const renamed = await send(api(s, `/account/locations/${west?.id}`), s.cookies.admin, "PATCH", {
			name: "Harbor West Pier",
		});
		expect(renamed.status).toBe(200);
		expect((await send(api(s, `/account/addresses/${address?.id}`), s.cookies.admin, "DELETE")).status).toBe(
			200,
		);
		expect((await auditEntries(s.tenant.id, "location.created"))[0]?.data).toContain("Harbor West");
		expect((await auditEntries(s.tenant.id, "saved_address.created"))[0]?.data).toContain("Dock 4");
		expect((await auditEntries(s.tenant.id, "location.updated"))[0]?.data).toContain("Harbor West Pier");
		const bad = await send(api(s, "/account/locations"), s.cookies.admin, "POST", {
			name: "X",
			address: { line1: "", city: "Springfield" },
		});
		expect(bad.status).toBe(400);
		expect((await bad.json<Envelope>()).error.issues?.[0]?.field).toBe("address.line1");
	});

	it("answers 404 for colleagues, locations, addresses and join requests of another account or tenant", {
		timeout: 90_000,
	}, async () => {
		const s = await estimateSetup();
		const t = await estimateSetup();
		const theirLocation = await makeLocation(s.tenant, s.other.id, "Other's branch");
		const otherTenantLocation = t.location;
		const address = await env.DB.prepare(
			"INSERT INTO saved_addresses (id, tenant_id, account_id, location_id, label, line1, city, country, created_at) VALUES ('adr_theirs', ?, ?, ?, 'Theirs', '1 Way', 'Town', 'US', 0) RETURNING id",
		)
			.bind(s.tenant.id, s.other.id, theirLocation.id)
			.first<{ id: string }>();
		await env.DB.prepare(
			"INSERT INTO join_requests (id, tenant_id, account_id, name, email, email_normalized, status, created_at) VALUES ('jrq_theirs', ?, ?, 'Z', 'z@other.example', 'z@other.example', 'pending', 0)",
		)
			.bind(s.tenant.id, s.other.id)
			.run();
		const failures: string[] = [];
		const tries: Array<[string, string, unknown]> = [
			["PATCH", `/account/contacts/${s.contacts.outsider.id}`, { role: "viewer" }],
			["DELETE", `/account/contacts/${s.contacts.outsider.id}`, undefined],
			["PATCH", `/account/contacts/${t.contacts.booker.id}`, { role: "viewer" }],
			["DELETE", `/account/contacts/${t.contacts.admin.id}`, undefined],
			["PATCH", `/account/locations/${theirLocation.id}`, { name: "Mine" }],
			["PATCH", `/account/locations/${otherTenantLocation.id}`, { name: "Mine" }],
			[
				"POST",
				`/account/locations/${theirLocation.id}/addresses`,
				{ label: "X", address: { line1: "1", city: "T" } },
			],
			["DELETE", `/account/addresses/${address?.id}`, undefined],
			["POST", "/account/join-requests/jrq_theirs/approve", undefined],
			["POST", "/account/join-requests/jrq_theirs/decline", undefined],
		];
		for (const [method, path, body] of tries) {
			const res = await send(api(s, path), s.cookies.admin, method, body);
			if (res.status !== 404) failures.push(`${method} ${path}: ${res.status}`);
		}
		expect(failures).toEqual([]);
		const still = await env.DB.prepare("SELECT role FROM contacts WHERE id = ?")
			.bind(t.contacts.booker.id)
			.first<{ role: string }>();
		expect(still?.role).toBe("booker");
	});
});

describe("join requests", () => {
	it("are refused while the tenant's setting is off, which is the default", { timeout: 60_000 }, async () => {
		const s = await estimateSetup();
		await env.DB.prepare("UPDATE accounts SET email_domain = 'clinic.example' WHERE id = ?")
			.bind(s.account.id)
			.run();
		const res = await postJson(api(s, "/auth/join-request"), {
			email: "new@clinic.example",
			name: "New Person",
		});
		expect(res.status).toBe(403);
		expect((await res.json<Envelope>()).error.code).toBe("forbidden");
		const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM join_requests WHERE tenant_id = ?")
			.bind(s.tenant.id)
			.first<{ n: number }>();
		expect(rows?.n).toBe(0);
	});

	it("when on, reach the account of the email's domain; the admin approves and the person becomes a booker", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup({ allowJoinRequests: true });
		await env.DB.prepare("UPDATE accounts SET email_domain = 'clinic.example' WHERE id = ?")
			.bind(s.account.id)
			.run();
		const asked = await postJson(api(s, "/auth/join-request"), {
			email: "Nia@Clinic.example",
			name: "Nia New",
		});
		expect(asked.status).toBe(202);
		// A domain of no account answers the same, and nothing is stored.
		const nobody = await postJson(api(s, "/auth/join-request"), { email: "x@nowhere.example", name: "X" });
		expect(nobody.status).toBe(202);
		const account = await (await send(api(s, "/account"), s.cookies.admin)).json<Account>();
		expect(account.joinRequests.map((r) => r.email)).toEqual(["Nia@Clinic.example"]);
		// The account's admin is told, with a link to the account page; no other account's admin is.
		const told = await awaitEmail("ana.admin@clinic.example", "Nia New asks to join", s.tenant.id);
		expect(told.subject).toBe("Nia New asks to join Harbor Clinic");
		expect(told.text).toContain(
			`https://portal.test/c/${s.tenant.slug}/account?email=ana.admin%40clinic.example`,
		);
		expect(told.headers["List-Unsubscribe"]).toBeUndefined();
		const { results: named } = await env.DB.prepare(
			"SELECT data FROM notifications WHERE tenant_id = ? AND kind = 'join_request'",
		)
			.bind(s.tenant.id)
			.all<{ data: string }>();
		expect(named.map((n) => JSON.parse(n.data).recipients)).toEqual([
			[{ email: "ana.admin@clinic.example", contactId: s.contacts.admin.id }],
		]);
		// Another account's admin does not see it.
		const theirs = await (await send(api(s, "/account"), s.cookies.outsider)).json<Account>();
		expect(theirs.joinRequests).toEqual([]);
		const id = account.joinRequests[0]?.id;
		const approved = await send(api(s, `/account/join-requests/${id}/approve`), s.cookies.admin, "POST");
		expect(approved.status).toBe(200);
		const after = await approved.json<Account>();
		expect(after.joinRequests).toEqual([]);
		expect(after.colleagues.find((c) => c.email === "Nia@Clinic.example")?.role).toBe("booker");
		const cookie = await signInFromInvitation(s.tenant.slug, "Nia@Clinic.example");
		expect((await send(api(s, "/jobs"), cookie)).status).toBe(200);
		expect((await send(api(s, `/account/join-requests/${id}/approve`), s.cookies.admin, "POST")).status).toBe(
			404,
		);
		expect((await auditEntries(s.tenant.id, "join_request.approved"))[0]?.data).toContain("Nia New");
	});
});
