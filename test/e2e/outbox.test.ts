import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type OutboxEmail, signInCode } from "./outbox.ts";

// The journeys read sign-in codes from the dev outbox, where a job's notifications to the same
// person land beside them: the reader takes the code only from a sign-in email's code line.
const email = (subject: string, text: string): OutboxEmail => ({
	to: ["grace@harborview.example"],
	subject,
	text,
	sentAt: 0,
});

describe("reading the outbox", () => {
	it("takes a sign-in email's code from its code line, spaced or not, in either language", () => {
		const link = "http://127.0.0.1:8787/c/bayside-plumbing/sign-in/verify#token=Zp123456zF0";
		const english = `Sign in to Bayside Plumbing:\n${link}\n\nOr enter this code: 493 721\n\nThe link expires in 10 minutes.\n`;
		assert.equal(signInCode(email("Your sign-in link for Bayside Plumbing", english)), "493721");
		const spanish = `Entrar en Bayside Plumbing:\n${link}\n\nO escribe este código: 104822\n`;
		assert.equal(signInCode(email("Tu enlace para entrar en Bayside Plumbing", spanish)), "104822");
	});

	it("refuses a notification whose phone number reads like a spaced code", () => {
		const completed = email(
			"Completed: job #597 with Bayside Plumbing",
			"Your job is complete.\n\nQuestions? Call Bayside Plumbing at +1 415 555 0142. Stop these emails: http://x/u\n",
		);
		assert.throws(() => signInCode(completed), /not a sign-in email/);
	});
});
