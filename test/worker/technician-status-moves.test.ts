import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { postJson, signIn } from "./auth-helpers";
import { makeTechnician } from "./fixtures";
import { jobEnRoute } from "./relay-setup";

type Moved = { status: string; pausedMessage: string | null };

/** A technician's move with an Idempotency-Key, as the app sends a move it queued offline. */
function move(slug: string, jobId: string, cookie: string, key: string, status: string, message?: string) {
	return postJson(
		`/api/t/${slug}/jobs/${jobId}/status`,
		{ status, message },
		{ Cookie: cookie, "Idempotency-Key": key },
	);
}

/** How the job's timeline and the audit log recorded moves to `status`, and the job's status now. */
async function recorded(tenantId: string, jobId: string, status: string) {
	const events = await env.DB.prepare("SELECT COUNT(*) AS n FROM job_events WHERE job_id = ? AND type = ?")
		.bind(jobId, status)
		.first<{ n: number }>();
	const audits = await env.DB.prepare(
		"SELECT COUNT(*) AS n FROM audit_log WHERE tenant_id = ? AND target_id = ? AND action = ?",
	)
		.bind(tenantId, jobId, `job.${status}`)
		.first<{ n: number }>();
	const job = await env.DB.prepare("SELECT status FROM jobs WHERE id = ?")
		.bind(jobId)
		.first<{ status: string }>();
	return { events: events?.n, audits: audits?.n, status: job?.status };
}

describe("POST /api/t/:slug/jobs/:id/status with an Idempotency-Key", () => {
	it("applies a move sent twice with one key once; the repeat answers the first move", async () => {
		const s = await jobEnRoute();
		const key = crypto.randomUUID();
		const first = await move(s.tenant.slug, s.job.id, s.technician, key, "in_progress");
		expect(first.status).toBe(200);
		expect(first.headers.get("Idempotent-Replayed")).toBeNull();
		expect(await first.json<Moved>()).toEqual({ status: "in_progress", pausedMessage: null });

		const again = await move(s.tenant.slug, s.job.id, s.technician, key, "in_progress");
		expect(again.status).toBe(200);
		expect(again.headers.get("Idempotent-Replayed")).toBe("true");
		expect(await again.json<Moved>()).toEqual({ status: "in_progress", pausedMessage: null });
		expect(await recorded(s.tenant.id, s.job.id, "in_progress")).toEqual({
			events: 1,
			audits: 1,
			status: "in_progress",
		});
	});

	it("answers a late repeat after the job moved on with the first move, changing nothing", async () => {
		const s = await jobEnRoute();
		const arrived = crypto.randomUUID();
		expect((await move(s.tenant.slug, s.job.id, s.technician, arrived, "in_progress")).status).toBe(200);
		const paused = await move(s.tenant.slug, s.job.id, s.technician, crypto.randomUUID(), "paused", "Parts");
		expect(await paused.json<Moved>()).toEqual({ status: "paused", pausedMessage: "Parts" });

		const late = await move(s.tenant.slug, s.job.id, s.technician, arrived, "in_progress");
		expect(late.status).toBe(200);
		expect(late.headers.get("Idempotent-Replayed")).toBe("true");
		expect(await recorded(s.tenant.id, s.job.id, "in_progress")).toEqual({
			events: 1,
			audits: 1,
			status: "paused",
		});
	});

	it("makes one move when the same key arrives twice at once", async () => {
		const s = await jobEnRoute();
		const key = crypto.randomUUID();
		const answers = await Promise.all([
			move(s.tenant.slug, s.job.id, s.technician, key, "in_progress"),
			move(s.tenant.slug, s.job.id, s.technician, key, "in_progress"),
		]);
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(await recorded(s.tenant.id, s.job.id, "in_progress")).toEqual({
			events: 1,
			audits: 1,
			status: "in_progress",
		});
	});

	it("refuses the key reused for another move (422) and leaves the job as it was", async () => {
		const s = await jobEnRoute();
		const key = crypto.randomUUID();
		expect((await move(s.tenant.slug, s.job.id, s.technician, key, "in_progress")).status).toBe(200);
		const reused = await move(s.tenant.slug, s.job.id, s.technician, key, "paused", "Back at 2");
		expect(reused.status).toBe(422);
		expect((await reused.json<{ error: { code: string } }>()).error.code).toBe("idempotency_key_reused");
		expect((await recorded(s.tenant.id, s.job.id, "paused")).events).toBe(0);
		expect((await recorded(s.tenant.id, s.job.id, "paused")).status).toBe("in_progress");
	});

	it("never answers one technician's key for another: theirs is a 404 on a job not theirs", async () => {
		const s = await jobEnRoute();
		const key = crypto.randomUUID();
		expect((await move(s.tenant.slug, s.job.id, s.technician, key, "in_progress")).status).toBe(200);
		await makeTechnician(s.tenant, "spare@fleet.example", "Sid Spare");
		const spare = await signIn(s.tenant.slug, "spare@fleet.example", "t");
		expect((await move(s.tenant.slug, s.job.id, spare, key, "in_progress")).status).toBe(404);
	});

	it("keeps refusing a repeated move without a key (409), and a key that is not 8–255 visible characters (400)", async () => {
		const s = await jobEnRoute();
		const path = `/api/t/${s.tenant.slug}/jobs/${s.job.id}/status`;
		expect((await postJson(path, { status: "in_progress" }, { Cookie: s.technician })).status).toBe(200);
		expect((await postJson(path, { status: "in_progress" }, { Cookie: s.technician })).status).toBe(409);
		const bad = await move(s.tenant.slug, s.job.id, s.technician, "short", "paused", "Parts");
		expect(bad.status).toBe(400);
		expect((await recorded(s.tenant.id, s.job.id, "paused")).events).toBe(0);
	});
});
