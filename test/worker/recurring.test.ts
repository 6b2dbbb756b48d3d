import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { runScheduled } from "../../workers/cron";
import { runRecurringJob } from "../../workers/cron/recurring";
import { generateDueJobs } from "../../workers/domain/recurring/generate";
import { occurrencesBetween, toRRule } from "../../workers/domain/recurring/rule";
import { signIn } from "./auth-helpers";
import { db, makeAccount, makeContact, makeTenant, makeWebhookEndpoint, recordingQueue } from "./fixtures";
import { type Envelope, loadDemoData } from "./helpers";
import { consoleSetup, send } from "./staff-helpers";

const TZ = "America/New_York";
const live = { publishJob: async () => undefined, publishUnreadAlerts: async () => undefined };

type Series = {
	id: string;
	rrule: string;
	paused: boolean;
	repeat: { every: string };
	upcoming: Array<{ occurrence: string; at: string; state: string; jobId: string | null }>;
};

const booking = {
	kind: "pickup_delivery",
	pickup: { address: { line1: "350 Fifth Avenue", city: "New York" } },
	dropoff: { address: { line1: "60 Centre Street", city: "New York" } },
	packageDescription: "Lab samples",
};

type Setup = Awaited<ReturnType<typeof consoleSetup>>;

const createSeries = (s: Setup, body: Record<string, unknown>, cookie = s.customer) =>
	send(`/api/c/${s.tenant.slug}/recurring`, cookie, "POST", {
		repeat: { every: "weekday", time: "09:00" },
		startsOn: "2027-03-08",
		booking,
		...body,
	});

async function seriesJobs(seriesId: string) {
	const { results } = await env.DB.prepare(
		"SELECT id, status, window_start, window_end, source, series_id, idempotency_key FROM jobs WHERE series_id = ? ORDER BY window_start",
	)
		.bind(seriesId)
		.all<{ id: string; status: string; window_start: number; window_end: number; series_id: string }>();
	return results;
}

const at = (local: string) => Date.parse(local);

describe("the rule, in the tenant's zone", () => {
	it("keeps 9:00 at 9:00 local across both DST changes of America/New_York", () => {
		const rule = {
			rrule: toRRule({ every: "weekday", time: "09:00" }),
			startsOn: "2027-03-08",
			endsOn: null,
		};
		const march = occurrencesBetween(rule, TZ, at("2027-03-08T00:00:00Z"), at("2027-03-20T00:00:00Z"));
		expect(march.map((o) => o.local)).toEqual([
			"2027-03-08T09:00",
			"2027-03-09T09:00",
			"2027-03-10T09:00",
			"2027-03-11T09:00",
			"2027-03-12T09:00",
			"2027-03-15T09:00",
			"2027-03-16T09:00",
			"2027-03-17T09:00",
			"2027-03-18T09:00",
			"2027-03-19T09:00",
		]);
		// EST (UTC−5) before Sunday, March 14; EDT (UTC−4) after.
		expect(new Date(march[4]?.at ?? 0).toISOString()).toBe("2027-03-12T14:00:00.000Z");
		expect(new Date(march[5]?.at ?? 0).toISOString()).toBe("2027-03-15T13:00:00.000Z");
		const nov = occurrencesBetween(
			{ ...rule, startsOn: "2027-11-01" },
			TZ,
			at("2027-11-01T00:00:00Z"),
			at("2027-11-10T00:00:00Z"),
		);
		expect(new Date(nov.find((o) => o.local === "2027-11-05T09:00")?.at ?? 0).toISOString()).toBe(
			"2027-11-05T13:00:00.000Z",
		);
		expect(new Date(nov.find((o) => o.local === "2027-11-08T09:00")?.at ?? 0).toISOString()).toBe(
			"2027-11-08T14:00:00.000Z",
		);
	});

	it("reads every Monday and Thursday, and the first of the month", () => {
		const weekly = toRRule({ every: "week", days: ["TH", "MO"], time: "07:30" });
		expect(weekly).toBe("FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=7;BYMINUTE=30;BYSECOND=0");
		const days = occurrencesBetween(
			{ rrule: weekly, startsOn: "2027-01-01", endsOn: null },
			TZ,
			at("2027-01-01T00:00:00Z"),
			at("2027-01-12T00:00:00Z"),
		);
		expect(days.map((o) => o.local)).toEqual(["2027-01-04T07:30", "2027-01-07T07:30", "2027-01-11T07:30"]);
		const monthly = occurrencesBetween(
			{
				rrule: toRRule({ every: "month", dayOfMonth: 1, time: "09:00" }),
				startsOn: "2027-01-01",
				endsOn: "2027-03-31",
			},
			TZ,
			at("2027-01-01T00:00:00Z"),
			at("2027-12-31T00:00:00Z"),
		);
		expect(monthly.map((o) => o.local)).toEqual(["2027-01-01T09:00", "2027-02-01T09:00", "2027-03-01T09:00"]);
	});
});

