import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formatCalendarDay } from "../../workers/domain/format";
import { invoiceSetup, payOffline, sharedInvoice } from "./invoice-helpers";
import { extractPdfText } from "./pdf-text";
import { send } from "./staff-helpers";

const pdfOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe("GET /api/{c,d}/:slug/invoices/:id/pdf", () => {
	it("is a PDF with the lines, payments, balance, due date, terms and the link back, in any script", {
		timeout: 60_000,
	}, async () => {
		const s = await invoiceSetup();
		await env.DB.prepare("UPDATE accounts SET name = 'Klinika Żaneta' WHERE id = ?").bind(s.account.id).run();
		const invoice = await sharedInvoice(s, {
			dueAt: "2026-12-16",
			terms: "Net 14 · 支払い",
			lines: [
				{ description: "配達 and setup", quantity: 2, unitPriceMinor: 5_000 },
				{ description: "Round trip A ↔ B 🙂", quantity: 1, unitPriceMinor: 3_000 },
			],
		});
		expect((await payOffline(s, invoice.id, 4_073, "CHQ-77")).status).toBe(200);

		const res = await send(`/api/c/${s.tenant.slug}/invoices/${invoice.id}/pdf`, s.cookies.billing);
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("application/pdf");
		expect(res.headers.get("Content-Disposition")).toContain(`invoice-${invoice.number}.pdf`);
		const bytes = await pdfOf(res);
		expect(new TextDecoder().decode(bytes.slice(0, 8))).toMatch(/^%PDF-1\.\d/);

		const text = await extractPdfText(bytes);
		expect(text).toContain(`Invoice #${invoice.number}`);
		expect(text).toContain("Partially paid");
		expect(text).toContain("Klinika Żaneta");
		expect(text).toContain("配達 and setup");
		// No glyph for "↔" or "🙂" in any embedded font: a question mark each, and the PDF renders.
		expect(text).toContain("Round trip A ? B ?");
		// 130.00 + 8.25 % = 140.73; paid 40.73: 100.00 due.
		expect(text).toContain("$140.73");
		expect(text).toContain("Balance due");
		expect(text).toContain("$100.00");
		expect(text).toContain(formatCalendarDay("2026-12-16", "en"));
		expect(text).toContain("CHQ-77");
		expect(text).toContain("Net 14 · 支払い");
		expect(text).toContain(`/c/${s.tenant.slug}/invoices/${invoice.id}`);
		expect(text).not.toContain("\uFFFD");

		const staff = await send(`/api/d/${s.tenant.slug}/invoices/${invoice.id}/pdf`, s.staff);
		expect(staff.status).toBe(200);
		expect(await extractPdfText(await pdfOf(staff))).toContain(`Invoice #${invoice.number}`);
	});
});
