import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { awaitEmail, outboxFor, signIn } from "./auth-helpers";
import { makeContact, makeStaff, makeTenant } from "./fixtures";
import { call, callToCompletion, type Envelope } from "./helpers";
import { extractPdfText } from "./pdf-text";
import { jobEnRoute, PICKUP, setStatus } from "./relay-setup";
import { send } from "./staff-helpers";

/** A 1×1 PNG, as the phone's canvas would send a signature. */
const PNG_BASE64 =
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PNG_BYTES = Uint8Array.from(atob(PNG_BASE64), (ch) => ch.charCodeAt(0));

type Setup = Awaited<ReturnType<typeof jobEnRoute>>;
type Answer = { id: string; status: string; completion: { id: string; outcome: string; at: string } };

async function setProofRules(tenantId: string, rules: Record<string, unknown>) {
	await env.DB.prepare(
		"UPDATE tenants SET settings = json_set(settings, '$.proofRules', json(?)) WHERE id = ?",
	)
		.bind(JSON.stringify(rules), tenantId)
		.run();
}

/** A job the technician has started, with the tenant's rules set. */
async function startedJob(rules: Record<string, unknown> = {}): Promise<Setup> {
	const s = await jobEnRoute();
	await setProofRules(s.tenant.id, rules);
	expect((await setStatus(s.tenant.slug, s.job.id, s.technician, "in_progress")).status).toBe(200);
	return s;
}

const completePath = (s: Setup) => `/api/t/${s.tenant.slug}/jobs/${s.job.id}/complete`;

function complete(s: Setup, body: Record<string, unknown>, key = crypto.randomUUID()) {
	return callToCompletion(completePath(s), {
		method: "POST",
		headers: { Cookie: s.technician, "Content-Type": "application/json", "Idempotency-Key": key },
		body: JSON.stringify(body),
	});
}

function uploadPhoto(s: Setup, key?: string) {
	return call(`/api/t/${s.tenant.slug}/jobs/${s.job.id}/photos`, {
		method: "POST",
		headers: {
			Cookie: s.technician,
			"Content-Type": "image/png",
			...(key ? { "Idempotency-Key": key } : {}),
		},
		body: PNG_BYTES,
	});
}

const count = async (sql: string, ...binds: unknown[]) =>
	(
		await env.DB.prepare(sql)
			.bind(...binds)
			.first<{ n: number }>()
	)?.n;

const fieldsOf = async (res: Response) => (await res.json<Envelope>()).error.issues?.map((i) => i.field);

