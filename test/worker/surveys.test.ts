import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "../../schema";
import { scopeOf } from "../../workers/domain/customers/permissions";
import type { LiveChannels } from "../../workers/domain/live/live-jobs";
import { answerSurvey } from "../../workers/domain/surveys/survey-answers";
import {
	averageScore,
	netPromoterScore,
	summarizeSurveys,
	weekStartOf,
} from "../../workers/domain/surveys/survey-results";
import { SURVEY_EDIT_WINDOW_MS } from "../../workers/domain/surveys/survey-rules";
import { resolveTenantSettings } from "../../workers/domain/tenant/tenant-settings";
import { signIn } from "./auth-helpers";
import { pickupBody } from "./booking-helpers";
import { makeContact, makeWebhookEndpoint } from "./fixtures";
import { call, type Envelope, loadDemoData, shardOf } from "./helpers";
import { consoleSetup, send } from "./staff-helpers";

type Setup = Awaited<ReturnType<typeof consoleSetup>>;

type SurveyView = {
	enabled: boolean;
	type: "stars" | "nps";
	categories: string[];
	reviewUrl: string | null;
	answer: { score: number; comment: string | null; categories: Record<string, number> } | null;
	editableUntil: string | null;
	editable: boolean;
};

type Results = {
	items: Array<{
		jobId: string;
		jobNumber: number;
		score: number;
		comment: string | null;
		categories: Record<string, number>;
		technicianName: string | null;
		contactName: string | null;
		via: string;
	}>;
	nextCursor: string | null;
	count: number;
	nps?: number | null;
	averageStars?: number | null;
	technicians: Array<{ technicianName: string | null; count: number; value: number | null }>;
	categories: Array<{ name: string; average: number }>;
	weeks: Array<{ weekStart: string; count: number }>;
};

/** A job the dispatcher typed for the signed-in customer, done by the setup's technician. */
async function jobFor(s: Setup, status = "completed", contactId = s.contact.id) {
	const res = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", {
		...pickupBody(),
		customer: { contactId },
	});
	expect(res.status).toBe(201);
	const { id } = await res.json<{ id: string }>();
	await env.DB.prepare("UPDATE jobs SET status = ?, technician_id = ?, completed_at = ? WHERE id = ?")
		.bind(status, s.tech.id, status === "completed" ? Date.now() : null, id)
		.run();
	return id;
}

const surveyPath = (s: Setup, jobId: string) => `/api/c/${s.tenant.slug}/jobs/${jobId}/survey`;
const answer = (s: Setup, jobId: string, body: unknown, cookie = s.customer, method = "POST") =>
	send(surveyPath(s, jobId), cookie, method, body);

async function useNps(s: Setup) {
	const res = await send(`/api/d/${s.tenant.slug}/settings`, s.adminCookie, "PATCH", {
		survey: { type: "nps" },
	});
	expect(res.status).toBe(200);
}

async function alerts(tenantId: string) {
	const { results } = await env.DB.prepare(
		"SELECT kind, job_id, title, body FROM inbox_alerts WHERE tenant_id = ? AND kind = 'survey_low_score'",
	)
		.bind(tenantId)
		.all<{ kind: string; job_id: string; title: string; body: string | null }>();
	return results;
}

async function fieldOf(res: Response) {
	expect(res.status).toBe(400);
	const body = await res.json<Envelope>();
	return body.error.issues?.map((i) => i.field);
}

