import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { outboxFor, waitForEmail } from "./auth-helpers";
import {
	approve,
	createEstimate,
	dayFromNow,
	estimateSetup,
	type StaffEstimateView,
	sampleLines,
	sharedEstimate,
} from "./estimate-helpers";
import { call, type Envelope } from "./helpers";
import { auditEntries, send } from "./staff-helpers";

describe("POST /api/d/:slug/estimates", () => {
	it("creates a draft, version 1, with totals computed on the server", async () => {
		const s = await estimateSetup();
		const e = await createEstimate(s, { discountMinor: 1_000 });
		expect(e.number).toBeGreaterThan(100);
		expect(e.version).toBe(1);
		expect(e.status).toBe("draft");
		expect(e.currency).toBe("USD");
		// 2.5 × 80.00 = 200.00; 1 × 45.99; optional 120.00 left out: 245.99 − 10.00 = 235.99; 8.25 % = 19.469… → 19.47
		expect(e.lines.map((l) => l.totalMinor)).toEqual([20_000, 4_599, 12_000]);
		expect(e.subtotalMinor).toBe(24_599);
		expect(e.taxMinor).toBe(1_947);
		expect(e.totalMinor).toBe(23_599 + 1_947);
		expect(e.optionalMinor).toBe(12_000);
		expect(e.lines[0]?.quantity).toBe(2.5);
		expect(e.lines.every((l) => /^lin_/.test(l.id))).toBe(true);
		const [audit] = await auditEntries(s.tenant.id, "estimate.created");
		expect(audit?.target_id).toBe(e.id);
	});

	it("refuses bad input with the field named, and ids of another tenant's account", async () => {
		const s = await estimateSetup();
		const other = await estimateSetup();
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ lines: [{ description: "x", quantity: "1.2345", unitPriceMinor: 100 }] }, "lines.0.quantity"],
			[{ lines: [{ description: "x", quantity: 1, unitPriceMinor: 10.5 }] }, "lines.0.unitPriceMinor"],
			[{ lines: [] }, "lines"],
			[{ discountMinor: 999_999 }, "discountMinor"],
			[{ expiresAt: "2020-01-01" }, "expiresAt"],
			[{ accountId: other.account.id }, "accountId"],
			[{ contactId: s.contacts.outsider.id }, "contactId"],
			[{ locationId: other.location.id }, "locationId"],
		];
		for (const [override, field] of cases) {
			const res = await send(`/api/d/${s.tenant.slug}/estimates`, s.staff, "POST", {
				accountId: s.account.id,
				title: "T",
				lines: sampleLines(),
				...override,
			});
			expect(res.status, field).toBe(400);
			const body = await res.json<Envelope>();
			expect(
				body.error.issues?.map((i) => i.field),
				field,
			).toContain(field);
		}
	});
});