describe("POST /api/c/:slug/recurring", { timeout: 30_000 }, () => {
	it("stores the repeat as an RRULE and lists the next occurrences", async () => {
		const s = await consoleSetup();
		const res = await createSeries(s, { repeat: { every: "week", days: ["MO", "TH"], time: "09:00" } });
		expect(res.status).toBe(201);
		const series = await res.json<Series>();
		expect(series.rrule).toBe("FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0;BYSECOND=0");
		expect(series.repeat).toMatchObject({ every: "week", days: ["MO", "TH"] });
		const list = await (await send(`/api/c/${s.tenant.slug}/recurring`, s.customer)).json<{
			items: Series[];
		}>();
		expect(list.items.map((i) => i.id)).toEqual([series.id]);
	});

	it("answers 400 naming the field", async () => {
		const s = await consoleSetup();
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ repeat: { every: "week", days: [], time: "09:00" } }, "repeat.days"],
			[{ repeat: { every: "month", dayOfMonth: 31, time: "09:00" } }, "repeat.dayOfMonth"],
			[{ repeat: { every: "weekday", time: "25:00" } }, "repeat.time"],
			[{ startsOn: "2020-01-06" }, "startsOn"],
			[{ startsOn: "2027-03-08", endsOn: "2027-03-01" }, "endsOn"],
			[{ booking: { ...booking, packageDescription: "" } }, "booking.packageDescription"],
			[{ durationMinutes: 5 }, "durationMinutes"],
			// A job that is not theirs to repeat (another tenant's, or none).
			[{ fromJobId: "job_someone_elses" }, "fromJobId"],
			[{ booking: { ...booking, pickup: { ...booking.pickup, saveAs: "Lab" } } }, "booking.pickup.saveAs"],
		];
		for (const [body, field] of cases) {
			const res = await createSeries(s, body);
			expect(res.status, field).toBe(400);
			const { error } = await res.json<Envelope>();
			expect(
				error.issues?.map((i) => i.field),
				field,
			).toContain(field);
		}
	});
});

