import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { approve, estimateSetup, sharedEstimate } from "./estimate-helpers";
import { extractPdfText } from "./pdf-text";
import { send } from "./staff-helpers";

const pdfOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe("GET /api/{c,d}/:slug/estimates/:id/pdf", () => {
	it("is a PDF whose text has the number, the lines, the total and, once approved, the approval in any script", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		await env.DB.prepare("UPDATE accounts SET name = 'Klinika Żaneta' WHERE id = ?").bind(s.account.id).run();
		const e = await sharedEstimate(s, {
			contactId: s.contacts.admin.id,
			lines: [
				{ description: "配達 and setup", quantity: 2, unitPriceMinor: 12_345 },
				{ description: "Annual check", quantity: 1, unitPriceMinor: 5_000, optional: true },
			],
		});
		const optional = e.lines.find((l) => l.optional)?.id;
		const approved = await approve(s, s.cookies.admin, e.id, {
			version: 1,
			signedName: "Żaneta Kowalska 配達",
			optionalItemIds: [optional],
		});
		expect(approved.status).toBe(200);
		const record = (
			await approved.json<{ approval: { contentSha256: string; totals: { totalMinor: number } } }>()
		).approval;

		const res = await send(`/api/c/${s.tenant.slug}/estimates/${e.id}/pdf`, s.cookies.admin);
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("application/pdf");
		const bytes = await pdfOf(res);
		const head = new TextDecoder().decode(bytes.slice(0, 8));
		expect(head).toMatch(/^%PDF-1\.\d/);
		expect(new TextDecoder().decode(bytes.slice(-8))).toContain("%%EOF");

		const text = await extractPdfText(bytes);
		expect(text).toContain(`Estimate #${e.number}`);
		expect(text).toContain("Klinika Żaneta");
		expect(text).toContain("配達 and setup");
		// 2 × 123.45 + the ticked 50.00 = 296.90, 8.25 % tax 24.49: 321.39
		expect(record.totals.totalMinor).toBe(32_139);
		expect(text).toContain("$321.39");
		expect(text).toContain("Signed by Żaneta Kowalska 配達");
		expect(text).toContain(record.contentSha256);
		expect(text).toContain("[Optional · selected]");
		expect(text).not.toContain("\uFFFD");

		const staff = await send(`/api/d/${s.tenant.slug}/estimates/${e.id}/pdf?version=1`, s.staff);
		expect(staff.status).toBe(200);
		expect(await extractPdfText(await pdfOf(staff))).toContain(`Estimate #${e.number}`);
		expect((await send(`/api/d/${s.tenant.slug}/estimates/${e.id}/pdf?version=9`, s.staff)).status).toBe(404);
	});

	it("renders any version, the older one with its own lines, and is 404 to a contact it is not shared with", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s, { contactId: s.contacts.booker.id });
		await send(`/api/d/${s.tenant.slug}/estimates/${e.id}`, s.staff, "PUT", {
			title: "Boiler service",
			lines: [{ description: "Only labour now", quantity: 1, unitPriceMinor: 7_000 }],
		});
		const v1 = await extractPdfText(
			await pdfOf(await send(`/api/c/${s.tenant.slug}/estimates/${e.id}/pdf?version=1`, s.cookies.booker)),
		);
		const v2 = await extractPdfText(
			await pdfOf(await send(`/api/c/${s.tenant.slug}/estimates/${e.id}/pdf`, s.cookies.booker)),
		);
		expect(v1).toContain("Valve (brass)");
		expect(v1).toContain("Version 1 of 2");
		expect(v2).toContain("Only labour now");
		expect(v2).not.toContain("Valve (brass)");
		expect((await send(`/api/c/${s.tenant.slug}/estimates/${e.id}/pdf`, s.cookies.loner)).status).toBe(404);
	});

	it("renders characters no embedded font has as a question mark instead of failing", {
		timeout: 60_000,
	}, async () => {
		const s = await estimateSetup();
		const e = await sharedEstimate(s, {
			contactId: s.contacts.admin.id,
			title: "Move A ↔ B",
			lines: [{ description: "Crates ↔ shelves 🙂 配達", quantity: 1, unitPriceMinor: 1_000 }],
		});
		const res = await send(`/api/c/${s.tenant.slug}/estimates/${e.id}/pdf`, s.cookies.admin);
		expect(res.status).toBe(200);
		const text = await extractPdfText(await pdfOf(res));
		expect(text).toContain("Move A ? B");
		expect(text).toContain("Crates ? shelves ? 配達");
	});
});
