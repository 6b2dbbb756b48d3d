import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { postJson } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { call, type Envelope } from "./helpers";
import { auditEntries, consoleSetup, PNG_BYTES, send, upload } from "./staff-helpers";

type Technician = {
	id: string;
	name: string;
	bio: string | null;
	bioApproved: boolean;
	photoUrl: string | null;
	active: boolean;
};

describe("technicians in the console", () => {
	it("adds one, refuses a duplicate email (409 naming email) and edits name, phone and active", async () => {
		const s = await consoleSetup();
		const res = await send(`/api/d/${s.tenant.slug}/technicians`, s.staff, "POST", {
			name: "Nia New",
			email: "Nia@Fleet.example",
		});
		expect(res.status).toBe(201);
		const tech = await res.json<Technician>();
		const dup = await send(`/api/d/${s.tenant.slug}/technicians`, s.staff, "POST", {
			name: "Again",
			email: "nia@fleet.example",
		});
		expect(dup.status).toBe(409);
		expect((await dup.json<Envelope>()).error.issues?.[0]?.field).toBe("email");
		const edited = await send(`/api/d/${s.tenant.slug}/technicians/${tech.id}`, s.staff, "PATCH", {
			phone: "+1 212 555 0199",
			active: false,
		});
		expect(await edited.json()).toMatchObject({ active: false });
		expect((await auditEntries(s.tenant.id, "technician.updated")).length).toBe(1);
	});

	it("stores a photo checked by its bytes and serves it with its type and nosniff", async () => {
		const s = await consoleSetup();
		const path = `/api/d/${s.tenant.slug}/technicians/${s.tech.id}/photo`;
		const html = new TextEncoder().encode("<html><script>alert(1)</script>");
		expect((await upload(path, s.staff, html, "image/png")).status).toBe(400);
		expect((await upload(path, s.staff, html, "text/html")).status).toBe(415);
		const big = new Uint8Array(2 * 1024 * 1024 + 1);
		big.set(PNG_BYTES);
		expect((await upload(path, s.staff, big, "image/png")).status).toBe(413);
		const res = await upload(path, s.staff, PNG_BYTES, "image/png");
		expect(res.status).toBe(200);
		const { photoUrl } = await res.json<Technician>();
		expect(photoUrl).toMatch(/^\/api\/media\/t\/.+\.png$/);
		const image = await call(photoUrl ?? "");
		expect(image.status).toBe(200);
		expect(image.headers.get("Content-Type")).toBe("image/png");
		expect(image.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG_BYTES);
		expect((await call("/api/media/t/../secret.png")).status).toBe(404);
	});

	it("shows customers a bio only once approved; an edit takes the approval back", async () => {
		const s = await consoleSetup();
		const job = await (await book(s.tenant.slug, s.customer, pickupBody())).json<{ id: string }>();
		await postJson(
			`/api/d/${s.tenant.slug}/jobs/${job.id}/assign`,
			{ technicianId: s.tech.id },
			{ Cookie: s.staff },
		);
		const techPath = `/api/d/${s.tenant.slug}/technicians/${s.tech.id}`;
		const portalBio = async () =>
			(
				await (
					await send(`/api/c/${s.tenant.slug}/jobs/${job.id}`, s.customer)
				).json<{ technician: { bio: string | null } }>()
			).technician.bio;
		await send(techPath, s.staff, "PATCH", { bio: "Ten years on the road." });
		expect(await portalBio()).toBeNull();
		const approved = await send(`${techPath}/approve-bio`, s.staff, "POST");
		expect(await approved.json()).toMatchObject({ bioApproved: true });
		expect(await portalBio()).toBe("Ten years on the road.");
		const edited = await send(techPath, s.staff, "PATCH", { bio: "Unvetted claims." });
		expect(await edited.json()).toMatchObject({ bioApproved: false });
		expect(await portalBio()).toBeNull();
		const row = await env.DB.prepare("SELECT bio_approved_at FROM technicians WHERE id = ?")
			.bind(s.tech.id)
			.first<{ bio_approved_at: number | null }>();
		expect(row?.bio_approved_at).toBeNull();
	});
});