describe("POST /api/c/:slug/jobs/:id/survey", { timeout: 30_000 }, () => {
	it("takes 1–5 stars and ratings of the tenant's categories, and refuses anything else naming the field", async () => {
		const s = await consoleSetup();
		const job = await jobFor(s);
		expect(await fieldOf(await answer(s, job, { score: 0 }))).toEqual(["score"]);
		expect(await fieldOf(await answer(s, job, { score: 6 }))).toEqual(["score"]);
		expect(await fieldOf(await answer(s, job, { score: 3.5 }))).toEqual(["score"]);
		expect(await fieldOf(await answer(s, job, { score: 4, categories: { speed: 4 } }))).toEqual([
			"categories.speed",
		]);
		expect(await fieldOf(await answer(s, job, { score: 4, categories: { quality: 9 } }))).toEqual([
			"categories.quality",
		]);
		const res = await answer(s, job, {
			score: 5,
			comment: "  Lovely  ",
			categories: { punctuality: 4, value: 5 },
		});
		expect(res.status).toBe(201);
		const view = await res.json<SurveyView>();
		expect(view).toMatchObject({
			type: "stars",
			categories: ["punctuality", "communication", "quality", "value"],
			answer: { score: 5, comment: "Lovely", categories: { punctuality: 4, value: 5 } },
			editable: true,
		});
	});

	it("takes 0–10 on an NPS tenant, and not 11 or −1", async () => {
		const s = await consoleSetup();
		await useNps(s);
		const [a, b] = [await jobFor(s), await jobFor(s)];
		expect(await fieldOf(await answer(s, a, { score: 11 }))).toEqual(["score"]);
		expect(await fieldOf(await answer(s, a, { score: -1 }))).toEqual(["score"]);
		expect((await answer(s, a, { score: 0 })).status).toBe(201);
		const res = await answer(s, b, { score: 10, categories: { quality: 10 } });
		expect(res.status).toBe(201);
		expect((await res.json<SurveyView>()).type).toBe("nps");
	});

	it("is 409 before the job is completed, and uses the tenant's edited categories", async () => {
		const s = await consoleSetup();
		const open = await jobFor(s, "en_route");
		expect((await answer(s, open, { score: 4 })).status).toBe(409);
		expect((await (await send(surveyPath(s, open), s.customer)).json<SurveyView>()).enabled).toBe(false);
		const patch = await send(`/api/d/${s.tenant.slug}/settings`, s.adminCookie, "PATCH", {
			survey: { categories: ["friendliness"] },
		});
		expect(patch.status).toBe(200);
		const done = await jobFor(s);
		expect(await fieldOf(await answer(s, done, { score: 4, categories: { quality: 4 } }))).toEqual([
			"categories.quality",
		]);
		expect((await answer(s, done, { score: 4, categories: { friendliness: 5 } })).status).toBe(201);
	});

	it("is not asked, and 409, when the tenant turned the survey off", async () => {
		const s = await consoleSetup();
		const job = await jobFor(s);
		const off = await send(`/api/d/${s.tenant.slug}/settings`, s.adminCookie, "PATCH", {
			survey: { enabled: false },
		});
		expect(off.status).toBe(200);
		expect((await off.json<{ survey: { enabled: boolean } }>()).survey.enabled).toBe(false);
		expect((await (await send(surveyPath(s, job), s.customer)).json<SurveyView>()).enabled).toBe(false);
		expect((await answer(s, job, { score: 5 })).status).toBe(409);
		const dispatcher = await send(`/api/d/${s.tenant.slug}/settings`, s.staff, "PATCH", {
			survey: { enabled: true },
		});
		expect(dispatcher.status).toBe(403);
	});

	it("keeps one answer per job and contact: a second POST or a PUT changes it (200)", async () => {
		const s = await consoleSetup();
		const job = await jobFor(s);
		expect((await answer(s, job, { score: 3 })).status).toBe(201);
		const again = await answer(s, job, { score: 4, comment: "Better on reflection" });
		expect(again.status).toBe(200);
		const put = await answer(s, job, { score: 5 }, s.customer, "PUT");
		expect(put.status).toBe(200);
		expect((await put.json<SurveyView>()).answer).toMatchObject({ score: 5, comment: null });
		// A colleague who sees the job (the account's admin) answers for themself.
		await makeContact(s.tenant, {
			email: "boss@clinic.example",
			name: "Bea Boss",
			accountId: s.account.id,
			role: "admin",
		});
		const boss = await signIn(s.tenant.slug, "boss@clinic.example", "c");
		expect((await answer(s, job, { score: 2 }, boss)).status).toBe(201);
		const { results } = await env.DB.prepare(
			"SELECT contact_id, score FROM surveys WHERE job_id = ? ORDER BY score",
		)
			.bind(job)
			.all<{ contact_id: string; score: number }>();
		expect(results.map((r) => r.score)).toEqual([2, 5]);
		const read = await send(surveyPath(s, job), s.customer);
		expect((await read.json<SurveyView>()).answer?.score).toBe(5);
	});

	it("is 409 once 7 days have passed since the first answer", async () => {
		const s = await consoleSetup();
		const job = await jobFor(s);
		expect((await answer(s, job, { score: 4 })).status).toBe(201);
		await env.DB.prepare("UPDATE surveys SET created_at = created_at - ? WHERE job_id = ?")
			.bind(SURVEY_EDIT_WINDOW_MS + 1000, job)
			.run();
		const late = await answer(s, job, { score: 1 });
		expect(late.status).toBe(409);
		expect((await late.json<Envelope>()).error.code).toBe("conflict");
		const view = await (await send(surveyPath(s, job), s.customer)).json<SurveyView>();
		expect(view).toMatchObject({ editable: false, answer: { score: 4 } });
		expect(await alerts(s.tenant.id)).toEqual([]);
	});

	it("lets the answer change until the clock reaches 7 days after it, then refuses", async () => {
		const s = await consoleSetup();
		const job = await jobFor(s);
		const db = drizzle(env.DB, { schema });
		const live = { publishUnreadAlerts: async () => {} } as unknown as LiveChannels;
		const me = {
			audience: "customer" as const,
			id: s.contact.id,
			name: "Cal Client",
			email: s.contact.email,
			role: "booker",
			accountId: s.account.id,
			accountName: "Riverside Clinic",
			locationId: null,
			locationIds: [],
			locale: null,
		};
		const respondent = {
			kind: "contact" as const,
			scope: scopeOf(s.tenant, me, "jobs"),
			me,
			meta: { ip: "10.0.0.1", userAgent: null },
		};
		const settings = resolveTenantSettings({}).survey;
		const first = Date.parse("2026-11-02T10:00:00Z");
		const at = (now: number, score: number) =>
			answerSurvey({ db, live, now }, settings, respondent, job, { score });
		expect((await at(first, 4)).created).toBe(true);
		const edited = await at(first + SURVEY_EDIT_WINDOW_MS - 1, 5);
		expect(edited).toMatchObject({ created: false, view: { answer: { score: 5 }, editable: true } });
		expect(edited.view.editableUntil).toBe(new Date(first + SURVEY_EDIT_WINDOW_MS).toISOString());
		await expect(at(first + SURVEY_EDIT_WINDOW_MS, 3)).rejects.toMatchObject({ status: 409 });
	});

	it("alerts the dispatchers for a low score (≤2 stars) in the same write, and not for a high one", async () => {
		const s = await consoleSetup();
		const [low, high] = [await jobFor(s), await jobFor(s)];
		expect((await answer(s, high, { score: 4 })).status).toBe(201);
		expect(await alerts(s.tenant.id)).toEqual([]);
		expect((await answer(s, low, { score: 2, comment: "Late and rude" })).status).toBe(201);
		const number = (
			await env.DB.prepare("SELECT number FROM jobs WHERE id = ?").bind(low).first<{ number: number }>()
		)?.number;
		expect(await alerts(s.tenant.id)).toEqual([
			{
				kind: "survey_low_score",
				job_id: low,
				title: `Low survey score on job #${number}: 2/5 from Cal Client (Riverside Clinic)`,
				body: "Late and rude",
			},
		]);
		// Still low after an edit: no second alert. A high answer turned low: one.
		expect((await answer(s, low, { score: 1 })).status).toBe(200);
		expect((await answer(s, high, { score: 2 })).status).toBe(200);
		expect((await alerts(s.tenant.id)).map((a) => a.job_id)).toEqual([low, high]);
		const inbox = await send(`/api/d/${s.tenant.slug}/inbox`, s.staff);
		expect(JSON.stringify(await inbox.json())).toContain("Low survey score");
	});

	it("records survey.submitted for the tenant's webhooks in the same write, each answer and change", async () => {
		const s = await consoleSetup();
		await makeWebhookEndpoint(s.tenant.id, ["survey.submitted"]);
		const jobId = await jobFor(s);
		expect((await answer(s, jobId, { score: 5, comment: "Spot on" })).status).toBe(201);
		expect((await answer(s, jobId, { score: 4 })).status).toBe(200);
		const { results } = await env.DB.prepare(
			"SELECT json_extract(payload, '$.data') AS data FROM webhook_deliveries WHERE tenant_id = ? AND type = 'survey.submitted' ORDER BY created_at",
		)
			.bind(s.tenant.id)
			.all<{ data: string }>();
		expect(results.map((r) => JSON.parse(r.data))).toMatchObject([
			{ jobId, contactId: s.contact.id, score: 5, scale: "stars", comment: "Spot on" },
			{ jobId, contactId: s.contact.id, score: 4, scale: "stars" },
		]);
		// A refused answer records nothing.
		expect((await answer(s, jobId, { score: 9 })).status).toBe(400);
		const count = await env.DB.prepare(
			"SELECT count(*) AS n FROM webhook_deliveries WHERE tenant_id = ? AND type = 'survey.submitted'",
		)
			.bind(s.tenant.id)
			.first<{ n: number }>();
		expect(count?.n).toBe(2);
	});

	it("treats ≤6 as low on an NPS tenant and 7 as not", async () => {
		const s = await consoleSetup();
		await useNps(s);
		const [a, b] = [await jobFor(s), await jobFor(s)];
		expect((await answer(s, a, { score: 7 })).status).toBe(201);
		expect((await answer(s, b, { score: 6 })).status).toBe(201);
		expect((await alerts(s.tenant.id)).map((r) => [r.job_id, r.title.includes("6/10")])).toEqual([[b, true]]);
	});

	it("is 404 for another customer's job, another tenant's job and no job at all", async () => {
		const s = await consoleSetup();
		const other = await makeContact(s.tenant, { email: "someone.else@example.com", name: "Sam Else" });
		const theirs = await jobFor(s, "completed", other.id);
		const elsewhere = await consoleSetup();
		const foreign = await jobFor(elsewhere);
		for (const id of [theirs, foreign, "job_nothing"]) {
			const res = await answer(s, id, { score: 5 });
			expect(res.status, id).toBe(404);
			expect((await send(surveyPath(s, id), s.customer)).status).toBe(404);
		}
		const { results } = await env.DB.prepare("SELECT id FROM surveys WHERE tenant_id IN (?, ?)")
			.bind(s.tenant.id, elsewhere.tenant.id)
			.all();
		expect(results).toEqual([]);
	});

	it("is 401 signed out and 403 with a staff session", async () => {
		const s = await consoleSetup();
		const job = await jobFor(s);
		expect((await call(surveyPath(s, job), { method: "POST" })).status).toBe(401);
		expect((await answer(s, job, { score: 5 }, s.staff)).status).toBe(403);
	});
});

