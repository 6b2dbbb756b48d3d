import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { zipSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { tenants } from "../../schema/tables/tenants";
import { parseCsv } from "../../workers/domain/csv";
import { invitePacing, sendInviteBatch } from "../../workers/domain/imports/invites";
import { guessMapping } from "../../workers/domain/imports/mapping";
import { IMPORT_MAX_ROWS, readSpreadsheet } from "../../workers/domain/imports/spreadsheet";
import { readXlsx } from "../../workers/domain/imports/xlsx";
import { toTenant } from "../../workers/domain/tenant/tenant";
import { db, makeContact, makeTenant } from "./fixtures";
import { CUSTOMERS_XLSX_BASE64 } from "./fixtures/customers-xlsx";
import type { Envelope } from "./helpers";
import {
	customersCsv,
	type ImportAnswer,
	importFinished,
	uploadAndCommit,
	uploadImport,
} from "./import-helpers";
import { auditEntries, consoleSetup, send } from "./staff-helpers";

const T = { timeout: 20_000 };
const xlsxBytes = () => Uint8Array.from(atob(CUSTOMERS_XLSX_BASE64), (ch) => ch.charCodeAt(0));

async function count(sql: string, ...binds: unknown[]) {
	const row = await env.DB.prepare(sql)
		.bind(...binds)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

describe("reading spreadsheets", () => {
	it("reads quoted cells, doubled quotes, line breaks in cells, a BOM and CRLF", () => {
		const text =
			'\uFEFFName,Email,Notes\r\n"Pine, Hartwell","dana@x.example","Said ""ring twice""\r\nthen wait"\r\n\r\nIra,ira@x.example,\r\n';
		expect(parseCsv(text)).toEqual([
			["Name", "Email", "Notes"],
			["Pine, Hartwell", "dana@x.example", 'Said "ring twice"\r\nthen wait'],
			["Ira", "ira@x.example", ""],
		]);
	});

	it("reads a semicolon-delimited Excel export with a comma inside a cell", () => {
		expect(parseCsv("Empresa;Correo;Teléfono\nCafé, S.L.;jose@cafe.example;+34 600 000 000")).toEqual([
			["Empresa", "Correo", "Teléfono"],
			["Café, S.L.", "jose@cafe.example", "+34 600 000 000"],
		]);
	});

	it("reads the first sheet of a real .xlsx: shared strings, numbers, rich text, empty cells", () => {
		const grid = readXlsx(xlsxBytes());
		expect(grid[0]).toEqual([
			"Company",
			"Contact",
			"E-mail",
			"Phone",
			"Role",
			"Branch",
			"Address",
			"City",
			"ZIP",
		]);
		expect(grid[1]).toEqual([
			"Hartwell & Pine LLP",
			"Dana Reyes",
			"Dana.Reyes@HartwellPine.example",
			"+1 212 555 0101",
			"admin",
			"Midtown",
			"350 5th Ave",
			"New York",
			"10118",
		]);
		expect(grid[2]?.[3]).toBe("2125550102");
		expect(grid[3]).toEqual(["Riverside Clinic", "Noor Haddad", "noor@riverside.example"]);
		expect(grid[4]?.[0]).toBe("Café Ñandú");
		expect(grid[5]).toEqual(["Rich Text Co", "Rae Rich", "rae@rich.example"]);
		expect(grid).toHaveLength(6);
		expect(grid.flat()).not.toContain("not the first sheet");
	});

	it("reads inline strings and gaps between cells of a minimal workbook", () => {
		const enc = (s: string) => new TextEncoder().encode(s);
		const bytes = zipSync({
			"xl/workbook.xml": enc(
				'<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>',
			),
			"xl/_rels/workbook.xml.rels": enc(
				'<Relationships><Relationship Id="rId1" Target="worksheets/data.xml"/></Relationships>',
			),
			"xl/worksheets/data.xml": enc(
				'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Email</t></is></c><c r="C1" t="inlineStr"><is><t>Name &amp; title</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a@b.example</t></is></c><c r="C2" t="str"><v>Al</v></c></row></sheetData></worksheet>',
			),
		});
		expect(readXlsx(bytes)).toEqual([
			["Email", "", "Name & title"],
			["a@b.example", "", "Al"],
		]);
	});

	it("refuses a file with no rows, and one with too many rows with 413", () => {
		expect(readSpreadsheet(new TextEncoder().encode("Email\r\n"))).toMatchObject({ status: 400 });
		const long = `Email\n${"a@b.example\n".repeat(IMPORT_MAX_ROWS + 1)}`;
		expect(readSpreadsheet(new TextEncoder().encode(long))).toMatchObject({ status: 413 });
	});
});

describe("mapping", () => {
	it("guesses each column's field from English and Spanish headers, one column per field", () => {
		expect(
			guessMapping(
				[
					"Company",
					"Contact name",
					"E-mail",
					"Work email",
					"Teléfono",
					"Rol",
					"Sucursal",
					"Dirección",
					"Ciudad",
					"ZIP",
					"Notes",
					"Fax",
				],
				{},
			),
		).toEqual([
			"account",
			"name",
			"email",
			null,
			"phone",
			"role",
			"location",
			"address",
			"city",
			"postcode",
			"notes",
			null,
		]);
	});
});

describe("POST /api/d/:slug/customers/imports", () => {
	it("keeps the file's headers with a guessed mapping, and writes no customer", T, async () => {
		const s = await consoleSetup();
		const res = await uploadImport(
			s.tenant.slug,
			s.staff,
			customersCsv([["Acme", "Al", "al@acme.example", "", "", "", "", "", ""]]),
		);
		expect(res.status).toBe(201);
		const body = (await res.json()) as ImportAnswer;
		expect(body).toMatchObject({
			fileName: "customers.csv",
			rowCount: 1,
			headers: [
				"Company",
				"Contact name",
				"Email",
				"Phone",
				"Role",
				"Location",
				"Address",
				"City",
				"Postcode",
			],
			mapping: ["account", "name", "email", "phone", "role", "location", "address", "city", "postcode"],
			committedAt: null,
			counts: null,
		});
		expect(await count("SELECT count(*) AS n FROM contacts WHERE tenant_id = ?", s.tenant.id)).toBe(1);
	});

	it("reads an .xlsx upload", T, async () => {
		const s = await consoleSetup();
		const res = await uploadImport(s.tenant.slug, s.staff, xlsxBytes(), "customers.xlsx");
		expect(res.status).toBe(201);
		const body = (await res.json()) as ImportAnswer;
		expect(body.rowCount).toBe(5);
		expect(body.mapping).toEqual([
			"account",
			"name",
			"email",
			"phone",
			"role",
			"location",
			"address",
			"city",
			"postcode",
		]);
	});

	it("answers 413 naming the file past 5 MB, and 400 naming it for no file or not a table", T, async () => {
		const s = await consoleSetup();
		const big = await uploadImport(s.tenant.slug, s.staff, new Uint8Array(5 * 1024 * 1024 + 1).fill(65));
		expect(big.status).toBe(413);
		expect(((await big.json()) as Envelope).error.issues?.[0]?.field).toBe("file");
		const none = await send(`/api/d/${s.tenant.slug}/customers/imports`, s.staff, "POST", { file: "x" });
		expect(none.status).toBe(400);
		expect(((await none.json()) as Envelope).error.issues?.[0]?.field).toBe("file");
		const binary = await uploadImport(
			s.tenant.slug,
			s.staff,
			new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]),
			"x.xlsx",
		);
		expect(binary.status).toBe(400);
		expect(((await binary.json()) as Envelope).error.issues?.[0]?.field).toBe("file");
	});

	it("offers the mapping chosen last time for the same headers", T, async () => {
		const s = await consoleSetup();
		const csv = "Firm,Who,Mail,Remarks\r\nAcme,Al,al@acme.example,hi\r\n";
		const first = (await (await uploadImport(s.tenant.slug, s.staff, csv)).json()) as ImportAnswer;
		expect(first.mapping).toEqual(["account", null, "email", null]);
		const chosen = await send(
			`/api/d/${s.tenant.slug}/customers/imports/${first.id}/mapping`,
			s.staff,
			"PUT",
			{
				mapping: ["account", "name", "email", null],
			},
		);
		expect(chosen.status).toBe(200);
		const second = (await (await uploadImport(s.tenant.slug, s.adminCookie, csv)).json()) as ImportAnswer;
		expect(second.mapping).toEqual(["account", "name", "email", null]);
	});

	it("refuses a mapping without email or with a field twice, naming the column", T, async () => {
		const s = await consoleSetup();
		const up = (await (
			await uploadImport(s.tenant.slug, s.staff, "A,B\r\nx,y@z.example\r\n")
		).json()) as ImportAnswer;
		const noEmail = await send(`/api/d/${s.tenant.slug}/customers/imports/${up.id}/mapping`, s.staff, "PUT", {
			mapping: ["name", null],
		});
		expect(noEmail.status).toBe(400);
		expect(((await noEmail.json()) as Envelope).error.issues?.[0]?.field).toBe("mapping");
		const twice = await send(`/api/d/${s.tenant.slug}/customers/imports/${up.id}/mapping`, s.staff, "PUT", {
			mapping: ["email", "email"],
		});
		expect(((await twice.json()) as Envelope).error.issues?.[0]?.field).toBe("mapping.1");
	});
});

