// Signing in as a person would, through the emails in the dev outbox.
import type { Page } from "playwright-core";
import { signInCode, signInLink, waitForSignInEmail } from "./outbox.ts";

// The server allows 3 sign-in emails per address per 15 minutes (and 20 per client IP an hour),
// so each journey signs in as people of its own, at most three times, from a browser with a
// client address of its own (personContext in browser.ts).

/** Asks for a sign-in email on the page already open; returns when "Check your email" shows. */
export async function requestEmail(page: Page, address: string): Promise<number> {
	await page.getByLabel("Email address").fill(address);
	const since = Date.now();
	await page.getByRole("button", { name: "Email me a sign-in link" }).click();
	await page.getByRole("heading", { name: "Check your email" }).waitFor();
	return since;
}

export async function signInByLink(page: Page, address: string, tenantName: string): Promise<void> {
	const since = await requestEmail(page, address);
	const link = signInLink(await waitForSignInEmail(address, since));
	await page.goto(link);
	await page.getByRole("heading", { name: `Continue to ${tenantName}` }).waitFor();
	await page.getByRole("button", { name: "Continue" }).click();
}

export async function signInByCode(page: Page, address: string): Promise<void> {
	const since = await requestEmail(page, address);
	const code = signInCode(await waitForSignInEmail(address, since));
	await page.getByLabel("Sign-in code").fill(code);
	await page.getByRole("button", { name: "Sign in", exact: true }).click();
}
