import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it, vi } from "vitest";
import * as schema from "../../schema";
import { recordOverdueReminders } from "../../workers/cron/notifications";
import { recordArrivingSoon } from "../../workers/domain/notifications/arriving";
import { deliverNotification } from "../../workers/domain/notifications/deliver";
import { noticeLog, notificationInsert } from "../../workers/domain/notifications/record";
import { unsubscribeToken } from "../../workers/domain/notifications/unsubscribe-token";
import { createEmailSender } from "../../workers/email/sender";
import { meteredD1 } from "../../workers/middleware/d1-metrics";
import {
	enqueueNotifications,
	sweepNotifications,
	unsubscribeSecret,
} from "../../workers/queues/notification-queue";
import { postJson, signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { estimateSetup, sharedEstimate } from "./estimate-helpers";
import { db, makeAccount, makeContact, makeStaff, makeTechnician, makeTenant } from "./fixtures";
import { call, type Envelope } from "./helpers";
import { sharedInvoice } from "./invoice-helpers";
import { send } from "./staff-helpers";

const T = { timeout: 90_000 };

type Mail = { to: string; subject: string; text: string; html: string; headers: Record<string, string> };

/** Notification emails to an address in the outbox (sign-in emails aside), oldest first, with their headers. */
async function mailTo(to: string): Promise<Mail[]> {
	const { results } = await env.DB.prepare(
		`SELECT "to", subject, text, html, headers FROM outbox_emails
		 WHERE "to" = ? AND subject NOT LIKE 'Your sign-in link%' ORDER BY sent_at, rowid`,
	)
		.bind(to)
		.all<Omit<Mail, "headers"> & { headers: string }>();
	return results.map((r) => ({ ...r, headers: JSON.parse(r.headers) as Record<string, string> }));
}

/** Waits until the address has `count` emails (the queue delivers them on its own) and answers the last. */
async function nthMail(to: string, count: number, timeout = 20_000): Promise<Mail> {
	return vi.waitFor(
		async () => {
			const mails = await mailTo(to);
			if (mails.length < count) throw new Error(`${mails.length} of ${count} emails to ${to}`);
			return mails[count - 1] as Mail;
		},
		{ timeout, interval: 100 },
	);
}

async function deliveriesOf(jobId: string) {
	return db
		.select({
			kind: schema.notifications.kind,
			email: schema.notificationDeliveries.email,
			state: schema.notificationDeliveries.state,
			attempts: schema.notificationDeliveries.attempts,
			deadAt: schema.notificationDeliveries.deadAt,
			reason: schema.notificationDeliveries.lastError,
		})
		.from(schema.notificationDeliveries)
		.innerJoin(
			schema.notifications,
			eq(schema.notifications.id, schema.notificationDeliveries.notificationId),
		)
		.where(eq(schema.notificationDeliveries.jobId, jobId));
}

/** A tenant with a booker (signed in), a dispatcher and a technician (signed in). */
async function setup() {
	const tenant = await makeTenant();
	await env.DB.prepare("UPDATE tenants SET support_phone = '+1 212 555 0199' WHERE id = ?")
		.bind(tenant.id)
		.run();
	const account = await makeAccount(tenant, "Hartwell & Pine");
	const email = `bea-${crypto.randomUUID().slice(0, 6)}@firm.example`;
	const contact = await makeContact(tenant, { email, name: "Bea Booker", accountId: account.id });
	const dispatcher = await makeStaff(tenant, "desk@fleet.example", "Dee Desk");
	const tech = await makeTechnician(tenant, "van@fleet.example", "Val Van");
	return {
		tenant,
		account,
		contact,
		email,
		dispatcher,
		tech,
		customer: await signIn(tenant.slug, email, "c"),
		staff: await signIn(tenant.slug, "desk@fleet.example", "d"),
		technician: await signIn(tenant.slug, "van@fleet.example", "t"),
	};
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function bookJob(s: Setup, extra: Record<string, unknown> = {}) {
	const res = await book(s.tenant.slug, s.customer, pickupBody(extra));
	expect(res.status).toBe(201);
	return res.json<{ id: string; number: number; reference: string }>();
}

const assign = (s: Setup, jobId: string) =>
	postJson(`/api/d/${s.tenant.slug}/jobs/${jobId}/assign`, { technicianId: s.tech.id }, { Cookie: s.staff });

const move = (s: Setup, jobId: string, status: string, message?: string) =>
	postJson(`/api/t/${s.tenant.slug}/jobs/${jobId}/status`, { status, message }, { Cookie: s.technician });

function expectUnsubscribeHeaders(mail: Mail) {
	expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
	expect(mail.headers["List-Unsubscribe"]).toMatch(
		/^<https:\/\/portal\.test\/api\/unsubscribe\/[\w-]+\.[\w-]+>$/,
	);
}

const unsubscribeUrlOf = (mail: Mail) => (mail.headers["List-Unsubscribe"] ?? "").slice(1, -1);

/** What the notification queue's consumer works with, over `on`. */
const consumerDeps = (on: typeof db) => ({
	db: on,
	sendEmail: createEmailSender(env, on),
	unsubscribeSecret: unsubscribeSecret(env),
	fallbackOrigin: null,
	now: () => Date.now(),
});

describe("a notification at each stage of a job", () => {
	it(
		"emails the booker at booked, scheduled, on the way, paused and completed, each with its deep link and List-Unsubscribe",
		T,
		async () => {
			const s = await setup();
			const job = await bookJob(s);
			const jobLink = `https://portal.test/c/${s.tenant.slug}/jobs/${job.id}?email=${encodeURIComponent(s.email)}`;

			const booked = await nthMail(s.email, 1);
			expect(booked.subject).toBe(`Booked: job #${job.number} with ${s.tenant.name}`);
			expect(booked.text).toContain(jobLink);
			expect(booked.text).toContain(job.reference);
			expect(booked.text).toContain("+1 212 555 0199");
			expectUnsubscribeHeaders(booked);

			expect((await assign(s, job.id)).status).toBe(200);
			const scheduled = await nthMail(s.email, 2);
			expect(scheduled.subject).toBe(`Scheduled: job #${job.number} with ${s.tenant.name}`);
			expect(scheduled.text).toContain("Val Van");
			expect(scheduled.text).toContain(jobLink);

			expect((await move(s, job.id, "en_route")).status).toBe(200);
			const onTheWay = await nthMail(s.email, 3);
			expect(onTheWay.subject).toBe(`On the way: job #${job.number} with ${s.tenant.name}`);
			expect(onTheWay.text).toContain("Val Van is on the way");
			expect(onTheWay.text).toContain(jobLink);
			expectUnsubscribeHeaders(onTheWay);

			expect((await move(s, job.id, "in_progress")).status).toBe(200);
			expect((await move(s, job.id, "paused", "Waiting for the loading dock")).status).toBe(200);
			const paused = await nthMail(s.email, 4);
			expect(paused.subject).toBe(`Paused: job #${job.number} with ${s.tenant.name}`);
			expect(paused.text).toContain("Waiting for the loading dock");

			expect((await move(s, job.id, "in_progress")).status).toBe(200);
			expect((await move(s, job.id, "completed")).status).toBe(200);
			const completed = await nthMail(s.email, 5);
			expect(completed.subject).toBe(`Completed: job #${job.number} with ${s.tenant.name}`);
			expect(completed.text).toContain(`${jobLink}#survey`);
			expectUnsubscribeHeaders(completed);

			// Starting work sends nothing: five emails, one per stage.
			expect(await mailTo(s.email)).toHaveLength(5);
			const states = await deliveriesOf(job.id);
			expect(states.every((d) => d.state === "sent")).toBe(true);
		},
	);

	it(
		"emails the site contact and the also-notify addresses; those without an account get the tracking link",
		T,
		async () => {
			const s = await setup();
			const site = `site-${crypto.randomUUID().slice(0, 6)}@dock.example`;
			const also = `also-${crypto.randomUUID().slice(0, 6)}@firm.example`;
			const job = await bookJob(s, { siteContactEmail: site, alsoNotify: [also] });
			await nthMail(s.email, 1);
			const toSite = await nthMail(site, 1);
			expect(toSite.subject).toBe(`Booked: job #${job.number} with ${s.tenant.name}`);
			expect(toSite.text).toMatch(/https:\/\/portal\.test\/track\/[\w-]+/);
			expect(toSite.text).not.toContain(`/c/${s.tenant.slug}/jobs/`);
			expectUnsubscribeHeaders(toSite);
			await nthMail(also, 1);
			expect((await deliveriesOf(job.id)).map((d) => d.email).sort()).toEqual([also, s.email, site].sort());
		},
	);

	it("emails a cancellation from the console, and a cancellation by the customer", T, async () => {
		const s = await setup();
		const first = await bookJob(s);
		expect(
			(
				await postJson(
					`/api/d/${s.tenant.slug}/jobs/${first.id}/cancel`,
					{ reason: "Duplicate" },
					{ Cookie: s.staff },
				)
			).status,
		).toBe(200);
		const byStaff = await nthMail(s.email, 2);
		expect(byStaff.subject).toBe(`Cancelled: job #${first.number} with ${s.tenant.name}`);
		const second = await bookJob(s);
		expect(
			(await postJson(`/api/c/${s.tenant.slug}/jobs/${second.id}/cancel`, {}, { Cookie: s.customer })).status,
		).toBe(200);
		const byCustomer = await nthMail(s.email, 4);
		expect(byCustomer.subject).toBe(`Cancelled: job #${second.number} with ${s.tenant.name}`);
	});

	it("the dev outbox shows each email's headers, in its page and its JSON", T, async () => {
		const s = await setup();
		await bookJob(s);
		const mail = await nthMail(s.email, 1);
		const json = await (await call("/dev/outbox.json")).json<
			Array<{ to: string; headers: Record<string, string> }>
		>();
		expect(json.find((m) => m.to === s.email)?.headers).toEqual(mail.headers);
		const page = await (await call("/dev/outbox")).text();
		const article = page.split("<article>").find((a) => a.includes(s.email)) ?? "";
		expect(article).toContain(
			"<dt>List-Unsubscribe-Post</dt><dd><code>List-Unsubscribe=One-Click</code></dd>",
		);
		expect(article).toContain("<dt>List-Unsubscribe</dt><dd><code>&lt;https://portal.test/api/unsubscribe/");
	});

	it("refuses an also-notify entry that is not an email address, naming the field", T, async () => {
		const s = await setup();
		const res = await book(s.tenant.slug, s.customer, pickupBody({ alsoNotify: ["not-an-address"] }));
		expect(res.status).toBe(400);
		const body = await res.json<Envelope>();
		expect(body.error.issues?.map((i) => i.field)).toContain("alsoNotify.0");
	});
});

describe("preferences", () => {
	it(
		"GET and PUT /api/c/:slug/me/preferences keep the API's shape; a stage turned off is suppressed",
		T,
		async () => {
			const s = await setup();
			const path = `/api/c/${s.tenant.slug}/me/preferences`;
			const initial = await send(path, s.customer);
			expect(initial.status).toBe(200);
			expect(await initial.json()).toEqual({
				email: {
					booked: true,
					scheduled: true,
					on_the_way: true,
					arriving: true,
					paused: true,
					completed: true,
					cancelled: true,
					estimate: true,
					invoice: true,
				},
			});
			const changed = await send(path, s.customer, "PUT", { email: { booked: false } });
			expect(changed.status).toBe(200);
			expect((await changed.json<{ email: Record<string, boolean> }>()).email).toMatchObject({
				booked: false,
				scheduled: true,
			});
			expect((await send(path, s.customer, "PUT", { email: { nonsense: false } })).status).toBe(400);

			const job = await bookJob(s);
			expect((await assign(s, job.id)).status).toBe(200);
			// The scheduled email arrives; the booked one never did.
			const first = await nthMail(s.email, 1);
			expect(first.subject).toContain("Scheduled");
			const states = await deliveriesOf(job.id);
			expect(states.find((d) => d.kind === "booked")).toMatchObject({
				state: "suppressed",
				reason: "preference",
			});
		},
	);

	it("the tenant's stage switch suppresses a stage for everyone", T, async () => {
		const s = await setup();
		const settings = { notifyStages: { booked: false } };
		await env.DB.prepare("UPDATE tenants SET settings = ? WHERE id = ?")
			.bind(JSON.stringify(settings), s.tenant.id)
			.run();
		const job = await bookJob(s);
		await vi.waitFor(
			async () => {
				const [d] = await deliveriesOf(job.id);
				if (!d) throw new Error("not delivered yet");
				expect(d).toMatchObject({ state: "suppressed", reason: "tenant" });
			},
			{ timeout: 20_000, interval: 100 },
		);
		expect(await mailTo(s.email)).toHaveLength(0);
	});

	it("the profile keeps a name and a phone", T, async () => {
		const s = await setup();
		const path = `/api/c/${s.tenant.slug}/me/profile`;
		const res = await send(path, s.customer, "PUT", { name: "Bea B. Booker", phone: "+1 555 0101" });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ name: "Bea B. Booker", email: s.email, phone: "+1 555 0101" });
		expect((await send(path, s.customer, "PUT", { name: "" })).status).toBe(400);
		expect((await send(path, "")).status).toBe(401);
	});
});

