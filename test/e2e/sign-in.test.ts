import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { journey } from "./browser.ts";
import { signInByCode, signInByLink } from "./sign-in-steps.ts";

// Every person here signs in only in this file, once.
describe("magic-link sign-in", () => {
	it("signs a customer in by the emailed link, survives a reload and signs out", async () => {
		await journey("portal sign-in by link", async (page) => {
			await page.goto("/c/acme-courier");
			await page.getByRole("heading", { name: "Welcome to Acme Courier" }).waitFor();
			await page.getByRole("heading", { name: "Sign in to Acme Courier" }).waitFor();
			await signInByLink(page, "bob@hartwellpine.example", "Acme Courier");

			await page.getByText("Signed in as Bob Lindqvist").waitFor();
			assert.equal(new URL(page.url()).pathname, "/c/acme-courier");
			assert.equal(new URL(page.url()).hash, "", "the token is gone from the address bar");
			await page.getByRole("heading", { name: "Welcome to Acme Courier" }).waitFor();

			await page.reload();
			await page.getByText("Signed in as Bob Lindqvist").waitFor();

			// Signing out is in the account menu, opened from the name in the header.
			await page.getByRole("button", { name: "Signed in as Bob Lindqvist" }).click();
			await page.getByRole("button", { name: "Sign out", exact: true }).click();
			await page.getByLabel("Email address").waitFor();
			assert.equal(await page.getByText("Signed in as Bob Lindqvist").count(), 0);
			await page.reload();
			await page.getByRole("heading", { name: "Sign in to Acme Courier" }).waitFor();
		});
	});

	it("signs a customer in by the 6-digit code instead of the link", async () => {
		await journey("portal sign-in by code", async (page) => {
			await page.goto("/c/bayside-plumbing");
			await signInByCode(page, "grace@harborview.example");
			await page.getByText("Signed in as Grace Kim").waitFor();
		});
	});

	it("signs a dispatcher in to the console by link", async () => {
		await journey("console sign-in by link", async (page) => {
			await page.goto("/d/acme-courier");
			await page.getByRole("heading", { name: "Sign in to Acme Courier" }).waitFor();
			await signInByLink(page, "riley@acme-courier.example", "Acme Courier");
			await page.getByText("Signed in as Riley Chen").waitFor();
			await page.getByRole("heading", { name: "Acme Courier dispatch" }).waitFor();
		});
	});

	it("signs a technician in to the technician app by code", async () => {
		await journey("technician sign-in by code", async (page) => {
			await page.goto("/t/acme-courier");
			await signInByCode(page, "jordan@acme-courier.example");
			await page.getByText("Signed in as Jordan Blake").waitFor();
			await page.getByRole("heading", { name: "Acme Courier — today's jobs" }).waitFor();
		});
	});

	it("shows why an address was refused beside the field and keeps what was typed", async () => {
		await journey("sign-in bad address", async (page) => {
			await page.goto("/c/acme-courier");
			const field = page.getByLabel("Email address");
			await field.fill("not an email");
			await page.getByRole("button", { name: "Email me a sign-in link" }).click();

			await page.locator('[aria-invalid="true"]').waitFor();
			assert.equal(await field.inputValue(), "not an email");
			const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
			assert.ok(describedBy, "the field points at its message");
			const message = page.locator(`[id="${describedBy.split(" ")[0]}"]`);
			assert.ok(await message.isVisible());
			assert.notEqual(((await message.textContent()) ?? "").trim(), "");
			assert.equal(await page.getByRole("heading", { name: "Check your email" }).count(), 0);
		});
	});

	it("never signs in from a used or made-up link", async () => {
		await journey("sign-in invalid link", async (page) => {
			await page.goto("/c/acme-courier/sign-in/verify#token=made-up-token");
			await page.getByRole("heading", { name: "Continue to Acme Courier" }).waitFor();
			await page.getByRole("button", { name: "Continue" }).click();
			await page.getByText("This sign-in link is invalid, used or expired").waitFor();
			await page.getByRole("link", { name: "Request a new sign-in link" }).click();
			await page.getByRole("heading", { name: "Sign in to Acme Courier" }).waitFor();
		});
	});
});
