const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
	let binary = "";
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** An unguessable secret for links and session ids: 256 random bits, base64url. */
export function newSecret(bytes = 32): string {
	return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A uniformly random 6-digit code ("042917"), by rejection sampling so no digit is favoured. */
export function newSixDigitCode(): string {
	const limit = 4_294_000_000; // largest multiple of 1e6 below 2^32
	const buf = new Uint32Array(1);
	for (;;) {
		crypto.getRandomValues(buf);
		const n = buf[0] ?? limit;
		if (n < limit) return String(n % 1_000_000).padStart(6, "0");
	}
}

export { sha256Hex } from "./sha256";

/** Compares two strings without leaking where they differ through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
	const left = encoder.encode(a);
	const right = encoder.encode(b);
	if (left.byteLength !== right.byteLength) {
		// Still spend the comparison so the length is the only thing revealed.
		crypto.subtle.timingSafeEqual(left, left);
		return false;
	}
	return crypto.subtle.timingSafeEqual(left, right);
}