describe("one-click unsubscribe", () => {
	it(
		"POST without a cookie turns that stage off (200); the page shows it and turns it back on",
		T,
		async () => {
			const s = await setup();
			await bookJob(s);
			const url = unsubscribeUrlOf(await nthMail(s.email, 1));
			const path = new URL(url).pathname;
			const res = await call(path, {
				method: "POST",
				headers: { "Content-Type": "application/x-www-form-urlencoded" },
				body: "List-Unsubscribe=One-Click",
			});
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ stage: "booked", subscribed: false });
			const prefs = await send(`/api/c/${s.tenant.slug}/me/preferences`, s.customer);
			expect((await prefs.json<{ email: Record<string, boolean> }>()).email.booked).toBe(false);

			const page = await call(path);
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain("unsubscribed from booking confirmations");
			expect(html).toContain(`action="${path}/resubscribe"`);

			const back = await call(`${path}/resubscribe`, {
				method: "POST",
				headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
				redirect: "manual",
			});
			expect(back.status).toBe(303);
			expect(back.headers.get("Location")).toBe(path);
			const again = await send(`/api/c/${s.tenant.slug}/me/preferences`, s.customer);
			expect((await again.json<{ email: Record<string, boolean> }>()).email.booked).toBe(true);
		},
	);

	it("refuses a tampered token with 400 and changes nothing", T, async () => {
		const s = await setup();
		const token = await unsubscribeToken(unsubscribeSecret(env), {
			tenantId: s.tenant.id,
			stage: "booked",
			contactId: s.contact.id,
		});
		const [payload, signature] = token.split(".");
		const forged = await unsubscribeToken("another secret", {
			tenantId: s.tenant.id,
			stage: "booked",
			contactId: s.contact.id,
		});
		for (const bad of [`${payload}.${signature?.slice(0, -2)}xx`, forged, `${payload}`, "garbage"]) {
			const res = await call(`/api/unsubscribe/${bad}`, {
				method: "POST",
				body: "List-Unsubscribe=One-Click",
			});
			expect(res.status, bad).toBe(400);
			expect((await res.json<Envelope>()).error.code).toBe("invalid_link");
		}
		expect((await call(`/api/unsubscribe/${forged}`)).status).toBe(400);
		const page = await call(`/api/unsubscribe/${forged}`, { headers: { Accept: "text/html" } });
		expect(page.status).toBe(400);
		expect(await page.text()).toContain("This unsubscribe link is not valid");
		const prefs = await send(`/api/c/${s.tenant.slug}/me/preferences`, s.customer);
		expect((await prefs.json<{ email: Record<string, boolean> }>()).email.booked).toBe(true);
	});

	it("an address without an account unsubscribes too, and hears no more of that stage", T, async () => {
		const s = await setup();
		const also = `also-${crypto.randomUUID().slice(0, 6)}@elsewhere.example`;
		const first = await bookJob(s, { alsoNotify: [also] });
		const path = new URL(unsubscribeUrlOf(await nthMail(also, 1))).pathname;
		expect((await call(path, { method: "POST", body: "List-Unsubscribe=One-Click" })).status).toBe(200);
		const second = await bookJob(s, { alsoNotify: [also] });
		await nthMail(s.email, 2);
		await vi.waitFor(
			async () => {
				const d = (await deliveriesOf(second.id)).find((x) => x.email === also);
				expect(d).toMatchObject({ state: "suppressed", reason: "preference" });
			},
			{ timeout: 20_000, interval: 100 },
		);
		expect(first.id).not.toBe(second.id);
		expect(await mailTo(also)).toHaveLength(1);
	});
});

