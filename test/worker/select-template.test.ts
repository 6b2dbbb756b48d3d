import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tenants } from "../../schema/tables/tenants";
import { templatedSelect } from "../../workers/domain/select-template";
import { openShard } from "../../workers/shards";
import { makeTenant } from "./fixtures";

describe("a select built once and filled in", () => {
	it("builds its SQL on the first call only, and answers each call for its own values and shard", async () => {
		const [first, second] = [await makeTenant(), await makeTenant()];
		let builds = 0;
		const bySlug = (db: ReturnType<typeof openShard>, slug: string) =>
			templatedSelect(
				db,
				"test:tenantBySlug",
				(template, slot) => {
					builds++;
					return template
						.select({ id: tenants.id, settings: tenants.settings })
						.from(tenants)
						.where(eq(tenants.slug, slot("slug")));
				},
				{ slug },
			);
		const db = openShard(env, 0);
		expect((await bySlug(db, first.slug).get())?.id).toBe(first.id);
		expect((await bySlug(db, second.slug).all()).map((r) => r.id)).toEqual([second.id]);
		expect((await bySlug(db, "no-such-tenant")).length).toBe(0);
		// Run on the client it is given: shard 1 does not hold these tenants.
		expect((await bySlug(openShard(env, 1), first.slug)).length).toBe(0);
		// In a batch beside other statements, rows still mapped as the builder maps them (JSON parsed).
		const [inBatch, plain] = await db.batch([
			bySlug(db, first.slug),
			db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, second.id)),
		]);
		expect(inBatch[0]?.id).toBe(first.id);
		expect(typeof inBatch[0]?.settings).toBe("object");
		expect(plain[0]?.id).toBe(second.id);
		expect(builds).toBe(1);
	});
});