describe("generating the jobs ahead", { timeout: 60_000 }, () => {
	it("makes each occurrence's job once when the schedule runs twice, and when it runs concurrently", async () => {
		const s = await consoleSetup();
		const series = await (await createSeries(s, {})).json<Series>();
		const now = at("2027-03-08T05:00:00Z"); // midnight in New York
		const first = await generateDueJobs({ db, live }, now, s.tenant.id);
		expect(first.created).toBe(10);
		const again = await generateDueJobs({ db, live }, now + 60_000, s.tenant.id);
		expect(again.created).toBe(0);
		// Two runs at once, a day later: the one new occurrence is made by exactly one of them.
		const later = now + 86_400_000;
		const both = await Promise.all([
			generateDueJobs({ db, live }, later, s.tenant.id),
			generateDueJobs({ db, live }, later, s.tenant.id),
		]);
		expect(both[0].created + both[1].created).toBe(1);
		const made = await seriesJobs(series.id);
		expect(made).toHaveLength(11);
		expect(new Set(made.map((j) => j.window_start)).size).toBe(11);
		expect(made.every((j) => j.status === "unassigned")).toBe(true);
		// 9:00 local on both sides of the change: 14:00 UTC in EST, 13:00 UTC in EDT.
		expect(new Date(made[4]?.window_start ?? 0).toISOString()).toBe("2027-03-12T14:00:00.000Z");
		expect(new Date(made[5]?.window_start ?? 0).toISOString()).toBe("2027-03-15T13:00:00.000Z");
		expect((made[5]?.window_end ?? 0) - (made[5]?.window_start ?? 0)).toBe(2 * 3_600_000);
	});

	it("runs through the Cron Trigger's entry and lands in the Unassigned lane, marked as from the series", async () => {
		const s = await consoleSetup();
		// A partner listening for new jobs, at the local inbox (answered in process in development).
		const endpointId = await makeWebhookEndpoint(
			s.tenant.id,
			["job.created"],
			"http://localhost:8787/dev/webhooks/inbox",
		);
		const series = await (await createSeries(s, { startsOn: "2027-11-01" })).json<Series>();
		const now = at("2027-11-01T04:00:00Z");
		await runScheduled(env, now);
		await runScheduled(env, now);
		const made = await seriesJobs(series.id);
		expect(made).toHaveLength(10);
		// Each job made is told to the partner once, as job.created carrying its series, and handed
		// to the queue by the cron itself: delivered without waiting for the sweep.
		const told = async () =>
			(
				await env.DB.prepare(
					"SELECT json_extract(d.payload, '$.data.id') AS job, json_extract(d.payload, '$.data.seriesId') AS series, d.state FROM webhook_deliveries d WHERE d.endpoint_id = ? AND d.type = 'job.created'",
				)
					.bind(endpointId)
					.all<{ job: string; series: string; state: string }>()
			).results;
		await vi.waitFor(
			async () => expect((await told()).map((t) => t.state)).toEqual(Array(10).fill("delivered")),
			{ timeout: 10_000, interval: 100 },
		);
		const deliveries = await told();
		expect(deliveries.map((t) => t.job).sort()).toEqual(made.map((j) => j.id).sort());
		expect(new Set(deliveries.map((t) => t.series))).toEqual(new Set([series.id]));
		expect(new Date(made[4]?.window_start ?? 0).toISOString()).toBe("2027-11-05T13:00:00.000Z");
		expect(new Date(made[5]?.window_start ?? 0).toISOString()).toBe("2027-11-08T14:00:00.000Z");
		const job = await (await send(`/api/d/${s.tenant.slug}/jobs/${made[0]?.id}`, s.staff)).json<{
			status: string;
			series: { id: string } | null;
		}>();
		expect(job).toMatchObject({ status: "unassigned", series: { id: series.id } });
		const customerJob = await send(`/api/c/${s.tenant.slug}/jobs/${made[0]?.id}`, s.customer);
		expect(customerJob.status).toBe(200);
	});

	it("hands the new jobs' job.created deliveries to the queue itself, not leaving them to the sweep", async () => {
		const s = await consoleSetup();
		const endpointId = await makeWebhookEndpoint(s.tenant.id, ["job.created"]);
		await createSeries(s, { startsOn: "2027-12-06" });
		const queue = recordingQueue<{ deliveryId: string; attempt: number }>();
		const sent = queue.sent;
		const made = await runRecurringJob({ ...env, WEBHOOK_QUEUE: queue as never }, at("2027-12-06T05:00:00Z"));
		expect(made.created).toBeGreaterThanOrEqual(10);
		const { results } = await env.DB.prepare("SELECT id FROM webhook_deliveries WHERE endpoint_id = ?")
			.bind(endpointId)
			.all<{ id: string }>();
		expect(results).toHaveLength(10);
		const mine = sent.filter((m) => results.some((r) => r.id === m.deliveryId));
		expect(mine.map((m) => m.deliveryId).sort()).toEqual(results.map((r) => r.id).sort());
		expect(mine.every((m) => m.attempt === 0)).toBe(true);
	});

	it("never makes a skipped occurrence; skipping a made one cancels its job before the cutoff", async () => {
		const s = await consoleSetup();
		const series = await (await createSeries(s, {})).json<Series>();
		const skip = (occurrence: string) =>
			send(`/api/c/${s.tenant.slug}/recurring/${series.id}/skip`, s.customer, "POST", { occurrence });
		const skipped = await skip("2027-03-09T09:00");
		expect(skipped.status).toBe(200);
		const view = await skipped.json<Series>();
		expect(view.upcoming.find((o) => o.occurrence === "2027-03-09T09:00")?.state).toBe("skipped");
		await generateDueJobs({ db, live }, at("2027-03-08T05:00:00Z"), s.tenant.id);
		const made = await seriesJobs(series.id);
		expect(made).toHaveLength(9);
		expect(made.map((j) => new Date(j.window_start).toISOString())).not.toContain("2027-03-09T14:00:00.000Z");
		// Already made: skipping it cancels the job (it is unassigned, before the cutoff).
		expect((await skip("2027-03-10T09:00")).status).toBe(200);
		const tenth = (await seriesJobs(series.id)).find(
			(j) => new Date(j.window_start).toISOString() === "2027-03-10T14:00:00.000Z",
		);
		expect(tenth?.status).toBe("cancelled");
		// Not an occurrence of the rule (a Saturday, another time): 400 naming it.
		for (const bad of ["2027-03-13T09:00", "2027-03-11T10:00", "tomorrow"]) {
			const res = await skip(bad);
			expect(res.status, bad).toBe(400);
			expect((await res.json<Envelope>()).error.issues?.[0]?.field).toBe("occurrence");
		}
	});

	it("makes nothing while paused, and picks up again once resumed", async () => {
		const s = await consoleSetup();
		const series = await (await createSeries(s, {})).json<Series>();
		const patch = (paused: unknown) =>
			send(`/api/c/${s.tenant.slug}/recurring/${series.id}`, s.customer, "PATCH", { paused });
		const paused = await patch(true);
		expect(paused.status).toBe(200);
		expect((await paused.json<Series>()).paused).toBe(true);
		await generateDueJobs({ db, live }, at("2027-03-08T05:00:00Z"), s.tenant.id);
		expect(await seriesJobs(series.id)).toHaveLength(0);
		expect((await patch("yes")).status).toBe(400);
		await patch(false);
		await generateDueJobs({ db, live }, at("2027-03-08T05:00:00Z"), s.tenant.id);
		expect(await seriesJobs(series.id)).toHaveLength(10);
	});

	it("makes nothing for a blocked contact", async () => {
		const s = await consoleSetup();
		const series = await (await createSeries(s, {})).json<Series>();
		await env.DB.prepare("UPDATE contacts SET blocked_at = ? WHERE id = ?")
			.bind(Date.now(), s.contact.id)
			.run();
		await generateDueJobs({ db, live }, at("2027-03-08T05:00:00Z"), s.tenant.id);
		expect(await seriesJobs(series.id)).toHaveLength(0);
	});
});