describe("POST /api/t/:slug/jobs/:id/complete: what the tenant requires per job kind", () => {
	it("names each missing required item, per kind, and refuses a bare completed move", {
		timeout: 60_000,
	}, async () => {
		const s = await startedJob({
			pickup_delivery: { recipientName: "required", signature: "required", photosMin: 1 },
			service_call: { workDone: "required", parts: "required" },
		});
		const missing = await complete(s, { outcome: "completed", note: "left at door" });
		expect(missing.status).toBe(400);
		expect(await fieldsOf(missing)).toEqual(["recipientName", "signaturePng", "photoIds"]);
		expect((await setStatus(s.tenant.slug, s.job.id, s.technician, "completed")).status).toBe(400);

		// A service call asks for its own items, not the delivery's.
		await env.DB.prepare("UPDATE jobs SET kind = 'service_call' WHERE id = ?").bind(s.job.id).run();
		const service = await complete(s, { outcome: "completed" });
		expect(await fieldsOf(service)).toEqual(["workDone", "parts"]);

		const bad = await complete(s, {
			outcome: "completed",
			workDone: "Replaced valve",
			parts: [{ description: "Valve", quantity: 1, unitPriceMinor: 2_500 }],
			signaturePng: btoa("<svg onload=alert(1)>"),
			photoIds: ["pho_notthisjob"],
		});
		expect(await fieldsOf(bad)).toEqual(["photoIds"]);
		const badSig = await complete(s, {
			outcome: "completed",
			workDone: "Replaced valve",
			parts: [{ description: "Valve", quantity: 1, unitPriceMinor: 2_500 }],
			signaturePng: btoa("<svg onload=alert(1)>"),
		});
		expect(await fieldsOf(badSig)).toEqual(["signaturePng"]);
		expect(await count("SELECT COUNT(*) AS n FROM job_completions WHERE job_id = ?", s.job.id)).toBe(0);

		const ok = await complete(s, {
			outcome: "completed",
			workDone: "Replaced valve",
			parts: [{ description: "Valve", quantity: 2, unitPriceMinor: 2_500 }],
		});
		expect(ok.status).toBe(200);
		expect((await ok.json<Answer>()).status).toBe("completed");

		// The parts flow into the invoice made from the job.
		await env.DB.prepare(
			"UPDATE jobs SET account_id = (SELECT account_id FROM contacts WHERE id = ?) WHERE id = ?",
		)
			.bind(s.contact.id, s.job.id)
			.run();
		await makeStaff(s.tenant, "boss@fleet.example", "Ada Admin");
		await env.DB.prepare(
			"UPDATE staff SET role = 'admin' WHERE email = 'boss@fleet.example' AND tenant_id = ?",
		)
			.bind(s.tenant.id)
			.run();
		const draft = await send(`/api/d/${s.tenant.slug}/invoices/draft-from-job/${s.job.id}`, s.staff);
		expect(draft.status).toBe(200);
		const lines = (await draft.json<{ lines: Array<{ description: string; quantity: number }> }>()).lines;
		expect(lines).toContainEqual(
			expect.objectContaining({ description: "Valve", quantity: 2, unitPriceMinor: 2_500 }),
		);
	});

	it("lets a tenant that requires nothing complete with a bare status move, as before", {
		timeout: 30_000,
	}, async () => {
		const s = await startedJob();
		expect((await setStatus(s.tenant.slug, s.job.id, s.technician, "completed")).status).toBe(200);
	});
});

describe("a completion queued offline and sent again", () => {
	it("creates one completion and one photo; the replay answers the same completion", {
		timeout: 60_000,
	}, async () => {
		const s = await startedJob({ pickup_delivery: { photosMin: 1, signature: "required" } });
		const photoKey = crypto.randomUUID();
		const photo = await uploadPhoto(s, photoKey);
		expect(photo.status).toBe(201);
		const again = await uploadPhoto(s, photoKey);
		expect(again.headers.get("Idempotent-Replayed")).toBe("true");
		const { id: photoId } = await photo.json<{ id: string }>();
		expect((await again.json<{ id: string }>()).id).toBe(photoId);
		expect(await count("SELECT COUNT(*) AS n FROM job_photos WHERE job_id = ?", s.job.id)).toBe(1);

		const key = crypto.randomUUID();
		const body = {
			outcome: "completed",
			recipientName: "Rosa",
			signaturePng: PNG_BASE64,
			photoIds: [photoId],
		};
		const first = await complete(s, body, key);
		expect(first.status).toBe(200);
		const replay = await complete(s, body, key);
		expect(replay.status).toBe(200);
		expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
		expect(await replay.json<Answer>()).toEqual(await first.json<Answer>());
		expect(await count("SELECT COUNT(*) AS n FROM job_completions WHERE job_id = ?", s.job.id)).toBe(1);
		expect(
			await count("SELECT COUNT(*) AS n FROM job_events WHERE job_id = ? AND type = 'completed'", s.job.id),
		).toBe(1);
		// A new key for the finished job is a conflict; the key with another body is refused.
		expect((await complete(s, body)).status).toBe(409);
		expect((await complete(s, { ...body, recipientName: "Someone else" }, key)).status).toBe(422);
	});
});