describe("PUT /api/d/:slug/estimates/:id", () => {
	it("edits a draft in place and makes a new version with a derived change summary once shared", async () => {
		const s = await estimateSetup();
		const draft = await createEstimate(s);
		const path = `/api/d/${s.tenant.slug}/estimates/${draft.id}`;
		const [labour, valve, descale] = draft.lines;
		if (!labour || !valve || !descale) throw new Error("three lines");
		const edited = await (
			await send(path, s.staff, "PUT", {
				title: "Boiler service",
				lines: [labour, valve, descale].map(({ id, description, quantity, unitPriceMinor, optional }) => ({
					id,
					description,
					quantity,
					unitPriceMinor,
					optional,
				})),
				terms: "Net 15",
			})
		).json<StaffEstimateView>();
		expect(edited.version).toBe(1);
		expect(edited.versions).toHaveLength(1);

		await send(`${path}/share`, s.staff, "POST");
		const res = await send(path, s.staff, "PUT", {
			baseVersion: 1,
			title: "Boiler service",
			lines: [
				{ id: labour.id, description: "Labour", quantity: 3, unitPriceMinor: 8_000 },
				{ id: valve.id, description: "Valve (brass)", quantity: 1, unitPriceMinor: 3_999 },
				{ description: "Inhibitor", quantity: 1, unitPriceMinor: 1_500 },
			],
			terms: "Net 15",
		});
		expect(res.status).toBe(200);
		const revised = await res.json<StaffEstimateView>();
		expect(revised.version).toBe(2);
		expect(revised.status).toBe("sent");
		expect(revised.lines[0]?.id).toBe(labour.id);
		const changes = revised.versions[1]?.changes as {
			added: Array<{ description: string }>;
			removed: Array<{ lineId: string }>;
			repriced: Array<{ lineId: string; fromMinor: number; toMinor: number }>;
			quantityChanged: Array<{ lineId: string; from: number; to: number }>;
			totalsBefore: { totalMinor: number };
			totalsAfter: { totalMinor: number };
		};
		expect(changes.added.map((a) => a.description)).toEqual(["Inhibitor"]);
		expect(changes.removed.map((r) => r.lineId)).toEqual([descale.id]);
		expect(changes.repriced).toEqual([
			expect.objectContaining({ lineId: valve.id, fromMinor: 4_599, toMinor: 3_999 }),
		]);
		expect(changes.quantityChanged).toEqual([
			expect.objectContaining({ lineId: labour.id, from: 2.5, to: 3 }),
		]);
		expect(changes.totalsBefore.totalMinor).toBe(draft.totalMinor);
		expect(changes.totalsAfter.totalMinor).toBe(revised.totalMinor);
		// Version 1 stays readable as it was.
		expect(revised.versions[0]?.lines).toHaveLength(3);

		const stale = await send(path, s.staff, "PUT", { baseVersion: 1, title: "x", lines: sampleLines() });
		expect(stale.status).toBe(409);
		expect((await stale.json<Envelope>()).error.code).toBe("version_changed");
		const unknownLine = await send(path, s.staff, "PUT", {
			title: "x",
			lines: [{ id: descale.id, description: "back", quantity: 1, unitPriceMinor: 1 }],
		});
		expect(unknownLine.status).toBe(400);
		expect((await unknownLine.json<Envelope>()).error.issues?.[0]?.field).toBe("lines.0.id");
	});

	it("refuses to change an approved estimate", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s);
		expect((await approve(s, s.cookies.admin, e.id, { version: 1, signedName: "Ana Admin" })).status).toBe(
			200,
		);
		const res = await send(`/api/d/${s.tenant.slug}/estimates/${e.id}`, s.staff, "PUT", {
			title: "x",
			lines: sampleLines(),
		});
		expect(res.status).toBe(409);
		expect((await res.json<Envelope>()).error.code).toBe("already_decided");
	});
});

describe("POST /api/d/:slug/estimates/:id/share", () => {
	it("sends it, emails the contact a deep link to the estimate and records the step", async () => {
		const s = await estimateSetup();
		const e = await createEstimate(s, { contactId: s.contacts.booker.id });
		const before = (await outboxFor(s.contacts.booker.email)).length;
		const res = await send(`/api/d/${s.tenant.slug}/estimates/${e.id}/share`, s.staff, "POST");
		expect(res.status).toBe(200);
		const shared = await res.json<StaffEstimateView>();
		expect(shared.status).toBe("sent");
		expect(shared.recipients.map((r) => r.email)).toEqual([s.contacts.booker.email]);
		const mail = await waitForEmail(s.contacts.booker.email, before + 1, 15_000);
		expect(mail.subject).toContain(`Estimate #${e.number}`);
		expect(mail.text).toContain(`/c/${s.tenant.slug}/estimates/${e.id}`);
		expect(mail.html).toContain(`/c/${s.tenant.slug}/estimates/${e.id}`);
		expect(mail.text).toContain("$266.28");
		const [audit] = await auditEntries(s.tenant.id, "estimate.shared");
		expect(audit?.target_id).toBe(e.id);
		const detail = await (await send(`/api/d/${s.tenant.slug}/estimates/${e.id}`, s.staff)).json<{
			activity: Array<{ type: string }>;
		}>();
		expect(detail.activity.map((a) => a.type)).toEqual(["created", "shared"]);
	});

	it("emails every admin of the account and the bookers of its location when it names no contact", async () => {
		const s = await estimateSetup();
		const e = await createEstimate(s, { locationId: s.location.id });
		const shared = await (
			await send(`/api/d/${s.tenant.slug}/estimates/${e.id}/share`, s.staff, "POST")
		).json<StaffEstimateView>();
		expect(shared.recipients.map((r) => r.email).sort()).toEqual(
			[s.contacts.admin.email, s.contacts.booker.email].sort(),
		);
		// The notification queue delivers them on its own: read the outbox until both are in.
		await vi.waitFor(
			async () => {
				const estimateMail = await env.DB.prepare(
					'SELECT "to" FROM outbox_emails WHERE tenant_id = ? AND subject LIKE \'Estimate #%\' ORDER BY "to"',
				)
					.bind(s.tenant.id)
					.all<{ to: string }>();
				expect(estimateMail.results.map((r) => r.to)).toEqual(
					[s.contacts.admin.email, s.contacts.booker.email].sort(),
				);
			},
			{ timeout: 15_000, interval: 100 },
		);
	});

	it("writes the email in Spanish for a contact who chose Spanish", async () => {
		const s = await estimateSetup();
		await env.DB.prepare("UPDATE contacts SET locale = 'es' WHERE id = ?").bind(s.contacts.booker.id).run();
		const e = await sharedEstimate(s, { contactId: s.contacts.booker.id });
		await vi.waitFor(
			async () => {
				const mail = await env.DB.prepare(
					"SELECT subject FROM outbox_emails WHERE tenant_id = ? AND \"to\" = ? AND subject LIKE 'Presupuesto%'",
				)
					.bind(s.tenant.id, s.contacts.booker.email)
					.first<{ subject: string }>();
				expect(mail?.subject).toContain(`Presupuesto n.º ${e.number}`);
			},
			{ timeout: 15_000, interval: 100 },
		);
	});
});

