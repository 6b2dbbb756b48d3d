import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertAccessible } from "./axe.ts";
import { baseUrl, journey, personContext } from "./browser.ts";
import { signInCode, waitForEmail, waitForSignInEmail } from "./outbox.ts";
import { signInByCode } from "./sign-in-steps.ts";

// Ava Chen, Bayside's technician, and Dana Reyes, Bayside's customer (job #507 of the demo data):
// each signs in once here.
const AVA = "ava@bayside-plumbing.example";
const DANA = "dana.reyes@hartwellpine.example";
const JOB = "507";
const AT_THE_SHOP = { latitude: 37.7793, longitude: -122.4193, accuracy: 15 };

describe("notifications", () => {
	it("the technician sets off; the customer opens the email's link signed out, signs in and lands on the live job", async () => {
		await journey("notifications: on the way", async (phone) => {
			await phone.context().grantPermissions(["geolocation"], { origin: baseUrl });
			await phone.context().setGeolocation(AT_THE_SHOP);
			await phone.goto("/t/bayside-plumbing");
			await signInByCode(phone, AVA);
			const job = phone.getByRole("article").filter({ hasText: "Dana Reyes" });
			await job.waitFor();
			const since = Date.now();
			await job.getByRole("button", { name: "Start driving" }).click();
			await job.getByRole("status").filter({ hasText: "Sharing location" }).waitFor();

			// The "on the way" email, from the notification queue: one link, straight to the job.
			const onTheWay = new RegExp(`^On the way: job #${JOB} with Bayside Plumbing$`);
			const email = await waitForEmail(DANA, since, 20_000, onTheWay);
			assert.match(email.subject, onTheWay);
			assert.match(email.text, /Ava Chen is on the way/);
			const link = email.text.match(/https?:\/\/\S+\/c\/bayside-plumbing\/jobs\/\S+/)?.[0];
			assert.ok(link, `a deep link to the job in:\n${email.text}`);

			// Dana opens it on her own phone, signed out: the link alone does not sign her in.
			const browser = phone.context().browser();
			assert.ok(browser);
			const context = await personContext(browser, { viewport: { width: 390, height: 844 } });
			try {
				const customer = await context.newPage();
				await customer.goto(new URL(link).pathname + new URL(link).search);
				const address = customer.getByLabel("Email address");
				await address.waitFor();
				assert.equal(await address.inputValue(), DANA, "the address is filled in from the link");
				await assertAccessible(customer, "sign-in from a notification's link");
				const asked = Date.now();
				await customer.getByRole("button", { name: "Email me a sign-in link" }).click();
				await customer.getByRole("heading", { name: "Check your email" }).waitFor();
				const code = signInCode(await waitForSignInEmail(DANA, asked));
				await customer.getByLabel("Sign-in code").fill(code);
				await customer.getByRole("button", { name: "Sign in", exact: true }).click();

				// Signed in, on that job, live.
				await customer.getByRole("heading", { level: 1, name: `Job #${JOB}` }).waitFor();
				await customer.getByRole("status").filter({ hasText: "Ava Chen is on the way" }).waitFor();
				assert.match(new URL(customer.url()).pathname, /^\/c\/bayside-plumbing\/jobs\/job_/);
			} finally {
				await context.close();
			}
		});
	});
});