describe("could not complete", () => {
	it("needs a reason; sends the job back to the board flagged and emails the customer", {
		timeout: 60_000,
	}, async () => {
		const s = await startedJob();
		const noReason = await complete(s, { outcome: "failed" });
		expect(await fieldsOf(noReason)).toEqual(["failureReason"]);
		expect(await fieldsOf(await complete(s, { outcome: "failed", failureReason: "other" }))).toEqual([
			"failureText",
		]);

		const failed = await complete(s, { outcome: "failed", failureReason: "nobody_home", note: "Rang twice" });
		expect(failed.status).toBe(200);
		expect((await failed.json<Answer>()).status).toBe("unassigned");
		const job = await env.DB.prepare("SELECT status, technician_id FROM jobs WHERE id = ?")
			.bind(s.job.id)
			.first<{ status: string; technician_id: string | null }>();
		expect(job).toEqual({ status: "unassigned", technician_id: null });

		const board = await send(`/api/d/${s.tenant.slug}/board`, s.staff);
		const jobs = (await board.json<{ jobs: Array<{ id: string; failedAttempt: unknown }> }>()).jobs;
		expect(jobs.find((j) => j.id === s.job.id)?.failedAttempt).toEqual({ reason: "nobody_home", text: null });

		// Recorded in the completion's batch, delivered by the queue; essential, so no List-Unsubscribe.
		const recorded = await env.DB.prepare(
			"SELECT kind FROM notifications WHERE job_id = ? AND kind = 'not_completed'",
		)
			.bind(s.job.id)
			.all();
		expect(recorded.results).toHaveLength(1);
		const email = await awaitEmail(s.contact.email, "We could not complete");
		expect(email.subject).toMatch(new RegExp(`^We could not complete job #\\d+ with ${s.tenant.name}$`));
		expect(email.text).toContain("nobody was home");
		expect(email.text).toContain(
			`https://portal.test/c/${s.tenant.slug}/jobs/${s.job.id}?email=${encodeURIComponent(s.contact.email)}`,
		);
		expect(email.headers["List-Unsubscribe"]).toBeUndefined();
	});
});

describe("the proof and the service report", () => {
	it("shows the proof on the job and serves a report carrying the recipient and job number", {
		timeout: 90_000,
	}, async () => {
		const s = await startedJob();
		const photoId = (await (await uploadPhoto(s)).json<{ id: string }>()).id;
		const res = await complete(s, {
			outcome: "completed",
			recipientName: "Rosa Recipient",
			signaturePng: `data:image/png;base64,${PNG_BASE64}`,
			photoIds: [photoId],
			note: "Handed over at reception",
			position: { lat: PICKUP.lat + 0.0005, lng: PICKUP.lng },
		});
		expect(res.status).toBe(200);
		// Written once on completion, and kept.
		const stored = await env.DB.prepare("SELECT report_key FROM job_completions WHERE job_id = ?")
			.bind(s.job.id)
			.first<{ report_key: string | null }>();
		expect(stored?.report_key).toMatch(/report-cmp_/);
		expect(await env.MEDIA.head(stored?.report_key ?? "")).not.toBeNull();

		const jobRes = await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}`, s.customer);
		const { proof, number } = await jobRes.json<{ number: number; proof: Record<string, unknown> }>();
		expect(proof).toMatchObject({
			outcome: "completed",
			recipientName: "Rosa Recipient",
			note: "Handed over at reception",
			photos: [{ id: photoId }],
		});
		expect(typeof proof.place).toBe("string");
		expect(JSON.stringify(proof)).not.toContain(String(PICKUP.lat));
		const signature = await send(String(proof.signatureUrl), s.customer);
		expect(signature.status).toBe(200);
		expect(signature.headers.get("Content-Type")).toBe("image/png");

		// The completion is told by the notification pipeline, from its queue.
		const email = await vi.waitFor(
			async () => {
				const found = (await outboxFor(s.contact.email)).find((e) =>
					e.subject.includes(`Completed: job #${number}`),
				);
				if (!found) throw new Error("no completion email yet");
				return found;
			},
			{ timeout: 15_000, interval: 50 },
		);
		expect(email.subject).toContain(`Completed: job #${number}`);

		const pdf = await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/report.pdf`, s.customer);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
		const text = await extractPdfText(new Uint8Array(await pdf.arrayBuffer()));
		expect(text).toContain("Rosa Recipient");
		expect(text).toContain(`job #${number}`);
		expect(text).toContain("Val Van");
		expect((await send(`/api/d/${s.tenant.slug}/jobs/${s.job.id}/report.pdf`, s.staff)).status).toBe(200);

		// Another tenant's staff and customers get a 404 for this job's report.
		const other = await makeTenant();
		await makeStaff(other, "desk@other.example");
		await makeContact(other, { email: s.contact.email });
		const otherStaff = await signIn(other.slug, "desk@other.example", "d");
		const otherCustomer = await signIn(other.slug, s.contact.email, "c");
		expect((await send(`/api/d/${other.slug}/jobs/${s.job.id}/report.pdf`, otherStaff)).status).toBe(404);
		expect((await send(`/api/c/${other.slug}/jobs/${s.job.id}/report.pdf`, otherCustomer)).status).toBe(404);
	});
});

