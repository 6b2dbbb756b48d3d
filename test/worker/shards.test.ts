import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, BAYSIDE } from "../../schema/demo/index.ts";
import { DirectoryCache } from "../../workers/domain/shards/directory-cache";
import { BOOKMARK_HEADER } from "../../workers/middleware/database";
import { enqueueNotifications, sweepNotifications } from "../../workers/queues/notification-queue";
import {
	byShard,
	openShard,
	shardCount,
	shardOfMessage,
	shardOfSlug,
	shardOfTenant,
} from "../../workers/shards";
import { signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { call, type Envelope, loadDemoData, SHARDS } from "./helpers";
import { send } from "./staff-helpers";
import { postStart, startBody, uniqueSlug } from "./start-helpers";

const TIMEOUT = 30_000;
const HOUR = 3_600_000;
const [DB_0, DB_1] = SHARDS;

/** How many rows of `table` match `where` on each shard, as [shard 0, shard 1]. */
async function countsOn(table: string, where: string, ...values: unknown[]): Promise<number[]> {
	return Promise.all(
		SHARDS.map(async (shard) => {
			const row = await shard
				.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)
				.bind(...values)
				.first<{ n: number }>();
			return row?.n ?? 0;
		}),
	);
}

const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** A service call for Bayside (it takes no pickups). */
const serviceCall = () => ({
	kind: "service_call",
	service: { address: { line1: "500 Howard Street", city: "San Francisco", region: "CA" } },
	preferredFrom: isoDay(Date.now() + 48 * HOUR),
	preferredTo: isoDay(Date.now() + 72 * HOUR),
	description: `Leak under the sink ${crypto.randomUUID().slice(0, 6)}`,
});

