import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { repeatableGateCall } from "../../workers/live/channels";

const reset = (extra: Record<string, unknown>) => Object.assign(new Error("Durable Object reset"), extra);

/** A call failing with each of `errors` in turn, then answering; how often it was made. */
function flaky(errors: unknown[]) {
	let calls = 0;
	return {
		calls: () => calls,
		call: async () => {
			const error = errors[calls++];
			if (error) throw error;
			return "answer";
		},
	};
}

describe("a read the gate may answer twice", () => {
	it("is made once more when the object was reset under it", async () => {
		const f = flaky([reset({ retryable: true })]);
		await expect(repeatableGateCall(env, "tenant_retry", f.call)).resolves.toBe("answer");
		expect(f.calls()).toBe(2);
	});

	it("is not repeated a second time, nor when the object is overloaded, nor for other errors", async () => {
		const twice = flaky([reset({ retryable: true }), reset({ retryable: true })]);
		await expect(repeatableGateCall(env, "tenant_retry", twice.call)).rejects.toThrow("reset");
		expect(twice.calls()).toBe(2);
		const overloaded = flaky([reset({ retryable: true, overloaded: true })]);
		await expect(repeatableGateCall(env, "tenant_retry", overloaded.call)).rejects.toThrow("reset");
		expect(overloaded.calls()).toBe(1);
		const plain = flaky([new Error("a bug")]);
		await expect(repeatableGateCall(env, "tenant_retry", plain.call)).rejects.toThrow("a bug");
		expect(plain.calls()).toBe(1);
	});

	it("reaches the real gate", async () => {
		const seq = await repeatableGateCall(env, "tenant_retry", (gate) => gate.boardSeq());
		expect(seq).toBe(0);
	});
});
