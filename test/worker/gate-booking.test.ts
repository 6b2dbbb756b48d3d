import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { localDateTime } from "../../workers/domain/time";
import worker from "../../workers/index";
import { BOOKMARK_HEADER } from "../../workers/middleware/database";
import { signIn } from "./auth-helpers";
import { pickupBody } from "./booking-helpers";
import { makeAccount, makeContact, makeTenant, makeWebhookEndpoint, recordingQueue } from "./fixtures";
import { BASE } from "./helpers";

type Answer = Record<string, unknown>;

const HOUR = 3_600_000;

/**
 * The tenants' gates as the Worker sees them, with every method called on a stub written down;
 * `alter` may change what `book` answers before the Worker reads it.
 */
function watchedGates(alter: (answer: Answer) => Answer = (a) => a) {
	const calls: string[] = [];
	const real = env.TENANT_GATE;
	const namespace = new Proxy(real, {
		get(target, name) {
			if (name === "get") {
				return (id: DurableObjectId) => {
					const stub = target.get(id);
					return new Proxy(stub, {
						get(s, method) {
							const value = Reflect.get(s, method);
							if (typeof method !== "string" || method === "then" || typeof value !== "function")
								return value;
							return async (...args: unknown[]) => {
								calls.push(method);
								const answer = await Reflect.apply(value, s, args);
								return method === "book" ? alter(answer as Answer) : answer;
							};
						},
					});
				};
			}
			const value = Reflect.get(target, name);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
	return { calls, env: { ...env, TENANT_GATE: namespace } };
}

async function booker() {
	const tenant = await makeTenant();
	const account = await makeAccount(tenant, "Hartwell & Pine");
	const email = `gate-${crypto.randomUUID().slice(0, 6)}@firm.example`;
	await makeContact(tenant, { email, name: "Gia Gate", accountId: account.id });
	return { tenant, cookie: await signIn(tenant.slug, email) };
}

async function bookThrough(
	gates: ReturnType<typeof watchedGates>,
	slug: string,
	cookie: string,
	key: string,
	body: unknown,
) {
	const ctx = createExecutionContext();
	const res = await worker.fetch(
		new Request(`${BASE}/api/c/${slug}/bookings`, {
			method: "POST",
			headers: { "Content-Type": "application/json", Cookie: cookie, "Idempotency-Key": key },
			body: JSON.stringify(body),
		}),
		gates.env as unknown as Env,
		ctx,
	);
	await waitOnExecutionContext(ctx);
	return res;
}

describe("a portal booking through the tenant's gate", () => {
	it("is one call to the gate, and so is its replay", async () => {
		const { tenant, cookie } = await booker();
		const gates = watchedGates();
		const key = crypto.randomUUID();
		const body = pickupBody();
		const first = await bookThrough(gates, tenant.slug, cookie, key, body);
		expect(first.status).toBe(201);
		expect(gates.calls).toEqual(["book"]);
		const replay = await bookThrough(gates, tenant.slug, cookie, key, body);
		expect(replay.status).toBe(201);
		expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
		expect((await replay.json<{ id: string }>()).id).toBe((await first.json<{ id: string }>()).id);
		expect(gates.calls).toEqual(["book", "book"]);
	});

	it("answers with the gate's bookmark when the gate's write is newer than the request's own reads", async () => {
		const { tenant, cookie } = await booker();
		const later = "7fffffff-ffffffff-0000abcd-00000000000000000000000000000000";
		const gates = watchedGates((answer) => ({ ...answer, bookmark: later }));
		const res = await bookThrough(gates, tenant.slug, cookie, crypto.randomUUID(), pickupBody());
		expect(res.status).toBe(201);
		expect(res.headers.get(BOOKMARK_HEADER)).toMatch(new RegExp(`^\\d+:${later}$`));
	});

	it("keeps the request's own bookmark when the gate's is older", async () => {
		const { tenant, cookie } = await booker();
		const gates = watchedGates((answer) => ({ ...answer, bookmark: "00000000-00000000-00000000-0" }));
		const res = await bookThrough(gates, tenant.slug, cookie, crypto.randomUUID(), pickupBody());
		expect(res.status).toBe(201);
		expect(res.headers.get(BOOKMARK_HEADER) ?? "").not.toContain("00000000-00000000-00000000-0");
	});

	it("hands the booking's webhook deliveries to the queue in its own request, read where the gate wrote them", async () => {
		const { tenant, cookie } = await booker();
		await makeWebhookEndpoint(tenant.id, ["job.created", "booking.created"]);
		const queue = recordingQueue<{ deliveryId: string; attempt: number }>();
		const sent = queue.sent;
		const gates = watchedGates();
		const res = await bookThrough(
			{ ...gates, env: { ...gates.env, WEBHOOK_QUEUE: queue as never } },
			tenant.slug,
			cookie,
			crypto.randomUUID(),
			pickupBody(),
		);
		expect(res.status).toBe(201);
		const { results: deliveries } = await env.DB.prepare(
			"SELECT d.id, d.type FROM webhook_deliveries d WHERE d.tenant_id = ?",
		)
			.bind(tenant.id)
			.all<{ id: string; type: string }>();
		expect(deliveries.map((d) => d.type).sort()).toEqual(["booking.created", "job.created"]);
		expect(sent).toEqual(
			expect.arrayContaining(
				deliveries.map((d) => expect.objectContaining({ deliveryId: d.id, attempt: 0 })),
			),
		);
		expect(sent).toHaveLength(2);
	});

	it("turns the gate's refusals back into the one envelope, naming the field", async () => {
		const { tenant, cookie } = await booker();
		const gates = watchedGates();
		// A window already past is refused inside the gate, after the key is claimed.
		const past = pickupBody({
			readyAt: localDateTime(Date.now() - 3 * HOUR, "America/New_York"),
			deliverBy: localDateTime(Date.now() - 2 * HOUR, "America/New_York"),
		});
		const res = await bookThrough(gates, tenant.slug, cookie, crypto.randomUUID(), past);
		expect(res.status).toBe(400);
		const { error } = await res.json<{ error: { code: string; issues?: Array<{ field: string }> } }>();
		expect(error.code).toBe("validation_failed");
		expect(error.issues?.map((i) => i.field)).toContain("readyAt");
		expect(gates.calls).toEqual(["book"]);
	});
});
