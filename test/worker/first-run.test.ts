import { describe, expect, it } from "vitest";
import { requestLink, signIn } from "./auth-helpers";
import { pickupBody } from "./booking-helpers";
import { randomIp } from "./fixtures";
import { PNG_BYTES, send, upload } from "./staff-helpers";
import { startedFleet } from "./start-helpers";

const TIMEOUT = 20_000;

type Checklist = { items: Array<{ step: string; done: boolean }>; done: boolean; dismissed: boolean };

async function checklist(slug: string, cookie: string): Promise<Checklist> {
	const res = await send(`/api/d/${slug}/first-run`, cookie);
	expect(res.status).toBe(200);
	return res.json<Checklist>();
}

const doneSteps = (list: Checklist) => list.items.filter((i) => i.done).map((i) => i.step);

describe("GET /api/d/:slug/first-run", () => {
	it("flips each step as the records that do it appear, and is done once all are", {
		timeout: 40_000,
	}, async () => {
		const fleet = await startedFleet();
		const { slug } = fleet.body;
		const base = `/api/d/${slug}`;
		const { cookie } = fleet;
		const start = await checklist(slug, cookie);
		expect(start.items.map((i) => i.step)).toEqual([
			"branding",
			"support",
			"dispatcher",
			"technician",
			"customers",
			"portalLink",
			"testJob",
		]);
		expect(doneSteps(start)).toEqual([]);
		expect(start).toMatchObject({ done: false, dismissed: false });

		expect((await upload(`${base}/settings/logo`, cookie, PNG_BYTES, "image/png")).status).toBe(200);
		expect(doneSteps(await checklist(slug, cookie))).toEqual(["branding"]);

		expect(
			(await send(`${base}/settings`, cookie, "PATCH", { supportPhone: "+1 312 555 0100" })).status,
		).toBe(200);
		expect(doneSteps(await checklist(slug, cookie))).toEqual(["branding", "support"]);

		const staffRes = await send(`${base}/staff`, cookie, "POST", {
			name: "Dot Desk",
			email: "dot@desk.example",
		});
		expect(staffRes.status).toBe(201);
		const techRes = await send(`${base}/technicians`, cookie, "POST", {
			name: "Vic Van",
			email: "vic@van.example",
		});
		expect(techRes.status).toBe(201);
		expect(doneSteps(await checklist(slug, cookie))).toEqual([
			"branding",
			"support",
			"dispatcher",
			"technician",
		]);

		const contact = await send(`${base}/customers/contacts`, cookie, "POST", {
			name: "Cal Client",
			email: "cal@client.example",
			role: "booker",
		});
		expect(contact.status).toBe(201);
		expect(doneSteps(await checklist(slug, cookie))).toContain("customers");
		expect(doneSteps(await checklist(slug, cookie))).not.toContain("portalLink");

		// The customer asks for (or is sent) a portal sign-in link.
		expect((await requestLink(slug, "cal@client.example", { ip: randomIp() })).status).toBe(202);
		await expect.poll(async () => doneSteps(await checklist(slug, cookie))).toContain("portalLink");

		const job = await send(`${base}/jobs`, cookie, "POST", {
			...pickupBody(),
			customer: { name: "Cal Client", email: "cal@client.example" },
		});
		expect(job.status).toBe(201);
		const end = await checklist(slug, cookie);
		expect(doneSteps(end)).toHaveLength(7);
		expect(end.done).toBe(true);
	});

	it("counts only the tenant's own records", { timeout: TIMEOUT }, async () => {
		const busy = await startedFleet();
		await send(`/api/d/${busy.body.slug}/technicians`, busy.cookie, "POST", {
			name: "Vic",
			email: "vic@x.example",
		});
		const fresh = await startedFleet();
		expect(doneSteps(await checklist(fresh.body.slug, fresh.cookie))).toEqual([]);
		// Another tenant's console cannot read it.
		expect((await send(`/api/d/${busy.body.slug}/first-run`, fresh.cookie)).status).toBe(401);
	});
});

describe("POST /api/d/:slug/first-run/dismiss", () => {
	it("lets an admin hide the list, which stays hidden across settings changes; a dispatcher gets 403", {
		timeout: TIMEOUT,
	}, async () => {
		const fleet = await startedFleet();
		const { slug } = fleet.body;
		const base = `/api/d/${slug}`;
		await send(`${base}/staff`, fleet.cookie, "POST", { name: "Dot Desk", email: "dot@desk.example" });
		const dispatcher = await signIn(slug, "dot@desk.example", "d");
		expect((await send(`${base}/first-run/dismiss`, dispatcher, "POST")).status).toBe(403);
		expect((await checklist(slug, dispatcher)).dismissed).toBe(false);
		expect((await send(`${base}/first-run/dismiss`, fleet.cookie, "POST")).status).toBe(204);
		expect((await checklist(slug, dispatcher)).dismissed).toBe(true);
		expect(
			(await send(`${base}/settings`, fleet.cookie, "PATCH", { supportEmail: "help@fleet.example" })).status,
		).toBe(200);
		const after = await checklist(slug, fleet.cookie);
		expect(after.dismissed).toBe(true);
		// Dismissed is the only stored part: the steps still follow the records.
		expect(doneSteps(after)).toEqual(["support", "dispatcher"]);
	});
});