describe("POST /api/track/:token/survey", { timeout: 30_000 }, () => {
	async function sharedJob(s: Setup) {
		const job = await jobFor(s, "assigned");
		const res = await send(`/api/d/${s.tenant.slug}/jobs/${job}/tracking-links`, s.staff, "POST", {});
		expect(res.status).toBe(201);
		const { id, url } = await res.json<{ id: string; url: string }>();
		return { job, linkId: id, token: url.split("/track/")[1] ?? "" };
	}
	const complete = (job: string) =>
		env.DB.prepare("UPDATE jobs SET status = 'completed', completed_at = ? WHERE id = ?")
			.bind(Date.now(), job)
			.run();
	const post = (token: string, body: unknown) =>
		call(`/api/track/${token}/survey`, {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify(body),
		});

	it("takes one answer per job and link once the job is completed, with the job's technician", async () => {
		const s = await consoleSetup();
		const { job, token } = await sharedJob(s);
		expect((await post(token, { score: 5 })).status).toBe(409);
		expect((await (await call(`/api/track/${token}/survey`)).json<SurveyView>()).enabled).toBe(false);
		await complete(job);
		// The live view ends with the job; the survey stays open through the link.
		expect((await call(`/api/track/${token}`)).status).toBe(404);
		const read = await call(`/api/track/${token}/survey`);
		expect(read.status).toBe(200);
		const view = await read.json<SurveyView>();
		expect(view.answer).toBeNull();
		// Whose survey it is, for a page that has no tenant loaded: its name and the slug of its branding.
		expect(view).toMatchObject({ tenantName: s.tenant.name, tenantSlug: s.tenant.slug });
		expect(await fieldOf(await post(token, { score: 9 }))).toEqual(["score"]);
		expect((await post(token, { score: 1, comment: "Never again" })).status).toBe(201);
		expect((await post(token, { score: 2 })).status).toBe(200);
		const row = await env.DB.prepare(
			"SELECT contact_id, tracking_link_id, technician_id, score FROM surveys WHERE job_id = ?",
		)
			.bind(job)
			.first();
		expect(row).toMatchObject({ contact_id: null, technician_id: s.tech.id, score: 2 });
		expect((await alerts(s.tenant.id)).map((a) => a.title)).toEqual([
			expect.stringContaining("from someone with a tracking link"),
		]);
		// The signed-in customer's answer is their own, beside the link's.
		expect((await answer(s, job, { score: 5 })).status).toBe(201);
	});

	it("is 404 for a revoked link or a made-up token", async () => {
		const s = await consoleSetup();
		const { job, linkId, token } = await sharedJob(s);
		await complete(job);
		expect((await send(`/api/d/${s.tenant.slug}/tracking-links/${linkId}`, s.staff, "DELETE")).status).toBe(
			204,
		);
		expect((await post(token, { score: 5 })).status).toBe(404);
		expect((await post("x".repeat(43), { score: 5 })).status).toBe(404);
	});
});