describe("GET /api/d/:slug/customers/imports/:id/preview", () => {
	it("shows each row's outcome with counts and a filter, and writes nothing", T, async () => {
		const s = await consoleSetup();
		// Cal Client exists (consoleSetup); a new phone makes them "updated".
		await makeContact(s.tenant, { email: "same@clinic.example", name: "Sam Same" });
		const csv = customersCsv([
			["Riverside Clinic", "Cal Client", "CAL.client@clinic.example", "555-0100", "", "", "", "", ""],
			["Riverside Clinic", "Sam Same", "same@clinic.example", "", "", "", "", "", ""],
			["Acme", "New Person", "new@acme.example", "", "billing", "", "", "", ""],
			["Acme", "Again", " New@Acme.example ", "", "", "", "", "", ""],
			["Acme", "No Mail", "", "", "", "", "", "", ""],
			["Acme", "Bad Mail", "not-an-email", "", "", "", "", "", ""],
			["Acme", "Odd Role", "odd@acme.example", "", "owner", "", "", "", ""],
		]);
		const up = (await (await uploadImport(s.tenant.slug, s.staff, csv)).json()) as ImportAnswer;
		const before = await count("SELECT count(*) AS n FROM contacts WHERE tenant_id = ?", s.tenant.id);
		const res = await send(`/api/d/${s.tenant.slug}/customers/imports/${up.id}/preview`, s.staff);
		expect(res.status).toBe(200);
		const preview = (await res.json()) as {
			counts: Record<string, number>;
			matching: number;
			rows: Array<Record<string, unknown>>;
		};
		expect(preview.counts).toEqual({ new: 1, updated: 1, duplicate: 2, error: 3 });
		expect(
			preview.rows.map((r) => [r.line, r.outcome, (r.reason as { code: string } | null)?.code ?? null]),
		).toEqual([
			[2, "updated", "changes"],
			[3, "duplicate", "unchanged"],
			[4, "new", null],
			[5, "duplicate", "same_email_as_line"],
			[6, "error", "missing_email"],
			[7, "error", "bad_email"],
			[8, "error", "unknown_role"],
		]);
		expect(preview.rows[3]?.reason).toEqual({ code: "same_email_as_line", line: 4 });
		const errors = (await (
			await send(`/api/d/${s.tenant.slug}/customers/imports/${up.id}/preview?outcome=error`, s.staff)
		).json()) as typeof preview;
		expect(errors.matching).toBe(3);
		expect(errors.rows.every((r) => r.outcome === "error")).toBe(true);
		expect(await count("SELECT count(*) AS n FROM contacts WHERE tenant_id = ?", s.tenant.id)).toBe(before);
		expect(await count("SELECT count(*) AS n FROM accounts WHERE tenant_id = ?", s.tenant.id)).toBe(1);
	});
});

