import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { postJson } from "./auth-helpers";
import { call, type Envelope } from "./helpers";
import { jobEnRoute } from "./relay-setup";
import { auditEntries, send } from "./staff-helpers";

type LinkList = {
	items: Array<{
		id: string;
		createdAt: string;
		expiresAt: string;
		revokedAt: string | null;
		createdBy: { type: string; name?: string };
	}>;
};

const linksPath = (slug: string, jobId: string, area: "c" | "d" = "d") =>
	`/api/${area}/${slug}/jobs/${jobId}/tracking-links`;

async function createLink(path: string, cookie: string) {
	const res = await postJson(path, {}, { Cookie: cookie });
	expect(res.status).toBe(201);
	const link = await res.json<{ id: string; url: string }>();
	return { ...link, token: link.url.split("/track/")[1] ?? "" };
}

describe("GET /api/d/:slug/jobs/:id/tracking-links", () => {
	it("lists the job's links newest first, with who made them and when they end, and never a token", async () => {
		const s = await jobEnRoute();
		const byCustomer = await createLink(linksPath(s.tenant.slug, s.job.id, "c"), s.customer);
		const byStaff = await createLink(linksPath(s.tenant.slug, s.job.id), s.staff);
		// The two were made within the same millisecond, perhaps: make their order unambiguous.
		await env.DB.prepare("UPDATE tracking_links SET created_at = created_at - 60000 WHERE id = ?")
			.bind(byCustomer.id)
			.run();

		const res = await send(linksPath(s.tenant.slug, s.job.id), s.staff);
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toContain("no-store");
		const text = await res.text();
		for (const token of [byStaff.token, byCustomer.token]) {
			expect(token.length).toBeGreaterThanOrEqual(22);
			expect(text).not.toContain(token);
		}
		expect(text).not.toMatch(/token|url/i);
		const { items } = JSON.parse(text) as LinkList;
		expect(items).toEqual([
			{
				id: byStaff.id,
				createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				revokedAt: null,
				createdBy: { type: "staff", name: "Dee Desk" },
			},
			{
				id: byCustomer.id,
				createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				revokedAt: null,
				createdBy: { type: "contact", name: "Cara Customer" },
			},
		]);
		const [newest, older] = items;
		expect(Date.parse(newest?.createdAt ?? "")).toBeGreaterThan(Date.parse(older?.createdAt ?? ""));
		expect(Date.parse(newest?.expiresAt ?? "")).toBeGreaterThan(Date.parse(newest?.createdAt ?? ""));
	});

	it("shows a revoked link with the time it was revoked, and an expired one, beside the live ones", async () => {
		const s = await jobEnRoute();
		const revoked = await createLink(linksPath(s.tenant.slug, s.job.id), s.staff);
		const expired = await createLink(linksPath(s.tenant.slug, s.job.id), s.staff);
		const live = await createLink(linksPath(s.tenant.slug, s.job.id), s.staff);
		await env.DB.prepare("UPDATE tracking_links SET expires_at = ? WHERE id = ?")
			.bind(Date.now() - 1000, expired.id)
			.run();
		const before = Date.now();
		const deleted = await send(`/api/d/${s.tenant.slug}/tracking-links/${revoked.id}`, s.staff, "DELETE");
		expect(deleted.status).toBe(204);
		expect((await auditEntries(s.tenant.id, "tracking_link.revoked"))[0]?.target_id).toBe(revoked.id);

		const { items } = await (await send(linksPath(s.tenant.slug, s.job.id), s.staff)).json<LinkList>();
		const byId = new Map(items.map((l) => [l.id, l]));
		expect([...byId.keys()].sort()).toEqual([revoked.id, expired.id, live.id].sort());
		const revokedAt = Date.parse(byId.get(revoked.id)?.revokedAt ?? "");
		expect(revokedAt).toBeGreaterThanOrEqual(before - 1000);
		expect(revokedAt).toBeLessThanOrEqual(Date.now() + 1000);
		expect(byId.get(expired.id)).toMatchObject({ revokedAt: null });
		expect(Date.parse(byId.get(expired.id)?.expiresAt ?? "")).toBeLessThan(Date.now());
		expect(byId.get(live.id)).toMatchObject({ revokedAt: null });
		// The list says the link is revoked because it is: its page no longer answers.
		expect((await call(`/api/track/${revoked.token}`)).status).toBe(404);
		expect((await call(`/api/track/${live.token}`)).status).toBe(200);
	});

	it("answers an empty list for a job nobody shared yet", async () => {
		const s = await jobEnRoute();
		const res = await send(linksPath(s.tenant.slug, s.job.id), s.staff);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ items: [] });
	});

	it("is 404 for a job of another tenant or no job at all, and says nothing of its links", async () => {
		const mine = await jobEnRoute();
		const theirs = await jobEnRoute();
		await createLink(linksPath(theirs.tenant.slug, theirs.job.id), theirs.staff);
		for (const jobId of [theirs.job.id, "job_does_not_exist"]) {
			const res = await send(linksPath(mine.tenant.slug, jobId), mine.staff);
			expect(res.status).toBe(404);
			const body = await res.json<Envelope>();
			expect(body.error.code).toBe("not_found");
			expect(JSON.stringify(body)).not.toContain("trk_");
		}
		// The other tenant's staff cannot revoke this tenant's links either.
		const link = await createLink(linksPath(mine.tenant.slug, mine.job.id), mine.staff);
		const res = await send(`/api/d/${theirs.tenant.slug}/tracking-links/${link.id}`, theirs.staff, "DELETE");
		expect(res.status).toBe(404);
		const { items } = await (
			await send(linksPath(mine.tenant.slug, mine.job.id), mine.staff)
		).json<LinkList>();
		expect(items).toEqual([expect.objectContaining({ id: link.id, revokedAt: null })]);
	});

	it("is for staff only: the job's own customer and its technician get 403", async () => {
		const s = await jobEnRoute();
		for (const cookie of [s.customer, s.technician]) {
			const res = await send(linksPath(s.tenant.slug, s.job.id), cookie);
			expect(res.status).toBe(403);
			expect((await res.json<Envelope>()).error.code).toBe("forbidden");
		}
		expect((await call(linksPath(s.tenant.slug, s.job.id))).status).toBe(401);
	});
});