describe("POST /api/d/:slug/estimates/:id/comments", () => {
	it("answers the customer in the same thread, pinned to a line, and the thread survives new versions", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s, { contactId: s.contacts.booker.id });
		const line = e.lines[1]?.id;
		const asked = await send(`/api/c/${s.tenant.slug}/estimates/${e.id}/comments`, s.cookies.booker, "POST", {
			body: "Can the valve be cheaper?",
			lineItemId: line,
		});
		expect(asked.status).toBe(201);
		const reply = await send(`/api/d/${s.tenant.slug}/estimates/${e.id}/comments`, s.staff, "POST", {
			body: "Yes, a steel one.",
			lineItemId: line,
		});
		expect(reply.status).toBe(201);
		await send(`/api/d/${s.tenant.slug}/estimates/${e.id}`, s.staff, "PUT", {
			title: "Boiler service",
			lines: [{ description: "Steel valve", quantity: 1, unitPriceMinor: 2_000 }],
		});
		const seen = await (await send(`/api/c/${s.tenant.slug}/estimates/${e.id}`, s.cookies.booker)).json<{
			version: number;
			comments: Array<{
				authorType: string;
				authorName: string;
				body: string;
				lineItemId: string | null;
				version: number;
			}>;
		}>();
		expect(seen.version).toBe(2);
		expect(seen.comments.map((c) => [c.authorType, c.authorName, c.lineItemId, c.version])).toEqual([
			["contact", "Bo Booker", line, 1],
			["staff", "Dot Dispatcher", line, 1],
		]);
		const bad = await send(`/api/d/${s.tenant.slug}/estimates/${e.id}/comments`, s.staff, "POST", {
			body: "?",
			lineItemId: "lin_nope",
		});
		expect(bad.status).toBe(400);
	});
});

