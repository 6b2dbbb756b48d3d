import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../workers/domain/jobs/idempotency";
import { sameValue } from "../../workers/domain/same-value";
import type { Me } from "../../workers/domain/sign-in/audiences";
import {
	recallSignIn,
	rememberSignIn,
	sameIdentity,
	sameSignIn,
} from "../../workers/domain/sign-in/recent-sign-ins";
import type { Session } from "../../workers/domain/sign-in/sessions";
import type { Tenant } from "../../workers/domain/tenant/tenant";

// What a session was last time only chooses what to read alongside its fresh check.
const tenant = { id: "ten_a", slug: "acme", timezone: "America/New_York" } as Tenant;
const me: Me = {
	audience: "customer",
	id: "con_1",
	name: "Dana",
	email: "dana@firm.example",
	role: "admin",
	accountId: "acc_1",
	accountName: "Firm",
	locationId: null,
	locationIds: [],
	locale: null,
};
const at = 1_000_000;
const session = { idHash: "hash", tenantId: "ten_a", audience: "customer", subjectId: "con_1" } as Session;

describe("recent sign-ins", () => {
	it("recall a session only for its own tenant's slug and audience, and only for a short while", () => {
		rememberSignIn("hash-a", { tenant, audience: "customer", me, session }, at);
		expect(recallSignIn("hash-a", "acme", "customer", at + 1_000)?.me).toEqual(me);
		expect(recallSignIn("hash-a", "other-portal", "customer", at + 1_000)).toBeUndefined();
		expect(recallSignIn("hash-a", "acme", "technician", at + 1_000)).toBeUndefined();
		expect(recallSignIn("hash-a", "acme", "customer", at + 10 * 60_000)).toBeUndefined();
	});

	it("keep a bounded number of sessions, forgetting the least recently checked", () => {
		rememberSignIn("first", { tenant, audience: "customer", me, session }, at);
		for (let i = 0; i < 1_000; i++)
			rememberSignIn(`later-${i}`, { tenant, audience: "customer", me, session }, at);
		expect(recallSignIn("first", "acme", "customer", at)).toBeUndefined();
		expect(recallSignIn("later-999", "acme", "customer", at)).toBeDefined();
	});

	it("tell a changed role or tenant setting from the same sign-in", () => {
		const now = { tenant, audience: "customer" as const, me, session };
		expect(sameSignIn(now, { ...now, me: { ...me } })).toBe(true);
		expect(sameSignIn(now, { ...now, me: { ...me, role: "booker" } })).toBe(false);
		expect(sameSignIn(now, { ...now, tenant: { ...tenant, timezone: "Europe/Berlin" } })).toBe(false);
	});

	it("tell the same person in the same tenant whatever its settings, and whatever the order of fields", () => {
		const now = { tenant, audience: "customer" as const, me, session };
		const reordered = Object.fromEntries(Object.entries(me).reverse()) as Me;
		expect(sameSignIn(now, { ...now, me: reordered })).toBe(true);
		expect(sameIdentity(now, { ...now, tenant: { ...tenant, timezone: "Europe/Berlin" } })).toBe(true);
		expect(sameIdentity(now, { ...now, me: { ...me, role: "booker" } })).toBe(false);
		expect(sameIdentity(now, { ...now, tenant: { ...tenant, slug: "acme-renamed" } })).toBe(false);
	});

	it("tell a change deep inside the person or the tenant's settings", () => {
		const settings = { defaultLocale: "en", stages: { arriving: true, completed: true } };
		const now = {
			tenant: { ...tenant, settings } as unknown as Tenant,
			audience: "customer" as const,
			me: { ...me, locationIds: ["loc_1", "loc_2"] },
			session,
		};
		expect(sameSignIn(now, structuredClone(now))).toBe(true);
		expect(sameSignIn(now, { ...now, me: { ...now.me, locationIds: ["loc_1"] } })).toBe(false);
		expect(sameSignIn(now, { ...now, me: { ...now.me, locationIds: ["loc_2", "loc_1"] } })).toBe(false);
		const switchedOff = { ...settings, stages: { ...settings.stages, arriving: false } };
		expect(
			sameSignIn(now, { ...now, tenant: { ...now.tenant, settings: switchedOff } as unknown as Tenant }),
		).toBe(false);
	});
});

describe("same value", () => {
	// The comparison stands in for comparing canonical JSON: both verdicts agree on every pair.
	const values: unknown[] = [
		null,
		undefined,
		0,
		1,
		"1",
		"",
		true,
		false,
		Number.NaN,
		[],
		[1, 2],
		[2, 1],
		[1, [2, 3]],
		[1, [2, 4]],
		{},
		{ a: 1 },
		{ a: 1, b: undefined },
		{ b: 1 },
		{ a: "1" },
		{ a: 1, b: 2 },
		{ b: 2, a: 1 },
		{ a: { b: [1, { c: null }] } },
		{ a: { b: [1, { c: 0 }] } },
		{ a: null },
		{ a: Number.NaN },
		[null],
		[undefined],
		Number.POSITIVE_INFINITY,
	];
	it("agrees with canonical JSON on every pair", () => {
		for (const a of values) {
			for (const b of values) {
				expect(sameValue(a, b), `${canonicalJson(a)} vs ${canonicalJson(b)}`).toBe(
					canonicalJson(a) === canonicalJson(b),
				);
			}
		}
	});
});