describe("delivery", () => {
	it(
		"retries a failing send and ends in the dead-letter queue after the limit, marked failed",
		T,
		async () => {
			const s = await setup();
			const failing = `nobody-${crypto.randomUUID().slice(0, 6)}@fails.invalid`;
			const job = await bookJob(s, { alsoNotify: [failing] });
			await nthMail(s.email, 1);
			const dead = await vi.waitFor(
				async () => {
					const d = (await deliveriesOf(job.id)).find((x) => x.email === failing);
					if (!d?.deadAt) throw new Error(`not dead yet: ${JSON.stringify(d)}`);
					return d;
				},
				{ timeout: 80_000, interval: 250 },
			);
			// The first delivery and max_retries (5) more.
			expect(dead).toMatchObject({ state: "failed", attempts: 6 });
			// The booker's email went once, however often the message was retried for the other.
			expect(await mailTo(s.email)).toHaveLength(1);
			const console = await send(`/api/d/${s.tenant.slug}/jobs/${job.id}/notifications`, s.staff);
			const items = (await console.json<{ items: Array<{ email: string; state: string; dead: boolean }> }>())
				.items;
			expect(items.find((i) => i.email === failing)).toMatchObject({ state: "failed", dead: true });
			expect(items.find((i) => i.email === s.email)).toMatchObject({ state: "sent", dead: false });
		},
	);

	it("a message the queue delivers twice sends once", T, async () => {
		const s = await setup();
		const job = await bookJob(s);
		await nthMail(s.email, 1);
		const [n] = await db.select().from(schema.notifications).where(eq(schema.notifications.jobId, job.id));
		if (!n) throw new Error("no notification");
		await env.NOTIFY_QUEUE.sendBatch([
			{ body: { notificationId: n.id } },
			{ body: { notificationId: n.id } },
		]);
		// And straight to the consumer's work, twice at once.
		const deps = consumerDeps(db);
		await Promise.all([deliverNotification(deps, n.id), deliverNotification(deps, n.id)]);
		await new Promise((r) => setTimeout(r, 3000));
		expect(await mailTo(s.email)).toHaveLength(1);
		expect(await deliveriesOf(job.id)).toEqual([expect.objectContaining({ state: "sent", attempts: 1 })]);
	});

	it(
		"a new notification's delivery is written claimed: its first attempt costs its insert and its outcome, and two runs at once send it once",
		T,
		async () => {
			const s = await setup();
			const job = await bookJob(s);
			await nthMail(s.email, 1);
			// Recorded and not handed to the queue: only the runs below deliver these.
			const record = async (kind: "scheduled" | "paused") => {
				const log = noticeLog("https://portal.test");
				await db.batch([
					notificationInsert(db, log, { tenantId: s.tenant.id, kind, jobId: job.id }, Date.now()),
				]);
				const [id] = log.ids;
				if (!id) throw new Error("no notification");
				return id;
			};
			const { binding, usage } = meteredD1(env.DB);
			usage.writtenBy = {};
			const metered = drizzle(binding, { schema }) as unknown as typeof db;
			expect(await deliverNotification(consumerDeps(metered), await record("scheduled"))).toEqual({
				unsent: 0,
			});
			expect((await nthMail(s.email, 2)).subject).toContain("Scheduled");
			const deliveryWrites = Object.entries(usage.writtenBy).filter(([k]) =>
				k.includes("notification_deliveries"),
			);
			expect(Object.fromEntries(deliveryWrites)).toEqual({
				"insert:notification_deliveries": 1,
				"update:notification_deliveries": 1,
			});
			const id = await record("paused");
			const runs = await Promise.all([
				deliverNotification(consumerDeps(db), id),
				deliverNotification(consumerDeps(db), id),
			]);
			expect(runs).toEqual([{ unsent: 0 }, { unsent: 0 }]);
			await nthMail(s.email, 3);
			await new Promise((r) => setTimeout(r, 1000));
			expect(await mailTo(s.email)).toHaveLength(3);
			const [delivery] = await db
				.select()
				.from(schema.notificationDeliveries)
				.where(eq(schema.notificationDeliveries.notificationId, id));
			// The run whose insert wrote it sent it; the other found it taken and claimed nothing.
			expect(delivery).toEqual(expect.objectContaining({ state: "sent", attempts: 1 }));
		},
	);

	it(
		"the sweep enqueues a notification recorded but never enqueued (a crash after the batch)",
		T,
		async () => {
			const s = await setup();
			const job = await bookJob(s);
			await nthMail(s.email, 1);
			const log = noticeLog("https://portal.test");
			const old = Date.now() - 120_000;
			await notificationInsert(db, log, { tenantId: s.tenant.id, kind: "scheduled", jobId: job.id }, old);
			await new Promise((r) => setTimeout(r, 1500));
			expect(await mailTo(s.email)).toHaveLength(1);
			expect(await sweepNotifications(env, Date.now())).toBeGreaterThanOrEqual(1);
			expect((await nthMail(s.email, 2)).subject).toContain("Scheduled");
			expect(await sweepNotifications(env, Date.now())).toBe(0);
		},
	);

	it("records arriving soon once, when the ETA first drops under the tenant's threshold", T, async () => {
		const s = await setup();
		await env.DB.prepare("UPDATE tenants SET settings = ? WHERE id = ?")
			.bind(JSON.stringify({ arrivingSoonMinutes: 5 }), s.tenant.id)
			.run();
		const job = await bookJob(s);
		const log = noticeLog("https://portal.test");
		const at = { tenantId: s.tenant.id, jobId: job.id };
		expect(await recordArrivingSoon(db, log, { ...at, etaSeconds: 420 }, Date.now())).toBe(false);
		expect(await recordArrivingSoon(db, log, { ...at, etaSeconds: 240 }, Date.now())).toBe(true);
		expect(await recordArrivingSoon(db, log, { ...at, etaSeconds: 120 }, Date.now())).toBe(true);
		const rows = await db
			.select()
			.from(schema.notifications)
			.where(and(eq(schema.notifications.jobId, job.id), eq(schema.notifications.kind, "arriving")));
		expect(rows).toHaveLength(1);
		expect(rows[0]?.data).toEqual({ etaMinutes: 4 });
		// Delivered: the booker hears of it once, with the live view's link and List-Unsubscribe.
		await enqueueNotifications(env, db, [rows[0]?.id ?? ""]);
		const mail = await nthMail(s.email, 2);
		expect(mail.subject).toBe(`Arriving soon: job #${job.number} with ${s.tenant.name}`);
		expect(mail.text).toContain("in about 4 minutes");
		expect(mail.text).toContain(
			`https://portal.test/c/${s.tenant.slug}/jobs/${job.id}?email=${encodeURIComponent(s.email)}`,
		);
		expectUnsubscribeHeaders(mail);
	});

	it("dispatchers who opted into bookings get their own email; the others do not", T, async () => {
		const s = await setup();
		const other = await makeStaff(s.tenant, "other@fleet.example", "Oz Other");
		const prefs = await send(`/api/d/${s.tenant.slug}/me/preferences`, s.staff, "PUT", {
			email: { booking: true },
		});
		expect(prefs.status).toBe(200);
		expect(await prefs.json()).toEqual({
			email: { booking: true, note: false, estimate_decision: false, payment: true },
		});
		const job = await bookJob(s);
		const mail = await nthMail("desk@fleet.example", 1);
		expect(mail.subject).toBe(`New booking: job #${job.number}`);
		expect(mail.text).toContain(`https://portal.test/d/${s.tenant.slug}/jobs/${job.id}`);
		expect(mail.headers["List-Unsubscribe"]).toBeUndefined();
		expect(await mailTo(other.email)).toHaveLength(0);
	});

	it("an overdue reminder is recorded once per step, however often the cron runs", T, async () => {
		const s = await setup();
		const now = Date.now();
		const invoiceId = `inv_${crypto.randomUUID()}`;
		await db.insert(schema.invoices).values({
			id: invoiceId,
			tenantId: s.tenant.id,
			number: 90_000 + Math.floor(Math.random() * 9_000),
			accountId: s.account.id,
			contactId: s.contact.id,
			currency: "USD",
			totalMinor: 12_500,
			dueAt: new Date(now - 3 * 86_400_000).toISOString().slice(0, 10),
			sharedAt: now - 20 * 86_400_000,
			createdAt: now - 20 * 86_400_000,
			updatedAt: now,
		});
		await recordOverdueReminders(env, now);
		await recordOverdueReminders(env, now);
		const rows = await db
			.select()
			.from(schema.notifications)
			.where(
				and(eq(schema.notifications.invoiceId, invoiceId), eq(schema.notifications.kind, "invoice_overdue")),
			);
		expect(rows.map((r) => r.dedupeKey)).toEqual([`overdue/${invoiceId}/1`]);
		// Delivered once to the invoice's contact, linking to the invoice (no request recorded it: the
		// links' origin is APP_ORIGIN, the local one in development), with List-Unsubscribe (the invoice switch).
		const reminder = await nthMail(s.email, 1);
		expect(reminder.subject).toMatch(
			new RegExp(`^Reminder: invoice #\\d+ from ${s.tenant.name} is overdue$`),
		);
		expect(reminder.text).toContain(
			`http://localhost:8787/c/${s.tenant.slug}/invoices/${invoiceId}?email=${encodeURIComponent(s.email)}`,
		);
		expect(reminder.text).toContain("$125.00");
		expect(reminder.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
		expect(reminder.headers["List-Unsubscribe"]).toMatch(
			/^<http:\/\/localhost:8787\/api\/unsubscribe\/[\w-]+\.[\w-]+>$/,
		);
		await new Promise((r) => setTimeout(r, 1000));
		expect(await mailTo(s.email)).toHaveLength(1);
	});
});

describe("estimates", () => {
	it(
		"the shared estimate's email links to it with List-Unsubscribe; a rejection emails the dispatchers who opted in",
		T,
		async () => {
			const s = await estimateSetup();
			expect(
				(
					await send(`/api/d/${s.tenant.slug}/me/preferences`, s.staff, "PUT", {
						email: { estimate_decision: true },
					})
				).status,
			).toBe(200);
			const e = await sharedEstimate(s, { contactId: s.contacts.booker.id });
			const shared = await vi.waitFor(
				async () => {
					const mail = (await mailTo(s.contacts.booker.email)).find((m) =>
						m.subject.startsWith("Estimate #"),
					);
					if (!mail) throw new Error("no estimate email yet");
					return mail;
				},
				{ timeout: 20_000, interval: 100 },
			);
			expect(shared.text).toContain(`https://portal.test/c/${s.tenant.slug}/estimates/${e.id}?email=`);
			expectUnsubscribeHeaders(shared);
			const path = `/api/c/${s.tenant.slug}/estimates/${e.id}/reject`;
			expect((await send(path, s.cookies.booker, "POST", { reason: "Too dear" })).status).toBe(200);
			const toDesk = await vi.waitFor(
				async () => {
					const mail = (await mailTo("desk@fleet.example")).find((m) => m.subject.includes(`#${e.number}`));
					if (!mail) throw new Error("no decision email yet");
					return mail;
				},
				{ timeout: 20_000, interval: 100 },
			);
			expect(toDesk.subject).toBe(`Estimate #${e.number}: the customer answered`);
			expect(toDesk.text).toContain(`rejected estimate #${e.number}`);
			expect(toDesk.text).toContain(`https://portal.test/d/${s.tenant.slug}/estimates/${e.id}`);
		},
	);
});

describe("invoices and revised estimates", () => {
	it("a shared invoice emails its contact with the invoice's deep link and List-Unsubscribe", T, async () => {
		const s = await estimateSetup();
		const invoice = await sharedInvoice(s, { contactId: s.contacts.booker.id });
		const mail = await vi.waitFor(
			async () => {
				const found = (await mailTo(s.contacts.booker.email)).find((m) => m.subject.startsWith("Invoice #"));
				if (!found) throw new Error("no invoice email yet");
				return found;
			},
			{ timeout: 20_000, interval: 100 },
		);
		expect(mail.subject).toBe(`Invoice #${invoice.number} from ${s.tenant.name}`);
		expect(mail.text).toContain(
			`https://portal.test/c/${s.tenant.slug}/invoices/${invoice.id}?email=${encodeURIComponent(s.contacts.booker.email)}`,
		);
		expectUnsubscribeHeaders(mail);
	});

	it(
		"an estimate shared again (revised) emails again, each with its link and List-Unsubscribe",
		T,
		async () => {
			const s = await estimateSetup();
			const e = await sharedEstimate(s, { contactId: s.contacts.booker.id });
			const estimateMails = async () =>
				(await mailTo(s.contacts.booker.email)).filter(
					(m) => m.subject === `Estimate #${e.number} from ${s.tenant.name}`,
				);
			await vi.waitFor(async () => expect(await estimateMails()).toHaveLength(1), {
				timeout: 20_000,
				interval: 100,
			});
			const again = await send(`/api/d/${s.tenant.slug}/estimates/${e.id}/share`, s.staff, "POST");
			expect(again.status).toBe(200);
			const mails = await vi.waitFor(
				async () => {
					const found = await estimateMails();
					expect(found).toHaveLength(2);
					return found;
				},
				{ timeout: 20_000, interval: 100 },
			);
			for (const mail of mails) {
				expect(mail.text).toContain(`https://portal.test/c/${s.tenant.slug}/estimates/${e.id}?email=`);
				expectUnsubscribeHeaders(mail);
			}
		},
	);
});

describe("tenant isolation", () => {
	it("a job's deliveries are its tenant's: a foreign job id is 404", T, async () => {
		const s = await setup();
		const other = await setup();
		const job = await bookJob(other);
		const res = await send(`/api/d/${s.tenant.slug}/jobs/${job.id}/notifications`, s.staff);
		expect(res.status).toBe(404);
		expect((await send(`/api/d/${other.tenant.slug}/jobs/${job.id}/notifications`, other.staff)).status).toBe(
			200,
		);
		// A customer session is not a dispatcher's.
		expect(
			(await send(`/api/d/${other.tenant.slug}/jobs/${job.id}/notifications`, other.customer)).status,
		).toBe(403);
	});

	it(
		"an unsubscribe token names its tenant: it never changes the same address at another tenant",
		T,
		async () => {
			const s = await setup();
			const other = await makeTenant();
			const twin = await makeContact(other, { email: s.email, name: "Another Bea" });
			const token = await unsubscribeToken(unsubscribeSecret(env), {
				tenantId: s.tenant.id,
				stage: "booked",
				contactId: twin.id,
			});
			// A contact id of another tenant under this tenant's token changes nobody.
			await call(`/api/unsubscribe/${token}`, { method: "POST", body: "List-Unsubscribe=One-Click" });
			const row = await db.select().from(schema.contacts).where(eq(schema.contacts.id, twin.id)).get();
			expect(row?.notifyPrefs).toEqual({});
		},
	);
});
