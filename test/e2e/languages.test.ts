import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { journey } from "./browser.ts";
import { signInCode, waitForSignInEmail } from "./outbox.ts";

// Mateo Ruiz and Lucía Navarro sign in only in this file, once each.
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

			const email = await waitForSignInEmail("mateo@bayside-plumbing.example", since);
			assert.equal(email.subject, "Tu enlace para entrar en Bayside Plumbing");
			assert.match(email.text, /la aplicación de técnicos de Bayside Plumbing/);
			await page.getByLabel("Código de acceso").fill(signInCode(email));
			await page.getByRole("button", { name: "Entrar", exact: true }).click();

			await page.getByText("Sesión iniciada como Mateo Ruiz").waitFor();
			await page.getByRole("heading", { name: "Bayside Plumbing: trabajos de hoy" }).waitFor();
			await page.getByText("Hoy no tienes trabajos asignados.").waitFor();
			// The account menu holds the language and the ways to sign out.
			await page.getByRole("button", { name: "Sesión iniciada como Mateo Ruiz" }).click();
			await page.getByRole("button", { name: "Cerrar sesión", exact: true }).waitFor();

			// The choice now belongs to Mateo, not to this browser: it survives forgetting the device's.
			await page.evaluate(() => localStorage.clear());
			await page.reload();
			await page.getByRole("heading", { name: "Bayside Plumbing: trabajos de hoy" }).waitFor();

			await page.getByRole("button", { name: "Sesión iniciada como Mateo Ruiz" }).click();
			await page.getByLabel("Idioma").selectOption({ label: "English" });
			await page.getByRole("heading", { name: "Bayside Plumbing — today's jobs" }).waitFor();
			await page.getByText("No jobs assigned to you today.").waitFor();
			assert.equal(await page.locator("html").getAttribute("lang"), "en");
		});
	});

	it("shows a customer's portal home, booking and job page in Spanish, then English again", async () => {
		await journey("customer portal in Spanish", async (page) => {
			await page.goto("/c/bayside-plumbing");
			await page.getByRole("heading", { name: "Welcome to Bayside Plumbing" }).waitFor();
			await page.getByLabel("Language").selectOption({ label: "Español" });

			await page.getByRole("heading", { name: "Te damos la bienvenida a Bayside Plumbing" }).waitFor();
			await page.getByLabel("Correo electrónico").fill("lucia.navarro@harborview.example");
			const since = Date.now();
			await page.getByRole("button", { name: "Enviarme un enlace para entrar" }).click();
			const email = await waitForSignInEmail("lucia.navarro@harborview.example", since);
			await page.getByLabel("Código de acceso").fill(signInCode(email));
			await page.getByRole("button", { name: "Entrar", exact: true }).click();

			await page.getByText("Has iniciado sesión para Harbor View Properties.").waitFor();
			await page.getByRole("heading", { name: "En curso y próximos" }).waitFor();
			await page.getByRole("link", { name: "Todos los trabajos" }).waitFor();
			await page.getByRole("main").getByRole("link", { name: "Reservar una visita técnica" }).first().click();

			await page.getByRole("heading", { name: "Reservar una visita técnica" }).waitFor();
			const service = page.getByRole("group", { name: "Dirección del servicio" });
			await service.getByLabel("Dirección", { exact: true }).fill("500 Beach Street, Building B");
			await service.getByLabel("Ciudad").fill("San Francisco");
			await page.getByLabel("¿Qué hay que hacer?").fill("Gotea el grifo de la cocina");
			await page.getByRole("button", { name: "Reservar visita técnica" }).click();

			await page.getByText(/^Reservado: trabajo n\.º \d+\.$/).waitFor();
			await page.getByRole("heading", { level: 1, name: /^Trabajo n\.º \d+$/ }).waitFor();
			await page.getByRole("heading", { name: "Detalles", exact: true }).waitFor();
			await page.getByRole("heading", { name: "Dónde" }).waitFor();
			const bookedOn = page
				.locator("dt", { hasText: "Reservado el" })
				.locator("xpath=following-sibling::dd[1]");
			assert.match((await bookedOn.textContent()) ?? "", /\d{1,2}:\d{2}, por Lucía Navarro$/);
			assert.doesNotMatch((await bookedOn.textContent()) ?? "", /AM|PM/);
			assert.equal(await page.locator("html").getAttribute("lang"), "es");

			await page.getByRole("link", { name: "Volver a tus trabajos" }).click();
			await page.getByRole("heading", { name: "Tus trabajos" }).waitFor();
			await page.getByText(/^Se muestran? \d+ trabajos?(; hay más)?\.$/).waitFor();

			// Spanish is Lucía's choice now, not this browser's: it survives forgetting the device's.
			await page.evaluate(() => localStorage.clear());
			await page.reload();
			await page.getByRole("heading", { name: "Tus trabajos" }).waitFor();

			await page.getByRole("button", { name: "Sesión iniciada como Lucía Navarro" }).click();
			await page.getByLabel("Idioma").selectOption({ label: "English" });
			await page.getByRole("heading", { name: "Your jobs" }).waitFor();
			assert.equal(await page.locator("html").getAttribute("lang"), "en");
		});
	});
});