describe("isolation", { timeout: 30_000 }, () => {
	it("answers 404 for another tenant's or another contact's series", async () => {
		const s = await consoleSetup();
		const series = await (await createSeries(s, {})).json<Series>();
		// Another contact of the same tenant (a booker of another account).
		const other = await makeAccount(s.tenant, "Elsewhere");
		await makeContact(s.tenant, { email: "bo@elsewhere.example", name: "Bo", accountId: other.id });
		const bo = await signIn(s.tenant.slug, "bo@elsewhere.example", "c");
		// The same email in another tenant.
		const t2 = await makeTenant();
		await makeContact(t2, { email: "Cal.Client@Clinic.example", name: "Cal Twin" });
		const twin = await signIn(t2.slug, "cal.client@clinic.example", "c");
		for (const [slug, cookie] of [
			[s.tenant.slug, bo],
			[t2.slug, twin],
		] as const) {
			expect((await send(`/api/c/${slug}/recurring/${series.id}`, cookie)).status).toBe(404);
			expect(
				(await send(`/api/c/${slug}/recurring/${series.id}`, cookie, "PATCH", { paused: true })).status,
			).toBe(404);
			const skip = await send(`/api/c/${slug}/recurring/${series.id}/skip`, cookie, "POST", {
				occurrence: "2027-03-09T09:00",
			});
			expect(skip.status).toBe(404);
			const list = await (await send(`/api/c/${slug}/recurring`, cookie)).json<{ items: Series[] }>();
			expect(list.items).toEqual([]);
		}
		const still = await (
			await send(`/api/c/${s.tenant.slug}/recurring/${series.id}`, s.customer)
		).json<Series>();
		expect(still.paused).toBe(false);
	});
});

describe("demo data", { timeout: 60_000 }, () => {
	it("has Ken Okafor's repeat booking, every Monday and Thursday at 9:00", async () => {
		await loadDemoData();
		const ken = await signIn("acme-courier", "ken.okafor@northgatemotors.example");
		const list = await (await send("/api/c/acme-courier/recurring", ken)).json<{ items: Series[] }>();
		expect(list.items).toHaveLength(1);
		expect(list.items[0]?.repeat).toEqual({ every: "week", days: ["MO", "TH"], time: "09:00" });
		expect(list.items[0]?.upcoming.length).toBeGreaterThan(0);
	});
});
