import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { assertAccessible } from "./axe.ts";
import { baseUrl, journey, personContext } from "./browser.ts";
import { signInByCode } from "./sign-in-steps.ts";

// People no other journey signs in as more than once (3 sign-in emails per address per 15
// minutes): at Bayside Plumbing (an NPS tenant), Nadia the dispatcher, Ava the technician and
// Grace Kim of Harborview, the customer.
const DISPATCHER = "nadia@bayside-plumbing.example";
const TECHNICIAN = "ava@bayside-plumbing.example";
const CUSTOMER = "grace@harborview.example";
const GRACE = "con_bay_grace";
const AVA = "tec_bay_ava";
const COMMENT = "Ava found the leak fast and explained everything";
const LOW_COMMENT = "Nobody told me when the plumber would come";

/** Today and the day after in Bayside's zone, "YYYY-MM-DD". */
function days() {
	const day = (ms: number) =>
		new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(ms).slice(0, 10);
	return { from: day(Date.now()), to: day(Date.now() + 86_400_000) };
}

/** A tracking link of the job, made by the dispatcher; its path. */
async function shareLink(desk: Page, jobId: string): Promise<string> {
	const res = await desk.request.post(`/api/d/bayside-plumbing/jobs/${jobId}/tracking-links`, {
		headers: { Origin: baseUrl },
		data: {},
	});
	assert.equal(res.status(), 201, await res.text());
	const { url } = (await res.json()) as { url: string };
	return new URL(url).pathname;
}

/** A POST from one of this site's pages, as the app's own fetches send it. */
async function post(page: Page, path: string, data: unknown, expected = 200) {
	const res = await page.request.post(path, { headers: { Origin: baseUrl }, data });
	assert.equal(res.status(), expected, `${path}: ${await res.text()}`);
	return res.json() as Promise<{ id: string; number: number }>;
}