describe("POST /api/d/:slug/customers/imports/:id/commit", () => {
	const rows = [
		[
			"Hartwell & Pine",
			"Dana Reyes",
			"dana@hp.example",
			"555-0101",
			"admin",
			"Midtown",
			"350 5th Ave",
			"New York",
			"10118",
		],
		["hartwell  & PINE", "Ira Stone", "ira@hp.example", "", "", "Midtown", "", "", ""],
		["Riverside Clinic", "Cal Client", "cal.client@clinic.example", "555-0199", "", "", "", "", ""],
		["", "Solo Resident", "solo@home.example", "", "viewer", "", "", "", ""],
		["Acme", "Nope", "nope", "", "", "", "", "", ""],
	];

	it(
		"creates accounts, locations, addresses and contacts through the queue, and audits the import",
		T,
		async () => {
			const s = await consoleSetup();
			const committed = await uploadAndCommit(s.tenant.slug, s.staff, customersCsv(rows));
			expect(committed.committedAt).not.toBeNull();
			const done = await importFinished(s.tenant.slug, s.staff, committed.id);
			expect(done.progress).toEqual({ done: 5, total: 5 });
			expect(done.counts).toEqual({ new: 3, updated: 1, duplicate: 0, error: 1 });
			const accounts = await env.DB.prepare("SELECT name FROM accounts WHERE tenant_id = ? ORDER BY name")
				.bind(s.tenant.id)
				.all<{ name: string }>();
			// "hartwell  & PINE" is the same account by normalized name; Riverside Clinic existed.
			expect(accounts.results.map((a) => a.name)).toEqual(["Hartwell & Pine", "Riverside Clinic"]);
			const hp = await env.DB.prepare(
				"SELECT c.name, c.role, c.phone, l.name AS location, l.line1 FROM contacts c JOIN locations l ON l.id = c.location_id WHERE c.tenant_id = ? ORDER BY c.email_normalized",
			)
				.bind(s.tenant.id)
				.all();
			expect(hp.results).toEqual([
				{ name: "Dana Reyes", role: "admin", phone: "555-0101", location: "Midtown", line1: "350 5th Ave" },
				{ name: "Ira Stone", role: "booker", phone: null, location: "Midtown", line1: "350 5th Ave" },
			]);
			// Each is scoped to their location, which is what the portal's lists read.
			const scoped = await env.DB.prepare(
				"SELECT c.name, l.name AS location FROM contact_locations cl JOIN contacts c ON c.id = cl.contact_id JOIN locations l ON l.id = cl.location_id WHERE cl.tenant_id = ? ORDER BY c.name",
			)
				.bind(s.tenant.id)
				.all();
			expect(scoped.results).toEqual([
				{ name: "Dana Reyes", location: "Midtown" },
				{ name: "Ira Stone", location: "Midtown" },
			]);
			expect(await count("SELECT count(*) AS n FROM saved_addresses WHERE tenant_id = ?", s.tenant.id)).toBe(
				1,
			);
			const cal = await env.DB.prepare("SELECT name, phone, account_id FROM contacts WHERE id = ?")
				.bind(s.contact.id)
				.first();
			expect(cal).toEqual({ name: "Cal Client", phone: "555-0199", account_id: s.account.id });
			const [audit] = await auditEntries(s.tenant.id, "customers.imported");
			expect(audit?.actor_id).toBe(s.dispatcher.id);
			expect(audit?.actor_label).toBe("Dot Dispatcher");
			expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({
				fileName: "customers.csv",
				rows: 5,
				new: 3,
				updated: 1,
				duplicate: 0,
				error: 1,
			});
		},
	);

	it(
		"creates nothing twice when the same file is imported again, and a second commit is 409",
		T,
		async () => {
			const s = await consoleSetup();
			const first = await uploadAndCommit(s.tenant.slug, s.staff, customersCsv(rows));
			await importFinished(s.tenant.slug, s.staff, first.id);
			const again = await send(
				`/api/d/${s.tenant.slug}/customers/imports/${first.id}/commit`,
				s.staff,
				"POST",
			);
			expect(again.status).toBe(409);
			const tally = async () =>
				Promise.all(
					["accounts", "locations", "contacts", "saved_addresses"].map((t) =>
						count(`SELECT count(*) AS n FROM ${t} WHERE tenant_id = ?`, s.tenant.id),
					),
				);
			const before = await tally();
			const second = await uploadAndCommit(s.tenant.slug, s.staff, customersCsv(rows));
			const done = await importFinished(s.tenant.slug, s.staff, second.id);
			expect(done.counts).toEqual({ new: 0, updated: 0, duplicate: 4, error: 1 });
			expect(await tally()).toEqual(before);
		},
	);

	it("imports 5,000 rows through the queue in chunks", { timeout: 120_000 }, async () => {
		const s = await consoleSetup();
		const many = Array.from({ length: 5000 }, (_, i) => [
			`Firm ${i % 40}`,
			`Person ${i}`,
			`p${i}@bulk.example`,
			"",
			"",
			`Office ${i % 3}`,
			"",
			"",
			"",
		]);
		const committed = await uploadAndCommit(s.tenant.slug, s.staff, customersCsv(many));
		const done = await importFinished(s.tenant.slug, s.staff, committed.id, 100_000);
		expect(done.counts).toEqual({ new: 5000, updated: 0, duplicate: 0, error: 0 });
		expect(
			await count(
				"SELECT count(*) AS n FROM contacts WHERE tenant_id = ? AND email_normalized LIKE '%@bulk.example'",
				s.tenant.id,
			),
		).toBe(5000);
		expect(
			await count(
				"SELECT count(*) AS n FROM accounts WHERE tenant_id = ? AND name LIKE 'Firm %'",
				s.tenant.id,
			),
		).toBe(40);
		expect(await count("SELECT count(*) AS n FROM locations WHERE tenant_id = ?", s.tenant.id)).toBe(120);
		expect(
			await count(
				"SELECT count(*) AS n FROM customer_import_chunks WHERE tenant_id = ? AND done_at IS NOT NULL",
				s.tenant.id,
			),
		).toBe(50);
	});
});