describe("two shards", () => {
	beforeAll(async () => {
		await loadDemoData();
	});

	it("answers relational queries (db.query) on the shard a client opens, made on first use", async () => {
		const onBayside = openShard(env, 1);
		const found = await onBayside.query.tenants.findFirst({ where: (t, { eq }) => eq(t.id, BAYSIDE.id) });
		expect(found?.slug).toBe(BAYSIDE.slug);
		expect(onBayside.query).toBe(onBayside.query);
		const onAcmeShard = await openShard(env, 0).query.tenants.findFirst({
			where: (t, { eq }) => eq(t.id, BAYSIDE.id),
		});
		expect(onAcmeShard).toBeUndefined();
	});

	it("puts the demo tenants on different shards, each only on its own, and the directory on shard 0", async () => {
		expect(shardCount(env)).toBe(2);
		const directory = await DB_0?.prepare(
			"SELECT slug, tenant_id, shard FROM shard_directory ORDER BY shard",
		).all();
		expect(directory?.results).toEqual(
			expect.arrayContaining([
				{ slug: ACME.slug, tenant_id: ACME.id, shard: 0 },
				{ slug: BAYSIDE.slug, tenant_id: BAYSIDE.id, shard: 1 },
			]),
		);
		expect(await countsOn("tenants", "id = ?", ACME.id)).toEqual([1, 0]);
		expect(await countsOn("tenants", "id = ?", BAYSIDE.id)).toEqual([0, 1]);
		expect(await countsOn("jobs", "tenant_id = ?", BAYSIDE.id)).toEqual([0, expect.any(Number)]);
		expect((await countsOn("jobs", "tenant_id = ?", BAYSIDE.id))[1]).toBeGreaterThan(0);
		expect((await countsOn("jobs", "tenant_id = ?", ACME.id))[1]).toBe(0);
		// Only shard 0's directory is used: shard 1's is empty.
		expect((await DB_1?.prepare("SELECT count(*) AS n FROM shard_directory").first<{ n: number }>())?.n).toBe(
			0,
		);
		expect(await shardOfSlug(env, BAYSIDE.slug)).toBe(1);
		expect(await shardOfTenant(env, BAYSIDE.id)).toBe(1);
		expect(await shardOfSlug(env, ACME.slug)).toBe(0);
		// Not in the directory (a fixture's tenant, one from before the directory): shard 0.
		expect(await shardOfSlug(env, "no-such-fleet")).toBe(0);
	});

	it("writes each tenant's booking, its events and its sign-in session on its own shard only", {
		timeout: TIMEOUT,
	}, async () => {
		const acme = await signIn(ACME.slug, "ken.okafor@northgatemotors.example");
		const bayside = await signIn(BAYSIDE.slug, "dana.reyes@hartwellpine.example");
		const acmeJob = await (await book(ACME.slug, acme, pickupBody())).json<{ id: string }>();
		const bayRes = await book(BAYSIDE.slug, bayside, serviceCall());
		expect(bayRes.status).toBe(201);
		const bayJob = await bayRes.json<{ id: string }>();
		expect(await countsOn("jobs", "id = ?", acmeJob.id)).toEqual([1, 0]);
		expect(await countsOn("jobs", "id = ?", bayJob.id)).toEqual([0, 1]);
		expect(await countsOn("job_events", "job_id = ?", bayJob.id)).toEqual([0, expect.any(Number)]);
		expect((await countsOn("job_events", "job_id = ?", bayJob.id))[1]).toBeGreaterThan(0);
		expect(await countsOn("sessions", "tenant_id = ?", BAYSIDE.id)).toEqual([0, expect.any(Number)]);
		expect(await countsOn("sessions", "tenant_id = ?", ACME.id)).toEqual([expect.any(Number), 0]);
		// And each reads its own back.
		const mine = await call(`/api/c/${BAYSIDE.slug}/jobs/${bayJob.id}`, { headers: { Cookie: bayside } });
		expect(mine.status).toBe(200);
	});

	it("answers 404 for the other shard's tenant's ids, in the portal and the console", {
		timeout: TIMEOUT,
	}, async () => {
		const dana = await signIn(BAYSIDE.slug, "dana.reyes@hartwellpine.example");
		const bayJob = await (await book(BAYSIDE.slug, dana, serviceCall())).json<{ id: string }>();
		const acmeJobId = (
			await DB_0?.prepare("SELECT id FROM jobs WHERE tenant_id = ? LIMIT 1")
				.bind(ACME.id)
				.first<{ id: string }>()
		)?.id;
		expect(acmeJobId).toBeTruthy();
		// The same person's email at Acme (another, unrelated contact) sees no Bayside job.
		const danaAtAcme = await signIn(ACME.slug, "dana.reyes@hartwellpine.example");
		const foreign = await call(`/api/c/${ACME.slug}/jobs/${bayJob.id}`, { headers: { Cookie: danaAtAcme } });
		expect(foreign.status).toBe(404);
		expect((await foreign.json<Envelope>()).error.code).toBe("not_found");
		const morgan = await signIn(ACME.slug, "morgan@acme-courier.example", "d");
		expect((await send(`/api/d/${ACME.slug}/jobs/${bayJob.id}`, morgan)).status).toBe(404);
		const lee = await signIn(BAYSIDE.slug, "lee@bayside-plumbing.example", "d");
		expect((await send(`/api/d/${BAYSIDE.slug}/jobs/${acmeJobId}`, lee)).status).toBe(404);
		// A session of one tenant is no session at the other, whichever shard either is on.
		expect((await send(`/api/d/${BAYSIDE.slug}/board`, morgan)).status).toBe(401);
	});

	it("places a new fleet on the least full shard and keeps its slug unique across shards", {
		timeout: TIMEOUT,
	}, async () => {
		const counts = async () =>
			(
				await DB_0?.prepare("SELECT shard, count(*) AS n FROM shard_directory GROUP BY shard").all<{
					shard: number;
					n: number;
				}>()
			)?.results ?? [];
		const before = await counts();
		const fewest = [0, 1].sort(
			(a, b) =>
				(before.find((r) => r.shard === a)?.n ?? 0) - (before.find((r) => r.shard === b)?.n ?? 0) || a - b,
		)[0];
		const body = startBody({ slug: uniqueSlug("placed") });
		expect((await postStart(body)).status).toBe(202);
		const placed = await DB_0?.prepare("SELECT shard, tenant_id FROM shard_directory WHERE slug = ?")
			.bind(body.slug)
			.first<{ shard: number; tenant_id: string }>();
		expect(placed?.shard).toBe(fewest);
		expect(await countsOn("tenants", "slug = ?", body.slug)).toEqual(fewest === 0 ? [1, 0] : [0, 1]);
		// Someone else asking for that slug: taken, whichever shard they would have gone to.
		const again = await postStart(startBody({ slug: body.slug }));
		expect(again.status).toBe(409);
		expect((await again.json<Envelope>()).error.code).toBe("slug_taken");
		expect((await call(`/api/start/slug?slug=${body.slug}`)).status).toBe(200);
		expect(
			(await (await call(`/api/start/slug?slug=${body.slug}`)).json<{ available: boolean }>()).available,
		).toBe(false);
		// A slug of a shard-0 tenant the directory does not list (one from before it) is taken too.
		const bayTaken = await postStart(startBody({ slug: ACME.slug }));
		expect(bayTaken.status).toBe(409);
		expect(await countsOn("tenants", "slug = ?", ACME.slug)).toEqual([1, 0]);
	});

	it("hands back a bookmark of the tenant's shard and reads through a session anchored at it", {
		timeout: TIMEOUT,
	}, async () => {
		const dana = await signIn(BAYSIDE.slug, "dana.reyes@hartwellpine.example");
		const booked = await book(BAYSIDE.slug, dana, serviceCall());
		const bookmark = booked.headers.get(BOOKMARK_HEADER) ?? "";
		expect(bookmark).toMatch(/^1:[0-9a-f-]+$/);
		expect(booked.headers.get("Set-Cookie")).toContain(`__Host-d1-bookmark=${encodeURIComponent(bookmark)}`);
		const job = await booked.json<{ id: string }>();
		// The browser sends it back: the read sees the write (and no older bookmark comes back).
		const read = await call(`/api/c/${BAYSIDE.slug}/jobs/${job.id}`, {
			headers: { Cookie: `${dana}; __Host-d1-bookmark=${encodeURIComponent(bookmark)}` },
		});
		expect(read.status).toBe(200);
		const later = read.headers.get(BOOKMARK_HEADER);
		if (later) expect(later > bookmark).toBe(true);
		// A bookmark of another shard, or not a bookmark at all, is no constraint and no error.
		for (const stale of [
			"0:00000000-00000001-00000000-00000000000000000000000000000000",
			"1:not a bookmark",
		]) {
			const res = await call(`/api/c/${BAYSIDE.slug}/jobs/${job.id}`, {
				headers: { Cookie: dana, [BOOKMARK_HEADER]: stale },
			});
			expect(res.status).toBe(200);
		}
		// Acme's answers carry shard 0's.
		const acme = await call(`/api/tenants/${ACME.slug}`);
		expect(acme.headers.get(BOOKMARK_HEADER) ?? "0:").toMatch(/^0:/);
	});

	it("stamps queue messages with their shard, and the sweep goes over every shard", async () => {
		const sent: unknown[] = [];
		const queue = {
			sendBatch: async (messages: Iterable<{ body: unknown }>) => {
				for (const m of messages) sent.push(m.body);
				return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
			},
		} as unknown as Queue;
		const withQueue = { ...env, NOTIFY_QUEUE: queue };
		const now = Date.now();
		const id = `ntf_shard_${crypto.randomUUID().slice(0, 8)}`;
		await DB_1?.prepare(
			"INSERT INTO notifications (id, tenant_id, kind, data, created_at) VALUES (?, ?, 'job_booked', '{}', ?)",
		)
			.bind(id, BAYSIDE.id, now - 120_000)
			.run();
		expect(await sweepNotifications(withQueue, now)).toBeGreaterThanOrEqual(1);
		expect(sent).toContainEqual({ notificationId: id, shard: 1 });
		await enqueueNotifications(withQueue, openShard(env, 0), ["ntf_x"], now);
		expect(sent).toContainEqual({ notificationId: "ntf_x", shard: 0 });
		// The consumer's side: the shard a message names, when this deploy has it.
		expect(shardOfMessage(env, { shard: 1 })).toBe(1);
		expect(shardOfMessage(env, { shard: 7 })).toBe(0);
		expect(shardOfMessage(env, { notificationId: "old" })).toBe(0);
		const groups = byShard(env, [{ body: { shard: 1 } }, { body: {} }, { body: { shard: 1 } }]);
		expect([...groups.entries()].map(([shard, list]) => [shard, list.length])).toEqual([
			[1, 2],
			[0, 1],
		]);
	});
});

describe("the directory cache", () => {
	it("keeps at most its capacity, the least recently used dropped first, each for its time", () => {
		const cache = new DirectoryCache(2, 1000);
		cache.set("a", 0, 0);
		cache.set("b", 1, 0);
		expect(cache.get("a", 10)).toBe(0);
		cache.set("c", 1, 20);
		expect(cache.size).toBe(2);
		expect(cache.get("b", 30), "b was used least recently").toBeUndefined();
		expect(cache.get("a", 30)).toBe(0);
		expect(cache.get("c", 1019)).toBe(1);
		expect(cache.get("c", 1020), "an answer is kept for ttlMs").toBeUndefined();
	});
});