describe("GET /api/c/:slug/documents", () => {
	it("lists the report for the customer, hides it from billing, and nothing of another tenant", {
		timeout: 90_000,
	}, async () => {
		const s = await startedJob();
		expect((await complete(s, { outcome: "completed", recipientName: "Rosa" })).status).toBe(200);
		const number = (
			await env.DB.prepare("SELECT number FROM jobs WHERE id = ?").bind(s.job.id).first<{ number: number }>()
		)?.number;

		type Page = {
			items: Array<{ type: string; jobId: string | null; url: string; title: string }>;
			nextCursor: string | null;
		};
		const docs = await (await send(`/api/c/${s.tenant.slug}/documents`, s.customer)).json<Page>();
		const report = docs.items.find((d) => d.type === "report");
		expect(report).toMatchObject({
			jobId: s.job.id,
			url: `/api/c/${s.tenant.slug}/jobs/${s.job.id}/report.pdf`,
		});
		expect((await send(report?.url ?? "", s.customer)).status).toBe(200);

		const byNumber = await (
			await send(`/api/c/${s.tenant.slug}/documents?q=${number}&type=report`, s.customer)
		).json<Page>();
		expect(byNumber.items.map((d) => d.jobId)).toEqual([s.job.id]);
		const none = await (await send(`/api/c/${s.tenant.slug}/documents?q=999999`, s.customer)).json<Page>();
		expect(none.items).toEqual([]);
		const typed = await (
			await send(`/api/c/${s.tenant.slug}/documents?type=estimate`, s.customer)
		).json<Page>();
		expect(typed.items).toEqual([]);

		// Billing sees invoices and receipts only: no reports, and the report itself is a 404.
		await env.DB.prepare("UPDATE contacts SET role = 'billing' WHERE id = ?").bind(s.contact.id).run();
		const billing = await signIn(s.tenant.slug, s.contact.email, "c");
		const billed = await (await send(`/api/c/${s.tenant.slug}/documents`, billing)).json<Page>();
		expect(billed.items.filter((d) => d.type === "report")).toEqual([]);
		expect((await send(report?.url ?? "", billing)).status).toBe(404);

		// A contact of another tenant with the same email sees none of it.
		const other = await makeTenant();
		await makeContact(other, { email: s.contact.email });
		const outsider = await signIn(other.slug, s.contact.email, "c");
		const theirs = await (await send(`/api/c/${other.slug}/documents`, outsider)).json<Page>();
		expect(theirs.items).toEqual([]);
		const bad = await send(`/api/c/${s.tenant.slug}/documents?type=contract`, s.customer);
		expect(bad.status).toBe(400);
	});
});
