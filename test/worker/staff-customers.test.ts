import { describe, expect, it } from "vitest";
import {
	emailedLink,
	getMe,
	outboxFor,
	postJson,
	requestLinkToCompletion,
	signIn,
	tokenFrom,
} from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { closeQuietly, inbox, openSocket } from "./live-helpers";
import { jobEnRoute } from "./relay-setup";
import { auditEntries, consoleSetup, send } from "./staff-helpers";

type Directory = {
	accounts: Array<{ id: string; name: string; contacts: Array<{ id: string; email: string }> }>;
	unattached: Array<{ id: string }>;
};

describe("GET /api/d/:slug/customers", () => {
	it("lists accounts with contacts, searchable by account, name or email", async () => {
		const s = await consoleSetup();
		const all = await (await send(`/api/d/${s.tenant.slug}/customers`, s.staff)).json<Directory>();
		expect(all.accounts).toEqual([
			expect.objectContaining({
				name: "Riverside Clinic",
				contacts: [expect.objectContaining({ id: s.contact.id })],
			}),
		]);
		const byEmail = await (
			await send(`/api/d/${s.tenant.slug}/customers?q=CAL.CLIENT`, s.staff)
		).json<Directory>();
		expect(byEmail.accounts).toHaveLength(1);
		const none = await (await send(`/api/d/${s.tenant.slug}/customers?q=zzz`, s.staff)).json<Directory>();
		expect(none.accounts).toEqual([]);
	});
});

describe("GET and PATCH /api/d/:slug/customers/contacts/:id", () => {
	it("shows the contact's jobs and sign-ins, and changes their role with an audit entry", async () => {
		const s = await consoleSetup();
		const job = await (await book(s.tenant.slug, s.customer, pickupBody())).json<{ id: string }>();
		const dossier = await (
			await send(`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}`, s.staff)
		).json<{ jobs: Array<{ id: string }>; signIns: Array<{ method: string | null }> }>();
		expect(dossier.jobs.map((j) => j.id)).toEqual([job.id]);
		expect(dossier.signIns.length).toBe(1);
		const bad = await send(`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}`, s.staff, "PATCH", {
			role: "owner",
		});
		expect(bad.status).toBe(400);
		const res = await send(`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}`, s.staff, "PATCH", {
			role: "viewer",
		});
		expect(await res.json()).toMatchObject({ role: "viewer" });
		expect((await getMe(s.tenant.slug, s.customer)).status).toBe(200);
		expect(await (await getMe(s.tenant.slug, s.customer)).json()).toMatchObject({ role: "viewer" });
		expect((await auditEntries(s.tenant.id, "contact.updated"))[0]?.actor_id).toBe(s.dispatcher.id);
	});
});

describe("a contact's sign-ins", () => {
	it("say which browser on which device, summarised from the user agent", async () => {
		const s = await consoleSetup();
		const mail = await emailedLink(s.tenant.slug, "cal.client@clinic.example");
		const iPhone =
			"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
		const consumed = await postJson(
			`/api/c/${s.tenant.slug}/auth/consume`,
			{ token: tokenFrom(mail.text) },
			{ "User-Agent": iPhone },
		);
		expect(consumed.status).toBe(200);
		const dossier = await (
			await send(`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}`, s.staff)
		).json<{ signIns: Array<{ userAgent: string | null; device: string | null }> }>();
		expect(dossier.signIns[0]).toMatchObject({ userAgent: iPhone, device: "Safari on iPhone" });
	});
});

describe("POST /api/d/:slug/customers/contacts/:id/block", () => {
	it("ends the open session (next request is refused) and closes the open live socket at once", async () => {
		const s = await jobEnRoute();
		const socket = await openSocket(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/live`, s.customer);
		const live = inbox(socket);
		try {
			await live.next((m) => m.type === "snapshot");
			const res = await send(
				`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}/block`,
				s.staff,
				"POST",
			);
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ blocked: true });
			expect((await live.closedWithin()).code).toBe(4003);
		} finally {
			closeQuietly(socket);
		}
		// The session is gone: the cookie is no longer anyone's.
		expect((await getMe(s.tenant.slug, s.customer)).status).toBe(401);
		const [audit] = await auditEntries(s.tenant.id, "contact.blocked");
		expect(audit).toMatchObject({ actor_type: "staff", target_id: s.contact.id });
	});

	it("refuses new sign-ins and bookings until unblocked", async () => {
		const s = await consoleSetup();
		const email = "cal.client@clinic.example";
		await send(`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}/block`, s.staff, "POST");
		const before = (await outboxFor(email)).length;
		expect((await requestLinkToCompletion(s.tenant.slug, email)).status).toBe(202);
		expect((await outboxFor(email)).length).toBe(before);
		expect((await book(s.tenant.slug, s.customer, pickupBody())).status).toBe(401);
		const unblocked = await send(
			`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}/unblock`,
			s.staff,
			"POST",
		);
		expect(await unblocked.json()).toMatchObject({ blocked: false });
		expect((await auditEntries(s.tenant.id, "contact.unblocked")).length).toBe(1);
		const cookie = await signIn(s.tenant.slug, email);
		expect((await book(s.tenant.slug, cookie, pickupBody())).status).toBe(201);
	});
});
