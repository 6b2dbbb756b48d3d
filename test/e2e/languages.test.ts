import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { journey } from "./browser.ts";
import { signInCode, waitForEmail } from "./outbox.ts";

// Mateo Ruiz signs in only in this file, once.
describe("in the person's language", () => {
	it("signs a technician in in Spanish, keeps Spanish as their choice and switches back", async () => {
		await journey("technician in Spanish", async (page) => {
			await page.goto("/t/bayside-plumbing");
			await page.getByRole("heading", { name: "Sign in to Bayside Plumbing" }).waitFor();
			await page.getByLabel("Language").selectOption({ label: "Español" });

			await page.getByRole("heading", { name: "Entrar en Bayside Plumbing" }).waitFor();
			assert.equal(await page.locator("html").getAttribute("lang"), "es");
			await page.getByLabel("Correo electrónico").fill("mateo@bayside-plumbing.example");
			const since = Date.now();
			await page.getByRole("button", { name: "Enviarme un enlace para entrar" }).click();
			await page.getByRole("heading", { name: "Revisa tu correo" }).waitFor();

			const email = await waitForEmail("mateo@bayside-plumbing.example", since);
			assert.equal(email.subject, "Tu enlace para entrar en Bayside Plumbing");
			assert.match(email.text, /la aplicación de técnicos de Bayside Plumbing/);
			await page.getByLabel("Código de acceso").fill(signInCode(email));
			await page.getByRole("button", { name: "Entrar", exact: true }).click();

			await page.getByText("Sesión iniciada como Mateo Ruiz").waitFor();
			await page.getByRole("heading", { name: "Bayside Plumbing: trabajos de hoy" }).waitFor();
			await page.getByText("Hoy no tienes trabajos asignados.").waitFor();
			await page.getByRole("button", { name: "Cerrar sesión", exact: true }).waitFor();

			// The choice now belongs to Mateo, not to this browser: it survives forgetting the device's.
			await page.evaluate(() => localStorage.clear());
			await page.reload();
			await page.getByRole("heading", { name: "Bayside Plumbing: trabajos de hoy" }).waitFor();

			await page.getByLabel("Idioma").selectOption({ label: "English" });
			await page.getByRole("heading", { name: "Bayside Plumbing — today's jobs" }).waitFor();
			await page.getByText("No jobs assigned to you today.").waitFor();
			assert.equal(await page.locator("html").getAttribute("lang"), "en");
		});
	});
});
