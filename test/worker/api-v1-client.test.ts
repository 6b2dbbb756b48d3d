import { exports } from "cloudflare:workers";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { localDateTime } from "../../workers/domain/time";
import type { components, paths } from "./generated/api-v1";
import { BASE } from "./helpers";
import { consoleSetup, send } from "./staff-helpers";

const HOUR = 3_600_000;
const TZ = "America/New_York";

/**
 * The client a third party would generate from `/api/openapi.json` (openapi-typescript types,
 * openapi-fetch), calling the Worker. The calls are checked by tsc against the generated types,
 * so a document that disagrees with what the API takes or answers fails here or in typecheck.
 */
function apiClient(key: string) {
	return createClient<paths>({
		baseUrl: BASE,
		fetch: (request) => exports.default.fetch(request),
		headers: { Authorization: `Bearer ${key}` },
	});
}

async function createKey(slug: string, cookie: string, scopes: string[]) {
	const res = await send(`/api/d/${slug}/api-keys`, cookie, "POST", { name: "Generated client", scopes });
	expect(res.status).toBe(201);
	return (await res.json<{ key: string }>()).key;
}

const newJob = (contactId: string): components["schemas"]["StaffNewJob"] => ({
	kind: "pickup_delivery",
	customer: { contactId },
	pickup: {
		address: { line1: "350 Fifth Avenue", city: "New York", region: "NY" },
		contactName: "Front desk",
	},
	dropoff: { address: { line1: "60 Centre Street", city: "New York" } },
	readyAt: localDateTime(Date.now() + HOUR, TZ),
	deliverBy: localDateTime(Date.now() + 4 * HOUR, TZ),
	packageDescription: "Sealed envelope",
	reference: "ERP-4711",
});

describe("a client generated from the OpenAPI document", { timeout: 60_000 }, () => {
	it("creates a job with an API key, reads it back and finds it in the list", async () => {
		const s = await consoleSetup();
		const slug = s.tenant.slug;
		const client = apiClient(await createKey(slug, s.adminCookie, ["jobs:read", "jobs:write"]));

		const created = await client.POST("/api/v1/{slug}/jobs", {
			params: { path: { slug }, header: { "idempotency-key": "order-4711" } },
			body: newJob(s.contact.id),
		});
		expect(created.response.status).toBe(201);
		const job = created.data;
		if (!job) throw new Error(`no job: ${JSON.stringify(created.error)}`);
		expect(job).toMatchObject({ source: "api", status: "unassigned", reference: "ERP-4711" });
		expect(job.customer.contactId).toBe(s.contact.id);

		const read = await client.GET("/api/v1/{slug}/jobs/{id}", { params: { path: { slug, id: job.id } } });
		expect(read.response.status).toBe(200);
		expect(read.data?.id).toBe(job.id);
		expect(read.data?.stops.map((stop) => stop.kind)).toEqual(["pickup", "dropoff"]);

		const list = await client.GET("/api/v1/{slug}/jobs", {
			params: { path: { slug }, query: { status: "unassigned", limit: 10 } },
		});
		expect(list.data?.items.map((item) => item.id)).toContain(job.id);

		const replay = await client.POST("/api/v1/{slug}/jobs", {
			params: { path: { slug }, header: { "idempotency-key": "order-4711" } },
			body: newJob(s.contact.id),
		});
		expect(replay.data?.id).toBe(job.id);
		expect(replay.response.headers.get("Idempotent-Replayed")).toBe("true");
	});

	it("answers the documented error envelope for a key without the scope", async () => {
		const s = await consoleSetup();
		const slug = s.tenant.slug;
		const client = apiClient(await createKey(slug, s.adminCookie, ["jobs:read"]));
		const refused = await client.POST("/api/v1/{slug}/jobs", {
			params: { path: { slug }, header: { "idempotency-key": "order-1" } },
			body: newJob(s.contact.id),
		});
		expect(refused.response.status).toBe(403);
		expect(refused.data).toBeUndefined();
		expect(refused.error?.error.code).toMatch(/^[a-z_]+$/);
	});

	it("is typed: calls the document does not allow do not compile", () => {
		const client = apiClient("fp_live_unused");
		// Never sent: only tsc looks at these; each line must be an error for typecheck to pass.
		const neverCalled = () => [
			client.POST("/api/v1/{slug}/jobs", {
				params: { path: { slug: "x" }, header: { "idempotency-key": "k" } },
				// @ts-expect-error a kind the document does not list
				body: { ...newJob("c"), kind: "towing" },
			}),
			// @ts-expect-error the Idempotency-Key header is required
			client.POST("/api/v1/{slug}/jobs", { params: { path: { slug: "x" } }, body: newJob("c") }),
			// @ts-expect-error no such path
			client.GET("/api/v1/{slug}/technicians", { params: { path: { slug: "x" } } }),
		];
		expect(typeof neverCalled).toBe("function");
	});
});