describe("customer import isolation", () => {
	it("never touches another tenant's contact with the same email", T, async () => {
		const s = await consoleSetup();
		const other = await makeTenant();
		const theirs = await makeContact(other, { email: "shared@firm.example", name: "Theirs" });
		const committed = await uploadAndCommit(
			s.tenant.slug,
			s.staff,
			customersCsv([["Firm", "Ours", "shared@firm.example", "1", "", "", "", "", ""]]),
		);
		const done = await importFinished(s.tenant.slug, s.staff, committed.id);
		expect(done.counts?.new).toBe(1);
		expect(
			await env.DB.prepare("SELECT name, phone, tenant_id FROM contacts WHERE id = ?")
				.bind(theirs.id)
				.first(),
		).toEqual({
			name: "Theirs",
			phone: null,
			tenant_id: other.id,
		});
	});

	it("answers 404 for another tenant's import on every route", T, async () => {
		const s = await consoleSetup();
		const o = await consoleSetup();
		const up = (await (
			await uploadImport(
				o.tenant.slug,
				o.staff,
				customersCsv([["A", "B", "b@a.example", "", "", "", "", "", ""]]),
			)
		).json()) as ImportAnswer;
		const base = `/api/d/${s.tenant.slug}/customers/imports/${up.id}`;
		expect((await send(base, s.staff)).status).toBe(404);
		expect((await send(`${base}/preview`, s.staff)).status).toBe(404);
		expect((await send(`${base}/mapping`, s.staff, "PUT", { mapping: up.mapping })).status).toBe(404);
		expect((await send(`${base}/commit`, s.staff, "POST")).status).toBe(404);
		expect((await send(`${base}/invites`, s.staff, "POST", { perHour: 50 })).status).toBe(404);
	});

	it("lets admins and dispatchers import, and refuses technicians and customers", T, async () => {
		const s = await consoleSetup();
		const csv = customersCsv([["A", "B", "b@a.example", "", "", "", "", "", ""]]);
		expect((await uploadImport(s.tenant.slug, s.adminCookie, csv)).status).toBe(201);
		expect((await uploadImport(s.tenant.slug, s.staff, csv)).status).toBe(201);
		expect((await uploadImport(s.tenant.slug, s.technician, csv)).status).toBe(403);
		expect((await uploadImport(s.tenant.slug, s.customer, csv)).status).toBe(403);
		expect((await send(`/api/d/${s.tenant.slug}/customers/imports`, s.customer)).status).toBe(403);
	});
});