describe("survey", () => {
	it("a customer answers the survey of a completed job; the dispatcher sees it on the Surveys page", async () => {
		await journey(
			"survey",
			async (desk) => {
				const opened: BrowserContext[] = [];
				const browser = desk.context().browser();
				assert.ok(browser, "the journey's page belongs to a browser");
				const other = async () => {
					const context = await personContext(browser, { viewport: { width: 390, height: 844 } });
					opened.push(context);
					return context.newPage();
				};
				try {
					// A job the dispatcher booked for Grace and gave to Ava, who did it.
					await desk.goto("/d/bayside-plumbing");
					await signInByCode(desk, DISPATCHER);
					await desk.getByRole("heading", { level: 1, name: "Bayside Plumbing dispatch board" }).waitFor();
					const { from, to } = days();
					const job = await post(
						desk,
						"/api/d/bayside-plumbing/jobs",
						{
							kind: "service_call",
							service: { address: { line1: "88 Harbor View Road", city: "San Francisco", region: "CA" } },
							preferredFrom: from,
							preferredTo: to,
							description: "Dripping pipe under the kitchen sink",
							customer: { contactId: GRACE },
						},
						201,
					);
					await post(desk, `/api/d/bayside-plumbing/jobs/${job.id}/assign`, { technicianId: AVA });
					// A tracking link for someone at the site with no account.
					const link = await shareLink(desk, job.id);
					const technician = await other();
					await technician.goto("/t/bayside-plumbing");
					await signInByCode(technician, TECHNICIAN);
					await technician.getByRole("heading", { name: "Bayside Plumbing — today's jobs" }).waitFor();
					for (const status of ["en_route", "in_progress", "completed"])
						await post(technician, `/api/t/bayside-plumbing/jobs/${job.id}/status`, { status });

					// Grace follows the completion email's link to the survey on the job page.
					const customer = await other();
					await customer.goto(`/c/bayside-plumbing/jobs/${job.id}#survey`);
					await signInByCode(customer, CUSTOMER);
					await customer.getByRole("heading", { level: 1, name: `Job #${job.number}` }).waitFor();
					const survey = customer.getByRole("region", { name: "How did we do?" });
					await survey.waitFor();
					// Sending without a score says what is missing, beside the question.
					await survey.getByRole("button", { name: "Send answer" }).click();
					await survey.getByText("Choose a score.").waitFor();
					const likely = survey.getByRole("group", {
						name: /How likely are you to recommend Bayside Plumbing/,
					});
					await likely.getByRole("radio", { name: "9 out of 10" }).check();
					// The categories by keyboard: arrow keys move within a group of radios.
					const quality = survey.getByRole("group", { name: "Quality of work", exact: true });
					await quality.getByRole("radio", { name: "8 out of 10" }).check();
					await quality.getByRole("radio", { name: "8 out of 10" }).press("ArrowRight");
					assert.ok(
						await quality.getByRole("radio", { name: "9 out of 10" }).isChecked(),
						"arrow moved the choice",
					);
					await survey
						.getByRole("group", { name: "Punctuality", exact: true })
						.getByRole("radio", { name: "10 out of 10" })
						.check();
					await survey.getByLabel("Comment (optional)").fill(COMMENT);
					await survey.getByRole("button", { name: "Send answer" }).click();
					await survey
						.getByRole("status")
						.filter({ hasText: "Thank you — Bayside Plumbing has your answer." })
						.waitFor();
					await survey.getByRole("link", { name: "Leave Bayside Plumbing a public review" }).waitFor();
					await survey.getByText(/You can change it until/).waitFor();
					await survey.getByRole("button", { name: "Update answer" }).waitFor();
					await assertAccessible(customer, "the portal job page with its survey");

					// The link's holder answers too, from the tracking page, after the live view ended.
					const holder = await other();
					await holder.goto(link);
					await holder.getByRole("heading", { level: 1, name: "This job has ended" }).waitFor();
					const linkSurvey = holder.getByRole("region", { name: "How did we do?" });
					await linkSurvey
						.getByRole("group", { name: /How likely are you to recommend Bayside Plumbing/ })
						.getByRole("radio", { name: "3 out of 10" })
						.check();
					await linkSurvey.getByLabel("Comment (optional)").fill(LOW_COMMENT);
					await linkSurvey.getByRole("button", { name: "Send answer" }).click();
					await linkSurvey
						.getByRole("status")
						.filter({ hasText: "Thank you — Bayside Plumbing has your answer." })
						.waitFor();
					// The same thank-you and review link as for a 9: no review gating.
					await linkSurvey.getByRole("link", { name: "Leave Bayside Plumbing a public review" }).waitFor();
					await assertAccessible(holder, "the tracking page with its survey");

					// A low score reaches the dispatcher's inbox.
					await desk
						.getByRole("link", { name: /^Inbox/ })
						.first()
						.click();
					await desk.getByText(`Low survey score on job #${job.number}: 3/10`).first().waitFor();

					// The dispatcher finds both answers on the Surveys page, with technician and comment.
					await desk.getByRole("link", { name: "Surveys" }).first().click();
					await desk.getByRole("heading", { level: 1, name: "Surveys" }).waitFor();
					await desk.getByRole("heading", { name: "Net Promoter Score" }).waitFor();
					const row = desk.getByRole("row").filter({ hasText: COMMENT });
					await row.waitFor();
					const text = (await row.textContent()) ?? "";
					assert.match(text, new RegExp(`#${job.number}`));
					assert.match(text, /9\/10/);
					assert.match(text, /Ava/);
					assert.match(text, /Grace Kim/);
					const fromLink = (await desk.getByRole("row").filter({ hasText: LOW_COMMENT }).textContent()) ?? "";
					assert.match(fromLink, /3\/10/);
					assert.match(fromLink, /Tracking link/);
					await assertAccessible(desk, "the console Surveys page");
				} finally {
					for (const context of opened) await context.close();
				}
			},
			{ viewport: { width: 1280, height: 900 } },
		);
	});
});
