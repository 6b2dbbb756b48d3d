import { describe, expect, it } from "vitest";
import { EMAIL_MAX_LENGTH, normalizeEmail, parseEmail } from "../../../workers/domain/email";

/** The reason `parseEmail` refuses an input with; fails the test when it is accepted. */
function refusal(input: string): string {
	const result = parseEmail(input);
	if (result.ok) throw new Error(`accepted ${JSON.stringify(input)} as ${result.normalized}`);
	return result.reason;
}

describe("parseEmail", () => {
	it("keeps the address as typed, trimmed, and matches on NFKC, lowercase", () => {
		expect(parseEmail("  Pat.Lee@Clinic.Example \n")).toEqual({
			ok: true,
			email: "Pat.Lee@Clinic.Example",
			normalized: "pat.lee@clinic.example",
		});
	});

	it("folds full-width letters, ligatures and the Kelvin sign into their ASCII forms", () => {
		expect(parseEmail("ｐａｔ@clinic.example")).toMatchObject({ ok: true, normalized: "pat@clinic.example" });
		expect(parseEmail("\ufb01na@clinic.example")).toMatchObject({
			ok: true,
			normalized: "fina@clinic.example",
		});
		expect(parseEmail("\u212aim@clinic.example")).toMatchObject({
			ok: true,
			normalized: "kim@clinic.example",
		});
	});

	it("accepts the punctuation RFC 5322 allows unquoted, and non-ASCII domains", () => {
		for (const address of ["o'brien+invoices@firm.example", "a_b-c=d@sub.firm.example", "ana@café.example"]) {
			expect(parseEmail(address)).toMatchObject({ ok: true, normalized: address });
		}
	});

	it.each([
		["a plain quoted local part", '"bob"@firm.example'],
		["a quoted local part with an @", '"bob@home"@firm.example'],
	])("refuses %s as unsupported", (_, input) => {
		expect(refusal(input)).toBe("Quoted addresses are not supported.");
	});

	it.each([
		["a comma", "a@firm.example, b@firm.example"],
		["a semicolon", "a@firm.example;b@firm.example"],
		["a space", "a@firm.example b@firm.example"],
		["a display name", "Bob <bob@firm.example>"],
		["two @ signs", "a@b@firm.example"],
		["a quoted part with a space", '"bob smith"@firm.example'],
	])("refuses several addresses joined by %s", (_, input) => {
		expect(refusal(input)).toBe("Enter one email address only.");
	});

	it.each([
		["a bell", "bob\u0007@firm.example"],
		["a tab inside", "bob\t@firm.example"],
		["a NUL", "bob@firm\u0000.example"],
		["a DEL", "bob\u007f@firm.example"],
		["a C1 control", "bob\u0085@firm.example"],
		["a line separator", "bob\u2028@firm.example"],
	])("refuses %s as a control character", (_, input) => {
		expect(refusal(input)).toBe("The address contains control characters.");
	});

	it.each([
		["full-width @", "bob\uff20firm.example"],
		["small-form @", "bob\ufe6bfirm.example"],
		["full-width comma", "a@firm.example\uff0cb@firm.example"],
		["full-width semicolon", "a@firm.example\uff1bb@firm.example"],
	])("refuses a %s before NFKC could fold it into ASCII", (_, input) => {
		expect(refusal(input)).toBe("Use a regular @ sign, not a full-width one.");
	});

	it.each([
		["no domain", "bob@"],
		["no local part", "@firm.example"],
		["no TLD", "bob@localhost"],
		["a numeric TLD", "bob@firm.123"],
		["a leading dot", ".bob@firm.example"],
		["a trailing dot", "bob.@firm.example"],
		["two dots in a row", "bo..b@firm.example"],
		["a domain label ending in a hyphen", "bob@firm-.example"],
		["a 65-character local part", `${"a".repeat(65)}@firm.example`],
	])("refuses %s as malformed", (_, input) => {
		expect(refusal(input)).toBe("Enter a valid email address, like name@example.com.");
	});

	it("refuses an address without an @", () => {
		expect(parseEmail("bob.firm.example").ok).toBe(false);
	});

	it("refuses an empty or blank field", () => {
		expect(refusal("")).toBe("Enter an email address.");
		expect(refusal(" \t ")).toBe("Enter an email address.");
	});

	it(`accepts ${EMAIL_MAX_LENGTH} characters and refuses one more`, () => {
		const longest = `${"a".repeat(64)}@${"b".repeat(EMAIL_MAX_LENGTH - 64 - 1 - 4)}.com`;
		expect(longest).toHaveLength(EMAIL_MAX_LENGTH);
		expect(parseEmail(longest)).toMatchObject({ ok: true });
		expect(refusal(`${longest}m`)).toBe(`An email address has at most ${EMAIL_MAX_LENGTH} characters.`);
	});
});

describe("normalizeEmail", () => {
	it("trims, applies NFKC and lowercases, as parseEmail's normalized form does", () => {
		for (const typed of ["  Walk.In@Example.COM ", "ＷＡＬＫ.ＩＮ@example.com", "walk.in@example.com"]) {
			expect(normalizeEmail(typed)).toBe("walk.in@example.com");
			const parsed = parseEmail(typed);
			expect(parsed.ok && parsed.normalized).toBe(normalizeEmail(typed));
		}
	});
});