describe("inviting imported contacts", () => {
	const three = customersCsv([
		["Firm", "Ann One", "ann@firm.example", "", "", "", "", "", ""],
		["Firm", "Bob Two", "bob@firm.example", "", "", "", "", "", ""],
		["Firm", "Cy Three", "cy@firm.example", "", "", "", "", "", ""],
	]);

	async function finishedImport() {
		const s = await consoleSetup();
		const committed = await uploadAndCommit(s.tenant.slug, s.staff, three);
		const done = await importFinished(s.tenant.slug, s.staff, committed.id);
		return { s, done };
	}

	async function loadTenant(id: string) {
		const row = await db.select().from(tenants).where(eq(tenants.id, id)).get();
		if (!row) throw new Error("no tenant");
		return toTenant(row);
	}

	it("paces invitations evenly: about one queue message a minute", () => {
		expect(invitePacing(50)).toEqual({ batchSize: 1, delaySeconds: 72 });
		expect(invitePacing(120)).toEqual({ batchSize: 2, delaySeconds: 60 });
		expect(invitePacing(500)).toEqual({ batchSize: 9, delaySeconds: 65 });
		expect(invitePacing(1)).toEqual({ batchSize: 1, delaySeconds: 3600 });
	});

	it(
		"emails one contact a scanner-safe portal link through the queue, and never invites anyone twice",
		T,
		async () => {
			const { s, done } = await finishedImport();
			expect(done.invites).toEqual({ invitable: 3, queued: 0, sent: 0, perHour: null });
			const base = `/api/d/${s.tenant.slug}/customers/imports/${done.id}`;
			const res = await send(`${base}/invites`, s.staff, "POST", { perHour: 50 });
			expect(res.status).toBe(202);
			expect(((await res.json()) as ImportAnswer).invites.perHour).toBe(50);
			// At 50 an hour the first message sends one; the next waits 72 s in the queue.
			const first = await vi.waitFor(
				async () => {
					const { results } = await env.DB.prepare(
						'SELECT "to", text, html FROM outbox_emails WHERE "to" LIKE \'%@firm.example\'',
					).all<{ to: string; text: string; html: string }>();
					if (results.length === 0) throw new Error("no invitation yet");
					return results;
				},
				{ timeout: 10_000, interval: 50 },
			);
			expect(first).toHaveLength(1);
			const email = first[0];
			expect(email?.text).toContain(`/c/${s.tenant.slug}?email=${encodeURIComponent(email?.to ?? "")}`);
			expect(email?.text).not.toMatch(/token=|verify/);
			expect((await send(`${base}/invites`, s.staff, "POST", { perHour: 50 })).status).toBe(409);
			const [audit] = await auditEntries(s.tenant.id, "customers.invites_requested");
			expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({ contacts: 3, perHour: 50 });
			// The same people imported again are not offered for invitation again.
			const again = await uploadAndCommit(s.tenant.slug, s.staff, three);
			const second = await importFinished(s.tenant.slug, s.staff, again.id);
			expect(second.invites.invitable).toBe(0);
		},
	);

	it("sends a batch at its pace and queues the next after the pace's delay", T, async () => {
		const { s, done } = await finishedImport();
		await env.DB.prepare("UPDATE contact_invites SET requested_at = ? WHERE import_id = ?")
			.bind(Date.now(), done.id)
			.run();
		await env.DB.prepare("UPDATE customer_imports SET invites_per_hour = 120 WHERE id = ?")
			.bind(done.id)
			.run();
		const sent: string[] = [];
		const queued: Array<{ delaySeconds?: number }> = [];
		const result = await sendInviteBatch(
			{
				db,
				gate: { claimSend: async () => ({ allowed: true }) },
				sendEmail: async (e) => {
					sent.push(e.to);
					return { delivered: true };
				},
				enqueue: async (messages) => {
					queued.push(...messages);
				},
				origin: "https://portal.test",
			},
			await loadTenant(s.tenant.id),
			done.id,
		);
		expect(result).toEqual({ sent: 2, waiting: 1, nextInSeconds: 60 });
		expect(sent).toHaveLength(2);
		expect(queued).toEqual([
			{ body: expect.objectContaining({ type: "invite_batch", importId: done.id }), delaySeconds: 60 },
		]);
		expect(await auditEntries(s.tenant.id, "contact.invited")).toHaveLength(2);
	});

	it("stays within the tenant's send ceiling, shared with sign-in emails, and waits for it", T, async () => {
		const { s, done } = await finishedImport();
		// consoleSetup's four sign-ins already used four of the tenant's six sends this hour.
		await env.DB.prepare(
			"UPDATE tenants SET settings = json_set(settings, '$.sendCeilingPerHour', 6) WHERE id = ?",
		)
			.bind(s.tenant.id)
			.run();
		await env.DB.prepare("UPDATE contact_invites SET requested_at = ? WHERE import_id = ?")
			.bind(Date.now(), done.id)
			.run();
		await env.DB.prepare("UPDATE customer_imports SET invites_per_hour = 500 WHERE id = ?")
			.bind(done.id)
			.run();
		const sent: string[] = [];
		const queued: Array<{ delaySeconds?: number }> = [];
		const result = await sendInviteBatch(
			{
				db,
				gate: env.TENANT_GATE.get(env.TENANT_GATE.idFromName(s.tenant.id)),
				sendEmail: async (e) => {
					sent.push(e.to);
					return { delivered: true };
				},
				enqueue: async (messages) => {
					queued.push(...messages);
				},
				origin: "https://portal.test",
			},
			await loadTenant(s.tenant.id),
			done.id,
		);
		expect(sent).toHaveLength(2);
		expect(result.waiting).toBe(1);
		// The next try waits for the ceiling's window, not the pace's 65 s.
		expect(result.nextInSeconds).toBeGreaterThan(3000);
		expect(queued[0]?.delaySeconds).toBe(result.nextInSeconds);
		expect(
			await count(
				"SELECT count(*) AS n FROM contact_invites WHERE import_id = ? AND sent_at IS NOT NULL",
				done.id,
			),
		).toBe(2);
	});
});
