import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import * as schema from "../../schema";
import { negotiateLocale } from "../../workers/domain/locale";
import { getMe, outboxFor, signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { db, makeContact, makeTechnician, makeTenant, randomIp } from "./fixtures";
import { call, callToCompletion, type Envelope } from "./helpers";

describe("negotiateLocale", () => {
	it("takes the first language we speak, by its primary subtag", () => {
		expect(negotiateLocale(["fr-FR", "es-MX", "en"], "en")).toBe("es");
		expect(negotiateLocale(["EN_gb"], "es")).toBe("en");
	});

	it("skips choices not made and falls back to the tenant's default", () => {
		expect(negotiateLocale([null, undefined, "", "de"], "es")).toBe("es");
		expect(negotiateLocale([], "en")).toBe("en");
	});
});

const putLocale = (slug: string, cookie: string, body: unknown, area = "c") =>
	call(`/api/${area}/${slug}/me/locale`, {
		method: "PUT",
		headers: { "Content-Type": "application/json", Cookie: cookie },
		body: JSON.stringify(body),
	});

/** Asks for a sign-in email from a page in `locale` and waits until it is sent (or not). */
async function linkFromPage(slug: string, email: string, locale?: string, area = "c") {
	const res = await callToCompletion(`/api/${area}/${slug}/auth/link`, {
		method: "POST",
		headers: { "Content-Type": "application/json", "CF-Connecting-IP": randomIp() },
		body: JSON.stringify(locale ? { email, locale } : { email }),
	});
	expect(res.status).toBe(202);
	const [newest] = await outboxFor(email);
	if (!newest) throw new Error(`no email to ${email}`);
	return newest;
}

describe("PUT /api/c/:slug/me/locale", () => {
	it("stores the contact's language, which /me then answers", async () => {
		const tenant = await makeTenant();
		const { email } = await makeContact(tenant, { email: "ines@firm.example" });
		const cookie = await signIn(tenant.slug, email);
		expect((await (await getMe(tenant.slug, cookie)).json<{ locale: unknown }>()).locale).toBeNull();

		const res = await putLocale(tenant.slug, cookie, { locale: "es" });
		expect(res.status).toBe(200);
		expect((await res.json<{ locale: string }>()).locale).toBe("es");
		expect((await (await getMe(tenant.slug, cookie)).json<{ locale: string }>()).locale).toBe("es");

		expect(
			(await (await putLocale(tenant.slug, cookie, { locale: null })).json<{ locale: unknown }>()).locale,
		).toBeNull();
	});

	it("refuses a language we do not speak, naming the field", async () => {
		const tenant = await makeTenant();
		const { email } = await makeContact(tenant, { email: "ines@firm.example" });
		const cookie = await signIn(tenant.slug, email);
		const res = await putLocale(tenant.slug, cookie, { locale: "fr" });
		expect(res.status).toBe(400);
		const body = await res.json<Envelope>();
		expect(body.error.issues?.[0]?.field).toBe("locale");
	});

	it("needs a session", async () => {
		const tenant = await makeTenant();
		expect((await putLocale(tenant.slug, "", { locale: "es" })).status).toBe(401);
	});

	it("lets a technician choose too", async () => {
		const tenant = await makeTenant();
		await makeTechnician(tenant, "tomas@fleet.example");
		const cookie = await signIn(tenant.slug, "tomas@fleet.example", "t");
		expect(
			(await (await putLocale(tenant.slug, cookie, { locale: "es" }, "t")).json<{ locale: string }>()).locale,
		).toBe("es");
	});
});

describe("the sign-in email's language", () => {
	it("follows the contact's choice over the page's", async () => {
		const tenant = await makeTenant();
		const { id, email } = await makeContact(tenant, { email: "ines@firm.example" });
		await db.update(schema.contacts).set({ locale: "es" }).where(eq(schema.contacts.id, id));
		const mail = await linkFromPage(tenant.slug, email, "en");
		expect(mail.subject).toBe(`Tu enlace para entrar en ${tenant.name}`);
		expect(mail.text).toContain("O escribe este código: ");
		expect(mail.text).toContain("caducan en 10 minutos y solo sirven una vez");
		expect(mail.html).toContain('<html lang="es">');
		expect(mail.html).toContain(`Enviado por ${tenant.name}.`);
	});

	it("is the page's language when the person chose none", async () => {
		const tenant = await makeTenant();
		const { email } = await makeContact(tenant, { email: "ines@firm.example" });
		const mail = await linkFromPage(tenant.slug, email, "es");
		expect(mail.subject).toBe(`Tu enlace para entrar en ${tenant.name}`);
		expect(mail.text).toContain(`Usa este enlace para entrar en el portal de clientes de ${tenant.name}.`);
	});

	it("is the tenant's default when neither the person nor the page names one", async () => {
		const spanish = await makeTenant({ defaultLocale: "es" });
		await makeTechnician(spanish, "tomas@fleet.example");
		const mail = await linkFromPage(spanish.slug, "tomas@fleet.example", undefined, "t");
		expect(mail.text).toContain(`la aplicación de técnicos de ${spanish.name}`);

		const english = await makeTenant();
		const { email } = await makeContact(english, { email: "ines@firm.example" });
		expect((await linkFromPage(english.slug, email)).subject).toBe(`Your sign-in link for ${english.name}`);
	});
});

/** The tenant's booked email to the address, once the notification queue has delivered it. */
function bookedEmail(tenantId: string, to: string) {
	return vi.waitFor(
		async () => {
			const mail = await env.DB.prepare(
				`SELECT subject, text, html FROM outbox_emails WHERE tenant_id = ? AND "to" = ? AND subject LIKE 'Reservado%'`,
			)
				.bind(tenantId, to)
				.first<{ subject: string; text: string; html: string }>();
			if (!mail) throw new Error("no booked email yet");
			return mail;
		},
		{ timeout: 15_000, interval: 100 },
	);
}

describe("the booking confirmation's language", () => {
	it("is the booker's choice, with the window written in Spanish", async () => {
		const tenant = await makeTenant();
		const { email } = await makeContact(tenant, { email: "ines@firm.example" });
		const cookie = await signIn(tenant.slug, email);
		expect((await putLocale(tenant.slug, cookie, { locale: "es" })).status).toBe(200);
		const job = await (await book(tenant.slug, cookie, pickupBody({ reference: "PO-77" }))).json<{
			number: number;
		}>();
		const mail = await bookedEmail(tenant.id, email);
		expect(mail.subject).toBe(`Reservado: trabajo n.º ${job.number} con ${tenant.name}`);
		expect(mail.text).toContain("Hemos recibido tu reserva.");
		expect(mail.text).toContain("Recogida: 350 Fifth Avenue");
		expect(mail.text).toContain("Entrega: 60 Centre Street");
		expect(mail.text).toContain("Referencia: PO-77");
		expect(mail.text).toMatch(/Cuándo: (lun|mar|mié|jue|vie|sáb|dom)/);
		expect(mail.html).toContain(`Ver el trabajo n.º ${job.number}`);
	});

	it("is the tenant's default for a booker who chose none", async () => {
		const tenant = await makeTenant({ defaultLocale: "es" });
		const { email } = await makeContact(tenant, { email: "ines@firm.example" });
		const cookie = await signIn(tenant.slug, email);
		await book(tenant.slug, cookie, pickupBody());
		expect((await bookedEmail(tenant.id, email)).subject).toMatch(/^Reservado: trabajo n\.º \d+ con /);
	});
});

describe("GET /api/tenants/:slug", () => {
	it("answers the tenant's default language", async () => {
		const tenant = await makeTenant({ defaultLocale: "es" });
		expect((await (await call(`/api/tenants/${tenant.slug}`)).json<{ locale: string }>()).locale).toBe("es");
	});
});