describe("POST /api/d/:slug/estimates/:id/convert", () => {
	async function approved(s: Awaited<ReturnType<typeof estimateSetup>>) {
		const e = await sharedEstimate(s, { contactId: s.contacts.booker.id, locationId: s.location.id });
		const optional = e.lines.find((l) => l.optional)?.id;
		expect(
			(
				await approve(s, s.cookies.booker, e.id, {
					version: 1,
					signedName: "Bo Booker",
					optionalItemIds: [optional],
				})
			).status,
		).toBe(200);
		return e;
	}

	it("makes one Unassigned job from the estimate, replays it for the same key, and the estimate shows it", async () => {
		const s = await estimateSetup();
		const e = await approved(s);
		const draft = await (
			await send(`/api/d/${s.tenant.slug}/estimates/${e.id}/booking-draft`, s.staff)
		).json<{
			kind: string;
			address: { line1: string } | null;
			reference: string;
			booking: unknown;
		}>();
		expect(draft.kind).toBe("service_call");
		expect(draft.address?.line1).toBe("12 Mill Road");
		expect(draft.reference).toBe(`Estimate #${e.number}`);
		expect(draft.booking).not.toBeNull();

		const key = crypto.randomUUID();
		const convert = () =>
			send(
				`/api/d/${s.tenant.slug}/estimates/${e.id}/convert`,
				s.staff,
				"POST",
				{},
				{ "Idempotency-Key": key },
			);
		const first = await convert();
		expect(first.status).toBe(201);
		const job = await first.json<{
			id: string;
			status: string;
			reference: string;
			description: string;
			customer: { contactId: string };
		}>();
		expect(job.status).toBe("unassigned");
		expect(job.reference).toBe(`Estimate #${e.number}`);
		expect(job.description).toContain("Descale the boiler");
		expect(job.customer.contactId).toBe(s.contacts.booker.id);
		const replay = await convert();
		expect(replay.status).toBe(201);
		expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
		expect((await replay.json<{ id: string }>()).id).toBe(job.id);

		const again = await send(
			`/api/d/${s.tenant.slug}/estimates/${e.id}/convert`,
			s.staff,
			"POST",
			{},
			{ "Idempotency-Key": crypto.randomUUID() },
		);
		expect(again.status).toBe(409);
		expect((await again.json<Envelope>()).error.code).toBe("already_converted");
		const jobs = await env.DB.prepare("SELECT count(*) n FROM jobs WHERE tenant_id = ? AND estimate_id = ?")
			.bind(s.tenant.id, e.id)
			.first<{ n: number }>();
		expect(jobs?.n).toBe(1);

		const after = await (
			await send(`/api/d/${s.tenant.slug}/estimates/${e.id}`, s.staff)
		).json<StaffEstimateView>();
		expect(after.status).toBe("booked");
		expect(after.jobId).toBe(job.id);
		const board = await (await send(`/api/d/${s.tenant.slug}/board`, s.staff)).json<{
			jobs: Array<{ id: string; status: string }>;
		}>();
		expect(board.jobs.find((j) => j.id === job.id)?.status).toBe("unassigned");
		const portal = await (await send(`/api/c/${s.tenant.slug}/estimates/${e.id}`, s.cookies.booker)).json<{
			status: string;
			jobId: string;
		}>();
		expect(portal).toMatchObject({ status: "booked", jobId: job.id });
		expect((await auditEntries(s.tenant.id, "estimate.converted"))[0]?.target_id).toBe(e.id);
	});

	it("converts exactly once when different keys race", async () => {
		const s = await estimateSetup();
		const e = await approved(s);
		const answers = await Promise.all(
			Array.from({ length: 5 }, () =>
				send(
					`/api/d/${s.tenant.slug}/estimates/${e.id}/convert`,
					s.staff,
					"POST",
					{},
					{ "Idempotency-Key": crypto.randomUUID() },
				),
			),
		);
		expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
		expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
		const jobs = await env.DB.prepare("SELECT count(*) n FROM jobs WHERE tenant_id = ?")
			.bind(s.tenant.id)
			.first<{ n: number }>();
		expect(jobs?.n).toBe(1);
	});

	it("refuses an estimate that is not approved, and one without a key", async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s);
		const path = `/api/d/${s.tenant.slug}/estimates/${e.id}/convert`;
		const notApproved = await send(path, s.staff, "POST", {}, { "Idempotency-Key": crypto.randomUUID() });
		expect(notApproved.status).toBe(409);
		expect((await notApproved.json<Envelope>()).error.code).toBe("not_approved");
		expect((await send(path, s.staff, "POST", {})).status).toBe(400);
	});
});

describe("GET /api/d/:slug/estimates", () => {
	it("lists the tenant's estimates by status with a cursor, drafts included", async () => {
		const s = await estimateSetup();
		const draft = await createEstimate(s, { title: "Draft one" });
		const sent = await sharedEstimate(s, { title: "Sent one" });
		const third = await sharedEstimate(s, { title: "Third" });
		const all = await (await send(`/api/d/${s.tenant.slug}/estimates?limit=2`, s.staff)).json<{
			items: Array<{ id: string }>;
			nextCursor: string | null;
		}>();
		expect(all.items.map((i) => i.id)).toEqual([third.id, sent.id]);
		const next = await (
			await send(`/api/d/${s.tenant.slug}/estimates?limit=2&cursor=${all.nextCursor}`, s.staff)
		).json<{ items: Array<{ id: string }>; nextCursor: string | null }>();
		expect(next.items.map((i) => i.id)).toEqual([draft.id]);
		expect(next.nextCursor).toBeNull();
		const drafts = await (await send(`/api/d/${s.tenant.slug}/estimates?status=draft`, s.staff)).json<{
			items: Array<{ id: string }>;
		}>();
		expect(drafts.items.map((i) => i.id)).toEqual([draft.id]);
		expect(
			(await call(`/api/d/${s.tenant.slug}/estimates?cursor=zzz`, { headers: { Cookie: s.staff } })).status,
		).toBe(400);
	});

	it("is 404 for another tenant's estimate", async () => {
		const s = await estimateSetup();
		const other = await estimateSetup();
		const theirs = await createEstimate(other);
		expect((await send(`/api/d/${s.tenant.slug}/estimates/${theirs.id}`, s.staff)).status).toBe(404);
		expect((await send(`/api/d/${s.tenant.slug}/estimates/${theirs.id}/pdf`, s.staff)).status).toBe(404);
		expect(dayFromNow(1)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});