describe("GET /api/d/:slug/surveys", { timeout: 30_000 }, () => {
	it("lists answers with job, technician and contact, and their average stars per technician and category", async () => {
		const s = await consoleSetup();
		const jobs = [await jobFor(s), await jobFor(s), await jobFor(s)];
		await answer(s, jobs[0] as string, { score: 5, comment: "Great", categories: { quality: 5 } });
		await answer(s, jobs[1] as string, { score: 4, categories: { value: 4, quality: 3 } });
		await answer(s, jobs[2] as string, { score: 2, comment: "Late" });
		const res = await send(`/api/d/${s.tenant.slug}/surveys?limit=2`, s.staff);
		expect(res.status).toBe(200);
		const page = await res.json<Results>();
		expect(page.items).toHaveLength(2);
		expect(page.items[0]).toMatchObject({
			jobId: jobs[2],
			score: 2,
			comment: "Late",
			technicianName: "Vic Van",
			contactName: "Cal Client",
			via: "portal",
		});
		expect(page).toMatchObject({ count: 3, averageStars: 3.67 });
		expect(page.nps).toBeUndefined();
		expect(page.technicians).toEqual([
			{ technicianId: s.tech.id, technicianName: "Vic Van", count: 3, value: 3.67 },
		]);
		// In the order the survey asks them.
		expect(page.categories).toEqual([
			{ name: "quality", count: 2, average: 4 },
			{ name: "value", count: 1, average: 4 },
		]);
		const next = await send(
			`/api/d/${s.tenant.slug}/surveys?limit=2&cursor=${encodeURIComponent(page.nextCursor ?? "")}`,
			s.staff,
		);
		expect((await next.json<Results>()).items.map((i) => i.jobId)).toEqual([jobs[0]]);
		const none = await send(`/api/d/${s.tenant.slug}/surveys?technicianId=tec_other`, s.staff);
		expect(await none.json<Results>()).toMatchObject({ items: [], count: 0, averageStars: null });
	});

	it("answers the NPS of an NPS tenant and filters by the days answered", async () => {
		const s = await consoleSetup();
		await useNps(s);
		for (const score of [10, 9, 7, 3]) expect((await answer(s, await jobFor(s), { score })).status).toBe(201);
		const all = await (await send(`/api/d/${s.tenant.slug}/surveys`, s.staff)).json<Results>();
		expect(all).toMatchObject({ count: 4, nps: 25 });
		expect(all.averageStars).toBeUndefined();
		const past = await send(`/api/d/${s.tenant.slug}/surveys?from=2020-01-01&to=2020-01-31`, s.staff);
		expect(await past.json<Results>()).toMatchObject({ items: [], count: 0, nps: null });
		const bad = await send(`/api/d/${s.tenant.slug}/surveys?from=2026-02-01&to=2026-01-01`, s.staff);
		expect(await fieldOf(bad)).toEqual(["to"]);
	});

	it("is for staff: 401 signed out, 403 for customers and technicians, 200 for dispatchers and admins", async () => {
		const s = await consoleSetup();
		const path = `/api/d/${s.tenant.slug}/surveys`;
		expect((await call(path)).status).toBe(401);
		expect((await send(path, s.customer)).status).toBe(403);
		expect((await send(path, s.technician)).status).toBe(403);
		expect((await send(path, s.staff)).status).toBe(200);
		expect((await send(path, s.adminCookie)).status).toBe(200);
	});

	it("never shows another tenant's answers", async () => {
		const s = await consoleSetup();
		await answer(s, await jobFor(s), { score: 5 });
		const other = await consoleSetup();
		const res = await send(`/api/d/${other.tenant.slug}/surveys`, other.staff);
		expect(await res.json<Results>()).toMatchObject({ items: [], count: 0 });
	});
});

describe("survey figures", () => {
	it("computes NPS as promoters minus detractors over all answers", () => {
		expect(netPromoterScore([10, 9, 9, 8, 7, 6, 3, 0])).toBe(0);
		expect(netPromoterScore([10, 10, 9, 7, 2])).toBe(40);
		expect(netPromoterScore([0, 1, 6])).toBe(-100);
		expect(netPromoterScore([9, 8, 7])).toBe(33.3);
		expect(netPromoterScore([])).toBeNull();
	});

	it("averages stars to two places", () => {
		expect(averageScore([5, 4, 4, 2])).toBe(3.75);
		expect(averageScore([5, 4, 4])).toBe(4.33);
		expect(averageScore([])).toBeNull();
	});

	it("groups by the Monday of the week in the tenant's time zone", () => {
		// Sunday 23:30 in New York is already Monday 04:30 UTC.
		const sundayNight = Date.parse("2026-11-30T04:30:00Z");
		expect(weekStartOf(sundayNight, "America/New_York")).toBe("2026-11-23");
		expect(weekStartOf(sundayNight, "UTC")).toBe("2026-11-30");
		const row = (score: number, at: string, tech: string | null, categories = {}) => ({
			score,
			categories,
			technicianId: tech,
			technicianName: tech,
			createdAt: Date.parse(at),
		});
		const summary = summarizeSurveys(
			[
				row(10, "2026-11-24T12:00:00Z", "Ann", { quality: 10 }),
				row(3, "2026-11-25T12:00:00Z", "Ann", { quality: 4 }),
				row(9, "2026-12-01T12:00:00Z", "Bob"),
			],
			"nps",
			"UTC",
		);
		expect(summary).toEqual({
			count: 3,
			value: 33.3,
			weeks: [
				{ weekStart: "2026-11-23", count: 2, value: 0 },
				{ weekStart: "2026-11-30", count: 1, value: 100 },
			],
			technicians: [
				{ technicianId: "Ann", technicianName: "Ann", count: 2, value: 0 },
				{ technicianId: "Bob", technicianName: "Bob", count: 1, value: 100 },
			],
			categories: [{ name: "quality", count: 2, average: 7 }],
		});
	});
});

describe("demo surveys", () => {
	it("answer completed jobs of both tenants in their type, keeping the job's technician", async () => {
		await loadDemoData();
		// The demo's two tenants are on different shards (vitest.config.ts).
		const results = [];
		for (const tenant of ["ten_acme", "ten_bayside"]) {
			const shard = await shardOf(tenant);
			const found = await shard
				.prepare(
					`SELECT s.tenant_id, s.scale, s.score, s.technician_id = j.technician_id AS same_tech, j.status
					 FROM surveys s JOIN jobs j ON j.id = s.job_id AND j.tenant_id = s.tenant_id
					 WHERE s.tenant_id = ?`,
				)
				.bind(tenant)
				.all<{ tenant_id: string; scale: string; score: number; same_tech: number; status: string }>();
			results.push(...found.results);
		}
		for (const [tenant, scale] of [
			["ten_acme", "stars"],
			["ten_bayside", "nps"],
		]) {
			const mine = results.filter((r) => r.tenant_id === tenant);
			expect(mine.length, tenant).toBeGreaterThan(0);
			expect(mine.every((r) => r.scale === scale && r.same_tech === 1 && r.status === "completed")).toBe(
				true,
			);
		}
	});
});
